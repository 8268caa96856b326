/**
 * The CLI's evaluation sheet carries the chart the pane draws: capaian columns per indicator and a
 * 100% line, beside the table, titled in the message language. Its series read the sheet's own
 * cells, and their cached points are those cells' cached values, so the chart shows the right
 * bars before any recalculation. The package stays whole: a drawing and a chart part with their
 * relationships and content types.
 */
import * as fs from "fs";
import { strFromU8 } from "fflate";
import { readCells, unzipParts } from "../helpers/ooxml-package";
import { evaluateWithSheet, tmpDir } from "./run-cli";

const dir = tmpDir("monev-chart-");

function evaluate(sample: string, lang: "id" | "en"): Record<string, string> {
  const { output } = evaluateWithSheet(sample, dir, `${lang}-${sample}`, ["--lang", lang]);
  const parts = unzipParts(fs.readFileSync(output));
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strFromU8(v)]));
}

/** Points of a cache: idx -> value. */
function points(cache: string): Map<number, string> {
  return new Map(
    [...cache.matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map((m) => [
      Number(m[1]),
      m[2],
    ])
  );
}

test("the chart's parts, anchor and series over the evaluation sheet's cells, with cached points", () => {
  const parts = evaluate("pk-iku-kosong.xlsx", "id");
  const sheetPart = Object.keys(parts).find(
    (p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p) && parts[p].includes("Evaluasi kinerja - ")
  )!;
  const sheet = parts[sheetPart];
  const relsPart = sheetPart.replace(/sheet(\d+)\.xml$/, "_rels/sheet$1.xml.rels");
  const drawingRel =
    /Id="(rId\d+)" Type="[^"]*\/drawing" Target="..\/drawings\/(drawing\d+\.xml)"/.exec(
      parts[relsPart]
    )!;
  expect(drawingRel).not.toBeNull();
  expect(sheet).toMatch(new RegExp(`<drawing r:id="${drawingRel[1]}"/></worksheet>$`));
  const drawing = parts[`xl/drawings/${drawingRel[2]}`];
  // Beside the six printed columns and the hidden seventh (A-G): from I3.
  expect(drawing).toMatch(
    /<xdr:from><xdr:col>8<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>2<\/xdr:row>/
  );
  const chartTarget = /Target="..\/charts\/(chart\d+\.xml)"/.exec(
    parts[`xl/drawings/_rels/${drawingRel[2]}.rels`]
  )![1];
  const chart = parts[`xl/charts/${chartTarget}`];
  const ct = parts["[Content_Types].xml"];
  expect(ct).toContain(
    `<Override PartName="/xl/charts/${chartTarget}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`
  );
  expect(ct).toContain(
    `<Override PartName="/xl/drawings/${drawingRel[2]}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`
  );

  expect(chart).toContain("<a:t>Capaian per indikator (%)</a:t>");
  expect(chart).toMatch(/<c:barChart><c:barDir val="col"\/><c:grouping val="clustered"\/>/);
  // Bars: capaian (column E) of data rows 4-8; line: the hidden "Acuan 100%" column G.
  const refs = [...chart.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => m[1]);
  expect(refs).toEqual([
    "'Evaluasi - Tabel 3.1.1'!$A$4:$A$8",
    "'Evaluasi - Tabel 3.1.1'!$E$4:$E$8",
    "'Evaluasi - Tabel 3.1.1'!$A$4:$A$8",
    "'Evaluasi - Tabel 3.1.1'!$G$4:$G$8",
  ]);
  const cells = readCells(sheet);
  expect(cells.get("E3")?.is).toBe("Capaian (%)");
  expect(cells.get("G3")?.is).toBe("Acuan 100%");
  const caches = [...chart.matchAll(/<c:numCache>([\s\S]*?)<\/c:numCache>/g)].map((m) =>
    points(m[1])
  );
  for (let i = 0; i < 5; i++) {
    expect(Number(caches[0].get(i))).toBeCloseTo(Number(cells.get(`E${4 + i}`)?.v), 9);
    expect(caches[1].get(i)).toBe("100");
  }
  expect(caches[0].get(1)).toBe("85");
  // Hidden cells are plotted (the 100% column is hidden); blanks (heading rows) are spanned.
  expect(chart).toContain('<c:plotVisOnly val="0"/>');
  expect(chart).toContain('<c:dispBlanksAs val="span"/>');
});

test("in English: the chart's title and series names", () => {
  const parts = evaluate("rkpd-2022-kosong.xlsx", "en");
  const chart = Object.entries(parts).find(([p]) => /^xl\/charts\/chart\d+\.xml$/.test(p))![1];
  expect(chart).toContain("<a:t>Achievement per indicator (%)</a:t>");
  expect(chart).toContain("<c:tx><c:v>Achievement</c:v></c:tx>");
  expect(chart).toContain("<c:tx><c:v>Reference 100%</c:v></c:tx>");
});
