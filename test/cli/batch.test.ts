/**
 * Batch for a Bappeda: folders (with -r sub-folders), patterns expanded by monev itself, files in
 * parallel worker threads (compiled CLI), results in input order, the recap workbook (--rekap),
 * one failing file not stopping the others, and the JSON report streamed file by file.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { ensureCompiledCli, runBin } from "./compiled-cli";
import { runCli, SAMPLES, tmpDir } from "./run-cli";
import { runJob } from "../../src/cli/batch";
import { DEFAULT_LIMITS } from "../../src/cli/limits";

const KOSONG = [
  "pk-iku-kosong.xlsx",
  "rkpd-2022-kosong.xlsx",
  "tabel-i15-kosong.xlsx",
  "banjarmasin-3-3-kosong.xlsx",
];

/** opd/ with two files at the top, two in sub-folders (same name in both), a lock file and a non-xlsx. */
function makeTree(): string {
  const d = tmpDir("monev-batch-");
  const opd = path.join(d, "opd");
  fs.mkdirSync(path.join(opd, "dinas-a"), { recursive: true });
  fs.mkdirSync(path.join(opd, "dinas-b"), { recursive: true });
  fs.copyFileSync(path.join(SAMPLES, KOSONG[0]), path.join(opd, "bappeda.xlsx"));
  fs.copyFileSync(path.join(SAMPLES, KOSONG[1]), path.join(opd, "dinkes.xlsx"));
  fs.copyFileSync(path.join(SAMPLES, KOSONG[2]), path.join(opd, "dinas-a", "iku.xlsx"));
  fs.copyFileSync(path.join(SAMPLES, KOSONG[3]), path.join(opd, "dinas-b", "iku.xlsx"));
  fs.writeFileSync(path.join(opd, "~$bappeda.xlsx"), "lock");
  fs.writeFileSync(path.join(opd, "catatan.txt"), "bukan lembar kerja");
  return d;
}

beforeAll(() => {
  ensureCompiledCli();
}, 300_000);

