/**
 * `monev evaluate` end to end: child process on temp copies of every bundled sample.
 */
import * as fs from "fs";
import * as path from "path";
import { CliRun, copySample, readJson, runCli, sampleFiles, tmpDir } from "./run-cli";

interface ReportWrite {
  sheet: string;
  address: string;
  formula?: string;
  value: number | string | null;
  rule: string;
}
interface FileReport {
  input: string;
  output: string;
  summary: {
    tables: number;
    rowsEvaluated: number;
    cellsWritten: number;
    cellsOverwritten: number;
    cellsSkipped: number;
    predikat: Record<string, number>;
    formPredikat?: { unit: string; counts: Record<string, number> };
    averageCapaian: number | null;
    findings: number;
  };
  writes: ReportWrite[];
  overwritten: (ReportWrite & { previous: { value: unknown; formula?: string } })[];
  skipped: ReportWrite[];
  findings: { address: string; rule: string; message: string }[];
  messages: string[];
}
interface Report {
  tool: string;
  command: string;
  files: FileReport[];
  recap?: { file: string; tables: number; rows: number; findings: number }[];
}

const { kosong, printed } = sampleFiles();
const all = [...kosong, ...printed];
const MUST_WRITE = [
  "rkpd-2022-kosong.xlsx",
  "tabel-i15-kosong.xlsx",
  "banjarmasin-3-3-kosong.xlsx",
  "pk-iku-kosong.xlsx",
];

test("samples are bundled (run `npm run samples`)", () => {
  expect(kosong.length).toBeGreaterThanOrEqual(3);
  expect(printed.length).toBeGreaterThanOrEqual(3);
});

describe.each(all)("evaluate %s", (name) => {
  let dir = "";
  let input = "";
  let before: Buffer = Buffer.alloc(0);
  let output = "";
  let report = "";
  let run: CliRun = { code: -1, stdout: "", stderr: "" };
  beforeAll(() => {
    dir = tmpDir();
    input = copySample(name, dir);
    before = fs.readFileSync(input);
    output = path.join(dir, "hasil.xlsx");
    report = path.join(dir, "laporan.json");
    run = runCli(["evaluate", input, "-o", output, "--report", report]);
  });

  test("exits 0, writes the output and the report, leaves the input unchanged", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(fs.existsSync(output)).toBe(true);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    expect(run.stdout).toMatch(/Tabel ditemukan: [1-9]/);
    expect(run.stdout).toMatch(/Sel ditulis: \d+/);
    expect(run.stdout).toMatch(/Temuan audit: \d+/);
  });

  test("report lists every written cell with its address", () => {
    const r = readJson<Report>(report);
    expect(r.tool).toBe("monev");
    expect(r.command).toBe("evaluate");
    expect(r.files).toHaveLength(1);
    const f = r.files[0];
    expect(f.output).toBe(output);
    expect(f.summary.tables).toBeGreaterThan(0);
    expect(f.summary.cellsWritten).toBe(f.writes.length);
    for (const w of f.writes) expect(w.address).toMatch(/^[A-Z]{1,3}[1-9]\d*$/);
    for (const x of f.findings) expect(x.address).toMatch(/^[A-Z]{1,3}[1-9]\d*$/);
    // Without --overwrite nothing is overwritten.
    expect(f.overwritten).toEqual([]);
    // Emptied tables with realisations get their computed cells back (a PK has targets only).
    if (MUST_WRITE.includes(name)) expect(f.summary.cellsWritten).toBeGreaterThan(0);
  });

  test("is idempotent: evaluating the output again writes 0 cells", () => {
    const output2 = path.join(dir, "hasil2.xlsx");
    const report2 = path.join(dir, "laporan2.json");
    const again = runCli(["evaluate", output, "-o", output2, "--report", report2]);
    expect(again.code).toBe(0);
    const r = readJson<Report>(report2);
    expect(r.files[0].summary.cellsWritten).toBe(0);
    expect(r.files[0].writes).toEqual([]);
    // What Monev wrote passes Monev's own audit: the output has exactly the input's findings
    // (a number cell is compared as its format shows it, not by the digits behind it).
    const addresses = (f: FileReport) => f.findings.map((x) => x.address).sort();
    expect(addresses(r.files[0])).toEqual(addresses(readJson<Report>(report).files[0]));
  });
});

