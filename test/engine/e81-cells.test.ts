/**
 * Issue 9, item 1: the Renja evaluation form E.81 (samples/renja-e81.xlsx, built from
 * scripts/samples/seed-to-grid.ts e81Grid) gets every computed cell, K with K and Rp with Rp.
 * Every written cell is asserted: address, native formula and value. "Anggaran" in the caption
 * of a K/Rp pair ("Realisasi Kinerja dan Anggaran ...") does not make the K half a rupiah column.
 */
import { idTexts } from "./messages-text";
import * as path from "path";
import { e81Grid } from "../../scripts/samples/seed-to-grid";
import { analyseSheet } from "../../src/core/engine";
import { isRpColumn } from "../../src/core/engine/rules/context";
import { readWorkbookGrids } from "../../src/cli/xlsx";
import type { PlannedWrite } from "../../src/core/engine/types";

/**
 * [address, formula, value] of every cell the plan writes, in plan order. Column 12 K is the sum
 * of the quarters (the default; persentase / tingkat rows get a note suggesting 'akhir').
 */
const EXPECTED: [string, string | undefined, number | string][] = [
  ["S8", "SUM(K8,M8,O8,Q8)", 35],
  ["S9", "SUM(K9,M9,O9,Q9)", 6.5],
  ["S10", "SUM(K10,M10,O10,Q10)", 200],
  ["S11", "SUM(K11,M11,O11,Q11)", 200],
  ["S12", "SUM(K12,M12,O12,Q12)", 90],
  ["S13", "SUM(K13,M13,O13,Q13)", 12],
  ["T8", "SUM(L8,N8,P8,R8)", 480000000],
  ["T10", "SUM(L10,N10,P10,R10)", 480000000],
  ["T11", "SUM(L11,N11,P11,R11)", 480000000],
  ["T12", "SUM(L12,N12,P12,R12)", 225000000],
  ["T13", "SUM(L13,N13,P13,R13)", 225000000],
  ["U8", 'IF(AND(ISNUMBER(I8),ISNUMBER(S8)),IF(I8=0,"",S8/I8*100),"")', 87.5],
  ["U9", 'IF(AND(ISNUMBER(I9),ISNUMBER(S9)),IF(I9=0,"",S9/I9*100),"")', 104.83871],
  ["U10", 'IF(AND(ISNUMBER(I10),ISNUMBER(S10)),IF(I10=0,"",S10/I10*100),"")', 100],
  ["U11", 'IF(AND(ISNUMBER(I11),ISNUMBER(S11)),IF(I11=0,"",S11/I11*100),"")', 100],
  ["U12", 'IF(AND(ISNUMBER(I12),ISNUMBER(S12)),IF(I12=0,"",S12/I12*100),"")', 100],
  ["U13", 'IF(AND(ISNUMBER(I13),ISNUMBER(S13)),IF(I13=0,"",S13/I13*100),"")', 100],
  ["V8", 'IF(AND(ISNUMBER(J8),ISNUMBER(T8)),IF(J8=0,"",T8/J8*100),"")', 93.524267],
  ["V10", 'IF(AND(ISNUMBER(J10),ISNUMBER(T10)),IF(J10=0,"",T10/J10*100),"")', 93.524267],
  ["V11", 'IF(AND(ISNUMBER(J11),ISNUMBER(T11)),IF(J11=0,"",T11/J11*100),"")', 93.524267],
  ["V12", 'IF(AND(ISNUMBER(J12),ISNUMBER(T12)),IF(J12=0,"",T12/J12*100),"")', 97.71792],
  ["V13", 'IF(AND(ISNUMBER(J13),ISNUMBER(T13)),IF(J13=0,"",T13/J13*100),"")', 97.71792],
  ["W8", "SUM(G8,S8)", 155],
  ["W9", "SUM(G9,S9)", 22.5],
  ["W10", "SUM(G10,S10)", 680],
  ["W11", "SUM(G11,S11)", 680],
  ["W12", "SUM(G12,S12)", 410],
  ["W13", "SUM(G13,S13)", 64],
  ["Y8", 'IF(AND(ISNUMBER(E8),ISNUMBER(W8)),IF(E8=0,"",W8/E8*100),"")', 221.428571],
  ["Y9", 'IF(AND(ISNUMBER(E9),ISNUMBER(W9)),IF(E9=0,"",W9/E9*100),"")', 450],
  ["Y10", 'IF(AND(ISNUMBER(E10),ISNUMBER(W10)),IF(E10=0,"",W10/E10*100),"")', 68],
  ["Y11", 'IF(AND(ISNUMBER(E11),ISNUMBER(W11)),IF(E11=0,"",W11/E11*100),"")', 68],
  ["Y12", 'IF(AND(ISNUMBER(E12),ISNUMBER(W12)),IF(E12=0,"",W12/E12*100),"")', 455.555556],
  ["Y13", 'IF(AND(ISNUMBER(E13),ISNUMBER(W13)),IF(E13=0,"",W13/E13*100),"")', 160],
  ["U14", 'IFERROR(AVERAGE(U8:U13),"")', 98.723118],
  ["V14", 'IFERROR(AVERAGE(V8,V10:V13),"")', 95.201728],
  ["Y14", 'IFERROR(AVERAGE(Y8:Y13),"")', 237.164021],
  [
    "U15",
    'IF(NOT(ISNUMBER(U14)),"",IF(U14>90,"Sangat Tinggi",IF(U14>75,"Tinggi",IF(U14>65,"Sedang",IF(U14>50,"Rendah","Sangat Rendah")))))',
    "Sangat Tinggi",
  ],
  [
    "V15",
    'IF(NOT(ISNUMBER(V14)),"",IF(V14>90,"Sangat Tinggi",IF(V14>75,"Tinggi",IF(V14>65,"Sedang",IF(V14>50,"Rendah","Sangat Rendah")))))',
    "Sangat Tinggi",
  ],
  [
    "Y15",
    'IF(NOT(ISNUMBER(Y14)),"",IF(Y14>90,"Sangat Tinggi",IF(Y14>75,"Tinggi",IF(Y14>65,"Sedang",IF(Y14>50,"Rendah","Sangat Rendah")))))',
    "Sangat Tinggi",
  ],
];

