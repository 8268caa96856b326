/**
 * Reading side of the CLI: an .xlsx/.xlsm into plain SheetGrids (values, formulas, cached results,
 * number formats, bold, merges, protection) through ExcelJS over a sanitised reading copy, plus the
 * choice of which planned writes are applied. Writing is not done here: ooxml/patcher.ts patches
 * the original package so nothing ExcelJS does not understand is lost. Nothing here knows the
 * evaluation rules; it only translates between ExcelJS cells and the engine's plain data.
 */
import * as fs from "fs";
import type ExcelJS from "exceljs";
import type { CellValue } from "../core/errors";
import type {
  MergedArea,
  PlannedWrite,
  SheetCell,
  SheetGrid,
  WritePlan,
} from "../core/engine/types";
import { readGridsDirect } from "./ooxml/grid-read";
import { WorkbookPatcher } from "./ooxml/patcher";

/** ExcelJS, loaded on first use: the batch reads most workbooks without it (ooxml/grid-read.ts). */
function exceljs(): typeof ExcelJS {
  return require("exceljs") as typeof ExcelJS;
}

/** Why an input file cannot be read; mapped to exit code 2 by the CLI. */
export type InputProblem = "missing" | "not-file" | "encrypted" | "not-xlsx" | "corrupt";

export class InputError extends Error {
  constructor(
    readonly problem: InputProblem,
    readonly file: string,
    readonly detail?: string
  ) {
    super(`${problem}: ${file}${detail ? ` (${detail})` : ""}`);
  }
}

/** The CFB/OLE2 compound-file signature: encrypted (password-protected) .xlsx and legacy .xls. */
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Local file header of a zip archive ('PK\x03\x04'); every .xlsx starts with it. */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Check the file exists and looks like an .xlsx before reading it. */
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

/** A workbook read for its values: ExcelJS over the reading copy, and the patcher over the original bytes. */
export interface LoadedWorkbook {
  workbook: ExcelJS.Workbook;
  patcher: WorkbookPatcher;
}

/**
 * Load a workbook from disk, mapping every failure to an InputError. ExcelJS only ever sees the
 * reading copy (drawings, tables, comments... left out, part names normalised); output is
 * patched from the original bytes by `patcher`.
 */
export async function loadPackage(file: string): Promise<LoadedWorkbook> {
  return loadWithExcelJS(file, openPatcher(file));
}

/** The patcher over the file's bytes (the package unzipped); every failure is an InputError. */
function openPatcher(file: string): WorkbookPatcher {
  const buf = checkInputFile(file);
  try {
    return new WorkbookPatcher(buf);
  } catch (e) {
    throw new InputError("corrupt", file, errorText(e));
  }
}

async function loadWithExcelJS(file: string, patcher: WorkbookPatcher): Promise<LoadedWorkbook> {
  let copy: Uint8Array;
  try {
    copy = patcher.readingCopy();
  } catch (e) {
    throw new InputError("corrupt", file, errorText(e));
  }
  const ExcelJS = exceljs();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(copy as unknown as ArrayBuffer);
  } catch (e) {
    throw new InputError("corrupt", file, errorText(e));
  }
  if (wb.worksheets.length === 0) throw new InputError("corrupt", file, "no worksheets");
  return { workbook: wb, patcher };
}

/** The workbook's values (ExcelJS over the reading copy). */
export async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  return (await loadPackage(file)).workbook;
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
  const ExcelJS = exceljs();
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
    if (isInvalidDate(result))
      cell.value = { ...(raw as ExcelJS.CellFormulaValue), result: undefined };
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

/**
 * The workbook's sheets as grids, and the patcher for writing. Read directly from the package
 * (ooxml/grid-read.ts) when it can be; otherwise (and with `viaExcelJS`) through ExcelJS over the
 * reading copy. Both give the same grids.
 */
export async function readWorkbookGrids(
  file: string,
  opts: { viaExcelJS?: boolean } = {}
): Promise<{ patcher: WorkbookPatcher; grids: SheetGrid[] }> {
  const patcher = openPatcher(file);
  const direct = opts.viaExcelJS ? null : readGridsDirect(patcher.pkg);
  if (direct) return { patcher, grids: direct };
  const loaded = await loadWithExcelJS(file, patcher);
  const grids: SheetGrid[] = [];
  for (const ws of loaded.workbook.worksheets) {
    grids.push(worksheetToGrid(ws));
  }
  return { patcher, grids };
}

function hasContent(c: SheetCell | undefined): boolean {
  if (!c) return false;
  if (c.formula) return true;
  return !(
    c.value === null ||
    c.value === undefined ||
    (typeof c.value === "string" && c.value.trim() === "")
  );
}

export interface SelectOptions {
  overwrite?: boolean;
  /** Write protected sheets too (their <sheetProtection> stays exactly as it was). */
  writeProtected?: boolean;
}

/**
 * The writes of a plan that are really applied. Conflicts (non-empty cells) only with
 * `overwrite`; a protected sheet is the office's decision and is skipped unless `writeProtected`.
 */
export function selectWrites(
  plan: WritePlan,
  grids: SheetGrid[],
  opts: SelectOptions = {}
): PlannedWrite[] {
  const applied: PlannedWrite[] = [];
  const conflictKeys = new Set(plan.conflicts.map((c) => `${c.sheet}!${c.address}`));
  const all = [...plan.writes];
  if (opts.overwrite) {
    const planned = new Set(all.map((w) => `${w.sheet}!${w.address}`));
    for (const c of plan.conflicts) if (!planned.has(`${c.sheet}!${c.address}`)) all.push(c);
  }
  const byName = new Map(grids.map((g) => [g.name, g]));
  for (const w of all) {
    // Safety net: never replace a non-empty cell unless overwrite is on.
    if (!opts.overwrite && (conflictKeys.has(`${w.sheet}!${w.address}`) || hasContent(w.previous)))
      continue;
    const g = byName.get(w.sheet);
    if (!g || (g.protected && !opts.writeProtected)) continue;
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
  const wb = new (exceljs().Workbook)();
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
      })
    );
    widths.forEach((w, i) => {
      if (w) ws.getColumn(i + 1).width = w;
    });
    if (g.protected) void ws.protect("", {});
  }
  return wb;
}
