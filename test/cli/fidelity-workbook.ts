/**
 * The "kitchen sink" workbook of the fidelity tests, built from raw parts: an evaluable indicator
 * table (one input typed as text, so a note is written) on a sheet that also carries a chart, an
 * existing comment, data validation over a named formula, autofilter criteria, print settings,
 * page breaks, a dynamic-array formula and a sparkline group; a sheet with two tables (one without
 * tableStyleInfo, as LibreOffice writes it); a protected sheet with a legacy password; a pivot
 * table with its cache; an external link; macros (vbaProject.bin); custom document properties;
 * workbook protection; calc settings; sheet-scoped and constant names; print titles.
 */
import { row, sheet } from "../engine/sheet-builder";
import type { SheetGrid } from "../../src/core/engine/types";
import {
  contentTypes,
  CT,
  NS_MAIN,
  NS_R,
  Parts,
  rels,
  sharedStrings,
  sheetData,
  STYLES,
  worksheet,
  XML_HEAD,
} from "../helpers/ooxml-package";

export function indicatorGrid(name: string): SheetGrid {
  return sheet(
    {
      ...row(1, "A", ["No", "Indikator", "Target", "Realisasi", "Capaian", "Predikat"]),
      ...row(2, "A", [1, "Jumlah dokumen perencanaan", 10, 8]),
      ...row(3, "A", [2, "Persentase laporan tepat waktu", 100, "95"]),
      ...row(4, "A", [3, "Indeks kepuasan layanan", 80, 90]),
    },
    [],
    name
  );
}

const CHART_REL = `${"http://schemas.openxmlformats.org/officeDocument/2006/relationships"}/chart`;

const DRAWING =
  `${XML_HEAD}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
  "<xdr:twoCellAnchor><xdr:from><xdr:col>12</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>" +
  "<xdr:to><xdr:col>18</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>15</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>" +
  '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Grafik 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
  '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
  `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS_R}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;

const CHART =
  `${XML_HEAD}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS_R}">` +
  '<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Realisasi per indikator</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>' +
  '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/>' +
  '<c:cat><c:strRef><c:f>IKU!$B$2:$B$4</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>IKU!$D$2:$D$4</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="3"/>' +
  '<c:pt idx="0"><c:v>8</c:v></c:pt><c:pt idx="2"><c:v>90</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart>' +
  '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx>' +
  '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea>' +
  '<c:plotVisOnly val="1"/></c:chart></c:chartSpace>';

const COMMENTS =
  `${XML_HEAD}<comments xmlns="${NS_MAIN}"><authors><author>Penyusun Renja</author><author>Verifikator</author></authors><commentList>` +
  '<comment ref="B2" authorId="1"><text><r><rPr><b/><sz val="9"/><rFont val="Tahoma"/></rPr><t>Verifikator:</t></r><r><rPr><sz val="9"/><rFont val="Tahoma"/></rPr><t xml:space="preserve"> sumber data: Bappeda</t></r></text></comment>' +
  "</commentList></comments>";

const VML =
  '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\n' +
  ' <o:shapelayout v:ext="edit">\n  <o:idmap v:ext="edit" data="1"/>\n </o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">\n' +
  '  <v:stroke joinstyle="miter"/>\n  <v:path gradientshapeok="t" o:connecttype="rect"/>\n </v:shapetype><v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;margin-left:150pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">\n' +
  '  <v:fill color2="#ffffe1"/>\n  <v:shadow on="t" color="black" obscured="t"/>\n  <v:path o:connecttype="none"/>\n  <v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>\n' +
  '  <x:ClientData ObjectType="Note">\n   <x:MoveWithCells/>\n   <x:SizeWithCells/>\n   <x:Anchor>2, 15, 0, 2, 4, 15, 4, 16</x:Anchor>\n   <x:AutoFill>False</x:AutoFill>\n   <x:Row>1</x:Row>\n   <x:Column>1</x:Column>\n  </x:ClientData>\n </v:shape></xml>';

