/**
 * workbook.xml level edits: which part holds which sheet (via workbook.xml.rels, never assuming
 * 'sheetN.xml'), the calcPr flag that makes Excel recalculate on load, and appending a new
 * worksheet (workbook.xml, its rels, content types, docProps/app.xml titles).
 */
import { CT, OoxmlPackage, PreserveError, REL } from "./package";
import {
  attrs,
  escapeAttr,
  escapeText,
  findElement,
  findElements,
  indexOfTag,
  NS,
  prefixOf,
  rootTag,
  setAttr,
} from "./xml";

export interface SheetEntry {
  name: string;
  sheetId: number;
  rId: string;
  /** Part name of the sheet, e.g. 'xl/worksheets/sheet1.xml'. */
  part: string;
  /** Relationship type: worksheet, chartsheet, dialogsheet... */
  type: string;
}

/** Refuse parts that bind SpreadsheetML to a prefix or use Strict OOXML: our edits assume neither. */
export function checkDefaultNamespace(xml: string, part: string): void {
  const root = rootTag(xml);
  if (!root)
    throw new PreserveError(
      `Bagian ${part} kosong atau rusak.`,
      `Part ${part} is empty or damaged.`
    );
  if (prefixOf(root.tag, NS.strictMain) !== undefined) {
    throw new PreserveError(
      `Bagian ${part} memakai format "Strict Open XML", yang belum didukung untuk ditulis. Simpan ulang sebagai "Excel Workbook (*.xlsx)" biasa.`,
      `Part ${part} uses "Strict Open XML", which cannot be written yet. Save it again as a regular "Excel Workbook (*.xlsx)".`
    );
  }
  if (root.name.includes(":") || prefixOf(root.tag, NS.main) !== "") {
    throw new PreserveError(
      `Bagian ${part} memakai awalan namespace (<${root.name}>) yang belum didukung untuk ditulis; berkas tidak diubah.`,
      `Part ${part} uses a namespace prefix (<${root.name}>) that cannot be written yet; the file was not changed.`
    );
  }
}

export function workbookSheets(pkg: OoxmlPackage): SheetEntry[] {
  const wbPart = pkg.workbookPart();
  const xml = pkg.text(wbPart);
  const root = rootTag(xml);
  const r = (root && prefixOf(root.tag, NS.rel)) || "r";
  const rels = new Map(pkg.rels(wbPart).map((x) => [x.id, x]));
  const sheets = findElement(xml, "sheets");
  if (!sheets) return [];
  return findElements(xml, "sheet", sheets.openEnd, sheets.end).map((el) => {
    const a = attrs(el.tag);
    const rel = rels.get(a[`${r}:id`] ?? "");
    return {
      name: a.name ?? "",
      sheetId: Number(a.sheetId),
      rId: a[`${r}:id`] ?? "",
      part: rel?.part ?? "",
      type: rel?.type ?? "",
    };
  });
}

/** Set fullCalcOnLoad="1" on <calcPr> (added after definedNames/externalReferences/sheets when missing). */
export function setFullCalcOnLoad(pkg: OoxmlPackage): void {
  const part = pkg.workbookPart();
  const xml = pkg.text(part);
  checkDefaultNamespace(xml, part);
  const calc = findElement(xml, "calcPr");
  if (calc) {
    if (attrs(calc.tag).fullCalcOnLoad === "1") return;
    pkg.setText(
      part,
      xml.slice(0, calc.start) + setAttr(calc.tag, "fullCalcOnLoad", "1") + xml.slice(calc.openEnd)
    );
    return;
  }
  const at = positionBefore(xml, WORKBOOK_AFTER_CALCPR);
  pkg.setText(part, `${xml.slice(0, at)}<calcPr fullCalcOnLoad="1"/>${xml.slice(at)}`);
}

/** CT_Workbook order: ... sheets, functionGroups, externalReferences, definedNames, calcPr, then these. */
const WORKBOOK_AFTER_CALCPR = [
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];

