/**
 * Many files at once (a Bappeda with 40 OPD workbooks): each file is a job, run in worker threads
 * (`--paralel N`, default one fewer than the cores, see defaultParallel) or in this thread. Results come back as small records
 * (lines to print, a recap row, and the file's full report only when --report asks for it) and are
 * handed on in input order as soon as they are ready, so memory does not grow with the number of
 * files beyond one recap row each.
 *
 * Workers run the compiled `worker.js` beside this file (dist-cli/cli/). Under tsx or jest (this
 * file is .ts) there is nothing compiled to start, and the files are processed one after another
 * in this thread: same results, no parallelism.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { EvaluateOptions, FileResult } from "./evaluate";
import { CliError, EXIT_INPUT, outputError, toCliError } from "./exit";
import { Lang, setLang, t } from "./i18n";
import { checkLimits, Limits } from "./limits";
import type { Progress } from "./progress";
import type { RecapRow } from "./report";
import { unwatchTarget, watchTarget } from "./atomic";

export interface Job {
  index: number;
  kind: "evaluate" | "audit";
  input: string;
  output?: string;
  opts: EvaluateOptions;
  limits: Limits;
  lang: Lang;
  /** Return the file's full JSON report (writes, findings, ...) for --report. */
  detail: boolean;
  /** The only file of the run: print its details (overwritten cells for evaluate). */
  single: boolean;
}

export interface JobResult {
  index: number;
  input: string;
  output?: string;
  /** Lines for stdout, in order. */
  lines: string[];
  recap: RecapRow;
  report?: Record<string, unknown>;
  error?: { message: string; exitCode: number };
}

const quiet: Progress = { step: () => undefined, done: () => undefined };

/** Run one job in this thread. Never throws: a failure is a JobResult with `error`. */
export async function runJob(job: Job, progress: Progress = quiet): Promise<JobResult> {
  setLang(job.lang);
  try {
    checkLimits(job.input, job.limits);
    // Loaded on first use: ExcelJS and the engine cost ~0.5 s, which `monev --help` and the batch
    // parent thread should not pay.
    const ev = require("./evaluate") as typeof import("./evaluate");
    const rep = require("./report") as typeof import("./report");
    let r: FileResult;
    const lines: string[] = [];
    if (job.kind === "evaluate") {
      if (!job.output) throw new CliError(EXIT_INPUT, "internal: evaluate job without output");
      try {
        fs.mkdirSync(path.dirname(path.resolve(job.output)), { recursive: true });
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        throw outputError(
          `Tidak dapat membuat folder untuk ${job.output}: ${msg}`,
          `Cannot create the directory for ${job.output}: ${msg}`
        );
      }
      r = await ev.evaluateFile(job.input, job.output, job.opts, progress);
      progress.done();
      if (job.single) {
        lines.push(...rep.summaryLines(r, "evaluate"));
        if (r.overwritten.length) {
          lines.push(t("  Sel yang ditimpa (isi lama):", "  Overwritten cells (old content):"));
          for (const w of r.overwritten.slice(0, 20)) {
            lines.push(
              `    ${w.sheet}!${w.address}: ${JSON.stringify(w.previous.formula ? `=${w.previous.formula}` : w.previous.value)}`
            );
          }
        }
      }
    } else {
      r = await ev.auditFile(job.input, job.opts, progress);
      progress.done();
      lines.push(...rep.summaryLines(r, "audit"), ...rep.findingLines(r));
    }
    const res: JobResult = {
      index: job.index,
      input: job.input,
      output: r.output,
      lines,
      recap: rep.recapRow(r),
    };
    if (job.detail) res.report = rep.fileReport(r);
    return res;
  } catch (e) {
    progress.done();
    const ce = toCliError(e);
    return {
      index: job.index,
      input: job.input,
      output: job.output,
      lines: [],
      recap: failedRecap(job.input, job.output, ce.message),
      error: { message: ce.message, exitCode: ce.exitCode },
    };
  }
}

/** The recap row of a file that failed: nothing counted, the error said. */
function failedRecap(file: string, output: string | undefined, error: string): RecapRow {
  return {
    file,
    output,
    tables: 0,
    rows: 0,
    cellsWritten: 0,
    averageCapaian: null,
    predikat: {},
    findings: 0,
    error,
  };
}

