/**
 * Row levels and parent links of a table body. Pure.
 */
import { parseArah, suggestArah } from "../../arah";
import { isMonevError } from "../../errors";
import { parseAngka } from "../../number";
import type { ColumnInfo, RowInfo, RowLevel, SheetGrid, TableModel } from "../types";
import { isJsSpace } from "../../blank";
import { normalise, textAt } from "./cells";
import { arabicValue, codeSegments, letterValue, levelFromCode, romanValue } from "./codes";
import { isColumnNumberRow, isKRpRow, type Scans } from "./header";

/**
 * Nesting of the levels as the body walk links parents (undefined: a level outside the hierarchy).
 * A switch, not an object looked up by level name: that is a megamorphic keyed load, and the walk
 * asks it for every row. Not the rules' `rank` (rules/context.ts): here a sasaran opens a block
 * like a program (3) and an indicator sits below every level (7); there a sasaran ranks with a sub
 * kegiatan (5) among the descendants the rules average.
 */
function rankOf(level: RowLevel): number | undefined {
  switch (level) {
    case "total":
      return 0;
    case "group":
      return 1;
    case "urusan":
      return 2;
    case "sasaran":
    case "program":
      return 3;
    case "kegiatan":
      return 4;
    case "subkegiatan":
      return 5;
    case "indikator":
      return 7;
    default:
      return undefined;
  }
}

/** The ranks the walk names: where a footer or an indicator row finds its parent. */
const RANK_TOTAL = 0;
const RANK_PROGRAM = 3;
const RANK_KEGIATAN = 4;
const RANK_SUBKEGIATAN = 5;

const PAGE_HEADER_RE =
  /^(?:dinas|badan|kantor|sekretariat|pemerintah|kota|kabupaten|inspektorat)\b/i;

// Patterns of the per-row tests, compiled once: a regex literal in a function makes an object per call.
const SUB_KEGIATAN_PREFIX_RE = /^sub\s*k[ae]giatan\b/;
const KEGIATAN_PREFIX_RE = /^k[ae]giatan\b/;
const PROGRAM_PREFIX_RE = /^program\b/;
const URUSAN_PREFIX_RE = /^urusan\b/;
const NUMBER_LIKE_RE = /^[\d\s.,()-]+$/;
const RATA_RATA_RE = /^(?:nilai )?rata-?\s?rata\b/;
const PREDIKAT_RE = /^predikat\b/;
const TOTAL_RE = /^total\b/;
const JUMLAH_RE = /^jumlah\b/;
const BELANJA_RE = /^belanja (?:langsung|tidak langsung)/;
const FOOTER_RE =
  /^(?:faktor (?:pendorong|penghambat)|tindak lanjut|sumber\s*:|mengetahui\b|catatan\s*:)/;
const ONE_DIGIT_RE = /^\d$/;
const KEGIATAN_RE = /kegiatan/;
const SUB_KEGIATAN_RE = /sub kegiatan/;
const PROGRAM_RE = /program/;
const SELURUH_RE = /seluruh/;

/**
 * A RowInfo with every field present from the start (undefined until set): one hidden class for
 * every row of every table, so the many passes over table.rows read `level`, `row`, `parent`
 * monomorphically. The optional fields come in the order classifyBody sets them: JSON, which
 * omits undefined, is the same as with fields added one by one.
 */
export function rowInfo(row: number, level: RowLevel, label: string): RowInfo {
  return {
    row,
    level,
    label,
    parent: undefined,
    code: undefined,
    arah: undefined,
    arahVariant: undefined,
    arahSuggestion: undefined,
  };
}

/** NUMBER_LIKE_RE.test(t), the regex asked only when the first character allows a match. */
export function numberLike(t: string): boolean {
  const c = t.charCodeAt(0);
  const first =
    (c >= 48 && c <= 57) ||
    c === 46 ||
    c === 44 ||
    c === 40 ||
    c === 41 ||
    c === 45 ||
    isJsSpace(c);
  return first && NUMBER_LIKE_RE.test(t);
}