describe("summary counts", () => {
  test("RKPD: one predikat per kegiatan, not the rating of the average of all programs", () => {
    const dir = tmpDir();
    const report = path.join(dir, "laporan.json");
    const run = runCli([
      "evaluate",
      copySample("rkpd-2022-kosong.xlsx", dir),
      "-o",
      path.join(dir, "h.xlsx"),
      "--report",
      report,
    ]);
    expect(run.code).toBe(0);
    // One predikat per indicator (25: 24 ST, 1 SR); the form's seven "Predikat Kinerja Kegiatan"
    // rows, one of them "... seluruh program", are counted apart: six kegiatan, all ST.
    const summary = readJson<Report>(report).files[0].summary;
    expect(summary.predikat).toEqual({ ST: 24, SR: 1 });
    expect(summary.formPredikat).toEqual({ unit: "kegiatan", counts: { ST: 6 } });
  });
});

describe("--lembar-evaluasi", () => {
  test("adds 'Evaluasi - <sheet>' with formulas and cached values, once", () => {
    const dir = tmpDir();
    const input = copySample("pk-iku-kosong.xlsx", dir);
    const output = path.join(dir, "hasil.xlsx");
    const report = path.join(dir, "laporan.json");
    expect(
      runCli(["evaluate", input, "-o", output, "--report", report, "--lembar-evaluasi"]).code
    ).toBe(0);
    const f = readJson<Report>(report).files[0];
    const sheet = f.writes.filter((w) => w.rule === "lembar-evaluasi");
    expect(new Set(sheet.map((w) => w.sheet))).toEqual(new Set(["Evaluasi - Tabel 3.1.1"]));
    const at = (a: string) => sheet.find((w) => w.address === a);
    expect(at("E4")?.formula).toBe(`IF(ISNUMBER('Tabel 3.1.1'!F4),'Tabel 3.1.1'!F4,"")`);
    // The Sibolga table: capaian 100, 85, 100, 100, 100 -> mean 97 (the print's "Nilai rata-rata 97%").
    const avg = sheet.find((w) => w.formula?.startsWith("IFERROR(AVERAGE("));
    expect(avg?.value).toBeCloseTo(97, 6);
    expect(sheet.find((w) => w.formula?.startsWith("COUNT("))?.value).toBe(5);
    // Evaluating the output again adds no second sheet and writes nothing.
    const report2 = path.join(dir, "laporan2.json");
    expect(
      runCli([
        "evaluate",
        output,
        "-o",
        path.join(dir, "hasil2.xlsx"),
        "--report",
        report2,
        "--lembar-evaluasi",
      ]).code
    ).toBe(0);
    const again = readJson<Report>(report2).files[0];
    expect(again.writes).toEqual([]);
    expect(again.messages.join("\n")).toMatch(/sudah ada; tidak dibuat lagi/);
  });
});

