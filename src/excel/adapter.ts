/**
 * Office.js adapter of the task pane: reads the active sheet into a SheetGrid, applies a WritePlan
 * all-or-nothing, builds the evaluation sheet, makes the workbook portable and undoes any of those.
 * A thin executor: what to read, write, check and back up is decided by ./plan-requests (pure).
 *
 * Requirement sets used (declare the highest one in the manifest):
 * - ExcelApi 1.1: Excel.run, worksheets.getActiveWorksheet/getItem/add, Range values/formulas/
 *   numberFormat/address/rowCount/columnCount, Range.select, Worksheet.activate/delete,
 *   charts.add, Range.format (columnWidth, wrapText, alignment, font.bold/underline), Range.merge
 * - ExcelApi 1.2: Worksheet.protection (protected)
 * - ExcelApi 1.4: Worksheet.getUsedRangeOrNullObject, worksheets.getItemOrNullObject
 * - ExcelApi 1.6: conditional formats (TextComparison, priority, stopIfTrue, id),
 *   Application.suspendApiCalculationUntilNextSync
 * - ExcelApi 1.7: ChartSeriesCollection.add, ChartSeries.setValues/setXAxisValues/chartType
 * - ExcelApi 1.9: Range.copyFrom (a formula copied down a run: O(1) payload instead of one string per row),
 *   Worksheet.pageLayout.orientation (the evaluation sheet prints landscape),
 *   Worksheet.horizontalPageBreaks.add (a page break before the signature block)
 * - ExcelApi 1.13: Range.getMergedAreasOrNullObject
 * => minimum: ExcelApi 1.13 (Excel 2021 / Microsoft 365, Excel on the web).
 * Below it (manifest-excel2016.xml declares ExcelApi 1.1) each call above is checked at run time
 * (./caps) and left out or replaced: no merged-cell check, formulas written out instead of copied
 * down, no conditional formats, no 100% line on the chart, no page layout.
 *
 * Payload: every request and every response stays under MAX_REQUEST_BYTES (4 MB; Excel on the web
 * refuses 5 MB). Writes are cut by their exact JSON size; reads by an estimate corrected by each
 * chunk's measured size, and a read chunk Excel still refuses (ResponsePayloadSizeLimitExceeded)
 * is halved and read again. Syncs therefore grow with the data: readActiveSheet 1 + one per ~4 MB
 * of cells, applyPlan one read sync per ~4 MB of target cells + one write sync per ~4 MB,
 * generateEvaluationSheet 1 + one per ~4 MB of the table, makePortable 2 + reads + writes,
 * undo one per ~4 MB. No sync in loops over rows.
 */
import type { CellValue } from "../core/errors";
import type { SheetAnalysis, SheetCell, SheetGrid, WritePlan } from "../core/engine/types";
import type { EvaluationLayout, SignatureBlock } from "../core/engine/evaluation-sheet";
import {
  evaluationChartAnchor,
  evaluationChartTexts,
  evaluationPrintArea,
  printedColumnCount,
} from "../core/engine/evaluation-chart";
import type { Scale } from "../core/predikat";
import { a1, a1Range, colLetter, parseRange, Rect, sheetOf, stripSheet } from "./a1";
import { caps } from "./caps";
import {
  AdapterError,
  RESPONSE_TOO_LARGE,
  errText,
  mapOfficeError,
  officeCode,
  protectedError,
} from "./errors";
import {
  CfRule,
  LegendRead,
  MAX_CELLS,
  MAX_REQUEST_BYTES,
  ReadSizer,
  SpanRead,
  UndoRecord,
  UsedRead,
  WriteBlock,
  cfRules,
  rowHeightRuns,
  rowRuns,
  gridBytes,
  EvaluationPrint,
  MAX_ROW_HEIGHT,
  planEvaluationBody,
  planFill,
  planFillWrites,
  planPortable,
  planRestore,
  rowsOf,
} from "./plan-requests";

export { AdapterError, mapOfficeError, protectedError } from "./errors";
export type { AdapterErrorCode } from "./errors";
export {
  MAX_CELLS,
  MAX_REQUEST_BYTES,
  chunkByBytes,
  predikatColour,
  segments,
  selectWrites,
  toBlocks,
} from "./plan-requests";
export type { CellBlockBackup, UndoRecord } from "./plan-requests";

