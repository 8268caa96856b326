/** @jest-environment jsdom */
/** The pane's choices: table picker, cap (batas), quarter type, signature fields. */
import "@testing-library/jest-dom";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { ready, renderPane } from "./render";
import { indicatorGrid } from "../excel/helpers";
import { analyseSheet } from "../../src/core/engine";
import { rkpdGrid } from "../../scripts/samples/seed-to-grid";
import type { SheetGrid } from "../../src/core/engine/types";
import { batasOf, loadSignature, signatureOf } from "../../src/taskpane/App";

/** Two identical indicator tables, one empty row apart (rows 1-6 and 8-13). */
function twoTables(): SheetGrid {
  const a = indicatorGrid(3);
  const shift = a.cells.length + 1;
  return {
    name: "Data",
    cells: [...a.cells, [], ...indicatorGrid(3).cells],
    merges: [
      ...a.merges,
      ...a.merges.map((m) => ({ ...m, top: m.top + shift, bottom: m.bottom + shift })),
    ],
  };
}

const fillCount = () => screen.getByText(/^\d+ sel akan diisi/).textContent;

describe("table picker", () => {
  it("fills, summarises and generates from the picked table only; 'Semua tabel' fills both", async () => {
    const grid = twoTables();
    expect(analyseSheet(grid).tables).toHaveLength(2);
    const { host } = renderPane(grid);
    await ready();
    const picker = screen.getByRole("combobox", { name: "Tabel yang dikerjakan" });
    const options = within(picker)
      .getAllByRole("option")
      .map((o) => o.textContent);
    expect(options).toEqual([
      expect.stringMatching(/^Tabel 1: A1:G6 /),
      expect.stringMatching(/^Tabel 2: A8:G13 /),
      "Semua tabel (hanya untuk Isi)",
    ]);
    expect(picker).toHaveValue("0");
    expect(screen.getByTestId("table-range")).toHaveTextContent("A1:G6");
    // Table 1 alone: 3 capaian + 3 predikat.
    expect(fillCount()).toBe("6 sel akan diisi dengan rumus Excel.");
    expect(screen.getByTestId("summary").textContent).toMatch(/3 indikator/);

    fireEvent.change(picker, { target: { value: "all" } });
    await waitFor(() => expect(fillCount()).toBe("12 sel akan diisi dengan rumus Excel."));
    expect(screen.getByTestId("all-tables")).toBeInTheDocument();
    expect(screen.queryByTestId("summary")).toBeNull();
    expect(screen.getByRole("button", { name: "Buat lembar evaluasi" })).toBeDisabled();

    fireEvent.change(picker, { target: { value: "1" } });
    await waitFor(() => expect(screen.getByTestId("table-range")).toHaveTextContent("A8:G13"));
    await waitFor(() => expect(fillCount()).toBe("6 sel akan diisi dengan rumus Excel."));
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    await screen.findByText(/6 sel diisi/, {}, { timeout: 15_000 });
    expect(host.cell("Data", "F4").formula ?? "").toBe("");
    expect(host.cell("Data", "F11").formula).toMatch(/^=IF\(AND\(ISNUMBER\(D11\)/);
    // The rescan after the fill keeps the picked table.
    await waitFor(() =>
      expect(screen.getByRole("combobox", { name: "Tabel yang dikerjakan" })).toHaveValue("1")
    );
  });

  it("shows no picker for a sheet with one table", async () => {
    renderPane(indicatorGrid(3));
    await ready();
    expect(screen.queryByRole("combobox", { name: "Tabel yang dikerjakan" })).toBeNull();
  });
});

describe("cap (batas)", () => {
  it("parses the choice", () => {
    expect(batasOf("", "")).toBeUndefined();
    expect(batasOf("100", "")).toBe(100);
    expect(batasOf("custom", "110,5")).toBe(110.5);
    expect(batasOf("custom", "abc")).toBeUndefined();
    expect(batasOf("custom", "-5")).toBeUndefined();
  });

  it("writes capped capaian formulas", async () => {
    const { host } = renderPane(indicatorGrid(3));
    await ready();
    const before = fillCount();
    fireEvent.change(screen.getByRole("combobox", { name: "Batas capaian" }), {
      target: { value: "custom" },
    });
    fireEvent.change(screen.getByRole("textbox", { name: "Batas lain" }), {
      target: { value: "abc" },
    });
    expect(screen.getByText("Bukan angka positif: capaian tidak dibatasi.")).toBeInTheDocument();
    fireEvent.change(screen.getByRole("textbox", { name: "Batas lain" }), {
      target: { value: "110" },
    });
    expect(screen.queryByText(/Bukan angka positif/)).toBeNull();
    await waitFor(
      () => expect(screen.getByRole("button", { name: "Isi kolom evaluasi" })).toBeEnabled(),
      { timeout: 15_000 }
    );
    expect(fillCount()).toBe(before);
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    await screen.findByText(/sel diisi/, {}, { timeout: 15_000 });
    expect(host.cell("Data", "F4").formula).toMatch(/^=.*MIN\(110,E4\/D4\*100\)/);
  });
});

describe("quarter type", () => {
  /** The RKPD sample with one indicator worded as a rate (a 'last quarter' suggestion). */
  function rateGrid(): { grid: SheetGrid; row: number } {
    const grid = rkpdGrid(40);
    const analysis = analyseSheet(grid);
    const t = analysis.tables[0];
    const ind = t.columns.find((c) => c.role === "indikator")!.col;
    const written = new Set(analysis.plan.writes.map((w) => w.row));
    const row = t.rows.find((r) => r.level === "indikator" && written.has(r.row))!.row;
    grid.cells[row][ind] = { value: "Persentase cakupan layanan air bersih" };
    return { grid, row };
  }

  it("shows the engine's suggestion per row without applying it, and applies a chosen type", async () => {
    const { grid, row } = rateGrid();
    const { host } = renderPane(grid);
    await ready();
    const select = screen.getByRole("combobox", {
      name: new RegExp(`^Triwulan: ${row + 1}\\. Persentase cakupan.*saran: Triwulan terakhir`),
    });
    expect(select).toHaveValue("");
    const sumWrites = analyseSheet(grid).plan.writes.filter((w) => w.row === row);
    const lastWrites = analyseSheet(grid, {
      quarterType: { rows: { [row]: "last" } },
    }).plan.writes.filter((w) => w.row === row);
    const changed = lastWrites.find(
      (w) => sumWrites.find((x) => x.address === w.address)?.formula !== w.formula
    )!;
    expect(changed.formula).toMatch(/^IF\(ISNUMBER/);
    fireEvent.change(select, { target: { value: "last" } });
    await waitFor(
      () => expect(screen.getByRole("button", { name: "Isi kolom evaluasi" })).toBeEnabled(),
      { timeout: 15_000 }
    );
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    await screen.findByText(/sel diisi/, {}, { timeout: 15_000 });
    expect(host.cell(grid.name, changed.address).formula).toBe(`=${changed.formula}`);
  });

  it("a general choice applies to every row", async () => {
    const { grid } = rateGrid();
    const { host } = renderPane(grid);
    await ready();
    fireEvent.change(screen.getByRole("combobox", { name: "Realisasi tahunan dari triwulan" }), {
      target: { value: "average" },
    });
    const avg = analyseSheet(grid, { quarterType: { default: "average" } }).plan.writes.filter(
      (w) => /AVERAGE\(/.test(w.formula ?? "")
    );
    expect(avg.length).toBeGreaterThan(1);
    await waitFor(
      () => expect(screen.getByRole("button", { name: "Isi kolom evaluasi" })).toBeEnabled(),
      { timeout: 15_000 }
    );
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    await screen.findByText(/sel diisi/, {}, { timeout: 15_000 });
    for (const w of avg) expect(host.cell(grid.name, w.address).formula).toBe(`=${w.formula}`);
  });
});

describe("signature fields", () => {
  beforeEach(() => localStorage.clear());

  it("keeps only filled fields, and remembers them across panes", async () => {
    expect(signatureOf({ place: " ", name: "" })).toBeUndefined();
    expect(signatureOf({ place: " Sibolga ", nip: "1970" })).toEqual({
      place: "Sibolga",
      nip: "1970",
    });
    const first = renderPane(indicatorGrid(3));
    await ready();
    fireEvent.change(screen.getByRole("textbox", { name: "Tempat" }), {
      target: { value: "Sibolga" },
    });
    fireEvent.change(screen.getByRole("textbox", { name: "NIP" }), {
      target: { value: "197001012000031001" },
    });
    expect(loadSignature()).toEqual({ place: "Sibolga", nip: "197001012000031001" });
    first.view.unmount();
    renderPane(indicatorGrid(3));
    await ready();
    expect(screen.getByRole("textbox", { name: "Tempat" })).toHaveValue("Sibolga");
  });
});
