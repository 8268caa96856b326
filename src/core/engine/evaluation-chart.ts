/**
 * The evaluation sheet's chart as both renderers draw it (the pane through Excel's chart API, the
 * CLI as DrawingML): its texts and its place. Apart from evaluation-sheet.ts so that the pane's
 * main bundle, which draws the chart, does not carry the layout code (loaded on first use).
 */
import type { EvaluationLayout } from "./evaluation-sheet";

/** The chart's title and series names: the pane and the CLI draw the same chart. */
export function evaluationChartTexts(lang: "id" | "en"): {
  title: string;
  capaian: string;
  acuan: string;
} {
  return lang === "en"
    ? { title: "Achievement per indicator (%)", capaian: "Achievement", acuan: "Reference 100%" }
    : { title: "Capaian per indikator (%)", capaian: "Capaian", acuan: "Acuan 100%" };
}

/**
 * Where the chart sits, 0-based cells: right of the table, one column apart, rows 3-22 (I3:R22
 * beside seven columns A-G). Beside the table, not below it: the table grows with its rows.
 */
export function evaluationChartAnchor(lay: Pick<EvaluationLayout, "columns">): {
  from: { row: number; col: number };
  to: { row: number; col: number };
} {
  const last = Math.max(1, lay.columns.length) - 1;
  return { from: { row: 2, col: last + 2 }, to: { row: 21, col: last + 11 } };
}
