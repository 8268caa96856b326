/**
 * Limits (src/cli/limits.ts): a zip bomb (1.5 MB .xlsx holding a 1.5 GB sheet) is refused in well
 * under a second with an Indonesian message and exit code 4, before anything is inflated; rows
 * and cells are read from <dimension ref> (or counted when a sheet has none); flags raise them.
 */
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { zipSync, strToU8 } from "fflate";
import { runCli, SAMPLES, tmpDir } from "./run-cli";
import {
  checkLimits,
  DEFAULT_LIMITS,
  measureWorkbook,
  parseCount,
  parseSize,
} from "../../src/cli/limits";
import { readCentralDirectory } from "../../src/cli/zip-directory";
import { CliError, EXIT_LIMIT } from "../../src/cli/exit";

const CRC_TABLE = (() => {
  const tab = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tab[n] = c >>> 0;
  }
  return tab;
})();

function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface RawEntry {
  name: string;
  /** Deflated bytes (method 8). */
  data: Buffer;
  crc: number;
  size: number;
}

/** A zip written by hand, so an entry can be a pre-built deflate stream of any declared size. */
function writeZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(e.crc, 14);
    lh.writeUInt32LE(e.data.length, 18);
    lh.writeUInt32LE(e.size, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(e.crc, 16);
    ch.writeUInt32LE(e.data.length, 20);
    ch.writeUInt32LE(e.size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, e.data);
    centrals.push(ch, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

function small(name: string, text: string): RawEntry {
  const raw = Buffer.from(text, "utf8");
  return { name, data: zlib.deflateRawSync(raw), crc: crc32(raw), size: raw.length };
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WB_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/**
 * A .xlsx whose sheet1.xml inflates to about `mib` MiB: one 1 MiB piece of padding deflated with a
 * full flush (byte-aligned, no back references) repeated, then a final block closing the XML.
 * Building it takes milliseconds; inflating it would take seconds and 1.5 GB of memory.
 */
function zipBomb(mib: number): Buffer {
  const head = Buffer.from(`${SHEET_HEAD}<sheetData>`, "utf8");
  const piece = Buffer.alloc(1024 * 1024, 0x20);
  const tail = Buffer.from("</sheetData></worksheet>", "utf8");
  const flushed = (b: Buffer) =>
    zlib.deflateRawSync(b, { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const pieceZ = flushed(piece);
  const data = Buffer.concat([
    flushed(head),
    ...Array.from({ length: mib }, () => pieceZ),
    zlib.deflateRawSync(tail),
  ]);
  const size = head.length + mib * piece.length + tail.length;
  // The CRC is not computed (1.5 GB); the check must refuse the file before any reader would look.
  return writeZip([
    small("[Content_Types].xml", CONTENT_TYPES),
    small("_rels/.rels", ROOT_RELS),
    small("xl/workbook.xml", WORKBOOK),
    small("xl/_rels/workbook.xml.rels", WB_RELS),
    { name: "xl/worksheets/sheet1.xml", data, crc: 0, size },
  ]);
}

/**
 * A real small .xlsx (fflate) with `rows` rows of 3 cells, with or without <dimension>; with
 * `claimRows` only a few rows are stored but the dimension claims that many, and whitespace pads
 * the XML to a size that could hold them (a quick stand-in for a really long sheet).
 */
function plainWorkbook(rows: number, withDimension: boolean, claimRows?: number): Uint8Array {
  const body: string[] = [];
  for (let r = 1; r <= rows; r++)
    body.push(
      `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}"><v>1</v></c><c r="C${r}"><v>2</v></c></row>`
    );
  const dimRows = claimRows ?? rows;
  const pad = claimRows ? " ".repeat(claimRows * 13) : "";
  const sheet = `${SHEET_HEAD}${withDimension ? `<dimension ref="A1:C${dimRows}"/>` : ""}<sheetData>${body.join("")}</sheetData>${pad}</worksheet>`;
  return zipSync(
    {
      "[Content_Types].xml": strToU8(CONTENT_TYPES),
      "_rels/.rels": strToU8(ROOT_RELS),
      "xl/workbook.xml": strToU8(WORKBOOK),
      "xl/_rels/workbook.xml.rels": strToU8(WB_RELS),
      "xl/worksheets/sheet1.xml": strToU8(sheet),
    },
    { level: 1 }
  );
}

describe("limits: parsing the flags", () => {
  it("sizes and counts", () => {
    expect(parseSize("500MB")).toBe(500 * 1024 * 1024);
    expect(parseSize("1.5GB")).toBe(1.5 * 1024 ** 3);
    expect(parseSize("1,5 gb")).toBe(1.5 * 1024 ** 3);
    expect(parseSize("750k")).toBe(750 * 1024);
    expect(parseSize("123")).toBe(123);
    expect(parseSize("banyak")).toBeNull();
    expect(parseCount("5000000")).toBe(5_000_000);
    expect(parseCount("5.000.000")).toBe(5_000_000);
    expect(parseCount("5jt")).toBe(5_000_000);
    expect(parseCount("200rb")).toBe(200_000);
    expect(parseCount("0")).toBe(0);
    expect(parseCount("x")).toBeNull();
  });
});

describe("limits: zip bomb", () => {
  const dir = tmpDir("monev-limits-");
  const bomb = path.join(dir, "bom.xlsx");
  beforeAll(() => {
    fs.writeFileSync(bomb, zipBomb(1536));
  });

  it("the test file really is a 1.5 GB sheet in a small zip", () => {
    expect(fs.statSync(bomb).size).toBeLessThan(3 * 1024 * 1024);
    const buf = fs.readFileSync(bomb);
    const cd = readCentralDirectory(buf)!;
    expect(cd.reduce((n, e) => n + e.size, 0)).toBeGreaterThan(1.5 * 1024 ** 3);
    // The stream is valid deflate: its first 64 MiB inflate to the padding.
    const sheet = cd.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    const start =
      sheet.localOffset +
      30 +
      buf.readUInt16LE(sheet.localOffset + 26) +
      buf.readUInt16LE(sheet.localOffset + 28);
    const part = zlib.inflateRawSync(buf.subarray(start, start + 64 * 1024), {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
    });
    expect(part.length).toBeGreaterThan(32 * 1024 * 1024);
    expect(part.toString("latin1", 0, 200)).toMatch(/<sheetData> {20}/);
  });

  it("checkLimits refuses it in well under a second, before inflating anything", () => {
    const t0 = process.hrtime.bigint();
    let caught: unknown;
    try {
      checkLimits(bomb, DEFAULT_LIMITS);
    } catch (e) {
      caught = e;
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    expect(caught).toBeInstanceOf(CliError);
    expect((caught as CliError).exitCode).toBe(EXIT_LIMIT);
    expect((caught as CliError).message).toMatch(/terlalu besar.*--maks-ukuran/);
    // Typically 5-20 ms (plus ~100 ms for the first number formatting); generous for a loaded CI machine.
    expect(ms).toBeLessThan(1000);
  });

  it("the CLI exits 4 with an Indonesian message and writes nothing (evaluate and audit)", () => {
    const out = path.join(dir, "hasil.xlsx");
    const t0 = Date.now();
    const r = runCli(["evaluate", bomb, "-o", out]);
    const wall = Date.now() - t0;
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(
      /Berkas terlalu besar untuk diproses: .*bom\.xlsx berisi 1,5 GB data setelah diekstrak \(batas 300 MB/
    );
    expect(r.stderr).toMatch(/--maks-ukuran \d+MB/);
    expect(fs.existsSync(out)).toBe(false);
    // Child process start-up through tsx included; the check itself is the test above.
    expect(wall).toBeLessThan(15_000);
    const a = runCli(["audit", bomb]);
    expect(a.code).toBe(4);
    const en = runCli(["audit", bomb, "--lang", "en"]);
    expect(en.stderr).toMatch(/too large to process/);
  });

  it("in a batch the bomb fails alone; the other files are processed", () => {
    const d = tmpDir("monev-limits-batch-");
    fs.copyFileSync(bomb, path.join(d, "a-bom.xlsx"));
    fs.copyFileSync(path.join(SAMPLES, "pk-iku-kosong.xlsx"), path.join(d, "b-pk.xlsx"));
    const r = runCli(["evaluate", d, "-o", path.join(d, "hasil") + path.sep]);
    expect(r.code).toBe(4);
    expect(r.stdout).toMatch(/a-bom\.xlsx .*GAGAL: Berkas terlalu besar/);
    expect(fs.existsSync(path.join(d, "hasil", "b-pk.xlsx"))).toBe(true);
    expect(fs.existsSync(path.join(d, "hasil", "a-bom.xlsx"))).toBe(false);
  });
});

describe("limits: rows and cells", () => {
  const dir = tmpDir("monev-limits-rc-");

  it("rows and cells come from <dimension ref>, capped by what the XML can hold", () => {
    const withDim = Buffer.from(plainWorkbook(1000, true));
    const m = measureWorkbook(withDim, DEFAULT_LIMITS);
    expect(m?.sheets).toEqual([
      { part: "xl/worksheets/sheet1.xml", rows: 1000, cells: 3000, source: "dimension" },
    ]);
    const noDim = Buffer.from(plainWorkbook(1000, false));
    expect(measureWorkbook(noDim, DEFAULT_LIMITS)?.sheets).toEqual([
      { part: "xl/worksheets/sheet1.xml", rows: 1000, cells: 3000, source: "counted" },
    ]);
  });

  it("a dimension claiming the whole sheet is not believed beyond what the XML can hold", () => {
    const sheet = `${SHEET_HEAD}<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`;
    const buf = Buffer.from(
      zipSync({
        "[Content_Types].xml": strToU8(CONTENT_TYPES),
        "_rels/.rels": strToU8(ROOT_RELS),
        "xl/workbook.xml": strToU8(WORKBOOK),
        "xl/worksheets/sheet1.xml": strToU8(sheet),
      })
    );
    const s = measureWorkbook(buf, DEFAULT_LIMITS)!.sheets[0];
    expect(s.cells).toBeLessThan(100);
    expect(s.rows).toBeLessThan(100);
    const f = path.join(dir, "lebar.xlsx");
    fs.writeFileSync(f, buf);
    expect(() => checkLimits(f, DEFAULT_LIMITS)).not.toThrow();
  });

  it("300,000 rows are over the default row limit; --maks-baris raises it", () => {
    const f = path.join(dir, "panjang.xlsx");
    fs.writeFileSync(f, plainWorkbook(10, true, 300_000));
    const t0 = process.hrtime.bigint();
    expect(() => checkLimits(f, DEFAULT_LIMITS)).toThrow(
      /Lembar terlalu panjang: .*300\.000 baris \(batas 250\.000\).*--maks-baris 300000/
    );
    expect(Number(process.hrtime.bigint() - t0) / 1e6).toBeLessThan(1000);
    expect(() => checkLimits(f, { ...DEFAULT_LIMITS, maxRows: 300_000 })).not.toThrow();
    expect(() => checkLimits(f, { ...DEFAULT_LIMITS, maxRows: 0, maxCells: 100_000 })).toThrow(
      /Terlalu banyak sel: .*900\.000 sel/
    );
  });

  it("the flags reach the check; a bad value is a usage error", () => {
    const sample = path.join(SAMPLES, "pk-iku-kosong.xlsx");
    const out = path.join(dir, "o.xlsx");
    let r = runCli(["evaluate", sample, "-o", out, "--maks-baris", "3"]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/Lembar terlalu panjang/);
    r = runCli(["audit", sample, "--maks-sel", "10"]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/Terlalu banyak sel/);
    r = runCli(["audit", sample, "--maks-ukuran", "1k"]);
    expect(r.code).toBe(4);
    r = runCli(["audit", sample, "--maks-ukuran", "banyak"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--maks-ukuran: nilai 'banyak' tidak sah/);
    r = runCli(["audit", sample, "--maks-ukuran", "0", "--maks-sel", "0", "--maks-baris", "0"]);
    expect(r.code).toBe(0);
  });
});
