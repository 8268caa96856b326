/**
 * The evaluation sheet ('Evaluasi - <sheet>') written directly as worksheet XML, its looks added
 * to the workbook's own styles.xml: the layout's formulas with their cached values, number
 * formats, a bold title and header, wrapped narrative, predikat colours, the signature block,
 * A4 landscape one page wide. The chart beside the table is chart.ts's.
 */
import { cellAddress } from "../../core/engine/address";
import {
  evaluationRowHeights,
  shownValue,
  PRINT_MARGIN,
  signatureNeedsBreak,
  type EvaluationLayout,
} from "../../core/engine/evaluation-sheet";
import type { PlannedWrite } from "../../core/engine/types";
import { evaluationPrintArea, printedColumnCount } from "../../core/engine/evaluation-chart";
import { cellXml, type CellContent } from "./sheet";
import type { Styles, XfChange } from "./styles";

// The row-height estimate and the page-break decision are the core's (the pane uses them too).
export { linesOf, splitsAcrossPages } from "../../core/engine/evaluation-sheet";
const MARGIN = PRINT_MARGIN;

export function evaluationSheetXml(
  lay: EvaluationLayout,
  styles: Styles
): { xml: string; writes: PlannedWrite[]; range: string } {
  const writes: PlannedWrite[] = [];
  const rows: string[] = [];
  // The narrative: one paragraph per row, each merged across the table's width.
  const narrative = new Set<number>();
  for (let r = lay.narrativeRow; r < lay.narrativeRow + Math.max(1, lay.narrativeRows ?? 1); r++)
    narrative.add(r);
  const wrapTop = { wrapText: "1", vertical: "top" };
  const headerRow = lay.print?.repeatRows[0] ?? 2;
  const headings = new Set(lay.headingRows ?? []);
  // The "Acuan 100%" column (the last) only feeds the chart's 100% line: written, hidden, and
  // left out of the printed width.
  const width = printedColumnCount(lay);
  const sig = lay.signature;
  const inSignature = (r: number) => !!sig && r >= sig.row && r < sig.row + sig.rows;
  /** Each row's height in points (wrapped text in the columns' widths), for the page layout too. */
  const heights = evaluationRowHeights(lay);
  lay.cells.forEach((rowCells, r) => {
    const cells: string[] = [];
    rowCells.forEach((raw, c) => {
      if (raw === "" || raw === null || raw === undefined) return;
      // A label is usually a reference to the source sheet: its length is its cached text's.
      const shown = shownValue(lay, r, c);
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
          alignment: { wrapText: "1", vertical: "center", horizontal: "center" },
        });
      else if (inSignature(r)) {
        change.alignment = { horizontal: "center" };
        if (r === sig?.nameRow) Object.assign(change, { bold: true, underline: true });
      } else if ((r >= lay.summaryRow && r < lay.narrativeRow - 1) || headings.has(r))
        change.bold = true;
      if (narrative.has(r) || (c === 1 && r !== headerRow && !inSignature(r)))
        change.alignment = wrapTop;
      else if (r >= lay.firstDataRow && r <= lay.lastDataRow && !headings.has(r))
        // Figures read from the first line of a wrapped label; a text figure ('5 UMKM', '0,-')
        // stays right-aligned with the numbers, the predikat centred.
        change.alignment =
          c === lay.predikatCol
            ? { vertical: "top", horizontal: "center" }
            : typeof shown === "string"
              ? { vertical: "top", horizontal: "right" }
              : { vertical: "top" };
      const s = Object.keys(change).length ? styles.derive(0, change) : 0;
      cells.push(cellXml(w.address, s, content));
      writes.push(w);
    });
    // The header's fill spans the table's width even where a header cell is empty.
    if (r === headerRow) {
      const s = styles.derive(0, {
        bold: true,
        fill: "FFD9E1F2",
        alignment: { wrapText: "1", vertical: "center", horizontal: "center" },
      });
      for (let c = 0; c < width; c++)
        if (rowCells[c] === "" || rowCells[c] === null || rowCells[c] === undefined)
          cells.splice(c, 0, cellXml(cellAddress(r, c), s, { value: null }));
    }
    if (cells.length === 0 && !narrative.has(r) && !inSignature(r)) return;
    // Every row's height is set (Excel's 15 points a line, the title's 14-point font 19): the
    // page breaks then fall where signatureNeedsBreak expects, in Excel and in LibreOffice alike.
    const ht = ` ht="${heights[r]}" customHeight="1"`;
    rows.push(`<row r="${r + 1}"${ht}>${cells.join("")}</row>`);
  });
  const colB = styles.derive(0, { alignment: wrapTop });
  const area = evaluationPrintArea(lay);
  const last = area.lastRow + 1;
  const letter = (c: number) => cellAddress(0, c).replace(/\d+$/, "");
  const merges = [...narrative].map(
    (r) => `<mergeCell ref="A${r + 1}:${letter(width - 1)}${r + 1}"/>`
  );
  // Each signature line centred across the block's columns.
  if (sig && sig.span > 1)
    for (let r = sig.row; r < sig.row + sig.rows; r++)
      merges.push(
        `<mergeCell ref="${letter(sig.col)}${r + 1}:${letter(sig.col + sig.span - 1)}${r + 1}"/>`
      );
  // A signature block is never split across pages: a page break before it when it would be.
  const breakBefore = sig && signatureNeedsBreak(lay, heights) ? sig.row : -1;
  const cols = lay.columns
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${i === 1 ? ` style="${colB}"` : ""}${i >= width ? ' hidden="1"' : ""} customWidth="1"/>`
    )
    .join("");
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:${cellAddress(last - 1, Math.max(1, lay.columns.length) - 1)}"/>` +
    '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" customHeight="1"/>' +
    `<cols>${cols}</cols>` +
    `<sheetData>${rows.join("")}</sheetData>` +
    `<mergeCells count="${merges.length}">${merges.join("")}</mergeCells>` +
    `<pageMargins left="${MARGIN.side}" right="${MARGIN.side}" top="${MARGIN.top}" bottom="${MARGIN.top}" header="0.3" footer="0.3"/>` +
    // One page wide, as many pages tall as needed.
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    (breakBefore > 0
      ? `<rowBreaks count="1" manualBreakCount="1"><brk id="${breakBefore}" max="16383" man="1"/></rowBreaks>`
      : "") +
    "</worksheet>";
  return { xml, writes, range: `A1:${cellAddress(area.lastRow, area.lastCol)}` };
}