/** The compiled worker beside this module, or null under tsx/jest (this module is TypeScript). */
export function workerScript(): string | null {
  if (!__filename.endsWith(".js")) return null;
  return path.join(__dirname, "worker.js");
}

/**
 * One worker fewer than the cores (at least one, at most one per file), and one or two files in
 * this thread. A single thread already keeps more than one core busy: V8 marks garbage and
 * optimises code on background threads (40 files with `--paralel 1`: 5.3 s of CPU in 3.9 s of
 * wall time), and each worker warms up its own JIT (~1 s of CPU over its first files). On two
 * cores two workers were no faster than one thread (3.8 s against 3.9 s), so they get one.
 */
export function defaultParallel(files: number, cores = availableCores()): number {
  if (files <= 2) return 1;
  return Math.max(1, Math.min(cores - 1, files));
}

function availableCores(): number {
  return typeof os.availableParallelism === "function"
    ? os.availableParallelism()
    : os.cpus().length;
}

export interface BatchOptions {
  parallel: number;
  progress: Progress;
  /** Called with each result in input order, as soon as it and all before it are done. */
  onResult: (r: JobResult) => void;
}

/**
 * Run the jobs; results are delivered in input order. With one job, or parallel 1, or no compiled
 * worker, they run in this thread one after another.
 */
export async function runBatch(jobs: Job[], o: BatchOptions): Promise<void> {
  const n = jobs.length;
  const ready = new Map<number, JobResult>();
  let next = 0;
  let finished = 0;
  const deliver = (r: JobResult) => {
    finished++;
    if (n > 1)
      o.progress.step(
        `[${finished}/${n}] ${path.basename(r.input)}${r.error ? t(" (gagal)", " (failed)") : ""}`
      );
    ready.set(r.index, r);
    while (ready.has(next)) {
      const x = ready.get(next)!;
      ready.delete(next);
      next++;
      o.onResult(x);
    }
  };
  const script = workerScript();
  const parallel = Math.max(1, Math.min(o.parallel, n));
  if (parallel === 1 || script === null) {
    for (const job of jobs) {
      if (n > 1) o.progress.step(`[${job.index + 1}/${n}] ${path.basename(job.input)}`);
      deliver(await runJob(job, n === 1 ? o.progress : quiet));
    }
    o.progress.done();
    return;
  }
  const { Worker } = require("worker_threads") as typeof import("worker_threads");
  let cursor = 0;
  await new Promise<void>((resolve) => {
    let running = 0;
    const startWorker = () => {
      const w = new Worker(script);
      let current: Job | undefined;
      const give = () => {
        if (cursor >= n) {
          current = undefined;
          void w.terminate();
          return;
        }
        current = jobs[cursor++];
        if (current.output) watchTarget(current.output);
        w.postMessage(current);
      };
      const settle = (r: JobResult) => {
        if (current?.output) unwatchTarget(current.output);
        deliver(r);
      };
      /** The file in hand fails with `msg` (the worker died or stopped without answering). */
      const failCurrent = (msg: string) => {
        if (!current) return;
        const { index, input, output } = current;
        const recap = failedRecap(input, output, msg);
        settle({
          index,
          input,
          output,
          lines: [],
          recap,
          error: { message: msg, exitCode: EXIT_INPUT },
        });
        current = undefined;
      };
      running++;
      w.on("message", (r: JobResult) => {
        settle(r);
        give();
      });
      w.on("error", (e) => {
        // The worker died (out of memory, a crash): its file fails, a fresh worker takes the rest.
        failCurrent(
          t(`Gagal memproses berkas: ${e.message}`, `Failed to process the file: ${e.message}`)
        );
      });
      w.on("exit", () => {
        running--;
        // Exited without an answer and without an error event.
        failCurrent(
          t(
            "Gagal memproses berkas: proses pekerja berhenti",
            "Failed to process the file: the worker stopped"
          )
        );
        if (cursor < n) startWorker();
        else if (running === 0) resolve();
      });
      give();
    };
    for (let k = 0; k < parallel; k++) startWorker();
  });
  o.progress.done();
}
