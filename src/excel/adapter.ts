/**
 * Office.js adapter of the task pane: reads the active sheet into a SheetGrid, applies a WritePlan
 * all-or-nothing, builds the evaluation sheet, makes the workbook portable and undoes any of those.
 *
 * Requirement sets used (declare the highest one in the manifest):
 * - ExcelApi 1.1: Excel.run, worksheets.getActiveWorksheet/getItem/add, Range values/formulas/
 *   numberFormat/address/rowCount/columnCount, Range.select, Worksheet.activate/delete,
 *   charts.add, Range.format (columnWidth, wrapText, font.bold), Range.merge
 * - ExcelApi 1.2: Worksheet.protection (protected)
 * - ExcelApi 1.4: Worksheet.getUsedRangeOrNullObject, worksheets.getItemOrNullObject
 * - ExcelApi 1.6: conditional formats (TextComparison, priority, stopIfTrue, id),
 *   Application.suspendApiCalculationUntilNextSync
 * - ExcelApi 1.7: ChartSeriesCollection.add, ChartSeries.setValues/setXAxisValues/chartType
 * - ExcelApi 1.9: Range.copyFrom (a formula copied down a run: O(1) payload instead of one string per row),
 *   Worksheet.pageLayout.orientation (the evaluation sheet prints landscape)
 * - ExcelApi 1.13: Range.getMergedAreasOrNullObject
 * => minimum: ExcelApi 1.13 (Excel 2021 / Microsoft 365, Excel on the web).
 *
 * Sync budget: readActiveSheet 2 syncs, applyPlan 2 syncs (+1 per extra ~3.5 MB of payload),
 * generateEvaluationSheet 2, makePortable 3, undo 2 (+1 per extra payload chunk). No sync in loops
 * over rows: every per-row or per-block operation is queued and sent in one batch.
 */
import { appendAll, maxOf, minOf } from "../core/arrays";
import type { CellValue } from "../core/errors";
import { isMonevError } from "../core/errors";
import type { PlannedWrite, SheetAnalysis, SheetCell, SheetGrid, WritePlan } from "../core/engine/types";
import { toPortableFormula } from "../core/engine/portable";
import { DEFAULT_PREDIKAT, isPredikatWrite, layoutEvaluation, uniqueSheetName } from "../core/engine/evaluation-sheet";
import { a1, a1Range, parseRange, Rect, sheetOf, shiftFormula, stripSheet } from "./a1";

/** Largest used range read into memory (rows x columns). */
export const MAX_CELLS = 2_000_000;
/** Payload budget of one write batch; Excel rejects requests above 5 MB (Excel on the web). */
export const MAX_REQUEST_BYTES = 3_500_000;

export type AdapterErrorCode =
  | "empty"
  | "too-large"
  | "protected"
  | "edit-mode"
  | "merge-conflict"
  | "no-table"
  | "nothing-to-write"
  | "write-failed"
  | "not-found"
  | "unknown";

/** Error with an Indonesian message for the pane's MessageBar (English in messageEn). */
export class AdapterError extends Error {
  constructor(
    readonly code: AdapterErrorCode,
    message: string,
    readonly messageEn: string = message,
    readonly detail?: string,
  ) {
    super(message);
    this.name = "AdapterError";
  }
}

function officeCode(e: unknown): string {
  if (e && typeof e === "object" && "code" in e) return String((e as { code: unknown }).code);
  return "";
}

function errText(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === "object" && "message" in e) return String((e as { message: unknown }).message);
  return String(e);
}

export function protectedError(sheet: string): AdapterError {
  return new AdapterError(
    "protected",
    `Lembar diproteksi: '${sheet}'. Buka proteksi lembar (Tinjau > Buka Proteksi Lembar) lalu coba lagi. Tidak ada sel yang diubah.`,
    `Sheet is protected: '${sheet}'. Unprotect it (Review > Unprotect Sheet) and try again. Nothing was changed.`,
  );
}

/** Map an Office.js (or any) error to an AdapterError with an Indonesian message. */
export function mapOfficeError(e: unknown): AdapterError {
  if (e instanceof AdapterError) return e;
  const code = officeCode(e);
  const msg = errText(e);
  if (code === "InvalidOperationInCellEditMode" || /cell.?edit mode/i.test(msg)) {
    return new AdapterError(
      "edit-mode",
      "Excel sedang dalam mode edit sel. Tekan Enter atau Esc untuk keluar dari sel, lalu coba lagi.",
      "Excel is in cell-edit mode. Press Enter or Esc to leave the cell, then try again.",
      msg,
    );
  }
  if (code === "AccessDenied" || /protect/i.test(msg)) {
    return new AdapterError(
      "protected",
      "Lembar diproteksi atau akses ditolak. Buka proteksi lembar lalu coba lagi.",
      "The sheet is protected or access was denied. Unprotect the sheet and try again.",
      msg,
    );
  }
  if (code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded") {
    return new AdapterError(
      "too-large",
      "Data terlalu besar untuk satu permintaan ke Excel. Perkecil tabel lalu coba lagi.",
      "The data is too large for one request to Excel. Make the table smaller and try again.",
      msg,
    );
  }
  if (code === "ItemNotFound") {
    return new AdapterError("not-found", `Objek tidak ditemukan di buku kerja: ${msg}`, `Item not found: ${msg}`, msg);
  }
  return new AdapterError("unknown", `Excel menolak perintah: ${msg}`, `Excel rejected the request: ${msg}`, msg);
}

