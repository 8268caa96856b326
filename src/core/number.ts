/**
 * Parsing of numbers as they appear in Indonesian report cells.
 *
 * Indonesian style uses '.' for thousands and ',' for decimals (`11.031.976.960`, `32,86`), but some
 * tables use English style (`8,545,807,100`, `93.77`). We accept both when the text is unambiguous
 * and refuse to guess otherwise: a single separator followed by exactly three digits (`35,350`,
 * `1.234`) could be either, so it is a VALUE error, never a silent guess.
 */
import { CellValue, MonevError } from "./errors";

export interface ParsedNumber {
  value: number;
  /** The text carried a '%' sign. The value stays in percent points: `87,44%` -> 87.44. */
  percent: boolean;
  /** The text carried a rupiah prefix (`Rp`, `Rp.`, `RP`) or the `,-` suffix. */
  currency: boolean;
  /** Trailing unit word(s), e.g. 'Orang' in `5.517 Orang`. */
  unit?: string;
  /** Grade in parentheses, e.g. 'A' in `80,17 (A)`. */
  grade?: string;
}

/** Prefix of messageEn for ambiguous numbers, so callers (e.g. rata) can tell them from plain text. */
export const AMBIGUOUS_EN = "ambiguous number";

/** Text meaning "no value". Dashes of every width are used in printed tables. */
const EMPTY_RE = /^(?:[-\u2010-\u2015\u2212]+|nihil|n\/a)?$/i;

/**
 * Longest text (trimmed, whitespace runs collapsed) read as a number. Real number cells are short
 * ('Rp. 7.200.837.838,-', '5.517 Orang'); the bound keeps the cost per cell constant.
 */
const MAX_TEXT = 100;

// Matched against trimmed text whose whitespace runs are collapsed to one space, so every ' ?'
// below has one way to match. The body admits spaces only next to a separator and must end in a
// digit, and each optional part owns the space before it: the regex is unambiguous and runs in
// linear time. (The old form, \s* next to [\d.,\s]*?, backtracked exponentially on
// '63' + many spaces + '*)'.)
// Groups: sign, Rp prefix, sign, body, ',-' suffix, %, unit, grade in parentheses.
const CELL_RE =
  /^(?:([-+\u2212]) ?)?(?:(rp\.?) ?)?(?:([-+\u2212]) ?)?(\d+(?: ?[.,] ?\d+)*)(?: ?([.,] ?-))?(?: ?(%))?(?: ?([A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F ./]*?[23\u00B2\u00B3]?))?(?: ?\( ?([A-Za-z]{1,3}[+-]?) ?\))?$/i;

/**
 * Count nouns: a count is a whole number, so `5.517 Orang` can only mean 5517. Measurement units
 * (km, ha, ton, hari, ...) are not listed: `1.234 km` stays ambiguous.
 */
const COUNT_UNIT_RE =
  /^(?:orang|jiwa|kk|keluarga|rumah tangga|rt|unit|buah|rumah|desa|kelurahan|kecamatan|sekolah|perusahaan|pekerja|peserta|siswa|murid|kasus|kali|dokumen|laporan|paket|kegiatan|lembaga|kelompok|titik|ekor|pohon|lokasi|bidang|penduduk|pasien|balita|bayi|ibu|anak|tenaga kerja|usaha|umkm|ikm|koperasi|kendaraan|lembar|eksemplar|berkas|izin|sertifikat|pelaku usaha|kunjungan|wisatawan|pengunjung|penerima|kpm|rtlh|ha bidang)$/i;

/** True for a unit that counts things (see COUNT_UNIT_RE). */
export function isCountUnit(unit: string | undefined): boolean {
  return unit !== undefined && COUNT_UNIT_RE.test(unit.trim().replace(/\s+/g, " "));
}

function quote(s: string): string {
  const t = s.length > 40 ? s.slice(0, 37) + "..." : s;
  return `'${t}'`;
}

function notANumber(text: string): MonevError {
  return new MonevError("VALUE", `bukan angka: ${quote(text)}`, `not a number: ${quote(text)}`);
}

function ambiguous(text: string): MonevError {
  return new MonevError(
    "VALUE",
    `angka ambigu: ${quote(text)} (ribuan atau desimal?)`,
    `${AMBIGUOUS_EN}: ${quote(text)} (thousands or decimal?)`
  );
}

