/**
 * Plain data exchanged between the worksheet engine (pure core) and its adapters
 * (ExcelJS in the CLI, Office.js in the task pane). Rows and columns are 0-based here;
 * adapters translate to A1 addresses with `cellAddress` (src/core/engine/address.ts).
 */
import type { CellValue } from "../errors";
import type { Scale } from "../predikat";
import type { StatedFormula } from "./recognise/formula";
import type { ColumnDefinitions } from "./recognise/definitions";
import type { AnalysisSummary } from "./summary";
import type { Message, MessageParams } from "./messages";

export type { Lang, Message, MessageParams } from "./messages";

export interface SheetCell {
  /** The cell's value (the cached result when the cell holds a formula). */
  value: CellValue;
  /** Formula text in English (invariant) syntax, without the leading '='. */
  formula?: string;
  /** Number format code, e.g. '0.00' or '#,##0'. */
  numFmt?: string;
  bold?: boolean;
}

export interface MergedArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One worksheet as the engine sees it: a dense grid of the used range, starting at A1. */
export interface SheetGrid {
  name: string;
  /** cells[row][col]; missing or undefined means empty. */
  cells: (SheetCell | undefined)[][];
  merges: MergedArea[];
  protected?: boolean;
}

export type ColumnRole =
  | "no"
  | "kode"
  | "uraian"
  | "sasaran"
  | "indikator"
  | "satuan"
  | "arah"
  | "target"
  | "target-k"
  | "target-rp"
  | "anggaran"
  | "realisasi"
  | "realisasi-k"
  | "realisasi-rp"
  | "realisasi-tw-k"
  | "realisasi-tw-rp"
  | "realisasi-total-k"
  | "realisasi-total-rp"
  | "capaian"
  | "capaian-k"
  | "capaian-rp"
  | "predikat"
  | "serapan"
  | "bobot"
  | "fisik"
  | "keuangan"
  | "efisiensi"
  | "kemajuan"
  | "target-renstra"
  | "keterangan"
  /** Mean of a row's capaian columns (Form-RFK "CAPAIAN / RATA2"). */
  | "rata-rata"
  /** Realisasi minus rencana (DEVIASI): computed only where the sheet states its formula. */
  | "deviasi"
  /** Criteria text ("Kriteria"): never a rating column, never computed. */
  | "kriteria"
  | "other";

export interface ColumnInfo {
  col: number;
  role: ColumnRole;
  /** Header text of the column, all header rows joined with ' / '. */
  header: string;
  /** Column number from the column-number row, if any. */
  number?: number;
  /** Formula stated in the column-number row, e.g. '5:4' for '8 = 5:4'. */
  statedFormula?: string;
  /** Quarter 1-4 for per-quarter realisation columns. */
  quarter?: number;
  /** K (kinerja) or Rp sub-column, from the K/Rp header row. */
  kr?: "k" | "rp";
  /** The stated formula parsed (column references are printed column numbers). */
  stated?: StatedFormula;
}

export type RowLevel =
  | "title"
  | "header"
  | "column-numbers"
  | "total"
  | "group"
  | "urusan"
  | "program"
  | "kegiatan"
  | "subkegiatan"
  | "sasaran"
  | "indikator"
  | "rata-rata"
  | "predikat"
  | "jumlah"
  | "footer"
  | "blank";

export interface RowInfo {
  row: number;
  level: RowLevel;
  label: string;
  code?: string;
  /** Direction of the indicator on this row. */
  arah?: "normal" | "inverse";
  /** Set when the wording suggests "lower is better" but the sheet does not say so. */
  arahSuggestion?: "inverse";
  /** Set with arah 'inverse' when the arah cell names a specific inverse formula. */
  arahVariant?: "inverse-rasio" | "inverse-selisih";
  /** Index (into TableModel.rows) of the parent row. */
  parent?: number;
}

export interface TableModel {
  sheet: string;
  kind:
    | "indikator"
    | "tabel-i15"
    | "rkpd"
    | "renja-e81"
    | "fisik-keuangan"
    | "lkjip-kemajuan"
    | "lkjip-efisiensi"
    | "unknown";
  /** 0-based inclusive bounds of the table, header included. */
  top: number;
  left: number;
  bottom: number;
  right: number;
  headerRows: number[];
  columnNumberRow?: number;
  columns: ColumnInfo[];
  rows: RowInfo[];
  /** The form's own column definitions, from its column-number row (absent without one). */
  definitions?: ColumnDefinitions;
}

export interface Finding {
  sheet: string;
  row: number;
  col: number;
  /** A1 address, e.g. 'H12'. */
  address: string;
  printed: CellValue;
  expected: number | string | null;
  rule: string;
  /** Catalogue code of the explanation (messages.ts), e.g. 'finding.value'. */
  code: string;
  params: MessageParams;
  /** Further findings on the same cell, after this one (a formula finding explains a value finding). */
  also?: Message[];
  /** The explanation rendered in Indonesian (renderFinding(f, lang) for another language). */
  message: string;
}

export interface PlannedWrite {
  sheet: string;
  row: number;
  col: number;
  address: string;
  /** Native Excel formula in English syntax, without '='; absent for plain values (e.g. headers). */
  formula?: string;
  /** Cached value: what the formula evaluates to. */
  value: number | string | null;
  numFmt?: string;
  rule: string;
  /** Note for the cell, e.g. that an input was text and was read as a number. */
  note?: Message;
  /** Present when the cell was not empty: what was there before. */
  previous?: SheetCell;
  /** Header cell of an appended column; adapters style it like the table header. */
  isHeader?: boolean;
}

export interface WritePlan {
  writes: PlannedWrite[];
  /** Non-empty cells the plan would overwrite (only written when overwrite is on). */
  conflicts: PlannedWrite[];
  notes: Message[];
}

/**
 * Called by analyseSheet at its phase boundaries (tables recognised, each table computed, summary
 * built) with the share of the work done, 0..1, rising, ending at 1. Never per row.
 */
export type EngineProgress = (
  step: "recognised" | "computed" | "summarised",
  fraction: number
) => void;

export interface EngineOptions {
  scale?: string;
  /** The caller's own scales by id (e.g. the pane's table as 'custom'); no global registry. */
  scales?: Readonly<Record<string, Scale>>;
  overwrite?: boolean;
  arah?: "auto" | "explicit";
  /** Column role corrections from the user (task pane), keyed by 0-based column. */
  roleOverrides?: Record<number, ColumnRole>;
  /** Direction corrections from the user, keyed by 0-based row. */
  arahOverrides?: Record<number, "normal" | "inverse">;
  /**
   * Cap (batas) of a capaian, e.g. 100 or 120: written capaian formulas become MIN(…, batas)
   * and the summary counts capped values (as MONEV.CAPAIAN's cap argument).
   */
  batas?: number;
  /**
   * How a row's realisation follows from its quarters: 'sum' (SUM), 'last' (the last quarter
   * filled in) or 'average' (AVERAGE). Per 0-based row, else `default`, else guessed from the
   * row's unit and wording (%, indeks, rasio, tingkat, persentase -> last; else sum).
   */
  quarterType?: { default?: QuarterType; rows?: Record<number, QuarterType> };
}

export type QuarterType = "sum" | "last" | "average";

export interface SheetAnalysis {
  tables: TableModel[];
  findings: Finding[];
  plan: WritePlan;
  /** Messages for the user (e.g. 'analysis.no-table'), rendered by each front end. */
  messages: Message[];
  /** The one summary model (counts, mean capaian, predikat) every consumer reports. */
  summary?: AnalysisSummary;
}
