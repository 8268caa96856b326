/** The engine on the seed tables: audit(printed) finds checks.md's discrepancies; plan(emptied) refills them. */
import { idTexts } from "./messages-text";
import { seedGrids, e81Grid, type SeedGrid } from "../../scripts/samples/seed-to-grid";
import { analyseSheet, applyPlanToGrid, narrative } from "../../src/core/engine";
import { agrees } from "../../src/core/engine/compare";
import type { Finding, SheetAnalysis } from "../../src/core/engine/types";

const seeds = seedGrids();
const byId = (id: string): SeedGrid => {
  const s = seeds.find((x) => x.id === id);
  if (!s) throw new Error(`seed ${id} missing`);
  return s;
};
const cache = new Map<string, SheetAnalysis>();
const printed = (id: string) => {
  if (!cache.has(id)) cache.set(id, analyseSheet(byId(id).printed));
  return cache.get(id) as SheetAnalysis;
};

/** Finding on the row whose label cell matches `label`. */
function findingAt(
  id: string,
  label: RegExp,
  pred: (f: Finding) => boolean = () => true
): Finding | undefined {
  const a = printed(id);
  const s = byId(id);
  return a.findings.find((f) => {
    const row = s.printed.cells[f.row] ?? [];
    return row.some((c) => typeof c?.value === "string" && label.test(c.value)) && pred(f);
  });
}

describe("seed audit", () => {
  it("Sibolga 3.1.1: five 'Baik' labels are not on the Permendagri scale", () => {
    const f = printed("pk-iku").findings.filter((x) => x.rule === "predikat.label-tidak-dikenal");
    expect(f).toHaveLength(5);
    expect(f.map((x) => x.expected)).toEqual([
      "Sangat Tinggi",
      "Tinggi",
      "Sangat Tinggi",
      "Sangat Tinggi",
      "Sangat Tinggi",
    ]);
  });

  it("I.15: Rehabilitasi Gedung col 8 printed 0,00, expected 9,18", () => {
    const f = findingAt("tabel-i15", /Rehabilitasi Gedung/i, (x) =>
      x.rule.startsWith("i15.realisasi")
    );
    expect(f?.printed).toBe(0);
    expect(f?.expected).toBeCloseTo(9.18, 2);
  });
  it("I.15: Program I realisasi 14,58 vs 15,00; BL bobot 46,20 vs 47,78; TOTAL fisik 97,37", () => {
    const fs = printed("tabel-i15").findings;
    expect(fs.find((x) => x.printed === 14.58)?.expected).toBeCloseTo(15.0, 2);
    expect(fs.find((x) => x.printed === 46.2)?.expected).toBeCloseTo(47.78, 2);
    const tot = fs.find((x) => x.printed === 97.37);
    expect(tot?.expected).toBeGreaterThan(98.9);
    expect(fs).toHaveLength(4);
  });

  it("RKPD: non-additive K sums, the lost Tw II cell, Administrasi Keuangan 100,75, Adm. Umum 95,83", () => {
    const fs = printed("rkpd-2022").findings;
    const k = fs.filter((x) => x.rule === "rkpd.jumlah-tw-k").map((x) => [x.printed, x.expected]);
    expect(k).toEqual(
      expect.arrayContaining([
        [50, 100],
        [1, 2],
      ])
    );
    expect(fs.find((x) => x.rule === "rkpd.jumlah-tw-rp")?.printed).toBe(207833420);
    const keu = fs.find((x) => x.rule === "rkpd.rata-rata-rp");
    expect(keu?.printed).toBe(100.75);
    expect(keu?.expected).toBeCloseTo(90.63, 2);
    expect(fs.find((x) => x.rule === "rkpd.rata-rata-k")?.printed).toBe(95.83);
    // every ST/T/S/SR label and every other average agrees (checks.md B4/B5)
    expect(fs.filter((x) => x.rule.startsWith("rkpd.predikat"))).toHaveLength(0);
    expect(fs.filter((x) => /program-k|urusan-k|total-k|seluruh/.test(x.rule))).toHaveLength(0);
  });

  it("Banjarmasin: 17 KET labels contradict the scale", () => {
    const fs = printed("banjarmasin-3-3").findings.filter(
      (x) => x.rule === "predikat.label-bertentangan"
    );
    expect(fs).toHaveLength(17);
    const s = byId("banjarmasin-3-3").printed;
    const pct = (f: Finding) => s.cells[f.row]?.[f.col - 1]?.value;
    const pairs = fs.map((f) => [pct(f), f.expected]);
    expect(pairs).toEqual(
      expect.arrayContaining([
        [72.36, "Cukup Berhasil"],
        [92.56, "Sangat Berhasil"],
        [16.07, "Tidak Berhasil"],
      ])
    );
  });
  it("Banjarmasin: Administrasi Umum rencana ≠ Σ subs, -100, and the 4 ratio mismatches", () => {
    const fs = printed("banjarmasin-3-3").findings;
    const adm = fs.find((x) => x.rule === "jumlah-anak" && x.printed === 851740100);
    expect(adm?.expected).toBe(576501800);
    expect(fs.find((x) => x.rule === "capaian-negatif")?.expected).toBe(0);
    expect(fs.filter((x) => x.rule === "realisasi-keuangan-persen")).toHaveLength(3);
  });
});

