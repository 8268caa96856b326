/**
 * LKjIP comparison tables (built here from the figures of Sibolga's LKjIP 2024, seed 002):
 * Tabel 3.1.3 (kemajuan towards the Renstra end target) and 3.1.6 (efficiency of resources),
 * recognised, filled and audited; and a 3.1.2-style table with earlier years' realisation,
 * whose capaian pairs the target and realisation of the same year.
 */
import { renderFinding } from "../../src/core/engine/messages";
import { analyseSheet } from "../../src/core/engine";
import { row, sheet } from "./sheet-builder";

const tabel313 = sheet({
  A1: "Tabel 3.1.3 Perbandingan Realisasi Kinerja sampai Tahun 2024 dengan Target Jangka Menengah Renstra",
  ...row(3, "A", [
    "No",
    "Tujuan/Sasaran Strategis",
    "Indikator Kinerja",
    "Realisasi Kinerja sampai Tahun 2024",
    "Target Akhir Rencana Strategis",
    "Kemajuan (%)",
  ]),
  ...row(4, "A", [1, 2, 3, 4, 5, 6]),
  ...row(5, "A", [
    1,
    "Peningkatan Daya Saing wirausaha ekonomi kreatif",
    "Jumlah Ekonomi Kreatif Binaan",
    20,
    25,
    "80%",
  ]),
  ...row(6, "A", [
    2,
    "Produk UMKM Binaan yang menembus Marketplace",
    "Fasilitasi Izin Produk PIRT dan Sertifikat Halal",
    72,
    100,
    "2%",
  ]),
  ...row(7, "A", [
    3,
    "Peningkatan jumlah koperasi aktif",
    "Persentase Pelaksanaan RAT Koperasi",
    43.5,
    44.8,
    null,
  ]),
  ...row(8, "A", [
    4,
    "Meningkatnya Perlindungan Tenaga Kerja",
    "Persentase Perusahaan yang menerapkan K3",
    29.25,
    50,
    "58,5%",
  ]),
});

