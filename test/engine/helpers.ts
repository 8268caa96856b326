import type { CellValue } from "../../src/core/errors";
import type { ColumnInfo, RowInfo, SheetGrid, TableModel } from "../../src/core/engine/types";

export function grid(rows: CellValue[][], name = "S"): SheetGrid {
  return {
    name,
    cells: rows.map((r) =>
      r.map((v) => (v === null || v === undefined || v === "" ? undefined : { value: v }))
    ),
    merges: [],
  };
}

/** Indicator table: header row 0, data rows 1..n; columns No, Indikator, Target, Realisasi[, Arah]. */
export function indikatorTable(
  g: SheetGrid,
  cols: ColumnInfo[],
  levels: RowInfo["level"][]
): TableModel {
  return {
    sheet: g.name,
    kind: "indikator",
    top: 0,
    left: 0,
    bottom: levels.length,
    right: Math.max(...cols.map((c) => c.col)),
    headerRows: [0],
    columns: cols,
    rows: [
      { row: 0, level: "header", label: "" },
      ...levels.map((level, i) => ({
        row: i + 1,
        level,
        label: String(g.cells[i + 1]?.[1]?.value ?? ""),
      })),
    ],
  };
}

export const COLS: ColumnInfo[] = [
  { col: 0, role: "no", header: "No" },
  { col: 1, role: "indikator", header: "Indikator" },
  { col: 2, role: "target", header: "Target" },
  { col: 3, role: "realisasi", header: "Realisasi" },
];
