/**
 * Physical and financial realisation tables: Banjarmasin Tabel 3.3 (checks.md §1c, C1-C3) and the
 * Banjarmasin realisation form (Form-RFK and its city recap), where each column's meaning comes
 * from its whole caption path (see classifyColumn):
 * - capaian keuangan (KEUANGAN / CAPAIAN, CAPAIAN / KEU) = realisasi keuangan Rp / rencana
 *   keuangan Rp × 100 (Form-RFK: L = I / F × 100; laporan RFK: K = H / E × 100);
 * - capaian fisik (FISIK / CAPAIAN, CAPAIAN / FISIK) = realisasi fisik / rencana fisik × 100
 *   (cumulative columns, never the weighted TTB ones: R = P / N × 100);
 * - rata-rata (CAPAIAN / RATA2) = mean of the row's capaian keuangan and capaian fisik;
 * - kategori (KAT, KET) = predikat of the rata-rata (else of the realisation %), on the scale the
 *   sheet defines next to the table (COUNTIFS bands) when it has one;
 * - Tabel 3.3 (no capaian column): realisasi % = realisasi keuangan / rencana keuangan × 100;
 * - DEVIASI, SISA ANGGARAN, bobot and the weighted (TTB) columns are never computed here;
 * - audit only: parent rencana/realisasi = Σ children.
 * A needed input column that is missing: nothing is written for that column, and a note says why.
 */
import { serapan, serapanFormula } from "../../anggaran";
import { isMonevError } from "../../errors";
import { parseAngka } from "../../number";
import type { Band, Scale } from "../../predikat";
import { columnLetter } from "../address";
import { msg, pushUnique, type MessageParams } from "../messages";
import type { ColumnInfo, RowInfo } from "../types";
import { PCT, RP, RuleContext, cached, children, isEmptyValue } from "./context";
import { emitCapaian, emitMean, emitPredikat, emitSum, resolveScale, short } from "./common";
import type { Shape } from "./shape";

function find(cols: ColumnInfo[], pred: (c: ColumnInfo) => boolean): ColumnInfo | undefined {
  return cols.filter(pred).sort((a, b) => a.col - b.col)[0];
}

function all(cols: ColumnInfo[], ...roles: ColumnInfo["role"][]): ColumnInfo[] {
  return cols.filter((c) => roles.includes(c.role)).sort((a, b) => a.col - b.col);
}

export interface FisikKeuanganColumns {
  /** Rencana keuangan (Rp): the planned spending, else the budget itself (Tabel 3.3). */
  rencana?: ColumnInfo;
  /** Realisasi keuangan (Rp). */
  realisasi?: ColumnInfo;
  rencanaFisik?: ColumnInfo;
  realisasiFisik?: ColumnInfo;
  capaianKeuangan: ColumnInfo[];
  capaianFisik: ColumnInfo[];
  rataRata?: ColumnInfo;
  /** Tabel 3.3 only (no capaian column): the realisation % column the table rates. */
  persen?: ColumnInfo;
  ket?: ColumnInfo;
  deviasi: ColumnInfo[];
}

export function fisikKeuanganColumns(cols: ColumnInfo[]): FisikKeuanganColumns {
  const h = (c: ColumnInfo) => c.header.toLowerCase();
  const rencana =
    find(cols, (c) => c.role === "target-rp") ??
    find(cols, (c) => c.role === "anggaran" && /rencana/.test(h(c))) ??
    find(cols, (c) => c.role === "anggaran") ??
    find(cols, (c) => c.role === "keuangan" && /rencana|anggaran|pagu/.test(h(c)));
  const realisasi =
    find(cols, (c) => ["realisasi-rp", "realisasi-total-rp"].includes(c.role)) ??
    find(
      cols,
      (c) =>
        ["keuangan", "realisasi"].includes(c.role) &&
        /realisasi/.test(h(c)) &&
        !/fisik|%/.test(h(c))
    );
  const capaianKeuangan = all(cols, "capaian-rp");
  const capaianFisik = all(cols, "capaian-k");
  const rataRata = all(cols, "rata-rata")[0];
  const ket = all(cols, "predikat").at(-1);
  let persen: ColumnInfo | undefined;
  if (capaianKeuangan.length === 0 && capaianFisik.length === 0 && !rataRata) {
    persen =
      all(cols, "capaian", "serapan").at(-1) ??
      // a realisation % of its own ("Realisasi / Keu" next to the Rp realisation)
      cols.find(
        (c) =>
          c.role === "keuangan" && c !== realisasi && c !== rencana && !/\brp\b|rupiah/.test(h(c))
      ) ??
      // Tabel 3.3: the rated "Realisasi Fisik (%)" is realisasi keuangan / rencana keuangan
      (ket
        ? all(cols, "fisik")
            .filter((c) => /realisasi/.test(h(c)))
            .at(-1)
        : undefined);
  }
  return {
    rencana,
    realisasi,
    rencanaFisik: all(cols, "target")[0],
    realisasiFisik: all(cols, "fisik")[0],
    capaianKeuangan,
    capaianFisik,
    rataRata,
    persen,
    ket,
    deviasi: all(cols, "deviasi"),
  };
}