const tabel316 = sheet(
  {
    A1: "Tabel 3.1.6 Analisis atas Efisiensi Penggunaan Sumber Daya",
    ...row(3, "A", [
      "No",
      "Tujuan/Sasaran",
      "Indikator Kinerja",
      null,
      null,
      "Anggaran",
      null,
      null,
      "Efisiensi (Rp.)",
    ]),
    ...row(4, "A", [
      null,
      null,
      "Target",
      "Realisasi",
      "% Capaian",
      "Anggaran",
      "Realisasi",
      "% Capaian",
      null,
    ]),
    ...row(5, "A", [1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ...row(6, "A", [
      3,
      "Peningkatan jumlah koperasi aktif",
      42,
      42,
      100,
      40416120,
      35939600,
      88.92,
      4476520,
    ]),
    ...row(7, "A", [
      4,
      "Meningkatnya Perlindungan Tenaga Kerja",
      30,
      30,
      null,
      71464320,
      54436500,
      76.17,
      null,
    ]),
    ...row(8, "A", [
      5,
      "Meningkatnya Produktivitas Tenaga Kerja",
      70,
      70,
      100,
      79503231,
      73236400,
      null,
      6266831,
    ]),
    // The printed total includes a row the table does not show (a fourth program of 152.616.470).
    ...row(9, "A", [
      null,
      "JUMLAH TOTAL :",
      null,
      null,
      null,
      344000141,
      267416700,
      81.31,
      76563441,
    ]),
  },
  ["C3:E3", "F3:H3", "I3:I4", "A3:A4", "B3:B4"]
);

test("Tabel 3.1.3: kemajuan = realisasi s.d. tahun ini / target akhir Renstra, the printed 2 % found", () => {
  const a = analyseSheet(tabel313);
  expect(a.tables.map((t) => t.kind)).toEqual(["lkjip-kemajuan"]);
  const byAddr = new Map(a.plan.writes.map((w) => [w.address, w]));
  expect(byAddr.get("F7")?.formula).toMatch(/E7/);
  expect(byAddr.get("F7")?.value).toBeCloseTo((43.5 / 44.8) * 100, 9);
  // The three printed figures: 80 % and 58,5 % agree, 2 % does not (72 / 100 = 72 %).
  expect(a.findings.map((f) => f.address)).toEqual(["F6"]);
  expect(a.findings[0].message).toMatch(/tercetak 2,00, hasil hitung 72,00/);
  expect(a.plan.conflicts.map((w) => w.address)).toEqual(["F6"]);
});

test("Tabel 3.1.6: capaian, serapan and efisiensi per row, JUMLAH as sums, and the total that hides a row found", () => {
  const a = analyseSheet(tabel316);
  expect(a.tables.map((t) => t.kind)).toEqual(["lkjip-efisiensi"]);
  const byAddr = new Map(a.plan.writes.map((w) => [w.address, w]));
  // Empty cells filled: capaian E7, serapan H8, efisiensi I7.
  expect(byAddr.get("E7")).toMatchObject({ value: 100 });
  expect(byAddr.get("E7")?.formula).toMatch(/D7/);
  expect(byAddr.get("H8")?.formula).toBe(
    'IF(AND(ISNUMBER(F8),ISNUMBER(G8)),IF(F8=0,"",G8/F8*100),"")'
  );
  expect(byAddr.get("H8")?.value).toBeCloseTo((73236400 / 79503231) * 100, 9);
  expect(byAddr.get("I7")).toMatchObject({
    formula: 'IF(AND(ISNUMBER(F7),ISNUMBER(G7)),F7-G7,"")',
    value: 17027820,
  });
  // Printed row figures agree (88,92; 76,17 is recomputed on row 7 only as a check; 4.476.520).
  const found = new Map(a.findings.map((f) => [f.address, f]));
  for (const ok of ["E6", "H6", "I6", "H7", "E8", "I8"]) expect(found.has(ok)).toBe(false);
  // JUMLAH: the printed anggaran and realisasi are not the sums of the rows shown (a fourth row is
  // missing from the table); the printed efisiensi is not anggaran - realisasi of the printed totals.
  expect(found.get("F9")?.expected).toBe(40416120 + 71464320 + 79503231);
  expect(found.get("G9")?.expected).toBe(35939600 + 54436500 + 73236400);
  expect([...found.keys()].sort()).toEqual(["F9", "G9", "H9", "I9"]);
  // Nothing is written over a printed figure.
  for (const w of a.plan.writes) expect(tabel316.cells[w.row]?.[w.col]?.value ?? null).toBeNull();
});

test("Tabel 3.1.2 (earlier years' realisation): capaian pairs target and realisation of the same year", () => {
  const g = sheet({
    A1: "Tabel 3.1.2 Perbandingan Realisasi Kinerja serta Capaian Kinerja Tahun 2024 dan Tahun 2023",
    ...row(3, "A", [
      "No",
      "Tujuan/Sasaran",
      "Indikator",
      "Realisasi 2021",
      "Realisasi 2022",
      "Realisasi 2023",
      "Target 2024",
      "Realisasi 2024",
      "Capaian 2024 (%)",
    ]),
    ...row(4, "A", [1, 2, 3, 4, 5, 6, 7, 8, 9]),
    ...row(5, "A", [
      1,
      "Daya saing wirausaha",
      "Jumlah Ekonomi Kreatif Binaan",
      5,
      5,
      5,
      5,
      5,
      null,
    ]),
    ...row(6, "A", [2, "Produk UMKM", "Fasilitasi Izin Produk", 20, 20, 15, 20, 17, null]),
  });
  const a = analyseSheet(g);
  expect(a.tables.map((t) => t.kind)).toEqual(["indikator"]);
  const byAddr = new Map(a.plan.writes.map((w) => [w.address, w]));
  expect(byAddr.get("I5")?.formula).toMatch(/H5\/G5\*100/);
  expect(byAddr.get("I6")?.value).toBeCloseTo(85, 9);
});

test("A kemajuan table without an end-target column is not taken for one", () => {
  const g = sheet({
    ...row(3, "A", ["No", "Indikator Kinerja", "Target 2024", "Realisasi 2024", "Kemajuan (%)"]),
    ...row(4, "A", [1, "Jumlah koperasi aktif", 10, 8, null]),
  });
  expect(analyseSheet(g).tables.map((t) => t.kind)).not.toContain("lkjip-kemajuan");
});

test("English findings keep the printed rounding, English number style and the rule name", () => {
  const a = analyseSheet(tabel316);
  const f = a.findings.find((x) => x.address === "F9");
  expect(f && renderFinding(f, "en")).toBe(
    "F9: printed 344,000,141, recomputed 191,383,671 (rule jumlah)."
  );
  const k = analyseSheet(tabel313).findings[0];
  expect(renderFinding(k, "en")).toBe("F6: printed 2.00, recomputed 72.00 (rule kemajuan).");
});
