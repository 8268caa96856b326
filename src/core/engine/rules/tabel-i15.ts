/**
 * Tabel I.15 monitoring report (seed 000; checks.md §1a, A1-A4):
 * - col 8 ("8 = 5:4"): TOTAL, kegiatan: own realisasi / own DPA; Belanja Langsung/Tidak Langsung
 *   and programs: realisasi / TOTAL DPA (realised weight); sub-kegiatan: own realisasi / own DPA
 *   by default, or realisasi / parent kegiatan DPA (a share) where the printed siblings follow that;
 * - col 7 (bobot) of programs and BL/BTL: DPA / TOTAL DPA;
 * - col 11 ("11 = ΣN : n"): kegiatan = mean of its subs; program = bobot × mean of its kegiatan / 100;
 *   TOTAL = Σ programs.
 */
import { bobot, bobotFormula, serapan, serapanFormula } from "../../anggaran";
import type { CellValue } from "../../errors";
import type { TableModel } from "../types";
import {
  PCT,
  RuleContext,
  cached,
  colsByNumber,
  colsByRole,
  descendants,
  isEmptyValue,
} from "./context";
import { emitMean, emitSum } from "./common";
import { agrees } from "../compare";
import type { Shape } from "./shape";

export function i15Columns(table: TableModel) {
  const n = (x: number) => colsByNumber(table, x)[0]?.col;
  let c8 =
    n(8) ??
    table.columns.find((c) => c.statedFormula && /^\s*\d+\s*:\s*\d+\s*$/.test(c.statedFormula))
      ?.col;
  let num = 5;
  let den = 4;
  const stated = table.columns.find((c) => c.col === c8)?.statedFormula;
  const m = stated ? /^\s*(\d+)\s*[:/]\s*(\d+)/.exec(stated) : null;
  if (m) {
    num = Number(m[1]);
    den = Number(m[2]);
  }
  const c4 = n(den) ?? colsByRole(table, "anggaran", "target-rp")[0]?.col;
  const c5 = n(num) ?? colsByRole(table, "realisasi-rp", "realisasi", "keuangan")[0]?.col;
  if (c8 === undefined) c8 = colsByRole(table, "serapan", "capaian-rp")[0]?.col;
  return { c4, c5, c7: n(7), c8, c10: n(10), c11: n(11) };
}

