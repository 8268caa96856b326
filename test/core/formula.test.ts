/**
 * The native formula builders agree with the TypeScript rules on numeric inputs, evaluated by
 * HyperFormula in process (LibreOffice checks live elsewhere). Where a rule returns an error,
 * the formula returns "".
 */
import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import * as core from "../../src/core";
import { isMonevError } from "../../src/core/errors";

type Row = { a: number; b: number; formula: string; expected: number | string };

function evaluate(rows: Row[]): (number | string)[] {
  const data = rows.map((r, i) => [r.a, r.b, "=" + r.formula.replace(/\{row\}/g, String(i + 1))]);
  const hf = HyperFormula.buildFromArray(data, {
    licenseKey: "gpl-v3",
    smartRounding: false,
    precisionEpsilon: 0,
  });
  const out = rows.map((_r, i) => {
    const v = hf.getCellValue({ sheet: 0, row: i, col: 2 });
    return typeof v === "number" || typeof v === "string" ? v : `#ERR ${JSON.stringify(v)}`;
  });
  hf.destroy();
  return out;
}

function agree(actual: number | string, expected: number | string): boolean {
  if (typeof expected === "string" || typeof actual === "string") return actual === expected;
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

// Values as they occur in monev sheets, plus zeros and negatives for the edge rules.
const value = fc.oneof(
  fc.constantFrom(0, 0, 100, 12, 7.21, 50, 75, 90, 90.01, 65, 50.01, 91, 80, 60, 30, -5),
  fc.integer({ min: -200, max: 1000 }),
  fc.integer({ min: -20000, max: 200000 }).map((n) => n / 100)
);
const arah = fc.constantFrom<core.Arah>("normal", "inverse", "inverse-rasio", "inverse-selisih");
const cap = fc.constantFrom<number | null>(null, 100, 120);

describe("capaianFormula agrees with capaian (HyperFormula)", () => {
  it("on random numeric inputs", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, value, arah, cap), { minLength: 1, maxLength: 60 }),
        (cases) => {
          const rows: Row[] = cases.map(([t, r, a, c]) => {
            const x = core.capaian(t, r, { arah: a, cap: c });
            return {
              a: t,
              b: r,
              formula: core.capaianFormula("A{row}", "B{row}", { arah: a, cap: c }),
              expected: isMonevError(x) ? "" : x,
            };
          });
          const got = evaluate(rows);
          rows.forEach((row, i) => {
            if (!agree(got[i], row.expected)) {
              throw new Error(
                `T=${row.a} R=${row.b} ${row.formula}: formula ${got[i]} vs capaian ${row.expected}`
              );
            }
          });
        }
      ),
      { numRuns: 40 }
    );
  });
  it("returns '' for blank and text cells", () => {
    const hf = HyperFormula.buildFromArray(
      [
        [null, 5, "=" + core.capaianFormula("A1", "B1")],
        ["abc", 5, "=" + core.capaianFormula("A2", "B2", { arah: "inverse" })],
        [5, null, "=" + core.capaianFormula("A3", "B3", { arah: "inverse-rasio" })],
      ],
      { licenseKey: "gpl-v3" }
    );
    for (let row = 0; row < 3; row++) expect(hf.getCellValue({ sheet: 0, row, col: 2 })).toBe("");
    hf.destroy();
  });
});

describe("predikatFormula agrees with predikat (HyperFormula)", () => {
  it("on every built-in scale and both forms, including the boundaries", () => {
    const bounds = Object.values(core.SCALES).flatMap((s) =>
      s.bands.map((b) => b.min).filter(Number.isFinite)
    );
    const values = fc.oneof(
      value,
      fc.constantFrom(...bounds),
      fc.constantFrom(...bounds).map((b) => b + 0.01),
      fc.constantFrom(...bounds).map((b) => b - 0.01)
    );
    fc.assert(
      fc.property(fc.array(values, { minLength: 1, maxLength: 40 }), (xs) => {
        const rows: Row[] = [];
        for (const x of xs) {
          for (const s of Object.values(core.SCALES)) {
            for (const form of ["panjang", "kode"] as const) {
              rows.push({
                a: x,
                b: 0,
                formula: core.predikatFormula("A{row}", s, form),
                expected: core.predikat(x, s, form) as string,
              });
            }
          }
        }
        const got = evaluate(rows);
        rows.forEach((row, i) => {
          if (got[i] !== row.expected)
            throw new Error(`x=${row.a} ${row.formula}: ${got[i]} vs ${row.expected}`);
        });
      }),
      { numRuns: 20 }
    );
  });
  it("returns '' for blank and text cells", () => {
    const f = core.predikatFormula("A1", core.SCALES.permendagri86);
    for (const v of [null, "abc"]) {
      const hf = HyperFormula.buildFromArray([[v, "=" + f]], { licenseKey: "gpl-v3" });
      expect(hf.getCellValue({ sheet: 0, row: 0, col: 1 })).toBe("");
      hf.destroy();
    }
  });
});

describe("budget formulas agree with the rules (HyperFormula)", () => {
  it("serapan, bobot, efisiensi, kemajuan", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, value, arah), { minLength: 1, maxLength: 30 }),
        (cases) => {
          const rows: Row[] = [];
          const res = (x: number | core.MonevError) => (isMonevError(x) ? "" : x);
          for (const [a, b, ar] of cases) {
            rows.push({
              a,
              b,
              formula: core.serapanFormula("A{row}", "B{row}"),
              expected: res(core.serapan(a, b)),
            });
            rows.push({
              a,
              b,
              formula: core.bobotFormula("A{row}", "B{row}"),
              expected: res(core.bobot(a, b)),
            });
            rows.push({
              a,
              b,
              formula: core.efisiensiFormula("A{row}", "B{row}"),
              expected: res(core.efisiensi(a, b)),
            });
            rows.push({
              a,
              b,
              formula: core.kemajuanFormula("A{row}", "B{row}", ar),
              expected: res(core.kemajuan(a, b, ar)),
            });
          }
          const got = evaluate(rows);
          rows.forEach((row, i) => {
            if (!agree(got[i], row.expected))
              throw new Error(`${row.a},${row.b} ${row.formula}: ${got[i]} vs ${row.expected}`);
          });
        }
      ),
      { numRuns: 20 }
    );
  });
});
