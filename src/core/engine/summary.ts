/**
 * Summary of an analysis: rows evaluated, predikat counts, mean capaian, findings; and an
 * Indonesian paragraph in the style of the seed reports.
 */
import type { PlannedWrite, SheetAnalysis } from "./types";

export interface AnalysisSummary {
  tables: number;
  /** Rows with a computed capaian (from the plan and cells already holding the same value). */
  rowsEvaluated: number;
  predikatCounts: Record<string, number>;
  averageCapaian: number | null;
  findings: number;
  writes: number;
  conflicts: number;
  /** Rows whose capaian is below 100 (label and value). */
  belowTarget: { label: string; capaian: number }[];
}

const CAPAIAN_RULE = /^(capaian|rkpd\.capaian-k|e81\.capaian)$/;
const PREDIKAT_RULE = /^(predikat|ket|rkpd\.predikat-k|e81\.predikat)$/;

function allWrites(a: SheetAnalysis): PlannedWrite[] {
  return [...a.plan.writes, ...a.plan.conflicts];
}

function rowLabel(a: SheetAnalysis, sheetRow: number): string {
  for (const t of a.tables) {
    const r = t.rows.find((x) => x.row === sheetRow);
    if (r) return r.label;
  }
  return `baris ${sheetRow + 1}`;
}

export function summarise(analysis: SheetAnalysis): AnalysisSummary {
  const caps = allWrites(analysis).filter((w) => CAPAIAN_RULE.test(w.rule) && typeof w.value === "number");
  const preds = allWrites(analysis).filter((w) => PREDIKAT_RULE.test(w.rule) && typeof w.value === "string" && w.value !== "");
  const counts: Record<string, number> = {};
  for (const p of preds) counts[p.value as string] = (counts[p.value as string] ?? 0) + 1;
  const vals = caps.map((c) => c.value as number);
  return {
    tables: analysis.tables.length,
    rowsEvaluated: new Set(caps.map((c) => `${c.sheet}!${c.row}`)).size,
    predikatCounts: counts,
    averageCapaian: vals.length > 0 ? vals.reduce((s, x) => s + x, 0) / vals.length : null,
    findings: analysis.findings.length,
    writes: analysis.plan.writes.length,
    conflicts: analysis.plan.conflicts.length,
    belowTarget: caps
      .filter((c) => (c.value as number) < 100)
      .map((c) => ({ label: rowLabel(analysis, c.row), capaian: c.value as number })),
  };
}

function id2(x: number): string {
  return x.toFixed(2).replace(".", ",");
}

/** E.g. "Dari 5 indikator yang dievaluasi, rata-rata capaian 97,00%. Kategori Sangat Tinggi sebanyak 4 indikator, ..." */
export function narrative(analysis: SheetAnalysis): string {
  const s = summarise(analysis);
  if (s.tables === 0) return "Tidak ditemukan tabel evaluasi pada lembar ini.";
  const parts: string[] = [];
  const unit = analysis.tables.some((t) => t.kind === "rkpd" || t.kind === "tabel-i15" || t.kind === "fisik-keuangan")
    ? "kegiatan"
    : "indikator";
  if (s.rowsEvaluated > 0) {
    parts.push(
      `Dari ${s.rowsEvaluated} ${unit} yang dievaluasi, rata-rata capaian ${s.averageCapaian === null ? "-" : id2(s.averageCapaian) + "%"}.`,
    );
  }
  const cats = Object.entries(s.predikatCounts).sort((a, b) => b[1] - a[1]);
  if (cats.length > 0) {
    parts.push(cats.map(([k, n]) => `Kategori ${k} sebanyak ${n} ${unit}`).join(", ") + ".");
  }
  if (s.belowTarget.length > 0) {
    const list = s.belowTarget
      .slice(0, 5)
      .map((b) => `${b.label.trim() || "(tanpa uraian)"} (${id2(b.capaian)}%)`)
      .join("; ");
    const more = s.belowTarget.length > 5 ? ` dan ${s.belowTarget.length - 5} lainnya` : "";
    parts.push(`${unit[0].toUpperCase() + unit.slice(1)} di bawah target: ${list}${more}.`);
  } else if (s.rowsEvaluated > 0) {
    parts.push(`Semua ${unit} mencapai target.`);
  }
  if (s.findings > 0) parts.push(`Pemeriksaan menemukan ${s.findings} angka tercetak yang tidak sesuai dengan hasil hitung ulang.`);
  return parts.join(" ");
}
