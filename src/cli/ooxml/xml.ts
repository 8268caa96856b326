/**
 * String-level helpers for well-formed OOXML. The patcher edits parts in place instead of
 * re-serialising them, so everything it does not touch keeps its exact bytes; a light scan over
 * tags is enough for that (no general XML parser: OOXML parts have no DTDs and no CDATA in the
 * places we look). Every helper works on unprefixed SpreadsheetML names; parts that bind the main
 * namespace to a prefix (`<x:worksheet>`) are refused before they reach these helpers.
 */

const TEXT_SPECIAL = /[&<>]/;

export function escapeText(s: string): string {
  if (!TEXT_SPECIAL.test(s)) return s;
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;");
}

export function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-fA-F]+|#\d+);/g, (m, e: string) => {
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    if (e === "amp") return "&";
    const code = e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : m;
  });
}

/** Attributes of a start tag (`<c r="A1" s="3">` or `<c r="A1"/>`), values unescaped. */
export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const inner = tag.replace(/^<[\w:.-]+/, "");
  for (let m = re.exec(inner); m; m = re.exec(inner)) {
    const v = m[2] ?? m[3] ?? "";
    out[m[1]] = v.includes("&") ? unescapeXml(v) : v;
  }
  return out;
}

const ATTR_RES = new Map<string, RegExp>();

/** One attribute of a start tag (fast path for hot loops), unescaped; undefined when absent. */
export function attr(tag: string, name: string): string | undefined {
  let re = ATTR_RES.get(name);
  if (!re)
    ATTR_RES.set(
      name,
      (re = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`))
    );
  const m = re.exec(tag);
  if (!m) return undefined;
  const v = m[1] ?? m[2] ?? "";
  return v.includes("&") ? unescapeXml(v) : v;
}

/** Set (or add) one attribute of a start tag; the other attributes keep their bytes. */
const SET_RES = new Map<string, RegExp>();

export function setAttr(tag: string, name: string, value: string): string {
  let re = SET_RES.get(name);
  if (!re)
    SET_RES.set(
      name,
      (re = new RegExp(`(\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*)(?:"[^"]*"|'[^']*')`))
    );
  if (re.test(tag)) return tag.replace(re, `$1"${escapeAttr(value)}"`);
  return tag.replace(/\s*(\/?>)$/, ` ${name}="${escapeAttr(value)}"$1`);
}

export function removeAttr(tag: string, name: string): string {
  return tag.replace(
    new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"[^"]*"|'[^']*')`),
    ""
  );
}

export interface ElementSpan {
  /** Index of '<'. */
  start: number;
  /** Index just past the start tag's '>'. */
  openEnd: number;
  /** Index just past the element (its end tag, or the start tag when self-closing). */
  end: number;
  selfClosing: boolean;
  /** The start tag text. */
  tag: string;
}

/** Index of the first `<name` start tag (exact name, then whitespace, '>' or '/') at or after `from`. */
export function indexOfTag(xml: string, name: string, from = 0): number {
  const needle = `<${name}`;
  for (let i = xml.indexOf(needle, from); i >= 0; i = xml.indexOf(needle, i + 1)) {
    const ch = xml.charCodeAt(i + needle.length);
    // space, tab, CR, LF, '>' or '/'
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 62 || ch === 47) return i;
  }
  return -1;
}

/** The first `<name>` element at or after `from` (elements of that name must not nest). */
export function findElement(xml: string, name: string, from = 0): ElementSpan | undefined {
  const start = indexOfTag(xml, name, from);
  if (start < 0) return undefined;
  const gt = xml.indexOf(">", start);
  if (gt < 0) return undefined;
  const tag = xml.slice(start, gt + 1);
  if (tag.endsWith("/>")) return { start, openEnd: gt + 1, end: gt + 1, selfClosing: true, tag };
  const close = xml.indexOf(`</${name}>`, gt + 1);
  if (close < 0) return undefined;
  return { start, openEnd: gt + 1, end: close + name.length + 3, selfClosing: false, tag };
}

/** Every `<name>` element at or after `from`, in order (non-nesting elements only). */
export function findElements(xml: string, name: string, from = 0, to = xml.length): ElementSpan[] {
  const out: ElementSpan[] = [];
  for (let e = findElement(xml, name, from); e && e.start < to; e = findElement(xml, name, e.end))
    out.push(e);
  return out;
}

/** The prefix bound to `uri` in the root element (e.g. 'r'), '' for the default namespace, or undefined. */
export function prefixOf(rootTag: string, uri: string): string | undefined {
  for (const [k, v] of Object.entries(attrs(rootTag))) {
    if (v !== uri) continue;
    if (k === "xmlns") return "";
    if (k.startsWith("xmlns:")) return k.slice(6);
  }
  return undefined;
}

/** The root element's start tag (after the XML declaration and any comments). */
export function rootTag(xml: string): { tag: string; start: number; name: string } | undefined {
  const re = /<([A-Za-z_][\w.-]*(?::[\w.-]+)?)[\s/>]/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const start = m.index;
    const gt = xml.indexOf(">", start);
    if (gt < 0) return undefined;
    return { tag: xml.slice(start, gt + 1), start, name: m[1] };
  }
  return undefined;
}

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  strictMain: "http://purl.oclc.org/ooxml/spreadsheetml/main",
};
