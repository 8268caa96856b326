/**
 * Numbers in Indonesian words (terbilang), following KBBI/PUEBI: 'miliar' (not 'milyar'),
 * 'seribu' but 'satu juta', 'sebelas', 'seratus'; decimals read digit by digit after 'koma';
 * rupiah cents as 'sen'.
 */
import { CellValue, MonevError, isMonevError } from "./errors";
import { parseAngka } from "./number";

export interface TerbilangOptions {
  /** Append 'rupiah' and read two decimals as 'sen' (rounded to whole sen). */
  rupiah?: boolean;
  /** 'kecil' (default, inside a sentence), 'judul' (Title Case, receipts), 'besar' (UPPERCASE). */
  huruf?: "kecil" | "judul" | "besar";
}

const DIGITS = [
  "nol",
  "satu",
  "dua",
  "tiga",
  "empat",
  "lima",
  "enam",
  "tujuh",
  "delapan",
  "sembilan",
];
const SCALE_WORDS = ["", "ribu", "juta", "miliar", "triliun"];
const LIMIT = 1e15;

/** Words for 1..999. */
function below1000(n: number): string[] {
  const out: string[] = [];
  const h = Math.floor(n / 100);
  const r = n % 100;
  if (h === 1) out.push("seratus");
  else if (h > 1) out.push(DIGITS[h], "ratus");
  if (r === 0) return out;
  if (r < 10) out.push(DIGITS[r]);
  else if (r === 10) out.push("sepuluh");
  else if (r === 11) out.push("sebelas");
  else if (r < 20) out.push(DIGITS[r - 10], "belas");
  else {
    out.push(DIGITS[Math.floor(r / 10)], "puluh");
    if (r % 10) out.push(DIGITS[r % 10]);
  }
  return out;
}

/** Words for a non-negative integer below 1e15. */
function integerWords(n: number): string[] {
  if (n === 0) return ["nol"];
  const groups: number[] = [];
  let rest = n;
  while (rest > 0) {
    groups.push(rest % 1000);
    rest = Math.floor(rest / 1000);
  }
  const out: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === 0) continue;
    if (i === 1 && g === 1) out.push("seribu");
    else out.push(...below1000(g), ...(SCALE_WORDS[i] ? [SCALE_WORDS[i]] : []));
  }
  return out;
}

/** Integer part and decimal digits of |x| >= 0 without float noise (0.1+0.2 -> [0, "3"]). */
function splitDecimal(abs: number): [number, string] {
  const rounded = Number(abs.toPrecision(15));
  let s = String(rounded);
  if (/e/i.test(s)) s = rounded.toFixed(20);
  const i = s.indexOf(".");
  if (i < 0) return [Number(s), ""];
  return [Number(s.slice(0, i)), s.slice(i + 1).replace(/0+$/, "")];
}

function applyCase(s: string, huruf: TerbilangOptions["huruf"]): string {
  if (huruf === "besar") return s.toUpperCase();
  if (huruf === "judul")
    return s.replace(/(^|\s)(\S)/g, (_m, sp: string, c: string) => sp + c.toUpperCase());
  return s;
}

/**
 * Indonesian words for a number. Text is parsed with parseAngka ("11.031.976.960").
 * 0 -> 'nol'; negatives -> 'minus ...'; decimals -> 'koma' then digit by digit
 * ('12,5' -> 'dua belas koma lima'); rupiah -> '... rupiah' plus '... sen' for non-zero cents
 * (rounded to 2 decimals). |n| >= 1e15 -> NUM error; empty -> NA; non-numbers -> VALUE.
 */
export function terbilang(n: CellValue, opts?: TerbilangOptions): string | MonevError {
  const p = parseAngka(n);
  if (isMonevError(p)) return p;
  if (p === null) return new MonevError("NA", "nilai kosong", "value is empty");
  const x = p.value;
  if (Math.abs(x) >= LIMIT) {
    return new MonevError(
      "NUM",
      "angka terlalu besar (batas di bawah 1.000 triliun)",
      "number too large (limit below 1e15)"
    );
  }
  const abs = Math.abs(x);
  const words: string[] = [];
  if (opts?.rupiah) {
    let whole = Math.trunc(abs);
    let sen = Math.round((abs - whole) * 100);
    if (sen === 100) {
      whole += 1;
      sen = 0;
    }
    if (whole === 0 && sen === 0) return applyCase("nol rupiah", opts?.huruf);
    if (x < 0) words.push("minus");
    words.push(...integerWords(whole), "rupiah");
    if (sen > 0) words.push(...integerWords(sen), "sen");
  } else {
    const [whole, dec] = splitDecimal(abs);
    if (x < 0 && (whole > 0 || dec !== "")) words.push("minus");
    words.push(...integerWords(whole));
    if (dec !== "") words.push("koma", ...dec.split("").map((d) => DIGITS[Number(d)]));
  }
  return applyCase(words.join(" "), opts?.huruf);
}
