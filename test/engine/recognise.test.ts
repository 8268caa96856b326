import { e81Grid, rkpdGrid, seedGrids, type SeedGrid } from "../../scripts/samples/seed-to-grid";
import { parseStatedFormula, recogniseTables } from "../../src/core/engine/recognise";
import { levelFromCode } from "../../src/core/engine/recognise/codes";
import type { SheetGrid, TableModel } from "../../src/core/engine/types";

const seeds = seedGrids();
const seed = (id: string): SeedGrid => {
  const s = seeds.find((x) => x.id === id);
  if (!s) throw new Error(id);
  return s;
};

function one(grid: SheetGrid): TableModel {
  const t = recogniseTables(grid);
  expect(t).toHaveLength(1);
  return t[0];
}
const roleOf = (m: TableModel, header: RegExp, nth = 0) =>
  m.columns.filter((c) => header.test(c.header))[nth]?.role;
const rowBy = (m: TableModel, label: RegExp, nth = 0) =>
  m.rows.filter((r) => label.test(r.label))[nth];
const levelAt = (m: TableModel, row: number) => m.rows.find((r) => r.row === row)?.level;

describe("parseStatedFormula", () => {
  it.each([
    ["8 = 5:4", { kind: "ratio", num: 5, den: 4, times100: false, column: 8 }],
    ["11 = $\\sum N : n$", { kind: "mean-children", column: 11 }],
    ["11 = ΣN : n", { kind: "mean-children" }],
    ["11 = 7N : n", { kind: "mean-children" }],
    ["15 = 11 + 12 + 13 + 14", { kind: "sum", cols: [11, 12, 13, 14] }],
    ["16 = 15 / 10 * 100", { kind: "ratio", num: 15, den: 10, times100: true }],
    ["(5) =(4/5)*100", { kind: "ratio", num: 4, den: 5, times100: true, column: 5 }],
    ["13 = 12/7 x 100", { kind: "ratio", num: 12, den: 7, times100: true }],
    ["14 = 6 + 12", { kind: "sum", cols: [6, 12] }],
  ])("%s", (text, expected) => {
    expect(parseStatedFormula(text)).toMatchObject(expected);
  });
  it("returns null without a formula", () => {
    expect(parseStatedFormula("8")).toBeNull();
    expect(parseStatedFormula("a = b")).toBeNull();
  });
});

describe("codes", () => {
  it.each([
    ["2 07", "urusan"],
    ["2 07 01", "program"],
    ["207012,02", "kegiatan"],
    ["207012,0201", "subkegiatan"],
    ["2.07.01.2.02", "kegiatan"],
    ["2.07.01.2.02.01", "subkegiatan"],
  ])("%s -> %s", (code, level) => expect(levelFromCode(code)).toBe(level));
});

describe("seed-to-grid", () => {
  it("emits the expected ids with computed cells", () => {
    expect(seeds.map((s) => s.id)).toEqual(
      expect.arrayContaining(["pk-iku", "tabel-i15", "rkpd-2022", "banjarmasin-3-3"])
    );
    for (const s of seeds) {
      for (const { row, col } of s.computed) {
        expect(s.printed.cells[row][col]).toBeDefined();
        expect(s.emptied.cells[row][col]).toBeUndefined();
      }
    }
    expect(seed("rkpd-2022").computed.length).toBeGreaterThan(100);
  });
});

