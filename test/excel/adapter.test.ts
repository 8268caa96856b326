import { FakeExcelHost, installFakeExcel } from "../fakes/fake-excel";
import {
  AdapterError,
  applyPlan,
  generateEvaluationSheet,
  makePortable,
  mapOfficeError,
  readActiveSheet,
  selectCell,
  undo,
} from "../../src/excel/adapter";
import { layoutEvaluation, uniqueSheetName } from "../../src/core/engine/evaluation-sheet";
import { a1 } from "../../src/excel/a1";
import type { SheetAnalysis, WritePlan } from "../../src/core/engine/types";
import { indicatorGrid, indicatorPlan } from "./helpers";

const FIVE_MB = 5 * 1024 * 1024;

/** Plain values instead of formulas: no copy-down, one string per cell. */
function valuePlan(n: number): WritePlan {
  const p = indicatorPlan(n);
  return {
    ...p,
    writes: p.writes.map((w) => ({
      ...w,
      formula: undefined,
      value: typeof w.value === "number" ? Math.round(w.value * 100) / 100 : w.value,
    })),
  };
}

function setup(n: number): FakeExcelHost {
  const host = installFakeExcel(indicatorGrid(n));
  host.resetCounters();
  return host;
}

async function expectAdapterError(
  p: Promise<unknown>,
  code: string,
  re?: RegExp
): Promise<AdapterError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(err).toBeInstanceOf(AdapterError);
  const ae = err as AdapterError;
  expect(ae.code).toBe(code);
  if (re) expect(ae.message).toMatch(re);
  return ae;
}

describe("readActiveSheet", () => {
  it("reads values, formulas, number formats and merges into a SheetGrid", async () => {
    const host = setup(3);
    host.sheet("Data").cells.set("3,5", { value: 80, formula: "E4/D4*100" });
    const grid = await readActiveSheet();
    expect(grid.name).toBe("Data");
    expect(grid.cells.length).toBe(6);
    expect(grid.cells[1][1]).toEqual({ value: "Indikator Kinerja" });
    expect(grid.cells[3][3]).toEqual({ value: 50, numFmt: "0.00" });
    // A formula cell reads as Excel shows it: recalculated (the fixture's cached 80 was stale).
    expect(grid.cells[3][5]).toEqual({ value: 40, formula: "E4/D4*100" });
    expect(grid.cells[3][6]).toBeUndefined();
    expect(grid.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 6 }]);
    expect(grid.protected).toBe(false);
  });

  it("reads 100 rows in 2 syncs and 20,000 rows in a few, every response under the 5 MB limit", async () => {
    const counts: number[] = [];
    for (const n of [100, 20000]) {
      const host = setup(n);
      const grid = await readActiveSheet();
      expect(grid.cells.length).toBe(n + 3);
      expect(grid.cells[n + 2][1]).toEqual({ value: `Persentase layanan ${n}` });
      counts.push(host.syncCount);
      for (const s of host.syncLog) expect(s.responseBytes).toBeLessThan(4_000_000);
    }
    expect(counts[0]).toBe(2);
    expect(counts[1]).toBeLessThanOrEqual(4);
  });

  it("cuts the read into chunks under a small budget and halves a chunk the host refuses", async () => {
    const host = setup(2000);
    const want = await readActiveSheet();
    host.resetCounters();
    // The budget fits the estimate, but the host's limit is smaller: the first chunk is refused, then halved.
    host.payloadLimit = 40_000;
    const got = await readActiveSheet(undefined, 100_000);
    expect(got).toEqual(want);
    expect(host.syncLog.some((s) => s.rejected === "response")).toBe(true);
    for (const s of host.syncLog.filter((x) => !x.rejected))
      expect(s.responseBytes).toBeLessThanOrEqual(40_000);
  });

  it("reports the rows read after each chunk, rising to the total", async () => {
    const host = setup(2000);
    host.payloadLimit = 40_000;
    const seen: [number, number][] = [];
    await readActiveSheet(undefined, 100_000, (done, total) => seen.push([done, total]));
    expect(seen.length).toBeGreaterThan(2);
    const total = seen[0][1];
    expect(seen.every(([, t]) => t === total)).toBe(true);
    expect(seen.every(([d], i) => i === 0 || d > seen[i - 1][0])).toBe(true);
    expect(seen[seen.length - 1][0]).toBe(total);
  });

  it("reports an empty sheet in Indonesian", async () => {
    installFakeExcel({ name: "Kosong", cells: [] });
    await expectAdapterError(readActiveSheet(), "empty", /kosong/);
  });

  it("refuses a used range above the cell limit before loading values", async () => {
    const host = installFakeExcel({ name: "Besar", cells: [] });
    host.sheet("Besar").cells.set("1999999,1", { value: 1 });
    host.resetCounters();
    await expectAdapterError(readActiveSheet(), "too-large", /Rentang terpakai terlalu besar/);
    expect(host.syncCount).toBe(1);
  });

  it("maps cell-edit mode to an Indonesian message", async () => {
    const host = setup(2);
    host.editMode = true;
    await expectAdapterError(readActiveSheet(), "edit-mode", /mode edit sel/);
  });
});

