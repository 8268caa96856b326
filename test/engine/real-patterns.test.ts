/**
 * Patterns of real workbooks from other offices (Renja / RKPD evaluation forms numbered their own
 * way), rebuilt here with invented numbers: the engine computes what the sheet's column-number
 * row defines, K with K and Rp with Rp, writes nothing it is unsure of, and audits the sheet's
 * own formulas.
 */
import { idText, idTexts } from "./messages-text";
import { analyseSheet, applyPlanToGrid } from "../../src/core/engine";
import type { SheetAnalysis, SheetGrid } from "../../src/core/engine/types";
import { columnName, row, sheet, type CellSpec } from "./sheet-builder";

/**
 * A Renja evaluation against the RPJMD like Kab. Sukabumi's, but with a Satuan column inserted,
 * so every number is one higher than in the seed form: 13 = 9+10+11+12, 14 = 13/8x100,
 * 15 = 7 + 13, 16 = 15 : 6 × 100. "K" is merged over two columns (value, satuan), Rp reads
 * "Rp. (000)", the responsible unit is merged down the program's rows.
 */
function renjaRpjmd(opts: { computed?: boolean } = {}): SheetGrid {
  const cells: Record<string, CellSpec> = {
    A1: "Evaluasi Hasil terhadap RENJA PD",
    A2: "Kabupaten Contoh Tahun 2018",
    ...row(4, "A", [
      "No",
      "Kode",
      "Program/Kegiatan",
      "Indikator Kinerja Program (Outcome)/Kegiatan (Output)",
      "Satuan",
    ]),
    F4: "Target RPJMD pada Tahun 2016 s/d 2021 (Periode RPJMD)",
    I4: "Realisasi Capaian Kinerja RPJMD s/d Renja PD Tahun Lalu",
    K4: "Target Kinerja dan Anggaran Renja PD Tahun Berjalan",
    M4: "Realisasi Kinerja Pada Triwulan",
    U4: "Realisasi Capaian Kinerja dan Anggaran Renja PD yang Dievaluasi",
    W4: "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja PD yang dievaluasi (%)",
    Y4: "Realisasi Kinerja dan Anggaran RPJMD s/d Tahun Berjalan",
    AA4: "Tingkat Capaian Kinerja dan Realisasi Anggaran RPJMD s/d Tahun Berjalan (%)",
    AC4: "Perangkat Daerah Penanggung Jawab",
    AD4: "Keterangan",
    ...row(5, "M", ["I", null, "II", null, "III", null, "IV"]),
    ...row(6, "F", [
      "K",
      null,
      "Rp. (000)",
      "K",
      "Rp. (000)",
      "K",
      "Rp. (000)",
      "K",
      "Rp. (000)",
      "K",
      "Rp. (000)",
      "K",
      "Rp. (000)",
      "K",
      "Rp. (000)",
      "K",
      "Rp. (000)",
      "K",
      "Rp.",
      "K",
      "Rp. (000)",
      "K",
      "Rp.",
    ]),
    ...row(7, "A", [
      1,
      2,
      3,
      4,
      5,
      6,
      null,
      null,
      7,
      null,
      8,
      null,
      9,
      null,
      10,
      null,
      11,
      null,
      12,
      null,
      "13 = 9+10+11+12",
      null,
      "14 = 13/8x100",
      null,
      "15 = 7 + 13",
      null,
      "16 = 15 : 6 × 100",
      null,
      17,
      18,
    ]),
    // Program 1 with its own indicator, two activity indicators, rata-rata and predikat rows.
    ...row(8, "A", [
      1,
      "1.01",
      "Program Pelayanan Administrasi",
      "Cakupan layanan administrasi",
      "persen",
      100,
      null,
      7500,
      100,
      2500,
      100,
      1875,
    ]),
    ...row(9, "C", [
      "Pelayanan Administrasi Perkantoran",
      "Tersedianya alat tulis kantor",
      "jenis",
      260,
      "jenis",
      375,
      86.5,
      125,
      52,
      94,
      13,
      23.5,
      13,
      23.5,
      13,
      23.5,
      13,
      23.5,
    ]),
    ...row(10, "D", [
      "Tersedianya surat kabar",
      "bulan",
      60,
      "bulan",
      375,
      20,
      125,
      12,
      90,
      3,
      20,
      3,
      20,
      3,
      20,
      2,
      20,
    ]),
    A11: "Rata-rata capaian kinerja (%)",
    A12: "Predikat kinerja",
    // Program 2.
    ...row(13, "A", [
      2,
      "1.02",
      "Program Peningkatan Kapasitas SDM",
      "Jumlah aparatur terlatih",
      "orang",
      25,
      null,
      350,
      5,
      70,
      5,
      70,
      1,
      18,
      2,
      18,
      1,
      17,
      1,
      17,
    ]),
    A14: "Rata-rata capaian kinerja (%)",
    A15: "Predikat kinerja",
    AC8: "SEKRETARIAT",
    AC13: "SEKRETARIAT",
    A17: "Faktor pendorong keberhasilan pencapaian:",
  };
  const merges = [
    "A1:AD1",
    "A4:A6",
    "B4:B6",
    "C4:C6",
    "D4:D6",
    "E4:E6",
    "F4:H5",
    "I4:J5",
    "K4:L5",
    "M4:T4",
    "U4:V5",
    "W4:X5",
    "Y4:Z5",
    "AA4:AB5",
    "AC4:AC6",
    "AD4:AD6",
    "M5:N5",
    "O5:P5",
    "Q5:R5",
    "S5:T5",
    "F6:G6",
    "F7:H7",
    "I7:J7",
    "K7:L7",
    "M7:N7",
    "O7:P7",
    "Q7:R7",
    "S7:T7",
    "U7:V7",
    "W7:X7",
    "Y7:Z7",
    "AA7:AB7",
    "AC8:AC12",
    "A11:E11",
    "A12:E12",
    "A14:E14",
    "A15:E15",
    "A17:AD17",
  ];
  const g = sheet(cells, merges, "Renja");
  if (opts.computed) {
    // What the office typed, with its own formulas; one program total sums only part of its rows.
    const f = (a: string, formula: string, value: number) =>
      (g.cells[Number(a.replace(/^[A-Z]+/, "")) - 1][colIndex(a)] = { value, formula });
    f("U9", "M9+O9+Q9+S9", 52);
    f("V9", "N9+P9+R9+T9", 94);
    f("W9", "U9/K9*100", 100);
    f("U10", "M10+O10+Q10+S10", 11);
    f("V10", "N10+P10+R10+T10", 80);
    f("W10", "U10/K10*100", 91.66666666666667);
    f("L8", "SUM(L9:L10)", 215);
    f("N8", "SUM(N9:N10)", 43.5);
    f("P8", "SUM(P9:P10)", 43.5);
    f("R8", "SUM(R9:R10)", 43.5);
    f("T8", "SUM(T9:T10)", 43.5);
    f("V8", "SUM(V9:V9)", 94); // partial: the others sum rows 9-10
  }
  return g;
}

