/** @jest-environment jsdom */
/**
 * The action bar on a narrow or short pane: one row (Isi, Urungkan, Lainnya), the other actions
 * behind the Lainnya disclosure; the wide pane keeps all four buttons in view.
 */
import "@testing-library/jest-dom";
import { fireEvent, screen } from "@testing-library/react";
import { ready, renderPane } from "./render";
import { COMPACT_QUERY } from "../../src/taskpane/components/TindakanStep";

function paneIs(compact: boolean): void {
  window.matchMedia = ((query: string) => ({
    matches: compact && query === COMPACT_QUERY,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })) as unknown as typeof window.matchMedia;
}

function bar(): HTMLElement {
  return screen.getByRole("region", { name: "3. Tindakan" });
}

// The pane loads the engine chunk on its first scan; compiling it here keeps ready()'s wait short.
beforeAll(async () => {
  await import("../../src/taskpane/engine-view");
});

describe("the action bar", () => {
  it("narrow: one primary button, secondary actions behind Lainnya (aria-expanded)", async () => {
    paneIs(true);
    renderPane();
    await ready();
    // The heading stays for screen readers (the region keeps its name).
    expect(screen.getByRole("heading", { name: "3. Tindakan" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Buat lembar evaluasi" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Jadikan portabel" })).not.toBeInTheDocument();
    const more = screen.getByRole("button", { name: "Lainnya" });
    expect(more).toHaveAttribute("aria-expanded", "false");
    expect(bar().querySelectorAll("button")).toHaveLength(3);
    fireEvent.click(more);
    expect(more).toHaveAttribute("aria-expanded", "true");
    const gen = screen.getByRole("button", { name: "Buat lembar evaluasi" });
    expect(gen).toBeEnabled();
    expect(screen.getByRole("button", { name: "Jadikan portabel" })).toBeInTheDocument();
    expect(document.getElementById(more.getAttribute("aria-controls")!)).toContainElement(gen);
    fireEvent.click(more);
    expect(screen.queryByRole("button", { name: "Buat lembar evaluasi" })).not.toBeInTheDocument();
  });

  it("wide: the four actions in view, no Lainnya", async () => {
    paneIs(false);
    renderPane();
    await ready();
    for (const name of [
      "Isi kolom evaluasi",
      "Buat lembar evaluasi",
      "Urungkan",
      "Jadikan portabel",
    ])
      expect(screen.getByRole("button", { name })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Lainnya" })).not.toBeInTheDocument();
  });
});
