/**
 * Header block detection and column roles from header TEXT (never fixed positions). Pure.
 */
import type { ColumnInfo, ColumnRole, MergedArea, SheetGrid } from "../types";
import { looksNumeric, normalise, scanRow, textAt, type RowScan } from "./cells";
import { leadingColumnNumber, parseStatedFormula } from "./formula";

const HINT_RE =
  /^(?:no|no\.|nomor)$|\bkode\b|\buraian\b|\bprogram\b|\bkegiatan\b|\bsasaran\b|\bindikator\b|\bsatuan\b|\btarget\b|\brealisasi\b|\bcapaian\b|\bpersentase\b|\banggaran\b|\bdpa\b|\bpagu\b|\bapbd\b|\bpredikat\b|\bkategori\b|\bkriteria\b|^ket\.?$|\bketerangan\b|\bserapan\b|\bbobot\b|\bfisik\b|\bkeuangan\b|\befisiensi\b|\bkemajuan\b|\brencana\b|\btriwulan\b|\barah\b|\bsifat\b|\bpolaritas\b|\burusan\b|\bformulasi\b|\biku\b|^i k u$|\bpolarisasi\b|\bdeviasi\b|penanggung ?jawab|\bunit kerja\b|\bsisa anggaran\b|^(?:ren|real|cap|kat|keu|rata2|rata-rata)\.?$/;

/**
 * A month as a column-group caption (a monthly form: "Januari / Target", "Januari / Realisasi", …),
 * the cell holding the month alone: Indonesian names, their older spellings and abbreviations.
 */
export const MONTH_RE =
  /^(?:januari|jan|februari|pebruari|feb|peb|maret|mar|april|apr|mei|juni|jun|juli|jul|agustus|agu|agt|ags|september|sept?|oktober|okt|november|nopember|nov|nop|desember|des)\.?$/;

export function isHeaderHint(text: string): boolean {
  if (text.length > 200) return false;
  const t = normalise(text);
  return HINT_RE.test(t) || MONTH_RE.test(t);
}

/** Fields of a RowScan in Scans' packed store, one slot each per row. */
const SLOTS = 7;

/**
 * Cache of row scans for one grid, packed in one typed array (RowScan objects for every row of a
 * 50,000-row sheet lived through the whole recognition: megabytes for the garbage collector to copy
 * and mark). `get` rebuilds the object of a row, and keeps the last one: callers ask about the same
 * row several times in a row.
 */
export class Scans {
  private readonly packed: Int32Array;
  private readonly done: Uint8Array;
  private last: RowScan | undefined = undefined;
  private lastRow = -1;
  constructor(readonly grid: SheetGrid) {
    const n = grid.cells.length;
    this.packed = new Int32Array(n * SLOTS);
    this.done = new Uint8Array(n);
  }
  get(r: number): RowScan {
    if (r === this.lastRow && this.last !== undefined) return this.last;
    let s: RowScan;
    if (r < 0 || r >= this.done.length) s = scanRow(this.grid, r);
    else if (this.done[r] === 0) {
      s = scanRow(this.grid, r);
      const i = r * SLOTS;
      const p = this.packed;
      p[i] = s.filled;
      p[i + 1] = s.numeric;
      p[i + 2] = s.text;
      p[i + 3] = s.years;
      p[i + 4] = s.firstCol;
      p[i + 5] = s.lastCol;
      p[i + 6] = s.columnNumbers ? 1 : 0;
      this.done[r] = 1;
    } else {
      const i = r * SLOTS;
      const p = this.packed;
      s = {
        filled: p[i],
        numeric: p[i + 1],
        text: p[i + 2],
        years: p[i + 3],
        firstCol: p[i + 4],
        lastCol: p[i + 5],
        columnNumbers: p[i + 6] === 1,
      };
    }
    this.last = s;
    this.lastRow = r;
    return s;
  }
}

