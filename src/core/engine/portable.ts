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
import { capaian, capaianFormula } from "../capaian";
import { CellValue, MonevError, isMonevError } from "../errors";
import { Scale, getScale, predikat, predikatFormula } from "../predikat";
import {
  bobot,
  bobotFormula,
  efisiensi,
  efisiensiFormula,
  kemajuan,
  kemajuanFormula,
  serapan,
  serapanFormula,
} from "../anggaran";

export interface PortableOptions {
  /** Value of a cell reference as written in the formula (e.g. 'B2', '$B$2', 'Data!B2'). */
  resolve?: (ref: string) => CellValue;
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
}

/** Value of an argument when it is known: literal, resolved reference or computed nested call. */
type Known = { known: true; value: CellValue } | { known: false };

interface Converted {
  text: string;
  value: Known;
}

interface FunctionSpec {
  minArgs: number;
  maxArgs: number;
  build(args: Converted[], raw: string[], opts: PortableOptions): Converted | MonevError;
}

const UNKNOWN: Known = { known: false };

const CALL_RE = /(\[\d+\]!)?(?:_xldudf_MONEV_|_xll\.MONEV[._]|MONEV\.)([A-Za-z][A-Za-z0-9_]*)\s*\(/giy;
const DUMMY_RE = /__xludf\.DUMMYFUNCTION\s*\(/iy;
const REF_RE = /^(?:(?:'[^']+'|[A-Za-z0-9_.]+)!)?\$?[A-Za-z]{1,3}\$?\d{1,7}$/;
const NUM_RE = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const SIMPLE_RE = /^(?:(?:'[^']+'|[A-Za-z0-9_.]+)!)?\$?[A-Za-z]{1,3}\$?\d{1,7}$|^[-+]?\d+(?:\.\d+)?$|^"(?:[^"]|"")*"$/;

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
    `the ${whatEn} argument must be a fixed text/number or a readable cell: ${a.text}`,
  );
}

function cachedNumberOrBlank(v: number | MonevError): number | string {
  return isMonevError(v) ? "" : v;
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  // MONEV.CAPAIAN(target, realisasi, [arah], [batas])
  CAPAIAN: {
    minArgs: 2,
    maxArgs: 4,
    build(args) {
      const arahV = staticArg(args[2], "arah", "direction");
      if (isMonevError(arahV)) return arahV;
      const arah: Arah | MonevError = parseArah(arahV === "" ? null : arahV);
      if (isMonevError(arah)) return arah;
      const capV = staticArg(args[3], "batas", "cap");
      if (isMonevError(capV)) return capV;
      let cap: number | null = null;
      if (typeof capV === "number") cap = capV;
      else if (typeof capV === "string" && capV.trim() !== "") {
        const n = Number(capV.replace(",", "."));
        if (!Number.isFinite(n)) return err(`batas bukan angka: '${capV}'`, `cap is not a number: '${capV}'`);
        cap = n;
      }
      const T = wrap(args[0].text);
      const R = wrap(args[1].text);
      const text = capaianFormula(T, R, { arah, cap });
      let value: Known = UNKNOWN;
      if (args[0].value.known && args[1].value.known) {
        const t = args[0].value.value;
        const r = args[1].value.value;
        // The native formula only computes on numeric cells; anything else gives "".
        value =
          typeof t === "number" && typeof r === "number"
            ? { known: true, value: cachedNumberOrBlank(capaian(t, r, { arah, cap })) }
            : { known: true, value: "" };
      }
      return { text, value };
    },
  },
  // MONEV.PREDIKAT(capaian, [skala], [bentuk: "panjang" | "kode"])
  PREDIKAT: {
    minArgs: 1,
    maxArgs: 3,
    build(args) {
      const scaleV = staticArg(args[1], "skala", "scale");
      if (isMonevError(scaleV)) return scaleV;
      const scale: Scale | MonevError = getScale(scaleV === null ? null : String(scaleV));
      if (isMonevError(scale)) return scale;
      const formV = staticArg(args[2], "bentuk", "form");
      if (isMonevError(formV)) return formV;
      const formS = formV === null ? "panjang" : String(formV).trim().toLowerCase();
      if (formS !== "" && formS !== "panjang" && formS !== "kode") {
        return err(`bentuk tidak dikenal: '${String(formV)}' (panjang, kode)`, `unknown form: '${String(formV)}'`);
      }
      const form = formS === "kode" ? "kode" : "panjang";
      const X = wrap(args[0].text);
      const text = predikatFormula(X, scale, form);
      let value: Known = UNKNOWN;
      if (args[0].value.known) {
        const x = args[0].value.value;
        if (typeof x === "number") {
          const p = predikat(x, scale, form);
          value = { known: true, value: isMonevError(p) ? "" : p };
        } else value = { known: true, value: "" };
      }
      return { text, value };
    },
  },
};

/** A two-argument numeric rule: native formula on references, cached value on numeric inputs. */
function twoArgs(
  rule: (a: CellValue, b: CellValue) => number | MonevError,
  formula: (a: string, b: string) => string,
): FunctionSpec {
  return {
    minArgs: 2,
    maxArgs: 2,
    build(args) {
      const text = formula(wrap(args[0].text), wrap(args[1].text));
      let value: Known = UNKNOWN;
      if (args[0].value.known && args[1].value.known) {
        const a = args[0].value.value;
        const b = args[1].value.value;
        value = {
          known: true,
          value: typeof a === "number" && typeof b === "number" ? cachedNumberOrBlank(rule(a, b)) : "",
        };
      }
      return { text, value };
    },
  };
}

// MONEV.SERAPAN(anggaran, realisasi), MONEV.BOBOT(bagian, total), MONEV.EFISIENSI(anggaran, realisasi)
FUNCTIONS.SERAPAN = twoArgs(serapan, serapanFormula);
FUNCTIONS.BOBOT = twoArgs(bobot, bobotFormula);
FUNCTIONS.EFISIENSI = twoArgs(efisiensi, efisiensiFormula);
// MONEV.KEMAJUAN(targetAkhir, realisasi, [arah])
FUNCTIONS.KEMAJUAN = {
  minArgs: 2,
  maxArgs: 3,
  build(args) {
    const arahV = staticArg(args[2], "arah", "direction");
    if (isMonevError(arahV)) return arahV;
    const arah = parseArah(arahV === "" ? null : arahV);
    if (isMonevError(arah)) return arah;
    const spec = twoArgs(
      (a, b) => kemajuan(a, b, arah),
      (a, b) => kemajuanFormula(a, b, arah),
    );
    return spec.build(args.slice(0, 2), [], {});
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
          return err(`fungsi MONEV.${name} tidak punya padanan rumus bawaan`, `MONEV.${name} has no native equivalent`);
        }
        const open = i + m[0].length - 1;
        const close = closingParen(expr, open);
        if (close < 0) return err("tanda kurung tidak seimbang", "unbalanced parentheses");
        const rawArgs = splitArgs(expr.slice(open + 1, close));
        if (rawArgs.length < spec.minArgs || rawArgs.length > spec.maxArgs) {
          return err(
            `MONEV.${name} butuh ${spec.minArgs}-${spec.maxArgs} argumen, ada ${rawArgs.length}`,
            `MONEV.${name} takes ${spec.minArgs}-${spec.maxArgs} arguments, got ${rawArgs.length}`,
          );
        }
        const args: Converted[] = [];
        for (const a of rawArgs) {
          const c = convert(a, opts, st);
          if (isMonevError(c)) return c;
          args.push(c);
        }
        const built = spec.build(args, rawArgs, opts);
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
export function toPortableFormula(formula: string, opts: PortableOptions = {}): PortableResult | null | MonevError {
  const body = formula.replace(/^\s*=/, "");
  if (!/MONEV|__xludf/i.test(body)) return null;
  // Google Sheets: IFERROR(__xludf.DUMMYFUNCTION("inner"),cached) -> inner.
  const g = /^\s*IFERROR\(\s*__xludf\.DUMMYFUNCTION\(\s*("(?:[^"]|"")*")\s*\)\s*,[\s\S]*\)\s*$/i.exec(body);
  const src = g ? unquote(g[1]) : body;
  const st: ConvertState = { calls: 0 };
  const c = convert(src, opts, st);
  if (isMonevError(c)) return c;
  if (st.calls === 0) return null;
  const res: PortableResult = { formula: c.text.trim(), calls: st.calls };
  if (c.value.known) {
    const v = c.value.value;
    if (typeof v === "number" || typeof v === "string") res.value = v;
  }
  return res;
}
