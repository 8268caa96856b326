/**
 * The formulas Monev writes are native: LibreOffice, recalculating every cell on load, must get
 * exactly the cached values the engine computed. All evaluate outputs go through ONE soffice run.
 * The emptied samples also get the evaluation sheet (--lembar-evaluasi), whose cross-sheet
 * references, AVERAGE, COUNT and COUNTIF are checked the same way.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { plainValue } from "../../src/cli/xlsx";
import { copySample, readJson, runCli, sampleFiles, tmpDir } from "../cli/run-cli";
import { INSTALL_HINT, findSoffice, recalcWithLibreOffice, sameValue } from "../helpers/libreoffice";

interface Write {
  sheet: string;
  address: string;
  formula?: string;
  value: number | string | null;
}

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
    const writes = readJson<{ files: { writes: Write[] }[] }>(report).files[0].writes.filter((w) => w.formula);
    cases.push({ output, writes });
  }
  const total = cases.reduce((n, c) => n + c.writes.length, 0);
  expect(total).toBeGreaterThan(0);

  const lo = recalcWithLibreOffice(
    cases.map((c) => c.output),
    path.join(dir, "lo"),
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
          `${path.basename(c.output)} ${w.sheet}!${w.address}: LibreOffice ${JSON.stringify(actual)} != Monev ${JSON.stringify(w.value)} (=${w.formula})`,
        );
      }
    }
  }
  expect(compared).toBe(total);
  // The evaluation sheets were among the cells compared.
  expect(cases.flatMap((c) => c.writes).filter((w) => w.sheet.startsWith("Evaluasi - ")).length).toBeGreaterThan(50);
  expect(mismatches.slice(0, 30)).toEqual([]);
});
