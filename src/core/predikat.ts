/**
 * Rating scales (predikat). A value falls in the first band, scanning from the highest, whose
 * `min` it exceeds (or equals, when `minInclusive`). The lowest band has min = -Infinity, so
 * every finite number gets a label and no value falls between bands.
 */
import { CellValue, MonevError, isMonevError } from "./errors";
import { parseAngka } from "./number";

export interface Band {
  min: number;
  minInclusive: boolean;
  label: string;
  code: string;
}

/** Bands sorted from highest to lowest. */
export interface Scale {
  id: string;
  name: string;
  bands: Band[];
}

const LOWEST = Number.NEGATIVE_INFINITY;
const b = (min: number, minInclusive: boolean, label: string, code: string): Band => ({
  min,
  minInclusive,
  label,
  code,
});

export const DEFAULT_SCALE_ID = "permendagri86";

export const SCALES: Record<string, Scale> = {
  // Permendagri 86/2017 with the integer gaps closed the way seed 000 labels them
  // (75,00 -> S; 90,72 -> ST): lower bounds exclusive, upper inclusive; above 100 is ST.
  permendagri86: {
    id: "permendagri86",
    name: "Permendagri 86/2017 (ST > 90, T > 75, S > 65, R > 50, SR <= 50)",
    bands: [
      b(90, false, "Sangat Tinggi", "ST"),
      b(75, false, "Tinggi", "T"),
      b(65, false, "Sedang", "S"),
      b(50, false, "Rendah", "R"),
      b(LOWEST, true, "Sangat Rendah", "SR"),
    ],
  },
  // The integer reading used by public code (SIMONEV): 90,72 is T here.
  "permendagri86-bulat": {
    id: "permendagri86-bulat",
    name: "Permendagri 86/2017, batas bulat (ST >= 91, T >= 76, S >= 66, R >= 51)",
    bands: [
      b(91, true, "Sangat Tinggi", "ST"),
      b(76, true, "Tinggi", "T"),
      b(66, true, "Sedang", "S"),
      b(51, true, "Rendah", "R"),
      b(LOWEST, true, "Sangat Rendah", "SR"),
    ],
  },
  // Seed 000: 80-100 Baik, 60-79 Cukup Baik, < 60 Tidak Baik; the 79-80 gap closed at 80.
  baik: {
    id: "baik",
    name: "Baik / Cukup Baik / Tidak Baik (>= 80, >= 60)",
    bands: [b(80, true, "Baik", "B"), b(60, true, "Cukup Baik", "CB"), b(LOWEST, true, "Tidak Baik", "TB")],
  },
  // Seed 003 prints >= 90 SB; 76-90 B; 61-75 CB; 51-60 KB; <= 50 TB. 90 goes to SB (as printed
  // first), and the gaps (75,76), (60,61), (50,51) go to the band above the gap's lower end.
  berhasil: {
    id: "berhasil",
    name: "Berhasil (SB >= 90, B > 75, CB > 60, KB > 50, TB <= 50)",
    bands: [
      b(90, true, "Sangat Berhasil", "SB"),
      b(75, false, "Berhasil", "B"),
      b(60, false, "Cukup Berhasil", "CB"),
      b(50, false, "Kurang Berhasil", "KB"),
      b(LOWEST, true, "Tidak Berhasil", "TB"),
    ],
  },
  // SAKIP evaluation grade (PermenPAN-RB 88/2021): lower bounds exclusive.
  sakip: {
    id: "sakip",
    name: "Nilai SAKIP (AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, D <= 30)",
    bands: [
      b(90, false, "AA", "AA"),
      b(80, false, "A", "A"),
      b(70, false, "BB", "BB"),
      b(60, false, "B", "B"),
      b(50, false, "CC", "CC"),
      b(30, false, "C", "C"),
      b(LOWEST, true, "D", "D"),
    ],
  },
};

/** Scale by id (case-insensitive); null/undefined/'' -> the default 'permendagri86'. */
export function getScale(id?: string | null): Scale | MonevError {
  if (id === null || id === undefined || (typeof id === "string" && id.trim() === "")) {
    return SCALES[DEFAULT_SCALE_ID];
  }
  const key = String(id).trim().toLowerCase();
  if (Object.prototype.hasOwnProperty.call(SCALES, key)) return SCALES[key];
  const known = Object.keys(SCALES).join(", ");
  return new MonevError(
    "VALUE",
    `skala tidak dikenal: '${String(id)}' (pilihan: ${known})`,
    `unknown scale: '${String(id)}' (known: ${known})`,
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
  if (!Array.isArray(rows)) return new MonevError("VALUE", "tabel skala tidak valid", "invalid scale table");
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
        `lower bound of row ${i + 1} is not a number: ${p.messageEn}`,
      );
    }
    seenData = true;
    const labelText = isBlank(label) || label instanceof Date ? "" : String(label).trim();
    if (labelText === "") {
      return new MonevError("VALUE", `label baris ${i + 1} kosong`, `label of row ${i + 1} is empty`);
    }
    const codeText = isBlank(code) || code instanceof Date ? initials(labelText) : String(code).trim();
    if (p === null) elseBands++;
    bands.push({ min: p === null ? LOWEST : p.value, minInclusive: true, label: labelText, code: codeText });
  }
  if (bands.length === 0) return new MonevError("VALUE", "tabel skala kosong", "scale table is empty");
  if (elseBands > 1) {
    return new MonevError("VALUE", "lebih dari satu baris tanpa batas bawah", "more than one row without a lower bound");
  }
  bands.sort((x, y) => y.min - x.min);
  for (let i = 1; i < bands.length; i++) {
    if (bands[i].min === bands[i - 1].min) {
      return new MonevError(
        "VALUE",
        `batas bawah ganda: ${bands[i].min}`,
        `duplicate lower bound: ${bands[i].min}`,
      );
    }
  }
  bands[bands.length - 1].min = LOWEST;
  return { id: "custom", name: "Skala pengguna", bands };
}

/** The band a finite number falls in, or undefined if the scale has no catch-all lowest band. */
export function findBand(x: number, scale: Scale): Band | undefined {
  return scale.bands.find((bd) => (bd.minInclusive ? x >= bd.min : x > bd.min));
}

/**
 * Rating label of an achievement: 'Sangat Tinggi' (form 'panjang', default) or 'ST' (form 'kode').
 * Text numbers are parsed ("87,44"); empty -> NA error; non-numbers -> VALUE error.
 */
export function predikat(x: CellValue, scale?: Scale, form: "panjang" | "kode" = "panjang"): string | MonevError {
  const sc = scale ?? SCALES[DEFAULT_SCALE_ID];
  const p = parseAngka(x);
  if (isMonevError(p)) return p;
  if (p === null) return new MonevError("NA", "nilai kosong", "value is empty");
  const band = findBand(p.value, sc);
  if (!band) {
    return new MonevError("NA", `nilai ${p.value} di luar skala`, `value ${p.value} is outside the scale`);
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
export function predikatFormula(ref: string, scale: Scale, form: "panjang" | "kode" = "panjang"): string {
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
