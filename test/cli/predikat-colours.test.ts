/**
 * The CLI colours predikat cells and writes the legend from the scale the sheet is rated on: on
 * the SAKIP scale 'B' is the fourth of seven grades ("Baik"), not coloured and explained like the
 * Permendagri 'T' / "Tinggi" that the label-only table would give it.
 */
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { evaluateFile } from "../../src/cli/evaluate";
import { SCALES } from "../../src/core/predikat";
import { bandStyle } from "../../src/core/scale-style";
import { unzipText } from "../helpers/ooxml-package";
import { tmpDir } from "./run-cli";

const quiet = { step: () => undefined, done: () => undefined };

async function makeWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Nilai");
  ws.getRow(1).values = ["No", "Indikator", "Target", "Realisasi", "Capaian", "Predikat"];
  ws.getRow(2).values = [1, "Nilai evaluasi SAKIP", 100, 95];
  ws.getRow(3).values = [2, "Nilai reformasi birokrasi", 100, 65];
  await wb.xlsx.writeFile(file);
}

/** The fill colour (RRGGBB) of the conditional format whose rule text is `label`. */
function ruleFill(sheetXml: string, stylesXml: string, label: string): string | undefined {
  const rule = new RegExp(`<cfRule[^>]*dxfId="(\\d+)"[^>]*text="${label}"`).exec(sheetXml);
  if (!rule) return undefined;
  const dxfs = /<dxfs[^>]*>([\s\S]*?)<\/dxfs>/.exec(stylesXml)?.[1] ?? "";
  const dxf = dxfs.split("</dxf>")[Number(rule[1])];
  return /<(?:bgColor|fgColor) rgb="FF([0-9A-F]{6})"/i.exec(dxf)?.[1]?.toUpperCase();
}

describe("predikat colours and legend follow the sheet's scale", () => {
  const dir = tmpDir("monev-colours-");
  const input = path.join(dir, "nilai.xlsx");
  beforeAll(() => makeWorkbook(input));

  it("SAKIP: 'B' gets the SAKIP band's colour and meaning", async () => {
    const out = path.join(dir, "sakip.xlsx");
    const r = await evaluateFile(input, out, { scale: "sakip", evaluationSheet: true }, quiet);
    expect(r.predikat).toEqual({ AA: 1, B: 1 });
    const buf = fs.readFileSync(out);
    const sheet = unzipText(buf, "xl/worksheets/sheet1.xml");
    const styles = unzipText(buf, "xl/styles.xml");
    const sakipB = bandStyle(SCALES.sakip, 3);
    expect(ruleFill(sheet, styles, "B")).toBe(sakipB.fill.slice(1).toUpperCase());
    expect(ruleFill(sheet, styles, "AA")).toBe(
      bandStyle(SCALES.sakip, 0).fill.slice(1).toUpperCase()
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const meanings = new Map<string, string>();
    wb.getWorksheet("Nilai")!.eachRow((row) => {
      const vals = (row.values as unknown[]).slice(1);
      const i = vals.findIndex((v) => v === "B" || v === "AA");
      if (i >= 0 && typeof vals[i + 1] === "string")
        meanings.set(vals[i] as string, vals[i + 1] as string);
    });
    // The evaluation sheet (sheet2) colours its predikat column from the same scale.
    const evaluation = unzipText(buf, "xl/worksheets/sheet2.xml");
    expect(ruleFill(evaluation, styles, "B")).toBe(sakipB.fill.slice(1).toUpperCase());
    expect(meanings.get("B")).toBe("Baik");
    expect(meanings.get("AA")).toBe("Sangat Memuaskan");
  });
});