/** A header anchor: a row with at least two short header captions and no numbers. */
export function isAnchorRow(grid: SheetGrid, scans: Scans, r: number): boolean {
  const s = scans.get(r);
  if (s.text < 2 || s.numeric !== s.years) return false;
  let hints = 0;
  let shortHints = 0;
  for (let c = s.firstCol; c <= s.lastCol; c++) {
    const t = textAt(grid, r, c);
    if (t === "" || !isHeaderHint(t)) continue;
    hints++;
    if (t.length <= 40) shortHints++;
  }
  return shortHints >= 2 && hints * 2 >= s.text;
}

/** A column-number row: ≥3 cells, nearly all column numbers, mostly consecutive, starting at 1 or 2. */
export function isColumnNumberRow(grid: SheetGrid, scans: Scans, r: number): boolean {
  return scans.get(r).columnNumbers;
}

/** Sub-column caption of a K/Rp row: 'K', 'Rp', 'Rp.', 'Rp. (000)', 'Rp (juta)', '%'. */
export function subCaption(t: string): "k" | "rp" | "pct" | undefined {
  const x = t.trim().toLowerCase();
  if (x === "k") return "k";
  if (RP_CAPTION_RE.test(x)) return "rp";
  if (PCT_CAPTION_RE.test(x)) return "pct";
  return undefined;
}

// Compiled once: a regex literal in a function makes an object per call (asked for body rows too).
const RP_CAPTION_RE = /^rp\.?\s*(?:\(\s*(?:000|juta|ribu|ribuan|jutaan)\s*\))?$/;
const PCT_CAPTION_RE = /^\(?\s*%\s*\)?$/;

/** A K/Rp leaf row: only 'K', 'Rp' (and '%') cells, with at least one K or Rp. */
export function isKRpRow(grid: SheetGrid, scans: Scans, r: number, maxCol = Infinity): boolean {
  const s = scans.get(r);
  if (s.filled < 2 || s.numeric - numbersBeyond(grid, r, maxCol) > 0) return false;
  let kr = 0;
  for (let c = s.firstCol; c <= Math.min(s.lastCol, maxCol); c++) {
    const t = textAt(grid, r, c);
    if (t === "") continue;
    const k = subCaption(t);
    if (k === undefined) return false;
    if (k !== "pct") kr++;
  }
  return kr >= 2;
}

export interface HeaderBlock {
  anchor: number;
  titleRows: number[];
  /** Header rows (caption rows, the column-number row and the K/Rp row), top to bottom. */
  rows: number[];
  columnNumberRow?: number;
  krRow?: number;
  end: number;
}

function isTitleLike(grid: SheetGrid, scans: Scans, r: number): boolean {
  const s = scans.get(r);
  return s.filled === 1 && s.text === 1 && textAt(grid, r, s.firstCol).length >= 3;
}

/** Extend a header block from its anchor row. */
/**
 * Numeric cells right of `maxCol`: scratch figures beside a header (04 '10 DLH' keeps `277015`
 * in Z9) are not part of it and must not end the header block.
 */
function numbersBeyond(grid: SheetGrid, r: number, maxCol: number): number {
  const row = grid.cells[r];
  if (!row || maxCol === Infinity) return 0;
  let n = 0;
  for (let c = maxCol + 1; c < row.length; c++) {
    const v = row[c]?.value;
    if (
      typeof v === "number" ||
      (typeof v === "string" && v.trim() !== "" && looksNumeric(v.trim()))
    )
      n++;
  }
  return n;
}

/** Last column of the header's anchor row, merges included. */
function anchorRight(grid: SheetGrid, scans: Scans, anchor: number): number {
  let right = scans.get(anchor).lastCol;
  for (const m of grid.merges)
    if (m.top <= anchor && m.bottom >= anchor && m.left <= right && m.right > right)
      right = m.right;
  return right;
}