function colIndex(a1: string): number {
  let c = 0;
  for (const ch of a1.replace(/\d+$/, "")) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c - 1;
}

const at = (a: SheetAnalysis, addr: string) => a.plan.writes.find((w) => w.address === addr);
const allText = (a: SheetAnalysis) => idTexts([...a.messages, ...a.plan.notes]).join("\n");

describe("Renja form numbered its own way (Sukabumi pattern, shifted numbering)", () => {
  const g = renjaRpjmd();
  const a = analyseSheet(g);

  it("is recognised as a Renja evaluation with the sheet's own definitions", () => {
    expect(a.tables).toHaveLength(1);
    expect(a.tables[0].kind).toBe("renja-e81");
    expect(a.tables[0].definitions?.byNumber.get(14)?.text).toBe("14 = 13/8x100");
  });

  it("computes 13 = 9+10+11+12 and 14 = 13/8x100 per kind, in the right columns", () => {
    expect(at(a, "U9")?.formula).toBe("SUM(M9,O9,Q9,S9)");
    expect(at(a, "U9")?.value).toBe(52);
    expect(at(a, "V9")?.value).toBe(94);
    expect(at(a, "W9")?.formula).toBe(
      'IF(AND(ISNUMBER(K9),ISNUMBER(U9)),IF(K9=0,"",U9/K9*100),"")'
    );
    expect(at(a, "W9")?.value).toBe(100);
    expect(at(a, "X9")?.formula).toBe(
      'IF(AND(ISNUMBER(L9),ISNUMBER(V9)),IF(L9=0,"",V9/L9*100),"")'
    );
    expect(at(a, "X9")?.value).toBe(100);
    expect(at(a, "W10")?.value).toBeCloseTo((11 / 12) * 100, 9);
  });

  it("computes 15 = 7 + 13 and 16 = 15 : 6 × 100, K from K and Rp from Rp (the merged K's satuan half is not a value)", () => {
    expect(at(a, "Y9")?.formula).toBe("SUM(I9,U9)");
    expect(at(a, "Y9")?.value).toBeCloseTo(86.5 + 52, 9);
    expect(at(a, "Z9")?.formula).toBe("SUM(J9,V9)");
    expect(at(a, "AA9")?.formula).toBe(
      'IF(AND(ISNUMBER(F9),ISNUMBER(Y9)),IF(F9=0,"",Y9/F9*100),"")'
    );
    expect(at(a, "AB9")?.formula).toMatch(/Z9\/H9\*100/);
    expect(a.plan.writes.some((w) => w.col === 6)).toBe(false); // G: satuan under the merged K
  });

  it("never writes into inputs, text columns or the merged responsible-unit column", () => {
    const computed = new Set(["U", "V", "W", "X", "Y", "Z", "AA", "AB"].map(colIndex));
    for (const w of a.plan.writes) expect(computed.has(w.col)).toBe(true);
    expect(a.plan.conflicts).toEqual([]);
  });

  it("averages each program's indicators on its rata-rata row and rates them on the predikat row", () => {
    expect(at(a, "W11")?.formula).toBe('IFERROR(AVERAGE(W9:W10),"")');
    expect(at(a, "W11")?.value).toBeCloseTo((100 + (11 / 12) * 100) / 2, 9);
    expect(at(a, "W12")?.value).toBe("Sangat Tinggi");
    expect(at(a, "W14")?.value).toBe(100); // program 2's own indicator only
    expect(at(a, "W15")?.value).toBe("Sangat Tinggi");
  });

  it("is idempotent and its own output audits clean", () => {
    const after = applyPlanToGrid(g, a.plan);
    const again = analyseSheet(after);
    expect(again.plan.writes).toEqual([]);
    expect(again.findings).toEqual([]);
  });

  it("audits only the real errors of a filled form: a partial total", () => {
    const b = analyseSheet(renjaRpjmd({ computed: true }));
    expect(b.findings.map((f) => [f.address, f.rule])).toEqual([["V8", "jumlah-sebagian"]]);
    expect(b.findings[0].message).toMatch(/baris 9-9 saja.*baris 9-10/);
    // The user's own correct formulas (M9+O9+... instead of SUM) are neither rewritten nor conflicts.
    expect(b.plan.conflicts.filter((c) => c.row === 8)).toEqual([]);
    expect(at(b, "U9")).toBeUndefined();
  });
});

