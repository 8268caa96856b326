/**
 * The worksheet engine: recognise the evaluation tables of a sheet, audit what is printed and
 * plan the native formulas that fill what is missing. Pure: plain data in, plain data out.
 */
import { appendAll } from "../arrays";
import { buildSummary, footerDrafts } from "./summary";
import type { Computation } from "./rules";
import { auditDetailed } from "./audit";
import { plan } from "./plan";
import { computeTable } from "./rules";
import { shapeName } from "./shapes";
import { missingRolesText, recogniseTables } from "./recognise";
import { appendUnique, msg } from "./messages";
import type {
  EngineOptions,
  EngineProgress,
  SheetAnalysis,
  SheetGrid,
  TableModel,
  WritePlan,
} from "./types";

export { audit, auditDetailed } from "./audit";
export { plan } from "./plan";
export { applyPlanToGrid } from "./apply";
export { cellAddress, columnLetter, parseAddress } from "./address";
export { summarise, narrative, narrativeParagraphs, buildSummary } from "./summary";
export type { AnalysisSummary, IndicatorFigure } from "./summary";
export * from "./types";
export { SHAPES, shapeName } from "./shapes";
export {
  CATALOGUE,
  formatNumber,
  msg,
  renderFinding,
  renderMessage,
  type Lang,
  type Message,
  type MessageParams,
} from "./messages";

/** Share of the work done once the tables are recognised, and what computing them adds (measured roughly). */
const RECOGNISED = 0.2;
const COMPUTED = 0.7;

/** Audit and plan for tables already recognised (or built by hand). */
export function analyseTables(
  grid: SheetGrid,
  tables: TableModel[],
  opts: EngineOptions = {},
  onProgress?: EngineProgress
): SheetAnalysis {
  const out: SheetAnalysis = {
    tables,
    findings: [],
    plan: { writes: [], conflicts: [], notes: [] },
    messages: [],
  };
  if (tables.length === 0) {
    out.messages.push(msg("analysis.no-table", { sheet: grid.name }));
    onProgress?.("summarised", 1);
    return out;
  }
  if (grid.protected) {
    out.messages.push(msg("analysis.protected", { sheet: grid.name }));
  }
  let truncated = 0;
  const seenNotes = new Set<string>();
  const computations: (Computation[] | undefined)[] = [];
  for (const t of tables) {
    if (t.kind === "unknown") {
      out.messages.push(
        msg("analysis.unknown-table", {
          sheet: grid.name,
          row: t.top + 1,
          missing: missingRolesText(t.columns),
          "missing.en": missingRolesText(t.columns, "en"),
        })
      );
      continue;
    }
    out.messages.push(
      msg("analysis.table-found", {
        sheet: grid.name,
        shape: shapeName(t.kind),
        "shape.en": shapeName(t.kind, "en"),
        top: t.top + 1,
        bottom: t.bottom + 1,
      })
    );
    // One rule pass serves audit and plan unless overwrite lets planned values replace printed ones.
    const computed = computeTable(t, grid, opts, "plan");
    computations[tables.indexOf(t)] = computed.computations;
    const a = auditDetailed(t, grid, opts, opts.overwrite ? undefined : computed.computations);
    appendAll(out.findings, a.findings);
    truncated += a.truncated.length;
    const p: WritePlan = plan(t, grid, opts, computed);
    // The first table's writes are the list itself (tens of thousands on a large form: no copy).
    if (out.plan.writes.length === 0) out.plan.writes = p.writes;
    else appendAll(out.plan.writes, p.writes);
    appendAll(out.plan.conflicts, p.conflicts);
    appendUnique(out.plan.notes, p.notes, seenNotes);
    // Once per table, never per row: the callback must not slow the engine.
    onProgress?.("computed", RECOGNISED + COMPUTED * ((tables.indexOf(t) + 1) / tables.length));
  }
  if (truncated > 0) {
    out.messages.push(msg("analysis.truncated", { count: truncated }));
  }
  out.summary = buildSummary(out, grid, opts, computations);
  for (const n of out.summary.notRated ?? []) out.messages.push(msg("analysis.not-rated", n));
  for (const d of footerDrafts(out)) out.messages.push(d);
  if (out.findings.length > 0) {
    out.messages.push(msg("analysis.findings", { count: out.findings.length }));
  }
  onProgress?.("summarised", 1);
  return out;
}

/** recognise + audit + plan for one sheet. */
export function analyseSheet(
  grid: SheetGrid,
  opts: EngineOptions = {},
  onProgress?: EngineProgress
): SheetAnalysis {
  const tables = recogniseTables(grid, { roleOverrides: opts.roleOverrides });
  onProgress?.("recognised", RECOGNISED);
  return analyseTables(grid, tables, opts, onProgress);
}

/** analyseSheet for every sheet of a workbook. */
export function analyseWorkbook(grids: SheetGrid[], opts: EngineOptions = {}): SheetAnalysis[] {
  return grids.map((g) => analyseSheet(g, opts));
}
