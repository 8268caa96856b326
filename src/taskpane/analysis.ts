/**
 * useAnalysis: the engine's analysis of the pane's sheet, computed in a Web Worker
 * (dist/analysis-worker.js) while the pane shows that it is working. The pane's bundle carries no
 * engine: where a worker cannot start (old host, blocked script) the engine is loaded as a separate
 * chunk (./engine-view) and run on the pane's thread.
 */
import * as React from "react";
import type { EngineOptions, SheetGrid } from "../core/engine/types";
import type { Scale } from "../core/predikat";
import type {
  AnalysisRequest,
  AnalysisResponse,
  PaneAnalysis,
  TableSelection,
} from "./engine-view";

export type {
  AnalysisRequest,
  AnalysisResponse,
  PaneAnalysis,
  TableChoice,
  TableSelection,
} from "./engine-view";

/** Rows from which a sheet counts as large (the e2e test's worker sheet; the worker runs for all). */
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

async function analyseHere(
  grid: SheetGrid,
  opts: EngineOptions,
  customScale: Scale | undefined,
  table: TableSelection
): Promise<PaneAnalysis> {
  const { analyseForPane } = await import(/* webpackChunkName: "engine" */ "./engine-view");
  return analyseForPane(grid, opts, customScale, table);
}

export function useAnalysis(
  grid: SheetGrid | undefined,
  opts: EngineOptions,
  table: TableSelection = 0
): { analysis?: PaneAnalysis; analysing: boolean; progress: number } {
  const [result, setResult] = React.useState<{
    for: SheetGrid;
    opts: EngineOptions;
    table: TableSelection;
    analysis: PaneAnalysis;
  }>();
  /** The worker's progress on the current request (0..1); 0 where no worker runs. */
  const [progress, setProgress] = React.useState(0);

  React.useEffect(() => {
    if (!grid) return;
    const id = nextId++;
    let live = true;
    setProgress(0);
    // The user's own scale (read from a range) travels in opts.scales.
    const customScale = opts.scale === "custom" ? opts.scales?.custom : undefined;
    const fallback = () => {
      analyseHere(grid, opts, customScale, table).then(
        (analysis) => live && setResult({ for: grid, opts, table, analysis }),
        () => undefined
      );
    };
    const w = getWorker();
    if (!w) {
      fallback();
      return () => {
        live = false;
      };
    }
    const onMessage = (e: MessageEvent<AnalysisResponse>) => {
      if (e.data.id !== id) return;
      if ("progress" in e.data) setProgress(e.data.progress);
      else if ("analysis" in e.data)
        setResult({ for: grid, opts, table, analysis: e.data.analysis });
      else fallback();
    };
    const onError = () => {
      worker = null; // do not try a broken worker again
      fallback();
    };
    w.addEventListener("message", onMessage);
    w.addEventListener("error", onError);
    const req: AnalysisRequest = { id, grid, opts, table };
    if (customScale) req.customScale = customScale;
    w.postMessage(req);
    return () => {
      live = false;
      w.removeEventListener("message", onMessage);
      w.removeEventListener("error", onError);
    };
  }, [grid, opts, table]);

  if (!grid) return { analysis: undefined, analysing: false, progress: 0 };
  const current =
    result && result.for === grid && result.opts === opts && result.table === table
      ? result.analysis
      : undefined;
  // Same sheet, other options (scale, roles, overwrite): keep showing the previous analysis while the
  // new one is computed (the actions stay disabled meanwhile), so the controls do not vanish.
  const stale = result && result.for === grid ? result.analysis : undefined;
  return { analysis: current ?? stale, analysing: current === undefined, progress };
}