export interface BodyContext {
  grid: SheetGrid;
  scans: Scans;
  kind: TableModel["kind"];
  left: number;
  right: number;
  columns: ColumnInfo[];
  headerSignatures: Set<string>;
  /** The header rows' signature parts (see rowParts), for repeatsHeader. */
  headerParts?: string[][];
}

/**
 * Header signature parts that can be compared cell by cell: none when a caption holds '|' (the
 * joined signature would be ambiguous: compare the strings then) or there are too many rows.
 */
function comparableParts(ctx: BodyContext): string[][] | undefined {
  const sigs = ctx.headerParts;
  if (!sigs || sigs.length > 30 || sigs.some((p) => p.some((x) => x.includes("|"))))
    return undefined;
  return sigs;
}

export function rowSignature(grid: SheetGrid, r: number, left: number, right: number): string {
  return rowParts(grid, r, left, right).join("|");
}

/** The normalised text of each cell of row r from left to right: rowSignature before the join. */
export function rowParts(grid: SheetGrid, r: number, left: number, right: number): string[] {
  const parts: string[] = [];
  for (let c = left; c <= right; c++) parts.push(normalise(textAt(grid, r, c)));
  return parts;
}

/**
 * The trimmed texts (textAt) of the current row's cells, each cell read once: classifyBody asks
 * for the same cells several times (header test, label search, code, uraian).
 */
class RowTexts {
  private readonly rowOf: Int32Array;
  private readonly texts: string[];
  /** normalise() of the cached text, made on first request (the row of `normRowOf`). */
  private readonly normRowOf: Int32Array;
  private readonly norms: string[];
  constructor(
    private readonly grid: SheetGrid,
    width: number
  ) {
    this.rowOf = new Int32Array(Math.max(0, width)).fill(-1);
    this.texts = new Array<string>(Math.max(0, width)).fill("");
    this.normRowOf = new Int32Array(Math.max(0, width)).fill(-1);
    this.norms = new Array<string>(Math.max(0, width)).fill("");
  }
  at(r: number, c: number): string {
    if (c < 0 || c >= this.rowOf.length) return textAt(this.grid, r, c);
    if (this.rowOf[c] === r) return this.texts[c];
    const t = textAt(this.grid, r, c);
    this.rowOf[c] = r;
    this.texts[c] = t;
    return t;
  }
  /** normalise(at(r, c)), once per cell: the header-repeat test and the row's label ask for the same one. */
  norm(r: number, c: number): string {
    if (c < 0 || c >= this.normRowOf.length) return normalise(this.at(r, c));
    if (this.normRowOf[c] === r) return this.norms[c];
    const n = normalise(this.at(r, c));
    this.normRowOf[c] = r;
    this.norms[c] = n;
    return n;
  }
}

/**
 * Does row r repeat a header row (the same signature)? Compared cell by cell and dropped at the
 * first difference, so a body row costs about one cell instead of a signature string.
 */
function repeatsHeader(
  ctx: BodyContext,
  sigs: string[][] | undefined,
  r: number,
  texts: RowTexts
): boolean {
  const { grid, left, right } = ctx;
  if (!sigs) return ctx.headerSignatures.has(rowSignature(grid, r, left, right));
  const n = sigs.length;
  let alive = (1 << n) - 1;
  for (let c = left; c <= right && alive !== 0; c++) {
    const t = texts.at(r, c);
    let norm: string | undefined;
    for (let i = 0; i < n; i++) {
      if ((alive & (1 << i)) === 0) continue;
      const part = sigs[i][c - left];
      // A non-empty trimmed text never normalises to "": emptiness decides without normalising.
      const same = t === "" || part === "" ? t === part : (norm ??= texts.norm(r, c)) === part;
      if (!same) alive &= ~(1 << i);
    }
  }
  return alive !== 0;
}

function colOf(columns: ColumnInfo[], ...roles: string[]): number | undefined {
  for (const role of roles) {
    const c = columns.find((x) => x.role === role);
    if (c) return c.col;
  }
  return undefined;
}

function numberAt(grid: SheetGrid, r: number, c: number | undefined): number | null {
  if (c === undefined) return null;
  const v = grid.cells[r]?.[c]?.value;
  if (typeof v === "number") return v;
  if (typeof v !== "string") return null;
  const p = parseAngka(v);
  return p && !isMonevError(p) ? p.value : null;
}

