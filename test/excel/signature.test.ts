/**
 * The pane's signature fields reach the evaluation sheet's layout (layoutEvaluation's `signature`),
 * and nothing is passed when the user left them empty.
 */
import { installFakeExcel } from "../fakes/fake-excel";
import { generateEvaluationSheet } from "../../src/excel/adapter";
import * as layout from "../../src/core/engine/evaluation-sheet";
import { analyseSheet } from "../../src/core/engine";
import { indicatorGrid } from "./helpers";

jest.mock("../../src/core/engine/evaluation-sheet", () => {
  const actual = jest.requireActual("../../src/core/engine/evaluation-sheet");
  return { ...actual, layoutEvaluation: jest.fn(actual.layoutEvaluation) };
});

const spy = layout.layoutEvaluation as jest.MockedFunction<typeof layout.layoutEvaluation>;

describe("generateEvaluationSheet: signature block", () => {
  beforeEach(() => spy.mockClear());

  it("passes the signature block to the layout", async () => {
    const grid = indicatorGrid(4);
    installFakeExcel(grid);
    const signature = {
      place: "Sibolga",
      date: "31 Desember 2026",
      position: "Kepala Dinas",
      name: "Budi Santoso",
      nip: "197001012000031001",
    };
    await generateEvaluationSheet(analyseSheet(grid), "id", undefined, grid, undefined, signature);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0][2]).toMatchObject({ signature });
  });

  it("passes none without one", async () => {
    const grid = indicatorGrid(4);
    installFakeExcel(grid);
    await generateEvaluationSheet(analyseSheet(grid), "id", undefined, grid);
    expect(spy.mock.calls[0][2]).not.toHaveProperty("signature");
  });
});
