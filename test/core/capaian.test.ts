import { MonevError, isMonevError } from "../../src/core/errors";
import { capaian, capaianFormula, parseTarget } from "../../src/core/capaian";

const err = (x: unknown) => x as MonevError;

describe("capaian normal", () => {
  it("R/T*100, unrounded", () => {
    expect(capaian(12, 7.21)).toBeCloseTo(60.0833333333, 8);
    expect(capaian(100, 100)).toBe(100);
    expect(capaian(80, 100)).toBe(125);
  });
  it("parses text numbers", () => {
    expect(capaian("12%", "7,21%")).toBeCloseTo(60.0833333333, 8);
    expect(capaian("Rp 1.000.000", "Rp 500.000,-")).toBe(50);
  });
  it("target 0 -> DIV0 with message", () => {
    const r = err(capaian(0, 5));
    expect(r.code).toBe("DIV0");
    expect(r.message).toContain("target 0");
  });
  it("default arah is normal", () => expect(capaian(10, 5, {})).toBe(50));
  it("does not clamp negative normal results", () => expect(capaian(10, -5)).toBe(-50));
});

describe("capaian inverse (rumus panjang)", () => {
  it("(2T-R)/T*100: T=12, R=7.21 -> 139.9166...", () => {
    expect(capaian(12, 7.21, { arah: "inverse" })).toBeCloseTo(139.91666666666, 9);
  });
  it("met exactly -> 100", () => expect(capaian(12, 12, { arah: "inverse" })).toBe(100));
  it("R=0 -> 200 (T>0)", () => expect(capaian(12, 0, { arah: "inverse" })).toBe(200));
  it("clamps negative results to 0", () => {
    expect(capaian(10, 30, { arah: "inverse" })).toBe(0);
    expect(capaian(10, 20, { arah: "inverse" })).toBe(0);
  });
  it("zero-case target: T=0,R=0 -> 100; T=0,R>0 -> 0; T=0,R<0 -> 100", () => {
    expect(capaian(0, 0, { arah: "inverse" })).toBe(100);
    expect(capaian(0, 3, { arah: "inverse" })).toBe(0);
    expect(capaian(0, -1, { arah: "inverse" })).toBe(100);
  });
});

describe("capaian inverse-rasio (T/R)", () => {
  it("T/R*100", () => expect(capaian(12, 6, { arah: "inverse-rasio" })).toBe(200));
  it("T=0 -> DIV0", () => {
    expect(err(capaian(0, 0, { arah: "inverse-rasio" })).code).toBe("DIV0");
    expect(err(capaian(0, 5, { arah: "inverse-rasio" })).code).toBe("DIV0");
  });
  it("R=0 -> DIV0 without cap, the cap with one", () => {
    const r = err(capaian(12, 0, { arah: "inverse-rasio" }));
    expect(r.code).toBe("DIV0");
    expect(r.message).toContain("realisasi 0");
    expect(capaian(12, 0, { arah: "inverse-rasio", cap: 120 })).toBe(120);
  });
  it("negative ratio clamped to 0", () =>
    expect(capaian(12, -6, { arah: "inverse-rasio" })).toBe(0));
});

describe("capaian inverse-selisih ((T-R)/T)", () => {
  it("(T-R)/T*100; 0 when met exactly", () => {
    expect(capaian(12, 6, { arah: "inverse-selisih" })).toBe(50);
    expect(capaian(12, 12, { arah: "inverse-selisih" })).toBe(0);
  });
  it("clamped at 0", () => expect(capaian(12, 20, { arah: "inverse-selisih" })).toBe(0));
  it("T=0 -> DIV0", () =>
    expect(err(capaian(0, 0, { arah: "inverse-selisih" })).code).toBe("DIV0"));
});

