/**
 * The evaluation sheet ("Buat lembar evaluasi" in the pane, `evaluate --lembar-evaluasi` in the CLI):
 * an LKjIP-style table (indikator, target, realisasi, capaian, predikat) whose cells reference the
 * source sheet with native formulas, the average and the count per predikat, and a narrative in
 * the style of the seed reports. Pure layout: the adapters write it (and add the chart).
 */
import { cellAddress, quoteSheet } from "./address";
import { printedColumnCount } from "./evaluation-chart";
import { blockRank, buildSummary, narrativeParagraphs } from "./summary";
import { isMonevError } from "../errors";
import { getScale, predikatFormula, SCALES, type Scale } from "../predikat";
import { colsByRole } from "./rules/context";
import { fisikKeuanganColumns } from "./rules/fisik-keuangan";
import { rkpdColumns } from "./rules/rkpd";
import { i15Columns } from "./rules/tabel-i15";
import type { ColumnRole, PlannedWrite, SheetAnalysis, SheetGrid, TableModel } from "./types";

/** What a formula of the layout evaluates to (Excel's "" for an empty result). */
export type LayoutValue = number | string | boolean;

/** The Permendagri 86/2017 codes, used where the plan writes no predikat of its own. */
export const DEFAULT_PREDIKAT = ["ST", "T", "S", "R", "SR"];

export function isPredikatWrite(w: PlannedWrite): boolean {
  return /predikat/i.test(w.rule) && !w.isHeader;
}

const SHEET_NAME_MAX = 31;

