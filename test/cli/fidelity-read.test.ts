/**
 * Packages from other writers read without error, and the patcher's sheet edits are exact:
 * a LibreOffice-style table without tableStyleInfo, an openpyxl-style package (drawing without the
 * xdr: prefix, absolute relationship targets, its own comment part names), `monev portable` over a
 * package with a chart, and SheetXml on the XML shapes writers produce (self-closing rows, rows and
 * cells without r, shared and array formulas, prefixed elements).
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { strFromU8 } from "fflate";
import { evaluateFile } from "../../src/cli/evaluate";
import type { CliError } from "../../src/cli/exit";
import { PreserveError } from "../../src/cli/ooxml/package";
import { SheetXml } from "../../src/cli/ooxml/sheet";
import { cmdPortable } from "../../src/cli/portable";
import {
  contentTypes,
  CT,
  NS_MAIN,
  NS_R,
  Parts,
  readCells,
  rels,
  sharedStrings,
  sheetData,
  STYLES,
  unzipParts,
  worksheet,
  XML_HEAD,
  zipParts,
} from "../helpers/ooxml-package";
import { indicatorGrid } from "./fidelity-workbook";
import { tmpDir } from "./run-cli";

const quiet = { step: () => undefined, done: () => undefined };
const dir = tmpDir("monev-fidelity-read-");

function unchangedExcept(a: Record<string, Uint8Array>, b: Record<string, Uint8Array>): string[] {
  return Object.keys(a)
    .filter((k) => !b[k] || Buffer.compare(Buffer.from(a[k]), Buffer.from(b[k])) !== 0)
    .sort();
}

/** A workbook with one table sheet plus whatever `extra` parts and sheet tail the test adds. */
function basic(opts: {
  tail?: string;
  sheetRels?: string;
  extra?: Record<string, string | Uint8Array>;
  overrides?: Record<string, string>;
  absolute?: boolean;
}): Parts {
  const sst: string[] = [];
  const body = sheetData(indicatorGrid("IKU"), sst);
  const abs = opts.absolute ? "/xl/" : "";
  return {
    "[Content_Types].xml": contentTypes(
      {
        "/xl/workbook.xml": CT.workbook,
        "/xl/worksheets/sheet1.xml": CT.worksheet,
        "/xl/styles.xml": CT.styles,
        "/xl/sharedStrings.xml": CT.sst,
        ...(opts.overrides ?? {}),
      },
      { png: "image/png", vml: CT.vml }
    ),
    "_rels/.rels": rels([
      {
        id: "rId1",
        type: "officeDocument",
        target: opts.absolute ? "/xl/workbook.xml" : "xl/workbook.xml",
      },
    ]),
    "xl/workbook.xml": `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_R}"><sheets><sheet name="IKU" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": rels([
      { id: "rId1", type: "worksheet", target: `${abs}worksheets/sheet1.xml` },
      { id: "rId2", type: "styles", target: `${abs}styles.xml` },
      { id: "rId3", type: "sharedStrings", target: `${abs}sharedStrings.xml` },
    ]),
    "xl/worksheets/sheet1.xml": worksheet(
      `<dimension ref="A1:D4"/>${body}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${opts.tail ?? ""}`
    ),
    ...(opts.sheetRels ? { "xl/worksheets/_rels/sheet1.xml.rels": opts.sheetRels } : {}),
    "xl/styles.xml": STYLES,
    "xl/sharedStrings.xml": sharedStrings(sst),
    ...(opts.extra ?? {}),
  };
}

describe("reading packages of other writers", () => {
  test("LibreOffice-style table without tableStyleInfo: an ExcelJS round trip fails, evaluate reads and keeps the table", async () => {
    const table =
      `${XML_HEAD}<table xmlns="${NS_MAIN}" id="1" name="Tabel1" displayName="Tabel1" ref="A1:D4" headerRowCount="1" totalsRowCount="0" totalsRowShown="0">` +
      '<autoFilter ref="A1:D4"/><tableColumns count="4"><tableColumn id="1" name="No"/><tableColumn id="2" name="Indikator"/><tableColumn id="3" name="Target"/><tableColumn id="4" name="Realisasi"/></tableColumns></table>';
    const input = path.join(dir, "libreoffice.xlsx");
    const parts = basic({
      tail: '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>',
      sheetRels: rels([{ id: "rId1", type: "table", target: "../tables/table1.xml" }]),
      extra: { "xl/tables/table1.xml": table },
      overrides: { "/xl/tables/table1.xml": CT.table },
    });
    fs.writeFileSync(input, zipParts(parts));
    // The old round trip through ExcelJS fails on this table ("reading 'theme'").
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(input) as unknown as ArrayBuffer);
    await expect(wb.xlsx.writeBuffer()).rejects.toThrow(/theme/);
    const output = path.join(dir, "libreoffice-hasil.xlsx");
    const r = await evaluateFile(input, output, {}, quiet);
    expect(r.cellsWritten).toBe(6);
    const changed = unchangedExcept(
      unzipParts(fs.readFileSync(input)),
      unzipParts(fs.readFileSync(output))
    );
    // The note on E3 adds a comments part and a VML drawing (registered in content types and rels).
    expect(changed).toEqual([
      "[Content_Types].xml",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/_rels/sheet1.xml.rels",
      "xl/worksheets/sheet1.xml",
    ]);
  });

  test("openpyxl-style package: unprefixed drawing, absolute targets, comments/comment1.xml", async () => {
    const drawing =
      `${XML_HEAD}<wsDr xmlns="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"><oneCellAnchor><from><col>8</col><colOff>0</colOff><row>1</row><rowOff>0</rowOff></from>` +
      '<ext cx="952500" cy="952500"/><pic><nvPicPr><cNvPr id="1" name="Image 1"/><cNvPicPr/></nvPicPr><blipFill><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
      `xmlns:r="${NS_R}" r:embed="rId1"/><a:stretch xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:fillRect/></a:stretch></blipFill><spPr><a:prstGeom xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" prst="rect"/></spPr></pic><clientData/></oneCellAnchor></wsDr>`;
    const comments = `${XML_HEAD}<comments xmlns="${NS_MAIN}"><authors><author>openpyxl</author></authors><commentList><comment ref="B3" authorId="0" shapeId="0"><text><t>Dicek</t></text></comment></commentList></comments>`;
    const vml =
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>' +
      '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
      '<v:shape id="_x0000_s1025" type="#_x0000_t202" style="position:absolute;width:108pt;height:59.25pt;z-index:1;visibility:hidden" fillcolor="#ffffe1"><v:textbox/><x:ClientData ObjectType="Note"><x:Row>2</x:Row><x:Column>1</x:Column></x:ClientData></v:shape></xml>';
    const png = Uint8Array.from(
      Buffer.from(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
        "base64"
      )
    );
    const input = path.join(dir, "openpyxl.xlsx");
    fs.writeFileSync(
      input,
      zipParts(
        basic({
          absolute: true,
          tail: '<drawing r:id="rId1"/><legacyDrawing r:id="anysvml"/>',
          sheetRels: rels([
            { id: "rId1", type: "drawing", target: "/xl/drawings/drawing1.xml" },
            { id: "comments", type: "comments", target: "/xl/comments/comment1.xml" },
            { id: "anysvml", type: "vmlDrawing", target: "/xl/drawings/commentsDrawing1.vml" },
          ]),
          extra: {
            "xl/drawings/drawing1.xml": drawing,
            "xl/drawings/_rels/drawing1.xml.rels": rels([
              { id: "rId1", type: "image", target: "/xl/media/image1.png" },
            ]),
            "xl/media/image1.png": png,
            "xl/comments/comment1.xml": comments,
            "xl/drawings/commentsDrawing1.vml": vml,
          },
          overrides: {
            "/xl/drawings/drawing1.xml": CT.drawing,
            "/xl/comments/comment1.xml": CT.comments,
          },
        })
      )
    );
    // ExcelJS alone cannot read this package (the unprefixed drawing, the absolute targets).
    await expect(
      new ExcelJS.Workbook().xlsx.load(fs.readFileSync(input) as unknown as ArrayBuffer)
    ).rejects.toThrow();
    const output = path.join(dir, "openpyxl-hasil.xlsx");
    const r = await evaluateFile(input, output, {}, quiet);
    expect(r.cellsWritten).toBe(6);
    const before = unzipParts(fs.readFileSync(input));
    const after = unzipParts(fs.readFileSync(output));
    expect(unchangedExcept(before, after)).toEqual([
      "xl/comments/comment1.xml",
      "xl/drawings/commentsDrawing1.vml",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
    ]);
    const c = strFromU8(after["xl/comments/comment1.xml"]);
    expect(c).toContain("<authors><author>openpyxl</author><author>Monev</author></authors>");
    expect(c).toContain(
      '<comment ref="B3" authorId="0" shapeId="0"><text><t>Dicek</t></text></comment><comment ref="E3" authorId="1">'
    );
    // The sheet keeps its drawing and legacy drawing references as they were.
    expect(strFromU8(after["xl/worksheets/sheet1.xml"])).toContain(
      '<drawing r:id="rId1"/><legacyDrawing r:id="anysvml"/>'
    );
  });
});

