/** Build SheetGrids in tests from A1-addressed cells and merges, the way a sheet reads. */
import type { CellValue } from "../../src/core/errors";
import { parseAddress } from "../../src/core/engine/address";
import type { MergedArea, SheetCell, SheetGrid } from "../../src/core/engine/types";

export type CellSpec = CellValue | { value: CellValue; formula?: string; numFmt?: string };

export function sheet(
  cells: Record<string, CellSpec>,
  merges: string[] = [],
  name = "S"
): SheetGrid {
  const grid: SheetGrid = { name, cells: [], merges: [] };
  for (const [addr, spec] of Object.entries(cells)) {
    const at = parseAddress(addr);
    if (!at) throw new Error(`bad address ${addr}`);
    const cell: SheetCell =
      spec !== null && typeof spec === "object" && !(spec instanceof Date)
        ? { ...spec }
        : { value: spec as CellValue };
    if (cell.formula) cell.formula = cell.formula.replace(/^=/, "");
    (grid.cells[at.row] ??= [])[at.col] = cell;
  }
  for (let r = 0; r < grid.cells.length; r++) grid.cells[r] ??= [];
  grid.merges = merges.map(area);
  return grid;
}

export function area(a1: string): MergedArea {
  const [from, to] = a1.split(":");
  const f = parseAddress(from);
  const t = parseAddress(to ?? from);
  if (!f || !t) throw new Error(`bad range ${a1}`);
  return { top: f.row, left: f.col, bottom: t.row, right: t.col };
}

/** Cells of one row from a start column: row(5, "A", [1, "x", null, 3]). */
export function row(r: number, startCol: string, values: CellSpec[]): Record<string, CellSpec> {
  const start = parseAddress(`${startCol}1`);
  if (!start) throw new Error(`bad column ${startCol}`);
  const out: Record<string, CellSpec> = {};
  values.forEach((v, i) => {
    if (v === null || v === undefined || v === "") return;
    out[`${columnName(start.col + i)}${r}`] = v;
  });
  return out;
}

export function columnName(c: number): string {
  let s = "";
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
