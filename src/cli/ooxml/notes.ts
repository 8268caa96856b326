/**
 * Cell notes (legacy comments): xl/commentsN.xml holds the text, a VML drawing holds the yellow
 * box Excel shows. When the sheet already has them, ours are appended (existing authors and
 * comments keep their bytes); otherwise both parts are created with their rels, content types and
 * the sheet's <legacyDrawing>. A cell that already has a comment keeps it: no second one is added.
 */
import { cellAddress } from "../../core/engine/address";
import { CT, OoxmlPackage, PreserveError, REL } from "./package";
import { SheetXml } from "./sheet";
import { attrs, escapeText, findElement, findElements, prefixOf, rootTag, setAttr } from "./xml";
import { checkDefaultNamespace } from "./workbook";

export interface Note {
  row: number;
  col: number;
  text: string;
}

const AUTHOR = "Monev";
/** Run properties Excel gives note text (readers such as ExcelJS only read text inside runs). */
const RUN_PR =
  '<rPr><sz val="9"/><color indexed="81"/><rFont val="Tahoma"/><family val="2"/></rPr>';
const VML_NS = {
  v: "urn:schemas-microsoft-com:vml",
  o: "urn:schemas-microsoft-com:office:office",
  x: "urn:schemas-microsoft-com:office:excel",
};
const SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function vmlShape(id: number, row: number, col: number, z: number): string {
  const anchor = `${col + 1}, 15, ${Math.max(0, row - 1)}, 10, ${col + 3}, 15, ${row + 3}, 4`;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;` +
    `width:150pt;height:60pt;z-index:${z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
  );
}

/** Shape ids in use in every VML part of the package. */
function maxShapeId(pkg: OoxmlPackage): number {
  let max = 1024;
  for (const k of Object.keys(pkg.files)) {
    if (!/\.vml$/i.test(k)) continue;
    for (const m of pkg.text(k).matchAll(/_x0000_s(\d+)/g)) max = Math.max(max, Number(m[1]));
  }
  return max;
}

