/**
 * Bad input and usage errors: exit code, Indonesian message on stderr, and no output file.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { copySample, runCli, sampleFiles, SAMPLES, tmpDir } from "./run-cli";

const { kosong } = sampleFiles();

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

async function makeInputs(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  files.txt = path.join(dir, "teks.xlsx");
  fs.writeFileSync(files.txt, "Ini hanya teks biasa, bukan lembar kerja.\n");

  files.truncated = path.join(dir, "terpotong.xlsx");
  const full = fs.readFileSync(path.join(SAMPLES, kosong[0]));
  fs.writeFileSync(files.truncated, full.subarray(0, Math.floor(full.length / 2)));

  files.encrypted = path.join(dir, "terenkripsi.xlsx");
  const cfb = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb, 0);
  fs.writeFileSync(files.encrypted, cfb);

  files.notable = path.join(dir, "tanpa-tabel.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Catatan");
  ws.getCell("A1").value = "Catatan rapat";
  ws.getCell("A2").value = "Tidak ada tabel di sini.";
  ws.getCell("B5").value = 42;
  await wb.xlsx.writeFile(files.notable);

  files.missing = path.join(dir, "tidak-ada.xlsx");
  files.empty = path.join(dir, "kosong-nol-bita.xlsx");
  fs.writeFileSync(files.empty, "");
  return files;
}

const cases: [string, RegExp][] = [
  ["txt", /Bukan berkas Excel \.xlsx/],
  ["truncated", /rusak atau tidak lengkap/],
  ["encrypted", /dilindungi kata sandi/],
  ["notable", /Tidak ditemukan tabel evaluasi/],
  ["missing", /Berkas tidak ditemukan/],
  ["empty", /Bukan berkas Excel \.xlsx/],
];

describe.each(cases)("bad input: %s", (kind, message) => {
  let dir = "";
  let files: Record<string, string> = {};
  beforeAll(async () => {
    dir = tmpDir("monev-bad-");
    files = await makeInputs(dir);
  });

  test("evaluate: exit 2, Indonesian message, no output, no report", () => {
    const before = listFiles(dir);
    const out = path.join(dir, "hasil.xlsx");
    const run = runCli(["evaluate", files[kind], "-o", out, "--report", path.join(dir, "r.json")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/^monev: /);
    expect(run.stdout).toBe("");
    expect(listFiles(dir)).toEqual(before);
  });

  test("audit: exit 2", () => {
    const run = runCli(["audit", files[kind]]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  test("English with --lang en", () => {
    const run = runCli(["evaluate", files[kind], "-o", path.join(dir, "x.xlsx"), "--lang", "en"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not found|Not an Excel|damaged|password|No recognisable/);
  });
});

describe("usage and output errors", () => {
  test("unknown option: exit 1 with an Indonesian message", () => {
    const run = runCli(["evaluate", "a.xlsx", "-o", "b.xlsx", "--tidak-ada"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/opsi tidak dikenal/);
  });

  test("missing -o: exit 1", () => {
    const run = runCli(["evaluate", "a.xlsx"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/opsi wajib/);
  });

  test("unknown command: exit 1", () => {
    const run = runCli(["evaluasi"]);
    expect(run.code).toBe(1);
  });

  test("bad --scale: exit 1", () => {
    const dir = tmpDir();
    const input = copySample(kosong[0], dir);
    const run = runCli(["evaluate", input, "-o", path.join(dir, "o.xlsx"), "--scale", "tidak-ada"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/skala tidak dikenal/);
  });

  test("output equal to input is refused (exit 1), input untouched", () => {
    const dir = tmpDir();
    const input = copySample(kosong[0], dir);
    const before = fs.readFileSync(input);
    const run = runCli(["evaluate", input, "-o", input]);
    expect(run.code).toBe(1);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
  });

  test("unknown --sheet: exit 2", () => {
    const dir = tmpDir();
    const input = copySample(kosong[0], dir);
    const run = runCli(["evaluate", input, "-o", path.join(dir, "o.xlsx"), "--sheet", "Tidak Ada"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Lembar 'Tidak Ada' tidak ada/);
    expect(fs.existsSync(path.join(dir, "o.xlsx"))).toBe(false);
  });

  test("unwritable output: exit 3", () => {
    const dir = tmpDir();
    const input = copySample(kosong[0], dir);
    const blocker = path.join(dir, "berkas");
    fs.writeFileSync(blocker, "x");
    const run = runCli(["evaluate", input, "-o", path.join(blocker, "o.xlsx")]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/monev: /);
  });
});
