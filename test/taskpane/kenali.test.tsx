/** @jest-environment jsdom */
import "@testing-library/jest-dom";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { renderPane } from "./render";
import { indicatorGrid } from "../excel/helpers";

describe("Kenali (detect)", () => {
  it("detects the table on open: range, columns, row counts, direction suggestion, findings", async () => {
    renderPane();
    expect(await screen.findByTestId("table-range")).toHaveTextContent("A1:G8");
    expect(screen.getByTestId("columns")).toHaveTextContent("F: capaian (%) - Capaian (%)");
    expect(screen.getByTestId("row-counts")).toHaveTextContent("indikator: 5");
    expect(screen.getByRole("checkbox", { name: /Angka kemiskinan/ })).not.toBeChecked();
    expect(screen.getByTestId("findings")).toHaveTextContent("F7: tercetak 12,00");
    // The report paragraph: five indicators evaluated, and the wrong print among the findings.
    expect(screen.getByTestId("summary")).toHaveTextContent(
      /^Dari 5 indikator yang dievaluasi, rata-rata capaian/
    );
    expect(screen.getByTestId("summary")).toHaveTextContent(
      /Pemeriksaan menemukan 1 angka tercetak/
    );
    expect(screen.getByRole("button", { name: "Pindai ulang" })).toBeEnabled();
  });

  it("selects the cell of a finding when it is clicked", async () => {
    const { host } = renderPane();
    fireEvent.click(await screen.findByRole("button", { name: "Pilih sel F7" }));
    await waitFor(() => expect(host.selection).toEqual({ sheet: "Data", address: "F7" }));
  });

  it("rescans the sheet after it changed", async () => {
    const { host } = renderPane();
    await screen.findByTestId("findings");
    host.sheet("Data").cells.set("6,5", { value: 77.36 });
    fireEvent.click(screen.getByRole("button", { name: "Pindai ulang" }));
    expect(await screen.findByText(/Tidak ada angka tercetak yang berbeda/)).toBeInTheDocument();
  });

  it("confirming 'lower is better' changes the planned formula", async () => {
    renderPane();
    const box = await screen.findByRole("checkbox", { name: /Angka kemiskinan/ });
    fireEvent.click(box);
    await waitFor(() => expect(box).toBeChecked());
    await waitFor(() =>
      expect(
        screen.queryByText(/tampaknya indikator 'semakin rendah semakin baik'/)
      ).not.toBeInTheDocument()
    );
  });

  it("marks what is left empty, and why, as 'Tidak diisi' (a PK table: target 2024, no realisation 2024)", async () => {
    const t = (v: string | number) => ({ value: v });
    renderPane({
      name: "PK 2024",
      cells: [
        [t("No"), t("Indikator Kinerja"), t("Satuan"), t("Realisasi"), t("Realisasi"), t("Target")],
        [t("No"), t("Indikator Kinerja"), t("Satuan"), t(2022), t(2023), t(2024)],
        [t(1), t("Persentase penempatan tenaga kerja"), t("Persen"), t(37.56), t(37.08), t(38)],
        [t(2), t("Persentase koperasi aktif"), t("Persen"), t(41.65), t(44.68), t(46.25)],
      ],
    });
    const reason = await screen.findByText(/tidak ada pasangan kolom target dan realisasi/);
    const box = reason.closest("[data-testid^='msg-']");
    expect(box).toHaveAttribute("data-testid", "msg-warning");
    expect(box).toHaveTextContent(/^Tidak diisi/);
    // The table itself was found: that message stays plain information.
    expect(
      screen.getByText(/ditemukan tabel indikator kinerja/).closest("[data-testid^='msg-']")
    ).toHaveAttribute("data-testid", "msg-info");
  });

  it("a message about one cell left empty (merged) offers to select that cell", async () => {
    const t = (v: string | number) => ({ value: v });
    const { host } = renderPane({
      name: "IKU",
      cells: [
        [t("No"), t("Indikator"), t("Target"), t("Realisasi"), t("Capaian"), t("Predikat")],
        [t(1), t("Jumlah dokumen perencanaan"), t(10), t(8), undefined, undefined],
        [t(2), t("Persentase laporan tepat waktu"), t(100), t(100), undefined, undefined],
      ],
      merges: [{ top: 2, left: 4, bottom: 2, right: 5 }],
    });
    const reason = await screen.findByText(/E3 tidak diisi: sel gabungan/);
    expect(reason.closest("[data-testid^='msg-']")).toHaveAttribute("data-testid", "msg-warning");
    fireEvent.click(screen.getByRole("button", { name: "Pilih sel E3" }));
    await waitFor(() => expect(host.selection).toEqual({ sheet: "IKU", address: "E3" }));
  });

  it("marks rows the summary does not rate (target 0) as 'Tidak dinilai', with the first cell to select", async () => {
    const t = (v: string | number) => ({ value: v });
    const { host } = renderPane({
      name: "IKU",
      cells: [
        [t("No"), t("Indikator"), t("Target"), t("Realisasi"), t("Capaian")],
        [t(1), t("Jumlah dokumen perencanaan"), t(10), t(8), t(80)],
        [t(2), t("Persentase laporan tepat waktu"), t(0), t(0), t(0)],
      ],
    });
    const reason = await screen.findByText(/1 baris tidak dihitung dalam ringkasan \(mis\. E3\)/);
    const box = reason.closest("[data-testid^='msg-']");
    expect(box).toHaveAttribute("data-testid", "msg-warning");
    expect(box).toHaveTextContent(/^Tidak dinilai/);
    fireEvent.click(screen.getByRole("button", { name: "Pilih sel E3" }));
    await waitFor(() => expect(host.selection).toEqual({ sheet: "IKU", address: "E3" }));
  });

  it("reports an empty sheet as information, not as a red error", async () => {
    renderPane({ name: "Kosong", cells: [] });
    expect(await screen.findByText(/Lembar 'Kosong' kosong/)).toBeInTheDocument();
    expect(screen.getByTestId("msg-info")).toHaveTextContent(/Lembar 'Kosong' kosong/);
    expect(screen.queryByTestId("msg-error")).toBeNull();
    expect(screen.queryByText("Kesalahan")).toBeNull();
  });

  it("has one primary button in view (Isi), not two", async () => {
    renderPane();
    await screen.findByTestId("table-range");
    const primaries = screen
      .getAllByRole("button")
      .filter((b) => b.className.includes("fui-Button") && b.outerHTML.includes("Primary"));
    expect(screen.getByRole("button", { name: "Pindai ulang" }).className).toBe(
      screen.getByRole("button", { name: "Buat lembar evaluasi" }).className
    );
    expect(primaries.length).toBeLessThanOrEqual(1);
  });

  it("reports a sheet without an evaluation table", async () => {
    renderPane({
      name: "Catatan",
      cells: [[{ value: "Rapat tanggal 5" }], [{ value: "Hadir: 12 orang" }]],
    });
    expect(
      await screen.findByText(/Tidak ditemukan tabel evaluasi di lembar ini/)
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Isi kolom evaluasi" })).toBeDisabled();
  });

  it("shows English strings when Office's language is English", async () => {
    renderPane(indicatorGrid(3), "en");
    expect(await screen.findByRole("button", { name: "Rescan" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Fill evaluation columns" })).toBeInTheDocument();
  });

  it("renders workbook text as text, never as HTML", async () => {
    const g = indicatorGrid(3);
    g.cells[3][1] = { value: "<img src=x onerror=alert(1)>Indikator" };
    const { view } = renderPane(g);
    await screen.findByTestId("table-range");
    expect(view.container.querySelector("img")).toBeNull();
  });
});
