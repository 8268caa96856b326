/**
 * The direct reader (src/cli/ooxml/grid-read.ts) must give exactly the grids of the ExcelJS path:
 * every sample workbook, the kitchen-sink package and a package of reading corner cases (rich and
 * phonetic shared strings, `_xHHHH_` escapes, dates from number formats with escapes, text, boolean
 * and error results in date cells, shared formulas, merges over values, protection, date1904).
 * What it does not read the same way (hyperlinks, rich inline strings...) goes to ExcelJS.
 */
import * as fs from "fs";
import * as path from "path";
import { readGridsDirect } from "../../src/cli/ooxml/grid-read";
import { OoxmlPackage } from "../../src/cli/ooxml/package";
import { readWorkbookGrids } from "../../src/cli/xlsx";
import { kitchenSink } from "./fidelity-workbook";
import {
  contentTypes,
  CT,
  NS_MAIN,
  rels,
  worksheet,
  XML_HEAD,
  zipParts,
} from "../helpers/ooxml-package";
import { tmpDir } from "./run-cli";

const ROOT = path.resolve(__dirname, "../..");
const dir = tmpDir("monev-grid-read-");

async function both(file: string) {
  const viaExcelJS = (await readWorkbookGrids(file, { viaExcelJS: true })).grids;
  const direct = readGridsDirect(new OoxmlPackage(fs.readFileSync(file)));
  const chosen = (await readWorkbookGrids(file)).grids;
  return { viaExcelJS, direct, chosen };
}

const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="dd\\/mm\\/yyyy"/></numFmts>' +
  '<fonts count="3"><font><sz val="11"/></font><font><b/><sz val="11"/></font><font><b val="0"/><sz val="11"/></font></fonts>' +
  '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
  '<borders count="2"><border/><border><left style="thin"/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="1" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="7"><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  "</styleSheet>";

const SST =
  `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="6" uniqueCount="6">` +
  "<si><t>Indikator</t></si>" +
  '<si><r><t>Tar</t></r><r><rPr><b/></rPr><t xml:space="preserve">get </t></r></si>' +
  '<si><t>Real_x000D_isasi &amp; &#x41;&lt;</t><rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="0"/></si>' +
  "<si><t></t></si>" +
  '<si><r><t>Capaian</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>' +
  "<si><t>Predikat\r\nAkhir</t></si>" +
  "</sst>";

const DATA_ROWS =
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>' +
  '<c r="D1" t="inlineStr"><is><t xml:space="preserve"> Capaian </t></is></c><c r="E1" s="0" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>' +
  '<row r="2" spans="1:12"><c r="A2" s="3"><v>5.25</v></c><c r="B2" s="4"><v>45000</v></c><c r="C2" t="b"><v>1</v></c>' +
  '<c r="D2" t="e"><v>#N/A</v></c><c r="E2" t="str"><v>a &amp;amp; b</v></c><c r="F2" s="4"><f>B2+1</f><v>45001</v></c>' +
  '<c r="G2" s="4" t="str"><f>"Per "&amp;"Juni"</f><v>Per Juni</v></c><c r="H2" s="6" t="b"><f>TRUE()</f><v>1</v></c>' +
  '<c r="I2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="J2" s="5"><v>3</v></c><c r="K2" s="2"/><c r="L2"><f>=A2*2</f><v>10.5</v></c></row>' +
  '<row r="3"><c  r="A3"\n><f t="shared" ref="A3:A5" si="0">B$2*2+A2</f><v>1</v></c><c r="B3" s="6"><v>0</v></c><c r="C3"><v>1e3</v></c></row>' +
  '<row r="4"><c r="A4"><f t="shared" si="0"/><v>2</v></c><c r="C4" s="1" t="s"><v>3</v></c><c r="D4" t="s"><v>0</v></c><c r="E4"><v>9</v></c></row>' +
  '<row r="5" customFormat="1" s="1"><c r="A5"><f t="shared" si="0"/><v>3</v></c><c r="B5"><f t="shared" si="7"/><v>4</v></c><c r="E5"><v>7</v></c>' +
  '<c r="F5"><f></f><v>8</v></c><c r="G5"><v></v></c></row>' +
  '<row r="6"/>';

