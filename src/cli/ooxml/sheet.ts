/**
 * One worksheet part patched in place: planned cells are inserted into (or replace cells of) their
 * <row> in <sheetData>, rows and cells staying in ascending order; every other byte of the part is
 * kept, except <dimension> (widened) and, when a written cell was the master of a shared formula,
 * the other cells of that group (they get their own formula text, so they keep computing the same).
 * Top-level elements added later (conditional formats, legacy drawing) go to their schema position.
 */
import { cellAddress, parseAddress } from "../../core/engine/address";
import { PreserveError } from "./package";
import {
  attr,
  attrs,
  escapeText,
  findElement,
  indexOfTag,
  NS,
  prefixOf,
  removeAttr,
  rootTag,
  setAttr,
  unescapeXml,
  type ElementSpan,
} from "./xml";
import { checkDefaultNamespace } from "./workbook";

/** ExcelJS's shared-formula sliding, loaded only when a shared formula is split up. */
function slideFormula(f: string, from: string, to: string): string {
  const m = require("exceljs/lib/utils/shared-formula") as {
    slideFormula: (f: string, from: string, to: string) => string;
  };
  return m.slideFormula(f, from, to);
}

/** CT_Worksheet children in schema order. */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** Content of a written cell: formula + cached value, or a plain value. */
export interface CellContent {
  formula?: string;
  value: number | string | boolean | null;
}

/** What an existing cell holds, for style decisions and safety checks. */
export interface ExistingCell {
  s: number;
  hasFormula: boolean;
  hasValue: boolean;
}

interface CellTok {
  col: number;
  start: number;
  /** Just past the start tag's '>'. */
  tagEnd: number;
  end: number;
  /** The start tag has an r attribute (a non-empty one). */
  named: boolean;
  info?: ExistingCell;
}

interface RowTok {
  r: number;
  start: number;
  end: number;
  tag: string;
  selfClosing: boolean;
  /** Body between <row> and </row>. */
  bodyStart: number;
  bodyEnd: number;
  explicitR: boolean;
  cells?: CellTok[];
  byCol?: (CellTok | undefined)[];
  /** rowStyle(), once per row. */
  style?: number;
}

const ERRORS = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!)$/;
// XML 1.0 forbids most control characters, even escaped.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

// Anything clean() changes; most texts have none of it.
// eslint-disable-next-line no-control-regex
const UNCLEAN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>]/;

function clean(s: string): string {
  if (!UNCLEAN.test(s)) return s;
  return escapeText(s.replace(CONTROL, ""));
}

/** The <c> element for a written cell. */
export function cellXml(ref: string, s: number, c: CellContent): string {
  const sAttr = s ? ` s="${s}"` : "";
  const v = c.value;
  if (c.formula !== undefined) {
    const f = `<f>${clean(c.formula.replace(/^=/, ""))}</f>`;
    if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)))
      return `<c r="${ref}"${sAttr}>${f}</c>`;
    if (typeof v === "number") return `<c r="${ref}"${sAttr}>${f}<v>${v}</v></c>`;
    if (typeof v === "boolean") return `<c r="${ref}"${sAttr} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
    if (ERRORS.test(v)) return `<c r="${ref}"${sAttr} t="e">${f}<v>${clean(v)}</v></c>`;
    return `<c r="${ref}"${sAttr} t="str">${f}<v>${clean(v)}</v></c>`;
  }
  if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)))
    return `<c r="${ref}"${sAttr}/>`;
  if (typeof v === "number") return `<c r="${ref}"${sAttr}><v>${v}</v></c>`;
  if (typeof v === "boolean") return `<c r="${ref}"${sAttr} t="b"><v>${v ? 1 : 0}</v></c>`;
  const space = /^\s|\s$/.test(v) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${sAttr} t="inlineStr"><is><t${space}>${clean(v)}</t></is></c>`;
}

