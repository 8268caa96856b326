/**
 * Progress of a scan: the engine reports its phases, the worker's side forwards them as rising
 * fractions before the analysis, and the pane maps reading + analysing onto one 0..100 % bar.
 */
import { analyseSheet } from "../../src/core/engine";
import { answerRequest, cropToTable, type AnalysisResponse } from "../../src/taskpane/engine-view";
import { scanProgress } from "../../src/taskpane/progress";
import { indicatorGrid } from "../excel/helpers";
import { twoTables } from "./two-tables";
import type { SheetGrid } from "../../src/core/engine/types";

function rising(xs: number[]): boolean {
  return xs.every((x, i) => i === 0 || x > xs[i - 1]);
}

describe("analyseSheet's onProgress", () => {
  it("reports recognised, each table computed, then summarised, rising to 1", () => {
    const calls: [string, number][] = [];
    const a = analyseSheet(twoTables(), {}, (step, f) => calls.push([step, f]));
    expect(a.tables.filter((t) => t.kind !== "unknown")).toHaveLength(2);
    expect(calls.map((c) => c[0])).toEqual(["recognised", "computed", "computed", "summarised"]);
    expect(rising(calls.map((c) => c[1]))).toBe(true);
    expect(calls[calls.length - 1][1]).toBe(1);
  });

  it("does not call back per row (a few calls for 2,000 rows)", () => {
    let n = 0;
    analyseSheet(indicatorGrid(2000), {}, () => n++);
    expect(n).toBeLessThanOrEqual(4);
  });

  it("ends at 1 on a sheet without a table", () => {
    const calls: number[] = [];
    analyseSheet({ name: "kosong", cells: [[{ value: "x" }]], merges: [] }, {}, (_s, f) =>
      calls.push(f)
    );
    expect(calls[calls.length - 1]).toBe(1);
  });

  it("gives the same analysis with and without the callback", () => {
    const g = indicatorGrid(50);
    expect(analyseSheet(g, {}, () => undefined)).toEqual(analyseSheet(g, {}));
  });
});

describe("the worker's answer", () => {
  it.each([
    ["the first table", 0 as const],
    ["the second table (two engine passes)", 1 as const],
    ["all tables", "all" as const],
  ])("posts rising progress below 1, then the analysis (%s)", (_name, table) => {
    const posts: AnalysisResponse[] = [];
    answerRequest({ id: 7, grid: twoTables(), opts: {}, table }, (m) => posts.push(m));
    const last = posts[posts.length - 1];
    expect("analysis" in last && last.id === 7).toBe(true);
    const steps = posts.slice(0, -1).map((m) => ("progress" in m ? m.progress : NaN));
    expect(steps.length).toBeGreaterThanOrEqual(3);
    expect(rising(steps)).toBe(true);
    expect(steps.every((f) => f > 0 && f < 1)).toBe(true);
    // With a selected second table the crop's pass reports past the first pass's share.
    if (table === 1) expect(Math.max(...steps)).toBeGreaterThan(0.5);
    if ("analysis" in last && table === 1)
      expect(last.analysis.tables).toEqual(
        analyseSheet(cropToTable(twoTables(), last.analysis.view.tables[1])).tables
      );
  });

  it("posts an error (and no analysis) when the engine throws", () => {
    const posts: AnalysisResponse[] = [];
    answerRequest({ id: 3, grid: null as unknown as SheetGrid, opts: {} }, (m) => posts.push(m));
    expect(posts).toHaveLength(1);
    expect("error" in posts[0]).toBe(true);
  });
});

describe("scanProgress: one bar for reading then analysing", () => {
  it("is monotonic over a whole scan and ends at 100 %", () => {
    const seq = [
      scanProgress(0, false, 0),
      scanProgress(0.4, false, 0),
      scanProgress(1, false, 0),
      // Reading done, the analysis starts (the worker has not answered yet).
      scanProgress(undefined, true, 0),
      scanProgress(undefined, true, 0.2),
      scanProgress(undefined, true, 0.9),
      scanProgress(undefined, true, 1),
    ];
    const pct = seq.map((p) => p!.percent);
    expect(pct).toEqual([0, 20, 50, 50, 60, 95, 100]);
    expect(seq.map((p) => p!.phase)).toEqual([
      "read",
      "read",
      "read",
      "analyse",
      "analyse",
      "analyse",
      "analyse",
    ]);
    expect(scanProgress(undefined, false, 1)).toBeUndefined();
  });
});
