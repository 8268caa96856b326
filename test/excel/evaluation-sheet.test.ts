/**
 * The pane's evaluation sheet in the table shape's own columns (layoutEvaluation columns 'shape'):
 * Tabel I.15 (keuangan and fisik) and RKPD (K and Rp) on the fake host: the header and a data
 * row's formulas, the predikat colours on the predikat column, the chart on the rated capaian and
 * the 100% line on the reference column, the signature block merged, centred, its name bold and
 * underlined, and every request under the budget.
 */
import { seedGrids } from "../../scripts/samples/seed-to-grid";
import { installFakeExcel, type FakeExcelHost } from "../fakes/fake-excel";
import { generateEvaluationSheet } from "../../src/excel/adapter";
import { analyseSheet, applyPlanToGrid } from "../../src/core/engine";
import * as layout from "../../src/core/engine/evaluation-sheet";
import { a1, a1Range } from "../../src/excel/a1";
import {
  MAX_ROW_HEIGHT,
  evaluationFormattingBytes,
  planEvaluationBody,
  rowHeightRuns,
} from "../../src/excel/plan-requests";
import { parseRange } from "../../src/excel/a1";
import type { SheetGrid } from "../../src/core/engine/types";
import { indicatorGrid } from "./helpers";

jest.mock("../../src/core/engine/evaluation-sheet", () => {
  const actual = jest.requireActual("../../src/core/engine/evaluation-sheet");
  return { ...actual, layoutEvaluation: jest.fn(actual.layoutEvaluation) };
});
const spy = layout.layoutEvaluation as jest.MockedFunction<typeof layout.layoutEvaluation>;

const SEEDS = seedGrids();
const signature = {
  place: "Sibolga",
  date: "31 Desember 2026",
  position: "Kepala Dinas",
  name: "Budi Santoso",
  nip: "197001012000031001",
};

/** A seed table filled by the engine's plan (what the pane has after "Isi"), and its analysis. */
function filled(id: string): { grid: SheetGrid; a: ReturnType<typeof analyseSheet> } {
  const seed = SEEDS.find((x) => x.id === id);
  if (!seed) throw new Error(`seed ${id} missing`);
  const a = analyseSheet(seed.emptied);
  return { grid: applyPlanToGrid(seed.emptied, a.plan), a };
}

async function generate(id: string) {
  const { grid, a } = filled(id);
  const host = installFakeExcel(grid);
  const rec = await generateEvaluationSheet(a, "id", undefined, grid, undefined, signature);
  const s = rec.sheetName as string;
  const lay = layout.layoutEvaluation(a, s, { source: grid, columns: "shape", signature });
  if (!lay?.signature) throw new Error("no layout");
  return { host, s, lay, sheet: host.sheet(s), src: grid.name };
}

const styled = (host: FakeExcelHost, s: string, prop: string) =>
  host
    .sheet(s)
    .styles.filter((x) => x.prop === prop)
    .map((x) => [x.address, x.value]);