export function headerBlock(grid: SheetGrid, scans: Scans, anchor: number): HeaderBlock {
  const rows = [anchor];
  const right = anchorRight(grid, scans, anchor);
  let columnNumberRow: number | undefined;
  let krRow: number | undefined;
  const n = grid.cells.length;
  for (let r = anchor + 1; r < n && r <= anchor + 7; r++) {
    if (isColumnNumberRow(grid, scans, r)) {
      rows.push(r);
      columnNumberRow = r;
      if (r + 1 < n && isKRpRow(grid, scans, r + 1, right)) {
        rows.push(r + 1);
        krRow = r + 1;
      }
      break;
    }
    if (isKRpRow(grid, scans, r, right)) {
      rows.push(r);
      krRow = r;
      continue;
    }
    if (columnNumberRow !== undefined || krRow !== undefined) break;
    const s = scans.get(r);
    if (s.filled === 0 || s.numeric - numbersBeyond(grid, r, right) !== s.years) break;
    let hints = 0;
    let short = true;
    for (let c = s.firstCol; c <= s.lastCol; c++) {
      const t = textAt(grid, r, c);
      if (t === "") continue;
      if (isHeaderHint(t)) hints++;
      else if (t.length > 30 && !(s.years > 0 && /^\d{4}$/.test(t))) short = false;
    }
    const ok = hints >= 1 || s.years > 0 || (s.filled >= 2 && short);
    if (!ok || rows.length - 1 >= 5) break;
    rows.push(r);
  }
  const titleRows: number[] = [];
  for (let r = anchor - 1; r >= 0 && r >= anchor - 4; r--) {
    const s = scans.get(r);
    if (s.filled === 0) continue;
    if (!isTitleLike(grid, scans, r)) break;
    titleRows.unshift(r);
  }
  return { anchor, titleRows, rows, columnNumberRow, krRow, end: rows[rows.length - 1] };
}

function mergeAt(merges: MergedArea[], r: number, c: number): MergedArea | undefined {
  for (const m of merges) if (r >= m.top && r <= m.bottom && c >= m.left && c <= m.right) return m;
  return undefined;
}

const STANDALONE_RE = /^(?:ket\.?|keterangan|predikat|kategori|kriteria|satuan|no\.?|kode)$/;

export interface HeaderColumn {
  col: number;
  captions: string[];
  kr?: "k" | "rp";
  /** Sub-column caption from the K/Rp row ('%' included). */
  sub?: "k" | "rp" | "pct";
  /** Covered by a sub-caption merged from a column on its left. */
  subContinuation?: boolean;
  number?: number;
  formulaText?: string;
}

/** Captions per column, resolving merges and the "caption then empty cells" pattern. */
export function headerColumns(
  grid: SheetGrid,
  hb: HeaderBlock,
  left: number,
  right: number
): HeaderColumn[] {
  const merges = grid.merges.filter((m) => m.bottom >= hb.anchor && m.top <= hb.end);
  const textRows = hb.rows.filter((r) => r !== hb.columnNumberRow && r !== hb.krRow);
  const cols: HeaderColumn[] = [];
  for (let c = left; c <= right; c++) cols.push({ col: c, captions: [] });
  // owner[i][c] = start column of the caption covering (textRows[i], c), or -1
  let prevOwner: number[] | null = null;
  textRows.forEach((r, i) => {
    const owner: number[] = new Array(right + 1).fill(-1);
    for (let c = left; c <= right; c++) {
      const m = mergeAt(merges, r, c);
      if (m) {
        if (m.top === r) {
          owner[c] = m.left;
          if (c === m.left) {
            const t = textAt(grid, m.top, m.left);
            if (t)
              for (let k = Math.max(m.left, left); k <= Math.min(m.right, right); k++)
                cols[k - left].captions.push(t);
          }
        } else owner[c] = -2; // vertical continuation
        continue;
      }
      const t = textAt(grid, r, c);
      if (t !== "") {
        owner[c] = c;
        cols[c - left].captions.push(t);
        continue;
      }
      // caption then empty cells: extend the caption on the left
      const o = c > left ? owner[c - 1] : -1;
      if (o < 0) continue;
      if (mergeAt(merges, r, o) && mergeAt(merges, r, o)!.right < c) continue;
      if (prevOwner && prevOwner[c] !== prevOwner[o]) continue;
      const below = i + 1 < textRows.length ? textRows[i + 1] : hb.krRow;
      if (below === undefined) continue;
      const bt = textAt(grid, below, c);
      const bm = mergeAt(merges, below, c);
      if (bt === "" && !bm) continue;
      if (STANDALONE_RE.test(normalise(bt))) continue;
      owner[c] = o;
      cols[c - left].captions.push(textAt(grid, r, o));
    }
    prevOwner = owner;
  });
  if (hb.krRow !== undefined) {
    for (const hc of cols) {
      const sub = subCaption(textAt(grid, hb.krRow, hc.col));
      if (sub === "k" || sub === "rp") hc.kr = sub;
      if (sub) hc.sub = sub;
      else {
        const m = mergeAt(merges, hb.krRow, hc.col);
        if (m && m.left < hc.col) hc.subContinuation = true;
      }
    }
  }
  if (hb.columnNumberRow !== undefined) {
    const r = hb.columnNumberRow;
    let last: { n: number; text: string; start: number } | null = null;
    const deepOwner = prevOwner as number[] | null;
    for (const hc of cols) {
      const c = hc.col;
      const m = mergeAt(merges, r, c);
      const cell = grid.cells[m ? m.top : r]?.[m ? m.left : c];
      const v = cell?.value;
      const n =
        v === null || v === undefined || v === ""
          ? null
          : leadingColumnNumber(typeof v === "string" ? v.trim() : v);
      if (n !== null) {
        last = { n, text: typeof v === "string" ? v.trim() : String(v), start: m ? m.left : c };
      } else if (
        last &&
        (subOfPrevious(hc, cols) ||
          sameCaptions(hc, cols[last.start - left]) ||
          !(deepOwner && deepOwner[c] >= 0 && deepOwner[c] !== deepOwner[last.start]))
      ) {
        // empty cell next to a number: same printed column (K/Rp sub-column)
        if (textAt(grid, r, c) !== "") last = null;
      } else last = null;
      if (last) {
        hc.number = last.n;
        if (last.text.includes("=")) hc.formulaText = last.text;
      }
    }
  }
  return cols;
}