/** An RKPD evaluation like Kab. Jember's export template: 14 = 13/8*100, 15 = 7+13, 16 = 15/6*100. */
function rkpdRpjmd(col16: string): SheetGrid {
  return sheet(
    {
      A1: "EVALUASI TERHADAP HASIL RKPD PEMERINTAH KABUPATEN CONTOH",
      ...row(2, "A", [
        "No",
        "Sasaran",
        "Kode",
        "Urusan / Program / Kegiatan",
        "Indikator Kinerja Program (Outcome)/ Kegiatan (Output)",
        "Target RPJMD Kabupaten pada Tahun 2021 (akhir periode RPJMD)",
        "Realisasi Capaian Kinerja RPJMD Kabupaten sampai dengan RKPD Tahun Lalu",
        null,
        "Target Kinerja dan Anggaran RKPD Tahun Berjalan",
        null,
        "Realisasi Kinerja pada Triwulan",
      ]),
      S2: "Realisasi Capaian Kinerja dan Anggaran RKPD yang Dievaluasi",
      U2: "Tingkat Capaian Kinerja dan Realisasi Anggaran RKPD yang Dievaluasi (%)",
      W2: "Realisasi Kinerja dan Anggaran RPJMD Kabupaten s/d Tahun Berjalan",
      Y2: "Tingkat Capaian Kinerja dan Realisasi Anggaran RPJMD s/d Tahun Berjalan (%)",
      AA2: "Perangkat Daerah Penanggung Jawab",
      ...row(3, "K", ["I", null, "II", null, "III", null, "IV"]),
      ...row(4, "A", [
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        null,
        8,
        null,
        9,
        null,
        10,
        null,
        11,
        null,
        12,
        null,
        13,
        null,
        "14 = 13/8*100",
        null,
        "15 = 7+13",
        null,
        col16,
        null,
        17,
      ]),
      ...row(5, "G", [
        "K",
        "Rp",
        "K",
        "Rp",
        "K",
        "Rp",
        "K",
        "Rp",
        "K",
        "Rp",
        "K",
        "Rp",
        "K",
        "Rp",
        "K",
        "Rp",
        "K",
        "Rp",
        "K",
        "Rp",
      ]),
      ...row(6, "A", [
        1,
        "Meningkatnya kualitas perencanaan",
        "1.01.01",
        "Program Perencanaan",
        "Persentase dokumen tepat waktu",
        100,
        60,
        300,
        100,
        100,
        20,
        20,
        30,
        25,
        25,
        25,
        25,
        20,
      ]),
      ...row(7, "A", [
        2,
        null,
        "1.01.01.2.01",
        "Kegiatan Penyusunan RKPD",
        "Jumlah dokumen",
        5,
        3,
        50,
        1,
        12,
        0,
        0,
        0,
        3,
        1,
        6,
        0,
        2,
      ]),
      AA6: "Bappeda",
      AA7: "Bappeda",
    },
    [
      "A1:AA1",
      "G2:H3",
      "I2:J3",
      "K2:R2",
      "S2:T3",
      "U2:V3",
      "W2:X3",
      "Y2:Z3",
      "A2:A3",
      "B2:B3",
      "C2:C3",
      "D2:D3",
      "E2:E3",
      "F2:F3",
      "K3:L3",
      "M3:N3",
      "O3:P3",
      "Q3:R3",
      "AA2:AA3",
      "G4:H4",
      "I4:J4",
      "K4:L4",
      "M4:N4",
      "O4:P4",
      "Q4:R4",
      "S4:T4",
      "U4:V4",
      "W4:X4",
      "Y4:Z4",
      "A4:A5",
      "B4:B5",
      "C4:C5",
      "D4:D5",
      "E4:E5",
      "F4:F5",
      "AA4:AA5",
    ],
    "RKPD"
  );
}

