/**
 * A1 addresses for 0-based (row, col) pairs.
 */

/** Letters of the first columns, built on demand: addresses are made for every computed cell. */
const CACHED_COLUMNS = 1024;
const LETTERS: (string | undefined)[] = new Array<string | undefined>(CACHED_COLUMNS);

/** 0 -> 'A', 25 -> 'Z', 26 -> 'AA'. */
export function columnLetter(col: number): string {
  if (col >= 0 && col < CACHED_COLUMNS && Number.isInteger(col))
    return (LETTERS[col] ??= lettersOf(col));
  if (!Number.isInteger(col) || col < 0) throw new RangeError(`invalid column index: ${col}`);
  return lettersOf(col);
}

function lettersOf(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * One number per cell (rows of up to Excel's 16,384 columns): a map key cheaper than `${r},${c}`
 * strings on sheets of 50,000 rows.
 */
export function cellKey(row: number, col: number): number {
  return row * 16384 + col;
}

/** (0, 0) -> 'A1'. */
export function cellAddress(row: number, col: number): string {
  if (!Number.isInteger(row) || row < 0) throw new RangeError(`invalid row index: ${row}`);
  return `${columnLetter(col)}${row + 1}`;
}

/** 'B12' or '$B$12' (optionally 'Sheet!B12') -> { row: 11, col: 1 } (0-based); null if not an address. */
export function parseAddress(address: string): { row: number; col: number } | null {
  const m = /^(?:.*!)?\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (row < 1) return null;
  return { row: row - 1, col: col - 1 };
}

/** Quote a sheet name for use in a formula: Data -> 'Data' (always quoted, quotes doubled). */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