const DATA: RowInfo["level"][] = [
  "total",
  "group",
  "program",
  "kegiatan",
  "subkegiatan",
  "indikator",
];
/** Rows a capaian is computed on: a "Jumlah" row's capaian is its own totals' ratio (07: L119 = ΣI / ΣF). */
const CAPAIAN_ROWS: RowInfo["level"][] = [...DATA, "jumlah"];

/** A column for a note: its header and letter ('{header}' (kolom {letter})). */
function named(c: ColumnInfo): MessageParams {
  return { header: short(c.header.replace(/\s+/g, " "), 60), letter: columnLetter(c.col) };
}

/** Names of missing columns, joined in each language. */
function missingList(words: [string, string][]): MessageParams {
  return {
    missing: words.map((w) => w[0]).join(" dan "),
    "missing.en": words.map((w) => w[1]).join(" and "),
  };
}

const W_REALISASI_RP: [string, string] = ["realisasi keuangan (Rp)", "financial realisation (Rp)"];
const W_RENCANA_RP: [string, string] = ["rencana keuangan (Rp)", "financial plan (Rp)"];

const COMPARISON_RE = /"\s*(>=|>|<=|<)\s*(-?\d+(?:[.,]\d+)?)\s*"/g;

/**
 * A rating scale the sheet defines next to the table: rows of a label and COUNTIF(S) formulas
 * over one of the table's capaian columns, e.g. `Sangat Baik | =COUNTIFS($K$12:$K$56,">=90")`,
 * `Baik | =COUNTIFS(K..,">=80",K..,"<90")`, `Kurang | =COUNTIF(K..,"<65")`. Undefined without one.
 */
export function sheetScale(ctx: RuleContext, rated: ColumnInfo[]): Scale | undefined {
  const letters = new Set(rated.map((c) => columnLetter(c.col)));
  if (letters.size === 0) return undefined;
  const { grid, table } = ctx;
  const from = table.bottom + 1;
  const to = Math.min(grid.cells.length - 1, table.bottom + 40);
  const bands: Band[] = [];
  let elseBands = 0;
  for (let r = from; r <= to; r++) {
    const row = grid.cells[r] ?? [];
    let label = "";
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      const f = cell?.formula;
      if (!f) {
        if (
          typeof cell?.value === "string" &&
          cell.value.trim() !== "" &&
          !isNumberText(cell.value)
        )
          label = cell.value.trim();
        continue;
      }
      if (!/^\s*=?\s*COUNTIFS?\s*\(/i.test(f) || label === "") continue;
      const refs = [...f.matchAll(/\$?([A-Z]{1,3})\$?\d+\s*:\s*\$?([A-Z]{1,3})\$?\d+/g)];
      if (!refs.some((m) => m[1] === m[2] && letters.has(m[1]))) continue;
      let min: number | undefined;
      let inclusive = true;
      for (const m of f.matchAll(COMPARISON_RE)) {
        const v = Number(m[2].replace(",", "."));
        if (m[1] === ">=" || m[1] === ">") {
          min = v;
          inclusive = m[1] === ">=";
        }
      }
      if (bands.some((b) => b.label === label)) break; // the next column of the same legend row
      if (min === undefined) elseBands++;
      bands.push({
        min: min ?? Number.NEGATIVE_INFINITY,
        minInclusive: inclusive,
        label,
        code: initials(label),
      });
      break;
    }
  }
  if (bands.length < 2 || elseBands > 1) return undefined;
  bands.sort((a, b) => b.min - a.min);
  for (let i = 1; i < bands.length; i++) if (bands[i].min === bands[i - 1].min) return undefined;
  bands[bands.length - 1] = {
    ...bands[bands.length - 1],
    min: Number.NEGATIVE_INFINITY,
    minInclusive: true,
  };
  const desc = bands
    .map((b) =>
      b.min === Number.NEGATIVE_INFINITY
        ? b.label
        : `${b.label} ${b.minInclusive ? ">=" : ">"} ${b.min}`
    )
    .join(", ");
  return { id: "lembar", name: `Skala pada lembar (${desc})`, bands };
}

