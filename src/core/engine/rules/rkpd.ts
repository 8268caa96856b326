/**
 * RKPD evaluation form (Permendagri 86/2017; seed 000 section 3.2). checks.md §0/§1b/B1-B5:
 * - col 15 (K, Rp) = Σ quarters 11-14, only on rows with quarter values (K on sub/indicator rows);
 * - col 16 = 15 / 10 × 100 (K with the row's direction, Rp always normal), on every row with both;
 * - "Rata-rata Capaian Kinerja Kegiatan": K = mean of the kegiatan's indicator K16, excluding
 *   indicators whose col-10 target is 0 or empty; Rp = the kegiatan's aggregate Rp15 / Rp10;
 * - "Predikat Kinerja Kegiatan" = predikat (codes) of the rata-rata;
 * - program K16 = mean of its kegiatan rata-rata K; urusan = mean of program K16;
 *   urusan group / OPD total / "seluruh program" row = mean of urusan K16;
 * - audit only: parent Rp = Σ children (targets, quarters, col 15).
 */
import type { CellValue } from "../../errors";
import { isMonevError } from "../../errors";
import { agrees } from "../compare";
import { parseAngka } from "../../number";
import type { RowInfo, TableModel } from "../types";
import {
  PCT,
  RP,
  RuleContext,
  children,
  colsByRole,
  descendants,
  isEmptyValue,
  rank,
} from "./context";
import { emitCapaian, emitMean, emitPredikat, emitSum, resolveScale } from "./common";
import { applyDataRules, dataRules, formColumns, type DataRule } from "./stated";
import { formPredikatColumn, groupFooterRules } from "./footers";
import type { Shape } from "./shape";

export interface RkpdColumns {
  target: { k?: number; rp?: number };
  tw: { k: number[]; rp: number[] };
  total: { k?: number; rp?: number };
  capaian: { k?: number; rp?: number };
  targetsRp: number[];
  predikat?: number;
  arah?: number;
}

/** The form's columns as its own definitions (or, where it states none, its captions) give them. */
export function rkpdColumns(
  table: TableModel,
  rules: DataRule[] = dataRules(table, [])
): RkpdColumns {
  const F = formColumns(table, rules);
  const firstTw = Math.min(...F.quarters.k, ...F.quarters.rp, Number.MAX_SAFE_INTEGER);
  return {
    target: F.target,
    tw: F.quarters,
    total: F.total,
    capaian: F.capaian,
    targetsRp: colsByRole(table, "target-rp", "anggaran")
      .filter((c) => c.col < firstTw)
      .map((c) => c.col),
    predikat: formPredikatColumn(table),
    arah: colsByRole(table, "arah")[0]?.col,
  };
}

const LEAF: RowInfo["level"][] = ["subkegiatan", "indikator"];
// Level lists of the row walks, made once (an array literal in a loop is an array per row).
const KEGIATAN: RowInfo["level"][] = ["kegiatan"];
const PROGRAM: RowInfo["level"][] = ["program"];
const URUSAN: RowInfo["level"][] = ["urusan"];
// Compiled once: a regex literal in a function makes an object per call (these run per row).
const GLOBAL_RE = /seluruh|keseluruhan/i;
const KEGIATAN_RE = /kegiatan/i;
const NOT_KEGIATAN_RE = /program|seluruh|keseluruhan/i;

