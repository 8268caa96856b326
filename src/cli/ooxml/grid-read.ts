/**
 * Direct reading of a package into the engine's SheetGrids, without ExcelJS: one scan of
 * sharedStrings, styles and each worksheet's <sheetData>. Loading ExcelJS and building its object
 * model was most of the CLI's time per file (and ~0.4 s at the start of each batch worker).
 *
 * It gives exactly what the ExcelJS path in ../xlsx.ts gives (test/cli/grid-read.test.ts compares
 * the two): same values (dates from date-formatted numbers, shared-string runs joined, `_xHHHH_`
 * escapes, error texts, shared formulas slid from their master), same number formats and bold,
 * merges and protection. For anything outside what it knows to read the same way (hyperlinks,
 * rich inline strings, unknown entities, cells or rows without an address, overlapping merges,
 * tags it does not expect in <sheetData>...) it returns null and the caller reads through ExcelJS,
 * which also decides whether such a file is corrupt.
 */
import type { CellValue } from "../../core/errors";
import type { MergedArea, SheetCell, SheetGrid } from "../../core/engine/types";
import type { OoxmlPackage } from "./package";
import { attr, findElement, findElements, indexOfTag, NS, prefixOf, rootTag } from "./xml";

// Small modules of ExcelJS (no ExcelJS load): the date rules and built-in formats it reads with.
const xu = require("exceljs/lib/utils/utils") as {
  isDateFmt: (fmt: string | undefined) => boolean;
  excelToDate: (v: unknown, date1904?: boolean) => Date;
  xmlDecode: (s: string) => string;
};
const builtinFormats = require("exceljs/lib/xlsx/defaultnumformats") as Record<
  string,
  { f?: string } | undefined
>;
const { slideFormula } = require("exceljs/lib/utils/shared-formula") as {
  slideFormula: (f: string, from: string, to: string) => string;
};

/** Thrown inside the reader: this package is read through ExcelJS instead. */
class NotDirect extends Error {}

function bail(why: string): never {
  throw new NotDirect(why);
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);|&/g;

/** Text content as an XML parser returns it: entities decoded, line ends normalised. */
function decodeText(s: string): string {
  if (s.includes("\r")) s = s.replace(/\r\n?/g, "\n");
  if (!s.includes("&")) return s;
  return s.replace(ENTITY, (m, e: string | undefined) => {
    if (e === undefined) bail("bare &");
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "amp") return "&";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    const code = e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    if (!(code > 0 && code <= 0x10ffff)) bail("bad character reference");
    return String.fromCodePoint(code);
  });
}

/** An attribute value, decoded; values with white-space characters other than spaces are left to ExcelJS. */
function attrOf(tag: string, name: string): string | undefined {
  const v = attr(tag, name);
  if (v !== undefined && /[\t\n\r]/.test(v)) bail("attribute white space");
  return v;
}

/** `_xHHHH_` escapes of shared strings, as ExcelJS decodes them (upper-case hex only). */
function unescapeX(s: string): string {
  return s.includes("_x")
    ? s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    : s;
}

/** The text of one `<t>` element string (`<t>..</t>` or `<t/>`). */
function tText(el: string): string {
  if (/^<t\b[^>]*\/>$/.test(el)) return "";
  const gt = el.indexOf(">");
  return unescapeX(decodeText(el.slice(gt + 1, el.length - 4)));
}

const T_RE = /<t\b[^>]*?(?:\/>|>([^<]*)<\/t>)/g;

/** One <si> body as plain text (runs joined); phonetic runs are not part of the text. */
function sharedString(body: string): string {
  body = body.replace(/<rPh\b[\s\S]*?<\/rPh>|<rPh\b[^>]*\/>|<phoneticPr\b[^>]*\/>/g, "");
  if (/<[A-Za-z_][\w.-]*:/.test(body)) bail("prefixed shared string");
  const runs = body.match(/<r\b[^>]*>[\s\S]*?<\/r>|<r\b[^>]*\/>/g);
  if (runs) {
    const rest = body.replace(/<r\b[^>]*>[\s\S]*?<\/r>|<r\b[^>]*\/>/g, "");
    if (/<t\b/.test(rest)) bail("shared string with runs and plain text");
    let s = "";
    for (const r of runs) {
      const ts = r.match(T_RE);
      if (ts && ts.length > 1) bail("run with several texts");
      if (ts) s += tText(ts[0]);
    }
    return s;
  }
  const ts = body.match(T_RE);
  if (!ts || ts.length !== 1) bail("shared string without one text");
  return tText(ts[0]);
}

