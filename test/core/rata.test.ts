import { MonevError } from "../../src/core/errors";
import { rata } from "../../src/core/rata";

const err = (x: unknown) => x as MonevError;

describe("rata", () => {
  it("plain mean, unrounded", () => {
    expect(rata([100, 41.667, 95.192, 100])).toBeCloseTo(84.21475, 6);
  });
  it("skips '-', blanks, NIHIL, non-numeric text, booleans and dates", () => {
    expect(rata([100, "-", "", null, undefined, "NIHIL", "n/a text", true, new Date(), 50])).toBe(
      75
    );
  });
  it("parses Indonesian text numbers", () => {
    expect(rata(["87,44%", "92,56", 100])).toBeCloseTo(93.3333333, 6);
  });
  it("ambiguous text is an error, not skipped", () => {
    expect(err(rata([100, "35,350"])).message).toContain("angka ambigu");
  });
  it("NaN/Infinity numbers are errors", () => {
    expect(err(rata([1, NaN])).code).toBe("NUM");
    expect(err(rata([1, Infinity])).code).toBe("NUM");
  });
  it("nothing to average -> DIV0", () => {
    expect(err(rata([])).code).toBe("DIV0");
    expect(err(rata(["-", null, "abc"])).code).toBe("DIV0");
  });
  it("cap limits each value before averaging", () => {
    expect(rata([150, 50], { cap: 100 })).toBe(75);
    expect(rata([150, 50], { cap: 120 })).toBe(85);
    expect(rata([150, 50], { cap: null })).toBe(100);
  });
  it("flattens 2-D ranges", () => {
    expect(rata([[100, 50], [0]])).toBe(50);
  });
  it("overflowing mean -> NUM", () => {
    expect(err(rata([1.7e308, 1.7e308])).code).toBe("NUM");
  });
});