export function rkpdRules(ctx: RuleContext): void {
  const { table } = ctx;
  const rules = dataRules(table, ctx.notes);
  const C = rkpdColumns(table, rules);
  const rows = table.rows;

  // 1-2. Data rows: what the form states (or its captions define), K with K and Rp with Rp.
  const ids = new Map<number, string>();
  const name = (col: number | undefined, id: string) => col !== undefined && ids.set(col, id);
  name(C.total.k, "rkpd.jumlah-tw-k");
  name(C.total.rp, "rkpd.jumlah-tw-rp");
  name(C.capaian.k, "rkpd.capaian-k");
  name(C.capaian.rp, "rkpd.capaian-rp");
  applyDataRules(ctx, rules, ids);

  // The per-kegiatan averaging convention (seed 000: "Rata-rata Capaian Kinerja Kegiatan" rows,
  // program K = mean of its kegiatan) applies only to a form laid out that way.
  if (!rows.some((r) => r.level === "rata-rata" && isKegiatanFooter(r))) {
    groupFooterRules(ctx, rules);
    auditParentSums(ctx, C);
    return;
  }
  const scale = resolveScale(ctx, undefined, "permendagri86");
  // Where the kegiatan's K average sits (rata-rata row, else the kegiatan row itself).
  const kegAvg = new Map<number, [number, number]>();

  // 3. kegiatan rata-rata and predikat rows.
  rows.forEach((row, i) => {
    if (row.level !== "kegiatan" || C.capaian.k === undefined) return;
    const { inds, rata, pred } = kegiatanRows(table, i);
    const avgRow = rata !== undefined ? rows[rata].row : row.row;
    const kCol = placement(ctx, avgRow, C.capaian.k, C.total.k);
    if (C.target.k !== undefined)
      emitMeanExcludingZeroTarget(
        ctx,
        avgRow,
        kCol,
        inds.map((j) => rows[j].row),
        C.target.k,
        C.capaian.k
      );
    kegAvg.set(i, [avgRow, kCol]);
    let rpCol: number | undefined;
    if (
      rata !== undefined &&
      C.capaian.rp !== undefined &&
      C.target.rp !== undefined &&
      C.total.rp !== undefined
    ) {
      rpCol = placement(ctx, avgRow, C.capaian.rp, C.total.rp);
      emitCapaian(
        ctx,
        avgRow,
        C.target.rp,
        C.total.rp,
        rpCol,
        "normal",
        "rkpd.rata-rata-rp",
        row.row,
        row.row
      );
    }
    if (pred !== undefined) {
      const pr = rows[pred].row;
      emitPredikat(
        ctx,
        pr,
        avgRow,
        kCol,
        C.predikat ?? placement(ctx, pr, C.capaian.k, C.total.k),
        scale,
        "kode",
        "rkpd.predikat-k"
      );
      if (rpCol !== undefined && C.capaian.rp !== undefined && C.predikat === undefined) {
        emitPredikat(
          ctx,
          pr,
          avgRow,
          rpCol,
          placement(ctx, pr, C.capaian.rp, C.total.rp),
          scale,
          "kode",
          "rkpd.predikat-rp"
        );
      }
    }
  });

  // 4. program / urusan / group / total K16.
  if (C.capaian.k === undefined) return;
  const kCol = C.capaian.k;
  const kOf = (j: number): [number, number] => [rows[j].row, kCol];
  rows.forEach((row, i) => {
    if (row.level !== "program") return;
    const kegs = descendants(table, i, KEGIATAN).filter((j) => kegAvg.has(j));
    if (kegs.length === 0) return;
    emitMean(
      ctx,
      row.row,
      kCol,
      kegs.map((j) => kegAvg.get(j) as [number, number]),
      "rkpd.program-k",
      "rata-rata capaian K kegiatan dalam program"
    );
  });
  rows.forEach((row, i) => {
    if (row.level !== "urusan") return;
    const progs = children(table, i, PROGRAM);
    if (progs.length === 0) return;
    emitMean(
      ctx,
      row.row,
      kCol,
      progs.map(kOf),
      "rkpd.urusan-k",
      "rata-rata capaian K program dalam urusan"
    );
  });
  const urusanAll = rows.map((r, j) => (r.level === "urusan" ? j : -1)).filter((j) => j >= 0);
  const programAll = rows.map((r, j) => (r.level === "program" ? j : -1)).filter((j) => j >= 0);
  const topMeanCells = (urusanAll.length > 0 ? urusanAll : programAll).map(kOf);
  rows.forEach((row, i) => {
    if (row.level !== "group" && row.level !== "total") return;
    const below = descendants(table, i, URUSAN);
    const cells = below.length > 0 ? below.map(kOf) : topMeanCells;
    if (cells.length === 0) return;
    emitMean(ctx, row.row, kCol, cells, "rkpd.total-k", "rata-rata capaian K urusan");
  });

  // 5. "Rata-rata ... seluruh program" and its predikat row.
  const totalRow = rows.find((r) => r.level === "total") ?? rows.find((r) => r.level === "group");
  let globalAvg: { row: number; k: number; rp?: number } | undefined;
  rows.forEach((row) => {
    // Only footer rows can be global: the label of every other row is not searched.
    const isGlobal =
      (row.level === "rata-rata" || row.level === "predikat") && GLOBAL_RE.test(row.label);
    if (row.level === "rata-rata" && isGlobal && topMeanCells.length > 0) {
      const kc = placement(ctx, row.row, kCol, C.total.k);
      emitMean(
        ctx,
        row.row,
        kc,
        topMeanCells,
        "rkpd.rata-rata-seluruh-k",
        "rata-rata capaian K urusan"
      );
      let rc: number | undefined;
      if (
        totalRow &&
        C.capaian.rp !== undefined &&
        C.target.rp !== undefined &&
        C.total.rp !== undefined
      ) {
        rc = placement(ctx, row.row, C.capaian.rp, C.total.rp);
        emitCapaian(
          ctx,
          row.row,
          C.target.rp,
          C.total.rp,
          rc,
          "normal",
          "rkpd.rata-rata-seluruh-rp",
          totalRow.row,
          totalRow.row
        );
      }
      globalAvg = { row: row.row, k: kc, rp: rc };
    }
    if (row.level === "predikat" && isGlobal && globalAvg) {
      emitPredikat(
        ctx,
        row.row,
        globalAvg.row,
        globalAvg.k,
        C.predikat ?? placement(ctx, row.row, kCol, C.total.k),
        scale,
        "kode",
        "rkpd.predikat-k"
      );
      if (globalAvg.rp !== undefined && C.capaian.rp !== undefined && C.predikat === undefined) {
        emitPredikat(
          ctx,
          row.row,
          globalAvg.row,
          globalAvg.rp,
          placement(ctx, row.row, C.capaian.rp, C.total.rp),
          scale,
          "kode",
          "rkpd.predikat-rp"
        );
      }
    }
  });

  // 7. Other rata-rata / predikat rows (e.g. per program): the form's group averages.
  groupFooterRules(ctx, rules, (row) => isKegiatanFooter(row) || GLOBAL_RE.test(row.label));

  auditParentSums(ctx, C);
}

