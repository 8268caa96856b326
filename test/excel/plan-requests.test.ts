/** The pure request planner: sizes, batching, conflicts, legend, undo record, portable runs. */
import {
  ReadSizer,
  cfBytes,
  chunkByBytes,
  jsonBytes,
  evaluationFormattingBytes,
  planEvaluationBody,
  planFill,
  planFillWrites,
  planPortable,
  planRestore,
  rowsPerRead,
  splitBlock,
  utf8Bytes,
  writeBlock,
} from "../../src/excel/plan-requests";
import type { SpanRead } from "../../src/excel/plan-requests";
import { AdapterError } from "../../src/excel/errors";
import { toPortableFormula } from "../../src/core/engine/portable";
import * as evaluationSheet from "../../src/core/engine/evaluation-sheet";
import { DEFAULT_PREDIKAT_CODES, isPredikatWrite } from "../../src/excel/plan-requests";
import type { EvaluationLayout } from "../../src/core/engine/evaluation-sheet";
import { indicatorPlan } from "./helpers";
import { SCALES, type Scale } from "../../src/core/predikat";
import { bandStyle } from "../../src/core/scale-style";

function emptyReads(fp: ReturnType<typeof planFill>, merges: SpanRead["merges"] = []): SpanRead[] {
  return fp.spans.map((span) => {
    const h = span.bottom - span.top + 1;
    return {
      span,
      formulas: Array.from({ length: h }, () => [""]),
      numberFormat: Array.from({ length: h }, () => ["General"]),
      merges,
    };
  });
}

describe("sizes", () => {
  it("counts UTF-8 bytes (what goes over the wire), not UTF-16 units", () => {
    expect(utf8Bytes("abc")).toBe(3);
    expect(utf8Bytes("≥ 90")).toBe(6);
    expect(utf8Bytes("é")).toBe(2);
    expect(utf8Bytes("😀")).toBe(4);
    expect(jsonBytes([["Capaian ≥ 100%"]])).toBe(
      Buffer.byteLength(JSON.stringify([["Capaian ≥ 100%"]]))
    );
  });

  it("rowsPerRead and ReadSizer: the next chunk follows the densest chunk measured", () => {
    expect(rowsPerRead(10, 100, 1_000_000)).toBe(1000);
    const s = new ReadSizer(10, 1_000_000, 100);
    expect(s.nextRows()).toBe(1000);
    s.observe(1000, 200_000); // 20 bytes/cell measured -> 25 with margin
    expect(s.nextRows()).toBe(4000);
    s.observe(4000, 3_200_000); // denser: 80 -> 100 with margin
    expect(s.nextRows()).toBe(1000);
    s.observe(1000, 10_000); // a sparse chunk does not undo what was learnt
    expect(s.nextRows()).toBe(1000);
  });
});

describe("write batching", () => {
  it("splitBlock cuts a dense block into slices that each fit the budget, whatever the row sizes", () => {
    const rows = Array.from({ length: 500 }, (_, i) => [
      i % 50 === 0 ? "x".repeat(5000) : `=A${i + 1}*2`,
    ]);
    const b = writeBlock("S", "C1:C500", rows, []);
    const parts = splitBlock(b, 20_000);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.bytes).toBeLessThanOrEqual(20_000);
    expect(parts.flatMap((p) => p.formulas)).toEqual(rows);
    expect(parts[0].address).toMatch(/^C1:C\d+$/);
    expect(parts[parts.length - 1].address).toMatch(/:C500$/);
  });

  it("chunkByBytes keeps order and the budget", () => {
    const items = [5, 5, 5, 9, 1, 1].map((bytes, i) => ({ bytes, i }));
    const out = chunkByBytes(items, 10);
    expect(out.map((b) => b.map((x) => x.i))).toEqual([[0, 1], [2], [3, 4], [5]]);
  });
});

