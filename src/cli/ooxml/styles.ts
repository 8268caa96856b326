/**
 * styles.xml, append-only: new cell formats (xf), number formats, fonts, fills and differential
 * formats (dxf, for conditional formats) are added at the end of their lists; existing entries and
 * their indices never change, so every cell already in the workbook keeps its look.
 */
import { OoxmlPackage, PreserveError, REL } from "./package";
import {
  attrs,
  escapeAttr,
  findElement,
  findElements,
  indexOfTag,
  removeAttr,
  setAttr,
} from "./xml";
import { checkDefaultNamespace } from "./workbook";

/** Built-in number formats (ECMA-376 18.8.30) that need no <numFmt> entry. */
const BUILTIN: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "# ?/?": 12,
  "# ??/??": 13,
  "@": 49,
};

/** styleSheet children in schema order (CT_Stylesheet). */
const ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

export interface XfChange {
  numFmt?: string;
  bold?: boolean;
  /** Single underline (a signature's name). */
  underline?: boolean;
  size?: number;
  /** Solid fill colour, 'FFRRGGBB'. */
  fill?: string;
  /** <alignment> attributes, replacing the xf's alignment. */
  alignment?: Record<string, string>;
}

export interface Dxf {
  font: string;
  fill: string;
}

export class Styles {
  private xml: string;
  private readonly cache = new Map<string, number>();
  private changed = false;
  private readonly memo = new Map<string, { tags: string[]; all: string[] }>();
  private readonly styled = new Map<number, boolean>();
  private readonly fmtOf = new Map<number, number>();
  private readonly fmtIds = new Map<string, number>();

  private constructor(
    private readonly pkg: OoxmlPackage,
    private readonly part: string
  ) {
    this.xml = pkg.text(part);
    checkDefaultNamespace(this.xml, part);
  }

  /** The workbook's styles part; undefined when it has none (then no style can be added). */
  static open(pkg: OoxmlPackage): Styles | undefined {
    const wb = pkg.workbookPart();
    const rel = pkg.rels(wb).find((r) => r.type === REL.styles && r.part);
    if (!rel?.part || !pkg.has(rel.part)) return undefined;
    return new Styles(pkg, rel.part);
  }

  /** The children of list `name` (e.g. the <xf> of cellXfs). */
  private items(list: string, item: string): { tags: string[]; all: string[] } {
    const memo = this.memo.get(list);
    if (memo) return memo;
    const out = this.scan(list, item);
    this.memo.set(list, out);
    return out;
  }

  private scan(list: string, item: string): { tags: string[]; all: string[] } {
    const el = findElement(this.xml, list);
    if (!el || el.selfClosing) return { tags: [], all: [] };
    const found = findElements(this.xml, item, el.openEnd, el.end);
    return { tags: found.map((f) => f.tag), all: found.map((f) => this.xml.slice(f.start, f.end)) };
  }

  /** Append an item to list `name` (created at its schema position when missing); returns its index. */
  private append(list: string, itemXml: string): number {
    let el = findElement(this.xml, list);
    if (!el) {
      const at = this.insertPoint(list);
      this.xml = `${this.xml.slice(0, at)}<${list} count="0"/>${this.xml.slice(at)}`;
      el = findElement(this.xml, list);
    }
    if (!el) throw new PreserveError("styles.xml tidak terbaca.", "styles.xml cannot be read.");
    let head: string;
    let body: string;
    if (el.selfClosing) {
      head = el.tag.replace(/\s*\/>$/, ">");
      body = "";
    } else {
      head = el.tag;
      body = this.xml.slice(el.openEnd, el.end - list.length - 3);
    }
    const child = list === "numFmts" ? "numFmt" : list === "cellXfs" ? "xf" : list.slice(0, -1);
    const count = findElements(body, child).length;
    head = setAttr(head, "count", String(count + 1));
    this.xml = `${this.xml.slice(0, el.start)}${head}${body}${itemXml}</${list}>${this.xml.slice(el.end)}`;
    this.changed = true;
    this.memo.clear();
    return count;
  }