// ---------------------------------------------------------------------------------------------
// Executor helpers

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

/**
 * Read rows [0, total) in chunks sized by `sizer`: `queue(start, count)` queues the loads of one
 * chunk and returns a function giving its result and response bytes after the sync. A chunk Excel
 * refuses as too large is halved and read again.
 */
async function readChunked<T>(
  context: Excel.RequestContext,
  total: number,
  sizer: ReadSizer,
  queue: (start: number, count: number) => () => { result: T; bytes: number },
  onChunk?: (done: number, total: number) => void
): Promise<T[]> {
  const out: T[] = [];
  let start = 0;
  while (start < total) {
    let count = Math.min(sizer.nextRows(), total - start);
    for (;;) {
      const take = queue(start, count);
      try {
        // One sync per chunk is the point: each response must stay under the payload limit.
        // eslint-disable-next-line office-addins/no-context-sync-in-loop
        await context.sync();
      } catch (e) {
        if (officeCode(e) === RESPONSE_TOO_LARGE && count > 1) {
          count = Math.ceil(count / 2);
          continue;
        }
        throw e;
      }
      const { result, bytes } = take();
      sizer.observe(count, bytes);
      out.push(result);
      start += count;
      onChunk?.(start, total);
      break;
    }
  }
  return out;
}

/** Queue and sync batches one after the other (one sync per batch). */
async function sendBatches<T>(
  ctx: Excel.RequestContext,
  batches: T[][],
  queue: (batch: T[], index: number) => void,
  onDone?: (index: number) => void
): Promise<void> {
  const suspend = caps().conditionalFormats; // same set (ExcelApi 1.6)
  for (let i = 0; i < batches.length; i++) {
    if (suspend) ctx.application.suspendApiCalculationUntilNextSync();
    queue(batches[i], i);
    await ctx.sync();
    onDone?.(i);
  }
}

/** Queue one block: number formats first (so '@' text cells keep their text), then formulas. */
function queueBlock(context: Excel.RequestContext, b: WriteBlock): void {
  const ws = context.workbook.worksheets.getItem(b.sheet);
  const range = ws.getRange(b.address);
  if (b.numberFormat.length > 0) range.numberFormat = b.numberFormat as string[][];
  if (!b.fillDown) {
    if (b.formulas.length > 0) range.formulas = b.formulas as string[][];
    return;
  }
  const r = parseRange(b.address);
  const first = ws.getRange(a1(r.top, r.left));
  first.formulas = b.formulas as string[][];
  if (r.bottom > r.top)
    ws.getRange(a1Range(r.top + 1, r.left, r.bottom, r.right)).copyFrom(first, "Formulas");
}

function queueConditionalFormats(range: Excel.Range, rules: CfRule[]): Excel.ConditionalFormat[] {
  return rules.map((rule) => {
    const cf = range.conditionalFormats.add("ContainsText");
    cf.textComparison.format.fill.color = rule.fill;
    cf.textComparison.format.font.color = rule.font;
    cf.textComparison.rule = { operator: "BeginsWith", text: rule.label };
    cf.priority = rule.priority;
    cf.stopIfTrue = true;
    cf.load("id");
    return cf;
  });
}

function concatRows<T>(parts: T[][][]): T[][] {
  const out: T[][] = [];
  for (const p of parts) for (const row of p) out.push(row);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading

function toGrid(
  name: string,
  isProtected: boolean,
  values: unknown[][],
  formulas: unknown[][],
  formats: unknown[][],
  merges: Rect[]
): SheetGrid {
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
 * Read the active sheet's (or the named sheet's) used range (from A1) into a SheetGrid. The first
 * sync reads the used range's size (guarded by MAX_CELLS), the next ones its values, formulas,
 * number formats (and, with the first chunk, merged areas) in row chunks under the payload budget.
 * onProgress gets the rows read so far and the total after each chunk's sync (the pane's bar).
 */
