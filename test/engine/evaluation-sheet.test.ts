/**
 * Issue 9, item 2: the evaluation sheet per shape. Each shape gets the columns an evaluator checks
 * (indicator tables: target, realisation, capaian, predikat; Tabel I.15: keuangan and fisik with
 * their capaian; Banjarmasin 3.3: keuangan next to fisik; RKPD / E.81: K and Rp), every data row's
 * cached values are the summary model's and the source's figures, and the optional signature
 * block sits under the narrative.
 */
import { e81Grid, seedGrids } from "../../scripts/samples/seed-to-grid";
import { analyseSheet, applyPlanToGrid, summarise } from "../../src/core/engine";
import {
  layoutEvaluation,
  signatureLines,
  type EvaluationLayout,
} from "../../src/core/engine/evaluation-sheet";
import type { SheetAnalysis, SheetGrid } from "../../src/core/engine/types";

const SEEDS = seedGrids();

function seed(id: string): SheetGrid {
  const s = SEEDS.find((x) => x.id === id);
  if (!s) throw new Error(`seed ${id} missing`);
  return s.emptied;
}

function build(grid: SheetGrid, opts: Parameters<typeof layoutEvaluation>[2] = {}) {
  const a = analyseSheet(grid);
  const after = applyPlanToGrid(grid, a.plan);
  const lay = layoutEvaluation(a, "Evaluasi - x", { source: after, columns: "shape", ...opts });
  if (!lay?.values) throw new Error("no layout");
  return { a, after, lay, values: lay.values, s: summarise(a) };
}

/** The data rows (numbered), as [cells, cached values]. */
function dataRows(lay: EvaluationLayout): { cells: unknown[]; values: unknown[] }[] {
  const out: { cells: unknown[]; values: unknown[] }[] = [];
  for (let r = lay.firstDataRow; r <= lay.lastDataRow; r++)
    if (typeof lay.values?.[r][0] === "number")
      out.push({ cells: lay.cells[r], values: lay.values[r] });
  return out;
}

/** The source cell a column's reference formula reads, e.g. "'Tabel I.15'!D14" -> [13, 3]. */
function refOf(formula: unknown): [number, number] | undefined {
  const m = /!\$?([A-Z]+)\$?(\d+)\)$/.exec(String(formula));
  if (!m) return undefined;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return [Number(m[2]) - 1, col];
}

/** Every data row: the rated column is the model's capaian, the predikat its label, other figures the source's. */
function expectRowsMatch(
  lay: EvaluationLayout,
  s: ReturnType<typeof summarise>,
  after: SheetGrid
): void {
  const rows = dataRows(lay);
  expect(rows).toHaveLength(s.rowsEvaluated);
  rows.forEach(({ cells, values }, i) => {
    const fig = s.indicators[i];
    expect(values[lay.capaianCol]).toBe(fig.capaian);
    expect(values[lay.predikatCol]).toBe(fig.predikat ?? "");
    expect(values[0]).toBe(i + 1);
    lay.columns.forEach((c, k) => {
      if (k === lay.capaianCol || k === lay.predikatCol || c.key === "no" || c.key === "acuan")
        return;
      const at = refOf(cells[k]);
      if (!at) return;
      // A reference shows the source cell as the plan leaves it.
      expect(at[0]).toBe(fig.row);
      const v = after.cells[at[0]]?.[at[1]]?.value;
      expect(values[k]).toEqual(v === null || v === undefined ? "" : v);
    });
  });
}

const keys = (lay: EvaluationLayout) => lay.columns.map((c) => c.key);

