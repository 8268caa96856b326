/** Shared setup for the pane tests: a fake Excel host and the App inside a FluentProvider. */
import * as React from "react";
import { configure, render, RenderResult, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import type { Lang } from "../../src/taskpane/i18n";
import { FakeExcelHost, GridLike, installFakeExcel } from "../fakes/fake-excel";
import { indicatorGrid } from "../excel/helpers";

// The first scan of a file runs the engine cold (and the CI machine may be busy): findBy* and
// waitFor wait up to 5 s instead of 1 s (seen: 2.0 s for the first test of a suite, once).
configure({ asyncUtilTimeout: 5000 });

// jsdom has no ResizeObserver (Fluent's MessageBar uses one for reflow).
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

/** Indicator table with 5 rows, one 'lower is better' indicator (row 6) and one wrong capaian (F7). */
export function sampleGrid(): GridLike {
  const g = indicatorGrid(5);
  g.cells[5][1] = { value: "Angka kemiskinan" };
  g.cells[6][5] = { value: 12 };
  return g;
}

export function renderPane(
  grid: GridLike = sampleGrid(),
  lang: Lang = "id"
): { host: FakeExcelHost; view: RenderResult } {
  const host = installFakeExcel(grid);
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <App lang={lang} />
    </FluentProvider>
  );
  return { host, view };
}

/** Wait until the first scan is done and the pane is idle. */
export async function ready(): Promise<void> {
  // The first scan loads the engine chunk: on a loaded 2-core machine that outlasts the 1 s default.
  await screen.findByTestId("table-range", {}, { timeout: READY_MS });
  await waitFor(
    () => {
      const b = screen.getByRole("button", { name: /Pindai ulang|Rescan/ });
      if ((b as HTMLButtonElement).disabled) throw new Error("busy");
    },
    { timeout: READY_MS }
  );
}

const READY_MS = 15_000;