function readSharedStrings(xml: string): string[] {
  if (xml.includes("<![CDATA[") || xml.includes("<!--")) bail("CDATA or comment in sst");
  const out: string[] = [];
  const re = /<si\b[^>]*?(\/>|>([\s\S]*?)<\/si>)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1] === "/>") bail("empty shared string");
    out.push(sharedString(m[2]));
  }
  return out;
}

interface StyleInfo {
  numFmt?: string;
  bold: boolean;
  /** ExcelJS turns numbers in this style into dates. */
  isDate: boolean;
}

/** What a cell's own style gives readCell: ExcelJS's getStyleModel(s) reduced to numFmt and bold. */
function readStyles(xml: string): (StyleInfo | null)[] {
  if (xml.includes("<![CDATA[") || xml.includes("<!--")) bail("CDATA or comment in styles");
  const root = rootTag(xml);
  if (!root || root.name.includes(":")) bail("prefixed styles");
  const fmts = new Map<number, string>();
  const nf = findElement(xml, "numFmts");
  if (nf && !nf.selfClosing)
    for (const el of findElements(xml, "numFmt", nf.openEnd, nf.end)) {
      const id = parseInt(attrOf(el.tag, "numFmtId") ?? "", 10);
      const code = attrOf(el.tag, "formatCode");
      if (code === undefined) bail("numFmt without formatCode");
      // ExcelJS drops the backslash of every escaped character.
      fmts.set(id, code.replace(/[\\](.)/g, "$1"));
    }
  const bolds: boolean[] = [];
  const fonts = findElement(xml, "fonts");
  if (fonts && !fonts.selfClosing) {
    const body = xml.slice(fonts.openEnd, fonts.end);
    for (const m of body.matchAll(/<font\b[^>]*?(\/>|>([\s\S]*?)<\/font>)/g))
      bolds.push(m[1] !== "/>" && /<b[\s/>]/.test(m[2]));
  }
  const out: (StyleInfo | null)[] = [];
  const xfs = findElement(xml, "cellXfs");
  if (xfs && !xfs.selfClosing) {
    const body = xml.slice(xfs.openEnd, xfs.end);
    for (const m of body.matchAll(/<xf\b[^>]*>/g)) {
      const numFmtId = parseInt(attrOf(m[0], "numFmtId") ?? "", 10);
      const fontId = parseInt(attrOf(m[0], "fontId") ?? "", 10);
      const st: StyleInfo = { bold: false, isDate: false };
      if (numFmtId) {
        const f = fmts.get(numFmtId) || builtinFormats[numFmtId]?.f;
        if (f) st.numFmt = f;
      }
      st.isDate = xu.isDateFmt(st.numFmt);
      if ((fontId || fontId === 0) && fontId < bolds.length) st.bold = bolds[fontId];
      out.push(st);
    }
  }
  return out;
}

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

/** /[\s/>]/.test(s[k]): the character after a tag name (false past the end). */
function endsName(s: string, k: number): boolean {
  const ch = s.charCodeAt(k);
  if (ch === 32 || ch === 62 || ch === 47 || (ch >= 9 && ch <= 13)) return true;
  if (ch < 128 || Number.isNaN(ch)) return false;
  return /\s/.test(s[k]);
}

/** The text holds '<![CDATA[', '<!--' or '<?' (found from the rare '!' and '?'). */
function hasCdataCommentOrPi(s: string): boolean {
  for (let k = s.indexOf("!"); k >= 0; k = s.indexOf("!", k + 1))
    if (
      k > 0 &&
      s.charCodeAt(k - 1) === 60 &&
      (s.startsWith("[CDATA[", k + 1) || s.startsWith("--", k + 1))
    )
      return true;
  for (let k = s.indexOf("?"); k >= 0; k = s.indexOf("?", k + 1))
    if (k > 0 && s.charCodeAt(k - 1) === 60) return true;
  return false;
}

