/**
 * The table shapes Monev knows, in the order recognition tries them. A new shape is one file in
 * rules/ (its detection, name, row conventions and rules), one line here, and its tests.
 */
import type { TableModel } from "./types";
import type { Shape, ShapeSignals } from "./rules/shape";
import { renjaE81Shape } from "./rules/renja-e81";
import { rkpdShape } from "./rules/rkpd";
import { tabelI15Shape } from "./rules/tabel-i15";
import { fisikKeuanganShape } from "./rules/fisik-keuangan";
import { indikatorShape } from "./rules/indikator";
import { efisiensiShape, kemajuanShape } from "./rules/lkjip";

export type { Shape, ShapeKind, ShapeSignals } from "./rules/shape";

export const SHAPES: readonly Shape[] = [
  renjaE81Shape,
  rkpdShape,
  tabelI15Shape,
  fisikKeuanganShape,
  kemajuanShape,
  efisiensiShape,
  indikatorShape,
];

export function shapeOf(kind: TableModel["kind"]): Shape | undefined {
  return SHAPES.find((s) => s.kind === kind);
}

/** The shape a table takes, or "unknown": what the table itself shows decides, not a fixed layout. */
export function detectShape(signals: ShapeSignals): TableModel["kind"] {
  return SHAPES.find((s) => s.detect(signals))?.kind ?? "unknown";
}

/** Display name of a table kind, Indonesian or English. */
export function shapeName(kind: TableModel["kind"], lang: "id" | "en" = "id"): string {
  return (
    shapeOf(kind)?.name[lang] ?? (lang === "en" ? "unrecognised table" : "tabel tidak dikenal")
  );
}
