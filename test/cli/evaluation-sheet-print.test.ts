/**
 * The CLI's evaluation sheet as printed: A4 landscape, one page wide, header row repeated on every
 * page (Print_Titles), wrapped labels in rows tall enough for their lines (the RKPD sample's long
 * kegiatan names overlapped the next row), no "Acuan 100%" column (it only feeds the pane's chart),
 * and every narrative cell within Excel's 32,767 characters.
 */
import * as fs from "fs";
import * as path from "path";
import { strFromU8 } from "fflate";
import { readCells, unzipParts } from "../helpers/ooxml-package";
import { copySample, runCli, tmpDir } from "./run-cli";

const dir = tmpDir("monev-print-");
const output = path.join(dir, "rkpd.xlsx");

test("evaluation sheet print settings, row heights and cell limits", () => {
  const run = runCli([
    "evaluate",
    copySample("rkpd-2022-kosong.xlsx", dir),
    "-o",
    output,
    "--lembar-evaluasi",
  ]);
  expect(run.code).toBe(0);
  const parts = unzipParts(fs.readFileSync(output));
  const workbook = strFromU8(parts["xl/workbook.xml"]);
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*name="([^"]+)"/g)].map((m) => m[1]);
  const index = sheets.findIndex((n) => n.startsWith("Evaluasi"));
  expect(index).toBeGreaterThan(0);
  expect(workbook).toMatch(
    new RegExp(`<definedName name="_xlnm.Print_Titles" localSheetId="${index}">`)
  );
  const evalPart = Object.keys(parts)
    .filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))
    .find((p) => strFromU8(parts[p]).includes("Sasaran / Indikator")) as string;
  const xml = strFromU8(parts[evalPart]);
  expect(xml).toMatch(/<pageSetup paperSize="9" orientation="landscape"[^>]*fitToHeight="0"/);
  expect(xml).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
  expect(xml).not.toMatch(/Acuan 100%/);
  const cells = readCells(xml);
  // Every label longer than one line of column B sits in a row with its own height.
  const rowsXml = new Map(
    [...xml.matchAll(/<row r="(\d+)"([^>]*)>/g)].map((m) => [Number(m[1]), m[2]])
  );
  let tall = 0;
  for (const [address, c] of cells) {
    const r = Number(address.replace(/^[A-Z]+/, ""));
    const text = c.is ?? (c.t === "str" ? c.v : undefined) ?? "";
    expect(text.length).toBeLessThanOrEqual(32767);
    if (!address.startsWith("B") || text.length <= 50 || (c.is !== undefined && text.length > 200))
      continue;
    expect(rowsXml.get(r)).toMatch(/ht="\d+" customHeight="1"/);
    tall++;
  }
  expect(tall).toBeGreaterThan(3);
});
