/** The column-number row as the form's definition of its columns. */
import {
  asPercentRatio,
  buildDefinitions,
  exprText,
  isPlainSum,
  parseDefinition,
  refsOf,
} from "../../src/core/engine/recognise/definitions";

const known = new Set(Array.from({ length: 20 }, (_, i) => i + 1));
const text = (s: string) => {
  const e = parseDefinition(s, known);
  return e ? exprText(e) : undefined;
};

describe("parseDefinition", () => {
  it.each([
    ["12 = 8+9+10+11", "8 + 9 + 10 + 11"],
    ["15 = 11 + 12 + 13 + 14", "11 + 12 + 13 + 14"],
    ["13 = 12/7*100", "12 / 7 × 100"],
    ["13 = 12/7 x 100", "12 / 7 × 100"],
    ["16 = 15 / 10 * 100", "15 / 10 × 100"],
    ["13 = 12 : 7 × 100", "12 / 7 × 100"],
    ["8 = 5:4", "5 / 4"],
    ["(5)=(4)/(3)x100%", "4 / 3 × 100"],
    ["14 = 6 + 12", "6 + 12"],
    ["6 = 4-5", "4 - 5"],
    ["16 = (14/5)*100", "14 / 5 × 100"],
    ["l3 = l2/7*100", "12 / 7 × 100"],
  ])("%s", (s, want) => {
    expect(text(s)).toBe(want);
  });

  it("reads the mean of the children", () => {
    expect(parseDefinition("11 = ΣN : n", known)).toEqual({ t: "mean-children" });
    expect(parseDefinition("11 = \u2211N/n", known)).toEqual({ t: "mean-children" });
  });

  it("refuses what it cannot read, instead of guessing", () => {
    expect(parseDefinition("13 = 12/7*99", known)).toBeUndefined(); // 99 is no column and no factor
    expect(parseDefinition("13 = 12/", known)).toBeUndefined();
    expect(parseDefinition("13 = rata-rata", known)).toBeUndefined();
    expect(parseDefinition("13", known)).toBeUndefined();
    expect(parseDefinition("13 = 12", known)).toBeUndefined(); // a copy defines nothing to compute
    expect(parseDefinition("13 = 25 + 1", known)).toBeUndefined(); // 25 is not a printed column
  });

  it("classifies sums and percent ratios", () => {
    const sum = parseDefinition("12 = 8+9+10+11", known)!;
    expect(isPlainSum(sum)).toBe(true);
    expect(refsOf(sum)).toEqual([8, 9, 10, 11]);
    expect(asPercentRatio(parseDefinition("13 = 12/7*100", known)!)).toEqual({ num: 12, den: 7 });
    expect(asPercentRatio(parseDefinition("8 = 5:4", known)!)).toBeUndefined();
    expect(isPlainSum(parseDefinition("6 = 4-5", known)!)).toBe(false);
  });
});

describe("buildDefinitions", () => {
  it("maps a printed number to its K / Rp sub-columns; the satuan half of a merged K holds no value", () => {
    const d = buildDefinitions([
      { col: 7, number: 5, sub: "k" },
      { col: 8, number: 5, subContinuation: true },
      { col: 9, number: 5, sub: "rp" },
      { col: 10, number: 6 },
      { col: 11, number: 7, sub: "k", formulaText: "7 = 5 + 6" },
      { col: 12, number: 7, sub: "rp" },
    ])!;
    expect(d.byNumber.get(5)?.subs).toEqual([
      { col: 7, kind: "k" },
      { col: 9, kind: "rp" },
    ]);
    expect(d.byNumber.get(6)?.subs).toEqual([{ col: 10, kind: "value" }]);
    expect(d.byCol.get(8)).toBeUndefined();
    expect(d.byNumber.get(7)?.expr && exprText(d.byNumber.get(7)!.expr!)).toBe("5 + 6");
  });
  it("marks a printed formula it cannot read", () => {
    const d = buildDefinitions([
      { col: 0, number: 1 },
      { col: 1, number: 2, formulaText: "2 = 1 ?? 3" },
    ])!;
    expect(d.byNumber.get(2)?.unparsed).toBe(true);
  });
});