describe("the evaluation sheet's columns per shape", () => {
  it("an indicator table (LKjIP / PK / IKU): target, realisasi, capaian, predikat, in the pane's places", () => {
    const { lay, s, after } = build(seed("pk-iku"));
    expect(keys(lay)).toEqual([
      "no",
      "label",
      "target",
      "realisasi",
      "capaian",
      "predikat",
      "acuan",
    ]);
    expect(lay.columns.map((c) => c.header)).toEqual([
      "No",
      "Sasaran / Indikator",
      "Target",
      "Realisasi",
      "Capaian (%)",
      "Predikat",
      "Acuan 100%",
    ]);
    expect([lay.capaianCol, lay.predikatCol, lay.acuanCol]).toEqual([4, 5, 6]);
    expect(lay.cells.every((r) => r.length === 7)).toBe(true);
    expectRowsMatch(lay, s, after);
  });

  it("Tabel I.15: DPA, realisasi Rp and capaian keuangan (8 = 5:4), target and realisasi fisik (11), rated on fisik", () => {
    const { lay, s, after, a } = build(seed("tabel-i15"));
    expect(keys(lay)).toEqual([
      "no",
      "label",
      "target-rp",
      "realisasi-rp",
      "capaian-rp",
      "target-fisik",
      "realisasi-fisik",
      "predikat",
      "acuan",
    ]);
    expect(lay.columns[4].header).toBe("Capaian keuangan (%)");
    expect(keys(lay)[lay.capaianCol]).toBe("realisasi-fisik");
    // The sub kegiatan are the rows (22), each under its kegiatan.
    expect(s.rowsEvaluated).toBe(22);
    expect(s.unit).toBe("sub kegiatan");
    expectRowsMatch(lay, s, after);
    const rows = dataRows(lay);
    // Capaian keuangan is what the table computes in column H (8 = 5:4), never the rated figure.
    for (const { cells, values } of rows) {
      expect(String(cells[4])).toMatch(/!H\d+\)$/);
      const at = refOf(cells[4]) as [number, number];
      const w = a.plan.writes.find((x) => x.row === at[0] && x.col === 7);
      expect(values[4]).toBe(w?.value);
      expect(String(cells[6])).toMatch(/!K\d+/);
    }
    const first = rows[0].values;
    expect(first.slice(1, 7)).toEqual([
      "Penyediaan Gaji dan Tunjangan ASN",
      4261518975,
      3976492148,
      (3976492148 / 4261518975) * 100,
      100,
      100,
    ]);
    // Grouped under the kegiatan, not under nameless program rows.
    expect(lay.values?.[lay.headingRows?.[0] ?? -1]?.[1]).toBe(
      "Administrasi Keuangan Perangkat Daerah"
    );
    expect(lay.headingRows?.length).toBe(11);
  });

  it("Banjarmasin 3.3: rencana, realisasi and capaian keuangan next to rencana and realisasi fisik", () => {
    const { lay, s, after } = build(seed("banjarmasin-3-3"));
    expect(keys(lay)).toEqual([
      "no",
      "label",
      "target-rp",
      "realisasi-rp",
      "capaian-rp",
      "target-fisik",
      "realisasi-fisik",
      "predikat",
      "acuan",
    ]);
    expect(lay.columns.slice(2, 7).map((c) => c.header)).toEqual([
      "Rencana keuangan (Rp)",
      "Realisasi keuangan (Rp)",
      "Capaian keuangan (%)",
      "Rencana fisik (%)",
      "Realisasi fisik (%)",
    ]);
    // Rated on the table's "Realisasi / Fisik (%)" column F, as the summary is.
    expect(keys(lay)[lay.capaianCol]).toBe("realisasi-fisik");
    expectRowsMatch(lay, s, after);
    // The table prints no capaian keuangan: the sheet computes it from its own C and D.
    let computed = 0;
    dataRows(lay).forEach(({ cells, values }, i) => {
      expect(String(cells[4])).toMatch(/^=IF\(AND\(ISNUMBER\(D(\d+)\),ISNUMBER\(C\1\)\)/);
      const [rencana, realisasi] = [values[2], values[3]];
      if (typeof rencana === "number" && typeof realisasi === "number" && rencana !== 0) {
        expect(values[4]).toBe((realisasi / rencana) * 100);
        // The rule fills F the same way in this table: both agree with the summary.
        expect(values[4]).toBeCloseTo(s.indicators[i].capaian, 9);
        computed++;
      } else expect(values[4]).toBe("");
    });
    expect(computed).toBeGreaterThan(40);
    // '0,-' (a text realisation) stays as printed.
    expect(dataRows(lay)[1].values[3]).toBe("0,-");
    // Sub kegiatan under their kegiatan.
    expect(lay.values?.[lay.headingRows?.[0] ?? -1]?.[1]).toMatch(/^Kegiatan Perencanaan/);
  });

  for (const [id, grid] of [
    ["RKPD", () => seed("rkpd-2022")],
    ["E.81", () => e81Grid()],
  ] as const) {
    it(`${id}: K (target, realisasi, capaian) and Rp (target, realisasi, capaian) side by side; Rp never in the average`, () => {
      const { lay, s, after, a } = build(grid());
      expect(keys(lay)).toEqual([
        "no",
        "label",
        "target",
        "realisasi",
        "capaian",
        "target-rp",
        "realisasi-rp",
        "capaian-rp",
        "predikat",
        "acuan",
      ]);
      expect(lay.columns.map((c) => c.header).slice(2, 8)).toEqual([
        "Target K",
        "Realisasi K",
        "Capaian K (%)",
        "Target Rp",
        "Realisasi Rp",
        "Capaian Rp (%)",
      ]);
      expect(lay.capaianCol).toBe(4);
      expectRowsMatch(lay, s, after);
      const rows = dataRows(lay);
      // Rp capaian is the form's own (rkpd.capaian-rp / kolom-13 Rp), on the rows that hold one.
      const withRp = rows.filter((r) => typeof r.values[7] === "number");
      expect(withRp.length).toBeGreaterThan(3);
      for (const { cells, values } of withRp) {
        const at = refOf(cells[7]) as [number, number];
        const w = a.plan.writes.find((x) => x.row === at[0] && x.col === at[1]);
        if (w) expect(values[7]).toBe(w.value);
        // Another source column than the K capaian.
        expect(String(cells[4])).not.toContain(
          String(cells[7]).replace(/^.*!/, "!").replace(/\)$/, "")
        );
      }
      // The summary rows carry the K figures only.
      for (let r = lay.summaryRow; r < lay.narrativeRow - 1; r++)
        expect(lay.values?.[r].filter((v, c) => c > 1 && v !== "")).toHaveLength(1);
      const kMean = rows.reduce((x, r) => x + (r.values[4] as number), 0) / rows.length;
      expect(lay.values?.[lay.summaryRow][4]).toBeCloseTo(kMean, 9);
    });
  }

  it("compact (the default, what the pane reads today): seven columns A-G for every shape", () => {
    for (const id of ["tabel-i15", "banjarmasin-3-3", "rkpd-2022"]) {
      const { lay, s, after } = build(seed(id), { columns: "compact" });
      expect(keys(lay)).toEqual([
        "no",
        "label",
        "target",
        "realisasi",
        "capaian",
        "predikat",
        "acuan",
      ]);
      expect([lay.capaianCol, lay.predikatCol, lay.acuanCol]).toEqual([4, 5, 6]);
      expect(lay.cells.every((r) => r.length === 7)).toBe(true);
      expectRowsMatch(lay, s, after);
    }
    const a = analyseSheet(seed("rkpd-2022"));
    expect(layoutEvaluation(a, "x")?.columns).toHaveLength(7);
  });

  it("labels in English with lang en", () => {
    const { lay } = build(seed("tabel-i15"), { lang: "en" });
    expect(lay.columns.map((c) => c.header)).toContain("Financial achievement (%)");
    expect(lay.columns[1].header).toBe("Programme / Activity / Sub-activity");
  });
});

