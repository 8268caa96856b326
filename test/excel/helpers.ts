/** Synthetic sheets and plans for the adapter tests (independent of the engine's heuristics). */
import type { PlannedWrite, SheetCell, SheetGrid, WritePlan } from "../../src/core/engine/types";
import { SCALES, predikatFormula } from "../../src/core/predikat";
import { a1 } from "../../src/excel/a1";

/** An indicator table: title, header, column numbers, then n indicator rows (capaian/predikat empty). */
export function indicatorGrid(n: number, name = "Data"): SheetGrid {
  const cells: (SheetCell | undefined)[][] = [];
  const t = (v: string | number): SheetCell => ({ value: v });
  cells.push([t("EVALUASI RKPD TAHUN 2024")]);
  cells.push([
    t("No"),
    t("Indikator Kinerja"),
    t("Satuan"),
    t("Target"),
    t("Realisasi"),
    t("Capaian (%)"),
    t("Predikat"),
  ]);
  cells.push([t(1), t(2), t(3), t(4), t(5), t("6 = 5:4"), t(7)]);
  for (let i = 0; i < n; i++) {
    const target = 50 + (i % 50);
    const real = 20 + ((i * 37) % 90);
    cells.push([
      t(i + 1),
      t(`Persentase layanan ${i + 1}`),
      t("%"),
      { value: target, numFmt: "0.00" },
      t(real),
      undefined,
      undefined,
    ]);
  }
  return { name, cells, merges: [{ top: 0, left: 0, bottom: 0, right: 6 }] };
}

/** The plan a fill would produce: capaian formula (F) and predikat formula (G) per row. */
export function indicatorPlan(n: number, name = "Data"): WritePlan {
  const writes: PlannedWrite[] = [];
  const scale = SCALES.permendagri86;
  for (let i = 0; i < n; i++) {
    const row = 3 + i;
    const target = 50 + (i % 50);
    const real = 20 + ((i * 37) % 90);
    const cap = (real / target) * 100;
    writes.push({
      sheet: name,
      row,
      col: 5,
      address: a1(row, 5),
      formula: `IFERROR(${a1(row, 4)}/${a1(row, 3)}*100,"")`,
      value: cap,
      numFmt: "0.00",
      rule: "capaian",
    });
    writes.push({
      sheet: name,
      row,
      col: 6,
      address: a1(row, 6),
      formula: predikatFormula(a1(row, 5), scale, "kode"),
      value: cap > 90 ? "ST" : cap > 75 ? "T" : cap > 65 ? "S" : cap > 50 ? "R" : "SR",
      rule: "predikat",
    });
  }
  return { writes, conflicts: [], notes: [] };
}
