/**
 * A table of unknown kind contributes nothing to what the CLI reports: no rows, no average, no
 * predikat counts, no table count (so a workbook with only such tables exits 2), and its message
 * names the roles it lacks. Workbooks are built here with ExcelJS.
 */
import ExcelJS from "exceljs";
import * as path from "path";
import { auditFile, evaluateFile } from "../../src/cli/evaluate";
import type { CliError } from "../../src/cli/exit";
import { tmpDir } from "./run-cli";

const quiet = { step: () => undefined, done: () => undefined };

/** Sheet 'IKU': a known indicator table. Sheet 'Lain': an unknown one whose numbers and labels must not count. */
async function makeWorkbook(file: string, withKnown: boolean): Promise<void> {
  const wb = new ExcelJS.Workbook();
  if (withKnown) {
    const ws = wb.addWorksheet("IKU");
    ws.getRow(1).values = ["No", "Indikator", "Target", "Realisasi", "Capaian", "Predikat"];
    ws.getRow(2).values = [1, "Jumlah dokumen perencanaan", 10, 8];
    ws.getRow(3).values = [2, "Persentase laporan tepat waktu", 100, 100];
  }
  const other = wb.addWorksheet("Lain");
  other.getRow(1).values = ["No", "Uraian", "Capaian", "Predikat"];
  other.getRow(2).values = [1, "Belanja pegawai", 10, "Sangat Rendah"];
  other.getRow(3).values = [2, "Belanja barang", 20, "Sangat Rendah"];
  other.getRow(4).values = [3, "Belanja modal", 30, "Sangat Rendah"];
  await wb.xlsx.writeFile(file);
}

describe("an unknown table in the CLI recap", () => {
  const dir = tmpDir("monev-unknown-");
  const input = path.join(dir, "campur.xlsx");
  beforeAll(() => makeWorkbook(input, true));

  it.each(["audit", "evaluate"] as const)(
    "%s: rows, average and predikat come from the known table only",
    async (cmd) => {
      const r =
        cmd === "audit"
          ? await auditFile(input, {}, quiet)
          : await evaluateFile(input, path.join(dir, `hasil-${cmd}.xlsx`), {}, quiet);
      expect(r.tables).toBe(1);
      expect(r.rowsEvaluated).toBe(2);
      expect(r.averageCapaian).toBeCloseTo(90, 9);
      expect(r.predikat).toEqual({ Tinggi: 1, "Sangat Tinggi": 1 });
      const lain = r.sheets.find((s) => s.name === "Lain");
      expect(lain).toMatchObject({ tables: [], rowsEvaluated: 0, cellsWritten: 0 });
      expect(r.messages.join("\n")).toMatch(
        /Lain: .*tidak dikenali jenisnya \(tidak ada kolom target dan realisasi\)/
      );
    }
  );

  it("a workbook with only an unknown table has no evaluation table (exit 2), and says what is missing", async () => {
    const only = path.join(dir, "lain.xlsx");
    await makeWorkbook(only, false);
    let error: CliError | undefined;
    try {
      await auditFile(only, {}, quiet);
    } catch (e) {
      error = e as CliError;
    }
    expect(error?.exitCode).toBe(2);
    expect(error?.message).toMatch(/tidak ada kolom target dan realisasi/);
  });
});
