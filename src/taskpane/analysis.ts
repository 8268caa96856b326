/**
 * useAnalysis: the engine's analysis of the pane's sheet. Small sheets are analysed right away;
 * large ones in a Web Worker (dist/analysis-worker.js) while the pane shows that it is working.
 * Where a worker cannot start (old host, blocked script) the pane analyses on its own thread.
 */
import * as React from "react";
import { analyseSheet } from "../core/engine";
import type { EngineOptions, SheetAnalysis, SheetGrid } from "../core/engine/types";
import { SCALES, Scale } from "../core/predikat";

export interface AnalysisRequest {
  id: number;
  grid: SheetGrid;
  opts: EngineOptions;
  customScale?: Scale;
}

export type AnalysisResponse = { id: number; analysis: SheetAnalysis } | { id: number; error: string };

/** Rows from which the worker is used (a few hundred ms of engine time on a slow machine). */
export const WORKER_MIN_ROWS = 1500;
export const WORKER_URL = "analysis-worker.js";

let worker: Worker | null | undefined;
function getWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = typeof Worker === "undefined" ? null : new Worker(WORKER_URL);
  } catch {
    worker = null;
  }
  return worker;
}

let nextId = 1;

export function useAnalysis(grid: SheetGrid | undefined, opts: EngineOptions): { analysis?: SheetAnalysis; analysing: boolean } {
  const small = !grid || grid.cells.length < WORKER_MIN_ROWS;
  const sync = React.useMemo(() => (grid && small ? analyseSheet(grid, opts) : undefined), [grid, opts, small]);
  const [result, setResult] = React.useState<{ for: SheetGrid; opts: EngineOptions; analysis: SheetAnalysis }>();

  React.useEffect(() => {
    if (!grid || small) return;
    const id = nextId++;
    const fallback = () => setResult({ for: grid, opts, analysis: analyseSheet(grid, opts) });
    const w = getWorker();
    if (!w) {
      fallback();
      return;
    }
    const onMessage = (e: MessageEvent<AnalysisResponse>) => {
      if (e.data.id !== id) return;
      if ("analysis" in e.data) setResult({ for: grid, opts, analysis: e.data.analysis });
      else fallback();
    };
    const onError = () => {
      worker = null; // do not try a broken worker again
      fallback();
    };
    w.addEventListener("message", onMessage);
    w.addEventListener("error", onError);
    const req: AnalysisRequest = { id, grid, opts };
    // The user's own scale (read from a range) exists only in this thread's SCALES.
    if (opts.scale === "custom" && SCALES.custom) req.customScale = SCALES.custom;
    w.postMessage(req);
    return () => {
      w.removeEventListener("message", onMessage);
      w.removeEventListener("error", onError);
    };
  }, [grid, opts, small]);

  if (small) return { analysis: sync, analysing: false };
  const current = result && result.for === grid && result.opts === opts ? result.analysis : undefined;
  return { analysis: current, analysing: current === undefined };
}
