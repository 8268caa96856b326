/**
 * The evaluation sheet ("Buat lembar evaluasi" in the pane, `evaluate --lembar-evaluasi` in the CLI):
 * an LKjIP-style table (indikator, target, realisasi, capaian, predikat) whose cells reference the
 * source sheet with native formulas, the average and the count per predikat, and a narrative in
 * the style of the seed reports. Pure layout: the adapters write it (and add the chart).
 */
import { cellAddress, quoteSheet } from "./address";
import { buildSummary, CAPAIAN_RULE, narrativeParagraphs } from "./summary";
import { isMonevError } from "../errors";
import { getScale, predikatFormula, SCALES, type Scale } from "../predikat";
import type { PlannedWrite, SheetAnalysis, SheetGrid, TableModel, WritePlan } from "./types";

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

const ROLE_SETS = {
  label: ["indikator", "uraian", "sasaran"],
  target: ["target", "target-k"],
  // A realisation form's physical realisation (%) is what its rows are rated on.
  realisasi: ["realisasi", "realisasi-k", "realisasi-total-k", "fisik"],
  capaian: ["capaian", "capaian-k"],
  predikat: ["predikat"],
} as const;

function findCol(
  table: TableModel,
  plan: WritePlan,
  key: keyof typeof ROLE_SETS
): number | undefined {
  for (const role of ROLE_SETS[key]) {
    const c = table.columns.find((x) => x.role === role);
    if (c) return c.col;
  }
  if (key === "capaian" || key === "predikat") {
    const re = key === "capaian" ? CAPAIAN_RULE : /^(predikat|rkpd\.predikat-k|e81\.predikat)$/;
    const w = plan.writes.find(
      (x) => x.sheet === table.sheet && re.test(x.rule) && x.row > table.top
    );
    if (w) return w.col;
  }
  return undefined;
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
  { lang = "id", source, scale: scaleId }: LayoutOptions = {}
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
  const general = () => [
    "General",
    "General",
    "General",
    "General",
    "General",
    "General",
    "General",
  ];
  const push = (
    row: unknown[],
    fmt: string[] = general(),
    vals: LayoutValue[] = row.map((x) => (typeof x === "number" || typeof x === "string" ? x : ""))
  ) => {
    while (row.length < 7) row.push("");
    while (vals.length < 7) vals.push("");
    cells.push(row);
    fmts.push(fmt);
    values.push(vals);
  };
  push([en ? `Performance evaluation - ${table.sheet}` : `Evaluasi kinerja - ${table.sheet}`]);
  push([]);
  const headerRow = cells.length;
  push(
    en
      ? [
          "No",
          "Objective / Indicator",
          "Target",
          "Actual",
          "Achievement (%)",
          "Rating",
          "Reference 100%",
        ]
      : [
          "No",
          "Sasaran / Indikator",
          "Target",
          "Realisasi",
          "Capaian (%)",
          "Predikat",
          "Acuan 100%",
        ]
  );
  const first = cells.length;
  const headingRows: number[] = [];
  let n = 0;
  let heading = "";
  const colsOf = new Map<TableModel, { label?: number; target?: number; realisasi?: number }>();
  for (const fig of summary.indicators) {
    const t =
      tables.find((x) => x.sheet === fig.sheet && fig.row >= x.top && fig.row <= x.bottom) ?? table;
    let cols = colsOf.get(t);
    if (!cols) {
      cols = {
        label: findCol(t, analysis.plan, "label"),
        target: findCol(t, analysis.plan, "target"),
        realisasi: findCol(t, analysis.plan, "realisasi"),
      };
      colsOf.set(t, cols);
    }
    // Indicators under their program / kegiatan: a heading row whenever the row names one.
    if (fig.context && fig.context !== heading) {
      heading = fig.context;
      headingRows.push(cells.length);
      push(["", heading], undefined, ["", heading]);
    } else if (!fig.context && fig.level !== "indikator") {
      // A row whose indicator is its own name: not under the heading above it.
      heading = "";
    }
    const excelRow = cells.length + 1;
    n++;
    const labelFromCol =
      cols.label !== undefined &&
      typeof refValue(fig.row, cols.label) === "string" &&
      refValue(fig.row, cols.label) === fig.label;
    const label = labelFromCol ? ref(fig.row, cols.label) : fig.label;
    const capRef = `${src}!${cellAddress(fig.row, fig.col)}`;
    // A text number in the source is not a number to AVERAGE: its value is written instead.
    const capIsNumber =
      !source ||
      typeof source.cells[fig.row]?.[fig.col]?.value === "number" ||
      !!source.cells[fig.row]?.[fig.col]?.formula;
    const capaian = !capIsNumber
      ? fig.capaian
      : summary.batas !== undefined
        ? `=IF(ISNUMBER(${capRef}),MIN(${capRef},${summary.batas}),"")`
        : `=IF(ISNUMBER(${capRef}),${capRef},"")`;
    const rating =
      fig.predikatCol !== undefined
        ? ref(fig.row, fig.predikatCol)
        : `=${predikatFormula(`E${excelRow}`, scale, form)}`;
    const targetValue = refValue(fig.row, cols.target);
    const realValue = refValue(fig.row, cols.realisasi);
    push(
      [n, label, ref(fig.row, cols.target), ref(fig.row, cols.realisasi), capaian, rating, 100],
      ["0", "General", figureFormat(targetValue), figureFormat(realValue), "0.00", "General", "0"],
      [n, fig.label, targetValue, realValue, fig.capaian, fig.predikat ?? "", 100]
    );
  }
  if (cells.length === first)
    push(["", en ? "(no indicator rows)" : "(tidak ada baris indikator)"]);
  const last = cells.length - 1;
  const capRange = `E${first + 1}:E${last + 1}`;
  const preRange = `F${first + 1}:F${last + 1}`;
  push([]);
  const summaryRow = cells.length;
  const avgLabel = en ? "Average achievement" : "Rata-rata capaian";
  push(
    ["", avgLabel, "", "", `=IFERROR(AVERAGE(${capRange}),"")`],
    ["General", "General", "General", "General", "0.00", "General", "General"],
    ["", avgLabel, "", "", summary.averageCapaian ?? ""]
  );
  const countLabel = en
    ? `Number of ${summary.unit === "indikator" ? "indicators" : "rows"}`
    : `Jumlah ${summary.unit}`;
  push(["", countLabel, "", "", `=COUNT(${capRange})`], undefined, [
    "",
    countLabel,
    "",
    "",
    summary.rowsEvaluated,
  ]);
  // Every band of the scale in its order, then labels the scale does not know (as printed).
  const labels = scale.bands.map((b) => (form === "kode" ? b.code : b.label));
  for (const l of Object.keys(summary.predikatCounts))
    if (!labels.some((x) => x.toLowerCase() === l.toLowerCase())) labels.push(l);
  const countOf = (l: string) =>
    Object.entries(summary.predikatCounts)
      .filter(([k]) => k.toLowerCase() === l.toLowerCase())
      .reduce((a, [, v]) => a + v, 0);
  for (const l of labels) {
    const name = `${en ? "Rating" : "Predikat"} ${l}`;
    push(["", name, "", "", `=COUNTIF(${preRange},"${l.replace(/"/g, '""')}")`], undefined, [
      "",
      name,
      "",
      "",
      countOf(l),
    ]);
  }
  push([]);
  const narrativeRow = cells.length;
  const paragraphs = narrativeParagraphs({ ...analysis, summary }, lang);
  for (const p of paragraphs) push([p]);
  const lay: EvaluationLayout = {
    sheetName,
    cells,
    numberFormat: fmts,
    firstDataRow: first,
    lastDataRow: last,
    summaryRow,
    narrativeRow,
    narrativeRows: paragraphs.length,
    headingRows,
    labels,
    print: {
      orientation: "landscape",
      paperSize: "A4",
      fitToWidth: 1,
      fitToHeight: 0,
      repeatRows: [headerRow, headerRow],
    },
  };
  if (source) lay.values = values;
  return lay;
}
