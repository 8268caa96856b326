/**
 * The evaluation sheet's chart as DrawingML, the one the task pane adds through Excel's chart API:
 * a clustered column per indicator's capaian with a dashed 100% line, beside the table. The chart
 * reads the sheet's own cells (and caches their values, so it shows before any recalculation);
 * the 100% line reads the hidden "Acuan 100%" column, so hidden cells are plotted (a literal
 * series, <c:numLit>, is not drawn by LibreOffice). The chart is kept out of print by the sheet's
 * print area: the printed report stays the table it was.
 */
import { cellAddress, quoteSheet } from "../../core/engine/address";
import { evaluationChartAnchor, evaluationChartTexts } from "../../core/engine/evaluation-chart";
import { shownValue, type EvaluationLayout } from "../../core/engine/evaluation-sheet";
import { escapeAttr } from "./xml";
import type { OoxmlPackage } from "./package";

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const REL_DRAWING = `${NS_R}/drawing`;
const REL_CHART = `${NS_R}/chart`;
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

const text = (s: string) => escapeAttr(s);

/** A column's data rows as an absolute reference: 'Evaluasi - X'!$F$5:$F$20. */
function columnRef(lay: EvaluationLayout, col: number): string {
  const abs = (r: number) => cellAddress(r, col).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  return `${quoteSheet(lay.sheetName)}!${abs(lay.firstDataRow)}:${abs(lay.lastDataRow)}`;
}

function points(values: string[]): string {
  return (
    `<c:ptCount val="${values.length}"/>` +
    values.map((v, i) => (v === "" ? "" : `<c:pt idx="${i}"><c:v>${text(v)}</c:v></c:pt>`)).join("")
  );
}

/** chartSpace XML: capaian columns over the rows' first column, and the 100% line. */
export function evaluationChartXml(lay: EvaluationLayout, lang: "id" | "en"): string {
  const t = evaluationChartTexts(lang);
  const rows: number[] = [];
  for (let r = lay.firstDataRow; r <= lay.lastDataRow; r++) rows.push(r);
  const categories = rows.map((r) => {
    const v = shownValue(lay, r, 0);
    return v === null || v === undefined ? "" : String(v);
  });
  const capaian = rows.map((r) => {
    const v = shownValue(lay, r, lay.capaianCol);
    return typeof v === "number" && Number.isFinite(v) ? String(v) : "";
  });
  const cat =
    `<c:cat><c:strRef><c:f>${text(columnRef(lay, 0))}</c:f>` +
    `<c:strCache>${points(categories)}</c:strCache></c:strRef></c:cat>`;
  const axes = '<c:axId val="510001"/><c:axId val="510002"/>';
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="${lang === "en" ? "en-GB" : "id-ID"}" sz="1200" b="1"/><a:t>${text(t.title)}</a:t></a:r></a:p>` +
    `</c:rich></c:tx><c:overlay val="0"/></c:title>`;
  const bars =
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>${text(t.capaian)}</c:v></c:tx>` +
    `<c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr>` +
    `<c:invertIfNegative val="0"/>${cat}` +
    `<c:val><c:numRef><c:f>${text(columnRef(lay, lay.capaianCol))}</c:f>` +
    `<c:numCache><c:formatCode>General</c:formatCode>${points(capaian)}</c:numCache></c:numRef></c:val>` +
    `</c:ser><c:gapWidth val="80"/>${axes}</c:barChart>`;
  const acuan = rows.map((r) => {
    const v = shownValue(lay, r, lay.acuanCol);
    return typeof v === "number" ? String(v) : "";
  });
  const line =
    lay.acuanCol < 0
      ? ""
      : `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
        `<c:ser><c:idx val="1"/><c:order val="1"/><c:tx><c:v>${text(t.acuan)}</c:v></c:tx>` +
        `<c:spPr><a:ln w="22225"><a:solidFill><a:srgbClr val="C00000"/></a:solidFill><a:prstDash val="dash"/></a:ln></c:spPr>` +
        `<c:marker><c:symbol val="none"/></c:marker>${cat}` +
        `<c:val><c:numRef><c:f>${text(columnRef(lay, lay.acuanCol))}</c:f>` +
        `<c:numCache><c:formatCode>General</c:formatCode>${points(acuan)}</c:numCache></c:numRef></c:val>` +
        `<c:smooth val="0"/></c:ser><c:marker val="1"/>${axes}</c:lineChart>`;
  const catAx =
    `<c:catAx><c:axId val="510001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/>` +
    `<c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="510002"/><c:crosses val="autoZero"/>` +
    `<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="510002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="0" sourceLinked="0"/>` +
    `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="510001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `<c:roundedCorners val="0"/><c:chart>${title}<c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${bars}${line}${catAx}${valAx}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="0"/><c:dispBlanksAs val="span"/></c:chart></c:chartSpace>`
  );
}

/** The drawing part: one chart anchored over the cells evaluationChartAnchor gives. */
function drawingXml(lay: EvaluationLayout, chartRelId: string, name: string): string {
  const at = evaluationChartAnchor(lay);
  const cell = (tag: string, p: { row: number; col: number }) =>
    `<xdr:${tag}><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff>` +
    `<xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">` +
    `<xdr:twoCellAnchor editAs="oneCell">${cell("from", at.from)}${cell("to", at.to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${text(name)}"/>` +
    `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${chartRelId}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}

/**
 * Adds the chart to a new evaluation sheet's part (no drawing of its own yet): chart and drawing
 * parts, their relationships and content types, and the sheet's <drawing> element (its last
 * child here: the sheet XML ends with its page setup). Nothing when the layout has no data rows.
 */
export function addEvaluationChart(
  pkg: OoxmlPackage,
  sheetPart: string,
  lay: EvaluationLayout,
  lang: "id" | "en"
): void {
  if (lay.lastDataRow < lay.firstDataRow || lay.capaianCol < 0) return;
  const chartPart = pkg.freeName("xl/charts/chart#.xml");
  pkg.setText(chartPart, evaluationChartXml(lay, lang));
  pkg.ensureContentType(chartPart, CT_CHART);
  const drawingPart = pkg.freeName("xl/drawings/drawing#.xml");
  const chartRel = pkg.addRel(drawingPart, REL_CHART, chartPart);
  pkg.setText(drawingPart, drawingXml(lay, chartRel, evaluationChartTexts(lang).title));
  pkg.ensureContentType(drawingPart, CT_DRAWING);
  const drawingRel = pkg.addRel(sheetPart, REL_DRAWING, drawingPart);
  const xml = pkg.text(sheetPart);
  const close = xml.lastIndexOf("</worksheet>");
  pkg.setText(
    sheetPart,
    `${xml.slice(0, close)}<drawing r:id="${drawingRel}"/>${xml.slice(close)}`
  );
}
