/**
 * Turn the seed fixtures (test/fixtures/seed-tables/*.json) into SheetGrid objects that
 * look like the worksheet a user would have typed: title row(s), a header block with merged
 * captions, the column-number row where the print had one, then body rows.
 *
 * Cell conventions (shared with the audit and the ExcelJS writer):
 * - Rupiah and counts are numbers (numFmt '#,##0'); a few cells keep the printed text
 *   (e.g. 'Rp 11.031.976.960', '-', '0,-', '90,29', '5 UMKM') so the engine meets realistic text.
 * - Percentages are numbers in percent points (87,44% -> 87.44, numFmt '0.00'), not fractions.
 * - `emptied` is `printed` with the computed cells removed; `computed` lists those cells.
 *
 * Pure apart from reading the JSON files; no top-level side effects.
 */
import * as fs from "fs";
import * as path from "path";
import type { CellValue } from "../../src/core/errors";
import type { MergedArea, SheetCell, SheetGrid } from "../../src/core/engine/types";

export interface SeedGrid {
  id: string;
  title: string;
  printed: SheetGrid;
  emptied: SheetGrid;
  computed: { row: number; col: number }[];
}

const FMT_RP = "#,##0";
const FMT_PCT = "0.00";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

/** Small mutable builder for a grid. */
class GridBuilder {
  cells: (SheetCell | undefined)[][] = [];
  merges: MergedArea[] = [];
  computed: { row: number; col: number }[] = [];
  constructor(readonly name: string) {}

  get rowCount(): number {
    return this.cells.length;
  }

  set(row: number, col: number, value: CellValue, opts: { numFmt?: string; bold?: boolean; computed?: boolean } = {}): void {
    if (value === null || value === undefined || value === "") {
      return;
    }
    while (this.cells.length <= row) this.cells.push([]);
    const cell: SheetCell = { value };
    if (opts.numFmt && typeof value === "number") cell.numFmt = opts.numFmt;
    if (opts.bold) cell.bold = true;
    this.cells[row][col] = cell;
    if (opts.computed) this.computed.push({ row, col });
  }

  /** Append a row of plain values; returns its index. */
  addRow(values: CellValue[], opts: { bold?: boolean } = {}): number {
    const r = this.cells.length;
    this.cells.push([]);
    values.forEach((v, c) => this.set(r, c, v, { bold: opts.bold, numFmt: typeof v === "number" ? FMT_RP : undefined }));
    return r;
  }

  blankRow(): number {
    this.cells.push([]);
    return this.cells.length - 1;
  }

  merge(top: number, left: number, bottom: number, right: number): void {
    if (bottom === top && right === left) return;
    this.merges.push({ top, left, bottom, right });
  }

  grid(): SheetGrid {
    return { name: this.name, cells: this.cells, merges: this.merges };
  }
}

/** Deep copy of a grid with the listed cells emptied. */
export function emptyCells(grid: SheetGrid, cells: { row: number; col: number }[]): SheetGrid {
  const copy: SheetGrid = {
    name: grid.name,
    cells: grid.cells.map((row) => (row ? row.map((c) => (c ? { ...c } : undefined)) : [])),
    merges: grid.merges.map((m) => ({ ...m })),
  };
  if (grid.protected !== undefined) copy.protected = grid.protected;
  for (const { row, col } of cells) {
    if (copy.cells[row]) copy.cells[row][col] = undefined;
  }
  return copy;
}

