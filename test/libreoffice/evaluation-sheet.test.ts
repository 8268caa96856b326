/**
 * The evaluation sheet of every shape (indicator table, Tabel I.15, Banjarmasin 3.3, RKPD, E.81),
 * with its signature block, recalculated by LibreOffice: every formula cell gives the value the
 * CLI cached, and the rated capaian column gives the summary model's figures row by row.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { e81Grid, seedGrids } from "../../scripts/samples/seed-to-grid";
import { analyseSheet, summarise } from "../../src/core/engine";
import { cellAddress } from "../../src/core/engine/address";
import { plainValue } from "../../src/cli/xlsx";
import { copySample, readJson, runCli, tmpDir } from "../cli/run-cli";
import {
  INSTALL_HINT,
  findSoffice,
  recalcWithLibreOffice,
  sameValue,
  type ReportedWrite as Write,
} from "../helpers/libreoffice";

const CASES: { file: string; grid: () => ReturnType<typeof e81Grid>; capaian: string }[] = [
  { file: "pk-iku-kosong.xlsx", grid: () => seed("pk-iku"), capaian: "Capaian (%)" },
  { file: "tabel-i15-kosong.xlsx", grid: () => seed("tabel-i15"), capaian: "Realisasi fisik (%)" },
  {
    file: "banjarmasin-3-3-kosong.xlsx",
    grid: () => seed("banjarmasin-3-3"),
    capaian: "Realisasi fisik (%)",
  },
  { file: "rkpd-2022-kosong.xlsx", grid: () => seed("rkpd-2022"), capaian: "Capaian K (%)" },
  { file: "renja-e81.xlsx", grid: () => e81Grid(), capaian: "Capaian K (%)" },
];

function seed(id: string) {
  const s = seedGrids().find((x) => x.id === id);
  if (!s) throw new Error(`seed ${id} missing`);
  return s.emptied;
}

test("each shape's evaluation sheet: LibreOffice's recalculation equals the cached values and the summary model", async () => {
  if (!findSoffice()) throw new Error(INSTALL_HINT);
  const dir = tmpDir("monev-lo-eval-");
  const outDir = path.join(dir, "hasil");
  fs.mkdirSync(outDir, { recursive: true });
  const runs: { output: string; writes: Write[]; sheet: string; c: (typeof CASES)[number] }[] = [];
  for (const c of CASES) {
    const input = copySample(c.file, dir);
    const output = path.join(outDir, c.file);
    const report = path.join(dir, `${c.file}.json`);
    const run = runCli([
      "evaluate",
      input,
      "-o",
      output,
      "--report",
      report,
      "--lembar-evaluasi",
      "--ttd-tempat",
      "Banjarmasin",
      "--ttd-tanggal",
      "31 Desember 2022",
      "--ttd-nama",
      "Budi Santoso",
      "--ttd-nip",
      "19700101 199003 1 001",
    ]);
    expect(run.code).toBe(0);
    const writes = readJson<{ files: { writes: Write[] }[] }>(report).files[0].writes.filter((w) =>
      w.sheet.startsWith("Evaluasi - ")
    );
    expect(writes.length).toBeGreaterThan(20);
    runs.push({ output, writes, sheet: writes[0].sheet, c });
  }
  const lo = recalcWithLibreOffice(
    runs.map((r) => r.output),
    path.join(dir, "lo")
  );
  const mismatches: string[] = [];
  for (const r of runs) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(lo.outputs.get(r.output) as string);
    const ws = wb.getWorksheet(r.sheet);
    if (!ws) throw new Error(`${r.c.file}: ${r.sheet} missing`);
    const at = (address: string) => {
      const cell = ws.getCell(address);
      return cell.type === ExcelJS.ValueType.Formula
        ? plainValue((cell as unknown as { result: unknown }).result)
        : plainValue(cell.value);
    };
    let formulas = 0;
    for (const w of r.writes) {
      if (!w.formula) continue;
      formulas++;
      const actual = at(w.address);
      if (!sameValue(actual, w.value))
        mismatches.push(
          `${r.c.file} ${w.address}: LibreOffice ${JSON.stringify(actual)} != Monev ${JSON.stringify(w.value)} (=${w.formula})`
        );
    }
    expect(formulas).toBeGreaterThan(20);
    // The rated column, found by its header in row 3: LibreOffice's values are the model's capaian.
    const header = ws.getRow(3);
    let col = -1;
    header.eachCell((cell, n) => {
      if (cell.value === r.c.capaian) col = n - 1;
    });
    expect(col).toBeGreaterThan(1);
    const s = summarise(analyseSheet(r.c.grid()));
    const got: number[] = [];
    for (let row = 3; row < 400; row++) {
      if (typeof at(cellAddress(row, 0)) !== "number") continue;
      got.push(at(cellAddress(row, col)) as number);
    }
    expect(got).toHaveLength(s.rowsEvaluated);
    got.forEach((v, i) => expect(v).toBeCloseTo(s.indicators[i].capaian, 9));
    // The signature block survives the round trip.
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toContain("Banjarmasin, 31 Desember 2022");
    expect(texts).toContain("NIP. 19700101 199003 1 001");
  }
  expect(mismatches.slice(0, 30)).toEqual([]);
});
