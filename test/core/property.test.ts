/** Property tests: no exported function throws, and every result is well-formed. */
import fc from "fast-check";
import * as core from "../../src/core";
import { CellValue, MonevError, isMonevError } from "../../src/core/errors";

const numberish = fc.oneof(
  fc.double(),
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 100, 1e15, -1e15, 1e308, 5e-324)
);
const textish = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "-",
    "",
    " ",
    "NIHIL",
    "32,86",
    "87,44%",
    "35,350",
    "Rp. 7.200.837.838,-",
    "80-90",
    "80,17 (A)",
    "5.517 Orang",
    "1e5",
    "90 - 80"
  ),
  fc.double({ noNaN: true }).map((d) => String(d).replace(".", ",")),
  fc
    .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 }))
    .map(([a, b]) => `${a}.${String(b).padStart(3, "0")}`)
);
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  numberish,
  textish,
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.date({ noInvalidDate: false })
);
const arah = fc.constantFrom<core.Arah>("normal", "inverse", "inverse-rasio", "inverse-selisih");
const cap = fc.oneof(fc.constant(null), fc.constant(undefined), fc.double());

function wellFormed(r: unknown): boolean {
  if (isMonevError(r))
    return (
      typeof r.message === "string" &&
      r.message.length > 0 &&
      ["VALUE", "DIV0", "NA", "NUM"].includes(r.code)
    );
  if (typeof r === "number") return Number.isFinite(r);
  return typeof r === "string";
}

const runs = { numRuns: 500 };

describe("no exception escapes; results are finite numbers, strings or MonevErrors", () => {
  it("parseAngka / toNumber", () => {
    fc.assert(
      fc.property(cell, (v) => {
        const p = core.parseAngka(v);
        if (p !== null && !isMonevError(p)) expect(Number.isFinite(p.value)).toBe(true);
        const n = core.toNumber(v);
        expect(n === null || wellFormed(n)).toBe(true);
      }),
      runs
    );
  });
  it("parseArah / suggestArah", () => {
    fc.assert(
      fc.property(cell, fc.string(), (v, s) => {
        const a = core.parseArah(v);
        expect(isMonevError(a) || core.ARAH_VALUES.includes(a)).toBe(true);
        const g = core.suggestArah(s);
        expect(g === null || g === "inverse").toBe(true);
      }),
      runs
    );
  });
  it("capaian and kemajuan", () => {
    fc.assert(
      fc.property(cell, cell, arah, cap, (t, r, a, c) => {
        const x = core.capaian(t, r, { arah: a, cap: c });
        expect(wellFormed(x)).toBe(true);
        // Inverse variants never give a negative achievement.
        if (typeof x === "number" && a !== "normal" && !(typeof c === "number" && c < 0))
          expect(x).toBeGreaterThanOrEqual(0);
        if (typeof x === "number" && typeof c === "number" && Number.isFinite(c))
          expect(x).toBeLessThanOrEqual(c);
        expect(wellFormed(core.kemajuan(t, r, a))).toBe(true);
      }),
      runs
    );
  });
  it("predikat on every scale; getScale", () => {
    fc.assert(
      fc.property(
        cell,
        fc.constantFrom(...Object.keys(core.SCALES)),
        fc.constantFrom<"panjang" | "kode">("panjang", "kode"),
        (v, id, form) => {
          expect(wellFormed(core.predikat(v, core.SCALES[id], form))).toBe(true);
        }
      ),
      runs
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constant(null)), (id) => {
        const s = core.getScale(id);
        expect(isMonevError(s) || Array.isArray(s.bands)).toBe(true);
      }),
      runs
    );
  });
  it("no finite value falls between bands of any built-in scale", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        for (const s of Object.values(core.SCALES)) {
          const label = core.predikat(x, s);
          expect(typeof label).toBe("string");
          // Exactly one band is chosen: the label of the first matching band.
          expect(s.bands.map((b) => b.label)).toContain(label);
        }
      }),
      { numRuns: 2000 }
    );
  });
  it("scaleFromTable never throws; any scale it builds covers every number", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 8 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (rows, x) => {
          const s = core.scaleFromTable(rows);
          if (isMonevError(s)) return;
          expect(typeof core.predikat(x, s)).toBe("string");
        }
      ),
      runs
    );
  });
  it("budget rules, rata, terbilang", () => {
    fc.assert(
      fc.property(
        cell,
        cell,
        fc.array(fc.oneof(cell, fc.array(cell, { maxLength: 3 })), { maxLength: 10 }),
        cap,
        (a, b, arr, c) => {
          for (const r of [
            core.serapan(a, b),
            core.bobot(a, b),
            core.efisiensi(a, b),
            core.rata(arr as CellValue[], { cap: c }),
          ]) {
            expect(wellFormed(r)).toBe(true);
          }
          for (const rupiah of [false, true]) {
            const t = core.terbilang(a, { rupiah, huruf: "judul" });
            expect(wellFormed(t)).toBe(true);
          }
        }
      ),
      runs
    );
  });
  it("terbilang words only use the KBBI vocabulary", () => {
    const vocab = new Set(
      "nol satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas belas puluh seratus ratus seribu ribu juta miliar triliun minus koma rupiah sen".split(
        " "
      )
    );
    fc.assert(
      fc.property(
        fc.double({ min: -1e15 + 1, max: 1e15 - 1, noNaN: true }),
        fc.boolean(),
        (x, rupiah) => {
          const t = core.terbilang(x, { rupiah });
          if (isMonevError(t)) throw new Error((t as MonevError).message);
          for (const w of t.split(" ")) expect(vocab.has(w)).toBe(true);
          // 'seratus' always; 'seribu' when the thousands group is exactly 1 (but "tiga puluh satu ribu").
          expect(t).not.toMatch(/satu ratus|(^|minus |juta |miliar |triliun )satu ribu/);
        }
      ),
      runs
    );
  });
  it("parseAngka round-trips Indonesian-formatted integers", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e14 }), (n) => {
        const text = n.toLocaleString("en-US").replace(/,/g, ".");
        const p = core.parseAngka(text);
        if (/^\d{1,3}\.\d{3}$/.test(text)) {
          expect(isMonevError(p)).toBe(true); // ambiguous by design
        } else {
          expect((p as core.ParsedNumber).value).toBe(n);
        }
        expect((core.parseAngka(`Rp ${text},-`) as core.ParsedNumber).value).toBe(n);
      }),
      runs
    );
  });
});
