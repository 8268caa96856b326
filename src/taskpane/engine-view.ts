/**
 * The engine as the pane uses it: the analysis plus the texts the pane shows that need the engine
 * (the narrative, the tables' shape names). Runs in the analysis worker; the pane's own bundle does
 * not contain the engine (it loads this module as a separate chunk only where no worker can start).
 */
import { analyseSheet } from "../core/engine";
import { narrative } from "../core/engine/summary";
import { shapeName } from "../core/engine/shapes";
import { renderFinding, renderMessage, type Message } from "../core/engine/messages";
import type { EngineOptions, SheetAnalysis, SheetGrid } from "../core/engine/types";
import type { Scale } from "../core/predikat";

/** A text in both pane languages. */
export interface Texts {
  id: string;
  en: string;
}

function texts(m: Message): Texts {
  return { id: renderMessage(m, "id"), en: renderMessage(m, "en") };
}

export interface AnalysisView {
  /** The summary paragraph in Indonesian, and in English. */
  narrative: string;
  narrativeEn: string;
  /** Display name of each table's shape, by index of analysis.tables. */
  tableNames: Texts[];
  /**
   * The engine's messages, plan notes and findings rendered through the catalogue in both
   * languages, by index of analysis.messages, plan.notes and findings: the pane picks its UI
   * language without carrying the catalogue in its own bundle (a size budget, test/security).
   */
  messages: Texts[];
  notes: Texts[];
  findings: Texts[];
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
    messages: analysis.messages.map(texts),
    notes: analysis.plan.notes.map(texts),
    findings: analysis.findings.map((f) => ({ id: f.message, en: renderFinding(f, "en") })),
  };
  return { ...analysis, view };
}
