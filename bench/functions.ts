/**
 * `npx tsx bench/functions.ts [rows]`: CAPAIAN over N rows (default 100,000)
 *   1. one range call, as Excel makes for =MONEV.CAPAIAN(A1:A100000; B1:B100000)
 *   2. N single-cell calls with 1x1 arrays, as Excel makes for one formula per row
 *   3. the same arithmetic as a native formula (=B/A*100) evaluated by HyperFormula
 * Times are from one run each (after a small warm-up), so expect noise of a few tens of percent.
 * HyperFormula is a dev dependency (GPL) used here only for comparison; src/ never imports it.
 */
import { performance } from "perf_hooks";
import { HyperFormula } from "hyperformula";
import { capaian } from "../src/functions/functions";

// Minimal CustomFunctions global so errors can be built outside Excel.
class BenchError {
  constructor(
    readonly code: string,
    readonly message?: string
  ) {}
}
(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: BenchError,
  ErrorCode: {
    invalidValue: "#VALUE!",
    divisionByZero: "#DIV/0!",
    notAvailable: "#N/A",
    invalidNumber: "#NUM!",
  },
};

const N = Number(process.argv[2]) > 0 ? Math.floor(Number(process.argv[2])) : 100_000;

function data(n: number): { t: number[][]; r: number[][] } {
  const t: number[][] = new Array(n);
  const r: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = [50 + (i % 100)];
    r[i] = [((i * 7919) % 150) + 0.25];
  }
  return { t, r };
}

function rangeCall(n: number): number {
  const { t, r } = data(n);
  const start = performance.now();
  const out = capaian(t, r);
  const ms = performance.now() - start;
  if (out.length !== n) throw new Error("bad shape");
  return ms;
}

function scalarCalls(n: number): number {
  const { t, r } = data(n);
  const start = performance.now();
  let last: unknown;
  for (let i = 0; i < n; i++) last = capaian([t[i]], [r[i]]);
  const ms = performance.now() - start;
  if (!Array.isArray(last)) throw new Error("bad result");
  return ms;
}

function hyperFormula(n: number): number {
  const { t, r } = data(n);
  const sheet: (number | string)[][] = new Array(n);
  for (let i = 0; i < n; i++) sheet[i] = [t[i][0], r[i][0], `=B${i + 1}/A${i + 1}*100`];
  const start = performance.now();
  const hf = HyperFormula.buildFromArray(sheet, { licenseKey: "gpl-v3", maxRows: n + 10 });
  const v = hf.getCellValue({ sheet: 0, row: n - 1, col: 2 });
  const ms = performance.now() - start;
  if (typeof v !== "number") throw new Error("bad HyperFormula value");
  hf.destroy();
  return ms;
}

// Warm-up (JIT), then one measured run each.
rangeCall(2000);
scalarCalls(2000);
hyperFormula(2000);

const range = rangeCall(N);
const scalar = scalarCalls(N);
const hfMs = hyperFormula(N);
const fmt = (ms: number) => `${ms.toFixed(1).padStart(9)} ms`;
const ratio = (ms: number) => `${(ms / range).toFixed(2).padStart(7)}x`;
console.log(`CAPAIAN, ${N.toLocaleString("en-US")} rows (one run each, node ${process.version})`);
console.log(`  range call (1 call)          ${fmt(range)}  ${ratio(range)}`);
console.log(`  scalar calls (${N} calls)  ${fmt(scalar)}  ${ratio(scalar)}`);
console.log(`  HyperFormula =B/A*100 (build+eval) ${fmt(hfMs)}  ${ratio(hfMs)}`);
console.log(
  `  per row: range ${((range * 1000) / N).toFixed(2)} µs, scalar ${((scalar * 1000) / N).toFixed(2)} µs, HyperFormula ${((hfMs * 1000) / N).toFixed(2)} µs`
);
console.log(
  "  note: in Excel the per-call overhead of a JS custom function (runtime round trip) dominates;"
);
console.log(
  "  this measures only the JavaScript work, so the real gap between 1 range call and N calls is larger."
);
