/**
 * Achievement (capaian) in percent points: 100 = target met.
 */
import { Arah, parseArah } from "./arah";
import { CellValue, MonevError, isMonevError } from "./errors";
import { parseAngka } from "./number";

export interface CapaianOptions {
  arah?: Arah;
  /** Upper limit applied to the result (e.g. 100 or 120); null/undefined = no cap. */
  cap?: number | null;
}

/** A target, either a point or a range like `80-90` / `80 s.d. 90`. */
export type Target = { lo: number; hi: number };

const RANGE_RE =
  /^(.*?\d\s*%?)\s*(?:-|\u2013|\u2014|s\.?\s*d\.?|sampai(?:\s+dengan)?|hingga)\s*(\d.*)$/i;

function targetEmpty(): MonevError {
  return new MonevError("NA", "target kosong", "target is empty");
}
function realisasiEmpty(): MonevError {
  return new MonevError("NA", "realisasi kosong", "realisation is empty");
}

/** Parse a target cell: a number, a numeric text, or a range text. */
export function parseTarget(v: CellValue): Target | null | MonevError {
  // Ranges first: "10 sampai dengan 20" must not read as 10 with a unit.
  const m = typeof v === "string" ? RANGE_RE.exec(v.trim()) : null;
  if (m) {
    const a = parseAngka(m[1]);
    const b = parseAngka(m[2]);
    if (a !== null && b !== null && !isMonevError(a) && !isMonevError(b)) {
      if (a.value > b.value) {
        return new MonevError(
          "VALUE",
          `rentang target terbalik: '${String(v).trim()}'`,
          `target range is reversed: '${String(v).trim()}'`
        );
      }
      return { lo: a.value, hi: b.value };
    }
  }
  const p = parseAngka(v);
  if (p === null) return null;
  if (isMonevError(p)) return p;
  return { lo: p.value, hi: p.value };
}

function div0(msg: string, msgEn: string): MonevError {
  return new MonevError("DIV0", msg, msgEn);
}

function applyCap(x: number, cap: number | null | undefined): number {
  return typeof cap === "number" && Number.isFinite(cap) ? Math.min(x, cap) : x;
}

/** Point-target formula per direction, before the cap. */
function pointCapaian(
  t: number,
  r: number,
  arah: Arah,
  cap: number | null | undefined
): number | MonevError {
  switch (arah) {
    case "normal":
      if (t === 0)
        return div0(
          "target 0: capaian tidak dapat dihitung (bagi nol)",
          "target is 0: division by zero"
        );
      return (r / t) * 100;
    case "inverse":
      // "Zero cases" target: meeting it (R <= 0) is full achievement, any case is none.
      if (t === 0) return r <= 0 ? 100 : 0;
      return Math.max(0, ((2 * t - r) / t) * 100);
    case "inverse-rasio":
      if (t === 0)
        return div0(
          "target 0: capaian tidak dapat dihitung (bagi nol)",
          "target is 0: division by zero"
        );
      if (r === 0) {
        // T/0 is unbounded: only a cap gives it a value.
        if (typeof cap === "number" && Number.isFinite(cap)) return cap;
        return div0(
          "realisasi 0 pada rumus T/R: capaian tak hingga (gunakan batas atau arah 'inverse')",
          "realisation 0 with T/R: unbounded achievement (use a cap or direction 'inverse')"
        );
      }
      return Math.max(0, (t / r) * 100);
    case "inverse-selisih":
      if (t === 0)
        return div0(
          "target 0: capaian tidak dapat dihitung (bagi nol)",
          "target is 0: division by zero"
        );
      return Math.max(0, ((t - r) / t) * 100);
  }
}

/**
 * Achievement in percent points (unrounded).
 *
 * - normal: R/T*100. T=0 -> DIV0 error.
 * - inverse: (2T-R)/T*100, clamped at 0 (never a negative achievement). T=0: R<=0 -> 100, R>0 -> 0.
 * - inverse-rasio: T/R*100, clamped at 0. T=0 -> DIV0. R=0 -> the cap when one is given, else DIV0.
 * - inverse-selisih: (T-R)/T*100, clamped at 0 (0 when met exactly). T=0 -> DIV0.
 * - range targets (text `80-90`, `80 - 90`, `80 s.d. 90`):
 *   normal: R<lo -> R/lo*100 (lo=0 -> DIV0); lo<=R (inside or above the range) -> 100.
 *   inverse variants: R<=hi (inside or below the range) -> 100; R>hi -> the direction's formula with T=hi.
 * - null/empty target -> NA "target kosong"; empty realisation -> NA "realisasi kosong".
 * - text that is not a number -> VALUE error naming it; a range realisation is a VALUE error.
 * - cap: min(result, cap).
 */
