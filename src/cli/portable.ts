/**
 * `monev portable`: every MONEV.* call (typed form and the forms Excel stores) becomes a native
 * formula with its value cached, so the workbook computes without the add-in. Values are read
 * with ExcelJS (reading copy); the output is the input package patched in place, so everything
 * else in the workbook (charts, pivots, macros, names...) is kept byte for byte.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { parseAddress } from "../core/engine/address";
import { toPortableFormula } from "../core/engine/portable";
import type { PlannedWrite } from "../core/engine/types";
import { CellValue, isMonevError } from "../core/errors";
import { writeFileAtomic } from "./atomic";
import type { CommonOptions } from "./commands";
import { EXIT_OK, inputError, outputError, usageError } from "./exit";
import { lang, t } from "./i18n";
import { PreserveError } from "./ooxml/package";
import { checkReportPath, sameFile } from "./paths";
import { makeProgress } from "./progress";
import { REPORT_VERSION, writeReport } from "./report";
import { loadPackage, plainValue } from "./xlsx";

export interface PortableCellResult {
  sheet: string;
  address: string;
  before: string;
  after?: string;
  value?: number | string;
  error?: string;
}

const out = (s = "") => process.stdout.write(`${s}\n`);

/** Strip quotes of a sheet name in a reference: "'My Sheet'!B2" -> ["My Sheet", "B2"]. */
function splitRef(ref: string): [string | undefined, string] {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(ref);
  if (!m) return [undefined, ref];
  return [(m[1] ?? m[2]).replace(/''/g, "'"), m[3]];
}

function cellPlainValue(cell: ExcelJS.Cell): CellValue {
  if (cell.type === ExcelJS.ValueType.Formula)
    return plainValue((cell as unknown as { result: unknown }).result);
  return plainValue(cell.value);
}

function refused(e: unknown): unknown {
  if (!(e instanceof PreserveError)) return e;
  return inputError(
    `${e.messageId} Berkas keluaran tidak dibuat.`,
    `${e.messageEn} No output file was written.`
  );
}