  private insertPoint(list: string): number {
    const later = ORDER.slice(ORDER.indexOf(list) + 1);
    let at = -1;
    for (const n of later) {
      const i = indexOfTag(this.xml, n);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
    return at >= 0 ? at : this.xml.lastIndexOf("</styleSheet>");
  }

  /** Number format id for a format code: built-in, existing, or a new <numFmt>. */
  numFmtId(code: string): number {
    if (code in BUILTIN) return BUILTIN[code];
    const hit = this.fmtIds.get(code);
    if (hit !== undefined) return hit;
    const id = this.findOrAddNumFmt(code);
    this.fmtIds.set(code, id);
    return id;
  }

  private findOrAddNumFmt(code: string): number {
    const { tags } = this.items("numFmts", "numFmt");
    let max = 163;
    for (const t of tags) {
      const a = attrs(t);
      if (a.formatCode === code) return Number(a.numFmtId);
      max = Math.max(max, Number(a.numFmtId) || 0);
    }
    this.append("numFmts", `<numFmt numFmtId="${max + 1}" formatCode="${escapeAttr(code)}"/>`);
    return max + 1;
  }

  xfCount(): number {
    return this.items("cellXfs", "xf").all.length;
  }

  /** The <xf> at index i of cellXfs (xf 0 when out of range). */
  xf(i: number): string {
    const { all } = this.items("cellXfs", "xf");
    return all[i] ?? all[0] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
  }

  /** The xf has a border, fill or non-default font (a cell worth copying the table's look from). */
  isStyled(i: number): boolean {
    if (!i) return false;
    let hit = this.styled.get(i);
    if (hit === undefined) {
      const a = attrs(this.xf(i));
      hit = Number(a.borderId || 0) > 0 || Number(a.fillId || 0) > 0 || Number(a.fontId || 0) > 0;
      this.styled.set(i, hit);
    }
    return hit;
  }

  numFmtOf(i: number): number {
    let hit = this.fmtOf.get(i);
    if (hit === undefined) this.fmtOf.set(i, (hit = Number(attrs(this.xf(i)).numFmtId || 0)));
    return hit;
  }

  /** Index of a cell format equal to xf `base` with `change` applied (added once, then reused). */
  derive(base: number, change: XfChange): number {
    const key = `${base}|${JSON.stringify(change)}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const src = this.xf(base);
    const open = /^<xf\b[^>]*?\/?>/.exec(src)?.[0] ?? "<xf>";
    let tag = open.replace(/\s*\/>$/, ">");
    let inner = open.endsWith("/>") ? "" : src.slice(open.length, src.length - "</xf>".length);
    if (change.numFmt !== undefined) {
      tag = setAttr(tag, "numFmtId", String(this.numFmtId(change.numFmt)));
      tag = setAttr(tag, "applyNumberFormat", "1");
    }
    if (change.bold || change.size || change.underline) {
      tag = setAttr(tag, "fontId", String(this.deriveFont(Number(attrs(tag).fontId || 0), change)));
      tag = setAttr(tag, "applyFont", "1");
    }
    if (change.fill) {
      const fill = `<fill><patternFill patternType="solid"><fgColor rgb="${change.fill}"/><bgColor indexed="64"/></patternFill></fill>`;
      tag = setAttr(tag, "fillId", String(this.append("fills", fill)));
      tag = setAttr(tag, "applyFill", "1");
    }
    if (change.alignment) {
      const al = `<alignment ${Object.entries(change.alignment)
        .map(([k, v]) => `${k}="${escapeAttr(v)}"`)
        .join(" ")}/>`;
      inner = /<alignment\b[^>]*?(\/>|>[\s\S]*?<\/alignment>)/.test(inner)
        ? inner.replace(/<alignment\b[^>]*?(\/>|>[\s\S]*?<\/alignment>)/, al)
        : al + inner;
      tag = setAttr(tag, "applyAlignment", "1");
    }
    tag = removeAttr(tag, "quotePrefix");
    const xf = inner ? `${tag}${inner}</xf>` : tag.replace(/>$/, "/>");
    const idx = this.append("cellXfs", xf);
    this.cache.set(key, idx);
    return idx;
  }

  private deriveFont(base: number, change: XfChange): number {
    const key = `font|${base}|${change.bold}|${change.size}|${change.underline}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const fonts = this.items("fonts", "font").all;
    let f = fonts[base] ?? fonts[0] ?? "<font/>";
    if (f.endsWith("/>")) f = f.replace(/\s*\/>$/, "></font>");
    if (change.size)
      f = /<sz\b/.test(f)
        ? f.replace(/<sz\b[^>]*\/>/, `<sz val="${change.size}"/>`)
        : f.replace(/^(<font\b[^>]*>)/, `$1<sz val="${change.size}"/>`);
    if (change.bold && !/<b\s*\/>|<b\s+val="(1|true)"\s*\/>/.test(f))
      f = f.replace(/<b\b[^>]*\/>/, "").replace(/^(<font\b[^>]*>)/, "$1<b/>");
    if (change.underline && !/<u\b/.test(f)) f = f.replace(/^(<font\b[^>]*>)/, "$1<u/>");
    const idx = this.append("fonts", f);
    this.cache.set(key, idx);
    return idx;
  }

  /** Index of a differential format (font colour + solid fill) for conditional formats. */
  dxf(d: Dxf): number {
    const key = `dxf|${d.font}|${d.fill}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const idx = this.append(
      "dxfs",
      `<dxf><font><color rgb="${d.font}"/></font><fill><patternFill patternType="solid"><fgColor rgb="${d.fill}"/><bgColor rgb="${d.fill}"/></patternFill></fill></dxf>`
    );
    this.cache.set(key, idx);
    return idx;
  }

  /** Write styles.xml back when something was added. */
  save(): void {
    if (this.changed) this.pkg.setText(this.part, this.xml);
  }
}
