/**
 * Direction of an indicator: whether a higher realisation is better ("normal") or worse (inverse).
 * Public software disagrees on the inverse formula, so each variant is a named direction.
 */
import { CellValue, MonevError } from "./errors";

/**
 * - normal: higher is better, R/T*100 ("rumus pendek")
 * - inverse: lower is better, (2T-R)/T*100 ("rumus panjang" of the seeds; SKP's 1+(1-R/T))
 * - inverse-rasio: lower is better, T/R*100 (SIPD monev plugin, some e-SAKIP apps)
 * - inverse-selisih: lower is better, (T-R)/T*100 (one e-SAKIP app; 0 when the target is met exactly)
 */
export type Arah = "normal" | "inverse" | "inverse-rasio" | "inverse-selisih";

export const ARAH_VALUES: readonly Arah[] = [
  "normal",
  "inverse",
  "inverse-rasio",
  "inverse-selisih",
];

const WORDS: Record<string, Arah> = {
  "": "normal",
  normal: "normal",
  positif: "normal",
  positive: "normal",
  naik: "normal",
  "+": "normal",
  "1": "normal",
  maximize: "normal",
  maximise: "normal",
  maximal: "normal",
  maksimal: "normal",
  max: "normal",
  "higher is better": "normal",
  inverse: "inverse",
  invers: "inverse",
  negatif: "inverse",
  negative: "inverse",
  turun: "inverse",
  "-": "inverse",
  "-1": "inverse",
  minimize: "inverse",
  minimise: "inverse",
  minimal: "inverse",
  minimum: "inverse",
  min: "inverse",
  "lower is better": "inverse",
  rasio: "inverse-rasio",
  "inverse-rasio": "inverse-rasio",
  "invers-rasio": "inverse-rasio",
  "t/r": "inverse-rasio",
  selisih: "inverse-selisih",
  "inverse-selisih": "inverse-selisih",
  "invers-selisih": "inverse-selisih",
};

/**
 * Parse a direction cell, case-insensitively. null/undefined/'' -> 'normal'.
 * normal|positif|naik|+|1|maximize|maximise|max -> normal;
 * inverse|invers|negatif|turun|-|-1|minimize|minimise|min -> inverse (SAKIP apps' "Polarisasi");
 * rasio|inverse-rasio|t/r -> inverse-rasio; selisih|inverse-selisih -> inverse-selisih.
 * Numbers 1 and -1 are accepted; anything else -> VALUE error "arah tidak dikenal: '...'".
 */
export function parseArah(v: CellValue): Arah | MonevError {
  if (v === null || v === undefined) return "normal";
  // The four directions as the engine passes them (already in their own key form).
  if (v === "normal" || v === "inverse" || v === "inverse-rasio" || v === "inverse-selisih")
    return v;
  let key: string;
  if (typeof v === "number") key = String(v);
  else if (typeof v === "string")
    key = v
      .trim()
      .toLowerCase()
      .replace(/\s+/g, " ")
      .replace(/\u2212/g, "-");
  else key = v instanceof Date ? "tanggal" : String(v).toUpperCase();
  const hit = Object.prototype.hasOwnProperty.call(WORDS, key) ? WORDS[key] : undefined;
  if (hit) return hit;
  const shown = typeof v === "string" ? v.trim() : key;
  return new MonevError(
    "VALUE",
    `arah tidak dikenal: '${shown}' (normal, inverse, rasio, selisih, maximize, minimize)`,
    `unknown direction: '${shown}' (normal, inverse, rasio, selisih, maximize, minimize)`
  );
}

/**
 * Words that usually mark a lower-is-better indicator. A hint only: the user decides.
 */
export const INVERSE_HINTS: RegExp[] = [
  /pengangguran/i,
  /kemiskinan|penduduk miskin|\bmiskin\b/i,
  /perselisihan|sengketa|konflik/i,
  /kecelakaan/i,
  /\bkasus\b/i,
  /angka kematian|kematian/i,
  /\b(?:AKI|AKB|AKBa)\b/,
  /waktu tunggu|lama waktu|rata-rata waktu/i,
  /stunting|gizi buruk|wasting|kurang gizi/i,
  /angka kesakitan|prevalensi|insiden/i,
  /kriminalitas|kejahatan|pelanggaran/i,
  /kebakaran|genangan|banjir/i,
  /putus sekolah|buta aksara|angka mengulang/i,
  /permukiman kumuh|kawasan kumuh|\bkumuh\b/i,
  /inflasi|rasio gini|indeks gini|ketimpangan|kesenjangan/i,
  /tunggakan|kerugian|temuan/i,
  /pencemaran|polusi|kerusakan/i,
];

/**
 * Words that turn an inverse subject into a higher-is-better indicator:
 * "penurunan angka kemiskinan", "kasus yang ditangani", "perselisihan yang diselesaikan".
 */
const POSITIVE_FRAMING =
  /penurunan|menurun|turunnya|berkurang|pengurangan|ditangani|tertangani|penanganan|diselesaikan|terselesaikan|penyelesaian|tertanggulangi|penanggulangan|pencegahan|\bbebas\b|memahami|dilaporkan|ditindaklanjuti/i;

/**
 * INVERSE_HINTS as two alternations (the case-insensitive hints, the case-sensitive ones): a text
 * matches one of them exactly when it matches one of the hints. Two tests instead of seventeen
 * for every indicator row of a sheet.
 */
const HINTS_I = new RegExp(
  INVERSE_HINTS.filter((re) => re.flags === "i")
    .map((re) => `(?:${re.source})`)
    .join("|"),
  "i"
);
const HINTS_CASE = INVERSE_HINTS.filter((re) => re.flags !== "i");

/** Suggest 'inverse' for indicator texts that look lower-is-better; null when no hint matches. */
export function suggestArah(indicatorText: string): "inverse" | null {
  if (typeof indicatorText !== "string" || indicatorText.trim() === "") return null;
  if (POSITIVE_FRAMING.test(indicatorText)) return null;
  return HINTS_I.test(indicatorText) || HINTS_CASE.some((re) => re.test(indicatorText))
    ? "inverse"
    : null;
}