/** Audit only: a parent's Rp (targets, quarters, total) = Σ its children. */
function auditParentSums(ctx: RuleContext, C: RkpdColumns): void {
  const { table } = ctx;
  const rows = table.rows;
  const rpCols = [
    ...new Set([...C.targetsRp, ...C.tw.rp, ...(C.total.rp !== undefined ? [C.total.rp] : [])]),
  ];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const lv = childLevels(row.level);
    if (!lv) continue;
    const kids = row.level === "kegiatan" ? descendants(table, i, LEAF) : children(table, i, lv);
    if (kids.length === 0) continue;
    for (const c of rpCols) {
      if (!ctx.has(row.row, c)) continue;
      // Every child read once: present, and the sum emitSum would compute (sumValues).
      let s = 0;
      let numeric = 0;
      let present = true;
      for (let k = 0; k < kids.length; k++) {
        // Every child is read (as before) even after an empty one: a read may note an ambiguous text.
        const v = ctx.get(rows[kids[k]].row, c);
        if (isEmptyValue(v)) present = false; // a child without a value: cannot verify
        if (!present) continue;
        const x = numOf(v);
        if (x !== null) {
          s += x;
          numeric++;
        }
      }
      if (!present || numeric === 0) continue;
      // The check is kept only where the print disagrees (RuleContext.emit): most parents agree,
      // so the list of cells is built for those only.
      const target = ctx.cell(row.row, c);
      if (!target || isEmptyValue(target.value) || agrees(target.value, s, target.numFmt) === "yes")
        continue;
      const cells: [number, number][] = [];
      for (const j of kids) cells.push([rows[j].row, c]);
      emitSum(ctx, row.row, c, cells, "jumlah-anak", "jumlah baris di bawahnya (Rp)", {
        numFmt: RP,
        auditOnly: true,
      });
    }
  }
}

const SUBKEGIATAN: RowInfo["level"][] = ["subkegiatan"];
const GROUP_CHILDREN = URUSAN;

/**
 * The level of a parent's children in the Rp sums (undefined: not a parent). A switch: a level
 * name looked up in an object is a megamorphic keyed load, asked for every row.
 */
function childLevels(level: RowInfo["level"]): RowInfo["level"][] | undefined {
  switch (level) {
    case "kegiatan":
      return SUBKEGIATAN;
    case "program":
      return KEGIATAN;
    case "urusan":
      return PROGRAM;
    case "group":
      return GROUP_CHILDREN;
    default:
      return undefined;
  }
}

