/**
 * Rating scales (predikat). A value falls in the first band, scanning from the highest, whose
 * `min` it exceeds (or equals, when `minInclusive`). The lowest band has min = -Infinity, so
 * every finite number gets a label and no value falls between bands.
 */
import { CellValue, MonevError, isMonevError } from "./errors";
import { parseAngka } from "./number";
import { tone } from "./scale-style";

// Band colours live in scale-style.ts: the task pane colours cells without loading the scales.
export { bandIndexOf, bandStyle, labelStyle } from "./scale-style";

export interface Band {
  min: number;
  minInclusive: boolean;
  label: string;
  code: string;
  /** Cell fill of the band ('#RRGGBB'); absent on user scales (see bandStyle). */
  fill?: string;
  /** Font colour of the band ('#RRGGBB'). */
  font?: string;
  /** What the band means, for a legend (e.g. 'Sangat Tinggi', 'Sangat Berhasil'); default the label. */
  meaning?: string;
}

/** Bands sorted from highest to lowest. */
export interface Scale {
  id: string;
  name: string;
  bands: Band[];
}

const LOWEST = Number.NEGATIVE_INFINITY;

/** A scale's bands (best first) with each band's colours (from its rank) and meaning. */
function bands(...list: [number, boolean, string, string, string?][]): Band[] {
  return list.map(([min, minInclusive, label, code, meaning], i) => {
    const [fill, font] = tone(i, list.length);
    return { min, minInclusive, label, code, fill, font, meaning: meaning ?? label };
  });
}

/**
 * Permendagri 86/2017 bands for a quarter: the annual thresholds (90, 75, 65, 50) times q/4,
 * because a quarter's cumulative realisation is rated against the annual target (see
 * docs/functions.md: a proportional reading, not a regulation's table).
 */
function quarter(q: 1 | 2 | 3 | 4): Scale {
  const f = q / 4;
  const roman = ["I", "II", "III", "IV"][q - 1];
  const t = [90, 75, 65, 50].map((x) => Math.round(x * f * 100) / 100);
  return {
    id: `tw${q}`,
    name: `Triwulan ${roman} (ST > ${t[0]}, T > ${t[1]}, S > ${t[2]}, R > ${t[3]}; Permendagri 86 x ${q}/4)`,
    bands: bands(
      [t[0], false, "Sangat Tinggi", "ST"],
      [t[1], false, "Tinggi", "T"],
      [t[2], false, "Sedang", "S"],
      [t[3], false, "Rendah", "R"],
      [LOWEST, true, "Sangat Rendah", "SR"]
    ),
  };
}

export const DEFAULT_SCALE_ID = "permendagri86";

export const SCALES: Readonly<Record<string, Scale>> = deepFreeze({
  // Permendagri 86/2017 with the integer gaps closed the way seed 000 labels them
  // (75,00 -> S; 90,72 -> ST): lower bounds exclusive, upper inclusive; above 100 is ST.
  permendagri86: {
    id: "permendagri86",
    name: "Permendagri 86/2017 (ST > 90, T > 75, S > 65, R > 50, SR <= 50)",
    bands: bands(
      [90, false, "Sangat Tinggi", "ST"],
      [75, false, "Tinggi", "T"],
      [65, false, "Sedang", "S"],
      [50, false, "Rendah", "R"],
      [LOWEST, true, "Sangat Rendah", "SR"]
    ),
  },
  // The integer reading used by public code (SIMONEV): 90,72 is T here.
  "permendagri86-bulat": {
    id: "permendagri86-bulat",
    name: "Permendagri 86/2017, batas bulat (ST >= 91, T >= 76, S >= 66, R >= 51)",
    bands: bands(
      [91, true, "Sangat Tinggi", "ST"],
      [76, true, "Tinggi", "T"],
      [66, true, "Sedang", "S"],
      [51, true, "Rendah", "R"],
      [LOWEST, true, "Sangat Rendah", "SR"]
    ),
  },
  // Seed 000: 80-100 Baik, 60-79 Cukup Baik, < 60 Tidak Baik; the 79-80 gap closed at 80.
  baik: {
    id: "baik",
    name: "Baik / Cukup Baik / Tidak Baik (>= 80, >= 60)",
    bands: bands(
      [80, true, "Baik", "B"],
      [60, true, "Cukup Baik", "CB"],
      [LOWEST, true, "Tidak Baik", "TB"]
    ),
  },
  // Seed 003 prints >= 90 SB; 76-90 B; 61-75 CB; 51-60 KB; <= 50 TB. 90 goes to SB (as printed
  // first), and the gaps (75,76), (60,61), (50,51) go to the band above the gap's lower end.
  berhasil: {
    id: "berhasil",
    name: "Berhasil (SB >= 90, B > 75, CB > 60, KB > 50, TB <= 50)",
    bands: bands(
      [90, true, "Sangat Berhasil", "SB"],
      [75, false, "Berhasil", "B"],
      [60, false, "Cukup Berhasil", "CB"],
      [50, false, "Kurang Berhasil", "KB"],
      [LOWEST, true, "Tidak Berhasil", "TB"]
    ),
  },
  // SAKIP evaluation grade (PermenPAN-RB 88/2021): AA 90-100, A 80-90, BB 70-80, B 60-70,
  // CC 50-60, C 30-50, D 0-30; lower bounds exclusive (a score of exactly 90 is A).
  sakip: {
    id: "sakip",
    name: "Nilai SAKIP (AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, D <= 30)",
    bands: bands(
      [90, false, "AA", "AA", "Sangat Memuaskan"],
      [80, false, "A", "A", "Memuaskan"],
      [70, false, "BB", "BB", "Sangat Baik"],
      [60, false, "B", "B", "Baik"],
      [50, false, "CC", "CC", "Cukup"],
      [30, false, "C", "C", "Kurang"],
      [LOWEST, true, "D", "D", "Sangat Kurang"]
    ),
  },
  // BPK audit opinion as an ordinal code 4..1 (no regulation gives the opinion a number; the
  // codes only let the opinion be a scale: its labels, colours and legend).
  opini: {
    id: "opini",
    name: "Opini BPK (WTP = 4, WDP = 3, TW = 2, TMP = 1)",
    bands: bands(
      [4, true, "Wajar Tanpa Pengecualian", "WTP"],
      [3, true, "Wajar Dengan Pengecualian", "WDP"],
      [2, true, "Tidak Wajar", "TW"],
      [LOWEST, true, "Tidak Menyatakan Pendapat", "TMP"]
    ),
  },
  tw1: quarter(1),
  tw2: quarter(2),
  tw3: quarter(3),
  tw4: quarter(4),
});

