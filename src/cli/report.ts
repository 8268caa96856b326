/**
 * Printing of summaries and recap tables, and the JSON report.
 */
import * as fs from "fs";
import { AtomicWriter, writeFileAtomic } from "./atomic";
import * as path from "path";
import { outputError } from "./exit";
import type { FileResult } from "./evaluate";
import { fmtNum, lang, t } from "./i18n";

export const REPORT_VERSION = 1;

function predikatText(p: Record<string, number>, max = Infinity): string {
  // In the scale's order (the summary orders its counts by the scale's bands), not by count.
  const entries = Object.entries(p);
  if (entries.length === 0) return "-";
  const shown = entries
    .slice(0, max)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");
  return entries.length > max ? `${shown}, …` : shown;
}

/** A table kind as the user reads it ("realisasi fisik dan keuangan"), not its internal id. */
function kindName(kind: string): string {
  // Loaded here, not at start-up: `monev --help` loads no engine code.
  const { shapeName } = require("../core/engine/shapes") as typeof import("../core/engine/shapes");
  return shapeName(kind as Parameters<typeof shapeName>[0], lang() === "en" ? "en" : "id");
}

/** Short summary of one file (evaluate or audit). */
export function summaryLines(r: FileResult, mode: "evaluate" | "audit"): string[] {
  const lines: string[] = [];
  lines.push(`${r.input}${r.output ? ` -> ${r.output}` : ""}`);
  lines.push(
    `  ${t("Tabel ditemukan", "Tables found")}: ${r.tables}` +
      ` (${r.sheets
        .filter((s) => s.tables.length)
        .map(
          (s) => `${s.name}: ${s.tables.map((x) => `${kindName(x.kind)} ${x.range}`).join(", ")}`
        )
        .join("; ")})`
  );
  // Rows the table has but the summary does not rate are counted beside it (their reason is below).
  const notRated = r.rowsNotRated
    ? t(
        ` (${r.rowsNotRated} baris lain tidak dinilai: target atau rencana 0)`,
        ` (${r.rowsNotRated} other row(s) not rated: target or plan 0)`
      )
    : "";
  lines.push(`  ${t("Baris dievaluasi", "Rows evaluated")}: ${r.rowsEvaluated}${notRated}`);
  if (mode === "evaluate") {
    lines.push(`  ${t("Sel ditulis", "Cells written")}: ${r.cellsWritten}`);
    if (r.overwritten.length) {
      lines.push(
        `  ${t("Sel ditimpa (--overwrite)", "Cells overwritten (--overwrite)")}: ${r.overwritten.length}`
      );
    }
    if (r.skipped.length) {
      lines.push(
        `  ${t("Sel berisi dilewati (pakai --overwrite untuk menimpa)", "Non-empty cells skipped (use --overwrite)")}: ${r.skipped.length}`
      );
    }
  }
  // What was left uncomputed on purpose, and why (the engine writes nothing it is unsure of); the
  // audit cannot check those columns either, so it says the same.
  if (r.leftEmpty.length) {
    lines.push(
      mode === "evaluate"
        ? `  ${t("Tidak diisi, dengan alasannya", "Left empty, and why")}:`
        : `  ${t("Tidak dihitung, dengan alasannya", "Not computed, and why")}:`
    );
    for (const m of r.leftEmpty.slice(0, 10)) lines.push(`    ${m}`);
    if (r.leftEmpty.length > 10)
      lines.push(
        t(
          `    … dan ${r.leftEmpty.length - 10} lainnya (lihat --report)`,
          `    … and ${r.leftEmpty.length - 10} more (see --report)`
        )
      );
  }
  lines.push(`  ${t("Predikat", "Ratings")}: ${predikatText(r.predikat)}`);
  lines.push(
    `  ${t("Rata-rata capaian", "Average achievement")}: ${r.averageCapaian === null ? "-" : `${fmtNum(r.averageCapaian)}%`}`
  );
  lines.push(`  ${t("Temuan audit", "Audit findings")}: ${r.findings.length}`);
  return lines;
}

export function findingLines(r: FileResult, max = 20): string[] {
  const out: string[] = [];
  for (const f of r.findings.slice(0, max)) {
    // Rendered in the message language by evaluate (buildResult). A finding's message starts with
    // its own address ("W42: tercetak …", "N10:N12 (3 sel): …"): the sheet goes in front of it once.
    out.push(
      f.message.startsWith(f.address)
        ? `  ${f.sheet}!${f.message}`
        : `  ${f.sheet}!${f.address}: ${f.message}`
    );
  }
  if (r.findings.length > max) {
    out.push(
      t(
        `  … dan ${r.findings.length - max} temuan lain (lihat --report)`,
        `  … and ${r.findings.length - max} more (see --report)`
      )
    );
  }
  return out;
}

