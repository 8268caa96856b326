/** Issue 9 items 6-7: portable covers every MONEV function; scales are data passed in options. */
import { toPortableFormula } from "../../src/core/engine/portable";
import { isMonevError } from "../../src/core/errors";
import { SCALES, getScale, labelStyle, scaleFromTable } from "../../src/core/predikat";
import { analyseForPane } from "../../src/taskpane/engine-view";
import * as F from "../../src/functions/functions";

const cells: Record<string, unknown> = {
  B2: 7,
  B3: 1500000,
  H2: 0,
  I2: "Kurang",
  H3: 60,
  I3: "Cukup",
  H4: 80,
  I4: "Bagus",
  A1: 80,
  A2: 90,
};
const resolve = (ref: string) => (cells[ref.replace(/\$/g, "")] ?? null) as never;

function conv(f: string) {
  const r = toPortableFormula(f, { resolve });
  if (r === null || isMonevError(r)) throw new Error(`${f}: ${String(r && r.messageEn)}`);
  return r;
}

describe("portable is complete", () => {
  it("replaces TERBILANG and ANGKA by their value with a note", () => {
    const t = conv("MONEV.TERBILANG(B2)");
    expect(t.formula).toBe('"tujuh"');
    expect(t.notes?.join()).toMatch(/tidak punya rumus bawaan/);
    expect(conv('MONEV.ANGKA("87,44%")').formula).toBe("87.44");
  });
  it("gives RATA a native formula over the range, with a cap", () => {
    expect(conv("MONEV.RATA(A1:A2)")).toMatchObject({ formula: "AVERAGE(A1:A2)", value: 85 });
    expect(conv("MONEV.RATA(A1:A2,85)").value).toBe(82.5);
  });
  it("converts a table-scale PREDIKAT from the table's cells", () => {
    const r = conv("MONEV.PREDIKAT(A1,$H$2:$I$4)");
    expect(r.formula).not.toMatch(/MONEV/);
    expect(r.value).toBe("Bagus");
  });
  it("keeps ranges as ranges (no AND over a range)", () => {
    const r = conv("MONEV.CAPAIAN(A1:A2,B1:B2)");
    expect(r.formula).toContain("ISNUMBER(A1:A2)*ISNUMBER(B1:B2)");
    expect(r.formula).not.toMatch(/AND\(/);
  });
  it("gives #DIV/0! on a zero target, like MONEV.CAPAIAN", () => {
    const r = conv("MONEV.CAPAIAN(0,5)");
    expect(r.error).toBe("#DIV/0!");
    expect(r.formula).toContain("#DIV/0!");
  });
});

describe("scales as data", () => {
  it("SCALES is frozen and a custom scale travels in options only", () => {
    expect(Object.isFrozen(SCALES)).toBe(true);
    const custom = scaleFromTable([
      [0, "Kurang"],
      [50, "Bagus"],
    ]);
    if (isMonevError(custom)) throw custom;
    const grid = { name: "S", cells: [[{ value: "x" }]], merges: [] };
    analyseForPane(grid, { scale: "custom" }, custom);
    expect(isMonevError(getScale("custom"))).toBe(true);
    const v = F.predikat([[70]], [["custom"]]) as unknown;
    const cell = Array.isArray(v) ? (v as unknown[][])[0][0] : v;
    expect(cell).toMatchObject({ code: "#VALUE!" });
    expect(getScale("custom", { custom })).toBe(custom);
  });
  it("colours and legend come from each scale's bands", () => {
    expect(labelStyle("B", SCALES.sakip)?.fill).not.toBe(labelStyle("A", SCALES.sakip)?.fill);
    expect(labelStyle("SB", SCALES.berhasil)?.meaning).toBe("Sangat Berhasil");
  });
  it("has per-quarter and grade scales usable from MONEV.PREDIKAT", () => {
    const one = (x: number, id: string) => {
      const r = F.predikat([[x]], [[id]], [["kode"]]) as unknown;
      return Array.isArray(r) ? (r as unknown[][])[0][0] : r;
    };
    expect(one(23, "tw1")).toBe("ST");
    expect(one(46, "tw2")).toBe("ST");
    expect(one(60, "tw3")).toBe("T");
    expect(one(91, "tw4")).toBe("ST");
    expect(one(4, "opini")).toBe("WTP");
    expect(one(65, "sakip")).toBe("B");
  });
});