function deepFreeze<T extends Record<string, Scale>>(scales: T): Readonly<T> {
  for (const sc of Object.values(scales)) {
    for (const bd of sc.bands) Object.freeze(bd);
    Object.freeze(sc.bands);
    Object.freeze(sc);
  }
  return Object.freeze(scales);
}

/** Scales that travel with one call (engine options, portable options): id -> scale. */
export type ScaleSet = Readonly<Record<string, Scale>>;

/**
 * Scale by id (case-insensitive); null/undefined/'' -> the default 'permendagri86'. `extra` are
 * the caller's own scales (e.g. the pane's table read as 'custom'): looked up first, and seen only
 * by that caller. There is no shared registry: SCALES is frozen.
 */
export function getScale(id?: string | null, extra?: ScaleSet): Scale | MonevError {
  if (id === null || id === undefined || (typeof id === "string" && id.trim() === "")) {
    return SCALES[DEFAULT_SCALE_ID];
  }
  const key = String(id).trim().toLowerCase();
  if (extra) {
    for (const k of Object.keys(extra)) if (k.toLowerCase() === key && extra[k]) return extra[k];
  }
  if (Object.prototype.hasOwnProperty.call(SCALES, key)) return SCALES[key];
  const known = [...Object.keys(extra ?? {}), ...Object.keys(SCALES)].join(", ");
  return new MonevError(
    "VALUE",
    `skala tidak dikenal: '${String(id)}' (pilihan: ${known})`,
    `unknown scale: '${String(id)}' (known: ${known})`
  );
}

/** Code from a label's initials: 'Sangat Tinggi' -> 'ST'. */
function initials(label: string): string {
  const words = label.split(/\s+/).filter(Boolean);
  if (words.length === 1) return words[0].toUpperCase().slice(0, 3);
  return words.map((w) => w[0].toUpperCase()).join("");
}