export async function cmdPortable(
  input: string,
  o: CommonOptions & { output: string; report?: string }
): Promise<number> {
  if (!/\.xls[xm]$/i.test(o.output)) {
    throw usageError(
      `Berkas keluaran harus berakhiran .xlsx: ${o.output}`,
      `The output file must end in .xlsx: ${o.output}`
    );
  }
  if (sameFile(o.output, input)) {
    throw usageError(
      `Berkas keluaran sama dengan berkas masukan (${input}); pilih -o lain.`,
      `The output file is the input file (${input}); choose another -o.`
    );
  }
  if (o.report) checkReportPath(o.report, [input], [o.output]);
  const progress = makeProgress(o.progress);
  progress.step(t(`${path.basename(input)}: membaca…`, `${path.basename(input)}: reading…`));
  const { workbook: wb, patcher } = await loadPackage(input);
  try {
    patcher.checkOutputName(o.output);
  } catch (e) {
    throw refused(e);
  }
  // Collect formula cells first: replacing a shared-formula master must not change what the
  // other cells of the group read.
  const cells: { ws: ExcelJS.Worksheet; cell: ExcelJS.Cell; formula: string; cached: CellValue }[] =
    [];
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        const f = cell.formula as string | undefined;
        if (!f || !/MONEV|__xludf/i.test(f)) return;
        cells.push({ ws, cell, formula: f, cached: cellPlainValue(cell) });
      })
    );
  }
  const computed = new Map<string, CellValue>();
  const key = (sheet: string, addr: string) => `${sheet}!${addr.replace(/\$/g, "").toUpperCase()}`;
  const resolverFor =
    (ws: ExcelJS.Worksheet) =>
    (ref: string): CellValue => {
      const [sheetName, addr] = splitRef(ref);
      const target = sheetName ? wb.getWorksheet(sheetName) : ws;
      if (!target) return null;
      const k = key(target.name, addr);
      if (computed.has(k)) return computed.get(k) ?? null;
      const pa = parseAddress(addr);
      if (!pa) return null;
      return cellPlainValue(target.getRow(pa.row + 1).getCell(pa.col + 1));
    };
  const results: PortableCellResult[] = [];
  const converted: { idx: number; res: PortableCellResult }[] = [];
  // Two passes so values of converted cells that feed other converted cells are known.
  for (let pass = 0; pass < 2; pass++) {
    results.length = 0;
    converted.length = 0;
    cells.forEach((c, idx) => {
      const r = toPortableFormula(c.formula, { resolve: resolverFor(c.ws) });
      if (r === null) return;
      const res: PortableCellResult = {
        sheet: c.ws.name,
        address: c.cell.address,
        before: c.formula,
      };
      if (isMonevError(r)) {
        res.error = lang() === "en" ? r.messageEn : r.message;
      } else {
        res.after = r.formula;
        if (r.value !== undefined) {
          res.value = r.value;
          computed.set(key(c.ws.name, c.cell.address), r.value);
        } else if (r.error !== undefined) {
          // The Excel error the native formula gives (#DIV/0! for a zero target), cached as an error.
          res.value = r.error;
        }
        converted.push({ idx, res });
      }
      results.push(res);
    });
  }
  // Each converted cell keeps its style; a value not known here is left for Excel to compute on
  // load (the patcher sets fullCalcOnLoad whenever it writes).
  const writes: PlannedWrite[] = converted.map(({ idx, res }) => {
    const c = cells[idx];
    let value: CellValue | undefined = res.value;
    if (value === undefined) {
      const old = c.cached;
      value =
        (typeof old === "number" || typeof old === "string") && !/^#/.test(String(old))
          ? old
          : null;
    }
    const pa = parseAddress(c.cell.address);
    return {
      sheet: c.ws.name,
      row: pa?.row ?? 0,
      col: pa?.col ?? 0,
      address: c.cell.address,
      formula: res.after,
      value: typeof value === "number" || typeof value === "string" ? value : null,
      rule: "portable",
    };
  });
  let bytes: Uint8Array;
  try {
    patcher.writeCells(writes, { keepStyle: true });
    bytes = patcher.toBytes();
  } catch (e) {
    throw refused(e);
  }
  try {
    fs.mkdirSync(path.dirname(path.resolve(o.output)), { recursive: true });
    writeFileAtomic(o.output, bytes);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw outputError(
      `Gagal menulis berkas keluaran ${o.output}: ${msg}`,
      `Cannot write the output file ${o.output}: ${msg}`
    );
  }
  progress.done();
  const failed = results.filter((r) => r.error);
  out(`${input} -> ${o.output}`);
  out(
    t(
      `  Rumus MONEV diganti rumus bawaan: ${converted.length}`,
      `  MONEV formulas replaced by native formulas: ${converted.length}`
    )
  );
  if (failed.length) {
    out(
      t(
        `  Tidak dapat diganti (dibiarkan): ${failed.length}`,
        `  Could not be replaced (left as is): ${failed.length}`
      )
    );
    for (const f of failed.slice(0, 20)) out(`    ${f.sheet}!${f.address}: ${f.error}`);
  }
  if (results.length === 0)
    out(t("  Tidak ada rumus MONEV di berkas ini.", "  No MONEV formulas in this file."));
  if (o.report) {
    const base = {
      tool: "monev",
      reportVersion: REPORT_VERSION,
      command: "portable",
      generatedAt: new Date().toISOString(),
      language: lang(),
    };
    writeReport(o.report, {
      ...base,
      options: { output: o.output },
      input,
      output: o.output,
      cells: results,
    });
    out(t(`Laporan JSON: ${o.report}`, `JSON report: ${o.report}`));
  }
  return EXIT_OK;
}
