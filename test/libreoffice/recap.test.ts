/**
 * The --rekap workbook (built without ExcelJS) opened and recalculated by LibreOffice: every total
 * gives the value the recap cached, the file rows come back as the same numbers and texts, and
 * the header's autofilter and the bold header and total rows survive the round trip.
 */
import ExcelJS from "exceljs";
import * as path from "path";
import { writeRecapWorkbook, type RecapEntry } from "../../src/cli/recap";
import { lang, setLang } from "../../src/cli/i18n";
import { tmpDir } from "../cli/run-cli";
import { RECAP_ROWS } from "../helpers/recap-rows";
import {
  INSTALL_HINT,
  findSoffice,
  recalcWithLibreOffice,
  sameValue,
} from "../helpers/libreoffice";

/** RECAP_ROWS and a dozen more files whose averages do not average to two decimals. */
function manyRows(): RecapEntry[] {
  const more: RecapEntry[] = Array.from({ length: 12 }, (_, i) => ({
    file: path.join("opd", `dinas-${i + 1}.xlsx`),
    rel: `dinas-${i + 1}.xlsx`,
    output: path.join("hasil", `dinas-${i + 1}.xlsx`),
    tables: 1 + (i % 3),
    rows: 17 * (i + 1),
    cellsWritten: 53 * (i + 2),
    averageCapaian: 41.237 + i * 7.913,
    predikat: { Tinggi: i, Rendah: 12 - i, ...(i % 4 === 0 ? { Sedang: 2 } : {}) },
    findings: i % 5,
  }));
  return [...RECAP_ROWS, ...more];
}

async function sheet(file: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets[0];
}

test("LibreOffice's recalculation of the recap's totals equals the cached values", async () => {
  if (!findSoffice()) throw new Error(INSTALL_HINT);
  const was = lang();
  setLang("id");
  const dir = tmpDir("monev-lo-recap-");
  const files = {
    evaluate: path.join(dir, "rekap-evaluasi.xlsx"),
    audit: path.join(dir, "rekap-audit.xlsx"),
    // No file with an average: IFERROR(AVERAGE(...),"") gives "".
    blank: path.join(dir, "rekap-tanpa-rata.xlsx"),
  };
  try {
    writeRecapWorkbook(files.evaluate, manyRows(), "evaluate");
    writeRecapWorkbook(files.audit, manyRows(), "audit");
    writeRecapWorkbook(files.blank, RECAP_ROWS.slice(2), "evaluate");
  } finally {
    setLang(was);
  }
  const lo = recalcWithLibreOffice(Object.values(files), path.join(dir, "lo"));
  for (const file of Object.values(files)) {
    const ours = await sheet(file);
    const theirs = await sheet(lo.outputs.get(file) as string);
    const last = ours.rowCount;
    const width = ours.getRow(1).cellCount;
    expect(theirs.rowCount).toBe(last);
    let formulas = 0;
    const bad: string[] = [];
    for (let r = 1; r <= last; r++)
      for (let c = 1; c <= width; c++) {
        const a = ours.getRow(r).getCell(c);
        const b = theirs.getRow(r).getCell(c);
        const mine = a.value as ExcelJS.CellValue;
        if (mine && typeof mine === "object" && "formula" in mine) {
          formulas++;
          const cached = (mine.result ?? null) as number | string | null;
          const got =
            b.value && typeof b.value === "object"
              ? (b.value as { result?: unknown }).result
              : b.value;
          if (!sameValue(got, cached))
            bad.push(`${a.address}: ${mine.formula} cached ${cached}, LibreOffice ${String(got)}`);
        } else if (!sameValue(b.value, mine as number | string | null))
          bad.push(`${a.address}: ${String(mine)} became ${String(b.value)}`);
      }
    expect(bad).toEqual([]);
    // Every count column and the average are totalled by formulas (not No, OPD, file, status, output).
    expect(formulas).toBe(width - (file === files.audit ? 4 : 5));
    expect(theirs.autoFilter).toBe(ours.autoFilter);
    for (const r of [1, last])
      for (let c = 1; c <= width; c++) expect(theirs.getRow(r).getCell(c).font?.bold).toBe(true);
  }
  // The average's total is AVERAGE's own result, not one rounded to the 0.00 it shows.
  const ev = await sheet(files.evaluate);
  const avg = (ev.getRow(ev.rowCount).getCell(7).value as ExcelJS.CellFormulaValue).result;
  expect(typeof avg).toBe("number");
  expect(Math.round((avg as number) * 100) / 100).not.toBe(avg);
});
