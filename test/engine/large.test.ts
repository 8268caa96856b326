/**
 * Sheet-sized inputs: a 50,000-row RKPD form once overflowed the call stack (push(...spread) over
 * every write) and took quadratic time (children looked up by scanning every row per parent).
 * This checks the result, not the time: the benchmark (bench/engine.ts) measures time.
 */
import { analyseSheet } from "../../src/core/engine";
import { children } from "../../src/core/engine/rules/context";
import { appendAll, maxOf, minOf } from "../../src/core/arrays";
import { rkpdGrid } from "../../scripts/samples/seed-to-grid";

describe("large sheets", () => {
  it("analyses a 50,000-row RKPD form: one write per computed cell, no stack overflow", () => {
    const small = analyseSheet(rkpdGrid(1000));
    const big = analyseSheet(rkpdGrid(50_000));
    expect(big.tables).toHaveLength(1);
    // The generator repeats the same block, so the plan grows in proportion to the rows.
    const ratio = big.plan.writes.length / small.plan.writes.length;
    expect(ratio).toBeGreaterThan(45);
    expect(ratio).toBeLessThan(55);
    expect(new Set(big.plan.writes.map((w) => w.address)).size).toBe(big.plan.writes.length);
  }, 120_000);

  it("children() answers from the parent pointers the recogniser set", () => {
    const { tables } = analyseSheet(rkpdGrid(200));
    const t = tables[0];
    const withParent = t.rows
      .map((r, j) => [r, j] as const)
      .filter(([r]) => r.parent !== undefined);
    expect(withParent.length).toBeGreaterThan(0);
    for (const [r, j] of withParent.slice(0, 50)) {
      expect(children(t, r.parent as number, [r.level])).toContain(j);
    }
  });

  it("array helpers take more items than a call's argument list can", () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    expect(appendAll([-1], many)).toHaveLength(300_001);
    expect(maxOf(many)).toBe(299_999);
    expect(minOf(many)).toBe(0);
    expect(maxOf([], 7)).toBe(7);
    expect(() => Math.max(...Array.from({ length: 3_000_000 }, () => 1))).toThrow(RangeError);
  });
});
