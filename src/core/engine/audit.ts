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
import { flatString, isEmptyValue } from "./rules/context";
import type { EngineOptions, Finding, SheetGrid, TableModel } from "./types";

export interface AuditResult {
  findings: Finding[];
  /** Cells that agree only when the expected value is truncated instead of rounded. */
  truncated: { row: number; col: number; address: string }[];
}

/** A number in Indonesian style with d decimals: 1234567.891 -> '1.234.567,89'. */
function fmtId(x: number, d: number): string {
  const rounded = roundHalfUp(x, d);
  // Whole amounts (most sums): for a safe integer String is toFixed(0), and cheaper.
  const s = d === 0 && Number.isSafeInteger(rounded) ? String(rounded) : rounded.toFixed(d);
  const dot = s.indexOf(".");
  const i = dot < 0 ? s : s.slice(0, dot);
  const neg = i.charCodeAt(0) === 45; // '-'
  const digits = neg ? i.slice(1) : i;
  // Thousands dots, as /\B(?=(\d{3})+(?!\d))/ would place them (toFixed may give '1e+21': left alone).
  let grouped = digits;
  if (digits.length > 3 && /^\d+$/.test(digits)) {
    const head = digits.length % 3 || 3;
    grouped = digits.slice(0, head);
    for (let k = head; k < digits.length; k += 3) grouped += "." + digits.slice(k, k + 3);
  } else if (digits.length > 3) grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const f = dot < 0 ? "" : s.slice(dot + 1);
  return (neg ? "-" : "") + grouped + (f ? "," + f : "");
}

/** The same figure in English style with d decimals: 1234567.891 -> '1,234,567.89'. */
function fmtEn(x: number, d: number): string {
  return fmtId(x, d).replace(/[.,]/g, (m) => (m === "." ? "," : "."));
}

/** Numeric cell key for the audit's "one finding per cell and rule". */
function cellKey(r: number, c: number): number {
  return r * 16384 + c;
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
    if (comp.isHeader) continue;
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
      if (prBand === undefined) {
        findings.push({
          sheet: grid.name,
          row: comp.row,
          col: comp.col,
          address,
          printed,
          expected: comp.value,
          rule: "predikat.label-tidak-dikenal",
          message: `${address}: label '${printed.trim()}' tidak ada dalam skala ${scale.name}; menurut skala seharusnya '${comp.value}' (${comp.description}).`,
          messageEn: `${address}: label '${printed.trim()}' is not on the ${scale.name} scale; expected '${comp.value}' (rule ${comp.rule}).`,
        });
      } else if (prBand !== expBand) {
        findings.push({
          sheet: grid.name,
          row: comp.row,
          col: comp.col,
          address,
          printed,
          expected: comp.value,
          rule: "predikat.label-bertentangan",
          message: `${address}: label '${printed.trim()}' bertentangan dengan skala; seharusnya '${comp.value}' (${comp.description}).`,
          messageEn: `${address}: label '${printed.trim()}' contradicts the ${scale.name} scale; expected '${comp.value}' (rule ${comp.rule}).`,
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
    let message = `${address}: tercetak ${fmtId(pv, d)}, hasil hitung ${fmtId(comp.value, d)} (${comp.description}).`;
    if (negative) message += " Persentase negatif tidak bermakna untuk capaian/realisasi.";
    findings.push({
      sheet: grid.name,
      row: comp.row,
      col: comp.col,
      address,
      printed,
      expected: roundHalfUp(comp.value, Math.max(d, 2)),
      rule,
      message: flatString(message),
      messageEn: flatString(
        `${address}: printed ${fmtEn(pv, d)}, recomputed ${fmtEn(comp.value, d)} (rule ${rule}).`
      ),
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
        same.message = `${ff.message} ${same.message.replace(/^[A-Z]+\d+: /, "")}`;
        same.messageEn = `${ff.messageEn} ${same.messageEn ?? ""}`.trim();
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