/** The number a formula sees in a cell value (RuleContext.num of the value). */
function numOf(v: CellValue): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  const p = parseAngka(v);
  return p === null || isMonevError(p) ? null : p.value;
}

/**
 * The rows of kegiatan i in one walk: its indicator rows (descendants of the LEAF levels) and its
 * first rata-rata and predikat rows that are kegiatan footers (descendants of those levels).
 */
function kegiatanRows(
  table: TableModel,
  i: number
): { inds: number[]; rata: number | undefined; pred: number | undefined } {
  const rows = table.rows;
  const own = rank(rows[i]);
  const inds: number[] = [];
  let rata: number | undefined;
  let pred: number | undefined;
  for (let j = i + 1; j < rows.length; j++) {
    const r = rows[j];
    const rk = rank(r);
    // The stops of `descendants`.
    if (own !== undefined && rk !== undefined && rk <= own) break;
    if (r.level === "jumlah" || r.level === "footer") break;
    if (r.level === "subkegiatan" || r.level === "indikator") inds.push(j);
    else if (r.level === "rata-rata") {
      if (rata === undefined && isKegiatanFooter(r)) rata = j;
    } else if (r.level === "predikat") {
      if (pred === undefined && isKegiatanFooter(r)) pred = j;
    }
  }
  return { inds, rata, pred };
}

/** "Rata-rata Capaian Kinerja Kegiatan" / "Predikat Kinerja Kegiatan": the RKPD form's per-kegiatan footers. */
function isKegiatanFooter(row: RowInfo): boolean {
  return KEGIATAN_RE.test(row.label) && !NOT_KEGIATAN_RE.test(row.label);
}

/**
 * Rata-rata/predikat values belong to col 16, but some prints put them in the col-15 cells:
 * use the col-15 cell when col 16 is empty there and col 15 is not.
 */
function placement(
  ctx: RuleContext,
  row: number,
  col16: number,
  col15: number | undefined
): number {
  if (
    col15 !== undefined &&
    isEmptyValue(ctx.cell(row, col16)?.value) &&
    !isEmptyValue(ctx.cell(row, col15)?.value)
  ) {
    return col15;
  }
  return col16;
}

/** Mean of indicator K16, skipping indicators whose col-10 target is 0 or not a number. */
function emitMeanExcludingZeroTarget(
  ctx: RuleContext,
  row: number,
  out: number,
  indRows: number[],
  tCol: number,
  cCol: number
): void {
  if (indRows.length === 0) return;
  let s = 0;
  let n = 0;
  const inputs: [number, number][] = [];
  for (const r of indRows) {
    inputs.push([r, tCol], [r, cCol]);
    // Only number cells count (a text capaian or target is text to the formula too).
    const t = ctx.get(r, tCol);
    const c = ctx.get(r, cCol);
    const zeroTarget = t === 0;
    if (typeof c === "number" && Number.isFinite(c) && !zeroTarget) {
      s += c;
      n++;
    }
  }
  if (n === 0) return;
  // IFERROR((IF(cond1,C1,0)+…)/(IF(cond1,1,0)+…),"") with condN = AND(ISNUMBER(CN),OR(NOT(ISNUMBER(TN)),TN<>0)),
  // written as one list of pieces joined once (long formulas: no intermediate texts per indicator).
  const T = indRows.map((r) => ctx.ref(r, tCol));
  const C = indRows.map((r) => ctx.ref(r, cCol));
  const parts: string[] = ["IFERROR(("];
  for (let half = 0; half < 2; half++) {
    if (half === 1) parts.push(")/(");
    for (let i = 0; i < indRows.length; i++) {
      if (i > 0) parts.push("+");
      parts.push("IF(AND(ISNUMBER(", C[i], "),OR(NOT(ISNUMBER(", T[i], ")),", T[i], "<>0)),");
      parts.push(half === 0 ? C[i] : "1", ",0)");
    }
  }
  parts.push('),"")');
  ctx.emitFormula(
    row,
    out,
    "rkpd.rata-rata-k",
    parts.join(""),
    s / n,
    PCT,
    "rata-rata capaian K indikator kegiatan (indikator dengan target 0 tidak dihitung)",
    inputs
  );
}

export const rkpdShape: Shape = {
  kind: "rkpd",
  name: { id: "evaluasi RKPD (Permendagri 86/2017)", en: "RKPD evaluation (Permendagri 86/2017)" },
  detect: (s) => s.quarters,
  rules: rkpdRules,
};
