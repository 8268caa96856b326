/**
 * End-to-end: the built pane (dist/) in headless Chromium over the fake Excel host, which is served
 * in place of office.js. Every request outside 127.0.0.1 is blocked. Screenshots go to out/screenshots/
 * (MONEV_SCREENSHOTS=docs/img refreshes the README pictures).
 * Builds dist/ first when it is missing (npx webpack --mode production).
 */
import * as fs from "fs";
import * as path from "path";
import { execSync } from "child_process";
import { chromium, Browser, Page } from "playwright-core";
import { analyseSheet, renderMessage } from "../../src/core/engine";
import { layoutEvaluation } from "../../src/core/engine/evaluation-sheet";
import type { SheetGrid } from "../../src/core/engine/types";
import { selectWrites } from "../../src/excel/adapter";
import { colLetter } from "../../src/excel/a1";
import { e81Grid, rkpdGrid, seedGrids } from "../../scripts/samples/seed-to-grid";
import { WORKER_MIN_ROWS } from "../../src/taskpane/analysis";
import { buildFakeBrowserBundle } from "../fakes/build-browser";
import { CHROMIUM_ARGS, OFFICE_JS_URL, StaticServer, serveDir } from "./server";

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "dist");
const IMG = path.join(ROOT, process.env.MONEV_SCREENSHOTS ?? "out/screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function ensureDist(): void {
  if (
    fs.existsSync(path.join(DIST, "taskpane.html")) &&
    fs.existsSync(path.join(DIST, "taskpane.js"))
  )
    return;
  try {
    execSync("npx webpack --mode production", {
      cwd: ROOT,
      stdio: "pipe",
      timeout: 600_000,
      env: {
        ...process.env,
        MONEV_PUBLIC_URL: process.env.MONEV_PUBLIC_URL || "https://example.invalid/monev/",
      },
    });
  } catch (e) {
    throw new Error(
      `dist/ is missing and 'npx webpack --mode production' failed: ${String(e).slice(0, 2000)}`
    );
  }
}

/** A recalculated value equals the engine's cached one (numbers to 1e-9 relative, "" for blank). */
function sameCached(got: unknown, want: unknown): boolean {
  const blank = (x: unknown) => x === null || x === undefined || x === "";
  if (blank(got) || blank(want)) return blank(got) && blank(want);
  if (typeof got === "number" && typeof want === "number")
    return Math.abs(got - want) <= 1e-9 * Math.max(1, Math.abs(want));
  return String(got) === String(want);
}

/** The sample: the emptied Sibolga PK/IKU seed (from test/fixtures/seed-tables). */
function sampleGrid(): SheetGrid {
  const seed = seedGrids().find((g) => g.id === "pk-iku");
  if (!seed) throw new Error("seed pk-iku missing from test/fixtures/seed-tables");
  return seed.emptied;
}

interface HostView {
  cell: (sheet: string, address: string) => { value: unknown; formula: string; numFmt: string };
}

async function cellOf(page: Page, sheet: string, address: string) {
  return page.evaluate(
    ([s, a]) => (window as unknown as { __monevHost: HostView }).__monevHost.cell(s, a),
    [sheet, address] as const
  );
}

async function snapshot(page: Page, sheet: string): Promise<unknown> {
  return page.evaluate(
    (s) =>
      (
        window as unknown as { __monevHost: { snapshot: (n: string) => unknown } }
      ).__monevHost.snapshot(s),
    sheet
  );
}

async function sheetNames(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as unknown as { __monevHost: { sheets: { name: string }[] } }).__monevHost.sheets.map(
      (s) => s.name
    )
  );
}

