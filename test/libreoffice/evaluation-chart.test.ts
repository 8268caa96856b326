/**
 * The evaluation sheet's chart as LibreOffice reads it: after opening, recalculating and saving
 * the CLI's output, LibreOffice's own file still has the chart on the evaluation sheet with both
 * series (capaian columns, the 100% line) over the same cells, the points it computed itself equal
 * to the sheet's capaian, and the print area that keeps the chart off the printed page.
 */
import * as fs from "fs";
import * as path from "path";
import { strFromU8 } from "fflate";
import { unzipParts } from "../helpers/ooxml-package";
import { INSTALL_HINT, findSoffice, recalcWithLibreOffice } from "../helpers/libreoffice";
import { evaluateWithSheet, tmpDir } from "../cli/run-cli";

test("LibreOffice keeps the chart's two series over the evaluation sheet's cells", () => {
  if (!findSoffice()) throw new Error(INSTALL_HINT);
  const dir = tmpDir("monev-lo-chart-");
  const { output } = evaluateWithSheet("pk-iku-kosong.xlsx", dir, "pk.xlsx");
  const saved = recalcWithLibreOffice([output], path.join(dir, "lo")).outputs.get(output)!;
  const parts = unzipParts(fs.readFileSync(saved));
  const charts = Object.keys(parts).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
  expect(charts).toHaveLength(1);
  const chart = strFromU8(parts[charts[0]]).replace(/&apos;/g, "'");
  expect(chart).toMatch(/<c:barChart>[\s\S]*<\/c:barChart><c:lineChart>/);
  expect(chart).toContain("<c:v>Capaian</c:v>");
  expect(chart).toContain("<c:v>Acuan 100%</c:v>");
  const refs = [...chart.matchAll(/<c:f>('Evaluasi[^<]*)<\/c:f>/g)].map((m) => m[1]);
  expect(refs).toEqual([
    "'Evaluasi - Tabel 3.1.1'!$A$4:$A$8",
    "'Evaluasi - Tabel 3.1.1'!$E$4:$E$8",
    "'Evaluasi - Tabel 3.1.1'!$A$4:$A$8",
    "'Evaluasi - Tabel 3.1.1'!$G$4:$G$8",
  ]);
  // LibreOffice's own points: the indicators' capaian (one of five below target) and 100s.
  const caches = [...chart.matchAll(/<c:numCache>([\s\S]*?)<\/c:numCache>/g)].map((m) =>
    [...m[1].matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((v) => Number(v[1]))
  );
  expect(caches).toEqual([
    [100, 85, 100, 100, 100],
    [100, 100, 100, 100, 100],
  ]);
  expect(strFromU8(parts["xl/workbook.xml"]).replace(/&apos;/g, "'")).toMatch(
    /_xlnm.Print_Area"[^>]*>'Evaluasi - Tabel 3.1.1'!\$A\$1:\$F\$\d+</
  );
});
