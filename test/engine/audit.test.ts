import { audit } from "../../src/core/engine/audit";
import { agrees, labelBand, printedDecimals } from "../../src/core/engine/compare";
import { SCALES } from "../../src/core/predikat";
import { narrative, summarise } from "../../src/core/engine/summary";
import { analyseTables } from "../../src/core/engine";
import { COLS, grid, indikatorTable } from "./helpers";

describe("compare", () => {
  it("agrees to printed precision, truncation reported separately", () => {
    expect(agrees(87.44, 87.4381)).toBe("yes");
    expect(agrees("87,44%", 87.4381)).toBe("yes");
    expect(agrees(16.07, 16.0769)).toBe("truncated");
    expect(agrees(0, 9.1829)).toBe("no");
    expect(agrees(100, 99.9996)).toBe("yes");
    expect(printedDecimals(100, "0.00")).toBe(2);
    // A number cell with more digits than its format shows is compared as shown.
    expect(agrees(87.43814387009017, 87.43814387009017, "0.00")).toBe("yes");
    expect(agrees(87.438, 87.4449, "0.00")).toBe("yes");
    expect(agrees(87.438, 87.46, "0.00")).toBe("no");
    expect(printedDecimals("11.031.976.960")).toBe(0);
  });
  it("reads OCR-damaged labels", () => {
    expect(labelBand("Sangat Berhasi 1", SCALES.berhasil)).toBe(0);
    expect(labelBand("Sangat Berhasil 1", SCALES.berhasil)).toBe(0);
    expect(labelBand("Cukup Berhasi 1", SCALES.berhasil)).toBe(2);
    expect(labelBand("ST", SCALES.permendagri86)).toBe(0);
    expect(labelBand("Baik", SCALES.permendagri86)).toBeUndefined();
  });
});

describe("audit: indikator", () => {
  const g = grid([
    ["No", "Indikator", "Target", "Realisasi", "Capaian", "Kategori"],
    [1, "A", 80, 72, 90, "Tinggi"],
    [2, "B", 50, 40, 85, "Sangat Tinggi"],
    [3, "C", 20, 20, 100, "Baik"],
  ]);
  const t = indikatorTable(
    g,
    [
      ...COLS,
      { col: 4, role: "capaian", header: "Capaian" },
      { col: 5, role: "predikat", header: "Kategori" },
    ],
    ["indikator", "indikator", "indikator"]
  );
  const f = audit(t, g);
  it("reports a wrong capaian", () => {
    const x = f.find((y) => y.address === "E3");
    expect(x?.expected).toBeCloseTo(80);
    expect(x?.printed).toBe(85);
    expect(x?.message).toMatch(/tercetak 85,00, hasil hitung 80,00/);
  });
  it("reports labels against the scale", () => {
    expect(f.find((y) => y.address === "F3")?.rule).toBe("predikat.label-bertentangan");
    expect(f.find((y) => y.address === "F4")?.rule).toBe("predikat.label-tidak-dikenal");
    expect(f.find((y) => y.address === "F2")).toBeUndefined();
    expect(f.find((y) => y.address === "E2")).toBeUndefined();
  });
  it("summarises", () => {
    const a = analyseTables(g, [t]);
    const s = summarise(a);
    expect(s.findings).toBe(3);
    expect(narrative(a)).toMatch(/Kategori/);
  });
});
