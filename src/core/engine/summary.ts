/**
 * The one summary model of an analysis (issue 9 "one truth for every figure"): the indicators a
 * sheet evaluates, each with its capaian (K only, never Rp) and its predikat on the table's own
 * scale, their count per level, the mean capaian and the indicators below target. Every consumer
 * reads it: the pane's Ringkasan, the evaluation sheet and its narrative, the footer drafts, the
 * CLI console recap and its JSON report.
 *
 * It describes the table as the plan leaves it: an empty cell counts with the value the plan
 * writes there; a cell that already holds the engine's formula (Monev's own, after a fill) counts
 * with the engine's computed value; any other printed figure counts as printed (or, with
 * overwrite, as the plan replaces it). So the figures are the same before and after a fill.
 */
import { isMonevError } from "../errors";
import { parseAngka } from "../number";
import { getScale, predikat, SCALES, type Scale } from "../predikat";
import { isEmptyCell, rank, type Computation } from "./rules/context";
import { cellAddress, cellKey } from "./address";
import { CATALOGUE, formatNumber, msg, renderMessage } from "./messages";
import type { Lang, Message, MessageParams } from "./messages";
import { i15Columns } from "./rules/tabel-i15";
import type { EngineOptions, RowInfo, SheetAnalysis, SheetGrid, TableModel } from "./types";

/** One evaluated indicator (a row with its own capaian: not an average or total of other rows). */
export interface IndicatorFigure {
  sheet: string;
  row: number;
  level: RowInfo["level"];
  /** The indicator's text (indikator column, else the row's label). */
  label: string;
  /** The row's own label when it differs from the indicator text (program / kegiatan name). */
  context?: string;
  /** Column of the capaian (K) cell. */
  col: number;
  /** Capaian as the sheet shows it, capped at opts.batas when given. */
  capaian: number;
  /** Capaian before the cap. */
  raw: number;
  /** Rating label: the table's own label on the row, else the capaian rated on the table's scale. */
  predikat?: string;
  /** Column of the rating label when the table holds one on the row. */
  predikatCol?: number;
}

export interface AnalysisSummary {
  /** Tables of a known kind (unknown tables are not counted anywhere). */
  tables: number;
  /** The evaluated indicators, in sheet order. */
  indicators: IndicatorFigure[];
  /** Number of indicators (= indicators.length). */
  rowsEvaluated: number;
  /** What the indicators are: 'indikator', or for a table without indicator column its level word. */
  unit: string;
  /** Indicators per row level (program, kegiatan, subkegiatan, indikator, ...). */
  levels: Partial<Record<RowInfo["level"], number>>;
  /** Predikat of the indicators on the table's scale, in the scale's order (unknown labels last). */
  predikatCounts: Record<string, number>;
  predikatUnit: string;
  /** The scale and label form the indicators are rated on. */
  scale: { id: string; name: string; form: "panjang" | "kode" };
  /** The form's own predikat rows (RKPD "Predikat Kinerja Kegiatan"): label counts, and what they rate. */
  formPredikat?: { unit: string; counts: Record<string, number> };
  /** Mean of the indicators' capaian (K), capped when a cap is given; null without any. */
  averageCapaian: number | null;
  /** The cap applied (opts.batas), if any. */
  batas?: number;
  findings: number;
  writes: number;
  conflicts: number;
  /** Indicators whose capaian is below 100 (label and value). */
  belowTarget: { label: string; capaian: number }[];
  /**
   * Rows with a printed capaian that the engine's own rule cannot compute (target or plan 0, or not
   * a number): not rated, per table with the first such cell. Absent when there are none.
   */
  notRated?: { sheet: string; count: number; address: string }[];
}

/** Rules whose values are a row's own capaian (K), as the summary counts them. */
export const CAPAIAN_RULE =
  /^(capaian|rkpd\.capaian-k|e81\.capaian|fk\.rata-rata|fk\.capaian-fisik|fk\.capaian-keuangan)$/;