describe("batch through the compiled CLI", () => {
  it("a folder with -r, in parallel: outputs mirror the sub-folders, recap table, --rekap workbook, streamed report", async () => {
    const d = makeTree();
    const r = runBin(
      [
        "evaluate",
        "opd",
        "-r",
        "-o",
        "hasil/",
        "--paralel",
        "2",
        "--rekap",
        "rekap.xlsx",
        "--report",
        "laporan.json",
      ],
      { cwd: d }
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    for (const f of [
      "bappeda.xlsx",
      "dinkes.xlsx",
      path.join("dinas-a", "iku.xlsx"),
      path.join("dinas-b", "iku.xlsx"),
    ]) {
      expect(fs.existsSync(path.join(d, "hasil", f))).toBe(true);
    }
    expect(fs.existsSync(path.join(d, "hasil", "~$bappeda.xlsx"))).toBe(false);
    expect(r.stdout).toMatch(/Rekap 4 berkas:/);
    // Input order (sorted, folders in place), whatever order the workers finished in.
    const rows = r.stdout
      .split("\n")
      .filter((l) => /^(bappeda|dinkes|iku)\.xlsx/.test(l))
      .map((l) => l.split(/\s+/)[0]);
    expect(rows).toEqual(["bappeda.xlsx", "iku.xlsx", "iku.xlsx", "dinkes.xlsx"]);

    const rep = JSON.parse(fs.readFileSync(path.join(d, "laporan.json"), "utf8")) as {
      command: string;
      files: { input: string; writes: unknown[] }[];
      failures: unknown[];
      recap: { file: string; tables: number }[];
    };
    expect(rep.command).toBe("evaluate");
    expect(rep.files.map((f) => f.input)).toEqual([
      path.join("opd", "bappeda.xlsx"),
      path.join("opd", "dinas-a", "iku.xlsx"),
      path.join("opd", "dinas-b", "iku.xlsx"),
      path.join("opd", "dinkes.xlsx"),
    ]);
    expect(rep.files.every((f) => f.writes.length > 0)).toBe(true);
    expect(rep.failures).toEqual([]);
    expect(rep.recap).toHaveLength(4);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(d, "rekap.xlsx"));
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual([
      "No",
      "OPD",
      "Berkas",
      "Tabel",
      "Indikator",
      "Sel ditulis",
      "Rata-rata capaian (%)",
    ]);
    expect(header).toEqual(expect.arrayContaining(["Temuan audit", "Status", "Keluaran"]));
    expect(header.some((h) => /^Predikat: /.test(String(h)))).toBe(true);
    expect(ws.getRow(2).getCell(2).value).toBe("bappeda");
    expect(ws.getRow(3).getCell(3).value).toBe(path.join("dinas-a", "iku.xlsx"));
    for (let i = 2; i <= 5; i++)
      expect(ws.getRow(i).getCell(header.indexOf("Status") + 1).value).toBe("OK");
    expect(ws.getRow(6).getCell(2).value).toBe("Jumlah");
  });

  it("parallel and sequential runs give the same results", () => {
    const d = makeTree();
    const a = runBin(["audit", "opd", "-r", "--paralel", "2", "--report", "par.json"], { cwd: d });
    const b = runBin(["audit", "opd", "-r", "--paralel", "1", "--report", "seq.json"], { cwd: d });
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stdout.replace(/par\.json/, "")).toBe(b.stdout.replace(/seq\.json/, ""));
    const strip = (f: string) => {
      const j = JSON.parse(fs.readFileSync(path.join(d, f), "utf8")) as Record<string, unknown>;
      delete j.generatedAt;
      return j;
    };
    expect(strip("par.json")).toEqual(strip("seq.json"));
  });

  it('a quoted pattern ("opd/*.xlsx") is expanded by monev; ** reaches sub-folders', () => {
    const d = makeTree();
    const r = runBin(["audit", "opd/*.xlsx"], { cwd: d });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Rekap 2 berkas/);
    const all = runBin(["evaluate", "opd/**/*.xlsx", "-o", "keluar/"], { cwd: d });
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/Rekap 4 berkas/);
    expect(fs.existsSync(path.join(d, "keluar", "dinas-b", "iku.xlsx"))).toBe(true);
    const none = runBin(["audit", "opd/*.xlsm"], { cwd: d });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Pola opd\/\*\.xlsm tidak cocok dengan berkas \.xlsx apa pun/);
  });

  it("a folder without -r: only its own files; an empty one says to add -r", () => {
    const d = makeTree();
    const r = runBin(["audit", "opd"], { cwd: d });
    expect(r.stdout).toMatch(/Rekap 2 berkas/);
    const e = runBin(["audit", path.join("opd", "..", "opd", "dinas-a", "..")], { cwd: d });
    expect(e.code).toBe(0);
    fs.mkdirSync(path.join(d, "kosong", "sub"), { recursive: true });
    fs.copyFileSync(path.join(SAMPLES, KOSONG[0]), path.join(d, "kosong", "sub", "x.xlsx"));
    const k = runBin(["audit", "kosong"], { cwd: d });
    expect(k.code).toBe(2);
    expect(k.stderr).toMatch(
      /Tidak ada berkas \.xlsx di folder kosong \(ada di sub-folder: tambahkan --rekursif \/ -r\)/
    );
  });

  it("one bad file among several: the others are written, the recap says GAGAL, exit 2", () => {
    const d = makeTree();
    fs.writeFileSync(path.join(d, "opd", "rusak.xlsx"), "bukan zip");
    const r = runBin(["evaluate", "opd", "-o", "hasil/", "--rekap", "rekap.xlsx"], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/monev: Bukan berkas Excel \.xlsx: opd[\\/]rusak\.xlsx/);
    expect(r.stdout).toMatch(/rusak\.xlsx .*GAGAL/);
    expect(fs.existsSync(path.join(d, "hasil", "bappeda.xlsx"))).toBe(true);
    expect(fs.existsSync(path.join(d, "hasil", "rusak.xlsx"))).toBe(false);
    expect(fs.existsSync(path.join(d, "rekap.xlsx"))).toBe(true);
  });

  it("the output folder inside the input folder is not read back as input with -r", () => {
    const d = makeTree();
    const first = runBin(["evaluate", "opd", "-r", "-o", path.join("opd", "hasil") + path.sep], {
      cwd: d,
    });
    expect(first.code).toBe(0);
    const again = runBin(["evaluate", "opd", "-r", "-o", path.join("opd", "hasil") + path.sep], {
      cwd: d,
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Rekap 4 berkas/);
  });

  it("--rekap and --paralel are checked", () => {
    const d = makeTree();
    let r = runBin(["audit", "opd", "--rekap", "rekap.csv"], { cwd: d });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Berkas rekap harus berakhiran \.xlsx/);
    r = runBin(["audit", "opd", "--rekap", path.join("opd", "bappeda.xlsx")], { cwd: d });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Rekap tidak boleh ditulis ke .*berkas masukan/);
    r = runBin(["audit", "opd", "--paralel", "dua"], { cwd: d });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--paralel: 'dua' bukan bilangan bulat/);
  });
});

describe("batch in process (tsx): the same results without workers", () => {
  it("a folder through src/cli/main.ts under tsx", () => {
    const d = makeTree();
    const r = runCli(["audit", "opd", "-r", "--paralel", "2"], { cwd: d });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Rekap 4 berkas/);
  });

  it("a job result holds the file's full report only when --report asks for it", async () => {
    const input = path.join(SAMPLES, "pk-iku.xlsx");
    const base = {
      index: 0,
      kind: "audit" as const,
      input,
      opts: {},
      limits: DEFAULT_LIMITS,
      lang: "id" as const,
      single: false,
    };
    const lean = await runJob({ ...base, detail: false });
    expect(lean.error).toBeUndefined();
    expect(lean.report).toBeUndefined();
    expect(lean.recap.tables).toBeGreaterThan(0);
    const full = await runJob({ ...base, detail: true });
    expect(full.report).toBeDefined();
  });
});