/** Column (0-based) of an A1 reference's letters ('$' allowed), or -1 when it has none. */
function colOf(ref: string): number {
  let i = ref.charCodeAt(0) === 36 /* '$' */ ? 1 : 0;
  let n = 0;
  const stop = i + 3;
  for (; i < stop && i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch >= 65 && ch <= 90) n = n * 26 + (ch - 64);
    else if (ch >= 97 && ch <= 122) n = n * 26 + (ch - 96);
    else break;
  }
  return n - 1;
}

/** [A-Za-z0-9_]: what ends a tag name for the regex \b. */
function isWordChar(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95;
}

/**
 * attr(tag, 'r') of the cell start tag xml[start..gt], without a regex (or a copy of the tag) for
 * the usual `<c r="A1"...`.
 */
function cellRef(xml: string, start: number, gt: number): string | undefined {
  if (xml.startsWith('<c r="', start)) {
    const q = xml.indexOf('"', start + 6);
    if (q > 0 && q < gt) {
      const v = xml.slice(start + 6, q);
      return v.includes("&") ? unescapeXml(v) : v;
    }
  }
  return attr(xml.slice(start, gt + 1), "r");
}

function parseRange(
  ref: string
): { top: number; left: number; bottom: number; right: number } | undefined {
  const [a, b] = ref.split(":");
  const f = parseAddress(a);
  const t = parseAddress(b ?? a);
  if (!f || !t) return undefined;
  return { top: f.row, left: f.col, bottom: t.row, right: t.col };
}

export class SheetXml {
  private xml: string;
  private rows?: RowTok[];
  private readonly rowByR = new Map<number, RowTok>();
  private readonly pending = new Map<number, Map<number, string>>();
  private dataStart = 0;
  private dataEnd = 0;
  private dataSelfClosing = false;
  private colStyles?: { min: number; max: number; s: number }[];
  private arrays?: { top: number; left: number; bottom: number; right: number; ref: string }[];
  /** <sheetData> of the string `sdOf` (the part is 100s of KB: not searched again for each step). */
  private sdOf?: string;
  private sdSpan?: ElementSpan;
  /** The text "cfRule" occurs in <sheetData> (written cells never add a <cfRule> tag). */
  private dataHasCfRule?: boolean;

  constructor(
    xml: string,
    readonly part: string
  ) {
    checkDefaultNamespace(xml, part);
    this.xml = xml;
  }

  /** findElement(this.xml, 'sheetData'), kept while the string is the same. */
  private sheetData(): ElementSpan | undefined {
    if (this.sdOf !== this.xml) {
      this.sdSpan = findElement(this.xml, "sheetData");
      this.sdOf = this.xml;
    }
    return this.sdSpan;
  }

  /** The part becomes `xml`, whose <sheetData> is `span` (as findElement would find it). */
  private setXml(xml: string, span: ElementSpan | undefined): void {
    this.xml = xml;
    this.sdOf = xml;
    this.sdSpan = span;
  }

  private index(): RowTok[] {
    if (this.rows) return this.rows;
    const sd = this.sheetData();
    if (!sd)
      throw new PreserveError(
        `Bagian ${this.part} tidak memiliki <sheetData>.`,
        `Part ${this.part} has no <sheetData>.`
      );
    this.dataStart = sd.start;
    this.dataEnd = sd.end;
    this.dataSelfClosing = sd.selfClosing;
    const rows: RowTok[] = [];
    if (!sd.selfClosing) {
      const re = /<row\b[^>]*?(\/?)>/g;
      re.lastIndex = sd.openEnd;
      let prev = 0;
      const stop = sd.end;
      for (let m = re.exec(this.xml); m && m.index < stop; m = re.exec(this.xml)) {
        const tag = m[0];
        const rAttr = attr(tag, "r");
        const r = rAttr ? Number(rAttr) : prev + 1;
        prev = r;
        const selfClosing = m[1] === "/";
        const bodyStart = m.index + tag.length;
        let bodyEnd = bodyStart;
        let end = bodyStart;
        if (!selfClosing) {
          bodyEnd = this.xml.indexOf("</row>", bodyStart);
          if (bodyEnd < 0)
            throw new PreserveError(
              `Bagian ${this.part} rusak (<row> tanpa penutup).`,
              `Part ${this.part} is damaged (<row> not closed).`
            );
          end = bodyEnd + 6;
          re.lastIndex = end;
        }
        const tok: RowTok = {
          r,
          start: m.index,
          end,
          tag,
          selfClosing,
          bodyStart,
          bodyEnd,
          explicitR: !!rAttr,
        };
        rows.push(tok);
        this.rowByR.set(r, tok);
      }
    }
    this.rows = rows;
    return rows;
  }

