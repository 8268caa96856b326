/**
 * The evaluation sheet ("Buat lembar evaluasi" in the pane, `evaluate --lembar-evaluasi` in the CLI):
 * an LKjIP-style table (indikator, target, realisasi, capaian, predikat) whose cells reference the
 * source sheet with native formulas, the average and the count per predikat, and a narrative in
 * the style of the seed reports. Pure layout: the adapters write it (and add the chart).
 */
import { cellAddress, quoteSheet } from "./address";
import { narrative } from "./summary";
import type { PlannedWrite, SheetAnalysis, TableModel, WritePlan } from "./types";

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
    const re = key === "capaian" ? /^(capaian|rkpd\.capaian-k|e81\.capaian)$/ : /^(predikat|rkpd\.predikat-k|e81\.predikat)$/;
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
}

/**
 * Lay out the evaluation sheet: rows/cols 0-based from A1; undefined when the sheet has no table.
 * Cells are formulas (with '=') or constants; every data cell references the source sheet.
 */
export function layoutEvaluation(
  analysis: SheetAnalysis,
  sheetName: string,
  lang: "id" | "en" = "id",
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
  const ref = (row: number, col: number | undefined) =>
    col === undefined ? "" : `=IF(ISBLANK(${src}!${cellAddress(row, col)}),"",${src}!${cellAddress(row, col)})`;
  const cells: unknown[][] = [];
  const fmts: string[][] = [];
  const push = (row: unknown[], fmt: string[] = ["General", "General", "General", "General", "General", "General", "General"]) => {
    while (row.length < 7) row.push("");
    cells.push(row);
    fmts.push(fmt);
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
    if (!isIndicator) {
      push(["", cols.label !== undefined ? ref(r.row, cols.label) : r.label]);
      continue;
    }
    n++;
    const capaian =
      cols.capaian !== undefined ? ref(r.row, cols.capaian) : `=IFERROR(IF(C${excelRow}="","",D${excelRow}/C${excelRow}*100),"")`;
    push(
      [
        n,
        cols.label !== undefined ? ref(r.row, cols.label) : r.label,
        ref(r.row, cols.target),
        ref(r.row, cols.realisasi),
        capaian,
        ref(r.row, cols.predikat),
        100,
      ],
      ["0", "General", "General", "General", "0.00", "General", "0"],
    );
  }
  if (cells.length === first) push(["", en ? "(no indicator rows)" : "(tidak ada baris indikator)"]);
  const last = cells.length - 1;
  const capRange = `E${first + 1}:E${last + 1}`;
  const preRange = `F${first + 1}:F${last + 1}`;
  push([]);
  const summaryRow = cells.length;
  push(["", en ? "Average achievement" : "Rata-rata capaian", "", "", `=IFERROR(AVERAGE(${capRange}),"")`], [
    "General", "General", "General", "General", "0.00", "General", "General",
  ]);
  push(["", en ? "Number of indicators" : "Jumlah indikator", "", "", `=COUNT(${capRange})`]);
  const labels = (() => {
    const seen: string[] = [];
    for (const w of analysis.plan.writes) {
      if (isPredikatWrite(w) && typeof w.value === "string" && w.value.trim() && !seen.includes(w.value.trim())) seen.push(w.value.trim());
    }
    return seen.length > 0 ? seen : DEFAULT_PREDIKAT;
  })();
  for (const l of labels) push(["", `${en ? "Rating" : "Predikat"} ${l}`, "", "", `=COUNTIF(${preRange},"${l.replace(/"/g, '""')}")`]);
  push([]);
  const narrativeRow = cells.length;
  let text = "";
  try {
    text = narrative(analysis);
  } catch {
    text = "";
  }
  push([text]);
  return { sheetName, cells, numberFormat: fmts, firstDataRow: first, lastDataRow: last, summaryRow, narrativeRow, labels };
}