/**
 * An unnumbered Rp (or %) sub-column right after a numbered K one belongs to the same printed
 * number, even where the group captions above are not merged over both.
 */
function subOfPrevious(hc: HeaderColumn, cols: HeaderColumn[]): boolean {
  if (hc.sub !== "rp" && hc.sub !== "pct") return false;
  const i = cols.indexOf(hc);
  const prev = i > 0 ? cols[i - 1] : undefined;
  return prev !== undefined && prev.sub !== undefined && prev.number !== undefined;
}

/** Captions repeated cell by cell instead of merged ("I", "I", "I" under a repeated group caption). */
function sameCaptions(a: HeaderColumn, b: HeaderColumn | undefined): boolean {
  return (
    b !== undefined &&
    a.captions.length > 0 &&
    a.captions.length === b.captions.length &&
    a.captions.every((t, i) => t === b.captions[i])
  );
}

export interface RoleResult {
  role: ColumnRole;
  quarter?: number;
  /** A target variant (RKPd / APBD / Perubahan) to disambiguate later. */
  targetVariant?: boolean;
}

const QUARTER: Record<string, number> = {
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  "1": 1,
  "2": 2,
  "3": 3,
  "4": 4,
};

function withKr(base: "target" | "realisasi" | "capaian", kr?: "k" | "rp"): ColumnRole {
  return kr ? (`${base}-${kr}` as ColumnRole) : base;
}

// ---- vocabulary of one caption (normalised: lower case, single spaces) ----

/** A unit caption: 'Rp', '( Rp )', '%', '( % )', '% KUM', '% TTB', 'KUM', 'TTB', 'KUM %'. */
const UNIT_SEG_RE =
  /^\(?\s*(?:rp\.?(?:\s*\(\s*(?:000|juta|ribu)\s*\))?|%|%\s*(?:kum(?:ulatif)?|ttb|tertimbang)|(?:kum(?:ulatif)?|ttb|tertimbang)(?:\s*\(?%\)?)?)\s*\)?$/;
/** Weighted (tertimbang) sub-columns: bobot × value; never an input or an evaluated figure. */
const WEIGHTED_RE = /\b(?:ttb|tertimbang)\b/;
/** An explicit achievement caption. A bare '%' (or '( % )', '% KUM') never is one. */
const CAPAIAN_SEG_RE =
  /^(?:capaian|cap\.?(?=$|\s)|tingkat capaian|persentase\b.*\bcapaian\b|%\s*capaian)/;
