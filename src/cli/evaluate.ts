/**
 * evaluate / audit for one workbook: read its values (xlsx.ts: directly, or ExcelJS), run the engine
 * on every sheet (or the named one), and write a NEW file patched from the input's own bytes
 * (ooxml/patcher.ts), so charts, pivots, macros and the rest survive. The input file is only ever
 * read. Returns plain results that the commands print and put into the JSON report.
 */
import * as path from "path";
import { analyseSheet, summarise } from "../core/engine";
import {
  isOmission,
  renderFinding,
  renderMessage,
  type MessageParams,
} from "../core/engine/messages";
import { applyPlanToGrid } from "../core/engine/apply";
import type {
  EngineOptions,
  Finding,
  PlannedWrite,
  SheetAnalysis,
  SheetCell,
  SheetGrid,
  TableModel,
} from "../core/engine/types";
import { isMonevError, type CellValue } from "../core/errors";
import { getScale } from "../core/predikat";
import { writeFileAtomic } from "./atomic";
import { inputError, outputError } from "./exit";
import { lang, t } from "./i18n";
import { Progress, largeSheet } from "./progress";
import {
  isEvaluationSheet,
  layoutEvaluation,
  type SignatureBlock,
  uniqueSheetName,
} from "../core/engine/evaluation-sheet";
import { readWorkbookGrids, selectWrites } from "./xlsx";
import { PreserveError } from "./ooxml/package";
import type { WorkbookPatcher } from "./ooxml/patcher";

export interface EvaluateOptions {
  sheet?: string;
  scale?: string;
  overwrite?: boolean;
  arah?: "auto" | "explicit";
  /** Cap of the capaian (--batas). */
  batas?: number;
  /** Realisation from quarters for every row (--triwulan); absent = guessed per row. */
  triwulan?: "sum" | "last" | "average";
  /** Also add an evaluation sheet ('Evaluasi - <sheet>') per evaluated sheet. */
  evaluationSheet?: boolean;
  /** Signature block under the evaluation sheet's narrative (--ttd-*). */
  signature?: SignatureBlock;
  /** Write protected sheets too; their <sheetProtection> (password hash included) stays as it was. */
  writeProtected?: boolean;
  /** Predikat colours (conditional formats) and a legend beside the table; default true. */
  predikatFormats?: boolean;
}

export interface ReportWrite {
  sheet: string;
  address: string;
  formula?: string;
  value: number | string | null;
  rule: string;
  /** The cell's note in the message language, with its catalogue code and parameters. */
  note?: string;
  noteCode?: string;
  noteParams?: MessageParams;
}

/** An engine message of the report: rendered in the message language, with its code and parameters. */
export interface ReportMessage {
  sheet: string;
  code: string;
  params: MessageParams;
  text: string;
  /** Set when the message says what was left uncomputed or unwritten, and why. */
  omission?: true;
}

export interface ReportOverwrite extends ReportWrite {
  previous: { value: CellValue; formula?: string };
}

export interface SheetResult {
  name: string;
  tables: { kind: TableModel["kind"]; range: string; rows: number; columns: number }[];
  rowsEvaluated: number;
  cellsWritten: number;
  findings: number;
  messages: string[];
}

export interface FileResult {
  input: string;
  output?: string;
  sheets: SheetResult[];
  tables: number;
  rowsEvaluated: number;
  /** Rows with a printed capaian but a target or rencana of 0: not rated (summary's notRated). */
  rowsNotRated: number;
  cellsWritten: number;
  /** Non-empty cells left alone because --overwrite was not given. */
  skipped: ReportWrite[];
  /** Cells replaced because of --overwrite, with their old content. */
  overwritten: ReportOverwrite[];
  predikat: Record<string, number>;
  /** The form's own rating rows ("Predikat Kinerja Kegiatan"), counted apart from the indicators. */
  formPredikat?: { unit: string; counts: Record<string, number> };
  averageCapaian: number | null;
  findings: Finding[];
  writes: ReportWrite[];
  /** Every message in the message language: the engine's (with the sheet name) and the CLI's own. */
  messages: string[];
  /** The engine's messages and plan notes as data (code and parameters) with their text. */
  engineMessages: ReportMessage[];
  /**
   * What was left uncomputed or unwritten, and why, in the message language: the engine's
   * omission messages (isOmission) with the sheet name, and the CLI's own (a protected sheet's
   * evaluation sheet not made, a note not added). Printed under the summary.
   */
  leftEmpty: string[];
}

