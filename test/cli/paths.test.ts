/** Path hazards: the input is never overwritten, by -o or --report, whatever path reaches it. */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { runCli, SAMPLES, tmpDir } from "./run-cli";
import { sameFile } from "../../src/cli/paths";

const sample = path.join(SAMPLES, "pk-iku-kosong.xlsx");

function copyInput(dir: string): string {
  const f = path.join(dir, "in.xlsx");
  fs.copyFileSync(sample, f);
  return f;
}

describe("CLI path safety", () => {
  it("sameFile sees through symlinks and hard links", () => {
    const d = tmpDir();
    const f = copyInput(d);
    fs.symlinkSync(f, path.join(d, "link.xlsx"));
    fs.linkSync(f, path.join(d, "hard.xlsx"));
    expect(sameFile(path.join(d, "link.xlsx"), f)).toBe(true);
    expect(sameFile(path.join(d, "hard.xlsx"), f)).toBe(true);
    expect(sameFile(path.join(d, "sub", "..", "in.xlsx"), f)).toBe(true);
    expect(sameFile(path.join(d, "new.xlsx"), f)).toBe(false);
  });

  it("--report onto the input (or any workbook) is refused and the input is untouched", () => {
    const d = tmpDir();
    const f = copyInput(d);
    const before = fs.readFileSync(f);
    for (const args of [
      ["audit", f, "--report", f],
      ["evaluate", f, "-o", path.join(d, "out.xlsx"), "--report", f],
      ["evaluate", f, "-o", path.join(d, "out.xlsx"), "--report", path.join(d, "out.xlsx")],
      ["audit", f, "--report", path.join(d, "lain.xlsx")],
    ]) {
      const r = runCli(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Laporan JSON tidak boleh ditulis/);
    }
    expect(fs.readFileSync(f).equals(before)).toBe(true);
    expect(fs.existsSync(path.join(d, "lain.xlsx"))).toBe(false);
  });

  it("-o through a symlink to the input is refused", () => {
    const d = tmpDir();
    const f = copyInput(d);
    fs.symlinkSync(f, path.join(d, "link.xlsx"));
    const before = fs.readFileSync(f);
    const r = runCli(["evaluate", f, "-o", path.join(d, "link.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/sama dengan berkas masukan/);
    expect(fs.readFileSync(f).equals(before)).toBe(true);
  });

  it("a protected sheet is not written; the message says so", async () => {
    const d = tmpDir();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sample);
    await wb.worksheets[0].protect("rahasia", {});
    const f = path.join(d, "locked.xlsx");
    await wb.xlsx.writeFile(f);
    const out = path.join(d, "out.xlsx");
    const r = runCli(["evaluate", f, "-o", out]);
    expect(r.stdout + r.stderr).toMatch(/terkunci \(protected\): tidak ada sel yang ditulis/);
    const res = new ExcelJS.Workbook();
    await res.xlsx.readFile(out);
    const ws = res.worksheets[0];
    let formulas = 0;
    ws.eachRow((row) =>
      row.eachCell((c) => (c.type === ExcelJS.ValueType.Formula ? formulas++ : 0))
    );
    expect(formulas).toBe(0);
  });

  it("`| head` closing the pipe ends quietly", () => {
    const { spawnSync } = require("child_process") as typeof import("child_process");
    const r = spawnSync(
      "bash",
      ["-c", `node --import tsx src/cli/main.ts audit samples/rkpd-2022.xlsx | head -1`],
      { cwd: path.resolve(__dirname, "../.."), encoding: "utf8" }
    );
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
  });
});

describe("CLI cell notes", () => {
  it("a value written from text inputs carries a real cell note saying what was read", async () => {
    const d = tmpDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.addRows([
      ["No", "Indikator", "Target", "Realisasi", "Capaian (%)"],
      [1, "Jumlah UMKM dibina", 80, "87,44"],
      [2, "Jumlah pelatihan", 10, 8],
    ]);
    const f = path.join(d, "teks.xlsx");
    await wb.xlsx.writeFile(f);
    const out = path.join(d, "out.xlsx");
    const r = runCli(["evaluate", f, "-o", out]);
    expect(r.code).toBe(0);
    const res = new ExcelJS.Workbook();
    await res.xlsx.readFile(out);
    const e2 = res.getWorksheet("S")!.getCell("E2");
    expect(e2.value).toBeCloseTo(109.3, 1);
    const note = e2.note as ExcelJS.Comment | string | undefined;
    const text = typeof note === "string" ? note : (note?.texts ?? []).map((t) => t.text).join("");
    expect(text).toMatch(/^Monev: Masukan berupa teks: D2 \('87,44'\)/);
    expect(res.getWorksheet("S")!.getCell("E3").note).toBeUndefined();
  });
});
