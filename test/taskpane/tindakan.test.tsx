/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { ready, renderPane, sampleGrid } from "./render";
import { fmt, setNumberLocale } from "../../src/taskpane/i18n";

describe("Tindakan (actions)", () => {
  it("fills the evaluation columns, then undo restores the sheet exactly", async () => {
    const { host } = renderPane();
    const before = host.snapshot("Data");
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    // 8, not 9: G7's predikat would rate the wrong capaian F7 (12), so it is left empty with a note.
    expect(
      await screen.findByText(
        /8 sel diisi\. Tekan Urungkan untuk mengembalikan\./,
        {},
        { timeout: 15_000 }
      )
    ).toBeInTheDocument();
    expect(host.cell("Data", "G7").value ?? "").toBe("");
    expect(host.cell("Data", "F4").formula).toBe(
      '=IF(AND(ISNUMBER(D4),ISNUMBER(E4)),IF(D4=0,"",E4/D4*100),"")'
    );
    expect(host.cell("Data", "F7").value).toBe(12); // conflict left alone
    expect(host.sheet("Data").cfs.length).toBeGreaterThan(0);
    const undoBtn = screen.getByRole("button", { name: "Urungkan" });
    await waitFor(() => expect(undoBtn).toBeEnabled());
    fireEvent.click(undoBtn);
    expect(
      await screen.findByText(/Tindakan terakhir diurungkan\./, {}, { timeout: 15_000 })
    ).toBeInTheDocument();
    expect(host.snapshot("Data")).toEqual(before);
    expect(host.sheet("Data").cfs).toEqual([]);
  });

  it("shows a progress bar while writing", async () => {
    const { host } = renderPane();
    await ready();
    const run = host.run.bind(host);
    let seen = false;
    host.run = async (batch) => {
      seen = seen || !!screen.queryByRole("progressbar");
      return run(batch);
    };
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    await screen.findByText(/sel diisi/, {}, { timeout: 15_000 });
    expect(seen).toBe(true);
    await waitFor(() => expect(screen.queryByRole("progressbar")).toBeNull());
  });

  it("a protected sheet: the fill button is disabled before any click, with the reason next to it", async () => {
    const g = sampleGrid();
    g.protected = true;
    const { host } = renderPane(g);
    const before = host.snapshot("Data");
    await ready();
    const fill = screen.getByRole("button", { name: "Isi kolom evaluasi" });
    expect(fill).toBeDisabled();
    expect(screen.getByTestId("fill-blocked")).toHaveTextContent(/Lembar 'Data' diproteksi/);
    expect(fill).toHaveAttribute("aria-describedby", "fill-blocked");
    // Said once: not again as a status message.
    expect(screen.queryByText(/terkunci \(protected\)/)).toBeNull();
    fireEvent.click(fill);
    expect(host.snapshot("Data")).toEqual(before);
    expect(screen.getByRole("button", { name: "Urungkan" })).toBeDisabled();
  });

  it("after Isi, the focus lands on the success message (not on <body>)", async () => {
    renderPane();
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    await screen.findByText(/sel diisi/, {}, { timeout: 15_000 });
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getAllByTestId("msg-success")[0])
    );
    expect(document.activeElement).toHaveTextContent(/8 sel diisi/);
  });

  it("Urungkan warns when cells Monev filled were changed since, and goes ahead on the second press", async () => {
    const { host } = renderPane();
    const before = host.snapshot("Data");
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    await screen.findByText(/sel diisi/, {}, { timeout: 15_000 });
    // The user edits a filled cell by hand.
    host.sheet("Data").cells.set("3,5", { value: 77 });
    const undoBtn = screen.getByRole("button", { name: "Urungkan" });
    await waitFor(() => expect(undoBtn).toBeEnabled());
    fireEvent.click(undoBtn);
    expect(
      await screen.findByText(
        /1 sel yang diisi Monev sudah diubah sejak pengisian \(mis\. F4\)/,
        {},
        { timeout: 15_000 }
      )
    ).toBeInTheDocument();
    expect(host.cell("Data", "F4").value).toBe(77);
    await waitFor(() => expect(undoBtn).toBeEnabled());
    fireEvent.click(undoBtn);
    await screen.findByText(/Tindakan terakhir diurungkan\./, {}, { timeout: 15_000 });
    expect(host.snapshot("Data")).toEqual(before);
  });

  it("shows counts in Indonesian number format", () => {
    setNumberLocale("id");
    expect(fmt("{0} sel", 51621)).toBe("51.621 sel");
    expect(fmt("{0}: {1}", "G8", 46.2)).toBe("G8: 46,2");
  });

  it("a failure mid-write is reported and every cell restored", async () => {
    const { host } = renderPane();
    const before = host.snapshot("Data");
    await ready();
    host.failAtWrite(4);
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    expect(
      await screen.findByText(/Semua sel sudah dikembalikan/, {}, { timeout: 15_000 })
    ).toBeInTheDocument();
    expect(host.snapshot("Data")).toEqual(before);
  });

  it("creates the evaluation sheet, and undo deletes it", async () => {
    const { host } = renderPane();
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Buat lembar evaluasi" }));
    expect(
      await screen.findByText(/Lembar 'Evaluasi - Data' dibuat\./, {}, { timeout: 15_000 })
    ).toBeInTheDocument();
    expect(host.sheet("Evaluasi - Data").cells.size).toBeGreaterThan(10);
    expect(host.sheet("Evaluasi - Data").charts).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Urungkan" }));
    await screen.findByText(/Tindakan terakhir diurungkan\./, {}, { timeout: 15_000 });
    expect(host.sheets.map((s) => s.name)).toEqual(["Data"]);
  });

  it("makes the workbook portable", async () => {
    const g = sampleGrid();
    g.cells[3][5] = { value: 40, formula: "MONEV.CAPAIAN(D4,E4)" };
    const { host } = renderPane(g);
    await ready();
    fireEvent.click(screen.getByRole("button", { name: "Jadikan portabel" }));
    expect(
      await screen.findByText(
        /1 rumus MONEV diganti dengan rumus Excel biasa\./,
        {},
        { timeout: 15_000 }
      )
    ).toBeInTheDocument();
    expect(host.cell("Data", "F4").formula).not.toMatch(/MONEV/);
  });

  it("reports cell-edit mode", async () => {
    const { host } = renderPane();
    await ready();
    host.editMode = true;
    fireEvent.click(screen.getByRole("button", { name: "Isi kolom evaluasi" }));
    expect(await screen.findByText(/mode edit sel/, {}, { timeout: 15_000 })).toBeInTheDocument();
  });
});