describe("fill planning", () => {
  it("plans a legend two columns right of the writes and the conditional formats", () => {
    const fp = planFill(indicatorPlan(10));
    expect(fp.spans.map((s) => s.col)).toEqual([5, 6]);
    const n = fp.labels.length;
    expect(fp.legend).toMatchObject({ sheet: "Data", col: 8, top: 3, address: `I4:J${4 + n}` });
    const req = planFillWrites(fp, emptyReads(fp), [], {
      formulas: Array.from({ length: n + 1 }, () => ["", ""]),
      numberFormat: Array.from({ length: n + 1 }, () => ["General", "General"]),
      merged: false,
    });
    expect(req.cfRanges.map((c) => c.address)).toEqual(["G4:G13", `I5:I${4 + n}`]);
    // Longest label first ('ST' before 'S': the rules are 'begins with').
    const labels = req.rules.map((r) => r.label);
    expect(labels).toEqual([...labels].sort((x, y) => y.length - x.length || x.localeCompare(y)));
    // Formulas copied down: one cell each plus the number formats of F.
    const blocks = req.batches.flat();
    expect(blocks.filter((b) => b.fillDown).map((b) => b.address)).toEqual(["F4:F13", "G4:G13"]);
    expect(blocks.find((b) => b.address === `I4:J${4 + n}`)?.formulas[0]).toEqual([
      "Predikat",
      "Keterangan",
    ]);
    // Undo backs up both spans and the legend.
    expect(req.record.blocks.map((b) => b.address)).toEqual(["F4:F13", "G4:G13", `I4:J${4 + n}`]);
  });

  it("colours and explains the labels from the sheet's scale (SAKIP 'B' is not Permendagri 'T')", () => {
    const plan = indicatorPlan(2);
    const pred = plan.writes.filter((w) => w.rule === "predikat");
    pred[0].value = "AA";
    pred[1].value = "B";
    const legendCells = (scale?: Scale) => {
      const fp = planFill(plan, { scale });
      const n = fp.labels.length;
      const req = planFillWrites(fp, emptyReads(fp), [], {
        formulas: Array.from({ length: n + 1 }, () => ["", ""]),
        numberFormat: Array.from({ length: n + 1 }, () => ["General", "General"]),
        merged: false,
      });
      const legend = req.batches.flat().find((b) => b.address === fp.legend?.address);
      return { legend: legend?.formulas.slice(1), rules: req.rules };
    };
    const sakip = legendCells(SCALES.sakip);
    expect(sakip.legend).toEqual([
      ["AA", "Sangat Memuaskan"],
      ["B", "Baik"],
    ]);
    expect(sakip.rules.find((r) => r.label === "B")?.fill).toBe(bandStyle(SCALES.sakip, 3).fill);
    // Without the scale the label alone decides: 'B' reads as Baik / Tinggi, green.
    const byLabel = legendCells();
    expect(byLabel.rules.find((r) => r.label === "B")?.fill).not.toBe(
      bandStyle(SCALES.sakip, 3).fill
    );
  });

  it("leaves the legend out (with a note) when its cells are not empty", () => {
    const fp = planFill(indicatorPlan(3));
    const req = planFillWrites(fp, emptyReads(fp), [], {
      formulas: [
        ["x", ""],
        ["", ""],
        ["", ""],
        ["", ""],
        ["", ""],
        ["", ""],
      ],
      numberFormat: [],
      merged: false,
    });
    expect(req.record.notes[0]).toMatch(/Legenda predikat tidak ditulis/);
    expect(req.cfRanges.map((c) => c.address)).toEqual(["G4:G6"]);
  });

  it("refuses a protected sheet and a write inside a merged area, before planning any write", () => {
    const fp = planFill(indicatorPlan(5));
    expect(() => planFillWrites(fp, emptyReads(fp), ["Data"])).toThrow(/Lembar diproteksi/);
    try {
      planFillWrites(fp, emptyReads(fp, [{ top: 4, left: 5, bottom: 5, right: 6 }]), []);
      throw new Error("no error");
    } catch (e) {
      expect(e).toBeInstanceOf(AdapterError);
      expect((e as AdapterError).code).toBe("merge-conflict");
      expect((e as AdapterError).message).toMatch(/Data!F6/);
    }
  });

  it("keeps every batch under the budget, with room for the conditional formats", () => {
    const plan = indicatorPlan(3000);
    const values = { ...plan, writes: plan.writes.map((w) => ({ ...w, formula: undefined })) };
    const fp = planFill(values);
    const req = planFillWrites(fp, emptyReads(fp), [], undefined, 30_000);
    expect(req.batches.length).toBeGreaterThan(3);
    for (const b of req.batches)
      expect(b.reduce((n, x) => n + x.bytes, 0)).toBeLessThanOrEqual(30_000);
    const last = req.batches[req.batches.length - 1];
    expect(
      last.reduce((n, x) => n + x.bytes, 0) + cfBytes(req.cfRanges.length, req.rules.length)
    ).toBeLessThanOrEqual(30_000);
  });

  it("restore plan writes the backups back in order, under the budget", () => {
    const fp = planFill(indicatorPlan(2000));
    const req = planFillWrites(fp, emptyReads(fp), [], undefined);
    const batches = planRestore(req.record, 10_000);
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) expect(b.reduce((n, x) => n + x.bytes, 0)).toBeLessThanOrEqual(10_000);
    expect(batches.flat().reduce((n, b) => n + b.formulas.length, 0)).toBe(4000);
  });
});

