import { idText, idTexts } from "./messages-text";
import {
  analyseTables,
  applyPlanToGrid,
  cellAddress,
  columnLetter,
  parseAddress,
} from "../../src/core/engine";
import { plan } from "../../src/core/engine/plan";
import { COLS, grid, indikatorTable } from "./helpers";

function sample() {
  const g = grid([
    ["No", "Indikator", "Target", "Realisasi"],
    [1, "Persentase koperasi aktif", 80, 72],
    [2, "Jumlah UMKM binaan", 50, 50],
    [null, "Rata-rata", null, null],
  ]);
  const t = indikatorTable(g, COLS, ["indikator", "indikator", "rata-rata"]);
  return { g, t };
}

describe("address", () => {
  it("converts both ways", () => {
    expect(columnLetter(0)).toBe("A");
    expect(columnLetter(26)).toBe("AA");
    expect(cellAddress(11, 27)).toBe("AB12");
    expect(parseAddress("$AB$12")).toEqual({ row: 11, col: 27 });
    expect(parseAddress("x")).toBeNull();
  });
});

describe("plan: indikator", () => {
  it("appends Capaian and Predikat columns with formulas and cached values", () => {
    const { g, t } = sample();
    const p = plan(t, g);
    const at = (a: string) => p.writes.find((w) => w.address === a);
    expect(at("E1")).toMatchObject({ value: "Capaian (%)", isHeader: true });
    expect(at("F1")).toMatchObject({ value: "Predikat", isHeader: true });
    expect(at("E2")?.value).toBeCloseTo(90);
    expect(at("E2")?.formula).toBe('IF(AND(ISNUMBER(C2),ISNUMBER(D2)),IF(C2=0,"",D2/C2*100),"")');
    expect(at("E2")?.numFmt).toBe("0.00");
    expect(at("F2")?.value).toBe("Tinggi");
    expect(at("F3")?.value).toBe("Sangat Tinggi");
    expect(at("E4")?.value).toBeCloseTo(95);
    expect(at("E4")?.formula).toBe('IFERROR(AVERAGE(E2:E3),"")');
    expect(at("F4")?.value).toBe("Sangat Tinggi");
    for (const w of p.writes) if (w.formula) expect(w.formula).not.toMatch(/LET|IFS|XLOOKUP|;/);
  });

  it("is idempotent: applying the plan and planning again writes nothing", () => {
    const { g, t } = sample();
    const p = plan(t, g);
    const g2 = applyPlanToGrid(g, p);
    const again = plan(t, g2);
    expect(again.writes).toHaveLength(0);
    expect(again.conflicts).toHaveLength(0);
  });

  it("treats a cell holding our formula as done even when its cached value is missing or stale", () => {
    const { g, t } = sample();
    const p = plan(t, g);
    const g2 = applyPlanToGrid(g, p);
    // As Office.js reads a sheet that has not recalculated: formulas present, values blank or old.
    for (const w of p.writes)
      if (w.formula)
        g2.cells[w.row][w.col] = {
          value: w.rule.startsWith("capaian") ? 1 : null,
          formula: `=${w.formula}`,
        };
    const again = plan(t, g2);
    expect(again.writes).toHaveLength(0);
    expect(again.conflicts).toHaveLength(0);
    // The user's own formula with the right value is left alone: neither a write nor a conflict.
    g2.cells[1][4] = { value: 90, formula: "=D2/C2*100" };
    expect(plan(t, g2).conflicts).toHaveLength(0);
    expect(plan(t, g2).writes).toHaveLength(0);
    // A formula with a different value is the user's content and disagrees: a conflict.
    g2.cells[1][4] = { value: 95, formula: "=D2/C2*100+5" };
    expect(plan(t, g2).conflicts.map((c) => c.address)).toEqual(["E2"]);
  });

  it("puts non-empty target cells in conflicts, and writes them with overwrite", () => {
    const { g, t } = sample();
    g.cells[1][4] = { value: 12 };
    g.cells[0][4] = { value: "Capaian (%)" };
    const p = plan(t, g);
    const c = p.conflicts.find((w) => w.address === "E2");
    expect(c?.previous?.value).toBe(12);
    expect(p.writes.find((w) => w.address === "E2")).toBeUndefined();
    // the predikat is not computed from a capaian that disagrees with its own rule: a note says so
    expect(p.writes.find((w) => w.address === "F2")).toBeUndefined();
    expect(idTexts(p.notes).some((n) => /^F2 tidak diisi: masukannya E2/.test(n))).toBe(true);
    const o = plan(t, g, { overwrite: true });
    const w = o.writes.find((x) => x.address === "E2");
    expect(w?.value).toBeCloseTo(90);
    expect(w?.previous?.value).toBe(12);
    expect(o.writes.find((x) => x.address === "F2")?.value).toBe("Tinggi");
  });

  it("writes the value with a note when an input is text", () => {
    const { g, t } = sample();
    g.cells[1][3] = { value: "87,44" };
    const p = plan(t, g);
    const w = p.writes.find((x) => x.address === "E2");
    expect(w?.formula).toBeUndefined();
    expect(w?.value).toBeCloseTo(109.3);
    expect(idText(w?.note)).toMatch(/teks/);
    expect(idTexts(p.notes).join(" ")).toMatch(/teks/);
  });

  it("uses the inverse formula from an arah column", () => {
    const g = grid([
      ["No", "Indikator", "Target", "Realisasi", "Arah"],
      [1, "Persentase perselisihan", 12, 7.21, "inverse"],
    ]);
    const t = indikatorTable(g, [...COLS, { col: 4, role: "arah", header: "Arah" }], ["indikator"]);
    const p = plan(t, g);
    const w = p.writes.find((x) => x.address === "F2");
    expect(w?.value).toBeCloseTo(139.9167, 3);
    expect(w?.formula).toContain("2*C2");
  });

  it("applies an inverse suggestion only with arah 'auto'", () => {
    const g = grid([
      ["No", "Indikator", "Target", "Realisasi"],
      [1, "Tingkat pengangguran terbuka", 6, 5],
    ]);
    const t = indikatorTable(g, COLS, ["indikator"]);
    const normal = plan(t, g);
    expect(normal.writes.find((x) => x.address === "E2")?.value).toBeCloseTo(83.333, 2);
    expect(idTexts(normal.notes).join(" ")).toMatch(/semakin rendah semakin baik/);
    const auto = plan(t, g, { arah: "auto" });
    expect(auto.writes.find((x) => x.address === "E2")?.value).toBeCloseTo(116.667, 2);
  });

  it("analyseTables reports no table", () => {
    const g = grid([["x"]]);
    const a = analyseTables(g, []);
    expect(idText(a.messages[0])).toMatch(/tidak ditemukan tabel/);
  });
});