export async function readActiveSheet(
  sheetName?: string,
  maxBytes = MAX_REQUEST_BYTES,
  onProgress?: (done: number, total: number) => void
): Promise<SheetGrid> {
  try {
    return await Excel.run(async (context) => {
      const can = caps();
      const ws = sheetName
        ? context.workbook.worksheets.getItem(sheetName)
        : context.workbook.worksheets.getActiveWorksheet();
      ws.load("name");
      const protection = can.protection ? ws.protection : undefined;
      protection?.load("protected");
      // ExcelApi 1.1: getUsedRange() (an empty sheet gives A1; its blank value is then read as empty).
      const used = can.nullObjects ? ws.getUsedRangeOrNullObject(true) : ws.getUsedRange();
      used.load("address,rowIndex,columnIndex,rowCount,columnCount");
      await context.sync();
      if (used.isNullObject) {
        throw new AdapterError(
          "empty",
          `Lembar '${ws.name}' kosong. Buka lembar yang berisi tabel evaluasi lalu tekan Pindai ulang.`,
          `Sheet '${ws.name}' is empty. Open the sheet with the evaluation table and press Rescan.`
        );
      }
      const rows = used.rowIndex + used.rowCount;
      const cols = used.columnIndex + used.columnCount;
      if (rows * cols > MAX_CELLS) {
        throw new AdapterError(
          "too-large",
          `Rentang terpakai terlalu besar (${stripSheet(used.address)}: ${rows.toLocaleString("id-ID")} baris x ${cols} kolom, batas ${MAX_CELLS.toLocaleString("id-ID")} sel). Salin tabel evaluasi ke lembar baru lalu coba lagi.`,
          `The used range is too large (${stripSheet(used.address)}: ${rows} rows x ${cols} columns, limit ${MAX_CELLS} cells). Copy the evaluation table to a new sheet and try again.`
        );
      }
      let merges: Rect[] = [];
      const chunks = await readChunked(
        context,
        rows,
        new ReadSizer(cols, maxBytes),
        (start, count) => {
          const range = ws.getRange(a1Range(start, 0, start + count - 1, cols - 1));
          range.load("values,formulas,numberFormat");
          const merged =
            start === 0 && can.mergedAreas
              ? ws.getRange(a1Range(0, 0, rows - 1, cols - 1)).getMergedAreasOrNullObject()
              : undefined;
          merged?.load("address");
          return () => {
            if (merged && !merged.isNullObject) merges = parseAreas(merged.address);
            // Read by readChunked after the chunk's sync (the rule cannot follow the closure).
            /* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load */
            const result = {
              values: range.values,
              formulas: range.formulas,
              numberFormat: range.numberFormat,
            };
            /* eslint-enable office-addins/call-sync-before-read, office-addins/call-sync-after-load */
            return {
              result,
              bytes:
                gridBytes(result.values) +
                gridBytes(result.formulas) +
                gridBytes(result.numberFormat),
            };
          };
        },
        onProgress
      );
      const grid = toGrid(
        ws.name,
        protection?.protected ?? false,
        concatRows(chunks.map((c) => c.values)),
        concatRows(chunks.map((c) => c.formulas)),
        concatRows(chunks.map((c) => c.numberFormat)),
        merges
      );
      if (!can.nullObjects && grid.cells.every((row) => row.every((c) => c === undefined))) {
        throw new AdapterError(
          "empty",
          `Lembar '${ws.name}' kosong. Buka lembar yang berisi tabel evaluasi lalu tekan Pindai ulang.`,
          `Sheet '${ws.name}' is empty. Open the sheet with the evaluation table and press Rescan.`
        );
      }
      return grid;
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
      const ws = sheet
        ? context.workbook.worksheets.getItem(sheet)
        : context.workbook.worksheets.getActiveWorksheet();
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

export interface ApplyOptions {
  overwrite?: boolean;
  /** Called after each write batch with the number of cells written so far. */
  onProgress?: (done: number, total: number) => void;
  /** Conditional formats on predikat cells and a legend (default true). */
  predikatFormats?: boolean;
  maxRequestBytes?: number;
  /** The scale the sheet is rated on: predikat colours and legend from its bands. */
  scale?: Scale;
}

/**
 * Apply a plan all-or-nothing: read the previous content of every touched cell, check protection
 * and merged-cell conflicts (nothing is written when a check fails), then write the planned batches.
 * If a write batch fails, the cells already written are restored from the undo record.
 */
export async function applyPlan(plan: WritePlan, opts: ApplyOptions = {}): Promise<UndoRecord> {
  const can = caps();
  const fp = planFill(plan, {
    ...opts,
    copyDown: can.copyFrom,
    predikatFormats: opts.predikatFormats !== false && can.conditionalFormats,
  });
  const budget = opts.maxRequestBytes ?? MAX_REQUEST_BYTES;
  let record: UndoRecord | undefined;
  let writeStarted = false;
  try {
    await Excel.run(async (context) => {
      // Sync 1: protection, merged areas of the target spans and the legend's cells.
      const protections = fp.sheets.map((s) => {
        if (!can.protection) return undefined;
        const p = context.workbook.worksheets.getItem(s).protection;
        p.load("protected");
        return p;
      });
      const spanRange = (s: { sheet: string; col: number }, top: number, bottom: number) =>
        context.workbook.worksheets.getItem(s.sheet).getRange(a1Range(top, s.col, bottom, s.col));
      const mergedReads = fp.spans.map((s) => {
        if (!can.mergedAreas) return undefined;
        const m = spanRange(s, s.top, s.bottom).getMergedAreasOrNullObject();
        m.load("address");
        return m;
      });
      const legend = fp.legend;
      const legendRange = legend
        ? context.workbook.worksheets.getItem(legend.sheet).getRange(legend.address)
        : undefined;
      const legendMerged = can.mergedAreas ? legendRange?.getMergedAreasOrNullObject() : undefined;
      legendRange?.load("formulas,numberFormat");
      legendMerged?.load("address");
      await context.sync();
      const protectedSheets = fp.sheets.filter((_, i) => protections[i]?.protected);
      if (protectedSheets.length > 0) throw protectedError(protectedSheets[0]);

      // Previous content of every span, in row windows under the response budget.
      const top = Math.min(...fp.spans.map((s) => s.top));
      const bottom = Math.max(...fp.spans.map((s) => s.bottom));
      const sizer = new ReadSizer(fp.spans.length, budget);
      const windows = await readChunked(context, bottom - top + 1, sizer, (start, count) => {
        const w0 = top + start;
        const w1 = w0 + count - 1;
        const parts = fp.spans.map((s) => {
          const t = Math.max(s.top, w0);
          const b = Math.min(s.bottom, w1);
          if (t > b) return undefined;
          const r = spanRange(s, t, b);
          r.load("formulas,numberFormat");
          return r;
        });
        return () => {
          let bytes = 0;
          const result = parts.map((r) => {
            if (!r) return undefined;
            bytes += gridBytes(r.formulas) + gridBytes(r.numberFormat);
            return {
              formulas: r.formulas as unknown[][],
              numberFormat: r.numberFormat as unknown[][],
            };
          });
          return { result, bytes };
        };
      });
      const reads: SpanRead[] = fp.spans.map((span, i) => ({
        span,
        formulas: concatRows(windows.map((w) => w[i]?.formulas ?? [])),
        numberFormat: concatRows(windows.map((w) => w[i]?.numberFormat ?? [])),
        merges:
          !mergedReads[i] || mergedReads[i].isNullObject ? [] : parseAreas(mergedReads[i].address),
      }));
      const legendRead: LegendRead | undefined = legendRange
        ? {
            formulas: legendRange.formulas,
            numberFormat: legendRange.numberFormat,
            merged: !!legendMerged && !legendMerged.isNullObject,
          }
        : undefined;
      const req = planFillWrites(fp, reads, protectedSheets, legendRead, budget);
      record = req.record;

      let done = 0;
      let cfs: { sheet: string; address: string; cf: Excel.ConditionalFormat }[] = [];
      writeStarted = true;
      await sendBatches(
        context,
        req.batches,
        (batch, i) => {
          for (const b of batch) queueBlock(context, b);
          if (i === req.batches.length - 1) {
            cfs = req.cfRanges.flatMap((s) => {
              const range = context.workbook.worksheets.getItem(s.sheet).getRange(s.address);
              return queueConditionalFormats(range, req.rules).map((cf) => ({
                sheet: s.sheet,
                address: s.address,
                cf,
              }));
            });
          }
        },
        (i) => {
          done += req.batches[i].reduce((n, b) => n + rowsOf(b.address), 0);
          opts.onProgress?.(Math.min(done, req.total), req.total);
        }
      );
      opts.onProgress?.(req.total, req.total);
      record.conditionalFormats = cfs.map((c) => ({
        sheet: c.sheet,
        address: c.address,
        id: c.cf.id,
      }));
      record.written = req.total;
    });
  } catch (e) {
    const err = mapOfficeError(e);
    if (!writeStarted || !record) throw err;
    // All-or-nothing: put back what was there before.
    try {
      await restore(record);
    } catch (e2) {
      throw new AdapterError(
        "write-failed",
        `Penulisan gagal (${err.message}) dan pemulihan juga gagal (${errText(e2)}). Gunakan Urungkan (Ctrl+Z) di Excel atau periksa sel secara manual.`,
        `Writing failed (${err.messageEn}) and restoring failed too (${errText(e2)}).`,
        err.detail
      );
    }
    throw new AdapterError(
      "write-failed",
      `Penulisan gagal: ${err.message} Semua sel sudah dikembalikan seperti semula.`,
      `Writing failed: ${err.messageEn} Every cell was restored.`,
      err.detail
    );
  }
  return record!;
}

/** Write the backed-up blocks back (used by undo and by a failed apply). */
async function restore(
  record: UndoRecord,
  cfIds = false,
  sheets = false,
  budget = MAX_REQUEST_BYTES
): Promise<void> {
  await Excel.run(async (context) => {
    let sheetChecks: Excel.Worksheet[] = [];
    if (sheets && record.createdSheets.length > 0) {
      if (caps().nullObjects) {
        sheetChecks = record.createdSheets.map((name) => {
          const ws = context.workbook.worksheets.getItemOrNullObject(name);
          ws.load("name");
          return ws;
        });
      } else {
        // ExcelApi 1.1: look the names up in the sheet list.
        const all = context.workbook.worksheets;
        all.load("items/name");
        await context.sync();
        const wanted = new Set(record.createdSheets.map((n) => n.toLowerCase()));
        sheetChecks = all.items.filter((ws) => wanted.has(ws.name.toLowerCase()));
      }
    }
    if (sheetChecks.length > 0 && caps().nullObjects) await context.sync();
    const reserve = cfIds ? record.conditionalFormats.length * 600 : 0;
    const batches = planRestore(record, budget, reserve);
    await sendBatches(context, batches, (batch, i) => {
      for (const b of batch) queueBlock(context, b);
      if (i === batches.length - 1) {
        if (cfIds) {
          for (const c of record.conditionalFormats) {
            context.workbook.worksheets
              .getItem(c.sheet)
              .getRange(c.address)
              .conditionalFormats.getItem(c.id)
              .delete();
          }
        }
        for (const ws of sheetChecks) if (!caps().nullObjects || !ws.isNullObject) ws.delete();
      }
    });
  });
}

/** Undo an action: restore previous formulas/values and number formats, delete its sheets and formats. */
export async function undo(record: UndoRecord, maxBytes = MAX_REQUEST_BYTES): Promise<void> {
  try {
    await restore(record, true, true, maxBytes);
  } catch (e) {
    throw mapOfficeError(e);
  }
}

// ---------------------------------------------------------------------------------------------
// Evaluation sheet

/**
 * Create 'Evaluasi - <sheet>' with an LKjIP-style table whose cells reference the source sheet,
 * summary rows (average, COUNTIF per predikat), a column chart with a 100% line and the narrative.
 * The table is written in row slices under the payload budget; if a later slice fails, the new
 * sheet is deleted again.
 */
export async function generateEvaluationSheet(
  analysis: SheetAnalysis,
  lang: "id" | "en" = "id",
  scale?: string | Scale,
  /** The sheet as read (after a fill): tells whether it already rates each indicator. */
  source?: SheetGrid,
  maxBytes = MAX_REQUEST_BYTES,
  /** Who signs the sheet (the pane's optional fields); printed under the narrative. */
  signature?: SignatureBlock
): Promise<UndoRecord> {
  const noTable = () =>
    new AdapterError(
      "no-table",
      "Tidak ditemukan tabel evaluasi di lembar ini. Pastikan tabel memiliki baris judul kolom (Target, Realisasi, …).",
      "No evaluation table was found on this sheet. Make sure it has a header row (Target, Realisasi, …)."
    );
  if (!analysis.tables.some((t) => t.kind !== "unknown")) throw noTable();
  let created: string | undefined;
  try {
    return await Excel.run(async (context) => {
      const sheetsCol = context.workbook.worksheets;
      sheetsCol.load("items/name");
      await context.sync();
      const existing = sheetsCol.items.map((s) => s.name);
      // The layout needs the engine's summary: loaded as a separate chunk (not in the pane's bundle).
      const { evaluationRowHeights, layoutEvaluation, signatureNeedsBreak, uniqueSheetName } =
        await import(/* webpackChunkName: "evaluation-sheet" */ "../core/engine/evaluation-sheet");
      const name = uniqueSheetName(analysis.tables[0].sheet, existing);
      // The table shape's own columns (I.15: keuangan and fisik; RKPD: K and Rp; ...).
      const lay = layoutEvaluation(analysis, name, {
        lang,
        scale,
        source,
        columns: "shape",
        ...(signature ? { signature } : {}),
      });
      if (!lay) throw noTable();
      // Rows as tall as their wrapped text (the CLI's estimate; Excel does not grow them), and
      // a page break before a signature block that would straddle a page.
      const heights = evaluationRowHeights(lay).map((h) => Math.min(MAX_ROW_HEIGHT, h));
      const print: EvaluationPrint = {
        heights,
        breakBefore: lay.signature && signatureNeedsBreak(lay, heights) ? lay.signature.row : -1,
      };
      const batches = planEvaluationBody(lay, maxBytes, print);
      const ws = sheetsCol.add(name);
      await sendBatches(context, batches, (batch, i) => {
        for (const b of batch) queueBlock(context, b);
        if (i === batches.length - 1) queueEvaluationFormatting(ws, lay, lang, print);
        created = name;
      });
      return {
        kind: "generate",
        blocks: [],
        createdSheets: [name],
        conditionalFormats: [],
        written: lay.cells.length * lay.columns.length,
        notes: [],
        sheetName: name,
      } satisfies UndoRecord;
    });
  } catch (e) {
    const err = mapOfficeError(e);
    if (created) {
      const name = created;
      await Excel.run(async (context) => {
        context.workbook.worksheets.getItem(name).delete();
        await context.sync();
      }).catch(() => undefined);
    }
    throw err;
  }
}

/** Excel's column width in points for a width in characters (Calibri 11: 7 px a character + 5, 0.75 pt a px). */
const widthPoints = (chars: number) => Math.round((7 * chars + 5) * 0.75);

/**
 * The sheet's looks, queued with its last batch (planEvaluationBody reserves the room): every
 * range as wide as the layout's columns, the predikat colours on its predikat column, the chart
 * on its rated capaian (and the 100% line on its reference column), the signature block as the
 * CLI prints it (each line merged across the block and centred, the name bold and underlined),
 * and as the CLI does: every row's height (`print.heights`), the heading rows bold, a page break
 * before the signature block when it would straddle a page.
 */
function queueEvaluationFormatting(
  ws: Excel.Worksheet,
  lay: EvaluationLayout,
  lang: "id" | "en",
  print: EvaluationPrint
): void {
  const can = caps();
  const last = Math.max(1, lay.columns.length) - 1;
  const headerRow = lay.print?.repeatRows[0] ?? lay.firstDataRow - 1;
  ws.getRange("A1").format.font.bold = true;
  ws.getRange("A1").format.font.size = 14;
  const header = ws.getRange(a1Range(headerRow, 0, headerRow, last));
  header.format.font.bold = true;
  header.format.fill.color = "#D9E1F2";
  header.format.wrapText = true;
  header.format.horizontalAlignment = "Center";
  header.format.verticalAlignment = "Center";
  ws.getRange(a1Range(lay.summaryRow, 0, lay.narrativeRow - 2, last)).format.font.bold = true;
  // Program / kegiatan rows name the indicators below them: bold, as the CLI prints them.
  for (const [from, to] of rowRuns(lay.headingRows ?? []))
    ws.getRange(a1Range(from, 0, to, last)).format.font.bold = true;
  if (lay.lastDataRow >= lay.firstDataRow) {
    // Figures read from the first line of a wrapped label; the predikat centred.
    const data = ws.getRange(a1Range(lay.firstDataRow, 0, lay.lastDataRow, last));
    data.format.verticalAlignment = "Top";
    if (lay.predikatCol >= 0)
      ws.getRange(
        a1Range(lay.firstDataRow, lay.predikatCol, lay.lastDataRow, lay.predikatCol)
      ).format.horizontalAlignment = "Center";
  }
  if (can.protection) {
    const labelCol = lay.columns.findIndex((c) => c.key === "label");
    lay.columns.forEach((c, i) => {
      const col = colLetter(i);
      ws.getRange(`${col}:${col}`).format.columnWidth = widthPoints(c.width);
      if (i === labelCol) ws.getRange(`${col}:${col}`).format.wrapText = true;
    });
    // Every row's height, one call per run of equal rows (the narrative's paragraphs included).
    for (const run of rowHeightRuns(print.heights))
      ws.getRange(a1Range(run.from, 0, run.to, 0)).format.rowHeight = run.height;
  }
  // The narrative: one paragraph per row, each merged across the table's width (merge across:
  // one merged area per row, one call for the block).
  const narrRows = Math.max(1, lay.narrativeRows ?? 1);
  const narr = ws.getRange(a1Range(lay.narrativeRow, 0, lay.narrativeRow + narrRows - 1, last));
  if (can.protection) narr.merge(true);
  narr.format.wrapText = true;
  narr.format.verticalAlignment = "Top";
  const sig = lay.signature;
  if (sig && sig.rows > 0) {
    const block = ws.getRange(
      a1Range(sig.row, sig.col, sig.row + sig.rows - 1, sig.col + sig.span - 1)
    );
    if (can.protection && sig.span > 1) block.merge(true);
    block.format.horizontalAlignment = "Center";
    if (sig.nameRow !== undefined) {
      const name = ws.getRange(a1Range(sig.nameRow, sig.col, sig.nameRow, sig.col + sig.span - 1));
      name.format.font.bold = true;
      name.format.font.underline = "Single";
    }
  }
  if (can.conditionalFormats && lay.predikatCol >= 0) {
    const cfRange = ws.getRange(
      a1Range(lay.firstDataRow, lay.predikatCol, lay.lastDataRow, lay.predikatCol)
    );
    // Deleted with the sheet on undo, so their ids are not recorded.
    queueConditionalFormats(
      cfRange,
      cfRules(
        [...lay.labels].sort((x, y) => y.length - x.length),
        lay.scale
      )
    );
  }
  if (lay.lastDataRow >= lay.firstDataRow && can.chartSeries) {
    const capRange = ws.getRange(
      a1Range(lay.firstDataRow, lay.capaianCol, lay.lastDataRow, lay.capaianCol)
    );
    const chart = ws.charts.add("ColumnClustered", capRange, "Columns");
    const texts = evaluationChartTexts(lang);
    chart.title.text = texts.title;
    const s0 = chart.series.getItemAt(0);
    s0.name = texts.capaian;
    s0.setXAxisValues(ws.getRange(a1Range(lay.firstDataRow, 0, lay.lastDataRow, 0)));
    if (lay.acuanCol >= 0) {
      const line = chart.series.add(texts.acuan);
      line.setValues(
        ws.getRange(a1Range(lay.firstDataRow, lay.acuanCol, lay.lastDataRow, lay.acuanCol))
      );
      line.chartType = "Line";
      // Its column is hidden (not printed; below): hidden cells are plotted (ExcelApi 1.8).
      if (can.copyFrom) chart.plotVisibleOnly = false;
    }
    const at = evaluationChartAnchor(lay);
    chart.setPosition(a1(at.from.row, at.from.col), a1(at.to.row, at.to.col));
  }
  // Printed for the report (ExcelApi 1.9): A4 landscape, one page wide (as many pages tall as the
  // rows need: 0 is the file format's "automatic" height, fitToHeight="0"), header row on every page.
  if (can.copyFrom) {
    ws.pageLayout.orientation = Excel.PageOrientation.landscape;
    ws.pageLayout.paperSize = Excel.PaperType.a4;
    ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    const [top, bottom] = lay.print?.repeatRows ?? [headerRow, headerRow];
    ws.pageLayout.setPrintTitleRows(`$${top + 1}:$${bottom + 1}`);
    // The table is printed, not the chart beside it nor the "Acuan 100%" column, which is hidden
    // (as in the CLI's sheet: the same pages from both).
    const area = evaluationPrintArea(lay);
    ws.pageLayout.setPrintArea(a1Range(0, 0, area.lastRow, area.lastCol));
    if (printedColumnCount(lay) < lay.columns.length) {
      const hidden = colLetter(lay.acuanCol);
      ws.getRange(`${hidden}:${hidden}`).columnHidden = true;
    }
    // The signature block is never split across pages: a manual break above its first row.
    if (print.breakBefore >= 0) ws.horizontalPageBreaks.add(a1(print.breakBefore, 0));
  }
  ws.activate();
}

// ---------------------------------------------------------------------------------------------
// Portable workbook

export interface PortableReport {
  undo: UndoRecord;
  replaced: number;
  failed: { sheet: string; address: string; message: string }[];
}

/** Replace every MONEV.* formula in all sheets by its native equivalent (toPortableFormula). */
export async function makePortable(maxBytes = MAX_REQUEST_BYTES): Promise<PortableReport> {
  try {
    return await Excel.run(async (context) => {
      const sheetsCol = context.workbook.worksheets;
      sheetsCol.load("items/name");
      await context.sync();
      const can = caps();
      const sheets = sheetsCol.items.map((ws) => {
        const r = can.nullObjects ? ws.getUsedRangeOrNullObject(true) : ws.getUsedRange();
        r.load("rowIndex,columnIndex,rowCount,columnCount");
        const p = can.protection ? ws.protection : undefined;
        p?.load("protected");
        return { ws, name: ws.name, r, p };
      });
      await context.sync();
      const used: UsedRead[] = [];
      for (const s of sheets) {
        if (s.r.isNullObject) continue;
        const { rowIndex: row0, columnIndex: col0, rowCount, columnCount } = s.r;
        const chunks = await readChunked(
          context,
          rowCount,
          new ReadSizer(columnCount, maxBytes),
          (start, count) => {
            const range = s.ws.getRange(
              a1Range(row0 + start, col0, row0 + start + count - 1, col0 + columnCount - 1)
            );
            range.load("formulas,values");
            return () => {
              // Read by readChunked after the chunk's sync (the rule cannot follow the closure).
              /* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load */
              const result = {
                formulas: range.formulas as unknown[][],
                values: range.values as unknown[][],
              };
              /* eslint-enable office-addins/call-sync-before-read, office-addins/call-sync-after-load */
              return { result, bytes: gridBytes(result.formulas) + gridBytes(result.values) };
            };
          }
        );
        used.push({
          name: s.name,
          protected: s.p?.protected ?? false,
          row0,
          col0,
          formulas: concatRows(chunks.map((c) => c.formulas)),
          values: concatRows(chunks.map((c) => c.values)),
        });
      }
      const { toPortableFormula } = await import(
        /* webpackChunkName: "portable" */ "../core/engine/portable"
      );
      const plan = planPortable(used, toPortableFormula, maxBytes);
      // Number formats are not touched: write formulas only.
      await sendBatches(context, plan.batches, (batch) => {
        for (const b of batch) queueBlock(context, b);
      });
      return { undo: plan.undo, replaced: plan.replaced, failed: plan.failed };
    });
  } catch (e) {
    throw mapOfficeError(e);
  }
}