/** Where an element goes: before the first of `later` present, else before </workbook>. */
function positionBefore(xml: string, later: string[]): number {
  let at = -1;
  for (const n of later) {
    const i = indexOfTag(xml, n);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  return at < 0 ? xml.lastIndexOf("</workbook>") : at;
}

/** Sheet name as a formula reference: 'Evaluasi - IKU'. */
function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Add a defined name (inside <definedNames>, created after sheets / externalReferences when missing). */
function addDefinedName(xml: string, el: string): string {
  const dn = findElement(xml, "definedNames");
  if (dn && !dn.selfClosing)
    return (
      xml.slice(0, dn.end - "</definedNames>".length) +
      el +
      xml.slice(dn.end - "</definedNames>".length)
    );
  if (dn) return `${xml.slice(0, dn.start)}<definedNames>${el}</definedNames>${xml.slice(dn.end)}`;
  const at = positionBefore(xml, ["calcPr", ...WORKBOOK_AFTER_CALCPR]);
  return `${xml.slice(0, at)}<definedNames>${el}</definedNames>${xml.slice(at)}`;
}

/**
 * Append a worksheet part `xml` named `name` as the last sheet; returns its part name.
 * `printTitleRows` (1-based, inclusive) become the sheet's print titles.
 */
export function addWorksheet(
  pkg: OoxmlPackage,
  name: string,
  sheetXml: string,
  printTitleRows?: [number, number]
): string {
  const wbPart = pkg.workbookPart();
  let xml = pkg.text(wbPart);
  checkDefaultNamespace(xml, wbPart);
  const part = pkg.freeName("xl/worksheets/sheet#.xml");
  pkg.setText(part, sheetXml);
  pkg.ensureContentType(part, CT.worksheet);
  const rId = pkg.addRel(wbPart, REL.worksheet, part);
  const root = rootTag(xml);
  let r = root ? prefixOf(root.tag, NS.rel) : undefined;
  if (r === undefined || r === "") {
    r = "r";
    if (root)
      xml =
        xml.slice(0, root.start) +
        setAttr(root.tag, "xmlns:r", NS.rel) +
        xml.slice(root.start + root.tag.length);
  }
  const existing = workbookSheets(pkg);
  const maxId = Math.max(0, ...existing.map((s) => s.sheetId).filter(Number.isFinite));
  const el = `<sheet name="${escapeAttr(name)}" sheetId="${maxId + 1}" ${r}:id="${rId}"/>`;
  const close = xml.indexOf("</sheets>");
  if (close < 0)
    throw new PreserveError(
      `Daftar lembar di ${wbPart} tidak terbaca.`,
      `The sheet list in ${wbPart} cannot be read.`
    );
  xml = xml.slice(0, close) + el + xml.slice(close);
  pkg.setText(wbPart, xml);
  if (printTitleRows) {
    const [a, b] = printTitleRows;
    addSheetName(pkg, name, "_xlnm.Print_Titles", `$${a}:$${b}`);
  }
  addAppTitle(pkg, name);
  return part;
}

/**
 * A built-in name local to sheet `sheet`: `_xlnm.Print_Titles` over '$1:$2', or
 * `_xlnm._FilterDatabase` (hidden) over an autofilter's range, as Excel writes it beside the
 * sheet's <autoFilter> (LibreOffice drops an autofilter that has no such name).
 */
export function addSheetName(
  pkg: OoxmlPackage,
  sheet: string,
  name: string,
  ref: string,
  hidden = false
): void {
  const wbPart = pkg.workbookPart();
  const index = workbookSheets(pkg).findIndex((s) => s.name === sheet);
  if (index < 0)
    throw new PreserveError(
      `Lembar ${sheet} tidak ada di ${wbPart}.`,
      `Sheet ${sheet} is not in ${wbPart}.`
    );
  const el = `<definedName name="${escapeAttr(name)}" localSheetId="${index}"${hidden ? ' hidden="1"' : ""}>${escapeText(`${quoteSheet(sheet)}!${ref}`)}</definedName>`;
  pkg.setText(wbPart, addDefinedName(pkg.text(wbPart), el));
}

/**
 * docProps/app.xml lists sheet names (TitlesOfParts) counted per kind (HeadingPairs, worksheets
 * first). Add the new name after the last worksheet title; leave the part alone if its shape is
 * not the usual one (it is informational: Excel rewrites it on save).
 */
function addAppTitle(pkg: OoxmlPackage, name: string): void {
  const appRel = pkg.rels("").find((x) => x.type === REL.extendedProps && x.part);
  if (!appRel?.part || !pkg.has(appRel.part)) return;
  const xml = pkg.text(appRel.part);
  const hp =
    /<HeadingPairs>\s*<vt:vector size="(\d+)" baseType="variant">([\s\S]*?)<\/vt:vector>\s*<\/HeadingPairs>/.exec(
      xml
    );
  const tp =
    /<TitlesOfParts>\s*<vt:vector size="(\d+)" baseType="lpstr">([\s\S]*?)<\/vt:vector>\s*<\/TitlesOfParts>/.exec(
      xml
    );
  if (!hp || !tp) return;
  const pairs = [
    ...hp[2].matchAll(
      /<vt:variant>\s*<vt:lpstr>([^<]*)<\/vt:lpstr>\s*<\/vt:variant>\s*<vt:variant>\s*<vt:i4>(\d+)<\/vt:i4>\s*<\/vt:variant>/g
    ),
  ];
  if (pairs.length === 0 || pairs.length * 2 !== Number(hp[1])) return;
  const titles = [...tp[2].matchAll(/<vt:lpstr>[^<]*<\/vt:lpstr>|<vt:lpstr\/>/g)];
  if (titles.length !== Number(tp[1])) return;
  const sheetCount = Number(pairs[0][2]);
  // Insert the title after the worksheet titles (the first group).
  const before = titles[sheetCount - 1];
  const tpStart = tp.index + tp[0].indexOf(tp[2]);
  const insertAt = before ? tpStart + (before.index ?? 0) + before[0].length : tpStart;
  const hpStart = hp.index + hp[0].indexOf(hp[2]);
  const countStart =
    hpStart + (pairs[0].index ?? 0) + pairs[0][0].lastIndexOf(`<vt:i4>${pairs[0][2]}`) + 7;
  let out =
    xml.slice(0, insertAt) + `<vt:lpstr>${escapeText(name)}</vt:lpstr>` + xml.slice(insertAt);
  out =
    out.slice(0, countStart) + String(sheetCount + 1) + out.slice(countStart + pairs[0][2].length);
  const tpSize = out.indexOf(`<vt:vector size="${tp[1]}" baseType="lpstr">`);
  out =
    out.slice(0, tpSize) +
    `<vt:vector size="${titles.length + 1}" baseType="lpstr">` +
    out.slice(tpSize + `<vt:vector size="${tp[1]}" baseType="lpstr">`.length);
  pkg.setText(appRel.part, out);
}
