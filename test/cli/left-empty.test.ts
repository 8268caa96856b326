/**
 * What the engine leaves uncomputed is never silent in the console: every omission message
 * (isOmission, by code, not by matching words) is printed under the summary, for evaluate
 * ("Tidak diisi, dengan alasannya") and for audit ("Tidak dihitung, dengan alasannya"), and marked
 * in the JSON report (English console and report: lang-messages.test.ts). The PK sample has a
 * 2024 target and realisations of 2022-2023 only, so nothing can be computed; before, its summary
 * said "Baris dievaluasi: 0" and nothing else.
 */
import ExcelJS from "exceljs";
import * as path from "path";
import { auditFile, evaluateFile } from "../../src/cli/evaluate";
import { fileReport, summaryLines } from "../../src/cli/report";
import { copySample, tmpDir } from "./run-cli";

const quiet = { step: () => undefined, done: () => undefined };
const NO_PAIR =
  /tidak ada pasangan kolom target dan realisasi tahun yang sama; capaian tidak dihitung/;

/** Sheet 'IKU': an indicator table of two rows whose capaian and predikat columns are empty. */
function ikuSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.addWorksheet("IKU");
  ws.getRow(1).values = ["No", "Indikator", "Target", "Realisasi", "Capaian", "Predikat"];
  ws.getRow(2).values = [1, "Jumlah dokumen perencanaan", 10, 8];
  ws.getRow(3).values = [2, "Persentase laporan tepat waktu", 100, 100];
  return ws;
}

describe("omissions in the console summary and the report", () => {
  const dir = tmpDir("monev-left-empty-");

  test("audit of a table with nothing to compute says why", async () => {
    const r = await auditFile(copySample("pk-iku-tpi-pk-2024.xlsx", dir), {}, quiet);
    expect(r.rowsEvaluated).toBe(0);
    const lines = summaryLines(r, "audit");
    const head = lines.indexOf("  Tidak dihitung, dengan alasannya:");
    expect(head).toBeGreaterThan(0);
    expect(lines[head + 1]).toMatch(NO_PAIR);
    // The table-found message is not an omission and is not listed there.
    expect(lines.join("\n")).not.toMatch(/ditemukan tabel indikator kinerja di baris/);
    const pair = r.engineMessages.find((m) => m.code === "note.no-target-realisasi-pair");
    expect(pair?.omission).toBe(true);
    expect(r.engineMessages.find((m) => m.code === "analysis.table-found")?.omission).toBe(
      undefined
    );
  });

  test("evaluate lists an unknown table and a merged computed cell under 'Tidak diisi'", async () => {
    const input = path.join(dir, "campur.xlsx");
    const wb = new ExcelJS.Workbook();
    ikuSheet(wb).mergeCells("E3:F3");
    const other = wb.addWorksheet("Lain");
    other.getRow(1).values = ["No", "Uraian", "Capaian", "Predikat"];
    other.getRow(2).values = [1, "Belanja pegawai", 10, "Sangat Rendah"];
    other.getRow(3).values = [2, "Belanja barang", 20, "Sangat Rendah"];
    await wb.xlsx.writeFile(input);

    const r = await evaluateFile(input, path.join(dir, "hasil.xlsx"), {}, quiet);
    const text = summaryLines(r, "evaluate").join("\n");
    expect(text).toMatch(/ {2}Tidak diisi, dengan alasannya:\n/);
    expect(text).toMatch(/ {4}IKU: E3 tidak diisi: sel gabungan \(merge\)\./);
    expect(text).toMatch(/ {4}Lain: .*tidak dikenali jenisnya .*; tidak dihitung\./);
    expect(r.leftEmpty).toHaveLength(2);
  });

  test("a protected sheet: evaluate says it was not written; audit, which reads it, does not", async () => {
    const input = path.join(dir, "kunci.xlsx");
    const wb = new ExcelJS.Workbook();
    await ikuSheet(wb).protect("rahasia", {});
    await wb.xlsx.writeFile(input);

    const ev = await evaluateFile(input, path.join(dir, "kunci-hasil.xlsx"), {}, quiet);
    expect(ev.leftEmpty.join("\n")).toMatch(/IKU: Lembar 'IKU' terkunci \(protected\)/);
    const au = await auditFile(input, {}, quiet);
    expect(au.rowsEvaluated).toBe(2);
    expect(au.leftEmpty).toEqual([]);
    expect(summaryLines(au, "audit").join("\n")).not.toMatch(/Tidak dihitung/);
  });
  test("audit counts the rows it does not rate (target 0) beside the rows it evaluates", async () => {
    const input = path.join(dir, "target-nol.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = ikuSheet(wb);
    ws.getRow(2).values = [1, "Jumlah dokumen perencanaan", 10, 8, 80];
    ws.getRow(3).values = [2, "Persentase laporan tepat waktu", 0, 0, 0];
    await wb.xlsx.writeFile(input);

    const r = await auditFile(input, {}, quiet);
    expect([r.rowsEvaluated, r.rowsNotRated]).toEqual([1, 1]);
    const lines = summaryLines(r, "audit");
    expect(lines).toContain(
      "  Baris dievaluasi: 1 (1 baris lain tidak dinilai: target atau rencana 0)"
    );
    expect(lines.join("\n")).toMatch(
      /IKU: Lembar 'IKU': 1 baris tidak dihitung dalam ringkasan \(mis\. E3\)/
    );
    expect(fileReport(r).summary).toMatchObject({ rowsEvaluated: 1, rowsNotRated: 1 });
  });
});
