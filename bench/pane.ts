/**
 * Task pane benchmark (npx tsx bench/pane.ts):
 * - bundle sizes of dist/taskpane.js, dist/functions.js and dist/analysis-worker.js, raw and gzipped;
 * - time to interactive in headless Chromium: navigation start -> 'Pindai ulang' enabled
 *   (fake Excel host served as office.js, sample RKPD sheet of 200 rows), median of 5 runs;
 * - Office.js sync counts and largest request/response for reading and filling 100 and 20,000 rows
 *   (fake host, which enforces the 5 MB limit; every step at 20,000/50,000 rows: bench/office-requests.ts).
 * Needs dist/ (npm run build) and /usr/bin/chromium (or CHROMIUM_PATH).
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { chromium } from "playwright-core";
import { analyseSheet } from "../src/core/engine";
import { applyPlan, readActiveSheet } from "../src/excel/adapter";
import { rkpdGrid } from "../scripts/samples/seed-to-grid";
import { buildFakeBrowserBundle } from "../test/fakes/build-browser";
import { installFakeExcel } from "../test/fakes/fake-excel";
import { CHROMIUM_ARGS, OFFICE_JS_URL, serveDir } from "../test/e2e/server";

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");

function kib(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}

function bundleSizes(): void {
  for (const f of ["taskpane.js", "functions.js", "analysis-worker.js"]) {
    const p = path.join(DIST, f);
    if (!fs.existsSync(p)) {
      console.log(`${f}: missing (run npm run build)`);
      continue;
    }
    const raw = fs.readFileSync(p);
    console.log(
      `${f}: ${kib(raw.length)} raw, ${kib(zlib.gzipSync(raw, { level: 9 }).length)} gzip`
    );
  }
}

async function timeToInteractive(runs = 5): Promise<void> {
  const exe = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(path.join(DIST, "taskpane.html")) || !fs.existsSync(exe)) {
    console.log("time to interactive: skipped (dist/ or chromium missing)");
    return;
  }
  const fake = buildFakeBrowserBundle();
  const server = await serveDir(DIST);
  const browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS });
  const grid = rkpdGrid(200);
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.route("**/*", (route) => {
        const url = route.request().url();
        if (url === OFFICE_JS_URL)
          return route.fulfill({ status: 200, contentType: "text/javascript", body: fake });
        if (url.startsWith(server.origin)) return route.continue();
        return route.abort();
      });
      await page.addInitScript((g) => {
        (window as unknown as { __monevInitialWorkbook: unknown }).__monevInitialWorkbook = g;
      }, grid);
      await page.goto(`${server.origin}/taskpane.html`);
      const handle = await page.waitForFunction(
        () => {
          const b = [...document.querySelectorAll("button")].find(
            (x) => x.textContent?.trim() === "Pindai ulang"
          );
          return b && !b.disabled && document.querySelector('[data-testid="table-range"]')
            ? performance.now()
            : false;
        },
        undefined,
        { polling: 10, timeout: 60_000 }
      );
      times.push((await handle.jsonValue()) as number);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  times.sort((a, b) => a - b);
  console.log(
    `time to interactive (navigation start -> 'Pindai ulang' enabled, RKPD 200 rows): median ${times[Math.floor(times.length / 2)].toFixed(0)} ms (runs: ${times.map((t) => t.toFixed(0)).join(", ")})`
  );
}

async function syncCounts(): Promise<void> {
  for (const n of [100, 20000]) {
    const grid = rkpdGrid(n);
    const host = installFakeExcel(grid);
    host.resetCounters();
    const t0 = Date.now();
    const g = await readActiveSheet();
    const readSyncs = host.syncCount;
    const tRead = Date.now() - t0;
    const t1 = Date.now();
    const analysis = analyseSheet(g);
    const tAnalyse = Date.now() - t1;
    host.resetCounters();
    const t2 = Date.now();
    const rec = await applyPlan(analysis.plan);
    const tFill = Date.now() - t2;
    const { request, response } = host.largest();
    console.log(
      `${n} rows: read ${readSyncs} syncs (${tRead} ms, fake), analyse ${tAnalyse} ms, fill ${host.syncCount} syncs for ${rec.written} cells, largest request ${kib(request)}, response ${kib(response)} (${tFill} ms, fake; per step: bench/office-requests.ts)`
    );
  }
}

async function main(): Promise<void> {
  bundleSizes();
  await syncCounts();
  await timeToInteractive();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
