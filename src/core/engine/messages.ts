/**
 * Engine messages as data: a code with parameters, rendered in Indonesian or English by each front
 * end (CLI, task pane) through the one catalogue below. Self-contained on purpose: the pane's
 * bundle imports this module without the engine.
 *
 * Templates: `{name}` inserts a parameter; a number is written in the language's convention
 * (id 1.234,5; en 1,234.5). `{name:plain}` writes a number without thousands marks (row and column
 * numbers). `{name:.2}` fixes 2 decimals, `{name:.d}` the decimals held in parameter `d` (the
 * printed rounding of a finding, rounded half up). A parameter `name.en` replaces `name` in English
 * (texts the engine knows in both languages, such as a table kind or a list of column names).
 */

export type Lang = "id" | "en";
export type MessageParams = Record<string, string | number>;

export interface Message {
  code: string;
  params: MessageParams;
}

export interface Template {
  id: string;
  en: string;
}

export const CATALOGUE: Readonly<Record<string, Template>> = {
  // Analysis of a sheet (SheetAnalysis.messages).
  "analysis.no-table": {
    id: "Lembar '{sheet}': tidak ditemukan tabel evaluasi.",
    en: "Sheet '{sheet}': no evaluation table found.",
  },
  "analysis.protected": {
    id: "Lembar '{sheet}' terkunci (protected): tidak ada sel yang ditulis. Buka proteksinya di Excel (Tinjau > Buka Proteksi Lembar), lalu jalankan lagi.",
    en: "Sheet '{sheet}' is protected: no cell is written. Unprotect it in Excel (Review > Unprotect Sheet), then run again.",
  },
  "analysis.unknown-table": {
    id: "Lembar '{sheet}': tabel di baris {row:plain} tidak dikenali jenisnya ({missing}); tidak dihitung.",
    en: "Sheet '{sheet}': the kind of the table at row {row:plain} is not recognised ({missing}); nothing is computed.",
  },
  "analysis.table-found": {
    id: "Lembar '{sheet}': ditemukan {shape} di baris {top:plain}-{bottom:plain}.",
    en: "Sheet '{sheet}': {shape} recognised in rows {top:plain}-{bottom:plain}.",
  },
  "analysis.truncated": {
    id: "{count} angka tercetak sesuai hanya bila dipotong (bukan dibulatkan) ke jumlah desimal yang dicetak.",
    en: "{count} printed figure(s) agree only when truncated (not rounded) to the printed decimals.",
  },
  "analysis.findings": {
    id: "{count} angka tercetak tidak sesuai dengan hasil hitung ulang.",
    en: "{count} printed figure(s) do not match the recomputed result.",
  },
  // Footer drafts offered to the user (never written into cells).
  "draft.pendorong": {
    id: "Draf faktor pendorong: {met} dari {total} {unit} mencapai atau melampaui target.",
    en: "Draft supporting factors: {met} of {total} {unit} met or exceeded the target.",
  },
  "draft.pendorong-rata": {
    id: "Draf faktor pendorong: {met} dari {total} {unit} mencapai atau melampaui target, dengan rata-rata capaian {average:.2}%.",
    en: "Draft supporting factors: {met} of {total} {unit} met or exceeded the target, with an average achievement of {average:.2}%.",
  },
  "draft.penghambat": {
    id: "Draf faktor penghambat: capaian di bawah target pada {list}.",
    en: "Draft inhibiting factors: achievement below target for {list}.",
  },
  "draft.penghambat-tidak-ada": {
    id: "Draf faktor penghambat: tidak ada {unit} di bawah target.",
    en: "Draft inhibiting factors: no {unit} below target.",
  },
  "draft.tindak-lanjut": {
    id: "Draf tindak lanjut: percepatan pelaksanaan dan pemantauan pada {list} di periode berikutnya.",
    en: "Draft follow-up: faster implementation and closer monitoring of {list} in the next period.",
  },
  // Plan notes (WritePlan.notes) and cell notes (PlannedWrite.note).
  "plan.text-inputs": {
    id: "{count} sel ditulis sebagai nilai (bukan rumus) karena masukannya berupa teks; lihat catatan tiap sel.",
    en: "{count} cell(s) written as values (not formulas) because their inputs are text; see each cell's note.",
  },
  "plan.conflicts": {
    id: "{count} sel sudah berisi nilai berbeda dan tidak ditimpa. Aktifkan 'timpa' untuk menggantinya.",
    en: "{count} cell(s) already hold a different value and are not overwritten. Turn on 'overwrite' to replace them.",
  },
  "note.text-input": {
    id: "Masukan berupa teks: {inputs}. Rumus tidak dapat menghitung teks, jadi nilainya ditulis sebagai angka. Ubah sel tersebut menjadi angka agar rumus dapat dipakai.",
    en: "Inputs are text: {inputs}. A formula cannot compute on text, so the value is written as a number. Change those cells to numbers so that a formula can be used.",
  },
  "note.ambiguous-number": {
    id: "{address}: '{text}' ambigu (ribuan atau desimal?) dan angka lain di lembar ini tidak menentukannya; sel ini tidak dipakai. Tulis sebagai angka, atau dengan desimal yang jelas (mis. 1.020,0).",
    en: "{address}: '{text}' is ambiguous (thousands or decimals?) and no other number on this sheet settles it; the cell is not used. Enter it as a number, or with clear decimals (e.g. 1.020,0).",
  },
  "note.disputed-input": {
    id: "{address} tidak diisi: masukannya {input} tidak sesuai dengan rumus kolomnya (lihat temuan audit).",
    en: "{address} left empty: its input {input} disagrees with its column's formula (see the audit findings).",
  },
  "note.merged": {
    id: "{address} tidak diisi: sel gabungan (merge).",
    en: "{address} left empty: merged cell.",
  },
  "note.arah-inverse-auto": {
    id: "Baris {row:plain} ('{label}') dihitung dengan arah inverse (semakin rendah semakin baik) berdasarkan kata-katanya.",
    en: "Row {row:plain} ('{label}') is computed as inverse (lower is better) from its wording.",
  },
  "note.arah-inverse-suggested": {
    id: "Baris {row:plain} ('{label}') tampaknya indikator 'semakin rendah semakin baik'; dihitung sebagai normal. Isi kolom arah dengan 'inverse' atau pilih arah otomatis bila sesuai.",
    en: "Row {row:plain} ('{label}') looks like a 'lower is better' indicator; it is computed as normal. Enter 'inverse' in the direction column, or choose automatic direction if that fits.",
  },
  "note.quarter-last-suggested": {
    id: "Baris {row:plain} ('{label}'): realisasi dihitung sebagai jumlah triwulan; menurut kata indikatornya mungkin triwulan terakhir (pilih jenis triwulan 'akhir' bila triwulannya melaporkan keadaan, bukan tambahan).",
    en: "Row {row:plain} ('{label}'): the realisation is computed as the sum of the quarters; its wording suggests the last quarter (choose quarter type 'last' if the quarters report a state, not an increase).",
  },
  "analysis.not-rated": {
    id: "Lembar '{sheet}': {count:plain} baris tidak dihitung dalam ringkasan (mis. {address}): target atau rencananya 0 atau bukan angka, sehingga capaiannya tidak terdefinisi; angka yang tercetak di sana tidak dinilai.",
    en: "Sheet '{sheet}': {count:plain} row(s) not counted in the summary (e.g. {address}): their target or plan is 0 or not a number, so there is no achievement to compute; the figure printed there is not rated.",
  },
  "note.period-pairs": {
    id: "Tabel '{sheet}': {count:plain} pasang kolom target dan realisasi per periode ({first} … {last}) tanpa kolom capaian; capaian tidak dihitung, karena tidak jelas periode mana yang dinilai.",
    en: "Table '{sheet}': {count:plain} pairs of target and realisation columns by period ({first} … {last}) and no achievement column; the achievement is not computed, as it is not clear which period is evaluated.",
  },
  "note.no-target-realisasi-pair": {
    id: "Tabel '{sheet}': tidak ada pasangan kolom target dan realisasi tahun yang sama; capaian tidak dihitung.",
    en: "Table '{sheet}': no target and realisation columns of the same year; the achievement is not computed.",
  },
  "note.kemajuan-inputs-missing": {
    id: "Tabel '{sheet}': kolom kemajuan tanpa kolom realisasi dan target akhir Renstra di kirinya; kemajuan tidak dihitung.",
    en: "Table '{sheet}': progress column without realisation and final Renstra target columns to its left; progress is not computed.",
  },
  "note.efisiensi-inputs-missing": {
    id: "Tabel '{sheet}': tidak ada pasangan kolom anggaran dan realisasi anggaran; serapan dan efisiensi tidak dihitung.",
    en: "Table '{sheet}': no budget and budget realisation columns; absorption and efficiency are not computed.",
  },
  "note.e81-footer-by-user": {
    id: "Baris faktor pendorong, faktor penghambat dan tindak lanjut diisi oleh pengguna.",
    en: "The supporting factor, inhibiting factor and follow-up rows are filled in by the user.",
  },
  "note.deviasi-not-stated": {
    id: "Tabel '{sheet}': kolom '{header}' (kolom {letter}) berisi deviasi dan tidak dihitung, karena lembar tidak menyatakan rumusnya.",
    en: "Table '{sheet}': column '{header}' (column {letter}) holds a deviation and is not computed, because the sheet does not state its formula.",
  },
  "note.capaian-keuangan-inputs-missing": {
    id: "Tabel '{sheet}': kolom '{header}' (kolom {letter}) (capaian keuangan) tidak diisi: tidak ada kolom {missing}.",
    en: "Table '{sheet}': column '{header}' (column {letter}) (financial achievement) left empty: no {missing} column.",
  },
  "note.capaian-fisik-inputs-missing": {
    id: "Tabel '{sheet}': kolom '{header}' (kolom {letter}) (capaian fisik) tidak diisi: tidak ada kolom {missing}.",
    en: "Table '{sheet}': column '{header}' (column {letter}) (physical achievement) left empty: no {missing} column.",
  },
  "note.rata-rata-inputs-missing": {
    id: "Tabel '{sheet}': kolom '{header}' (kolom {letter}) (rata-rata capaian) tidak diisi: tidak ada kolom {missing} di kirinya.",
    en: "Table '{sheet}': column '{header}' (column {letter}) (mean achievement) left empty: no {missing} column to its left.",
  },
  "note.persen-inputs-missing": {
    id: "Tabel '{sheet}': kolom '{header}' (kolom {letter}) tidak diisi: tidak ada kolom {missing}.",
    en: "Table '{sheet}': column '{header}' (column {letter}) left empty: no {missing} column.",
  },
  "note.no-capaian-columns": {
    id: "Tabel '{sheet}': tidak ada kolom capaian keuangan atau capaian fisik; tidak ada yang dihitung.",
    en: "Table '{sheet}': no financial or physical achievement column; nothing is computed.",
  },
  "note.kategori-source-unclear": {
    id: "Tabel '{sheet}': kolom '{header}' (kolom {letter}) (kategori) tidak diisi: tidak jelas capaian mana yang dinilai (tidak ada kolom rata-rata capaian).",
    en: "Table '{sheet}': column '{header}' (column {letter}) (category) left empty: it is unclear which achievement is rated (no mean achievement column).",
  },
  "note.kategori-holds-numbers": {
    id: "Kolom '{header}' berisi angka, bukan label predikat; label tidak ditulis ke kolom itu.",
    en: "Column '{header}' holds numbers, not rating labels; no label is written into it.",
  },
  "note.stated-unparsed": {
    id: "Kolom {column} tidak diisi: rumusnya '{formula}' tidak dipahami.",
    en: "Column {column} left empty: its formula '{formula}' is not understood.",
  },
  "note.stated-pct-undefined": {
    id: "Kolom {column} ('{header}') tidak diisi: arti sub-kolom % untuk rumus '{formula}' tidak dinyatakan.",
    en: "Column {column} ('{header}') left empty: the meaning of the % sub-column for the formula '{formula}' is not stated.",
  },
  "note.stated-text-column": {
    id: "Kolom {column} ('{header}') tidak diisi: kolom teks, padahal baris nomor kolom menyatakan rumus '{formula}'.",
    en: "Column {column} ('{header}') left empty: a text column, although the column-number row states the formula '{formula}'.",
  },
  "note.stated-operand-missing": {
    id: "Kolom {column} ('{header}') tidak diisi: rumus '{formula}' memakai kolom {operand:plain}, yang tidak punya satu kolom nilai.",
    en: "Column {column} ('{header}') left empty: the formula '{formula}' uses column {operand:plain}, which has no single value column.",
  },
  "note.stated-operand-sub-missing": {
    id: "Kolom {column} ('{header}') tidak diisi: rumus '{formula}' memakai kolom {operand:plain}, yang tidak punya sub-kolom {sub}.",
    en: "Column {column} ('{header}') left empty: the formula '{formula}' uses column {operand:plain}, which has no {sub} sub-column.",
  },
  "note.stated-ratio-of-percent": {
    id: "Kolom {column} ('{header}') tidak diisi: rumusnya ({formula}) membagi kolom {divided}, yang sudah berupa persentase capaian; periksa baris nomor kolom formulir.",
    en: "Column {column} ('{header}') left empty: its formula ({formula}) divides column {divided}, which is already an achievement percentage; check the form's column-number row.",
  },
  "note.quarter-target-missing": {
    id: "Kolom '{header}' tidak diisi: tidak ditemukan kolom target {sub} sebelum realisasi triwulan.",
    en: "Column '{header}' left empty: no {sub} target column found before the quarterly realisation.",
  },
  "note.stated-blank-inputs": {
    id: "Kolom {column} tidak diisi pada {count} baris: kolom {inputs} kosong ({formula}).",
    en: "Column {column} left empty on {count} row(s): column(s) {inputs} empty ({formula}).",
  },
  "note.stated-blank-inputs-sum": {
    id: "Kolom {column} tidak diisi pada {count} baris: kolom {inputs} kosong, dan sel kosong tidak dianggap nol ({formula}).",
    en: "Column {column} left empty on {count} row(s): column(s) {inputs} empty, and an empty cell is not taken as zero ({formula}).",
  },
  // Audit findings (Finding.code). English keeps the printed rounding and names the rule.
  "finding.value": {
    id: "{address}: tercetak {printed:.decimals}, hasil hitung {expected:.decimals} ({description}).",
    en: "{address}: printed {printed:.decimals}, recomputed {expected:.decimals} (rule {rule}).",
  },
  "finding.value-negative": {
    id: "{address}: tercetak {printed:.decimals}, hasil hitung {expected:.decimals} ({description}). Persentase negatif tidak bermakna untuk capaian/realisasi.",
    en: "{address}: printed {printed:.decimals}, recomputed {expected:.decimals} (rule {rule}). A negative percentage is meaningless for an achievement or realisation.",
  },
  "finding.label-unknown": {
    id: "{address}: label '{label}' tidak ada dalam skala {scale}; menurut skala seharusnya '{expected}' ({description}).",
    en: "{address}: label '{label}' is not on the {scale} scale; expected '{expected}' (rule {rule}).",
  },
  "finding.label-contradicts": {
    id: "{address}: label '{label}' bertentangan dengan skala; seharusnya '{expected}' ({description}).",
    en: "{address}: label '{label}' contradicts the {scale} scale; expected '{expected}' (rule {rule}).",
  },
  "finding.predikat-from-empty": {
    id: "{address}: predikat '{label}' dihitung dari {source}, yang kosong; Excel membandingkan teks/kosong dengan angka sehingga labelnya tidak bermakna.",
    en: "{address}: rating '{label}' computed from the empty cell {source}; Excel compares text or blanks with numbers, so the label means nothing.",
  },
  "finding.constant-added": {
    id: "{address}: rumus ={formula} menambahkan konstanta {constant} pada hasil hitung; angka tercetak tidak lagi sama dengan sumbernya.",
    en: "{address}: the formula ={formula} adds a constant {constant} to the computed value; the printed figure no longer equals its source.",
  },
  "finding.constant-subtracted": {
    id: "{address}: rumus ={formula} mengurangkan konstanta {constant} pada hasil hitung; angka tercetak tidak lagi sama dengan sumbernya.",
    en: "{address}: the formula ={formula} subtracts a constant {constant} from the computed value; the printed figure no longer equals its source.",
  },
  "finding.error-cell": {
    id: "{address}: berisi galat {error}.",
    en: "{address}: holds the error {error}.",
  },
  "finding.error-cell-formula": {
    id: "{address}: berisi galat {error} (rumus ={formula}).",
    en: "{address}: holds the error {error} (formula ={formula}).",
  },
  "finding.error-run": {
    id: "{address}:{last} ({count} sel): berisi galat {error}.",
    en: "{address}:{last} ({count} cells): hold the error {error}.",
  },
  "finding.error-run-formula": {
    id: "{address}:{last} ({count} sel): berisi galat {error} (rumus ={formula}, dst.).",
    en: "{address}:{last} ({count} cells): hold the error {error} (formula ={formula}, and so on).",
  },
  "finding.partial-sum": {
    id: "{address}: menjumlahkan baris {from:plain}-{to:plain} saja, sedangkan jumlah lain di baris ini mencakup baris {commonFrom:plain}-{commonTo:plain}.",
    en: "{address}: sums rows {from:plain}-{to:plain} only; the row's other totals cover rows {commonFrom:plain}-{commonTo:plain}.",
  },
  // The narrative of the evaluation sheet and the pane's summary.
  "narrative.unknown-tables": {
    id: "Tabel pada lembar ini tidak dikenali jenisnya; tidak ada yang dihitung.",
    en: "The kind of the tables on this sheet is not recognised; nothing is computed.",
  },
  "narrative.no-table": {
    id: "Tidak ditemukan tabel evaluasi pada lembar ini.",
    en: "No evaluation table found on this sheet.",
  },
  "narrative.evaluated": {
    id: "Dari {count} {unit} yang dievaluasi{where}, rata-rata capaian {average}{cap}.",
    en: "Of {count} {unit} evaluated{where}, the average achievement is {average}{cap}.",
  },
  "narrative.not-rated": {
    id: "{count} baris lain tidak dinilai, karena target atau rencananya 0 atau bukan angka.",
    en: "{count} other row(s) are not rated, as their target or plan is 0 or not a number.",
  },
  "narrative.per-level": {
    id: "{count} pada baris {level}",
    en: "{count} on {level} rows",
  },
  "narrative.cap": {
    id: " (capaian di atas {batas:.2}% dihitung {batas:.2}%)",
    en: " (achievement above {batas:.2}% counted as {batas:.2}%)",
  },
  "narrative.category": {
    id: "Kategori {label} sebanyak {count} {unit}",
    en: "{label}: {count} {unit}",
  },
  "narrative.form-kegiatan": {
    id: "Predikat kinerja kegiatan pada tabel: {list}.",
    en: "Activity performance ratings in the table: {list}.",
  },
  "narrative.form-kegiatan-count": {
    id: "{label} sebanyak {count} kegiatan",
    en: "{label}: {count} activities",
  },
  "narrative.form-rata": {
    id: "Predikat rata-rata capaian pada tabel: {list}.",
    en: "Mean achievement ratings in the table: {list}.",
  },
  "narrative.below-target": {
    id: "{unit} di bawah target: {list}{more}.",
    en: "{unit} below target: {list}{more}.",
  },
  "narrative.below-more": {
    id: " dan {count} lainnya",
    en: " and {count} more",
  },
  "narrative.all-met": {
    id: "Semua {unit} mencapai target.",
    en: "All {unit} met the target.",
  },
  "narrative.findings": {
    id: "Pemeriksaan menemukan {count} angka tercetak yang tidak sesuai dengan hasil hitung ulang.",
    en: "The audit found {count} printed figure(s) that do not match the recomputed result.",
  },
  "narrative.nothing-computable": {
    id: "Belum ada capaian yang dapat dihitung dari tabel ini (target atau realisasi belum terisi).",
    en: "No achievement can be computed from this table yet (target or realisation not filled in).",
  },
  "narrative.item": {
    id: "{label} ({capaian:.2}%)",
    en: "{label} ({capaian:.2}%)",
  },
  "narrative.no-label": { id: "(tanpa uraian)", en: "(no description)" },
  // Words the engine puts into messages (a table's unit, a row level), as `{unit}` parameters:
  // the plural, and '.one' for one item or a row level ("programme rows").
  "word.indikator": { id: "indikator", en: "indicators" },
  "word.indikator.one": { id: "indikator", en: "indicator" },
  "word.sasaran": { id: "sasaran", en: "objectives" },
  "word.sasaran.one": { id: "sasaran", en: "objective" },
  "word.program": { id: "program", en: "programmes" },
  "word.program.one": { id: "program", en: "programme" },
  "word.kegiatan": { id: "kegiatan", en: "activities" },
  "word.kegiatan.one": { id: "kegiatan", en: "activity" },
  "word.subkegiatan": { id: "sub kegiatan", en: "sub-activities" },
  "word.subkegiatan.one": { id: "sub kegiatan", en: "sub-activity" },
  "word.kelompok": { id: "kelompok", en: "groups" },
  "word.kelompok.one": { id: "kelompok", en: "group" },
};

