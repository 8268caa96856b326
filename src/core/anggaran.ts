/**
 * Budget rules: absorption (serapan), weight (bobot), efficiency (efisiensi) and progress toward
 * the Renstra end target (kemajuan).
 */
import { Arah } from "./arah";
import { capaian, capaianFormula } from "./capaian";
import { CellValue, MonevError, isMonevError } from "./errors";
import { requireNumber } from "./number";

/** Overflow guard: 1e308 - -1e308 or x / 5e-324 must not escape as Infinity. */
function finite(x: number): number | MonevError {
  return Number.isFinite(x)
    ? x
    : new MonevError("NUM", "hasil tidak terhingga", "result is not finite");
}

function two(
  a: CellValue,
  b: CellValue,
  aName: [string, string],
  bName: [string, string]
): [number, number] | MonevError {
  const x = requireNumber(a, `${aName[0]} kosong`, `${aName[1]} is empty`);
  if (isMonevError(x)) return x;
  const y = requireNumber(b, `${bName[0]} kosong`, `${bName[1]} is empty`);
  if (isMonevError(y)) return y;
  return [x, y];
}

/** Budget absorption: realisasi / anggaran * 100. Anggaran 0 -> DIV0; empty -> NA. Not capped. */
export function serapan(anggaran: CellValue, realisasi: CellValue): number | MonevError {
  const v = two(anggaran, realisasi, ["anggaran", "budget"], ["realisasi", "realisation"]);
  if (isMonevError(v)) return v;
  const [a, r] = v;
  if (a === 0)
    return new MonevError(
      "DIV0",
      "anggaran 0: serapan tidak dapat dihitung",
      "budget is 0: division by zero"
    );
  return finite((r / a) * 100);
}

/** Weight of a part in a total: bagian / total * 100. Total 0 -> DIV0; empty -> NA. */
export function bobot(bagian: CellValue, total: CellValue): number | MonevError {
  const v = two(bagian, total, ["bagian", "part"], ["total", "total"]);
  if (isMonevError(v)) return v;
  const [p, t] = v;
  if (t === 0)
    return new MonevError(
      "DIV0",
      "total 0: bobot tidak dapat dihitung",
      "total is 0: division by zero"
    );
  return finite((p / t) * 100);
}

/** Efficiency in rupiah: anggaran - realisasi (negative = overspent). Empty -> NA. */
export function efisiensi(anggaran: CellValue, realisasi: CellValue): number | MonevError {
  const v = two(anggaran, realisasi, ["anggaran", "budget"], ["realisasi", "realisation"]);
  if (isMonevError(v)) return v;
  return finite(v[0] - v[1]);
}

/**
 * Progress toward the Renstra end target, in percent: capaian() with the end target as target.
 * normal: realisasi / targetAkhir * 100 (realisasi = cumulative realisation, e.g. col 14 of E.81).
 * Inverse directions use the same formula as capaian (inverse: (2T-R)/T*100 clamped at 0, ...),
 * so an inverse indicator already at or below its end target shows >= 100.
 * Empty end target -> NA "target kosong"; target 0 -> as capaian.
 */
export function kemajuan(
  targetAkhir: CellValue,
  realisasi: CellValue,
  arah: Arah = "normal"
): number | MonevError {
  return capaian(targetAkhir, realisasi, { arah });
}

const bothNumbers = (a: string, b: string) => `AND(ISNUMBER(${a}),ISNUMBER(${b}))`;

/** Formula text for serapan; "" when a cell is not a number or anggaran is 0. */
export function serapanFormula(anggaranRef: string, realisasiRef: string): string {
  return `IF(${bothNumbers(anggaranRef, realisasiRef)},IF(${anggaranRef}=0,"",${realisasiRef}/${anggaranRef}*100),"")`;
}

/** Formula text for bobot; "" when a cell is not a number or total is 0. */
export function bobotFormula(bagianRef: string, totalRef: string): string {
  return `IF(${bothNumbers(bagianRef, totalRef)},IF(${totalRef}=0,"",${bagianRef}/${totalRef}*100),"")`;
}

/** Formula text for efisiensi; "" when a cell is not a number. */
export function efisiensiFormula(anggaranRef: string, realisasiRef: string): string {
  return `IF(${bothNumbers(anggaranRef, realisasiRef)},${anggaranRef}-${realisasiRef},"")`;
}

/** Formula text for kemajuan (same as capaianFormula with the end target). */
export function kemajuanFormula(
  targetAkhirRef: string,
  realisasiRef: string,
  arah: Arah = "normal"
): string {
  return capaianFormula(targetAkhirRef, realisasiRef, { arah });
}