function cornerCases(opts: { date1904?: boolean; extraData?: string; after?: string } = {}) {
  return zipParts({
    "[Content_Types].xml": contentTypes({
      "/xl/workbook.xml": CT.workbook,
      "/xl/worksheets/sheet1.xml": CT.worksheet,
      "/xl/worksheets/sheet2.xml": CT.worksheet,
      "/xl/styles.xml": CT.styles,
      "/xl/sharedStrings.xml": CT.sst,
    }),
    "_rels/.rels": rels([{ id: "rId1", type: "officeDocument", target: "xl/workbook.xml" }]),
    "xl/workbook.xml":
      `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
      `<workbookPr${opts.date1904 ? ' date1904="1"' : ""}/>` +
      '<sheets><sheet name="Kunci &amp; Data" sheetId="3" r:id="rId2"/><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": rels([
      { id: "rId1", type: "worksheet", target: "worksheets/sheet1.xml" },
      { id: "rId2", type: "worksheet", target: "/xl/worksheets/sheet2.xml" },
      { id: "rId3", type: "styles", target: "styles.xml" },
      { id: "rId4", type: "sharedStrings", target: "sharedStrings.xml" },
    ]),
    "xl/worksheets/sheet1.xml": worksheet(
      `<dimension ref="A1:L6"/><sheetData>${DATA_ROWS}${opts.extraData ?? ""}</sheetData>` +
        '<mergeCells count="2"><mergeCell ref="D4:E5"/><mergeCell ref="H3:I3"/></mergeCells>' +
        (opts.after ?? "")
    ),
    "xl/worksheets/sheet2.xml": worksheet(
      '<sheetData><row r="2"><c r="B2" t="s"><v>0</v></c></row></sheetData>' +
        '<sheetProtection sheet="0" objects="1"/>'
    ),
    "xl/styles.xml": STYLES,
    "xl/sharedStrings.xml": SST,
  });
}

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe("direct grid reading gives the ExcelJS grids", () => {
  const samples = fs
    .readdirSync(path.join(ROOT, "samples"))
    .filter((f) => f.endsWith(".xlsx"))
    .map((f) => path.join(ROOT, "samples", f));

  test.each(samples.map((f) => [path.basename(f), f]))("sample %s", async (_n, file) => {
    const { viaExcelJS, direct, chosen } = await both(file);
    expect(direct).not.toBeNull();
    expect(direct).toEqual(viaExcelJS);
    expect(chosen).toEqual(viaExcelJS);
  });

  test("the kitchen-sink package (.xlsm and .xlsx)", async () => {
    for (const macro of [true, false]) {
      const file = write(`sink${macro ? ".xlsm" : ".xlsx"}`, zipParts(kitchenSink(macro)));
      const { viaExcelJS, direct } = await both(file);
      expect(direct).not.toBeNull();
      expect(direct).toEqual(viaExcelJS);
    }
  });

  test("corner cases of values, styles, formulas, merges and protection", async () => {
    const file = write("corners.xlsx", cornerCases());
    const { viaExcelJS, direct } = await both(file);
    expect(direct).not.toBeNull();
    expect(direct).toEqual(viaExcelJS);
    // A few of the facts the comparison covers, stated plainly.
    const [locked, data] = direct!;
    expect(locked).toMatchObject({ name: "Kunci & Data", protected: true });
    const c = data.cells;
    expect(c[0][1]).toEqual({ value: "Target ", bold: true });
    expect(c[0][2]).toEqual({ value: "Real\risasi & A<" });
    expect(c[0][5]).toEqual({ value: "Predikat\nAkhir" });
    expect(c[1][1]).toEqual({ value: new Date(Date.UTC(2023, 2, 15)), numFmt: "dd/mm/yyyy" });
    expect(c[1][4]).toEqual({ value: "a & b" });
    expect(c[1][6]).toEqual({ value: null, formula: '"Per "&"Juni"', numFmt: "dd/mm/yyyy" });
    expect(c[1][9]).toEqual({ value: 3, bold: true });
    expect(c[1][11]).toEqual({ value: 10.5, formula: "A2*2" });
    expect(c[3][0]).toEqual({ value: 2, formula: "B$2*2+A3" });
    expect(c[4][4]).toBeUndefined(); // E5: inside the merge D4:E5
    expect(c[4][1]).toEqual({ value: 4 }); // a shared formula without its master: its value
  });

  test("date1904 workbooks", async () => {
    const file = write("corners-1904.xlsx", cornerCases({ date1904: true }));
    const { viaExcelJS, direct } = await both(file);
    expect(direct).not.toBeNull();
    expect(direct).toEqual(viaExcelJS);
  });

  test.each([
    ["hyperlinks", { after: '<hyperlinks><hyperlink ref="A2" location="Data!A1"/></hyperlinks>' }],
    [
      "a rich inline string",
      { extraData: '<row r="9"><c r="A9" t="inlineStr"><is><r><t>a</t></r></is></c></row>' },
    ],
    ["a date cell type", { extraData: '<row r="9"><c r="A9" t="d"><v>2024-01-01</v></c></row>' }],
    ["a cell without address", { extraData: '<row r="9"><c t="s"><v>0</v></c></row>' }],
    ["an unknown entity", { extraData: '<row r="9"><c r="A9" t="str"><v>&nbsp;</v></c></row>' }],
  ])("%s: read through ExcelJS", async (_n, opts) => {
    const file = write("fallback.xlsx", cornerCases(opts));
    const direct = readGridsDirect(new OoxmlPackage(fs.readFileSync(file)));
    expect(direct).toBeNull();
    // The ExcelJS path decides, whether it reads the file or reports it damaged.
    const viaExcelJS = await readWorkbookGrids(file, { viaExcelJS: true }).then(
      (r) => r.grids,
      (e: Error) => e.message
    );
    const chosen = await readWorkbookGrids(file).then(
      (r) => r.grids,
      (e: Error) => e.message
    );
    expect(chosen).toEqual(viaExcelJS);
  });
});
