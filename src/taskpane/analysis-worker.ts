/**
 * Web Worker (its own bundle, dist/analysis-worker.js): runs the engine off the pane's UI thread,
 * for every sheet, so the pane's bundle does not carry the engine. The core is pure, so the worker
 * runs the same code as the CLI.
 */
import { analyseForPane } from "./engine-view";
import type { AnalysisRequest, AnalysisResponse } from "./analysis";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage: (m: AnalysisResponse) => void;
};

scope.onmessage = (e) => {
  const { id, grid, opts, customScale, table } = e.data;
  try {
    scope.postMessage({ id, analysis: analyseForPane(grid, opts, customScale, table) });
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
