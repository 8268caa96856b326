/**
 * Helpers for the CLI tests: run `src/cli/main.ts` as a child process (node --import tsx),
 * and make temp copies of the bundled samples.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";

export const ROOT = path.resolve(__dirname, "..", "..");
export const MAIN = path.join(ROOT, "src", "cli", "main.ts");
export const SAMPLES = path.join(ROOT, "samples");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const TSX = pathToFileURL(require.resolve("tsx", { paths: [ROOT] })).href;

export function runCli(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}
): CliRun {
  const env = { ...process.env, LANG: "id_ID.UTF-8", LC_ALL: "", ...(opts.env ?? {}) };
  const r = spawnSync(process.execPath, ["--import", TSX, MAIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env,
    encoding: "utf8",
    timeout: 180_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

export function tmpDir(prefix = "monev-cli-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Sample files bundled in samples/ (printed tables and their -kosong twins). */
export function sampleFiles(): { kosong: string[]; printed: string[] } {
  const all = fs.existsSync(SAMPLES)
    ? fs
        .readdirSync(SAMPLES)
        .filter((f) => f.endsWith(".xlsx"))
        .sort()
    : [];
  return {
    kosong: all.filter((f) => f.endsWith("-kosong.xlsx")),
    printed: all.filter((f) => !f.endsWith("-kosong.xlsx")),
  };
}

/** Copy a sample into dir and return the copy's path. */
export function copySample(name: string, dir: string): string {
  const dest = path.join(dir, name);
  fs.copyFileSync(path.join(SAMPLES, name), dest);
  return dest;
}

export function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

/**
 * `monev evaluate <copy of sample> -o <dir>/<out> --lembar-evaluasi …args`, expected to succeed:
 * the run and the output's path.
 */
export function evaluateWithSheet(
  sample: string,
  dir: string,
  out: string,
  args: string[] = []
): { run: CliRun; output: string } {
  const output = path.join(dir, out);
  const run = runCli([
    "evaluate",
    copySample(sample, dir),
    "-o",
    output,
    "--lembar-evaluasi",
    ...args,
  ]);
  if (run.code !== 0) throw new Error(`monev evaluate ${sample}: exit ${run.code}\n${run.stderr}`);
  return { run, output };
}