describe("RKPD form with an unsplit RPJMD target (Jember pattern)", () => {
  it("sums the quarters into the realisation column (13) by its caption, then computes 14 and 15 from it", () => {
    const a = analyseSheet(rkpdRpjmd("16 = 15/6*100"));
    expect(at(a, "S6")?.value).toBe(100);
    expect(at(a, "T6")?.value).toBe(90);
    expect(at(a, "U6")?.value).toBe(100); // 14 = 13/8*100, K: S6 / I6
    expect(at(a, "V6")?.value).toBe(90); // Rp: T6 / J6, never a quarter column
    expect(at(a, "W6")?.value).toBe(160); // 15 = 7 + 13, K
    expect(at(a, "X6")?.value).toBe(390);
    expect(at(a, "Y6")?.value).toBe(160); // 16 = 15/6*100, K: W6 / F6
  });
  it("leaves 16 Rp empty, naming the column, because 6 has no Rp sub-column", () => {
    const a = analyseSheet(rkpdRpjmd("16 = 15/6*100"));
    expect(at(a, "Z6")).toBeUndefined();
    expect(allText(a)).toMatch(
      /Kolom 16 \(Rp\).*tidak diisi: rumus '16 = 15\/6\*100' memakai kolom 6, yang tidak punya sub-kolom Rp/
    );
  });
  it("leaves a misprinted definition (a percentage of a percentage) empty and says why", () => {
    const a = analyseSheet(rkpdRpjmd("16 = 14/6*100"));
    expect(a.plan.writes.filter((w) => w.col === colIndex("Y") || w.col === colIndex("Z"))).toEqual(
      []
    );
    expect(allText(a)).toMatch(
      /Kolom 16 \(K\).*membagi kolom 14, yang sudah berupa persentase capaian/
    );
  });
  it("never writes the responsible unit", () => {
    const a = analyseSheet(rkpdRpjmd("16 = 15/6*100"));
    expect(a.plan.writes.some((w) => w.col === colIndex("AA"))).toBe(false);
  });
});

