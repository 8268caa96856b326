/**
 * Issue 9, item 2: one summary model. For every sample the evaluation sheet's average, count and
 * counts per predikat, its narrative, the footer drafts and the figures the CLI reports are the
 * same numbers, before and after a fill: indicators are rows with their own capaian (K only),
 * never averages of other rows, never the Rp (budget absorption) column.
 */
import { idTexts } from "./messages-text";
import { e81Grid, seedGrids } from "../../scripts/samples/seed-to-grid";
import {
  analyseSheet,
  applyPlanToGrid,
  narrative,
  narrativeParagraphs,
  summarise,
} from "../../src/core/engine";
import { layoutEvaluation } from "../../src/core/engine/evaluation-sheet";
import { EXCEL_CELL_MAX, splitForCell } from "../../src/core/engine/summary";
import type { SheetGrid } from "../../src/core/engine/types";
import { row, sheet } from "./sheet-builder";

const id2 = (x: number) => x.toFixed(2).replace(".", ",");
const samples: { id: string; grid: SheetGrid }[] = [
  ...seedGrids().flatMap((s) => [
    { id: `${s.id} (kosong)`, grid: s.emptied },
    { id: `${s.id} (tercetak)`, grid: s.printed },
  ]),
  { id: "renja-e81", grid: e81Grid() },
];

describe("one summary model: evaluation sheet, narrative and report agree, before and after a fill", () => {
  for (const { id, grid } of samples) {
    it(id, () => {
      const a = analyseSheet(grid);
      const s = summarise(a);
      const after = applyPlanToGrid(grid, a.plan);
      const lay = layoutEvaluation(a, "Evaluasi - x", { source: after });
      expect(lay?.values).toBeDefined();
      if (!lay?.values) return;
      const v = lay.values;
      const cap = lay.capaianCol;
      const avg = v[lay.summaryRow][cap];
      const count = v[lay.summaryRow + 1][cap];
      expect(count).toBe(s.rowsEvaluated);
      if (s.averageCapaian === null) expect(avg).toBe("");
      else expect(avg).toBeCloseTo(s.averageCapaian, 9);
      // The data rows hold exactly the model's indicators and their capaian.
      const rows = v
        .slice(lay.firstDataRow, lay.lastDataRow + 1)
        .filter((r) => typeof r[0] === "number");
      expect(rows.map((r) => r[cap])).toEqual(s.indicators.map((x) => x.capaian));
      const mean = rows.length
        ? rows.reduce((x, r) => x + (r[cap] as number), 0) / rows.length
        : null;
      if (mean !== null) expect(mean).toBeCloseTo(s.averageCapaian as number, 9);
      // COUNTIF per predikat = the model's counts; the labels sum to the indicators.
      const counted: Record<string, number> = {};
      for (let r = lay.summaryRow + 2; r < lay.narrativeRow - 1; r++) {
        const n = v[r][cap] as number;
        if (n > 0) counted[String(v[r][1]).replace(/^Predikat /, "")] = n;
      }
      expect(counted).toEqual(s.predikatCounts);
      // The narrative states the same count and mean.
      const text = narrative(a);
      if (s.rowsEvaluated > 0) {
        expect(text).toContain(`Dari ${s.rowsEvaluated} ${s.unit} yang dievaluasi`);
        expect(text).toContain(`rata-rata capaian ${id2(s.averageCapaian as number)}%`);
      }
      expect(
        v
          .slice(lay.narrativeRow)
          .map((r) => r[0])
          .join(" ")
      ).toBe(text);
      // After the fill the model is the same: Monev's own formulas count with their values.
      const b = analyseSheet(after);
      const t = summarise(b);
      expect(t.rowsEvaluated).toBe(s.rowsEvaluated);
      expect(t.averageCapaian).toEqual(s.averageCapaian);
      expect(t.predikatCounts).toEqual(s.predikatCounts);
      expect(narrative(b).replace(/ Pemeriksaan menemukan.*$/, "")).toBe(
        text.replace(/ Pemeriksaan menemukan.*$/, "")
      );
    });
  }
});

describe("what counts as an indicator", () => {
  const rkpd = seedGrids().find((s) => s.id === "rkpd-2022");
  it("RKPD: sub kegiatan and indicator rows, not program/urusan averages nor kegiatan Rp rows", () => {
    const s = summarise(analyseSheet(rkpd?.emptied as SheetGrid));
    expect(s.levels).toEqual({ subkegiatan: 18, indikator: 7 });
    expect(s.rowsEvaluated).toBe(25);
    expect(s.averageCapaian).toBeCloseTo(103.6, 9);
    // On the table's own scale and form (codes), one label per indicator.
    expect(s.scale).toMatchObject({ id: "permendagri86", form: "kode" });
    expect(s.predikatCounts).toEqual({ ST: 24, SR: 1 });
    // The form's own "Predikat Kinerja Kegiatan" rows are reported apart.
    expect(s.formPredikat).toEqual({ unit: "kegiatan", counts: { ST: 6 } });
  });
  it("E.81: all six indicators (program, kegiatan, sub kegiatan rows have their own), K only", () => {
    const a = analyseSheet(e81Grid());
    const s = summarise(a);
    expect(s.rowsEvaluated).toBe(6);
    expect(s.levels).toEqual({ program: 2, indikator: 1, kegiatan: 2, subkegiatan: 1 });
    expect(s.averageCapaian).toBeCloseTo((87.5 + (6.5 / 6.2) * 100 + 400) / 6, 9);
    expect(s.belowTarget).toEqual([
      { label: "Persentase tenaga kerja yang kompeten", capaian: 87.5 },
    ]);
    const drafts = idTexts(a.messages).filter((m) => m.startsWith("Draf "));
    expect(drafts[0]).toBe(
      "Draf faktor pendorong: 5 dari 6 indikator mencapai atau melampaui target, dengan rata-rata capaian 98,72%."
    );
    expect(drafts.join(" ")).not.toMatch(/93,52|96,23/);
  });
  it("a narrative never exceeds Excel's cell limit: long texts are split at spaces", () => {
    const long = Array.from({ length: 9000 }, (_, i) => `kata${i}`).join(" ");
    const parts = splitForCell(long);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= EXCEL_CELL_MAX)).toBe(true);
    expect(parts.join(" ")).toBe(long);
    for (const { grid } of samples.slice(0, 4)) {
      expect(narrativeParagraphs(analyseSheet(grid)).every((p) => p.length <= EXCEL_CELL_MAX)).toBe(
        true
      );
    }
  });
});