  private cellsOf(row: RowTok): CellTok[] {
    if (row.cells) return row.cells;
    const cells: CellTok[] = [];
    if (!row.selfClosing) {
      const xml = this.xml;
      const from = row.bodyStart;
      const to = row.bodyEnd;
      const body = xml.slice(from, to);
      if (body.includes(":c") && /<[A-Za-z_][\w.-]*:c[\s/>]/.test(body)) {
        // (Searched in the row only: an indexOf on the part would read on to its end.)
        throw new PreserveError(
          `Bagian ${this.part} memakai sel berawalan namespace yang belum didukung untuk ditulis.`,
          `Part ${this.part} uses namespace-prefixed cells, which cannot be written yet.`
        );
      }
      // A scan by hand, as /<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g over the row body would match:
      // the cell's start tag ends at its first '>', its element at the first '</c>' after it.
      let prev = -1;
      let i = xml.indexOf("<c", from);
      while (i >= 0 && i + 2 < to) {
        if (isWordChar(xml.charCodeAt(i + 2))) {
          i = xml.indexOf("<c", i + 1);
          continue;
        }
        const gt = xml.indexOf(">", i + 2);
        if (gt < 0 || gt >= to) break;
        let end: number;
        if (xml.charCodeAt(gt - 1) === 47 /* '/' */) end = gt + 1;
        else {
          const close = xml.indexOf("</c>", gt + 1);
          if (close < 0 || close + 4 > to) {
            i = xml.indexOf("<c", i + 1);
            continue;
          }
          end = close + 4;
        }
        const r = cellRef(xml, i, gt);
        const col = r ? colOf(r) : prev + 1;
        prev = col;
        cells.push({ col, start: i, tagEnd: gt + 1, end, named: !!r });
        i = xml.indexOf("<c", end);
      }
    }
    row.cells = cells;
    // The first cell of a column, as find() gave it.
    row.byCol = [];
    for (let k = cells.length - 1; k >= 0; k--) row.byCol[cells[k].col] = cells[k];
    return cells;
  }

  /** The start tag of a cell token. */
  private tagOf(c: CellTok): string {
    return this.xml.slice(c.start, c.tagEnd);
  }

  /** The whole <c> element of a cell token (row tokens always describe the current string). */
  private bodyOf(c: CellTok): string {
    return this.xml.slice(c.start, c.end);
  }

  /** The existing cell at (row, col), 0-based, or undefined. */
  cell(row: number, col: number): ExistingCell | undefined {
    this.index();
    const rt = this.rowByR.get(row + 1);
    if (!rt) return undefined;
    this.cellsOf(rt);
    const c = rt.byCol?.[col];
    if (!c) return undefined;
    // Asked up to five times per written cell (its style, the look from the left): kept on the token.
    c.info ??= {
      s: Number(attr(this.tagOf(c), "s") || 0),
      hasFormula: /<f\b/.test(this.bodyOf(c)),
      hasValue: /<v\b|<is\b/.test(this.bodyOf(c)),
    };
    return c.info;
  }