/**
 * Codes of the messages that say what was left uncomputed or unwritten, and why. Front ends show
 * them together ("Tidak diisi, dengan alasannya"), so that no empty column goes unexplained; a test
 * keeps this list in step with the catalogue's wording.
 */
export const OMISSION_CODES: ReadonlySet<string> = new Set([
  "analysis.protected",
  "analysis.unknown-table",
  "analysis.not-rated",
  "note.ambiguous-number",
  "note.disputed-input",
  "note.merged",
  "note.no-target-realisasi-pair",
  "note.period-pairs",
  "note.kemajuan-inputs-missing",
  "note.efisiensi-inputs-missing",
  "note.e81-footer-by-user",
  "note.deviasi-not-stated",
  "note.capaian-keuangan-inputs-missing",
  "note.capaian-fisik-inputs-missing",
  "note.rata-rata-inputs-missing",
  "note.persen-inputs-missing",
  "note.no-capaian-columns",
  "note.kategori-source-unclear",
  "note.kategori-holds-numbers",
  "note.stated-unparsed",
  "note.stated-pct-undefined",
  "note.stated-text-column",
  "note.stated-operand-missing",
  "note.stated-operand-sub-missing",
  "note.stated-ratio-of-percent",
  "note.quarter-target-missing",
  "note.stated-blank-inputs",
  "note.stated-blank-inputs-sum",
]);

