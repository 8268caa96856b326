/**
 * WritePlan: native Excel formulas with their cached values, for the computed cells of a table.
 * Empty cells are written; non-empty cells go to `conflicts` (or to `writes` with `previous` when
 * opts.overwrite); cells that already hold the same formula and value are left alone (idempotence).
 */
import { cellAddress } from "./address";
import { appendUnique, msg, type Message } from "./messages";
import { computeTable } from "./rules";
import type { Computation } from "./rules";
import { alreadyThere, isEmptyCell, plainWrite } from "./rules/context";
import type {
  EngineOptions,
  PlannedWrite,
  SheetCell,
  SheetGrid,
  TableModel,
  WritePlan,
} from "./types";

export function toWrite(sheet: string, comp: Computation, previous?: SheetCell): PlannedWrite {
  if (comp.formula !== undefined && comp.note === undefined && !comp.isHeader && !previous)
    return plainWrite(sheet, comp as Computation & { formula: string });
  const w: PlannedWrite = {
    sheet,
    row: comp.row,
    col: comp.col,
    address: cellAddress(comp.row, comp.col),
    value: comp.value,
    rule: comp.rule,
  };
  if (comp.formula !== undefined) w.formula = comp.formula;
  if (comp.numFmt !== undefined) w.numFmt = comp.numFmt;
  if (comp.note !== undefined) w.note = comp.note;
  if (comp.isHeader) w.isHeader = true;
  if (previous) w.previous = { ...previous };
  return w;
}

export function plan(
  table: TableModel,
  grid: SheetGrid,
  opts: EngineOptions = {},
  computed?: { computations: Computation[]; notes: Message[] }
): WritePlan {
  const { computations, notes } = computed ?? computeTable(table, grid, opts, "plan");
  // Sized once, trimmed at the end: pushed one by one, the 100,000 writes of a 50,000-row sheet
  // would leave three times their size in copies behind.
  const writes = new Array<PlannedWrite>(computations.length);
  let n = 0;
  const out: WritePlan = { writes, conflicts: [], notes: [] };
  appendUnique(out.notes, notes, new Set());
  // Writes of a value with a note (text inputs), counted on the way.
  let texts = 0;
  for (let i = 0; i < computations.length; i++) {
    const comp = computations[i];
    if (comp.auditOnly) continue;
    if (comp.address !== undefined) {
      // Already the write of an empty cell (RuleContext.emit in plan mode).
      writes[n++] = comp as PlannedWrite;
      continue;
    }
    const cell = grid.cells[comp.row]?.[comp.col];
    let w: PlannedWrite;
    if (isEmptyCell(cell)) w = toWrite(grid.name, comp);
    else {
      if (alreadyThere(cell, comp, !!opts.overwrite)) continue;
      w = toWrite(grid.name, comp, cell);
      if (!opts.overwrite) {
        out.conflicts.push(w);
        continue;
      }
    }
    writes[n++] = w;
    if (w.note && w.formula === undefined && !w.isHeader) texts++;
  }
  writes.length = n;
  if (texts > 0) {
    out.notes.push(msg("plan.text-inputs", { count: texts }));
  }
  if (out.conflicts.length > 0) {
    out.notes.push(msg("plan.conflicts", { count: out.conflicts.length }));
  }
  return out;
}