describe.each(["printed", "emptied"] as const)("recogniseTables on %s seeds", (variant) => {
  it("Tabel I.15", () => {
    const m = one(seed("tabel-i15")[variant]);
    expect(m.kind).toBe("tabel-i15");
    expect(m.headerRows).toEqual([2, 3, 4, 5]);
    expect(m.columnNumberRow).toBe(5);
    expect(m.top).toBe(0);
    expect(roleOf(m, /^NO$/)).toBe("no");
    expect(roleOf(m, /^PROGRAM KEGIATAN$/)).toBe("uraian");
    expect(roleOf(m, /DPA Perubahan/)).toBe("anggaran");
    expect(roleOf(m, /Realisasi Keuangan \/ TARGET/)).toBe("target");
    expect(roleOf(m, /Realisasi Keuangan \/ REALISASI/)).toBe("keuangan");
    expect(roleOf(m, /Realisasi Fisik \/ REALISASI/)).toBe("fisik");
    expect(m.columns[7].statedFormula).toBe("5/4");
    expect(m.columns[10].stated).toMatchObject({ kind: "mean-children" });
    expect(rowBy(m, /^TOTAL BELANJA/).level).toBe("total");
    expect(rowBy(m, /^Belanja Langsung/).level).toBe("group");
    expect(rowBy(m, /^Belanja Tidak Langsung/).level).toBe("group");
    const prog = m.rows.filter((r) => r.level === "program" && r.code);
    expect(prog.map((r) => r.code)).toEqual(["I", "II", "III", "IV", "V", "VI", "VII"]);
    const keg = rowBy(m, /^Administrasi Umum Perangkat Daerah/);
    expect(keg.level).toBe("kegiatan");
    expect(keg.code).toBe("2");
    const sub = rowBy(m, /^Penyediaan Komponen Instalasi/);
    expect(sub.level).toBe("subkegiatan");
    expect(sub.code).toBe("1");
    expect(m.rows[sub.parent!]).toBe(keg);
    expect(rowBy(m, /^Pemeliharaan Barang Milik Daerah/).level).toBe("kegiatan");
    expect(m.rows.filter((r) => r.level === "kegiatan")).toHaveLength(11);
    expect(m.rows.filter((r) => r.level === "subkegiatan")).toHaveLength(22);
    expect(m.rows.filter((r) => r.level === "column-numbers").map((r) => r.row)).toEqual([5, 28]);
    expect(rowBy(m, /^SUMBER/).level).toBe("footer");
  });

  it("RKPD 2022", () => {
    const m = one(seed("rkpd-2022")[variant]);
    expect(m.kind).toBe("rkpd");
    expect(m.headerRows).toEqual([1, 2, 3, 4]);
    expect(m.columnNumberRow).toBe(3);
    const col = (c: number) => m.columns.find((x) => x.col === c)!;
    expect(col(0).role).toBe("no");
    expect(col(1).role).toBe("kode");
    expect(col(2).role).toBe("uraian");
    expect(col(3).role).toBe("indikator");
    expect(col(4).role).toBe("satuan");
    expect(col(12).role).toBe("target-k");
    expect(col(13).role).toBe("target-rp");
    expect(col(10).role).toBe("other");
    expect(col(5).role).toBe("other");
    for (let q = 1; q <= 4; q++) {
      expect(col(12 + 2 * q).role).toBe("realisasi-tw-k");
      expect(col(13 + 2 * q)).toMatchObject({
        role: "realisasi-tw-rp",
        quarter: q,
        number: 10 + q,
      });
    }
    expect(col(22)).toMatchObject({
      role: "realisasi-total-k",
      number: 15,
      statedFormula: "11+12+13+14",
    });
    expect(col(23).role).toBe("realisasi-total-rp");
    expect(col(24)).toMatchObject({ role: "capaian-k", number: 16, statedFormula: "15/10*100" });
    expect(col(25)).toMatchObject({ role: "capaian-rp", kr: "rp" });
    expect(rowBy(m, /^DINAS TENAGA KERJA/).level).toBe("total");
    expect(m.rows.find((r) => r.code === "2")?.level).toBe("group");
    expect(m.rows.find((r) => r.code === "2 07")?.level).toBe("urusan");
    const prog = m.rows.find((r) => r.code === "2 07 01")!;
    expect(prog.level).toBe("program");
    const keg = m.rows.find((r) => r.code === "207012,02")!;
    expect(keg.level).toBe("kegiatan");
    expect(m.rows[keg.parent!]).toBe(prog);
    expect(m.rows.find((r) => r.code === "207012,0201")?.level).toBe("subkegiatan");
    expect(m.rows.find((r) => r.code === "2.07.05.2.02.04")?.level).toBe("subkegiatan");
    const rata = m.rows.filter((r) => /^Rata-rata Capaian Kinerja Kegiatan/.test(r.label));
    expect(rata).toHaveLength(11);
    expect(rata.every((r) => r.level === "rata-rata")).toBe(true);
    expect(m.rows[rata[0].parent!]).toBe(keg);
    const pred = rowBy(m, /^Predikat Kinerja Kegiatan/);
    expect(pred.level).toBe("predikat");
    expect(pred.parent).toBe(rata[0].parent);
    // continuation rows: empty code, indicator present
    const cont = rowBy(m, /^Tersedianya Penggantian Suku Cadang/);
    expect(cont.level).toBe("indikator");
    expect(m.rows[cont.parent!].code).toBe("207012,0901");
    // same code repeated
    const rep = m.rows.filter((r) => r.code === "207012,0804");
    expect(rep.map((r) => r.level)).toEqual(["subkegiatan", "indikator"]);
    expect(rowBy(m, /^JUMLAH ANGGARAN/).level).toBe("jumlah");
    expect(rowBy(m, /^RATA-RATA CAPAIAN KINERJA DAN REALISASI/).level).toBe("rata-rata");
    expect(rowBy(m, /^PREDIKAT KINERJA DAN REALISASI/).level).toBe("predikat");
    // repeated column-number + K/Rp rows at page breaks
    expect(m.rows.filter((r) => r.level === "column-numbers")).toHaveLength(3);
    expect(m.rows.filter((r) => r.level === "header" && r.row > 4)).toHaveLength(2);
  });

  it("Banjarmasin Tabel 3.3", () => {
    const m = one(seed("banjarmasin-3-3")[variant]);
    expect(m.kind).toBe("fisik-keuangan");
    expect(m.headerRows).toEqual([1, 2]);
    expect(m.columnNumberRow).toBeUndefined();
    expect(m.columns.map((c) => c.role)).toEqual([
      "no",
      "uraian",
      "anggaran",
      "target",
      "keuangan",
      "fisik",
      "predikat",
    ]);
    expect(m.columns[3].header).toBe("Rencana / Fisik (%)");
    expect(m.columns[6].header).toBe("KET");
    expect(m.rows.find((r) => r.code === "A")?.level).toBe("program");
    expect(m.rows.find((r) => r.code === "I")?.level).toBe("kegiatan");
    expect(rowBy(m, /^Kagiatan Administrasi Kepegawaian/).level).toBe("kegiatan");
    expect(rowBy(m, /^PROGRAM PENGAWASAN DAN PEMERIKSAAN/).level).toBe("program");
    const unprefixed = rowBy(m, /^Pengadaan Barang Milik Daerah/);
    expect(unprefixed.level).toBe("kegiatan");
    const sub = rowBy(m, /^Sub Kegiatan Pengadaan Mebel/);
    expect(sub.level).toBe("subkegiatan");
    expect(m.rows[sub.parent!]).toBe(unprefixed);
    expect(m.rows.filter((r) => r.level === "subkegiatan")).toHaveLength(52);
    const running = m.rows.filter((r) => r.level === "header" && r.row > 2).map((r) => r.label);
    expect(running).toContain("2022");
    expect(running).toContain("DINAS KOPERASI, USAHA MIKRO DAN TENAGA KERJA");
  });

  it("Sibolga 3.1.1 (pk-iku)", () => {
    const m = one(seed("pk-iku")[variant]);
    expect(m.kind).toBe("indikator");
    expect(m.headerRows).toEqual([1, 2]);
    expect(m.columnNumberRow).toBe(2);
    expect(m.columns.map((c) => c.role)).toEqual([
      "no",
      "sasaran",
      "indikator",
      "target",
      "realisasi",
      "capaian",
      "predikat",
    ]);
    expect(m.rows.filter((r) => r.level === "indikator")).toHaveLength(5);
    expect(rowBy(m, /^Nilai rata-rata/).level).toBe("rata-rata");
  });

  it("other PK/IKU tables", () => {
    const b = one(seed("pk-iku-bjm-bidang")[variant]);
    expect(b.kind).toBe("indikator");
    expect(b.columns.map((c) => c.role)).toEqual([
      "sasaran",
      "uraian",
      "indikator",
      "target",
      "realisasi",
      "capaian",
    ]);
    expect(b.rows.filter((r) => r.level === "indikator")).toHaveLength(29);
    const p = one(seed("pk-iku-tpi-pk-2024")[variant]);
    expect(p.kind).toBe("indikator");
    expect(p.headerRows).toEqual([1, 2]);
    expect(p.columns.map((c) => c.role)).toEqual([
      "no",
      "sasaran",
      "indikator",
      "satuan",
      "realisasi",
      "realisasi",
      "target",
    ]);
    expect(p.columns[6].header).toBe("Target / 2024");
    const cont = rowBy(p, /^Besaran Pekerja/);
    expect(cont.level).toBe("indikator");
  });
});