export function tabelI15Rules(ctx: RuleContext): void {
  const { table } = ctx;
  const rows = table.rows;
  const { c4, c5, c7, c8, c10, c11 } = i15Columns(table);
  const totalIdx = rows.findIndex((r) => r.level === "total");
  const total = totalIdx >= 0 ? rows[totalIdx] : undefined;

  const ratio = (
    row: number,
    out: number,
    aRow: number,
    rRow: number,
    rule: string,
    desc: string
  ) => {
    if (c4 === undefined || c5 === undefined) return;
    const a = ctx.get(aRow, c4);
    const r = ctx.get(rRow, c5);
    if (isEmptyValue(a) || isEmptyValue(r)) return;
    ctx.emit({
      row,
      col: out,
      rule,
      formula: serapanFormula(ctx.ref(aRow, c4), ctx.ref(rRow, c5)),
      value: cached(serapan(a, r)),
      numFmt: PCT,
      description: desc,
      inputs: [
        [aRow, c4],
        [rRow, c5],
      ],
    });
  };

  if (c8 !== undefined && c4 !== undefined && c5 !== undefined) {
    rows.forEach((row, i) => {
      const R = row.row;
      switch (row.level) {
        case "total":
        case "kegiatan":
          ratio(R, c8, R, R, "i15.realisasi-keuangan", "8 = 5 : 4 (realisasi / DPA × 100)");
          break;
        case "group":
        case "program":
          if (total)
            ratio(
              R,
              c8,
              total.row,
              R,
              "i15.bobot-realisasi",
              "realisasi / DPA TOTAL × 100 (bobot realisasi)"
            );
          break;
        default:
          break;
      }
      if (row.level !== "kegiatan") return;
      const subs = descendants(table, i, ["subkegiatan"]);
      const share = subsUseShare(
        ctx,
        subs.map((j) => rows[j].row),
        R,
        c4,
        c5,
        c8
      );
      for (const j of subs) {
        const S = rows[j].row;
        if (share)
          ratio(
            S,
            c8,
            R,
            S,
            "i15.realisasi-keuangan-sub",
            "realisasi sub kegiatan / DPA kegiatan induk × 100 (pangsa)"
          );
        else ratio(S, c8, S, S, "i15.realisasi-keuangan", "8 = 5 : 4 (realisasi / DPA × 100)");
      }
    });
  }

  // col 7: bobot of programs and BL/BTL.
  if (c7 !== undefined && c4 !== undefined && total) {
    for (const row of rows) {
      if (row.level !== "program" && row.level !== "group") continue;
      const a = ctx.get(row.row, c4);
      const t = ctx.get(total.row, c4);
      if (isEmptyValue(a) || isEmptyValue(t)) continue;
      ctx.emit({
        row: row.row,
        col: c7,
        rule: "i15.bobot",
        formula: bobotFormula(ctx.ref(row.row, c4), ctx.ref(total.row, c4)),
        value: cached(bobot(a, t)),
        numFmt: PCT,
        description: "bobot = DPA / DPA TOTAL × 100",
        inputs: [
          [row.row, c4],
          [total.row, c4],
        ],
      });
    }
  }

  // col 11: ΣN : n.
  if (c11 !== undefined) {
    rows.forEach((row, i) => {
      if (row.level !== "kegiatan") return;
      const subs = descendants(table, i, ["subkegiatan"]).map(
        (j) => [rows[j].row, c11] as [number, number]
      );
      if (subs.length > 0)
        emitMean(
          ctx,
          row.row,
          c11,
          subs,
          "i15.fisik-rata",
          "11 = ΣN : n (rata-rata realisasi fisik sub kegiatan)"
        );
    });
    // Program blocks: consecutive program rows (Program I prints a BL line, a BTL line and an
    // unlabelled subtotal line = BL + BTL). Single rows: bobot × mean of kegiatan col 11.
    const progCells: [number, number][] = [];
    const w = c10 ?? c7;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i].level !== "program") continue;
      let j = i;
      while (j + 1 < rows.length && rows[j + 1].level === "program") j++;
      if (j === i) {
        const kegs = descendants(table, i, ["kegiatan"]).map(
          (k) => [rows[k].row, c11] as [number, number]
        );
        if (kegs.length > 0 && w !== undefined) {
          emitMean(
            ctx,
            rows[i].row,
            c11,
            kegs,
            "i15.fisik-program",
            "bobot × rata-rata realisasi fisik kegiatan / 100",
            [rows[i].row, w]
          );
        }
      } else {
        const parts = rows.slice(i, j).map((r) => [r.row, c11] as [number, number]);
        emitSum(
          ctx,
          rows[j].row,
          c11,
          parts,
          "i15.fisik-program",
          "jumlah realisasi fisik baris program (BL + BTL)",
          { numFmt: PCT }
        );
      }
      progCells.push([rows[j].row, c11]);
      i = j;
    }
    if (total && progCells.length > 0) {
      emitSum(
        ctx,
        total.row,
        c11,
        progCells,
        "i15.fisik-total",
        "jumlah realisasi fisik (tertimbang) semua program",
        { numFmt: PCT }
      );
    }
  }
}

/** Do the printed sub values of a kegiatan follow "share of the parent DPA" rather than "own 5:4"? */
function subsUseShare(
  ctx: RuleContext,
  subRows: number[],
  kegRow: number,
  c4: number,
  c5: number,
  c8: number
): boolean {
  let own = 0;
  let share = 0;
  const parentDpa = ctx.num(kegRow, c4);
  for (const r of subRows) {
    const printed: CellValue = ctx.cell(r, c8)?.value;
    if (isEmptyValue(printed)) continue;
    const a = ctx.num(r, c4);
    const x = ctx.num(r, c5);
    if (x === null) continue;
    if (a !== null && a !== 0 && agrees(printed, (x / a) * 100, ctx.cell(r, c8)?.numFmt) !== "no")
      own++;
    if (
      parentDpa !== null &&
      parentDpa !== 0 &&
      agrees(printed, (x / parentDpa) * 100, ctx.cell(r, c8)?.numFmt) !== "no"
    )
      share++;
  }
  return share > own;
}

export const tabelI15Shape: Shape = {
  kind: "tabel-i15",
  name: {
    id: "Tabel I.15 (monitoring dan evaluasi)",
    en: "Table I.15 (monitoring and evaluation)",
  },
  // Physical and financial realisation grouped as input / output / outcome.
  detect: (s) =>
    !s.quarters && s.has("fisik", "keuangan") && /\((?:input|output)\)|outcome/.test(s.headers),
  rules: tabelI15Rules,
};