describe("capaian empties, errors, cap", () => {
  it.each([null, undefined, "", "-", "NIHIL"])("empty target %p -> NA target kosong", (t) => {
    const r = err(capaian(t, 5));
    expect(r.code).toBe("NA");
    expect(r.message).toBe("target kosong");
  });
  it.each([null, undefined, "", "-", "nihil"])("empty realisasi %p -> NA realisasi kosong", (r) => {
    const e = err(capaian(5, r));
    expect(e.code).toBe("NA");
    expect(e.message).toBe("realisasi kosong");
  });
  it("non-numeric text -> VALUE naming the value", () => {
    const e = err(capaian("abc", 5));
    expect(e.code).toBe("VALUE");
    expect(e.message).toContain("'abc'");
    expect(err(capaian(5, "xyz")).message).toContain("'xyz'");
  });
  it("booleans and dates -> VALUE", () => {
    expect(err(capaian(true, 5)).code).toBe("VALUE");
    expect(err(capaian(5, new Date())).code).toBe("VALUE");
  });
  it("ambiguous text -> VALUE angka ambigu", () => {
    expect(err(capaian("35,350", 5)).message).toContain("angka ambigu");
  });
  it("unknown arah at runtime -> VALUE", () => {
    expect(err(capaian(5, 5, { arah: "foo" as never })).code).toBe("VALUE");
  });
  it("cap = min(result, cap)", () => {
    expect(capaian(80, 100, { cap: 100 })).toBe(100);
    expect(capaian(80, 100, { cap: 120 })).toBe(120);
    expect(capaian(80, 40, { cap: 100 })).toBe(50);
    expect(capaian(12, 0, { arah: "inverse", cap: 120 })).toBe(120);
    expect(capaian(80, 100, { cap: null })).toBe(125);
  });
  it("NaN/Infinity input -> NUM", () => {
    expect(err(capaian(NaN, 1)).code).toBe("NUM");
    expect(err(capaian(1, Infinity)).code).toBe("NUM");
  });
  it("overflowing result -> NUM", () => {
    expect(err(capaian(1e-320, 1e300)).code).toBe("NUM");
  });
});

describe("capaian range targets", () => {
  it("parseTarget reads ranges", () => {
    expect(parseTarget("80-90")).toEqual({ lo: 80, hi: 90 });
    expect(parseTarget("80 - 90")).toEqual({ lo: 80, hi: 90 });
    expect(parseTarget("80% - 90%")).toEqual({ lo: 80, hi: 90 });
    expect(parseTarget("7,5 s.d. 8,5")).toEqual({ lo: 7.5, hi: 8.5 });
    expect(parseTarget("10 sampai dengan 20")).toEqual({ lo: 10, hi: 20 });
    expect(parseTarget(85)).toEqual({ lo: 85, hi: 85 });
    expect(parseTarget(null)).toBeNull();
    expect(err(parseTarget("90-80")).message).toContain("terbalik");
    expect(isMonevError(parseTarget("a-b"))).toBe(true);
  });
  it("normal: inside -> 100, below -> R/lo*100, above -> 100", () => {
    expect(capaian("80-90", 85)).toBe(100);
    expect(capaian("80-90", 80)).toBe(100);
    expect(capaian("80-90", 90)).toBe(100);
    expect(capaian("80 - 90", 40)).toBe(50);
    expect(capaian("80-90", 95)).toBe(100);
  });
  it("normal range with lo=0 and R<0 -> DIV0", () => {
    expect(err(capaian("0-10", -1)).code).toBe("DIV0");
  });
  it("inverse: at or below hi -> 100, above hi -> formula with T=hi", () => {
    expect(capaian("5-10", 7, { arah: "inverse" })).toBe(100);
    expect(capaian("5-10", 2, { arah: "inverse" })).toBe(100);
    expect(capaian("5-10", 12, { arah: "inverse" })).toBe(80);
    expect(capaian("5-10", 20, { arah: "inverse-rasio" })).toBe(50);
    expect(capaian("5-10", 12, { arah: "inverse-selisih" })).toBe(0);
  });
  it("range realisation is not a number", () => {
    expect(err(capaian(10, "5-6")).code).toBe("VALUE");
  });
});

describe("capaianFormula text", () => {
  it("builds the documented inverse formula", () => {
    expect(capaianFormula("E5", "F5", { arah: "inverse" })).toBe(
      'IF(AND(ISNUMBER(E5),ISNUMBER(F5)),IF(E5=0,IF(F5<=0,100,0),MAX(0,(2*E5-F5)/E5*100)),"")'
    );
  });
  it("normal", () => {
    expect(capaianFormula("E5", "F5")).toBe(
      'IF(AND(ISNUMBER(E5),ISNUMBER(F5)),IF(E5=0,"",F5/E5*100),"")'
    );
  });
  it("uses no modern functions", () => {
    for (const arah of ["normal", "inverse", "inverse-rasio", "inverse-selisih"] as const) {
      for (const cap of [null, 120]) {
        const f = capaianFormula("A1", "B1", { arah, cap });
        expect(f).not.toMatch(/LET|IFS\(|XLOOKUP|SWITCH|;/);
        expect(f.startsWith("=")).toBe(false);
      }
    }
  });
});