const SPARKLINES =
  '<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
  '<x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup displayEmptyCellsAs="gap"><x14:colorSeries rgb="FF376092"/><x14:colorNegative rgb="FFD00000"/>' +
  '<x14:colorAxis rgb="FF000000"/><x14:colorMarkers rgb="FFD00000"/><x14:colorFirst rgb="FFD00000"/><x14:colorLast rgb="FFD00000"/><x14:colorHigh rgb="FFD00000"/><x14:colorLow rgb="FFD00000"/>' +
  "<x14:sparklines><x14:sparkline><xm:f>IKU!C2:D2</xm:f><xm:sqref>L2</xm:sqref></x14:sparkline><x14:sparkline><xm:f>IKU!C4:D4</xm:f><xm:sqref>L4</xm:sqref></x14:sparkline></x14:sparklines>" +
  "</x14:sparklineGroup></x14:sparklineGroups></ext></extLst>";

/** The table sheet 'IKU': everything around the table that a round trip through ExcelJS used to lose. */
function ikuSheet(sst: string[]): string {
  const extra = {
    // A dynamic-array formula (spills K2:K4), as Excel 365 writes it.
    K2: '<c r="K2" cm="1"><f t="array" ref="K2:K4">_xlfn._xlws.SORT(C2:C4)</f><v>10</v></c>',
    K3: '<c r="K3"><v>80</v></c>',
    K4: '<c r="K4"><v>100</v></c>',
    B6: '<c r="B6" s="2"/>',
  };
  return worksheet(
    '<sheetPr codeName="Sheet1"><tabColor rgb="FF00B050"/><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:K6"/>' +
      '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="B6" sqref="B6"/></sheetView></sheetViews>' +
      '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><cols><col min="2" max="2" width="40" customWidth="1"/></cols>' +
      sheetData(indicatorGrid("IKU"), sst, extra) +
      '<autoFilter ref="A1:D4" xr:uid="{00000000-0009-0000-0000-000000000000}"><filterColumn colId="2"><customFilters><customFilter operator="greaterThan" val="5"/></customFilters></filterColumn></autoFilter>' +
      '<conditionalFormatting sqref="C2:C4"><cfRule type="cellIs" dxfId="0" priority="1" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting>' +
      '<dataValidations count="1"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="B6"><formula1>DaftarNama</formula1></dataValidation></dataValidations>' +
      '<printOptions gridLines="1"/><pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
      '<pageSetup paperSize="9" scale="85" fitToHeight="0" orientation="landscape" r:id="rId4"/><headerFooter><oddHeader>&amp;CEvaluasi IKU</oddHeader><oddFooter>&amp;RHalaman &amp;P</oddFooter></headerFooter>' +
      '<rowBreaks count="1" manualBreakCount="1"><brk id="3" max="16383" man="1"/></rowBreaks><colBreaks count="1" manualBreakCount="1"><brk id="4" max="1048575" man="1"/></colBreaks>' +
      '<drawing r:id="rId1"/><legacyDrawing r:id="rId2"/>' +
      SPARKLINES
  );
}

function daftarSheet(sst: string[]): string {
  const grid = sheet(
    {
      ...row(1, "A", ["Nama", "", "Kode"]),
      ...row(2, "A", ["Bappeda", "", "K1"]),
      ...row(3, "A", ["Dinkes", "", "K2"]),
      ...row(4, "A", ["Disdik"]),
    },
    [],
    "Daftar"
  );
  return worksheet(
    '<dimension ref="A1:C4"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>' +
      sheetData(grid, sst, {}, false) +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><tableParts count="2"><tablePart r:id="rId1"/><tablePart r:id="rId2"/></tableParts>'
  );
}

const TABLE1 =
  `${XML_HEAD}<table xmlns="${NS_MAIN}" id="1" name="TabelNama" displayName="TabelNama" ref="A1:A4" totalsRowShown="0"><autoFilter ref="A1:A4"/>` +
  '<tableColumns count="1"><tableColumn id="1" name="Nama"/></tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>';
