/**
 * Web Worker (its own bundle, dist/analysis-worker.js): runs the engine off the pane's UI thread
 * so a large sheet does not freeze the pane. The core is pure, so the worker runs the same code.
 */
import { analyseSheet } from "../core/engine";
import { SCALES } from "../core/predikat";
import type { AnalysisRequest, AnalysisResponse } from "./analysis";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage: (m: AnalysisResponse) => void;
};

scope.onmessage = (e) => {
  const { id, grid, opts, customScale } = e.data;
  try {
    // A scale the user read from a range lives in the pane's memory: register it here too.
    if (customScale) SCALES[customScale.id] = customScale;
    scope.postMessage({ id, analysis: analyseSheet(grid, opts) });
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