describe("text numbers read by the sheet's own convention", () => {
  const base = (target: CellSpec, other: CellSpec) =>
    sheet({
      ...row(1, "A", ["No", "Indikator", "Target", "Realisasi", "Capaian (%)"]),
      ...row(2, "A", [1, "Jumlah peserta", target, "1.000"]),
      ...row(3, "A", [2, "Persentase layanan", other, "6,25"]),
    });
  it("'1.020' is one thousand twenty where the sheet writes '12,50' and '12.500.000'", () => {
    const a = analyseSheet(base("1.020", "12,50"));
    const w = at(a, "E2");
    expect(w?.value).toBeCloseTo((1000 / 1020) * 100, 9);
    expect(w?.formula).toBeUndefined(); // text inputs: the value, with a note naming the cells
    expect(idText(w?.note)).toMatch(/C2/);
  });
  it("where the sheet does not settle it, the cell is named and nothing is guessed", () => {
    const a = analyseSheet(
      sheet({
        ...row(1, "A", ["No", "Indikator", "Target", "Realisasi", "Capaian (%)"]),
        ...row(2, "A", [1, "Jumlah peserta", "1.020", 1000]),
        ...row(3, "A", [2, "Persentase layanan", 12, 6.25]),
      })
    );
    expect(at(a, "E2")?.value ?? "").toBe("");
    expect(allText(a)).toMatch(/C2: '1\.020' ambigu/);
  });
});

describe("audit of the sheet's own formulas", () => {
  const g = sheet({
    ...row(1, "A", ["No", "Indikator", "Target", "Realisasi", "Capaian (%)", "Predikat"]),
    ...row(2, "A", [1, "Indikator A", 10, 8, { value: 80, formula: "D2/C2*100" }]),
    ...row(3, "A", [2, "Indikator B", 20, 25, { value: 125.01, formula: "D3/C3*100+0.01" }]),
    ...row(4, "A", [3, "Indikator C", 0, 0, { value: "#DIV/0!", formula: "D4/C4*100" }]),
    ...row(5, "A", [4, "Indikator D", 0, 0, { value: "#DIV/0!", formula: "D5/C5*100" }]),
    A6: "Rata-rata",
    E6: " ",
    F6: {
      value: "Sangat Tinggi",
      formula:
        'IF(E6<=50,"Sangat Rendah",IF(E6<=65,"Rendah",IF(E6<=75,"Sedang",IF(E6<=90,"Tinggi","Sangat Tinggi"))))',
    },
  });
  const a = analyseSheet(g);
  const rules = (addr: string) => a.findings.filter((f) => f.address === addr).map((f) => f.rule);
  it("names a constant added to a computed value", () => {
    expect(rules("E3")).toEqual(["konstanta-ditambahkan"]);
  });
  it("reports a run of error cells once", () => {
    const err = a.findings.filter((f) => f.rule === "sel-galat");
    expect(err).toHaveLength(1);
    expect(err[0].message).toMatch(/^E4:E5 \(2 sel\): berisi galat #DIV\/0!/);
  });
  it("names a predikat computed from an empty cell", () => {
    expect(rules("F6")).toEqual(["predikat-dari-sel-kosong"]);
  });
  it("does not flag the right cells", () => {
    expect(rules("E2")).toEqual([]);
  });
});

describe("scratch figures beside a header (Banjarmasin '10 DLH' keeps 277015 in Z9)", () => {
  it("do not end the header block", () => {
    const g = sheet(
      {
        ...row(1, "A", ["No", "Indikator", "Kinerja", null, "Capaian (%)"]),
        ...row(2, "A", [null, null, "Target", "Realisasi"]),
        G2: 277015,
        ...row(3, "A", [1, "Jumlah dokumen", 10, 8]),
      },
      ["C1:D1", "A1:A2", "B1:B2", "E1:E2"]
    );
    const a = analyseSheet(g);
    expect(a.tables[0]?.headerRows).toEqual([0, 1]);
    expect(at(a, "E3")?.value).toBe(80);
    expect(a.plan.writes.some((w) => w.col === 6)).toBe(false);
  });
});

/**
 * A monthly Renaksi form like Indigo's template: "No / Kode / IKU / Unit Kerja / Satuan" merged
 * over two header rows, then one "Target / Realisasi" pair under each month, and no capaian column.
 */
function renaksi(months: string[], opts: { capaian?: boolean } = {}): SheetGrid {
  const cells: Record<string, CellSpec> = {
    A3: "LAPORAN RENAKSI",
    ...row(6, "A", ["No", "Kode", "IKU", "Unit Kerja", "Satuan"]),
  };
  const merges = ["A6:A7", "B6:B7", "C6:C7", "D6:D7", "E6:E7"];
  months.forEach((m, i) => {
    const c = 5 + 2 * i;
    Object.assign(
      cells,
      row(6, columnName(c), [m]),
      row(7, columnName(c), ["Target", "Realisasi"])
    );
    merges.push(`${columnName(c)}6:${columnName(c + 1)}6`);
  });
  const end = 5 + 2 * months.length;
  if (opts.capaian) {
    cells[`${columnName(end)}6`] = "Capaian (%)";
    merges.push(`${columnName(end)}6:${columnName(end)}7`);
  }
  [
    ["1", "IKU.1", "Indeks kepuasan masyarakat", "Bagian Umum", "%"],
    ["2", "IKU.2", "Persentase dokumen tepat waktu", "Bagian Umum", "%"],
  ].forEach((d, k) => {
    const figures = months.flatMap((_, i) => [80 + i, 70 + i + k]);
    Object.assign(cells, row(8 + k, "A", [...d, ...figures]));
  });
  return sheet(cells, merges, "Renaksi");
}

const MONTHS = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "Nopember",
  "Desember",
];

