/**
 * ExcelJS adapter of the CLI: reads an .xlsx into plain SheetGrids (values, formulas, cached
 * results, number formats, bold, merges, protection) and applies a WritePlan back onto the
 * workbook (native formula + cached result, number format, header styling). Nothing here knows
 * the evaluation rules; it only translates between ExcelJS cells and the engine's plain data.
 */
/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read --
   these are ExcelJS objects in memory, not Office.js proxies: there is no context to sync. */
import * as fs from "fs";
import ExcelJS from "exceljs";
import type { CellValue } from "../core/errors";
import type { MergedArea, PlannedWrite, SheetCell, SheetGrid, WritePlan } from "../core/engine/types";
import type { EvaluationLayout } from "../core/engine/evaluation-sheet";
import { cellAddress } from "../core/engine/address";
import { writeFileAtomic } from "./atomic";

/** Why an input file cannot be read; mapped to exit code 2 by the CLI. */
export type InputProblem = "missing" | "not-file" | "encrypted" | "not-xlsx" | "corrupt";

export class InputError extends Error {
  constructor(
    readonly problem: InputProblem,
    readonly file: string,
    readonly detail?: string,
  ) {
    super(`${problem}: ${file}${detail ? ` (${detail})` : ""}`);
  }
}

/** The CFB/OLE2 compound-file signature: encrypted (password-protected) .xlsx and legacy .xls. */
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Local file header of a zip archive ('PK\x03\x04'); every .xlsx starts with it. */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Check the file exists and looks like an .xlsx before handing it to ExcelJS. */
export function checkInputFile(file: string): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InputError("missing", file);
  }
  if (!stat.isFile()) throw new InputError("not-file", file);
  const buf = fs.readFileSync(file);
  if (buf.length >= 4 && buf.subarray(0, 4).equals(CFB_MAGIC.subarray(0, 4))) {
    throw new InputError("encrypted", file);
  }
  if (buf.length < 4 || !buf.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new InputError("not-xlsx", file);
  }
  return buf;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Load a workbook from disk, mapping every failure to an InputError. */
export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const buf = checkInputFile(file);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw new InputError("corrupt", file, errorText(e));
  }
  if (wb.worksheets.length === 0) throw new InputError("corrupt", file, "no worksheets");
  return wb;
}

function isInvalidDate(v: unknown): boolean {
  return v instanceof Date && Number.isNaN(v.getTime());
}

/** Flatten an ExcelJS value (rich text, hyperlink, error, ...) to a plain CellValue. */
export function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  // A text formula result in a date-formatted cell reads as new Date(NaN): treat it as no value.
  if (v instanceof Date) return isInvalidDate(v) ? null : v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
    }
    if (typeof o.error === "string") return o.error;
    if ("text" in o && typeof o.text !== "object") return String(o.text);
    if ("result" in o) return plainValue(o.result);
    if ("formula" in o || "sharedFormula" in o) return null;
  }
  return null;
}

/** Read one ExcelJS cell into the engine's SheetCell, or undefined when it carries nothing. */
export function readCell(cell: ExcelJS.Cell): SheetCell | undefined {
  const raw = cell.value as unknown;
  let formula: string | undefined;
  let value: CellValue;
  if (cell.type === ExcelJS.ValueType.Merge) {
    // Slave of a merge: ExcelJS reports the master's value; the grid keeps it empty.
    return undefined;
  }
  if (cell.type === ExcelJS.ValueType.Formula) {
    const f = cell.formula as string | undefined;
    formula = f ? f.replace(/^=/, "") : undefined;
    const result = (cell as unknown as { result: unknown }).result;
    value = plainValue(result);
    // Drop an invalid-Date cached result, or saving the workbook writes <v>NaN</v>; the formula stays.
    if (isInvalidDate(result)) cell.value = { ...(raw as ExcelJS.CellFormulaValue), result: undefined };
  } else {
    value = plainValue(raw);
    if (isInvalidDate(raw)) cell.value = null;
  }
  const numFmt = cell.numFmt && cell.numFmt !== "General" ? cell.numFmt : undefined;
  const bold = cell.font?.bold ? true : undefined;
  if ((value === null || value === "") && !formula && !bold && !numFmt) return undefined;
  const out: SheetCell = { value };
  if (formula) out.formula = formula;
  if (numFmt) out.numFmt = numFmt;
  if (bold) out.bold = true;
  return out;
}

