/**
 * Apply a WritePlan to a SheetGrid in memory (tests, previews, the CLI's dry runs).
 * Pure: returns a new grid; the input grid is not modified.
 */
import type { SheetCell, SheetGrid, WritePlan } from "./types";

export function applyPlanToGrid(grid: SheetGrid, plan: WritePlan): SheetGrid {
  const cells = grid.cells.map((row) => (row ? row.map((c) => (c ? { ...c } : c)) : []));
  for (const w of plan.writes) {
    if (w.sheet !== grid.name) continue;
    while (cells.length <= w.row) cells.push([]);
    const row = cells[w.row];
    while (row.length <= w.col) row.push(undefined);
    const cell: SheetCell = { value: w.value };
    if (w.formula !== undefined) cell.formula = w.formula;
    const numFmt = w.numFmt ?? row[w.col]?.numFmt;
    if (numFmt !== undefined) cell.numFmt = numFmt;
    const bold = row[w.col]?.bold;
    if (bold !== undefined) cell.bold = bold;
    row[w.col] = cell;
  }
  return { ...grid, cells, merges: grid.merges.map((m) => ({ ...m })) };
}
