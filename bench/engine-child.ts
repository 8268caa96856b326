/**
 * Child process of bench/engine.ts: measures one sheet size in a fresh process, so the peak
 * memory figures of different sizes do not mix. Imports only the engine (no ExcelJS), and runs as
 * one plain JavaScript bundle, as the built CLI and the pane's worker run the engine.
 */
import { analyseSheet } from "../src/core/engine";
import { rkpdGrid } from "../scripts/samples/seed-to-grid";
import type { SheetGrid } from "../src/core/engine/types";

/**
 * Warm measurement: warm-up runs on the measured sheet itself (at least WARM_UPS, and at least
 * WARM_ROWS rows in all: a 1,000-row sheet needs more runs than a 50,000-row one before V8 has
 * optimised the engine), then WARM_RUNS timed runs, with no forced garbage collection in between:
 * V8 drops optimised code on a forced full GC (with `--trace-opt`, `get`, `emit`... are
 * re-optimised after every `gc()`), so a run after one is half cold. The cold figure (first run in
 * the process) is reported beside it.
 */
export const WARM_UPS = 5;
export const WARM_ROWS = 50_000;
export const WARM_RUNS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export interface One {
  rows: number;
  gridRows: number;
  buildMs: number;
  /** First run in the process, after a 200-row warm-up only: much of it runs unoptimised. */
  coldMs: number;
  /** Median of WARM_RUNS runs after a warm-up on a sheet of the same shape. */
  analyseMs: number;
  runsMs: number[];
  msPerRow: number;
  heapMB: number;
  /** Peak RSS of the process up to the end of the cold run: one analysis of the sheet. */
  rssMB: number;
  /** Peak RSS of the process after the warm runs too (garbage of earlier runs may raise it). */
  rssAllMB: number;
  writes: number;
  findings: number;
  tables: number;
}

/**
 * The sheet: a generated RKPD form whose parent rows hold the sums of their children but for one
 * cell in 500 (errors for the audit to find). `--worst`: the generator's random parent figures,
 * so every parent cell is a finding (17,060 findings at 10,000 rows).
 */
export function realisticGrid(n: number): SheetGrid {
  return rkpdGrid(n, { consistent: true });
}

const WORST = process.argv.includes("--worst");
export const makeGrid = (n: number): SheetGrid => (WORST ? rkpdGrid(n) : realisticGrid(n));

/** Measure one size in this process (child mode). */
export function measureOne(n: number): One {
  const tb = performance.now();
  const grid = makeGrid(n);
  const buildMs = performance.now() - tb;
  if (global.gc) global.gc();
  const heap0 = process.memoryUsage().heapUsed;
  let peakHeap = heap0;
  // Cold: one run after a small warm-up, as a first analysis in a fresh process would see it.
  analyseSheet(rkpdGrid(200));
  const t0 = performance.now();
  let a = analyseSheet(grid);
  const coldMs = performance.now() - t0;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  const rssMB = process.resourceUsage().maxRSS / 1024;
  // Warm: the JIT has seen this sheet a few times; median of a few runs.
  const warmUps = Math.max(WARM_UPS, Math.ceil(WARM_ROWS / n));
  for (let i = 0; i < warmUps; i++) analyseSheet(grid);
  const runsMs: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    a = undefined as unknown as typeof a;
    const t = performance.now();
    a = analyseSheet(grid);
    runsMs.push(performance.now() - t);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const analyseMs = median(runsMs);
  return {
    rows: n,
    gridRows: grid.cells.length,
    buildMs,
    coldMs,
    analyseMs,
    runsMs,
    msPerRow: analyseMs / n,
    heapMB: (peakHeap - heap0) / 1048576,
    rssMB,
    rssAllMB: process.resourceUsage().maxRSS / 1024,
    writes: a.plan.writes.length,
    findings: a.findings.length,
    tables: a.tables.length,
  };
}

export interface Pair {
  small: number;
  large: number;
  /** PAIR_ROUNDS + 1 timed small runs: one before each large run and one after the last. */
  smallMs: number[];
  largeMs: number[];
  /** Per round: the large sheet's time over the mean of the small runs just before and after it. */
  ratios: number[];
  ratio: number;
  smallMedianMs: number;
  largeMedianMs: number;
  /**
   * The machine's own ratio for the same two grids: a plain pass reading every cell's value once
   * (no engine), timed side by side the same way. What reading 5x the cells costs here, from the
   * memory hierarchy alone: the 10,000-row grid stays largely in the cache between runs, the
   * 50,000-row one does not.
   */
  readRatio: number;
  readSmallMs: number;
  readLargeMs: number;
  /** Likewise for keepPass: making and keeping one small record per row, nothing else. */
  keepRatio: number;
  keepSmallMs: number;
  keepLargeMs: number;
}

/**
 * Rounds of the side-by-side ratio. 25 rather than the first 15: the per-round ratios spread from
 * about 3 to 8 on this VM, and the median of 15 of them moved by ±0.5 from one invocation to the
 * next (the goal is 5.5); 25 rounds take about 25 s more.
 */
export const PAIR_ROUNDS = 25;

