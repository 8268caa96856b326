/** Task pane strings: Indonesian first, English when Office's display language starts with 'en'. */
import type { ColumnRole } from "../core/engine/types";
export type Lang = "id" | "en";

const id = {
  appTitle: "Monev - Evaluasi Kinerja",
  loading: "Membaca lembar aktif…",
  analysing: "Menganalisis tabel…",
  stepKenali: "1. Kenali",
  stepSesuaikan: "2. Sesuaikan",
  stepTindakan: "3. Tindakan",
  rescan: "Pindai ulang",
  sheet: "Lembar",
  tableRange: "Rentang tabel",
  tableKind: "Jenis tabel",
  summaryTitle: "Ringkasan",
  columns: "Kolom",
  rowCounts: "Jumlah baris per tingkat",
  noTable:
    "Tidak ditemukan tabel evaluasi di lembar ini. Pastikan tabel memiliki baris judul kolom (Target, Realisasi, …) lalu tekan Pindai ulang.",
  arahTitle: "Arah indikator (lebih rendah lebih baik?)",
  arahHint:
    "Indikator berikut tampaknya 'lebih rendah lebih baik'. Centang untuk memakai rumus invers.",
  arahNone: "Tidak ada indikator yang tampak 'lebih rendah lebih baik'.",
  lowerIsBetter: "Lebih rendah lebih baik",
  findingsTitle: "Temuan audit",
  findingsNone: "Tidak ada angka tercetak yang berbeda dari hasil hitung ulang.",
  findingsMore: "… dan {0} temuan lain.",
  selectCell: "Pilih sel {0}",
  roleFor: "Peran kolom {0}",
  directionFor: "Arah: {0}",
  normal: "Normal (lebih tinggi lebih baik)",
  inverse: "Invers (lebih rendah lebih baik)",
  scale: "Skala predikat",
  scaleCustom: "Skala sendiri dari rentang…",
  scaleRange: "Alamat rentang skala (mis. Skala!A1:C6)",
  scaleRead: "Baca skala",
  scaleLoaded: "Skala dari {0} dipakai ({1} kategori).",
  overwrite: "Timpa sel yang sudah berisi",
  overwriteList: "Sel berisi yang akan ditimpa ({0}):",
  overwriteNone: "Tidak ada sel berisi yang akan ditimpa.",
  fill: "Isi kolom evaluasi",
  fillCount: "{0} sel akan diisi dengan rumus Excel.",
  generate: "Buat lembar evaluasi",
  undo: "Urungkan",
  portable: "Jadikan portabel",
  progress: "Menulis ke Excel…",
  filled: "{0} sel diisi. Tekan Urungkan untuk mengembalikan.",
  undoChanged:
    "{0} sel yang diisi Monev sudah diubah sejak pengisian (mis. {1}). Urungkan akan mengembalikan isi sebelum pengisian dan menghapus perubahan itu. Tekan Urungkan sekali lagi untuk tetap mengurungkan.",
  protectedSheet:
    "Lembar '{0}' diproteksi: Monev tidak dapat menulis. Buka proteksi (Tinjau > Buka Proteksi Lembar) lalu tekan Pindai ulang.",
  generated: "Lembar '{0}' dibuat.",
  undone: "Tindakan terakhir diurungkan.",
  portableDone: "{0} rumus MONEV diganti dengan rumus Excel biasa.",
  portableFailed: "{0} rumus tidak dapat diganti: {1}",
  portableNone: "Tidak ada rumus MONEV di buku kerja.",
  notes: "Catatan",
  error: "Kesalahan",
  dismiss: "Tutup pesan",
  success: "Berhasil",
  tablePick: "Tabel yang dikerjakan",
  tableOption: "Tabel {0}: {1} ({2})",
  tablesFound: "{0} tabel ditemukan di lembar ini.",
  allTables: "Semua tabel (hanya untuk Isi)",
  allTablesSummary:
    "Semua tabel dipilih: ringkasan dan lembar evaluasi dibuat per tabel. Pilih satu tabel untuk melihatnya.",
  batas: "Batas capaian",
  batasNone: "Tanpa batas",
  batasCustom: "Angka lain…",
  batasValue: "Batas (angka, mis. 110)",
  quarterDefault: "Realisasi tahunan dari triwulan",
  quarterSum: "Jumlah triwulan",
  quarterLast: "Triwulan terakhir yang terisi",
  quarterAverage: "Rata-rata triwulan",
  quarterRowsTitle: "Jenis triwulan per baris (saran Monev)",
  quarterRowsHint:
    "Menurut kata indikatornya, baris berikut mungkin melaporkan keadaan (triwulan terakhir), bukan tambahan. Saran tidak dipakai sebelum Anda memilihnya.",
  quarterFor: "Triwulan: {0} (saran: {1})",
  quarterFollow: "Ikuti pilihan umum",
  signatureTitle: "Tanda tangan lembar evaluasi (opsional)",
  signaturePlace: "Tempat",
  signatureDate: "Tanggal",
  signaturePosition: "Jabatan",
  signatureName: "Nama",
  signatureNip: "NIP",
  level: {
    title: "judul",
    header: "judul kolom",
    "column-numbers": "nomor kolom",
    total: "total",
    group: "kelompok",
    urusan: "urusan",
    program: "program",
    kegiatan: "kegiatan",
    subkegiatan: "sub kegiatan",
    sasaran: "sasaran",
    indikator: "indikator",
    "rata-rata": "rata-rata",
    predikat: "predikat",
    jumlah: "jumlah",
    footer: "kaki",
    blank: "kosong",
  } as Record<string, string>,
  role: {
    no: "nomor",
    kode: "kode",
    uraian: "uraian (program/kegiatan)",
    sasaran: "sasaran",
    indikator: "indikator",
    satuan: "satuan",
    arah: "arah (normal/invers)",
    target: "target",
    "target-k": "target kinerja (K)",
    "target-rp": "target anggaran (Rp)",
    anggaran: "anggaran/pagu",
    realisasi: "realisasi",
    "realisasi-k": "realisasi kinerja (K)",
    "realisasi-rp": "realisasi anggaran (Rp)",
    "realisasi-tw-k": "realisasi triwulan (K)",
    "realisasi-tw-rp": "realisasi triwulan (Rp)",
    "realisasi-total-k": "jumlah realisasi (K)",
    "realisasi-total-rp": "jumlah realisasi (Rp)",
    capaian: "capaian (%)",
    "capaian-k": "capaian kinerja (K, %)",
    "capaian-rp": "capaian anggaran (Rp, %)",
    predikat: "predikat/kategori",
    serapan: "serapan (%)",
    bobot: "bobot (%)",
    fisik: "realisasi fisik (%)",
    keuangan: "realisasi keuangan",
    efisiensi: "efisiensi (Rp)",
    kemajuan: "kemajuan (%)",
    "target-renstra": "target akhir Renstra",
    keterangan: "keterangan / penanggung jawab (tidak dihitung)",
    "rata-rata": "rata-rata capaian (%)",
    deviasi: "deviasi (tidak dihitung)",
    kriteria: "kriteria (teks, tidak dihitung)",
    other: "lainnya (diabaikan)",
  } as Record<ColumnRole, string>,
  automatic: "otomatis",
};