/** Add notes to one sheet. Returns the addresses skipped because they already had a comment. */
export function addNotes(
  pkg: OoxmlPackage,
  sheetPart: string,
  sheet: SheetXml,
  notes: Note[]
): string[] {
  if (notes.length === 0) return [];
  const rels = pkg.rels(sheetPart);
  const legacy = sheet.elementAttrs("legacyDrawing");
  let vmlPart: string | undefined;
  if (legacy) {
    const id = Object.entries(legacy).find(([k]) => /(^|:)id$/.test(k))?.[1];
    vmlPart = rels.find((r) => r.id === id)?.part;
    if (!vmlPart || !pkg.has(vmlPart)) {
      throw new PreserveError(
        `Gambar VML lembar ${sheetPart} (legacyDrawing) tidak ditemukan; catatan sel tidak dapat ditambahkan dengan aman.`,
        `The VML drawing of ${sheetPart} (legacyDrawing) is missing; cell notes cannot be added safely.`
      );
    }
  }
  let commentsPart = rels.find((r) => r.type === REL.comments && r.part && pkg.has(r.part))?.part;

  // Comments part: existing refs, our author, appended comments.
  let xml: string;
  if (commentsPart) {
    xml = pkg.text(commentsPart);
    checkDefaultNamespace(xml, commentsPart);
  } else {
    commentsPart = pkg.freeName("xl/comments#.xml");
    xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors><commentList></commentList></comments>`;
    pkg.ensureContentType(commentsPart, CT.comments);
    pkg.addRel(sheetPart, REL.comments, commentsPart);
  }
  const taken = new Set(
    findElements(xml, "comment").map((c) => (attrs(c.tag).ref ?? "").toUpperCase())
  );
  const skipped: string[] = [];
  const todo: Note[] = [];
  for (const n of notes) {
    const ref = cellAddress(n.row, n.col);
    if (taken.has(ref)) skipped.push(ref);
    else {
      taken.add(ref);
      todo.push(n);
    }
  }
  if (todo.length === 0) return skipped;

  const authors = findElement(xml, "authors");
  if (!authors)
    throw new PreserveError(
      `${commentsPart} tidak memiliki daftar penulis.`,
      `${commentsPart} has no author list.`
    );
  const names = authors.selfClosing
    ? []
    : findElements(xml, "author", authors.openEnd, authors.end).map((a) =>
        xml.slice(a.openEnd, a.end - 9)
      );
  let authorId = names.indexOf(AUTHOR);
  if (authorId < 0) {
    authorId = names.length;
    const el = `<author>${AUTHOR}</author>`;
    xml = authors.selfClosing
      ? `${xml.slice(0, authors.start)}<authors>${el}</authors>${xml.slice(authors.end)}`
      : `${xml.slice(0, authors.end - 10)}${el}${xml.slice(authors.end - 10)}`;
  }
  const comments = todo
    .map(
      (n) =>
        `<comment ref="${cellAddress(n.row, n.col)}" authorId="${authorId}"><text><r>${RUN_PR}<t xml:space="preserve">${escapeText(n.text)}</t></r></text></comment>`
    )
    .join("");
  const list = findElement(xml, "commentList");
  if (!list)
    throw new PreserveError(
      `${commentsPart} tidak memiliki daftar komentar.`,
      `${commentsPart} has no comment list.`
    );
  xml = list.selfClosing
    ? `${xml.slice(0, list.start)}<commentList>${comments}</commentList>${xml.slice(list.end)}`
    : `${xml.slice(0, list.end - 14)}${comments}${xml.slice(list.end - 14)}`;
  pkg.setText(commentsPart, xml);

  // VML part: the boxes.
  let id = maxShapeId(pkg);
  let vml: string;
  if (vmlPart) {
    vml = pkg.text(vmlPart);
    const root = rootTag(vml);
    const ok = root && Object.entries(VML_NS).every(([p, uri]) => prefixOf(root.tag, uri) === p);
    if (!ok) {
      throw new PreserveError(
        `Gambar VML ${vmlPart} memakai namespace yang tidak dikenal; catatan sel tidak dapat ditambahkan dengan aman.`,
        `The VML drawing ${vmlPart} uses unexpected namespaces; cell notes cannot be added safely.`
      );
    }
    if (!vml.includes('id="_x0000_t202"')) {
      const sl = vml.indexOf("</o:shapelayout>");
      const at =
        sl >= 0 ? sl + "</o:shapelayout>".length : (root?.start ?? 0) + (root?.tag.length ?? 0);
      vml = vml.slice(0, at) + SHAPETYPE + vml.slice(at);
    }
  } else {
    vmlPart = pkg.freeName("xl/drawings/vmlDrawing#.vml");
    const block = Math.floor(id / 1024) + 1;
    id = block * 1024;
    vml =
      `<xml xmlns:v="${VML_NS.v}" xmlns:o="${VML_NS.o}" xmlns:x="${VML_NS.x}">` +
      `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>${SHAPETYPE}</xml>`;
    pkg.ensureContentType(vmlPart, CT.vml, "vml");
    const rId = pkg.addRel(sheetPart, REL.vmlDrawing, vmlPart);
    sheet.insertElement("legacyDrawing", `<legacyDrawing ${sheet.relPrefix()}:id="${rId}"/>`);
  }
  const firstId = id + 1;
  const shapes = todo.map((n, i) => vmlShape(++id, n.row, n.col, i + 1)).join("");
  // Shape ids live in the 1024-blocks the drawing declares in <o:idmap data="...">.
  const idmap = /<o:idmap\b[^>]*\/>/.exec(vml);
  if (idmap) {
    const data = new Set(
      (attrs(idmap[0]).data ?? "")
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean)
    );
    for (let b = Math.floor(firstId / 1024); b <= Math.floor(id / 1024); b++) data.add(String(b));
    vml = vml.replace(idmap[0], setAttr(idmap[0], "data", [...data].join(",")));
  }
  const close = vml.lastIndexOf("</xml>");
  if (close < 0)
    throw new PreserveError(
      `Gambar VML ${vmlPart} rusak.`,
      `The VML drawing ${vmlPart} is damaged.`
    );
  pkg.setText(vmlPart, vml.slice(0, close) + shapes + vml.slice(close));
  return skipped;
}
