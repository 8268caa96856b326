/**
 * The evaluation sheet ('Evaluasi - <sheet>') written directly as worksheet XML, its looks added
 * to the workbook's own styles.xml: the layout's formulas with their cached values, number
 * formats, a bold title and header, wrapped narrative, predikat colours, landscape one page wide.
 * (The task pane also adds a chart; the CLI does not.)
 */
import { cellAddress } from "../../core/engine/address";
import type { EvaluationLayout } from "../../core/engine/evaluation-sheet";
import type { PlannedWrite } from "../../core/engine/types";
import { cellXml, type CellContent } from "./sheet";
import type { Styles, XfChange } from "./styles";

const COLS = 7;

export function evaluationSheetXml(
  lay: EvaluationLayout,
  styles: Styles
): { xml: string; writes: PlannedWrite[] } {
  const writes: PlannedWrite[] = [];
  const rows: string[] = [];
  // The narrative: one paragraph per row, each merged across the table's width.
  const narrative = new Set<number>();
  for (let r = lay.narrativeRow; r < lay.narrativeRow + Math.max(1, lay.narrativeRows ?? 1); r++)
    narrative.add(r);
  const wrapTop = { wrapText: "1", vertical: "top" };
  const headerRow = lay.print?.repeatRows[0] ?? 2;
  const headings = new Set(lay.headingRows ?? []);
  // The "Acuan 100%" column only feeds the pane's chart; this sheet has no chart.
  const acuan = (lay.cells[headerRow] ?? []).findIndex(
    (v) => typeof v === "string" && /^(Acuan|Reference) 100%$/.test(v)
  );
  const width = acuan >= 0 ? acuan : COLS;
  lay.cells.forEach((rowCells, r) => {
    const cells: string[] = [];
    // Wrapped text in column B: rows tall enough for their lines (Excel does not grow them on open).
    let lines = 1;
    rowCells.forEach((raw, c) => {
      if (raw === "" || raw === null || raw === undefined || c === acuan) return;
      // A label is usually a reference to the source sheet: its length is its cached text's.
      const shown = typeof raw === "string" && raw.startsWith("=") ? lay.values?.[r]?.[c] : raw;
      if (c === 1 && typeof shown === "string" && !narrative.has(r))
        lines = Math.max(lines, Math.ceil(shown.length / (headings.has(r) ? 42 : 50)));
      const cached = lay.values?.[r]?.[c] ?? null;
      // The report's values are numbers or text; a (rare) logical source value is reported as TRUE/FALSE.
      const value = typeof cached === "boolean" ? String(cached).toUpperCase() : cached;
      const w: PlannedWrite = {
        sheet: lay.sheetName,
        row: r,
        col: c,
        address: cellAddress(r, c),
        value,
        rule: "lembar-evaluasi",
      };
      const content: CellContent = { value };
      if (typeof raw === "string" && raw.startsWith("=")) {
        w.formula = raw.slice(1);
        content.formula = w.formula;
      } else content.value = raw as number | string | boolean;
      const change: XfChange = {};
      const fmt = lay.numberFormat[r]?.[c];
      if (fmt && fmt !== "General") {
        change.numFmt = fmt;
        w.numFmt = fmt;
      }
      if (r === 0) Object.assign(change, { bold: true, size: 14 });
      else if (r === headerRow)
        Object.assign(change, {
          bold: true,
          fill: "FFD9E1F2",
          alignment: { wrapText: "1", vertical: "center" },
        });
      else if ((r >= lay.summaryRow && r < lay.narrativeRow - 1) || headings.has(r))
        change.bold = true;
      if (narrative.has(r) || (c === 1 && r !== headerRow)) change.alignment = wrapTop;
      const s = Object.keys(change).length ? styles.derive(0, change) : 0;
      cells.push(cellXml(w.address, s, content));
      writes.push(w);
    });
    // The header's fill spans A:G even where a header cell is empty.
    if (r === headerRow) {
      const s = styles.derive(0, {
        bold: true,
        fill: "FFD9E1F2",
        alignment: { wrapText: "1", vertical: "center" },
      });
      for (let c = 0; c < width; c++)
        if (rowCells[c] === "" || rowCells[c] === null || rowCells[c] === undefined)
          cells.splice(c, 0, cellXml(cellAddress(r, c), s, { value: null }));
    }
    if (cells.length === 0 && !narrative.has(r)) return;
    const ht = narrative.has(r)
      ? ' ht="90" customHeight="1"'
      : lines > 1
        ? ` ht="${lines * 15}" customHeight="1"`
        : "";
    rows.push(`<row r="${r + 1}"${ht}>${cells.join("")}</row>`);
  });
  const colB = styles.derive(0, { alignment: wrapTop });
  const last = Math.max(lay.cells.length, ...[...narrative].map((r) => r + 1));
  const lastCol = cellAddress(0, width - 1).replace(/\d+$/, "");
  const merges = [...narrative].map((r) => `<mergeCell ref="A${r + 1}:${lastCol}${r + 1}"/>`);
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${cellAddress(last - 1, width - 1)}"/>` +
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>' +
    `<cols><col min="1" max="1" width="5" customWidth="1"/><col min="2" max="2" width="45" style="${colB}" customWidth="1"/>` +
    '<col min="3" max="7" width="13" customWidth="1"/></cols>' +
    `<sheetData>${rows.join("")}</sheetData>` +
    `<mergeCells count="${merges.length}">${merges.join("")}</mergeCells>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToHeight="0"/>' +
    "</worksheet>";
  return { xml, writes };
}