/** Does this message say that something was left uncomputed or unwritten (and why)? */
export function isOmission(m: Pick<Message, "code">): boolean {
  return OMISSION_CODES.has(m.code);
}

export function msg(code: string, params: MessageParams = {}): Message {
  return { code, params };
}

/** One key per distinct message (code and parameters), to drop repeats. */
export function messageKey(m: Message): string {
  return m.code + "\u0000" + JSON.stringify(m.params);
}

/** Appends m unless an equal message is already there (a short list: a linear scan). */
export function pushUnique(list: Message[], m: Message): void {
  const k = messageKey(m);
  if (!list.some((x) => x.code === m.code && messageKey(x) === k)) list.push(m);
}

/** Appends the messages not seen yet; `seen` holds the keys of what `list` already has. */
export function appendUnique(list: Message[], items: Message[], seen: Set<string>): void {
  for (const m of items) {
    const k = messageKey(m);
    if (seen.has(k)) continue;
    seen.add(k);
    list.push(m);
  }
}

/** Half-up rounding to d decimals, the rounding the audit compares prints with (compare.ts). */
function roundHalfUp(x: number, d: number): number {
  const f = 10 ** d;
  const y = Math.abs(x) * f;
  const r = Math.floor(y + 0.5 + 1e-12 * Math.max(1, y));
  return (Math.sign(x) * r) / f;
}

