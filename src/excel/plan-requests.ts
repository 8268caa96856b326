/**
 * Request planner of the Office.js adapter: every decision that needs no Office call. Which cells a
 * fill writes, how they group into blocks (one formula copied down = one cell + Range.copyFrom),
 * merged-cell conflicts, the predikat legend, conditional formats, the undo record, and how reads
 * and writes are cut so that every request and every response stays under a payload budget.
 *
 * Excel on the web rejects a request or a response above 5 MB (RichApi.Error
 * RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded). Writes are planned from the
 * exact JSON (UTF-8 bytes) they send plus a per-action overhead; reads are planned from an estimate
 * of bytes per cell, corrected by what earlier chunks measured (ReadSizer), and the adapter halves a
 * read chunk that Excel still refuses.
 *
 * Pure: no Office call (unit-tested in test/excel/plan-requests.test.ts).
 */
import { appendAll, maxOf, minOf } from "../core/arrays";
import { isMonevError } from "../core/errors";
import type { CellValue, MonevError } from "../core/errors";
import type { PlannedWrite, SheetCell, WritePlan } from "../core/engine/types";
import type { EvaluationLayout } from "../core/engine/evaluation-sheet";
import type { Scale } from "../core/predikat";
import { labelStyle } from "../core/scale-style";
import { a1, a1Range, parseRange, Rect, sheetOf, shiftFormula } from "./a1";
import { AdapterError, nothingToWrite, protectedError } from "./errors";

/** Excel on the web's limit on one request and on one response. */
export const PAYLOAD_LIMIT_BYTES = 5_000_000;
/** Budget of one request or response: the limit less a margin for what the estimate does not see. */
export const MAX_REQUEST_BYTES = 4_000_000;
/** Largest used range read into memory (rows x columns). */
export const MAX_CELLS = 2_000_000;
/**
 * Request overhead of one queued action in Office.js's JSON (action id and type, object path of
 * the worksheet and range, property name). Measured in the fake as 150; planned with margin.
 */
export const ACTION_OVERHEAD = 250;
/**
 * First guess of the response bytes of one cell read as values + formulas + numberFormat (before
 * a chunk was measured): a short label or number three times, with JSON quotes and commas.
 */
export const READ_BYTES_PER_CELL = 96;

// ------------------------------------------------------------------------------------ sizes

/** UTF-8 bytes of a string (what goes over the wire). */
export function utf8Bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 2; // surrogate pair: 4 bytes for 2 UTF-16 units
      i++;
    } else n += 2;
  }
  return n;
}

/** UTF-8 bytes of a value serialised as JSON. */
export function jsonBytes(x: unknown): number {
  return x === undefined ? 0 : utf8Bytes(JSON.stringify(x));
}

// ------------------------------------------------------------------------------------ undo record

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

// ------------------------------------------------------------------------------------ write blocks

export interface WriteBlock {
  sheet: string;
  address: string;
  /** Formulas of the block ([] = none), or of its first cell only when fillDown is set. */
  formulas: unknown[][];
  numberFormat: (string | null)[][];
  /** Estimated request bytes of the block (payload + action overhead). */
  bytes: number;
  /** The block is one formula copied down: write the first cell, then Range.copyFrom (O(1) payload). */
  fillDown?: boolean;
}

export function estimateBytes(
  address: string,
  formulas: unknown[][],
  numberFormat: unknown[][]
): number {
  const fmt = numberFormat.length > 0 ? jsonBytes(numberFormat) + ACTION_OVERHEAD : 0;
  return jsonBytes(formulas) + fmt + address.length + 2 * ACTION_OVERHEAD;
}

export function writeBlock(
  sheet: string,
  address: string,
  formulas: unknown[][],
  numberFormat: (string | null)[][],
  fillDown?: boolean
): WriteBlock {
  const b: WriteBlock = {
    sheet,
    address,
    formulas,
    numberFormat,
    bytes: estimateBytes(address, formulas, numberFormat),
  };
  if (fillDown) b.fillDown = true;
  return b;
}

