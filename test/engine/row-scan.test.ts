/**
 * The row scan's column-number verdict (RowScan.columnNumbers), judged in the scan's own pass over
 * the cells: every body row of a sheet is asked, so it must be right on body rows as on the forms'
 * real column-number rows.
 */
import { scanRow } from "../../src/core/engine/recognise/cells";
import type { CellValue } from "../../src/core/errors";
import type { SheetGrid } from "../../src/core/engine/types";

function row(...values: (CellValue | undefined)[]): SheetGrid {
  return {
    name: "S",
    cells: [values.map((v) => (v === undefined ? undefined : { value: v }))],
    merges: [],
  };
}
const verdict = (...values: (CellValue | undefined)[]) => scanRow(row(...values), 0).columnNumbers;

describe("scanRow: column-number rows", () => {
  it("takes numbers, printed texts and stated formulas", () => {
    expect(verdict(1, 2, 3, 4, 5, 6)).toBe(true);
    expect(verdict("(1)", "(2)", "(3)", "(4)")).toBe(true);
    expect(verdict("1", "2", "3", "12 = 8+9+10+11", "13 = 12/7*100")).toBe(true);
    // Numbering from 2 after a caption cell, and blank cells around the row.
    expect(verdict(undefined, "Kolom", 2, 3, 4, 5, undefined)).toBe(true);
  });

  it("rejects body rows, years and short or broken numberings", () => {
    expect(verdict("1.01.01", "Program Penunjang", 100, 12500000, 95.5)).toBe(false);
    expect(verdict(3, 4, 5, 6)).toBe(false); // starts beyond 2
    expect(verdict(1, 2)).toBe(false); // fewer than three
    expect(verdict(1, 2, 3, 2024)).toBe(false); // a year: a header row of years
    expect(verdict(1, 5, 9, 13, 17)).toBe(false); // not consecutive
    expect(verdict(1, 2, 3, "a", "b")).toBe(false); // too many non-numbers (2 of 5)
  });

  it("counts blank-but-not-empty cells between numbers as non-numbers, not those outside", () => {
    // Four numbers and one cell of spaces inside: 1 of 5 is tolerated.
    expect(verdict("  ", 1, 2, "   ", 3, 4, "  ")).toBe(true);
    // Two cells of spaces inside four numbers: 2 of 6 is too many.
    expect(verdict(1, " ", 2, " ", 3, 4)).toBe(false);
  });

  it("keeps the row's counts beside the verdict", () => {
    const s = scanRow(row(undefined, "No", 1, "2", " ", 2024, "Rp 1.000"), 0);
    expect(s).toEqual({
      filled: 5,
      numeric: 4,
      text: 1,
      years: 1,
      firstCol: 1,
      lastCol: 6,
      columnNumbers: false,
    });
  });
});
