/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { ready, renderPane, sampleGrid } from "./render";

describe("Tindakan (actions)", () => {
  it("fills the evaluation columns, then undo restores the sheet exactly", async () => {
    const { host } = renderPane();
    const before = host.snapshot("Data");
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    // 8, not 9: G7's predikat would rate the wrong capaian F7 (12), so it is left empty with a note.
    expect(await screen.findByText(/8 sel diisi\. Tekan Batalkan untuk mengembalikan\./)).toBeInTheDocument();
    expect(host.cell("Data", "G7").value ?? "").toBe("");
    expect(host.cell("Data", "F4").formula).toBe('=IF(AND(ISNUMBER(D4),ISNUMBER(E4)),IF(D4=0,"",E4/D4*100),"")');
    expect(host.cell("Data", "F7").value).toBe(12); // conflict left alone
    expect(host.sheet("Data").cfs.length).toBeGreaterThan(0);
    const undoBtn = screen.getByRole("button", { name: "Batalkan" });
    await waitFor(() => expect(undoBtn).toBeEnabled());
    fireEvent.click(undoBtn);
    expect(await screen.findByText(/Tindakan terakhir dibatalkan\./)).toBeInTheDocument();
    expect(host.snapshot("Data")).toEqual(before);
    expect(host.sheet("Data").cfs).toEqual([]);
  });

  it("shows a ProgressBar while writing", async () => {
    const { host } = renderPane();
    await ready();
    const run = host.run.bind(host);
    let seen = false;
    host.run = async (batch) => {
      seen = seen || !!document.querySelector('[role="progressbar"]');
      return run(batch);
    };
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    await screen.findByText(/sel diisi/);
    expect(seen).toBe(true);
    expect(document.querySelector('[role="progressbar"]')).toBeNull();
  });

  it("a protected sheet gives an Indonesian error and nothing is written", async () => {
    const g = sampleGrid();
    g.protected = true;
    const { host } = renderPane(g);
    const before = host.snapshot("Data");
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    expect(await screen.findByText(/Lembar diproteksi/)).toBeInTheDocument();
    expect(host.snapshot("Data")).toEqual(before);
    expect(screen.getByRole("button", { name: "Batalkan" })).toBeDisabled();
  });

  it("a failure mid-write is reported and every cell restored", async () => {
    const { host } = renderPane();
    const before = host.snapshot("Data");
    await ready();
    host.failAtWrite(4);
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    expect(await screen.findByText(/Semua sel sudah dikembalikan/)).toBeInTheDocument();
    expect(host.snapshot("Data")).toEqual(before);
  });

  it("creates the evaluation sheet, and undo deletes it", async () => {
    const { host } = renderPane();
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Buat lembar evaluasi" }));
    expect(await screen.findByText(/Lembar 'Evaluasi - Data' dibuat\./)).toBeInTheDocument();
    expect(host.cell("Evaluasi - Data", "B4").formula).toBe(`=IF(ISBLANK('Data'!B4),"",'Data'!B4)`);
    expect(host.sheet("Evaluasi - Data").charts).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Batalkan" }));
    await screen.findByText(/Tindakan terakhir dibatalkan\./);
    expect(host.sheets.map((s) => s.name)).toEqual(["Data"]);
  });

  it("makes the workbook portable", async () => {
    const g = sampleGrid();
    g.cells[3][5] = { value: 40, formula: "MONEV.CAPAIAN(D4,E4)" };
    const { host } = renderPane(g);
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Jadikan portabel" }));
    expect(await screen.findByText(/1 rumus MONEV diganti dengan rumus Excel biasa\./)).toBeInTheDocument();
    expect(host.cell("Data", "F4").formula).not.toMatch(/MONEV/);
  });

  it("reports cell-edit mode", async () => {
    const { host } = renderPane();
    await ready();
    host.editMode = true;
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    expect(await screen.findByText(/mode edit sel/)).toBeInTheDocument();
  });
});