describe("applyPlan", () => {
  it("writes formulas and formats in <= 3 syncs, the same for 100 and 20,000 rows, each request < 5 MB", async () => {
    const counts: number[] = [];
    for (const n of [100, 20000]) {
      const host = setup(n);
      const progress: number[] = [];
      const plan = indicatorPlan(n);
      const rec = await applyPlan(plan, { onProgress: (d) => progress.push(d) });
      counts.push(host.syncCount);
      expect(rec.written).toBe(2 * n);
      expect(progress[progress.length - 1]).toBe(2 * n);
      for (const s of host.syncLog) expect(s.bytes).toBeLessThan(FIVE_MB);
      // The host recalculates what was written: the formula gives the plan's cached value.
      const f4 = plan.writes.find((w) => w.address === "F4");
      expect(host.cell("Data", "F4")).toEqual({
        value: f4?.value,
        formula: '=IFERROR(E4/D4*100,"")',
        numFmt: "0.00",
      });
      expect(host.cell("Data", `G${n + 3}`).formula).toMatch(/^=IF\(NOT\(ISNUMBER\(F/);
      expect(host.calcSuspensions).toBeGreaterThan(0);
      // Conditional formats on the predikat column and the legend.
      const cfs = host.sheet("Data").cfs;
      expect(cfs.map((c) => c.rule?.text)).toEqual(
        expect.arrayContaining(["ST", "T", "S", "R", "SR"])
      );
      expect(cfs.find((c) => c.rule?.text === "ST")?.address).toBe(`G4:G${n + 3}`);
      expect(host.cell("Data", "I4").formula).toBe("Predikat");
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(3);
  });

  it("splits writes into several requests when the payload is above the budget", async () => {
    const host = setup(2000);
    await applyPlan(valuePlan(2000), { maxRequestBytes: 20_000 });
    expect(host.syncLog.length).toBeGreaterThan(3);
    for (const s of host.syncLog) expect(s.bytes).toBeLessThan(25_000);
    expect(host.cell("Data", "F2003").value).toBe(valuePlan(2000).writes[3998].value);
  });

  it("restores every cell when a later request of a split write fails", async () => {
    const host = setup(2000);
    const before = host.snapshot("Data");
    host.failAtWrite(12);
    await expectAdapterError(
      applyPlan(valuePlan(2000), { maxRequestBytes: 20_000 }),
      "write-failed"
    );
    expect(host.snapshot("Data")).toEqual(before);
  });

  it("is all-or-nothing: a failure mid-write restores every cell", async () => {
    const host = setup(500);
    const before = host.snapshot("Data");
    host.failAtWrite(3); // 1st block's formats, formulas, then 2nd block's formats fails
    const err = await expectAdapterError(
      applyPlan(indicatorPlan(500)),
      "write-failed",
      /dikembalikan/
    );
    expect(err.messageEn).toMatch(/restored/);
    expect(host.snapshot("Data")).toEqual(before);
  });

  it("refuses a protected sheet and writes nothing", async () => {
    const grid = indicatorGrid(10);
    grid.protected = true;
    const host = installFakeExcel(grid);
    const before = host.snapshot("Data");
    host.resetCounters();
    await expectAdapterError(applyPlan(indicatorPlan(10)), "protected", /Lembar diproteksi/);
    expect(host.snapshot("Data")).toEqual(before);
    expect(host.syncLog.every((s) => s.writes === 0)).toBe(true);
  });

  it("refuses writes into merged cells and writes nothing", async () => {
    const grid = indicatorGrid(10);
    grid.merges.push({ top: 5, left: 5, bottom: 6, right: 5 });
    const host = installFakeExcel(grid);
    const before = host.snapshot("Data");
    await expectAdapterError(applyPlan(indicatorPlan(10)), "merge-conflict", /F7/);
    expect(host.snapshot("Data")).toEqual(before);
  });

  it("skips conflicts unless overwrite is on", async () => {
    const host = setup(3);
    const plan = indicatorPlan(3);
    const f4 = plan.writes.find((w) => w.address === "F4")!;
    const conflict = { ...f4, previous: { value: 99 } };
    host.sheet("Data").cells.set("3,5", { value: 99 });
    const p: WritePlan = {
      writes: plan.writes.filter((w) => w !== f4),
      conflicts: [conflict],
      notes: [],
    };
    await applyPlan(p);
    expect(host.cell("Data", "F4").value).toBe(99);
    await applyPlan(p, { overwrite: true, predikatFormats: false });
    expect(host.cell("Data", "F4").formula).toBe('=IFERROR(E4/D4*100,"")');
  });

  it("reports an empty plan", async () => {
    setup(3);
    await expectAdapterError(
      applyPlan({ writes: [], conflicts: [], notes: [] }),
      "nothing-to-write",
      /Tidak ada sel/
    );
  });
});

describe("undo", () => {
  it("restores formulas, values and number formats exactly and removes the conditional formats", async () => {
    const host = setup(300);
    host.sheet("Data").cells.set("10,5", { value: 12.5, formula: "E11/D11*100" });
    host.sheet("Data").formats.set("10,5", "0.0");
    const before = host.snapshot("Data");
    const plan = indicatorPlan(300);
    const rec = await applyPlan(plan, { overwrite: true });
    expect(host.snapshot("Data")).not.toEqual(before);
    host.resetCounters();
    await undo(rec);
    expect(host.snapshot("Data")).toEqual(before);
    expect(host.sheet("Data").cfs).toEqual([]);
    expect(host.syncCount).toBeLessThanOrEqual(3);
  });
});

function analysisFor(n: number): SheetAnalysis {
  const plan = indicatorPlan(n);
  return {
    tables: [
      {
        sheet: "Data",
        kind: "indikator",
        top: 1,
        left: 0,
        bottom: n + 2,
        right: 6,
        headerRows: [1],
        columnNumberRow: 2,
        columns: [
          { col: 0, role: "no", header: "No" },
          { col: 1, role: "indikator", header: "Indikator Kinerja" },
          { col: 2, role: "satuan", header: "Satuan" },
          { col: 3, role: "target", header: "Target" },
          { col: 4, role: "realisasi", header: "Realisasi" },
          { col: 5, role: "capaian", header: "Capaian (%)" },
          { col: 6, role: "predikat", header: "Predikat" },
        ],
        rows: Array.from({ length: n }, (_, i) => ({
          row: 3 + i,
          level: "indikator" as const,
          label: `Persentase layanan ${i + 1}`,
        })),
      },
    ],
    findings: [],
    plan,
    messages: [],
  };
}

describe("generateEvaluationSheet", () => {
  it("creates 'Evaluasi - Data' with references, summary, chart and narrative; undo deletes it", async () => {
    const host = setup(5);
    const rec = await generateEvaluationSheet(analysisFor(5));
    expect(rec.sheetName).toBe("Evaluasi - Data");
    expect(host.syncCount).toBeLessThanOrEqual(3);
    const s = "Evaluasi - Data";
    // Every cell of the engine's layout is written as laid out (the layout itself is the core's, tested there).
    const lay = layoutEvaluation(analysisFor(5), s, { columns: "shape" })!;
    lay.cells.forEach((row, r) =>
      row.forEach((v, c) => {
        const want = v === null || v === undefined ? "" : String(v);
        expect({ at: a1(r, c), f: host.cell(s, a1(r, c)).formula }).toEqual({
          at: a1(r, c),
          f: want.startsWith("'") ? want.slice(1) : want,
        });
      })
    );
    const chart = host.sheet(s).charts[0];
    expect(chart.type).toBe("ColumnClustered");
    expect(chart.series[1]).toMatchObject({ chartType: "Line" });
    expect(host.sheet(s).pageLayout).toEqual({
      orientation: "Landscape",
      paperSize: "A4",
      printTitleRows: `$${(lay.print?.repeatRows[0] ?? 0) + 1}:$${(lay.print?.repeatRows[1] ?? 0) + 1}`,
      // The table's printed columns (A-F; G, the hidden 100% reference, and the chart stay out).
      printArea: expect.stringMatching(/^A1:F\d+$/),
      // One page wide, as many tall as needed.
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    });
    expect(lay.print?.repeatRows).toBeDefined();
    expect(host.activeSheet.name).toBe(s);
    // A second one gets a unique name.
    const rec2 = await generateEvaluationSheet(analysisFor(5));
    expect(rec2.sheetName).toBe("Evaluasi - Data (2)");
    await undo(rec2);
    await undo(rec);
    expect(host.sheets.map((x) => x.name)).toEqual(["Data"]);
  });

  it("reports a sheet without a table", async () => {
    setup(1);
    await expectAdapterError(
      generateEvaluationSheet({
        tables: [],
        findings: [],
        plan: { writes: [], conflicts: [], notes: [] },
        messages: [],
      }),
      "no-table",
      /Tidak ditemukan tabel/
    );
  });

  it("uniqueSheetName keeps within 31 characters", () => {
    const long = "Tabel Evaluasi Rencana Kerja Perangkat Daerah";
    const n1 = uniqueSheetName(long, []);
    expect(n1.length).toBeLessThanOrEqual(31);
    const n2 = uniqueSheetName(long, [n1]);
    expect(n2.endsWith("(2)")).toBe(true);
    expect(n2.length).toBeLessThanOrEqual(31);
  });
});

describe("makePortable and selectCell", () => {
  it("replaces MONEV.* formulas by native ones and undo brings them back", async () => {
    const host = setup(3);
    host.sheet("Data").cells.set("3,5", { value: 60, formula: "MONEV.CAPAIAN(D4,E4)" });
    const before = host.snapshot("Data");
    const rep = await makePortable();
    expect(rep.replaced).toBe(1);
    expect(host.cell("Data", "F4").formula).not.toMatch(/MONEV/i);
    expect(host.syncCount).toBeLessThanOrEqual(4);
    await undo(rep.undo);
    expect(host.snapshot("Data")).toEqual(before);
  });

  it("selects a cell", async () => {
    const host = setup(3);
    await selectCell("Data", "E5");
    expect(host.selection).toEqual({ sheet: "Data", address: "E5" });
  });
});

describe("payload limit (Excel on the web: 5 MB per request and per response)", () => {
  it("the fake host refuses a request above the limit with RequestPayloadSizeLimitExceeded and runs none of it", async () => {
    const host = setup(3);
    host.payloadLimit = 1000;
    const before = host.snapshot("Data");
    const err = await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A1:A200").values = Array.from(
        { length: 200 },
        () => ["xxxxxxxx"]
      );
      await ctx.sync();
    }).then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string }
    );
    expect(err?.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(err?.message).toMatch(/request payload size has exceeded the limit/);
    expect(host.snapshot("Data")).toEqual(before);
  });

  it("the fake host refuses a response above the limit with ResponsePayloadSizeLimitExceeded", async () => {
    const host = setup(200);
    host.payloadLimit = 1000;
    const err = await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A1:G200").load("values");
      await ctx.sync();
    }).then(
      () => undefined,
      (e: unknown) => e as { code: string }
    );
    expect(err?.code).toBe("ResponsePayloadSizeLimitExceeded");
    expect(mapOfficeError(err).code).toBe("too-large");
  });

  it("fill, undo, generate and portable stay under a small limit (1,500 rows, 60 KB) and give the same result", async () => {
    const n = 1500;
    const limit = 60_000;
    const budget = 48_000;
    // Reference run without a limit.
    const ref = setup(n);
    ref.payloadLimit = Infinity;
    await applyPlan(valuePlan(n), { overwrite: true });
    const refFilled = ref.snapshot("Data");
    await generateEvaluationSheet(analysisFor(n));
    const refEval = ref.snapshot("Evaluasi - Data");

    const host = setup(n);
    host.sheet("Data").cells.set("3,5", { value: 60, formula: "MONEV.CAPAIAN(D4,E4)" });
    host.sheet("Data").cells.set("4,5", { value: 60, formula: "MONEV.CAPAIAN(D5,E5)" });
    const original = host.snapshot("Data");
    host.payloadLimit = limit;
    const check = () => {
      for (const s of host.syncLog) {
        expect(s.rejected).toBeUndefined();
        expect(s.requestBytes).toBeLessThanOrEqual(limit);
        expect(s.responseBytes).toBeLessThanOrEqual(limit);
      }
      host.resetCounters();
    };
    const grid = await readActiveSheet(undefined, budget);
    expect(grid.cells.length).toBe(n + 3);
    check();
    const rec = await applyPlan(valuePlan(n), { overwrite: true, maxRequestBytes: budget });
    check();
    expect(host.snapshot("Data").cells).toEqual(refFilled.cells);
    const gen = await generateEvaluationSheet(analysisFor(n), "id", undefined, undefined, budget);
    check();
    expect(host.snapshot("Evaluasi - Data")).toEqual(refEval);
    await undo(gen, budget);
    await undo(rec, budget);
    check();
    expect(host.snapshot("Data")).toEqual(original);
    const rep = await makePortable(budget);
    check();
    expect(rep.replaced).toBe(2);
    await undo(rep.undo, budget);
    check();
    expect(host.snapshot("Data")).toEqual(original);
  });

  it("deletes a half-written evaluation sheet when a later slice fails", async () => {
    const host = setup(1500);
    host.failAtWrite(4); // sheet added, first slice's formats and formulas, then the second slice fails
    await expectAdapterError(
      generateEvaluationSheet(analysisFor(1500), "id", undefined, undefined, 48_000),
      "unknown"
    );
    expect(host.sheets.map((x) => x.name)).toEqual(["Data"]);
  });
});