function cellsOf(writes: PlannedWrite[]): [string, string | undefined, number | string | null][] {
  return writes.map((w) => [
    w.address,
    w.formula,
    typeof w.value === "number" ? +w.value.toFixed(6) : w.value,
  ]);
}

describe("E.81 form: every computed cell", () => {
  const a = analyseSheet(e81Grid());
  it("is recognised as renja-e81 and writes exactly the expected cells", () => {
    expect(a.tables[0]?.kind).toBe("renja-e81");
    expect(a.plan.conflicts).toEqual([]);
    expect(cellsOf(a.plan.writes)).toEqual(EXPECTED);
  });
  it("column 14 K is K + K (never a rupiah sum); column 14 Rp is left empty with a note (column 6 Rp is empty)", () => {
    const w = a.plan.writes.filter((x) => x.col === 22);
    expect(w.every((x) => typeof x.value === "number" && x.value < 1000)).toBe(true);
    expect(a.plan.writes.filter((x) => x.col === 23 || x.col === 25)).toEqual([]);
    expect(idTexts(a.plan.notes).some((n) => /Kolom 14 \(Rp\) tidak diisi/.test(n))).toBe(true);
  });
  it("the K/Rp sub-header decides, not the word 'Anggaran' in the caption", () => {
    const cols = a.tables[0].columns;
    for (const c of cols.filter((x) => x.kr)) expect(isRpColumn(c)).toBe(c.kr === "rp");
    const k14 = cols.find((c) => c.col === 22);
    expect(k14?.header).toMatch(/Anggaran/);
    expect(k14 && isRpColumn(k14)).toBe(false);
  });
  it("samples/renja-e81.xlsx (as the CLI reads it) gets the same cells", async () => {
    const { grids } = await readWorkbookGrids(
      path.resolve(__dirname, "../../samples/renja-e81.xlsx")
    );
    const b = analyseSheet(grids[0]);
    expect(cellsOf(b.plan.writes)).toEqual(EXPECTED);
  });
});

describe("cap (batas) and quarter types", () => {
  it("batas 100: written K capaian formulas are MIN(100, …), Rp absorption is not capped, the summary counts capped values", () => {
    const a = analyseSheet(e81Grid(), { batas: 100 });
    const u9 = a.plan.writes.find((w) => w.address === "U9");
    expect(u9?.formula).toBe(
      'IF(AND(ISNUMBER(I9),ISNUMBER(S9)),IF(I9=0,"",MIN(100,S9/I9*100)),"")'
    );
    expect(u9?.value).toBe(100);
    expect(a.plan.writes.find((w) => w.address === "V8")?.formula).not.toMatch(/MIN/);
    expect(a.summary?.averageCapaian).toBeCloseTo((87.5 + 500) / 6, 9);
    expect(a.summary?.batas).toBe(100);
  });
  it("quarterType overrides the guess per row or for every row (sum / last / average)", () => {
    const last = analyseSheet(e81Grid(), {
      quarterType: { default: "last", rows: { 12: "average" } },
    });
    const at = (ad: string) => last.plan.writes.find((w) => w.address === ad);
    expect(at("S8")?.formula).toBe(
      'IF(ISNUMBER(Q8),Q8,IF(ISNUMBER(O8),O8,IF(ISNUMBER(M8),M8,IF(ISNUMBER(K8),K8,""))))'
    );
    expect(at("S8")?.value).toBe(10);
    expect(at("S13")?.formula).toBe('IFERROR(AVERAGE(K13,M13,O13,Q13),"")');
    expect(at("S13")?.value).toBe(3);
    // Without an option the sum stays, with a note suggesting 'akhir' for the persentase row.
    const auto = analyseSheet(e81Grid());
    expect(auto.plan.writes.find((w) => w.address === "S8")?.formula).toBe("SUM(K8,M8,O8,Q8)");
    expect(idTexts(auto.plan.notes).some((n) => /^Baris 8 .*jenis triwulan 'akhir'/.test(n))).toBe(
      true
    );
  });
});