interface RangeLike {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Read one worksheet into a dense SheetGrid starting at A1 (0-based rows and columns). */
export function worksheetToGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const cells: (SheetCell | undefined)[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const sc = readCell(cell);
      if (!sc) return;
      const r = rowNumber - 1;
      while (cells.length <= r) cells.push([]);
      cells[r][colNumber - 1] = sc;
    });
  });
  const merges: MergedArea[] = [];
  const rawMerges = (ws as unknown as { _merges?: Record<string, RangeLike> })._merges ?? {};
  for (const m of Object.values(rawMerges)) {
    if (!m) continue;
    merges.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
  }
  const prot = (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  const grid: SheetGrid = { name: ws.name, cells, merges };
  if (prot && prot.sheet !== false) grid.protected = true;
  return grid;
}

export async function readWorkbookGrids(
  file: string,
): Promise<{ workbook: ExcelJS.Workbook; grids: SheetGrid[] }> {
  const workbook = await loadWorkbook(file);
  const grids: SheetGrid[] = [];
  for (const ws of workbook.worksheets) {
    grids.push(worksheetToGrid(ws));
  }
  return { workbook, grids };
}

function cloneStyle(style: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  return JSON.parse(JSON.stringify(style ?? {})) as Partial<ExcelJS.Style>;
}

/** The nearest non-empty-styled cell to the left on the same row, to copy header/table styling from. */
function styleSource(ws: ExcelJS.Worksheet, row: number, col: number): ExcelJS.Cell | undefined {
  for (let c = col - 1; c >= 1 && c >= col - 4; c--) {
    const cell = ws.getRow(row).getCell(c);
    if (cell.style && (cell.style.border || cell.style.fill || cell.style.font)) return cell;
  }
  return undefined;
}

/** Write one planned cell: formula + cached result (or a plain value), number format, styling. */
export function applyWrite(ws: ExcelJS.Worksheet, w: PlannedWrite): void {
  const row = w.row + 1;
  const col = w.col + 1;
  const cell = ws.getRow(row).getCell(col);
  const wasEmpty = cell.value === null || cell.value === undefined;
  if (wasEmpty || w.isHeader) {
    const src = styleSource(ws, row, col);
    if (src) {
      const st = cloneStyle(src.style);
      if (!w.isHeader) delete st.numFmt;
      cell.style = st;
    }
  }
  if (w.formula) {
    const formula = w.formula.replace(/^=/, "");
    const result = w.value === null ? undefined : w.value;
    cell.value = { formula, result } as ExcelJS.CellFormulaValue;
  } else {
    cell.value = w.value;
  }
  if (w.numFmt) cell.numFmt = w.numFmt;
  // The engine's note (e.g. "inputs were text, the value is written instead of a formula") as a
  // real cell note, so whoever opens the workbook sees why this cell holds a plain number.
  if (w.note && !w.isHeader) cell.note = { texts: [{ text: `Monev: ${w.note}` }] } as ExcelJS.Comment;
  if (w.isHeader) {
    cell.alignment = { ...(cell.alignment ?? {}), wrapText: true, vertical: "middle", horizontal: "center" };
    cell.font = { ...(cell.font ?? {}), bold: true };
  }
}

function hasContent(c: SheetCell | undefined): boolean {
  if (!c) return false;
  if (c.formula) return true;
  return !(c.value === null || c.value === undefined || (typeof c.value === "string" && c.value.trim() === ""));
}

/**
 * Apply a plan to the workbook in memory. Conflicts (non-empty cells) are written only when
 * `overwrite` is set; the caller has already decided that. Returns the writes actually applied.
 */
export function applyPlan(
  workbook: ExcelJS.Workbook,
  plan: WritePlan,
  opts: { overwrite?: boolean } = {},
): PlannedWrite[] {
  const applied: PlannedWrite[] = [];
  const conflictKeys = new Set(plan.conflicts.map((c) => `${c.sheet}!${c.address}`));
  const all = [...plan.writes];
  if (opts.overwrite) {
    for (const c of plan.conflicts) {
      if (!all.some((w) => w.sheet === c.sheet && w.address === c.address)) all.push(c);
    }
  }
  for (const w of all) {
    // Safety net: never replace a non-empty cell unless overwrite is on.
    if (!opts.overwrite && (conflictKeys.has(`${w.sheet}!${w.address}`) || hasContent(w.previous))) continue;
    const ws = workbook.getWorksheet(w.sheet);
    if (!ws || isProtected(ws)) continue; // a locked sheet is the office's decision: never written
    applyWrite(ws, w);
    applied.push(w);
  }
  return applied;
}

