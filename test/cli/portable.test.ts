/**
 * Portable workbooks: MONEV.* calls (typed form and the forms Excel stores) become native formulas.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { toPortableFormula } from "../../src/core/engine/portable";
import { isMonevError } from "../../src/core/errors";
import { readJson, runCli, tmpDir } from "./run-cli";

const vals: Record<string, number | string> = { B2: 80, C2: 100, D2: 125, E2: "turun" };
const resolve = (r: string) => vals[r.replace(/\$/g, "")] ?? null;

describe("toPortableFormula", () => {
  test("no MONEV call -> null", () => {
    expect(toPortableFormula("SUM(A1:A3)")).toBeNull();
  });

  test.each([
    "MONEV.CAPAIAN(B2,C2)",
    "=MONEV.CAPAIAN(B2,C2)",
    "_xldudf_MONEV_CAPAIAN(B2,C2)",
    "[2]!_xldudf_MONEV_CAPAIAN(B2,C2)",
    "_xll.MONEV.CAPAIAN(B2,C2)",
    "monev.capaian(B2, C2)",
    'IFERROR(__xludf.DUMMYFUNCTION("MONEV.CAPAIAN(B2,C2)"),125)',
  ])("%s -> native capaian formula with cached value", (f) => {
    const r = toPortableFormula(f, { resolve });
    if (r === null || isMonevError(r)) throw new Error(String(r && r.message));
    expect(r.formula).not.toMatch(/MONEV|xldudf|xll|xludf/i);
    expect(r.formula).toContain("ISNUMBER(B2)");
    expect(r.value).toBe(125);
    expect(r.calls).toBe(1);
  });

  test("inverse direction from a literal and from a cell", () => {
    const a = toPortableFormula('MONEV.CAPAIAN(B2,C2,"turun")', { resolve });
    const b = toPortableFormula("MONEV.CAPAIAN(B2,C2,E2)", { resolve });
    for (const r of [a, b]) {
      if (r === null || isMonevError(r)) throw new Error("expected a formula");
      expect(r.formula).toContain("2*B2-C2");
      expect(r.value).toBe(75);
    }
  });

  test("direction from a cell without a resolver is an error, not a guess", () => {
    expect(isMonevError(toPortableFormula("MONEV.CAPAIAN(B2,C2,E2)"))).toBe(true);
  });

  test("nested and embedded calls", () => {
    const r = toPortableFormula(
      'ROUND(MONEV.CAPAIAN(B2,C2),2)&" "&_xldudf_MONEV_PREDIKAT(D2,"sakip","kode")',
      { resolve }
    );
    if (r === null || isMonevError(r)) throw new Error("expected a formula");
    expect(r.calls).toBe(2);
    expect(r.formula).toMatch(/^ROUND\(IF\(/);
    expect(r.formula).toContain('"AA"');
    const n = toPortableFormula("MONEV.PREDIKAT(MONEV.CAPAIAN(B2,C2))", { resolve });
    if (n === null || isMonevError(n)) throw new Error("expected a formula");
    expect(n.value).toBe("Sangat Tinggi");
  });

  test("strings containing MONEV are left alone", () => {
    const r = toPortableFormula('"MONEV.CAPAIAN(B2,C2)"&MONEV.SERAPAN(B2,C2)', { resolve });
    if (r === null || isMonevError(r)) throw new Error("expected a formula");
    expect(r.formula.startsWith('"MONEV.CAPAIAN(B2,C2)"&')).toBe(true);
    expect(r.calls).toBe(1);
  });

  test("unknown function and wrong argument count are errors", () => {
    expect(isMonevError(toPortableFormula("MONEV.TIDAKADA(B2)"))).toBe(true);
    expect(isMonevError(toPortableFormula("MONEV.CAPAIAN(B2)"))).toBe(true);
  });
});

describe("monev portable", () => {
  test("replaces MONEV formulas in a workbook with native ones and cached values", async () => {
    const dir = tmpDir("monev-portable-");
    const input = path.join(dir, "addin.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Evaluasi");
    ws.addRow(["Indikator", "Target", "Realisasi", "Capaian", "Predikat", "Serapan"]);
    ws.addRow(["Indikator A", 80, 100]);
    ws.addRow(["Indikator B", 50, 20]);
    ws.getCell("D2").value = {
      formula: "MONEV.CAPAIAN(B2,C2)",
      result: 125,
    } as ExcelJS.CellFormulaValue;
    ws.getCell("E2").value = {
      formula: "_xldudf_MONEV_PREDIKAT(D2)",
      result: "Sangat Tinggi",
    } as ExcelJS.CellFormulaValue;
    ws.getCell("D3").value = {
      formula: '_xldudf_MONEV_CAPAIAN(B3,C3,"turun")',
      result: { error: "#NAME?" },
    } as unknown as ExcelJS.CellFormulaValue;
    ws.getCell("E3").value = {
      formula: '_xll.MONEV.PREDIKAT(D3,"permendagri86","kode")',
    } as ExcelJS.CellFormulaValue;
    ws.getCell("F2").value = { formula: "SUM(B2:C2)", result: 180 } as ExcelJS.CellFormulaValue;
    await wb.xlsx.writeFile(input);
    const before = fs.readFileSync(input);

    const output = path.join(dir, "portabel.xlsx");
    const report = path.join(dir, "portabel.json");
    const run = runCli(["portable", input, "-o", output, "--report", report]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Rumus MONEV diganti rumus bawaan: 4/);
    expect(fs.readFileSync(input).equals(before)).toBe(true);

    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(output);
    const s = back.getWorksheet("Evaluasi");
    if (!s) throw new Error("sheet missing");
    const f = (a: string) => s.getCell(a).formula ?? "";
    const v = (a: string) => (s.getCell(a) as unknown as { result: unknown }).result;
    for (const a of ["D2", "E2", "D3", "E3"]) expect(f(a)).not.toMatch(/MONEV|xldudf|xll/i);
    expect(v("D2")).toBe(125);
    expect(v("E2")).toBe("Sangat Tinggi");
    expect(v("D3")).toBe(160); // inverse: (2*50-20)/50*100
    expect(v("E3")).toBe("ST");
    expect(f("F2")).toBe("SUM(B2:C2)");
    const r = readJson<{ cells: { address: string; after?: string }[] }>(report);
    expect(r.cells.map((c) => c.address).sort()).toEqual(["D2", "D3", "E2", "E3"]);
  });

  test("bad input: exit 2, no output", () => {
    const dir = tmpDir("monev-portable-");
    const input = path.join(dir, "bukan.xlsx");
    fs.writeFileSync(input, "teks");
    const run = runCli(["portable", input, "-o", path.join(dir, "o.xlsx")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Bukan berkas Excel/);
    expect(fs.existsSync(path.join(dir, "o.xlsx"))).toBe(false);
  });
});
