/** Recap rows for the recap workbook's tests (test/cli/recap.test.ts, test/libreoffice/recap.test.ts). */
import * as path from "path";
import type { RecapEntry } from "../../src/cli/recap";

/** Two files evaluated, one that failed, one with no rated row (no average). */
export const RECAP_ROWS: RecapEntry[] = [
  {
    file: path.join("opd", "dinas-pendidikan.xlsx"),
    rel: "dinas-pendidikan.xlsx",
    output: path.join("hasil", "dinas-pendidikan.xlsx"),
    tables: 2,
    rows: 30,
    cellsWritten: 120,
    averageCapaian: 87.456,
    predikat: { "Sangat Tinggi": 10, Tinggi: 15, Sedang: 5, "Zona Lain": 1 },
    findings: 2,
  },
  {
    file: path.join("opd", "sub", "dinkes.xlsx"),
    rel: path.join("sub", "dinkes.xlsx"),
    output: path.join("hasil", "sub", "dinkes.xlsx"),
    tables: 1,
    rows: 12,
    cellsWritten: 48,
    averageCapaian: 64.001,
    predikat: { Rendah: 3, Tinggi: 9 },
    findings: 0,
  },
  {
    file: path.join("opd", "rusak.xlsx"),
    rel: "rusak.xlsx",
    output: path.join("hasil", "rusak.xlsx"),
    tables: 0,
    rows: 0,
    cellsWritten: 0,
    averageCapaian: null,
    predikat: {},
    findings: 0,
    error: "Bukan berkas Excel .xlsx",
  },
  {
    file: path.join("opd", "kosong.xlsx"),
    rel: "kosong.xlsx",
    output: path.join("hasil", "kosong.xlsx"),
    tables: 1,
    rows: 0,
    cellsWritten: 0,
    averageCapaian: null,
    predikat: {},
    findings: 1,
  },
];
