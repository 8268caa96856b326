/**
 * The evaluation sheet ("Buat lembar evaluasi" in the pane, `evaluate --lembar-evaluasi` in the CLI):
 * an LKjIP-style table (indikator, target, realisasi, capaian, predikat) whose cells reference the
 * source sheet with native formulas, the average and the count per predikat, and a narrative in
 * the style of the seed reports. Pure layout: the adapters write it (and add the chart).
 */
import { cellAddress, quoteSheet } from "./address";
import { CAPAIAN_RULE, narrative } from "./summary";
import { isMonevError } from "../errors";
import { getScale, predikat, predikatFormula } from "../predikat";
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
  realisasi: ["realisasi", "realisasi-k", "realisasi-total-k"],
  capaian: ["capaian", "capaian-k"],
  predikat: ["predikat"],
} as const;

function findCol(table: TableModel, plan: WritePlan, key: keyof typeof ROLE_SETS): number | undefined {
  for (const role of ROLE_SETS[key]) {
    const c = table.columns.find((x) => x.role === role);
    if (c) return c.col;
  }
  if (key === "capaian" || key === "predikat") {
    const re = key === "capaian" ? CAPAIAN_RULE : /^(predikat|rkpd\.predikat-k|e81\.predikat)$/;
    const w = plan.writes.find((x) => x.sheet === table.sheet && re.test(x.rule) && x.row > table.top);
    if (w) return w.col;
  }
  return undefined;
}

const DATA_LEVELS = new Set(["sasaran", "indikator", "program", "kegiatan", "subkegiatan"]);

export interface EvaluationLayout {
  sheetName: string;
  /** Cell formulas (with '=') / constants of the table, row by row from A1. */
  cells: unknown[][];
  numberFormat: string[][];
  firstDataRow: number;
  lastDataRow: number;
  summaryRow: number;
  narrativeRow: number;
  labels: string[];
  /**
   * The value of every cell as Excel computes it (cached with the formulas by the CLI), when the
   * source sheet was given: the sheet as it is after the plan was applied.
   */
  values?: LayoutValue[][];
}

/** A sheet that Monev made with layoutEvaluation (its name and its title say so). */
export function isEvaluationSheet(grid: SheetGrid): boolean {
  const title = grid.cells[0]?.[0]?.value;
  return /^Evaluasi - /.test(grid.name) && typeof title === "string" && /^(Evaluasi kinerja|Performance evaluation) - /.test(title);
}

export interface LayoutOptions {
  lang?: "id" | "en";
  /** The source sheet as it is after the plan: gives the layout its cached values. */
  source?: SheetGrid;
  /** Scale id for indicators the table rates only per activity (RKPD form); default Permendagri 86. */
  scale?: string;
}

/**
 * Lay out the evaluation sheet: rows/cols 0-based from A1; undefined when the sheet has no table.
 * Cells are formulas (with '=') or constants; every data cell references the source sheet.
 */