/**
 * x in the language's convention: 1234567.891 -> '1.234.567,89' (id) or '1,234,567.89' (en) with
 * d = 2. Without d, the decimals the number has (at most 10). `grouping` false: no thousands marks.
 */
export function formatNumber(x: number, lang: Lang, d?: number, grouping = true): string {
  if (!Number.isFinite(x)) return String(x);
  let s: string;
  if (d === undefined) {
    s = String(x);
    if (/e/i.test(s)) s = x.toFixed(10).replace(/\.?0+$/, "");
  } else {
    const rounded = roundHalfUp(x, d);
    s = d === 0 && Number.isSafeInteger(rounded) ? String(rounded) : rounded.toFixed(d);
  }
  const en = lang === "en";
  const dot = s.indexOf(".");
  const i = dot < 0 ? s : s.slice(0, dot);
  const neg = i.charCodeAt(0) === 45; // '-'
  const digits = neg ? i.slice(1) : i;
  // Thousands marks by slicing (audits of large sheets render tens of thousands of numbers).
  let grouped = digits;
  if (grouping && digits.length > 3 && !s.includes("e")) {
    const mark = en ? "," : ".";
    const head = digits.length % 3 || 3;
    grouped = digits.slice(0, head);
    for (let k = head; k < digits.length; k += 3) grouped += mark + digits.slice(k, k + 3);
  }
  const f = dot < 0 ? "" : s.slice(dot + 1);
  return (neg ? "-" : "") + grouped + (f ? (en ? "." : ",") + f : "");
}

