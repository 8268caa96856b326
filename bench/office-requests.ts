/**
 * Office.js request sizes per step (npx tsx bench/office-requests.ts [rows...], default 20000 50000):
 * the pane's whole flow over the fake Excel host (node) on the synthetic RKPD sheet: read, fill,
 * rescan, generate the evaluation sheet, undo both, make portable (a column of MONEV.* formulas is
 * added first), undo that. Prints per step the syncs and the largest request and response (UTF-8
 * bytes of the JSON, as test/fakes/fake-excel.ts counts them) and fails if one is above 5 MB
 * (the fake enforces Excel on the web's limit).
 */
import { analyseSheet } from "../src/core/engine";
import {
  applyPlan,
  generateEvaluationSheet,
  makePortable,
  readActiveSheet,
  undo,
} from "../src/excel/adapter";
import { a1 } from "../src/excel/a1";
import { rkpdGrid } from "../scripts/samples/seed-to-grid";
import { FakeExcelHost, PAYLOAD_LIMIT, installFakeExcel } from "../test/fakes/fake-excel";

const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

interface Row {
  rows: number;
  step: string;
  syncs: number;
  request: number;
  response: number;
  ms: number;
}

async function step<T>(
  host: FakeExcelHost,
  out: Row[],
  rows: number,
  name: string,
  f: () => Promise<T>
): Promise<T> {
  host.resetCounters();
  const t0 = Date.now();
  const r = await f();
  const { request, response } = host.largest();
  out.push({ rows, step: name, syncs: host.syncCount, request, response, ms: Date.now() - t0 });
  return r;
}

export async function measure(n: number): Promise<Row[]> {
  const out: Row[] = [];
  const grid = rkpdGrid(n);
  const host = installFakeExcel(grid);
  const g = await step(host, out, n, "read", () => readActiveSheet());
  const analysis = analyseSheet(g);
  const fill = await step(host, out, n, "fill", () => applyPlan(analysis.plan));
  const after = await step(host, out, n, "rescan", () => readActiveSheet());
  const analysis2 = analyseSheet(after);
  const gen = await step(host, out, n, "generate", () =>
    generateEvaluationSheet(analysis2, "id", undefined, after)
  );
  await step(host, out, n, "undo generate", () => undo(gen));
  await step(host, out, n, "undo fill", () => undo(fill));
  // MONEV.* formulas to make portable: one per data row, right of the table.
  const sheet = host.sheet(grid.name);
  const width = Math.max(...grid.cells.map((r) => r.length));
  for (let r = 10; r < grid.cells.length; r++)
    sheet.cells.set(`${r},${width + 1}`, {
      value: null,
      formula: `MONEV.CAPAIAN(${a1(r, 6)},${a1(r, 8)})`,
    });
  const port = await step(host, out, n, "portable", () => makePortable());
  await step(host, out, n, "undo portable", () => undo(port.undo));
  return out;
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((x) => x > 0);
  const rows: Row[] = [];
  for (const n of sizes.length > 0 ? sizes : [20000, 50000]) rows.push(...(await measure(n)));
  console.log("| rows | step | syncs | largest request | largest response | time (fake) |");
  console.log("| ---: | --- | ---: | ---: | ---: | ---: |");
  for (const r of rows)
    console.log(
      `| ${r.rows.toLocaleString("en")} | ${r.step} | ${r.syncs} | ${mb(r.request)} | ${mb(r.response)} | ${(r.ms / 1000).toFixed(1)} s |`
    );
  const over = rows.filter((r) => r.request > PAYLOAD_LIMIT || r.response > PAYLOAD_LIMIT);
  if (over.length > 0) {
    console.error(
      `above the ${mb(PAYLOAD_LIMIT)} limit: ${over.map((r) => `${r.rows} ${r.step}`).join(", ")}`
    );
    process.exit(1);
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
