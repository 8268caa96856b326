/**
 * The CLI's evaluation sheet as printed: A4 landscape, one page wide, header row repeated on every
 * page (Print_Titles), wrapped labels in rows tall enough for their lines (the RKPD sample's long
 * kegiatan names overlapped the next row), the "Acuan 100%" column hidden and outside the print
 * area (it only feeds the chart's 100% line), and every narrative cell within Excel's 32,767
 * characters. The columns follow the table's shape
 * (Tabel I.15: keuangan and fisik), and --ttd-* adds the signature block under the narrative.
 */
import * as fs from "fs";
import * as path from "path";
import { strFromU8 } from "fflate";
import { linesOf, splitsAcrossPages } from "../../src/cli/ooxml/evaluation-sheet";
import { readCells, unzipParts } from "../helpers/ooxml-package";
import { copySample, evaluateWithSheet, runCli, tmpDir } from "./run-cli";

const dir = tmpDir("monev-print-");
const output = path.join(dir, "rkpd.xlsx");

/** The evaluation sheet's XML, the workbook's styles and the sheet's cells. */
function evaluationPart(file: string) {
  const parts = unzipParts(fs.readFileSync(file));
  const part = Object.keys(parts)
    .filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))
    .find((p) => /Evaluasi kinerja - /.test(strFromU8(parts[p]))) as string;
  const xml = strFromU8(parts[part]);
  return { xml, styles: strFromU8(parts["xl/styles.xml"]), cells: readCells(xml) };
}

const textOf = (c?: { is?: string; v?: string; t?: string }) =>
  c?.is ?? (c?.t === "str" || c?.t === "s" ? c?.v : undefined) ?? c?.v;

test("evaluation sheet print settings, row heights and cell limits", () => {
  evaluateWithSheet("rkpd-2022-kosong.xlsx", dir, path.basename(output));
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
    .find((p) => strFromU8(parts[p]).includes("Evaluasi kinerja - ")) as string;
  const xml = strFromU8(parts[evalPart]);
  expect(xml).toMatch(
    /<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"\/>/
  );
  expect(xml).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
  const cells = readCells(xml);
  // Nine printed columns (A-I); the tenth, "Acuan 100%", is hidden and outside the print area.
  expect(textOf(cells.get("J3"))).toBe("Acuan 100%");
  expect(xml).toMatch(/<col min="10" max="10" width="\d+" hidden="1" customWidth="1"\/>/);
  expect(xml).not.toMatch(/<col min="9" max="9"[^>]*hidden/);
  expect(workbook).toMatch(
    new RegExp(
      `<definedName name="_xlnm.Print_Area" localSheetId="${index}">'Evaluasi - RKPD 2022'!\\$A\\$1:\\$I\\$\\d+</definedName>`
    )
  );
  // Every label longer than one line of column B sits in a row with its own height.
  const rowsXml = new Map(
    [...xml.matchAll(/<row r="(\d+)"([^>]*)>/g)].map((m) => [Number(m[1]), m[2]])
  );
  let tall = 0;
  for (const [address, c] of cells) {
    const r = Number(address.replace(/^[A-Z]+/, ""));
    const text = c.is ?? (c.t === "str" ? c.v : undefined) ?? "";
    expect(text.length).toBeLessThanOrEqual(32767);
    // Column B is 45 wide: about 51 characters a line, wrapped at spaces (bold headings fewer).
    if (!address.startsWith("B") || (c.is !== undefined && text.length > 200)) continue;
    const lines = linesOf(text, 45, /^\d+$/.test(cells.get(`A${r}`)?.v ?? "") ? false : true);
    if (lines === 1) continue;
    const ht = Number(/ht="(\d+)" customHeight="1"/.exec(rowsXml.get(r) ?? "")?.[1]);
    expect(ht).toBeGreaterThanOrEqual(lines * 15);
    tall++;
  }
  expect(tall).toBeGreaterThan(3);
});

test("Tabel I.15's sheet: keuangan and fisik columns, rows with cached figures, no signature unless asked", () => {
  const out = evaluateWithSheet("tabel-i15-kosong.xlsx", dir, "i15.xlsx").output;
  const { xml, cells } = evaluationPart(out);
  expect(["A3", "B3", "C3", "D3", "E3", "F3", "G3", "H3"].map((a) => textOf(cells.get(a)))).toEqual(
    [
      "No",
      "Program / Kegiatan / Sub Kegiatan",
      "DPA (Rp)",
      "Realisasi keuangan (Rp)",
      "Capaian keuangan (%)",
      "Target fisik (%)",
      "Realisasi fisik (%)",
      "Predikat",
    ]
  );
  // The reference column is hidden (not printed); the widths follow the columns.
  expect(textOf(cells.get("I3"))).toBe("Acuan 100%");
  expect(xml).toMatch(/<col min="9" max="9" width="\d+" hidden="1" customWidth="1"\/>/);
  expect(xml).toMatch(/<col min="3" max="3" width="16" customWidth="1"\/>/);
  // First data row (under its kegiatan heading): formulas with the figures cached.
  expect(textOf(cells.get("B4"))).toBe("Administrasi Keuangan Perangkat Daerah");
  expect(cells.get("C5")).toMatchObject({ f: expect.stringContaining("!D14"), v: "4261518975" });
  expect(Number(cells.get("E5")?.v)).toBeCloseTo((3976492148 / 4261518975) * 100, 9);
  expect(cells.get("G5")).toMatchObject({ f: expect.stringContaining("!K14"), v: "100" });
  expect(textOf(cells.get("H5"))).toBe("Sangat Tinggi");
  // Nothing after the narrative, no page break.
  expect(xml).not.toMatch(/NIP\./);
  expect(xml).not.toMatch(/<rowBreaks/);
});