function isBlank(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/**
 * A user scale from rows of (lower bound, label[, code]) in any order. Bounds are inclusive.
 * The lowest band also takes every value below its bound (its min becomes -Infinity); a row with
 * an empty bound is that "else" band explicitly. Blank rows and a leading header row (text bound)
 * are skipped. Duplicate bounds, empty labels, bad bounds or no rows -> VALUE error.
 */
export function scaleFromTable(rows: CellValue[][]): Scale | MonevError {
  const bands: Band[] = [];
  let seenData = false;
  let elseBands = 0;
  if (!Array.isArray(rows))
    return new MonevError("VALUE", "tabel skala tidak valid", "invalid scale table");
  for (let i = 0; i < rows.length; i++) {
    const row = Array.isArray(rows[i]) ? rows[i] : [];
    const [bound, label, code] = row;
    if (row.every((c) => isBlank(c))) continue;
    const p = parseAngka(bound);
    if (isMonevError(p)) {
      if (!seenData && typeof bound === "string") {
        seenData = true; // header row
        continue;
      }
      return new MonevError(
        "VALUE",
        `batas bawah baris ${i + 1} bukan angka: ${p.message}`,
        `lower bound of row ${i + 1} is not a number: ${p.messageEn}`
      );
    }
    seenData = true;
    const labelText = isBlank(label) || label instanceof Date ? "" : String(label).trim();
    if (labelText === "") {
      return new MonevError(
        "VALUE",
        `label baris ${i + 1} kosong`,
        `label of row ${i + 1} is empty`
      );
    }
    const codeText =
      isBlank(code) || code instanceof Date ? initials(labelText) : String(code).trim();
    if (p === null) elseBands++;
    bands.push({
      min: p === null ? LOWEST : p.value,
      minInclusive: true,
      label: labelText,
      code: codeText,
    });
  }
  if (bands.length === 0)
    return new MonevError("VALUE", "tabel skala kosong", "scale table is empty");
  if (elseBands > 1) {
    return new MonevError(
      "VALUE",
      "lebih dari satu baris tanpa batas bawah",
      "more than one row without a lower bound"
    );
  }
  bands.sort((x, y) => y.min - x.min);
  for (let i = 1; i < bands.length; i++) {
    if (bands[i].min === bands[i - 1].min) {
      return new MonevError(
        "VALUE",
        `batas bawah ganda: ${bands[i].min}`,
        `duplicate lower bound: ${bands[i].min}`
      );
    }
  }
  bands[bands.length - 1].min = LOWEST;
  return { id: "custom", name: "Skala pengguna", bands };
}

/** The band a finite number falls in, or undefined if the scale has no catch-all lowest band. */
export function findBand(x: number, scale: Scale): Band | undefined {
  const bands = scale.bands;
  for (let i = 0; i < bands.length; i++) {
    const bd = bands[i];
    if (bd.minInclusive ? x >= bd.min : x > bd.min) return bd;
  }
  return undefined;
}

/**
 * Rating label of an achievement: 'Sangat Tinggi' (form 'panjang', default) or 'ST' (form 'kode').
 * Text numbers are parsed ("87,44"); empty -> NA error; non-numbers -> VALUE error.
 */
export function predikat(
  x: CellValue,
  scale?: Scale,
  form: "panjang" | "kode" = "panjang"
): string | MonevError {
  const sc = scale ?? SCALES[DEFAULT_SCALE_ID];
  const p = parseAngka(x);
  if (isMonevError(p)) return p;
  if (p === null) return new MonevError("NA", "nilai kosong", "value is empty");
  const band = findBand(p.value, sc);
  if (!band) {
    return new MonevError(
      "NA",
      `nilai ${p.value} di luar skala`,
      `value ${p.value} is outside the scale`
    );
  }
  return form === "kode" ? band.code : band.label;
}

function excelText(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/**
 * Nested IF formula text from the highest band, using > or >= per band; "" when ref is not a
 * number (and when a scale without a catch-all band does not cover the value).
 */
export function predikatFormula(
  ref: string,
  scale: Scale,
  form: "panjang" | "kode" = "panjang"
): string {
  // The formula is the same for every cell but the reference: built once per scale and form.
  let forms = FORMULA_PARTS.get(scale);
  if (!forms) {
    forms = {};
    FORMULA_PARTS.set(scale, forms);
  }
  const parts = (forms[form] ??= predikatFormulaText(REF_MARK, scale, form).split(REF_MARK));
  // A reference never holds the mark; if it somehow did, build the text directly.
  return ref.includes(REF_MARK) ? predikatFormulaText(ref, scale, form) : parts.join(ref);
}

const REF_MARK = "\u0000";
/** predikatFormula split at its references, per scale (a custom scale is collected with it). */
const FORMULA_PARTS = new WeakMap<Scale, { panjang?: string[]; kode?: string[] }>();

function predikatFormulaText(ref: string, scale: Scale, form: "panjang" | "kode"): string {
  const text = (bd: Band) => excelText(form === "kode" ? bd.code : bd.label);
  let expr = '""';
  for (let i = scale.bands.length - 1; i >= 0; i--) {
    const bd = scale.bands[i];
    if (bd.min === LOWEST) {
      expr = text(bd);
      continue;
    }
    expr = `IF(${ref}${bd.minInclusive ? ">=" : ">"}${String(bd.min)},${text(bd)},${expr})`;
  }
  return `IF(NOT(ISNUMBER(${ref})),"",${expr})`;
}