/** Rules that average or total other rows: never an indicator of their own. */
const AGGREGATE_RULE =
  /^(rata-rata|rata-rata-seluruh|rkpd\.(program-k|urusan-k|total-k|rata-rata-k|rata-rata-seluruh-k)|i15\.fisik-(program|rata|total))$/;
/** AGGREGATE_RULE per rule id: a sheet has a handful of ids and thousands of rows. */
const aggregateRules = new Map<string, boolean>();
function isAggregateRule(rule: string): boolean {
  let hit = aggregateRules.get(rule);
  if (hit === undefined) {
    hit = AGGREGATE_RULE.test(rule);
    if (aggregateRules.size < 1000) aggregateRules.set(rule, hit);
  }
  return hit;
}
const ROW_LEVELS = new Set<RowInfo["level"]>([
  "sasaran",
  "indikator",
  "program",
  "kegiatan",
  "subkegiatan",
]);
const LEVEL_WORD: Partial<Record<RowInfo["level"], string>> = {
  sasaran: "sasaran",
  indikator: "indikator",
  program: "program",
  kegiatan: "kegiatan",
  subkegiatan: "sub kegiatan",
};
/**
 * The rules' rank (rules/context.ts) without the table's total and group rows: a parent row's
 * block runs down to the next row of its rank or higher, and a group row ("Belanja langsung")
 * inside it does not end it.
 */
export function blockRank(row: RowInfo): number | undefined {
  return row.level === "total" || row.level === "group" ? undefined : rank(row);
}

/** Excel keeps at most this many characters in a cell. */
export const EXCEL_CELL_MAX = 32767;

const DIGIT_RE = /\d/;
/** Digits with separators, an optional sign and %: a number, however its separators read ("99.875"). */
const NUMBER_TEXT_RE = /^[-+\u2212]?\s*[\d.,\s]+%?$/;

/** A rating label: non-empty text that is not a number (an ambiguous "99.875" is no label either). */
function isLabel(l: string): boolean {
  return l !== "" && !NUMBER_TEXT_RE.test(l) && num(l) === null;
}

function num(v: unknown): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  // A text without a digit ("ST", "Sangat Tinggi") is never a number: skip parsing it.
  if (typeof v !== "string" || !DIGIT_RE.test(v)) return null;
  const p = parseAngka(v);
  return p === null || isMonevError(p) ? null : p.value;
}

/**
 * The capaian column(s) of a table, in order of preference: a realisation form counts a row once,
 * by its mean of capaian keuangan and fisik, else capaian fisik, else keuangan, else realisasi fisik;
 * Tabel I.15 by its physical realisation.
 */
function capaianColumns(t: TableModel): number[] {
  const by = (...roles: string[]) =>
    t.columns.filter((c) => roles.includes(c.role)).map((c) => c.col);
  if (t.kind === "fisik-keuangan") {
    for (const role of ["rata-rata", "capaian-k", "capaian", "capaian-rp", "fisik"]) {
      const cols = by(role);
      if (cols.length) return cols.slice(0, 1);
    }
    return [];
  }
  // Tabel I.15 rates its rows on the physical realisation (% of a 100% target, column 11); the
  // financial one (8 = 5:4) is budget absorption, like an Rp capaian.
  if (t.kind === "tabel-i15") {
    const c11 = i15Columns(t).c11;
    return c11 !== undefined ? [c11] : by("fisik").slice(-1);
  }
  return by("capaian", "capaian-k");
}

/** The rating-label computations of a list: their columns, and the first one (what scaleOf looks for). */
function labelColumns(comps: Computation[]): { cols: Set<number>; first?: Computation } {
  const cols = new Set<number>();
  let first: Computation | undefined;
  for (let i = 0; i < comps.length; i++) {
    const c = comps[i];
    if (c.isHeader || !c.label) continue;
    cols.add(c.col);
    first ??= c;
  }
  return { cols, first };
}

/**
 * A cell as the plan leaves it: the computed value where the plan fills or keeps Monev's formula.
 * Only the columns the summary reads are indexed, each as one Int32Array by row of the table
 * (computation index + 1, 0 for none): on a 50,000-row form an array of pointers per computed
 * column is a large object of its own for the garbage collector, allocated on every analysis.
 */