function a1Range(tb: TableModel): string {
  const col = (c: number) => {
    let n = c + 1;
    let s = "";
    while (n > 0) {
      const r = (n - 1) % 26;
      s = String.fromCharCode(65 + r) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  };
  return `${col(tb.left)}${tb.top + 1}:${col(tb.right)}${tb.bottom + 1}`;
}

function toReportWrite(w: PlannedWrite): ReportWrite {
  const r: ReportWrite = { sheet: w.sheet, address: w.address, value: w.value, rule: w.rule };
  if (w.formula) r.formula = w.formula;
  if (w.note) {
    r.note = renderMessage(w.note, lang());
    r.noteCode = w.note.code;
    r.noteParams = w.note.params;
  }
  return r;
}

function previousOf(c: SheetCell | undefined): { value: CellValue; formula?: string } {
  const p: { value: CellValue; formula?: string } = { value: c?.value ?? null };
  if (c?.formula) p.formula = c.formula;
  return p;
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

/** Tables that count: an unknown table contributes no rows, averages or predikat anywhere. */
export function knownTables(tables: TableModel[]): TableModel[] {
  return tables.filter((t) => t.kind !== "unknown");
}

export interface AnalysedWorkbook {
  /** The original package, for writing. */
  patcher: WorkbookPatcher;
  /** Every sheet read (evaluation sheets included). */
  grids: SheetGrid[];
  sheets: { grid: SheetGrid; analysis: SheetAnalysis }[];
}

/** Read and analyse a workbook. Throws CliError/InputError (exit 2) for bad input. */
export async function analyseFile(
  input: string,
  opts: EvaluateOptions,
  progress: Progress,
  label = path.basename(input)
): Promise<AnalysedWorkbook> {
  progress.step(t(`${label}: membaca…`, `${label}: reading…`));
  const { patcher, grids: allGrids } = await readWorkbookGrids(input);
  // Evaluation sheets Monev made earlier reference their source: they are output, not input.
  const grids = allGrids.filter((g) => !isEvaluationSheet(g));
  let selected = grids;
  if (opts.sheet) {
    selected = grids.filter((g) => g.name === opts.sheet);
    if (selected.length === 0) {
      const lower = opts.sheet.toLowerCase();
      selected = grids.filter((g) => g.name.toLowerCase() === lower);
    }
    if (selected.length === 0) {
      const names = grids.map((g) => `'${g.name}'`).join(", ");
      throw inputError(
        `Lembar '${opts.sheet}' tidak ada di ${input}. Lembar yang ada: ${names}`,
        `Sheet '${opts.sheet}' not found in ${input}. Sheets: ${names}`
      );
    }
  }
  const engineOpts: EngineOptions = {
    scale: opts.scale,
    overwrite: !!opts.overwrite,
    arah: opts.arah,
    batas: opts.batas,
  };
  if (opts.triwulan) engineOpts.quarterType = { default: opts.triwulan };
  const sheets: AnalysedWorkbook["sheets"] = [];
  for (const grid of selected) {
    const rows = grid.cells.length;
    progress.step(
      largeSheet(rows)
        ? t(
            `${label}: menganalisis '${grid.name}' (${rows} baris)…`,
            `${label}: analysing '${grid.name}' (${rows} rows)…`
          )
        : t(`${label}: menganalisis '${grid.name}'…`, `${label}: analysing '${grid.name}'…`)
    );
    sheets.push({ grid, analysis: analyseSheet(grid, engineOpts) });
  }
  const tables = sheets.reduce((n, s) => n + knownTables(s.analysis.tables).length, 0);
  if (tables === 0) {
    const hints = sheets
      .flatMap((s) => s.analysis.messages)
      .slice(0, 3)
      .map((m) => renderMessage(m, lang()));
    throw inputError(
      `Tidak ditemukan tabel evaluasi yang dikenali di ${input}` +
        `${opts.sheet ? ` (lembar '${opts.sheet}')` : ""}. Tabel perlu baris judul kolom seperti ` +
        `"Target", "Realisasi", "Capaian".${hints.length ? ` (${hints.join("; ")})` : ""}`,
      `No recognisable evaluation table in ${input}${opts.sheet ? ` (sheet '${opts.sheet}')` : ""}. ` +
        `A table needs a header row with columns such as "Target", "Realisasi", "Capaian".`
    );
  }
  return { patcher, grids: allGrids, sheets };
}

/** A part that cannot be kept or written safely: exit 2, nothing written. */
function refusal(e: unknown): unknown {
  if (!(e instanceof PreserveError)) return e;
  return inputError(
    `${e.messageId} Berkas keluaran tidak dibuat.`,
    `${e.messageEn} No output file was written.`
  );
}

/** Build the result of one analysed workbook; `applied` = the writes really written (evaluate). */
function buildResult(
  input: string,
  wb: AnalysedWorkbook,
  applied: PlannedWrite[] | null,
  overwrite: boolean
): FileResult {
  const res: FileResult = {
    input,
    sheets: [],
    tables: 0,
    rowsEvaluated: 0,
    rowsNotRated: 0,
    cellsWritten: 0,
    skipped: [],
    overwritten: [],
    predikat: {},
    averageCapaian: null,
    findings: [],
    writes: [],
    messages: [],
    engineMessages: [],
    leftEmpty: [],
  };
  const allCapaian: number[] = [];
  const appliedKeys = new Set((applied ?? []).map((w) => `${w.sheet}!${w.address}`));
  for (const { grid, analysis } of wb.sheets) {
    const mine = (applied ?? []).filter((w) => w.sheet === grid.name);
    // The engine's one summary model (core summary.ts), the figures of the evaluation sheet and the
    // pane: the sheet as the plan leaves it (for audit too).
    const sm = summarise(analysis);
    const st = {
      rowsEvaluated: sm.rowsEvaluated,
      capaian: sm.indicators.map((x) => x.capaian),
      predikat: sm.predikatCounts,
    };
    for (const x of st.capaian) allCapaian.push(x);
    for (const [k, v] of Object.entries(st.predikat)) res.predikat[k] = (res.predikat[k] ?? 0) + v;
    if (sm.formPredikat) {
      res.formPredikat ??= { unit: sm.formPredikat.unit, counts: {} };
      for (const [k, v] of Object.entries(sm.formPredikat.counts))
        res.formPredikat.counts[k] = (res.formPredikat.counts[k] ?? 0) + v;
    }
    for (const w of mine) {
      const old = grid.cells[w.row]?.[w.col];
      if (hasContent(old) || hasContent(w.previous)) {
        res.overwritten.push({
          ...toReportWrite(w),
          previous: previousOf(hasContent(w.previous) ? w.previous : old),
        });
      }
    }
    if (applied) {
      for (const c of analysis.plan.conflicts) {
        if (!appliedKeys.has(`${c.sheet}!${c.address}`)) {
          res.skipped.push({ ...toReportWrite(c) });
        }
      }
    }
    // Loops, not push(...spread): a 50,000-row sheet has more items than the call stack allows.
    for (const w of mine) res.writes.push(toReportWrite(w));
    // Findings and messages in the message language, each with its catalogue code and parameters.
    const l = lang();
    for (const f of analysis.findings)
      res.findings.push(l === "id" ? f : { ...f, message: renderFinding(f, l) });
    const sheetMessages: string[] = [];
    for (const m of [...analysis.messages, ...analysis.plan.notes]) {
      const text = renderMessage(m, l);
      res.messages.push(`${grid.name}: ${text}`);
      const report: ReportMessage = { sheet: grid.name, code: m.code, params: m.params, text };
      // An audit reads a protected sheet like any other: its lock omits nothing there.
      if (isOmission(m) && !(applied === null && m.code === "analysis.protected")) {
        report.omission = true;
        res.leftEmpty.push(`${grid.name}: ${text}`);
      }
      res.engineMessages.push(report);
    }
    for (const m of analysis.messages) sheetMessages.push(renderMessage(m, l));
    res.sheets.push({
      name: grid.name,
      tables: knownTables(analysis.tables).map((tb) => ({
        kind: tb.kind,
        range: a1Range(tb),
        rows: tb.rows.length,
        columns: tb.columns.length,
      })),
      rowsEvaluated: st.rowsEvaluated,
      cellsWritten: mine.length,
      findings: analysis.findings.length,
      messages: sheetMessages,
    });
    res.tables += knownTables(analysis.tables).length;
    res.rowsEvaluated += st.rowsEvaluated;
    for (const n of sm.notRated ?? []) res.rowsNotRated += n.count;
    res.cellsWritten += mine.length;
  }
  if (!overwrite) res.overwritten = [];
  res.averageCapaian = allCapaian.length
    ? allCapaian.reduce((a, b) => a + b, 0) / allCapaian.length
    : null;
  return res;
}

/** evaluate: analyse, apply, save to `output` (never the input path). */
export async function evaluateFile(
  input: string,
  output: string,
  opts: EvaluateOptions,
  progress: Progress
): Promise<FileResult> {
  const wb = await analyseFile(input, opts, progress);
  const label = path.basename(input);
  const plan = {
    writes: wb.sheets.flatMap((s) => s.analysis.plan.writes),
    conflicts: wb.sheets.flatMap((s) => s.analysis.plan.conflicts),
    notes: [],
  };
  progress.step(
    t(
      `${label}: menulis ${plan.writes.length} sel…`,
      `${label}: writing ${plan.writes.length} cells…`
    )
  );
  const patcher = wb.patcher;
  const applied = selectWrites(plan, wb.grids, {
    overwrite: !!opts.overwrite,
    writeProtected: !!opts.writeProtected,
  });
  const extraNotes: { text: string; omission?: boolean }[] = [];
  const sheetWrites: PlannedWrite[] = [];
  try {
    patcher.checkOutputName(output);
    for (const m of patcher.writeCells(applied))
      extraNotes.push({ text: t(m.id, m.en), omission: m.omission });
    if (opts.predikatFormats !== false) {
      for (const { grid, analysis } of wb.sheets) {
        // Colours and legend from the scale the sheet is rated on (SAKIP B is not coloured like A).
        const scale = getScale(analysis.summary?.scale.id ?? opts.scale);
        const legend = patcher.addPredikatFormats(
          applied,
          grid,
          isMonevError(scale) ? undefined : scale
        );
        if (legend)
          extraNotes.push({
            text: t(
              `${grid.name}: legenda predikat di ${legend.range}.`,
              `${grid.name}: predikat legend at ${legend.range}.`
            ),
          });
      }
    }
    if (opts.evaluationSheet) {
      const existing = patcher.sheetNames();
      for (const { grid, analysis } of wb.sheets) {
        if (knownTables(analysis.tables).length === 0) continue;
        if (grid.protected && !opts.writeProtected) {
          // Its formulas would read the cells the plan could not write.
          extraNotes.push({
            text: t(
              `${grid.name}: lembar diproteksi dan tidak ditulis; lembar evaluasinya tidak dibuat.`,
              `${grid.name}: the sheet is protected and was not written; no evaluation sheet added.`
            ),
            omission: true,
          });
          continue;
        }
        const name = uniqueSheetName(grid.name, []);
        if (existing.some((n) => n.toLowerCase() === name.toLowerCase())) {
          // Running evaluate on its own output adds no second evaluation sheet.
          extraNotes.push({
            text: t(
              `${grid.name}: lembar evaluasi '${name}' sudah ada; tidak dibuat lagi.`,
              `${grid.name}: evaluation sheet '${name}' already exists; not added again.`
            ),
            omission: true,
          });
          continue;
        }
        const after = applyPlanToGrid(grid, {
          writes: applied.filter((w) => w.sheet === grid.name),
          conflicts: [],
          notes: [],
        });
        const known = { ...analysis, tables: knownTables(analysis.tables) };
        const lay = layoutEvaluation(known, name, {
          lang: lang(),
          source: after,
          scale: opts.scale,
          signature: opts.signature,
          columns: "shape",
        });
        if (lay) for (const w of patcher.addEvaluationSheet(lay)) sheetWrites.push(w);
      }
    }
  } catch (e) {
    throw refusal(e);
  }
  let bytes: Uint8Array;
  try {
    bytes = patcher.toBytes();
  } catch (e) {
    throw refusal(e);
  }
  try {
    writeFileAtomic(output, bytes);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw outputError(
      `Gagal menulis berkas keluaran ${output}: ${msg}`,
      `Cannot write the output file ${output}: ${msg}`
    );
  }
  const res = buildResult(input, wb, applied, !!opts.overwrite);
  for (const w of sheetWrites) res.writes.push(toReportWrite(w));
  res.cellsWritten += sheetWrites.length;
  for (const m of extraNotes) {
    res.messages.push(m.text);
    if (m.omission) res.leftEmpty.push(m.text);
  }
  res.output = output;
  return res;
}

/** audit: analyse only; nothing is written. */
export async function auditFile(
  input: string,
  opts: EvaluateOptions,
  progress: Progress
): Promise<FileResult> {
  const wb = await analyseFile(input, opts, progress);
  const res = buildResult(input, wb, null, false);
  res.cellsWritten = 0;
  res.writes = [];
  return res;
}