describe("monthly Renaksi form (Indigo pattern: a Target / Realisasi pair under each month)", () => {
  it("reads the month over each pair as part of the column's caption", () => {
    const a = analyseSheet(renaksi(MONTHS));
    const t = a.tables[0];
    expect(t?.kind).toBe("indikator");
    expect(t?.headerRows).toEqual([5, 6]);
    const byCol = (c: number) => t?.columns.find((x) => x.col === c);
    expect(byCol(2)?.role).toBe("indikator");
    expect(byCol(3)?.role).toBe("keterangan");
    expect([byCol(5)?.role, byCol(5)?.header]).toEqual(["target", "Januari / Target"]);
    expect([byCol(28)?.role, byCol(28)?.header]).toEqual(["realisasi", "Desember / Realisasi"]);
  });

  it("appends no capaian column for one period picked at random, and says why", () => {
    const a = analyseSheet(renaksi(MONTHS));
    expect(a.plan.writes).toEqual([]);
    expect(a.findings).toEqual([]);
    const note = a.plan.notes.find((m) => m.code === "note.period-pairs");
    expect(idText(note)).toBe(
      "Tabel 'Renaksi': 12 pasang kolom target dan realisasi per periode (Januari … Desember) tanpa kolom capaian; capaian tidak dihitung, karena tidak jelas periode mana yang dinilai."
    );
  });

  it("does the same for quarters", () => {
    const a = analyseSheet(renaksi(["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"]));
    expect(a.tables[0]?.kind).toBe("indikator");
    expect(a.plan.writes).toEqual([]);
    const note = a.plan.notes.find((m) => m.code === "note.period-pairs");
    expect(note?.params).toMatchObject({ count: 4, first: "Triwulan I", last: "Triwulan IV" });
  });

  it("still fills a capaian column the form has", () => {
    const a = analyseSheet(renaksi(MONTHS, { capaian: true }));
    expect(a.plan.notes.some((m) => m.code === "note.period-pairs")).toBe(false);
    // The form's own column: the last pair (Desember, 81 of 91) as before.
    expect(at(a, "AD8")?.value).toBeCloseTo((81 / 91) * 100, 9);
  });
});