export interface RecapRow {
  file: string;
  output?: string;
  tables: number;
  rows: number;
  cellsWritten: number;
  averageCapaian: number | null;
  predikat: Record<string, number>;
  findings: number;
  error?: string;
}

export function recapRow(r: FileResult): RecapRow {
  return {
    file: r.input,
    output: r.output,
    tables: r.tables,
    rows: r.rowsEvaluated,
    cellsWritten: r.cellsWritten,
    averageCapaian: r.averageCapaian,
    predikat: r.predikat,
    findings: r.findings.length,
  };
}

/** Plain-text table, one row per file. */
export function recapTable(rows: RecapRow[]): string[] {
  const head = [
    t("Berkas", "File"),
    t("Tabel", "Tables"),
    t("Baris", "Rows"),
    t("Rata-rata capaian", "Avg achievement"),
    t("Predikat", "Ratings"),
    t("Temuan", "Findings"),
  ];
  const body = rows.map((r) =>
    r.error
      ? [
          path.basename(r.file),
          "-",
          "-",
          "-",
          t(`GAGAL: ${r.error}`, `FAILED: ${r.error}`).slice(0, 60),
          "-",
        ]
      : [
          path.basename(r.file),
          String(r.tables),
          String(r.rows),
          r.averageCapaian === null ? "-" : `${fmtNum(r.averageCapaian)}%`,
          predikatText(r.predikat, 4),
          String(r.findings),
        ]
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ");
  return [fmt(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(fmt)];
}

export function writeReport(file: string, report: unknown): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileAtomic(file, JSON.stringify(report, null, 2) + "\n");
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw outputError(
      `Gagal menulis laporan ${file}: ${msg}`,
      `Cannot write the report ${file}: ${msg}`
    );
  }
}

function indent(json: string, by: string): string {
  return json.replace(/\n/g, `\n${by}`);
}

/**
 * A JSON report written file by file (`{ ...head, "files": [ ... ], ...tail }`), so a batch of
 * many workbooks does not hold every file's writes and findings in memory. Same JSON as
 * writeReport would give; it appears at its path only on finish() (atomic, see atomic.ts).
 */
export class ReportWriter {
  private w: AtomicWriter | undefined;
  private count = 0;

  constructor(
    readonly file: string,
    head: Record<string, unknown>
  ) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      this.w = new AtomicWriter(file);
      const h = JSON.stringify(head, null, 2);
      this.w.write(
        `${h.slice(0, h.lastIndexOf("}")).replace(/\n$/, "")}${Object.keys(head).length ? "," : ""}\n  "files": [`
      );
    } catch (e) {
      throw this.fail(e);
    }
  }

  private fail(e: unknown): Error {
    this.w?.abort();
    this.w = undefined;
    const msg = e instanceof Error ? e.message : String(e);
    return outputError(
      `Gagal menulis laporan ${this.file}: ${msg}`,
      `Cannot write the report ${this.file}: ${msg}`
    );
  }

  addFile(entry: unknown): void {
    if (!this.w) return;
    try {
      this.w.write(
        `${this.count++ ? "," : ""}\n    ${indent(JSON.stringify(entry, null, 2), "    ")}`
      );
    } catch (e) {
      throw this.fail(e);
    }
  }

  finish(tail: Record<string, unknown>): void {
    if (!this.w) return;
    try {
      let s = this.count ? "\n  ]" : "]";
      for (const [k, v] of Object.entries(tail)) {
        if (v === undefined) continue;
        s += `,\n  ${JSON.stringify(k)}: ${indent(JSON.stringify(v, null, 2), "  ")}`;
      }
      this.w.write(`${s}\n}\n`);
      this.w.commit();
      this.w = undefined;
    } catch (e) {
      throw this.fail(e);
    }
  }

  abort(): void {
    this.w?.abort();
    this.w = undefined;
  }
}

/** JSON form of a file result for the report (everything, with cell addresses). */
export function fileReport(r: FileResult): Record<string, unknown> {
  return {
    input: r.input,
    output: r.output,
    summary: {
      tables: r.tables,
      rowsEvaluated: r.rowsEvaluated,
      rowsNotRated: r.rowsNotRated,
      cellsWritten: r.cellsWritten,
      cellsOverwritten: r.overwritten.length,
      cellsSkipped: r.skipped.length,
      predikat: r.predikat,
      ...(r.formPredikat ? { formPredikat: r.formPredikat } : {}),
      averageCapaian: r.averageCapaian,
      findings: r.findings.length,
    },
    sheets: r.sheets,
    writes: r.writes,
    overwritten: r.overwritten,
    skipped: r.skipped,
    findings: r.findings,
    messages: r.messages,
    leftEmpty: r.leftEmpty,
    engineMessages: r.engineMessages,
  };
}
