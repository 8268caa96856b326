/**
 * Hierarchy codes and numbering of budget rows. Pure.
 *   '2' group, '2 07' urusan, '2 07 01' program, '207012,02' kegiatan, '207012,0201' sub kegiatan,
 *   '2.07.01.2.02' kegiatan, '2.07.01.2.02.01' sub kegiatan.
 */
import type { RowLevel } from "../types";

// Compiled once: a regex literal in a function makes an object per call (these run per row).
const SPACED_CODE_RE = /^\d{1,2}(?:[.\s]\d{1,2}){1,6}$/;
const THOUSANDS_START_RE = /^\d+\.\d{3}/;
const CODE_SEPARATOR_RE = /[.\s]+/;
const COMPACT_CODE_RE = /^(\d)(\d{2})(\d{2})(\d)\s*,\s*(\d{2})(\d{2})?$/;
const ARABIC_RE = /^\s*\(?(\d{1,4})[.)]?\s*$/;
const LETTER_RE = /^\s*([A-Za-z])[.)]?\s*$/;

/** Split a budget code into segments, or null when the text is not a code. */
export function codeSegments(text: string): string[] | null {
  const t = text.trim();
  if (t === "") return null;
  // Dotted or spaced: 2.07.01.2.02.01 / 2 07 01
  if (SPACED_CODE_RE.test(t) && !THOUSANDS_START_RE.test(t)) {
    return t.split(CODE_SEPARATOR_RE);
  }
  // Compact with comma: 207012,02 / 207012,0201 (urusan 1 + bidang 2 + program 2 + 1 digit, then kegiatan/sub)
  const m = COMPACT_CODE_RE.exec(t);
  if (m) return m.slice(1).filter((x) => x !== undefined);
  return null;
}

const LEVEL_BY_SEGMENTS: Record<number, RowLevel> = {
  1: "group",
  2: "urusan",
  3: "program",
  4: "program",
  5: "kegiatan",
  6: "subkegiatan",
  7: "subkegiatan",
};

/** Level of a hierarchical code with at least two segments (a lone digit is ambiguous). */
export function levelFromCode(text: string): RowLevel | null {
  const seg = codeSegments(text);
  if (!seg || seg.length < 2) return null;
  return LEVEL_BY_SEGMENTS[seg.length] ?? null;
}

const ROMAN_RE = /^(?=[IVXL])(L?X{0,3})(IX|IV|V?I{0,3})\.?$/;

/** Value of a roman numeral 'I'..'L' (optionally followed by '.'), else null. */
export function romanValue(text: string): number | null {
  const t = text.trim().toUpperCase();
  if (!ROMAN_RE.test(t)) return null;
  const map: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
  const s = t.replace(".", "");
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = map[s[i]];
    const next = map[s[i + 1]] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : null;
}

/** Arabic item number: 1, '1', '1.', '(1)', '1)'. */
export function arabicValue(v: unknown): number | null {
  if (typeof v === "number") return Number.isInteger(v) && v > 0 && v < 10000 ? v : null;
  if (typeof v !== "string") return null;
  const m = ARABIC_RE.exec(v);
  return m ? Number(m[1]) : null;
}

/** Single capital letter marker (not roman): 'A', 'B.', 'a.'. */
export function letterValue(text: string): string | null {
  const m = LETTER_RE.exec(text);
  if (!m) return null;
  const ch = m[1].toUpperCase();
  return "IVXL".includes(ch) ? null : ch;
}