class CellReader {
  private readonly byCol = new Map<number, Int32Array>();
  /** Computations of indexed columns on rows outside the table's bounds (none on a usual table). */
  private readonly outside = new Map<number, Computation>();
  constructor(
    private readonly grid: SheetGrid | undefined,
    private readonly comps: Computation[],
    private readonly overwrite: boolean,
    private readonly top: number,
    bottom: number,
    columns: Iterable<number>
  ) {
    const height = Math.max(0, bottom - top + 1);
    for (const c of columns) if (!this.byCol.has(c)) this.byCol.set(c, new Int32Array(height));
    for (let i = 0; i < comps.length; i++) {
      const c = comps[i];
      if (c.isHeader) continue;
      const col = this.byCol.get(c.col);
      if (!col) continue;
      const dr = c.row - top;
      const inside = dr >= 0 && dr < height;
      // Index 0 is "none": never read comps[-1] (a property lookup by the name "-1", not an element).
      const cur = inside
        ? col[dr] === 0
          ? undefined
          : comps[col[dr] - 1]
        : this.outside.get(cellKey(c.row, c.col));
      // The written computation wins over an audit-only check of the same cell.
      if (cur && !(cur.auditOnly && !c.auditOnly)) continue;
      if (inside) col[dr] = i + 1;
      else this.outside.set(cellKey(c.row, c.col), c);
    }
  }
  comp(r: number, c: number): Computation | undefined {
    const col = this.byCol.get(c);
    // A column the constructor was not given would read as "nothing computed": a wrong summary.
    if (!col) throw new Error(`CellReader: column ${c} not indexed`);
    const dr = r - this.top;
    if (dr >= 0 && dr < col.length) {
      const i = col[dr];
      return i === 0 ? undefined : this.comps[i - 1];
    }
    return this.outside.get(cellKey(r, c));
  }
  value(r: number, c: number): unknown {
    const comp = this.comp(r, c);
    const cell = this.grid?.cells[r]?.[c];
    const written = comp && !comp.auditOnly ? comp : undefined;
    if (!this.grid) return written?.value;
    if (written) {
      if (isEmptyCell(cell) || this.overwrite) return written.value;
      const f = cell?.formula?.replace(LEADING_EQUALS_RE, "");
      if (f !== undefined && written.formula !== undefined && f === written.formula)
        return written.value;
    }
    return cell?.value;
  }
}

function scaleOf(
  comps: Computation[],
  opts: EngineOptions
): { scale: Scale; form: "panjang" | "kode" } {
  return scaleOfLabel(labelColumns(comps).first, opts);
}

/** The scale of a label computation, else the option's (or the default) scale. */
function scaleOfLabel(
  withLabel: Computation | undefined,
  opts: EngineOptions
): { scale: Scale; form: "panjang" | "kode" } {
  if (withLabel?.label) return { scale: withLabel.label.scale, form: withLabel.label.form };
  const s = getScale(opts.scale, opts.scales);
  return { scale: isMonevError(s) ? SCALES.permendagri86 : s, form: "panjang" };
}