/** 'Evaluasi - X', then 'Evaluasi - X (2)', ... within Excel's 31-character limit. */
export function uniqueSheetName(source: string, existing: string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const clean = source.replace(/[\\/?*[\]:]/g, " ");
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? "" : ` (${i})`;
    const base = `Evaluasi - ${clean}`.slice(0, SHEET_NAME_MAX - suffix.length).trimEnd();
    const name = base + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** What a column of the evaluation sheet shows. */
export type SheetColumnKey =
  | "no"
  | "label"
  /** The indicator's own target, realisation and capaian (K). */
  | "target"
  | "realisasi"
  | "capaian"
  /** Budget: plan (pagu / DPA / rencana keuangan), spending, absorption (capaian keuangan / Rp). */
  | "target-rp"
  | "realisasi-rp"
  | "capaian-rp"
  | "target-fisik"
  | "realisasi-fisik"
  | "capaian-fisik"
  /** A realisation form's mean of capaian keuangan and fisik. */
  | "rata-rata"
  | "predikat"
  /** 100 on every data row: the pane's chart draws it as the reference line (not printed by the CLI). */
  | "acuan";

type Format = "int" | "text" | "figure" | "pct";

interface ColumnDef {
  key: SheetColumnKey;
  id: string;
  en: string;
  /** Print width in characters. */
  width: number;
  format: Format;
}

const COLUMN_DEFS: Record<SheetColumnKey, Omit<ColumnDef, "key">> = {
  no: { id: "No", en: "No", width: 5, format: "int" },
  label: { id: "Sasaran / Indikator", en: "Objective / Indicator", width: 45, format: "text" },
  target: { id: "Target", en: "Target", width: 13, format: "figure" },
  realisasi: { id: "Realisasi", en: "Actual", width: 13, format: "figure" },
  capaian: { id: "Capaian (%)", en: "Achievement (%)", width: 13, format: "pct" },
  "target-rp": { id: "Target (Rp)", en: "Budget (Rp)", width: 16, format: "figure" },
  "realisasi-rp": { id: "Realisasi (Rp)", en: "Spent (Rp)", width: 16, format: "figure" },
  "capaian-rp": { id: "Capaian Rp (%)", en: "Absorption (%)", width: 11, format: "pct" },
  "target-fisik": {
    id: "Target fisik (%)",
    en: "Physical target (%)",
    width: 11,
    format: "figure",
  },
  "realisasi-fisik": {
    id: "Realisasi fisik (%)",
    en: "Physical actual (%)",
    width: 11,
    format: "figure",
  },
  "capaian-fisik": {
    id: "Capaian fisik (%)",
    en: "Physical achievement (%)",
    width: 11,
    format: "pct",
  },
  "rata-rata": {
    id: "Rata-rata capaian (%)",
    en: "Mean achievement (%)",
    width: 11,
    format: "pct",
  },
  predikat: { id: "Predikat", en: "Rating", width: 14, format: "text" },
  acuan: { id: "Acuan 100%", en: "Reference 100%", width: 10, format: "int" },
};

type Caption = Partial<Record<SheetColumnKey, { id: string; en: string }>>;

/**
 * The sheet's columns per table shape: what an evaluator checks for that form. A column whose
 * figure the table does not hold is left out (and one showing a column already shown), so a
 * table is never padded with empty columns. `label` and the rated column (the summary's capaian)
 * are always there; `groupByParent` puts budget items under their kegiatan.
 */
interface ShapeColumns {
  keys: SheetColumnKey[];
  /** The rated column when no indicator says (the summary's preference), default 'capaian'. */
  rated?: SheetColumnKey[];
  captions?: Caption;
  groupByParent?: boolean;
}

const K_RP: ShapeColumns = {
  keys: [
    "no",
    "label",
    "target",
    "realisasi",
    "capaian",
    "target-rp",
    "realisasi-rp",
    "capaian-rp",
    "predikat",
    "acuan",
  ],
  captions: {
    label: { id: "Program / Kegiatan / Indikator", en: "Programme / Activity / Indicator" },
    target: { id: "Target K", en: "Target (K)" },
    realisasi: { id: "Realisasi K", en: "Actual (K)" },
    capaian: { id: "Capaian K (%)", en: "Achievement K (%)" },
    "target-rp": { id: "Target Rp", en: "Budget (Rp)" },
    "realisasi-rp": { id: "Realisasi Rp", en: "Spent (Rp)" },
    "capaian-rp": { id: "Capaian Rp (%)", en: "Absorption Rp (%)" },
  },
};

const BUDGET_ITEMS: Caption = {
  label: { id: "Program / Kegiatan / Sub Kegiatan", en: "Programme / Activity / Sub-activity" },
};

/** One indicator per row: target, realisation, achievement, rating (PK/IKU, LKjIP tables). */
const INDICATOR: ShapeColumns = {
  keys: ["no", "label", "target", "realisasi", "capaian", "predikat", "acuan"],
};

export const SHAPE_COLUMNS: Record<TableModel["kind"], ShapeColumns> = {
  indikator: INDICATOR,
  "lkjip-kemajuan": INDICATOR,
  "lkjip-efisiensi": INDICATOR,
  unknown: INDICATOR,
  rkpd: K_RP,
  "renja-e81": K_RP,
  // Input (DPA, realisation Rp, 8 = 5:4) and outcome (target and realisation fisik, 11), rated on 11.
  "tabel-i15": {
    keys: [
      "no",
      "label",
      "target-rp",
      "realisasi-rp",
      "capaian-rp",
      "target-fisik",
      "realisasi-fisik",
      "predikat",
      "acuan",
    ],
    captions: {
      ...BUDGET_ITEMS,
      "target-rp": { id: "DPA (Rp)", en: "Budget (Rp)" },
      "realisasi-rp": { id: "Realisasi keuangan (Rp)", en: "Spent (Rp)" },
      "capaian-rp": { id: "Capaian keuangan (%)", en: "Financial achievement (%)" },
    },
    rated: ["realisasi-fisik"],
    groupByParent: true,
  },
  // Banjarmasin 3.3 / Form-RFK: keuangan (rencana, realisasi, capaian) next to fisik.
  "fisik-keuangan": {
    keys: [
      "no",
      "label",
      "target-rp",
      "realisasi-rp",
      "capaian-rp",
      "target-fisik",
      "realisasi-fisik",
      "capaian-fisik",
      "rata-rata",
      "predikat",
      "acuan",
    ],
    captions: {
      ...BUDGET_ITEMS,
      "target-rp": { id: "Rencana keuangan (Rp)", en: "Planned spending (Rp)" },
      "realisasi-rp": { id: "Realisasi keuangan (Rp)", en: "Spent (Rp)" },
      "capaian-rp": { id: "Capaian keuangan (%)", en: "Financial achievement (%)" },
      "target-fisik": { id: "Rencana fisik (%)", en: "Planned physical (%)" },
    },
    rated: ["rata-rata", "capaian-fisik", "capaian-rp", "realisasi-fisik"],
    groupByParent: true,
  },
};

/** The seven columns A-G, whatever the shape (LayoutOptions.columns 'compact'). */
const COMPACT: ShapeColumns = {
  keys: ["no", "label", "target", "realisasi", "capaian", "predikat", "acuan"],
};

/** In the compact sheet, target and realisation of budget items are the physical ones. */
const COMPACT_ALIAS: Partial<
  Record<TableModel["kind"], Partial<Record<SheetColumnKey, SheetColumnKey>>>
> = {
  "tabel-i15": { target: "target-fisik", realisasi: "realisasi-fisik" },
  "fisik-keuangan": { target: "target-fisik", realisasi: "realisasi-fisik" },
};

type Sources = Partial<Record<SheetColumnKey, number>> & {
  /** Columns the sheet computes from two of its own: key -> [numerator, denominator] (× 100). */
  ratio?: Partial<Record<SheetColumnKey, [SheetColumnKey, SheetColumnKey]>>;
};

/** Columns every sheet has. */
const FIXED = new Set<SheetColumnKey>(["no", "label", "predikat", "acuan"]);
/** Budget and physical columns: left out when no table holds them. */
const OPTIONAL = new Set<SheetColumnKey>([
  "target-rp",
  "realisasi-rp",
  "capaian-rp",
  "target-fisik",
  "realisasi-fisik",
  "capaian-fisik",
  "rata-rata",
]);

const first = (t: TableModel, ...roles: ColumnRole[]) => colsByRole(t, ...roles)[0]?.col;

/** Where each column's figure sits in the table (column index), by the shape's own column finders. */
function sourceColumns(t: TableModel): Sources {
  switch (t.kind) {
    case "rkpd":
    case "renja-e81": {
      const C = rkpdColumns(t);
      return {
        target: C.target.k ?? first(t, "target-k", "target"),
        realisasi: C.total.k ?? first(t, "realisasi-total-k", "realisasi-k"),
        capaian: C.capaian.k ?? first(t, "capaian-k"),
        "target-rp": C.target.rp ?? first(t, "target-rp", "anggaran"),
        "realisasi-rp": C.total.rp ?? first(t, "realisasi-total-rp", "realisasi-rp"),
        "capaian-rp": C.capaian.rp ?? first(t, "capaian-rp"),
      };
    }
    case "tabel-i15": {
      const c = i15Columns(t);
      return {
        "target-rp": c.c4,
        "realisasi-rp": c.c5,
        "capaian-rp": c.c8,
        "target-fisik": c.c10,
        "realisasi-fisik": c.c11,
      };
    }
    case "fisik-keuangan": {
      const c = fisikKeuanganColumns(t.columns);
      const out: Sources = {
        "target-rp": c.rencana?.col,
        "realisasi-rp": c.realisasi?.col,
        "capaian-rp": c.capaianKeuangan[0]?.col,
        "target-fisik": c.rencanaFisik?.col,
        "realisasi-fisik": c.realisasiFisik?.col,
        "capaian-fisik": c.capaianFisik[0]?.col,
        "rata-rata": c.rataRata?.col,
      };
      // Tabel 3.3 prints no capaian keuangan: the sheet computes it as the rule does (realisasi /
      // rencana × 100), next to the physical realisation the table rates.
      if (out["capaian-rp"] === undefined && c.rencana && c.realisasi)
        out.ratio = { "capaian-rp": ["realisasi-rp", "target-rp"] };
      return out;
    }
    default:
      return {
        target: first(t, "target", "target-k"),
        // A realisation form's physical realisation (%) is what its rows are rated on.
        realisasi: first(t, "realisasi", "realisasi-k", "realisasi-total-k", "fisik"),
      };
  }
}

/** Target and realisation as the report prints them: thousands grouped, two decimals when not whole. */
function figureFormat(v: unknown): string {
  if (typeof v !== "number") return "General";
  return Number.isInteger(v) ? "#,##0" : "#,##0.00";
}

export interface EvaluationLayout {
  sheetName: string;
  /** Cell formulas (with '=') / constants of the table, row by row from A1. */
  cells: unknown[][];
  numberFormat: string[][];
  firstDataRow: number;
  lastDataRow: number;
  summaryRow: number;
  /** First narrative row; the narrative takes `narrativeRows` rows (one paragraph each, within Excel's cell limit). */
  narrativeRow: number;
  narrativeRows?: number;
  /** Rows naming the program / kegiatan / sub kegiatan of the indicators below them. */
  headingRows?: number[];
  /** Predikat labels counted, in the scale's order. */
  labels: string[];
  /** The scale the labels belong to (their colours and legend come from its bands). */
  scale: Scale;
  /**
   * The sheet's columns, left to right (the shape decides them: SHAPE_COLUMNS). Every row of
   * `cells` has one entry per column.
   */
  columns: SheetColumn[];
  /** Column of the rated capaian (the summary's figure, averaged and counted below the table). */
  capaianCol: number;
  /** Column of the predikat labels. */
  predikatCol: number;
  /** Column of the 100% reference (chart only), the last one. */
  acuanCol: number;
  /** The signature block, when asked for: rows [row, row + rows), texts in `col`, spanning `span` columns. */
  signature?: { row: number; rows: number; col: number; span: number; nameRow?: number };
  /** Print settings for the renderers: A4 landscape, one page wide, the header row repeated. */
  print?: {
    orientation: "landscape";
    paperSize: "A4";
    fitToWidth: 1;
    fitToHeight: 0;
    repeatRows: [number, number];
  };
  /**
   * The value of every cell as Excel computes it (cached with the formulas by the CLI), when the
   * source sheet was given: the sheet as it is after the plan was applied.
   */
  values?: LayoutValue[][];
}

export interface SheetColumn {
  key: SheetColumnKey;
  /** Header text in the layout's language. */
  header: string;
  /** Print width in characters (Excel column width). */
  width: number;
}

/** A sheet that Monev made with layoutEvaluation (its name and its title say so). */
export function isEvaluationSheet(grid: SheetGrid): boolean {
  const title = grid.cells[0]?.[0]?.value;
  return (
    /^Evaluasi - /.test(grid.name) &&
    typeof title === "string" &&
    /^(Evaluasi kinerja|Performance evaluation) - /.test(title)
  );
}

export interface LayoutOptions {
  lang?: "id" | "en";
  /** The source sheet as it is after the plan: gives the layout its cached values. */
  source?: SheetGrid;
  /**
   * Scale id for indicators the table does not rate itself, when the analysis carries no summary
   * (the summary's scale, the table's own, wins).
   */
  scale?: string | Scale;
  /** Optional signature block under the narrative (LKjIP pages end with one). */
  signature?: SignatureBlock;
  /**
   * 'shape': the table shape's own columns (SHAPE_COLUMNS: I.15 keuangan and fisik, RKPD K and
   * Rp, ...). 'compact' (default): the seven columns A-G of every table (No, label, target,
   * realisasi, capaian, predikat, 100%), which a renderer that reads fixed columns expects.
   */
  columns?: "shape" | "compact";
}

/** Who signs the evaluation sheet; empty fields are left out. */
export interface SignatureBlock {
  /** Place, e.g. 'Sukabumi'. */
  place?: string;
  /** Date as printed, e.g. '31 Desember 2026'. */
  date?: string;
  /** Position, e.g. 'Kepala Bappeda'. */
  position?: string;
  name?: string;
  /** Employee number (NIP), printed as 'NIP. …'. */
  nip?: string;
}

/**
 * Lay out the evaluation sheet: rows/cols 0-based from A1; undefined when the sheet has no table.
 * The rows are the summary model's indicators (summary.ts), grouped under the program / kegiatan /
 * sub kegiatan they belong to; the average, the count and the count per predikat are Excel
 * formulas over them, cached with the model's figures, so the sheet, its narrative, the pane and
 * the CLI report say the same. Every data cell references the source sheet.
 */
export function layoutEvaluation(
  analysis: SheetAnalysis,
  sheetName: string,
  { lang = "id", source, scale: scaleId, signature, columns: columnSet }: LayoutOptions = {}
): EvaluationLayout | undefined {
  const tables = analysis.tables.filter((t) => t.kind !== "unknown");
  const table = tables[0] ?? analysis.tables[0];
  if (!table) return undefined;
  const own = typeof scaleId === "object" ? scaleId : undefined;
  const summary =
    analysis.summary ??
    buildSummary(
      analysis,
      source,
      own ? { scale: own.id, scales: { [own.id]: own } } : { scale: scaleId as string | undefined }
    );
  const en = lang === "en";
  const src = quoteSheet(table.sheet);
  const scaleOrError = own && own.id === summary.scale.id ? own : getScale(summary.scale.id);
  const scale = isMonevError(scaleOrError) ? SCALES.permendagri86 : scaleOrError;
  const form = summary.scale.form;
  const tableOf = (sheet: string, row: number) =>
    tables.find((x) => x.sheet === sheet && row >= x.top && row <= x.bottom) ?? table;
  const sources = new Map<TableModel, Sources>();
  const sourcesOf = (t: TableModel): Sources => {
    let x = sources.get(t);
    if (!x) {
      x = sourceColumns(t);
      // The compact sheet's target and realisation are those of the rated figure.
      const alias = columnSet !== "shape" ? COMPACT_ALIAS[t.kind] : undefined;
      for (const [k, from] of Object.entries(alias ?? {}) as [SheetColumnKey, SheetColumnKey][])
        x = { ...x, [k]: x[from] };
      sources.set(t, x);
    }
    return x;
  };

  // The columns: the shape's, less the figures no table holds and columns already shown.
  const compact = columnSet !== "shape";
  const shape = compact ? COMPACT : (SHAPE_COLUMNS[table.kind] ?? SHAPE_COLUMNS.indikator);
  const ratedSource = summary.indicators.find((x) => tableOf(x.sheet, x.row) === table)?.col;
  const prefs = shape.rated ?? ["capaian"];
  const rated = compact
    ? "capaian"
    : (shape.keys.find(
        (k) => ratedSource !== undefined && !FIXED.has(k) && sourcesOf(table)[k] === ratedSource
      ) ??
      prefs.find((k) => sourcesOf(table)[k] !== undefined) ??
      prefs[prefs.length - 1]);
  const shown = new Set<number>();
  const keys = shape.keys.filter((k) => {
    if (FIXED.has(k) || k === rated || compact) return true;
    const held = (t: TableModel) => {
      const x = sourcesOf(t);
      return x[k] !== undefined || x.ratio?.[k] !== undefined;
    };
    if (OPTIONAL.has(k) && !(tables.length ? tables : [table]).some(held)) return false;
    const c = sourcesOf(table)[k];
    if (c === undefined) return true;
    if (c === sourcesOf(table)[rated] || shown.has(c)) return false;
    shown.add(c);
    return true;
  });
  const columns: SheetColumn[] = keys.map((key) => {
    const def = COLUMN_DEFS[key];
    const cap = shape.captions?.[key] ?? def;
    return { key, header: en ? cap.en : cap.id, width: def.width };
  });
  const width = columns.length;
  const at = (k: SheetColumnKey) => keys.indexOf(k);
  const capaianCol = at(rated);
  const predikatCol = at("predikat");
  const acuanCol = at("acuan");
  const letter = (c: number) => cellAddress(0, c).replace(/\d+$/, "");

  const ref = (row: number, col: number | undefined) =>
    col === undefined
      ? ""
      : `=IF(ISBLANK(${src}!${cellAddress(row, col)}),"",${src}!${cellAddress(row, col)})`;
  // What ref(row, col) shows: the source cell's value, "" for an empty cell.
  const refValue = (row: number, col: number | undefined): LayoutValue => {
    const v = col === undefined ? undefined : source?.cells[row]?.[col]?.value;
    return typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : "";
  };
  const cells: unknown[][] = [];
  const fmts: string[][] = [];
  const values: LayoutValue[][] = [];
  const push = (
    row: unknown[],
    fmt: string[] = [],
    vals: LayoutValue[] = row.map((x) => (typeof x === "number" || typeof x === "string" ? x : ""))
  ) => {
    while (row.length < width) row.push("");
    while (vals.length < width) vals.push("");
    while (fmt.length < width) fmt.push("General");
    cells.push(row);
    fmts.push(fmt);
    values.push(vals);
  };
  /** A row with `label` in the label column and `value` (formula, cached) under the rated capaian. */
  const summaryLine = (label: string, formula: string, value: LayoutValue, fmt = "General") => {
    const row: unknown[] = ["", label];
    const vals: LayoutValue[] = ["", label];
    const f: string[] = [];
    row[capaianCol] = formula;
    vals[capaianCol] = value;
    f[capaianCol] = fmt;
    for (let c = 0; c < width; c++) {
      row[c] ??= "";
      vals[c] ??= "";
      f[c] ??= "General";
    }
    push(row, f, vals);
  };
  push([en ? `Performance evaluation - ${table.sheet}` : `Evaluasi kinerja - ${table.sheet}`]);
  push([]);
  const headerRow = cells.length;
  push(columns.map((c) => c.header));
  const firstRow = cells.length;
  const headingRows: number[] = [];
  let n = 0;
  let heading = "";
  for (const fig of summary.indicators) {
    const t = tableOf(fig.sheet, fig.row);
    const srcs = sourcesOf(t);
    // Indicators under their program / kegiatan: a heading row whenever the row names one
    // (budget items: whenever their parent kegiatan changes).
    const group = shape.groupByParent ? parentLabel(t, fig.row) : fig.context;
    if (group && group !== heading) {
      heading = group;
      headingRows.push(cells.length);
      push(["", heading], undefined, ["", heading]);
    } else if (!group && (shape.groupByParent || fig.level !== "indikator")) {
      // A row whose indicator is its own name: not under the heading above it.
      heading = "";
    }
    const excelRow = cells.length + 1;
    n++;
    const labelCol = colsByRole(t, "indikator", "uraian", "sasaran").find(
      (c) => refValue(fig.row, c.col) === fig.label
    )?.col;
    const capRef = `${src}!${cellAddress(fig.row, fig.col)}`;
    // A text number in the source is not a number to AVERAGE: its value is written instead.
    const capIsNumber =
      !source ||
      typeof source.cells[fig.row]?.[fig.col]?.value === "number" ||
      !!source.cells[fig.row]?.[fig.col]?.formula;
    const row: unknown[] = [];
    const fmt: string[] = [];
    const vals: LayoutValue[] = [];
    keys.forEach((k, c) => {
      if (k === "no") [row[c], fmt[c], vals[c]] = [n, "0", n];
      else if (k === "label")
        [row[c], fmt[c], vals[c]] = [
          source && labelCol !== undefined ? ref(fig.row, labelCol) : fig.label,
          "General",
          fig.label,
        ];
      else if (k === rated) {
        row[c] = !capIsNumber
          ? fig.capaian
          : summary.batas !== undefined
            ? `=IF(ISNUMBER(${capRef}),MIN(${capRef},${summary.batas}),"")`
            : `=IF(ISNUMBER(${capRef}),${capRef},"")`;
        [fmt[c], vals[c]] = ["0.00", fig.capaian];
      } else if (k === "predikat") {
        row[c] =
          fig.predikatCol !== undefined
            ? ref(fig.row, fig.predikatCol)
            : `=${predikatFormula(`${letter(capaianCol)}${excelRow}`, scale, form)}`;
        [fmt[c], vals[c]] = ["General", fig.predikat ?? ""];
      } else if (k === "acuan") [row[c], fmt[c], vals[c]] = [100, "0", 100];
      else if (srcs[k] === undefined && srcs.ratio?.[k]) {
        const [num, den] = (srcs.ratio[k] as [SheetColumnKey, SheetColumnKey]).map(at);
        const [a, b] = [`${letter(num)}${excelRow}`, `${letter(den)}${excelRow}`];
        // Evaluated as Excel does it, (a / b) × 100, so the cached value is the recalculated one.
        row[c] = `=IF(AND(ISNUMBER(${a}),ISNUMBER(${b})),IF(${b}<>0,${a}/${b}*100,""),"")`;
        const [x, y] = [vals[num], vals[den]];
        vals[c] = typeof x === "number" && typeof y === "number" && y !== 0 ? (x / y) * 100 : "";
        fmt[c] = typeof vals[c] === "number" ? "0.00" : "General";
      } else {
        const v = refValue(fig.row, srcs[k]);
        row[c] = ref(fig.row, srcs[k]);
        vals[c] = v;
        fmt[c] =
          COLUMN_DEFS[k].format === "pct" && typeof v === "number" ? "0.00" : figureFormat(v);
      }
    });
    push(row, fmt, vals);
  }
  if (cells.length === firstRow)
    push(["", en ? "(no indicator rows)" : "(tidak ada baris indikator)"]);
  const last = cells.length - 1;
  const capRange = `${letter(capaianCol)}${firstRow + 1}:${letter(capaianCol)}${last + 1}`;
  const preRange = `${letter(predikatCol)}${firstRow + 1}:${letter(predikatCol)}${last + 1}`;
  push([]);
  const summaryRow = cells.length;
  summaryLine(
    en ? "Average achievement" : "Rata-rata capaian",
    `=IFERROR(AVERAGE(${capRange}),"")`,
    summary.averageCapaian ?? "",
    "0.00"
  );
  const countLabel = en
    ? `Number of ${summary.unit === "indikator" ? "indicators" : "rows"}`
    : `Jumlah ${summary.unit}`;
  summaryLine(countLabel, `=COUNT(${capRange})`, summary.rowsEvaluated);
  // Every band of the scale in its order, then labels the scale does not know (as printed).
  const labels = scale.bands.map((b) => (form === "kode" ? b.code : b.label));
  for (const l of Object.keys(summary.predikatCounts))
    if (!labels.some((x) => x.toLowerCase() === l.toLowerCase())) labels.push(l);
  const countOf = (l: string) =>
    Object.entries(summary.predikatCounts)
      .filter(([k]) => k.toLowerCase() === l.toLowerCase())
      .reduce((a, [, v]) => a + v, 0);
  for (const l of labels)
    summaryLine(
      `${en ? "Rating" : "Predikat"} ${l}`,
      `=COUNTIF(${preRange},"${l.replace(/"/g, '""')}")`,
      countOf(l)
    );
  push([]);
  const narrativeRow = cells.length;
  const paragraphs = narrativeParagraphs({ ...analysis, summary }, lang);
  for (const p of paragraphs) push([p]);
  const lay: EvaluationLayout = {
    sheetName,
    cells,
    numberFormat: fmts,
    firstDataRow: firstRow,
    lastDataRow: last,
    summaryRow,
    narrativeRow,
    narrativeRows: paragraphs.length,
    headingRows,
    labels,
    scale,
    columns,
    capaianCol,
    predikatCol,
    acuanCol,
    print: {
      orientation: "landscape",
      paperSize: "A4",
      fitToWidth: 1,
      fitToHeight: 0,
      repeatRows: [headerRow, headerRow],
    },
  };
  const sign = signatureLines(signature);
  if (sign.length > 0) {
    push([]);
    // The right-hand part of the printed width (the reference column is not printed).
    const printed = acuanCol === width - 1 ? width - 1 : width;
    const span = Math.min(3, printed - 1);
    const col = printed - span;
    lay.signature = { row: cells.length, rows: sign.length, col, span };
    for (const line of sign) {
      if (line.name) lay.signature.nameRow = cells.length;
      const row: unknown[] = [];
      row[col] = line.text;
      for (let c = 0; c < width; c++) row[c] ??= "";
      push(row);
    }
  }
  if (source) lay.values = values;
  return lay;
}

/** Blank rows left for the signature itself. */
const SIGNATURE_SPACE = 3;

/** The signature block's lines, top to bottom; none for an absent or empty block. */
export function signatureLines(sig?: SignatureBlock): { text: string; name?: boolean }[] {
  if (!sig) return [];
  const clean = (v?: string) => (v ?? "").replace(/\s+/g, " ").trim();
  const [place, date, position, name, nip] = [
    clean(sig.place),
    clean(sig.date),
    clean(sig.position),
    clean(sig.name),
    clean(sig.nip),
  ];
  const out: { text: string; name?: boolean }[] = [];
  const placeDate = [place, date].filter(Boolean).join(", ");
  if (placeDate) out.push({ text: placeDate });
  if (position) out.push({ text: position });
  // Room to sign only when someone signs (a name or a position).
  if (name || position) for (let i = 0; i < SIGNATURE_SPACE; i++) out.push({ text: "" });
  if (name) out.push({ text: name, name: true });
  if (nip) out.push({ text: `NIP. ${nip}` });
  return out;
}

/** blockRank without sasaran: a parent label names a kegiatan or a program, never a sasaran. */
function parentRank(row: TableModel["rows"][number] | undefined): number | undefined {
  return row === undefined || row.level === "sasaran" ? undefined : blockRank(row);
}

/** The label of the nearest row above `row` of a higher level (a sub kegiatan's kegiatan). */
function parentLabel(t: TableModel, row: number): string {
  const i = t.rows.findIndex((r) => r.row === row);
  const own = parentRank(t.rows[i]) ?? 99;
  for (let j = i - 1; j >= 0; j--) {
    const r = t.rows[j];
    const rk = parentRank(r);
    if (rk === undefined) continue;
    if (rk < own && r.label.trim() !== "") return r.label.replace(/\s+/g, " ").trim();
  }
  return "";
}

// ------------------------------------------------------------------------------ printed rows

/** Line height (points) of the default 11-point font; the 14-point title row is 19. */
export const ROW_LINE = 15;
const TITLE_HEIGHT = 19;

/**
 * Lines a text takes when wrapped at word boundaries in a column `width` characters wide (bold
 * text is wider). An estimate measured on LibreOffice's rendering; Excel's narrower default font
 * fits a little more, so rows are never too short.
 */
export function linesOf(text: string, width: number, bold = false): number {
  const perLine = Math.max(4, bold ? Math.floor(width * 1.05) - 2 : Math.floor(width * 1.1) + 2);
  let lines = 0;
  for (const part of text.split("\n")) {
    let used = 0;
    lines++;
    for (const word of part.split(/\s+/).filter(Boolean)) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= perLine) used = need;
      else {
        // A word longer than the line breaks inside itself.
        lines +=
          used === 0 ? Math.ceil(word.length / perLine) - 1 : Math.ceil(word.length / perLine);
        used = word.length % perLine || perLine;
      }
    }
  }
  return Math.max(1, lines);
}

