/**
 * The engine as the pane uses it: the analysis plus the texts the pane shows that need the engine
 * (the narrative, the tables' shape names). Runs in the analysis worker; the pane's own bundle does
 * not contain the engine (it loads this module as a separate chunk only where no worker can start).
 */
import { analyseSheet } from "../core/engine";
import { narrative } from "../core/engine/summary";
import { shapeName } from "../core/engine/shapes";
import { isOmission, renderFinding, renderMessage, type Message } from "../core/engine/messages";
import { suggestQuarterType } from "../core/engine/rules/common";
import type {
  EngineOptions,
  QuarterType,
  SheetAnalysis,
  SheetGrid,
  TableModel,
} from "../core/engine/types";
import { getScale, SCALES, type Scale } from "../core/predikat";
import { isMonevError } from "../core/errors";

/** Which table of a sheet with several the pane works on: an index into view.tables, or all. */
export type TableSelection = number | "all";

/** One recognised table of the sheet, for the pane's table picker. */
export interface TableChoice {
  top: number;
  left: number;
  bottom: number;
  right: number;
  kind: TableModel["kind"];
  name: { id: string; en: string };
}

/** A text in both pane languages. */
export interface Texts {
  id: string;
  en: string;
  /** The message's code, where the text comes from the catalogue (the pane filters by it). */
  code?: string;
  /** It says what was left uncomputed or unwritten, and why (isOmission): the pane marks it. */
  omission?: boolean;
  /** The one cell the message is about (its `address` parameter): the pane offers to select it. */
  address?: string;
}

function texts(m: Message): Texts {
  const t: Texts = { id: renderMessage(m, "id"), en: renderMessage(m, "en"), code: m.code };
  if (isOmission(m)) t.omission = true;
  if (typeof m.params.address === "string") t.address = m.params.address;
  return t;
}

export interface AnalysisView {
  /** The summary paragraph in Indonesian, and in English; empty when all tables are selected (their scales differ). */
  narrative: string;
  narrativeEn: string;
  /** Display name of each table's shape, by index of analysis.tables. */
  tableNames: Texts[];
  /**
   * The engine's messages, plan notes and findings rendered through the catalogue in both
   * languages, by index of analysis.messages, plan.notes and findings: the pane picks its UI
   * language without carrying the catalogue in its own bundle (a size budget, test/security).
   */
  messages: Texts[];
  notes: Texts[];
  findings: Texts[];
  /** Every recognised table of the sheet (the picker shows it when there are several). */
  tables: TableChoice[];
  /** The table the analysis is restricted to (0 when the sheet has one). */
  selected: TableSelection;
  /**
   * Rows with quarterly realisation whose wording suggests another quarter type than a sum: the
   * pane shows the suggestion and applies it only when the user picks it.
   */
  quarterSuggestions: QuarterSuggestion[];
  /** The named scales (id, name) for the scale picker: the pane's bundle does not carry them. */
  scales: { id: string; name: string }[];
  /** The scale the summary rates on: the fill colours predikat cells and the legend from it. */
  scale?: Scale;
}

export interface QuarterSuggestion {
  row: number;
  label: string;
  suggested: QuarterType;
}

const MAX_SUGGESTIONS = 200;

/** The engine's quarter-type suggestion for each computed row of a table with K quarter columns. */
export function quarterSuggestions(analysis: SheetAnalysis, grid: SheetGrid): QuarterSuggestion[] {
  const out: QuarterSuggestion[] = [];
  const computed = new Set(
    [...analysis.plan.writes, ...analysis.plan.conflicts].map((w) => `${w.sheet}!${w.row}`)
  );
  for (const t of analysis.tables) {
    if (!t.columns.some((c) => c.role === "realisasi-tw-k")) continue;
    const text = (row: number, role: string) => {
      const c = t.columns.find((x) => x.role === role)?.col;
      const v = c === undefined ? undefined : grid.cells[row]?.[c]?.value;
      return typeof v === "string" ? v : "";
    };
    for (const r of t.rows) {
      if (out.length >= MAX_SUGGESTIONS) return out;
      if (!computed.has(`${t.sheet}!${r.row}`)) continue;
      const suggested = suggestQuarterType(
        text(r.row, "satuan"),
        text(r.row, "indikator") || r.label
      );
      if (suggested !== "sum")
        out.push({ row: r.row, label: text(r.row, "indikator") || r.label, suggested });
    }
  }
  return out;
}

function ratedOn(analysis: SheetAnalysis, opts: EngineOptions): Scale | undefined {
  if (!analysis.summary) return undefined;
  const sc = getScale(analysis.summary.scale.id, opts.scales);
  return isMonevError(sc) ? undefined : sc;
}

