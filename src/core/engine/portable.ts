/**
 * "Portable" workbooks: replace every MONEV.* custom-function call in a formula by the native
 * formula that the core's *Formula builders produce, so the workbook calculates in Excel without
 * the add-in, in LibreOffice and in any other spreadsheet.
 *
 * Spellings of an add-in call found in saved files:
 * - `MONEV.CAPAIAN(B2,C2)`: the text as typed (and as the Office JavaScript API returns it).
 * - `_xldudf_MONEV_CAPAIAN(B2,C2)`: how Excel stores a JavaScript custom function in the .xlsx
 *   (the namespace dot becomes '_'); Excel shows this name when the add-in is not loaded.
 *   A broken variant with an external-link prefix `[2]!_xldudf_MONEV_CAPAIAN(` also occurs
 *   (OfficeDev/office-js#2568).
 * - `_xll.MONEV.CAPAIAN(...)`: the XLL/COM-compatible spelling.
 * - `__xludf.DUMMYFUNCTION("MONEV.CAPAIAN(B2,C2)")`: Google Sheets' export of unknown functions,
 *   usually wrapped as `IFERROR(__xludf.DUMMYFUNCTION("..."),cached)`.
 *
 * Pure: no I/O. Arguments that must be known when the formula is built (direction, cap, scale)
 * may be literals or cell references; references are read through the optional `resolve`
 * callback (the CLI passes the workbook's values), and the resulting formula is then fixed to that
 * value (documented in the portable command's help).
 */
import { Arah, parseArah } from "../arah";
import { capaian } from "../capaian";
import { CellValue, MonevError, isMonevError } from "../errors";
import { isAmbiguousNumberError, parseAngka } from "../number";
import { Scale, ScaleSet, getScale, predikat, scaleFromTable } from "../predikat";
import { bobot, efisiensi, serapan } from "../anggaran";
import { rata } from "../rata";
import { terbilang } from "../terbilang";
import { columnLetter } from "./address";

export interface PortableOptions {
  /**
   * Value of a cell reference as written in the formula (e.g. 'B2', '$B$2', 'Data!B2'). Ranges
   * ('B2:C4') are read cell by cell through it.
   */
  resolve?: (ref: string) => CellValue;
  /** The caller's own scales by id (e.g. a user table as 'custom'), for MONEV.PREDIKAT(x, "custom"). */
  scales?: ScaleSet;
}

export interface PortableResult {
  /** Native formula text, English syntax, without '='. */
  formula: string;
  /**
   * Cached value of the native formula, when every input could be resolved; undefined otherwise
   * (the caller then keeps the old cached result or asks for a recalculation on load).
   */
  value?: number | string;
  /** Number of MONEV calls replaced. */
  calls: number;
  /** Excel error the native formula evaluates to ('#DIV/0!', '#N/A', ...) when known; value is then undefined. */
  error?: string;
  /**
   * Indonesian notes: calls replaced by their value (no native formula exists), inputs the native
   * formula reads differently from MONEV (text numbers), results that spill over a range.
   */
  notes?: string[];
}

/**
 * Value of an argument when it is known: literal, resolved reference or computed nested call
 * (a MonevError when the call evaluates to an Excel error).
 */
type Known = { known: true; value: CellValue | MonevError } | { known: false };

interface Converted {
  text: string;
  value: Known;
}

interface FunctionSpec {
  minArgs: number;
  maxArgs: number;
  build(
    args: Converted[],
    raw: string[],
    opts: PortableOptions,
    notes?: string[]
  ): Converted | MonevError;
}

const UNKNOWN: Known = { known: false };