describe("older Excel (runtime checks with Office.context.requirements.isSetSupported)", () => {
  it.each([1, 7])(
    "ExcelApi 1.%i: read, fill, undo, generate, portable work without the newer APIs",
    async (version) => {
      const n = 50;
      const host = setup(n);
      host.sheet("Data").cells.set("3,7", { value: 60, formula: "MONEV.CAPAIAN(D4,E4)" });
      const original = host.snapshot("Data");
      host.apiVersion = version;
      const grid = await readActiveSheet();
      expect(grid.cells.length).toBe(n + 3);
      expect(grid.merges).toEqual([]); // merged areas need ExcelApi 1.13
      const plan = indicatorPlan(n);
      const rec = await applyPlan(plan);
      // No copyFrom (1.9): every formula written out, and the results are the same.
      for (const w of plan.writes.slice(0, 10))
        expect(host.cell("Data", w.address).formula).toBe(`=${w.formula}`);
      expect(host.cell("Data", `G${n + 3}`).formula).toBe(
        `=${plan.writes[plan.writes.length - 1].formula}`
      );
      if (version < 6) expect(host.sheet("Data").cfs).toEqual([]);
      else expect(host.sheet("Data").cfs.length).toBeGreaterThan(0);
      const gen = await generateEvaluationSheet(analysisFor(n));
      expect(host.sheets.map((s) => s.name)).toContain("Evaluasi - Data");
      await undo(gen);
      await undo(rec);
      expect(host.sheets.map((s) => s.name)).toEqual(["Data"]);
      expect(host.snapshot("Data")).toEqual(original);
      const rep = await makePortable();
      expect(rep.replaced).toBe(1);
      await undo(rep.undo);
      expect(host.snapshot("Data")).toEqual(original);
    }
  );

  it("ExcelApi 1.1: an empty sheet is reported as empty", async () => {
    const host = installFakeExcel({ name: "Kosong", cells: [] });
    host.apiVersion = 1;
    await expectAdapterError(readActiveSheet(), "empty", /kosong/);
  });
});
