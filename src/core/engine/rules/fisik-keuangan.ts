/**
 * Physical and financial realisation (Banjarmasin Tabel 3.3; checks.md §1c, C1-C3):
 * realisasi % = realisasi keuangan / rencana keuangan × 100; KET = predikat on the 'berhasil'
 * scale; audit only: parent rencana/realisasi = Σ children.
 */
import { serapan, serapanFormula } from "../../anggaran";
import type { ColumnInfo, RowInfo } from "../types";
import { PCT, RP, RuleContext, cached, children, isEmptyValue } from "./context";
import { emitPredikat, emitSum, resolveForm, resolveScale } from "./common";

function find(cols: ColumnInfo[], pred: (c: ColumnInfo) => boolean): ColumnInfo | undefined {
  return cols.filter(pred).sort((a, b) => a.col - b.col)[0];
}

export function fisikKeuanganColumns(cols: ColumnInfo[]) {
  const h = (c: ColumnInfo) => c.header.toLowerCase();
  const rencana =
    find(cols, (c) => ["anggaran", "target-rp"].includes(c.role)) ??
    find(cols, (c) => c.role === "keuangan" && /rencana|anggaran|pagu/.test(h(c)));
  const realisasi =
    find(cols, (c) => ["realisasi-rp", "realisasi-total-rp"].includes(c.role)) ??
    find(cols, (c) => ["keuangan", "realisasi"].includes(c.role) && /realisasi/.test(h(c)) && !/fisik|%/.test(h(c)));
  const persen =
    cols
      .filter((c) => ["capaian", "serapan"].includes(c.role) || (c.role === "fisik" && /realisasi/.test(h(c))))
      .sort((a, b) => b.col - a.col)[0] ?? cols.filter((c) => c.role === "fisik").sort((a, b) => b.col - a.col)[0];
  const ket = cols.filter((c) => c.role === "predikat" || c.role === "keterangan").sort((a, b) => b.col - a.col)[0];
  return { rencana, realisasi, persen, ket };
}

const DATA: RowInfo["level"][] = ["total", "group", "program", "kegiatan", "subkegiatan", "indikator"];

export function fisikKeuanganRules(ctx: RuleContext): void {
  const { table } = ctx;
  const { rencana, realisasi, persen, ket } = fisikKeuanganColumns(table.columns);
  if (!rencana || !realisasi || !persen) {
    ctx.notes.push(`Tabel '${table.sheet}': kolom rencana/realisasi keuangan tidak lengkap; persentase tidak dihitung.`);
    return;
  }
  const scale = resolveScale(ctx, ket?.col, "berhasil");
  const form = resolveForm(ctx, ket?.col, "panjang");
  for (const row of table.rows) {
    if (!DATA.includes(row.level)) continue;
    const a = ctx.get(row.row, rencana.col);
    const r = ctx.get(row.row, realisasi.col);
    if (isEmptyValue(a) || isEmptyValue(r)) continue;
    const ra = ctx.ref(row.row, rencana.col);
    const rr = ctx.ref(row.row, realisasi.col);
    ctx.emit({
      row: row.row,
      col: persen.col,
      rule: "realisasi-keuangan-persen",
      formula: serapanFormula(ra, rr),
      value: cached(serapan(a, r)),
      numFmt: PCT,
      description: `realisasi keuangan ${rr} / rencana keuangan ${ra} × 100`,
      inputs: [
        [row.row, rencana.col],
        [row.row, realisasi.col],
      ],
    });
    if (ket) emitPredikat(ctx, row.row, row.row, persen.col, ket.col, scale, form, "ket");
  }
  // audit only: parent = Σ children.
  const kidsOf: Partial<Record<RowInfo["level"], RowInfo["level"][]>> = {
    program: ["kegiatan"],
    kegiatan: ["subkegiatan"],
  };
  table.rows.forEach((row, i) => {
    const lv = kidsOf[row.level];
    if (!lv) return;
    const kids = children(table, i, lv);
    if (kids.length === 0) return;
    for (const c of [rencana.col, realisasi.col]) {
      if (!ctx.has(row.row, c)) continue;
      const cells = kids.map((j) => [table.rows[j].row, c] as [number, number]).filter(([r, cc]) => ctx.has(r, cc));
      if (cells.length === 0 || cells.length < kids.length) continue; // a child without a value: cannot verify
      emitSum(ctx, row.row, c, cells, "jumlah-anak", "jumlah baris di bawahnya (Rp)", { numFmt: RP, auditOnly: true });
    }
  });
}