const RENCANA_SEG_RE = /^(?:rencana|ren\.?(?=$|\s)|target)/;
const REALISASI_SEG_RE = /^(?:realisasi|real\.?(?=$|\s))/;
const KEU_SEG_RE = /^(?:keuangan|keu\.?(?=$|\s))/;
const FISIK_SEG_RE = /^fisik\b/;
/** "NILAI DPA" / "NILAI ANGGARAN" / "DPA" / "PAGU": the budget group of a realisation form. */
const DPA_SEG_RE = /^(?:nilai (?:dpa|anggaran|pagu)|dpa|pagu(?: anggaran)?)\b/;
const SISA_SEG_RE = /^sisa (?:anggaran|dana|pagu)\b/;
const RATA_SEG_RE = /^(?:rata2|rata-rata|rata rata|rerata)\b/;
const KATEGORI_SEG_RE = /^(?:kat\.?|kategori|predikat)(?=$|\s)/;
/** A lower-is-better/higher-is-better column: Arah, Sifat, Polaritas, Polarisasi. */
const ARAH_RE = /^(?:arah|sifat|polaritas|polarisasi)\b|arah indikator|polaritas|polarisasi/;
/** Columns that only describe: responsible unit, notes. Never computed. */
const KETERANGAN_RE = /keterangan|catatan|penanggung ?jawab|^unit\b|\bunit kerja\b|^pj$/;
/** RPJMD / Renstra end-of-period figures (E.81 columns 5, 6, 14, 15; RKPD form's RPJMD columns). */
const PERIOD_RE = /renstra|rpjmd|akhir periode/;

function isUnitSeg(s: string): boolean {
  return UNIT_SEG_RE.test(s);
}

type Measure = "rencana" | "realisasi" | "capaian" | "rata" | "kategori" | "sisa" | "bobot";

function measureOf(s: string): Measure | undefined {
  if (CAPAIAN_SEG_RE.test(s)) return "capaian";
  if (RATA_SEG_RE.test(s)) return "rata";
  if (KATEGORI_SEG_RE.test(s)) return "kategori";
  if (SISA_SEG_RE.test(s)) return "sisa";
  if (/^bobot\b/.test(s)) return "bobot";
  if (RENCANA_SEG_RE.test(s)) return "rencana";
  if (REALISASI_SEG_RE.test(s)) return "realisasi";
  return undefined;
}

function domainOf(s: string): "keu" | "fisik" | "dpa" | undefined {
  if (KEU_SEG_RE.test(s)) return "keu";
  if (FISIK_SEG_RE.test(s)) return "fisik";
  if (DPA_SEG_RE.test(s)) return "dpa";
  return undefined;
}

/**
 * Roles of a realisation form (Form-RFK and its recaps) read from the WHOLE caption path, where
 * the domain (KEUANGAN / FISIK / NILAI DPA) is a group ABOVE the measure (RENCANA, REALISASI,
 * CAPAIAN, ...) and the unit (Rp, %, KUM, TTB) sits below it, or the measure CAPAIAN is a group
 * above its domains (CAPAIAN / KEU, CAPAIAN / FISIK, CAPAIAN / RATA2, CAPAIAN / KAT).
 * Undefined when the path has not that shape (e.g. "Rencana / Keuangan (Rp)", Tabel 3.3).
 */