export function layoutEvaluation(
  analysis: SheetAnalysis,
  sheetName: string,
  { lang = "id", source, scale: scaleId }: LayoutOptions = {},
): EvaluationLayout | undefined {
  const table = [...analysis.tables].sort(
    (x, y) => y.rows.filter((r) => r.level === "indikator").length - x.rows.filter((r) => r.level === "indikator").length,
  )[0];
  if (!table) return undefined;
  const en = lang === "en";
  const src = quoteSheet(table.sheet);
  const cols = {
    label: findCol(table, analysis.plan, "label"),
    target: findCol(table, analysis.plan, "target"),
    realisasi: findCol(table, analysis.plan, "realisasi"),
    capaian: findCol(table, analysis.plan, "capaian"),
    predikat: findCol(table, analysis.plan, "predikat"),
  };
  // Does the table rate each indicator (a predikat on indicator rows, printed or planned)? The RKPD
  // form rates only activities: then the sheet rates each indicator's capaian with a native formula.
  const indicatorRows = new Set(table.rows.filter((r) => r.level === "indikator" || r.level === "subkegiatan").map((r) => r.row));
  const rated = [...analysis.plan.writes, ...analysis.plan.conflicts].some(
    (w) => w.sheet === table.sheet && isPredikatWrite(w) && indicatorRows.has(w.row),
  );
  const printedRating =
    cols.predikat !== undefined &&
    [...indicatorRows].some((r) => {
      const v = source?.cells[r]?.[cols.predikat as number]?.value;
      return typeof v === "string" && v.trim() !== "";
    });
  const scaleOrError = getScale(scaleId);
  const scale = isMonevError(scaleOrError) ? undefined : scaleOrError;
  const ownRating = !rated && !printedRating && scale !== undefined;
  const planLabels = analysis.plan.writes.filter(isPredikatWrite).map((w) => String(w.value ?? ""));
  const form: "kode" | "panjang" = planLabels.some((l) => l.length > 3) || planLabels.length === 0 ? "panjang" : "kode";
  const ref = (row: number, col: number | undefined) =>
    col === undefined ? "" : `=IF(ISBLANK(${src}!${cellAddress(row, col)}),"",${src}!${cellAddress(row, col)})`;
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
    fmt: string[] = ["General", "General", "General", "General", "General", "General", "General"],
    vals: LayoutValue[] = row.map((x) => (typeof x === "number" || typeof x === "string" ? x : "")),
  ) => {
    while (row.length < 7) row.push("");
    while (vals.length < 7) vals.push("");
    cells.push(row);
    fmts.push(fmt);
    values.push(vals);
  };
  push([en ? `Performance evaluation - ${table.sheet}` : `Evaluasi kinerja - ${table.sheet}`]);
  push([]);
  push(
    en
      ? ["No", "Objective / Indicator", "Target", "Actual", "Achievement (%)", "Rating", "Reference 100%"]
      : ["No", "Sasaran / Indikator", "Target", "Realisasi", "Capaian (%)", "Predikat", "Acuan 100%"],
  );
  const first = cells.length;
  let n = 0;
  const dataRows = table.rows.filter((r) => DATA_LEVELS.has(r.level));
  for (const r of dataRows) {
    const excelRow = cells.length + 1;
    const isIndicator = r.level === "indikator" || (cols.target !== undefined && r.level !== "sasaran");
    const label = cols.label !== undefined ? ref(r.row, cols.label) : r.label;
    const labelValue = cols.label !== undefined ? refValue(r.row, cols.label) : r.label;
    if (!isIndicator) {
      push(["", label], undefined, ["", labelValue]);
      continue;
    }
    n++;
    const target = refValue(r.row, cols.target);
    const realisasi = refValue(r.row, cols.realisasi);
    const capaian =
      cols.capaian !== undefined ? ref(r.row, cols.capaian) : `=IF(AND(ISNUMBER(C${excelRow}),ISNUMBER(D${excelRow})),IF(C${excelRow}=0,"",D${excelRow}/C${excelRow}*100),"")`;
    const capaianValue: LayoutValue =
      cols.capaian !== undefined
        ? refValue(r.row, cols.capaian)
        : typeof target === "number" && typeof realisasi === "number" && target !== 0
          ? (realisasi / target) * 100
          : "";
    const rating = ownRating && scale ? `=${predikatFormula(`E${excelRow}`, scale, form)}` : ref(r.row, cols.predikat);
    let ratingValue: LayoutValue = refValue(r.row, cols.predikat);
    if (ownRating && scale) {
      const p = typeof capaianValue === "number" ? predikat(capaianValue, scale, form) : "";
      ratingValue = typeof p === "string" ? p : "";
    }
    push(
      [n, label, ref(r.row, cols.target), ref(r.row, cols.realisasi), capaian, rating, 100],
      ["0", "General", "General", "General", "0.00", "General", "0"],
      [n, labelValue, target, realisasi, capaianValue, ratingValue, 100],
    );
  }
  if (cells.length === first) push(["", en ? "(no indicator rows)" : "(tidak ada baris indikator)"]);
  const last = cells.length - 1;
  const capRange = `E${first + 1}:E${last + 1}`;
  const preRange = `F${first + 1}:F${last + 1}`;
  // AVERAGE, COUNT and COUNTIF over the data rows, as Excel counts: numbers only, labels ignoring case.
  const dataValues = values.slice(first, last + 1);
  const capNumbers = dataValues.map((v) => v[4]).filter((v): v is number => typeof v === "number");
  const labelCount = (l: string) =>
    dataValues.filter((v) => typeof v[5] === "string" && v[5].toLowerCase() === l.toLowerCase()).length;
  push([]);
  const summaryRow = cells.length;
  const avgLabel = en ? "Average achievement" : "Rata-rata capaian";
  push(
    ["", avgLabel, "", "", `=IFERROR(AVERAGE(${capRange}),"")`],
    ["General", "General", "General", "General", "0.00", "General", "General"],
    ["", avgLabel, "", "", capNumbers.length ? capNumbers.reduce((a, b) => a + b, 0) / capNumbers.length : ""],
  );
  const countLabel = en ? "Number of indicators" : "Jumlah indikator";
  push(["", countLabel, "", "", `=COUNT(${capRange})`], undefined, ["", countLabel, "", "", capNumbers.length]);
  const labels = (() => {
    // The labels the rating column will show: planned ones, and those already in the source
    // (after a fill the plan is empty and the sheet holds the labels).
    const seen: string[] = [];
    const add = (v: unknown) => {
      if (typeof v === "string" && v.trim() && !seen.some((x) => x.toLowerCase() === v.trim().toLowerCase())) seen.push(v.trim());
    };
    for (const w of analysis.plan.writes) if (isPredikatWrite(w)) add(w.value);
    for (const v of dataValues) add(v[5]);
    // In the scale's order (ST, T, S, R, SR), labels the scale does not know last.
    const rank = (l: string) => {
      const i = scale?.bands.findIndex((b) => [b.code, b.label].some((x) => x.toLowerCase() === l.toLowerCase())) ?? -1;
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    if (seen.length > 0) return seen.sort((a, b) => rank(a) - rank(b));
    if (ownRating && scale) return scale.bands.map((b) => (form === "kode" ? b.code : b.label));
    return DEFAULT_PREDIKAT;
  })();
  for (const l of labels) {
    const name = `${en ? "Rating" : "Predikat"} ${l}`;
    push(["", name, "", "", `=COUNTIF(${preRange},"${l.replace(/"/g, '""')}")`], undefined, ["", name, "", "", labelCount(l)]);
  }
  push([]);
  const narrativeRow = cells.length;
  let text = "";
  try {
    text = narrative(analysis);
  } catch {
    text = "";
  }
  push([text]);
  const lay: EvaluationLayout = { sheetName, cells, numberFormat: fmts, firstDataRow: first, lastDataRow: last, summaryRow, narrativeRow, labels };
  if (source) lay.values = values;
  return lay;
}