describe("task pane in Chromium (fake Excel host)", () => {
  let browser: Browser;
  let server: StaticServer;
  let fake: string;
  const blocked: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM))
      throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
    ensureDist();
    fake = buildFakeBrowserBundle();
    server = await serveDir(DIST, { "/axe.min.js": require.resolve("axe-core/axe.min.js") });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    fs.mkdirSync(IMG, { recursive: true });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openPane(
    grid: SheetGrid,
    lang = "id-ID",
    init?: () => void,
    viewport = { width: 420, height: 900 }
  ): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS_URL)
        return route.fulfill({ status: 200, contentType: "text/javascript", body: fake });
      if (url.startsWith(server.origin)) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    await page.addInitScript(
      ([g, l]) => {
        const w = window as unknown as {
          __monevInitialWorkbook: unknown;
          __monevDisplayLanguage: string;
        };
        w.__monevInitialWorkbook = g;
        w.__monevDisplayLanguage = l;
      },
      [grid, lang] as const
    );
    if (init) await page.addInitScript(init);
    await page.goto(`${server.origin}/taskpane.html`);
    await page
      .getByRole("button", { name: /^(Pindai ulang|Rescan)$/ })
      .and(page.locator(":enabled"))
      .waitFor({ timeout: 60_000 });
    return page;
  }

  it("detect, fill, generate, undo, undo", async () => {
    const grid = sampleGrid();
    const analysis = analyseSheet(grid);
    expect(analysis.tables.length).toBeGreaterThan(0);
    const writes = selectWrites(analysis.plan, false);
    expect(writes.length).toBeGreaterThan(0);

    const page = await openPane(grid);
    await page.getByTestId("table-range").waitFor();
    const original = await snapshot(page, grid.name);
    await page.screenshot({ path: path.join(IMG, "pane-kenali.png") });

    // Fill
    await page.getByRole("button", { name: "Isi kolom evaluasi" }).click();
    await page.getByText(/sel diisi/).waitFor();
    for (const w of writes.slice(0, 200)) {
      const c = await cellOf(page, w.sheet, w.address);
      if (w.formula) expect(c.formula).toBe(`=${w.formula}`);
      else expect(String(c.value)).toBe(String(w.value ?? ""));
    }
    await page.screenshot({ path: path.join(IMG, "pane-isi.png") });

    // Generate
    await page.getByRole("button", { name: "Buat lembar evaluasi" }).click();
    await page.getByText(/Lembar 'Evaluasi - .*' dibuat/).waitFor();
    const names = await sheetNames(page);
    const evalName = names.find((n) => n.startsWith("Evaluasi - "));
    expect(evalName).toBeDefined();
    const b4 = await cellOf(page, evalName!, "B4");
    expect(b4.formula).toContain(`'${grid.name}'!`);
    // Recalculated by the host: the sheet's average is the Sibolga print's "Nilai rata-rata 97%".
    // The pane lays the sheet out in the table shape's columns (an indicator table: A-G as before).
    const lay = layoutEvaluation(analysis, evalName!, { columns: "shape" });
    const cap = colLetter(lay?.capaianCol ?? 4);
    expect(lay?.columns.map((c) => c.key)).toEqual([
      "no",
      "label",
      "target",
      "realisasi",
      "capaian",
      "predikat",
      "acuan",
    ]);
    expect((await cellOf(page, evalName!, `${colLetter(lay?.predikatCol ?? 5)}3`)).value).toBe(
      "Predikat"
    );
    const avg = await cellOf(page, evalName!, `${cap}${(lay?.summaryRow ?? 0) + 1}`);
    expect(avg.formula).toMatch(/^=IFERROR\(AVERAGE\(/);
    expect(avg.value).toBeCloseTo(97, 9);
    // The filled predikat column is referenced (not re-rated): 4 x Sangat Tinggi, 1 x Tinggi.
    const f4 = await cellOf(page, evalName!, "F4");
    expect(f4.formula).toContain(`'${grid.name}'!`);
    const counts = await Promise.all(
      (lay?.labels ?? []).map(async (l, i) => [
        l,
        (await cellOf(page, evalName!, `${cap}${(lay?.summaryRow ?? 0) + 3 + i}`)).value,
      ])
    );
    expect(Object.fromEntries(counts)).toMatchObject({ "Sangat Tinggi": 4, Tinggi: 1 });
    await page.screenshot({ path: path.join(IMG, "pane-lembar-evaluasi.png") });

    // Undo generate, then undo fill
    await page.getByRole("button", { name: "Urungkan" }).click();
    await page.getByText(/Tindakan terakhir diurungkan/).waitFor();
    expect(await sheetNames(page)).toEqual([grid.name]);
    await page.getByRole("button", { name: "Urungkan" }).and(page.locator(":enabled")).waitFor();
    await page.getByRole("button", { name: "Urungkan" }).click();
    await page.getByRole("button", { name: "Urungkan" }).and(page.locator(":disabled")).waitFor();
    expect(await snapshot(page, grid.name)).toEqual(original);
    await page.context().close();
  });

  // Every sample workbook of the engine: fill writes exactly the plan, undo restores the sheet exactly.
  const samples: [string, () => SheetGrid][] = [
    ...seedGrids().map((s) => [s.id, () => s.emptied] as [string, () => SheetGrid]),
    ["renja-e81", e81Grid],
  ];
  it.each(samples)("fills and undoes the sample %s", async (_id, make) => {
    const grid = make();
    const { plan } = analyseSheet(grid);
    const writes = selectWrites(plan, false);
    const page = await openPane(grid);
    await page.getByTestId("table-range").first().waitFor();
    if (writes.length === 0) {
      // A table with nothing to compute (e.g. a PK with targets only): the pane says why.
      expect(plan.notes.length).toBeGreaterThan(0);
      await page.getByText(renderMessage(plan.notes[0], "id")).waitFor();
      await page.context().close();
      return;
    }
    const original = await snapshot(page, grid.name);
    await page.getByRole("button", { name: "Isi kolom evaluasi" }).click();
    await page.getByText(/sel diisi/).waitFor();
    const cells = await page.evaluate(
      (ws) =>
        ws.map((w) =>
          (window as unknown as { __monevHost: HostView }).__monevHost.cell(w.sheet, w.address)
        ),
      writes.map((w) => ({ sheet: w.sheet, address: w.address }))
    );
    writes.forEach((w, i) => {
      if (w.formula)
        expect({ at: w.address, f: cells[i].formula }).toEqual({
          at: w.address,
          f: `=${w.formula}`,
        });
      else
        expect({ at: w.address, v: String(cells[i].value) }).toEqual({
          at: w.address,
          v: String(w.value ?? ""),
        });
    });
    // The host recalculates the written formulas (HyperFormula): each gives the engine's cached value.
    const off = writes
      .map((w, i) => ({ w, got: cells[i].value }))
      .filter(({ w, got }) => w.formula && !sameCached(got, w.value))
      .map(
        ({ w, got }) =>
          `${w.address}: ${JSON.stringify(got)} != ${JSON.stringify(w.value)} (=${w.formula})`
      );
    expect(off).toEqual([]);
    // The rescan after filling sees our own cells as done: no new "already filled" conflicts.
    const conflictNote = page.getByText(/sel sudah berisi nilai berbeda/);
    if (plan.conflicts.length === 0) expect(await conflictNote.count()).toBe(0);
    else await page.getByText(`${plan.conflicts.length} sel sudah berisi nilai berbeda`).waitFor();
    await page.getByRole("button", { name: "Urungkan" }).click();
    await page.getByRole("button", { name: "Urungkan" }).and(page.locator(":disabled")).waitFor();
    expect(await snapshot(page, grid.name)).toEqual(original);
    await page.context().close();
  });

  it("analyses a large sheet in the Web Worker, then fills it", async () => {
    const grid = rkpdGrid(3000);
    expect(grid.cells.length).toBeGreaterThanOrEqual(WORKER_MIN_ROWS);
    const writes = selectWrites(analyseSheet(grid).plan, false);
    // Record the workers the page starts (and whether one fails).
    const page = await openPane(grid, "id-ID", () => {
      const w = window as unknown as { Worker: typeof Worker; __workers: string[] };
      const Real = w.Worker;
      w.__workers = [];
      w.Worker = class extends Real {
        constructor(url: string | URL, opts?: WorkerOptions) {
          super(url, opts);
          w.__workers.push(String(url));
          // A failing worker would make the pane fall back to its own thread: record that too.
          this.addEventListener("error", () => w.__workers.push("error"));
        }
      };
    });
    await page.getByTestId("table-range").waitFor();
    expect(
      await page.evaluate(() => (window as unknown as { __workers: string[] }).__workers)
    ).toEqual(["analysis-worker.js"]);
    await page
      .getByText(`${writes.length.toLocaleString("id-ID")} sel akan diisi dengan rumus Excel.`)
      .waitFor({ timeout: 120_000 });
    await page.getByRole("button", { name: "Isi kolom evaluasi" }).click();
    await page.getByText(/sel diisi/).waitFor({ timeout: 60_000 });
    const sample = writes.filter((_, i) => i % 97 === 0);
    const cells = await page.evaluate(
      (ws) =>
        ws.map((w) =>
          (window as unknown as { __monevHost: HostView }).__monevHost.cell(w.sheet, w.address)
        ),
      sample.map((w) => ({ sheet: w.sheet, address: w.address }))
    );
    sample.forEach((w, i) => {
      if (w.formula)
        expect({ at: w.address, f: cells[i].formula }).toEqual({
          at: w.address,
          f: `=${w.formula}`,
        });
    });
    await page.context().close();
  }, 120_000);

  it("has no serious or critical axe violations and Tab reaches the main buttons", async () => {
    const page = await openPane(sampleGrid());
    await page.addScriptTag({ url: "/axe.min.js" });
    const result = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              ctx: Document
            ) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
          };
        }
      ).axe;
      const r = await axe.run(document);
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    const bad = result.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad).toEqual([]);

    const reached = new Set<string>();
    await page.locator("body").focus();
    for (let i = 0; i < 400 && reached.size < 4; i++) {
      await page.keyboard.press("Tab");
      const label = await page.evaluate(
        () => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? ""
      );
      for (const name of [
        "Pindai ulang",
        "Isi kolom evaluasi",
        "Buat lembar evaluasi",
        "Jadikan portabel",
      ]) {
        if (label === name) reached.add(name);
      }
    }
    expect([...reached].sort()).toEqual([
      "Buat lembar evaluasi",
      "Isi kolom evaluasi",
      "Jadikan portabel",
      "Pindai ulang",
    ]);
    await page.context().close();
  });

  it("keeps the focused control visible above the sticky action bar while tabbing", async () => {
    const page = await openPane(rkpdGrid(300));
    await page.getByTestId("table-range").first().waitFor();
    await page.locator("body").focus();
    const hidden: string[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      const r = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const bar = document.querySelector('section[aria-labelledby="step-tindakan"]');
        if (!el || !bar || bar.contains(el) || el === document.body) return null;
        const a = el.getBoundingClientRect();
        const b = bar.getBoundingClientRect();
        return {
          label: (el.textContent || el.getAttribute("aria-label") || el.tagName)
            .trim()
            .slice(0, 40),
          bottom: a.bottom,
          barTop: b.top,
        };
      });
      if (r && r.bottom > r.barTop + 1)
        hidden.push(`${r.label} (${Math.round(r.bottom)} > ${Math.round(r.barTop)})`);
    }
    expect(hidden).toEqual([]);
    await page.context().close();
  });

  /** axe-core over the page: the serious and critical violations (id and node count). */
  async function axeViolations(page: Page): Promise<string[]> {
    if ((await page.evaluate(() => typeof (window as { axe?: unknown }).axe)) === "undefined")
      await page.addScriptTag({ url: "/axe.min.js" });
    return page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              ctx: Document
            ) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
          };
        }
      ).axe;
      const r = await axe.run(document);
      return r.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
    });
  }

  /**
   * Tab through every focus stop (until the focus comes back round, at most `max`): the stops more
   * than half hidden, under the sticky action bar or outside the window (WCAG 2.2, 2.4.11).
   */
  async function hiddenFocusStops(
    page: Page,
    max = 250
  ): Promise<{ stops: number; hidden: string[] }> {
    await page.locator("body").focus();
    const hidden: string[] = [];
    const seen = new Set<string>();
    let stops = 0;
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      const r = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const bar = document.querySelector('section[aria-labelledby="step-tindakan"]');
        const a = el.getBoundingClientRect();
        const inBar = !!bar && bar.contains(el);
        const limit = bar && !inBar ? bar.getBoundingClientRect().top : window.innerHeight;
        const visible = Math.max(0, Math.min(a.bottom, limit) - Math.max(a.top, 0));
        const all = [...document.querySelectorAll("*")];
        return {
          key: `${all.indexOf(el)}`,
          label: (el.getAttribute("aria-label") || el.textContent || el.tagName)
            .trim()
            .slice(0, 40),
          hiddenMost: a.height > 0 && visible < a.height / 2,
        };
      });
      if (!r) continue;
      if (seen.has(r.key)) break; // round again
      seen.add(r.key);
      stops++;
      if (r.hiddenMost) hidden.push(r.label);
    }
    return { stops, hidden };
  }

  /** Two copies of the Sibolga PK/IKU table, one empty row apart. */
  function twoTablesGrid(): SheetGrid {
    const a = sampleGrid();
    const shift = a.cells.length + 1;
    return {
      name: a.name,
      cells: [...a.cells, [], ...sampleGrid().cells],
      merges: [
        ...a.merges,
        ...a.merges.map((m) => ({ ...m, top: m.top + shift, bottom: m.bottom + shift })),
      ],
    };
  }

  it("picks one of two stacked tables: Isi fills that one only", async () => {
    const grid = twoTablesGrid();
    const tables = analyseSheet(grid).tables;
    expect(tables).toHaveLength(2);
    const page = await openPane(grid);
    const picker = page.getByRole("combobox", { name: "Tabel yang dikerjakan" });
    await picker.waitFor();
    await picker.selectOption("1");
    const second = tables[1];
    await page
      .getByTestId("table-range")
      .filter({ hasText: `A${second.top + 1}:` })
      .waitFor();
    const one = selectWrites(analyseSheet(grid).plan, false).filter((w) => w.row >= second.top);
    await page.getByRole("button", { name: "Isi kolom evaluasi" }).click();
    await page.getByText(`${one.length} sel diisi`, { exact: false }).waitFor();
    for (const w of one) {
      const c = await cellOf(page, w.sheet, w.address);
      expect(c.formula || String(c.value)).toBe(
        w.formula ? `=${w.formula}` : String(w.value ?? "")
      );
    }
    // The first table is untouched.
    const first = selectWrites(analyseSheet(grid).plan, false).filter((w) => w.row < second.top);
    for (const w of first) expect((await cellOf(page, w.sheet, w.address)).formula).toBe("");
    await page.context().close();
  });

  it("writes capped capaian formulas when a cap (batas) is chosen", async () => {
    const grid = sampleGrid();
    const capped = selectWrites(analyseSheet(grid, { batas: 100 }).plan, false);
    const plain = selectWrites(analyseSheet(grid).plan, false);
    const differ = capped.filter(
      (w) => plain.find((p) => p.address === w.address)?.formula !== w.formula
    );
    expect(differ.length).toBeGreaterThan(0);
    const page = await openPane(grid);
    await page.getByTestId("table-range").waitFor();
    await page.getByRole("combobox", { name: "Batas capaian" }).selectOption("100");
    const fill = page.getByRole("button", { name: "Isi kolom evaluasi" });
    await fill.and(page.locator(":enabled")).waitFor();
    await fill.click();
    await page.getByText(/sel diisi/).waitFor();
    for (const w of differ) {
      expect(w.formula).toMatch(/MIN\(100,/);
      expect((await cellOf(page, w.sheet, w.address)).formula).toBe(`=${w.formula}`);
    }
    await page.context().close();
  });

  // Every state of the pane at 320 px: no serious axe violation, no focus stop more than half
  // hidden; a screenshot of each at 320 and 450 px.
  const states: [string, () => SheetGrid, (page: Page) => Promise<void>][] = [
    [
      "kenali",
      sampleGrid,
      async (page) => {
        await page.getByTestId("table-range").waitFor();
      },
    ],
    [
      "isi",
      sampleGrid,
      async (page) => {
        await page.getByRole("button", { name: "Isi kolom evaluasi" }).click();
        await page.getByText(/sel diisi/).waitFor();
      },
    ],
    [
      "lembar",
      sampleGrid,
      async (page) => {
        // At 320 px the secondary actions sit under Lainnya (a disclosure button).
        const more = page.getByRole("button", { name: "Lainnya" });
        await more.click();
        expect(await more.getAttribute("aria-expanded")).toBe("true");
        await page.getByRole("button", { name: "Buat lembar evaluasi" }).click();
        await page.getByText(/Lembar 'Evaluasi - .*' dibuat/).waitFor();
      },
    ],
    [
      "proteksi",
      () => ({ ...sampleGrid(), protected: true }),
      async (page) => {
        await page.getByTestId("fill-blocked").waitFor();
      },
    ],
    [
      "kosong",
      () => ({ name: "Kosong", cells: [], merges: [] }),
      async (page) => {
        await page.getByText(/Lembar 'Kosong' kosong/).waitFor();
      },
    ],
    [
      "dua-tabel",
      twoTablesGrid,
      async (page) => {
        await page.getByRole("combobox", { name: "Tabel yang dikerjakan" }).waitFor();
      },
    ],
  ];
  it.each(states)(
    "state %s at 320 px: axe clean, no focus stop hidden",
    async (name, make, act) => {
      const page = await openPane(make(), "id-ID", undefined, { width: 320, height: 640 });
      await act(page);
      // The quarter-type and signature fields are part of Sesuaikan: every control is swept.
      expect(await axeViolations(page)).toEqual([]);
      const { stops, hidden } = await hiddenFocusStops(page);
      expect(stops).toBeGreaterThan(2);
      expect(hidden).toEqual([]);
      // The sticky action bar leaves the findings room: at most a fifth of the pane's height.
      const ratio = await page.evaluate(
        () =>
          (document.querySelector('section[aria-labelledby="step-tindakan"]') as HTMLElement)
            .offsetHeight / window.innerHeight
      );
      console.log(`action bar at 320x640, ${name}: ${(ratio * 100).toFixed(1)} % of the height`);
      expect(ratio).toBeLessThanOrEqual(0.2);
      // The picture shows the pane as opened, not the last focus stop.
      await page.evaluate(() => {
        (document.activeElement as HTMLElement | null)?.blur();
        window.scrollTo(0, 0);
      });
      await page.screenshot({ path: path.join(IMG, `pane-${name}-320.png`) });
      await page.setViewportSize({ width: 450, height: 800 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(IMG, `pane-${name}-450.png`) });
      await page.context().close();
    },
    180_000
  );

  it("shows English when Office's display language is English", async () => {
    const page = await openPane(sampleGrid(), "en-US");
    await page.getByRole("button", { name: "Fill evaluation columns" }).waitFor();
    await page.screenshot({ path: path.join(IMG, "pane-en.png") });
    await page.context().close();
  });

  it("made no request outside 127.0.0.1 and had no page errors", () => {
    expect(blocked).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