describe("seed plan on emptied grids", () => {
  for (const id of ["pk-iku", "tabel-i15", "rkpd-2022", "banjarmasin-3-3"]) {
    it(`${id}: refills the emptied cells, agreeing with correct prints; idempotent`, () => {
      const s = byId(id);
      const a = analyseSheet(s.emptied);
      const byCell = new Map(a.plan.writes.map((w) => [`${w.row},${w.col}`, w]));
      const wrong = new Set(printed(id).findings.map((f) => `${f.row},${f.col}`));
      let compared = 0;
      let agreeing = 0;
      for (const { row, col } of s.computed) {
        const w = byCell.get(`${row},${col}`);
        const p = s.printed.cells[row]?.[col];
        if (!w || !p || wrong.has(`${row},${col}`)) continue;
        if (typeof w.value === "number") {
          compared++;
          if (agrees(p.value, w.value, p.numFmt) !== "no") agreeing++;
        } else if (typeof w.value === "string" && w.value !== "" && typeof p.value === "string") {
          compared++;
          agreeing++;
        }
      }
      // Values downstream of a wrong print may differ. I.15: with nothing printed, Program I's subs
      // follow the stated '8 = 5:4' (own DPA), while the print uses shares of the parent DPA (14 cells).
      expect(agreeing / compared).toBeGreaterThan(id === "tabel-i15" ? 0.6 : 0.9);
      // I.15 col 7/10 of kegiatan and subs (fixed targets, pre-revision budgets) are not planned.
      expect(compared).toBeGreaterThan(s.computed.length * (id === "tabel-i15" ? 0.4 : 0.5));
      const again = analyseSheet(applyPlanToGrid(s.emptied, a.plan));
      expect(again.plan.writes).toHaveLength(0);
    });
  }
  it("E.81 synthetic form gets its computed columns", () => {
    const a = analyseSheet(e81Grid());
    expect(a.tables[0]?.kind).toBe("renja-e81");
    expect(a.plan.writes.length).toBeGreaterThan(10);
    expect(a.plan.writes.some((w) => w.rule === "e81.capaian")).toBe(true);
    // 14 = 6 + 12 per kind: K from K (G + S), never a rupiah sum in the K column.
    const w8 = a.plan.writes.find((w) => w.address === "W8");
    expect(w8?.formula).toBe("SUM(G8,S8)");
    expect(w8?.value).toBe(155);
  });
});

describe("summary paragraph on the seeds (one level per count, no averages or totals counted)", () => {
  const text = (id: string) => narrative(analyseSheet(byId(id).emptied));
  it("Sibolga 3.1.1: 5 indicators, 4 ST + 1 T (the 'Nilai rata-rata' row is not an indicator)", () => {
    expect(text("pk-iku")).toMatch(
      /^Dari 5 indikator yang dievaluasi, rata-rata capaian 97,00%\. Kategori Sangat Tinggi sebanyak 4 indikator, Kategori Tinggi sebanyak 1 indikator\./
    );
  });
  it("RKPD 2022: capaian counted per indicator (program/kegiatan averages not counted), the form's predikat per kegiatan apart (not the 'seluruh program' row)", () => {
    const t = text("rkpd-2022");
    expect(t).toMatch(
      /^Dari 25 indikator yang dievaluasi \(18 pada baris sub kegiatan, 7 pada baris indikator\), rata-rata capaian 103,60%\./
    );
    expect(t).toMatch(/Kategori ST sebanyak 24 indikator, Kategori SR sebanyak 1 indikator\./);
    expect(t).toMatch(/Predikat kinerja kegiatan pada tabel: ST sebanyak 6 kegiatan\./);
  });
  it("a PK with targets only says that nothing can be computed yet", () => {
    expect(text("pk-iku-tpi-pk-2024")).toMatch(/^Belum ada capaian yang dapat dihitung/);
  });
});

describe("E.81 footer rows", () => {
  it("offers drafts for faktor pendorong / penghambat / tindak lanjut and writes nothing there", () => {
    const grid = e81Grid();
    const a = analyseSheet(grid);
    const drafts = idTexts(a.messages).filter((m) => m.startsWith("Draf "));
    expect(drafts.map((d) => d.split(":")[0]).slice(0, 2)).toEqual([
      "Draf faktor pendorong",
      "Draf faktor penghambat",
    ]);
    // 93,52 % is the budget absorption (column 13 Rp): it is not a performance capaian.
    expect(drafts.join(" ")).not.toMatch(/93,52/);
    const footerRows = new Set(
      a.tables[0].rows.filter((r) => r.level === "footer").map((r) => r.row)
    );
    expect(footerRows.size).toBeGreaterThan(0);
    expect(a.plan.writes.filter((w) => footerRows.has(w.row))).toEqual([]);
  });
});
