/**
 * The compiled CLI (dist-cli/, what `bin/monev.js` runs) for the tests that need it: start-up
 * time, parallel batches (workers run compiled JavaScript), signals. Built here when missing or
 * older than its sources, so `npm test` works in a fresh clone after `npm ci`.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CliRun, ROOT } from "./run-cli";

export const BIN = path.join(ROOT, "bin", "monev.js");
export const COMPILED_MAIN = path.join(ROOT, "dist-cli", "cli", "main.js");

function newest(p: string): number {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newest(path.join(p, e)));
  return m;
}

function fresh(): boolean {
  const sources = [
    path.join(ROOT, "src", "cli"),
    path.join(ROOT, "src", "core"),
    path.join(ROOT, "tsconfig.cli.json"),
  ];
  const built = fs.existsSync(COMPILED_MAIN) ? fs.statSync(COMPILED_MAIN).mtimeMs : 0;
  return built > 0 && built >= Math.max(...sources.map(newest));
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Build dist-cli/ with `tsc -p tsconfig.cli.json` when it is missing or stale. Several jest
 * workers may ask at once: one builds (a lock directory), the others wait for it.
 */
export function ensureCompiledCli(): void {
  if (fresh()) return;
  const lock = path.join(ROOT, "dist-cli.build-lock");
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another worker builds; a lock older than 5 minutes is left over from a killed run.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 300_000) fs.rmdirSync(lock);
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      sleep(200);
    }
  }
  try {
    if (!fresh()) build();
  } finally {
    fs.rmdirSync(lock);
  }
}

function build(): void {
  // --prepare: type errors (checked by `npm run typecheck`) do not stop the JavaScript being emitted.
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "build-cli.js"), "--prepare"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 300_000,
  });
  if (!fs.existsSync(COMPILED_MAIN))
    throw new Error(`building the CLI failed:\n${r.stdout}\n${r.stderr}`);
  // tsc keeps the mtime of unchanged outputs; mark the build as fresh.
  const now = new Date();
  fs.utimesSync(COMPILED_MAIN, now, now);
}

export function runBin(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}
): CliRun & { ms: number } {
  const env = { ...process.env, LANG: "id_ID.UTF-8", LC_ALL: "", ...(opts.env ?? {}) };
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    env,
    encoding: "utf8",
    timeout: opts.timeout ?? 180_000,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "", ms };
}
