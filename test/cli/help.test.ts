/**
 * Help and small things: commander's own English words are Indonesian in Indonesian help,
 * --scale lists every scale, a missing input gets a message about the input, `| head` is quiet.
 */
import { spawnSync } from "child_process";
import { SCALES } from "../../src/core/predikat";
import { BIN, ensureCompiledCli, runBin } from "./compiled-cli";
import { ROOT } from "./run-cli";

beforeAll(() => {
  ensureCompiledCli();
}, 300_000);

const ENGLISH =
  /\bUsage\b|\bOptions:|\bCommands:|\bArguments:|display help|output the version|\[options\]|\[command\]|\(default:|\(choices:/;

describe("help", () => {
  it.each([
    [[] as string[]],
    [["--help"]],
    [["evaluate", "--help"]],
    [["audit", "--help"]],
    [["portable", "--help"]],
    [["demo", "--help"]],
    [["help", "evaluate"]],
  ])("monev %p is Indonesian throughout", (args) => {
    const r = runBin(args);
    const text = r.stdout + r.stderr;
    expect(text).toMatch(/Pemakaian: monev/);
    expect(text).not.toMatch(ENGLISH);
    expect(text).toMatch(/Kode keluar:/);
  });

  it("the main help lists the commands under Perintah and the help option in Indonesian", () => {
    const r = runBin(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Opsi:$/m);
    expect(r.stdout).toMatch(/^Perintah:$/m);
    expect(r.stdout).toMatch(/-h, --help +tampilkan bantuan/);
    expect(r.stdout).toMatch(/-V, --version +tampilkan nomor versi/);
    expect(r.stdout).toMatch(/help \[perintah\] +tampilkan bantuan untuk perintah/);
    // Columns stay aligned after the translation.
    const cmds = r.stdout
      .split("\n")
      .filter((l) => /^ {2}(evaluate|audit|portable|demo|help) /.test(l));
    expect(cmds).toHaveLength(5);
    const starts = cmds.map((l) => (/^ {2}\S.*?\S {2,}(?=\S)/.exec(l) ?? [""])[0].length);
    expect(new Set(starts).size).toBe(1);
  });

  it("English help stays English with --lang en", () => {
    const r = runBin(["evaluate", "--help", "--lang", "en"]);
    expect(r.stdout).toMatch(/Usage: monev evaluate \[options\]/);
    expect(r.stdout).toMatch(/Exit codes:/);
  });

  it("--scale lists every scale of src/core/predikat.ts (evaluate and audit)", () => {
    for (const cmd of ["evaluate", "audit"]) {
      const text = runBin([cmd, "--help"]).stdout.replace(/\s+/g, " ");
      for (const id of Object.keys(SCALES)) expect(text).toContain(`${id}`);
      expect(text).toMatch(/permendagri86 \(bawaan\)/);
    }
  });

  it("the help documents batch, limits and exit code 4", () => {
    const text = runBin(["evaluate", "--help"]).stdout;
    for (const flag of [
      "--rekursif",
      "--paralel",
      "--rekap",
      "--maks-ukuran",
      "--maks-sel",
      "--maks-baris",
    ])
      expect(text).toContain(flag);
    expect(text).toMatch(/^ {2}4 {2}masukan melewati batas/m);
  });
});

describe("small ones", () => {
  it("evaluate without an input says the input is missing (not -o)", () => {
    for (const args of [["evaluate"], ["evaluate", "-o", "hasil.xlsx"]]) {
      const r = runBin(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Berkas masukan belum diberikan/);
      expect(r.stderr).not.toMatch(/opsi wajib/);
    }
    const a = runBin(["audit"]);
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/Berkas masukan belum diberikan/);
  });

  it("evaluate with an input but no -o asks for -o", () => {
    const r = runBin(["evaluate", "samples/pk-iku-kosong.xlsx"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/opsi wajib -o\/--output tidak diberikan/);
  });

  it("commander's errors are Indonesian", () => {
    const r = runBin(["evaluate", "x.xlsx", "--tidak-ada"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/galat: opsi tidak dikenal '--tidak-ada'/);
    expect(r.stderr).toMatch(/pakai --help untuk bantuan/);
  });

  it("`monev audit … | head -1` ends quietly (EPIPE)", () => {
    const r = spawnSync(
      "bash",
      ["-c", `node ${JSON.stringify(BIN)} audit samples/*.xlsx | head -1`],
      { cwd: ROOT, encoding: "utf8" }
    );
    expect(r.stdout.split("\n").filter(Boolean)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|Error/);
  });
});