  /** Style index of the row's default style (customFormat rows), or 0. */
  rowStyle(row: number): number {
    this.index();
    const rt = this.rowByR.get(row + 1);
    if (!rt) return 0;
    if (rt.style === undefined) {
      // Without the attribute name in the tag there is no customFormat to read.
      const a = rt.tag.includes("customFormat") ? attrs(rt.tag) : {};
      rt.style = a.customFormat === "1" || a.customFormat === "true" ? Number(a.s || 0) : 0;
    }
    return rt.style;
  }

  /** Style of column `col` (0-based) from <cols>, or 0: what Excel shows in a cell not yet written. */
  colStyle(col: number): number {
    if (!this.colStyles) {
      this.colStyles = [];
      const cols = findElement(this.xml, "cols");
      if (cols && !cols.selfClosing) {
        for (const m of this.xml.slice(cols.openEnd, cols.end).matchAll(/<col\b[^>]*>/g)) {
          const a = attrs(m[0]);
          if (a.style)
            this.colStyles.push({ min: Number(a.min), max: Number(a.max), s: Number(a.style) });
        }
      }
    }
    return this.colStyles.find((c) => col + 1 >= c.min && col + 1 <= c.max)?.s ?? 0;
  }

  /** Array-formula and data-table ranges (a written cell must not fall inside one). */
  private arrayRanges(): {
    top: number;
    left: number;
    bottom: number;
    right: number;
    ref: string;
  }[] {
    if (this.arrays) return this.arrays;
    this.arrays = [];
    if (/t="(array|dataTable)"/.test(this.xml)) {
      for (const m of this.xml.matchAll(/<f\b[^>]*\bt="(?:array|dataTable)"[^>]*>/g)) {
        const ref = attrs(m[0]).ref;
        const rg = ref ? parseRange(ref) : undefined;
        if (rg && (rg.top !== rg.bottom || rg.left !== rg.right)) this.arrays.push({ ...rg, ref });
      }
    }
    return this.arrays;
  }

  /** Queue the cell (row, col) to become `content` with style `s`. */
  set(row: number, col: number, s: number, content: CellContent): void {
    const inArray = this.arrayRanges().find(
      (a) => row >= a.top && row <= a.bottom && col >= a.left && col <= a.right
    );
    if (inArray) {
      throw new PreserveError(
        `Sel ${cellAddress(row, col)} di ${this.part} termasuk rumus array ${inArray.ref}; Monev tidak menulis ke dalam rumus array. Berkas tidak diubah.`,
        `Cell ${cellAddress(row, col)} in ${this.part} is part of the array formula ${inArray.ref}; Monev does not write into array formulas. The file was not changed.`
      );
    }
    let m = this.pending.get(row + 1);
    if (!m) this.pending.set(row + 1, (m = new Map()));
    m.set(col, cellXml(cellAddress(row, col), s, content));
  }

  get dirty(): boolean {
    return this.pending.size > 0;
  }

