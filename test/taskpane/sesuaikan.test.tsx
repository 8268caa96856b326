/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { ready, renderPane } from "./render";
import { analyseSheet } from "../../src/core/engine";
import { rkpdGrid } from "../../scripts/samples/seed-to-grid";

describe("Sesuaikan (adjust)", () => {
  it("lists the cells that would be overwritten first, with overwrite off by default", async () => {
    renderPane();
    const list = await screen.findByTestId("conflicts");
    expect(list).toHaveTextContent("F7: 12");
    const sw = screen.getByRole("checkbox", { name: "Timpa sel yang sudah berisi" });
    expect(sw).not.toBeChecked();
    expect(list.compareDocumentPosition(sw) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // G7's predikat waits for F7: it is not computed from a capaian that disagrees with its rule.
    expect(screen.getByText("8 sel akan diisi dengan rumus Excel.")).toBeInTheDocument();
    fireEvent.click(sw);
    expect(await screen.findByText("10 sel akan diisi dengan rumus Excel.")).toBeInTheDocument();
  });

  it("a role change re-analyses the table", async () => {
    renderPane();
    const select = await screen.findByRole("combobox", { name: /Peran kolom G/ });
    expect(select).toHaveValue("predikat");
    fireEvent.change(select, { target: { value: "keterangan" } });
    await waitFor(() =>
      expect(screen.getByRole("combobox", { name: /Peran kolom G/ })).toHaveValue("keterangan")
    );
    // The analysis runs again (asynchronously: worker or engine chunk).
    await waitFor(() =>
      expect(screen.getByText(/^\d+ sel akan diisi/).textContent).not.toBe(
        "8 sel akan diisi dengan rumus Excel."
      )
    );
  });

  it("a direction can be set per indicator", async () => {
    renderPane();
    const select = await screen.findByRole("combobox", { name: /Arah: 6\. Angka kemiskinan/ });
    fireEvent.change(select, { target: { value: "inverse" } });
    await waitFor(() =>
      expect(screen.getByRole("checkbox", { name: /Angka kemiskinan/ })).toBeChecked()
    );
  });

  it("uses a custom scale read from a range", async () => {
    const { host } = renderPane();
    const scaleSheet = host.newSheet("Skala");
    scaleSheet.cells.set("0,0", { value: "Batas" });
    scaleSheet.cells.set("0,1", { value: "Predikat" });
    scaleSheet.cells.set("1,0", { value: 80 });
    scaleSheet.cells.set("1,1", { value: "Baik" });
    scaleSheet.cells.set("2,0", { value: 0 });
    scaleSheet.cells.set("2,1", { value: "Kurang" });
    host.sheets.push(scaleSheet);
    fireEvent.change(await screen.findByRole("combobox", { name: "Skala predikat" }), {
      target: { value: "custom" },
    });
    fireEvent.change(screen.getByRole("textbox", { name: /Alamat rentang skala/ }), {
      target: { value: "Skala!A1:B3" },
    });
    await waitFor(() => expect(screen.getByRole("button", { name: "Baca skala" })).toBeEnabled());
    fireEvent.click(screen.getByRole("button", { name: "Baca skala" }));
    expect(
      await screen.findByText(/Skala dari Skala!A1:B3 dipakai \(2 kategori\)/)
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Isi kolom evaluasi" })).toBeEnabled()
    );
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    // The fill and its rescan: as in tindakan.test.tsx, more than the default 1 s on a busy machine.
    await screen.findByText(/sel diisi/, {}, { timeout: 15_000 });
    expect(host.cell("Data", "G4").formula).toContain('"Kurang"');
  });
});

describe("Sesuaikan: direction for every rated row", () => {
  it("offers a direction control for each row that gets a capaian, whatever its level", async () => {
    const grid = rkpdGrid(40);
    const analysis = analyseSheet(grid);
    const table = analysis.tables.find((t) => t.kind !== "unknown")!;
    const rated = new Set(
      analysis.plan.writes.filter((w) => /capaian/i.test(w.rule)).map((w) => w.row)
    );
    const nonIndicator = table.rows.filter((r) => rated.has(r.row) && r.level !== "indikator");
    expect(nonIndicator.length).toBeGreaterThan(0);
    renderPane(grid);
    await ready();
    for (const r of nonIndicator.slice(0, 3)) {
      expect(
        screen.getByRole("combobox", { name: new RegExp(`^Arah: ${r.row + 1}\\. `) })
      ).toBeInTheDocument();
    }
  });
});
