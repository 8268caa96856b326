/**
 * `--rekap rekap.xlsx`: one row per file (OPD) with its tables, indicators, average capaian,
 * the count of each predikat, findings and status, plus a total row. Written atomically, without
 * ExcelJS (see ooxml/new-workbook.ts).
 */
import * as path from "path";
import { writeFileAtomic } from "./atomic";
import { outputError } from "./exit";
import { t } from "./i18n";
import type { RecapRow } from "./report";
import { SCALES } from "../core/predikat";
import { cellAddress } from "../core/engine/address";
import { NewWorkbook, type NewCell, type NewSheet } from "./ooxml/new-workbook";

export interface RecapEntry extends RecapRow {
  /** Path below the input folder/pattern (shown as the file column). */
  rel?: string;
}

/** Predikat labels in the order of the scales that define them, then any others alphabetically. */
function orderLabels(labels: Set<string>): string[] {
  const order: string[] = [];
  for (const s of Object.values(SCALES))
    for (const b of s.bands) if (!order.includes(b.label)) order.push(b.label);
  const known = order.filter((l) => labels.has(l));
  const rest = [...labels].filter((l) => !order.includes(l)).sort();
  return [...known, ...rest];
}

/** The OPD name of a file: its name without the extension ("dinas-pendidikan"). */
export function opdName(file: string): string {
  return path.basename(file).replace(/\.[^.]*$/, "");
}

/**
 * The recap workbook, built directly as OOXML (no ExcelJS: loading it was ~0.5 s of CPU in a
 * batch's parent): a bold header row (wrapped, vertically centred, frozen, with an autofilter),
 * one row per file, and a bold total row whose formulas carry their results too, so viewers that
 * do not recalculate show the totals.
 */
export function writeRecapWorkbook(
  file: string,
  rows: RecapEntry[],
  command: "evaluate" | "audit"
): void {
  const labels = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.predikat)) labels.add(k);
  const preds = orderLabels(labels);
  const AVERAGE = t("Rata-rata capaian (%)", "Average achievement (%)");
  const STATUS = t("Status", "Status");
  const OUTPUT = t("Keluaran", "Output");
  const head = [
    t("No", "No"),
    t("OPD", "Agency"),
    t("Berkas", "File"),
    t("Tabel", "Tables"),
    t("Indikator", "Indicators"),
    ...(command === "evaluate" ? [t("Sel ditulis", "Cells written")] : []),
    AVERAGE,
    ...preds.map((p) => t(`Predikat: ${p}`, `Rating: ${p}`)),
    t("Temuan audit", "Audit findings"),
    STATUS,
    ...(command === "evaluate" ? [OUTPUT] : []),
  ];
  const body: (number | string | null)[][] = rows.map((r, i) => {
    const ok = !r.error;
    return [
      i + 1,
      opdName(r.file),
      r.rel ?? r.file,
      ok ? r.tables : null,
      ok ? r.rows : null,
      ...(command === "evaluate" ? [ok ? r.cellsWritten : null] : []),
      ok && r.averageCapaian !== null ? Math.round(r.averageCapaian * 100) / 100 : null,
      ...preds.map((p) => (ok ? (r.predikat[p] ?? 0) : null)),
      ok ? r.findings : null,
      ok ? "OK" : t(`GAGAL: ${r.error}`, `FAILED: ${r.error}`),
      ...(command === "evaluate" ? [ok ? (r.output ?? "") : ""] : []),
    ];
  });
  try {
    const wb = new NewWorkbook({ creator: "monev" });
    const avgCol = head.indexOf(AVERAGE);
    const bold = wb.style({ bold: true });
    const headStyle = wb.style({ bold: true, alignment: { wrapText: "1", vertical: "center" } });
    const number = wb.style({ numFmt: "0.00" });
    // A cell's format replaces its row's and column's: the average column's keeps 0.00 in both.
    const headNumber = wb.style({
      numFmt: "0.00",
      bold: true,
      alignment: { wrapText: "1", vertical: "center" },
    });
    const boldNumber = wb.style({ numFmt: "0.00", bold: true });
    const sheetRows: NewSheet["rows"] = [
      {
        style: headStyle,
        cells: head.map((h, c) => ({ value: h, style: c === avgCol ? headNumber : headStyle })),
      },
      ...body.map((vals) => ({
        cells: vals.map((v, c) => (c === avgCol ? { value: v, style: number } : { value: v })),
      })),
    ];
    // Totals: sums of the counts, the mean of the files' averages (each OPD weighs the same).
    const n = rows.length;
    if (n > 0) {
      const total: NewCell[] = [{ value: null }, { value: t("Jumlah", "Total") }, { value: null }];
      for (let c = 3; c < head.length; c++) {
        const letter = cellAddress(0, c).replace(/\d+$/, "");
        const range = `${letter}2:${letter}${n + 1}`;
        const xs = body.map((v) => v[c]).filter((v): v is number => typeof v === "number");
        const sum = xs.reduce((a, b) => a + b, 0);
        if (head[c] === STATUS || head[c] === OUTPUT) total.push({ value: null });
        else if (c === avgCol)
          total.push({
            formula: `IFERROR(AVERAGE(${range}),"")`,
            // AVERAGE's own result (of the rounded file averages), so a recalculation shows the same.
            value: xs.length ? sum / xs.length : "",
            style: boldNumber,
          });
        else total.push({ formula: `SUM(${range})`, value: sum });
      }
      sheetRows.push({ style: bold, cells: total.map((x) => ({ style: bold, ...x })) });
    }
    const widths: Record<string, number> = {
      [t("OPD", "Agency")]: 28,
      [t("Berkas", "File")]: 36,
      [STATUS]: 30,
      [OUTPUT]: 36,
    };
    const last = cellAddress(0, head.length - 1);
    wb.addSheet(t("Rekap", "Recap"), {
      rows: sheetRows,
      cols: head.map((h, c) => ({
        width: widths[h] ?? Math.max(8, Math.min(16, h.length + 2)),
        style: c === avgCol ? number : undefined,
      })),
      frozenRows: 1,
      autoFilter: `A1:${last}`,
    });
    writeFileAtomic(file, wb.toBytes());
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw outputError(
      `Gagal menulis rekap ${file}: ${msg}`,
      `Cannot write the recap ${file}: ${msg}`
    );
  }
}
