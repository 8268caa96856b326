/**
 * SheetXml (src/cli/ooxml/sheet.ts) on small parts: the exact bytes it writes.
 */
import { SheetXml } from "../../src/cli/ooxml/sheet";
import { NS_MAIN, NS_R, XML_HEAD } from "../helpers/ooxml-package";

const PART = "xl/worksheets/sheet1.xml";
const MARGINS =
  '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';

function part(root: string, rows: string, tail = MARGINS): string {
  return `${XML_HEAD}<worksheet ${root}><dimension ref="A1:B2"/><sheetData>${rows}</sheetData>${tail}</worksheet>`;
}

describe("SheetXml", () => {
  it("declares the relationships prefix after the queued cells are written (a root without xmlns:r)", () => {
    const rows =
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c></row>';
    const sx = new SheetXml(part(`xmlns="${NS_MAIN}"`, rows), PART);
    // Reading a cell indexes the rows; declaring the prefix then moves all of them.
    expect(sx.cell(1, 0)).toEqual({ s: 0, hasFormula: false, hasValue: true });
    sx.set(1, 1, 0, { value: 5 });
    const prefix = sx.relPrefix();
    sx.insertElement("legacyDrawing", `<legacyDrawing ${prefix}:id="rId1"/>`);
    expect(prefix).toBe("r");
    expect(sx.toString()).toBe(
      part(
        `xmlns="${NS_MAIN}" xmlns:r="${NS_R}"`,
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c><c r="B2"><v>5</v></c></row>',
        `${MARGINS}<legacyDrawing r:id="rId1"/>`
      )
    );
  });

  it("counts conditional-format priorities outside and, when named there, inside <sheetData>", () => {
    const cf =
      '<conditionalFormatting sqref="A1"><cfRule type="expression" priority="4"><formula>1</formula></cfRule></conditionalFormatting>';
    const plain = new SheetXml(
      part(`xmlns="${NS_MAIN}"`, '<row r="1"><c r="A1"><v>1</v></c></row>', cf + MARGINS),
      PART
    );
    expect(plain.maxPriority()).toBe(4);
    plain.set(0, 1, 0, { value: "cfRule" });
    plain.insertElement("conditionalFormatting", cf.replace('priority="4"', 'priority="5"'));
    expect(plain.maxPriority()).toBe(5);
    // A (nonsensical) rule tag inside a cell's extLst still counts, as a scan of the whole part does.
    const odd = new SheetXml(
      part(
        `xmlns="${NS_MAIN}"`,
        '<row r="1"><c r="A1"><v>1</v><extLst><cfRule priority="9"/></extLst></c></row>'
      ),
      PART
    );
    expect(odd.maxPriority()).toBe(9);
  });
});