describe("E.81 form", () => {
  const m = one(e81Grid());
  it("recognises kind, header and roles", () => {
    expect(m.kind).toBe("renja-e81");
    expect(m.headerRows).toEqual([3, 4, 5, 6]);
    expect(m.columnNumberRow).toBe(5);
    expect(m.top).toBe(0);
    const col = (c: number) => m.columns.find((x) => x.col === c)!;
    expect(col(0).role).toBe("no");
    expect(col(1).role).toBe("sasaran");
    expect(col(2).role).toBe("uraian");
    expect(col(3).role).toBe("indikator");
    expect(col(4).role).toBe("target-renstra");
    expect(col(8).role).toBe("target-k");
    expect(col(9).role).toBe("target-rp");
    expect(col(10)).toMatchObject({ role: "realisasi-tw-k", quarter: 1, number: 8 });
    expect(col(17)).toMatchObject({ role: "realisasi-tw-rp", quarter: 4, number: 11 });
    expect(col(18)).toMatchObject({ role: "realisasi-total-k", statedFormula: "8+9+10+11" });
    expect(col(20)).toMatchObject({ role: "capaian-k", statedFormula: "12/7*100" });
    expect(col(22)).toMatchObject({ number: 14, statedFormula: "6+12" });
    expect(col(24)).toMatchObject({ role: "kemajuan", statedFormula: "14/5*100" });
    expect(col(27).role).toBe("keterangan");
  });
  it("classifies rows", () => {
    expect(rowBy(m, /^Program Pelatihan Kerja/).level).toBe("program");
    const cont = rowBy(m, /^Tingkat pengangguran/);
    expect(cont.level).toBe("indikator");
    expect(cont.arahSuggestion).toBe("inverse");
    expect(cont.arah).toBeUndefined();
    expect(rowBy(m, /^Kegiatan Pelaksanaan Pelatihan/).level).toBe("kegiatan");
    expect(rowBy(m, /^Sub Kegiatan Proses/).level).toBe("subkegiatan");
    expect(rowBy(m, /^Rata-rata capaian/).level).toBe("rata-rata");
    expect(rowBy(m, /^Predikat kinerja/).level).toBe("predikat");
    expect(rowBy(m, /^Faktor pendorong/).level).toBe("footer");
    expect(rowBy(m, /^Faktor penghambat/).level).toBe("footer");
    expect(rowBy(m, /^Tindak lanjut/).level).toBe("footer");
    expect(levelAt(m, 0)).toBe("title");
  });
  it("applies role overrides", () => {
    const t = recogniseTables(e81Grid(), { roleOverrides: { 26: "keterangan" } });
    expect(t[0].columns.find((c) => c.col === 26)?.role).toBe("keterangan");
  });
});