  /** Apply queued cells to the XML. */
  private flush(): void {
    if (this.pending.size === 0) return;
    this.index();
    this.unshareMasters();
    const rows = this.index();
    const pendingRows = [...this.pending.keys()].sort((a, b) => a - b);
    const parts: string[] = [];
    let cursor = this.dataStart;
    let pi = 0;
    const sd = this.sheetData() ?? {
      tag: "<sheetData>",
      start: this.dataStart,
      openEnd: this.dataStart,
    };
    const head = this.dataSelfClosing ? "<sheetData>" : this.xml.slice(sd.start, sd.openEnd);
    parts.push(head);
    cursor = this.dataSelfClosing ? this.dataEnd : sd.openEnd;
    for (const rt of rows) {
      while (pi < pendingRows.length && pendingRows[pi] < rt.r) {
        parts.push(this.xml.slice(cursor, rt.start));
        cursor = rt.start;
        this.newRow(pendingRows[pi], parts);
        pi++;
      }
      if (pi < pendingRows.length && pendingRows[pi] === rt.r) {
        parts.push(this.xml.slice(cursor, rt.start));
        this.patchRow(rt, this.pending.get(rt.r) as Map<number, string>, parts);
        cursor = rt.end;
        pi++;
      } else if (!rt.explicitR) {
        // Rows without r are numbered by position: name them so inserted rows cannot shift them.
        parts.push(this.xml.slice(cursor, rt.start));
        parts.push(setAttr(rt.tag, "r", String(rt.r)));
        cursor = rt.start + rt.tag.length;
      }
    }
    const closeAt = this.dataSelfClosing ? this.dataEnd : this.dataEnd - "</sheetData>".length;
    parts.push(this.xml.slice(cursor, closeAt));
    for (; pi < pendingRows.length; pi++) this.newRow(pendingRows[pi], parts);
    parts.push("</sheetData>");
    // The part is rebuilt in one join (each new string of its size costs a copy): the text before
    // <sheetData>, with <dimension> widened when it is there, then the rows, then the rest.
    const old = this.xml;
    const dim = findElement(old, "dimension");
    const dimBefore = !!dim && dim.end <= this.dataStart;
    const front: string[] = [];
    if (dim && dimBefore) {
      const tag = this.widenedDimension(dim);
      if (tag !== undefined)
        front.push(old.slice(0, dim.start), tag, old.slice(dim.end, this.dataStart));
      else front.push(old.slice(0, this.dataStart));
    } else front.push(old.slice(0, this.dataStart));
    const frontLength = front.reduce((n, x) => n + x.length, 0);
    const tail = old.slice(this.dataEnd);
    const xml = [...front, ...parts, tail].join("");
    // The new <sheetData> is the first one and ends at its own end tag: written text is escaped.
    this.setXml(xml, {
      start: frontLength,
      openEnd: frontLength + head.length,
      end: xml.length - tail.length,
      selfClosing: false,
      tag: head,
    });
    if (!dimBefore) this.widenDimension();
    this.pending.clear();
    this.rows = undefined;
    this.rowByR.clear();
    this.arrays = undefined;
  }

  /** A new <row> of pending cells, appended to `out`. */
  private newRow(r: number, out: string[]): void {
    const cells = [...(this.pending.get(r) as Map<number, string>).entries()].sort(
      (a, b) => a[0] - b[0]
    );
    out.push(`<row r="${r}">${cells.map((c) => c[1]).join("")}</row>`);
  }

  /** The row with its pending cells, appended to `out` in pieces (joined once with the part). */
  private patchRow(rt: RowTok, writes: Map<number, string>, out: string[]): void {
    const cells = this.cellsOf(rt);
    let tag = rt.selfClosing ? rt.tag.replace(/\s*\/>$/, ">") : rt.tag;
    if (!rt.explicitR) tag = setAttr(tag, "r", String(rt.r));
    const cols = [...writes.keys()].sort((a, b) => a - b);
    const spans = attr(tag, "spans");
    const sm = spans ? /^(\d+):(\d+)$/.exec(spans) : null;
    if (sm) {
      const lo = Math.min(Number(sm[1]), cols[0] + 1);
      const hi = Math.max(Number(sm[2]), cols[cols.length - 1] + 1);
      tag = setAttr(tag, "spans", `${lo}:${hi}`);
    } else if (spans) tag = removeAttr(tag, "spans");
    out.push(tag);
    let cursor = rt.bodyStart;
    let wi = 0;
    // Unchanged cells are copied as one slice per run, up to the next written or renamed cell.
    for (const c of cells) {
      while (wi < cols.length && cols[wi] < c.col) {
        out.push(this.xml.slice(cursor, c.start));
        cursor = c.start;
        out.push(writes.get(cols[wi]) as string);
        wi++;
      }
      if (wi < cols.length && cols[wi] === c.col) {
        out.push(this.xml.slice(cursor, c.start));
        out.push(writes.get(cols[wi]) as string);
        wi++;
        cursor = c.end;
      } else if (!c.named) {
        out.push(this.xml.slice(cursor, c.start));
        out.push(
          setAttr(this.tagOf(c), "r", cellAddress(rt.r - 1, c.col)) +
            this.xml.slice(c.tagEnd, c.end)
        );
        cursor = c.end;
      }
    }
    // Remaining writes go after the last cell, before a row <extLst> if any.
    const rest = rt.selfClosing ? "" : this.xml.slice(cursor, rt.bodyEnd);
    const ext = rest.indexOf("<extLst");
    out.push(ext >= 0 ? rest.slice(0, ext) : rest);
    for (; wi < cols.length; wi++) out.push(writes.get(cols[wi]) as string);
    if (ext >= 0) out.push(rest.slice(ext));
    out.push("</row>");
  }