interface Ctx {
  shared: string[] | null;
  styles: (StyleInfo | null)[];
  date1904: boolean;
}

function isInvalidDate(v: unknown): boolean {
  return v instanceof Date && Number.isNaN(v.getTime());
}

/** plainValue of ../xlsx.ts for the values this reader produces (strings, numbers, booleans, dates, errors). */
function plain(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return isInvalidDate(v) ? null : v;
  if (typeof v === "object") return (v as { error: string }).error;
  return v as CellValue;
}

interface Raw {
  row: number;
  col: number;
  address: string;
  formula?: string;
  /** Shared-formula slave: the master's address (resolved after the scan). */
  sharedFrom?: string | null;
  value: CellValue;
  style: StyleInfo | null;
}

/** One worksheet's cells, merges and protection. */
function readSheet(name: string, xml: string, ctx: Ctx): SheetGrid {
  const root = rootTag(xml);
  if (!root || root.name !== "worksheet" || prefixOf(root.tag, NS.main) !== "")
    bail("unexpected worksheet root");
  const sd = findElement(xml, "sheetData");
  if (!sd) bail("no sheetData");
  const after = xml.slice(sd.end);
  if (indexOfTag(after, "hyperlinks") >= 0) bail("hyperlinks");
  const raws: Raw[] = [];
  const masters = new Map<string, string>();
  if (!sd.selfClosing) {
    const data = xml.slice(sd.openEnd, sd.end - "</sheetData>".length);
    if (hasCdataCommentOrPi(data)) bail("CDATA, comment or PI in sheetData");
    let i = 0;
    let rowNo = 0;
    const n = data.length;
    const ws = (from: number, to: number) => {
      for (let k = from; k < to; k++) {
        const ch = data.charCodeAt(k);
        if (ch !== 32 && ch !== 10 && ch !== 13 && ch !== 9) bail("text in sheetData");
      }
    };
    while (i < n) {
      const lt = data.indexOf("<", i);
      if (lt < 0) {
        ws(i, n);
        break;
      }
      ws(i, lt);
      if (data.startsWith("<row", lt) && endsName(data, lt + 4)) {
        const gt = data.indexOf(">", lt);
        if (gt < 0) bail("open row");
        const tag = data.slice(lt, gt + 1);
        const r = attrOf(tag, "r");
        if (!r || !/^[1-9][0-9]{0,6}$/.test(r)) bail("row without r");
        rowNo = Number(r);
        i = gt + 1;
        if (tag.endsWith("/>")) rowNo = 0;
        continue;
      }
      if (data.startsWith("</row>", lt)) {
        if (!rowNo) bail("stray </row>");
        rowNo = 0;
        i = lt + 6;
        continue;
      }
      if (data.startsWith("<c", lt) && endsName(data, lt + 2)) {
        if (!rowNo) bail("cell outside a row");
        // CELL_RE at lt: the start tag ends at the first '>', the element at the next '</c>'.
        const gt = data.indexOf(">", lt + 2);
        if (gt < 0) bail("unclosed cell");
        let raw: Raw | undefined;
        if (data.charCodeAt(gt - 1) === 47 /* '/' */) {
          raw = readCellXml(data, lt + 2, gt - 1, -1, -1, rowNo, ctx, masters);
          i = gt + 1;
        } else {
          const close = data.indexOf("</c>", gt + 1);
          if (close < 0) bail("unclosed cell");
          raw = readCellXml(data, lt + 2, gt, gt + 1, close, rowNo, ctx, masters);
          i = close + 4;
        }
        if (raw) raws.push(raw);
        continue;
      }
      if (data.startsWith("<extLst", lt) && rowNo) {
        const close = data.indexOf("</extLst>", lt);
        if (close < 0) bail("open extLst");
        i = close + 9;
        continue;
      }
      bail("unexpected tag in sheetData");
    }
    if (rowNo) bail("unclosed row");
  }
  // Merges: slave cells read as empty; overlapping merges make ExcelJS refuse the file.
  const merges: MergedArea[] = [];
  const mc = findElement(after, "mergeCells");
  if (mc && !mc.selfClosing) {
    for (const el of findElements(after, "mergeCell", mc.openEnd, mc.end)) {
      const ref = attrOf(el.tag, "ref") ?? "";
      const mm = /^([A-Z]{1,3})([1-9][0-9]*):([A-Z]{1,3})([1-9][0-9]*)$/.exec(ref);
      if (!mm) bail("merge ref");
      const a = { r: Number(mm[2]) - 1, c: colNumber(mm[1]) - 1 };
      const b = { r: Number(mm[4]) - 1, c: colNumber(mm[3]) - 1 };
      const m: MergedArea = {
        top: Math.min(a.r, b.r),
        left: Math.min(a.c, b.c),
        bottom: Math.max(a.r, b.r),
        right: Math.max(a.c, b.c),
      };
      if (m.top === m.bottom && m.left === m.right) bail("one-cell merge");
      for (const o of merges)
        if (m.top <= o.bottom && m.bottom >= o.top && m.left <= o.right && m.right >= o.left)
          bail("overlapping merges");
      merges.push(m);
    }
  }
  // Each cell asks: merges listed by row (tall ones apart), not all merges for every cell.
  const mergesByRow = new Map<number, MergedArea[]>();
  const tallMerges: MergedArea[] = [];
  for (const m of merges) {
    if (m.bottom - m.top >= 64) tallMerges.push(m);
    else
      for (let r = m.top; r <= m.bottom; r++) {
        const list = mergesByRow.get(r);
        if (list) list.push(m);
        else mergesByRow.set(r, [m]);
      }
  }
  const slaveOf = (m: MergedArea, row: number, col: number) =>
    row >= m.top &&
    row <= m.bottom &&
    col >= m.left &&
    col <= m.right &&
    !(row === m.top && col === m.left);
  const inSlave = (row: number, col: number) =>
    !!mergesByRow.get(row)?.some((m) => slaveOf(m, row, col)) ||
    tallMerges.some((m) => slaveOf(m, row, col));
  // An address is one (row, col) and back: duplicates are found by number, and cells by address
  // only for shared formulas.
  // Cells come in address order: a key above every earlier one is new; the set of keys is only
  // made when the order breaks.
  let seen: Set<number> | undefined;
  let maxKey = -1;
  let shared = false;
  for (let k = 0; k < raws.length; k++) {
    const r = raws[k];
    const key = r.row * 20000 + r.col;
    if (key > maxKey && !seen) maxKey = key;
    else {
      if (!seen) {
        seen = new Set<number>();
        for (let j = 0; j < k; j++) seen.add(raws[j].row * 20000 + raws[j].col);
      }
      if (seen.has(key)) bail("two cells with one address");
      seen.add(key);
    }
    if (r.sharedFrom) shared = true;
  }
  const byAddr = new Map<string, Raw>();
  if (shared) for (const r of raws) byAddr.set(r.address, r);
  const cells: (SheetCell | undefined)[][] = [];
  for (const raw of raws) {
    if (merges.length && inSlave(raw.row, raw.col)) continue;
    let formula = raw.formula;
    if (!formula && raw.sharedFrom !== undefined) {
      if (raw.sharedFrom !== null) {
        const master = byAddr.get(raw.sharedFrom);
        if (!master || !master.formula || inSlave(master.row, master.col))
          bail("shared formula without its master");
        formula = slideFormula(master.formula, raw.sharedFrom, raw.address);
      }
    }
    if (formula) formula = formula.replace(/^=/, "");
    const value = raw.value;
    const numFmt =
      raw.style?.numFmt && raw.style.numFmt !== "General" ? raw.style.numFmt : undefined;
    const bold = raw.style?.bold ? true : undefined;
    if ((value === null || value === "") && !formula && !bold && !numFmt) continue;
    const out: SheetCell = { value };
    if (formula) out.formula = formula;
    if (numFmt) out.numFmt = numFmt;
    if (bold) out.bold = true;
    while (cells.length <= raw.row) cells.push([]);
    cells[raw.row][raw.col] = out;
  }
  const grid: SheetGrid = { name, cells, merges };
  if (indexOfTag(after, "sheetProtection") >= 0) grid.protected = true;
  return grid;
}