function realisationFormRole(p: string[], kr?: "k" | "rp"): ColumnRole | undefined {
  let domain: "keu" | "fisik" | "dpa" | undefined;
  let domainAt = -1;
  let measure: Measure | undefined;
  let measureAt = -1;
  let rp = kr === "rp";
  let pct = false;
  let weighted = false;
  p.forEach((s, i) => {
    if (isUnitSeg(s)) {
      if (/rp/.test(s)) rp = true;
      if (/%/.test(s)) pct = true;
      if (WEIGHTED_RE.test(s)) weighted = true;
      if (/\bkum/.test(s)) pct = true;
      return;
    }
    if (WEIGHTED_RE.test(s)) weighted = true;
    const m = measureOf(s);
    // Result measures (capaian, rata-rata, kategori) win over a rencana/target caption below them
    // ("CAPAIAN % / Target SKPD"); otherwise the deepest measure counts.
    if (
      m &&
      !(
        measure &&
        ["capaian", "rata", "kategori"].includes(measure) &&
        (m === "rencana" || m === "realisasi")
      )
    ) {
      measure = m;
      measureAt = i;
    }
    const d = domainOf(s);
    if (d && domain === undefined) {
      domain = d;
      domainAt = i;
    }
    if (/\(\s*rp\s*\)|\brp\.?$/.test(s)) rp = true;
  });
  if (domain === undefined) {
    // CAPAIAN / RATA2, CAPAIAN / KAT: a result of the capaian group, whatever its unit.
    if (measure === "rata" && p.some((s) => CAPAIAN_SEG_RE.test(s))) return "rata-rata";
    if (measure === "kategori" && p.some((s) => CAPAIAN_SEG_RE.test(s))) return "predikat";
    return undefined;
  }
  const capaianAbove =
    measure !== undefined &&
    measureAt < domainAt &&
    ["capaian", "rata", "kategori"].includes(measure);
  const domainAbove = domainAt < measureAt || measure === undefined;
  if (!capaianAbove && !domainAbove) return undefined;
  if (capaianAbove) {
    // CAPAIAN / KEU, CAPAIAN / FISIK
    if (weighted) return "other";
    return domain === "keu" ? "capaian-rp" : domain === "fisik" ? "capaian-k" : "capaian";
  }
  switch (measure) {
    case "capaian":
      if (weighted) return "other";
      return domain === "keu" ? "capaian-rp" : domain === "fisik" ? "capaian-k" : "capaian";
    case "rata":
      return "rata-rata";
    case "kategori":
      return "predikat";
    case "sisa":
      return "efisiensi";
    case "bobot":
      return "bobot";
    case "rencana":
      if (domain === "fisik") return weighted ? "other" : "target";
      if (domain === "keu") return rp && !pct && !weighted ? "target-rp" : "other";
      return rp ? "anggaran" : "other";
    case "realisasi":
      if (domain === "fisik") return weighted ? "other" : "fisik";
      if (domain === "keu") return rp && !pct && !weighted ? "realisasi-rp" : "other";
      return rp ? "realisasi-rp" : "other";
    default:
      // No measure: NILAI DPA / Rp, NILAI DPA / %, KEUANGAN / %, FISIK / ( % ).
      if (domain === "dpa") return pct ? "bobot" : "anggaran";
      return "other";
  }
}

/**
 * Classify a column from its caption path (root to leaf, years removed; a '%' sub-caption is the
 * last element). Roles come from the WHOLE path: group, sub-group and leaf, merged or not.
 */
