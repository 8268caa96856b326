import { MonevError, isMonevError } from "../../src/core/errors";
import {
  detectConvention,
  isAmbiguousNumberError,
  isCountUnit,
  parseAngka,
  requireNumber,
  toNumber,
} from "../../src/core/number";

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
  it.each([
    null,
    undefined,
    "",
    "   ",
    "-",
    " - ",
    "\u2013",
    "\u2014",
    "--",
    "NIHIL",
    "nihil",
    "Nihil",
    "\u00a0",
  ])("treats %p as no value", (v) => expect(parseAngka(v)).toBeNull());
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
  const cases: [
    string,
    number,
    Partial<{ percent: boolean; currency: boolean; unit: string; grade: string }>,
  ][] = [
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

  it.each(["35,350", "2,202", "1.234", "999.000", "-1,500", "1.234 km"])(
    "refuses ambiguous %p",
    (text) => {
      const r = parseAngka(text) as MonevError;
      expect(r).toBeInstanceOf(MonevError);
      expect(r.code).toBe("VALUE");
      expect(r.message).toBe(`angka ambigu: '${text}' (ribuan atau desimal?)`);
      expect(isAmbiguousNumberError(r)).toBe(true);
    }
  );

  it.each([
    "abc",
    "80-90",
    "1.2.3",
    "12 34",
    "1,2,3",
    "1.23.456",
    "1,234,56",
    "5.",
    ".5",
    "Rp",
    "%",
    "(A)",
    "1e5",
    "- -5",
    "1.234.5,6,7",
  ])("rejects %p as not a number", (text) => {
    const r = parseAngka(text) as MonevError;
    expect(r).toBeInstanceOf(MonevError);
    expect(r.code).toBe("VALUE");
    expect(isAmbiguousNumberError(r)).toBe(false);
    expect(r.message).toContain("bukan angka");
  });

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

describe("parseAngka: linear time on adversarial text", () => {
  const N = 10_000;
  const adversarial: [string, string][] = [
    ["63 + 100 spaces + *)", "63" + " ".repeat(100) + "*)"],
    ["63 + 10,000 spaces + *)", "63" + " ".repeat(N) + "*)"],
    ["1 1 1 ... x", "1 ".repeat(N / 2) + "x"],
    ["1.1.1.1....", "1.".repeat(N / 2)],
    ["1,1,1 ... x", "1,".repeat(N / 2) + "x"],
    ["1 . 1 . ... x", "1 . ".repeat(N / 4) + "x"],
    ["digits + x", "1".repeat(N) + "x"],
    ["Rp + spaces + x", "Rp" + " ".repeat(N) + "x"],
    ["- Rp - + spaces", "- Rp -" + " ".repeat(N) + "*"],
    ["1 + long unit + *", "1 " + "a ".repeat(N / 2) + "*"],
    ["1 a + '. ' run + *", "1 a" + ". ".repeat(N / 2) + "*"],
    ["1 % + tabs and nbsp + *", "1 %" + "\t\u00a0".repeat(N / 2) + "*"],
    ["unclosed grades", "1 a" + " (A".repeat(N / 3)],
  ];

  it.each(adversarial)("%s is not a number", (_name, text) => {
    const r = parseAngka(text) as MonevError;
    expect(r).toBeInstanceOf(MonevError);
    expect(r.code).toBe("VALUE");
  });

  it("parses all of them in well under 200 ms in total", () => {
    const t0 = performance.now();
    for (const [, text] of adversarial) parseAngka(text);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(200);
  });

  it("collapses whitespace runs before matching", () => {
    expect(parseAngka("Rp" + " ".repeat(N) + "1.500")).toMatchObject({
      value: 1500,
      currency: true,
    });
    expect(parseAngka("54.436.500" + " ".repeat(50) + ",00")).toMatchObject({ value: 54436500 });
    expect(parseAngka("5 Rumah  \t Tangga")).toMatchObject({ value: 5, unit: "Rumah Tangga" });
  });

  it("refuses text over 100 characters", () => {
    const long = "5 " + "Orang ".repeat(20);
    expect((parseAngka(long) as MonevError).message).toContain("bukan angka");
    expect(parseAngka("5 " + "a".repeat(98))).toMatchObject({ value: 5 });
  });
});

describe("parseAngka: sheet number convention", () => {
  it.each([
    ["1.020", "id", 1020],
    ["1.020", "en", 1.02],
    ["35,350", "id", 35.35],
    ["35,350", "en", 35350],
    ["-1,500", "en", -1500],
    ["1.234 km", "id", 1234],
    ["999.000 %", "en", 999],
  ] as const)("resolves %p with convention %p to %p", (text, convention, value) => {
    expect(parseAngka(text, { convention })).toMatchObject({ value });
    expect(toNumber(text, { convention })).toBeCloseTo(value, 10);
  });

  it("leaves unambiguous text and whole amounts alone", () => {
    expect(toNumber("6,50", { convention: "en" })).toBe(6.5);
    expect(toNumber("12.500.000", { convention: "en" })).toBe(12500000);
    expect(toNumber("0.350", { convention: "id" })).toBe(0.35);
    expect(toNumber("Rp 1.500", { convention: "en" })).toBe(1500);
    expect(toNumber("5.517 Orang", { convention: "en" })).toBe(5517);
  });

  it("without a convention stays ambiguous", () => {
    expect(isAmbiguousNumberError(parseAngka("1.020"))).toBe(true);
    expect(isAmbiguousNumberError(parseAngka("1.020", {}))).toBe(true);
    expect(isAmbiguousNumberError(toNumber("35,350", { convention: undefined }))).toBe(true);
  });
});

describe("detectConvention", () => {
  it.each([
    [["6,50"], "id"],
    [["12.500.000"], "id"],
    [["1.234,5"], "id"],
    [["Rp 1.500"], "id"],
    [["87,44%", "5.517 Orang"], "id"],
    [["6.50"], "en"],
    [["12,500,000"], "en"],
    [["1,234.5"], "en"],
    [["93.77 %", "8,545,807,100"], "en"],
  ] as const)("%p -> %p", (values, expected) => {
    expect(detectConvention(values)).toBe(expected);
  });

  it("ignores non-strings, plain integers, ambiguous and non-number text", () => {
    expect(detectConvention([])).toBeUndefined();
    expect(
      detectConvention([
        12.5,
        1020,
        null,
        undefined,
        true,
        new Date(NaN),
        "100",
        "1.020",
        "35,350",
        "abc",
        "1.2.3",
        "-",
        "Tahun 2024",
      ])
    ).toBeUndefined();
    expect(detectConvention(["1.020", "6,50", 6.5, "Kab. Bantul, DIY"])).toBe("id");
  });

  it("is undefined when the evidence conflicts, the dominant side when it holds >= 90%", () => {
    expect(detectConvention(["6,50", "6.50"])).toBeUndefined();
    const mostlyId = [...Array<string>(9).fill("12.500.000"), "6.50"];
    expect(detectConvention(mostlyId)).toBe("id");
    const split = [...Array<string>(8).fill("12.500.000"), "6.50", "1,5"];
    expect(detectConvention(split)).toBe("id");
    expect(
      detectConvention([...Array<string>(8).fill("12,500,000"), "6,50", "1,5"])
    ).toBeUndefined();
  });

  it("accepts any iterable and skips long strings", () => {
    expect(detectConvention(new Set(["6,50"]).values())).toBe("id");
    expect(detectConvention(["6,50" + " ".repeat(200)])).toBeUndefined();
  });

  it("runs over 50,000 cells with adversarial text fast", () => {
    const cells: unknown[] = [];
    for (let i = 0; i < 50_000; i++)
      cells.push(
        i % 5 === 0
          ? "63" + " ".repeat(60) + "*)"
          : i % 5 === 1
            ? "1.1.1.1.1.1.x"
            : i % 5 === 2
              ? `${i},50`
              : i
      );
    const t0 = performance.now();
    expect(detectConvention(cells)).toBe("id");
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