/** As LibreOffice writes a table: no tableStyleInfo. */
const TABLE2 =
  `${XML_HEAD}<table xmlns="${NS_MAIN}" id="2" name="TabelKode" displayName="TabelKode" ref="C1:C3" headerRowCount="1" totalsRowCount="0" totalsRowShown="0"><autoFilter ref="C1:C3"/>` +
  '<tableColumns count="1"><tableColumn id="1" name="Kode"/></tableColumns></table>';

function lockedSheet(sst: string[]): string {
  return worksheet(
    '<dimension ref="A1:D4"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>' +
      sheetData(indicatorGrid("Terkunci"), sst) +
      '<sheetProtection password="CC3D" sheet="1" objects="1" scenarios="1" formatCells="0"/>' +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
  );
}

function pivotSheet(sst: string[]): string {
  const grid = sheet(
    {
      ...row(3, "A", ["Row Labels", "Sum of Target"]),
      ...row(4, "A", ["Indeks kepuasan layanan", 80]),
      ...row(5, "A", ["Grand Total", 80]),
    },
    [],
    "Pivot"
  );
  return worksheet(
    '<dimension ref="A3:B5"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>' +
      sheetData(grid, sst, {}, false) +
      '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
  );
}

const PIVOT_CACHE =
  `${XML_HEAD}<pivotCacheDefinition xmlns="${NS_MAIN}" xmlns:r="${NS_R}" r:id="rId1" refreshOnLoad="0" createdVersion="6" refreshedVersion="6" minRefreshableVersion="3" recordCount="1">` +
  '<cacheSource type="worksheet"><worksheetSource ref="B1:C4" sheet="IKU"/></cacheSource><cacheFields count="2">' +
  '<cacheField name="Indikator" numFmtId="0"><sharedItems count="1"><s v="Indeks kepuasan layanan"/></sharedItems></cacheField>' +
  '<cacheField name="Target" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="80" maxValue="80"/></cacheField>' +
  "</cacheFields></pivotCacheDefinition>";
const PIVOT_RECORDS = `${XML_HEAD}<pivotCacheRecords xmlns="${NS_MAIN}" count="1"><r><x v="0"/><n v="80"/></r></pivotCacheRecords>`;
const PIVOT_TABLE =
  `${XML_HEAD}<pivotTableDefinition xmlns="${NS_MAIN}" name="PivotIKU" cacheId="7" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" dataCaption="Values" updatedVersion="6" minRefreshableVersion="3" useAutoFormatting="1" itemPrintTitles="1" createdVersion="6" indent="0" outline="1" outlineData="1" multipleFieldFilters="0">` +
  '<location ref="A3:B5" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="2"><pivotField axis="axisRow" showAll="0"><items count="2"><item x="0"/><item t="default"/></items></pivotField><pivotField dataField="1" showAll="0"/></pivotFields>' +
  '<rowFields count="1"><field x="0"/></rowFields><rowItems count="2"><i><x/></i><i t="grand"><x/></i></rowItems><colItems count="1"><i/></colItems>' +
  '<dataFields count="1"><dataField name="Sum of Target" fld="1" baseField="0" baseItem="0"/></dataFields><pivotTableStyleInfo name="PivotStyleLight16" showRowHeaders="1" showColHeaders="1" showRowStripes="0" showColStripes="0" showLastColumn="1"/></pivotTableDefinition>';

const EXTERNAL_LINK =
  `${XML_HEAD}<externalLink xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames>` +
  '<sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>42</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>';