export function classifyColumn(path: string[], kr?: "k" | "rp"): RoleResult {
  if (path.length === 0) return { role: "other" };
  const p = path.map(normalise);
  const L = p[p.length - 1];
  const parents = p.slice(0, -1);
  const F = p.join(" / ");
  const parent = parents.length ? parents[parents.length - 1] : "";
  if (/^(?:no|no\.|nomor|no\.? urut)$/.test(L)) return { role: "no" };
  if (/\bkode\b/.test(L)) return { role: "kode" };
  if (/\bsatuan\b/.test(L)) return { role: "satuan" };
  if (ARAH_RE.test(L)) return { role: "arah" };
  const qm = /^(?:(?:realisasi )?(?:triwulan|tw\.?)\s*)?(i|ii|iii|iv|1|2|3|4)$/.exec(L);
  if (qm && (/triwulan|\btw\b/.test(F) || /^(?:i|ii|iii|iv)$/.test(qm[1]))) {
    return { role: kr === "rp" ? "realisasi-tw-rp" : "realisasi-tw-k", quarter: QUARTER[qm[1]] };
  }
  // A deviation (realisasi - rencana, Deviasi Serapan): computed only where the sheet states how.
  if (p.some((s) => /\bdeviasi\b/.test(s))) return { role: "deviasi" };
  if (/^kriteria\b/.test(L)) return { role: "kriteria" };
  if (p.some((s) => KETERANGAN_RE.test(s)) && !measureOf(L)) return { role: "keterangan" };
  if (/^(?:predikat|kategori|kat\.?|ket\.?)(?=$|\s)/.test(L)) return { role: "predikat" };
  const form = realisationFormRole(p, kr);
  if (form) return { role: form };
  // A bare percent caption is never an achievement by itself: it takes the role of its group
  // only through an explicit caption above it (handled above), else it is left alone.
  if (p.every((s) => isUnitSeg(s))) return { role: "other" };
  if (/bobot/.test(L)) return { role: "bobot" };
  if (/efisiensi/.test(L) || SISA_SEG_RE.test(L)) return { role: "efisiensi" };
  if (/kemajuan/.test(L)) return { role: "kemajuan" };
  if (/serapan/.test(L)) return { role: "serapan" };
  if (/^(?:tingkat capaian|persentase|capaian)/.test(L) && PERIOD_RE.test(L))
    return { role: "kemajuan" };
  if (/^fisik/.test(L)) return { role: /realisasi/.test(F) ? "fisik" : "target" };
  if (KEU_SEG_RE.test(L)) return { role: /realisasi/.test(F) ? "keuangan" : "anggaran" };
  if (/^realisasi/.test(L) && /^realisasi keuangan/.test(parent)) return { role: "keuangan" };
  if (/^realisasi/.test(L) && /^realisasi fisik/.test(parent)) return { role: "fisik" };
  if (/^target/.test(L) && /^realisasi (?:keuangan|fisik)/.test(parent)) return { role: "target" };
  if (CAPAIAN_SEG_RE.test(L) && !/^realisasi/.test(L)) return { role: withKr("capaian", kr) };
  if (RATA_SEG_RE.test(L) && p.some((s) => CAPAIAN_SEG_RE.test(s))) return { role: "rata-rata" };
  if (REALISASI_SEG_RE.test(L))
    return { role: PERIOD_RE.test(L) ? "other" : withKr("realisasi", kr) };
  if (RENCANA_SEG_RE.test(L)) {
    return { role: /renstra|rpjmd|akhir/.test(L) ? "target-renstra" : withKr("target", kr) };
  }
  if (
    /^(?:rkpd|apbd|dpa|murni|perubahan|apbd perubahan|rkpd perubahan)\b/.test(L) &&
    parents.some((x) => /^target/.test(x))
  ) {
    return { role: withKr("target", kr), targetVariant: true };
  }
  if (/anggaran|\bdpa\b|\bpagu\b|\bapbd\b/.test(L)) return { role: "anggaran" };
  if (/\bsasaran\b/.test(L)) return { role: "sasaran" };
  if (/\bindikator\b|^i ?k ?u$|\biku\b/.test(L)) return { role: "indikator" };
  if (/^uraian$/.test(L)) {
    if (/\(input\)/.test(F)) return { role: "other" };
    if (/indikator/.test(F)) return { role: "indikator" };
    return { role: "uraian" };
  }
  if (/program|kegiatan|urusan|uraian|\bnama\b|^(?:skpd|opd|perangkat daerah)$/.test(L))
    return { role: "uraian" };
  if (parents.length) return classifyColumn(path.slice(0, -1), kr);
  return { role: "other" };
}

/** Roles that a repeated caption in the same group makes meaningless the second time (04: "% | %"). */
const ONCE_PER_GROUP = new Set<ColumnRole>([
  "capaian",
  "capaian-k",
  "capaian-rp",
  "rata-rata",
  "target",
  "fisik",
  "target-rp",
  "realisasi-rp",
  "bobot",
  "predikat",
]);