/** True when s is a valid thousands grouping: first group 1-3 digits, the rest exactly 3. */
function isGrouped(groups: string[]): boolean {
  if (groups.length < 2) return false;
  if (!/^\d{1,3}$/.test(groups[0])) return false;
  return groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

/**
 * Which decimal mark a sheet uses: "id" = '.' thousands, ',' decimal (`12.500.000`, `6,50`);
 * "en" = ',' thousands, '.' decimal (`12,500,000`, `6.50`).
 */
export type NumberConvention = "id" | "en";

export interface ParseOptions {
  /** Settles a lone separator before exactly 3 digits (`1.020`, `35,350`); see detectConvention. */
  convention?: NumberConvention;
}

/**
 * Resolve the separators in a body of digits, '.' and ','.
 * `whole` = the text is known to be a whole amount: rupiah (Rp prefix or ',-' suffix; rupiah
 * never have three decimals) or a count (`5.517 Orang`). Then a lone separator before 3 digits is
 * a thousands mark. Otherwise `convention`, when given, decides it.
 */
function resolveBody(
  body: string,
  whole: boolean,
  convention?: NumberConvention
): number | "ambiguous" | "invalid" {
  const dots = (body.match(/\./g) ?? []).length;
  const commas = (body.match(/,/g) ?? []).length;
  if (!/^\d/.test(body) || !/\d$/.test(body)) return "invalid";
  if (dots === 0 && commas === 0) return Number(body);

  if (dots > 0 && commas > 0) {
    // The separator that occurs last is the decimal mark; it must occur once.
    const lastDot = body.lastIndexOf(".");
    const lastComma = body.lastIndexOf(",");
    const dec = lastDot > lastComma ? "." : ",";
    const thou = dec === "." ? "," : ".";
    const [intPart, fracPart, ...more] = body.split(dec);
    if (more.length > 0 || fracPart === undefined) return "invalid";
    if (!isGrouped(intPart.split(thou))) return "invalid";
    return Number(intPart.split(thou).join("") + "." + fracPart);
  }

  const sep = dots > 0 ? "." : ",";
  const parts = body.split(sep);
  if (parts.length > 2) {
    // Several separators of one kind can only be thousands marks.
    return isGrouped(parts) ? Number(parts.join("")) : "invalid";
  }
  const [a, b] = parts;
  // A leading zero ("0,350") or more than 3 leading digits ("1234,567") cannot be a thousands
  // grouping; anything but exactly 3 trailing digits cannot either. Those are decimals.
  const couldBeThousands = b.length === 3 && /^[1-9]\d{0,2}$/.test(a);
  if (!couldBeThousands) return Number(a + "." + b);
  if (whole) return Number(a + b);
  if (convention !== undefined) {
    const thousandsMark = convention === "id" ? "." : ",";
    return sep === thousandsMark ? Number(a + b) : Number(a + "." + b);
  }
  return "ambiguous";
}

/** The parts of a number text; undefined when the text is not shaped like a number. */
interface CellParts {
  negative: boolean;
  /** Digits and separators, spaces removed. */
  body: string;
  currency: boolean;
  percent: boolean;
  /** Whole amount: rupiah or a count (see resolveBody). */
  whole: boolean;
  unit?: string;
  grade?: string;
}

/** Split trimmed text into CellParts (see CELL_RE). Linear time; long texts are refused. */
function splitCell(text: string): CellParts | undefined {
  const t = text.replace(/\s+/g, " ");
  if (t.length > MAX_TEXT) return undefined;
  const m = CELL_RE.exec(t);
  if (!m) return undefined;
  const [, sign1, rp, sign2, rawBody, dashSuffix, pct, rawUnit, grade] = m;
  if (sign1 && sign2) return undefined;
  const body = rawBody.replace(/ /g, "");
  const unit = rawUnit?.trim();
  // "1e5" is scientific notation, not 1 with unit "e5": refuse rather than misread.
  if (unit !== undefined && /^e\d/i.test(unit)) return undefined;
  // "80 s.d. 90" is a range (see capaian.parseTarget), not 80 with a unit.
  if (unit !== undefined && /^(?:s\.?\s*d\b|sampai\b|hingga\b)/i.test(unit)) return undefined;
  // A unit spelled "Rp" after the number is a currency, not a unit.
  const rpSuffix = unit !== undefined && /^rp\.?$/i.test(unit);
  const currency = Boolean(rp) || Boolean(dashSuffix) || rpSuffix;
  const out: CellParts = {
    negative: /[-\u2212]/.test((sign1 ?? "") + (sign2 ?? "")),
    body,
    currency,
    percent: Boolean(pct),
    whole: currency || isCountUnit(unit),
  };
  if (unit && !rpSuffix) out.unit = unit;
  if (grade) out.grade = grade.toUpperCase();
  return out;
}

/**
 * Parse a cell value into a number.
 *
 * - finite numbers pass through; NaN/Infinity -> NUM error
 * - null, undefined, '', whitespace, '-', '–', '—', 'NIHIL' (any case) -> null ("no value")
 * - booleans and Dates -> VALUE error (a boolean or date in a number column is a data error)
 * - text: Indonesian (`32,86`, `11.031.976.960`, `40.416.120,00`) and unambiguous English
 *   (`8,545,807,100`, `93.77`) numbers, with `Rp`/`Rp.` prefix, `,-` suffix, `%` (value stays in
 *   percent points and `percent` is set), a unit (`5.517 Orang`) and a grade (`80,17 (A)`)
 * - one separator followed by exactly 3 digits (`35,350`, `1.234`) -> VALUE error "angka ambigu",
 *   except in rupiah amounts (`Rp 1.500`, `1.500,-`) and counts (`5.517 Orang`), where it is a
 *   thousands mark, or when `opts.convention` says which mark it is (`1.020`: id 1020, en 1.02)
 * - anything else (including text over 100 characters) -> VALUE error "bukan angka"
 */
export function parseAngka(v: CellValue, opts?: ParseOptions): ParsedNumber | null | MonevError {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) {
      return new MonevError(
        "NUM",
        "angka tidak valid (tak hingga/NaN)",
        "invalid number (infinite/NaN)"
      );
    }
    return { value: v, percent: false, currency: false };
  }
  if (typeof v === "boolean") {
    return new MonevError(
      "VALUE",
      `bukan angka: ${v ? "TRUE" : "FALSE"}`,
      `not a number: ${v ? "TRUE" : "FALSE"}`
    );
  }
  if (v instanceof Date) {
    return new MonevError("VALUE", "bukan angka: tanggal", "not a number: date");
  }
  if (typeof v !== "string") return notANumber(String(v));

  const text = v.trim();
  if (EMPTY_RE.test(text)) return null;
  const parts = splitCell(text);
  if (!parts) return notANumber(text);
  const resolved = resolveBody(parts.body, parts.whole, opts?.convention);
  if (resolved === "ambiguous") return ambiguous(text);
  if (resolved === "invalid" || !Number.isFinite(resolved)) return notANumber(text);
  const value = parts.negative && resolved !== 0 ? -resolved : resolved;
  const out: ParsedNumber = { value, percent: parts.percent, currency: parts.currency };
  if (parts.unit) out.unit = parts.unit;
  if (parts.grade) out.grade = parts.grade;
  return out;
}

