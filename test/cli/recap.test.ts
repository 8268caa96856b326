/**
 * The --rekap workbook, written without ExcelJS (src/cli/ooxml/new-workbook.ts) and read back
 * here with ExcelJS: header texts in both languages, one row per file with numbers as numbers, the
 * total row's formulas with their cached results, bold header and total rows, header wrap and
 * vertical centring, the frozen first row, the autofilter (with Excel's _FilterDatabase name),
 * column widths, 0.00 on the average column; errors as output errors; and the compiled CLI's
 * batch parent writing it without loading ExcelJS.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { unzipSync, strFromU8 } from "fflate";
import { writeRecapWorkbook } from "../../src/cli/recap";
import { RECAP_ROWS } from "../helpers/recap-rows";
import { lang, setLang } from "../../src/cli/i18n";
import { CliError, EXIT_OUTPUT } from "../../src/cli/exit";
import { ensureCompiledCli, runBin } from "./compiled-cli";
import { ROOT, SAMPLES, tmpDir } from "./run-cli";

async function read(file: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0];
}

const rowValues = (ws: ExcelJS.Worksheet, r: number, n: number) =>
  Array.from({ length: n }, (_, c) => ws.getRow(r).getCell(c + 1).value);

describe("the recap workbook", () => {
  const dir = tmpDir("monev-recap-");
  let before: ReturnType<typeof lang>;
  beforeEach(() => {
    before = lang();
    setLang("id");
  });
  afterEach(() => setLang(before));

  it("evaluate: headers, rows, totals with cached results, looks, frozen row, filter, widths", async () => {
    const file = path.join(dir, "rekap.xlsx");
    writeRecapWorkbook(file, RECAP_ROWS, "evaluate");
    const ws = await read(file);
    expect(ws.name).toBe("Rekap");
    const width = ws.getRow(1).cellCount;
    const header = rowValues(ws, 1, width) as string[];
    const preds = header.filter((h) => h.startsWith("Predikat: "));
    expect(header).toEqual([
      "No",
      "OPD",
      "Berkas",
      "Tabel",
      "Indikator",
      "Sel ditulis",
      "Rata-rata capaian (%)",
      ...preds,
      "Temuan audit",
      "Status",
      "Keluaran",
    ]);
    // Scale labels in the scales' order (best first), others after them.
    expect([...preds].sort()).toEqual(
      ["Rendah", "Sangat Tinggi", "Sedang", "Tinggi", "Zona Lain"].map((p) => `Predikat: ${p}`)
    );
    expect(preds.indexOf("Predikat: Sangat Tinggi")).toBeLessThan(
      preds.indexOf("Predikat: Rendah")
    );
    expect(preds[preds.length - 1]).toBe("Predikat: Zona Lain");
    const col = (h: string) => header.indexOf(h) + 1;
    const pc = (p: string) => col(`Predikat: ${p}`);

    // One row per file, numbers as numbers, the average rounded to 2 decimals.
    const r2 = ws.getRow(2);
    expect(rowValues(ws, 2, 7)).toEqual([
      1,
      "dinas-pendidikan",
      "dinas-pendidikan.xlsx",
      2,
      30,
      120,
      87.46,
    ]);
    expect(r2.getCell(pc("Tinggi")).value).toBe(15);
    expect(r2.getCell(pc("Rendah")).value).toBe(0);
    expect(r2.getCell(col("Temuan audit")).value).toBe(2);
    expect(r2.getCell(col("Status")).value).toBe("OK");
    expect(r2.getCell(col("Keluaran")).value).toBe(path.join("hasil", "dinas-pendidikan.xlsx"));
    expect(ws.getRow(3).getCell(3).value).toBe(path.join("sub", "dinkes.xlsx"));
    expect(ws.getRow(3).getCell(7).value).toBe(64);
    // The failed file: name and error, no figures.
    expect(rowValues(ws, 4, width)).toEqual([
      3,
      "rusak",
      "rusak.xlsx",
      ...Array(width - 5).fill(null),
      "GAGAL: Bukan berkas Excel .xlsx",
      null,
    ]);
    // No rated row: counts, no average.
    expect(rowValues(ws, 5, 7)).toEqual([4, "kosong", "kosong.xlsx", 1, 0, 0, null]);

    // Totals: formulas over the file rows, with their results cached.
    const total = ws.getRow(6);
    expect(total.getCell(2).value).toBe("Jumlah");
    const f = (c: number) => total.getCell(c).value as ExcelJS.CellFormulaValue;
    expect(f(4)).toEqual({ formula: "SUM(D2:D5)", result: 4 });
    expect(f(5)).toEqual({ formula: "SUM(E2:E5)", result: 42 });
    expect(f(6)).toEqual({ formula: "SUM(F2:F5)", result: 168 });
    expect(f(7)).toEqual({
      formula: 'IFERROR(AVERAGE(G2:G5),"")',
      result: expect.closeTo(75.73, 9),
    });
    expect(f(pc("Tinggi"))).toEqual({ formula: expect.stringMatching(/^SUM\(/), result: 24 });
    expect(f(col("Temuan audit")).result).toBe(3);
    for (const h of ["No", "Berkas", "Status", "Keluaran"])
      expect(total.getCell(col(h)).value).toBeNull();
    expect(ws.rowCount).toBe(6);

    // Bold header and total row (every cell of them), the header wrapped and centred vertically.
    for (let c = 1; c <= width; c++) {
      expect(ws.getRow(1).getCell(c).font?.bold).toBe(true);
      expect(ws.getRow(1).getCell(c).alignment).toMatchObject({
        wrapText: true,
        vertical: "middle",
      });
      expect(total.getCell(c).font?.bold).toBe(true);
      expect(r2.getCell(c).font?.bold).toBeFalsy();
    }
    // 0.00 on the average column, the total's included.
    expect(ws.getColumn(7).numFmt).toBe("0.00");
    for (let r = 1; r <= 6; r++) expect(ws.getRow(r).getCell(7).numFmt).toBe("0.00");
    expect(r2.getCell(6).numFmt).toBeFalsy();

    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1, topLeftCell: "A2" });
    const last = String.fromCharCode(64 + width);
    expect(ws.autoFilter).toBe(`A1:${last}1`);
    const widths = header.map((_, i) => ws.getColumn(i + 1).width);
    expect(widths.slice(0, 7)).toEqual([8, 28, 36, 8, 11, 13, 16]);
    expect(widths[col("Status") - 1]).toBe(30);
    expect(widths[col("Keluaran") - 1]).toBe(36);
    expect(widths[pc("Sangat Tinggi") - 1]).toBe(16);
    expect(widths[pc("Sedang") - 1]).toBe(16);

    // Excel's hidden name for the autofilter (LibreOffice keeps the filter only with it).
    const parts = unzipSync(new Uint8Array(fs.readFileSync(file)));
    expect(strFromU8(parts["xl/workbook.xml"])).toContain(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Rekap'!$A$1:$${last}$1</definedName>`
    );
    expect(strFromU8(parts["docProps/core.xml"])).toContain("<dc:creator>monev</dc:creator>");
  });

  it("audit in English: no written-cells or output column, English texts", async () => {
    setLang("en");
    const file = path.join(dir, "recap-en.xlsx");
    writeRecapWorkbook(file, RECAP_ROWS, "audit");
    const ws = await read(file);
    expect(ws.name).toBe("Recap");
    const width = ws.getRow(1).cellCount;
    const header = rowValues(ws, 1, width) as string[];
    expect(header.slice(0, 6)).toEqual([
      "No",
      "Agency",
      "File",
      "Tables",
      "Indicators",
      "Average achievement (%)",
    ]);
    expect(header.slice(-2)).toEqual(["Audit findings", "Status"]);
    expect(header.some((h) => h.startsWith("Rating: "))).toBe(true);
    expect(header).not.toContain("Cells written");
    expect(ws.getRow(4).getCell(width).value).toBe("FAILED: Bukan berkas Excel .xlsx");
    expect(ws.getRow(6).getCell(2).value).toBe("Total");
    expect(ws.getRow(6).getCell(6).value).toEqual({
      formula: 'IFERROR(AVERAGE(F2:F5),"")',
      result: expect.closeTo(75.73, 9),
    });
    expect(ws.getColumn(6).numFmt).toBe("0.00");
    expect(ws.getColumn(2).width).toBe(28);
    expect(ws.getColumn(width).width).toBe(30);
  });

  it("no average anywhere: the total's average is cached empty; no file: header only", async () => {
    const file = path.join(dir, "tanpa-rata.xlsx");
    writeRecapWorkbook(file, RECAP_ROWS.slice(2), "evaluate");
    const ws = await read(file);
    const avg = ws.getRow(4).getCell(7).value as ExcelJS.CellFormulaValue;
    expect(avg.formula).toBe('IFERROR(AVERAGE(G2:G3),"")');
    expect(avg.result ?? "").toBe("");
    expect((ws.getRow(4).getCell(4).value as ExcelJS.CellFormulaValue).result).toBe(1);

    const empty = path.join(dir, "kosong.xlsx");
    writeRecapWorkbook(empty, [], "audit");
    const e = await read(empty);
    expect(e.rowCount).toBe(1);
    expect(e.getRow(1).getCell(1).value).toBe("No");
    expect(e.autoFilter).toBe("A1:H1");
  });

  it("a recap that cannot be written is an output error (exit 3), and leaves no file", () => {
    const file = path.join(dir, "tidak-ada", "rekap.xlsx");
    let error: unknown;
    try {
      writeRecapWorkbook(file, RECAP_ROWS, "evaluate");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(EXIT_OUTPUT);
    expect((error as CliError).message).toMatch(/^Gagal menulis rekap .*rekap\.xlsx: .*ENOENT/);
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  });
});

describe("the batch parent writes the recap without ExcelJS (compiled CLI)", () => {
  beforeAll(() => ensureCompiledCli(), 300_000);

  it("no module of the exceljs package is loaded in the parent thread", async () => {
    const d = tmpDir("monev-recap-noexceljs-");
    fs.mkdirSync(path.join(d, "opd"));
    for (const f of ["pk-iku-kosong.xlsx", "rkpd-2022-kosong.xlsx", "tabel-i15-kosong.xlsx"])
      fs.copyFileSync(path.join(SAMPLES, f), path.join(d, "opd", f));
    // Preloaded in every thread; the parent (main) thread lists its modules when it exits.
    const hook = path.join(d, "modules-hook.js");
    const list = path.join(d, "modules.json");
    fs.writeFileSync(
      hook,
      `const { isMainThread } = require("worker_threads");
if (isMainThread)
  process.on("exit", () =>
    require("fs").writeFileSync(${JSON.stringify(list)}, JSON.stringify(Object.keys(require.cache)))
  );
`
    );
    const r = runBin(
      ["evaluate", "opd", "-o", "hasil/", "--paralel", "2", "--rekap", "rekap.xlsx"],
      { cwd: d, env: { NODE_OPTIONS: `--require ${JSON.stringify(hook)}` } }
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const modules = JSON.parse(fs.readFileSync(list, "utf8")) as string[];
    const rel = modules.map((m) => path.relative(ROOT, m).split(path.sep).join("/"));
    // The recap was written by this thread, with the OOXML writer...
    expect(rel).toEqual(
      expect.arrayContaining(["dist-cli/cli/recap.js", "dist-cli/cli/ooxml/new-workbook.js"])
    );
    // ...and nothing of ExcelJS was loaded for it.
    expect(modules.filter((m) => /[\\/]node_modules[\\/]exceljs[\\/]/.test(m))).toEqual([]);
    const ws = await read(path.join(d, "rekap.xlsx"));
    expect(ws.getRow(5).getCell(2).value).toBe("Jumlah");
  });
});