/** Level named by the first word of a label (normalised): sub kegiatan, kegiatan, program, urusan. */
function prefixLevel(prefix: string): RowLevel | undefined {
  if (SUB_KEGIATAN_PREFIX_RE.test(prefix)) return "subkegiatan";
  if (KEGIATAN_PREFIX_RE.test(prefix)) return "kegiatan";
  if (PROGRAM_PREFIX_RE.test(prefix)) return "program";
  if (URUSAN_PREFIX_RE.test(prefix)) return "urusan";
  return undefined;
}

const ARAH_LEVELS = new Set<RowLevel>([
  "indikator",
  "subkegiatan",
  "kegiatan",
  "program",
  "sasaran",
  "urusan",
]);

/** Classify body rows [from, to] and link parents. `base` is the index in TableModel.rows of row `from`. */
export function classifyBody(ctx: BodyContext, from: number, to: number, base: number): RowInfo[] {
  const { grid, scans, kind, left, right, columns } = ctx;
  const noCol = colOf(columns, "no");
  const kodeCol = colOf(columns, "kode");
  const uraianCol = colOf(columns, "uraian");
  const indikatorCol = colOf(columns, "indikator");
  const sasaranCol = colOf(columns, "sasaran");
  const satuanCol = colOf(columns, "satuan");
  const arahCol = colOf(columns, "arah");
  const budgetCol = colOf(columns, "anggaran", "target-rp");
  const out: RowInfo[] = [];
  const headerSigs = comparableParts(ctx);
  const texts = new RowTexts(grid, right + 1);

  // Does the code column hold multi-segment codes? Then a lone digit is an urusan group.
  let hierCodes = false;
  for (let r = from; r <= to && !hierCodes; r++) {
    for (let i = 0; i < 2; i++) {
      const c = i === 0 ? noCol : kodeCol;
      if (c === undefined) continue;
      const seg = codeSegments(textAt(grid, r, c));
      if (seg && seg.length >= 3) hierCodes = true;
    }
  }

  const lastAt: (number | undefined)[] = [];
  const setHier = (level: RowLevel, idx: number) => {
    const k = rankOf(level);
    if (k === undefined) return;
    lastAt[k] = idx;
    for (let j = k + 1; j < lastAt.length; j++) lastAt[j] = undefined;
  };
  const parentFor = (level: RowLevel): number | undefined => {
    const k = rankOf(level) ?? 8;
    for (let j = Math.min(k - 1, lastAt.length - 1); j >= 0; j--)
      if (lastAt[j] !== undefined) return lastAt[j];
    return undefined;
  };
  let lastHierCode = "";
  let lastHierLevel: RowLevel | undefined;
  let letterMode = false;
  let seenHier = false;
  // Tabel I.15 numbering state
  let mode: "none" | "program" | "kegiatan" | "sub" = "none";
  let kegNo = 0;
  let subNo = 0;
  let kegValue: number | null = null;
  let subSum = 0;
  let lastRata: number | undefined;

  for (let r = from; r <= to; r++) {
    const idx = base + (r - from);
    const s = scans.get(r);
    const info = rowInfo(r, "blank", "");
    out.push(info);
    if (s.filled === 0) continue;
    if (isColumnNumberRow(grid, scans, r)) {
      info.level = "column-numbers";
      continue;
    }
    if (isKRpRow(grid, scans, r) || repeatsHeader(ctx, headerSigs, r, texts)) {
      info.level = "header";
      continue;
    }
    // label: first non-numeric text cell
    let labelCol = -1;
    for (let c = Math.max(left, s.firstCol); c <= Math.min(right, s.lastCol); c++) {
      const t = texts.at(r, c);
      const v = grid.cells[r]?.[c]?.value;
      if (t !== "" && typeof v === "string" && !numberLike(t)) {
        labelCol = c;
        break;
      }
    }
    // A hierarchical code in the Kode column ("1.01.01") says more than the running number in No.
    const kodeText = kodeCol !== undefined ? texts.at(r, kodeCol) : "";
    const kodeIsHier = (codeSegments(kodeText)?.length ?? 0) >= 2;
    const codeText = kodeIsHier
      ? kodeText
      : (noCol !== undefined ? texts.at(r, noCol) : "") || kodeText;
    const uraian = uraianCol !== undefined ? texts.at(r, uraianCol) : "";
    const indikator = indikatorCol !== undefined ? texts.at(r, indikatorCol) : "";
    const sasaran = sasaranCol !== undefined ? texts.at(r, sasaranCol) : "";
    const labelText = labelCol >= 0 ? texts.at(r, labelCol) : "";
    info.label = uraian || labelText || codeText;
    const hasNumbers = s.numeric > 0;
    let level: RowLevel | undefined;
    let parent: number | undefined;

    const labelCell =
      labelCol >= 0 &&
      labelCol !== indikatorCol &&
      labelCol !== satuanCol &&
      (labelCol !== noCol || !arabicValue(labelText));
    let L = "";
    if (labelCell && (codeText === "" || labelCol === noCol || labelCol === kodeCol)) {
      L = texts.norm(r, labelCol);
      if (RATA_RATA_RE.test(L)) level = "rata-rata";
      else if (PREDIKAT_RE.test(L)) level = "predikat";
      else if (TOTAL_RE.test(L)) level = "total";
      else if (JUMLAH_RE.test(L)) level = "jumlah";
      else if (BELANJA_RE.test(L)) level = "group";
      else if (FOOTER_RE.test(L)) level = "footer";
    }
    if (
      level === undefined &&
      s.filled === 1 &&
      !hasNumbers &&
      labelCol >= 0 &&
      PAGE_HEADER_RE.test(labelText) &&
      labelText === labelText.toUpperCase()
    ) {
      level = "header";
    }
    if (
      level === undefined &&
      s.filled === 1 &&
      s.numeric === 1 &&
      s.years === 1 &&
      codeText === ""
    )
      level = "header";
    if (
      level === undefined &&
      s.filled === 1 &&
      s.numeric === 1 &&
      s.years === 1 &&
      noCol !== undefined &&
      s.firstCol !== noCol
    ) {
      level = "header";
    }

    if (level === "rata-rata" || level === "predikat") {
      if (
        level === "predikat" &&
        lastRata !== undefined &&
        out[lastRata - base]?.level === "rata-rata" &&
        lastRata === idx - 1
      ) {
        parent = out[lastRata - base].parent;
      } else if (KEGIATAN_RE.test(L) && !SUB_KEGIATAN_RE.test(L)) parent = lastAt[RANK_KEGIATAN];
      else if (PROGRAM_RE.test(L) && !SELURUH_RE.test(L)) parent = lastAt[RANK_PROGRAM];
      else parent = lastAt[RANK_TOTAL];
      if (level === "rata-rata") lastRata = idx;
    } else if (level === "total") {
      setHier("total", idx);
      seenHier = true;
    } else if (level === "group") {
      parent = lastAt[0];
    }

    if (level === undefined) {
      const codeLevel = codeText ? levelFromCode(codeText) : null;
      let byPrefix: RowLevel | undefined;
      // A hierarchical code decides the level: the other markers are read only without one
      // (the item number also for Tabel I.15's numbering below).
      const marks = codeText !== "" && codeLevel === null;
      const roman = marks ? romanValue(codeText) : null;
      const letter = marks ? letterValue(codeText) : null;
      const arabic =
        codeText && (marks || kind === "tabel-i15")
          ? arabicValue(grid.cells[r]?.[noCol ?? kodeCol ?? -1]?.value ?? codeText)
          : null;
      if (codeLevel) {
        if (
          codeLevel === "subkegiatan" &&
          codeText === lastHierCode &&
          lastHierLevel === "subkegiatan"
        ) {
          level = "indikator";
        } else level = codeLevel;
      } else if (hierCodes && ONE_DIGIT_RE.test(codeText)) level = "group";
      else if (letter && kind !== "indikator") {
        level = "program";
        letterMode = true;
      } else if (roman !== null && kind !== "indikator") {
        level = letterMode ? "kegiatan" : "program";
      } else if (kind === "indikator" && indikator !== "") {
        level = "indikator";
      } else if (
        (byPrefix = prefixLevel(
          uraian !== "" && uraianCol !== undefined
            ? texts.norm(r, uraianCol)
            : labelCol >= 0
              ? texts.norm(r, labelCol)
              : ""
        )) !== undefined
      )
        level = byPrefix;
      else if (arabic !== null && kind === "tabel-i15") {
        const n = arabic;
        if (mode === "program" || mode === "none") level = "kegiatan";
        else if (mode === "kegiatan") level = n === 1 ? "subkegiatan" : "kegiatan";
        else {
          const subNext = n === subNo + 1;
          const kegNext = n === kegNo + 1;
          if (subNext && !kegNext) level = "subkegiatan";
          else if (kegNext && !subNext) level = "kegiatan";
          else if (subNext && kegNext)
            level =
              kegValue !== null && Math.abs(kegValue - subSum) < 1 ? "kegiatan" : "subkegiatan";
          else level = n === 1 ? "subkegiatan" : "kegiatan";
        }
      } else if (arabic !== null && kind === "fisik-keuangan") level = "subkegiatan";
      else if (
        kind === "tabel-i15" &&
        uraian === "" &&
        (lastHierLevel === "program" || mode === "program")
      ) {
        level = "program";
        parent = lastAt[RANK_PROGRAM];
      } else if (codeText === "" && uraian === "" && indikator !== "") level = "indikator";
      else if (kind === "fisik-keuangan" && uraian !== "") level = "kegiatan";
      else if (codeText === "" && uraian !== "" && hasNumbers && !seenHier) level = "total";
      else if (sasaran !== "" && indikator === "" && !hasNumbers) level = "sasaran";
      else if (indikator !== "") level = "indikator";
      else if (arabic !== null) level = uraian !== "" ? "kegiatan" : "indikator";
      else if (!hasNumbers) level = "footer";
      else level = "indikator";

      if (kind === "tabel-i15") {
        if (level === "program" && parent === undefined) {
          mode = "program";
          kegNo = 0;
          subNo = 0;
        } else if (level === "kegiatan") {
          mode = "kegiatan";
          kegNo = arabic ?? kegNo + 1;
          subNo = 0;
          kegValue = numberAt(grid, r, budgetCol);
          subSum = 0;
        } else if (level === "subkegiatan") {
          mode = "sub";
          subNo = arabic ?? subNo + 1;
          subSum += numberAt(grid, r, budgetCol) ?? 0;
        }
      }
      if (level === "indikator") {
        if (parent === undefined) parent = parentFor("indikator");
      } else if (parent === undefined && rankOf(level) !== undefined) {
        parent = parentFor(level);
        setHier(level, idx);
        seenHier = true;
        lastHierCode = codeText;
        lastHierLevel = level;
      }
      if (level === "indikator" && codeText !== "" && codeText === lastHierCode)
        parent = lastAt[RANK_SUBKEGIATAN] ?? parent;
    }
    info.level = level;
    if (level === "indikator" && indikator !== "") info.label = indikator;
    if (parent !== undefined) info.parent = parent;
    if (
      codeText &&
      (level === "group" ||
        level === "urusan" ||
        level === "program" ||
        level === "kegiatan" ||
        level === "subkegiatan" ||
        level === "indikator")
    ) {
      info.code = codeText;
    }
    // Direction of indicator rows.
    if (indikator !== "" && ARAH_LEVELS.has(level)) {
      const raw = arahCol !== undefined ? grid.cells[r]?.[arahCol]?.value : undefined;
      if (arahCol !== undefined && raw !== undefined && raw !== null && raw !== "") {
        const a = parseArah(raw);
        if (!isMonevError(a)) {
          info.arah = a === "normal" ? "normal" : "inverse";
          if (a === "inverse-rasio" || a === "inverse-selisih") info.arahVariant = a;
        }
      } else if (suggestArah(indikator) === "inverse") {
        info.arahSuggestion = "inverse";
      }
    }
  }
  return out;
}
