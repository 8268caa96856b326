/**
 * End-to-end, large sheets: the built pane (dist/) in headless Chromium over the fake Excel host,
 * which enforces Excel on the web's 5 MB limit on every request and every response (a sync above
 * it fails like Excel's RichApi.Error). 20,000 and 50,000 RKPD rows are read, analysed (worker),
 * filled, rescanned, turned into an evaluation sheet, undone, made portable and undone again; the
 * sheet must come back exactly and no sync may have been refused or above the limit.
 * Builds dist/ first when it is missing (npx webpack --mode production).
 */
import * as fs from "fs";
import * as path from "path";
import { execSync } from "child_process";
import { chromium, Browser, Page } from "playwright-core";
import { rkpdGrid } from "../../scripts/samples/seed-to-grid";
import { buildFakeBrowserBundle } from "../fakes/build-browser";
import { CHROMIUM_ARGS, OFFICE_JS_URL, StaticServer, serveDir } from "./server";

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "dist");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const LIMIT = 5_000_000;
const UNDO = /^(Urungkan|Batalkan)$/;

interface Sync {
  requestBytes: number;
  responseBytes: number;
  rejected?: string;
}
interface HostWin {
  __monevHost: {
    syncLog: Sync[];
    resetCounters: () => void;
    sheets: { name: string; cells: Map<string, { value: unknown; formula?: string }> }[];
    sheet: (n: string) => { cells: Map<string, { value: unknown; formula?: string }> };
    snapshot: (n: string) => unknown;
    cell: (s: string, a: string) => { formula: string };
  };
}

function ensureDist(): void {
  if (
    fs.existsSync(path.join(DIST, "taskpane.html")) &&
    fs.existsSync(path.join(DIST, "taskpane.js"))
  )
    return;
  execSync("npx webpack --mode production", {
    cwd: ROOT,
    stdio: "pipe",
    timeout: 600_000,
    env: {
      ...process.env,
      MONEV_PUBLIC_URL: process.env.MONEV_PUBLIC_URL || "https://example.invalid/monev/",
    },
  });
}

/** A short fingerprint of a sheet's snapshot, computed in the page (no 50,000-row transfer). */
async function fingerprint(page: Page, sheet: string): Promise<string> {
  return page.evaluate((s) => {
    const json = JSON.stringify((window as unknown as HostWin).__monevHost.snapshot(s));
    let h = 2166136261;
    for (let i = 0; i < json.length; i++) h = Math.imul(h ^ json.charCodeAt(i), 16777619);
    return `${json.length}:${(h >>> 0).toString(16)}`;
  }, sheet);
}

/** Largest request/response since the last call, and refused syncs; then resets the log. */
async function takeSyncs(
  page: Page
): Promise<{ syncs: number; request: number; response: number; rejected: number }> {
  return page.evaluate(() => {
    const host = (window as unknown as HostWin).__monevHost;
    const log = host.syncLog;
    const r = {
      syncs: log.length,
      request: Math.max(0, ...log.map((s) => s.requestBytes)),
      response: Math.max(0, ...log.map((s) => s.responseBytes)),
      rejected: log.filter((s) => s.rejected).length,
    };
    host.resetCounters();
    return r;
  });
}

