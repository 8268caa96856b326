/**
 * The engine as the pane uses it: the analysis plus the texts the pane shows that need the engine
 * (the narrative, the tables' shape names). Runs in the analysis worker; the pane's own bundle does
 * not contain the engine (it loads this module as a separate chunk only where no worker can start).
 */
import { analyseSheet } from "../core/engine";
import { narrative } from "../core/engine/summary";
import { shapeName } from "../core/engine/shapes";
import type { EngineOptions, SheetAnalysis, SheetGrid } from "../core/engine/types";
import type { Scale } from "../core/predikat";

export interface AnalysisView {
  /** The summary paragraph in Indonesian, and in English. */
  narrative: string;
  narrativeEn: string;
  /** Display name of each table's shape, by index of analysis.tables. */
  tableNames: { id: string; en: string }[];
}

export type PaneAnalysis = SheetAnalysis & { view: AnalysisView };

export function analyseForPane(
  grid: SheetGrid,
  opts: EngineOptions,
  customScale?: Scale
): PaneAnalysis {
  // A scale the user read from a range travels in the options (never a shared registry).
  const analysis = analyseSheet(
    grid,
    customScale ? { ...opts, scales: { ...opts.scales, [customScale.id]: customScale } } : opts
  );
  const view: AnalysisView = {
    narrative: analysis.tables.length > 0 ? narrative(analysis, "id") : "",
    narrativeEn: analysis.tables.length > 0 ? narrative(analysis, "en") : "",
    tableNames: analysis.tables.map((t) => ({
      id: shapeName(t.kind, "id"),
      en: shapeName(t.kind, "en"),
    })),
  };
  return { ...analysis, view };
}
