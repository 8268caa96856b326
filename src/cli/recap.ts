/**
 * `--rekap rekap.xlsx`: one row per file (OPD) with its tables, indicators, average capaian,
 * the count of each predikat, findings and status, plus a total row. Written atomically.
 */
import * as path from "path";
import { writeFileAtomic } from "./atomic";
import { outputError } from "./exit";
import { t } from "./i18n";
import type { RecapRow } from "./report";
import { SCALES } from "../core/predikat";

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

/** Load ExcelJS ahead of writing the recap (while workers finish their last files). */
export function preloadRecap(): void {
  try {
    require("exceljs");
  } catch {
    // writeRecapWorkbook reports it.
  }
}

export async function writeRecapWorkbook(
  file: string,
  rows: RecapEntry[],
  command: "evaluate" | "audit"
): Promise<void> {
  // Only the parent of a batch with --rekap pays for ExcelJS here.
  const ExcelJS = require("exceljs") as typeof import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "monev";
  const ws = wb.addWorksheet(t("Rekap", "Recap"), { views: [{ state: "frozen", ySplit: 1 }] });
  const labels = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.predikat)) labels.add(k);
  const preds = orderLabels(labels);
  const head = [
    t("No", "No"),
    t("OPD", "Agency"),
    t("Berkas", "File"),
    t("Tabel", "Tables"),
    t("Indikator", "Indicators"),
    ...(command === "evaluate" ? [t("Sel ditulis", "Cells written")] : []),
    t("Rata-rata capaian (%)", "Average achievement (%)"),
    ...preds.map((p) => t(`Predikat: ${p}`, `Rating: ${p}`)),
    t("Temuan audit", "Audit findings"),
    t("Status", "Status"),
    ...(command === "evaluate" ? [t("Keluaran", "Output")] : []),
  ];
  ws.addRow(head);
  rows.forEach((r, i) => {
    const ok = !r.error;
    ws.addRow([
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
    ]);
  });
  // Totals: sums of the counts, the mean of the files' averages (each OPD weighs the same).
  const n = rows.length;
  if (n > 0) {
    const total: (string | number | { formula: string } | null)[] = [
      null,
      t("Jumlah", "Total"),
      null,
    ];
    const colLetter = (c: number) => ws.getColumn(c).letter;
    // Cached results too, so viewers that do not recalculate show the totals.
    const numbers = (c: number) =>
      rows
        .map((_, i) => ws.getRow(i + 2).getCell(c).value)
        .filter((v): v is number => typeof v === "number");
    for (let c = 4; c <= head.length; c++) {
      const h = head[c - 1];
      const range = `${colLetter(c)}2:${colLetter(c)}${n + 1}`;
      const xs = numbers(c);
      if (h === t("Status", "Status") || h === t("Keluaran", "Output")) total.push(null);
      else if (h === t("Rata-rata capaian (%)", "Average achievement (%)")) {
        const avg = xs.length
          ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100
          : "";
        total.push({ formula: `IFERROR(AVERAGE(${range}),"")`, result: avg } as {
          formula: string;
        });
      } else
        total.push({ formula: `SUM(${range})`, result: xs.reduce((a, b) => a + b, 0) } as {
          formula: string;
        });
    }
    const tr = ws.addRow(total);
    tr.font = { bold: true };
  }
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: "middle" };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: head.length } };
  const widths: Record<string, number> = {
    [t("OPD", "Agency")]: 28,
    [t("Berkas", "File")]: 36,
    [t("Status", "Status")]: 30,
    [t("Keluaran", "Output")]: 36,
  };
  head.forEach((h, i) => {
    ws.getColumn(i + 1).width = widths[h] ?? Math.max(8, Math.min(16, h.length + 2));
  });
  const avgCol = head.indexOf(t("Rata-rata capaian (%)", "Average achievement (%)")) + 1;
  ws.getColumn(avgCol).numFmt = "0.00";
  try {
    const buf = await wb.xlsx.writeBuffer();
    writeFileAtomic(file, new Uint8Array(buf as ArrayBuffer));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw outputError(
      `Gagal menulis rekap ${file}: ${msg}`,
      `Cannot write the recap ${file}: ${msg}`
    );
  }
}