describe("large sheets in Chromium under the 5 MB request/response limit", () => {
  let browser: Browser;
  let server: StaticServer;
  let fake: string;
  const pageErrors: string[] = [];
  const figures: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM))
      throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
    ensureDist();
    fake = buildFakeBrowserBundle();
    server = await serveDir(DIST);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (figures.length > 0) process.stderr.write(`\n${figures.join("\n")}\n`);
  });

  it.each([20000, 50000])(
    "%i rows: read, fill, rescan, generate, undo, portable, undo",
    async (n) => {
      const grid = rkpdGrid(n);
      const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
      const page = await context.newPage();
      page.on("pageerror", (e) => pageErrors.push(String(e)));
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
      const step = async (name: string) => {
        const r = await takeSyncs(page);
        figures.push(
          `${n} rows, ${name}: ${r.syncs} syncs, largest request ${(r.request / 1e6).toFixed(2)} MB, response ${(r.response / 1e6).toFixed(2)} MB`
        );
        expect({ name, rejected: r.rejected }).toEqual({ name, rejected: 0 });
        expect(r.request).toBeLessThan(LIMIT);
        expect(r.response).toBeLessThan(LIMIT);
      };
      const errorsShown = () => page.getByTestId("msg-error").count();
      /** The undo stack is empty and the pane idle (not merely busy right after the click). */
      const idleWithEmptyUndo = async () => {
        await page.waitForFunction(
          () => {
            const btn = (name: RegExp) =>
              [...document.querySelectorAll("button")].find((b) =>
                name.test(b.textContent?.trim() ?? "")
              );
            const undo = btn(/^(Urungkan|Batalkan)$/);
            const rescan = btn(/^Pindai ulang$/);
            return !!undo && !!rescan && undo.disabled && !rescan.disabled;
          },
          undefined,
          { timeout: 240_000, polling: 200 }
        );
        // Not the "cells changed since the fill" warning: the undo really ran.
        expect(await page.getByText(/sudah diubah sejak pengisian/).count()).toBe(0);
      };

      await page.goto(`${server.origin}/taskpane.html`);
      await page.getByTestId("table-range").first().waitFor({ timeout: 240_000 });
      await step("read");
      const original = await fingerprint(page, grid.name);

      await page
        .getByRole("button", { name: /^(Isi kolom evaluasi|Isi)$/ })
        .and(page.locator(":enabled"))
        .click({ timeout: 240_000 });
      await page.getByText(/sel diisi/).waitFor({ timeout: 240_000 });
      await page
        .getByRole("button", { name: "Buat lembar evaluasi" })
        .and(page.locator(":enabled"))
        .waitFor({ timeout: 240_000 });
      expect(await errorsShown()).toBe(0);
      await step("fill + rescan");
      const filled = await fingerprint(page, grid.name);
      expect(filled).not.toBe(original);

      await page
        .getByRole("button", { name: "Buat lembar evaluasi" })
        .and(page.locator(":enabled"))
        .click({ timeout: 240_000 });
      await page.getByText(/Lembar 'Evaluasi - .*' dibuat/).waitFor({ timeout: 240_000 });
      await step("generate");
      await page
        .getByRole("button", { name: UNDO })
        .and(page.locator(":enabled"))
        .click({ timeout: 240_000 });
      await page
        .getByText(/Tindakan terakhir (dibatalkan|diurungkan)/)
        .waitFor({ timeout: 240_000 });
      expect(
        await page.evaluate(() =>
          (window as unknown as HostWin).__monevHost.sheets.map((s) => s.name)
        )
      ).toEqual([grid.name]);
      await step("undo generate");
      await page
        .getByRole("button", { name: UNDO })
        .and(page.locator(":enabled"))
        .click({ timeout: 240_000 });
      await idleWithEmptyUndo();
      expect(await errorsShown()).toBe(0);
      await step("undo fill + rescan");
      expect(await fingerprint(page, grid.name)).toBe(original);

      // MONEV.* formulas to make portable: one per data row, right of the table.
      const count = await page.evaluate((name) => {
        const host = (window as unknown as HostWin).__monevHost;
        const cells = host.sheet(name).cells;
        let width = 0;
        let height = 0;
        for (const k of cells.keys()) {
          const [r, c] = k.split(",").map(Number);
          width = Math.max(width, c + 1);
          height = Math.max(height, r + 1);
        }
        let m = 0;
        for (let r = 10; r < height; r++, m++)
          cells.set(`${r},${width + 1}`, {
            value: null,
            formula: `MONEV.CAPAIAN(G${r + 1},I${r + 1})`,
          });
        return m;
      }, grid.name);
      const withMonev = await fingerprint(page, grid.name);
      await page
        .getByRole("button", { name: "Jadikan portabel" })
        .and(page.locator(":enabled"))
        .click({ timeout: 240_000 });
      await page.getByText(/rumus MONEV diganti/).waitFor({ timeout: 240_000 });
      expect(count).toBeGreaterThan(n / 2);
      await step("portable");
      await page
        .getByRole("button", { name: UNDO })
        .and(page.locator(":enabled"))
        .click({ timeout: 240_000 });
      await idleWithEmptyUndo();
      await step("undo portable + rescan");
      expect(await fingerprint(page, grid.name)).toBe(withMonev);
      expect(await errorsShown()).toBe(0);
      await context.close();
    },
    900_000
  );

  it("had no page errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
