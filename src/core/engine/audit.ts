/**
 * Audit: recompute every computed cell that already holds a value and report disagreements
 * (to printed precision, checks.md §4), labels that contradict the scale, parent sums that differ
 * from the children, and negative capaian.
 */
import { isMonevError } from "../errors";
import { parseAngka } from "../number";
import { cellAddress } from "./address";
import { agrees, labelBand, printedDecimals, roundHalfUp } from "./compare";
import { computeTable, type Computation } from "./rules";
import { formulaFindings } from "./audit-formulas";
import { isEmptyValue } from "./rules/context";
import type { EngineOptions, Finding, SheetGrid, TableModel } from "./types";

export interface AuditResult {
  findings: Finding[];
  /** Cells that agree only when the expected value is truncated instead of rounded. */
  truncated: { row: number; col: number; address: string }[];
}

function fmtId(x: number, d: number): string {
  const s = roundHalfUp(x, d).toFixed(d);
  const [i, f] = s.split(".");
  const neg = i.startsWith("-");
  const grouped = (neg ? i.slice(1) : i).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return (neg ? "-" : "") + grouped + (f ? "," + f : "");
}

/**
 * `computed`: the rule pass of `plan` when it can be shared (without overwrite both passes see
 * the same cells), so a sheet is computed once for audit and plan.
 */
export function auditDetailed(table: TableModel, grid: SheetGrid, opts: EngineOptions = {}, computed?: Computation[]): AuditResult {
  const computations = computed ?? computeTable(table, grid, opts, "audit").computations;
  const findings: Finding[] = [];
  const truncated: AuditResult["truncated"] = [];
  const seen = new Set<string>();
  for (const comp of computations) {
    if (comp.isHeader) continue;
    const cell = grid.cells[comp.row]?.[comp.col];
    const printed = cell?.value;
    if (isEmptyValue(printed)) continue;
    const address = cellAddress(comp.row, comp.col);
    const key = `${comp.row},${comp.col},${comp.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const base = { sheet: grid.name, row: comp.row, col: comp.col, address, printed };

    if (comp.label) {
      if (typeof comp.value !== "string" || comp.value === "" || typeof printed !== "string") continue;
      const scale = comp.label.scale;
      const expBand = labelBand(comp.value, scale);
      const prBand = labelBand(printed, scale);
      if (prBand === undefined) {
        findings.push({
          ...base,
          expected: comp.value,
          rule: "predikat.label-tidak-dikenal",
          message: `${address}: label '${printed.trim()}' tidak ada dalam skala ${scale.name}; menurut skala seharusnya '${comp.value}' (${comp.description}).`,
          messageEn: `${address}: label '${printed.trim()}' is not on the scale; expected '${comp.value}'.`,
        });
      } else if (prBand !== expBand) {
        findings.push({
          ...base,
          expected: comp.value,
          rule: "predikat.label-bertentangan",
          message: `${address}: label '${printed.trim()}' bertentangan dengan skala; seharusnya '${comp.value}' (${comp.description}).`,
          messageEn: `${address}: label '${printed.trim()}' contradicts the scale; expected '${comp.value}'.`,
        });
      }
      continue;
    }

    if (typeof comp.value !== "number") continue; // not computable (empty or zero target)
    const p = parseAngka(printed);
    if (p === null || isMonevError(p)) continue;
    const verdict = agrees(printed, comp.value, cell?.numFmt);
    if (verdict === "truncated") {
      truncated.push({ row: comp.row, col: comp.col, address });
      continue;
    }
    if (verdict === "yes") continue;
    const d = Math.max(printedDecimals(printed, cell?.numFmt), comp.numFmt === "0.00" ? 2 : 0);
    const negative = p.value < 0 && comp.numFmt === "0.00";
    const rule = negative ? "capaian-negatif" : comp.auditOnly && comp.rule === "jumlah-anak" ? "jumlah-anak" : comp.rule;
    let message = `${address}: tercetak ${fmtId(p.value, d)}, hasil hitung ${fmtId(comp.value, d)} (${comp.description}).`;
    if (negative) message += " Persentase negatif tidak bermakna untuk capaian/realisasi.";
    findings.push({
      ...base,
      expected: roundHalfUp(comp.value, Math.max(d, 2)),
      rule,
      message,
      messageEn: `${address}: printed ${p.value}, recomputed ${comp.value}.`,
    });
  }
  // The sheet's own formulas: partial totals, predikat from blanks, added constants, error cells.
  // One finding per cell: a formula finding explains a value finding on the same cell.
  for (const ff of formulaFindings(table, grid)) {
    const same = findings.find((x) => x.row === ff.row && x.col === ff.col);
    if (same) {
      same.rule = ff.rule;
      same.message = `${ff.message} ${same.message.replace(/^[A-Z]+\d+: /, "")}`;
      same.messageEn = `${ff.messageEn} ${same.messageEn ?? ""}`.trim();
    } else findings.push(ff);
  }
  return { findings, truncated };
}

export function audit(table: TableModel, grid: SheetGrid, opts: EngineOptions = {}): Finding[] {
  return auditDetailed(table, grid, opts).findings;
}