// ---------------------------------------------------------------------------------------------
// Undo record

export interface CellBlockBackup {
  sheet: string;
  /** A1 address of the block on its sheet (no sheet prefix). */
  address: string;
  /** Previous formulas (constants for plain cells, '' for empty cells), as Range.formulas returns them. */
  formulas: unknown[][];
  numberFormat: string[][];
}

export interface UndoRecord {
  kind: "fill" | "generate" | "portable";
  blocks: CellBlockBackup[];
  /** Worksheets created by the action; undo deletes them. */
  createdSheets: string[];
  /** Conditional formats added by the action, by range and id. */
  conditionalFormats: { sheet: string; address: string; id: string }[];
  /** Number of cells written. */
  written: number;
  notes: string[];
  /** Name of the generated sheet (generate). */
  sheetName?: string;
}

// ---------------------------------------------------------------------------------------------
// Reading

function splitAreas(address: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      if (cur.trim()) out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** Parse the address of a RangeAreas (merged areas) into rectangles. */
export function parseAreas(address: string): Rect[] {
  return splitAreas(address).map((a) => parseRange(a));
}

function toGrid(name: string, isProtected: boolean, values: unknown[][], formulas: unknown[][], formats: unknown[][], merges: Rect[]): SheetGrid {
  const cells: (SheetCell | undefined)[][] = [];
  for (let r = 0; r < values.length; r++) {
    const row: (SheetCell | undefined)[] = [];
    const vr = values[r];
    const fr = formulas[r] ?? [];
    const nr = formats[r] ?? [];
    for (let c = 0; c < vr.length; c++) {
      const f = fr[c];
      const v = vr[c];
      const hasFormula = typeof f === "string" && f.startsWith("=");
      if (!hasFormula && (v === "" || v === null || v === undefined)) {
        row.push(undefined);
        continue;
      }
      const cell: SheetCell = { value: v as CellValue };
      if (hasFormula) cell.formula = (f as string).slice(1);
      const nf = nr[c];
      if (typeof nf === "string" && nf !== "General") cell.numFmt = nf;
      row.push(cell);
    }
    cells.push(row);
  }
  return { name, cells, merges, protected: isProtected };
}

/**
 * Read the active sheet's (or the named sheet's) used range (from A1) into a SheetGrid. Two syncs whatever the size:
 * the first reads the used range's size (guarded by MAX_CELLS), the second its values, formulas,
 * number formats and merged areas.
 */
export async function readActiveSheet(sheetName?: string): Promise<SheetGrid> {
  try {
    return await Excel.run(async (context) => {
      const ws = sheetName ? context.workbook.worksheets.getItem(sheetName) : context.workbook.worksheets.getActiveWorksheet();
      ws.load("name");
      const protection = ws.protection;
      protection.load("protected");
      const used = ws.getUsedRangeOrNullObject(true);
      used.load("address,rowIndex,columnIndex,rowCount,columnCount");
      await context.sync();
      if (used.isNullObject) {
        throw new AdapterError(
          "empty",
          `Lembar '${ws.name}' kosong. Buka lembar yang berisi tabel evaluasi lalu tekan Pindai ulang.`,
          `Sheet '${ws.name}' is empty. Open the sheet with the evaluation table and press Rescan.`,
        );
      }
      const rows = used.rowIndex + used.rowCount;
      const cols = used.columnIndex + used.columnCount;
      if (rows * cols > MAX_CELLS) {
        throw new AdapterError(
          "too-large",
          `Rentang terpakai terlalu besar (${stripSheet(used.address)}: ${rows.toLocaleString("id-ID")} baris x ${cols} kolom, batas ${MAX_CELLS.toLocaleString("id-ID")} sel). Salin tabel evaluasi ke lembar baru lalu coba lagi.`,
          `The used range is too large (${stripSheet(used.address)}: ${rows} rows x ${cols} columns, limit ${MAX_CELLS} cells). Copy the evaluation table to a new sheet and try again.`,
        );
      }
      const range = ws.getRange(a1Range(0, 0, rows - 1, cols - 1));
      range.load("values,formulas,numberFormat");
      const merged = range.getMergedAreasOrNullObject();
      merged.load("address");
      await context.sync();
      const merges = merged.isNullObject ? [] : parseAreas(merged.address);
      return toGrid(ws.name, protection.protected, range.values, range.formulas, range.numberFormat, merges);
    });
  } catch (e) {
    throw mapOfficeError(e);
  }
}

/** Values of a range given as 'A1:C5' (active sheet) or 'Sheet!A1:C5' (e.g. a custom scale table). */
export async function readRangeValues(address: string): Promise<CellValue[][]> {
  try {
    return await Excel.run(async (context) => {
      const sheet = sheetOf(address);
      const ws = sheet ? context.workbook.worksheets.getItem(sheet) : context.workbook.worksheets.getActiveWorksheet();
      const range = ws.getRange(stripSheet(address));
      range.load("values");
      await context.sync();
      return range.values as CellValue[][];
    });
  } catch (e) {
    throw mapOfficeError(e);
  }
}

/** Activate a sheet and select a cell (findings list). */
export async function selectCell(sheet: string, address: string): Promise<void> {
  try {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(stripSheet(address)).select();
      await context.sync();
    });
  } catch (e) {
    throw mapOfficeError(e);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

interface Block {
  sheet: string;
  col: number;
  top: number;
  bottom: number;
  writes: PlannedWrite[];
}

interface WriteBlock {
  sheet: string;
  address: string;
  /** Formulas of the block, or of its first cell only when fillDown is set. */
  formulas: unknown[][];
  numberFormat: string[][];
  bytes: number;
  /** The block is one formula copied down: write the first cell, then Range.copyFrom (O(1) payload). */
  fillDown?: boolean;
}

const keyOf = (w: { sheet: string; row: number; col: number }) => `${w.sheet}\u0000${w.row}\u0000${w.col}`;

function isNonEmpty(c: SheetCell | undefined): boolean {
  return !!c && ((c.value !== null && c.value !== undefined && c.value !== "") || !!c.formula);
}

/** The writes an apply performs: conflicts only when overwrite is on; one write per cell. */
export function selectWrites(plan: WritePlan, overwrite: boolean): PlannedWrite[] {
  const conflictKeys = new Set(plan.conflicts.map(keyOf));
  const map = new Map<string, PlannedWrite>();
  for (const w of plan.writes) {
    const k = keyOf(w);
    if (!overwrite && (conflictKeys.has(k) || isNonEmpty(w.previous))) continue;
    map.set(k, w);
  }
  if (overwrite) for (const w of plan.conflicts) if (!map.has(keyOf(w))) map.set(keyOf(w), w);
  return [...map.values()];
}

/** Contiguous runs of rows per (sheet, column). */
export function toBlocks(writes: PlannedWrite[]): Block[] {
  const sorted = [...writes].sort((x, y) =>
    x.sheet < y.sheet ? -1 : x.sheet > y.sheet ? 1 : x.col - y.col || x.row - y.row,
  );
  const blocks: Block[] = [];
  let cur: Block | undefined;
  for (const w of sorted) {
    if (cur && cur.sheet === w.sheet && cur.col === w.col && w.row === cur.bottom + 1) {
      cur.bottom = w.row;
      cur.writes.push(w);
    } else {
      cur = { sheet: w.sheet, col: w.col, top: w.row, bottom: w.row, writes: [w] };
      blocks.push(cur);
    }
  }
  return blocks;
}

/** Request overhead of one queued action (object paths, ids, property name) in Office.js's JSON. */
const ACTION_OVERHEAD = 250;

function estimateBytes(address: string, formulas: unknown[][], numberFormat: string[][]): number {
  const fmt = numberFormat.length > 0 ? JSON.stringify(numberFormat).length + ACTION_OVERHEAD : 0;
  return JSON.stringify(formulas).length + fmt + address.length + 2 * ACTION_OVERHEAD;
}

/** Split blocks into batches whose estimated payload stays under the budget. */
export function chunkByBytes<T extends { bytes: number }>(items: T[], budget = MAX_REQUEST_BYTES): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let size = 0;
  for (const it of items) {
    if (cur.length > 0 && size + it.bytes > budget) {
      out.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(it);
    size += it.bytes;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** Queue one block: number formats first (so '@' text cells keep their text), then formulas. */
function queueBlock(
  context: Excel.RequestContext,
  b: { sheet: string; address: string; formulas: unknown[][]; numberFormat: string[][]; fillDown?: boolean },
): void {
  const ws = context.workbook.worksheets.getItem(b.sheet);
  const range = ws.getRange(b.address);
  if (b.numberFormat.length > 0) range.numberFormat = b.numberFormat;
  if (!b.fillDown) {
    if (b.formulas.length > 0) range.formulas = b.formulas as string[][];
    return;
  }
  const r = parseRange(b.address);
  const first = ws.getRange(a1(r.top, r.left));
  first.formulas = b.formulas as string[][];
  if (r.bottom > r.top) ws.getRange(a1Range(r.top + 1, r.left, r.bottom, r.right)).copyFrom(first, "Formulas");
}

function rowsOf(address: string): number {
  const r = parseRange(address);
  return r.bottom - r.top + 1;
}

/** Split a block whose payload is above the budget into row slices. */
function splitBlock(b: WriteBlock, budget: number): WriteBlock[] {
  const r = parseRange(b.address);
  const rows = r.bottom - r.top + 1;
  if (b.fillDown || b.bytes <= budget || rows < 2) return [b];
  const rowsPer = Math.max(1, Math.floor((rows * budget) / b.bytes / 1.1));
  const out: WriteBlock[] = [];
  for (let i = 0; i < rows; i += rowsPer) {
    const last = Math.min(rows, i + rowsPer);
    const f = b.formulas.length > 0 ? b.formulas.slice(i, last) : [];
    const n = b.numberFormat.length > 0 ? b.numberFormat.slice(i, last) : [];
    const address = a1Range(r.top + i, r.left, r.top + last - 1, r.right);
    out.push({ sheet: b.sheet, address, formulas: f, numberFormat: n, bytes: estimateBytes(address, f, n) });
  }
  return out;
}

const MIN_FILL_DOWN = 4;

/**
 * Cut a run of writes into segments: maximal stretches where each formula is the stretch's first
 * formula copied down (written with one formula + Range.copyFrom), and the rest (written as arrays).
 */
export function segments(writes: PlannedWrite[]): { start: number; length: number; fillDown: boolean }[] {
  const out: { start: number; length: number; fillDown: boolean }[] = [];
  let i = 0;
  let plainStart = -1;
  const flushPlain = (end: number) => {
    if (plainStart >= 0) out.push({ start: plainStart, length: end - plainStart, fillDown: false });
    plainStart = -1;
  };
  while (i < writes.length) {
    const f0 = writes[i].formula;
    let j = i + 1;
    if (f0) while (j < writes.length && writes[j].formula !== undefined && shiftFormula(f0, j - i, 0) === writes[j].formula) j++;
    if (f0 && j - i >= MIN_FILL_DOWN) {
      flushPlain(i);
      out.push({ start: i, length: j - i, fillDown: true });
      i = j;
    } else {
      if (plainStart < 0) plainStart = i;
      i++;
    }
  }
  flushPlain(writes.length);
  return out;
}

/** Queue and sync batches one after the other (one sync per batch; batches exist only above the payload budget). */
async function sendBatches<T>(
  ctx: Excel.RequestContext,
  batches: T[][],
  queue: (batch: T[], index: number) => void,
  onDone?: (index: number) => void,
): Promise<void> {
  await batches.reduce(
    (p, batch, i) =>
      p.then(async () => {
        ctx.application.suspendApiCalculationUntilNextSync();
        queue(batch, i);
        await ctx.sync();
        onDone?.(i);
      }),
    Promise.resolve(),
  );
}

function cellText(w: PlannedWrite): unknown {
  if (w.formula !== undefined && w.formula !== "") return `=${w.formula}`;
  if (w.value === null || w.value === undefined) return "";
  if (typeof w.value === "string" && /^[=+-]/.test(w.value)) return `'${w.value}`;
  return w.value;
}

/** Predikat colours by code/label (fill, font). */
const PREDIKAT_COLOURS: { test: RegExp; fill: string; font: string }[] = [
  { test: /^(st|sangat tinggi|sb|sangat baik|sangat berhasil|aa)$/i, fill: "#63BE7B", font: "#000000" },
  { test: /^(t|tinggi|b|baik|berhasil|a|bb)$/i, fill: "#C6EFCE", font: "#006100" },
  { test: /^(s|sedang|cb|cukup baik|cukup berhasil|cc)$/i, fill: "#FFEB9C", font: "#9C5700" },
  { test: /^(r|rendah|kb|kurang baik|kurang berhasil|c)$/i, fill: "#FFC7CE", font: "#9C0006" },
  { test: /^(sr|sangat rendah|tb|tidak baik|tidak berhasil|d)$/i, fill: "#F8696B", font: "#FFFFFF" },
];

export function predikatColour(label: string): { fill: string; font: string } | undefined {
  const hit = PREDIKAT_COLOURS.find((c) => c.test.test(label.trim()));
  return hit ? { fill: hit.fill, font: hit.font } : undefined;
}


/** Labels to colour: the codes/labels the plan writes, else the default Permendagri codes. */
function predikatLabels(writes: PlannedWrite[]): string[] {
  const seen = new Set<string>();
  for (const w of writes) if (typeof w.value === "string" && w.value.trim() && predikatColour(w.value)) seen.add(w.value.trim());
  const labels = seen.size > 0 ? [...seen] : DEFAULT_PREDIKAT;
  // Longest first: text rules are 'begins with', so 'ST' must win over 'S' (stopIfTrue).
  return labels.sort((x, y) => y.length - x.length || x.localeCompare(y));
}

function queueConditionalFormats(range: Excel.Range, labels: string[]): Excel.ConditionalFormat[] {
  return labels.map((label, i) => {
    const cf = range.conditionalFormats.add("ContainsText");
    const colour = predikatColour(label) ?? { fill: "#D9D9D9", font: "#000000" };
    cf.textComparison.format.fill.color = colour.fill;
    cf.textComparison.format.font.color = colour.font;
    cf.textComparison.rule = { operator: "BeginsWith", text: label };
    cf.priority = i;
    cf.stopIfTrue = true;
    cf.load("id");
    return cf;
  });
}

/** Fallback for spans with merged cells between the runs: one write per run (segment). */
function queueRunBlocks(
  b: Block,
  prevByKey: Map<string, { formula: unknown; fmt: string }>,
  record: UndoRecord,
  toWrite: WriteBlock[],
  budget: number,
): void {
  const address = a1Range(b.top, b.col, b.bottom, b.col);
  const prevF: unknown[][] = [];
  const prevN: string[][] = [];
  const newF: unknown[][] = [];
  const newN: string[][] = [];
  for (const w of b.writes) {
    const prev = prevByKey.get(keyOf(w)) ?? { formula: "", fmt: "General" };
    prevF.push([prev.formula]);
    prevN.push([prev.fmt]);
    newF.push([cellText(w)]);
    newN.push([w.numFmt ?? prev.fmt]);
  }
  record.blocks.push({ sheet: b.sheet, address, formulas: prevF, numberFormat: prevN });
  for (const seg of segments(b.writes)) {
    const top = b.top + seg.start;
    const segAddress = a1Range(top, b.col, top + seg.length - 1, b.col);
    const nNew = newN.slice(seg.start, seg.start + seg.length);
    // Number formats are only sent when one of them changes.
    const n = nNew.some((row, i) => row[0] !== prevN[seg.start + i][0]) ? nNew : [];
    if (seg.fillDown) {
      const f = [newF[seg.start]];
      toWrite.push({ sheet: b.sheet, address: segAddress, formulas: f, numberFormat: n, bytes: estimateBytes(segAddress, f, n), fillDown: true });
    } else {
      const f = newF.slice(seg.start, seg.start + seg.length);
      appendAll(toWrite, splitBlock({ sheet: b.sheet, address: segAddress, formulas: f, numberFormat: n, bytes: estimateBytes(segAddress, f, n) }, budget));
    }
  }
}

export interface ApplyOptions {
  overwrite?: boolean;
  /** Called after each write batch with the number of cells written so far. */
  onProgress?: (done: number, total: number) => void;
  /** Conditional formats on predikat cells and a legend (default true). */
  predikatFormats?: boolean;
  maxRequestBytes?: number;
}

function nothingToWrite(): AdapterError {
  return new AdapterError(
    "nothing-to-write",
    "Tidak ada sel yang perlu diisi (kolom evaluasi sudah lengkap, atau semua sel tujuan berisi dan 'Timpa sel berisi' mati).",
    "Nothing to fill (the evaluation columns are complete, or every target cell has content and 'Overwrite' is off).",
  );
}

/**
 * Apply a plan all-or-nothing: read the previous content of every touched cell, check protection
 * and merged-cell conflicts (nothing is written when a check fails), then write contiguous blocks.
 * If a write batch fails, the cells already written are restored from the undo record.
 */
export async function applyPlan(plan: WritePlan, opts: ApplyOptions = {}): Promise<UndoRecord> {
  const writes = selectWrites(plan, !!opts.overwrite);
  if (writes.length === 0) throw nothingToWrite();
  const blocks = toBlocks(writes);
  const withFormats = opts.predikatFormats !== false;
  const predikatWrites = writes.filter(isPredikatWrite);
  const sheets = [...new Set(writes.map((w) => w.sheet))];
  const spans = new Map<string, { sheet: string; col: number; top: number; bottom: number }>();
  for (const w of writes) {
    const k = `${w.sheet}\u0000${w.col}`;
    const s = spans.get(k);
    if (!s) spans.set(k, { sheet: w.sheet, col: w.col, top: w.row, bottom: w.row });
    else {
      s.top = Math.min(s.top, w.row);
      s.bottom = Math.max(s.bottom, w.row);
    }
  }
  const spanList = [...spans.values()];
  const spanCells = spanList.reduce((n, s) => n + (s.bottom - s.top + 1), 0);
  if (spanCells > MAX_CELLS) {
    throw new AdapterError(
      "too-large",
      `Rentang terpakai terlalu besar (${spanCells.toLocaleString("id-ID")} sel akan dibaca, batas ${MAX_CELLS.toLocaleString("id-ID")}).`,
      `The range is too large (${spanCells} cells to read, limit ${MAX_CELLS}).`,
    );
  }
  const labels = predikatLabels(predikatWrites);
  // Legend: two columns right of the rightmost write, from the first predikat row.
  const legend =
    withFormats && predikatWrites.length > 0
      ? (() => {
          const sheet = predikatWrites[0].sheet;
          const sheetWrites = writes.filter((w) => w.sheet === sheet);
          const col = maxOf(sheetWrites.map((w) => w.col)) + 2;
          const top = minOf(sheetWrites.map((w) => w.row));
          return { sheet, col, top, bottom: top + labels.length };
        })()
      : undefined;
  const notes: string[] = [];
  const record: UndoRecord = { kind: "fill", blocks: [], createdSheets: [], conditionalFormats: [], written: 0, notes };

  let writeStarted = false;
  try {
    await Excel.run(async (context) => {
      // Sync 1: protection, previous content, merged areas.
      const protections = sheets.map((s) => {
        const p = context.workbook.worksheets.getItem(s).protection;
        p.load("protected");
        return p;
      });
      const reads = spanList.map((s) => {
        const range = context.workbook.worksheets.getItem(s.sheet).getRange(a1Range(s.top, s.col, s.bottom, s.col));
        range.load("formulas,numberFormat");
        const merged = range.getMergedAreasOrNullObject();
        merged.load("address");
        return { span: s, range, merged };
      });
      const legendRange = legend
        ? context.workbook.worksheets.getItem(legend.sheet).getRange(a1Range(legend.top, legend.col, legend.bottom, legend.col + 1))
        : undefined;
      const legendMerged = legendRange ? legendRange.getMergedAreasOrNullObject() : undefined;
      if (legendRange) legendRange.load("formulas,numberFormat");
      if (legendMerged) legendMerged.load("address");
      await context.sync();

      protections.forEach((p, i) => {
        if (p.protected) throw protectedError(sheets[i]);
      });
      const prevByKey = new Map<string, { formula: unknown; fmt: string }>();
      const conflicts: string[] = [];
      const writeKeys = new Set(writes.map(keyOf));
      /** Spans whose unwritten cells include part of a merged area: written run by run instead. */
      const gapMerged = new Set<string>();
      for (const { span, range, merged } of reads) {
        const f = range.formulas;
        const nf = range.numberFormat;
        for (let i = 0; i <= span.bottom - span.top; i++) {
          prevByKey.set(`${span.sheet}\u0000${span.top + i}\u0000${span.col}`, { formula: f[i][0], fmt: String(nf[i][0]) });
        }
        if (!merged.isNullObject) {
          for (const m of parseAreas(merged.address)) {
            for (let r = Math.max(m.top, span.top); r <= Math.min(m.bottom, span.bottom); r++) {
              const isTopLeft = r === m.top && span.col === m.left;
              const written = prevByKey.has(`${span.sheet}\u0000${r}\u0000${span.col}`);
              const isWrite = written && writeKeys.has(`${span.sheet}\u0000${r}\u0000${span.col}`);
              if (!isTopLeft && isWrite) conflicts.push(`${span.sheet}!${a1(r, span.col)}`);
              if (!isTopLeft && !isWrite) gapMerged.add(`${span.sheet}\u0000${span.col}`);
            }
          }
        }
      }
      if (conflicts.length > 0) {
        const shown = conflicts.slice(0, 5).join(", ") + (conflicts.length > 5 ? ` (+${conflicts.length - 5})` : "");
        throw new AdapterError(
          "merge-conflict",
          `Sel tujuan berada di dalam sel gabungan (merge): ${shown}. Pisahkan sel gabungan itu lalu coba lagi. Tidak ada sel yang diubah.`,
          `Target cells are inside merged cells: ${shown}. Unmerge them and try again. Nothing was changed.`,
        );
      }

      // Undo record and write blocks.
      const budget = opts.maxRequestBytes ?? MAX_REQUEST_BYTES;
      const toWrite: WriteBlock[] = [];
      const blocksBySpan = new Map<string, Block[]>();
      for (const b of blocks) {
        const k = `${b.sheet}\u0000${b.col}`;
        const list = blocksBySpan.get(k);
        if (list) list.push(b);
        else blocksBySpan.set(k, [b]);
      }
      for (const span of spanList) {
        const sk = `${span.sheet}\u0000${span.col}`;
        const spanBlocks = blocksBySpan.get(sk) ?? [];
        if (gapMerged.has(sk)) {
          for (const b of spanBlocks) queueRunBlocks(b, prevByKey, record, toWrite, budget);
          continue;
        }
        // One write per column span: null leaves the cells between the runs unchanged.
        const h = span.bottom - span.top + 1;
        const address = a1Range(span.top, span.col, span.bottom, span.col);
        const F: unknown[][] = Array.from({ length: h }, () => [null]);
        const N: (string | null)[][] = Array.from({ length: h }, () => [null]);
        const PF: unknown[][] = Array.from({ length: h }, () => [null]);
        const PN: (string | null)[][] = Array.from({ length: h }, () => [null]);
        const fills: WriteBlock[] = [];
        let anyPlain = false;
        let anyFmt = false;
        for (const b of spanBlocks) {
          for (const seg of segments(b.writes)) {
            for (let i = seg.start; i < seg.start + seg.length; i++) {
              const w = b.writes[i];
              const idx = w.row - span.top;
              const prev = prevByKey.get(keyOf(w)) ?? { formula: "", fmt: "General" };
              PF[idx] = [prev.formula];
              PN[idx] = [prev.fmt];
              const fmtNew = w.numFmt ?? prev.fmt;
              if (fmtNew !== prev.fmt) {
                N[idx] = [fmtNew];
                anyFmt = true;
              }
              if (!seg.fillDown) {
                F[idx] = [cellText(w)];
                anyPlain = true;
              }
            }
            if (seg.fillDown) {
              const top = b.top + seg.start;
              const segAddress = a1Range(top, b.col, top + seg.length - 1, b.col);
              const f = [[cellText(b.writes[seg.start])]];
              fills.push({ sheet: b.sheet, address: segAddress, formulas: f, numberFormat: [], bytes: estimateBytes(segAddress, f, []), fillDown: true });
            }
          }
        }
        record.blocks.push({ sheet: span.sheet, address, formulas: PF, numberFormat: PN as string[][] });
        if (anyPlain || anyFmt) {
          const f = anyPlain ? F : [];
          const n = anyFmt ? (N as string[][]) : [];
          appendAll(toWrite, splitBlock({ sheet: span.sheet, address, formulas: f, numberFormat: n, bytes: estimateBytes(address, f, n) }, budget));
        }
        appendAll(toWrite, fills);
      }
      let legendOk = false;
      if (legend && legendRange && legendMerged) {
        const lf = legendRange.formulas;
        legendOk = legendMerged.isNullObject && lf.every((row) => row.every((v) => v === "" || v === null));
        if (legendOk) {
          const address = a1Range(legend.top, legend.col, legend.bottom, legend.col + 1);
          const nf = legendRange.numberFormat.map((row) => row.map((v) => String(v)));
          record.blocks.push({ sheet: legend.sheet, address, formulas: lf, numberFormat: nf });
          const f: unknown[][] = [["Predikat", "Keterangan"]];
          for (const l of labels) f.push([l, legendMeaning(l)]);
          toWrite.push({ sheet: legend.sheet, address, formulas: f, numberFormat: nf, bytes: estimateBytes(address, f, nf) });
        } else {
          notes.push(`Legenda predikat tidak ditulis: sel ${a1Range(legend.top, legend.col, legend.bottom, legend.col + 1)} tidak kosong.`);
        }
      }

      const batches = chunkByBytes(toWrite, budget);
      const total = writes.length;
      let done = 0;
      let cfs: { sheet: string; address: string; cf: Excel.ConditionalFormat }[] = [];
      writeStarted = true;
      await sendBatches(
        context,
        batches,
        (batch, i) => {
          for (const b of batch) queueBlock(context, b);
          if (i === batches.length - 1 && withFormats && predikatWrites.length > 0) {
            cfs = predikatSpans(predikatWrites, legendOk ? legend : undefined).flatMap((s) => {
              const range = context.workbook.worksheets.getItem(s.sheet).getRange(s.address);
              return queueConditionalFormats(range, labels).map((cf) => ({ sheet: s.sheet, address: s.address, cf }));
            });
          }
        },
        (i) => {
          done += batches[i].reduce((n, b) => n + rowsOf(b.address), 0);
          opts.onProgress?.(Math.min(done, total), total);
        },
      );
      record.conditionalFormats = cfs.map((c) => ({ sheet: c.sheet, address: c.address, id: c.cf.id }));
      record.written = total;
    });
  } catch (e) {
    const err = mapOfficeError(e);
    if (!writeStarted) throw err;
    // All-or-nothing: put back what was there before.
    try {
      await restore(record);
    } catch (e2) {
      throw new AdapterError(
        "write-failed",
        `Penulisan gagal (${err.message}) dan pemulihan juga gagal (${errText(e2)}). Gunakan Urungkan (Ctrl+Z) di Excel atau periksa sel secara manual.`,
        `Writing failed (${err.messageEn}) and restoring failed too (${errText(e2)}).`,
        err.detail,
      );
    }
    throw new AdapterError(
      "write-failed",
      `Penulisan gagal: ${err.message} Semua sel sudah dikembalikan seperti semula.`,
      `Writing failed: ${err.messageEn} Every cell was restored.`,
      err.detail,
    );
  }
  return record;
}

function legendMeaning(label: string): string {
  const c = predikatColour(label);
  if (!c) return "";
  const i = PREDIKAT_COLOURS.findIndex((x) => x.test.test(label.trim()));
  return ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"][i] ?? "";
}

function predikatSpans(writes: PlannedWrite[], legend?: { sheet: string; col: number; top: number; bottom: number }) {
  const spans = new Map<string, { sheet: string; col: number; top: number; bottom: number }>();
  for (const w of writes) {
    const k = `${w.sheet}\u0000${w.col}`;
    const s = spans.get(k);
    if (!s) spans.set(k, { sheet: w.sheet, col: w.col, top: w.row, bottom: w.row });
    else {
      s.top = Math.min(s.top, w.row);
      s.bottom = Math.max(s.bottom, w.row);
    }
  }
  const out = [...spans.values()].map((s) => ({ sheet: s.sheet, address: a1Range(s.top, s.col, s.bottom, s.col) }));
  if (legend) out.push({ sheet: legend.sheet, address: a1Range(legend.top + 1, legend.col, legend.bottom, legend.col) });
  return out;
}

/** Write the backed-up blocks back (used by undo and by a failed apply). */
async function restore(record: UndoRecord, cfIds = false, sheets = false): Promise<void> {
  await Excel.run(async (context) => {
    const sheetChecks = sheets
      ? record.createdSheets.map((name) => {
          const ws = context.workbook.worksheets.getItemOrNullObject(name);
          ws.load("name");
          return ws;
        })
      : [];
    if (sheetChecks.length > 0) await context.sync();
    const items = record.blocks.flatMap((b) =>
      splitBlock({ ...b, bytes: estimateBytes(b.address, b.formulas, b.numberFormat) }, MAX_REQUEST_BYTES),
    );
    const batches = chunkByBytes(items);
    if (batches.length === 0) batches.push([]);
    await sendBatches(context, batches, (batch, i) => {
      for (const b of batch) queueBlock(context, b);
      if (i === batches.length - 1) {
        if (cfIds) {
          for (const c of record.conditionalFormats) {
            context.workbook.worksheets.getItem(c.sheet).getRange(c.address).conditionalFormats.getItem(c.id).delete();
          }
        }
        for (const ws of sheetChecks) if (!ws.isNullObject) ws.delete();
      }
    });
  });
}

/** Undo an action: restore previous formulas/values and number formats, delete its sheets and formats. */
export async function undo(record: UndoRecord): Promise<void> {
  try {
    await restore(record, true, true);
  } catch (e) {
    throw mapOfficeError(e);
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation sheet

/**
 * Create 'Evaluasi - <sheet>' with an LKjIP-style table whose cells reference the source sheet,
 * summary rows (average, COUNTIF per predikat), a column chart with a 100% line and the narrative.
 */
export async function generateEvaluationSheet(
  analysis: SheetAnalysis,
  lang: "id" | "en" = "id",
  scale?: string,
  /** The sheet as read (after a fill): tells whether it already rates each indicator. */
  source?: SheetGrid,
): Promise<UndoRecord> {
  const noTable = () =>
    new AdapterError(
      "no-table",
      "Tidak ditemukan tabel evaluasi di lembar ini. Pastikan tabel memiliki baris judul kolom (Target, Realisasi, …).",
      "No evaluation table was found on this sheet. Make sure it has a header row (Target, Realisasi, …).",
    );
  if (!analysis.tables.some((t) => t.kind !== "unknown")) throw noTable();
  try {
    return await Excel.run(async (context) => {
      const sheetsCol = context.workbook.worksheets;
      sheetsCol.load("items/name");
      await context.sync();
      const existing = sheetsCol.items.map((s) => s.name);
      const name = uniqueSheetName(analysis.tables[0].sheet, existing);
      const lay = layoutEvaluation(analysis, name, { lang, scale, source });
      if (!lay) throw noTable();
      const ws = sheetsCol.add(name);
      const lastRow = lay.cells.length - 1;
      const body = ws.getRange(a1Range(0, 0, lastRow, 6));
      body.numberFormat = lay.numberFormat;
      body.formulas = lay.cells as string[][];
      ws.getRange("A1").format.font.bold = true;
      ws.getRange("A1").format.font.size = 14;
      const header = ws.getRange("A3:G3");
      header.format.font.bold = true;
      header.format.fill.color = "#D9E1F2";
      header.format.wrapText = true;
      ws.getRange(a1Range(lay.summaryRow, 0, lay.narrativeRow - 2, 6)).format.font.bold = true;
      ws.getRange("B:B").format.columnWidth = 300;
      ws.getRange("C:G").format.columnWidth = 80;
      const narr = ws.getRange(a1Range(lay.narrativeRow, 0, lay.narrativeRow, 6));
      narr.merge(false);
      narr.format.wrapText = true;
      narr.format.rowHeight = 120;
      narr.format.verticalAlignment = "Top";
      const cfRange = ws.getRange(a1Range(lay.firstDataRow, 5, lay.lastDataRow, 5));
      // Deleted with the sheet on undo, so their ids are not recorded.
      queueConditionalFormats(cfRange, [...lay.labels].sort((x, y) => y.length - x.length));
      if (lay.lastDataRow >= lay.firstDataRow) {
        const capRange = ws.getRange(a1Range(lay.firstDataRow, 4, lay.lastDataRow, 4));
        const chart = ws.charts.add("ColumnClustered", capRange, "Columns");
        chart.title.text = lang === "en" ? "Achievement per indicator (%)" : "Capaian per indikator (%)";
        const s0 = chart.series.getItemAt(0);
        s0.name = lang === "en" ? "Achievement" : "Capaian";
        s0.setXAxisValues(ws.getRange(a1Range(lay.firstDataRow, 0, lay.lastDataRow, 0)));
        const line = chart.series.add(lang === "en" ? "Reference 100%" : "Acuan 100%");
        line.setValues(ws.getRange(a1Range(lay.firstDataRow, 6, lay.lastDataRow, 6)));
        line.chartType = "Line";
        chart.setPosition("I3", "R22");
      }
      // Printed for the report: landscape (ExcelApi 1.9). Fit-to-width is left to the user: how
      // Excel treats an unset page height cannot be checked here without a real Excel.
      ws.pageLayout.orientation = Excel.PageOrientation.landscape;
      ws.activate();
      await context.sync();
      return {
        kind: "generate",
        blocks: [],
        createdSheets: [name],
        conditionalFormats: [],
        written: lay.cells.length * 7,
        notes: [],
        sheetName: name,
      } satisfies UndoRecord;
    });
  } catch (e) {
    throw mapOfficeError(e);
  }
}

// ---------------------------------------------------------------------------------------------
// Portable workbook

export interface PortableReport {
  undo: UndoRecord;
  replaced: number;
  failed: { sheet: string; address: string; message: string }[];
}

/** Replace every MONEV.* formula in all sheets by its native equivalent (toPortableFormula). */
export async function makePortable(): Promise<PortableReport> {
  try {
    return await Excel.run(async (context) => {
      const sheetsCol = context.workbook.worksheets;
      sheetsCol.load("items/name");
      await context.sync();
      const used = sheetsCol.items.map((ws) => {
        const r = ws.getUsedRangeOrNullObject(true);
        r.load("formulas,values,rowIndex,columnIndex");
        const p = ws.protection;
        p.load("protected");
        return { name: ws.name, r, p };
      });
      await context.sync();
      const replaced: WriteBlock[] = [];
      const backups: CellBlockBackup[] = [];
      const failed: PortableReport["failed"] = [];
      const valuesBySheet = new Map<string, { values: unknown[][]; row0: number; col0: number }>();
      for (const u of used) if (!u.r.isNullObject) valuesBySheet.set(u.name, { values: u.r.values, row0: u.r.rowIndex, col0: u.r.columnIndex });
      const resolveIn = (sheet: string) => (ref: string): CellValue => {
        const target = sheetOf(ref) ?? sheet;
        const v = valuesBySheet.get(target);
        if (!v) return null;
        const rc = parseRange(ref);
        const row = v.values[rc.top - v.row0];
        const cell = row ? row[rc.left - v.col0] : undefined;
        return cell === "" ? null : (cell as CellValue);
      };
      for (const u of used) {
        if (u.r.isNullObject) continue;
        const f = u.r.formulas;
        for (let r = 0; r < f.length; r++) {
          for (let c = 0; c < f[r].length; c++) {
            const text = f[r][c];
            if (typeof text !== "string" || !text.startsWith("=") || !/MONEV/i.test(text)) continue;
            const address = a1(u.r.rowIndex + r, u.r.columnIndex + c);
            if (u.p.protected) {
              failed.push({ sheet: u.name, address, message: protectedError(u.name).message });
              continue;
            }
            const res = toPortableFormula(text.slice(1), { resolve: resolveIn(u.name) });
            if (res === null) continue;
            if (isMonevError(res)) {
              failed.push({ sheet: u.name, address, message: res.message });
              continue;
            }
            const nf = [["General"]];
            const formulas = [[`=${res.formula.replace(/^=/, "")}`]];
            backups.push({ sheet: u.name, address, formulas: [[text]], numberFormat: nf });
            replaced.push({ sheet: u.name, address, formulas, numberFormat: nf, bytes: estimateBytes(address, formulas, nf) });
          }
        }
      }
      // Number formats are not touched: write formulas only.
      if (replaced.length > 0) {
        await sendBatches(context, chunkByBytes(replaced), (batch) => {
          for (const b of batch) {
            context.workbook.worksheets.getItem(b.sheet).getRange(b.address).formulas = b.formulas as string[][];
          }
        });
      }
      const undoRec: UndoRecord = {
        kind: "portable",
        blocks: backups.map((b) => ({ ...b, numberFormat: [] })),
        createdSheets: [],
        conditionalFormats: [],
        written: replaced.length,
        notes: [],
      };
      return { undo: undoRec, replaced: replaced.length, failed };
    });
  } catch (e) {
    throw mapOfficeError(e);
  }
}
