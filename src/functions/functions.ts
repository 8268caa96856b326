/* eslint-disable @typescript-eslint/no-explicit-any -- custom-functions-metadata needs literal any[][] */
/**
 * Excel custom functions of Monev (namespace MONEV, set in the manifest).
 *
 * Metadata (functions.json) is generated from the JSDoc below by custom-functions-metadata.
 * Every range-capable parameter is typed `any[][]` (dimensionality "matrix"): Excel then passes a
 * single cell as a 1x1 array and a range as its 2-D array, and broadcast() lifts the scalar core
 * rule over it. Results are `any[][]`, so a range input spills a same-shaped result with per-cell
 * errors. When called from JavaScript with plain scalars, the functions return a scalar.
 *
 * Descriptions are Indonesian (custom-functions-metadata has no per-locale JSDoc); English
 * descriptions live in docs/functions.md. Help URLs share one base:
 * HELP_BASE = https://localhost:3000/docs/functions.html (anchor = lowercase id).
 */
import { Arah, parseArah } from "../core/arah";
import { capaian as capaianRule } from "../core/capaian";
import { CellValue, MonevError, isMonevError } from "../core/errors";
import { parseAngka } from "../core/number";
import { Scale, getScale, predikat as predikatRule, scaleFromTable } from "../core/predikat";
import {
  bobot as bobotRule,
  efisiensi as efisiensiRule,
  kemajuan as kemajuanRule,
  serapan as serapanRule,
} from "../core/anggaran";
import { rata as rataRule } from "../core/rata";
import { terbilang as terbilangRule } from "../core/terbilang";
import { broadcast, flatten, OutCell, shapeOf, single, toCellValue, toOutCell } from "./broadcast";
import { isExcelError, toExcelError, valueError } from "./errors";

/** Base of every @helpurl below (kept identical by test/functions/metadata.test.ts). */
export const HELP_BASE = "https://localhost:3000/docs/functions.html";

/** Result of a custom function: a spilled 2-D array from Excel, a scalar for scalar JS calls. */
type Matrix = any[][];

function asMatrix(x: OutCell | OutCell[][]): Matrix {
  return x as unknown as Matrix;
}

/* ---------- per-cell option parsers (each returns the option or a MonevError) ---------- */

function bad(message: string, messageEn: string): MonevError {
  return new MonevError("VALUE", message, messageEn);
}

function shown(v: CellValue): string {
  if (v instanceof Date) return "tanggal";
  const s = String(v).trim();
  return s.length > 30 ? s.slice(0, 27) + "..." : s;
}

/** batas (cap): empty/FALSE -> none; TRUE -> 100; a number or numeric text -> that cap. */
export function parseBatas(v: CellValue): number | null | MonevError {
  if (v === null || v === undefined || v === false) return null;
  if (v === true) return 100;
  if (typeof v === "string" && v.trim() === "") return null;
  const p = parseAngka(v);
  if (p === null) return null;
  if (isMonevError(p))
    return bad(`batas bukan angka: '${shown(v)}'`, `cap is not a number: '${shown(v)}'`);
  return p.value;
}

/** bentuk: empty -> 'panjang'; 'panjang' | 'kode' (case-insensitive). */
export function parseBentuk(v: CellValue): "panjang" | "kode" | MonevError {
  if (v === null || v === undefined) return "panjang";
  const s = typeof v === "string" ? v.trim().toLowerCase() : String(v);
  if (s === "" || s === "panjang" || s === "label") return "panjang";
  if (s === "kode" || s === "singkat") return "kode";
  return bad(
    `bentuk tidak dikenal: '${shown(v)}' (panjang, kode)`,
    `unknown form: '${shown(v)}' (panjang, kode)`
  );
}

/** rupiah flag: empty/FALSE/0/'tidak' -> false; TRUE/1/'ya'/'rupiah'/'rp' -> true. */
export function parseRupiah(v: CellValue): boolean | MonevError {
  if (v === null || v === undefined) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") {
    if (v === 0) return false;
    if (v === 1) return true;
  }
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (["", "0", "false", "salah", "tidak", "t", "no", "n"].includes(s)) return false;
    if (["1", "true", "benar", "ya", "y", "yes", "rupiah", "rp", "rp."].includes(s)) return true;
  }
  return bad(`rupiah harus TRUE/FALSE: '${shown(v)}'`, `rupiah must be TRUE/FALSE: '${shown(v)}'`);
}

