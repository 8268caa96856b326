/**
 * Web Worker (its own bundle, dist/analysis-worker.js): runs the engine off the pane's UI thread,
 * for every sheet, so the pane's bundle does not carry the engine. The core is pure, so the worker
 * runs the same code as the CLI. It posts its progress at the engine's phase boundaries.
 */
import { answerRequest, type AnalysisRequest, type AnalysisResponse } from "./engine-view";

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage: (m: AnalysisResponse) => void;
};

scope.onmessage = (e) => answerRequest(e.data, (m) => scope.postMessage(m));