export type PaneAnalysis = SheetAnalysis & { view: AnalysisView };

/**
 * The sheet with only rows top..bottom of one table: the engine then recognises, plans and
 * summarises that table alone (same addresses, so the plan writes to the real cells).
 */
export function cropToTable(grid: SheetGrid, t: { top: number; bottom: number }): SheetGrid {
  return {
    ...grid,
    cells: grid.cells.map((row, r) => (r >= t.top && r <= t.bottom ? row : [])),
    merges: grid.merges.filter((m) => m.top >= t.top && m.bottom <= t.bottom),
  };
}

/** Share of analyseForPane spent in the first engine pass when a second (one table) follows. */
const FIRST_PASS = 0.5;
/** Share left for the pane's texts (narrative, suggestions) after the engine. */
const VIEW_SHARE = 0.05;

export function analyseForPane(
  grid: SheetGrid,
  opts: EngineOptions,
  customScale?: Scale,
  table: TableSelection = 0,
  onProgress?: (fraction: number) => void
): PaneAnalysis {
  // The engine's phases scaled into [from, to] of the whole, reported only when they rise.
  let last = 0;
  const report = (f: number) => {
    if (f > last) {
      last = f;
      onProgress?.(f);
    }
  };
  const span = (from: number, to: number) => (_step: string, f: number) =>
    report(from + (to - from) * f);
  // A scale the user read from a range travels in the options (never a shared registry).
  const o = customScale
    ? { ...opts, scales: { ...opts.scales, [customScale.id]: customScale } }
    : opts;
  const engineEnd = 1 - VIEW_SHARE;
  // Whether a second pass follows is known only after the first: assume it may (the bar then
  // jumps forward, never back).
  const full = analyseSheet(grid, o, onProgress ? span(0, engineEnd * FIRST_PASS) : undefined);
  const known = full.tables.filter((t) => t.kind !== "unknown");
  const tables: TableChoice[] = known.map((t) => ({
    top: t.top,
    left: t.left,
    bottom: t.bottom,
    right: t.right,
    kind: t.kind,
    name: { id: shapeName(t.kind, "id"), en: shapeName(t.kind, "en") },
  }));
  let selected: TableSelection = 0;
  let analysis = full;
  if (known.length > 1) {
    if (table === "all") selected = "all";
    else {
      selected = table >= 0 && table < known.length ? table : 0;
      analysis = analyseSheet(
        cropToTable(grid, known[selected]),
        o,
        onProgress ? span(engineEnd * FIRST_PASS, engineEnd) : undefined
      );
    }
  }
  const view: AnalysisView = {
    narrative: analysis.tables.length > 0 && selected !== "all" ? narrative(analysis, "id") : "",
    narrativeEn: analysis.tables.length > 0 && selected !== "all" ? narrative(analysis, "en") : "",
    tableNames: analysis.tables.map((t) => ({
      id: shapeName(t.kind, "id"),
      en: shapeName(t.kind, "en"),
    })),
    messages: analysis.messages.map(texts),
    notes: analysis.plan.notes.map(texts),
    findings: analysis.findings.map((f) => ({ id: f.message, en: renderFinding(f, "en") })),
    tables,
    selected,
    quarterSuggestions: quarterSuggestions(analysis, grid),
    scales: Object.values(SCALES).map((x) => ({ id: x.id, name: x.name })),
    scale: ratedOn(analysis, o),
  };
  report(1);
  return { ...analysis, view };
}

/** A request to the analysis worker (see analysis.ts). */
export interface AnalysisRequest {
  id: number;
  grid: SheetGrid;
  opts: EngineOptions;
  customScale?: Scale;
  /** Which table of a sheet with several (default the first). */
  table?: TableSelection;
}

/** The worker's answers: progress (0..1, rising) while it works, then the analysis or an error. */
export type AnalysisResponse =
  | { id: number; progress: number }
  | { id: number; analysis: PaneAnalysis }
  | { id: number; error: string };

/** The worker's side of one request (kept here so tests run the same code without a worker). */
export function answerRequest(req: AnalysisRequest, post: (m: AnalysisResponse) => void): void {
  const { id, grid, opts, customScale, table } = req;
  try {
    const analysis = analyseForPane(grid, opts, customScale, table, (progress) => {
      if (progress < 1) post({ id, progress });
    });
    post({ id, analysis });
  } catch (err) {
    post({ id, error: err instanceof Error ? err.message : String(err) });
  }
}
