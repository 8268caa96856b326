/** @jest-environment jsdom */
/**
 * The pane's scan progress with a worker: a fake Worker answers with the real worker code
 * (answerRequest) but hands its messages over one by one, so the test sees each percentage.
 */
import "@testing-library/jest-dom";
import { act, screen, waitFor } from "@testing-library/react";
import { renderPane, sampleGrid } from "./render";
import { answerRequest, type AnalysisResponse } from "../../src/taskpane/engine-view";

class HeldWorker {
  static all: HeldWorker[] = [];
  held: AnalysisResponse[] = [];
  private listeners: ((e: { data: AnalysisResponse }) => void)[] = [];
  constructor() {
    HeldWorker.all.push(this);
  }
  addEventListener(type: string, f: (e: { data: AnalysisResponse }) => void): void {
    if (type === "message") this.listeners.push(f);
  }
  removeEventListener(type: string, f: (e: { data: AnalysisResponse }) => void): void {
    this.listeners = this.listeners.filter((x) => x !== f);
  }
  postMessage(req: Parameters<typeof answerRequest>[0]): void {
    answerRequest(req, (m) => this.held.push(m));
  }
  /** Deliver the next held message. */
  next(): AnalysisResponse {
    const m = this.held.shift()!;
    for (const f of [...this.listeners]) f({ data: m });
    return m;
  }
}

beforeAll(() => {
  (globalThis as unknown as { Worker: unknown }).Worker = HeldWorker;
});

function bar(): HTMLProgressElement {
  return screen.getByTestId("scan-progress").querySelector("progress")!;
}

describe("scan progress in the pane", () => {
  it("shows reading, then the worker's analysis as a rising percentage, then the result", async () => {
    renderPane(sampleGrid());
    // Reading done, the worker holds its answer: the analysis part starts at 50 %.
    await screen.findByText("Menganalisis… 50 %");
    expect(screen.getByRole("progressbar", { name: "Menganalisis… 50 %" })).toBeInTheDocument();
    expect(bar().value).toBe(50);
    const w = HeldWorker.all[0];
    const seen = [50];
    while (w.held.length > 1) {
      let m: AnalysisResponse | undefined;
      act(() => {
        m = w.next();
      });
      expect(m && "progress" in m).toBe(true);
      await waitFor(() => expect(bar().value).toBeGreaterThan(seen[seen.length - 1]));
      seen.push(bar().value);
      expect(screen.getByTestId("scan-progress")).toHaveTextContent(
        `Menganalisis… ${bar().value} %`
      );
    }
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen[seen.length - 1]).toBeLessThan(100);
    act(() => {
      w.next();
    });
    expect(await screen.findByTestId("table-range")).toHaveTextContent("A1:G8");
    expect(screen.queryByTestId("scan-progress")).not.toBeInTheDocument();
  });

  it("shows the reading part while the sheet is read, in English too", async () => {
    renderPane(sampleGrid(), "en");
    // The first render of the scan: nothing read yet.
    expect(await screen.findByText("Reading the sheet… 0%")).toBeInTheDocument();
    await screen.findByText("Analysing… 50%");
  });
});
