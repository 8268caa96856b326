/**
 * The CLI commands: evaluate, audit, portable, demo. Each returns its exit code; errors are
 * thrown as CliError (see exit.ts) and printed by main.ts. main.ts loads this module only when a
 * command runs, so `monev --help` does not pay for ExcelJS and the engine.
 */
import * as fs from "fs";
import * as path from "path";
import { isMonevError } from "../core/errors";
import { getScale } from "../core/predikat";
import type { SignatureBlock } from "../core/engine/evaluation-sheet";
import type { EvaluateOptions } from "./evaluate";
import { CliError, EXIT_INPUT, EXIT_OK, outputError, usageError } from "./exit";
import { lang, t } from "./i18n";
import { makeProgress } from "./progress";
import { checkReportPath, sameFile } from "./paths";
import { REPORT_VERSION, recapTable, ReportWriter } from "./report";
import { defaultParallel, Job, runBatch } from "./batch";
import { expandInputs, InputFile } from "./inputs";
import { checkLimits, DEFAULT_LIMITS, Limits, parseCount, parseSize } from "./limits";
import type { RecapEntry } from "./recap";

export interface CommonOptions {
  lang?: string;
  progress?: boolean;
}

/** Options evaluate and audit share: engine choices, batch and limits. */
export interface BatchCliOptions extends CommonOptions {
  sheet?: string;
  report?: string;
  scale?: string;
  arah?: string;
  batas?: string;
  triwulan?: string;
  rekap?: string;
  rekursif?: boolean;
  paralel?: string;
  maksUkuran?: string;
  maksSel?: string;
  maksBaris?: string;
}

export interface EvaluateCliOptions extends BatchCliOptions {
  output?: string;
  overwrite?: boolean;
  lembarEvaluasi?: boolean;
  tulisTerkunci?: boolean;
  /** The evaluation sheet's signature block (--ttd-*). */
  ttdTempat?: string;
  ttdTanggal?: string;
  ttdJabatan?: string;
  ttdNama?: string;
  ttdNip?: string;
}

const out = (s = "") => process.stdout.write(`${s}\n`);
const err = (s: string) => process.stderr.write(`${s}\n`);

function isXlsxName(p: string): boolean {
  return /\.xlsx$/i.test(p);
}

/** An output workbook name: .xlsx, or .xlsm for a macro-enabled input (its macros are kept). */
function isWorkbookName(p: string): boolean {
  return /\.xls[xm]$/i.test(p);
}

