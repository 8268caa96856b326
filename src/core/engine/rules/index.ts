/** Dispatch of the rules of each table shape (registered in ../shapes.ts). */
import type { EngineOptions, SheetGrid, TableModel } from "../types";
import type { Message } from "../messages";
import { shapeOf } from "../shapes";
import { Computation, RuleContext } from "./context";

export type { Computation } from "./context";

export function computeTable(
  table: TableModel,
  grid: SheetGrid,
  opts: EngineOptions,
  mode: "plan" | "audit"
): { computations: Computation[]; notes: Message[] } {
  const ctx = new RuleContext(grid, table, opts, mode);
  shapeOf(table.kind)?.rules(ctx);
  return { computations: ctx.computations, notes: ctx.notes };
}