export const WORKBOOK_XML =
  `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">` +
  '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328" codeName="{8C4F1C90-05EB-6A55-5F09-09C24B55AC0B}"/><workbookPr codeName="ThisWorkbook" defaultThemeVersion="166925"/>' +
  '<workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="x1Y2dTRsZ7U8mVqzKQ0n8mJ0H+ZqgLuo4fRo3w6Lz0Q=" workbookSaltValue="bWFtcGFz" workbookSpinCount="100000" lockStructure="1"/>' +
  '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="0"/></bookViews>' +
  '<sheets><sheet name="IKU" sheetId="1" r:id="rId1"/><sheet name="Daftar" sheetId="2" r:id="rId2"/><sheet name="Terkunci" sheetId="5" r:id="rId3"/><sheet name="Pivot" sheetId="4" r:id="rId4"/></sheets>' +
  '<externalReferences><externalReference r:id="rId8"/></externalReferences>' +
  "<definedNames>" +
  '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">IKU!$A$1:$D$4</definedName>' +
  '<definedName name="_xlnm.Print_Titles" localSheetId="0">IKU!$1:$1</definedName>' +
  '<definedName name="DaftarNama">OFFSET(Daftar!$A$1,0,0,COUNTA(Daftar!$A:$A),1)</definedName>' +
  '<definedName name="Lokal" localSheetId="1">Daftar!$A$2</definedName>' +
  '<definedName name="Luar">[1]Sheet1!$A$1</definedName>' +
  '<definedName name="Tarif">0.11</definedName>' +
  "</definedNames>" +
  '<calcPr calcId="191029" calcMode="manual" iterate="1" iterateCount="50" iterateDelta="0.0001"/>' +
  '<pivotCaches><pivotCache cacheId="7" r:id="rId9"/></pivotCaches></workbook>';