/** Split items into batches whose estimated payload stays under the budget. */
export function chunkByBytes<T extends { bytes: number }>(
  items: T[],
  budget = MAX_REQUEST_BYTES
): T[][] {
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

/** Split a block whose payload is above the budget into row slices that each fit it. */
export function splitBlock(b: WriteBlock, budget = MAX_REQUEST_BYTES): WriteBlock[] {
  const r = parseRange(b.address);
  const rows = r.bottom - r.top + 1;
  if (b.fillDown || b.bytes <= budget || rows < 2) return [b];
  const out: WriteBlock[] = [];
  let i = 0;
  while (i < rows) {
    // Grow the slice row by row up to the budget (exact sizes, so a dense region cannot overflow).
    let size = 3 * ACTION_OVERHEAD + 32;
    let last = i;
    while (last < rows) {
      const add =
        (b.formulas.length > 0 ? jsonBytes(b.formulas[last]) + 1 : 0) +
        (b.numberFormat.length > 0 ? jsonBytes(b.numberFormat[last]) + 1 : 0);
      if (last > i && size + add > budget) break;
      size += add;
      last++;
    }
    const f = b.formulas.length > 0 ? b.formulas.slice(i, last) : [];
    const n = b.numberFormat.length > 0 ? b.numberFormat.slice(i, last) : [];
    out.push(writeBlock(b.sheet, a1Range(r.top + i, r.left, r.top + last - 1, r.right), f, n));
    i = last;
  }
  return out;
}

/** Rows (of the block's address) a write block covers. */
export function rowsOf(address: string): number {
  const r = parseRange(address);
  return r.bottom - r.top + 1;
}

// ------------------------------------------------------------------------------------ reads

/** Rows per read chunk for `cols` columns at `bytesPerCell` under the budget (at least 1). */
export function rowsPerRead(
  cols: number,
  bytesPerCell: number,
  budget = MAX_REQUEST_BYTES
): number {
  return Math.max(1, Math.floor(budget / Math.max(1, cols) / Math.max(1, bytesPerCell)));
}

/**
 * Sizes successive read chunks: starts from a per-cell estimate, then uses the densest chunk measured
 * so far (x 1.25 margin, never below the estimate's floor) so that later chunks stay under the budget.
 */
export class ReadSizer {
  private perCell: number;
  private measuredMax = 0;
  constructor(
    private readonly cols: number,
    private readonly budget = MAX_REQUEST_BYTES,
    estimate = READ_BYTES_PER_CELL,
    private readonly floor = 8
  ) {
    this.perCell = estimate;
  }
  /** Record a chunk that was read: `bytes` of response for `rows` rows. */
  observe(rows: number, bytes: number): void {
    this.measuredMax = Math.max(this.measuredMax, bytes / Math.max(1, rows * this.cols));
    this.perCell = Math.max(this.floor, 1.25 * this.measuredMax);
  }
  /** Rows of the next chunk. */
  nextRows(): number {
    return rowsPerRead(this.cols, this.perCell, this.budget);
  }
}

/** A 2-D array's JSON bytes with a cheap per-row sum (the response size of a loaded property). */
export function gridBytes(grid: unknown[][]): number {
  let n = 2;
  for (const row of grid) n += jsonBytes(row) + 1;
  return n;
}

// ------------------------------------------------------------------------------------ fill: selection

const keyOf = (w: { sheet: string; row: number; col: number }) =>
  `${w.sheet}\u0000${w.row}\u0000${w.col}`;

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

export interface Block {
  sheet: string;
  col: number;
  top: number;
  bottom: number;
  writes: PlannedWrite[];
}

/** Contiguous runs of rows per (sheet, column). */
export function toBlocks(writes: PlannedWrite[]): Block[] {
  const sorted = [...writes].sort((x, y) =>
    x.sheet < y.sheet ? -1 : x.sheet > y.sheet ? 1 : x.col - y.col || x.row - y.row
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

const MIN_FILL_DOWN = 4;

/**
 * Cut a run of writes into segments: maximal stretches where each formula is the stretch's first
 * formula copied down (written with one formula + Range.copyFrom), and the rest (written as arrays).
 */
export function segments(
  writes: PlannedWrite[],
  copyDown = true
): { start: number; length: number; fillDown: boolean }[] {
  const out: { start: number; length: number; fillDown: boolean }[] = [];
  // Without Range.copyFrom (ExcelApi < 1.9) every formula is written out.
  if (!copyDown)
    return writes.length > 0 ? [{ start: 0, length: writes.length, fillDown: false }] : [];
  let i = 0;
  let plainStart = -1;
  const flushPlain = (end: number) => {
    if (plainStart >= 0) out.push({ start: plainStart, length: end - plainStart, fillDown: false });
    plainStart = -1;
  };
  while (i < writes.length) {
    const f0 = writes[i].formula;
    let j = i + 1;
    if (f0)
      while (
        j < writes.length &&
        writes[j].formula !== undefined &&
        shiftFormula(f0, j - i, 0) === writes[j].formula
      )
        j++;
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

export function cellText(w: PlannedWrite): unknown {
  if (w.formula !== undefined && w.formula !== "") return `=${w.formula}`;
  if (w.value === null || w.value === undefined) return "";
  if (typeof w.value === "string" && /^[=+-]/.test(w.value)) return `'${w.value}`;
  return w.value;
}

// ------------------------------------------------------------------------------------ predikat colours

/**
 * As core/engine/evaluation-sheet's DEFAULT_PREDIKAT and isPredikatWrite (a test checks they agree):
 * repeated here so the pane's bundle does not pull in the evaluation-sheet module (and the engine
 * behind it), which is loaded as a separate chunk when a sheet is generated.
 */
export const DEFAULT_PREDIKAT_CODES = ["ST", "T", "S", "R", "SR"];
export function isPredikatWrite(w: PlannedWrite): boolean {
  return /predikat/i.test(w.rule) && !w.isHeader;
}

/** Predikat colours by code/label (fill, font). */
const PREDIKAT_COLOURS: { test: RegExp; fill: string; font: string; meaning: string }[] = [
  {
    test: /^(st|sangat tinggi|sb|sangat baik|sangat berhasil|aa)$/i,
    fill: "#63BE7B",
    font: "#000000",
    meaning: "Sangat Tinggi",
  },
  {
    test: /^(t|tinggi|b|baik|berhasil|a|bb)$/i,
    fill: "#C6EFCE",
    font: "#006100",
    meaning: "Tinggi",
  },
  {
    test: /^(s|sedang|cb|cukup baik|cukup berhasil|cc)$/i,
    fill: "#FFEB9C",
    font: "#9C5700",
    meaning: "Sedang",
  },
  {
    test: /^(r|rendah|kb|kurang baik|kurang berhasil|c)$/i,
    fill: "#FFC7CE",
    font: "#9C0006",
    meaning: "Rendah",
  },
  {
    test: /^(sr|sangat rendah|tb|tidak baik|tidak berhasil|d)$/i,
    fill: "#F8696B",
    font: "#FFFFFF",
    meaning: "Sangat Rendah",
  },
];

/** With a scale: that scale's band colours (core/predikat.ts); without: the table above. */
export function predikatColour(
  label: string,
  scale?: Scale
): { fill: string; font: string } | undefined {
  const own = scale ? labelStyle(label, scale) : undefined;
  if (own) return { fill: own.fill, font: own.font };
  const hit = PREDIKAT_COLOURS.find((c) => c.test.test(label.trim()));
  return hit ? { fill: hit.fill, font: hit.font } : undefined;
}

export function legendMeaning(label: string, scale?: Scale): string {
  const own = scale ? labelStyle(label, scale) : undefined;
  if (own) return own.meaning;
  return PREDIKAT_COLOURS.find((c) => c.test.test(label.trim()))?.meaning ?? "";
}

/** Labels to colour: the codes/labels the plan writes, else the default Permendagri codes. */
export function predikatLabels(writes: PlannedWrite[], scale?: Scale): string[] {
  const seen = new Set<string>();
  for (const w of writes)
    if (typeof w.value === "string" && w.value.trim() && predikatColour(w.value, scale))
      seen.add(w.value.trim());
  const labels = seen.size > 0 ? [...seen] : [...DEFAULT_PREDIKAT_CODES];
  // Longest first: text rules are 'begins with', so 'ST' must win over 'S' (stopIfTrue).
  return labels.sort((x, y) => y.length - x.length || x.localeCompare(y));
}

/** One conditional format (a 'begins with' text rule) to add. */
export interface CfRule {
  label: string;
  fill: string;
  font: string;
  priority: number;
}

export function cfRules(labels: string[], scale?: Scale): CfRule[] {
  return labels.map((label, i) => {
    const c = predikatColour(label, scale) ?? { fill: "#D9D9D9", font: "#000000" };
    return { label, fill: c.fill, font: c.font, priority: i };
  });
}

// ------------------------------------------------------------------------------------ fill plan

export interface Span {
  sheet: string;
  col: number;
  top: number;
  bottom: number;
}

export interface LegendPlace {
  sheet: string;
  col: number;
  top: number;
  bottom: number;
  /** Two columns: code, meaning (header row first). */
  address: string;
}

/** What a fill will read before writing (sync plan of the checks). */
export interface FillPlan {
  writes: PlannedWrite[];
  sheets: string[];
  /** Per (sheet, column): the rows from the first to the last write. */
  spans: Span[];
  predikatWrites: PlannedWrite[];
  labels: string[];
  /** The scale the predikat labels belong to: their colours and legend (else by label alone). */
  scale?: Scale;
  withFormats: boolean;
  /** Formulas repeated down a run are written once and copied (Range.copyFrom, ExcelApi 1.9). */
  copyDown: boolean;
  legend?: LegendPlace;
}

export interface FillOptions {
  overwrite?: boolean;
  /** Conditional formats on predikat cells and a legend (default true). */
  predikatFormats?: boolean;
  /** Range.copyFrom is available (default true; false below ExcelApi 1.9). */
  copyDown?: boolean;
  /** The scale the sheet is rated on (colours and legend of its labels). */
  scale?: Scale;
}

/** Choose the writes and the ranges to check; throws nothing-to-write / too-large. */
export function planFill(plan: WritePlan, opts: FillOptions = {}): FillPlan {
  const writes = selectWrites(plan, !!opts.overwrite);
  if (writes.length === 0) throw nothingToWrite();
  const withFormats = opts.predikatFormats !== false;
  const predikatWrites = writes.filter(isPredikatWrite);
  const sheets = [...new Set(writes.map((w) => w.sheet))];
  const spans = new Map<string, Span>();
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
      `The range is too large (${spanCells} cells to read, limit ${MAX_CELLS}).`
    );
  }
  const labels = predikatLabels(predikatWrites, opts.scale);
  let legend: LegendPlace | undefined;
  if (withFormats && predikatWrites.length > 0) {
    // Legend: two columns right of the rightmost write, from the first predikat row.
    const sheet = predikatWrites[0].sheet;
    const sheetWrites = writes.filter((w) => w.sheet === sheet);
    const col = maxOf(sheetWrites.map((w) => w.col)) + 2;
    const top = minOf(sheetWrites.map((w) => w.row));
    const bottom = top + labels.length;
    legend = { sheet, col, top, bottom, address: a1Range(top, col, bottom, col + 1) };
  }
  return {
    writes,
    sheets,
    spans: spanList,
    predikatWrites,
    labels,
    scale: opts.scale,
    withFormats,
    copyDown: opts.copyDown !== false,
    legend,
  };
}

/** What was read of a span before writing (chunks concatenated). */
export interface SpanRead {
  span: Span;
  /** One row per cell of the span (one column). */
  formulas: unknown[][];
  numberFormat: unknown[][];
  /** Merged areas intersecting the span. */
  merges: Rect[];
}

export interface LegendRead {
  formulas: unknown[][];
  numberFormat: unknown[][];
  merged: boolean;
}

/** The writes of a fill, batched under the budget, with its undo record. */
export interface FillRequests {
  record: UndoRecord;
  batches: WriteBlock[][];
  /** Ranges getting the predikat conditional formats (queued with the last batch). */
  cfRanges: { sheet: string; address: string }[];
  rules: CfRule[];
  total: number;
}

function spanKey(sheet: string, col: number): string {
  return `${sheet}\u0000${col}`;
}

/** Fallback for spans with merged cells between the runs: one write per run (segment). */
function runBlocks(
  b: Block,
  prevByKey: Map<string, { formula: unknown; fmt: string }>,
  record: UndoRecord,
  toWrite: WriteBlock[],
  budget: number,
  copyDown: boolean
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
  for (const seg of segments(b.writes, copyDown)) {
    const top = b.top + seg.start;
    const segAddress = a1Range(top, b.col, top + seg.length - 1, b.col);
    const nNew = newN.slice(seg.start, seg.start + seg.length);
    // Number formats are only sent when one of them changes.
    const n = nNew.some((row, i) => row[0] !== prevN[seg.start + i][0]) ? nNew : [];
    if (seg.fillDown) {
      if (n.length > 0)
        appendAll(toWrite, splitBlock(writeBlock(b.sheet, segAddress, [], n), budget));
      toWrite.push(writeBlock(b.sheet, segAddress, [newF[seg.start]], [], true));
    } else {
      appendAll(
        toWrite,
        splitBlock(
          writeBlock(b.sheet, segAddress, newF.slice(seg.start, seg.start + seg.length), n),
          budget
        )
      );
    }
  }
}

function mergeConflictError(conflicts: string[]): AdapterError {
  const shown =
    conflicts.slice(0, 5).join(", ") + (conflicts.length > 5 ? ` (+${conflicts.length - 5})` : "");
  return new AdapterError(
    "merge-conflict",
    `Sel tujuan berada di dalam sel gabungan (merge): ${shown}. Pisahkan sel gabungan itu lalu coba lagi. Tidak ada sel yang diubah.`,
    `Target cells are inside merged cells: ${shown}. Unmerge them and try again. Nothing was changed.`
  );
}

/**
 * From what was read: check protection and merged cells (throws, nothing written), then plan the
 * writes (one array per column span, nulls between runs; formulas copied down where they repeat),
 * the legend (only into empty, unmerged cells) and the undo record.
 */
export function planFillWrites(
  fp: FillPlan,
  reads: SpanRead[],
  protectedSheets: string[],
  legendRead?: LegendRead,
  budget = MAX_REQUEST_BYTES
): FillRequests {
  if (protectedSheets.length > 0) throw protectedError(protectedSheets[0]);
  const record: UndoRecord = {
    kind: "fill",
    blocks: [],
    createdSheets: [],
    conditionalFormats: [],
    written: 0,
    notes: [],
  };
  const prevByKey = new Map<string, { formula: unknown; fmt: string }>();
  const conflicts: string[] = [];
  const writeKeys = new Set(fp.writes.map(keyOf));
  /** Spans whose unwritten cells include part of a merged area: written run by run instead. */
  const gapMerged = new Set<string>();
  for (const { span, formulas: f, numberFormat: nf, merges } of reads) {
    for (let i = 0; i <= span.bottom - span.top; i++) {
      prevByKey.set(`${span.sheet}\u0000${span.top + i}\u0000${span.col}`, {
        formula: f[i]?.[0] ?? "",
        fmt: String(nf[i]?.[0] ?? "General"),
      });
    }
    for (const m of merges) {
      if (span.col < m.left || span.col > m.right) continue;
      for (let r = Math.max(m.top, span.top); r <= Math.min(m.bottom, span.bottom); r++) {
        const isTopLeft = r === m.top && span.col === m.left;
        const isWrite = writeKeys.has(`${span.sheet}\u0000${r}\u0000${span.col}`);
        if (!isTopLeft && isWrite) conflicts.push(`${span.sheet}!${a1(r, span.col)}`);
        if (!isTopLeft && !isWrite) gapMerged.add(spanKey(span.sheet, span.col));
      }
    }
  }
  if (conflicts.length > 0) throw mergeConflictError([...new Set(conflicts)]);

  const toWrite: WriteBlock[] = [];
  const blocksBySpan = new Map<string, Block[]>();
  for (const b of toBlocks(fp.writes)) {
    const k = spanKey(b.sheet, b.col);
    const list = blocksBySpan.get(k);
    if (list) list.push(b);
    else blocksBySpan.set(k, [b]);
  }
  for (const span of fp.spans) {
    const sk = spanKey(span.sheet, span.col);
    const spanBlocks = blocksBySpan.get(sk) ?? [];
    if (gapMerged.has(sk)) {
      for (const b of spanBlocks) runBlocks(b, prevByKey, record, toWrite, budget, fp.copyDown);
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
      for (const seg of segments(b.writes, fp.copyDown)) {
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
          fills.push(
            writeBlock(
              b.sheet,
              a1Range(top, b.col, top + seg.length - 1, b.col),
              [[cellText(b.writes[seg.start])]],
              [],
              true
            )
          );
        }
      }
    }
    record.blocks.push({
      sheet: span.sheet,
      address,
      formulas: PF,
      numberFormat: PN as string[][],
    });
    if (anyPlain || anyFmt) {
      appendAll(
        toWrite,
        splitBlock(writeBlock(span.sheet, address, anyPlain ? F : [], anyFmt ? N : []), budget)
      );
    }
    appendAll(toWrite, fills);
  }

  let legendOk = false;
  const legend = fp.legend;
  if (legend && legendRead) {
    legendOk =
      !legendRead.merged &&
      legendRead.formulas.every((row) => row.every((v) => v === "" || v === null));
    if (legendOk) {
      const nf = legendRead.numberFormat.map((row) => row.map((v) => String(v)));
      record.blocks.push({
        sheet: legend.sheet,
        address: legend.address,
        formulas: legendRead.formulas,
        numberFormat: nf,
      });
      const f: unknown[][] = [["Predikat", "Keterangan"]];
      for (const l of fp.labels) f.push([l, legendMeaning(l, fp.scale)]);
      toWrite.push(writeBlock(legend.sheet, legend.address, f, nf));
    } else {
      record.notes.push(`Legenda predikat tidak ditulis: sel ${legend.address} tidak kosong.`);
    }
  }

  const cfRanges =
    fp.withFormats && fp.predikatWrites.length > 0
      ? predikatSpans(fp.predikatWrites, legendOk ? legend : undefined)
      : [];
  const rules = cfRules(fp.labels, fp.scale);
  const batches = chunkByBytes(toWrite, budget);
  // The conditional formats go with the last batch, or in one of their own when it has no room.
  const last = batches[batches.length - 1];
  if (!last || sumBytes(last) + cfBytes(cfRanges.length, rules.length) > budget) batches.push([]);
  return { record, batches, cfRanges, rules, total: fp.writes.length };
}

function sumBytes(items: { bytes: number }[]): number {
  return items.reduce((n, x) => n + x.bytes, 0);
}

/** Request bytes of the conditional formats queued by the adapter (7 actions per rule and range). */
export function cfBytes(ranges: number, rules: number): number {
  return ranges * rules * 8 * ACTION_OVERHEAD;
}

/** Ranges of the predikat conditional formats: each predikat column's span, and the legend's codes. */
export function predikatSpans(
  writes: PlannedWrite[],
  legend?: { sheet: string; col: number; top: number; bottom: number }
): { sheet: string; address: string }[] {
  const spans = new Map<string, Span>();
  for (const w of writes) {
    const k = spanKey(w.sheet, w.col);
    const s = spans.get(k);
    if (!s) spans.set(k, { sheet: w.sheet, col: w.col, top: w.row, bottom: w.row });
    else {
      s.top = Math.min(s.top, w.row);
      s.bottom = Math.max(s.bottom, w.row);
    }
  }
  const out = [...spans.values()].map((s) => ({
    sheet: s.sheet,
    address: a1Range(s.top, s.col, s.bottom, s.col),
  }));
  if (legend)
    out.push({
      sheet: legend.sheet,
      address: a1Range(legend.top + 1, legend.col, legend.bottom, legend.col),
    });
  return out;
}

// ------------------------------------------------------------------------------------ undo

/** The blocks of an undo record as write batches under the budget. */
export function planRestore(
  record: UndoRecord,
  budget = MAX_REQUEST_BYTES,
  reserve = 0
): WriteBlock[][] {
  const items = record.blocks.flatMap((b) =>
    splitBlock(writeBlock(b.sheet, b.address, b.formulas, b.numberFormat), budget - reserve)
  );
  const batches = chunkByBytes(items, budget - reserve);
  if (batches.length === 0) batches.push([]);
  return batches;
}

// ------------------------------------------------------------------------------------ evaluation sheet

/** Excel's tallest row (points): a taller rowHeight is refused. */
export const MAX_ROW_HEIGHT = 409;

/**
 * What the pane prints beyond the layout (from the core's evaluationRowHeights and
 * signatureNeedsBreak): each row's height in points, and the row a page break goes before (-1: none).
 */
export interface EvaluationPrint {
  heights: number[];
  breakBefore: number;
}

/** Consecutive rows of equal height as one run each (one rowHeight call per run). */
export function rowHeightRuns(heights: number[]): { from: number; to: number; height: number }[] {
  const runs: { from: number; to: number; height: number }[] = [];
  heights.forEach((height, r) => {
    const last = runs[runs.length - 1];
    if (last && last.height === height && last.to === r - 1) last.to = r;
    else runs.push({ from: r, to: r, height });
  });
  return runs;
}

/** Rows (in any order) as runs of consecutive rows [from, to]. */
export function rowRuns(rows: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const r of [...new Set(rows)].sort((x, y) => x - y)) {
    const last = runs[runs.length - 1];
    if (last && last[1] === r - 1) last[1] = r;
    else runs.push([r, r]);
  }
  return runs;
}

/**
 * Request bytes of the evaluation sheet's formatting (queued with the last batch): one action per
 * format call, conditional format property and chart call, plus the texts it sends. An upper
 * estimate from the layout: its width, its predikat labels and its signature block.
 */
export function evaluationFormattingBytes(
  lay: EvaluationLayout,
  print: EvaluationPrint = { heights: [], breakBefore: -1 }
): number {
  const labels = lay.labels.reduce((n, l) => n + jsonBytes(l) + 32, 0);
  const actions =
    // Title, header, summary, data alignment, narrative, print setup (print area, hidden
    // reference column), activation.
    26 +
    // One width per column.
    lay.columns.length +
    // Conditional formats: add, fill, font, rule, priority, stopIfTrue, id per label.
    7 * lay.labels.length +
    // Chart: add, title, two series (name, values, x values, type), hidden cells, position.
    13 +
    // Signature block: alignment, merge, the name's bold and underline.
    (lay.signature ? 4 : 0) +
    // Row heights (one per run of equal rows), bold heading rows (one per run), the page break.
    rowHeightRuns(print.heights).length +
    rowRuns(lay.headingRows ?? []).length +
    (print.breakBefore >= 0 ? 1 : 0);
  return actions * ACTION_OVERHEAD + labels + 2_000;
}

/** The evaluation sheet's table (A1 to its last column and row) as row slices, batched under the budget. */
export function planEvaluationBody(
  lay: EvaluationLayout,
  budget = MAX_REQUEST_BYTES,
  print?: EvaluationPrint
): WriteBlock[][] {
  const last = lay.cells.length - 1;
  const right =
    Math.max(
      lay.columns.length,
      maxOf(
        lay.cells.map((r) => r.length),
        1
      )
    ) - 1;
  const cells = lay.cells.map((r) => padRow(r, right + 1, ""));
  const fmts = lay.numberFormat.map((r) => padRow(r, right + 1, "General"));
  const whole = writeBlock(lay.sheetName, a1Range(0, 0, last, right), cells, fmts);
  // The sheet's formatting, chart and conditional formats go with the last batch: room reserved.
  const reserve = Math.max(20_000, evaluationFormattingBytes(lay, print));
  const items = splitBlock(whole, budget - reserve);
  return chunkByBytes(items, budget - reserve);
}

/** A row as wide as the block (the layout pads its rows; a hand-made one may not be). */
function padRow<T>(row: T[], width: number, fill: T): T[] {
  return row.length >= width ? row : [...row, ...Array<T>(width - row.length).fill(fill)];
}

// ------------------------------------------------------------------------------------ portable

export interface UsedRead {
  name: string;
  protected: boolean;
  row0: number;
  col0: number;
  formulas: unknown[][];
  values: unknown[][];
}

export interface PortablePlan {
  batches: WriteBlock[][];
  undo: UndoRecord;
  replaced: number;
  failed: { sheet: string; address: string; message: string }[];
}

/**
 * Replace every MONEV.* formula by its native equivalent (toPortableFormula), written as column
 * runs (one array per run of adjacent cells) under the budget; number formats are not touched.
 */
export type PortableConverter = (
  formula: string,
  ctx: { resolve: (ref: string) => CellValue }
) => { formula: string } | MonevError | null;

export function planPortable(
  used: UsedRead[],
  toPortableFormula: PortableConverter,
  budget = MAX_REQUEST_BYTES
): PortablePlan {
  const bySheet = new Map(used.map((u) => [u.name, u]));
  const resolveIn =
    (sheet: string) =>
    (ref: string): CellValue => {
      const v = bySheet.get(sheetOf(ref) ?? sheet);
      if (!v) return null;
      const rc = parseRange(ref);
      const row = v.values[rc.top - v.row0];
      const cell = row ? row[rc.left - v.col0] : undefined;
      return cell === "" || cell === undefined ? null : (cell as CellValue);
    };
  const failed: PortablePlan["failed"] = [];
  // Per sheet and column: rows -> [old, new].
  const cells: { sheet: string; row: number; col: number; old: string; now: string }[] = [];
  for (const u of used) {
    const f = u.formulas;
    for (let r = 0; r < f.length; r++) {
      for (let c = 0; c < f[r].length; c++) {
        const text = f[r][c];
        if (typeof text !== "string" || !text.startsWith("=") || !/MONEV/i.test(text)) continue;
        const address = a1(u.row0 + r, u.col0 + c);
        if (u.protected) {
          failed.push({ sheet: u.name, address, message: protectedError(u.name).message });
          continue;
        }
        const res = toPortableFormula(text.slice(1), { resolve: resolveIn(u.name) });
        if (res === null) continue;
        if (isMonevError(res)) {
          failed.push({ sheet: u.name, address, message: res.message });
          continue;
        }
        cells.push({
          sheet: u.name,
          row: u.row0 + r,
          col: u.col0 + c,
          old: text,
          now: `=${res.formula.replace(/^=/, "")}`,
        });
      }
    }
  }
  cells.sort((x, y) =>
    x.sheet < y.sheet ? -1 : x.sheet > y.sheet ? 1 : x.col - y.col || x.row - y.row
  );
  const undoBlocks: CellBlockBackup[] = [];
  const items: WriteBlock[] = [];
  for (let i = 0; i < cells.length;) {
    let j = i + 1;
    while (
      j < cells.length &&
      cells[j].sheet === cells[i].sheet &&
      cells[j].col === cells[i].col &&
      cells[j].row === cells[j - 1].row + 1
    )
      j++;
    const run = cells.slice(i, j);
    const address = a1Range(run[0].row, run[0].col, run[run.length - 1].row, run[0].col);
    undoBlocks.push({
      sheet: run[0].sheet,
      address,
      formulas: run.map((c) => [c.old]),
      numberFormat: [],
    });
    appendAll(
      items,
      splitBlock(
        writeBlock(
          run[0].sheet,
          address,
          run.map((c) => [c.now]),
          []
        ),
        budget
      )
    );
    i = j;
  }
  const undo: UndoRecord = {
    kind: "portable",
    blocks: undoBlocks,
    createdSheets: [],
    conditionalFormats: [],
    written: cells.length,
    notes: [],
  };
  return { batches: chunkByBytes(items, budget), undo, replaced: cells.length, failed };
}
