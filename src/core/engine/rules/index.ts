/** Dispatch of the per-kind rules. */
import type { EngineOptions, SheetGrid, TableModel } from "../types";
import { Computation, RuleContext } from "./context";
import { fisikKeuanganRules } from "./fisik-keuangan";
import { indikatorRules } from "./indikator";
import { renjaE81Rules } from "./renja-e81";
import { rkpdRules } from "./rkpd";
import { tabelI15Rules } from "./tabel-i15";

export type { Computation } from "./context";

export function computeTable(
  table: TableModel,
  grid: SheetGrid,
  opts: EngineOptions,
  mode: "plan" | "audit",
): { computations: Computation[]; notes: string[] } {
  const ctx = new RuleContext(grid, table, opts, mode);
  switch (table.kind) {
    case "indikator":
      indikatorRules(ctx);
      break;
    case "rkpd":
      rkpdRules(ctx);
      break;
    case "renja-e81":
      renjaE81Rules(ctx);
      break;
    case "tabel-i15":
      tabelI15Rules(ctx);
      break;
    case "fisik-keuangan":
      fisikKeuanganRules(ctx);
      break;
    default:
      break;
  }
  return { computations: ctx.computations, notes: ctx.notes };
}