const PLACEHOLDER_RE = /\{([A-Za-z][\w]*)(?::([^}]+))?\}/g;

/** The parameter names a template uses. */
export function placeholders(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(PLACEHOLDER_RE)) {
    names.add(m[1]);
    const fmt = m[2];
    if (fmt && /^\.[A-Za-z]/.test(fmt)) names.add(fmt.slice(1));
  }
  return [...names];
}

function param(params: MessageParams, name: string, lang: Lang): string | number | undefined {
  if (lang === "en") {
    const en = params[`${name}.en`];
    if (en !== undefined) return en;
  }
  return params[name];
}

function renderValue(
  v: string | number,
  fmt: string | undefined,
  params: MessageParams,
  lang: Lang
): string {
  if (typeof v !== "number") return v;
  if (fmt === "plain") return formatNumber(v, lang, undefined, false);
  if (fmt?.startsWith(".")) {
    const spec = fmt.slice(1);
    const d = /^\d+$/.test(spec) ? Number(spec) : Number(param(params, spec, lang));
    if (Number.isInteger(d) && d >= 0 && d <= 20) return formatNumber(v, lang, d);
  }
  return formatNumber(v, lang);
}

/**
 * The message in the language. An unknown code renders as the code and its parameters, and a
 * missing parameter stays as its placeholder: a message is never lost, and tests can see either.
 */
