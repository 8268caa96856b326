/**
 * Header block detection and column roles from header TEXT (never fixed positions). Pure.
 */
import type { ColumnInfo, ColumnRole, MergedArea, SheetGrid } from "../types";
import { normalise, scanRow, textAt, type RowScan } from "./cells";
import { leadingColumnNumber, parseStatedFormula } from "./formula";

const HINT_RE =
  /^(?:no|no\.|nomor)$|\bkode\b|\buraian\b|\bprogram\b|\bkegiatan\b|\bsasaran\b|\bindikator\b|\bsatuan\b|\btarget\b|\brealisasi\b|\bcapaian\b|\bpersentase\b|\banggaran\b|\bdpa\b|\bpagu\b|\bapbd\b|\bpredikat\b|\bkategori\b|\bkriteria\b|^ket\.?$|\bketerangan\b|\bserapan\b|\bbobot\b|\bfisik\b|\bkeuangan\b|\befisiensi\b|\bkemajuan\b|\brencana\b|\btriwulan\b|\barah\b|\bsifat\b|\bpolaritas\b|\burusan\b|\bformulasi\b/;

export function isHeaderHint(text: string): boolean {
  return text.length <= 200 && HINT_RE.test(normalise(text));
}

/** Cache of row scans for one grid. */
export class Scans {
  private cache: (RowScan | undefined)[] = [];
  constructor(readonly grid: SheetGrid) {}
  get(r: number): RowScan {
    let s = this.cache[r];
    if (!s) {
      s = scanRow(this.grid, r);
      this.cache[r] = s;
    }
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
  const s = scans.get(r);
  if (s.filled < 3 || s.years > 0) return false;
  const nums: number[] = [];
  let bad = 0;
  for (let c = s.firstCol; c <= s.lastCol; c++) {
    const cell = grid.cells[r]?.[c];
    if (!cell || cell.value === null || cell.value === undefined || cell.value === "") continue;
    const n = leadingColumnNumber(typeof cell.value === "string" ? cell.value.trim() : cell.value);
    if (n === null) bad++;
    else nums.push(n);
  }
  if (nums.length < 3 || bad * 5 > nums.length + bad || nums[0] > 2) return false;
  let steps = 0;
  for (let i = 1; i < nums.length; i++) if (nums[i] === nums[i - 1] + 1) steps++;
  return steps * 10 >= (nums.length - 1) * 7;
}

/** A K/Rp leaf row: only 'K' and 'Rp' cells. */
export function isKRpRow(grid: SheetGrid, scans: Scans, r: number): boolean {
  const s = scans.get(r);
  if (s.filled < 2 || s.numeric > 0) return false;
  for (let c = s.firstCol; c <= s.lastCol; c++) {
    const t = textAt(grid, r, c);
    if (t !== "" && !/^(?:k|rp\.?)$/i.test(t)) return false;
  }
  return true;
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
export function headerBlock(grid: SheetGrid, scans: Scans, anchor: number): HeaderBlock {
  const rows = [anchor];
  let columnNumberRow: number | undefined;
  let krRow: number | undefined;
  const n = grid.cells.length;
  for (let r = anchor + 1; r < n && r <= anchor + 7; r++) {
    if (isColumnNumberRow(grid, scans, r)) {
      rows.push(r);
      columnNumberRow = r;
      if (r + 1 < n && isKRpRow(grid, scans, r + 1)) {
        rows.push(r + 1);
        krRow = r + 1;
      }
      break;
    }
    if (isKRpRow(grid, scans, r)) {
      rows.push(r);
      krRow = r;
      continue;
    }
    if (columnNumberRow !== undefined || krRow !== undefined) break;
    const s = scans.get(r);
    if (s.filled === 0 || s.numeric !== s.years) break;
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
  number?: number;
  formulaText?: string;
}

/** Captions per column, resolving merges and the "caption then empty cells" pattern. */
export function headerColumns(grid: SheetGrid, hb: HeaderBlock, left: number, right: number): HeaderColumn[] {
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
            if (t) for (let k = Math.max(m.left, left); k <= Math.min(m.right, right); k++) cols[k - left].captions.push(t);
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
      const t = textAt(grid, hb.krRow, hc.col).toLowerCase();
      if (t === "k") hc.kr = "k";
      else if (/^rp\.?$/.test(t)) hc.kr = "rp";
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
      const n = v === null || v === undefined || v === "" ? null : leadingColumnNumber(typeof v === "string" ? v.trim() : v);
      if (n !== null) {
        last = { n, text: typeof v === "string" ? v.trim() : String(v), start: m ? m.left : c };
      } else if (last && !(deepOwner && deepOwner[c] >= 0 && deepOwner[c] !== deepOwner[last.start])) {
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

export interface RoleResult {
  role: ColumnRole;
  quarter?: number;
  /** A target variant (RKPd / APBD / Perubahan) to disambiguate later. */
  targetVariant?: boolean;
}

const QUARTER: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

function withKr(base: "target" | "realisasi" | "capaian", kr?: "k" | "rp"): ColumnRole {
  return kr ? (`${base}-${kr}` as ColumnRole) : base;
}

/** Classify a column from its caption path (root to leaf, K/Rp and years removed). */
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
  if (/^(?:arah|sifat|polaritas)\b|arah indikator|polaritas/.test(L)) return { role: "arah" };
  const qm = /^(?:(?:realisasi )?(?:triwulan|tw\.?)\s*)?(i|ii|iii|iv|1|2|3|4)$/.exec(L);
  if (qm && (/triwulan|\btw\b/.test(F) || /^(?:i|ii|iii|iv)$/.test(qm[1]))) {
    return { role: kr === "rp" ? "realisasi-tw-rp" : "realisasi-tw-k", quarter: QUARTER[qm[1]] };
  }
  if (/predikat|kategori|kriteria|^ket\.?$/.test(L)) return { role: "predikat" };
  if (/keterangan|catatan/.test(L)) return { role: "keterangan" };
  if (/penanggung ?jawab|^unit\b/.test(L)) return { role: "other" };
  if (/bobot/.test(L)) return { role: "bobot" };
  if (/efisiensi/.test(L)) return { role: "efisiensi" };
  if (/kemajuan/.test(L)) return { role: "kemajuan" };
  if (/serapan/.test(L)) return { role: "serapan" };
  if (/^(?:tingkat capaian|persentase|capaian)/.test(L) && /renstra/.test(L)) return { role: "kemajuan" };
  if (/^fisik/.test(L)) return { role: /realisasi/.test(F) ? "fisik" : "target" };
  if (/^keuangan/.test(L)) return { role: /realisasi/.test(F) ? "keuangan" : "anggaran" };
  if (/^realisasi/.test(L) && /^realisasi keuangan/.test(parent)) return { role: "keuangan" };
  if (/^realisasi/.test(L) && /^realisasi fisik/.test(parent)) return { role: "fisik" };
  if (/^target/.test(L) && /^realisasi (?:keuangan|fisik)/.test(parent)) return { role: "target" };
  if (/^(?:tingkat capaian|persentase|capaian|%\s*capaian|%$)|\(%\)$/.test(L) && !/^realisasi/.test(L)) {
    return { role: withKr("capaian", kr) };
  }
  if (/^realisasi/.test(L)) return { role: /renstra/.test(L) ? "other" : withKr("realisasi", kr) };
  if (/^(?:target|rencana)/.test(L)) {
    return { role: /renstra|akhir/.test(L) ? "target-renstra" : withKr("target", kr) };
  }
  if (/^(?:rkpd|apbd|dpa|murni|perubahan|apbd perubahan|rkpd perubahan)\b/.test(L) && parents.some((x) => /^target/.test(x))) {
    return { role: withKr("target", kr), targetVariant: true };
  }
  if (/anggaran|\bdpa\b|\bpagu\b|\bapbd\b/.test(L)) return { role: "anggaran" };
  if (/\bsasaran\b/.test(L)) return { role: "sasaran" };
  if (/\bindikator\b/.test(L)) return { role: "indikator" };
  if (/^uraian$/.test(L)) {
    if (/\(input\)/.test(F)) return { role: "other" };
    if (/indikator/.test(F)) return { role: "indikator" };
    return { role: "uraian" };
  }
  if (/program|kegiatan|urusan|uraian|\bnama\b/.test(L)) return { role: "uraian" };
  if (parents.length) return classifyColumn(path.slice(0, -1), kr);
  return { role: "other" };
}

/** Column infos with roles, stated formulas and quarters. */
export function columnInfos(
  hcols: HeaderColumn[],
  roleOverrides?: Record<number, ColumnRole>,
): { columns: ColumnInfo[]; variants: Set<number> } {
  const variants = new Set<number>();
  const columns: ColumnInfo[] = hcols.map((hc) => {
    const captions = hc.captions.filter((t, i, a) => a.indexOf(t) === i);
    const path = captions.filter((t) => !/^(?:19|20)\d{2}$/.test(t.trim()));
    const res = classifyColumn(path, hc.kr);
    if (res.targetVariant) variants.add(hc.col);
    const header = [...captions, ...(hc.kr ? [hc.kr === "k" ? "K" : "Rp"] : [])].join(" / ");
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
  // Several target variants (RKPD: RKPd, APBD, RKPd Perubahan, APBD Perubahan): keep the evaluated one.
  for (const kr of ["k", "rp", undefined]) {
    const cand = columns.filter((c) => variants.has(c.col) && c.kr === kr);
    if (cand.length < 2) continue;
    const score = (c: ColumnInfo) => {
      const parts = c.header.split(" / ").filter((x) => !/^(?:k|rp)$/i.test(x));
      const h = normalise(parts[parts.length - 1] ?? "");
      const all = normalise(c.header);
      return (/dievaluasi/.test(all) ? 4 : 0) + (/perubahan/.test(h) ? 2 : 0) + (/apbd|dpa/.test(h) ? 1 : 0);
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
  // Budget table: Anggaran | Realisasi | % -> realisasi-rp, serapan.
  for (let i = 1; i < columns.length; i++) {
    if (columns[i - 1].role === "anggaran" && columns[i].role === "realisasi") {
      columns[i].role = "realisasi-rp";
      if (columns[i + 1] && columns[i + 1].role === "capaian") columns[i + 1].role = "serapan";
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
