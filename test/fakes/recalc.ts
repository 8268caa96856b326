/**
 * Recalculation for the fake Excel host: Excel computes every formula the adapter writes, so the
 * fake does too, with HyperFormula (an in-process spreadsheet engine; GPL, a dev dependency used only
 * by tests and benchmarks, never shipped). Values of formula cells, keyed by sheet name and "r,c".
 */
import { DetailedCellError, HyperFormula } from "hyperformula";

export interface RecalcSheet {
  name: string;
  cells: Map<string, { value: unknown; formula?: string }>;
}

export function recalculate(sheets: RecalcSheet[]): Map<string, Map<string, unknown>> {
  const data: Record<string, unknown[][]> = {};
  for (const s of sheets) {
    const rows: unknown[][] = [];
    for (const [k, c] of s.cells) {
      const [r, col] = k.split(",").map(Number);
      rows[r] ??= [];
      const v = c.value;
      // A text that starts with '=' would read as a formula: keep it text.
      rows[r][col] =
        c.formula !== undefined
          ? `=${c.formula}`
          : typeof v === "string" && v.startsWith("=")
            ? `'${v}`
            : v instanceof Date
              ? null
              : v;
    }
    data[s.name] = Array.from({ length: rows.length }, (_, r) => rows[r] ?? []);
  }
  const hf = HyperFormula.buildFromSheets(
    data as Record<string, (string | number | boolean | null)[][]>,
    { licenseKey: "gpl-v3", maxRows: 1_048_576, maxColumns: 16_384 }
  );
  const out = new Map<string, Map<string, unknown>>();
  for (const s of sheets) {
    const id = hf.getSheetId(s.name);
    const values = new Map<string, unknown>();
    for (const [k, c] of s.cells) {
      if (c.formula === undefined || id === undefined) continue;
      const [row, col] = k.split(",").map(Number);
      const v = hf.getCellValue({ sheet: id, row, col });
      values.set(k, v instanceof DetailedCellError ? v.value : (v ?? ""));
    }
    out.set(s.name, values);
  }
  hf.destroy();
  return out;
}
