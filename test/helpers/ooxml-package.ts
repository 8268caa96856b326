/**
 * Build .xlsx/.xlsm packages in tests from raw XML parts (fflate), so a test controls every byte a
 * writer like Excel, LibreOffice or openpyxl would produce (charts, pivots, macros, prefixes...),
 * and read packages back as decompressed parts for byte comparisons.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { cellAddress } from "../../src/core/engine/address";
import type { SheetGrid } from "../../src/core/engine/types";

export type Parts = Record<string, string | Uint8Array>;

export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function zipParts(parts: Parts): Buffer {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(parts)) z[k] = typeof v === "string" ? strToU8(v) : v;
  return Buffer.from(zipSync(z));
}

export function unzipParts(buf: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(buf);
}

export function unzipText(buf: Uint8Array, part: string): string {
  const p = unzipSync(buf)[part];
  if (!p) throw new Error(`no part ${part}`);
  return strFromU8(p);
}

export function rels(
  list: { id: string; type: string; target: string; external?: boolean }[]
): string {
  const items = list
    .map(
      (r) =>
        `<Relationship Id="${r.id}" Type="${r.type.startsWith("http") ? r.type : `${REL}/${r.type}`}" Target="${r.target}"${r.external ? ' TargetMode="External"' : ""}/>`
    )
    .join("");
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items}</Relationships>`;
}

export function contentTypes(
  overrides: Record<string, string>,
  defaults: Record<string, string> = {}
): string {
  const d = {
    rels: "application/vnd.openxmlformats-package.relationships+xml",
    xml: "application/xml",
    ...defaults,
  };
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    Object.entries(d)
      .map(([e, t]) => `<Default Extension="${e}" ContentType="${t}"/>`)
      .join("") +
    Object.entries(overrides)
      .map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`)
      .join("") +
    "</Types>"
  );
}

export const CT = {
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  macroWorkbook: "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  sst: "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  pivotTable: "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml",
  pivotCache:
    "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml",
  pivotRecords: "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml",
  externalLink: "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml",
  core: "application/vnd.openxmlformats-package.core-properties+xml",
  app: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
  custom: "application/vnd.openxmlformats-officedocument.custom-properties+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
  vba: "application/vnd.ms-office.vbaProject",
  printer: "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings",
};

/** A small styles.xml: xf 1 = bold bordered header, xf 2 = bordered body, xf 3 = bordered '0.0'; a named style and one dxf. */
export const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>' +
  '<fonts count="2" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color indexed="64"/></left><right style="thin"><color indexed="64"/></right><top style="thin"><color indexed="64"/></top><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="1" applyFont="1" applyBorder="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/></cellXfs>' +
  '<cellStyles count="2"><cellStyle name="Normal" xfId="0" builtinId="0"/><cellStyle name="Judul Monev" xfId="1"/></cellStyles>' +
  '<dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font></dxf></dxfs><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
  "</styleSheet>";

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * <sheetData> of a grid: text through the shared-string table `sst` (appended to), numbers as
 * <v>, formulas with their cached value; header row (row 1) style 1, other cells style 2.
 * `extra` adds raw cells ('K2' -> '<c r="K2">...</c>'), merged in column order.
 */
export function sheetData(
  grid: SheetGrid,
  sst: string[],
  extra: Record<string, string> = {},
  style = true
): string {
  const rows = new Map<number, Map<number, string>>();
  const put = (r: number, c: number, xml: string) => {
    if (!rows.has(r)) rows.set(r, new Map());
    (rows.get(r) as Map<number, string>).set(c, xml);
  };
  grid.cells.forEach((rowCells, r) =>
    rowCells?.forEach((cell, c) => {
      if (!cell) return;
      const ref = cellAddress(r, c);
      const s = style ? ` s="${r === 0 ? 1 : 2}"` : "";
      const v = cell.value;
      const f = cell.formula ? `<f>${esc(cell.formula)}</f>` : "";
      if (typeof v === "number") put(r, c, `<c r="${ref}"${s}>${f}<v>${v}</v></c>`);
      else if (typeof v === "string" && cell.formula)
        put(r, c, `<c r="${ref}"${s} t="str">${f}<v>${esc(v)}</v></c>`);
      else if (typeof v === "string") {
        let i = sst.indexOf(v);
        if (i < 0) i = sst.push(v) - 1;
        put(r, c, `<c r="${ref}"${s} t="s"><v>${i}</v></c>`);
      }
    })
  );
  for (const [ref, xml] of Object.entries(extra)) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) throw new Error(ref);
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    put(Number(m[2]) - 1, col - 1, xml);
  }
  const out: string[] = [];
  for (const r of [...rows.keys()].sort((a, b) => a - b)) {
    const cols = [...(rows.get(r) as Map<number, string>).entries()].sort((a, b) => a[0] - b[0]);
    const span = `${cols[0][0] + 1}:${cols[cols.length - 1][0] + 1}`;
    out.push(
      `<row r="${r + 1}" spans="${span}" x14ac:dyDescent="0.25">${cols.map((c) => c[1]).join("")}</row>`
    );
  }
  return `<sheetData>${out.join("")}</sheetData>`;
}

export function sharedStrings(sst: string[]): string {
  return `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${sst.length}" uniqueCount="${sst.length}">${sst.map((s) => `<si><t>${esc(s)}</t></si>`).join("")}</sst>`;
}

/** The worksheet root with the namespaces Excel declares. */
export function worksheet(body: string): string {
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_R}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
    `mc:Ignorable="x14ac xr" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xr:uid="{00000000-0001-0000-0000-000000000000}">` +
    `${body}</worksheet>`
  );
}

/** Every cell of a sheet part: ref -> { f, v, t, s } (formula text unescaped). */
export function readCells(
  sheetXml: string
): Map<string, { f?: string; v?: string; t?: string; s?: string; is?: string }> {
  const out = new Map<string, { f?: string; v?: string; t?: string; s?: string; is?: string }>();
  const un = (s: string) =>
    s
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
  for (const m of sheetXml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const a = Object.fromEntries(
      [...m[1].matchAll(/([\w:]+)="([^"]*)"/g)].map((x) => [x[1], x[2]])
    );
    const body = m[2] ?? "";
    const f = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(body)?.[1];
    const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    const is = /<is>[\s\S]*?<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1];
    out.set(a.r, {
      f: f === undefined ? undefined : un(f),
      v: v === undefined ? undefined : un(v),
      t: a.t,
      s: a.s,
      is: is === undefined ? undefined : un(is),
    });
  }
  return out;
}