/** huruf: empty -> 'kecil'; 'kecil' | 'judul' | 'besar' (case-insensitive). */
export function parseHuruf(v: CellValue): "kecil" | "judul" | "besar" | MonevError {
  if (v === null || v === undefined) return "kecil";
  const s = typeof v === "string" ? v.trim().toLowerCase() : String(v);
  if (s === "" || s === "kecil") return "kecil";
  if (s === "judul") return "judul";
  if (s === "besar") return "besar";
  return bad(
    `huruf tidak dikenal: '${shown(v)}' (kecil, judul, besar)`,
    `unknown case: '${shown(v)}' (kecil, judul, besar)`
  );
}

/* ---------- custom functions ---------- */

/**
 * Menghitung capaian kinerja (%) dari target dan realisasi; 100 = target tercapai.
 * @customfunction CAPAIAN CAPAIAN
 * @helpurl https://localhost:3000/docs/functions.html#capaian
 * @param target Target (angka, teks angka Indonesia "87,44", atau rentang "80-90"); boleh rentang sel.
 * @param realisasi Realisasi (angka atau teks angka); boleh rentang sel.
 * @param [arah] Arah indikator: normal (default), inverse (rumus panjang), rasio (T/R) atau selisih ((T-R)/T).
 * @param [batas] Batas atas capaian, mis. 100 atau 120; TRUE = 100; kosong = tanpa batas.
 * @returns Capaian dalam persen (per sel bila masukan berupa rentang).
 */
export function capaian(
  target: any[][],
  realisasi: any[][],
  arah?: any[][],
  batas?: any[][]
): any[][] {
  return asMatrix(
    broadcast([target, realisasi, arah ?? null, batas ?? null], ([t, r, a, b]) => {
      const ar = parseArah(a);
      if (isMonevError(ar)) return ar;
      const cap = parseBatas(b);
      if (isMonevError(cap)) return cap;
      return capaianRule(t, r, { arah: ar, cap });
    })
  );
}

/** Scale given as a PREDIKAT skala argument: an id (1 cell) or a table (2+ columns). */
function scaleArg(skala: unknown): { scale: Scale | MonevError } | { perCell: unknown } {
  const one = single(skala);
  if (one) {
    const v = one.value;
    if (isExcelError(v)) return { perCell: v };
    const cv = toCellValue(v);
    if (cv !== null && typeof cv !== "string") {
      return {
        scale: bad(`skala harus teks: '${shown(cv)}'`, `scale must be text: '${shown(cv)}'`),
      };
    }
    return { scale: getScale(cv) };
  }
  const [, cols] = shapeOf(skala);
  if (cols >= 2) {
    const rows = (skala as unknown[][]).map((row) =>
      (Array.isArray(row) ? row : [row]).map(toCellValue)
    );
    return { scale: scaleFromTable(rows) };
  }
  // A single column of scale ids: one id per row, broadcast like any other argument.
  return { perCell: skala };
}

/**
 * Menentukan predikat (kategori) capaian menurut skala: Permendagri 86/2017 (default) atau skala lain.
 * @customfunction PREDIKAT PREDIKAT
 * @helpurl https://localhost:3000/docs/functions.html#predikat
 * @param capaian Nilai capaian dalam persen; boleh rentang sel.
 * @param [skala] Id skala (permendagri86, permendagri86-bulat, baik, berhasil, sakip, opini, tw1-tw4) atau tabel 2 kolom (batas bawah, label).
 * @param [bentuk] "panjang" (default, mis. Sangat Tinggi) atau "kode" (mis. ST).
 * @returns Predikat capaian (per sel bila masukan berupa rentang).
 */