describe("monev portable patches the package", () => {
  test("a MONEV formula becomes native; the chart and every other part stay byte-identical", async () => {
    const sst: string[] = [];
    const grid = indicatorGrid("IKU");
    const body = sheetData(grid, sst, {
      E2: '<c r="E2" s="3"><f>MONEV.CAPAIAN(C2,D2)</f><v>80</v></c>',
    });
    const parts = {
      ...basic({}),
      "xl/worksheets/sheet1.xml": worksheet(
        `<dimension ref="A1:E4"/>${body}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/>`
      ),
      "xl/worksheets/_rels/sheet1.xml.rels": rels([
        { id: "rId1", type: "drawing", target: "../drawings/drawing1.xml" },
      ]),
      "xl/drawings/drawing1.xml": `${XML_HEAD}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"/>`,
      "xl/sharedStrings.xml": sharedStrings(sst),
    };
    const input = path.join(dir, "monev-rumus.xlsx");
    fs.writeFileSync(input, zipParts(parts));
    const output = path.join(dir, "monev-rumus-portabel.xlsx");
    const write = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      expect(await cmdPortable(input, { output })).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    const before = unzipParts(fs.readFileSync(input));
    const after = unzipParts(fs.readFileSync(output));
    expect(unchangedExcept(before, after)).toEqual(["xl/workbook.xml", "xl/worksheets/sheet1.xml"]);
    const e2 = readCells(strFromU8(after["xl/worksheets/sheet1.xml"])).get("E2");
    expect(e2?.f).not.toMatch(/MONEV/);
    expect(e2?.s).toBe("3");
    expect(Number(e2?.v)).toBe(80);
  });
});

