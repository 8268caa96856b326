/**
 * The engine's messages in the CLI's language (issue 9, item 9): `--lang en` prints findings and
 * messages in English (printed rounding and rule name kept), the JSON report carries each
 * message's code and parameters next to its text, and the cell notes and the evaluation sheet's
 * narrative written into the workbook are in the chosen language. Indonesian by default.
 */
import * as path from "path";
import ExcelJS from "exceljs";
import { copySample, readJson, runCli, tmpDir } from "./run-cli";

/** Words of the engine's Indonesian texts (sheet data such as labels and sheet names aside). */
const INDONESIAN =
  /tidak ditemukan|seharusnya|ditemukan .* di baris|tercetak|hasil hitung|tidak diisi|tidak dihitung|Lembar '|dievaluasi|sebanyak|bertentangan|Masukan berupa/;

interface Report {
  files: {
    findings: {
      address: string;
      rule: string;
      code: string;
      params: Record<string, string | number>;
      message: string;
    }[];
    messages: string[];
    engineMessages: {
      sheet: string;
      code: string;
      params: object;
      text: string;
      omission?: true;
    }[];
    leftEmpty: string[];
    writes: { address: string; note?: string; noteCode?: string; noteParams?: object }[];
  }[];
}

/** `monev evaluate <sample> -o … --report … --lang en` in a new folder: the run and its report. */
function evaluateSampleInEnglish(sample: string): {
  run: ReturnType<typeof runCli>;
  file: Report["files"][number];
} {
  const dir = tmpDir();
  const input = copySample(sample, dir);
  const report = path.join(dir, "r.json");
  const run = runCli([
    "evaluate",
    input,
    "-o",
    path.join(dir, "o.xlsx"),
    "--report",
    report,
    "--lang",
    "en",
  ]);
  expect(run.code).toBe(0);
  return { run, file: readJson<Report>(report).files[0] };
}

function noteText(cell: ExcelJS.Cell): string {
  const note = cell.note as ExcelJS.Comment | string | undefined;
  return typeof note === "string" ? note : (note?.texts ?? []).map((t) => t.text).join("");
}