describe("arah column", () => {
  it("reads arah from a Sifat column", () => {
    const grid: SheetGrid = {
      name: "IKU",
      merges: [],
      cells: [
        ["No", "Indikator Kinerja", "Sifat", "Target", "Realisasi", "Capaian (%)"].map((v) => ({
          value: v,
        })),
        [1, "Tingkat pengangguran terbuka", "negatif", 6, 5.5, null].map((v) => ({ value: v })),
        [2, "Angka kemiskinan", "", 8, 7, null].map((v) => ({ value: v })),
        [3, "Persentase koperasi aktif", "normal", 40, 42, null].map((v) => ({ value: v })),
      ],
    };
    const m = one(grid);
    expect(m.columns[2].role).toBe("arah");
    expect(m.rows[1]).toMatchObject({ level: "indikator", arah: "inverse" });
    expect(m.rows[2].arah).toBeUndefined();
    expect(m.rows[3].arah).toBe("normal");
  });
});

describe("no table", () => {
  it("empty grid -> []", () => {
    expect(recogniseTables({ name: "x", cells: [], merges: [] })).toEqual([]);
  });
  it("random text -> []", () => {
    let seedN = 7;
    const words = [
      "lorem",
      "ipsum",
      "kota",
      "laporan",
      "tahun",
      "dinas",
      "2022",
      "rapat",
      "catatan harian",
      "x",
    ];
    const cells = Array.from({ length: 40 }, () =>
      Array.from({ length: 8 }, () => {
        seedN = (seedN * 16807) % 2147483647;
        return { value: words[seedN % words.length] };
      })
    );
    expect(recogniseTables({ name: "x", cells, merges: [] })).toEqual([]);
  });
  it("finds two tables on one sheet", () => {
    const a = seed("pk-iku").printed;
    const b = seed("banjarmasin-3-3").printed;
    const grid: SheetGrid = {
      name: "two",
      cells: [...a.cells, [], [], ...b.cells],
      merges: [
        ...a.merges,
        ...b.merges.map((m) => ({
          ...m,
          top: m.top + a.cells.length + 2,
          bottom: m.bottom + a.cells.length + 2,
        })),
      ],
    };
    const t = recogniseTables(grid);
    expect(t.map((x) => x.kind)).toEqual(["indikator", "fisik-keuangan"]);
    expect(t[1].top).toBe(a.cells.length + 2);
  });
});