/** parseAngka(v, opts).value: a number, null for "no value", or the parse error. */
export function toNumber(v: CellValue, opts?: ParseOptions): number | null | MonevError {
  const p = parseAngka(v, opts);
  if (p === null || p instanceof MonevError) return p;
  return p.value;
}

/** The convention a number body proves on its own, or undefined (no separator, ambiguous, invalid). */
function bodyConvention(body: string, whole: boolean): NumberConvention | undefined {
  const dot = body.indexOf(".");
  const comma = body.indexOf(",");
  if (dot < 0 && comma < 0) return undefined;
  if (dot >= 0 && comma >= 0) {
    if (resolveBody(body, whole) === "invalid") return undefined;
    // The last separator is the decimal mark.
    return body.lastIndexOf(".") > body.lastIndexOf(",") ? "en" : "id";
  }
  const sep = dot >= 0 ? "." : ",";
  const parts = body.split(sep);
  let thousands: boolean;
  if (parts.length > 2) {
    if (!isGrouped(parts)) return undefined;
    thousands = true;
  } else {
    const r = resolveBody(body, whole);
    if (r === "ambiguous" || r === "invalid") return undefined;
    thousands = whole && parts[1].length === 3 && /^[1-9]\d{0,2}$/.test(parts[0]);
  }
  return (sep === ".") === thousands ? "id" : "en";
}

/** Share of the evidence one convention needs to win when the sheet is not one-sided. */
const DOMINANT_SHARE = 0.9;

/**
 * The number convention a sheet uses, judged from its text numbers: `6,50`, `12.500.000`,
 * `1.234,5` are Indonesian; `6.50`, `12,500,000`, `1,234.5` English. Plain integers, ambiguous
 * texts (`1.020`), non-strings and non-numbers are no evidence. Returns the convention holding
 * at least 90% of the evidence, undefined when there is none or it conflicts.
 * Feed value cells only: numbering such as '1.1' in a No column reads as English decimals.
 * Linear time; strings over 100 characters are skipped unread.
 */
export function detectConvention(values: Iterable<unknown>): NumberConvention | undefined {
  let id = 0;
  let en = 0;
  for (const v of values) {
    if (typeof v !== "string" || v.length > MAX_TEXT) continue;
    if (v.indexOf(".") < 0 && v.indexOf(",") < 0) continue;
    const parts = splitCell(v.trim());
    if (!parts) continue;
    const c = bodyConvention(parts.body, parts.whole);
    if (c === "id") id++;
    else if (c === "en") en++;
  }
  const total = id + en;
  if (total === 0) return undefined;
  if (id >= total * DOMINANT_SHARE) return "id";
  if (en >= total * DOMINANT_SHARE) return "en";
  return undefined;
}

/** True for the error parseAngka returns on ambiguous separators (`35,350`). */
export function isAmbiguousNumberError(e: unknown): boolean {
  return e instanceof MonevError && e.messageEn.startsWith(AMBIGUOUS_EN);
}

/**
 * Require a number: null -> NA error with `emptyMessage` (Indonesian) / `emptyMessageEn`.
 * Shared by the rules so every "empty" error reads the same.
 */
export function requireNumber(
  v: CellValue,
  emptyMessage: string,
  emptyMessageEn: string
): number | MonevError {
  const n = toNumber(v);
  if (n === null) return new MonevError("NA", emptyMessage, emptyMessageEn);
  return n;
}
