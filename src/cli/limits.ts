/**
 * Limits on what one input may cost, checked BEFORE the workbook is loaded: an .xlsx is a zip, and
 * a 1.5 MB zip can hold a 1.5 GB sheet that would take minutes and gigabytes to read.
 *
 *   size   sum of the uncompressed sizes in the zip's central directory (no data is inflated)
 *   rows   per sheet: the last row of its <dimension ref>, else the <row> elements counted while
 *          the sheet XML is streamed through (only for sheets without <dimension>)
 *   cells  per workbook: the area of each sheet's <dimension ref> (or <c> elements counted)
 *
 * A dimension can claim far more than a sheet holds (formatting down to row 1,048,576): a stored
 * cell takes at least 4 bytes of XML (`<c/>`) and a row at least 6 (`<row/>`), so the counts are
 * also capped by what the sheet's uncompressed size can hold. Overridable: --maks-ukuran,
 * --maks-sel, --maks-baris (0 = no limit). Exit code 4 (EXIT_LIMIT) with a message saying which
 * flag raises the limit.
 */
import * as fs from "fs";
import type { Inflate as InflateT } from "fflate";
import { limitError } from "./exit";
import { fmtNum } from "./i18n";
import { readCentralDirectory, SIG_LOC, type ZipEntry } from "./zip-directory";

export interface Limits {
  /** Bytes of uncompressed zip content; 0 = no limit. */
  maxBytes: number;
  /** Cells in the whole workbook; 0 = no limit. */
  maxCells: number;
  /** Rows in any one sheet; 0 = no limit. */
  maxRows: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = {
  maxBytes: 300 * MiB,
  maxCells: 3_000_000,
  maxRows: 250_000,
};

/** "500MB", "1.5GB", "300M", "750k", "1048576" -> bytes (K/M/G powers of 1024). */
export function parseSize(s: string): number | null {
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*([kmgt]?)(i?b)?\s*$/i.exec(s);
  if (!m) return null;
  const n = Number(m[1].replace(",", "."));
  const pow = { "": 0, k: 1, m: 2, g: 3, t: 4 }[m[2].toLowerCase() as "" | "k" | "m" | "g" | "t"];
  const v = Math.round(n * 1024 ** pow);
  return Number.isFinite(v) ? v : null;
}

/** "5000000", "5.000.000", "5_000_000", "5jt", "5m", "200rb", "200k" -> count. */
export function parseCount(s: string): number | null {
  const m = /^\s*(\d+(?:[._]\d{3})*|\d+(?:,\d+)?)\s*(rb|k|jt|m)?\s*$/i.exec(s);
  if (!m) return null;
  const base = m[2] ? Number(m[1].replace(",", ".")) : Number(m[1].replace(/[._]/g, ""));
  const mult = !m[2] ? 1 : /^(rb|k)$/i.test(m[2]) ? 1000 : 1_000_000;
  const v = Math.round(base * mult);
  return Number.isFinite(v) ? v : null;
}

/** Bytes as "1,5 GB" / "300 MB". */
export function fmtSize(n: number): string {
  if (n >= 1024 * MiB) return `${fmtNum(n / (1024 * MiB), 1)} GB`;
  if (n >= MiB) return `${fmtNum(n / MiB, 1)} MB`;
  if (n >= 1024) return `${fmtNum(n / 1024, 1)} KB`;
  return `${n} B`;
}

/** The compressed bytes of an entry, or null when its local header is not where the directory says. */
function entryData(buf: Buffer, en: ZipEntry): Buffer | null {
  const o = en.localOffset;
  if (o + 30 > buf.length || buf.readUInt32LE(o) !== SIG_LOC) return null;
  const start = o + 30 + buf.readUInt16LE(o + 26) + buf.readUInt16LE(o + 28);
  return buf.subarray(start, Math.min(buf.length, start + en.compressedSize));
}

/**
 * Stream an entry's XML through `visit` (latin1 text; markup is ASCII) until it returns true.
 * Compressed input goes in 8 KB pieces, so stopping early inflates at most a few MB.
 */
function streamEntry(buf: Buffer, en: ZipEntry, visit: (text: string) => boolean): void {
  const data = entryData(buf, en);
  if (!data) return;
  if (en.method === 0) {
    for (let i = 0; i < data.length; i += 1 << 20) {
      if (visit(data.toString("latin1", i, Math.min(data.length, i + (1 << 20))))) return;
    }
    return;
  }
  if (en.method !== 8) return;
  let stop = false;
  // Required here, not at the top: `monev --help` loads this module for the defaults only.
  const { Inflate } = require("fflate") as { Inflate: typeof InflateT };
  const inf = new Inflate((chunk) => {
    if (
      !stop &&
      visit(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).toString("latin1"))
    )
      stop = true;
  });
  try {
    for (let i = 0; i < data.length && !stop; i += 8192) {
      inf.push(data.subarray(i, i + 8192), i + 8192 >= data.length);
    }
  } catch {
    /* a damaged stream: the loader reports it with its own message */
  }
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export interface SheetSize {
  part: string;
  rows: number;
  cells: number;
  /** "dimension" when read from <dimension ref>, "counted" when counted in the XML. */
  source: "dimension" | "counted";
}

/** Rows and cells of one worksheet part: from <dimension ref>, else counted while streaming. */
export function sheetSize(buf: Buffer, en: ZipEntry): SheetSize {
  let head = "";
  let dim: string | null = null;
  streamEntry(buf, en, (text) => {
    head += text;
    const m = /<(?:\w+:)?dimension\b[^>]*?\bref="([^"]*)"/.exec(head);
    if (m) {
      dim = m[1];
      return true;
    }
    // <dimension> precedes <sheetData> in the schema; past it, or after 1 MB of preamble, stop looking.
    return /<(?:\w+:)?sheetData\b/.test(head) || head.length > MiB;
  });
  const byBytesCells = Math.floor(en.size / 4);
  const byBytesRows = Math.floor(en.size / 6);
  const d =
    dim !== null
      ? /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(String(dim).trim())
      : null;
  if (d) {
    const c1 = colNumber(d[1]);
    const r1 = Number(d[2]);
    const c2 = d[3] ? colNumber(d[3]) : c1;
    const r2 = d[4] ? Number(d[4]) : r1;
    const area = (Math.abs(r2 - r1) + 1) * (Math.abs(c2 - c1) + 1);
    return {
      part: en.name,
      rows: Math.min(Math.max(r1, r2), byBytesRows),
      cells: Math.min(area, byBytesCells),
      source: "dimension",
    };
  }
  // No usable dimension: count <row> and <c> elements (bounded by the size limit checked first).
  let rows = 0;
  let cells = 0;
  let tail = "";
  streamEntry(buf, en, (text) => {
    const s = tail + text;
    // Count only matches that start in this piece's new text, or that started in the tail but
    // could not be recognised there (the tail is shorter than any element name we look for).
    for (const m of s.matchAll(/<(?:\w+:)?(row|c)[\s/>]/g)) {
      if ((m.index ?? 0) + m[0].length <= tail.length) continue;
      if (m[1] === "row") rows++;
      else cells++;
    }
    tail = s.slice(-16);
    return false;
  });
  return { part: en.name, rows, cells, source: "counted" };
}