describe("stacked identical tables", () => {
  /** The same table twice, `gap` rows apart (and `title` above the second one, if given). */
  function stacked(gap: number, title?: string): SheetGrid {
    const a = seed("pk-iku").printed;
    const between: SheetGrid["cells"] = Array.from({ length: gap }, () => []);
    if (title) between.push([{ value: title }]);
    const shift = a.cells.length + between.length;
    return {
      name: "stacked",
      cells: [...a.cells, ...between, ...a.cells],
      merges: [
        ...a.merges,
        ...a.merges.map((m) => ({ ...m, top: m.top + shift, bottom: m.bottom + shift })),
      ],
    };
  }

  it("keeps two identical tables apart when an empty row separates them", () => {
    const a = seed("pk-iku").printed;
    const t = recogniseTables(stacked(1));
    expect(t.map((x) => [x.kind, x.top, x.bottom])).toEqual([
      ["indikator", 0, a.cells.length - 1],
      ["indikator", a.cells.length + 1, 2 * a.cells.length],
    ]);
    expect(t[1].headerRows).toEqual(t[0].headerRows.map((r) => r + a.cells.length + 1));
    expect(t[1].rows.filter((r) => r.level === "indikator")).toHaveLength(5);
  });

  it("keeps them apart when the second one has its own title", () => {
    const a = seed("pk-iku").printed;
    const t = recogniseTables(stacked(1, "Tabel 3.1.1 Capaian Kinerja Tahun 2025"));
    expect(t).toHaveLength(2);
    expect(t[1].top).toBe(a.cells.length + 1);
    expect(t[1].rows[0].level).toBe("title");
  });

  it("reads a header repeated right after a body row as a page break (one table)", () => {
    // The header block (no title) again right under the last body row, as a PDF page break prints it.
    const a = seed("pk-iku").printed;
    const grid: SheetGrid = {
      name: "page-break",
      cells: [...a.cells, ...a.cells.slice(1)],
      merges: [
        ...a.merges,
        ...a.merges
          .filter((m) => m.top >= 1)
          .map((m) => ({
            ...m,
            top: m.top + a.cells.length - 1,
            bottom: m.bottom + a.cells.length - 1,
          })),
      ],
    };
    const t = recogniseTables(grid);
    expect(t).toHaveLength(1);
    expect(t[0].rows.filter((r) => r.level === "indikator")).toHaveLength(10);
  });
});

describe("generated RKPD sheet", () => {
  it("recognises 1,000 rows quickly", () => {
    const g = rkpdGrid(1000);
    const t0 = Date.now();
    const m = one(g);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(m.kind).toBe("rkpd");
    const body = m.rows.filter((r) => r.row > 4);
    expect(body).toHaveLength(1000);
    expect(body.some((r) => r.level === "subkegiatan")).toBe(true);
    expect(body.some((r) => r.level === "indikator")).toBe(true);
    expect(body.some((r) => r.level === "rata-rata")).toBe(true);
    expect(body.filter((r) => r.level === "blank" || r.level === "footer")).toHaveLength(0);
  });
});
