/**
 * Column roles from the WHOLE caption path (group / sub-group / leaf, merged or not), the vocabulary
 * of real workbooks from other offices, the kind of a table from its roles and title, and what the
 * realisation-form rules compute from those roles. Every fixture is built here as a SheetGrid
 * literal, after the patterns of the real sheets (Form-RFK, laporan RFK, IKU, deviasi templates).
 */
import { idTexts } from "./messages-text";
import { analyseSheet, summarise } from "../../src/core/engine";
import { classifyColumn, recogniseTables } from "../../src/core/engine/recognise";
import { isHeaderHint } from "../../src/core/engine/recognise/header";
import { parseArah } from "../../src/core/arah";
import type { CellValue } from "../../src/core/errors";
import type { MergedArea, PlannedWrite, SheetGrid, TableModel } from "../../src/core/engine/types";
import { grid } from "./helpers";

const role = (...path: string[]) => classifyColumn(path).role;

/** A1-style range "A1:C3" to a 0-based merge. */
function m(range: string): MergedArea {
  const ref = (a: string) => {
    const x = /^([A-Z]+)(\d+)$/.exec(a)!;
    let col = 0;
    for (const ch of x[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    return { row: Number(x[2]) - 1, col: col - 1 };
  };
  const [a, b] = range.split(":").map(ref);
  return { top: a.row, left: a.col, bottom: b.row, right: b.col };
}

/** Row of cells from { column letter: value }. */
function row(values: Record<string, CellValue>, width: number): CellValue[] {
  const out: CellValue[] = new Array(width).fill(null);
  for (const [k, v] of Object.entries(values)) {
    let col = 0;
    for (const ch of k) col = col * 26 + ch.charCodeAt(0) - 64;
    out[col - 1] = v;
  }
  return out;
}

function sheet(rows: CellValue[][], merges: string[], name = "S"): SheetGrid {
  const g = grid(rows, name);
  g.merges = merges.map(m);
  return g;
}

function one(g: SheetGrid): TableModel {
  const t = recogniseTables(g).filter((x) => x.kind !== "unknown");
  expect(t).toHaveLength(1);
  return t[0];
}

const roleAt = (t: TableModel, letter: string) =>
  t.columns.find((c) => c.col === letter.charCodeAt(0) - 65)?.role;
const writeAt = (ws: PlannedWrite[], address: string) => ws.find((w) => w.address === address);
const colOf = (address: string) => /^[A-Z]+/.exec(address)![0];

describe("vocabulary of one caption path", () => {
  it.each([
    [["REN"], "target"],
    [["RENCANA"], "target"],
    [["REAL"], "realisasi"],
    [["REALISASI"], "realisasi"],
    [["CAP"], "capaian"],
    [["CAPAIAN"], "capaian"],
    [["Tingkat Capaian"], "capaian"],
    [["Persentase Capaian"], "capaian"],
    [["KAT"], "predikat"],
    [["KATEGORI"], "predikat"],
    [["Kategori Capaian"], "predikat"],
    [["DEVIASI"], "deviasi"],
    [["Deviasi Serapan"], "deviasi"],
    [["Deviasi", "Keu"], "deviasi"],
    [["IKU"], "indikator"],
    [["I K U"], "indikator"],
    [["Polarisasi"], "arah"],
    [["Kriteria"], "kriteria"],
    [["Penanggung Jawab"], "keterangan"],
    [["Perangkat Daerah Penanggung Jawab"], "keterangan"],
    [["Unit Kerja"], "keterangan"],
    [["Keterangan"], "keterangan"],
    [["Bobot"], "bobot"],
  ] as [string[], string][])("%j -> %s", (path, expected) => {
    expect(role(...path)).toBe(expected);
  });

  it.each([["%"], ["( % )"], ["(%)"], ["% KUM"], ["% TTB"], ["KUM"], ["Persentase"]])(
    "a bare '%s' is never capaian",
    (caption) => {
      expect(role(caption)).not.toMatch(/^capaian/);
    }
  );

  it("'%' under an explicit capaian caption is capaian", () => {
    expect(role("Capaian", "%")).toBe("capaian");
    expect(role("KEUANGAN", "CAPAIAN", "%")).toBe("capaian-rp");
    expect(role("FISIK ( % )", "CAPAIAN")).toBe("capaian-k");
  });

  it("Polarisasi Maximize / Minimize (and max/min, maximise/minimise) is a direction", () => {
    for (const v of ["Maximize", "maximise", "MAX", "positif"]) expect(parseArah(v)).toBe("normal");
    for (const v of ["Minimize", "minimise", "min", "negatif"])
      expect(parseArah(v)).toBe("inverse");
  });
});

describe("IKU table: No | Kode | IKU | Bobot | Target | Satuan | Polarisasi | Realisasi | Capaian | Unit Kerja", () => {
  const g = grid(
    [
      ["LAPORAN PENCAPAIAN"],
      [],
      [
        "No",
        "Kode",
        "IKU",
        "Bobot",
        "Target",
        "Satuan",
        "Polarisasi",
        "Realisasi",
        "Capaian",
        "Unit Kerja",
      ],
      [1, "IKU-11", "Nilai SAKIP", "50%", 80, "Nilai", "Maximize", 72, null, "Inspektorat"],
      [
        2,
        "IKU-12",
        "Persentase temuan berulang",
        "50%",
        12,
        "%",
        "Minimize",
        7.21,
        null,
        "Inspektorat",
      ],
    ],
    "IKU"
  );
  const t = one(g);
  const a = analyseSheet(g);

  it("recognises the roles and the kind", () => {
    expect(t.kind).toBe("indikator");
    expect(t.columns.map((c) => c.role)).toEqual([
      "no",
      "kode",
      "indikator",
      "bobot",
      "target",
      "satuan",
      "arah",
      "realisasi",
      "capaian",
      "keterangan",
    ]);
    expect(t.rows.find((r) => r.row === 3)?.arah).toBe("normal");
    expect(t.rows.find((r) => r.row === 4)?.arah).toBe("inverse");
  });

  it("computes capaian, inverse for the Minimize row ((2T - R) / T × 100)", () => {
    expect(writeAt(a.plan.writes, "I4")?.value).toBeCloseTo(90, 6);
    expect(writeAt(a.plan.writes, "I5")?.value).toBeCloseTo(139.9167, 3);
    expect(writeAt(a.plan.writes, "I5")?.formula).toContain("(2*E5-H5)/E5*100");
  });

  it("never writes into the given weights, the direction or the responsible unit", () => {
    const touched = new Set(a.plan.writes.map((w) => colOf(w.address)));
    for (const c of ["A", "B", "C", "D", "E", "F", "G", "H", "J"])
      expect(touched.has(c)).toBe(false);
  });
});

describe("Kriteria is criteria text, never a rating column", () => {
  const g = grid([
    ["No", "Indikator", "Target", "Realisasi", "Capaian", "Kriteria"],
    [1, "Jumlah dokumen perencanaan", 10, 8, null, "Tercapai bila realisasi sama dengan target"],
    [2, "Persentase laporan tepat waktu", 100, 95, null, "Tercapai bila 100%"],
  ]);
  const t = one(g);
  const a = analyseSheet(g);
  it("is role 'kriteria' and nothing is written into it", () => {
    expect(roleAt(t, "F")).toBe("kriteria");
    expect(a.plan.writes.filter((w) => colOf(w.address) === "F")).toEqual([]);
    expect(a.plan.conflicts.filter((w) => colOf(w.address) === "F")).toEqual([]);
    // the rating goes into a new column instead
    expect(writeAt(a.plan.writes, "G1")?.value).toBe("Predikat");
    expect(writeAt(a.plan.writes, "E2")?.value).toBeCloseTo(80, 6);
  });
});

describe("'%'-only captions", () => {
  it("an indicator table's '%' column is not its capaian", () => {
    const g = grid([
      ["No", "Indikator", "Target", "Realisasi", "%"],
      [1, "Jumlah dokumen", 10, 8, null],
    ]);
    const t = one(g);
    expect(roleAt(t, "E")).toBe("other");
    const a = analyseSheet(g);
    expect(a.plan.writes.filter((w) => colOf(w.address) === "E")).toEqual([]);
    expect(writeAt(a.plan.writes, "F1")?.value).toBe("Capaian (%)");
  });

  it("Anggaran | Realisasi | % is absorption (serapan), not capaian", () => {
    const t = recogniseTables(
      grid([
        ["No", "Uraian", "Anggaran", "Realisasi", "%"],
        [1, "Belanja", 100, 80, null],
      ])
    )[0];
    expect(t.columns.map((c) => c.role)).toEqual([
      "no",
      "uraian",
      "anggaran",
      "realisasi-rp",
      "serapan",
    ]);
  });
});

describe("Penanggung Jawab merged vertically over the data rows", () => {
  const g = sheet(
    [
      ["No", "Indikator", "Target", "Realisasi", "Capaian", "Penanggung Jawab"],
      [1, "Jumlah dokumen", 10, 8, null, "Bidang Perencanaan"],
      [2, "Jumlah laporan", 4, 4, null, null],
      [3, "Jumlah rapat", 12, 6, null, null],
    ],
    ["F2:F4"]
  );
  it("is role 'keterangan' and is never written, even with overwrite", () => {
    const t = one(g);
    expect(roleAt(t, "F")).toBe("keterangan");
    for (const overwrite of [false, true]) {
      const a = analyseSheet(g, { overwrite });
      expect(
        [...a.plan.writes, ...a.plan.conflicts].filter((w) => colOf(w.address) === "F")
      ).toEqual([]);
      expect(writeAt(a.plan.writes, "E4")?.value).toBeCloseTo(50, 6);
    }
  });
});

/** Form-RFK of a Banjarmasin SKPD (07 'RFK'): NILAI DPA / KEUANGAN / FISIK ( % ), three caption rows. */
function formRfk(): SheetGrid {
  const W = 18;
  const r = (v: Record<string, CellValue>) => row(v, W);
  return sheet(
    [
      r({ A: "REKAPITULASI LAPORAN REALISASI FISIK DAN KEUANGAN" }),
      r({ A: "NO", B: "URAIAN KEGIATAN", D: "NILAI DPA", F: "KEUANGAN", N: "FISIK ( % )" }),
      r({
        D: "Rp",
        E: "%",
        F: "RENCANA",
        I: "REALISASI",
        L: "CAPAIAN ",
        M: "SISA ANGGARAN           ( Rp )",
        N: "RENCANA",
        P: "REALISASI",
        R: "CAPAIAN",
      }),
      r({
        F: "Rp",
        G: "% KUM",
        H: "% TTB",
        I: "Rp",
        J: "% KUM",
        K: "% TTB",
        L: "%",
        N: "KUM",
        O: "TTB",
        P: "KUM",
        Q: "TTB",
      }),
      r({
        A: 1,
        B: 2,
        D: 3,
        E: 4,
        F: 5,
        G: 6,
        H: 7,
        I: 8,
        J: 9,
        K: 10,
        L: 11,
        M: 12,
        N: 13,
        O: 14,
        P: 15,
        Q: 16,
        R: 17,
      }),
      r({ B: "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota" }),
      r({ B: "Kegiatan Administrasi Umum Perangkat Daerah" }),
      r({
        A: 1,
        B: "Subkegiatan Penyediaan Bahan Logistik Kantor",
        D: 1000000,
        E: 50,
        F: 500000,
        G: 50,
        H: 25,
        I: 326467,
        J: 32.65,
        K: 16.32,
        M: 673533,
        N: 49,
        O: 24.5,
        P: 32,
        Q: 16,
      }),
      r({
        A: 2,
        B: "Subkegiatan Penyediaan Barang Cetakan",
        D: 900000,
        E: 45,
        F: 1000000,
        G: 111.1,
        H: 50,
        I: 0,
        J: 0,
        K: 0,
        M: 900000,
        N: 50,
        O: 22.5,
        P: 0,
        Q: 0,
      }),
      r({
        A: 3,
        B: "Subkegiatan Fasilitasi Kunjungan Tamu",
        D: 100000,
        E: 5,
        F: 0,
        G: 0,
        H: 0,
        I: 0,
        J: 0,
        K: 0,
        L: 0,
        M: 100000,
        N: 0,
        O: 0,
        P: 0,
        Q: 0,
        R: 0,
      }),
      r({
        A: "Jumlah",
        D: 2000000,
        E: 100,
        F: 1500000,
        H: 75,
        I: 326467,
        K: 16.32,
        M: 1673533,
        O: 47,
        Q: 16,
      }),
    ],
    [
      "A2:A4",
      "B2:C4",
      "D2:E2",
      "F2:M2",
      "N2:R2",
      "D3:D4",
      "E3:E4",
      "F3:H3",
      "I3:K3",
      "M3:M4",
      "N3:O3",
      "P3:Q3",
      "R3:R4",
      "A11:C11",
    ],
    "RFK"
  );
}

describe("three-level Form-RFK header (Banjarmasin 07 'RFK')", () => {
  const g = formRfk();
  const t = one(g);
  const a = analyseSheet(g);

  it("gives every column its role from the whole caption path", () => {
    expect(t.kind).toBe("fisik-keuangan");
    const roles = Object.fromEntries(
      t.columns.map((c) => [String.fromCharCode(65 + c.col), c.role])
    );
    expect(roles).toEqual({
      A: "no",
      B: "uraian",
      C: "uraian",
      D: "anggaran", // NILAI DPA / Rp
      E: "bobot", // NILAI DPA / %
      F: "target-rp", // KEUANGAN / RENCANA / Rp
      G: "other",
      H: "other", // % KUM, % TTB
      I: "realisasi-rp", // KEUANGAN / REALISASI / Rp
      J: "other",
      K: "other",
      L: "capaian-rp", // KEUANGAN / CAPAIAN / %
      M: "efisiensi", // SISA ANGGARAN ( Rp )
      N: "target", // FISIK ( % ) / RENCANA / KUM
      O: "other", // TTB
      P: "fisik", // FISIK ( % ) / REALISASI / KUM
      Q: "other",
      R: "capaian-k", // FISIK ( % ) / CAPAIAN
    });
  });

  it("computes capaian keuangan L = I / F × 100 and capaian fisik R = P / N × 100, as the sheet does", () => {
    const l8 = writeAt(a.plan.writes, "L8");
    expect(l8?.value).toBeCloseTo((326467 / 500000) * 100, 9);
    expect(l8?.formula).toContain("I8/F8*100");
    expect(writeAt(a.plan.writes, "R8")?.value).toBeCloseTo((32 / 49) * 100, 9);
    expect(writeAt(a.plan.writes, "R8")?.formula).toMatch(/P8\/N8/);
    expect(writeAt(a.plan.writes, "L9")?.value).toBe(0);
    expect(writeAt(a.plan.writes, "R9")?.value).toBe(0);
    // the Jumlah row: its own totals' ratio (the sheet's K/H × 100 equals ΣI / ΣF × 100)
    expect(writeAt(a.plan.writes, "L11")?.value).toBeCloseTo((326467 / 1500000) * 100, 9);
  });

  it("writes nothing else: not the weighted, cumulative %, bobot or sisa anggaran columns, and keeps the sheet's 0 for a zero rencana", () => {
    const cols = new Set([...a.plan.writes, ...a.plan.conflicts].map((w) => colOf(w.address)));
    expect([...cols].sort()).toEqual(["L", "R"]);
    expect(writeAt(a.plan.writes, "L10")).toBeUndefined();
    expect(a.plan.conflicts).toEqual([]);
    expect(a.findings).toEqual([]);
  });

  it("does not rate the sheet's 0 under a zero rencana fisik (R10), and says so", () => {
    const s = summarise(a);
    expect(s.indicators.map((x) => x.row + 1)).toEqual([8, 9]);
    expect(s.notRated).toEqual([{ sheet: "RFK", count: 1, address: "R10" }]);
    expect(a.messages.map((m) => m.code)).toContain("analysis.not-rated");
  });
});

/** A laporan RFK SKPD sheet (04): two '%' per group, CAPAIAN / KEU / FISIK / RATA2 / KAT and a local scale. */
function laporanRfk(): SheetGrid {
  const W = 23;
  const r = (v: Record<string, CellValue>) => row(v, W);
  const data = (no: number, label: string, c: number, e: number, h: number, n: number, p: number) =>
    r({
      A: no,
      B: label,
      C: c,
      D: 0,
      E: e,
      F: 100,
      G: 0,
      H: h,
      I: (h / c) * 100,
      J: 0,
      L: 0,
      M: c - h,
      N: n,
      O: 0,
      P: p,
      Q: 0,
      S: 0,
    });
  const rows: CellValue[][] = [
    r({ A: "LAPORAN REALISASI FISIK DAN KEUANGAN" }),
    r({
      A: "NO",
      B: "URAIAN KEGIATAN",
      C: "NILAI ANGGARAN",
      E: "KEUANGAN",
      N: "FISIK",
      T: "CAPAIAN",
    }),
    r({
      C: "Rp",
      D: "%",
      E: "RENCANA",
      H: "REALISASI",
      K: "CAPAIAN",
      M: "SISA ANGGARAN",
      N: "REN",
      P: "REAL",
      R: "CAP",
      T: "KEU",
      U: "FISIK",
      V: "RATA2",
      W: "KAT",
    }),
    r({
      E: "Rp",
      F: "%",
      G: "%",
      H: "Rp",
      I: "%",
      J: "%",
      K: "%",
      L: "%",
      M: "Rp",
      N: "%",
      O: "%",
      P: "%",
      Q: "%",
      R: "%",
      S: "%",
      T: "%",
      U: "%",
      V: "%",
    }),
    data(
      1,
      "2.08.01.2.01.01 Subkegiatan Penyusunan Dokumen Perencanaan",
      1000,
      1000,
      811.23,
      100,
      100
    ),
    data(2, "2.08.01.2.01.02 Subkegiatan Koordinasi Penyusunan RKA-SKPD", 800, 800, 500, 100, 100),
    data(3, "2.08.01.2.01.07 Subkegiatan Evaluasi Kinerja Perangkat Daerah", 600, 600, 0, 100, 0),
    r({}),
    r({}),
    r({ B: "Kategori Capaian", C: "Keuangan", D: "Fisik" }),
    r({ B: "Sangat Baik", C: 0, D: 0 }),
    r({ B: "Baik", C: 0, D: 0 }),
    r({ B: "Cukup", C: 0, D: 0 }),
    r({ B: "Kurang", C: 0, D: 0 }),
  ];
  const g = sheet(
    rows,
    [
      "A2:A4",
      "B2:B4",
      "C2:D2",
      "E2:M2",
      "N2:R2",
      "T2:W2",
      "C3:C4",
      "D3:D4",
      "E3:G3",
      "H3:J3",
      "K3:L3",
      "N3:O3",
      "P3:Q3",
      "W3:W4",
    ],
    "8 DP3A"
  );
  const countifs = (col: string, lo?: number, hi?: number) =>
    lo === undefined
      ? `COUNTIF($${col}$5:$${col}$7,"<${hi}")`
      : `COUNTIFS($${col}$5:$${col}$7,">=${lo}"${hi === undefined ? "" : `,$${col}$5:$${col}$7,"<${hi}"`})`;
  const bands: [number | undefined, number | undefined][] = [
    [90, undefined],
    [80, 90],
    [65, 80],
    [undefined, 65],
  ];
  bands.forEach(([lo, hi], i) => {
    g.cells[10 + i][2] = { value: 0, formula: countifs("K", lo, hi) };
    g.cells[10 + i][3] = { value: 0, formula: countifs("R", lo, hi) };
  });
  return g;
}

describe("laporan RFK (04): KEUANGAN / FISIK / CAPAIAN KEU, FISIK, RATA2, KAT", () => {
  const g = laporanRfk();
  const t = one(g);
  const a = analyseSheet(g);

  it("recognises the roles; a repeated '%' in one group is the weighted by-product", () => {
    const roles = Object.fromEntries(
      t.columns.map((c) => [String.fromCharCode(65 + c.col), c.role])
    );
    expect(roles).toMatchObject({
      C: "anggaran",
      D: "bobot",
      E: "target-rp",
      F: "other",
      G: "other",
      H: "realisasi-rp",
      I: "other",
      J: "other",
      K: "capaian-rp",
      L: "other",
      M: "efisiensi",
      N: "target",
      O: "other",
      P: "fisik",
      Q: "other",
      R: "capaian-k",
      S: "other",
      T: "capaian-rp",
      U: "capaian-k",
      V: "rata-rata",
      W: "predikat",
    });
  });

  it("computes what its cells compute: K = H/E, R = P/N, T, U, V = AVERAGE(T:U), W rated on the sheet's own scale", () => {
    const v = (addr: string) => writeAt(a.plan.writes, addr)?.value;
    expect(v("K5")).toBeCloseTo(81.123, 9);
    expect(v("T5")).toBeCloseTo(81.123, 9);
    expect(v("R5")).toBeCloseTo(100, 9);
    expect(v("U5")).toBeCloseTo(100, 9);
    expect(v("V5")).toBeCloseTo(90.5615, 9);
    expect(writeAt(a.plan.writes, "V5")?.formula).toBe('IFERROR(AVERAGE(T5,U5),"")');
    expect(v("W5")).toBe("Sangat Baik");
    expect(v("V6")).toBeCloseTo(81.25, 9);
    expect(v("W6")).toBe("Baik");
    expect(v("V7")).toBe(0);
    expect(v("W7")).toBe("Kurang");
    expect(writeAt(a.plan.writes, "W5")?.formula).toContain('V5>=65,"Cukup","Kurang"');
  });

  it("writes nothing into the % of anggaran, the weighted columns, the differences or sisa anggaran", () => {
    const cols = new Set([...a.plan.writes, ...a.plan.conflicts].map((w) => colOf(w.address)));
    expect([...cols].sort()).toEqual(["K", "R", "T", "U", "V", "W"]);
  });

  it("counts each row once in the summary: its RATA2", () => {
    const s = summarise(a);
    expect(s.rowsEvaluated).toBe(3);
    expect(s.averageCapaian).toBeCloseTo((90.5615 + 81.25 + 0) / 3, 6);
    expect(s.predikatCounts).toEqual({ "Sangat Baik": 1, Baik: 1, Kurang: 1 });
  });
});

describe("a deviasi table (No | Nama | Pagu | Realisasi | Deviasi Serapan | Realisasi Keu/Fisik | Deviasi Keu/Fisik)", () => {
  const g = sheet(
    [
      ["SERAPAN KEUANGAN APBD PER OPD SAMPAI DENGAN FEBRUARI 2023"],
      ["No.", "Nama", "Pagu", "Realisasi", "Deviasi Serapan", "Realisasi", null, "Deviasi", null],
      [null, null, null, null, null, "Keu", "Fisik", "Keu", "Fisik"],
      [1, "Dinas Pendidikan dan Kebudayaan", 1000000000, 150000000, null, 15, 12, null, null],
      [2, "Dinas Kesehatan", 500000000, 100000000, null, 20, 25, null, null],
    ],
    ["F2:G2", "H2:I2"],
    "Deviasi"
  );
  const t = one(g);
  const a = analyseSheet(g);

  it("gives the DEVIASI columns their own role", () => {
    expect(t.columns.map((c) => c.role)).toEqual([
      "no",
      "uraian",
      "anggaran",
      "realisasi-rp",
      "deviasi",
      "keuangan",
      "fisik",
      "deviasi",
      "deviasi",
    ]);
  });

  it("writes nothing into them and says why", () => {
    const cols = new Set([...a.plan.writes, ...a.plan.conflicts].map((w) => colOf(w.address)));
    for (const c of ["E", "H", "I", "G"]) expect(cols.has(c)).toBe(false);
    const notes = idTexts(a.plan.notes).join("\n");
    expect(notes).toMatch(
      /'Deviasi Serapan' \(kolom E\) berisi deviasi dan tidak dihitung, karena lembar tidak menyatakan rumusnya/
    );
    expect(notes).toMatch(/'Deviasi \/ Keu' \(kolom H\)/);
    expect(notes).toMatch(/'Deviasi \/ Fisik' \(kolom I\)/);
  });
});

describe("a missing input column: nothing written for that column, and a note naming it", () => {
  it("capaian fisik without a rencana fisik column", () => {
    const g = sheet(
      [
        ["NO", "URAIAN KEGIATAN", "KEUANGAN", null, null, "FISIK", null],
        [null, null, "RENCANA", "REALISASI", "CAPAIAN", "REALISASI", "CAPAIAN"],
        [null, null, "Rp", "Rp", "%", "%", null],
        [1, "Subkegiatan A", 1000, 500, null, 40, null],
      ],
      ["C1:E1", "F1:G1", "A1:A3", "B1:B3", "G2:G3"]
    );
    const t = one(g);
    expect(t.columns.map((c) => c.role)).toEqual([
      "no",
      "uraian",
      "target-rp",
      "realisasi-rp",
      "capaian-rp",
      "fisik",
      "capaian-k",
    ]);
    const a = analyseSheet(g);
    expect(writeAt(a.plan.writes, "E4")?.value).toBeCloseTo(50, 9);
    expect(a.plan.writes.filter((w) => colOf(w.address) === "G")).toEqual([]);
    expect(idTexts(a.plan.notes).join("\n")).toMatch(
      /kolom 'FISIK \/ CAPAIAN' \(kolom G\) \(capaian fisik\) tidak diisi: tidak ada kolom rencana fisik/
    );
  });
});

describe("kind from roles and title", () => {
  const quarterly = (
    title: string | null,
    targetCaption = "Target Kinerja Tahun Berjalan"
  ): SheetGrid => {
    const rows: CellValue[][] = [
      [title],
      [],
      [
        "No",
        "Program/Kegiatan",
        "Indikator",
        targetCaption,
        "Realisasi Kinerja Pada Triwulan",
        null,
        null,
        null,
        "Tingkat Capaian (%)",
      ],
      [null, null, null, null, "I", "II", "III", "IV", null],
      [1, "Program A", "Persentase dokumen", 100, 20, 20, 30, 25, null],
    ];
    return sheet(rows, ["E3:H3", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "I3:I4"], "Q");
  };
  it("quarterly columns + a title naming the Renja -> renja-e81", () => {
    expect(one(quarterly("Formulir Evaluasi Hasil terhadap RENJA PD")).kind).toBe("renja-e81");
  });
  it("quarterly columns, no Renja, no Renstra / RPJMD target -> rkpd", () => {
    expect(one(quarterly("EVALUASI TERHADAP HASIL RKPD KOTA")).kind).toBe("rkpd");
    expect(one(quarterly(null)).kind).toBe("rkpd");
  });
  it("an RPJMD (or Renstra) end target column -> renja-e81", () => {
    const g = quarterly(null);
    g.cells[2].splice(3, 0, { value: "Target RPJMD pada Tahun 2021 (Periode RPJMD)" });
    for (const r of [3, 4]) g.cells[r].splice(3, 0, r === 4 ? { value: 120 } : undefined);
    g.merges = ["F3:I3", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "J3:J4"].map(m);
    const t = one(g);
    expect(roleAt(t, "D")).toBe("target-renstra");
    expect(t.kind).toBe("renja-e81");
  });
});

describe("a table of unknown kind", () => {
  const g = grid(
    [
      ["No", "Uraian", "Capaian", "Predikat"],
      [1, "Belanja pegawai", 50, "Rendah"],
      [2, "Belanja barang", 95, "Sangat Tinggi"],
    ],
    "Lain"
  );
  it("contributes nothing to the summary, and its message names the missing roles", () => {
    const a = analyseSheet(g);
    expect(a.tables.map((t) => t.kind)).toEqual(["unknown"]);
    expect(idTexts(a.messages).join("\n")).toMatch(
      /tidak dikenali jenisnya \(tidak ada kolom target dan realisasi\); tidak dihitung/
    );
    const s = summarise(a);
    expect(s).toMatchObject({
      tables: 0,
      rowsEvaluated: 0,
      averageCapaian: null,
      predikatCounts: {},
    });
  });
  it("names a missing realisasi when a budget is there", () => {
    const a = analyseSheet(
      grid([
        ["No", "Nama Subkegiatan", "Nilai DPA", "Keterangan"],
        [1, "A", 100, "x"],
      ])
    );
    expect(idTexts(a.messages).join("\n")).toMatch(/\(tidak ada kolom realisasi\)/);
  });
});

describe("months as header captions (monthly forms)", () => {
  it("takes a cell holding a month alone, in its usual spellings and abbreviations, as a caption", () => {
    for (const t of ["Januari", "PEBRUARI", "Mei", "Nopember", "Des.", "Agt", "Sept"])
      expect([t, isHeaderHint(t)]).toEqual([t, true]);
  });
  it("but not a month inside a sentence or a date", () => {
    for (const t of ["Banjarmasin, Januari 2023", "Desember 2022", "Meikarta"])
      expect([t, isHeaderHint(t)]).toEqual([t, false]);
  });
});
