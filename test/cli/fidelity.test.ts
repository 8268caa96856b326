/**
 * Package fidelity of `monev evaluate` (issue 8): the output is the input package with only the
 * parts Monev must change changed. Every other part compares byte-identical (decompressed);
 * written cells hold the planned formula and cached value; LibreOffice recalculates every written
 * cell to its cached value. Workbooks are built here from raw parts (fidelity-workbook.ts).
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { strFromU8 } from "fflate";
import { evaluateFile, FileResult } from "../../src/cli/evaluate";
import type { CliError } from "../../src/cli/exit";
import { plainValue } from "../../src/cli/xlsx";
import {
  findSoffice,
  INSTALL_HINT,
  recalcWithLibreOffice,
  sameValue,
} from "../helpers/libreoffice";
import { readCells, unzipParts, zipParts } from "../helpers/ooxml-package";
import { kitchenSink, WORKBOOK_XML } from "./fidelity-workbook";
import { tmpDir } from "./run-cli";

const quiet = { step: () => undefined, done: () => undefined };
const dir = tmpDir("monev-fidelity-");

function text(parts: Record<string, Uint8Array>, p: string): string {
  return strFromU8(parts[p]);
}

async function refusedWith(p: Promise<unknown>): Promise<CliError> {
  try {
    await p;
  } catch (e) {
    return e as CliError;
  }
  throw new Error("expected a refusal");
}

/** Parts that differ (decompressed bytes), and parts added or removed. */
function diffParts(a: Record<string, Uint8Array>, b: Record<string, Uint8Array>) {
  const changed: string[] = [];
  for (const k of Object.keys(a))
    if (b[k] && Buffer.compare(Buffer.from(a[k]), Buffer.from(b[k])) !== 0) changed.push(k);
  return {
    changed: changed.sort(),
    added: Object.keys(b)
      .filter((k) => !a[k])
      .sort(),
    removed: Object.keys(a)
      .filter((k) => !b[k])
      .sort(),
  };
}

