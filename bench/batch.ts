/**
 * `npm run bench:batch`: a Bappeda's batch. 40 OPD workbooks of ~530 rows each (the generated
 * RKPD form of scripts/samples/seed-to-grid.ts), then, each in ONE command:
 *   - `monev evaluate opd/ -o hasil/ --rekap rekap.xlsx` through the compiled bin (bin/monev.js,
 *     default --paralel: one fewer than the cores, so on 2 cores this thread), and with one worker
 *     per core (--paralel <cores>, no recap) for reference;
 *   - LibreOffice headless opening, recalculating (profile with "always recalculate") and saving
 *     the same 40 files (`soffice --convert-to xlsx --outdir ...` over all files, one process).
 * Prints wall times and the ratio LibreOffice / Monev (goal: Monev at least 3x faster).
 *
 * Options: --files N (default 40), --rows N (default 530), --runs N (default 1; the median is used),
 * --keep (keep the temp folder). MONEV_SOFFICE=/path/to/soffice picks LibreOffice.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { rkpdGrid } from "../scripts/samples/seed-to-grid";
import { writeGridsToXlsx } from "../src/cli/xlsx";
import { findSoffice, makeRecalcProfile, recalcArgs } from "../test/helpers/libreoffice";
import { ensureCompiledCli } from "../test/cli/compiled-cli";
import { defaultParallel } from "../src/cli/batch";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin", "monev.js");

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface Timing {
  /** Wall time. */
  ms: number;
  /** CPU time (user + system) of the command and its children, when /usr/bin/time is there. */
  cpuMs: number | null;
}

const GNU_TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/**
 * Run a command and time it. CPU time is reported too: on a shared machine (CI, other jobs) wall
 * time depends on the load, CPU time much less.
 */
function timeIt(
  label: string,
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {}
): Timing {
  const t0 = process.hrtime.bigint();
  const [c, a] = GNU_TIME ? [GNU_TIME, ["-f", "MONEV_CPU %U %S", cmd, ...args]] : [cmd, args];
  const r = spawnSync(c, a, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, LANG: "id_ID.UTF-8", ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) {
    console.error(`${label} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    process.exit(1);
  }
  const m = /MONEV_CPU ([\d.]+) ([\d.]+)/.exec(r.stderr ?? "");
  return { ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : null };
}

async function main(): Promise<void> {
  const nFiles = arg("files", 40);
  const nRows = arg("rows", 530);
  const runs = arg("runs", 1);
  ensureCompiledCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "monev-bench-batch-"));
  const opd = path.join(dir, "opd");
  fs.mkdirSync(opd);
  const first = path.join(opd, "opd-01.xlsx");
  // One generated form written once and copied: every OPD file has the same size and content.
  await writeGridsToXlsx([rkpdGrid(nRows, { consistent: true })], first);
  for (let i = 2; i <= nFiles; i++)
    fs.copyFileSync(first, path.join(opd, `opd-${String(i).padStart(2, "0")}.xlsx`));
  const files = fs
    .readdirSync(opd)
    .map((f) => path.join(opd, f))
    .sort();
  const kb = fs.statSync(first).size / 1024;
  const allCores =
    typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  console.log(
    `${nFiles} workbooks of ${nRows} rows (${kb.toFixed(0)} KB each) in ${opd}; ${allCores} cores; load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`
  );

  const monevPar: Timing[] = [];
  const monevSeq: Timing[] = [];
  const lo: Timing[] = [];
  const soffice = findSoffice();
  if (!soffice) console.log("LibreOffice not found (set MONEV_SOFFICE): only Monev timed.");
  // Interleaved, so a change in the machine's load hits all three alike.
  for (let k = 0; k < runs; k++) {
    fs.rmSync(path.join(dir, "hasil"), { recursive: true, force: true });
    monevPar.push(
      timeIt(
        "monev",
        process.execPath,
        [BIN, "evaluate", "opd", "-o", "hasil/", "--rekap", "rekap.xlsx"],
        dir
      )
    );
    const written = fs
      .readdirSync(path.join(dir, "hasil"))
      .filter((f) => f.endsWith(".xlsx")).length;
    if (written !== nFiles) throw new Error(`monev wrote ${written}/${nFiles} files`);
    fs.rmSync(path.join(dir, "hasil-1"), { recursive: true, force: true });
    monevSeq.push(
      timeIt(
        `monev --paralel ${allCores}`,
        process.execPath,
        [BIN, "evaluate", "opd", "-o", "hasil-1/", "--paralel", String(allCores)],
        dir
      )
    );
    if (soffice) {
      const outDir = path.join(dir, "lo");
      fs.rmSync(outDir, { recursive: true, force: true });
      const profile = makeRecalcProfile();
      lo.push(
        timeIt("soffice", soffice, recalcArgs(profile.url, outDir, files), dir, {
          HOME: profile.dir,
        })
      );
      fs.rmSync(profile.dir, { recursive: true, force: true });
      const converted = fs.readdirSync(outDir).filter((f) => f.endsWith(".xlsx")).length;
      if (converted !== nFiles)
        throw new Error(`LibreOffice converted ${converted}/${nFiles} files`);
    }
  }

  const med = (ts: Timing[], key: "ms" | "cpuMs") => {
    const xs = ts.map((t) => t[key]).filter((x): x is number => x !== null);
    return xs.length ? median(xs) : null;
  };
  const secs = (ms: number | null) =>
    ms === null ? "      -" : `${(ms / 1000).toFixed(2).padStart(7)}`;
  const row = (label: string, ts: Timing[]) =>
    console.log(
      `${label.padEnd(58)} ${secs(med(ts, "ms"))} s wall ${secs(med(ts, "cpuMs"))} s CPU  ${(med(ts, "ms")! / nFiles).toFixed(0).padStart(5)} ms/file`
    );
  console.log("");
  row(
    `monev evaluate (compiled, default --paralel ${defaultParallel(nFiles)}, + --rekap)`,
    monevPar
  );
  row(`monev evaluate (compiled, --paralel ${allCores}, no recap)`, monevSeq);
  if (lo.length) {
    row("LibreOffice headless open + recalculate + save (1 process)", lo);
    const best = Math.min(med(monevPar, "ms")!, med(monevSeq, "ms")!);
    const ratio = med(lo, "ms")! / med(monevPar, "ms")!;
    const cpuRatio =
      med(lo, "cpuMs") !== null && med(monevPar, "cpuMs") !== null
        ? med(lo, "cpuMs")! / med(monevPar, "cpuMs")!
        : null;
    console.log(
      `\nratio LibreOffice / monev (wall, default --paralel): ${ratio.toFixed(1)}x  (goal >= 3x: ${ratio >= 3 ? "met" : "NOT met"})`
    );
    console.log(
      `ratio LibreOffice / monev (wall, best of the two monev runs): ${(med(lo, "ms")! / best).toFixed(1)}x`
    );
    if (cpuRatio !== null)
      console.log(`ratio LibreOffice / monev default (CPU time): ${cpuRatio.toFixed(1)}x`);
    console.log(
      `load average now: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")} (wall times on a loaded machine mean little)`
    );
  }
  if (process.argv.includes("--keep")) console.log(`kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