/** Where readPass's sums go, so an optimising compiler cannot drop the reads as unused. */
export let readSink = 0;

/** Read every cell's value once (the baseline of measurePair); the sum keeps the reads from being dropped. */
export function readPass(grid: SheetGrid): number {
  let s = 0;
  for (const row of grid.cells) {
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c]?.value;
      if (typeof v === "number") s += v;
      else if (typeof v === "string") s += v.length;
    }
  }
  return s;
}

/**
 * Make and keep one small record per row of the grid, as the engine's result does (a row model per
 * row, a write per computed cell): the second baseline of measurePair. V8 collects its young
 * generation by copying what is still alive; records that live longer than a collection cycle are
 * copied (and promoted), those of a short run die before it, for free.
 */
export function keepPass(grid: SheetGrid): { row: number; level: string; label: unknown }[] {
  const out: { row: number; level: string; label: unknown }[] = [];
  for (let r = 0; r < grid.cells.length; r++)
    out.push({ row: r, level: "indikator", label: grid.cells[r]?.[0]?.value });
  return out;
}

/** Rounds of `timeOf(large)` each between two `timeOf(small)`: per-round ratios and their median. */
function sideBySide(
  timeOf: (g: SheetGrid) => number,
  a: SheetGrid,
  b: SheetGrid
): { smallMs: number[]; largeMs: number[]; ratios: number[] } {
  const smallMs: number[] = [timeOf(a)];
  const largeMs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < PAIR_ROUNDS; i++) {
    const y = timeOf(b);
    const x = timeOf(a);
    largeMs.push(y);
    ratios.push(y / ((smallMs[i] + x) / 2));
    smallMs.push(x);
  }
  return { smallMs, largeMs, ratios };
}

/**
 * The large/small ratio measured side by side in one process: the machine's speed drifts by a
 * third within an hour, so two sizes timed minutes apart (one child each) mix that drift into their
 * ratio. Here the timed runs alternate small, large, small, large, ..., small, and each large run is
 * compared with the mean of the small runs just before and after it (a drift during the round
 * weighs on both sides alike, not only on the run timed second); the ratio is the median of the
 * per-round ratios. Each timed run follows an untimed run of the same size: that run pays for the
 * garbage the other size left behind (a 10,000-row run right after a 50,000-row one collects the
 * larger run's garbage, and would make the ratio look better than it is).
 */
export function measurePair(small: number, large: number): Pair {
  const a = makeGrid(small);
  const b = makeGrid(large);
  const warm = (n: number) => Math.max(WARM_UPS, Math.ceil(WARM_ROWS / n));
  for (let i = 0; i < Math.max(warm(small), warm(large)); i++) {
    analyseSheet(a);
    analyseSheet(b);
  }
  const time = (g: SheetGrid) => {
    analyseSheet(g);
    const t = performance.now();
    analyseSheet(g);
    return performance.now() - t;
  };
  const { smallMs, largeMs, ratios } = sideBySide(time, a, b);
  // Ten passes per timing: one pass of 10,000 rows takes half a millisecond, too short to time alone.
  const readTime = (g: SheetGrid) => {
    readSink += readPass(g);
    const t = performance.now();
    for (let i = 0; i < 10; i++) readSink += readPass(g);
    return (performance.now() - t) / 10;
  };
  for (let i = 0; i < WARM_UPS; i++) {
    readTime(a);
    readTime(b);
  }
  const read = sideBySide(readTime, a, b);
  const keepTime = (g: SheetGrid) => {
    readSink += keepPass(g).length;
    const t = performance.now();
    readSink += keepPass(g).length;
    return performance.now() - t;
  };
  for (let i = 0; i < WARM_UPS; i++) {
    keepTime(a);
    keepTime(b);
  }
  const keep = sideBySide(keepTime, a, b);
  return {
    small,
    large,
    smallMs,
    largeMs,
    ratios,
    ratio: median(ratios),
    smallMedianMs: median(smallMs),
    largeMedianMs: median(largeMs),
    readRatio: median(read.ratios),
    keepRatio: median(keep.ratios),
    keepSmallMs: median(keep.smallMs),
    keepLargeMs: median(keep.largeMs),
    readSmallMs: median(read.smallMs),
    readLargeMs: median(read.largeMs),
  };
}

/** Analyse a sheet of n rows `runs` times, nothing measured: bench/instructions.ts counts the instructions. */
export function repeat(n: number, runs: number): void {
  const grid = makeGrid(n);
  for (let i = 0; i < runs; i++) analyseSheet(grid);
}

// Run as a child: `node engine-child.js --one N [--worst]`, `--pair SMALL LARGE [--worst]` or
// `--repeat N RUNS [--worst]`.
if (process.argv[2] === "--one")
  process.stdout.write(JSON.stringify(measureOne(Number(process.argv[3]))));
if (process.argv[2] === "--repeat") repeat(Number(process.argv[3]), Number(process.argv[4]));
if (process.argv[2] === "--pair")
  process.stdout.write(
    JSON.stringify(measurePair(Number(process.argv[3]), Number(process.argv[4])))
  );