export function capaian(
  target: CellValue,
  realisasi: CellValue,
  opts?: CapaianOptions
): number | MonevError {
  const arahRaw: unknown = opts?.arah ?? "normal";
  const arah = parseArah(arahRaw as CellValue);
  if (isMonevError(arah)) return arah;
  const cap = opts?.cap;

  // Two finite numbers (most cells of a sheet): what parseTarget/parseAngka give, without objects.
  if (
    typeof target === "number" &&
    typeof realisasi === "number" &&
    Number.isFinite(target) &&
    Number.isFinite(realisasi)
  ) {
    const point = pointCapaian(target, realisasi, arah, cap);
    if (isMonevError(point)) return point;
    if (!Number.isFinite(point))
      return new MonevError("NUM", "hasil capaian tidak terhingga", "achievement is not finite");
    return applyCap(point, cap);
  }

  const t = parseTarget(target);
  if (isMonevError(t)) return t;
  const rp = parseAngka(realisasi);
  if (isMonevError(rp)) return rp;
  if (t === null) return targetEmpty();
  if (rp === null) return realisasiEmpty();
  const r = rp.value;

  let result: number | MonevError;
  if (t.lo === t.hi) {
    result = pointCapaian(t.lo, r, arah, cap);
  } else if (arah === "normal") {
    result = r >= t.lo ? 100 : pointCapaian(t.lo, r, arah, cap);
  } else {
    result = r <= t.hi ? 100 : pointCapaian(t.hi, r, arah, cap);
  }
  if (isMonevError(result)) return result;
  if (!Number.isFinite(result)) {
    return new MonevError("NUM", "hasil capaian tidak terhingga", "achievement is not finite");
  }
  return applyCap(result, cap);
}

function num(n: number): string {
  return String(n);
}

/**
 * Native Excel formula text (English function names, comma separators, no leading '=') that
 * computes capaian() from two cell references, for Excel 2010+ and LibreOffice.
 *
 * Where capaian() returns an error (empty or text cells, DIV0 cases) the formula returns ""
 * (empty text), so blank rows stay blank. Range targets are text, so the formula returns "" for
 * them too: use the custom function or the engine for ranges.
 */
export function capaianFormula(
  targetRef: string,
  realisasiRef: string,
  opts?: CapaianOptions
): string {
  const T = targetRef;
  const R = realisasiRef;
  const arahP = parseArah((opts?.arah ?? "normal") as CellValue);
  const arah: Arah = isMonevError(arahP) ? "normal" : arahP;
  const capN = opts?.cap;
  const hasCap = typeof capN === "number" && Number.isFinite(capN);

  let body: string;
  switch (arah) {
    case "normal":
      body = `IF(${T}=0,"",${capped(`${R}/${T}*100`, hasCap, capN)})`;
      break;
    case "inverse":
      body = capped(`IF(${T}=0,IF(${R}<=0,100,0),MAX(0,(2*${T}-${R})/${T}*100))`, hasCap, capN);
      break;
    case "inverse-rasio":
      body = `IF(${T}=0,"",IF(${R}=0,${hasCap ? num(capN as number) : '""'},${capped(`MAX(0,${T}/${R}*100)`, hasCap, capN)}))`;
      break;
    case "inverse-selisih":
      body = `IF(${T}=0,"",${capped(`MAX(0,(${T}-${R})/${T}*100)`, hasCap, capN)})`;
      break;
  }
  return `IF(AND(ISNUMBER(${T}),ISNUMBER(${R})),${body},"")`;
}

/** The expression under the cap, when there is one. */
function capped(expr: string, hasCap: boolean, cap: number | null | undefined): string {
  return hasCap ? `MIN(${num(cap as number)},${expr})` : expr;
}
