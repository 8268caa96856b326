/** The pane's view of the engine: table selection on a sheet with several tables, quarter suggestions. */
import { analyseSheet } from "../../src/core/engine";
import { analyseForPane, cropToTable } from "../../src/taskpane/engine-view";
import { indicatorGrid } from "../excel/helpers";
import { twoTables } from "./two-tables";

describe("analyseForPane: table selection", () => {
  const grid = twoTables();
  const full = analyseSheet(grid);

  it("lists every table and works on the first by default", () => {
    const v = analyseForPane(grid, {});
    expect(v.view.tables.map((t) => t.kind)).toEqual(["indikator", "fisik-keuangan"]);
    expect(v.view.selected).toBe(0);
    expect(v.tables).toHaveLength(1);
    const t0 = full.tables[0];
    expect(v.plan.writes.length).toBeGreaterThan(0);
    expect(v.plan.writes.every((w) => w.row >= t0.top && w.row <= t0.bottom)).toBe(true);
    // The same as the engine on that table alone: its own scale, its own summary.
    expect(v.plan.writes).toEqual(analyseSheet(cropToTable(grid, t0)).plan.writes);
    expect(v.view.narrative).not.toBe("");
  });

  it("carries the scale each selected table is rated on, for the fill's colours and legend", () => {
    const first = analyseForPane(grid, {}, undefined, 0);
    const second = analyseForPane(grid, {}, undefined, 1);
    expect(first.view.scale?.id).toBe(first.summary?.scale.id);
    expect(second.view.scale?.id).toBe(second.summary?.scale.id);
    // Banjarmasin rates on its own Baik scale, the PK table on Permendagri's.
    expect(second.view.scale?.id).not.toBe(first.view.scale?.id);
  });

  it("the second table alone", () => {
    const v = analyseForPane(grid, {}, undefined, 1);
    const t1 = full.tables[1];
    expect(v.view.selected).toBe(1);
    expect(v.tables.map((t) => t.kind)).toEqual(["fisik-keuangan"]);
    expect(v.plan.writes.every((w) => w.row >= t1.top && w.row <= t1.bottom)).toBe(true);
    expect(v.summary?.scale.id).not.toBe(analyseForPane(grid, {}).summary?.scale.id);
  });

  it("all tables: the whole plan, no mixed narrative", () => {
    const v = analyseForPane(grid, {}, undefined, "all");
    expect(v.view.selected).toBe("all");
    expect(v.plan.writes).toEqual(full.plan.writes);
    expect(v.view.narrative).toBe("");
  });

  it("an index past the tables falls back to the first; one table means no selection", () => {
    expect(analyseForPane(grid, {}, undefined, 7).view.selected).toBe(0);
    const one = analyseForPane(indicatorGrid(3), {}, undefined, "all");
    expect(one.view.tables).toHaveLength(1);
    expect(one.view.selected).toBe(0);
  });
});

describe("analyseForPane: quarter suggestions", () => {
  it("suggests none on a table without quarters", () => {
    expect(analyseForPane(indicatorGrid(3), {}).view.quarterSuggestions).toEqual([]);
  });
});
