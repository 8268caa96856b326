/**
 * Summary of an analysis: rows evaluated, predikat counts, mean capaian, findings; and an
 * Indonesian paragraph in the style of the seed reports.
 */
import type { PlannedWrite, RowInfo, SheetAnalysis } from "./types";

export interface AnalysisSummary {
  /** Tables of a known kind (unknown tables are not counted anywhere). */
  tables: number;
  /** Rows with a computed capaian at the level the table evaluates (see `unit`). */
  rowsEvaluated: number;
  /** What those rows are: 'indikator', 'sub kegiatan', 'kegiatan' or 'program'. */
  unit: string;
  /** Predikat labels of the rated rows (not of averages or totals) and what those rows are. */
  predikatCounts: Record<string, number>;
  predikatUnit: string;
  averageCapaian: number | null;
  findings: number;
  writes: number;
  conflicts: number;
  /** Rows whose capaian is below 100 (label and value). */
  belowTarget: { label: string; capaian: number }[];
}

/**
 * Rules whose writes are a row's capaian (K for the RKPD form; for a realisation form the mean of
 * capaian keuangan and fisik, else capaian fisik, else capaian keuangan: see FK_PRIORITY).
 */
export const CAPAIAN_RULE = /^(capaian|rkpd\.capaian-k|e81\.capaian|fk\.rata-rata|fk\.capaian-fisik|fk\.capaian-keuangan)$/;
const PREDIKAT_RULE = /^(predikat|ket|rkpd\.predikat-k|e81\.predikat)$/;
/** One figure per row of a realisation form: the first of these present on the row. */
const FK_PRIORITY = ["fk.rata-rata", "fk.capaian-fisik", "fk.capaian-keuangan"];

/** A row's capaian writes reduced to one: a realisation form row counts once, by FK_PRIORITY. */
function onePerRow(writes: PlannedWrite[]): PlannedWrite[] {
  const best = new Map<string, PlannedWrite>();
  const out: PlannedWrite[] = [];
  for (const w of writes) {
    const p = FK_PRIORITY.indexOf(w.rule);
    if (p < 0) {
      out.push(w);
      continue;
    }
    const key = `${w.sheet}!${w.row}`;
    const cur = best.get(key);
    if (!cur || p < FK_PRIORITY.indexOf(cur.rule)) best.set(key, w);
  }
  for (const w of best.values()) out.push(w);
  return out;
}

/** Tables of a known kind: an unknown table contributes nothing to any count. */
function knownTables(a: SheetAnalysis): SheetAnalysis["tables"] {
  return a.tables.filter((t) => t.kind !== "unknown");
}

/**
 * Levels in the order a summary prefers them: the finest level present is what the table
 * evaluates. A 'predikat' row (RKPD "Predikat Kinerja Kegiatan") rates its kegiatan. Averages,
 * totals and "seluruh program" rows are never counted.
 */
const UNIT_OF: [RowInfo["level"], string][] = [
  ["indikator", "indikator"],
  ["subkegiatan", "sub kegiatan"],
  ["predikat", "kegiatan"],
  ["kegiatan", "kegiatan"],
  ["program", "program"],
];

function allWrites(a: SheetAnalysis): PlannedWrite[] {
  return [...a.plan.writes, ...a.plan.conflicts];
}

function rowsOf(a: SheetAnalysis): Map<string, RowInfo> {
  const m = new Map<string, RowInfo>();
  for (const t of knownTables(a)) for (const r of t.rows) m.set(`${t.sheet}!${r.row}`, r);
  return m;
}

/** The writes at the finest counted level present, and that level's unit word. */
function atFinestLevel(writes: PlannedWrite[], rows: Map<string, RowInfo>): { writes: PlannedWrite[]; unit: string } {
  const byUnit = new Map<string, PlannedWrite[]>();
  for (const w of writes) {
    const r = rows.get(`${w.sheet}!${w.row}`);
    if (!r || /seluruh|keseluruhan/i.test(r.label)) continue;
    const unit = UNIT_OF.find(([lv]) => lv === r.level)?.[1];
    if (!unit) continue;
    const list = byUnit.get(unit) ?? [];
    list.push(w);
    byUnit.set(unit, list);
  }
  // The RKPD form puts a sub kegiatan's first indicator on the sub kegiatan row itself.
  if (byUnit.has("indikator") && byUnit.has("sub kegiatan")) {
    byUnit.set("indikator", [...(byUnit.get("sub kegiatan") ?? []), ...(byUnit.get("indikator") ?? [])]);
  }
  for (const unit of ["indikator", "sub kegiatan", "kegiatan", "program"]) {
    const list = byUnit.get(unit);
    if (list?.length) return { writes: list, unit };
  }
  return { writes: [], unit: "indikator" };
}