export interface WorkbookSize {
  bytes: number;
  sheets: SheetSize[];
}

/** Measure a workbook without loading it; null when it is not a readable zip. */
export function measureWorkbook(buf: Buffer, limits: Limits): WorkbookSize | null {
  const entries = readCentralDirectory(buf);
  if (!entries) return null;
  const bytes = entries.reduce((n, e) => n + e.size, 0);
  // Over the size limit already: do not inflate anything to count rows.
  if (limits.maxBytes > 0 && bytes > limits.maxBytes) return { bytes, sheets: [] };
  const sheets = entries
    .filter((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name))
    .map((e) => sheetSize(buf, e));
  return { bytes, sheets };
}

/** Throw a CliError (exit 4) when `file` is over a limit; silently return for a file the loader will reject. */
export function checkLimits(file: string, limits: Limits): void {
  if (!limits.maxBytes && !limits.maxCells && !limits.maxRows) return;
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return; // missing / unreadable: the loader says which
  }
  const size = measureWorkbook(buf, limits);
  if (!size) return;
  if (limits.maxBytes > 0 && size.bytes > limits.maxBytes) {
    throw limitError(
      `Berkas terlalu besar untuk diproses: ${file} berisi ${fmtSize(size.bytes)} data setelah diekstrak ` +
        `(batas ${fmtSize(limits.maxBytes)}; berkas .xlsx ${fmtSize(buf.length)}). Bila berkas ini memang sah, ` +
        `naikkan batas, mis. --maks-ukuran ${Math.ceil((size.bytes / MiB) * 1.1)}MB.`,
      `The file is too large to process: ${file} holds ${fmtSize(size.bytes)} of data once unpacked ` +
        `(limit ${fmtSize(limits.maxBytes)}; the .xlsx is ${fmtSize(buf.length)}). If the file is genuine, ` +
        `raise the limit, e.g. --maks-ukuran ${Math.ceil((size.bytes / MiB) * 1.1)}MB.`
    );
  }
  if (limits.maxRows > 0) {
    const big = size.sheets.find((s) => s.rows > limits.maxRows);
    if (big) {
      throw limitError(
        `Lembar terlalu panjang: ${file} (${big.part}) punya ${fmtNum(big.rows)} baris (batas ${fmtNum(limits.maxRows)}). ` +
          `Bila memang sah, naikkan batas dengan --maks-baris ${big.rows}.`,
        `Sheet too long: ${file} (${big.part}) has ${fmtNum(big.rows)} rows (limit ${fmtNum(limits.maxRows)}). ` +
          `If genuine, raise the limit with --maks-baris ${big.rows}.`
      );
    }
  }
  if (limits.maxCells > 0) {
    const cells = size.sheets.reduce((n, s) => n + s.cells, 0);
    if (cells > limits.maxCells) {
      throw limitError(
        `Terlalu banyak sel: ${file} punya hingga ${fmtNum(cells)} sel (batas ${fmtNum(limits.maxCells)}). ` +
          `Bila memang sah, naikkan batas dengan --maks-sel ${cells}.`,
        `Too many cells: ${file} has up to ${fmtNum(cells)} cells (limit ${fmtNum(limits.maxCells)}). ` +
          `If genuine, raise the limit with --maks-sel ${cells}.`
      );
    }
  }
}
