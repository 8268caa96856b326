/**
 * The CLI commands: evaluate, audit, portable, demo. Each returns its exit code; errors are
 * thrown as CliError (see exit.ts) and printed by main.ts.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { parseAddress } from "../core/engine/address";
import { toPortableFormula } from "../core/engine/portable";
import { CellValue, isMonevError } from "../core/errors";
import { getScale } from "../core/predikat";
import { auditFile, EvaluateOptions, evaluateFile, FileResult } from "./evaluate";
import { CliError, EXIT_INPUT, EXIT_OK, outputError, toCliError, usageError } from "./exit";
import { lang, t } from "./i18n";
import { makeProgress } from "./progress";
import { checkReportPath, sameFile } from "./paths";
import { fileReport, findingLines, recapRow, RecapRow, recapTable, REPORT_VERSION, summaryLines, writeReport } from "./report";
import { loadWorkbook, plainValue, saveWorkbook } from "./xlsx";

export interface CommonOptions {
  lang?: string;
  progress?: boolean;
}

export interface EvaluateCliOptions extends CommonOptions {
  output: string;
  sheet?: string;
  report?: string;
  scale?: string;
  overwrite?: boolean;
  arah?: string;
  lembarEvaluasi?: boolean;
}

const out = (s = "") => process.stdout.write(`${s}\n`);
const err = (s: string) => process.stderr.write(`${s}\n`);

function isXlsxName(p: string): boolean {
  return /\.xlsx$/i.test(p);
}

function looksLikeDir(p: string): boolean {
  if (/[\\/]$/.test(p)) return true;
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Output path of each input: `-o file.xlsx` for one input, `-o dir/` for one or many. */
export function resolveOutputs(inputs: string[], o: string): string[] {
  const multi = inputs.length > 1;
  const asDir = multi || looksLikeDir(o);
  if (multi && !looksLikeDir(o) && isXlsxName(o)) {
    throw usageError(
      `Dengan beberapa berkas masukan, -o harus berupa folder (mis. -o hasil/), bukan ${o}`,
      `With several input files, -o must be a directory (e.g. -o results/), not ${o}`,
    );
  }
  if (!asDir && !isXlsxName(o)) {
    throw usageError(`Berkas keluaran harus berakhiran .xlsx: ${o}`, `The output file must end in .xlsx: ${o}`);
  }
  const used = new Set<string>();
  return inputs.map((inp) => {
    let target: string;
    if (asDir) {
      const base = path.basename(inp).replace(/\.[^.]*$/, "");
      let name = `${base}.xlsx`;
      for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}-${k}.xlsx`;
      used.add(name.toLowerCase());
      target = path.join(o, name);
    } else target = o;
    if (sameFile(target, inp)) {
      throw usageError(
        `Berkas keluaran sama dengan berkas masukan (${inp}); masukan tidak pernah ditimpa. Pilih -o lain.`,
        `The output file is the input file (${inp}); the input is never modified. Choose another -o.`,
      );
    }
    return target;
  });
}

function engineOptions(o: EvaluateCliOptions | CommonOptions & { sheet?: string; scale?: string; arah?: string }): EvaluateOptions {
  const e: EvaluateOptions = {};
  const x = o as EvaluateCliOptions;
  if (x.sheet) e.sheet = x.sheet;
  if (x.scale) {
    const s = getScale(x.scale);
    if (isMonevError(s)) throw usageError(`--scale: ${s.message}`, `--scale: ${s.messageEn}`);
    e.scale = s.id;
  }
  if (x.arah) {
    if (x.arah !== "auto" && x.arah !== "explicit") {
      throw usageError(`--arah harus 'auto' atau 'explicit', bukan '${x.arah}'`, `--arah must be 'auto' or 'explicit', not '${x.arah}'`);
    }
    e.arah = x.arah;
  }
  if (x.overwrite) e.overwrite = true;
  if (x.lembarEvaluasi) e.evaluationSheet = true;
  return e;
}

function ensureParentDir(file: string): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw outputError(`Tidak dapat membuat folder untuk ${file}: ${msg}`, `Cannot create the directory for ${file}: ${msg}`);
  }
}

function baseReport(command: string, options: Record<string, unknown>): Record<string, unknown> {
  return {
    tool: "monev",
    reportVersion: REPORT_VERSION,
    command,
    generatedAt: new Date().toISOString(),
    language: lang(),
    options,
  };
}

/**
 * The loop evaluate and audit share over several files: progress, a recap row per file, and for a
 * failing file (when there are several) an error line, a recap row with the error and the worst
 * exit code, while the other files go on. With one file its error is the command's error.
 */
async function eachFile(
  inputs: string[],
  progress: ReturnType<typeof makeProgress>,
  runOne: (input: string, i: number) => Promise<FileResult>,
): Promise<{ results: FileResult[]; recap: RecapRow[]; failures: { input: string; error: string; exitCode: number }[]; exitCode: number }> {
  const results: FileResult[] = [];
  const recap: RecapRow[] = [];
  const failures: { input: string; error: string; exitCode: number }[] = [];
  let exitCode = EXIT_OK;
  for (let i = 0; i < inputs.length; i++) {
    const inp = inputs[i];
    if (inputs.length > 1) progress.step(`[${i + 1}/${inputs.length}] ${path.basename(inp)}`);
    try {
      const r = await runOne(inp, i);
      progress.done();
      results.push(r);
      recap.push(recapRow(r));
    } catch (e) {
      progress.done();
      const ce = toCliError(e);
      if (inputs.length === 1) throw ce;
      err(`monev: ${ce.message}`);
      failures.push({ input: inp, error: ce.message, exitCode: ce.exitCode });
      recap.push({ file: inp, tables: 0, rows: 0, cellsWritten: 0, averageCapaian: null, predikat: {}, findings: 0, error: ce.message });
      exitCode = Math.max(exitCode, ce.exitCode);
    }
  }
  if (inputs.length > 1) {
    out(t(`Rekap ${inputs.length} berkas:`, `Recap of ${inputs.length} files:`));
    recapTable(recap).forEach((l) => out(l));
  }
  return { results, recap, failures, exitCode };
}

export async function cmdEvaluate(inputs: string[], o: EvaluateCliOptions): Promise<number> {
  const opts = engineOptions(o);
  const outputs = resolveOutputs(inputs, o.output);
  if (o.report) checkReportPath(o.report, inputs, outputs);
  const progress = makeProgress(o.progress);
  const batch = await eachFile(inputs, progress, async (inp, i) => {
    ensureParentDir(outputs[i]);
    const r = await evaluateFile(inp, outputs[i], opts, progress);
    progress.done();
    if (inputs.length === 1) {
      summaryLines(r, "evaluate").forEach((l) => out(l));
      if (r.overwritten.length) {
        out(t("  Sel yang ditimpa (isi lama):", "  Overwritten cells (old content):"));
        for (const w of r.overwritten.slice(0, 20)) {
          out(`    ${w.sheet}!${w.address}: ${JSON.stringify(w.previous.formula ? `=${w.previous.formula}` : w.previous.value)}`);
        }
      }
    }
    return r;
  });
  if (inputs.length > 1) out(t(`Hasil ditulis ke ${o.output}`, `Results written to ${o.output}`));
  if (o.report) {
    writeReport(o.report, {
      ...baseReport("evaluate", { ...opts, output: o.output }),
      files: batch.results.map(fileReport),
      failures: batch.failures,
      recap: inputs.length > 1 ? batch.recap : undefined,
    });
    out(t(`Laporan JSON: ${o.report}`, `JSON report: ${o.report}`));
  }
  return batch.exitCode;
}

export async function cmdAudit(inputs: string[], o: CommonOptions & { report?: string; sheet?: string; scale?: string; arah?: string }): Promise<number> {
  const opts = engineOptions(o);
  if (o.report) checkReportPath(o.report, inputs);
  const progress = makeProgress(o.progress);
  const batch = await eachFile(inputs, progress, async (inp) => {
    const r = await auditFile(inp, opts, progress);
    progress.done();
    summaryLines(r, "audit").forEach((l) => out(l));
    findingLines(r).forEach((l) => out(l));
    return r;
  });
  if (o.report) {
    writeReport(o.report, {
      ...baseReport("audit", { ...opts }),
      files: batch.results.map(fileReport),
      failures: batch.failures,
      recap: inputs.length > 1 ? batch.recap : undefined,
    });
    out(t(`Laporan JSON: ${o.report}`, `JSON report: ${o.report}`));
  }
  return batch.exitCode;
}

export interface PortableCellResult {
  sheet: string;
  address: string;
  before: string;
  after?: string;
  value?: number | string;
  error?: string;
}

/** Strip quotes of a sheet name in a reference: "'My Sheet'!B2" -> ["My Sheet", "B2"]. */
function splitRef(ref: string): [string | undefined, string] {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!(.+)$/.exec(ref);
  if (!m) return [undefined, ref];
  return [(m[1] ?? m[2]).replace(/''/g, "'"), m[3]];
}

function cellPlainValue(cell: ExcelJS.Cell): CellValue {
  if (cell.type === ExcelJS.ValueType.Formula) return plainValue((cell as unknown as { result: unknown }).result);
  return plainValue(cell.value);
}

export async function cmdPortable(input: string, o: CommonOptions & { output: string; report?: string }): Promise<number> {
  if (!isXlsxName(o.output)) {
    throw usageError(`Berkas keluaran harus berakhiran .xlsx: ${o.output}`, `The output file must end in .xlsx: ${o.output}`);
  }
  if (sameFile(o.output, input)) {
    throw usageError(
      `Berkas keluaran sama dengan berkas masukan (${input}); pilih -o lain.`,
      `The output file is the input file (${input}); choose another -o.`,
    );
  }
  if (o.report) checkReportPath(o.report, [input], [o.output]);
  const progress = makeProgress(o.progress);
  progress.step(t(`${path.basename(input)}: membaca…`, `${path.basename(input)}: reading…`));
  const wb = await loadWorkbook(input);
  // Collect formula cells first: replacing a shared-formula master must not change what the
  // other cells of the group read.
  const cells: { ws: ExcelJS.Worksheet; cell: ExcelJS.Cell; formula: string; cached: CellValue }[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        const f = cell.formula as string | undefined;
        if (!f || !/MONEV|__xludf/i.test(f)) return;
        cells.push({ ws, cell, formula: f, cached: cellPlainValue(cell) });
      }),
    );
  }
  const computed = new Map<string, CellValue>();
  const key = (sheet: string, addr: string) => `${sheet}!${addr.replace(/\$/g, "").toUpperCase()}`;
  const resolverFor = (ws: ExcelJS.Worksheet) => (ref: string): CellValue => {
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
      const res: PortableCellResult = { sheet: c.ws.name, address: c.cell.address, before: c.formula };
      if (isMonevError(r)) {
        res.error = lang() === "en" ? r.messageEn : r.message;
      } else {
        res.after = r.formula;
        if (r.value !== undefined) {
          res.value = r.value;
          computed.set(key(c.ws.name, c.cell.address), r.value);
        }
        converted.push({ idx, res });
      }
      results.push(res);
    });
  }
  let needsRecalc = false;
  for (const { idx, res } of converted) {
    const c = cells[idx];
    let result: CellValue | undefined = res.value;
    if (result === undefined) {
      const old = c.cached;
      if ((typeof old === "number" || typeof old === "string") && !/^#/.test(String(old))) result = old;
      else needsRecalc = true;
    }
    const numFmt = c.cell.numFmt;
    c.cell.value = { formula: res.after, result: result as number | string | undefined } as ExcelJS.CellFormulaValue;
    if (numFmt) c.cell.numFmt = numFmt;
  }
  if (needsRecalc) wb.calcProperties = { ...(wb.calcProperties ?? {}), fullCalcOnLoad: true };
  ensureParentDir(o.output);
  try {
    await saveWorkbook(wb, o.output);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw outputError(`Gagal menulis berkas keluaran ${o.output}: ${msg}`, `Cannot write the output file ${o.output}: ${msg}`);
  }
  progress.done();
  const failed = results.filter((r) => r.error);
  out(`${input} -> ${o.output}`);
  out(t(`  Rumus MONEV diganti rumus bawaan: ${converted.length}`, `  MONEV formulas replaced by native formulas: ${converted.length}`));
  if (failed.length) {
    out(t(`  Tidak dapat diganti (dibiarkan): ${failed.length}`, `  Could not be replaced (left as is): ${failed.length}`));
    for (const f of failed.slice(0, 20)) out(`    ${f.sheet}!${f.address}: ${f.error}`);
  }
  if (results.length === 0) out(t("  Tidak ada rumus MONEV di berkas ini.", "  No MONEV formulas in this file."));
  if (o.report) {
    writeReport(o.report, { ...baseReport("portable", { output: o.output }), input, output: o.output, cells: results });
    out(t(`Laporan JSON: ${o.report}`, `JSON report: ${o.report}`));
  }
  return EXIT_OK;
}

/** Repository root (samples/ lives there): src/cli -> ../.. */
export function repoRoot(): string {
  return path.resolve(__dirname, "..", "..");
}

export async function cmdDemo(o: CommonOptions & { output?: string }): Promise<number> {
  const samplesDir = path.join(repoRoot(), "samples");
  let files: string[] = [];
  try {
    files = fs.readdirSync(samplesDir).filter((f) => isXlsxName(f)).sort();
  } catch {
    files = [];
  }
  if (files.length === 0) {
    throw new CliError(
      EXIT_INPUT,
      t(
        `Contoh tidak ditemukan di ${samplesDir}. Jalankan 'npm run samples' dulu.`,
        `No samples in ${samplesDir}. Run 'npm run samples' first.`,
      ),
    );
  }
  const outDir = o.output ?? path.join("out", "demo");
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw outputError(`Tidak dapat membuat folder ${outDir}: ${msg}`, `Cannot create the directory ${outDir}: ${msg}`);
  }
  const kosong = files.filter((f) => /-kosong\.xlsx$/i.test(f)).map((f) => path.join(samplesDir, f));
  const printed = files.filter((f) => !/-kosong\.xlsx$/i.test(f)).map((f) => path.join(samplesDir, f));

  out(t(`== Evaluasi ${kosong.length} lembar kerja kosong (samples/*-kosong.xlsx) ==`, `== Evaluating ${kosong.length} empty worksheets (samples/*-kosong.xlsx) ==`));
  const evalDir = path.join(outDir, "dievaluasi");
  const evalReport = path.join(outDir, "laporan-evaluasi.json");
  const code1 = kosong.length
    ? await cmdEvaluate(kosong, { ...o, output: evalDir + path.sep, report: evalReport, lembarEvaluasi: true })
    : EXIT_OK;
  out();
  out(t(`== Audit ${printed.length} tabel tercetak (samples/*.xlsx) ==`, `== Auditing ${printed.length} printed tables (samples/*.xlsx) ==`));
  const auditReport = path.join(outDir, "laporan-audit.json");
  const code2 = printed.length ? await cmdAudit(printed, { ...o, report: auditReport }) : EXIT_OK;
  out();
  out(t("Selesai. Hasil demo:", "Done. Demo results:"));
  out(
    t(
      `  Lembar kerja terisi rumus (+ lembar 'Evaluasi - …'): ${path.resolve(evalDir)}`,
      `  Worksheets with formulas (+ 'Evaluasi - …' sheets): ${path.resolve(evalDir)}`,
    ),
  );
  out(t(`  Laporan evaluasi (JSON):   ${path.resolve(evalReport)}`, `  Evaluation report (JSON): ${path.resolve(evalReport)}`));
  out(t(`  Laporan audit (JSON):      ${path.resolve(auditReport)}`, `  Audit report (JSON):      ${path.resolve(auditReport)}`));
  return Math.max(code1, code2);
}
