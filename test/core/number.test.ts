import { MonevError, isMonevError } from "../../src/core/errors";
import { isAmbiguousNumberError, isCountUnit, parseAngka, requireNumber, toNumber } from "../../src/core/number";

describe("parseAngka: numbers and empties", () => {
  it("passes finite numbers through", () => {
    expect(parseAngka(12.5)).toEqual({ value: 12.5, percent: false, currency: false });
    expect(parseAngka(0)).toEqual({ value: 0, percent: false, currency: false });
    expect(parseAngka(-3)).toEqual({ value: -3, percent: false, currency: false });
  });
  it.each([NaN, Infinity, -Infinity])("rejects %p with NUM", (v) => {
    const r = parseAngka(v);
    expect(isMonevError(r) && r.code).toBe("NUM");
  });
  it.each([null, undefined, "", "   ", "-", " - ", "\u2013", "\u2014", "--", "NIHIL", "nihil", "Nihil", "\u00a0"])(
    "treats %p as no value",
    (v) => expect(parseAngka(v)).toBeNull(),
  );
  it.each([true, false])("rejects boolean %p", (v) => {
    const r = parseAngka(v);
    expect(r).toBeInstanceOf(MonevError);
    expect((r as MonevError).code).toBe("VALUE");
  });
  it("rejects dates", () => {
    const r = parseAngka(new Date(2024, 0, 1));
    expect((r as MonevError).code).toBe("VALUE");
    expect((r as MonevError).message).toContain("tanggal");
  });
});

describe("parseAngka: text as found in the seeds", () => {
  const cases: [string, number, Partial<{ percent: boolean; currency: boolean; unit: string; grade: string }>][] = [
    ["32,86", 32.86, { percent: false, currency: false }],
    ["87,44%", 87.44, { percent: true }],
    ["23,15 %", 23.15, { percent: true }],
    ["11.031.976.960", 11031976960, { currency: false }],
    ["Rp 11.031.976.960", 11031976960, { currency: true }],
    ["Rp. 7.200.837.838,-", 7200837838, { currency: true }],
    ["RP 7.168.392.500,-", 7168392500, { currency: true }],
    ["rp7.168.392.500", 7168392500, { currency: true }],
    ["40.416.120,00", 40416120, {}],
    ["54.436.500 ,00", 54436500, {}],
    ["5.517 Orang", 5517, { unit: "Orang" }],
    ["515 Orang", 515, { unit: "Orang" }],
    ["80,17 (A)", 80.17, { grade: "A" }],
    ["78 (BB)", 78, { grade: "BB" }],
    ["0,-", 0, { currency: true }],
    ["8,545,807,100", 8545807100, {}],
    ["93.77", 93.77, {}],
    ["-5,5", -5.5, {}],
    ["+7", 7, {}],
    ["\u22122,5", -2.5, {}],
    ["1.234,5", 1234.5, {}],
    ["1,234.5", 1234.5, {}],
    ["0,350", 0.35, {}],
    ["0.350", 0.35, {}],
    ["1234,567", 1234.567, {}],
    ["12,5678", 12.5678, {}],
    ["100", 100, {}],
    ["  42  ", 42, {}],
    ["Rp 1.500", 1500, { currency: true }],
    ["1.234,-", 1234, { currency: true }],
    ["1.500 Rp", 1500, { currency: true }],
    ["12 Bulan", 12, { unit: "Bulan" }],
    ["1.234.567,89 %", 1234567.89, { percent: true }],
  ];
  it.each(cases)("parses %p", (text, value, flags) => {
    const r = parseAngka(text);
    expect(isMonevError(r)).toBe(false);
    expect(r).not.toBeNull();
    const p = r as Exclude<typeof r, null | MonevError>;
    expect(p.value).toBeCloseTo(value, 10);
    for (const [k, v] of Object.entries(flags)) expect(p[k as keyof typeof p]).toEqual(v);
  });

  it.each(["35,350", "2,202", "1.234", "999.000", "-1,500", "1.234 km"])("refuses ambiguous %p", (text) => {
    const r = parseAngka(text) as MonevError;
    expect(r).toBeInstanceOf(MonevError);
    expect(r.code).toBe("VALUE");
    expect(r.message).toBe(`angka ambigu: '${text}' (ribuan atau desimal?)`);
    expect(isAmbiguousNumberError(r)).toBe(true);
  });

  it.each(["abc", "80-90", "1.2.3", "12 34", "1,2,3", "1.23.456", "1,234,56", "5.", ".5", "Rp", "%", "(A)", "1e5", "- -5", "1.234.5,6,7"])(
    "rejects %p as not a number",
    (text) => {
      const r = parseAngka(text) as MonevError;
      expect(r).toBeInstanceOf(MonevError);
      expect(r.code).toBe("VALUE");
      expect(isAmbiguousNumberError(r)).toBe(false);
      expect(r.message).toContain("bukan angka");
    },
  );

  it("negative zero text is 0", () => {
    expect((parseAngka("-0") as { value: number }).value).toBe(0);
  });
});

describe("toNumber / requireNumber / isCountUnit", () => {
  it("returns the value, null or the error", () => {
    expect(toNumber("87,44%")).toBe(87.44);
    expect(toNumber("-")).toBeNull();
    expect(isMonevError(toNumber("35,350"))).toBe(true);
  });
  it("requireNumber turns empty into NA", () => {
    const r = requireNumber(null, "x kosong", "x is empty") as MonevError;
    expect(r.code).toBe("NA");
    expect(r.message).toBe("x kosong");
    expect(requireNumber("3", "a", "b")).toBe(3);
  });
  it("knows count units", () => {
    expect(isCountUnit("Orang")).toBe(true);
    expect(isCountUnit("km")).toBe(false);
    expect(isCountUnit(undefined)).toBe(false);
  });
});