const CALL_RE =
  /(\[\d+\]!)?(?:_xldudf_MONEV_|_xll\.MONEV[._]|MONEV\.)([A-Za-z][A-Za-z0-9_]*)\s*\(/giy;
const DUMMY_RE = /__xludf\.DUMMYFUNCTION\s*\(/iy;
const REF_RE = /^(?:(?:'[^']+'|[A-Za-z0-9_.]+)!)?\$?[A-Za-z]{1,3}\$?\d{1,7}$/;
const NUM_RE = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const SIMPLE_RE =
  /^(?:(?:'[^']+'|[A-Za-z0-9_.]+)!)?\$?[A-Za-z]{1,3}\$?\d{1,7}(?::\$?[A-Za-z]{1,3}\$?\d{1,7})?$|^\d+(?:\.\d+)?$|^"(?:[^"]|"")*"$/;
const RANGE_RE =
  /^((?:'[^']+'|[A-Za-z0-9_.]+)!)?\$?([A-Za-z]{1,3})\$?(\d{1,7}):\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
/** Cells read from one range argument at most (a scale table, a RATA range, a TERBILANG range). */
const MAX_RANGE_CELLS = 10000;

function err(id: string, en: string): MonevError {
  return new MonevError("VALUE", id, en);
}

/** Index of the ')' closing the '(' at `open`, skipping string literals; -1 when unbalanced. */
function closingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"') {
      i++;
      while (i < s.length) {
        if (s[i] === '"') {
          if (s[i + 1] === '"') i += 2;
          else break;
        } else i++;
      }
      continue;
    }
    if (ch === "'") {
      i++;
      while (i < s.length && s[i] !== "'") i++;
      continue;
    }
    if (ch === "(" || ch === "{") depth++;
    else if (ch === ")" || ch === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Split the text between a call's parentheses at top-level commas. */
function splitArgs(inner: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === '"') {
      i++;
      while (i < inner.length) {
        if (inner[i] === '"') {
          if (inner[i + 1] === '"') i += 2;
          else break;
        } else i++;
      }
      continue;
    }
    if (ch === "'") {
      i++;
      while (i < inner.length && inner[i] !== "'") i++;
      continue;
    }
    if (ch === "(" || ch === "{") depth++;
    else if (ch === ")" || ch === "}") depth--;
    else if (ch === "," && depth === 0) {
      out.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = inner.slice(start).trim();
  if (out.length > 0 || last !== "") out.push(last);
  return out;
}

function isBoundary(s: string, i: number): boolean {
  if (i === 0) return true;
  return !/[A-Za-z0-9_.$\]]/.test(s[i - 1]);
}

function unquote(s: string): string {
  return s.slice(1, -1).replace(/""/g, '"');
}

/** Value of a literal or reference argument, as far as it can be known. */
function literalValue(text: string, opts: PortableOptions): Known {
  const t = text.trim();
  if (t === "") return { known: true, value: null };
  if (/^"(?:[^"]|"")*"$/.test(t)) return { known: true, value: unquote(t) };
  if (NUM_RE.test(t)) return { known: true, value: Number(t) };
  if (/^(TRUE|FALSE)$/i.test(t)) return { known: true, value: /^TRUE$/i.test(t) };
  if (REF_RE.test(t) && opts.resolve) return { known: true, value: opts.resolve(t) };
  return UNKNOWN;
}

function wrap(text: string): string {
  const t = text.trim();
  return SIMPLE_RE.test(t) ? t : `(${t})`;
}

/** A build-time argument (direction, cap, scale): literal, or a reference read via resolve. */
function staticArg(a: Converted | undefined, what: string, whatEn: string): CellValue | MonevError {
  if (!a || a.text.trim() === "") return null;
  if (a.value.known) return a.value.value;
  return err(
    `argumen ${what} harus teks/angka tetap atau sel yang bisa dibaca: ${a.text}`,
    `the ${whatEn} argument must be a fixed text/number or a readable cell: ${a.text}`
  );
}

/* ---------- native formulas with MONEV's results (errors included) ---------- */
//
// Every formula below is elementwise: no AND/OR/MIN/MAX over its inputs, so a range argument
// stays a range and the formula spills per cell as the custom function does (dynamic arrays, or an
// array formula in older hosts). Errors are Excel's error literals (#DIV/0!, #VALUE!) and NA().

/** 1 when the cell is "no value" for parseAngka: blank, spaces, dashes, NIHIL, N/A. */
function blank(X: string): string {
  const t = `TRIM(${X})`;
  const noDash = `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${t},"-",""),"\u2013",""),"\u2014",""),"\u2212","")`;
  return `(LEN(${noDash})=0)+(UPPER(${t})="NIHIL")+(UPPER(${t})="N/A")`;
}

/** Error of a call whose inputs are parsed first, then checked for blanks (capaian). */
function parsedThenBlank(...xs: string[]): string {
  return `IF(${xs.map((x) => `(ISNUMBER(${x})+${blank(x)})`).join("*")},NA(),#VALUE!)`;
}

/** Error of a call that requires each input in turn (requireNumber: serapan, bobot, efisiensi). */
function inTurn(a: string, b: string): string {
  const one = (x: string) => `IF(${blank(x)},NA(),#VALUE!)`;
  return `IF(ISNUMBER(${a}),${one(b)},${one(a)})`;
}

const both = (a: string, b: string) => `ISNUMBER(${a})*ISNUMBER(${b})`;
/**
 * max(0, e), elementwise, with the sign decided without dividing: capaian() clamps an overflow
 * to -Infinity at 0 (Math.max), which a native e<0 would turn into #NUM!.
 */
const atLeast0 = (negative: string, e: string) => `IF(${negative},0,${e})`;

function fmtNum(n: number): string {
  return n < 0 ? `(${String(n)})` : String(n);
}

/** min(e, cap), elementwise; e itself without a cap. */
function capTo(e: string, cap: number | null): string {
  return cap === null ? e : `IF(${e}>${fmtNum(cap)},${fmtNum(cap)},${e})`;
}

/** MONEV.CAPAIAN / MONEV.KEMAJUAN with the same result as capaian() on numbers, blanks and text. */
export function capaianNative(T: string, R: string, arah: Arah, cap: number | null): string {
  let body: string;
  switch (arah) {
    case "normal":
      body = `IF(${T}=0,#DIV/0!,${capTo(`${R}/${T}*100`, cap)})`;
      break;
    case "inverse":
      body = capTo(
        `IF(${T}=0,IF(${R}<=0,100,0),${atLeast0(`IF(${T}>0,${R}>2*${T},${R}<2*${T})`, `(2*${T}-${R})/${T}*100`)})`,
        cap
      );
      break;
    case "inverse-rasio":
      body = `IF(${T}=0,#DIV/0!,IF(${R}=0,${cap === null ? "#DIV/0!" : fmtNum(cap)},${capTo(atLeast0(`(${T}<0)<>(${R}<0)`, `${T}/${R}*100`), cap)}))`;
      break;
    case "inverse-selisih":
      body = `IF(${T}=0,#DIV/0!,${capTo(atLeast0(`IF(${T}>0,${R}>${T},${R}<${T})`, `(${T}-${R})/${T}*100`), cap)})`;
      break;
  }
  return `IF(${both(T, R)},${body},${parsedThenBlank(T, R)})`;
}

export function serapanNative(A: string, R: string): string {
  return `IF(${both(A, R)},IF(${A}=0,#DIV/0!,${R}/${A}*100),${inTurn(A, R)})`;
}

export function bobotNative(P: string, T: string): string {
  return `IF(${both(P, T)},IF(${T}=0,#DIV/0!,${P}/${T}*100),${inTurn(P, T)})`;
}

export function efisiensiNative(A: string, R: string): string {
  return `IF(${both(A, R)},${A}-${R},${inTurn(A, R)})`;
}

function excelText(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** MONEV.PREDIKAT: the band's label (or code); blank -> #N/A; text -> #VALUE!. */
export function predikatNative(X: string, scale: Scale, form: "panjang" | "kode"): string {
  const text = (i: number) =>
    excelText(form === "kode" ? scale.bands[i].code : scale.bands[i].label);
  let expr = "NA()";
  for (let i = scale.bands.length - 1; i >= 0; i--) {
    const bd = scale.bands[i];
    if (bd.min === Number.NEGATIVE_INFINITY) {
      expr = text(i);
      continue;
    }
    expr = `IF(${X}${bd.minInclusive ? ">=" : ">"}${fmtNum(bd.min)},${text(i)},${expr})`;
  }
  return `IF(ISNUMBER(${X}),${expr},IF(${blank(X)},NA(),#VALUE!))`;
}

/** MONEV.RATA over a reference or range: AVERAGE skips text, booleans and blanks as rata() does. */
export function rataNative(range: string, cap: number | null): string {
  if (cap === null) return `AVERAGE(${range})`;
  const c = fmtNum(cap);
  return `(SUMIF(${range},"<="&${c})+${c}*COUNTIF(${range},">"&${c}))/COUNT(${range})`;
}

/* ---------- values: what the native formula computes, and what MONEV computes ---------- */

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A cell as the custom function receives it from Excel: dates are serial numbers. */
function asExcel(v: CellValue): CellValue {
  return v instanceof Date ? (v.getTime() - EXCEL_EPOCH) / 86400000 : v;
}

/**
 * A cell as the native formulas see it: numbers stay, "no value" text stays, any other text (a
 * text number "87,44" too) is plain text, i.e. #VALUE!.
 */
function asNative(v: CellValue): CellValue {
  const x = asExcel(v);
  if (typeof x !== "string") return x;
  const p = parseAngka(x);
  return p === null ? x : "\u0001teks";
}

/** Note for an input that MONEV reads as a number but the native formula cannot (text "87,44"). */
function textNumberNote(ref: string, v: CellValue, notes: string[] | undefined): void {
  if (!notes || typeof v !== "string") return;
  const p = parseAngka(v);
  if (p === null || isMonevError(p)) return;
  notes.push(
    `${ref} berisi teks angka '${v.trim()}': MONEV membacanya ${p.value}, rumus bawaan menghasilkan #VALUE! (isi sebagai angka)`
  );
}

const ERROR_TEXT: Record<string, string> = {
  VALUE: "#VALUE!",
  DIV0: "#DIV/0!",
  NA: "#N/A",
  NUM: "#NUM!",
};

/** An Excel literal for a computed value: number, text or error. */
function literal(v: CellValue | MonevError): string {
  if (isMonevError(v)) return ERROR_TEXT[v.code] ?? "#VALUE!";
  if (v === null || v === undefined) return '""';
  if (typeof v === "number") return fmtNum(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return fmtNum(asExcel(v) as number);
  return excelText(String(v));
}

/** Cells of a range argument, row by row (each through resolve), or undefined. */
function rangeCells(text: string, opts: PortableOptions): CellValue[][] | undefined {
  const m = RANGE_RE.exec(text.trim());
  if (!m || !opts.resolve) return undefined;
  const colNum = (s: string) =>
    [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const [c1, c2] = [colNum(m[2]), colNum(m[4])].sort((x, y) => x - y);
  const [r1, r2] = [Number(m[3]), Number(m[5])].sort((x, y) => x - y);
  if ((c2 - c1 + 1) * (r2 - r1 + 1) > MAX_RANGE_CELLS) return undefined;
  const out: CellValue[][] = [];
  for (let r = r1; r <= r2; r++) {
    const row: CellValue[] = [];
    for (let c = c1; c <= c2; c++) row.push(opts.resolve(`${m[1] ?? ""}${columnLetter(c)}${r}`));
    out.push(row);
  }
  return out;
}

/** Values of an argument: one cell, a range's cells, or undefined when unknown. */
function argCells(
  a: Converted | undefined,
  opts: PortableOptions
): (CellValue | MonevError)[][] | undefined {
  if (!a || a.text.trim() === "") return [[null]];
  if (RANGE_RE.test(a.text.trim())) return rangeCells(a.text, opts);
  return a.value.known ? [[a.value.value]] : undefined;
}

function isRange(a: Converted | undefined): boolean {
  return !!a && RANGE_RE.test(a.text.trim());
}

function spillNote(name: string, args: Converted[], notes: string[] | undefined): void {
  if (notes && args.some(isRange)) {
    notes.push(
      `MONEV.${name} dengan rentang: rumus bawaan menghasilkan satu nilai per sel (perlu dynamic array, Excel 365, atau rumus array)`
    );
  }
}

/** Value of a numeric call on scalar arguments, as the native formula gives it. */
function cachedOf(
  args: Converted[],
  rule: (...xs: CellValue[]) => CellValue | MonevError,
  notes: string[] | undefined,
  n = args.length
): Known {
  const vals: CellValue[] = [];
  for (let i = 0; i < n; i++) {
    const a = args[i];
    if (isRange(a) || !a.value.known) return UNKNOWN;
    const v = a.value.value;
    if (isMonevError(v)) return { known: true, value: v };
    textNumberNote(a.text.trim(), v, notes);
    vals.push(asNative(v));
  }
  return { known: true, value: rule(...vals) };
}

function parseCap(capV: CellValue | MonevError): number | null | MonevError {
  if (isMonevError(capV)) return capV;
  if (capV === null || capV === false || capV === "") return null;
  if (capV === true) return 100;
  if (typeof capV === "number") return capV;
  if (typeof capV === "string" && capV.trim() !== "") {
    const p = parseAngka(capV);
    if (p === null) return null;
    if (isMonevError(p))
      return err(`batas bukan angka: '${capV}'`, `cap is not a number: '${capV}'`);
    return p.value;
  }
  return err(`batas bukan angka: '${String(capV)}'`, `cap is not a number: '${String(capV)}'`);
}

function arahOf(a: Converted | undefined): Arah | MonevError {
  const arahV = staticArg(a, "arah", "direction");
  if (isMonevError(arahV)) return arahV;
  return parseArah(arahV === "" ? null : arahV);
}

/** A call replaced by its value: every argument must be known (cells are read through resolve). */
function byValue(
  name: string,
  args: Converted[],
  opts: PortableOptions,
  notes: string[] | undefined,
  rule: (...xs: CellValue[]) => CellValue | MonevError
): Converted | MonevError {
  const grids: (CellValue | MonevError)[][][] = [];
  for (const a of args) {
    const g = argCells(a, opts);
    if (!g) {
      return err(
        `MONEV.${name} tidak punya rumus bawaan dan argumennya tidak bisa dibaca: ${a.text}`,
        `MONEV.${name} has no native formula and its argument cannot be read: ${a.text}`
      );
    }
    grids.push(g);
  }
  const rows = Math.max(...grids.map((g) => g.length));
  const cols = Math.max(...grids.map((g) => g[0]?.length ?? 1));
  const at = (g: (CellValue | MonevError)[][], r: number, c: number) =>
    g[g.length === 1 ? 0 : r]?.[g[0].length === 1 ? 0 : c] ?? null;
  const out: (CellValue | MonevError)[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: (CellValue | MonevError)[] = [];
    for (let c = 0; c < cols; c++) {
      const cells = grids.map((g) => at(g, r, c));
      const bad = cells.find(isMonevError);
      row.push(bad ?? rule(...(cells as CellValue[]).map(asExcel)));
    }
    out.push(row);
  }
  notes?.push(
    `MONEV.${name}(${args.map((a) => a.text).join(", ")}) tidak punya rumus bawaan: diganti nilainya (tidak ikut berubah bila datanya berubah)`
  );
  if (rows === 1 && cols === 1)
    return { text: literal(out[0][0]), value: { known: true, value: out[0][0] } };
  return { text: `{${out.map((row) => row.map(literal).join(",")).join(";")}}`, value: UNKNOWN };
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  // MONEV.CAPAIAN(target, realisasi, [arah], [batas])
  CAPAIAN: {
    minArgs: 2,
    maxArgs: 4,
    build(args, _raw, _opts, notes) {
      const arah = arahOf(args[2]);
      if (isMonevError(arah)) return arah;
      const capV = staticArg(args[3], "batas", "cap");
      const cap = parseCap(capV);
      if (isMonevError(cap)) return cap;
      spillNote("CAPAIAN", args, notes);
      const text = capaianNative(wrap(args[0].text), wrap(args[1].text), arah, cap);
      return { text, value: cachedOf(args, (t, r) => capaian(t, r, { arah, cap }), notes, 2) };
    },
  },
  // MONEV.PREDIKAT(capaian, [skala: id or a 2-3 column table], [bentuk: "panjang" | "kode"])
  PREDIKAT: {
    minArgs: 1,
    maxArgs: 3,
    build(args, _raw, opts, notes) {
      let scale: Scale | MonevError;
      if (isRange(args[1]) && args[1].text.includes(":") && tableWidth(args[1].text) >= 2) {
        const cells = rangeCells(args[1].text, opts);
        if (!cells) {
          return err(
            `tabel skala tidak bisa dibaca: ${args[1].text}`,
            `the scale table cannot be read: ${args[1].text}`
          );
        }
        scale = scaleFromTable(cells);
        if (!isMonevError(scale)) {
          notes?.push(
            `skala dari tabel ${args[1].text} ditetapkan ke rumus (ubah tabel lalu ulangi portable)`
          );
        }
      } else {
        const scaleV = staticArg(args[1], "skala", "scale");
        if (isMonevError(scaleV)) return scaleV;
        if (scaleV !== null && typeof scaleV !== "string") {
          return err(
            `skala harus teks: '${String(scaleV)}'`,
            `scale must be text: '${String(scaleV)}'`
          );
        }
        scale = getScale(scaleV, opts.scales);
      }
      if (isMonevError(scale)) return scale;
      const sc = scale;
      const formV = staticArg(args[2], "bentuk", "form");
      if (isMonevError(formV)) return formV;
      const formS = formV === null ? "panjang" : String(formV).trim().toLowerCase();
      if (!["", "panjang", "label", "kode", "singkat"].includes(formS)) {
        return err(
          `bentuk tidak dikenal: '${String(formV)}' (panjang, kode)`,
          `unknown form: '${String(formV)}'`
        );
      }
      const form = formS === "kode" || formS === "singkat" ? "kode" : "panjang";
      spillNote("PREDIKAT", args.slice(0, 1), notes);
      const text = predikatNative(wrap(args[0].text), sc, form);
      return { text, value: cachedOf(args, (x) => predikat(x, sc, form), notes, 1) };
    },
  },
  // MONEV.RATA(nilai, [batas])
  RATA: {
    minArgs: 1,
    maxArgs: 2,
    build(args, _raw, opts, notes) {
      const cap = parseCap(staticArg(args[1], "batas", "cap"));
      if (isMonevError(cap)) return cap;
      const t = args[0].text.trim();
      if (!RANGE_RE.test(t) && !REF_RE.test(t)) {
        return err(
          `MONEV.RATA: rumus bawaan butuh rentang sel, bukan '${t}'`,
          `MONEV.RATA: the native formula needs a cell range, not '${t}'`
        );
      }
      const text = rataNative(t, cap);
      const cells = RANGE_RE.test(t) ? rangeCells(t, opts) : argCells(args[0], opts);
      let value: Known = UNKNOWN;
      if (cells) {
        const flat = cells.flat();
        const bad = flat.find(isMonevError);
        if (bad) value = { known: true, value: bad };
        else {
          for (const v of flat as CellValue[]) {
            if (typeof v !== "string") continue;
            const p = parseAngka(v);
            if (p !== null && (!isMonevError(p) || isAmbiguousNumberError(p))) {
              notes?.push(
                `${t} berisi teks '${v.trim()}': MONEV.RATA ${isMonevError(p) ? "menolaknya (angka ambigu)" : `membacanya ${p.value}`}, rumus bawaan melewatinya`
              );
            }
          }
          // AVERAGE skips every text cell: rata over the numbers (dates are numbers) only.
          const nums = (flat as CellValue[]).map(asExcel).filter((v) => typeof v === "number");
          value = { known: true, value: rata(nums, { cap }) };
        }
      }
      return { text, value };
    },
  },
  // MONEV.TERBILANG(angka, [rupiah], [huruf]): no native formula; the value.
  TERBILANG: {
    minArgs: 1,
    maxArgs: 3,
    build(args, _raw, opts, notes) {
      return byValue("TERBILANG", args, opts, notes, (n, rp, h) => {
        const r = terbilangFlag(rp);
        if (isMonevError(r)) return r;
        const hs =
          h === null || h === undefined ? "kecil" : String(h).trim().toLowerCase() || "kecil";
        if (hs !== "kecil" && hs !== "judul" && hs !== "besar") {
          return err(`huruf tidak dikenal: '${String(h)}'`, `unknown case: '${String(h)}'`);
        }
        return terbilang(n, { rupiah: r, huruf: hs });
      });
    },
  },
  // MONEV.ANGKA(teks): no native formula reads Indonesian numbers as parseAngka does; the value.
  ANGKA: {
    minArgs: 1,
    maxArgs: 1,
    build(args, _raw, opts, notes) {
      return byValue("ANGKA", args, opts, notes, (v) => {
        const p = parseAngka(v);
        if (p === null) return "";
        return isMonevError(p) ? p : p.value;
      });
    },
  },
};

/** Width in columns of a range text ('H2:I6' -> 2). */
function tableWidth(text: string): number {
  const m = RANGE_RE.exec(text.trim());
  if (!m) return 1;
  const colNum = (s: string) =>
    [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return Math.abs(colNum(m[4]) - colNum(m[2])) + 1;
}

/** MONEV.TERBILANG's rupiah flag (as parseRupiah in src/functions). */
function terbilangFlag(v: CellValue): boolean | MonevError {
  if (v === null || v === undefined) return false;
  if (typeof v === "boolean") return v;
  if (v === 0 || v === 1) return v === 1;
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (["", "0", "false", "salah", "tidak", "t", "no", "n"].includes(s)) return false;
    if (["1", "true", "benar", "ya", "y", "yes", "rupiah", "rp", "rp."].includes(s)) return true;
  }
  return err(
    `rupiah harus TRUE/FALSE: '${String(v)}'`,
    `rupiah must be TRUE/FALSE: '${String(v)}'`
  );
}

/** A two-argument numeric rule: native formula and its value (the custom function's, errors included). */
function twoArgs(
  name: string,
  rule: (a: CellValue, b: CellValue) => number | MonevError,
  formula: (a: string, b: string) => string
): FunctionSpec {
  return {
    minArgs: 2,
    maxArgs: 2,
    build(args, _raw, _opts, notes) {
      spillNote(name, args, notes);
      const text = formula(wrap(args[0].text), wrap(args[1].text));
      return { text, value: cachedOf(args, rule, notes, 2) };
    },
  };
}

// MONEV.SERAPAN(anggaran, realisasi), MONEV.BOBOT(bagian, total), MONEV.EFISIENSI(anggaran, realisasi)
FUNCTIONS.SERAPAN = twoArgs("SERAPAN", serapan, serapanNative);
FUNCTIONS.BOBOT = twoArgs("BOBOT", bobot, bobotNative);
FUNCTIONS.EFISIENSI = twoArgs("EFISIENSI", efisiensi, efisiensiNative);
// MONEV.KEMAJUAN(targetAkhir, realisasi, [arah]): capaian with the end target.
FUNCTIONS.KEMAJUAN = {
  minArgs: 2,
  maxArgs: 3,
  build(args, _raw, _opts, notes) {
    const arah = arahOf(args[2]);
    if (isMonevError(arah)) return arah;
    spillNote("KEMAJUAN", args.slice(0, 2), notes);
    const text = capaianNative(wrap(args[0].text), wrap(args[1].text), arah, null);
    return { text, value: cachedOf(args, (t, r) => capaian(t, r, { arah }), notes, 2) };
  },
};

/** Register another MONEV function's conversion (used for the budget rules). */
export function registerPortableFunction(name: string, spec: FunctionSpec): void {
  FUNCTIONS[name.toUpperCase()] = spec;
}

export type { FunctionSpec as PortableFunctionSpec, Converted as PortableArg };

/** Names of the MONEV functions this module converts. */
export function portableFunctionNames(): string[] {
  return Object.keys(FUNCTIONS).sort();
}

interface ConvertState {
  calls: number;
  notes: string[];
}

/** Convert one expression (a whole formula or an argument). */
function convert(expr: string, opts: PortableOptions, st: ConvertState): Converted | MonevError {
  let out = "";
  let i = 0;
  let lastCall: Converted | undefined;
  let onlyCall = true;
  while (i < expr.length) {
    const ch = expr[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < expr.length) {
        if (expr[j] === '"') {
          if (expr[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += expr.slice(i, j + 1);
      i = j + 1;
      onlyCall = false;
      continue;
    }
    if (isBoundary(expr, i)) {
      DUMMY_RE.lastIndex = i;
      const dm = DUMMY_RE.exec(expr);
      if (dm) {
        const open = i + dm[0].length - 1;
        const close = closingParen(expr, open);
        if (close < 0) return err("tanda kurung tidak seimbang", "unbalanced parentheses");
        const inner = splitArgs(expr.slice(open + 1, close));
        if (inner.length === 1 && /^"(?:[^"]|"")*"$/.test(inner[0])) {
          const c = convert(unquote(inner[0]), opts, st);
          if (isMonevError(c)) return c;
          out += `(${c.text})`;
          lastCall = c;
          i = close + 1;
          continue;
        }
      }
      CALL_RE.lastIndex = i;
      const m = CALL_RE.exec(expr);
      if (m) {
        const name = m[2].toUpperCase().replace(/^MONEV[._]/, "");
        const spec = FUNCTIONS[name];
        if (!spec) {
          return err(
            `fungsi MONEV.${name} tidak punya padanan rumus bawaan`,
            `MONEV.${name} has no native equivalent`
          );
        }
        const open = i + m[0].length - 1;
        const close = closingParen(expr, open);
        if (close < 0) return err("tanda kurung tidak seimbang", "unbalanced parentheses");
        const rawArgs = splitArgs(expr.slice(open + 1, close));
        if (rawArgs.length < spec.minArgs || rawArgs.length > spec.maxArgs) {
          return err(
            `MONEV.${name} butuh ${spec.minArgs}-${spec.maxArgs} argumen, ada ${rawArgs.length}`,
            `MONEV.${name} takes ${spec.minArgs}-${spec.maxArgs} arguments, got ${rawArgs.length}`
          );
        }
        const args: Converted[] = [];
        for (const a of rawArgs) {
          const c = convert(a, opts, st);
          if (isMonevError(c)) return c;
          args.push(c);
        }
        const built = spec.build(args, rawArgs, opts, st.notes);
        if (isMonevError(built)) return built;
        st.calls++;
        out += built.text;
        if (lastCall) onlyCall = false;
        lastCall = built;
        i = close + 1;
        continue;
      }
    }
    if (!/\s/.test(ch)) onlyCall = false;
    out += ch;
    i++;
  }
  const trimmed = expr.trim();
  // The value of the expression is known when it is a lone call, or a literal/reference.
  let value: Known = UNKNOWN;
  if (lastCall && onlyCall) value = lastCall.value;
  else if (!lastCall) value = literalValue(trimmed, opts);
  return { text: out, value };
}

/**
 * Replace every MONEV.* call in `formula` (English syntax, with or without '=') by its native
 * equivalent. Returns null when the formula has no MONEV call, a MonevError when a call cannot
 * be converted (unknown function, wrong argument count, non-fixed direction without resolver).
 */
export function toPortableFormula(
  formula: string,
  opts: PortableOptions = {}
): PortableResult | null | MonevError {
  const body = formula.replace(/^\s*=/, "");
  if (!/MONEV|__xludf/i.test(body)) return null;
  // Google Sheets: IFERROR(__xludf.DUMMYFUNCTION("inner"),cached) -> inner.
  const g =
    /^\s*IFERROR\(\s*__xludf\.DUMMYFUNCTION\(\s*("(?:[^"]|"")*")\s*\)\s*,[\s\S]*\)\s*$/i.exec(body);
  const src = g ? unquote(g[1]) : body;
  const st: ConvertState = { calls: 0, notes: [] };
  const c = convert(src, opts, st);
  if (isMonevError(c)) return c;
  if (st.calls === 0) return null;
  const res: PortableResult = { formula: c.text.trim(), calls: st.calls };
  if (c.value.known) {
    const v = c.value.value;
    if (isMonevError(v)) res.error = ERROR_TEXT[v.code] ?? "#VALUE!";
    else if (typeof v === "number" || typeof v === "string") res.value = v;
  }
  if (st.notes.length > 0) res.notes = [...new Set(st.notes)];
  return res;
}
