/**
 * Instructions per warm engine run: `npx tsx bench/instructions.ts [rows] [--worst]` (default
 * 10,000 rows). Needs valgrind (Debian package `valgrind`); without it, says so and exits 0.
 *
 * Why: on this 2-core VM a run's time moves by ±40 % from one second to the next (10,000 rows:
 * 90–270 ms in one process), so a change of a few percent cannot be seen in milliseconds. The
 * instruction count is steady to about 0.2 %: node runs under valgrind's cachegrind with V8's
 * `--predictable` (no concurrent compiler or GC threads, deterministic heuristics), once with 8 and
 * once with 16 runs of the same sheet; the difference over 8 is one warm run, start-up, sheet
 * building and the JIT's compilations of the first runs cancelled out. It counts work, not memory stalls: the
 * time figures of bench/engine.ts stay the goals' measure.
 */
import { spawn, spawnSync } from "child_process";
import { bundleEngineChild } from "./engine-bundle";

/**
 * Runs of the two counts. The JIT keeps compiling well into the runs: with `--trace-opt`, V8
 * optimises 90, 55, 15, 6, 4, 2, 2 functions in runs 1-7 of a 10,000-row sheet and 0-7 in each of
 * runs 8-20, so counting from run 8 on leaves out most of the compiler's own instructions (with
 * runs 3-6, as first written, they were ~230 million of the 780 counted per run).
 */
const FEW = 8;
const MANY = 16;

function instructions(bundle: string, rows: number, runs: number, worst: boolean): Promise<number> {
  const args = ["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"];
  args.push(process.execPath, "--predictable", bundle, "--repeat", String(rows), String(runs));
  if (worst) args.push("--worst");
  return new Promise((resolve, reject) => {
    const child = spawn("valgrind", args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code) => {
      const m = /I\s+refs:\s+([\d,]+)/.exec(err);
      if (code === 0 && m) resolve(Number(m[1].replace(/,/g, "")));
      else reject(new Error(`valgrind exit ${code}: ${err.slice(-400)}`));
    });
  });
}

async function main(): Promise<void> {
  const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 10000);
  const worst = process.argv.includes("--worst");
  if (spawnSync("valgrind", ["--version"]).status !== 0) {
    process.stdout.write("valgrind not found (apt-get install valgrind): nothing measured.\n");
    return;
  }
  const bundle = bundleEngineChild();
  process.stderr.write(
    `cachegrind: ${rows} rows, ${FEW} and ${MANY} runs (two or three minutes)…\n`
  );
  // The two counts run at once: one core each.
  const [few, many] = await Promise.all([
    instructions(bundle, rows, FEW, worst),
    instructions(bundle, rows, MANY, worst),
  ]);
  const perRun = (many - few) / (MANY - FEW);
  process.stdout.write(
    `${rows} rows${worst ? " (--worst)" : ""}: ${(perRun / 1e6).toFixed(0)} million instructions per warm run (${FEW} runs: ${few.toLocaleString("en")}, ${MANY} runs: ${many.toLocaleString("en")})\n`
  );
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