export type Strings = typeof id;

const en: Strings = {
  appTitle: "Monev - Performance evaluation",
  loading: "Reading the active sheet…",
  analysing: "Analysing the table…",
  stepKenali: "1. Detect",
  stepSesuaikan: "2. Adjust",
  stepTindakan: "3. Actions",
  rescan: "Rescan",
  sheet: "Sheet",
  tableRange: "Table range",
  tableKind: "Table kind",
  summaryTitle: "Summary (report text, in Indonesian)",
  columns: "Columns",
  rowCounts: "Rows per level",
  noTable:
    "No evaluation table was found on this sheet. Make sure it has a header row (Target, Realisasi, …) and press Rescan.",
  arahTitle: "Indicator direction (lower is better?)",
  arahHint: "These indicators look 'lower is better'. Tick to use the inverse formula.",
  arahNone: "No indicator looks 'lower is better'.",
  lowerIsBetter: "Lower is better",
  findingsTitle: "Audit findings",
  findingsNone: "Every printed number matches the recomputation.",
  findingsMore: "… and {0} more findings.",
  selectCell: "Select cell {0}",
  roleFor: "Role of column {0}",
  directionFor: "Direction: {0}",
  normal: "Normal (higher is better)",
  inverse: "Inverse (lower is better)",
  scale: "Rating scale",
  scaleCustom: "Own scale from a range…",
  scaleRange: "Scale range address (e.g. Scale!A1:C6)",
  scaleRead: "Read scale",
  scaleLoaded: "Scale from {0} in use ({1} categories).",
  overwrite: "Overwrite cells that have content",
  overwriteList: "Cells with content that would be overwritten ({0}):",
  overwriteNone: "No cell with content would be overwritten.",
  fill: "Fill evaluation columns",
  fillCount: "{0} cells will be filled with Excel formulas.",
  generate: "Create evaluation sheet",
  undo: "Undo",
  portable: "Make portable",
  progress: "Writing to Excel…",
  filled: "{0} cells filled. Press Undo to restore.",
  generated: "Sheet '{0}' created.",
  undone: "The last action was undone.",
  undoChanged:
    "{0} cells Monev filled were changed since (e.g. {1}). Undo puts back what was there before the fill and loses those changes. Press Undo again to undo anyway.",
  protectedSheet:
    "Sheet '{0}' is protected: Monev cannot write to it. Unprotect it (Review > Unprotect Sheet), then press Rescan.",
  portableDone: "{0} MONEV formulas replaced by plain Excel formulas.",
  portableFailed: "{0} formulas could not be replaced: {1}",
  portableNone: "No MONEV formula in the workbook.",
  notes: "Notes",
  error: "Error",
  dismiss: "Dismiss message",
  success: "Done",
  tablePick: "Table to work on",
  tableOption: "Table {0}: {1} ({2})",
  tablesFound: "{0} tables found on this sheet.",
  allTables: "All tables (Fill only)",
  allTablesSummary:
    "All tables selected: the summary and the evaluation sheet are made per table. Pick one table to see them.",
  batas: "Achievement cap",
  batasNone: "No cap",
  batasCustom: "Other number…",
  batasValue: "Cap (a number, e.g. 110)",
  quarterDefault: "Year realisation from quarters",
  quarterSum: "Sum of the quarters",
  quarterLast: "Last quarter filled in",
  quarterAverage: "Average of the quarters",
  quarterRowsTitle: "Quarter type per row (Monev's suggestion)",
  quarterRowsHint:
    "From their wording, these rows may report a state (last quarter) rather than additions. A suggestion is not used until you choose it.",
  quarterFor: "Quarters: {0} (suggested: {1})",
  quarterFollow: "Follow the general choice",
  signatureTitle: "Signature on the evaluation sheet (optional)",
  signaturePlace: "Place",
  signatureDate: "Date",
  signaturePosition: "Position",
  signatureName: "Name",
  signatureNip: "NIP (employee number)",
  level: {
    title: "title",
    header: "header",
    "column-numbers": "column numbers",
    total: "total",
    group: "group",
    urusan: "affair",
    program: "program",
    kegiatan: "activity",
    subkegiatan: "sub-activity",
    sasaran: "objective",
    indikator: "indicator",
    "rata-rata": "average",
    predikat: "rating",
    jumlah: "sum",
    footer: "footer",
    blank: "blank",
  },
  role: {
    no: "number",
    kode: "code",
    uraian: "description (program/activity)",
    sasaran: "objective",
    indikator: "indicator",
    satuan: "unit",
    arah: "direction (normal/inverse)",
    target: "target",
    "target-k": "performance target (K)",
    "target-rp": "budget target (Rp)",
    anggaran: "budget",
    realisasi: "realisation",
    "realisasi-k": "performance realisation (K)",
    "realisasi-rp": "budget realisation (Rp)",
    "realisasi-tw-k": "quarterly realisation (K)",
    "realisasi-tw-rp": "quarterly realisation (Rp)",
    "realisasi-total-k": "total realisation (K)",
    "realisasi-total-rp": "total realisation (Rp)",
    capaian: "achievement (%)",
    "capaian-k": "performance achievement (K, %)",
    "capaian-rp": "budget achievement (Rp, %)",
    predikat: "rating",
    serapan: "absorption (%)",
    bobot: "weight (%)",
    fisik: "physical progress (%)",
    keuangan: "financial realisation",
    efisiensi: "efficiency (Rp)",
    kemajuan: "progress (%)",
    "target-renstra": "Renstra end target",
    keterangan: "remarks / responsible unit (not computed)",
    "rata-rata": "mean achievement (%)",
    deviasi: "deviation (not computed)",
    kriteria: "criteria (text, not computed)",
    other: "other (ignored)",
  },
  automatic: "automatic",
};

export const STRINGS: Record<Lang, Strings> = { id, en };

/** 'en' when Office's display language starts with 'en', otherwise 'id'. */
export function detectLang(displayLanguage?: string | null): Lang {
  return typeof displayLanguage === "string" && displayLanguage.toLowerCase().startsWith("en")
    ? "en"
    : "id";
}

/** Office's display language, when Office is loaded. */
export function officeLang(): Lang {
  try {
    return detectLang(typeof Office !== "undefined" ? Office.context?.displayLanguage : undefined);
  } catch {
    return "id";
  }
}

/** Replace {0}, {1}, … by the arguments. */
let numberLocale = "id-ID";

/** Numbers in messages follow the pane's language: "51.621 sel" (id-ID), "51,621 cells" (en-US). */
export function setNumberLocale(lang: Lang): void {
  numberLocale = lang === "en" ? "en-US" : "id-ID";
}

export function formatNumber(n: number): string {
  return n.toLocaleString(numberLocale, { maximumFractionDigits: 2 });
}

export function fmt(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => {
    const a = args[Number(i)];
    return a === undefined ? m : typeof a === "number" ? formatNumber(a) : a;
  });
}