function looksLikeDir(p: string): boolean {
  if (/[\\/]$/.test(p)) return true;
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Output path of each input: `-o file.xlsx` for one input, `-o dir/` for one or many. Files found
 * in a folder or by a pattern keep their sub-folder below `-o dir/` (dinas-a/iku.xlsx).
 */
export function resolveOutputs(inputs: (string | InputFile)[], o: string): string[] {
  const multi = inputs.length > 1;
  const asDir = multi || looksLikeDir(o);
  if (multi && !looksLikeDir(o) && isWorkbookName(o)) {
    throw usageError(
      `Dengan beberapa berkas masukan, -o harus berupa folder (mis. -o hasil/), bukan ${o}`,
      `With several input files, -o must be a directory (e.g. -o results/), not ${o}`
    );
  }
  if (!asDir && !isWorkbookName(o)) {
    throw usageError(
      `Berkas keluaran harus berakhiran .xlsx (atau .xlsm): ${o}`,
      `The output file must end in .xlsx (or .xlsm): ${o}`
    );
  }
  const used = new Set<string>();
  // Every input by device + inode (hard links, symlinks) and by resolved path: an output must be
  // none of them, not only not its own input (`evaluate a.xlsx b/a.xlsx -o b/`).
  const inputKeys = new Map<string, string>();
  for (const x of inputs) {
    const f = typeof x === "string" ? x : x.file;
    inputKeys.set(path.resolve(f), f);
    const k = fileKey(f);
    if (k) inputKeys.set(k, f);
  }
  return inputs.map((x) => {
    const inp = typeof x === "string" ? x : x.file;
    const rel = typeof x === "string" ? path.basename(x) : x.rel;
    let target: string;
    if (asDir) {
      const sub = path.dirname(rel);
      const dir = sub === "." || sub.startsWith("..") || path.isAbsolute(sub) ? "" : sub;
      const base = path.basename(rel).replace(/\.[^.]*$/, "");
      // A macro-enabled input stays .xlsm (its macros are kept); everything else becomes .xlsx.
      const ext = /\.xlsm$/i.test(rel) ? ".xlsm" : ".xlsx";
      let name = path.join(dir, `${base}${ext}`);
      for (let k = 2; used.has(name.toLowerCase()); k++)
        name = path.join(dir, `${base}-${k}${ext}`);
      used.add(name.toLowerCase());
      target = path.join(o, name);
    } else target = o;
    const k = fileKey(target);
    const clash = sameFile(target, inp)
      ? inp
      : (inputKeys.get(path.resolve(target)) ?? (k ? inputKeys.get(k) : undefined));
    if (clash !== undefined) {
      throw usageError(
        `Berkas keluaran sama dengan berkas masukan (${clash}); masukan tidak pernah ditimpa. Pilih -o lain.`,
        `The output file is the input file (${clash}); the input is never modified. Choose another -o.`
      );
    }
    return target;
  });
}

/** "dev:ino" of an existing file (the same for its hard links and symlinks), else null. */
function fileKey(f: string): string | null {
  try {
    const st = fs.statSync(f);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

function engineOptions(o: EvaluateCliOptions): EvaluateOptions {
  const e: EvaluateOptions = {};
  const x = o;
  if (x.sheet) e.sheet = x.sheet;
  if (x.scale) {
    const s = getScale(x.scale);
    if (isMonevError(s)) throw usageError(`--scale: ${s.message}`, `--scale: ${s.messageEn}`);
    e.scale = s.id;
  }
  if (x.arah) {
    if (x.arah !== "auto" && x.arah !== "explicit") {
      throw usageError(
        `--arah harus 'auto' atau 'explicit', bukan '${x.arah}'`,
        `--arah must be 'auto' or 'explicit', not '${x.arah}'`
      );
    }
    e.arah = x.arah;
  }
  if (x.batas !== undefined) {
    const b = Number(String(x.batas).replace(",", "."));
    if (!Number.isFinite(b) || b <= 0)
      throw usageError(
        `--batas harus angka positif, bukan '${x.batas}'`,
        `--batas must be a positive number, not '${x.batas}'`
      );
    e.batas = b;
  }
  if (x.triwulan && x.triwulan !== "auto")
    e.triwulan = ({ jumlah: "sum", akhir: "last", rata: "average" } as const)[
      x.triwulan as "jumlah"
    ];
  if (x.overwrite) e.overwrite = true;
  if (x.lembarEvaluasi) e.evaluationSheet = true;
  if (x.tulisTerkunci) e.writeProtected = true;
  const signature = signatureFrom(x);
  if (signature) e.signature = signature;
  return e;
}

const SIGNATURE_FLAGS = [
  ["ttdTempat", "--ttd-tempat", "place"],
  ["ttdTanggal", "--ttd-tanggal", "date"],
  ["ttdJabatan", "--ttd-jabatan", "position"],
  ["ttdNama", "--ttd-nama", "name"],
  ["ttdNip", "--ttd-nip", "nip"],
] as const;

/** The signature block of the evaluation sheet from --ttd-*; only with --lembar-evaluasi. */
function signatureFrom(x: EvaluateCliOptions): SignatureBlock | undefined {
  const sig: SignatureBlock = {};
  const given: string[] = [];
  for (const [opt, flag, field] of SIGNATURE_FLAGS) {
    const v = x[opt];
    if (v === undefined) continue;
    given.push(flag);
    if (v.trim() !== "") sig[field] = v.trim();
  }
  if (given.length === 0) return undefined;
  if (!x.lembarEvaluasi)
    throw usageError(
      `${given.join(", ")} hanya berlaku bersama --lembar-evaluasi (blok tanda tangan lembar evaluasi).`,
      `${given.join(", ")} only applies with --lembar-evaluasi (the evaluation sheet's signature block).`
    );
  return Object.keys(sig).length > 0 ? sig : undefined;
}

/** --maks-ukuran / --maks-sel / --maks-baris over the defaults (0 = no limit). */
export function limitsFrom(o: BatchCliOptions): Limits {
  const l: Limits = { ...DEFAULT_LIMITS };
  const bad = (flag: string, v: string, ex: string) =>
    usageError(
      `${flag}: nilai '${v}' tidak sah (contoh: ${ex}; 0 = tanpa batas)`,
      `${flag}: invalid value '${v}' (e.g. ${ex}; 0 = no limit)`
    );
  if (o.maksUkuran !== undefined) {
    const v = parseSize(o.maksUkuran);
    if (v === null) throw bad("--maks-ukuran", o.maksUkuran, "500MB, 1.5GB");
    l.maxBytes = v;
  }
  if (o.maksSel !== undefined) {
    const v = parseCount(o.maksSel);
    if (v === null) throw bad("--maks-sel", o.maksSel, "5000000, 5jt");
    l.maxCells = v;
  }
  if (o.maksBaris !== undefined) {
    const v = parseCount(o.maksBaris);
    if (v === null) throw bad("--maks-baris", o.maksBaris, "500000, 500rb");
    l.maxRows = v;
  }
  return l;
}

function parallelFrom(o: BatchCliOptions, files: number): number {
  if (o.paralel === undefined || /^(auto|0)$/i.test(o.paralel.trim()))
    return defaultParallel(files);
  const n = Number(o.paralel);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw usageError(
      `--paralel: '${o.paralel}' bukan bilangan bulat 1..256`,
      `--paralel: '${o.paralel}' is not a whole number 1..256`
    );
  }
  return n;
}

/** --rekap must be a new .xlsx that is none of the inputs, outputs or the report. */
function checkRecapPath(rekap: string, inputs: string[], outputs: string[], report?: string): void {
  if (!isXlsxName(rekap)) {
    throw usageError(
      `Berkas rekap harus berakhiran .xlsx: ${rekap}`,
      `The recap file must end in .xlsx: ${rekap}`
    );
  }
  const clash = [...inputs, ...outputs, ...(report ? [report] : [])].find(
    (f) => sameFile(rekap, f) || path.resolve(rekap) === path.resolve(f)
  );
  if (clash !== undefined) {
    throw usageError(
      `Rekap tidak boleh ditulis ke ${rekap}: itu ${inputs.includes(clash) ? "berkas masukan" : outputs.includes(clash) ? "berkas keluaran" : "laporan JSON"}. Pilih nama lain.`,
      `The recap cannot be written to ${rekap}: it is the ${inputs.includes(clash) ? "input" : outputs.includes(clash) ? "output" : "JSON report"}. Choose another name.`
    );
  }
}

/** The limits check of a single-file command (portable) before it loads the workbook. */
export function checkFileLimits(input: string, o: BatchCliOptions): void {
  checkLimits(input, limitsFrom(o));
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

function missingInput(command: string): CliError {
  return usageError(
    `Berkas masukan belum diberikan. Contoh: monev ${command} opd.xlsx${command === "evaluate" ? " -o hasil.xlsx" : ""}, ` +
      `monev ${command} folder-opd/${command === "evaluate" ? " -o hasil/" : ""} atau monev ${command} "opd/*.xlsx"${command === "evaluate" ? " -o hasil/" : ""}.`,
    `No input file given. E.g. monev ${command} opd.xlsx${command === "evaluate" ? " -o result.xlsx" : ""}, ` +
      `monev ${command} agencies/${command === "evaluate" ? " -o results/" : ""} or monev ${command} "opd/*.xlsx"${command === "evaluate" ? " -o results/" : ""}.`
  );
}

/**
 * The run evaluate and audit share over one or many files: jobs in workers (see batch.ts), each
 * file's lines printed in input order as soon as it is done, its report entry streamed into the
 * JSON report, a recap row kept for the console table and --rekap. A failing file among several
 * prints an error line and gets a recap row with the error while the others go on (exit code =
 * the worst); with one file its error is the command's error.
 */
async function runFiles(
  kind: "evaluate" | "audit",
  files: InputFile[],
  outputs: string[] | undefined,
  o: EvaluateCliOptions,
  opts: EvaluateOptions,
  reportOptions: Record<string, unknown>
): Promise<number> {
  const limits = limitsFrom(o);
  const parallel = parallelFrom(o, files.length);
  const single = files.length === 1;
  const jobs: Job[] = files.map((f, i) => ({
    index: i,
    kind,
    input: f.file,
    output: outputs?.[i],
    opts,
    limits,
    lang: lang(),
    detail: !!o.report,
    single,
  }));
  const progress = makeProgress(o.progress);
  const report = o.report ? new ReportWriter(o.report, baseReport(kind, reportOptions)) : undefined;
  const recap: RecapEntry[] = [];
  const failures: { input: string; error: string; exitCode: number }[] = [];
  let exitCode = EXIT_OK;
  let singleError: CliError | undefined;
  try {
    await runBatch(jobs, {
      parallel,
      progress,
      onResult: (r) => {
        for (const l of r.lines) out(l);
        recap.push({ ...r.recap, rel: files[r.index].rel });
        if (r.error) {
          if (single) {
            singleError = new CliError(r.error.exitCode, r.error.message);
            return;
          }
          err(`monev: ${r.error.message}`);
          failures.push({ input: r.input, error: r.error.message, exitCode: r.error.exitCode });
          exitCode = Math.max(exitCode, r.error.exitCode);
        } else if (report && r.report) report.addFile(r.report);
      },
    });
    if (singleError) throw singleError;
  } catch (e) {
    report?.abort();
    throw e;
  }
  if (!single) {
    out(t(`Rekap ${files.length} berkas:`, `Recap of ${files.length} files:`));
    recapTable(recap).forEach((l) => out(l));
    if (kind === "evaluate" && o.output)
      out(t(`Hasil ditulis ke ${o.output}`, `Results written to ${o.output}`));
  }
  if (o.rekap) {
    try {
      // Loaded only when a recap workbook is asked for.
      const { writeRecapWorkbook } = require("./recap") as typeof import("./recap");
      fs.mkdirSync(path.dirname(path.resolve(o.rekap)), { recursive: true });
      writeRecapWorkbook(o.rekap, recap, kind);
    } catch (e) {
      report?.abort();
      if (e instanceof CliError) throw e;
      const msg = e instanceof Error ? e.message : String(e);
      throw outputError(
        `Gagal menulis rekap ${o.rekap}: ${msg}`,
        `Cannot write the recap ${o.rekap}: ${msg}`
      );
    }
    out(t(`Rekap Excel: ${o.rekap}`, `Excel recap: ${o.rekap}`));
  }
  if (report) {
    report.finish({
      failures,
      recap: single ? undefined : recap.map(({ rel: _rel, ...row }) => row),
    });
    out(t(`Laporan JSON: ${o.report}`, `JSON report: ${o.report}`));
  }
  return exitCode;
}

export async function cmdEvaluate(inputs: string[], o: EvaluateCliOptions): Promise<number> {
  if (!inputs || inputs.length === 0) throw missingInput("evaluate");
  if (!o.output) {
    throw usageError(
      "opsi wajib -o/--output tidak diberikan: ke mana hasil ditulis? Contoh: -o hasil.xlsx (satu berkas) atau -o hasil/ (folder).",
      "required option -o/--output not given: where should the result go? E.g. -o result.xlsx (one file) or -o results/ (a folder)."
    );
  }
  const opts = engineOptions(o);
  const files = expandInputs(inputs, {
    recursive: o.rekursif,
    exclude: looksLikeDir(o.output) ? [o.output] : [],
  });
  const outputs = resolveOutputs(files, o.output);
  const inputPaths = files.map((f) => f.file);
  if (o.report) checkReportPath(o.report, inputPaths, outputs);
  if (o.rekap) checkRecapPath(o.rekap, inputPaths, outputs, o.report);
  return runFiles("evaluate", files, outputs, o, opts, { ...opts, output: o.output });
}

export async function cmdAudit(inputs: string[], o: BatchCliOptions): Promise<number> {
  if (!inputs || inputs.length === 0) throw missingInput("audit");
  const opts = engineOptions(o);
  const files = expandInputs(inputs, { recursive: o.rekursif });
  const inputPaths = files.map((f) => f.file);
  if (o.report) checkReportPath(o.report, inputPaths);
  if (o.rekap) checkRecapPath(o.rekap, inputPaths, [], o.report);
  return runFiles("audit", files, undefined, o, opts, { ...opts });
}

export type { PortableCellResult } from "./portable";

export async function cmdPortable(
  input: string,
  o: CommonOptions & { output: string; report?: string }
): Promise<number> {
  return (await import("./portable")).cmdPortable(input, o);
}

/** Repository root (samples/ lives there): src/cli -> ../.. */
export function repoRoot(): string {
  return path.resolve(__dirname, "..", "..");
}

export async function cmdDemo(o: CommonOptions & { output?: string }): Promise<number> {
  const samplesDir = path.join(repoRoot(), "samples");
  let files: string[] = [];
  try {
    files = fs
      .readdirSync(samplesDir)
      .filter((f) => isXlsxName(f))
      .sort();
  } catch {
    files = [];
  }
  if (files.length === 0) {
    throw new CliError(
      EXIT_INPUT,
      t(
        `Contoh tidak ditemukan di ${samplesDir}. Jalankan 'npm run samples' dulu.`,
        `No samples in ${samplesDir}. Run 'npm run samples' first.`
      )
    );
  }
  const outDir = o.output ?? path.join("out", "demo");
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw outputError(
      `Tidak dapat membuat folder ${outDir}: ${msg}`,
      `Cannot create the directory ${outDir}: ${msg}`
    );
  }
  const kosong = files
    .filter((f) => /-kosong\.xlsx$/i.test(f))
    .map((f) => path.join(samplesDir, f));
  const printed = files
    .filter((f) => !/-kosong\.xlsx$/i.test(f))
    .map((f) => path.join(samplesDir, f));

  out(
    t(
      `== Evaluasi ${kosong.length} lembar kerja kosong (samples/*-kosong.xlsx) ==`,
      `== Evaluating ${kosong.length} empty worksheets (samples/*-kosong.xlsx) ==`
    )
  );
  const evalDir = path.join(outDir, "dievaluasi");
  const evalReport = path.join(outDir, "laporan-evaluasi.json");
  const code1 = kosong.length
    ? await cmdEvaluate(kosong, {
        ...o,
        output: evalDir + path.sep,
        report: evalReport,
        lembarEvaluasi: true,
      })
    : EXIT_OK;
  out();
  out(
    t(
      `== Audit ${printed.length} tabel tercetak (samples/*.xlsx) ==`,
      `== Auditing ${printed.length} printed tables (samples/*.xlsx) ==`
    )
  );
  const auditReport = path.join(outDir, "laporan-audit.json");
  const code2 = printed.length ? await cmdAudit(printed, { ...o, report: auditReport }) : EXIT_OK;
  out();
  out(t("Selesai. Hasil demo:", "Done. Demo results:"));
  out(
    t(
      `  Lembar kerja terisi rumus (+ lembar 'Evaluasi - …'): ${path.resolve(evalDir)}`,
      `  Worksheets with formulas (+ 'Evaluasi - …' sheets): ${path.resolve(evalDir)}`
    )
  );
  out(
    t(
      `  Laporan evaluasi (JSON):   ${path.resolve(evalReport)}`,
      `  Evaluation report (JSON): ${path.resolve(evalReport)}`
    )
  );
  out(
    t(
      `  Laporan audit (JSON):      ${path.resolve(auditReport)}`,
      `  Audit report (JSON):      ${path.resolve(auditReport)}`
    )
  );
  return Math.max(code1, code2);
}