describe("SheetXml", () => {
  const ws = (data: string, tail = "") =>
    `<worksheet xmlns="${NS_MAIN}"><dimension ref="A1:B2"/>${data}${tail}</worksheet>`;

  test("inserts into self-closing rows, rows without r and cells without r, in order", () => {
    const sx = new SheetXml(
      ws(
        '<sheetData><row r="1"><c><v>1</v></c><c><v>2</v></c></row><row/><row r="5" spans="1:1" ht="20" customHeight="1"/></sheetData>'
      ),
      "s"
    );
    sx.set(0, 3, 0, { value: 4 });
    sx.set(4, 1, 7, { formula: "A1*2", value: 2 });
    sx.set(2, 0, 0, { value: "x" });
    const out = sx.toString();
    expect(out).toContain(
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="D1"><v>4</v></c></row><row r="2"/><row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c></row>'
    );
    expect(out).toContain(
      '<row r="5" spans="1:2" ht="20" customHeight="1"><c r="B5" s="7"><f>A1*2</f><v>2</v></c></row>'
    );
    expect(out).toContain('<dimension ref="A1:D5"/>');
  });

  test("row and column default styles of cells not yet in the XML", () => {
    const sx = new SheetXml(
      `<worksheet xmlns="${NS_MAIN}"><cols><col min="2" max="4" width="9" style="5" customWidth="1"/></cols><sheetData><row r="2" s="6" customFormat="1"/></sheetData></worksheet>`,
      "s"
    );
    expect([sx.colStyle(0), sx.colStyle(1), sx.colStyle(3), sx.colStyle(4)]).toEqual([0, 5, 5, 0]);
    expect([sx.rowStyle(0), sx.rowStyle(1)]).toEqual([0, 6]);
  });

  test("empty sheetData, text/boolean/error cached values, escaping", () => {
    const sx = new SheetXml(ws("<sheetData/>"), "s");
    sx.set(0, 0, 0, { formula: 'IF(A2<1,"a&b","")', value: "a&b" });
    sx.set(0, 1, 0, { formula: "1/0", value: "#DIV/0!" });
    sx.set(0, 2, 0, { formula: "TRUE()", value: true });
    expect(sx.toString()).toContain(
      '<sheetData><row r="1"><c r="A1" t="str"><f>IF(A2&lt;1,"a&amp;b","")</f><v>a&amp;b</v></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C1" t="b"><f>TRUE()</f><v>1</v></c></row></sheetData>'
    );
  });

  test("replacing a shared-formula master gives the other cells of the group their own formula", () => {
    const sx = new SheetXml(
      ws(
        '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row><row r="2"><c r="B2"><f t="shared" si="0"/><v>4</v></c></row><row r="3"><c r="B3"><f t="shared" si="0"/><v>6</v></c></row></sheetData>'
      ),
      "s"
    );
    sx.set(0, 1, 0, { value: 9 });
    const out = sx.toString();
    expect(out).toContain('<c r="B1"><v>9</v></c>');
    expect(out).toContain('<c r="B2"><f>A2*2</f><v>4</v></c>');
    expect(out).toContain('<c r="B3"><f>A3*2</f><v>6</v></c>');
  });

  test("refuses cells inside an array formula, prefixed worksheets and prefixed cells", () => {
    const sx = new SheetXml(
      ws(
        '<sheetData><row r="1"><c r="A1"><f t="array" ref="A1:A3">SORT(B1:B3)</f><v>1</v></c></row></sheetData>'
      ),
      "s"
    );
    expect(() => sx.set(1, 0, 0, { value: 1 })).toThrow(PreserveError);
    expect(
      () => new SheetXml(`<x:worksheet xmlns:x="${NS_MAIN}"><x:sheetData/></x:worksheet>`, "s")
    ).toThrow(PreserveError);
    const px = new SheetXml(
      `<worksheet xmlns="${NS_MAIN}" xmlns:x="${NS_MAIN}"><sheetData><row r="1"><x:c r="A1"><x:v>1</x:v></x:c></row></sheetData></worksheet>`,
      "s"
    );
    px.set(0, 1, 0, { value: 1 });
    expect(() => px.toString()).toThrow(PreserveError);
  });

  test("top-level elements go to their schema position, before an mc:AlternateContent wrapper", () => {
    const sx = new SheetXml(
      ws(
        "<sheetData/>",
        '<pageMargins left="1"/><mc:AlternateContent xmlns:mc="x"><mc:Choice Requires="x14"><controls/></mc:Choice></mc:AlternateContent><tableParts count="0"/>'
      ),
      "s"
    );
    sx.insertElement("conditionalFormatting", "<conditionalFormatting/>");
    sx.insertElement("legacyDrawing", '<legacyDrawing r:id="rId9"/>');
    expect(sx.toString()).toContain(
      '<sheetData/><conditionalFormatting/><pageMargins left="1"/><legacyDrawing r:id="rId9"/><mc:AlternateContent'
    );
  });
});