function isNumberText(v: string): boolean {
  const p = parseAngka(v);
  return p !== null && !isMonevError(p);
}

/** 'kode' when the data rows' printed labels are short codes (SB, B), else 'panjang' (header cells excluded). */
function labelForm(ctx: RuleContext, col: number | undefined, rows: RowInfo[]): "panjang" | "kode" {
  if (col === undefined) return "panjang";
  let codes = 0;
  let longs = 0;
  for (const r of rows) {
    const v = ctx.cell(r.row, col)?.value;
    if (typeof v !== "string" || v.trim() === "") continue;
    if (/^[A-Z]{1,3}$/.test(v.trim())) codes++;
    else if (/[a-z]{3,}/i.test(v)) longs++;
  }
  return codes > longs ? "kode" : "panjang";
}

function initials(label: string): string {
  const words = label.split(/\s+/).filter(Boolean);
  if (words.length === 1) return words[0].toUpperCase().slice(0, 3);
  return words.map((w) => w[0].toUpperCase()).join("");
}

/**
 * A zero rencana leaves the ratio undefined, and sheets disagree on what it should show (Form-RFK's
 * own IF(F>0,I/F*100,I) gives the realisation, others 0 or ""): the cell is neither written nor
 * audited, whatever it holds.
 */
function zeroPlan(ctx: RuleContext, row: number, den: number): boolean {
  return ctx.num(row, den) === 0;
}

/**
 * The check-only mark of a ratio a zero rencana leaves undefined: nothing is written or audited
 * there, and the summary does not rate the figure the sheet prints in it (see buildSummary).
 */
function undefinedRatio(ctx: RuleContext, row: number, col: number, rule: string): void {
  ctx.emit({ row, col, rule, value: "", auditOnly: true, description: "rencana 0" });
}

/**
 * A kategori cell where the sheet keeps a number (04: KAT = RATA2, `=V12`) is the sheet's own
 * choice, not a wrong label: it is neither audited nor replaced (unless the user overwrites).
 */
function numberKept(ctx: RuleContext, row: number, col: number): boolean {
  if (ctx.mode === "plan" && ctx.opts.overwrite) return false;
  const v = ctx.cell(row, col)?.value;
  return typeof v === "number";
}

/** Realisasi / rencana × 100 (the core serapan rule: no cap, "" for an empty or zero rencana). */
function emitRatio(
  ctx: RuleContext,
  row: number,
  num: ColumnInfo,
  den: ColumnInfo,
  out: number,
  rule: string,
  what: string
): void {
  const a = ctx.get(row, den.col);
  const r = ctx.get(row, num.col);
  if (isEmptyValue(a) || isEmptyValue(r)) return;
  if (zeroPlan(ctx, row, den.col)) return undefinedRatio(ctx, row, out, rule);
  const ra = ctx.ref(row, den.col);
  const rr = ctx.ref(row, num.col);
  ctx.emit({
    row,
    col: out,
    rule,
    formula: serapanFormula(ra, rr),
    value: cached(serapan(a, r)),
    numFmt: PCT,
    description: `${what}: realisasi ${rr} / rencana ${ra} × 100`,
    inputs: [
      [row, den.col],
      [row, num.col],
    ],
  });
}