describe("evaluation sheet and portable planning", () => {
  it.each([7, 11])(
    "cuts the evaluation table (%i columns) into row slices under the budget, as wide as its columns",
    (width) => {
      const n = 2000;
      const cells = Array.from({ length: n }, (_, r) =>
        Array.from(
          { length: width },
          (_, c) => `=IF(ISBLANK('Sheet with a long name'!${"ABCDEFGHIJK"[c]}${r + 1}),"",1)`
        )
      );
      const lay = {
        sheetName: "Evaluasi - X",
        cells,
        numberFormat: cells.map((row) => row.map(() => "General")),
        firstDataRow: 3,
        lastDataRow: n - 5,
        summaryRow: n - 4,
        narrativeRow: n - 1,
        labels: [],
        columns: cells[0].map((_, c) => ({ key: "label", header: `H${c}`, width: 10 })),
      } as unknown as EvaluationLayout;
      const batches = planEvaluationBody(lay, 100_000);
      expect(batches.length).toBeGreaterThan(5);
      for (const b of batches)
        expect(b.reduce((s, x) => s + x.bytes, 0)).toBeLessThanOrEqual(100_000);
      expect(batches.flat().flatMap((b) => b.formulas)).toEqual(cells);
      const last = "ABCDEFGHIJK"[width - 1];
      for (const b of batches.flat()) expect(b.address).toMatch(new RegExp(`^A\\d+:${last}\\d+$`));
    }
  );

  it("reserves room for the formatting of a wide sheet with many labels and a signature", () => {
    const lay = {
      sheetName: "Evaluasi - X",
      cells: [["x"]],
      numberFormat: [["General"]],
      labels: Array.from({ length: 12 }, (_, i) => `Predikat panjang nomor ${i}`),
      columns: Array.from({ length: 11 }, () => ({ key: "label", header: "H", width: 10 })),
      signature: { row: 0, rows: 8, col: 7, span: 3, nameRow: 6 },
    } as unknown as EvaluationLayout;
    const plain = { ...lay, labels: [], columns: lay.columns.slice(0, 7), signature: undefined };
    // 11 columns, 12 labels, a signature: more than the 7-column sheet needs.
    expect(evaluationFormattingBytes(lay)).toBeGreaterThan(
      evaluationFormattingBytes(plain as EvaluationLayout) + 12 * 7 * 150
    );
  });

  it("groups replaced MONEV formulas into column runs and skips protected sheets", () => {
    const f = [
      ["x", "=MONEV.CAPAIAN(A1,A2)"],
      ["x", "=MONEV.CAPAIAN(A2,A3)"],
      ["x", "=SUM(A1)"],
      ["x", "=MONEV.CAPAIAN(A4,A5)"],
    ];
    const values = f.map(() => [1, 50]);
    const plan = planPortable(
      [
        { name: "S", protected: false, row0: 0, col0: 0, formulas: f, values },
        {
          name: "P",
          protected: true,
          row0: 0,
          col0: 0,
          formulas: [["=MONEV.CAPAIAN(A1,A2)"]],
          values: [[1]],
        },
      ],
      toPortableFormula
    );
    expect(plan.replaced).toBe(3);
    expect(plan.undo.blocks.map((b) => b.address)).toEqual(["B1:B2", "B4"]);
    expect(plan.batches.flat().map((b) => b.address)).toEqual(["B1:B2", "B4"]);
    expect(plan.failed).toEqual([expect.objectContaining({ sheet: "P", address: "A1" })]);
  });
});

describe("copies of core helpers (kept out of the pane's bundle)", () => {
  it("agree with core/engine/evaluation-sheet", () => {
    expect(DEFAULT_PREDIKAT_CODES).toEqual(evaluationSheet.DEFAULT_PREDIKAT);
    for (const w of [
      { rule: "predikat", isHeader: false },
      { rule: "predikat-rkpd", isHeader: true },
      { rule: "capaian" },
      { rule: "Predikat kinerja" },
    ]) {
      const pw = { sheet: "S", row: 0, col: 0, address: "A1", value: null, ...w };
      expect(isPredikatWrite(pw)).toBe(evaluationSheet.isPredikatWrite(pw));
    }
  });
});