/** What a layout cell shows: a formula's cached value (`lay.values`), else the constant itself. */
export function shownValue(lay: EvaluationLayout, r: number, c: number): unknown {
  const raw = lay.cells[r]?.[c];
  return typeof raw === "string" && raw.startsWith("=") ? lay.values?.[r]?.[c] : raw;
}

/** The header row repeated on every printed page. */
export function evaluationHeaderRow(lay: EvaluationLayout): number {
  return lay.print?.repeatRows[0] ?? 2;
}

/**
 * Each row's height in points, from its wrapped text in the layout's column widths (Excel does
 * not grow rows on open): the narrative's paragraphs at the printed width, the title 19, other
 * rows 15 a line. Labels that are formulas count with their cached text (`lay.values`).
 */
export function evaluationRowHeights(lay: EvaluationLayout): number[] {
  const narrative = new Set<number>();
  for (let r = lay.narrativeRow; r < lay.narrativeRow + Math.max(1, lay.narrativeRows ?? 1); r++)
    narrative.add(r);
  const headerRow = evaluationHeaderRow(lay);
  const headings = new Set(lay.headingRows ?? []);
  const acuan = lay.acuanCol;
  const width = printedColumnCount(lay);
  const colWidth = (c: number) => lay.columns[c]?.width ?? 13;
  let printedWidth = 0;
  for (let c = 0; c < width; c++) printedWidth += colWidth(c);
  const sig = lay.signature;
  const inSignature = (r: number) => !!sig && r >= sig.row && r < sig.row + sig.rows;
  return lay.cells.map((rowCells, r) => {
    if (r === 0) return TITLE_HEIGHT;
    if (narrative.has(r))
      return ROW_LINE * linesOf(String(lay.values?.[r]?.[0] ?? rowCells[0] ?? ""), printedWidth);
    if (inSignature(r)) return ROW_LINE;
    let lines = 1;
    rowCells.forEach((raw, c) => {
      if (raw === "" || raw === null || raw === undefined || c === acuan) return;
      // A label is usually a reference to the source sheet: its length is its cached text's.
      const shown = shownValue(lay, r, c);
      if (typeof shown === "string")
        lines = Math.max(lines, linesOf(shown, colWidth(c), headings.has(r) || r === headerRow));
    });
    return lines * ROW_LINE;
  });
}