/** Column infos with roles, stated formulas and quarters. */
export function columnInfos(
  hcols: HeaderColumn[],
  roleOverrides?: Record<number, ColumnRole>
): { columns: ColumnInfo[]; variants: Set<number> } {
  const variants = new Set<number>();
  const groups: string[] = [];
  const columns: ColumnInfo[] = hcols.map((hc) => {
    const captions = hc.captions.filter((t, i, a) => a.indexOf(t) === i);
    const pct = hc.sub === "pct" && !captions.some((t) => /%/.test(t) && isUnitSeg(normalise(t)));
    const path = captions.filter((t) => !/^(?:19|20)\d{2}$/.test(t.trim()));
    if (pct) path.push("%");
    const res = classifyColumn(path, hc.kr);
    // A '%' next to K and Rp sub-columns (K | % | Rp) is a by-product of its group, not the group's
    // figure, unless a realisation form's path gives it a meaning (NILAI DPA / %, FISIK / REN / %).
    if (pct && realisationFormRole(path.map(normalise), hc.kr) === undefined) res.role = "other";
    if (res.targetVariant) variants.add(hc.col);
    const header = [...captions, ...(hc.kr ? [hc.kr === "k" ? "K" : "Rp"] : pct ? ["%"] : [])].join(
      " / "
    );
    groups.push(normalise(captions.slice(0, -1).join(" / ")));
    const info: ColumnInfo = { col: hc.col, role: res.role, header };
    if (hc.kr) info.kr = hc.kr;
    if (hc.number !== undefined) info.number = hc.number;
    if (res.quarter !== undefined) info.quarter = res.quarter;
    if (hc.formulaText) {
      const f = parseStatedFormula(hc.formulaText);
      if (f) {
        info.statedFormula = f.text;
        info.stated = f;
      }
    }
    return info;
  });
  // The same role twice in a row under one group (04: KEUANGAN / CAPAIAN / % | %, where the second
  // is a weighted difference; 08: CAPAIAN % / Target SKPD | Target Pemko): only the first has it.
  for (let i = 1; i < columns.length; i++) {
    const a = columns[i - 1];
    const b = columns[i];
    if (b.col !== a.col + 1 || !ONCE_PER_GROUP.has(b.role) || b.role !== a.role) continue;
    if (groups[i] === "" || groups[i] !== groups[i - 1] || a.kr !== b.kr) continue;
    if (a.quarter !== undefined || b.quarter !== undefined) continue;
    b.role = "other";
  }
  // Several target variants (RKPD: RKPd, APBD, RKPd Perubahan, APBD Perubahan): keep the evaluated one.
  for (const kr of ["k", "rp", undefined]) {
    const cand = columns.filter((c) => variants.has(c.col) && c.kr === kr);
    if (cand.length < 2) continue;
    const score = (c: ColumnInfo) => {
      const parts = c.header.split(" / ").filter((x) => !/^(?:k|rp)$/i.test(x));
      const h = normalise(parts[parts.length - 1] ?? "");
      const all = normalise(c.header);
      return (
        (/dievaluasi/.test(all) ? 4 : 0) +
        (/perubahan/.test(h) ? 2 : 0) +
        (/apbd|dpa/.test(h) ? 1 : 0)
      );
    };
    const best = cand.reduce((a, b) => (score(b) > score(a) ? b : a));
    for (const c of cand) if (c !== best) c.role = "other";
  }
  // Realisation totals after the quarterly columns.
  const lastTw = columns.reduce((m, c) => (c.quarter !== undefined ? Math.max(m, c.col) : m), -1);
  if (lastTw >= 0) {
    for (const c of columns) {
      if (c.col <= lastTw) continue;
      if (c.role === "realisasi-k" || c.role === "realisasi") c.role = "realisasi-total-k";
      else if (c.role === "realisasi-rp") c.role = "realisasi-total-rp";
    }
  }
  // Budget table: Anggaran | Realisasi | % -> realisasi-rp, serapan (absorption, not an achievement).
  for (let i = 1; i < columns.length; i++) {
    if (columns[i - 1].role === "anggaran" && columns[i].role === "realisasi") {
      columns[i].role = "realisasi-rp";
      const next = columns[i + 1];
      if (
        next &&
        (next.role === "capaian" ||
          (next.role === "other" && isUnitSeg(normalise(next.header)) && /%/.test(next.header)))
      ) {
        next.role = "serapan";
      }
    }
  }
  if (roleOverrides) {
    for (const c of columns) {
      const o = roleOverrides[c.col];
      if (o) c.role = o;
    }
  }
  return { columns, variants };
}
