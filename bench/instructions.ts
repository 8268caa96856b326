/**
 * Instructions per warm engine run: `npx tsx bench/instructions.ts [rows...] [--worst]` (default
 * 10,000 rows; with two sizes, e.g. `10000 50000`, their ratio too). Needs valgrind (Debian package `valgrind`); without it, says so and exits 0.
 *
 * Why: on this 2-core VM a run's time moves by ±40 % from one second to the next (10,000 rows:
 * 90–270 ms in one process), so a change of a few percent cannot be seen in milliseconds. Node runs
 * under valgrind's cachegrind with V8's `--predictable` (no concurrent compiler or GC threads,
 * deterministic heuristics), once with 8 and once with 16 runs of the same sheet; the difference
 * over 8 is one warm run, start-up and sheet building cancelled out. The same code gives the same
 * count; the instructions of V8's compilers in that window are reported apart (see COMPILER_RE),
 * and what remains, the engine's own work (its JavaScript, the built-ins it calls, its garbage
 * collection), is steady to about 1 % across edits. It counts work, not memory stalls: the time
 * figures of bench/engine.ts stay the goals' measure.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { bundleEngineChild } from "./engine-bundle";

/**
 * Runs of the two counts. The JIT keeps compiling well into the runs: with `--trace-opt`, V8
 * optimises 90, 55, 15, 6, 4, 2, 2 functions in runs 1-7 of a 10,000-row sheet and 0-7 in each of
 * runs 8-20, so counting from run 8 on leaves out most of the compiler's own instructions (with
 * runs 3-6, as first written, they were ~230 million of the 780 counted per run).
 */
const FEW = 8;
const MANY = 16;

/**
 * Functions of V8's compilers (TurboFan, Maglev, Sparkplug, the parser and bytecode generator, the
 * regex compiler): what they cost depends on when V8 decides to (re)compile, not on the engine's
 * work, and moves a total by a few percent after any edit. The engine's own figure leaves them out.
 */
const COMPILER_RE =
  /compiler::|maglev::|baseline::|Parser|Scanner|BytecodeGenerator|interpreter::Bytecode|RegExpCompiler|RegExpMacroAssembler|Assembler::/;

interface Count {
  total: number;
  compiler: number;
}

/** Instructions of one node process analysing the sheet `runs` times, read from cachegrind's output. */
function instructions(
  bundle: string,
  rows: number,
  runs: number,
  worst: boolean,
  dir: string
): Promise<Count> {
  const out = path.join(dir, `cachegrind-${runs}.out`);
  const args = ["--tool=cachegrind", "--cache-sim=no", `--cachegrind-out-file=${out}`];
  args.push(process.execPath, "--predictable", bundle, "--repeat", String(rows), String(runs));
  if (worst) args.push("--worst");
  return new Promise((resolve, reject) => {
    const child = spawn("valgrind", args, { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`valgrind exit ${code}: ${err.slice(-400)}`));
      const a = spawnSync("cg_annotate", ["--threshold=0", out], {
        encoding: "utf8",
        maxBuffer: 1 << 28,
      });
      if (a.status !== 0) return reject(new Error(`cg_annotate: ${a.stderr.slice(-400)}`));
      resolve(parseAnnotate(a.stdout));
    });
  });
}

/** Total and compiler instructions from cg_annotate's per-function table. */
export function parseAnnotate(text: string): Count {
  let total = 0;
  let compiler = 0;
  for (const line of text.split("\n")) {
    const m = /^\s*([\d,]+) \([\s\d.]+%\)\s+(.*)$/.exec(line);
    if (!m) continue;
    const n = Number(m[1].replace(/,/g, ""));
    if (m[2].includes("PROGRAM TOTALS")) total = n;
    else if (COMPILER_RE.test(m[2])) compiler += n;
  }
  return { total, compiler };
}

/** Engine instructions (compiler's left out) and all instructions of one warm run of a `rows`-row sheet. */
async function perRun(
  bundle: string,
  rows: number,
  worst: boolean,
  dir: string
): Promise<{ engine: number; total: number; compiler: number; few: Count; many: Count }> {
  process.stderr.write(
    `cachegrind: ${rows} rows, ${FEW} and ${MANY} runs (two or three minutes)…\n`
  );
  // The two counts run at once: one core each.
  const [few, many] = await Promise.all([
    instructions(bundle, rows, FEW, worst, dir),
    instructions(bundle, rows, MANY, worst, dir),
  ]);
  const per = (x: (c: Count) => number) => (x(many) - x(few)) / (MANY - FEW) / 1e6;
  const total = per((c) => c.total);
  const compiler = per((c) => c.compiler);
  return { engine: total - compiler, total, compiler, few, many };
}

/**
 * `[rows...]`: one line per size; with two sizes, the ratio of their engine instructions too. The
 * count does not drift with the machine's speed, so it shows whether the engine's work grows
 * linearly (50,000 / 10,000 rows: 5.0 for a perfectly linear engine) apart from memory stalls.
 */
async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .filter((a) => /^\d+$/.test(a))
    .map(Number);
  if (sizes.length === 0) sizes.push(10000);
  const worst = process.argv.includes("--worst");
  if (spawnSync("valgrind", ["--version"]).status !== 0) {
    process.stdout.write("valgrind not found (apt-get install valgrind): nothing measured.\n");
    return;
  }
  const bundle = bundleEngineChild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "monev-cachegrind-"));
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  const engines: number[] = [];
  for (const rows of sizes) {
    const r = await perRun(bundle, rows, worst, dir);
    engines.push(r.engine);
    process.stdout.write(
      `${rows} rows${worst ? " (--worst)" : ""}: ${r.engine.toFixed(0)} million instructions per warm run by the engine ` +
        `(${r.total.toFixed(0)} million in all, ${r.compiler.toFixed(0)} million of them V8 compiling; ` +
        `${FEW} runs: ${r.few.total.toLocaleString("en")}, ${MANY} runs: ${r.many.total.toLocaleString("en")})\n`
    );
  }
  if (sizes.length === 2)
    process.stdout.write(
      `${sizes[1]} / ${sizes[0]} rows: ${(engines[1] / engines[0]).toFixed(2)} x the engine's instructions ` +
        `(${(sizes[1] / sizes[0]).toFixed(2)} x the rows)\n`
    );
}

if (require.main === module)
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
