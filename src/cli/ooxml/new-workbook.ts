/**
 * A small workbook built from scratch with the package, styles and worksheet code the patcher
 * uses: content types, relationships, workbook.xml, a minimal styles.xml (looks are added with
 * Styles.derive), core properties, and plain worksheets (cells with formulas and cached values,
 * column widths, frozen top rows, an autofilter). For outputs such as the batch recap (--rekap),
 * which then need no ExcelJS (loading it alone cost ~0.5 s of CPU).
 */
import { OoxmlPackage, REL, relsXml } from "./package";
import { cellXml, type CellContent } from "./sheet";
import { Styles, type XfChange } from "./styles";
import { addSheetName, addWorksheet } from "./workbook";
import { escapeAttr, escapeText, NS } from "./xml";
import { cellAddress } from "../../core/engine/address";

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CORE_PROPERTIES =
  "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";

/** One cell: its content and cell format (0 or absent: the default). */
export interface NewCell extends CellContent {
  style?: number;
}

export interface NewSheet {
  /** Rows from row 1; a missing cell is left out, or written blank in the row's format if it has one. */
  rows: { cells: (NewCell | null | undefined)[]; style?: number }[];
  /** Columns from A: width in characters, and a format for the column's empty cells. */
  cols?: { width: number; style?: number }[];
  /** The number of top rows kept in view (frozen). */
  frozenRows?: number;
  /** An autofilter over this range, e.g. 'A1:O1' (the header row). */
  autoFilter?: string;
}

const colLetter = (c: number) => cellAddress(0, c).replace(/\d+$/, "");

/** The worksheet part for `sheet`. */
export function newSheetXml(sheet: NewSheet): string {
  const width = Math.max(1, sheet.cols?.length ?? 0, ...sheet.rows.map((r) => r.cells.length));
  const rows = sheet.rows.map((row, r) => {
    const cells: string[] = [];
    for (let c = 0; c < width; c++) {
      const cell = row.cells[c];
      const s = cell?.style ?? row.style ?? sheet.cols?.[c]?.style ?? 0;
      // A blank is written only where it carries a format (the blanks of a bold total row).
      if (!cell) {
        if (row.style) cells.push(cellXml(cellAddress(r, c), row.style, { value: null }));
      } else if (cell.value !== null || cell.formula !== undefined || s)
        cells.push(cellXml(cellAddress(r, c), s, cell));
    }
    const rs = row.style ? ` s="${row.style}" customFormat="1"` : "";
    return `<row r="${r + 1}"${rs}>${cells.join("")}</row>`;
  });
  const frozen = sheet.frozenRows ?? 0;
  const view = frozen
    ? `<sheetView tabSelected="1" workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${frozen + 1}" sqref="A${frozen + 1}"/></sheetView>`
    : '<sheetView tabSelected="1" workbookViewId="0"/>';
  const cols = (sheet.cols ?? [])
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${c.style ? ` style="${c.style}"` : ""} customWidth="1"/>`
    )
    .join("");
  return (
    DECL +
    `<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">` +
    `<dimension ref="A1:${colLetter(width - 1)}${Math.max(1, sheet.rows.length)}"/>` +
    `<sheetViews>${view}</sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : "") +
    `<sheetData>${rows.join("")}</sheetData>` +
    (sheet.autoFilter ? `<autoFilter ref="${escapeAttr(sheet.autoFilter)}"/>` : "") +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    "</worksheet>"
  );
}

/** '$A$1:$O$1' from 'A1:O1'. */
function absolute(ref: string): string {
  return ref.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
}

export class NewWorkbook {
  readonly pkg = new OoxmlPackage();
  readonly styles: Styles;

  constructor(o: { creator?: string; now?: Date } = {}) {
    const pkg = this.pkg;
    const when = (o.now ?? new Date()).toISOString().replace(/\.\d+Z$/, "Z");
    pkg.setText(
      "[Content_Types].xml",
      DECL +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        "</Types>"
    );
    pkg.setText(
      "_rels/.rels",
      relsXml([
        { id: "rId1", type: REL.officeDocument, target: "xl/workbook.xml" },
        { id: "rId2", type: CORE_PROPERTIES, target: "docProps/core.xml" },
      ])
    );
    pkg.setText(
      "docProps/core.xml",
      DECL +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        (o.creator ? `<dc:creator>${escapeText(o.creator)}</dc:creator>` : "") +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
        "</cp:coreProperties>"
    );
    // <sheets> stays empty until addSheet: a workbook needs at least one sheet to be valid.
    pkg.setText(
      "xl/workbook.xml",
      DECL +
        `<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}">` +
        '<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="16000" windowHeight="9000"/></bookViews>' +
        '<sheets></sheets><calcPr calcId="171027"/></workbook>'
    );
    pkg.setText(
      "xl/_rels/workbook.xml.rels",
      relsXml([{ id: "rId1", type: REL.styles, target: "styles.xml" }])
    );
    // Font 0 names its face and size (no theme part to refer to); xf 0 is the default format.
    pkg.setText(
      "xl/styles.xml",
      DECL +
        `<styleSheet xmlns="${NS.main}">` +
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
        '<dxfs count="0"/><tableStyles count="0"/>' +
        "</styleSheet>"
    );
    this.styles = Styles.open(pkg) as Styles;
  }

  /** A cell format: the default one with `change` applied (the same change gives the same index). */
  style(change: XfChange): number {
    return Object.keys(change).length ? this.styles.derive(0, change) : 0;
  }

  /** Append a worksheet named `name` (an autofilter also gets its _xlnm._FilterDatabase name). */
  addSheet(name: string, sheet: NewSheet): void {
    addWorksheet(this.pkg, name, newSheetXml(sheet));
    if (sheet.autoFilter)
      addSheetName(this.pkg, name, "_xlnm._FilterDatabase", absolute(sheet.autoFilter), true);
  }

  /** The .xlsx bytes. */
  toBytes(): Uint8Array {
    this.styles.save();
    return this.pkg.toBytes();
  }
}