describe("generateEvaluationSheet: the shape's columns", () => {
  beforeEach(() => spy.mockClear());

  it("Tabel I.15: DPA, realisasi and capaian keuangan, target and realisasi fisik; rated on fisik", async () => {
    const { host, s, lay, sheet } = await generate("tabel-i15");
    expect(spy.mock.calls[0][2]).toMatchObject({ columns: "shape", signature });
    const header = lay.print?.repeatRows[0] ?? -1;
    expect(Array.from({ length: 10 }, (_, c) => host.cell(s, a1(header, c)).value)).toEqual([
      "No",
      "Program / Kegiatan / Sub Kegiatan",
      "DPA (Rp)",
      "Realisasi keuangan (Rp)",
      "Capaian keuangan (%)",
      "Target fisik (%)",
      "Realisasi fisik (%)",
      "Predikat",
      "Acuan 100%",
      "",
    ]);
    // The first sub kegiatan: its figures read from the source's D, E, H, J and K.
    const r = lay.firstDataRow + 1;
    const f = (c: number) => host.cell(s, a1(r, c)).formula;
    expect(f(0)).toBe("1");
    expect(f(2)).toBe(`=IF(ISBLANK('Tabel I.15'!D14),"",'Tabel I.15'!D14)`);
    expect(f(4)).toBe(`=IF(ISBLANK('Tabel I.15'!H14),"",'Tabel I.15'!H14)`);
    expect(f(6)).toBe(`=IF(ISNUMBER('Tabel I.15'!K14),'Tabel I.15'!K14,"")`);
    // The predikat of the row's own G (Excel row r + 1).
    expect(f(7)).toMatch(/^=IF\(NOT\(ISNUMBER\(G5\)\),"",IF\(G5>90,"Sangat Tinggi"/);
    expect(f(8)).toBe("100");
    // Every written cell is the layout's, over its nine columns.
    lay.cells.forEach((row, rr) =>
      row.forEach((v, c) => expect(host.cell(s, a1(rr, c)).formula).toBe(String(v ?? "")))
    );
    expect([lay.capaianCol, lay.predikatCol, lay.acuanCol]).toEqual([6, 7, 8]);
    // Predikat colours on H, the chart on G (realisasi fisik) with the 100% line on I.
    const data = (c: number) => a1Range(lay.firstDataRow, c, lay.lastDataRow, c);
    expect(sheet.cfs).toHaveLength(lay.labels.length);
    for (const cf of sheet.cfs) expect(cf.address).toBe(data(7));
    expect(sheet.charts[0].source).toBe(`'${s}'!${data(6)}`);
    expect(sheet.charts[0].series[1]).toMatchObject({
      values: `'${s}'!${data(8)}`,
      chartType: "Line",
    });
    // Beside the table (J is its first free column): K3:T22.
    expect(sheet.charts[0].position).toEqual(["K3", "T22"]);
    // The reference column I is hidden and plotted; the print area is A:H, as the CLI's sheet.
    expect(styled(host, s, "columnHidden")).toEqual([["I1:I1048576", true]]);
    expect(sheet.charts[0].plotVisibleOnly).toBe(false);
    const lastRow = Math.max(lay.cells.length, lay.narrativeRow + (lay.narrativeRows ?? 1));
    expect(sheet.pageLayout.printArea).toBe(`A1:H${lastRow}`);
    // Header fill and bold across A:I, one width per column.
    expect(styled(host, s, "fill")).toEqual([[`A${header + 1}:I${header + 1}`, "#D9E1F2"]]);
    expect(styled(host, s, "columnWidth").map(([x]) => x)).toEqual(
      "ABCDEFGHI".split("").map((c) => `${c}1:${c}1048576`)
    );
    // The narrative merged across A:I, row by row.
    const narr = lay.narrativeRow;
    expect(sheet.merges).toContainEqual({ top: narr, bottom: narr, left: 0, right: 8 });
  });

  it("Tabel I.15: the signature block merged per line across its columns, centred, the name bold and underlined", async () => {
    const { host, s, lay, sheet } = await generate("tabel-i15");
    const sig = lay.signature as NonNullable<typeof lay.signature>;
    expect(sig).toMatchObject({ col: 5, span: 3 });
    const right = sig.col + sig.span - 1;
    for (let r = sig.row; r < sig.row + sig.rows; r++)
      expect(sheet.merges).toContainEqual({ top: r, bottom: r, left: sig.col, right });
    expect(host.cell(s, a1(sig.row, sig.col)).value).toBe("Sibolga, 31 Desember 2026");
    const name = a1Range(sig.nameRow as number, sig.col, sig.nameRow as number, right);
    expect(host.cell(s, a1(sig.nameRow as number, sig.col)).value).toBe("Budi Santoso");
    expect(host.cell(s, a1(sig.row + sig.rows - 1, sig.col)).value).toBe("NIP. 197001012000031001");
    expect(styled(host, s, "underline")).toEqual([[name, "Single"]]);
    expect(styled(host, s, "bold")).toContainEqual([name, true]);
    expect(styled(host, s, "horizontalAlignment")).toContainEqual([
      a1Range(sig.row, sig.col, sig.row + sig.rows - 1, right),
      "Center",
    ]);
  });

  it("RKPD: K then Rp (target, realisasi, capaian); the predikat on I, the chart on capaian K", async () => {
    const { host, s, lay, sheet } = await generate("rkpd-2022");
    const header = lay.print?.repeatRows[0] ?? -1;
    expect(Array.from({ length: 10 }, (_, c) => host.cell(s, a1(header, c)).value)).toEqual([
      "No",
      "Program / Kegiatan / Indikator",
      "Target K",
      "Realisasi K",
      "Capaian K (%)",
      "Target Rp",
      "Realisasi Rp",
      "Capaian Rp (%)",
      "Predikat",
      "Acuan 100%",
    ]);
    const r = lay.cells.findIndex((row, i) => i >= lay.firstDataRow && row[0] === 1);
    const f = (c: number) => host.cell(s, a1(r, c)).formula;
    expect(f(4)).toBe(`=IF(ISNUMBER('RKPD 2022'!Y11),'RKPD 2022'!Y11,"")`);
    expect(f(7)).toBe(`=IF(ISBLANK('RKPD 2022'!Z11),"",'RKPD 2022'!Z11)`);
    expect(f(8)).toMatch(
      new RegExp(`^=IF\\(NOT\\(ISNUMBER\\(E${r + 1}\\)\\),"",IF\\(E${r + 1}>90,"ST"`)
    );
    const data = (c: number) => a1Range(lay.firstDataRow, c, lay.lastDataRow, c);
    for (const cf of sheet.cfs) expect(cf.address).toBe(data(8));
    expect(sheet.cfs.map((c) => c.rule?.text).sort()).toEqual(["R", "S", "SR", "ST", "T"]);
    expect(sheet.charts[0].source).toBe(`'${s}'!${data(4)}`);
    expect(sheet.charts[0].series[1].values).toBe(`'${s}'!${data(9)}`);
    expect(styled(host, s, "fill")).toEqual([[`A${header + 1}:J${header + 1}`, "#D9E1F2"]]);
    expect(styled(host, s, "underline")).toHaveLength(1);
  });

  it("draws no 100% line when the layout has no reference column", async () => {
    const grid = indicatorGrid(4);
    const host = installFakeExcel(grid);
    spy.mockImplementationOnce((...args) => {
      const lay = jest
        .requireActual<typeof layout>("../../src/core/engine/evaluation-sheet")
        .layoutEvaluation(...args);
      return lay && { ...lay, acuanCol: -1 };
    });
    const rec = await generateEvaluationSheet(analyseSheet(grid), "id", undefined, grid);
    const sheet = host.sheet(rec.sheetName as string);
    expect(sheet.charts[0].series).toHaveLength(1);
    // Nothing hidden, every column printed.
    expect(sheet.charts[0].plotVisibleOnly).toBeUndefined();
    expect(sheet.styles.filter((x) => x.prop === "columnHidden")).toEqual([]);
    expect(sheet.pageLayout.printArea).toMatch(/^A1:G\d+$/);
  });

  it("keeps every request under the budget with a signature, wide columns and 1,500 rows", async () => {
    const grid = indicatorGrid(1500);
    const host = installFakeExcel(grid);
    const budget = 60_000;
    host.payloadLimit = budget;
    host.resetCounters();
    await generateEvaluationSheet(analyseSheet(grid), "id", undefined, grid, budget, signature);
    expect(host.syncLog.length).toBeGreaterThan(2);
    for (const x of host.syncLog) {
      expect(x.rejected).toBeUndefined();
      expect(x.requestBytes).toBeLessThanOrEqual(budget);
    }
  });

  it("reserves at least the formatting's bytes (signature, nine columns, five labels, row heights)", async () => {
    const { host, lay } = await generate("tabel-i15");
    const print = printOf(lay);
    // One batch: the last request is the table plus its formatting.
    const batches = planEvaluationBody(lay, undefined, print);
    expect(batches).toHaveLength(1);
    const table = batches[0].reduce((n, b) => n + b.bytes, 0);
    const last = host.syncLog[host.syncLog.length - 1].requestBytes;
    expect(last - table).toBeGreaterThan(0);
    expect(last - table).toBeLessThanOrEqual(evaluationFormattingBytes(lay, print));
    // The row heights and heading rows are counted in the reserve.
    expect(evaluationFormattingBytes(lay, print)).toBeGreaterThan(evaluationFormattingBytes(lay));
  });
});

/** The core's heights and page break, as the pane applies them. */
function printOf(lay: layout.EvaluationLayout) {
  const heights = layout.evaluationRowHeights(lay).map((h) => Math.min(MAX_ROW_HEIGHT, h));
  const breakBefore =
    lay.signature && layout.signatureNeedsBreak(lay, heights) ? lay.signature.row : -1;
  return { heights, breakBefore };
}

/** Each row's height as set through range.format.rowHeight (the last call on a row wins). */
function rowHeightsSet(host: FakeExcelHost, s: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const [address, value] of styled(host, s, "rowHeight")) {
    const rect = parseRange(address as string);
    for (let r = rect.top; r <= rect.bottom; r++) out.set(r, value as number);
  }
  return out;
}

describe("generateEvaluationSheet: printed like the CLI's sheet", () => {
  it.each(["tabel-i15", "rkpd-2022"])(
    "%s: every row's height is the core's estimate, equal rows set in one call",
    async (id) => {
      const { host, s, lay } = await generate(id);
      const want = printOf(lay).heights;
      // Wrapped labels make some rows taller than a line (the estimate is not flat).
      expect(Math.max(...want)).toBeGreaterThan(layout.ROW_LINE);
      const set = rowHeightsSet(host, s);
      expect(lay.cells.map((_, r) => set.get(r))).toEqual(want);
      expect(styled(host, s, "rowHeight")).toHaveLength(rowHeightRuns(want).length);
      expect(rowHeightRuns(want).length).toBeLessThan(want.length);
    }
  );

  it("caps a very long paragraph's row at Excel's 409 points (Excel refuses a taller row)", async () => {
    const grid = indicatorGrid(4);
    const host = installFakeExcel(grid);
    const long = Array.from({ length: 900 }, (_, i) => `kata${i}`).join(" ");
    let narr = -1;
    spy.mockImplementationOnce((...args) => {
      const lay = jest
        .requireActual<typeof layout>("../../src/core/engine/evaluation-sheet")
        .layoutEvaluation(...args);
      if (!lay?.values) return lay;
      narr = lay.narrativeRow;
      lay.values[narr][0] = long;
      return lay;
    });
    const rec = await generateEvaluationSheet(analyseSheet(grid), "id", undefined, grid);
    expect(narr).toBeGreaterThan(0);
    expect(rowHeightsSet(host, rec.sheetName as string).get(narr)).toBe(MAX_ROW_HEIGHT);
  });

  it("RKPD: the program / kegiatan heading rows are bold across the table", async () => {
    const { host, s, lay } = await generate("rkpd-2022");
    const headings = lay.headingRows ?? [];
    expect(headings.length).toBeGreaterThan(0);
    const last = lay.columns.length - 1;
    const bold = styled(host, s, "bold")
      .filter(([, v]) => v === true)
      .map(([a]) => parseRange(a as string));
    for (const r of headings)
      expect(
        bold.some((b) => b.top <= r && r <= b.bottom && b.left === 0 && b.right === last)
      ).toBe(true);
    // A data row that is no heading is not made bold.
    const plain = lay.cells.findIndex(
      (_, r) => r > lay.firstDataRow && r <= lay.lastDataRow && !headings.includes(r)
    );
    expect(plain).toBeGreaterThan(0);
    expect(bold.some((b) => b.top <= plain && plain <= b.bottom)).toBe(false);
  });

  it.each([
    [12, true],
    [4, false],
  ])(
    "%i indicators: a page break before the signature only when it would straddle a page (%s)",
    async (n, needed) => {
      const grid = indicatorGrid(n);
      const a = analyseSheet(grid);
      const host = installFakeExcel(grid);
      const rec = await generateEvaluationSheet(a, "id", undefined, grid, undefined, signature);
      const s = rec.sheetName as string;
      const lay = layout.layoutEvaluation(a, s, { source: grid, columns: "shape", signature });
      if (!lay?.signature) throw new Error("no layout");
      expect(layout.signatureNeedsBreak(lay, printOf(lay).heights)).toBe(needed);
      expect(host.sheet(s).pageBreaks).toEqual(needed ? [a1(lay.signature.row, 0)] : []);
    }
  );
});