export function predikat(capaian: any[][], skala?: any[][], bentuk?: any[][]): any[][] {
  const sc = scaleArg(skala ?? null);
  if ("scale" in sc) {
    const fixed = sc.scale;
    return asMatrix(
      broadcast([capaian, bentuk ?? null], ([x, f]) => {
        if (isMonevError(fixed)) return fixed;
        const form = parseBentuk(f);
        if (isMonevError(form)) return form;
        return predikatRule(x, fixed, form);
      })
    );
  }
  const cache = new Map<string, Scale | MonevError>();
  return asMatrix(
    broadcast([capaian, sc.perCell, bentuk ?? null], ([x, s, f]) => {
      if (s !== null && s !== undefined && typeof s !== "string") {
        return bad(`skala harus teks: '${shown(s)}'`, `scale must be text: '${shown(s)}'`);
      }
      const key = s ?? "";
      let scale = cache.get(key);
      if (!scale) {
        scale = getScale(s);
        cache.set(key, scale);
      }
      if (isMonevError(scale)) return scale;
      const form = parseBentuk(f);
      if (isMonevError(form)) return form;
      return predikatRule(x, scale, form);
    })
  );
}

/**
 * Menghitung serapan anggaran (%): realisasi / anggaran × 100.
 * @customfunction SERAPAN SERAPAN
 * @helpurl https://localhost:3000/docs/functions.html#serapan
 * @param anggaran Pagu anggaran (Rp); boleh rentang sel.
 * @param realisasi Realisasi anggaran (Rp); boleh rentang sel.
 * @returns Serapan anggaran dalam persen.
 */
export function serapan(anggaran: any[][], realisasi: any[][]): any[][] {
  return asMatrix(broadcast([anggaran, realisasi], ([a, r]) => serapanRule(a, r)));
}

/**
 * Menghitung bobot (%) suatu bagian terhadap total: bagian / total × 100.
 * @customfunction BOBOT BOBOT
 * @helpurl https://localhost:3000/docs/functions.html#bobot
 * @param bagian Nilai bagian (mis. pagu kegiatan); boleh rentang sel.
 * @param total Nilai total (satu sel, atau rentang berukuran sama dengan bagian).
 * @returns Bobot dalam persen.
 */
export function bobot(bagian: any[][], total: any[][]): any[][] {
  return asMatrix(broadcast([bagian, total], ([p, t]) => bobotRule(p, t)));
}

/**
 * Menghitung efisiensi anggaran (Rp): anggaran − realisasi; negatif berarti melebihi pagu.
 * @customfunction EFISIENSI EFISIENSI
 * @helpurl https://localhost:3000/docs/functions.html#efisiensi
 * @param anggaran Pagu anggaran (Rp); boleh rentang sel.
 * @param realisasi Realisasi anggaran (Rp); boleh rentang sel.
 * @returns Sisa anggaran dalam rupiah.
 */
export function efisiensi(anggaran: any[][], realisasi: any[][]): any[][] {
  return asMatrix(broadcast([anggaran, realisasi], ([a, r]) => efisiensiRule(a, r)));
}

/**
 * Menghitung tingkat kemajuan (%) realisasi terhadap target akhir Renstra/RPJMD.
 * @customfunction KEMAJUAN KEMAJUAN
 * @helpurl https://localhost:3000/docs/functions.html#kemajuan
 * @param target_akhir Target akhir periode Renstra/RPJMD; boleh rentang sel.
 * @param realisasi Realisasi kumulatif sampai tahun berjalan; boleh rentang sel.
 * @param [arah] Arah indikator: normal (default), inverse, rasio atau selisih.
 * @returns Tingkat kemajuan dalam persen.
 */
export function kemajuan(target_akhir: any[][], realisasi: any[][], arah?: any[][]): any[][] {
  return asMatrix(
    broadcast([target_akhir, realisasi, arah ?? null], ([t, r, a]) => {
      const ar: Arah | MonevError = parseArah(a);
      if (isMonevError(ar)) return ar;
      return kemajuanRule(t, r, ar);
    })
  );
}

