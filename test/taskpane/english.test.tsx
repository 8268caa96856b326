/** @jest-environment jsdom */
/**
 * The pane in English: the engine's findings, messages, plan notes and summary paragraph are
 * rendered through the message catalogue in the pane's language (issue 9, item 9), with the
 * printed rounding and the rule name kept in findings.
 */
import "@testing-library/jest-dom";
import { screen, waitFor } from "@testing-library/react";
import { analyseForPane } from "../../src/taskpane/engine-view";
import { indicatorGrid } from "../excel/helpers";
import { ready, renderPane, sampleGrid } from "./render";

/** Words of the engine's Indonesian texts that an English pane must not show. */
const INDONESIAN =
  /tidak ditemukan|seharusnya|ditemukan .* di baris|tercetak|hasil hitung|tidak diisi|tampaknya|Lembar '|dievaluasi|Pemeriksaan/;

describe("pane in English", () => {
  it("shows findings, messages, notes and the summary in English", async () => {
    renderPane(sampleGrid(), "en");
    await ready();
    // The wrong capaian of F7 (12 printed), with its printed rounding and the rule's name.
    expect(screen.getByTestId("findings")).toHaveTextContent(
      /F7: printed 12\.00, recomputed \d+\.\d\d \(rule capaian\)/
    );
    expect(screen.getByTestId("summary")).toHaveTextContent(
      /^Of 5 indicators evaluated, the average achievement is \d+\.\d\d%/
    );
    expect(screen.getByTestId("summary")).toHaveTextContent(/The audit found 1 printed figure/);
    const status = screen.getByTestId("status-area");
    await waitFor(() => expect(status).toHaveTextContent(/recognised in rows 1-8/));
    // The 'lower is better' suggestion is a plan note of the engine.
    expect(status).toHaveTextContent(/Row 6 \('Angka kemiskinan'\) looks like a 'lower is better'/);
    for (const el of [screen.getByTestId("findings"), screen.getByTestId("summary"), status])
      expect(el.textContent).not.toMatch(INDONESIAN);
  });

  it("keeps Indonesian in an Indonesian pane", async () => {
    renderPane(sampleGrid(), "id");
    await ready();
    expect(screen.getByTestId("findings")).toHaveTextContent(/F7: tercetak 12,00, hasil hitung/);
    await waitFor(() =>
      expect(screen.getByTestId("status-area")).toHaveTextContent(/ditemukan .* di baris 1-8/)
    );
  });
});

describe("engine-view texts", () => {
  it("renders every message, note and finding in both languages, in the engine's order", () => {
    const g = indicatorGrid(5);
    g.cells[6][5] = { value: 12 };
    const a = analyseForPane(g, {});
    expect(a.view.messages).toHaveLength(a.messages.length);
    expect(a.view.notes).toHaveLength(a.plan.notes.length);
    expect(a.view.findings).toHaveLength(a.findings.length);
    expect(a.view.findings[0].id).toBe(a.findings[0].message);
    expect(a.view.findings[0].en).toMatch(/^F7: printed 12\.00, recomputed/);
    expect(a.view.messages.map((m) => m.en).join("\n")).toMatch(
      /^Sheet '.*': .* recognised in rows 1-8\./
    );
    expect(a.view.narrativeEn).toMatch(/^Of 5 indicators evaluated/);
    for (const t of [...a.view.messages, ...a.view.notes, ...a.view.findings]) {
      expect(t.en).not.toMatch(INDONESIAN);
      expect(t.id).not.toBe(t.en);
    }
  });
});
