/**
 * Property tests: arbitrary scalar or 2-D inputs never make a custom function throw, and every
 * result cell is a number, a string or a CustomFunctions.Error; shapes follow broadcasting.
 */
import fc from "fast-check";
import { FakeError, installFakeCustomFunctions, uninstallFakeCustomFunctions } from "./fake-cf";
import { FUNCTIONS, rata } from "../../src/functions/functions";
import { shapeOf } from "../../src/functions/broadcast";

beforeAll(() => {
  installFakeCustomFunctions();
});
afterAll(() => uninstallFakeCustomFunctions());

const words = fc.constantFrom(
  "normal",
  "inverse",
  "rasio",
  "selisih",
  "naik turun",
  "kode",
  "panjang",
  "baik",
  "sakip",
  "judul",
  "besar",
  "kecil",
  "TRUE",
  "-",
  "NIHIL",
  "Rp 1.500.000,-",
  "87,44%",
  "1.234",
  "80-90",
  "5.517 Orang",
  "",
  " ",
  "abc"
);
const cell = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  words,
  fc.constant(new FakeError("#REF!" as never)),
  fc.date({ noInvalidDate: true }),
  fc.constant({ type: "String", basicValue: "12" })
);
const grid = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }))
  .chain(([r, c]) =>
    fc.array(fc.array(cell, { minLength: c, maxLength: c }), { minLength: r, maxLength: r })
  );
const arg = fc.oneof(cell, grid, fc.constant(undefined));

function okCell(x: unknown): boolean {
  return typeof x === "number" || typeof x === "string" || x instanceof FakeError;
}

test("no custom function throws; every cell is number | string | Error; shape = broadcast shape", () => {
  const ids = Object.keys(FUNCTIONS);
  fc.assert(
    fc.property(
      fc.constantFrom(...ids),
      fc.array(arg, { minLength: 4, maxLength: 4 }),
      (id, args) => {
        const fn = FUNCTIONS[id] as (...a: unknown[]) => unknown;
        const out = fn(...args);
        if (id === "RATA") {
          expect(okCell(out)).toBe(true);
          return;
        }
        const used = args.slice(0, fn.length);
        if (!Array.isArray(out)) {
          expect(okCell(out)).toBe(true);
          return;
        }
        for (const row of out) {
          expect(Array.isArray(row)).toBe(true);
          for (const c of row as unknown[]) expect(okCell(c)).toBe(true);
        }
        // PREDIKAT's 2+-column skala is a table, not a broadcast argument.
        const shaped =
          id === "PREDIKAT" && Array.isArray(used[1]) && shapeOf(used[1])[1] >= 2
            ? [used[0], used[2]]
            : used;
        const rows = Math.max(...shaped.map((a) => shapeOf(a)[0]));
        const cols = Math.max(...shaped.map((a) => shapeOf(a)[1]));
        expect(out.length).toBe(rows);
        for (const row of out) expect((row as unknown[]).length).toBe(cols);
      }
    ),
    { numRuns: 1500 }
  );
});

test("RATA: any range never throws and gives one number | string | Error", () => {
  fc.assert(
    fc.property(grid, arg, (values, batas) => {
      expect(okCell(rata(values, batas as never))).toBe(true);
    }),
    { numRuns: 500 }
  );
});

test("all-scalar calls return a scalar", () => {
  const scalar = fc.oneof(
    fc.double(),
    fc.string({ maxLength: 8 }),
    fc.constant(null),
    fc.boolean()
  );
  fc.assert(
    fc.property(
      fc.constantFrom(...Object.keys(FUNCTIONS)),
      fc.array(scalar, { minLength: 4, maxLength: 4 }),
      (id, args) => {
        const out = (FUNCTIONS[id] as (...a: unknown[]) => unknown)(...args);
        expect(Array.isArray(out)).toBe(false);
        expect(okCell(out)).toBe(true);
      }
    ),
    { numRuns: 500 }
  );
});