/**
 * Menghitung rata-rata capaian; sel kosong, "-" dan teks bukan angka dilewati.
 * @customfunction RATA RATA
 * @helpurl https://localhost:3000/docs/functions.html#rata
 * @param nilai Rentang nilai capaian (angka atau teks angka Indonesia).
 * @param [batas] Batas atas tiap nilai sebelum dirata-rata, mis. 100; TRUE = 100; kosong = tanpa batas.
 * @returns Rata-rata (satu nilai).
 */
export function rata(nilai: any[][], batas?: any[][]): number | string | CustomFunctions.Error {
  try {
    const one = single(batas ?? null);
    if (!one) return valueError("batas harus satu sel");
    if (isExcelError(one.value)) return one.value;
    const cap = parseBatas(toCellValue(one.value));
    if (isMonevError(cap)) return toExcelError(cap);
    const cells: CellValue[] = [];
    for (const v of flatten(nilai)) {
      if (isExcelError(v)) return v;
      cells.push(toCellValue(v));
    }
    return toOutCell(rataRule(cells, { cap }));
  } catch (e) {
    return valueError("kesalahan internal: " + (e instanceof Error ? e.message : String(e)));
  }
}

/**
 * Mengubah teks angka gaya Indonesia ("Rp 11.031.976.960", "87,44%", "5.517 Orang") menjadi angka.
 * @customfunction ANGKA ANGKA
 * @helpurl https://localhost:3000/docs/functions.html#angka
 * @param teks Teks angka atau angka; boleh rentang sel. Pemisah ambigu seperti "1.234" menghasilkan #VALUE!.
 * @returns Angka (persen tetap dalam poin persen: "87,44%" menjadi 87,44); sel kosong menjadi teks kosong.
 */
export function angka(teks: any[][]): any[][] {
  return asMatrix(
    broadcast([teks], ([v]) => {
      const p = parseAngka(v);
      if (p === null || isMonevError(p)) return p;
      return p.value;
    })
  );
}

/**
 * Menuliskan angka dengan huruf bahasa Indonesia (terbilang), mis. untuk kuitansi.
 * @customfunction TERBILANG TERBILANG
 * @helpurl https://localhost:3000/docs/functions.html#terbilang
 * @param angka Angka yang akan dieja (di bawah 1.000 triliun); boleh rentang sel.
 * @param [rupiah] TRUE untuk menambahkan "rupiah" (dan "sen" untuk desimal); default FALSE.
 * @param [huruf] Bentuk huruf: "kecil" (default), "judul" (Huruf Awal Besar) atau "besar" (KAPITAL).
 * @returns Angka dalam huruf.
 */
export function terbilang(angka: any[][], rupiah?: any[][], huruf?: any[][]): any[][] {
  return asMatrix(
    broadcast([angka, rupiah ?? null, huruf ?? null], ([n, rp, h]) => {
      const r = parseRupiah(rp);
      if (isMonevError(r)) return r;
      const hf = parseHuruf(h);
      if (isMonevError(hf)) return hf;
      return terbilangRule(n, { rupiah: r, huruf: hf });
    })
  );
}

/** Custom function id -> implementation; the ids are those of the @customfunction tags. */
export const FUNCTIONS: Readonly<Record<string, (...args: never[]) => unknown>> = {
  CAPAIAN: capaian,
  PREDIKAT: predikat,
  SERAPAN: serapan,
  BOBOT: bobot,
  EFISIENSI: efisiensi,
  KEMAJUAN: kemajuan,
  RATA: rata,
  ANGKA: angka,
  TERBILANG: terbilang,
};

/**
 * Associate every custom function with its id. Call once in the shared runtime (task pane page)
 * after Office.onReady; does nothing when the CustomFunctions API is not available.
 * Returns the associated ids.
 */
export function registerFunctions(): string[] {
  const cf = (
    globalThis as unknown as { CustomFunctions?: { associate?: (id: string, fn: unknown) => void } }
  ).CustomFunctions;
  if (!cf || typeof cf.associate !== "function") return [];
  const ids: string[] = [];
  for (const [id, fn] of Object.entries(FUNCTIONS)) {
    cf.associate(id, fn);
    ids.push(id);
  }
  return ids;
}