export function fisikKeuanganRules(ctx: RuleContext): void {
  const { table } = ctx;
  const C = fisikKeuanganColumns(table.columns);
  const note = (code: string, params: MessageParams = {}) =>
    pushUnique(ctx.notes, msg(code, { sheet: table.sheet, ...params }));
  const data = table.rows.filter((r) => CAPAIAN_ROWS.includes(r.level));

  for (const d of C.deviasi) {
    if (d.statedFormula) continue; // the form states it: its own rule, not this one
    note("note.deviasi-not-stated", named(d));
  }

  // Capaian keuangan: realisasi keuangan (Rp) / rencana keuangan (Rp) × 100.
  const keu: ColumnInfo[] = [];
  for (const c of C.capaianKeuangan) {
    const missing: [string, string][] = [];
    if (!C.realisasi) missing.push(W_REALISASI_RP);
    if (!C.rencana) missing.push(W_RENCANA_RP);
    if (missing.length > 0) {
      note("note.capaian-keuangan-inputs-missing", { ...named(c), ...missingList(missing) });
      continue;
    }
    keu.push(c);
  }
  // Capaian fisik: realisasi fisik / rencana fisik × 100 (cumulative, not the weighted TTB).
  const fis: ColumnInfo[] = [];
  for (const c of C.capaianFisik) {
    const missing: [string, string][] = [];
    if (!C.realisasiFisik) missing.push(["realisasi fisik", "physical realisation"]);
    if (!C.rencanaFisik) missing.push(["rencana fisik", "physical plan"]);
    if (missing.length > 0) {
      note("note.capaian-fisik-inputs-missing", { ...named(c), ...missingList(missing) });
      continue;
    }
    fis.push(c);
  }
  // Rata-rata: the capaian keuangan and capaian fisik right before it (04: AVERAGE(T:U)).
  let rataInputs: [ColumnInfo, ColumnInfo] | undefined;
  if (C.rataRata) {
    const k = C.capaianKeuangan.filter((c) => c.col < C.rataRata!.col).at(-1);
    const f = C.capaianFisik.filter((c) => c.col < C.rataRata!.col).at(-1);
    if (k && f) rataInputs = [k, f];
    else {
      const missing: [string, string][] = [];
      if (!k) missing.push(["capaian keuangan", "financial achievement"]);
      if (!f) missing.push(["capaian fisik", "physical achievement"]);
      note("note.rata-rata-inputs-missing", { ...named(C.rataRata), ...missingList(missing) });
    }
  }
  // Tabel 3.3: no capaian column; the realisation % it rates.
  const legacy = C.persen && C.rencana && C.realisasi ? C.persen : undefined;
  if (C.persen && !legacy) {
    const missing: [string, string][] = [];
    if (!C.realisasi) missing.push(W_REALISASI_RP);
    if (!C.rencana) missing.push(W_RENCANA_RP);
    note("note.persen-inputs-missing", { ...named(C.persen), ...missingList(missing) });
  }
  if (
    !legacy &&
    keu.length === 0 &&
    fis.length === 0 &&
    !rataInputs &&
    C.capaianKeuangan.length + C.capaianFisik.length === 0 &&
    !C.persen
  ) {
    note("note.no-capaian-columns");
  }

  // The rating: of the rata-rata, else of the Tabel 3.3 %, else of the only capaian column.
  const ratedSource =
    C.rataRata && rataInputs
      ? C.rataRata
      : (legacy ?? (keu.length + fis.length === 1 ? [...keu, ...fis][0] : undefined));
  if (C.ket && !ratedSource) {
    note("note.kategori-source-unclear", named(C.ket));
  }
  const local = ctx.opts.scale
    ? undefined
    : sheetScale(ctx, [
        ...C.capaianKeuangan,
        ...C.capaianFisik,
        ...(C.rataRata ? [C.rataRata] : []),
      ]);
  const scale = local ?? resolveScale(ctx, C.ket?.col, "berhasil");
  const form = labelForm(ctx, C.ket?.col, data);

  // A KET/KAT column the sheet fills with numbers (Cetak sheets: `=W22`) is its own convention: no labels in it.
  let ketNumbers = 0;
  let ketLabels = 0;
  if (C.ket) {
    for (const row of data) {
      const v = ctx.cell(row.row, C.ket.col)?.value;
      if (typeof v === "number") ketNumbers++;
      else if (typeof v === "string" && v.trim() !== "") ketLabels++;
    }
  }
  const ketHoldsNumbers = ketNumbers > ketLabels;
  if (ketHoldsNumbers && ctx.mode === "plan" && C.ket) {
    ctx.notes.push(msg("note.kategori-holds-numbers", { header: C.ket.header }));
  }
  // Inputs that are not numbers (an error such as #DIV/0!, a dash): nothing to compute from.
  const numbers = (r: number, ...cols: ColumnInfo[]) =>
    cols.every((c) => ctx.num(r, c.col) !== null);
  for (const row of data) {
    const r = row.row;
    for (const c of keu) {
      if (!numbers(r, C.realisasi!, C.rencana!)) continue;
      emitRatio(ctx, r, C.realisasi!, C.rencana!, c.col, "fk.capaian-keuangan", "capaian keuangan");
    }
    for (const c of fis) {
      if (!numbers(r, C.realisasiFisik!, C.rencanaFisik!)) continue;
      if (zeroPlan(ctx, r, C.rencanaFisik!.col)) {
        undefinedRatio(ctx, r, c.col, "fk.capaian-fisik");
        continue;
      }
      emitCapaian(
        ctx,
        r,
        C.rencanaFisik!.col,
        C.realisasiFisik!.col,
        c.col,
        "normal",
        "fk.capaian-fisik"
      );
    }
    if (rataInputs && C.rataRata) {
      const cells: [number, number][] = rataInputs.map((c) => [r, c.col] as [number, number]);
      // AVERAGE of both (04: AVERAGE(T:U)); an error (#DIV/0!) or a blank in either: nothing.
      if (cells.every(([rr, cc]) => ctx.num(rr, cc) !== null)) {
        emitMean(
          ctx,
          r,
          C.rataRata.col,
          cells,
          "fk.rata-rata",
          "rata-rata capaian keuangan dan capaian fisik"
        );
      }
    }
    if (legacy) {
      // Tabel 3.3 rates only the (non-Jumlah) rows whose % it can recompute.
      if (!DATA.includes(row.level)) continue;
      if (isEmptyValue(ctx.get(r, C.rencana!.col)) || isEmptyValue(ctx.get(r, C.realisasi!.col)))
        continue;
      emitRatio(
        ctx,
        r,
        C.realisasi!,
        C.rencana!,
        legacy.col,
        "realisasi-keuangan-persen",
        "realisasi keuangan"
      );
    }
    if (!C.ket || !ratedSource || ketHoldsNumbers || numberKept(ctx, r, C.ket.col)) continue;
    if (!legacy && ctx.num(r, ratedSource.col) === null) continue; // e.g. RATA2 printed #DIV/0!
    emitPredikat(ctx, r, r, ratedSource.col, C.ket.col, scale, form, "ket");
  }

  // audit only: parent = Σ children.
  const kidsOf: Partial<Record<RowInfo["level"], RowInfo["level"][]>> = {
    program: ["kegiatan"],
    kegiatan: ["subkegiatan"],
  };
  const sums = [C.rencana, C.realisasi].filter((c): c is ColumnInfo => c !== undefined);
  table.rows.forEach((row, i) => {
    const lv = kidsOf[row.level];
    if (!lv) return;
    const kids = children(table, i, lv);
    if (kids.length === 0) return;
    for (const { col: c } of sums) {
      if (!ctx.has(row.row, c)) continue;
      const cells = kids
        .map((j) => [table.rows[j].row, c] as [number, number])
        .filter(([r, cc]) => ctx.has(r, cc));
      if (cells.length === 0 || cells.length < kids.length) continue; // a child without a value: cannot verify
      emitSum(ctx, row.row, c, cells, "jumlah-anak", "jumlah baris di bawahnya (Rp)", {
        numFmt: RP,
        auditOnly: true,
      });
    }
  });
}

export const fisikKeuanganShape: Shape = {
  kind: "fisik-keuangan",
  name: { id: "realisasi fisik dan keuangan", en: "physical and financial realisation" },
  // Fisik/keuangan columns, or a Form-RFK without a FISIK block (rencana, realisasi Rp and their capaian).
  detect: (s) =>
    !s.quarters &&
    (s.has("fisik", "keuangan") ||
      (s.has("capaian-rp", "rata-rata") &&
        s.has("target-rp", "anggaran") &&
        s.has("realisasi-rp"))),
  rules: fisikKeuanganRules,
};