/** The kitchen-sink package; `macro` makes it an .xlsm with xl/vbaProject.bin. */
export function kitchenSink(macro = true): Parts {
  const sst: string[] = [];
  const sheets = [ikuSheet(sst), daftarSheet(sst), lockedSheet(sst), pivotSheet(sst)];
  const vba = new Uint8Array(1536);
  vba.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  for (let i = 8; i < vba.length; i++) vba[i] = (i * 31) % 251;
  const printer = new Uint8Array(64).map((_, i) => i);
  const parts: Parts = {
    "[Content_Types].xml": contentTypes(
      {
        "/xl/workbook.xml": macro ? CT.macroWorkbook : CT.workbook,
        "/xl/worksheets/sheet1.xml": CT.worksheet,
        "/xl/worksheets/sheet2.xml": CT.worksheet,
        "/xl/worksheets/sheet3.xml": CT.worksheet,
        "/xl/worksheets/sheet4.xml": CT.worksheet,
        "/xl/styles.xml": CT.styles,
        "/xl/sharedStrings.xml": CT.sst,
        "/xl/comments1.xml": CT.comments,
        "/xl/drawings/drawing1.xml": CT.drawing,
        "/xl/charts/chart1.xml": CT.chart,
        "/xl/tables/table1.xml": CT.table,
        "/xl/tables/table2.xml": CT.table,
        "/xl/pivotTables/pivotTable1.xml": CT.pivotTable,
        "/xl/pivotCache/pivotCacheDefinition1.xml": CT.pivotCache,
        "/xl/pivotCache/pivotCacheRecords1.xml": CT.pivotRecords,
        "/xl/externalLinks/externalLink1.xml": CT.externalLink,
        "/docProps/core.xml": CT.core,
        "/docProps/app.xml": CT.app,
        "/docProps/custom.xml": CT.custom,
        ...(macro ? { "/xl/vbaProject.bin": CT.vba } : {}),
      },
      { vml: CT.vml, bin: CT.printer }
    ),
    "_rels/.rels": rels([
      { id: "rId1", type: "officeDocument", target: "xl/workbook.xml" },
      {
        id: "rId2",
        type: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        target: "docProps/core.xml",
      },
      { id: "rId3", type: "extended-properties", target: "docProps/app.xml" },
      { id: "rId4", type: "custom-properties", target: "docProps/custom.xml" },
    ]),
    "docProps/core.xml":
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      '<dc:creator>Bappeda</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-01-05T03:00:00Z</dcterms:created></cp:coreProperties>',
    "docProps/app.xml":
      `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application>` +
      '<HeadingPairs><vt:vector size="4" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>4</vt:i4></vt:variant><vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>' +
      '<TitlesOfParts><vt:vector size="5" baseType="lpstr"><vt:lpstr>IKU</vt:lpstr><vt:lpstr>Daftar</vt:lpstr><vt:lpstr>Terkunci</vt:lpstr><vt:lpstr>Pivot</vt:lpstr><vt:lpstr>IKU!Print_Titles</vt:lpstr></vt:vector></TitlesOfParts><AppVersion>16.0300</AppVersion></Properties>',
    "docProps/custom.xml":
      `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="OPD"><vt:lpwstr>Bappeda Kota</vt:lpwstr></property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="Tahun"><vt:i4>2024</vt:i4></property></Properties>',
    "xl/workbook.xml": WORKBOOK_XML,
    "xl/_rels/workbook.xml.rels": rels([
      { id: "rId1", type: "worksheet", target: "worksheets/sheet1.xml" },
      { id: "rId2", type: "worksheet", target: "worksheets/sheet2.xml" },
      { id: "rId3", type: "worksheet", target: "worksheets/sheet3.xml" },
      { id: "rId4", type: "worksheet", target: "worksheets/sheet4.xml" },
      { id: "rId5", type: "styles", target: "styles.xml" },
      { id: "rId6", type: "sharedStrings", target: "sharedStrings.xml" },
      { id: "rId8", type: "externalLink", target: "externalLinks/externalLink1.xml" },
      { id: "rId9", type: "pivotCacheDefinition", target: "pivotCache/pivotCacheDefinition1.xml" },
      ...(macro
        ? [
            {
              id: "rId10",
              type: "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
              target: "vbaProject.bin",
            },
          ]
        : []),
    ]),
    "xl/worksheets/sheet1.xml": sheets[0],
    "xl/worksheets/_rels/sheet1.xml.rels": rels([
      { id: "rId1", type: "drawing", target: "../drawings/drawing1.xml" },
      { id: "rId2", type: "vmlDrawing", target: "../drawings/vmlDrawing1.vml" },
      { id: "rId3", type: "comments", target: "../comments1.xml" },
      { id: "rId4", type: "printerSettings", target: "../printerSettings/printerSettings1.bin" },
    ]),
    "xl/worksheets/sheet2.xml": sheets[1],
    "xl/worksheets/_rels/sheet2.xml.rels": rels([
      { id: "rId1", type: "table", target: "../tables/table1.xml" },
      { id: "rId2", type: "table", target: "../tables/table2.xml" },
    ]),
    "xl/worksheets/sheet3.xml": sheets[2],
    "xl/worksheets/sheet4.xml": sheets[3],
    "xl/worksheets/_rels/sheet4.xml.rels": rels([
      { id: "rId1", type: "pivotTable", target: "../pivotTables/pivotTable1.xml" },
    ]),
    "xl/pivotTables/pivotTable1.xml": PIVOT_TABLE,
    "xl/pivotTables/_rels/pivotTable1.xml.rels": rels([
      {
        id: "rId1",
        type: "pivotCacheDefinition",
        target: "../pivotCache/pivotCacheDefinition1.xml",
      },
    ]),
    "xl/pivotCache/pivotCacheDefinition1.xml": PIVOT_CACHE,
    "xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels": rels([
      { id: "rId1", type: "pivotCacheRecords", target: "pivotCacheRecords1.xml" },
    ]),
    "xl/pivotCache/pivotCacheRecords1.xml": PIVOT_RECORDS,
    "xl/drawings/drawing1.xml": DRAWING,
    "xl/drawings/_rels/drawing1.xml.rels": rels([
      { id: "rId1", type: CHART_REL, target: "../charts/chart1.xml" },
    ]),
    "xl/charts/chart1.xml": CHART,
    "xl/drawings/vmlDrawing1.vml": VML,
    "xl/comments1.xml": COMMENTS,
    "xl/printerSettings/printerSettings1.bin": printer,
    "xl/tables/table1.xml": TABLE1,
    "xl/tables/table2.xml": TABLE2,
    "xl/externalLinks/externalLink1.xml": EXTERNAL_LINK,
    "xl/externalLinks/_rels/externalLink1.xml.rels": rels([
      {
        id: "rId1",
        type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath",
        target: "file:///C:/Data/Sumber.xlsx",
        external: true,
      },
    ]),
    "xl/styles.xml": STYLES,
    "xl/sharedStrings.xml": sharedStrings(sst),
  };
  if (macro) parts["xl/vbaProject.bin"] = vba;
  return parts;
}
