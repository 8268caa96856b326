/**
 * The metadata Excel reads (functions.json) is generated from the JSDoc of
 * src/functions/functions.ts: check it is complete, not a snapshot.
 */
import * as fs from "fs";
import * as path from "path";
import { HELP_BASE } from "../../src/functions/functions";

const { generateCustomFunctionsMetadata } = require("custom-functions-metadata") as {
  generateCustomFunctionsMetadata: (
    input: string,
    wantConsoleOutput?: boolean
  ) => Promise<{
    metadataJson: string;
    associate: { id: string; functionName: string }[];
    errors: string[];
  }>;
};

interface Param {
  name: string;
  description?: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: Param[];
  result?: { type?: string; dimensionality?: string };
}

const SOURCE = path.join(__dirname, "../../src/functions/functions.ts");
const DOCS = path.join(__dirname, "../../docs/functions.md");

/** id -> [parameter name, optional] in order; the single source of truth for the expected API. */
const EXPECTED: Record<string, [string, boolean][]> = {
  CAPAIAN: [
    ["target", false],
    ["realisasi", false],
    ["arah", true],
    ["batas", true],
  ],
  PREDIKAT: [
    ["capaian", false],
    ["skala", true],
    ["bentuk", true],
  ],
  SERAPAN: [
    ["anggaran", false],
    ["realisasi", false],
  ],
  BOBOT: [
    ["bagian", false],
    ["total", false],
  ],
  EFISIENSI: [
    ["anggaran", false],
    ["realisasi", false],
  ],
  KEMAJUAN: [
    ["target_akhir", false],
    ["realisasi", false],
    ["arah", true],
  ],
  RATA: [
    ["nilai", false],
    ["batas", true],
  ],
  ANGKA: [["teks", false]],
  TERBILANG: [
    ["angka", false],
    ["rupiah", true],
    ["huruf", true],
  ],
};

let functions: Fn[] = [];
let associate: { id: string; functionName: string }[] = [];

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(SOURCE);
  expect(result.errors).toEqual([]);
  functions = (JSON.parse(result.metadataJson) as { functions: Fn[] }).functions;
  associate = result.associate;
});

test("the set of ids is exactly the expected one, each name = id", () => {
  expect(functions.map((f) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  for (const f of functions) {
    expect(f.name).toBe(f.id);
    expect(f.id).toMatch(/^[A-Z][A-Z0-9_.]*$/);
  }
  expect(associate.map((a) => a.id).sort()).toEqual(Object.keys(EXPECTED).sort());
});

test("every function has a description and a helpUrl under HELP_BASE with a matching anchor in the docs", () => {
  const docs = fs.readFileSync(DOCS, "utf8");
  expect(HELP_BASE).toMatch(/^https:\/\//);
  for (const f of functions) {
    expect(f.description && f.description.length).toBeGreaterThan(10);
    expect(f.helpUrl).toBe(`${HELP_BASE}#${f.id.toLowerCase()}`);
    expect(docs).toContain(`<a id="${f.id.toLowerCase()}"></a>`);
    expect(docs).toContain(`## ${f.id}`);
  }
});

test("parameters: names, order, optional flags, descriptions, types", () => {
  for (const f of functions) {
    const expected = EXPECTED[f.id];
    expect(f.parameters.map((p) => p.name)).toEqual(expected.map(([n]) => n));
    f.parameters.forEach((p, i) => {
      expect(Boolean(p.optional)).toBe(expected[i][1]);
      expect(p.repeating).toBeUndefined();
      expect(typeof p.description).toBe("string");
      expect(p.description!.length).toBeGreaterThan(5);
      // Excel's limit for parameter descriptions in older schema versions.
      expect(p.description!.length).toBeLessThanOrEqual(128);
      expect(["any", "number", "string", "boolean"]).toContain(p.type);
      // Every argument accepts a range.
      expect(p.dimensionality).toBe("matrix");
    });
    // Optional parameters come last.
    const firstOptional = f.parameters.findIndex((p) => p.optional);
    if (firstOptional >= 0)
      expect(f.parameters.slice(firstOptional).every((p) => p.optional)).toBe(true);
  }
});

test("results spill (matrix) except the aggregate RATA", () => {
  for (const f of functions) {
    if (f.id === "RATA") expect(f.result?.dimensionality).toBeUndefined();
    else expect(f.result?.dimensionality).toBe("matrix");
  }
});

test("descriptions are Indonesian (spot check) and the docs carry English summaries", () => {
  const byId = Object.fromEntries(functions.map((f) => [f.id, f]));
  expect(byId.CAPAIAN.description).toMatch(/capaian/i);
  expect(byId.SERAPAN.description).toMatch(/anggaran/i);
  const docs = fs.readFileSync(DOCS, "utf8");
  expect(docs).toMatch(/English summary/);
  expect((docs.match(/\*English: /g) ?? []).length).toBeGreaterThanOrEqual(
    Object.keys(EXPECTED).length
  );
});
