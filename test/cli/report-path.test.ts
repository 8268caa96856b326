/**
 * Path safety in every command: -o, --report and --rekap never land on an input (or on another
 * output), whichever path reaches it: a symlink either way round, a hard link, `a/../x`.
 */
import * as fs from "fs";
import * as path from "path";
import { ensureCompiledCli, runBin } from "./compiled-cli";
import { SAMPLES, tmpDir } from "./run-cli";

beforeAll(() => {
  ensureCompiledCli();
}, 300_000);

/** d/in.xlsx (real), d/link.xlsx -> in.xlsx (symlink), d/hard.xlsx (hard link to in.xlsx). */
function setup(): { d: string; real: string; link: string; hard: string; before: Buffer } {
  const d = tmpDir("monev-paths-");
  const real = path.join(d, "in.xlsx");
  fs.copyFileSync(path.join(SAMPLES, "pk-iku-kosong.xlsx"), real);
  const link = path.join(d, "link.xlsx");
  const hard = path.join(d, "hard.xlsx");
  fs.symlinkSync(real, link);
  fs.linkSync(real, hard);
  return { d, real, link, hard, before: fs.readFileSync(real) };
}

describe("-o never overwrites the input", () => {
  it.each([
    ["a symlinked input, -o onto the real file", (s: ReturnType<typeof setup>) => [s.link, s.real]],
    ["-o onto a symlink of the input", (s: ReturnType<typeof setup>) => [s.real, s.link]],
    ["-o onto a hard link of the input", (s: ReturnType<typeof setup>) => [s.real, s.hard]],
    [
      "-o through sub/..",
      (s: ReturnType<typeof setup>) => [s.real, path.join(s.d, "sub", "..", "in.xlsx")],
    ],
  ])("%s", (_name, pick) => {
    const s = setup();
    const [input, output] = pick(s);
    const r = runBin(["evaluate", input, "-o", output]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Berkas keluaran sama dengan berkas masukan/);
    expect(fs.readFileSync(s.real).equals(s.before)).toBe(true);
  });

  it("portable too", () => {
    const s = setup();
    const r = runBin(["portable", s.link, "-o", s.hard]);
    expect(r.code).toBe(1);
    expect(fs.readFileSync(s.real).equals(s.before)).toBe(true);
  });
});

describe("--report never overwrites an input or an output", () => {
  it.each([
    [
      "audit: report onto the input",
      (s: ReturnType<typeof setup>) => ["audit", s.real, "--report", s.real],
    ],
    [
      "audit: report onto a hard link of the input",
      (s: ReturnType<typeof setup>) => ["audit", s.real, "--report", s.hard],
    ],
    [
      "audit: report onto a symlink of the input, named .json",
      (s: ReturnType<typeof setup>) => {
        fs.symlinkSync(s.real, path.join(s.d, "lap.json"));
        return ["audit", s.real, "--report", path.join(s.d, "lap.json")];
      },
    ],
    [
      "evaluate: report onto a hard link of the input, named .json",
      (s: ReturnType<typeof setup>) => {
        fs.linkSync(s.real, path.join(s.d, "lap.json"));
        return [
          "evaluate",
          s.real,
          "-o",
          path.join(s.d, "o.xlsx"),
          "--report",
          path.join(s.d, "lap.json"),
        ];
      },
    ],
    [
      "evaluate: report onto the output",
      (s: ReturnType<typeof setup>) => [
        "evaluate",
        s.real,
        "-o",
        path.join(s.d, "o.xlsx"),
        "--report",
        path.join(s.d, "o.xlsx"),
      ],
    ],
    [
      "evaluate in a folder batch: report onto one of the inputs",
      (s: ReturnType<typeof setup>) => [
        "evaluate",
        s.d,
        "-o",
        path.join(s.d, "hasil") + path.sep,
        "--report",
        s.hard,
      ],
    ],
    [
      "portable: report onto the input",
      (s: ReturnType<typeof setup>) => [
        "portable",
        s.real,
        "-o",
        path.join(s.d, "o.xlsx"),
        "--report",
        s.link,
      ],
    ],
  ])("%s", (_name, argsOf) => {
    const s = setup();
    const r = runBin(argsOf(s));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Laporan JSON tidak boleh ditulis/);
    expect(fs.readFileSync(s.real).equals(s.before)).toBe(true);
    expect(fs.existsSync(path.join(s.d, "o.xlsx"))).toBe(false);
  });

  it("--rekap onto an input (through a link) or onto the report is refused", () => {
    const s = setup();
    let r = runBin(["audit", s.real, "--rekap", s.link]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Rekap tidak boleh ditulis ke .*berkas masukan/);
    r = runBin([
      "evaluate",
      s.real,
      "-o",
      path.join(s.d, "o.xlsx"),
      "--rekap",
      path.join(s.d, "o.xlsx"),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Rekap tidak boleh ditulis ke .*berkas keluaran/);
    expect(fs.readFileSync(s.real).equals(s.before)).toBe(true);
  });

  it("a report beside the input with another name is written", () => {
    const s = setup();
    const r = runBin(["audit", s.link, "--report", path.join(s.d, "laporan.json")]);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(s.d, "laporan.json"))).toBe(true);
    expect(fs.readFileSync(s.real).equals(s.before)).toBe(true);
  });
});

describe("in a batch, an output never lands on another input", () => {
  it("evaluate a.xlsx b/a.xlsx -o b/: the output for a.xlsx would be b/a.xlsx, an input", () => {
    const s = setup();
    fs.mkdirSync(path.join(s.d, "b"));
    fs.copyFileSync(s.real, path.join(s.d, "b", "in.xlsx"));
    const r = runBin([
      "evaluate",
      s.real,
      path.join(s.d, "b", "in.xlsx"),
      "-o",
      path.join(s.d, "b") + path.sep,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Berkas keluaran sama dengan berkas masukan/);
    expect(fs.readFileSync(path.join(s.d, "b", "in.xlsx")).equals(s.before)).toBe(true);
  });
});