/** The sheet is protected (locked) in the workbook. */
export function isProtected(ws: ExcelJS.Worksheet): boolean {
  const prot = (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  return !!prot && prot.sheet !== false;
}

/** Write grids as a new workbook (sample generation, benchmarks, tests). */
export async function writeGridsToXlsx(grids: SheetGrid[], file: string): Promise<void> {
  const wb = gridsToWorkbook(grids);
  await wb.xlsx.writeFile(file);
}

export function gridsToWorkbook(grids: SheetGrid[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Monev";
  for (const g of grids) {
    const ws = wb.addWorksheet(g.name.slice(0, 31));
    g.cells.forEach((rowCells, r) => {
      if (!rowCells) return;
      const row = ws.getRow(r + 1);
      rowCells.forEach((c, col) => {
        if (!c) return;
        const cell = row.getCell(col + 1);
        const v = c.value === undefined ? null : c.value;
        if (c.formula) {
          cell.value = {
            formula: c.formula.replace(/^=/, ""),
            result: v === null || typeof v === "boolean" ? undefined : v,
          } as ExcelJS.CellFormulaValue;
        } else {
          cell.value = v as ExcelJS.CellValue;
        }
        if (c.numFmt) cell.numFmt = c.numFmt;
        if (c.bold) cell.font = { bold: true };
      });
    });
    for (const m of g.merges) {
      if (m.top === m.bottom && m.left === m.right) continue;
      ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    }
    // Column widths: something readable for the text columns.
    const widths: number[] = [];
    g.cells.forEach((rowCells) =>
      rowCells?.forEach((c, col) => {
        if (!c || c.value === null || c.value === undefined) return;
        const len = Math.min(45, String(c.value).length + 2);
        widths[col] = Math.max(widths[col] ?? 8, len);
      }),
    );
    widths.forEach((w, i) => {
      if (w) ws.getColumn(i + 1).width = w;
    });
    if (g.protected) void ws.protect("", {});
  }
  return wb;
}

/**
 * Add the evaluation sheet laid out by the core: formulas with their cached values (the layout's
 * `values`), number formats, a bold header and a wrapped narrative. ExcelJS cannot make charts:
 * the task pane adds the chart, the CLI does not. Returns the cells written, for the report.
 */
export function addEvaluationSheet(workbook: ExcelJS.Workbook, lay: EvaluationLayout): PlannedWrite[] {
  const ws = workbook.addWorksheet(lay.sheetName);
  const written: PlannedWrite[] = [];
  lay.cells.forEach((rowCells, r) => {
    rowCells.forEach((raw, c) => {
      if (raw === "" || raw === null || raw === undefined) return;
      const cell = ws.getRow(r + 1).getCell(c + 1);
      const cached = lay.values?.[r]?.[c] ?? null;
      // The report's values are numbers or text; a (rare) logical source value is reported as TRUE/FALSE.
      const value = typeof cached === "boolean" ? String(cached).toUpperCase() : cached;
      const w: PlannedWrite = { sheet: lay.sheetName, row: r, col: c, address: cellAddress(r, c), value, rule: "lembar-evaluasi" };
      if (typeof raw === "string" && raw.startsWith("=")) {
        w.formula = raw.slice(1);
        cell.value = { formula: w.formula, result: cached } as ExcelJS.CellFormulaValue;
      } else {
        cell.value = raw as ExcelJS.CellValue;
      }
      const fmt = lay.numberFormat[r]?.[c];
      if (fmt && fmt !== "General") {
        cell.numFmt = fmt;
        w.numFmt = fmt;
      }
      written.push(w);
    });
  });
  ws.getRow(1).font = { bold: true, size: 14 };
  const header = ws.getRow(3);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "middle" };
  for (let c = 1; c <= 7; c++) header.getCell(c).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
  for (let r = lay.summaryRow; r < lay.narrativeRow - 1; r++) ws.getRow(r + 1).font = { bold: true };
  ws.getColumn(1).width = 5;
  ws.getColumn(2).width = 45;
  for (const c of [3, 4, 5, 6, 7]) ws.getColumn(c).width = 13;
  ws.getColumn(2).alignment = { wrapText: true, vertical: "top" };
  ws.mergeCells(lay.narrativeRow + 1, 1, lay.narrativeRow + 1, 7);
  // The merged cell's own alignment wraps the paragraph (a row style does not reach it).
  ws.getCell(lay.narrativeRow + 1, 1).alignment = { wrapText: true, vertical: "top" };
  ws.getRow(lay.narrativeRow + 1).height = 90;
  // Printed for the report: landscape, one page wide.
  ws.pageSetup = { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 };
  return written;
}

/** Write a workbook to a buffer first, then to disk, so a failure never leaves a partial file. */
export async function saveWorkbook(workbook: ExcelJS.Workbook, file: string): Promise<void> {
  const buf = Buffer.from(await workbook.xlsx.writeBuffer());
  writeFileAtomic(file, buf);
}
