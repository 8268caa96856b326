/**
 * A table shape: how it is detected, its display name and its rules (which carry its row
 * conventions). Each shape lives in its own rules file and is registered once in `../shapes.ts`.
 */
import type { ColumnInfo, ColumnRole, TableModel } from "../types";
import type { RuleContext } from "./context";

export type ShapeKind = Exclude<TableModel["kind"], "unknown">;

/** What recognition found, for the shapes to decide on. */
export interface ShapeSignals {
  columns: ColumnInfo[];
  /** All column captions, normalised (lower case, single spaces). */
  headers: string;
  /** The text above the header block (the sheet's title), normalised. */
  title: string;
  has(...roles: ColumnRole[]): boolean;
  /** The table has per-quarter realisation columns. */
  quarters: boolean;
}

export interface Shape {
  kind: ShapeKind;
  name: { id: string; en: string };
  /** Does a table with these signals take this shape? Shapes are tried in registry order. */
  detect(s: ShapeSignals): boolean;
  /** Emit the computations of a recognised table (native formula and value side by side). */
  rules(ctx: RuleContext): void;
}