describe("--overwrite", () => {
  test("replaces printed figures and lists each overwritten cell with its old content", () => {
    const dir = tmpDir();
    // Printed tables carry the computed figures as plain numbers: those are the conflicts.
    const results = printed.map((name) => {
      const input = copySample(name, dir);
      const plain = runCli([
        "evaluate",
        input,
        "-o",
        path.join(dir, `p-${name}`),
        "--report",
        path.join(dir, `p-${name}.json`),
      ]);
      expect(plain.code).toBe(0);
      const run = runCli([
        "evaluate",
        input,
        "-o",
        path.join(dir, `o-${name}`),
        "--overwrite",
        "--report",
        path.join(dir, `o-${name}.json`),
      ]);
      expect(run.code).toBe(0);
      return {
        name,
        skipped: readJson<Report>(path.join(dir, `p-${name}.json`)).files[0],
        over: readJson<Report>(path.join(dir, `o-${name}.json`)).files[0],
        stdout: run.stdout,
      };
    });
    const withConflicts = results.filter((r) => r.skipped.summary.cellsSkipped > 0);
    expect(withConflicts.length).toBeGreaterThan(0);
    for (const r of withConflicts) {
      expect(r.over.overwritten.length).toBeGreaterThan(0);
      for (const o of r.over.overwritten) {
        expect(o.address).toMatch(/^[A-Z]{1,3}[1-9]\d*$/);
        expect(o.previous).toBeDefined();
        expect(o.previous.value !== null || o.previous.formula !== undefined).toBe(true);
      }
      expect(r.stdout).toMatch(/Sel ditimpa/);
    }
  });
});

describe("several inputs", () => {
  test("-o is a directory; prints a recap table and writes the recap into the report", () => {
    const dir = tmpDir();
    const inputs = kosong.slice(0, 3).map((n) => copySample(n, dir));
    const outDir = path.join(dir, "hasil") + path.sep;
    const report = path.join(dir, "rekap.json");
    const run = runCli(["evaluate", ...inputs, "-o", outDir, "--report", report]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Rekap 3 berkas/);
    expect(run.stdout).toMatch(/Berkas\s+Tabel\s+Baris/);
    for (const inp of inputs) {
      expect(fs.existsSync(path.join(outDir, path.basename(inp)))).toBe(true);
      expect(run.stdout).toContain(path.basename(inp));
    }
    const r = readJson<Report>(report);
    expect(r.files).toHaveLength(3);
    expect(r.recap).toHaveLength(3);
    for (const row of r.recap ?? []) expect(row.tables).toBeGreaterThan(0);
  });

  test("one bad file among good ones: the others are written, exit code 2", () => {
    const dir = tmpDir();
    const good = copySample(kosong[0], dir);
    const bad = path.join(dir, "rusak.xlsx");
    fs.writeFileSync(bad, "bukan excel");
    const outDir = path.join(dir, "hasil") + path.sep;
    const run = runCli(["evaluate", good, bad, "-o", outDir]);
    expect(run.code).toBe(2);
    expect(fs.existsSync(path.join(outDir, path.basename(good)))).toBe(true);
    expect(fs.existsSync(path.join(outDir, "rusak.xlsx"))).toBe(false);
    expect(run.stdout).toMatch(/GAGAL/);
  });
});

describe("language and help", () => {
  test("--lang en prints English", () => {
    const dir = tmpDir();
    const input = copySample(kosong[0], dir);
    const run = runCli(["evaluate", input, "-o", path.join(dir, "o.xlsx"), "--lang", "en"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Tables found/);
  });

  test("LANG=en_US prints English", () => {
    const dir = tmpDir();
    const input = copySample(kosong[0], dir);
    const run = runCli(["evaluate", input, "-o", path.join(dir, "o.xlsx")], {
      env: { LANG: "en_US.UTF-8" },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Cells written/);
  });

  test.each(["evaluate", "audit", "portable", "demo"])(
    "%s --help exits 0 and documents exit codes",
    (cmd) => {
      const run = runCli([cmd, "--help"]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Kode keluar/);
      expect(run.stdout).toMatch(/--lang/);
    }
  );

  test("--progress writes progress to stderr only", () => {
    const dir = tmpDir();
    const inputs = kosong.slice(0, 2).map((n) => copySample(n, dir));
    const run = runCli(["evaluate", ...inputs, "-o", path.join(dir, "o") + path.sep, "--progress"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/\[1\/2\]/);
    expect(run.stdout).not.toMatch(/\[1\/2\]/);
  });
});