describe("evaluate keeps the whole package (.xlsm kitchen sink)", () => {
  const input = path.join(dir, "lengkap.xlsm");
  const output = path.join(dir, "hasil.xlsm");
  let res: FileResult;
  let before: Record<string, Uint8Array>;
  let after: Record<string, Uint8Array>;
  beforeAll(async () => {
    fs.writeFileSync(input, zipParts(kitchenSink(true)));
    res = await evaluateFile(input, output, { evaluationSheet: true }, quiet);
    before = unzipParts(fs.readFileSync(input));
    after = unzipParts(fs.readFileSync(output));
  });

  test("only the written sheet, styles, notes, workbook calc flag and the added sheet's registrations change", () => {
    const d = diffParts(before, after);
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([
      "[Content_Types].xml",
      "docProps/app.xml",
      "xl/_rels/workbook.xml.rels",
      "xl/comments1.xml",
      "xl/drawings/vmlDrawing1.vml",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
    ]);
    // The evaluation sheet and its chart: new parts beside the workbook's own chart1 / drawing1.
    expect(d.added).toEqual([
      "xl/charts/chart2.xml",
      "xl/drawings/_rels/drawing2.xml.rels",
      "xl/drawings/drawing2.xml",
      "xl/worksheets/_rels/sheet5.xml.rels",
      "xl/worksheets/sheet5.xml",
    ]);
    // Untouched on purpose: macros, chart, drawing, pivot table + cache, external link, tables,
    // printer settings, custom properties, the protected sheet (not written without the option).
    for (const p of [
      "xl/vbaProject.bin",
      "xl/charts/chart1.xml",
      "xl/pivotCache/pivotCacheDefinition1.xml",
      "xl/worksheets/sheet3.xml",
      "docProps/custom.xml",
    ]) {
      expect(Buffer.from(after[p]).equals(Buffer.from(before[p]))).toBe(true);
    }
  });

  test("workbook.xml: only fullCalcOnLoad, the new <sheet> and its print names differ (names, protection, calc settings kept)", () => {
    const wb = text(after, "xl/workbook.xml");
    expect(wb).toContain(
      '<calcPr calcId="191029" calcMode="manual" iterate="1" iterateCount="50" iterateDelta="0.0001" fullCalcOnLoad="1"/>'
    );
    // The evaluation sheet: its <sheet> (next free sheetId) and its print titles (header row repeated).
    const titles =
      /<definedName name="_xlnm.Print_Titles" localSheetId="4">'Evaluasi - IKU'!\$(\d+):\$\1<\/definedName>/.exec(
        wb
      );
    expect(titles).not.toBeNull();
    // Its print area: the table, not the chart beside it.
    const area =
      /<definedName name="_xlnm.Print_Area" localSheetId="4">'Evaluasi - IKU'!\$A\$1:\$[A-Z]+\$\d+<\/definedName>/.exec(
        wb
      );
    expect(area).not.toBeNull();
    const back = wb
      .replace(' fullCalcOnLoad="1"', "")
      .replace(/<sheet name="Evaluasi - IKU" sheetId="6" r:id="rId11"\/>/, "")
      .replace(titles?.[0] ?? "", "")
      .replace(area?.[0] ?? "", "");
    expect(back).toBe(WORKBOOK_XML);
    expect(wb).toContain(
      '<definedName name="DaftarNama">OFFSET(Daftar!$A$1,0,0,COUNTA(Daftar!$A:$A),1)</definedName>'
    );
  });

  test(".xlsm content type and vbaProject relationship stay", () => {
    const ct = text(after, "[Content_Types].xml");
    expect(ct).toContain(
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>'
    );
    expect(ct).toContain(
      '<Override PartName="/xl/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/>'
    );
    expect(text(after, "xl/_rels/workbook.xml.rels")).toContain('Target="vbaProject.bin"');
  });

  test("the written sheet keeps every element outside the written cells byte for byte", () => {
    const a = text(before, "xl/worksheets/sheet1.xml");
    const b = text(after, "xl/worksheets/sheet1.xml");
    const tail = (s: string) => s.slice(s.indexOf("</sheetData>"));
    // Everything after sheetData is kept; only the predikat conditional formats are inserted
    // (after the existing one, before dataValidations).
    const inserted =
      /<conditionalFormatting sqref="F2:F4">[\s\S]*?<\/conditionalFormatting><conditionalFormatting sqref="H3:H4">[\s\S]*?<\/conditionalFormatting>/.exec(
        b
      );
    expect(inserted).not.toBeNull();
    expect(tail(b).replace(inserted?.[0] ?? "", "")).toBe(tail(a));
    expect(b.indexOf(inserted?.[0] ?? "")).toBeLessThan(b.indexOf("<dataValidations"));
    // Before sheetData: only the dimension is widened (the legend reaches column I).
    const head = (s: string) => s.slice(0, s.indexOf("<sheetData>"));
    expect(head(b)).toBe(head(a).replace('<dimension ref="A1:K6"/>', '<dimension ref="A1:K6"/>'));
    // Cells Monev does not write keep their exact XML (the dynamic array, the styled empty cell).
    const ca = readCells(a);
    const cb = readCells(b);
    for (const [ref, c] of ca) expect(cb.get(ref)).toEqual(c);
    expect(b).toContain(
      '<c r="K2" cm="1"><f t="array" ref="K2:K4">_xlfn._xlws.SORT(C2:C4)</f><v>10</v></c>'
    );
  });

  test("written cells hold the planned formula and cached value; the note's input is a value", () => {
    const cells = readCells(text(after, "xl/worksheets/sheet1.xml"));
    const mine = res.writes.filter((w) => w.sheet === "IKU");
    expect(mine.map((w) => w.address).sort()).toEqual(["E2", "E3", "E4", "F2", "F3", "F4"]);
    for (const w of mine) {
      const c = cells.get(w.address);
      expect(c?.f).toBe(w.formula);
      if (typeof w.value === "number") expect(Number(c?.v)).toBeCloseTo(w.value, 9);
      else if (w.formula) {
        expect(c?.t).toBe("str");
        expect(c?.v).toBe(w.value);
      }
    }
    // Style: cloned from the bordered cell on the left with the built-in '0.00' (id 2), appended
    // after the four existing cell formats, which are unchanged.
    const styles = text(after, "xl/styles.xml");
    const xfs = (s: string) =>
      [
        ...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(s)?.[1] ?? "").matchAll(
          /<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g
        ),
      ].map((m) => m[0]);
    expect(xfs(styles).slice(0, 4)).toEqual(xfs(text(before, "xl/styles.xml")));
    expect(xfs(styles)[Number(cells.get("E2")?.s)]).toBe(
      '<xf numFmtId="2" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyNumberFormat="1"/>'
    );
    expect(Number(cells.get("E2")?.s)).toBeGreaterThanOrEqual(4);
  });

  test("the note is a real comment appended to the existing ones; existing authors and comments kept", () => {
    const c = text(after, "xl/comments1.xml");
    const old = text(before, "xl/comments1.xml");
    expect(c).toContain(
      "<authors><author>Penyusun Renja</author><author>Verifikator</author><author>Monev</author></authors>"
    );
    const oldComment = /<comment ref="B2"[\s\S]*?<\/comment>/.exec(old)?.[0] as string;
    expect(c).toContain(oldComment);
    expect(c).toMatch(
      /<comment ref="E3" authorId="2"><text><r><rPr>.*?<\/rPr><t xml:space="preserve">Monev: Masukan berupa teks: D3/
    );
    const vml = text(after, "xl/drawings/vmlDrawing1.vml");
    expect(vml.startsWith(text(before, "xl/drawings/vmlDrawing1.vml").replace("</xml>", ""))).toBe(
      true
    );
    expect(vml).toMatch(/<x:Row>2<\/x:Row><x:Column>4<\/x:Column>/);
  });

  test("predikat colours: conditional formats with dxfs appended, and a legend", () => {
    const b = text(after, "xl/worksheets/sheet1.xml");
    expect(b).toMatch(
      /<cfRule type="beginsWith" dxfId="1" priority="2" stopIfTrue="1" operator="beginsWith" text="Sangat Tinggi">/
    );
    const cells = readCells(b);
    expect(cells.get("H2")?.is).toBe("Predikat");
    expect(cells.get("I2")?.is).toBe("Keterangan");
    expect([cells.get("H3")?.is, cells.get("H4")?.is]).toEqual(["Sangat Tinggi", "Tinggi"]);
    const styles = text(after, "xl/styles.xml");
    // The existing dxf 0 stays first; the predikat colours follow.
    expect(styles).toMatch(
      /<dxfs count="\d+"><dxf><font><color rgb="FF9C0006"\/><\/font><\/dxf><dxf><font><color rgb="FF000000"\/><\/font><fill><patternFill patternType="solid"><fgColor rgb="FF63BE7B"\/>/
    );
  });

  test("evaluating the output again writes nothing (it reads back as written)", async () => {
    const again = await evaluateFile(output, path.join(dir, "lagi.xlsm"), {}, quiet);
    expect(again.cellsWritten).toBe(0);
  });

  test("an .xlsm input is refused for an .xlsx-named output (nothing written)", async () => {
    const target = path.join(dir, "hasil-salah.xlsx");
    const e = await refusedWith(evaluateFile(input, target, {}, quiet));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/\.xlsm.*vbaProject\.bin/);
    expect(fs.existsSync(target)).toBe(false);
  });

  test("protected sheet: skipped by default; with writeProtected written and <sheetProtection> byte-identical", async () => {
    const cellsBefore = readCells(text(before, "xl/worksheets/sheet3.xml"));
    expect(cellsBefore.has("E2")).toBe(false);
    const out2 = path.join(dir, "terkunci.xlsm");
    const r = await evaluateFile(
      input,
      out2,
      { writeProtected: true, predikatFormats: false },
      quiet
    );
    expect(r.writes.filter((w) => w.sheet === "Terkunci").length).toBe(6);
    const s3 = text(unzipParts(fs.readFileSync(out2)), "xl/worksheets/sheet3.xml");
    expect(s3).toContain(
      '<sheetProtection password="CC3D" sheet="1" objects="1" scenarios="1" formatCells="0"/>'
    );
    expect(readCells(s3).get("E2")?.f).toMatch(/D2\/C2\*100/);
  });

  test("LibreOffice opens the output and recalculates every written cell to its cached value", async () => {
    if (!findSoffice()) throw new Error(INSTALL_HINT);
    const lo = recalcWithLibreOffice([output], path.join(dir, "lo"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(lo.outputs.get(output) as string);
    const mismatches: string[] = [];
    const formulas = res.writes.filter((w) => w.formula);
    expect(formulas.length).toBeGreaterThan(10);
    for (const w of formulas) {
      const cell = wb.getWorksheet(w.sheet)?.getCell(w.address);
      const actual =
        cell?.type === ExcelJS.ValueType.Formula
          ? plainValue((cell as unknown as { result: unknown }).result)
          : plainValue(cell?.value);
      if (!sameValue(actual, w.value))
        mismatches.push(
          `${w.sheet}!${w.address}: LibreOffice ${JSON.stringify(actual)} != Monev ${JSON.stringify(w.value)}`
        );
    }
    expect(mismatches).toEqual([]);
  }, 180_000);
});