describe("the signature block", () => {
  const full = {
    place: "Banjarmasin",
    date: "31 Desember 2022",
    position: "Kepala Dinas",
    name: "Drs. H. Contoh Nama, M.Si",
    nip: "19700101 199003 1 001",
  };
  const texts = (lay: EvaluationLayout) => {
    const sig = lay.signature;
    if (!sig) return [];
    return lay.cells.slice(sig.row, sig.row + sig.rows).map((r) => r[sig.col]);
  };

  it("under the narrative, in the right-hand columns: place, date / position / room to sign / name / NIP", () => {
    const { lay } = build(seed("pk-iku"), { signature: full });
    const sig = lay.signature;
    expect(sig).toBeDefined();
    if (!sig) return;
    const narrativeEnd = lay.narrativeRow + (lay.narrativeRows ?? 1);
    expect(sig.row).toBe(narrativeEnd + 1);
    expect(sig.row + sig.rows).toBe(lay.cells.length);
    // Printed columns A-F (G is the chart's reference): the block takes D-F.
    expect([sig.col, sig.span]).toEqual([3, 3]);
    expect(texts(lay)).toEqual([
      "Banjarmasin, 31 Desember 2022",
      "Kepala Dinas",
      "",
      "",
      "",
      "Drs. H. Contoh Nama, M.Si",
      "NIP. 19700101 199003 1 001",
    ]);
    expect(sig.nameRow).toBe(sig.row + 5);
    // Nothing else on those rows; the cached values are the texts.
    for (let r = sig.row; r < sig.row + sig.rows; r++) {
      expect(lay.cells[r].filter((v, c) => c !== sig.col && v !== "")).toEqual([]);
      expect(lay.values?.[r][sig.col]).toBe(lay.cells[r][sig.col]);
    }
  });

  it("a wider sheet puts it under its last printed columns", () => {
    const { lay } = build(seed("rkpd-2022"), { signature: full });
    expect(lay.signature).toMatchObject({ col: 6, span: 3 });
    expect(lay.acuanCol).toBe(9);
  });

  it("omitted fields leave no empty lines", () => {
    expect(signatureLines({ name: "Budi", nip: "1970" })).toEqual([
      { text: "" },
      { text: "" },
      { text: "" },
      { text: "Budi", name: true },
      { text: "NIP. 1970" },
    ]);
    expect(signatureLines({ date: "1 Januari 2027" })).toEqual([{ text: "1 Januari 2027" }]);
    expect(signatureLines({ place: " Sukabumi ", position: "Kepala  Bappeda" })).toEqual([
      { text: "Sukabumi" },
      { text: "Kepala Bappeda" },
      { text: "" },
      { text: "" },
      { text: "" },
    ]);
    const { lay } = build(seed("pk-iku"), { signature: { place: "Sukabumi", nip: "123" } });
    expect(texts(lay)).toEqual(["Sukabumi", "NIP. 123"]);
    expect(lay.signature?.nameRow).toBeUndefined();
  });

  it("no option or only empty fields: no block, the sheet ends with the narrative", () => {
    for (const signature of [undefined, {}, { name: "  ", nip: "" }]) {
      const { lay } = build(seed("pk-iku"), { signature });
      expect(lay.signature).toBeUndefined();
      expect(lay.cells.length).toBe(lay.narrativeRow + (lay.narrativeRows ?? 1));
    }
  });

  it("without a source the layout still places it (the pane's first layout)", () => {
    const a: SheetAnalysis = analyseSheet(seed("pk-iku"));
    const lay = layoutEvaluation(a, "Evaluasi - x", { signature: full });
    expect(lay?.signature?.rows).toBe(7);
    expect(lay?.values).toBeUndefined();
  });
});
