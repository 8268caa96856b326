/**
 * The evaluation sheet's chart as both renderers draw it (the pane through Excel's chart API, the
 * CLI as DrawingML): its texts, its place, and what is printed beside it (the table, without the
 * hidden "Acuan 100%" column that feeds the chart's 100% line). Apart from evaluation-sheet.ts so
 * that the pane's main bundle, which draws the chart, does not carry the layout code.
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

/** Columns printed: all but the "Acuan 100%" column when it is the last (it only feeds the chart). */
export function printedColumnCount(lay: Pick<EvaluationLayout, "acuanCol" | "columns">): number {
  return lay.acuanCol === lay.columns.length - 1 ? lay.acuanCol : lay.columns.length;
}

/**
 * The print area, 0-based inclusive: from A1 to the last printed column and the last row (the
 * narrative's included). The chart beside the table and the hidden reference column stay out.
 */
export function evaluationPrintArea(
  lay: Pick<EvaluationLayout, "acuanCol" | "columns" | "cells" | "narrativeRow" | "narrativeRows">
): { lastRow: number; lastCol: number } {
  const narrativeEnd = lay.narrativeRow + Math.max(1, lay.narrativeRows ?? 1);
  return {
    lastRow: Math.max(lay.cells.length, narrativeEnd) - 1,
    lastCol: Math.max(1, printedColumnCount(lay)) - 1,
  };
}