test("--ttd-*: the signature block under the narrative, centred across the last printed columns, the name bold and underlined", () => {
  const out = path.join(dir, "pk-ttd.xlsx");
  const run = runCli([
    "evaluate",
    copySample("pk-iku-kosong.xlsx", dir),
    "-o",
    out,
    "--lembar-evaluasi",
    "--ttd-tempat",
    "Sibolga",
    "--ttd-tanggal",
    "31 Desember 2024",
    "--ttd-jabatan",
    "Kepala Dinas",
    "--ttd-nama",
    "Budi Santoso, S.E.",
    "--ttd-nip",
    "19700101 199003 1 001",
  ]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const { xml, styles, cells } = evaluationPart(out);
  const inD = [...cells]
    .filter(([a]) => /^D\d+$/.test(a))
    .map(([a, c]) => [Number(a.slice(1)), textOf(c)] as [number, string | undefined]);
  const placeRow = inD.find(([, t]) => t === "Sibolga, 31 Desember 2024")?.[0] as number;
  expect(placeRow).toBeGreaterThan(10);
  expect(textOf(cells.get(`D${placeRow + 1}`))).toBe("Kepala Dinas");
  // Three rows to sign, then the name and the NIP.
  expect(textOf(cells.get(`D${placeRow + 5}`))).toBe("Budi Santoso, S.E.");
  expect(textOf(cells.get(`D${placeRow + 6}`))).toBe("NIP. 19700101 199003 1 001");
  for (let r = placeRow; r <= placeRow + 6; r++)
    expect(xml).toContain(`<mergeCell ref="D${r}:F${r}"/>`);
  // The name's style: a font with <b/> and <u/>, centred.
  const xfIndex = Number(cells.get(`D${placeRow + 5}`)?.s);
  const xfs = [
    ...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "").matchAll(
      /<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g
    ),
  ].map((m) => m[0]);
  const xf = xfs[xfIndex];
  expect(xf).toMatch(/horizontal="center"/);
  const fontId = Number(/fontId="(\d+)"/.exec(xf)?.[1]);
  const fonts = [
    ...(/<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] ?? "").matchAll(
      /<font\b[^>]*?(?:\/>|>[\s\S]*?<\/font>)/g
    ),
  ].map((m) => m[0]);
  expect(fonts[fontId]).toMatch(/<b\/>/);
  expect(fonts[fontId]).toMatch(/<u\/>/);
});

test("--ttd-* without --lembar-evaluasi is a usage error", () => {
  const run = runCli([
    "evaluate",
    copySample("pk-iku-kosong.xlsx", dir),
    "-o",
    path.join(dir, "tanpa-lembar.xlsx"),
    "--ttd-nama",
    "Budi",
  ]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/--ttd-nama hanya berlaku bersama --lembar-evaluasi/);
  expect(fs.existsSync(path.join(dir, "tanpa-lembar.xlsx"))).toBe(false);
});

test("the signature block is kept on one page: a page break before it only when it would straddle one", () => {
  // Seven columns 5+45+13×4+14 wide fit A4 landscape at 100%: 487 pt a page (0.75 in margins).
  const widths = [5, 45, 13, 13, 13, 13, 14];
  const rows = (n: number) => Array.from({ length: n }, () => 15);
  // 30 rows (450 pt) then a 7-row block (105 pt): it would run over the page's end.
  expect(splitsAcrossPages([...rows(30), ...rows(7)], widths, 2, 30, 7)).toBe(true);
  // 20 rows: the block fits under them.
  expect(splitsAcrossPages([...rows(20), ...rows(7)], widths, 2, 20, 7)).toBe(false);
  // On the second page (the header row repeated), same reasoning.
  expect(splitsAcrossPages([...rows(34), ...rows(20), ...rows(7)], widths, 2, 54, 7)).toBe(false);
  expect(splitsAcrossPages([...rows(34), ...rows(27), ...rows(7)], widths, 2, 61, 7)).toBe(true);
  // A wider sheet is scaled down: more rows fit on a page.
  const wide = [5, 45, 13, 13, 13, 16, 16, 11, 14, 20, 20];
  expect(splitsAcrossPages([...rows(30), ...rows(7)], wide, 2, 30, 7)).toBe(false);
});