test("a formula replaced by a value (--overwrite) drops calcChain.xml, and says so", async () => {
  const parts = basic({
    overrides: {
      "/xl/calcChain.xml":
        "application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml",
    },
  });
  parts["xl/worksheets/sheet1.xml"] = (parts["xl/worksheets/sheet1.xml"] as string).replace(
    /(<c r="D3"[^>]*>.*?<\/c>)/,
    '$1<c r="E3"><f>D3/C3*100</f><v>0</v></c>'
  );
  parts["xl/calcChain.xml"] =
    `${XML_HEAD}<calcChain xmlns="${NS_MAIN}"><c r="E3" i="1"/></calcChain>`;
  parts["xl/_rels/workbook.xml.rels"] = (parts["xl/_rels/workbook.xml.rels"] as string).replace(
    "</Relationships>",
    `<Relationship Id="rId9" Type="${NS_R}/calcChain" Target="calcChain.xml"/></Relationships>`
  );
  const input = path.join(dir, "calcchain.xlsx");
  fs.writeFileSync(input, zipParts(parts));
  const output = path.join(dir, "calcchain-hasil.xlsx");
  const r = await evaluateFile(input, output, { overwrite: true }, quiet);
  expect(r.writes.find((w) => w.address === "E3")?.formula).toBeUndefined();
  const after = unzipParts(fs.readFileSync(output));
  expect(after["xl/calcChain.xml"]).toBeUndefined();
  expect(strFromU8(after["xl/_rels/workbook.xml.rels"])).not.toContain("calcChain");
  expect(strFromU8(after["[Content_Types].xml"])).not.toContain("calcChain");
  expect(r.messages.join("\n")).toMatch(/calcChain\.xml .* dihapus/);
});

test("an unsupported part is refused with a message naming it (no output)", async () => {
  const parts = basic({});
  // An array formula over cells the plan writes (with --overwrite): Monev must not write into it.
  parts["xl/worksheets/sheet1.xml"] = (parts["xl/worksheets/sheet1.xml"] as string)
    .replace(
      /(<c r="D2"[^>]*>.*?<\/c>)/,
      '$1<c r="E2"><f t="array" ref="E2:E3">C2:C3</f><v>10</v></c>'
    )
    .replace(/(<c r="D3"[^>]*>.*?<\/c>)/, '$1<c r="E3"><v>100</v></c>');
  const input = path.join(dir, "array.xlsx");
  fs.writeFileSync(input, zipParts(parts));
  const output = path.join(dir, "array-hasil.xlsx");
  let err: CliError | undefined;
  try {
    await evaluateFile(input, output, { overwrite: true }, quiet);
  } catch (e) {
    err = e as CliError;
  }
  expect(err?.exitCode).toBe(2);
  expect(err?.message).toMatch(
    /rumus array E2:E3.*xl\/worksheets\/sheet1\.xml|xl\/worksheets\/sheet1\.xml.*rumus array E2:E3/
  );
  expect(fs.existsSync(output)).toBe(false);
});