  /**
   * A written cell that was the master of a shared formula: the group's other cells lose their
   * master, so each of them gets its own formula text (slid from the master's) first.
   */
  private unshareMasters(): void {
    const groups: { si: string; master: string; formula: string }[] = [];
    for (const [r, cols] of this.pending) {
      const rt = this.rowByR.get(r);
      if (!rt) continue;
      for (const col of cols.keys()) {
        this.cellsOf(rt);
        const c = rt.byCol?.[col];
        const f = c && /<f\b[^>]*>([^<]*)<\/f>/.exec(this.bodyOf(c));
        if (!c || !f) continue;
        const fa = attrs(f[0]);
        if (fa.t === "shared" && fa.ref && fa.si !== undefined) {
          groups.push({ si: fa.si, master: cellAddress(r - 1, col), formula: f[1] });
        }
      }
    }
    if (groups.length === 0) return;
    const sd = this.sheetData();
    if (!sd) return;
    let body = this.xml.slice(sd.openEnd, sd.end - "</sheetData>".length);
    for (const g of groups) {
      const re = new RegExp(
        `(<c\\b(?:[^>]*[^/>])?>)((?:(?!</c>)[\\s\\S])*?)<f\\b[^>]*\\bsi="${g.si}"[^>]*?(?:/>|></f>)`,
        "g"
      );
      body = body.replace(re, (all: string, ctag: string, before: string) => {
        const ref = attrs(ctag).r;
        if (!ref) {
          throw new PreserveError(
            `Rumus bersama (shared formula) di ${this.part} tanpa alamat sel; tidak dapat ditulis dengan aman.`,
            `A shared formula in ${this.part} has cells without an address; it cannot be written safely.`
          );
        }
        const slid = slideFormula(
          g.formula.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">"),
          g.master,
          ref
        );
        return `${ctag}${before}<f>${escapeText(slid)}</f>`;
      });
    }
    this.xml =
      this.xml.slice(0, sd.openEnd) + body + this.xml.slice(sd.end - "</sheetData>".length);
    this.rows = undefined;
    this.rowByR.clear();
    this.index();
  }

  private widenDimension(): void {
    const dim = findElement(this.xml, "dimension");
    if (!dim) return;
    const tag = this.widenedDimension(dim);
    if (tag !== undefined) {
      const sd = this.sheetData();
      const xml = this.xml.slice(0, dim.start) + tag + this.xml.slice(dim.end);
      // <dimension> precedes <sheetData>: the latter only moves.
      if (sd && dim.end <= sd.start) {
        const d = tag.length - dim.tag.length;
        this.setXml(xml, { ...sd, start: sd.start + d, openEnd: sd.openEnd + d, end: sd.end + d });
      } else this.xml = xml;
    }
  }

  /** The <dimension> start tag covering the pending cells too; undefined when it already does. */
  private widenedDimension(dim: ElementSpan): string | undefined {
    const ref = attrs(dim.tag).ref;
    const rg = ref ? parseRange(ref) : undefined;
    let { top, left, bottom, right } = rg ?? {
      top: Infinity,
      left: Infinity,
      bottom: -1,
      right: -1,
    };
    for (const [r, cols] of this.pending) {
      for (const c of cols.keys()) {
        top = Math.min(top, r - 1);
        bottom = Math.max(bottom, r - 1);
        left = Math.min(left, c);
        right = Math.max(right, c);
      }
    }
    const next =
      top === bottom && left === right
        ? cellAddress(top, left)
        : `${cellAddress(top, left)}:${cellAddress(bottom, right)}`;
    return next !== ref ? setAttr(dim.tag, "ref", next) : undefined;
  }

  /** Insert a top-level element (e.g. conditionalFormatting) at its schema position. */
  insertElement(name: string, elementXml: string): void {
    this.flush();
    const sd = this.sheetData();
    const from = sd ? sd.end : 0;
    const later = WORKSHEET_ORDER.slice(WORKSHEET_ORDER.indexOf(name) + 1);
    let at = -1;
    for (const n of later) {
      const i = indexOfTag(this.xml, n, from);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
    if (at >= 0) {
      // Elements Excel wraps in mc:AlternateContent (controls, oleObjects): insert before the wrapper.
      // (The last one at or before `at`, looked for after <sheetData> only.)
      const AC = "<mc:AlternateContent";
      const k = this.xml.slice(from, at + AC.length).lastIndexOf(AC);
      const ac = k < 0 ? -1 : from + k;
      if (ac >= from && this.xml.indexOf("</mc:AlternateContent>", ac) > at) at = ac;
    } else at = this.xml.lastIndexOf("</worksheet>");
    const xml = this.xml.slice(0, at) + elementXml + this.xml.slice(at);
    // Inserted after <sheetData>, which stays where it was.
    if (sd && at >= sd.end) this.setXml(xml, sd);
    else this.xml = xml;
  }

  has(name: string): boolean {
    return indexOfTag(this.xml, name) >= 0;
  }

  /** The attributes of the first top-level element `name`, if present. */
  elementAttrs(name: string): Record<string, string> | undefined {
    const el = findElement(this.xml, name);
    return el ? attrs(el.tag) : undefined;
  }

  /** The prefix bound to the relationships namespace, declaring `r` on the root when missing. */
  relPrefix(): string {
    // Declaring the prefix moves every row: queued cells are written first, so the row tokens
    // (positions in the string) are never used on a string they do not describe.
    this.flush();
    const root = rootTag(this.xml);
    if (!root) return "r";
    const p = prefixOf(root.tag, NS.rel);
    if (p) return p;
    const name = attrs(root.tag)["xmlns:r"] === undefined ? "r" : "monevr";
    this.xml =
      this.xml.slice(0, root.start) +
      setAttr(root.tag, `xmlns:${name}`, NS.rel) +
      this.xml.slice(root.start + root.tag.length);
    return name;
  }

  /** Highest conditional-format priority in the sheet (x14 ones included). */
  maxPriority(): number {
    let max = 0;
    const scan = (s: string) => {
      for (const m of s.matchAll(/<(?:\w+:)?cfRule\b[^>]*\bpriority="(\d+)"/g))
        max = Math.max(max, Number(m[1]));
    };
    // Rules live after <sheetData>; its cells are only searched when they mention one at all.
    const sd = this.sheetData();
    if (sd && !sd.selfClosing)
      this.dataHasCfRule ??= this.xml.slice(sd.start, sd.end).includes("cfRule");
    if (!sd || sd.selfClosing || this.dataHasCfRule) scan(this.xml);
    else {
      scan(this.xml.slice(0, sd.start));
      scan(this.xml.slice(sd.end));
    }
    return max;
  }

  toString(): string {
    this.flush();
    return this.xml;
  }
}