describe("realisation from quarters (RKPD seed 000)", () => {
  const rkpd = seedGrids().find((s) => s.id === "rkpd-2022")?.emptied as SheetGrid;
  it("auto keeps the sum for 'Jumlah Peserta' (0+0+50+50 = 100, capaian 200 %, kegiatan ST)", () => {
    const a = analyseSheet(rkpd);
    expect(a.plan.writes.find((w) => w.address === "W44")?.value).toBe(100);
    expect(a.plan.writes.find((w) => w.address === "Y52")?.value).toBe("ST");
  });
  it("the printed report (Pelatihan rata-rata 75,00, predikat S) with that row's quarters as 'last'", () => {
    const a = analyseSheet(rkpd, { quarterType: { rows: { 43: "last" } } });
    const at = (ad: string) => a.plan.writes.find((w) => w.address === ad);
    expect(at("W44")?.formula).toBe(
      'IF(ISNUMBER(U44),U44,IF(ISNUMBER(S44),S44,IF(ISNUMBER(Q44),Q44,IF(ISNUMBER(O44),O44,""))))'
    );
    expect(at("W44")?.value).toBe(50);
    expect(at("Y51")?.value).toBe(75);
    expect(at("Y52")?.value).toBe("S");
  });
  it("a '%' unit alone does not switch to the last quarter (the seed sums its % quarters: 25+25+25+25 = 100)", () => {
    const a = analyseSheet(rkpd);
    expect(a.plan.writes.find((w) => w.address === "W12")?.value).toBe(100);
  });
});

test("a number printed in a rating column (even an ambiguous '99.875') is not counted as a predikat label", () => {
  const { sheet, row } = require("./sheet-builder") as typeof import("./sheet-builder");
  const { analyseSheet, summarise } =
    require("../../src/core/engine") as typeof import("../../src/core/engine");
  const g = sheet({
    ...row(1, "A", ["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)", "Predikat"]),
    ...row(2, "A", [1, "Jumlah koperasi aktif", 10, 9, null, "99.875"]),
    ...row(3, "A", [2, "Jumlah UMKM binaan", 20, 20, null, "Sangat Tinggi"]),
  });
  const counts = summarise(analyseSheet(g)).predikatCounts;
  expect(Object.keys(counts).some((k) => /\d/.test(k))).toBe(false);
});

describe("a printed capaian the rule cannot compute (target or plan 0) is not rated", () => {
  // Like a January RFK: nothing planned yet for most rows, the office typed 0 as their capaian.
  const g = sheet({
    ...row(1, "A", ["No", "Indikator", "Target", "Realisasi", "Capaian (%)", "Predikat"]),
    ...row(2, "A", [1, "Dokumen perencanaan tersusun", 10, 8, 80, "Tinggi"]),
    ...row(3, "A", [2, "Laporan kinerja tersusun", 0, 0, 0, "Sangat Rendah"]),
    ...row(4, "A", [3, "Evaluasi kinerja terlaksana", 0, 2, 2]),
  });

  it("leaves such rows out of the count, the mean and the predikat, and says so", () => {
    const a = analyseSheet(g);
    const s = summarise(a);
    expect(s.indicators.map((x) => x.row)).toEqual([1]);
    expect(s.averageCapaian).toBe(80);
    expect(s.predikatCounts).toEqual({ Tinggi: 1 });
    expect(s.notRated).toEqual([{ sheet: "S", count: 2, address: "E3" }]);
    expect(idTexts(a.messages)).toContain(
      "Lembar 'S': 2 baris tidak dihitung dalam ringkasan (mis. E3): target atau rencananya 0 atau bukan angka, sehingga capaiannya tidak terdefinisi; angka yang tercetak di sana tidak dinilai."
    );
    // The narrative says why the table has more rows than it counts.
    expect(narrativeParagraphs(a)[0]).toContain(
      "2 baris lain tidak dinilai, karena target atau rencananya 0 atau bukan angka."
    );
    // The evaluation sheet lists the rated row only.
    const lay = layoutEvaluation(a, "Evaluasi - S", { source: g });
    expect(lay?.values?.[(lay?.summaryRow ?? 0) + 1]?.[lay?.capaianCol ?? 0]).toBe(1);
  });

  it("rates every row with a target as before", () => {
    const a = analyseSheet(
      sheet({
        ...row(1, "A", ["No", "Indikator", "Target", "Realisasi", "Capaian (%)"]),
        ...row(2, "A", [1, "Dokumen perencanaan tersusun", 10, 8, 80]),
        ...row(3, "A", [2, "Laporan kinerja tersusun", 5, 0, 0]),
      })
    );
    const s = summarise(a);
    expect(s.indicators.map((x) => x.capaian)).toEqual([80, 0]);
    expect(s.notRated).toBeUndefined();
    expect(a.messages.some((m) => m.code === "analysis.not-rated")).toBe(false);
    expect(narrativeParagraphs(a).join(" ")).not.toContain("tidak dinilai");
  });
});