export function renderMessage(m: Message, lang: Lang): string {
  const parts = compiled(m.code, lang);
  if (!parts) return `${m.code} ${JSON.stringify(m.params)}`;
  let out = "";
  for (const p of parts) {
    if (typeof p === "string") {
      out += p;
      continue;
    }
    const v = param(m.params, p.name, lang);
    out += v === undefined ? p.whole : renderValue(v, p.fmt, m.params, lang);
  }
  return out;
}

type Part = string | { name: string; fmt: string | undefined; whole: string };
const COMPILED = new Map<string, Part[]>();

/** A template split once into text and placeholders (a large audit renders thousands). */
function compiled(code: string, lang: Lang): Part[] | undefined {
  const key = lang + code;
  let parts = COMPILED.get(key);
  if (parts) return parts;
  const t = CATALOGUE[code];
  if (!t) return undefined;
  parts = [];
  let last = 0;
  for (const m of t[lang].matchAll(PLACEHOLDER_RE)) {
    if (m.index > last) parts.push(t[lang].slice(last, m.index));
    parts.push({ name: m[1], fmt: m[2], whole: m[0] });
    last = m.index + m[0].length;
  }
  if (last < t[lang].length) parts.push(t[lang].slice(last));
  COMPILED.set(key, parts);
  return parts;
}

/** A finding's text: its message, then those of further findings on the same cell (`also`). */
export function renderFinding(f: Message & { also?: Message[] }, lang: Lang): string {
  let text = renderMessage(f, lang);
  for (const m of f.also ?? []) text += " " + renderMessage(m, lang).replace(/^[A-Z]+\d+: /, "");
  return text;
}
