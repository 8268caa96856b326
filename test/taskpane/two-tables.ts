/** Sibolga PK/IKU (emptied) above Banjarmasin 3.3 (emptied), two rows apart: two scales, two shapes on one sheet. */
import { seedGrids } from "../../scripts/samples/seed-to-grid";
import type { SheetGrid } from "../../src/core/engine/types";

export function twoTables(): SheetGrid {
  const a = seedGrids().find((s) => s.id === "pk-iku")!.emptied;
  const b = seedGrids().find((s) => s.id === "banjarmasin-3-3")!.emptied;
  const shift = a.cells.length + 2;
  return {
    name: "campur",
    cells: [...a.cells, [], [], ...b.cells],
    merges: [
      ...a.merges,
      ...b.merges.map((m) => ({ ...m, top: m.top + shift, bottom: m.bottom + shift })),
    ],
  };
}
