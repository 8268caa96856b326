/**
 * Formulas of the data rules are built once per rule from texts that end in column letters, joined
 * by the row number (rules/stated.ts). A form placed right of column Z (two-letter columns) must
 * get the same plan, columns and references shifted: the letters come from the rule, not from a
 * one-letter assumption.
 */
import { analyseSheet, columnLetter } from "../../src/core/engine";
import type { SheetGrid } from "../../src/core/engine";
import { rkpdGrid } from "../../scripts/samples/seed-to-grid";

const SHIFT = 30;

/** The same sheet with every cell and merge SHIFT columns to the right. */
function shifted(grid: SheetGrid): SheetGrid {
  return {
    ...grid,
    cells: grid.cells.map((row) => [...new Array(SHIFT).fill(null), ...(row ?? [])]),
    merges: grid.merges.map((m) => ({ ...m, left: m.left + SHIFT, right: m.right + SHIFT })),
  };
}

function letterIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A formula of the unshifted sheet with its references moved SHIFT columns right. */
function shiftFormula(f: string): string {
  return f.replace(/\b([A-Z]{1,3})(\d+)\b/g, (_, l: string, r: string) => {
    return `${columnLetter(letterIndex(l) + SHIFT)}${r}`;
  });
}

describe("a form right of column Z", () => {
  it("gets the plan of the same form at column A, references shifted", () => {
    const grid = rkpdGrid(120, { consistent: true });
    const base = analyseSheet(grid);
    const wide = analyseSheet(shifted(grid));
    expect(base.plan.writes.length).toBeGreaterThan(100);
    expect(wide.plan.writes).toHaveLength(base.plan.writes.length);
    const rules = new Set<string>();
    base.plan.writes.forEach((w, i) => {
      const v = wide.plan.writes[i];
      expect(v.col).toBe(w.col + SHIFT);
      expect(v.row).toBe(w.row);
      expect(v.value).toEqual(w.value);
      expect(v.formula).toBe(w.formula === undefined ? undefined : shiftFormula(w.formula));
      rules.add(w.rule);
    });
    // The data rules (quarter sums, capaian K and Rp) are among them, with two-letter references.
    expect([...rules]).toEqual(
      expect.arrayContaining(["rkpd.jumlah-tw-k", "rkpd.capaian-k", "rkpd.capaian-rp"])
    );
    const capaianK = wide.plan.writes.find((w) => w.rule === "rkpd.capaian-k");
    expect(capaianK?.formula).toMatch(/ISNUMBER\(A[A-Z]\d+\)/);
    expect(wide.findings.map((f) => f.col)).toEqual(base.findings.map((f) => f.col + SHIFT));
  });
});
