/**
 * A formula with a text result in a date-formatted cell: ExcelJS reads its cached result as
 * new Date(NaN). Reading must not throw ("Invalid time value") and abort the whole file.
 */
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import * as fs from "fs";
import * as path from "path";
import { plainValue, readCell, worksheetToGrid } from "../../src/cli/xlsx";
import { textAt } from "../../src/core/engine/recognise/cells";
import { toCellValue } from "../../src/functions/broadcast";
import { runCli, tmpDir } from "./run-cli";

const FORMULA = '"Per "&"Juni"';

async function makeWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("S");
  ws.getRow(1).values = ["Indikator", "Target", "Realisasi", "Capaian"];
  ws.getRow(2).values = ["A", 10, 8];
  ws.getRow(3).values = ["B", 20, 25];
  const f1 = ws.getCell("F1");
  f1.value = { formula: FORMULA, result: "Per Juni" } as ExcelJS.CellFormulaValue;
  f1.numFmt = "dd/mm/yyyy";
  await wb.xlsx.writeFile(file);
}

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe("invalid Date cell values", () => {
  it("plainValue turns an invalid Date into null, keeps a valid one", () => {
    expect(plainValue(new Date(NaN))).toBeNull();
    expect(plainValue({ formula: "A1", result: new Date(NaN) })).toBeNull();
    const d = new Date(Date.UTC(2024, 5, 30));
    expect(plainValue(d)).toBe(d);
  });

  it("toCellValue (custom functions) turns an invalid Date into null", () => {
    expect(toCellValue(new Date(NaN))).toBeNull();
  });

  it("textAt reads an invalid Date as empty text, a valid one as yyyy-mm-dd", () => {
    const grid = {
      name: "S",
      merges: [],
      cells: [[{ value: new Date(NaN) }, { value: new Date(Date.UTC(2024, 5, 30)) }]],
    };
    expect(textAt(grid, 0, 0)).toBe("");
    expect(textAt(grid, 0, 1)).toBe("2024-06-30");
  });

  describe("a text formula in a date-formatted cell", () => {
    let dir = "";
    let input = "";
    beforeAll(async () => {
      dir = tmpDir("monev-date-");
      input = path.join(dir, "tanggal-teks.xlsx");
      await makeWorkbook(input);
    });

    it("is read by ExcelJS as an invalid Date (the path under test)", async () => {
      const cell = (await readBack(input)).getWorksheet("S")!.getCell("F1");
      const result = (cell as unknown as { result: unknown }).result;
      expect(result).toBeInstanceOf(Date);
      expect(Number.isNaN((result as Date).getTime())).toBe(true);
    });

    it("readCell keeps the formula with a null value; the grid reads", async () => {
      const ws = (await readBack(input)).getWorksheet("S")!;
      expect(readCell(ws.getCell("F1"))).toEqual({
        value: null,
        formula: FORMULA,
        numFmt: "dd/mm/yyyy",
      });
      const grid = worksheetToGrid(ws);
      expect(grid.cells[0][5]).toEqual({ value: null, formula: FORMULA, numFmt: "dd/mm/yyyy" });
      expect(textAt(grid, 0, 5)).toBe("");
    });

    it("monev evaluate exits 0, fills D2 and D3 and keeps F1's formula", async () => {
      const output = path.join(dir, "hasil.xlsx");
      const run = runCli(["evaluate", input, "-o", output]);
      expect(run.stderr).not.toMatch(/Invalid time value/);
      expect(run.code).toBe(0);
      const ws = (await readBack(output)).getWorksheet("S")!;
      const d2 = ws.getCell("D2");
      const d3 = ws.getCell("D3");
      expect(d2.formula).toBeTruthy();
      expect(d3.formula).toBeTruthy();
      expect((d2 as unknown as { result: unknown }).result).toBeCloseTo(80, 10);
      expect((d3 as unknown as { result: unknown }).result).toBeCloseTo(125, 10);
      const f1 = ws.getCell("F1");
      expect(f1.formula).toBe(FORMULA);
      // F1 is not written: its XML is the input's, byte for byte (a text result, no NaN that Excel
      // would have to repair).
      const sheetXml = (file: string) =>
        strFromU8(unzipSync(fs.readFileSync(file))["xl/worksheets/sheet1.xml"]);
      const cellXml = (xml: string) => /<c r="F1"[^>]*>.*?<\/c>/.exec(xml)?.[0];
      expect(cellXml(sheetXml(output))).toBe(cellXml(sheetXml(input)));
      expect(cellXml(sheetXml(output))).not.toMatch(/NaN/);
    });

    it("monev audit exits 0", () => {
      const run = runCli(["audit", input]);
      expect(run.stderr).not.toMatch(/Invalid time value/);
      expect(run.code).toBe(0);
    });
  });
});
