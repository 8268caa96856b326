/**
 * Audit: recompute every computed cell that already holds a value and report disagreements
 * (to printed precision, checks.md §4), labels that contradict the scale, parent sums that differ
 * from the children, and negative capaian.
 */
import { isMonevError } from "../errors";
import { parseAngka } from "../number";
import { cellAddress, cellKey } from "./address";
import { agrees, labelBand, printedDecimals, roundHalfUp } from "./compare";
import { computeTable, type Computation } from "./rules";
import { formulaFindings } from "./audit-formulas";
import { renderFinding, renderMessage, type MessageParams } from "./messages";
import { isEmptyValue } from "./rules/context";
import type { EngineOptions, Finding, SheetGrid, TableModel } from "./types";

export interface AuditResult {
  findings: Finding[];
  /** Cells that agree only when the expected value is truncated instead of rounded. */
  truncated: { row: number; col: number; address: string }[];
}

/**
 * `computed`: the rule pass of `plan` when it can be shared (without overwrite both passes see
 * the same cells), so a sheet is computed once for audit and plan.
 */
export function auditDetailed(
  table: TableModel,
  grid: SheetGrid,
  opts: EngineOptions = {},
  computed?: Computation[]
): AuditResult {
  const computations = computed ?? computeTable(table, grid, opts, "audit").computations;
  const findings: Finding[] = [];
  const truncated: AuditResult["truncated"] = [];
  // Rules already audited per cell: one rule (the usual case) or several.
  const seen = new Map<number, string | Set<string>>();
  // Indexed loops in the functions that run once per sheet over every cell: no iterator per step
  // before the optimising compiler has seen them.
  for (let i = 0; i < computations.length; i++) {
    const comp = computations[i];
    // The plan's write of an empty cell (see RuleContext.emit): nothing printed to compare, and
    // its cell is not read (a cache miss per write on a 50,000-row sheet).
    if (comp.address !== undefined || comp.isHeader) continue;
    const cell = grid.cells[comp.row]?.[comp.col];
    const printed = cell?.value;
    if (isEmptyValue(printed)) continue;
    const k = cellKey(comp.row, comp.col);
    const rules = seen.get(k);
    if (rules === undefined) seen.set(k, comp.rule);
    else if (typeof rules === "string") {
      if (rules === comp.rule) continue;
      seen.set(k, new Set([rules, comp.rule]));
    } else {
      if (rules.has(comp.rule)) continue;
      rules.add(comp.rule);
    }

    if (comp.label) {
      if (typeof comp.value !== "string" || comp.value === "" || typeof printed !== "string")
        continue;
      const scale = comp.label.scale;
      const expBand = labelBand(comp.value, scale);
      const prBand = labelBand(printed, scale);
      if (prBand !== undefined && prBand === expBand) continue;
      // The address only for a finding: most computed cells agree.
      const address = cellAddress(comp.row, comp.col);
      if (prBand === undefined || prBand !== expBand) {
        const code = prBand === undefined ? "finding.label-unknown" : "finding.label-contradicts";
        const params: MessageParams = {
          address,
          label: printed.trim(),
          scale: scale.name,
          expected: comp.value,
          description: comp.description ?? "",
          rule: comp.rule,
        };
        findings.push({
          sheet: grid.name,
          row: comp.row,
          col: comp.col,
          address,
          printed,
          expected: comp.value,
          rule:
            prBand === undefined ? "predikat.label-tidak-dikenal" : "predikat.label-bertentangan",
          code,
          params,
          message: renderMessage({ code, params }, "id"),
        });
      }
      continue;
    }

    if (typeof comp.value !== "number") continue; // not computable (empty or zero target)
    let pv: number;
    if (typeof printed === "number") {
      // parseAngka of a number: the number itself, an error when not finite.
      if (!Number.isFinite(printed)) continue;
      pv = printed;
    } else {
      const p = parseAngka(printed);
      if (p === null || isMonevError(p)) continue;
      pv = p.value;
    }
    const verdict = agrees(printed, comp.value, cell?.numFmt);
    if (verdict === "yes") continue;
    const address = cellAddress(comp.row, comp.col);
    if (verdict === "truncated") {
      truncated.push({ row: comp.row, col: comp.col, address });
      continue;
    }
    const d = Math.max(printedDecimals(printed, cell?.numFmt), comp.numFmt === "0.00" ? 2 : 0);
    const negative = pv < 0 && comp.numFmt === "0.00";
    const rule = negative
      ? "capaian-negatif"
      : comp.auditOnly && comp.rule === "jumlah-anak"
        ? "jumlah-anak"
        : comp.rule;
    const code = negative ? "finding.value-negative" : "finding.value";
    // The numbers themselves: each language writes them with the printed decimals.
    const params: MessageParams = {
      address,
      printed: pv,
      expected: comp.value,
      decimals: d,
      description: comp.description ?? "",
      rule,
    };
    findings.push({
      sheet: grid.name,
      row: comp.row,
      col: comp.col,
      address,
      printed,
      expected: roundHalfUp(comp.value, Math.max(d, 2)),
      rule,
      code,
      params,
      message: renderMessage({ code, params }, "id"),
    });
  }
  // The sheet's own formulas: partial totals, predikat from blanks, added constants, error cells.
  // One finding per cell: a formula finding explains a value finding on the same cell.
  const formulaOnes = formulaFindings(table, grid);
  if (formulaOnes.length > 0) {
    // The first finding of each cell (a lookup instead of a scan of every finding per formula finding).
    const firstAt = new Map<number, Finding>();
    for (const f of findings) {
      const key = cellKey(f.row, f.col);
      if (!firstAt.has(key)) firstAt.set(key, f);
    }
    for (const ff of formulaOnes) {
      const same = firstAt.get(cellKey(ff.row, ff.col));
      if (same) {
        same.rule = ff.rule;
        same.also = [{ code: same.code, params: same.params }, ...(same.also ?? [])];
        same.code = ff.code;
        same.params = ff.params;
        same.message = renderFinding(same, "id");
      } else {
        findings.push(ff);
        firstAt.set(cellKey(ff.row, ff.col), ff);
      }
    }
  }
  return { findings, truncated };
}

export function audit(table: TableModel, grid: SheetGrid, opts: EngineOptions = {}): Finding[] {
  return auditDetailed(table, grid, opts).findings;
}