/** Page margins in inches (A4 landscape: 11.69 × 8.27 in). */
export const PRINT_MARGIN = { side: 0.5, top: 0.75 };
const PAGE = { width: 11.69 * 72, height: 8.27 * 72 };

/**
 * Would rows [from, from + count) straddle a page break? The pages as Excel lays them out: the
 * columns scaled to one page wide, the header row repeated at the top of every page after the
 * first. `heights` are the rows' heights in points, `widths` the printed columns' widths.
 */
export function splitsAcrossPages(
  heights: number[],
  widths: number[],
  headerRow: number,
  from: number,
  count: number
): boolean {
  // Excel's default font (Calibri 11): a column w characters wide is 7w + 5 pixels, 0.75 pt each;
  // fit to width scales by a whole percentage.
  const widthPt = widths.reduce((n, w) => n + (7 * w + 5) * 0.75, 0);
  const avail = PAGE.width - 2 * PRINT_MARGIN.side * 72;
  const scale = Math.min(100, Math.floor((100 * avail) / widthPt)) / 100;
  const usable = (PAGE.height - 2 * PRINT_MARGIN.top * 72) / scale;
  const repeat = heights[headerRow] ?? ROW_LINE;
  let y = 0;
  for (let r = 0; r < from; r++) {
    const h = heights[r] ?? ROW_LINE;
    if (y + h > usable) y = repeat;
    y += h;
  }
  let block = 0;
  for (let r = from; r < from + count; r++) block += heights[r] ?? ROW_LINE;
  return y + block > usable && block <= usable - repeat;
}

/**
 * A signature block is never split across pages: true when the layout's signature, printed with
 * these row heights, would straddle a page (a page break then goes before its first row).
 */
export function signatureNeedsBreak(lay: EvaluationLayout, heights: number[]): boolean {
  const sig = lay.signature;
  if (!sig || sig.rows <= 0) return false;
  const widths = lay.columns.slice(0, printedColumnCount(lay)).map((c) => c.width);
  return splitsAcrossPages(heights, widths, evaluationHeaderRow(lay), sig.row, sig.rows);
}
