/**
 * A reading-only copy of a package for ExcelJS: only what the grids need (workbook, worksheets,
 * styles, shared strings, theme), renamed to the part names ExcelJS expects, relationship targets
 * made relative, and the sheet elements that point at dropped parts (drawings, tables, comments,
 * controls, extensions) removed. Quirks of other writers in those parts (LibreOffice tables without
 * tableStyleInfo, openpyxl drawings without the xdr: prefix, absolute targets) then cannot break
 * reading. Output is never made from this copy: the patcher works on the original bytes.
 */
import { strToU8, zipSync, type Zippable } from "fflate";
import { OoxmlPackage, relsXml } from "./package";
import { findElement } from "./xml";

const REL_T = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
const KEEP_SHEET_RELS = new Set([`${REL_T}hyperlink`]);

/** Remove every top-level `<name>...</name>` / `<name/>` element (unprefixed). */
function dropElement(xml: string, name: string): string {
  for (let el = findElement(xml, name); el; el = findElement(xml, name, el.start)) {
    xml = xml.slice(0, el.start) + xml.slice(el.end);
  }
  return xml;
}

/** Remove mc:AlternateContent blocks (controls, OLE objects and the like: nothing ExcelJS reads). */
function dropAlternateContent(xml: string, from: number): string {
  for (
    let i = xml.indexOf("<mc:AlternateContent", from);
    i >= 0;
    i = xml.indexOf("<mc:AlternateContent", i)
  ) {
    const close = xml.indexOf("</mc:AlternateContent>", i);
    if (close < 0) break;
    xml = xml.slice(0, i) + xml.slice(close + "</mc:AlternateContent>".length);
  }
  return xml;
}

function sanitiseSheet(xml: string): string {
  const sd = findElement(xml, "sheetData");
  const tailFrom = sd ? sd.end : 0;
  const head = xml.slice(0, tailFrom);
  let tail = xml.slice(tailFrom);
  for (const n of [
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "tableParts",
    "extLst",
    "webPublishItems",
  ]) {
    tail = dropElement(tail, n);
  }
  tail = dropAlternateContent(tail, 0);
  return head + tail;
}

function sanitiseWorkbook(xml: string, keepIds: Set<string>, relPrefix: string): string {
  for (const n of [
    "externalReferences",
    "pivotCaches",
    "extLst",
    "fileRecoveryPr",
    "webPublishObjects",
  ])
    xml = dropElement(xml, n);
  xml = dropAlternateContent(xml, 0);
  // Sheets whose part is not a worksheet (chart sheets, dialog sheets) are not read.
  return xml.replace(/<sheet\b[^>]*?\/>/g, (tag) => {
    const id = new RegExp(`\\b${relPrefix}:id="([^"]*)"`).exec(tag)?.[1];
    return id && keepIds.has(id) ? tag : "";
  });
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>';

/** The reading copy of `pkg` as .xlsx bytes. */
export function readingCopy(pkg: OoxmlPackage): Uint8Array {
  const wbPart = pkg.workbookPart();
  const out: Zippable = {
    "[Content_Types].xml": strToU8(CONTENT_TYPES),
    "_rels/.rels": strToU8(
      relsXml([{ id: "rId1", type: `${REL_T}officeDocument`, target: "xl/workbook.xml" }])
    ),
  };
  const wbRels: { id: string; type: string; target: string }[] = [];
  const keepSheets = new Set<string>();
  let n = 0;
  for (const rel of pkg.rels(wbPart)) {
    if (rel.external || !rel.part || !pkg.has(rel.part)) continue;
    const kind = rel.type.slice(rel.type.lastIndexOf("/") + 1);
    if (kind === "worksheet") {
      n++;
      const name = `sheet${n}.xml`;
      out[`xl/worksheets/${name}`] = strToU8(sanitiseSheet(pkg.text(rel.part)));
      const sheetRels = pkg.rels(rel.part).filter((r) => r.external && KEEP_SHEET_RELS.has(r.type));
      if (sheetRels.length)
        out[`xl/worksheets/_rels/${name}.rels`] = strToU8(
          relsXml(sheetRels.map((r) => ({ ...r, external: true })))
        );
      wbRels.push({ id: rel.id, type: rel.type, target: `worksheets/${name}` });
      keepSheets.add(rel.id);
    } else if (kind === "styles" || kind === "sharedStrings") {
      out[`xl/${kind}.xml`] = pkg.files[pkg.entry(rel.part) as string];
      wbRels.push({ id: rel.id, type: rel.type, target: `${kind}.xml` });
    } else if (kind === "theme" && !out["xl/theme/theme1.xml"]) {
      out["xl/theme/theme1.xml"] = pkg.files[pkg.entry(rel.part) as string];
      wbRels.push({ id: rel.id, type: rel.type, target: "theme/theme1.xml" });
    }
  }
  const wbXml = pkg.text(wbPart);
  const prefix =
    /xmlns:(\w+)="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships"/.exec(
      wbXml
    )?.[1] ?? "r";
  out["xl/workbook.xml"] = strToU8(sanitiseWorkbook(wbXml, keepSheets, prefix));
  out["xl/_rels/workbook.xml.rels"] = strToU8(relsXml(wbRels));
  // Stored, not compressed: the copy lives only in memory, for ExcelJS to read at once.
  return zipSync(out, { level: 0 });
}