function ordered(counts: Map<string, number>, scale: Scale): Record<string, number> {
  const rank = (l: string) => {
    const i = scale.bands.findIndex(
      (b) => b.code.toLowerCase() === l.toLowerCase() || b.label.toLowerCase() === l.toLowerCase()
    );
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const out: Record<string, number> = {};
  for (const l of [...counts.keys()].sort((a, b) => rank(a) - rank(b)))
    out[l] = counts.get(l) as number;
  return out;
}

/** Whitespace other than single inner spaces: only such texts need rebuilding. */
const UNEVEN_SPACE_RE = /[^\S ]| {2}|^ | $/;
const SPACE_RUN_RE = /\s+/g;
const LEADING_EQUALS_RE = /^=/;
/** Rows of the whole table ("seluruh program"), and the per-kegiatan rows: tested per row. */
const GLOBAL_RE = /seluruh|keseluruhan/i;
const KEGIATAN_RE = /kegiatan/i;

function text(v: unknown): string {
  if (typeof v === "string")
    return UNEVEN_SPACE_RE.test(v) ? v.replace(SPACE_RUN_RE, " ").trim() : v;
  return typeof v === "number" ? String(v) : "";
}

/**
 * The summary model of an analysis. `grid` is the sheet the analysis was made of; `computations`
 * the rule computations per table (index = table index; the engine passes them). Without them the
 * plan's writes and conflicts stand in (an analysis made elsewhere), without the grid only the
 * planned values count.
 */
export function buildSummary(
  analysis: Pick<SheetAnalysis, "tables" | "plan" | "findings">,
  grid?: SheetGrid,
  opts: EngineOptions = {},
  computations?: (Computation[] | undefined)[]
): AnalysisSummary {
  const known = analysis.tables.filter((t) => t.kind !== "unknown");
  const indicators: IndicatorFigure[] = [];
  const notRated: NonNullable<AnalysisSummary["notRated"]> = [];
  const counts = new Map<string, number>();
  const formCounts = new Map<string, number>();
  let formUnit = "kegiatan";
  let hasIndicatorColumn = false;
  let scaleInfo: { scale: Scale; form: "panjang" | "kode" } | undefined;
  const batas =
    typeof opts.batas === "number" && Number.isFinite(opts.batas) ? opts.batas : undefined;
  for (const t of analysis.tables) {
    if (t.kind === "unknown") continue;
    const i = analysis.tables.indexOf(t);
    const comps: Computation[] =
      computations?.[i] ??
      [...analysis.plan.writes, ...analysis.plan.conflicts]
        .filter(
          (w) =>
            w.sheet === t.sheet &&
            w.row >= t.top &&
            w.row <= t.bottom &&
            w.col >= t.left &&
            w.col <= t.right
        )
        .map((w) => ({
          row: w.row,
          col: w.col,
          rule: w.rule,
          formula: w.formula,
          value: w.value,
          description: "",
          isHeader: w.isHeader,
        }));
    const tableGrid = grid && grid.name === t.sheet ? grid : undefined;
    const capCol = capaianColumns(t)[0];
    // Tabel I.15's "uraian" of output / outcome describe a budget item; the item is the row itself.
    const indCol =
      t.kind === "tabel-i15" ? undefined : t.columns.find((c) => c.role === "indikator")?.col;
    if (indCol !== undefined || t.columns.some((c) => c.role === "sasaran"))
      hasIndicatorColumn = true;
    const predCols = t.columns.filter((c) => c.role === "predikat").map((c) => c.col);
    if (capCol === undefined) {
      scaleInfo ??= scaleOf(comps, opts);
      continue;
    }
    // A predikat row rates the K average above it: its label sits in the rating column, else under the K capaian.
    const footerPredCols = [...predCols, capCol];
    const labels = labelColumns(comps);
    const sc = scaleOfLabel(labels.first, opts);
    scaleInfo ??= sc;
    // Also a rating column the rules write into without a predikat caption.
    for (const c of labels.cols) if (!predCols.includes(c) && c !== capCol) predCols.push(c);
    const readCols = indCol === undefined ? [capCol, ...predCols] : [capCol, indCol, ...predCols];
    const reader = new CellReader(tableGrid, comps, !!opts.overwrite, t.top, t.bottom, readCols);
    const rows = t.rows;
    let unrated = 0;
    let unratedAt = "";
    for (let j = 0; j < rows.length; j++) {
      const r = rows[j];
      if (r.level === "predikat") {
        if (GLOBAL_RE.test(r.label)) continue;
        const l = text(
          reader.value(
            r.row,
            footerPredCols.find((c) => text(reader.value(r.row, c)) !== "") ?? capCol
          )
        );
        if (isLabel(l)) {
          formCounts.set(l, (formCounts.get(l) ?? 0) + 1);
          formUnit = KEGIATAN_RE.test(r.label) ? "kegiatan" : "kelompok";
        }
        continue;
      }
      if (!ROW_LEVELS.has(r.level)) continue;
      const comp = reader.comp(r.row, capCol);
      if (comp && isAggregateRule(comp.rule)) continue;
      const raw = num(reader.value(r.row, capCol));
      // The label is searched only on rows that hold a figure (the reads above change nothing).
      if (raw === null || GLOBAL_RE.test(r.label)) continue;
      // The rule finds no capaian here (a target or plan of 0: 0/0 in January's RFK): the figure
      // printed there (0, or the realisation itself) rates nothing. Counted apart and said.
      if (comp !== undefined && comp.value === "" && comp.label === undefined) {
        if (unrated === 0) unratedAt = cellAddress(r.row, capCol);
        unrated++;
        continue;
      }
      // Without an indicator column a parent row's figure totals its children: count the leaves.
      if (indCol === undefined && hasChildFigure(t, j, reader, capCol)) continue;
      const capaian = batas !== undefined ? Math.min(raw, batas) : raw;
      const own = text(indCol !== undefined ? reader.value(r.row, indCol) : "");
      const rowLabel = text(r.label);
      // Optional fields present from the start (one hidden class for every figure), in the order
      // they used to be added: JSON, which omits undefined, is unchanged.
      const fig: IndicatorFigure = {
        sheet: t.sheet,
        row: r.row,
        level: r.level,
        label: own || rowLabel,
        col: capCol,
        capaian,
        raw,
        context: undefined,
        predikat: undefined,
        predikatCol: undefined,
      };
      if (own && rowLabel && own !== rowLabel) fig.context = rowLabel;
      for (const pc of predCols) {
        const l = text(reader.value(r.row, pc));
        if (isLabel(l)) {
          fig.predikat = l;
          fig.predikatCol = pc;
          break;
        }
      }
      if (fig.predikat === undefined) {
        const p = predikat(capaian, sc.scale, sc.form);
        if (typeof p === "string") fig.predikat = p;
      }
      if (fig.predikat) counts.set(fig.predikat, (counts.get(fig.predikat) ?? 0) + 1);
      indicators.push(fig);
    }
    if (unrated > 0) notRated.push({ sheet: t.sheet, count: unrated, address: unratedAt });
  }
  const sc = scaleInfo ?? scaleOf([], opts);
  const levels: Partial<Record<RowInfo["level"], number>> = {};
  for (const x of indicators) levels[x.level] = (levels[x.level] ?? 0) + 1;
  let unit = "indikator";
  if (!hasIndicatorColumn && indicators.length > 0) {
    const top = Object.entries(levels).sort((a, b) => b[1] - a[1])[0][0] as RowInfo["level"];
    unit = LEVEL_WORD[top] ?? "indikator";
  }
  const out: AnalysisSummary = {
    tables: known.length,
    indicators,
    rowsEvaluated: indicators.length,
    unit,
    levels,
    predikatCounts: ordered(counts, sc.scale),
    predikatUnit: unit,
    scale: { id: sc.scale.id, name: sc.scale.name, form: sc.form },
    averageCapaian: indicators.length
      ? indicators.reduce((s, x) => s + x.capaian, 0) / indicators.length
      : null,
    findings: analysis.findings.length,
    writes: analysis.plan.writes.length,
    conflicts: analysis.plan.conflicts.length,
    belowTarget: indicators
      .filter((x) => x.capaian < 100)
      .map((x) => ({ label: x.label, capaian: x.capaian })),
  };
  if (formCounts.size > 0)
    out.formPredikat = { unit: formUnit, counts: ordered(formCounts, sc.scale) };
  if (batas !== undefined) out.batas = batas;
  if (notRated.length > 0) out.notRated = notRated;
  return out;
}

/** Does a data row below row j (before the next row of its rank or higher) hold a figure? */
function hasChildFigure(t: TableModel, j: number, reader: CellReader, col: number): boolean {
  const own = blockRank(t.rows[j]);
  if (own === undefined) return false;
  for (let k = j + 1; k < t.rows.length; k++) {
    const r = t.rows[k];
    const rk = blockRank(r);
    if (rk === undefined) {
      if (r.level === "jumlah" || r.level === "footer" || r.level === "total") return false;
      continue;
    }
    if (rk <= own) return false;
    if (num(reader.value(r.row, col)) !== null) return true;
  }
  return false;
}

/** The analysis' summary: the one the engine made with it, else one built from its plan. */
export function summarise(analysis: SheetAnalysis): AnalysisSummary {
  return analysis.summary ?? buildSummary(analysis);
}

/** A label for a sentence: one line, at most 120 characters ("" when there is none). */
function clip(s: string, n = 120): string {
  const t = (s ?? "").replace(/\s+/g, " ").trim();
  return t.length > n ? t.slice(0, n - 1) + "…" : t;
}

/**
 * A unit word ('indikator', 'sub kegiatan') as a parameter in both languages: English in the
 * plural unless `one` (a count of 1, or a row level as in "programme rows").
 */
function unitParams(unit: string, name = "unit", one = false): MessageParams {
  const code = `word.${unit.replace(/\s+/g, "")}${one ? ".one" : ""}`;
  if (!CATALOGUE[code]) return { [name]: unit };
  return {
    [name]: renderMessage(msg(code), "id"),
    [`${name}.en`]: renderMessage(msg(code), "en"),
  };
}

/** "label (12,34%)" items joined by "; ", as a parameter in both languages. */
function listParams(items: { label: string; capaian: number }[]): MessageParams {
  const one = (b: { label: string; capaian: number }, lang: Lang) =>
    renderMessage(
      msg("narrative.item", {
        label: clip(b.label) || renderMessage(msg("narrative.no-label"), lang),
        capaian: b.capaian,
      }),
      lang
    );
  return {
    list: items.map((b) => one(b, "id")).join("; "),
    "list.en": items.map((b) => one(b, "en")).join("; "),
  };
}

/** Footer rows the drafts are for. */
const FOOTER_RE = /pendorong|penghambat|tindak lanjut/i;

const LEVEL_ORDER: RowInfo["level"][] = [
  "sasaran",
  "program",
  "kegiatan",
  "subkegiatan",
  "indikator",
];

/**
 * The narrative as paragraphs, each within Excel's cell limit: e.g. "Dari 5 indikator yang
 * dievaluasi, rata-rata capaian 97,00%. Kategori Sangat Tinggi sebanyak 4 indikator, ...",
 * in English with lang 'en'.
 */
export function narrativeParagraphs(analysis: SheetAnalysis, lang: Lang = "id"): string[] {
  const s = summarise(analysis);
  const r = (code: string, params: MessageParams = {}) => renderMessage(msg(code, params), lang);
  if (s.tables === 0) {
    return [r(analysis.tables.length > 0 ? "narrative.unknown-tables" : "narrative.no-table")];
  }
  const unit = unitParams(s.unit);
  const first: string[] = [];
  if (s.rowsEvaluated > 0) {
    const perLevel = LEVEL_ORDER.filter((l) => s.levels[l]).map((l) =>
      r("narrative.per-level", {
        count: s.levels[l] ?? 0,
        ...unitParams(LEVEL_WORD[l] ?? l, "level", true),
      })
    );
    const where = perLevel.length > 1 && s.unit === "indikator" ? ` (${perLevel.join(", ")})` : "";
    const cap = s.batas !== undefined ? r("narrative.cap", { batas: s.batas }) : "";
    const average = s.averageCapaian === null ? "-" : formatNumber(s.averageCapaian, lang, 2) + "%";
    const counted = unitParams(s.unit, "unit", s.rowsEvaluated === 1);
    first.push(
      r("narrative.evaluated", { count: s.rowsEvaluated, ...counted, where, average, cap })
    );
  }
  // The printed report says why the table has more rows than the count above.
  const notRated = (s.notRated ?? []).reduce((n, x) => n + x.count, 0);
  if (notRated > 0) first.push(r("narrative.not-rated", { count: notRated }));
  const cats = Object.entries(s.predikatCounts);
  if (cats.length > 0)
    first.push(
      cats
        .map(([k, n]) =>
          r("narrative.category", {
            label: k,
            count: n,
            ...unitParams(s.predikatUnit, "unit", n === 1),
          })
        )
        .join(", ") + "."
    );
  if (s.formPredikat) {
    // The form's own rating rows: per kegiatan (RKPD), else of the rata-rata rows above them.
    const fp = s.formPredikat;
    first.push(
      fp.unit === "kegiatan"
        ? r("narrative.form-kegiatan", {
            list: Object.entries(fp.counts)
              .map(([k, n]) => r("narrative.form-kegiatan-count", { label: k, count: n }))
              .join(", "),
          })
        : r("narrative.form-rata", { list: Object.keys(fp.counts).join(", ") })
    );
  }
  const paragraphs: string[] = [];
  if (first.length) paragraphs.push(first.join(" "));
  if (s.belowTarget.length > 0) {
    const more =
      s.belowTarget.length > 5
        ? r("narrative.below-more", { count: s.belowTarget.length - 5 })
        : "";
    const text = r("narrative.below-target", {
      ...unit,
      ...listParams(s.belowTarget.slice(0, 5)),
      more,
    });
    paragraphs.push(text[0].toUpperCase() + text.slice(1));
  } else if (s.rowsEvaluated > 0) {
    paragraphs.push(r("narrative.all-met", unit));
  }
  if (s.findings > 0) paragraphs.push(r("narrative.findings", { count: s.findings }));
  if (paragraphs.length === 0) paragraphs.push(r("narrative.nothing-computable"));
  return paragraphs.flatMap((p) => splitForCell(p));
}

/** A text in pieces of at most `max` characters, cut at a space where there is one. */
export function splitForCell(p: string, max = EXCEL_CELL_MAX): string[] {
  const out: string[] = [];
  let rest = p;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(" ", max);
    if (cut <= 0) cut = max;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  out.push(rest);
  return out;
}

/** The narrative as one text (paragraphs joined by a space). */
export function narrative(analysis: SheetAnalysis, lang: Lang = "id"): string {
  return narrativeParagraphs(analysis, lang).join(" ");
}

/**
 * Draft texts for the footer rows of an evaluation form ("Faktor pendorong", "Faktor penghambat",
 * "Tindak lanjut"): offered as messages for the user to adapt, never written into the cells.
 */
export function footerDrafts(analysis: SheetAnalysis): Message[] {
  // A loop over the rows in place: no copy of every row of every table.
  const footers: RowInfo[] = [];
  for (const t of analysis.tables) {
    if (t.kind === "unknown") continue;
    const rows = t.rows;
    for (let i = 0; i < rows.length; i++) if (FOOTER_RE.test(rows[i].label)) footers.push(rows[i]);
  }
  if (footers.length === 0) return [];
  const s = summarise(analysis);
  if (s.rowsEvaluated === 0) return [];
  const met = s.rowsEvaluated - s.belowTarget.length;
  const below = s.belowTarget.slice(0, 5);
  const unit = unitParams(s.unit);
  const totalUnit = unitParams(s.unit, "unit", s.rowsEvaluated === 1);
  const drafts: Message[] = [];
  if (footers.some((r) => /pendorong/i.test(r.label))) {
    drafts.push(
      s.averageCapaian === null
        ? msg("draft.pendorong", { met, total: s.rowsEvaluated, ...totalUnit })
        : msg("draft.pendorong-rata", {
            met,
            total: s.rowsEvaluated,
            ...totalUnit,
            average: s.averageCapaian,
          })
    );
  }
  if (footers.some((r) => /penghambat/i.test(r.label))) {
    drafts.push(
      below.length > 0
        ? msg("draft.penghambat", listParams(below))
        : msg("draft.penghambat-tidak-ada", unit)
    );
  }
  if (footers.some((r) => /tindak lanjut/i.test(r.label)) && below.length > 0) {
    drafts.push(msg("draft.tindak-lanjut", listParams(below)));
  }
  return drafts;
}