/** Attributes of a start tag; what is left once they are taken out must be white space. */
const ATTR_RE = /\s+([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ATTR_REST = /[^\s]/;
const F_RE = /^<f\b([^>]*?)(?:\/>|>([^<]*)<\/f>)/;
const V_RE = /^<v\b[^>]*?(?:\/>|>([^<]*)<\/v>)/;

/** r, t and s of the last attribute text simpleAttrs() read. */
const SIMPLE: { r?: string; t?: string; s?: string } = {};

/**
 * The usual attribute text text[from..to), ` name="value"` repeated (one space, no entity, tab or line end in a
 * value), read without a regex into SIMPLE; false for anything else, which ATTR_RE then reads. On
 * such text ATTR_RE finds the same attributes and values, none of them a reason to bail.
 */
function simpleAttrs(text: string, from: number, to: number): boolean {
  SIMPLE.r = SIMPLE.t = SIMPLE.s = undefined;
  const n = to;
  let i = from;
  while (i < n) {
    if (text.charCodeAt(i) !== 32) return false;
    const nameStart = ++i;
    for (; i < n; i++) {
      const ch = text.charCodeAt(i);
      // [\w:.-]
      if (!(
        (ch >= 97 && ch <= 122) ||
        (ch >= 65 && ch <= 90) ||
        (ch >= 48 && ch <= 58) ||
        ch === 95 ||
        ch === 46 ||
        ch === 45
      ))
        break;
    }
    if (i === nameStart || i + 1 >= n) return false;
    if (text.charCodeAt(i) !== 61 /* = */ || text.charCodeAt(i + 1) !== 34 /* " */) return false;
    const nameEnd = i;
    const valueStart = i + 2;
    for (i = valueStart; i < n; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 34) break;
      if (ch === 38 || ch === 9 || ch === 10 || ch === 13) return false;
    }
    if (i >= n) return false;
    if (nameEnd === nameStart + 1) {
      const c = text.charCodeAt(nameStart);
      if (c === 114 /* r */) SIMPLE.r = text.slice(valueStart, i);
      else if (c === 116 /* t */) SIMPLE.t = text.slice(valueStart, i);
      else if (c === 115 /* s */) SIMPLE.s = text.slice(valueStart, i);
    }
    i++;
  }
  return true;
}

/**
 * Column (0-based) of a cell address that ADDR accepts and whose row is `rowNo`; -1 otherwise
 * (ADDR.exec and the row comparison, without the regex).
 */
function addressCol(address: string, rowNo: number): number {
  const n = address.length;
  let i = 0;
  let col = 0;
  for (; i < n && i < 4; i++) {
    const ch = address.charCodeAt(i);
    if (ch < 65 || ch > 90) break;
    col = col * 26 + (ch - 64);
  }
  if (i === 0 || i > 3) return -1;
  const digits = n - i;
  if (digits < 1 || digits > 7) return -1;
  let row = 0;
  for (let k = i; k < n; k++) {
    const ch = address.charCodeAt(k);
    if (ch < 48 || ch > 57 || (k === i && ch === 48)) return -1;
    row = row * 10 + (ch - 48);
  }
  return row === rowNo ? col - 1 : -1;
}

/**
 * One <c> of `data`: its attributes data[attrFrom..attrTo) and body data[bodyFrom..bodyTo) (bodyFrom
 * -1 when self-closing). Undefined for a cell ExcelJS skips.
 */
function readCellXml(
  data: string,
  attrFrom: number,
  attrTo: number,
  bodyFrom: number,
  bodyTo: number,
  rowNo: number,
  ctx: Ctx,
  masters: Map<string, string>
): Raw | undefined {
  let address: string | undefined;
  let t: string | undefined;
  let sAttr: string | undefined;
  if (simpleAttrs(data, attrFrom, attrTo)) {
    address = SIMPLE.r;
    t = SIMPLE.t;
    sAttr = SIMPLE.s;
  } else {
    const attrText = data.slice(attrFrom, attrTo);
    ATTR_RE.lastIndex = 0;
    let end = 0;
    for (let a = ATTR_RE.exec(attrText); a; a = ATTR_RE.exec(attrText)) {
      // Attributes follow each other: anything between them is not one.
      if (a.index !== end) bail("cell attributes");
      end = ATTR_RE.lastIndex;
      let v = a[2] ?? a[3];
      if (v.includes("&")) v = decodeText(v);
      if (/[\t\n\r]/.test(v)) bail("attribute white space");
      if (a[1] === "r") address = v;
      else if (a[1] === "t") t = v;
      else if (a[1] === "s") sAttr = v;
    }
    if (end !== attrText.length && ATTR_REST.test(attrText.slice(end))) bail("cell attributes");
  }
  const col = address ? addressCol(address, rowNo) : -1;
  if (col < 0) bail("cell address");
  const styleId = sAttr ? parseInt(sAttr, 10) : undefined;
  let fText: string | undefined;
  let fAttrs: string | undefined;
  let vText: string | undefined;
  let isText: string | undefined;
  // The common body, a plain value: <v>text</v> (read in place, the body is not copied).
  let body: string | null = null;
  if (bodyFrom >= 0) {
    const len = bodyTo - bodyFrom;
    let plainValue = false;
    if (len >= 3 && data.startsWith("<v>", bodyFrom)) {
      // body.indexOf("<", 3) === body.length - 4
      const k = data.indexOf("<", bodyFrom + 3);
      plainValue = (k < 0 || k >= bodyTo ? -1 : k - bodyFrom) === len - 4;
    }
    if (plainValue) {
      if (!(len >= 4 && data.startsWith("</v>", bodyTo - 4))) bail("value");
      vText = decodeText(data.slice(bodyFrom + 3, bodyTo - 4));
    } else body = data.slice(bodyFrom, bodyTo);
  }
  if (body !== null) {
    let rest = body;
    const skipWs = () => {
      rest = rest.replace(/^[ \t\r\n]+/, "");
    };
    skipWs();
    while (rest.length) {
      let m: RegExpExecArray | null;
      if ((m = F_RE.exec(rest))) {
        if (fAttrs !== undefined) bail("two formulas");
        fAttrs = `<f${m[1]}>`;
        fText = m[2] === undefined ? undefined : decodeText(m[2]);
      } else if ((m = V_RE.exec(rest))) {
        if (vText !== undefined) bail("two values");
        vText = m[1] === undefined ? "" : decodeText(m[1]);
      } else if (rest.startsWith("<is>") || rest.startsWith("<is ")) {
        const close = rest.indexOf("</is>");
        if (close < 0) bail("open is");
        const inner = rest.slice(rest.indexOf(">") + 1, close);
        if (/<r\b|<rPh\b/.test(inner)) bail("rich inline string");
        const ts = inner.match(T_RE);
        if (!ts || ts.length !== 1 || inner.replace(T_RE, "").trim() !== "") bail("inline string");
        const tm = /^<t\b[^>]*?(?:\/>|>([^<]*)<\/t>)$/.exec(ts[0]);
        isText = tm?.[1] === undefined ? "" : decodeText(tm[1]);
        m = { 0: rest.slice(0, close + 5) } as unknown as RegExpExecArray;
      } else if (rest.startsWith("<extLst")) {
        const close = rest.indexOf("</extLst>");
        if (close < 0) bail("open extLst");
        m = { 0: rest.slice(0, close + 9) } as unknown as RegExpExecArray;
      } else bail("unexpected cell content");
      rest = rest.slice(m[0].length);
      skipWs();
    }
  }
  // ExcelJS: value text of <v> or <is><t>; an empty text is no value.
  let text: string | undefined;
  if (isText !== undefined && vText !== undefined) bail("value and inline string");
  if (isText !== undefined) text = isText || undefined;
  else if (vText !== undefined) text = vText || undefined;
  const shareType = fAttrs !== undefined ? attrOf(fAttrs, "t") : undefined;
  const style = styleId !== undefined && styleId ? (ctx.styles[styleId] ?? null) : null;
  const row = rowNo - 1;
  if (fText || shareType) {
    let result: unknown;
    if (text) {
      if (t === "str") result = xu.xmlDecode(text);
      else if (t === "b") result = parseInt(text, 10) !== 0;
      else if (t === "e") result = { error: text };
      else result = parseFloat(text);
    }
    if (result !== undefined && style?.isDate) result = xu.excelToDate(result, ctx.date1904);
    const raw: Raw = { row, col, address: address as string, value: plain(result), style };
    if (fText) raw.formula = fText;
    if (shareType === "shared") {
      const si = attrOf(fAttrs as string, "si");
      if (attrOf(fAttrs as string, "ref")) {
        if (si !== undefined) masters.set(si, address as string);
      } else raw.sharedFrom = (si !== undefined && masters.get(si)) || null;
    }
    return raw;
  }
  if (text === undefined) return undefined; // Null (styled) or empty: skipped by ExcelJS's eachCell
  let value: unknown;
  switch (t) {
    case "s": {
      if (!ctx.shared) bail("no shared strings");
      const k = parseInt(text, 10);
      if (!(k >= 0 && k < ctx.shared.length)) bail("shared string index");
      value = ctx.shared[k];
      break;
    }
    case "str":
      value = xu.xmlDecode(text);
      break;
    case "inlineStr":
      value = text;
      break;
    case "b":
      value = parseInt(text, 10) !== 0;
      break;
    case "e":
      value = { error: text };
      break;
    case undefined:
    case "n":
      value = parseFloat(text);
      if (style?.isDate) value = xu.excelToDate(value, ctx.date1904);
      break;
    default:
      bail(`cell type ${t}`);
  }
  return { row, col, address: address as string, value: plain(value), style };
}

/**
 * The package's worksheets as SheetGrids (in workbook order, chart and dialog sheets left out, as
 * ExcelJS reads the reading copy), or null when this package is read through ExcelJS instead.
 */
export function readGridsDirect(pkg: OoxmlPackage): SheetGrid[] | null {
  try {
    return readAll(pkg);
  } catch (e) {
    if (e instanceof NotDirect) return null;
    // Anything unexpected: ExcelJS reads it (and reports a damaged file in its own words).
    return null;
  }
}

function readAll(pkg: OoxmlPackage): SheetGrid[] {
  const wbPart = pkg.workbookPart();
  const wbXml = pkg.text(wbPart);
  if (wbXml.includes("<![CDATA[") || wbXml.includes("<!--")) bail("CDATA or comment in workbook");
  const root = rootTag(wbXml);
  if (!root || root.name !== "workbook" || prefixOf(root.tag, NS.main) !== "")
    bail("unexpected workbook root");
  const rp = prefixOf(root.tag, NS.rel) || "r";
  const wbPr = findElement(wbXml, "workbookPr");
  const date1904 = wbPr ? attrOf(wbPr.tag, "date1904") === "1" : false;
  let shared: string[] | null = null;
  let styles: (StyleInfo | null)[] | null = null;
  const sheetRels = new Map<string, string>();
  for (const rel of pkg.rels(wbPart)) {
    if (rel.external || !rel.part || !pkg.has(rel.part)) continue;
    const kind = rel.type.slice(rel.type.lastIndexOf("/") + 1);
    if (kind === "worksheet") sheetRels.set(rel.id, rel.part);
    else if (kind === "sharedStrings") {
      if (shared) bail("two sharedStrings");
      shared = readSharedStrings(pkg.text(rel.part));
    } else if (kind === "styles") {
      if (styles) bail("two styles");
      styles = readStyles(pkg.text(rel.part));
    }
  }
  if (!styles) bail("no styles");
  const ctx: Ctx = { shared, styles, date1904 };
  const sheets = findElement(wbXml, "sheets");
  if (!sheets || sheets.selfClosing) bail("no sheets");
  const grids: SheetGrid[] = [];
  const seenIds = new Set<string>();
  const seenRels = new Set<string>();
  for (const el of findElements(wbXml, "sheet", sheets.openEnd, sheets.end)) {
    const id = attrOf(el.tag, `${rp}:id`);
    const part = id !== undefined ? sheetRels.get(id) : undefined;
    if (id === undefined || part === undefined) continue; // not a worksheet: not read
    const name = attrOf(el.tag, "name");
    const sheetId = attrOf(el.tag, "sheetId") ?? "";
    if (!name || name.length > 31 || /[[\]*?:/\\]/.test(name)) bail("sheet name");
    if (!/^[1-9][0-9]*$/.test(sheetId) || seenIds.has(sheetId) || seenRels.has(id))
      bail("sheet id");
    seenIds.add(sheetId);
    seenRels.add(id);
    grids.push(readSheet(name, pkg.text(part), ctx));
  }
  if (grids.length === 0) bail("no worksheets");
  return grids;
}