describe("audit --lang en", () => {
  const dir = tmpDir();
  const input = copySample("banjarmasin-3-3.xlsx", dir);

  test("prints the engine's findings in English, with the printed rounding and the rule", () => {
    const run = runCli(["audit", input, "--lang", "en"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /F5: printed 90\.29, recomputed 0\.16 \(rule realisasi-keuangan-persen\)\./
    );
    expect(run.stdout).toMatch(/F7: printed -100\.00, recomputed 0\.00 \(rule capaian-negatif\)/);
    expect(run.stdout).toMatch(/contradicts the .* scale; expected '/);
    expect(run.stdout).not.toMatch(INDONESIAN);
  });

  test("prints them in Indonesian by default", () => {
    const run = runCli(["audit", input]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/F5: tercetak 90,29, hasil hitung 0,16 \(/);
    expect(run.stdout).toMatch(/bertentangan dengan skala; seharusnya '/);
    // Each finding line names its sheet and cell once: "<lembar>!F5: tercetak …", not "…!F5: F5: …".
    const line = run.stdout.split("\n").find((l) => l.includes("F5: tercetak"));
    expect(line).toMatch(/^ {2}\S.*!F5: tercetak/);
    expect(run.stdout).not.toMatch(/!([A-Z]+\d+): \1:/);
  });
});

describe("evaluate --lang en", () => {
  test("console, report and evaluation sheet in English; codes and parameters in the report", async () => {
    const dir = tmpDir();
    const input = copySample("renja-e81.xlsx", dir);
    const out = path.join(dir, "out.xlsx");
    const report = path.join(dir, "r.json");
    const run = runCli(
      ["evaluate", input, "-o", out, "--report", report, "--lembar-evaluasi", "--lang", "en"],
      {}
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Left empty, and why:/);
    expect(run.stdout).toMatch(/Column 14 \(Rp\) left empty on \d+ row\(s\)/);
    expect(run.stdout).not.toMatch(INDONESIAN);

    const f = readJson<Report>(report).files[0];
    expect(f.messages.join("\n")).toMatch(/recognised in rows \d+-\d+\./);
    expect(f.messages.join("\n")).not.toMatch(INDONESIAN);
    expect(f.engineMessages.length).toBeGreaterThan(0);
    for (const m of f.engineMessages) {
      expect(m.code).toMatch(/^(analysis|draft|plan|note)\./);
      expect(typeof m.params).toBe("object");
      expect(m.text).not.toMatch(INDONESIAN);
    }
    expect(f.engineMessages.map((m) => m.code)).toContain("analysis.table-found");
    expect(f.engineMessages.some((m) => m.code.startsWith("draft."))).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets.find((w) => /^Evaluasi - /.test(w.name))!;
    const texts: string[] = [];
    sheet.eachRow((r) => r.eachCell((c) => typeof c.value === "string" && texts.push(c.value)));
    expect(texts.some((t) => /^Of \d+ indicators evaluated/.test(t))).toBe(true);
    expect(texts.some((t) => /^Dari \d+ /.test(t))).toBe(false);
  });

  test("the report's findings carry code and parameters next to the English text", () => {
    const f = evaluateSampleInEnglish("rkpd-2022.xlsx").file;
    expect(f.findings.length).toBeGreaterThan(0);
    for (const x of f.findings) {
      expect(x.code).toMatch(/^finding\./);
      expect(x.params.address).toBe(x.address);
      expect(x.message).not.toMatch(INDONESIAN);
    }
    const w42 = f.findings.find((x) => x.address === "W42")!;
    expect(w42).toMatchObject({
      code: "finding.value",
      params: { printed: 50, expected: 100, decimals: 0, rule: "rkpd.jumlah-tw-k" },
      message: "W42: printed 50, recomputed 100 (rule rkpd.jumlah-tw-k).",
    });
  });

  test("what is left empty, and why, in English: console and report (leftEmpty, omission)", () => {
    // A PK table: a 2024 target, realisations of 2022-2023 only.
    const { run, file } = evaluateSampleInEnglish("pk-iku-tpi-pk-2024-kosong.xlsx");
    expect(run.stdout).toMatch(
      /Left empty, and why:\n {4}PK 2024: Table 'PK 2024': no target and realisation columns of the same year/
    );
    expect(file.leftEmpty).toEqual([expect.stringMatching(/no target and realisation columns/)]);
    expect(file.engineMessages.filter((m) => m.omission).map((m) => m.code)).toEqual([
      "note.no-target-realisasi-pair",
    ]);
  });

  test("cell notes written into the workbook follow --lang", async () => {
    const dir = tmpDir();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").addRows([
      ["No", "Indikator", "Target", "Realisasi", "Capaian (%)"],
      [1, "Jumlah UMKM dibina", 80, "87,44"],
      [2, "Jumlah pelatihan", 10, 8],
    ]);
    const input = path.join(dir, "teks.xlsx");
    await wb.xlsx.writeFile(input);
    const out = path.join(dir, "out.xlsx");
    const report = path.join(dir, "r.json");
    const run = runCli(["evaluate", input, "-o", out, "--report", report, "--lang", "en"]);
    expect(run.code).toBe(0);
    const res = new ExcelJS.Workbook();
    await res.xlsx.readFile(out);
    expect(noteText(res.getWorksheet("S")!.getCell("E2"))).toMatch(
      /^Monev: Inputs are text: D2 \('87,44'\)\. A formula cannot compute on text/
    );
    const e2 = readJson<Report>(report).files[0].writes.find((w) => w.address === "E2")!;
    expect(e2).toMatchObject({
      noteCode: "note.text-input",
      noteParams: { inputs: "D2 ('87,44')" },
    });
    expect(e2.note).toMatch(/^Inputs are text/);
  });
});
