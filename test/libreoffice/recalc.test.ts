/**
 * The formulas Monev writes are native: LibreOffice, recalculating every cell on load, must get
 * exactly the cached values the engine computed. All evaluate outputs go through ONE soffice run.
 * `monev portable` output is checked the same way (second test).
 * The emptied samples also get the evaluation sheet (--lembar-evaluasi), whose cross-sheet
 * references, AVERAGE, COUNT and COUNTIF are checked the same way.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { plainValue } from "../../src/cli/xlsx";
import { copySample, readJson, runCli, sampleFiles, tmpDir } from "../cli/run-cli";
import {
  INSTALL_HINT,
  findSoffice,
  recalcWithLibreOffice,
  sameValue,
  type ReportedWrite as Write,
} from "../helpers/libreoffice";

test("LibreOffice recalculation equals Monev's cached values in every written cell", async () => {
  if (!findSoffice()) throw new Error(INSTALL_HINT);
  const { kosong, printed } = sampleFiles();
  const dir = tmpDir("monev-lo-");
  const outDir = path.join(dir, "hasil");
  const cases: { output: string; writes: Write[] }[] = [];
  for (const [name, extra] of [
    ...kosong.map((n) => [n, ["--lembar-evaluasi"]] as [string, string[]]),
    ...printed.map((n) => [n, ["--overwrite"]] as [string, string[]]),
  ]) {
    const input = copySample(name, dir);
    const output = path.join(outDir, `${extra.includes("--overwrite") ? "ow-" : ""}${name}`);
    const report = path.join(dir, `${path.basename(output)}.json`);
    fs.mkdirSync(outDir, { recursive: true });
    const run = runCli(["evaluate", input, "-o", output, "--report", report, ...extra]);
    expect(run.code).toBe(0);
    const writes = readJson<{ files: { writes: Write[] }[] }>(report).files[0].writes.filter(
      (w) => w.formula
    );
    cases.push({ output, writes });
  }
  const total = cases.reduce((n, c) => n + c.writes.length, 0);
  expect(total).toBeGreaterThan(0);

  const lo = recalcWithLibreOffice(
    cases.map((c) => c.output),
    path.join(dir, "lo")
  );

  const mismatches: string[] = [];
  let compared = 0;
  for (const c of cases) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(lo.outputs.get(c.output) as string);
    for (const w of c.writes) {
      const ws = wb.getWorksheet(w.sheet);
      if (!ws) {
        mismatches.push(`${path.basename(c.output)}: sheet ${w.sheet} missing`);
        continue;
      }
      const cell = ws.getCell(w.address);
      const actual =
        cell.type === ExcelJS.ValueType.Formula
          ? plainValue((cell as unknown as { result: unknown }).result)
          : plainValue(cell.value);
      compared++;
      if (!sameValue(actual, w.value)) {
        mismatches.push(
          `${path.basename(c.output)} ${w.sheet}!${w.address}: LibreOffice ${JSON.stringify(actual)} != Monev ${JSON.stringify(w.value)} (=${w.formula})`
        );
      }
    }
  }
  expect(compared).toBe(total);
  // The evaluation sheets were among the cells compared.
  expect(
    cases.flatMap((c) => c.writes).filter((w) => w.sheet.startsWith("Evaluasi - ")).length
  ).toBeGreaterThan(50);
  expect(mismatches.slice(0, 30)).toEqual([]);
});

test("LibreOffice agrees with `monev portable`: every MONEV call replaced by a native formula and its value", async () => {
  if (!findSoffice()) throw new Error(INSTALL_HINT);
  const dir = tmpDir("monev-lo-portable-");
  const input = path.join(dir, "addin.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data");
  ws.addRow(["Target", "Realisasi", "Capaian", "Predikat", "Lain"]);
  // Targets and realisations with the edge cases: met, under, over, inverse above 2T, zero target, blanks.
  const rows: [number | null, number | null][] = [
    [80, 100],
    [50, 20],
    [12, 7.21],
    [10, 25],
    [0, 5],
    [100, null],
    [90.72, 90.72],
    [75, 56.25],
  ];
  for (const [t, r] of rows) ws.addRow([t, r]);
  const calls: Record<string, string[]> = {
    C: [
      "MONEV.CAPAIAN(A{r},B{r})",
      '_xldudf_MONEV_CAPAIAN(A{r},B{r},"inverse")',
      '_xll.MONEV.CAPAIAN(A{r},B{r},"inverse-rasio",120)',
    ],
    D: [
      "MONEV.PREDIKAT(B{r})",
      '_xldudf_MONEV_PREDIKAT(B{r},"sakip","kode")',
      'MONEV.PREDIKAT(B{r},"permendagri86-bulat")',
      'MONEV.PREDIKAT(B{r},"baik")',
    ],
    E: [
      "MONEV.SERAPAN(A{r},B{r})",
      "MONEV.BOBOT(B{r},A{r})",
      "MONEV.EFISIENSI(A{r},B{r})",
      '_xldudf_MONEV_KEMAJUAN(A{r},B{r},"turun")',
    ],
  };
  // Each row gets one call per column, cycling through the variants.
  for (let i = 0; i < rows.length; i++) {
    const r = i + 2;
    for (const [col, variants] of Object.entries(calls)) {
      ws.getCell(`${col}${r}`).value = {
        formula: variants[i % variants.length].replace(/\{r\}/g, String(r)),
      } as ExcelJS.CellFormulaValue;
    }
  }
  await wb.xlsx.writeFile(input);
  const output = path.join(dir, "portabel.xlsx");
  const report = path.join(dir, "portabel.json");
  const run = runCli(["portable", input, "-o", output, "--report", report]);
  expect(run.code).toBe(0);
  const cells = readJson<{
    cells: {
      sheet: string;
      address: string;
      after?: string;
      value?: number | string;
      error?: string;
    }[];
  }>(report).cells;
  expect(cells.filter((c) => c.error)).toEqual([]);
  expect(cells).toHaveLength(rows.length * 3);

  const lo = recalcWithLibreOffice([output], path.join(dir, "lo"));
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(lo.outputs.get(output) as string);
  const sheet = back.getWorksheet("Data");
  if (!sheet) throw new Error("sheet missing");
  const mismatches: string[] = [];
  for (const c of cells) {
    const cell = sheet.getCell(c.address);
    const actual =
      cell.type === ExcelJS.ValueType.Formula
        ? plainValue((cell as unknown as { result: unknown }).result)
        : plainValue(cell.value);
    if (!sameValue(actual, c.value ?? ""))
      mismatches.push(
        `${c.address}: LibreOffice ${JSON.stringify(actual)} != Monev ${JSON.stringify(c.value)} (=${c.after})`
      );
  }
  expect(mismatches).toEqual([]);
});
