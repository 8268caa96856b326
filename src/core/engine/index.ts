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
import type { EngineOptions, SheetAnalysis, SheetGrid, TableModel, WritePlan } from "./types";

export { audit, auditDetailed } from "./audit";
export { plan } from "./plan";
export { applyPlanToGrid } from "./apply";
export { cellAddress, columnLetter, parseAddress } from "./address";
export { summarise, narrative, narrativeParagraphs, buildSummary } from "./summary";
export type { AnalysisSummary, IndicatorFigure } from "./summary";
export * from "./types";
export { SHAPES, shapeName } from "./shapes";

/** Audit and plan for tables already recognised (or built by hand). */
export function analyseTables(
  grid: SheetGrid,
  tables: TableModel[],
  opts: EngineOptions = {}
): SheetAnalysis {
  const out: SheetAnalysis = {
    tables,
    findings: [],
    plan: { writes: [], conflicts: [], notes: [] },
    messages: [],
  };
  if (tables.length === 0) {
    out.messages.push(`Lembar '${grid.name}': tidak ditemukan tabel evaluasi.`);
    return out;
  }
  if (grid.protected) {
    out.messages.push(
      `Lembar '${grid.name}' terkunci (protected): tidak ada sel yang ditulis. Buka proteksinya di Excel (Tinjau > Buka Proteksi Lembar), lalu jalankan lagi.`
    );
  }
  let truncated = 0;
  const computations: (Computation[] | undefined)[] = [];
  for (const t of tables) {
    if (t.kind === "unknown") {
      out.messages.push(
        `Lembar '${grid.name}': tabel di baris ${t.top + 1} tidak dikenali jenisnya (${missingRolesText(t.columns)}); tidak dihitung.`
      );
      continue;
    }
    out.messages.push(
      `Lembar '${grid.name}': ditemukan ${shapeName(t.kind)} di baris ${t.top + 1}-${t.bottom + 1}.`
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
    for (const n of p.notes) if (!out.plan.notes.includes(n)) out.plan.notes.push(n);
  }
  if (truncated > 0) {
    out.messages.push(
      `${truncated} angka tercetak sesuai hanya bila dipotong (bukan dibulatkan) ke jumlah desimal yang dicetak.`
    );
  }
  out.summary = buildSummary(out, grid, opts, computations);
  for (const d of footerDrafts(out)) out.messages.push(d);
  if (out.findings.length > 0) {
    out.messages.push(
      `${out.findings.length} angka tercetak tidak sesuai dengan hasil hitung ulang.`
    );
  }
  return out;
}

/** recognise + audit + plan for one sheet. */
export function analyseSheet(grid: SheetGrid, opts: EngineOptions = {}): SheetAnalysis {
  const tables = recogniseTables(grid, { roleOverrides: opts.roleOverrides });
  return analyseTables(grid, tables, opts);
}

/** analyseSheet for every sheet of a workbook. */
export function analyseWorkbook(grids: SheetGrid[], opts: EngineOptions = {}): SheetAnalysis[] {
  return grids.map((g) => analyseSheet(g, opts));
}
