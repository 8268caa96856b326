/**
 * The corpus script's independent check for indicator tables that have captions but no
 * column-number row (IKU forms with Polarisasi): it must agree with right values and catch
 * wrong ones, or the corpus table's "agree" column means nothing.
 */
import { captionCheck, sheetAfterWrites } from "../../scripts/corpus";
import { analyseSheet, type PlannedWrite, type SheetGrid } from "../../src/core/engine";

const v = (value: string | number | null) => ({ value });

function ikuGrid(): SheetGrid {
  return {
    name: "IKU",
    merges: [],
    cells: [
      [v("Laporan pencapaian IKU")],
      [v("No"), v("IKU"), v("Target"), v("Satuan"), v("Polarisasi"), v("Realisasi"), v("Capaian")],
      [v(1), v("Nilai SAKIP"), v(80), v("Nilai"), v("Maximize"), v(72), v(null)],
      [v(2), v("Persentase temuan berulang"), v(10), v("%"), v("Minimize"), v(7.21), v(null)],
      [v(3), v("Tingkat pengangguran"), v(5.5), v("%"), v("Minimize"), v(6.1), v(null)],
    ],
  };
}

describe("corpus caption check", () => {
  test("recomputes capaian by polarisation and predikat on the Permendagri bands", () => {
    const grid = ikuGrid();
    const writes = analyseSheet(grid).plan.writes;
    const at = sheetAfterWrites(grid, writes);
    const capaian = writes.filter((w) => w.col === 6 && w.row >= 2);
    expect(capaian.map((w) => captionCheck(w, grid, at)?.value)).toEqual([
      90,
      expect.closeTo(127.9, 9),
      expect.closeTo(89.0909090909, 9),
    ]);
    for (const w of capaian)
      expect(w.value).toBeCloseTo(captionCheck(w, grid, at)!.value as number, 9);
  });

  test("a wrong direction or a wrong band is not what the check computes", () => {
    const grid = ikuGrid();
    const wrong: PlannedWrite = {
      sheet: "IKU",
      row: 3,
      col: 6,
      address: "G4",
      value: 72.1,
      rule: "capaian",
    };
    const at = sheetAfterWrites(grid, [wrong]);
    // T / R for an inverse row (72.1 %) is what some apps do; the check wants (2T - R) / T.
    expect(captionCheck(wrong, grid, at)?.value).toBeCloseTo(127.9, 9);
    const predikat: PlannedWrite = {
      sheet: "IKU",
      row: 2,
      col: 7,
      address: "H3",
      value: "Sedang",
      rule: "predikat",
    };
    const withCaption = sheetAfterWrites(grid, [
      { sheet: "IKU", row: 1, col: 7, address: "H2", value: "Predikat", rule: "kolom-baru" },
      { sheet: "IKU", row: 2, col: 6, address: "G3", value: 90, rule: "capaian" },
    ]);
    expect(captionCheck(predikat, grid, withCaption)?.value).toBe("Tinggi");
  });

  test("a column the captions do not define is left to the other checks", () => {
    const grid = ikuGrid();
    const w: PlannedWrite = { sheet: "IKU", row: 2, col: 3, address: "D3", value: 1, rule: "x" };
    expect(captionCheck(w, grid, sheetAfterWrites(grid, []))).toBeNull();
  });
});