function finish(id: string, title: string, b: GridBuilder): SeedGrid {
  const printed = b.grid();
  // Only cells that actually hold something are "computed" cells to refill.
  const seen = new Set<string>();
  const computed = b.computed.filter(({ row, col }) => {
    const k = `${row}:${col}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return printed.cells[row]?.[col] !== undefined;
  });
  return { id, title, printed, emptied: emptyCells(printed, computed), computed };
}

function readJson(dir: string, file: string): Json {
  return JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
}

/* ------------------------------------------------------------------ Tabel I.15 */

function tabelI15(d: Json): SeedGrid {
  const b = new GridBuilder("Tabel I.15");
  const W = 11;
  b.set(0, 0, "LAPORAN PELAKSANAAN PROGRAM KEGIATAN BULAN DESEMBER 2022", { bold: true });
  b.merge(0, 0, 0, W - 1);
  b.set(1, 0, "DINAS TENAGA KERJA KOPERASI DAN USAHA MIKRO", { bold: true });
  b.merge(1, 0, 1, W - 1);
  // Header block rows 2-4.
  const h = (r: number, c: number, t: string) => b.set(r, c, t, { bold: true });
  h(2, 0, "NO");
  b.merge(2, 0, 4, 0);
  h(2, 1, "PROGRAM KEGIATAN");
  b.merge(2, 1, 4, 1);
  h(2, 2, "INDIKATOR KINERJA (INPUT)");
  b.merge(2, 2, 2, 4);
  h(2, 5, "INDIKATOR KINERJA (OUTPUT)");
  b.merge(2, 5, 2, 7);
  h(2, 8, "INDIKATOR KINERJA HASIL (OUTCOME)");
  b.merge(2, 8, 2, 10);
  h(3, 2, "URAIAN");
  b.merge(3, 2, 4, 2);
  h(3, 3, "DPA Perubahan");
  b.merge(3, 3, 4, 3);
  h(3, 4, "REALISASI S.D 31 DESEMBER 2022");
  b.merge(3, 4, 4, 4);
  h(3, 5, "Realisasi Keuangan");
  b.merge(3, 5, 3, 7);
  h(3, 8, "Realisasi Fisik");
  b.merge(3, 8, 3, 10);
  ["URAIAN", "TARGET", "REALISASI 31 DESEMBER 2022"].forEach((t, i) => {
    h(4, 5 + i, t);
    h(4, 8 + i, t);
  });
  const colNums = (r: number, eleven: string) =>
    [1, 2, 3, 4, 5, 6, 7, "8 = 5:4", 9, 10, eleven].forEach((v, c) => b.set(r, c, v, { bold: true }));
  colNums(5, "11 = ΣN : n");

  let r = 6;
  d.rows.forEach((row: Json, i: number) => {
    // Page break of the print: the column-number row is repeated (OCR variant of column 11).
    if (row.line === 696) {
      colNums(r, "11 = 7N : n");
      r++;
    }
    const bold = row.level === "total" || row.level === "belanja_group" || row.level === "program";
    const textRp = i < 3; // the first rows keep the printed 'Rp 11.031.976.960' text
    const rp = (v: number | null, raw: string | null) => (v === null ? null : textRp ? raw : v);
    b.set(r, 0, row.number !== null && /^\d+$/.test(row.number) ? Number(row.number) : row.number, { bold });
    b.set(r, 1, row.name, { bold });
    b.set(r, 2, row.uraian_input, { bold });
    b.set(r, 3, rp(row.dpa, row.dpa_raw), { numFmt: FMT_RP, bold });
    b.set(r, 4, rp(row.realisasi, row.realisasi_raw), { numFmt: FMT_RP, bold });
    b.set(r, 5, row.output.uraian, { bold });
    b.set(r, 6, i === 0 ? row.output.target_raw : row.output.target_pct, { numFmt: FMT_PCT, bold });
    b.set(r, 7, row.output.realisasi_pct, { numFmt: FMT_PCT, bold, computed: true });
    b.set(r, 8, row.outcome.uraian, { bold });
    b.set(r, 9, row.outcome.target_pct, { numFmt: FMT_PCT, bold });
    // Column 11 is computed for kegiatan (ΣN : n), programs and the total; a sub kegiatan's
    // physical realisation is what the office reports (an input, kept in the emptied sample).
    b.set(r, 10, row.outcome.realisasi_pct, { numFmt: FMT_PCT, bold, computed: row.level !== "sub_kegiatan" });
    if (!b.cells[r]) b.blankRow();
    r++;
  });
  r++;
  b.set(r, 0, d.footer_verbatim);
  return finish("tabel-i15", d.title_verbatim.join(" "), b);
}

/* ------------------------------------------------------------------ RKPD evaluation form */

const RKPD_W = 26;

/** Title, header block, column-number row and K/Rp row of the RKPD evaluation form (rows 0-4). */
function rkpdHeader(b: GridBuilder, title: string): void {
  b.set(0, 0, title, { bold: true });
  b.merge(0, 0, 0, RKPD_W - 1);
  const h = (r: number, c: number, t: string, right = c, bottom = r) => {
    b.set(r, c, t, { bold: true });
    b.merge(r, c, bottom, right);
  };
  h(1, 0, "No", 0, 2);
  h(1, 1, "Kode", 1, 2);
  h(1, 2, "Urusan/ Bidang Urusan Pemerintah Daerah dan Program/ Kegiatan/ Sub Kegiatan", 2, 2);
  h(1, 3, "Indikator Kinerja Program/ Kegiatan/ Sub Kegiatan", 3, 2);
  h(1, 4, "Target Kinerja dan Anggaran RKPd dan APBD Tahun 2022", 8);
  h(1, 9, "Target Kinerja dan Anggaran RKPd dan APBD Tahun 2022 yang Dievaluasi", 13);
  h(1, 14, "Realisasi Kinerja Pada Triwulan", 21);
  h(1, 22, "Realisasi Capaian Kinerja dan Anggaran RKPd yang Dievaluasi", 23, 2);
  h(1, 24, "Persentase Realisasi Capaian Kinerja dan Anggaran RKPd yang Dievaluasi (%)", 25, 2);
  h(2, 4, "Satuan Indikator");
  h(2, 5, "RKPd", 6);
  h(2, 7, "APBD", 8);
  h(2, 9, "Satuan Indikator");
  h(2, 10, "RKPd Perubahan", 11);
  h(2, 12, "APBD Perubahan", 13);
  h(2, 14, "I", 15);
  h(2, 16, "II", 17);
  h(2, 18, "III", 19);
  h(2, 20, "IV", 21);
  rkpdColumnNumbers(b, 3);
  rkpdKRp(b, 4);
}

function rkpdColumnNumbers(b: GridBuilder, r: number): void {
  const nums: [number, string | number, boolean][] = [
    [0, 1, false],
    [1, 2, false],
    [2, 3, false],
    [3, 4, false],
    [4, 5, false],
    [5, 6, true],
    [7, 7, true],
    [9, 8, false],
    [10, 9, true],
    [12, 10, true],
    [14, 11, true],
    [16, 12, true],
    [18, 13, true],
    [20, 14, true],
    [22, "15 = 11 + 12 + 13 + 14", true],
    [24, "16 = 15 / 10 * 100", true],
  ];
  for (const [c, v, span] of nums) {
    b.set(r, c, v, { bold: true });
    if (span) b.merge(r, c, r, c + 1);
  }
}

function rkpdKRp(b: GridBuilder, r: number): void {
  for (const c of [5, 7, 10, 12, 14, 16, 18, 20, 22, 24]) {
    b.set(r, c, "K", { bold: true });
    b.set(r, c + 1, "Rp", { bold: true });
  }
}

const RKPD_PAIRS: [string, number, boolean][] = [
  ["target_rkpd", 5, false],
  ["target_apbd", 7, false],
  ["target_rkpd_perubahan", 10, false],
  ["target_apbd_perubahan", 12, false],
  ["realisasi_tw1", 14, false],
  ["realisasi_tw2", 16, false],
  ["realisasi_tw3", 18, false],
  ["realisasi_tw4", 20, false],
  ["realisasi_total_col15", 22, true],
  ["capaian_pct_col16", 24, true],
];

function rkpd2022(d: Json): SeedGrid {
  const b = new GridBuilder("RKPD 2022");
  rkpdHeader(b, d.source.title);
  let r = 5;
  let firstSub = true;
  let prevLine = 0;
  for (const row of d.rows) {
    // Page breaks of the print: the column-number row and the K/Rp row are repeated.
    const pageBreak = [1574, 1606].some((x) => prevLine < x && row.line >= x);
    prevLine = row.line;
    if (pageBreak) {
      rkpdColumnNumbers(b, r);
      rkpdKRp(b, r + 1);
      r += 2;
    }
    const lv: string = row.level;
    if (lv === "rata_rata" || lv === "predikat" || lv === "rata_rata_total" || lv === "predikat_total") {
      const pct = lv.startsWith("rata");
      b.set(r, 0, row.label);
      b.merge(r, 0, r, 21);
      b.set(r, 24, row.K, { numFmt: pct ? FMT_PCT : undefined, computed: true });
      b.set(r, 25, row.Rp, { numFmt: pct ? FMT_PCT : undefined, computed: true });
      r++;
      continue;
    }
    if (lv === "jumlah_anggaran") {
      b.set(r, 0, row.label, { bold: true });
      b.merge(r, 0, r, 4);
      b.set(r, 8, row.jumlah_anggaran_apbd_col7, { numFmt: FMT_RP, bold: true });
      b.set(r, 13, row.jumlah_anggaran_apbd_perubahan_col10, { numFmt: FMT_RP, bold: true });
      r++;
      b.set(r, 0, row.label_2, { bold: true });
      b.merge(r, 0, r, 4);
      b.set(r, 23, row.jumlah_realisasi_col15, { numFmt: FMT_RP, bold: true, computed: true });
      r++;
      continue;
    }
    const aggregate = ["opd", "urusan_group", "urusan", "program", "kegiatan"].includes(lv);
    b.set(r, 0, row.kode_printed, { bold: aggregate });
    b.set(r, 2, row.name, { bold: aggregate });
    b.set(r, 3, row.indikator);
    b.set(r, 4, row.satuan_awal);
    b.set(r, 9, row.satuan_evaluasi);
    for (const [key, c, computed] of RKPD_PAIRS) {
      const v = row[key];
      if (!v) continue;
      const pct = key === "capaian_pct_col16";
      const k = v.K ?? (v.K_raw === "-" ? "-" : null);
      let rp: CellValue = v.Rp ?? (v.Rp_raw === "-" ? "-" : null);
      if (firstSub && lv === "sub_kegiatan" && key === "target_apbd") rp = v.Rp_raw; // typed as text
      b.set(r, c, k, { numFmt: pct ? FMT_PCT : "0", computed, bold: aggregate });
      b.set(r, c + 1, rp, { numFmt: pct ? FMT_PCT : FMT_RP, computed, bold: aggregate });
    }
    if (lv === "sub_kegiatan") firstSub = false;
    if (!b.cells[r]) b.blankRow();
    r++;
  }
  return finish("rkpd-2022", d.source.title, b);
}

/* ------------------------------------------------------------------ Banjarmasin Tabel 3.3 */

function banjarmasin33(d: Json): SeedGrid {
  const b = new GridBuilder("Tabel 3.3");
  b.set(0, 0, `${d.source.table_label} ${d.source.title}`, { bold: true });
  // The print was tab-separated: no merges, captions followed by empty cells.
  ["No", "Kegiatan", "Rencana", "", "Realisasi", "", ""].forEach((t, c) => b.set(1, c, t, { bold: true }));
  ["", "", "Keuangan (Rp)", "Fisik (%)", "Keuangan (Rp)", "Fisik (%)", "KET"].forEach((t, c) =>
    b.set(2, c, t, { bold: true }),
  );
  let r = 3;
  let prevLine = 0;
  for (const row of d.rows) {
    if (prevLine && row.line - prevLine > 1) {
      // Running page header of the print.
      b.set(r++, 1, "2022");
      b.set(r++, 1, "DINAS KOPERASI, USAHA MIKRO DAN TENAGA KERJA");
    }
    prevLine = row.line;
    const bold = !!row.bold;
    const no = row.no === null ? null : /^\d+$/.test(row.no) ? Number(row.no) : row.no;
    b.set(r, 0, no, { bold });
    b.set(r, 1, row.name, { bold });
    b.set(r, 2, row.rencana_keuangan, { numFmt: FMT_RP, bold });
    b.set(r, 3, row.rencana_fisik_pct, { numFmt: "0", bold });
    const realK = row.realisasi_keuangan_raw === "0,-" ? "0,-" : row.realisasi_keuangan;
    b.set(r, 4, realK, { numFmt: FMT_RP, bold });
    const fis = String(row.realisasi_fisik_raw);
    // Comma-decimal prints stay text (as typed into an English-locale Excel).
    b.set(r, 5, fis.includes(",") ? fis : row.realisasi_fisik_pct, { numFmt: FMT_PCT, bold, computed: true });
    b.set(r, 6, row.ket_printed, { bold, computed: true });
    r++;
  }
  return finish("banjarmasin-3-3", `${d.source.table_label} ${d.source.title}`, b);
}

/* ------------------------------------------------------------------ PK / IKU / LKjIP */

/** A value from {raw, value, unit}: numbers where clean (also '42%'), printed text when a unit is attached. */
function pkValue(v: Json): CellValue {
  if (!v) return null;
  if (v.value === null || v.value === undefined) return v.raw === "-" ? "-" : null;
  if (v.unit && v.unit !== "%") return v.raw;
  return v.value;
}

function sibolga311(t: Json): SeedGrid {
  const b = new GridBuilder("Tabel 3.1.1");
  b.set(0, 0, t.title, { bold: true });
  b.merge(0, 0, 0, 6);
  ["No", "Sasaran Strategis", "Indikator Kinerja", "Target", "Realisasi", "Capaian (%)", "Kategori"].forEach((x, c) =>
    b.set(1, c, x, { bold: true }),
  );
  [1, 2, 3, 4, 5, 6, 7].forEach((x, c) => b.set(2, c, x, { bold: true }));
  let r = 3;
  for (const row of t.rows) {
    b.set(r, 0, row.no);
    b.set(r, 1, row.sasaran);
    b.set(r, 2, row.indikator);
    b.set(r, 3, pkValue(row.target), { numFmt: FMT_PCT });
    b.set(r, 4, pkValue(row.realisasi), { numFmt: FMT_PCT });
    b.set(r, 5, row.capaian_printed?.value, { numFmt: FMT_PCT, computed: true });
    b.set(r, 6, row.kategori_printed, { computed: true });
    r++;
  }
  b.set(r, 0, t.summary_row.label, { bold: true });
  b.merge(r, 0, r, 4);
  b.set(r, 5, t.summary_row.value.value, { numFmt: FMT_PCT, bold: true, computed: true });
  b.set(r, 6, t.summary_row.kategori_printed, { bold: true, computed: true });
  return finish("pk-iku", t.title, b);
}

function bjmBidang(t: Json): SeedGrid {
  const b = new GridBuilder("Capaian Bidang");
  b.set(0, 0, "Ringkasan Capaian Indikator Kinerja Bidang", { bold: true });
  b.merge(0, 0, 0, 5);
  ["Sasaran Strategis", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target", "Realisasi", "Capaian"].forEach(
    (x, c) => b.set(1, c, x, { bold: true }),
  );
  let r = 2;
  let prevSasaran = "";
  for (const row of t.rows) {
    // Vertical merge in the print: the sasaran is written once.
    if (row.sasaran !== prevSasaran) b.set(r, 0, row.sasaran);
    prevSasaran = row.sasaran;
    b.set(r, 1, row.program_kegiatan);
    b.set(r, 2, row.indikator);
    b.set(r, 3, pkValue(row.target), { numFmt: FMT_PCT });
    b.set(r, 4, pkValue(row.realisasi), { numFmt: FMT_PCT });
    b.set(r, 5, row.capaian_printed?.value ?? null, { numFmt: FMT_PCT, computed: true });
    r++;
  }
  return finish("pk-iku-bjm-bidang", t.title, b);
}

function tpiPk2024(t: Json): SeedGrid {
  const b = new GridBuilder("PK 2024");
  b.set(0, 0, t.title, { bold: true });
  b.merge(0, 0, 0, 6);
  ["No.", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Realisasi", "", "Target"].forEach((x, c) =>
    b.set(1, c, x, { bold: true }),
  );
  for (const c of [0, 1, 2, 3]) b.merge(1, c, 2, c);
  b.merge(1, 4, 1, 5);
  [2022, 2023, 2024].forEach((y, i) => b.set(2, 4 + i, y, { bold: true }));
  let r = 3;
  let prevNo = "";
  for (const row of t.rows) {
    if (row.no !== prevNo) {
      b.set(r, 0, row.no);
      b.set(r, 1, row.sasaran);
    }
    prevNo = row.no;
    b.set(r, 2, row.indikator);
    b.set(r, 3, row.satuan);
    b.set(r, 4, pkValue(row.realisasi_2022), { numFmt: FMT_PCT });
    b.set(r, 5, pkValue(row.realisasi_2023), { numFmt: FMT_PCT });
    b.set(r, 6, pkValue(row.target_2024), { numFmt: FMT_PCT });
    r++;
  }
  return finish("pk-iku-tpi-pk-2024", t.title, b);
}

/**
 * The seed tables as extracted from the seed reports (facts, kept in the repo so a clone stands
 * alone: test/fixtures/seed-tables); MONEV_FIXTURES overrides it.
 */
export const FIXTURES_DIR = process.env.MONEV_FIXTURES ?? path.resolve(__dirname, "../../test/fixtures/seed-tables");

/** All seed grids. ids: pk-iku (Sibolga 3.1.1), pk-iku-bjm-bidang, pk-iku-tpi-pk-2024, tabel-i15, rkpd-2022, banjarmasin-3-3. */
export function seedGrids(fixturesDir: string = FIXTURES_DIR): SeedGrid[] {
  const pk = readJson(fixturesDir, "pk_and_iku.json");
  const byId = (id: string) => pk.tables.find((t: Json) => t.id === id);
  return [
    sibolga311(byId("sib_tabel_3_1_1")),
    bjmBidang(byId("bjm_bidang_target_realisasi_capaian")),
    tpiPk2024(byId("tpi_pk_2024")),
    tabelI15(readJson(fixturesDir, "tabel_i15.json")),
    rkpd2022(readJson(fixturesDir, "rkpd_eval_2022.json")),
    banjarmasin33(readJson(fixturesDir, "banjarmasin_tabel_3_3.json")),
  ];
}

/* ------------------------------------------------------------------ Renja E.81 (synthetic) */

/** Column (0-based) of each E.81 form number 5..15 (K; Rp is +1). */
export const E81_COL: Record<number, number> = { 5: 4, 6: 6, 7: 8, 8: 10, 9: 12, 10: 14, 11: 16, 12: 18, 13: 20, 14: 22, 15: 24 };

/** A small synthetic Renja evaluation form E.81 (Permendagri 86/2017); computed columns empty. */
export function e81Grid(): SheetGrid {
  const b = new GridBuilder("E.81");
  const W = 28;
  b.set(0, 0, "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH LINGKUP KABUPATEN/KOTA", { bold: true });
  b.merge(0, 0, 0, W - 1);
  b.set(1, 0, "Renja Dinas Tenaga Kerja Periode Pelaksanaan Tahun 2024", { bold: true });
  b.merge(1, 0, 1, W - 1);
  const h = (r: number, c: number, t: string, right = c, bottom = r) => {
    b.set(r, c, t, { bold: true });
    b.merge(r, c, bottom, right);
  };
  h(3, 0, "No", 0, 4);
  h(3, 1, "Sasaran", 1, 4);
  h(3, 2, "Program/ Kegiatan", 2, 4);
  h(3, 3, "Indikator Kinerja Program (outcome)/ Kegiatan (output)", 3, 4);
  h(3, 4, "Target Kinerja Capaian Program (Renstra Perangkat Daerah) Tahun 2026", 5, 4);
  h(3, 6, "Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun Lalu (2023)", 7, 4);
  h(3, 8, "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan (2024) yang Dievaluasi", 9, 4);
  h(3, 10, "Realisasi Kinerja Pada Triwulan", 17);
  h(4, 10, "I", 11);
  h(4, 12, "II", 13);
  h(4, 14, "III", 15);
  h(4, 16, "IV", 17);
  h(3, 18, "Realisasi Capaian Kinerja dan Anggaran Renja Perangkat Daerah yang Dievaluasi", 19, 4);
  h(3, 20, "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja Perangkat Daerah yang Dievaluasi (%)", 21, 4);
  h(3, 22, "Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun 2024", 23, 4);
  h(3, 24, "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun 2024 (%)", 25, 4);
  h(3, 26, "Unit Perangkat Daerah Penanggung Jawab", 26, 4);
  h(3, 27, "Keterangan", 27, 4);
  const nums: [number, string | number][] = [
    [0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [6, 6], [8, 7], [10, 8], [12, 9], [14, 10], [16, 11],
    [18, "12 = 8+9+10+11"], [20, "13 = 12/7 x 100"], [22, "14 = 6 + 12"], [24, "15 = 14/5 x 100"], [26, 16], [27, 17],
  ];
  for (const [c, v] of nums) {
    b.set(5, c, v, { bold: true });
    if (c >= 4 && c < 26) b.merge(5, c, 5, c + 1);
  }
  for (let c = 4; c < 26; c += 2) {
    b.set(6, c, "K", { bold: true });
    b.set(6, c + 1, "Rp", { bold: true });
  }
  type Ind = [string, string, number, number, number, number, number[], number[]];
  // [label, indikator, K5, K6, K7, Rp7, K tw1-4, Rp tw1-4]
  const rows: { no?: number; sasaran?: string; label?: string; ind: Ind }[] = [
    {
      no: 1,
      sasaran: "Meningkatnya kualitas dan penyerapan tenaga kerja",
      label: "Program Pelatihan Kerja dan Produktivitas Tenaga Kerja",
      ind: ["", "Persentase tenaga kerja yang kompeten", 70, 120, 40, 513235780, [5, 10, 10, 10], [50000000, 120000000, 150000000, 160000000]],
    },
    { ind: ["", "Tingkat pengangguran terbuka", 5, 16, 6.2, 0, [0, 0, 0, 6.5], [0, 0, 0, 0]] },
    {
      label: "Kegiatan Pelaksanaan Pelatihan berdasarkan Unit Kompetensi",
      ind: ["", "Jumlah peserta pelatihan berbasis kompetensi", 1000, 480, 200, 513235780, [0, 50, 75, 75], [50000000, 120000000, 150000000, 160000000]],
    },
    {
      label: "Sub Kegiatan Proses Pelaksanaan Pendidikan dan Pelatihan Keterampilan bagi Pencari Kerja",
      ind: ["", "Jumlah peserta pelatihan keterampilan", 1000, 480, 200, 513235780, [0, 50, 75, 75], [50000000, 120000000, 150000000, 160000000]],
    },
    {
      no: 2,
      sasaran: "Meningkatnya perlindungan tenaga kerja",
      label: "Program Hubungan Industrial",
      ind: ["", "Persentase perselisihan hubungan industrial yang diselesaikan", 90, 320, 90, 230254594, [20, 25, 25, 20], [30000000, 60000000, 70000000, 65000000]],
    },
    {
      label: "Kegiatan Pencegahan dan Penyelesaian Perselisihan Hubungan Industrial",
      ind: ["", "Jumlah kasus perselisihan hubungan industrial", 40, 52, 12, 230254594, [3, 4, 2, 3], [30000000, 60000000, 70000000, 65000000]],
    },
  ];
  let r = 7;
  for (const x of rows) {
    const [, indikator, k5, k6, k7, rp7, ktw, rptw] = x.ind;
    b.set(r, 0, x.no ?? null);
    b.set(r, 1, x.sasaran ?? null);
    b.set(r, 2, x.label ?? null, { bold: !!x.label && /^program/i.test(x.label) });
    b.set(r, 3, indikator);
    b.set(r, 4, k5, { numFmt: FMT_PCT });
    b.set(r, 6, k6, { numFmt: FMT_PCT });
    b.set(r, 8, k7, { numFmt: FMT_PCT });
    if (rp7) b.set(r, 9, rp7, { numFmt: FMT_RP });
    for (let q = 0; q < 4; q++) {
      b.set(r, 10 + 2 * q, ktw[q], { numFmt: FMT_PCT });
      if (rp7) b.set(r, 11 + 2 * q, rptw[q], { numFmt: FMT_RP });
    }
    b.set(r, 26, x.label ? "Bidang Pelatihan dan Penempatan" : null);
    r++;
  }
  for (const label of [
    "Rata-rata capaian kinerja (%)",
    "Predikat kinerja",
    "Faktor pendorong keberhasilan pencapaian:",
    "Faktor penghambat pencapaian kinerja:",
    "Tindak lanjut yang diperlukan dalam triwulan berikutnya:",
    "Tindak lanjut yang diperlukan dalam Renja Perangkat Daerah Kabupaten/Kota berikutnya:",
  ]) {
    b.set(r, 0, label, { bold: true });
    b.merge(r, 0, r, 3);
    r++;
  }
  return b.grid();
}

/* ------------------------------------------------------------------ generated RKPD form */

/**
 * An RKPD evaluation sheet (header as rkpd-2022) with `nRows` body rows in an
 * urusan > program > kegiatan > sub kegiatan hierarchy (continuation indicator rows, rata-rata
 * and predikat rows after each kegiatan). Deterministic values; computed columns (15, 16,
 * rata-rata, predikat) empty. Built directly into arrays: 50,000 rows take well under a second.
 */
/** Money columns of the generated RKPD rows: the four targets/realisations and the four quarters. */
const RKPD_RP_COLS = [6, 8, 11, 13, 15, 17, 19, 21];

/**
 * Parent rows (urusan, program, kegiatan) given the sums of their children, as a filled-in form
 * has them, but for every `wrongEvery`-th parent cell, which keeps a different figure (an error
 * for the audit to find). Rows are walked bottom-up, so each level sums the level below it.
 */
function sumParents(cells: (SheetCell | undefined)[][], levels: Map<number, number>, wrongEvery: number): void {
  const acc: number[][] = [[], [], [], []];
  let parentCells = 0;
  const add = (into: number[], row: (SheetCell | undefined)[]) => {
    for (const c of RKPD_RP_COLS) into[c] = (into[c] ?? 0) + (typeof row[c]?.value === "number" ? (row[c]?.value as number) : 0);
  };
  for (let r = cells.length - 1; r >= 0; r--) {
    const level = levels.get(r);
    const row = cells[r];
    if (level === undefined || !row) continue;
    if (level === 3) {
      // A sub-kegiatan with money columns (an indicator-only row has none).
      if (typeof row[6]?.value === "number") add(acc[2], row);
      continue;
    }
    for (const c of RKPD_RP_COLS) {
      const cell = row[c];
      if (!cell) continue;
      if (++parentCells % wrongEvery !== 0) cell.value = acc[level][c] ?? 0;
    }
    if (level > 0) add(acc[level - 1], row);
    acc[level] = [];
  }
}

/**
 * A generated RKPD form of about `nRows` rows. With `consistent`, parent rows hold the sums of
 * their children except one cell in `wrongEvery` (default 500): a form as offices fill it, with a
 * few errors. Without it the parent figures are random: every parent cell is an audit finding.
 */
export function rkpdGrid(nRows: number, opts: { consistent?: boolean; wrongEvery?: number } = {}): SheetGrid {
  const levels = new Map<number, number>();
  const b = new GridBuilder("RKPD");
  rkpdHeader(b, "EVALUASI TERHADAP HASIL RKPD KABUPATEN/KOTA TAHUN 2024 (SEMESTER II)");
  const cells = b.cells;
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const num = (v: number, numFmt = FMT_RP): SheetCell => ({ value: v, numFmt });
  const txt = (v: string, bold = false): SheetCell => (bold ? { value: v, bold } : { value: v });
  let u = 0;
  let p = 0;
  let k = 0;
  let s = 0;
  let plan: string[] = [];
  const target = nRows;
  let count = 0;
  const push = (row: (SheetCell | undefined)[]) => {
    cells.push(row);
    count++;
  };
  const aggregate = (code: string, name: string) => {
    const row: (SheetCell | undefined)[] = [];
    row[0] = txt(code, true);
    row[2] = txt(name, true);
    const rp = 100000000 + rnd(900000000);
    row[6] = num(rp);
    row[8] = num(rp);
    row[11] = num(rp);
    row[13] = num(rp);
    for (let q = 0; q < 4; q++) row[15 + 2 * q] = num(Math.floor(rp / 5) + rnd(1000000));
    push(row);
  };
  const sub = (code: string | null, indicator: number) => {
    const row: (SheetCell | undefined)[] = [];
    if (code) {
      row[0] = txt(code);
      row[2] = txt(`Sub Kegiatan Pelayanan ${s}`);
    }
    row[3] = txt(`Jumlah dokumen layanan ${s}.${indicator}`);
    row[4] = txt("Dokumen");
    row[9] = txt("Dokumen");
    const tk = 4 + rnd(20);
    const rp = code ? 10000000 + rnd(90000000) : undefined;
    for (const c of [5, 7, 10, 12]) row[c] = num(tk, "0");
    if (rp !== undefined) for (const c of [6, 8, 11, 13]) row[c] = num(rp);
    for (let q = 0; q < 4; q++) {
      row[14 + 2 * q] = num(rnd(tk / 2 + 1), "0");
      if (rp !== undefined) row[15 + 2 * q] = num(Math.floor(rp / 5) + rnd(100000));
    }
    push(row);
  };
  while (count < target) {
    if (plan.length === 0) {
      // next block: decide what comes next
      if (k === 0 || rnd(4) === 0) {
        if (p === 0 || rnd(5) === 0) {
          u++;
          p = 0;
          plan.push("U");
        }
        p++;
        k = 0;
        plan.push("P");
      }
      k++;
      s = 0;
      plan.push("K");
      const nSub = 1 + rnd(4);
      for (let i = 0; i < nSub; i++) {
        plan.push("S");
        if (rnd(3) === 0) plan.push("C");
      }
      plan.push("R", "D");
    }
    const step = plan.shift() as string;
    const uc = `2 ${String(u).padStart(2, "0")}`;
    const pc = `${uc} ${String(p).padStart(2, "0")}`;
    const kc = `${pc.replace(/ /g, "")}2,${String(k).padStart(2, "0")}`;
    if (step === "U" || step === "P" || step === "K") levels.set(cells.length, "UPK".indexOf(step));
    if (step === "U") aggregate(uc, `URUSAN PEMERINTAHAN BIDANG ${u}`);
    else if (step === "P") aggregate(pc, `PROGRAM PELAYANAN ${u}.${p}`);
    else if (step === "K") aggregate(kc, `Kegiatan Pelayanan ${u}.${p}.${k}`);
    else if (step === "S") {
      levels.set(cells.length, 3);
      s++;
      sub(`${kc}${String(s).padStart(2, "0")}`, 1);
    } else if (step === "C") sub(null, 2);
    else if (step === "R") push([txt("Rata-rata Capaian Kinerja Kegiatan")]);
    else if (step === "D") push([txt("Predikat Kinerja Kegiatan")]);
  }
  if (plan.length) plan = [];
  if (opts.consistent) sumParents(cells, levels, opts.wrongEvery ?? 500);
  return b.grid();
}
