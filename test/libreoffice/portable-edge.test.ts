/**
 * `portable` formulas against the custom functions on edge cases: each case's inputs are written
 * to a workbook with the native formula toPortableFormula gives for the MONEV call, LibreOffice
 * recalculates, and the result must be the custom function's (number, text or Excel error).
 * Inputs as Excel hands them to a custom function: dates are serial numbers.
 */
import ExcelJS from "exceljs";
import * as path from "path";
import { toPortableFormula } from "../../src/core/engine/portable";
import { isMonevError } from "../../src/core/errors";
import * as F from "../../src/functions/functions";
import { INSTALL_HINT, findSoffice, recalcWithLibreOffice } from "../helpers/libreoffice";
import { tmpDir } from "../cli/run-cli";

type In = number | string | boolean | Date | null;
interface Case {
  call: string; // MONEV call over A, B (inputs in A{row}, B{row}), e.g. 'MONEV.CAPAIAN(A,B)'
  a: In;
  b?: In;
}

// Booleans are left out: LibreOffice's ISNUMBER(TRUE) is TRUE, Excel's is FALSE (as MONEV: #VALUE!).
const EDGE: In[] = [
  0,
  80,
  -5,
  1e-308,
  1e308,
  -1e308,
  null,
  "",
  "  ",
  "-",
  "NIHIL",
  "abc",
  new Date(Date.UTC(2024, 0, 31)),
];
const PAIRS: [In, In][] = [];
for (const a of EDGE)
  for (const b of [0, 90, 1e308, null, "-", "abc", new Date(Date.UTC(2024, 0, 1))] as In[])
    PAIRS.push([a, b]);

const CASES: Case[] = [];
for (const [a, b] of PAIRS) {
  for (const call of [
    "MONEV.CAPAIAN(A,B)",
    'MONEV.CAPAIAN(A,B,"inverse")',
    'MONEV.CAPAIAN(A,B,"inverse-rasio",120)',
    'MONEV.CAPAIAN(A,B,"inverse-rasio")',
    'MONEV.CAPAIAN(A,B,"inverse-selisih",100)',
    "MONEV.CAPAIAN(A,B,,100)",
    "MONEV.SERAPAN(A,B)",
    "MONEV.BOBOT(A,B)",
    "MONEV.EFISIENSI(A,B)",
    'MONEV.KEMAJUAN(A,B,"inverse")',
  ]) {
    CASES.push({ call, a, b });
  }
}
for (const a of [...EDGE, 90, 90.0001, 75, 50.5, 30, 100]) {
  for (const call of [
    "MONEV.PREDIKAT(A)",
    'MONEV.PREDIKAT(A,"sakip","kode")',
    'MONEV.PREDIKAT(A,"berhasil")',
    'MONEV.PREDIKAT(A,"tw2","kode")',
    'MONEV.PREDIKAT(A,"opini","kode")',
  ]) {
    CASES.push({ call, a });
  }
}

const EPOCH = Date.UTC(1899, 11, 30);
const asExcel = (v: In): In => (v instanceof Date ? (v.getTime() - EPOCH) / 86400000 : v);

/** The custom function's result for the call, as Excel shows it: number, text or '#ERR!'. */
function custom(c: Case): unknown {
  const m = /^MONEV\.([A-Z]+)\((.*)\)$/.exec(c.call) as RegExpExecArray;
  const args = m[2].split(",").map((s) => {
    const t = s.trim();
    if (t === "A") return [[asExcel(c.a)]];
    if (t === "B") return [[asExcel(c.b ?? null)]];
    if (t === "") return undefined;
    if (/^".*"$/.test(t)) return [[t.slice(1, -1)]];
    return [[Number(t)]];
  });
  const fn = (F.FUNCTIONS as Record<string, (...a: unknown[]) => unknown>)[m[1]];
  const r = fn(...args);
  const v = Array.isArray(r) ? (r as unknown[][])[0][0] : r;
  if (v && typeof v === "object" && "code" in (v as object))
    return String((v as { code: string }).code);
  return v;
}

/** A recalculated cell: ExcelJS drops a 0/FALSE result and reads a date-formatted number as a Date. */
function plain(v: ExcelJS.CellValue): unknown {
  if (v && typeof v === "object" && "formula" in v) {
    const r = (v as { result?: unknown }).result;
    if (r && typeof r === "object" && "error" in (r as object))
      return (r as { error: string }).error;
    if (r instanceof Date) return asExcel(r);
    return r === undefined ? 0 : r;
  }
  return v;
}

function same(actual: unknown, expected: unknown): boolean {
  if (typeof expected === "number") {
    return (
      typeof actual === "number" && Math.abs(actual - expected) <= 1e-9 * Math.abs(expected) + 1e-12
    );
  }
  return String(actual ?? "") === String(expected ?? "");
}

test("native formulas of `portable` give the custom functions' results on edge cases (LibreOffice)", async () => {
  if (!findSoffice()) throw new Error(INSTALL_HINT);
  const dir = tmpDir("monev-lo-edge-");
  const file = path.join(dir, "edge.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("S");
  const expected: { row: number; c: Case; want: unknown; formula: string }[] = [];
  CASES.forEach((c, i) => {
    const row = i + 1;
    const put = (col: string, v: In | undefined) => {
      if (v !== null && v !== undefined) ws.getCell(`${col}${row}`).value = v;
    };
    put("A", c.a);
    put("B", c.b);
    const src = c.call.replace(/\bA\b/, `A${row}`).replace(/\bB\b/, `B${row}`);
    const r = toPortableFormula(src);
    if (r === null || isMonevError(r))
      throw new Error(`${src}: ${String(isMonevError(r) ? r.messageEn : r)}`);
    expect(r.formula).not.toMatch(/MONEV/i);
    ws.getCell(`C${row}`).value = { formula: r.formula } as ExcelJS.CellFormulaValue;
    // A number format of its own: LibreOffice would give a result from a date cell a date format.
    ws.getCell(`C${row}`).numFmt = "0.00";
    expected.push({ row, c, want: custom(c), formula: r.formula });
  });
  await wb.xlsx.writeFile(file);
  const lo = recalcWithLibreOffice([file], path.join(dir, "lo"));
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(lo.outputs.get(file) as string);
  const s = back.getWorksheet("S") as ExcelJS.Worksheet;
  const mismatches: string[] = [];
  for (const e of expected) {
    const got = plain(s.getCell(`C${e.row}`).value);
    if (!same(got, e.want)) {
      mismatches.push(
        `${e.c.call} a=${JSON.stringify(e.c.a)} b=${JSON.stringify(e.c.b)}: native ${JSON.stringify(got)}, MONEV ${JSON.stringify(e.want)}`
      );
    }
  }
  expect(mismatches).toEqual([]);
}, 300_000);