export function summarise(analysis: SheetAnalysis): AnalysisSummary {
  const rows = rowsOf(analysis);
  const cap = atFinestLevel(
    onePerRow(allWrites(analysis).filter((w) => CAPAIAN_RULE.test(w.rule) && typeof w.value === "number")),
    rows,
  );
  const pred = atFinestLevel(
    allWrites(analysis).filter((w) => PREDIKAT_RULE.test(w.rule) && typeof w.value === "string" && w.value !== ""),
    rows,
  );
  const counts: Record<string, number> = {};
  for (const p of pred.writes) counts[p.value as string] = (counts[p.value as string] ?? 0) + 1;
  const vals = cap.writes.map((c) => c.value as number);
  return {
    tables: knownTables(analysis).length,
    rowsEvaluated: new Set(cap.writes.map((c) => `${c.sheet}!${c.row}`)).size,
    unit: cap.unit,
    predikatCounts: counts,
    predikatUnit: pred.unit,
    averageCapaian: vals.length > 0 ? vals.reduce((s, x) => s + x, 0) / vals.length : null,
    findings: analysis.findings.length,
    writes: analysis.plan.writes.length,
    conflicts: analysis.plan.conflicts.length,
    belowTarget: cap.writes
      .filter((c) => (c.value as number) < 100)
      .map((c) => ({ label: rows.get(`${c.sheet}!${c.row}`)?.label ?? `baris ${c.row + 1}`, capaian: c.value as number })),
  };
}

function id2(x: number): string {
  return x.toFixed(2).replace(".", ",");
}

/** E.g. "Dari 5 indikator yang dievaluasi, rata-rata capaian 97,00%. Kategori Sangat Tinggi sebanyak 4 indikator, ..." */
export function narrative(analysis: SheetAnalysis): string {
  const s = summarise(analysis);
  if (s.tables === 0) {
    return analysis.tables.length > 0
      ? "Tabel pada lembar ini tidak dikenali jenisnya; tidak ada yang dihitung."
      : "Tidak ditemukan tabel evaluasi pada lembar ini.";
  }
  const parts: string[] = [];
  if (s.rowsEvaluated > 0) {
    parts.push(
      `Dari ${s.rowsEvaluated} ${s.unit} yang dievaluasi, rata-rata capaian ${s.averageCapaian === null ? "-" : id2(s.averageCapaian) + "%"}.`,
    );
  }
  const cats = Object.entries(s.predikatCounts).sort((a, b) => b[1] - a[1]);
  if (cats.length > 0) {
    parts.push(cats.map(([k, n]) => `Kategori ${k} sebanyak ${n} ${s.predikatUnit}`).join(", ") + ".");
  }
  if (s.belowTarget.length > 0) {
    const list = s.belowTarget
      .slice(0, 5)
      .map((b) => `${b.label.trim() || "(tanpa uraian)"} (${id2(b.capaian)}%)`)
      .join("; ");
    const more = s.belowTarget.length > 5 ? ` dan ${s.belowTarget.length - 5} lainnya` : "";
    parts.push(`${s.unit[0].toUpperCase() + s.unit.slice(1)} di bawah target: ${list}${more}.`);
  } else if (s.rowsEvaluated > 0) {
    parts.push(`Semua ${s.unit} mencapai target.`);
  }
  if (s.findings > 0) parts.push(`Pemeriksaan menemukan ${s.findings} angka tercetak yang tidak sesuai dengan hasil hitung ulang.`);
  if (parts.length === 0) parts.push("Belum ada capaian yang dapat dihitung dari tabel ini (target atau realisasi belum terisi).");
  return parts.join(" ");
}

/**
 * Draft texts for the footer rows of an evaluation form ("Faktor pendorong", "Faktor penghambat",
 * "Tindak lanjut"): offered as messages for the user to adapt, never written into the cells.
 */
export function footerDrafts(analysis: SheetAnalysis): string[] {
  const footers = knownTables(analysis).flatMap((t) => t.rows).filter((r) => /pendorong|penghambat|tindak lanjut/i.test(r.label));
  if (footers.length === 0) return [];
  const s = summarise(analysis);
  if (s.rowsEvaluated === 0) return [];
  const met = s.rowsEvaluated - s.belowTarget.length;
  const below = s.belowTarget.slice(0, 5).map((b) => `${b.label.trim() || "(tanpa uraian)"} (${id2(b.capaian)}%)`);
  const drafts: string[] = [];
  if (footers.some((r) => /pendorong/i.test(r.label))) {
    drafts.push(
      `Draf faktor pendorong: ${met} dari ${s.rowsEvaluated} ${s.unit} mencapai atau melampaui target` +
        `${s.averageCapaian === null ? "" : `, dengan rata-rata capaian ${id2(s.averageCapaian)}%`}.`,
    );
  }
  if (footers.some((r) => /penghambat/i.test(r.label))) {
    drafts.push(
      below.length > 0
        ? `Draf faktor penghambat: capaian di bawah target pada ${below.join("; ")}.`
        : `Draf faktor penghambat: tidak ada ${s.unit} di bawah target.`,
    );
  }
  if (footers.some((r) => /tindak lanjut/i.test(r.label)) && below.length > 0) {
    drafts.push(`Draf tindak lanjut: percepatan pelaksanaan dan pemantauan pada ${below.join("; ")} di periode berikutnya.`);
  }
  return drafts;
}
