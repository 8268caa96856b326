/**
 * Random Permendagri 86/2017 evaluation forms (RKPD evaluation form and Renja form E.81), each
 * with its own oracle, for test/engine/layout-property.test.ts.
 *
 * A form is described by a `LayoutSpec` (plain data drawn by `layoutSpecArb`, so fast-check can
 * shrink it) and turned into a SheetGrid by `buildLayout`, which also records:
 * - every printed column (number, caption, sub-columns K / % / Rp / satuan, stated formula);
 * - the role of every cell (title, header, input, text, computed, ...);
 * - the oracle: for every cell the engine may fill, the values it may hold.
 *
 * Oracle (data rows; K and Rp are never mixed):
 * - realisation total = sum of the four quarters (blank = 0); nothing when all quarters are blank;
 * - capaian = total / this year's target x 100; blank when the target is 0, blank or "-", or
 *   the total is blank;
 * - RPJMD/Renstra cumulative = realisation up to last year + total; a blank realisation up to last
 *   year accepts nothing or 0; when the total is blank, either nothing or the realisation up to last year;
 * - its capaian = cumulative / RPJMD target x 100 (blank under the same conditions as capaian);
 * - a '%' sub-column of a computed group: nothing.
 * Rata-rata rows (one per program): nothing, or in each capaian cell (K and Rp, as the Sukabumi form
 * does) the mean of that capaian over all the program's data rows that have one (the cumulative-capaian
 * cells likewise). Predikat rows:
 * nothing, or the Permendagri 86 label of that mean (Sangat Tinggi > 90, Tinggi > 75, Sedang > 65,
 * Rendah > 50, else Sangat Rendah; or the codes ST/T/S/R/SR) in the same cells.
 * Everything else must not be written.
 */
import fc from "fast-check";
import { cellAddress, columnLetter } from "../../src/core/engine/address";
import type { CellValue } from "../../src/core/errors";
import type { MergedArea, SheetCell, SheetGrid } from "../../src/core/engine/types";

// ---------------------------------------------------------------- spec (what is drawn)

/** An input cell: a number, blank ("") or a dash. */
export type Input = number | "" | "-";

export interface KRpInput {
  k: Input;
  rp: Input;
  /** Value of the '%' sub-column, when the group has one. */
  pct: Input;
}

export type QuarterKind = "q1" | "q2" | "q3" | "q4";
export type InputKind = "rpjmd" | "prev" | "target" | QuarterKind;
export type ComputedKind = "total" | "capaian" | "cumulative" | "cumcap";
export type GroupKind = InputKind | ComputedKind;
export type SimpleKind =
  "extra" | "no" | "kode" | "uraian" | "indikator" | "satuan" | "pj" | "keterangan";
/** Groups that may carry a '%' or a satuan sub-column ("quarters" stands for all four). */
export type SubGroup = "rpjmd" | "prev" | "target" | "quarters" | "total" | "cumulative";

export interface IndicatorSpec {
  values: Record<InputKind, KRpInput>;
  keterangan: boolean;
}

export interface KegiatanSpec {
  indicators: IndicatorSpec[];
}

export interface ProgramSpec {
  /** Indicators of the program itself: the first on the program row, the others below it. */
  indicators: IndicatorSpec[];
  kegiatan: KegiatanSpec[];
}

export interface FormulaSpelling {
  times: "x" | "×" | "*" | "X";
  div: "/" | ":";
  /** none: "13=12/7x100"; eq: "13 = 12/7x100"; all: "13 = 12 / 7 x 100". */
  spacing: "none" | "eq" | "all";
  /** "(13)=(12)/(7)x100". */
  parens: boolean;
  /** "x100%". */
  percent: boolean;
}

export interface LayoutSpec {
  form: "rkpd" | "renja";
  titleRows: number;
  titleMerged: boolean;
  blankRowAfterTitle: boolean;
  /** Extra leading columns: "" = entirely empty (not numbered), else their caption. */
  extraColumns: string[];
  codeStyle: "dotted" | "spaced" | "split";
  /** Code depth of the rows under a program: 5 = kegiatan, 6 = sub kegiatan. */
  leafDepth: 5 | 6;
  hasSatuan: boolean;
  /** RPJMD/Renstra target and realisation up to last year. */
  hasRenstra: boolean;
  /** RPJMD/Renstra cumulative realisation and its capaian (needs hasRenstra). */
  hasCumulative: boolean;
  /** Groups with a '%' sub-column between K and Rp. */
  pctGroups: SubGroup[];
  /** Groups whose "K" is merged over two columns, the second holding the satuan text. */
  satuanPairGroups: SubGroup[];
  krRowBelowNumbers: boolean;
  numberRow: "formulas" | "plain" | "none";
  numberParens: boolean;
  numberMerged: boolean;
  spelling: FormulaSpelling;
  /** Synonym choice per caption (index modulo the number of synonyms). */
  wording: number[];
  captionStyle: "merged" | "first" | "repeated";
  verticalMerge: boolean;
  noStyle: "index" | "nested";
  pjMerge: "program" | "kegiatan";
  summary: "none" | "rata" | "rata+predikat";
  summaryLabelMerged: boolean;
  programs: ProgramSpec[];
}

// ---------------------------------------------------------------- wordings

type CaptionKind = SimpleKind | GroupKind | "quarters";

/** Synonymous captions: the form's own wordings (rkpd or renja) followed by the generic ones. */
const CAPTIONS: Record<CaptionKind, { any: string[]; rkpd?: string[]; renja?: string[] }> = {
  extra: { any: [""] },
  no: { any: ["No", "No.", "NO"] },
  kode: { any: ["Kode", "KODE", "Kode Rekening"] },
  uraian: {
    any: ["Urusan/Program/Kegiatan", "Program/ Kegiatan/ Sub Kegiatan"],
    rkpd: ["Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan"],
    renja: ["Program/ Kegiatan"],
  },
  indikator: {
    any: [
      "Indikator Kinerja Program (outcome)/ Kegiatan (output)",
      "Indikator Kinerja",
      "Indikator",
    ],
  },
  satuan: { any: ["Satuan", "Satuan Indikator"] },
  rpjmd: {
    any: ["Target Renstra Akhir Periode"],
    rkpd: ["Target RPJMD Kabupaten/Kota pada Tahun 2026 (Akhir Periode RPJMD)"],
    renja: ["Target Kinerja Capaian Program (Renstra Perangkat Daerah) Tahun 2026"],
  },
  prev: {
    any: ["Realisasi s.d. Tahun Lalu"],
    rkpd: ["Realisasi Capaian Kinerja RPJMD Kabupaten/Kota sampai dengan RKPD Tahun Lalu (2023)"],
    renja: [
      "Realisasi Capaian Kinerja Renstra Perangkat Daerah sampai dengan Renja Perangkat Daerah Tahun Lalu (2023)",
    ],
  },
  target: {
    any: [],
    rkpd: [
      "Target Kinerja dan Anggaran RKPD Kabupaten/Kota Tahun Berjalan (2024) yang Dievaluasi",
      "Target RKPD Tahun 2024",
    ],
    renja: [
      "Target Kinerja dan Anggaran Renja Perangkat Daerah Tahun Berjalan",
      "Target Renja Tahun 2024",
    ],
  },
  quarters: { any: ["Realisasi Kinerja Pada Triwulan", "Realisasi Kinerja dan Anggaran Triwulan"] },
  q1: { any: ["I"] },
  q2: { any: ["II"] },
  q3: { any: ["III"] },
  q4: { any: ["IV"] },
  total: {
    any: ["Realisasi s.d. Triwulan IV"],
    rkpd: ["Realisasi Capaian Kinerja dan Anggaran RKPD yang Dievaluasi"],
    renja: ["Realisasi Capaian Kinerja dan Anggaran Renja yang dievaluasi"],
  },
  capaian: {
    any: ["Tingkat Capaian Kinerja dan Realisasi Anggaran (%)", "Capaian (%)"],
    renja: [
      "Tingkat Capaian Kinerja dan Realisasi Anggaran Renja Perangkat Daerah yang Dievaluasi (%)",
    ],
  },
  cumulative: {
    any: [],
    rkpd: [
      "Realisasi Kinerja dan Anggaran RPJMD Kabupaten/Kota s/d Tahun 2024 (Akhir Tahun Pelaksanaan RKPD)",
    ],
    renja: ["Realisasi Kinerja dan Anggaran Renstra Perangkat Daerah s/d Tahun 2024"],
  },
  cumcap: {
    any: [],
    rkpd: [
      "Tingkat Capaian Kinerja dan Realisasi Anggaran RPJMD Kabupaten/Kota s/d Tahun 2024 (%)",
    ],
    renja: [
      "Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra Perangkat Daerah s/d Tahun 2024 (%)",
    ],
  },
  pj: { any: ["Perangkat Daerah Penanggung Jawab", "Unit Perangkat Daerah Penanggung Jawab"] },
  keterangan: { any: ["Keterangan", "Ket."] },
};
const CAPTION_KINDS = Object.keys(CAPTIONS) as CaptionKind[];
/** One synonym choice per caption kind. */
const WORDING_SLOTS = CAPTION_KINDS.length;

function caption(spec: LayoutSpec, kind: CaptionKind): string {
  const c = CAPTIONS[kind];
  const list = [...(spec.form === "rkpd" ? (c.rkpd ?? []) : (c.renja ?? [])), ...c.any];
  const pick = spec.wording[CAPTION_KINDS.indexOf(kind) % spec.wording.length] ?? 0;
  return list[pick % list.length];
}

// ---------------------------------------------------------------- arbitraries

// Shrinking goes to the first alternative and the lower bound: 1 (K) and 1000 (Rp) keep
// counterexamples readable (sums of 1s, ratios of whole numbers).
const positiveK: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: 1, max: 500 }),
  fc.integer({ min: 1, max: 99999 }).map((x) => x / 100)
);
const positiveRp: fc.Arbitrary<number> = fc
  .integer({ min: 1, max: 2_000_000 })
  .map((x) => x * 1000);

/** Targets: positive mostly, sometimes 0, blank or "-". */
function targetInput(positive: fc.Arbitrary<number>): fc.Arbitrary<Input> {
  return fc.oneof(
    { weight: 12, arbitrary: positive },
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.constant("" as const) },
    { weight: 1, arbitrary: fc.constant("-" as const) }
  );
}

/** Realisations: a positive number mostly, sometimes 0 or blank. */
function realisedInput(positive: fc.Arbitrary<number>): fc.Arbitrary<Input> {
  return fc.oneof(
    { weight: 8, arbitrary: positive },
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 2, arbitrary: fc.constant("" as const) }
  );
}

const pctInput: fc.Arbitrary<Input> = fc.oneof(
  fc.integer({ min: 0, max: 100 }),
  fc.constant("" as const)
);

function krp(k: fc.Arbitrary<Input>, rp: fc.Arbitrary<Input>): fc.Arbitrary<KRpInput> {
  return fc.record({ k, rp, pct: pctInput });
}

const quarterArb = krp(realisedInput(positiveK), realisedInput(positiveRp));
const blankQuarter: KRpInput = { k: "", rp: "", pct: "" };

/** One indicator row's inputs; sometimes a whole sub-kind has no quarterly realisation. */
export const indicatorArb: fc.Arbitrary<IndicatorSpec> = fc
  .record({
    rpjmd: krp(targetInput(positiveK), targetInput(positiveRp)),
    prev: krp(realisedInput(positiveK), realisedInput(positiveRp)),
    target: krp(targetInput(positiveK), targetInput(positiveRp)),
    quarters: fc.tuple(quarterArb, quarterArb, quarterArb, quarterArb),
    noRealisation: fc.oneof(
      { weight: 8, arbitrary: fc.constant("none" as const) },
      { weight: 1, arbitrary: fc.constantFrom("k" as const, "rp" as const, "both" as const) }
    ),
    keterangan: fc.boolean(),
  })
  .map(({ rpjmd, prev, target, quarters, noRealisation, keterangan }) => {
    const qs = quarters.map((q) => ({
      ...q,
      k: noRealisation === "k" || noRealisation === "both" ? blankQuarter.k : q.k,
      rp: noRealisation === "rp" || noRealisation === "both" ? blankQuarter.rp : q.rp,
    }));
    return {
      values: { rpjmd, prev, target, q1: qs[0], q2: qs[1], q3: qs[2], q4: qs[3] },
      keterangan,
    };
  });

const programArb: fc.Arbitrary<ProgramSpec> = fc.record({
  indicators: fc.array(indicatorArb, { minLength: 1, maxLength: 3 }),
  kegiatan: fc.array(
    fc.record({ indicators: fc.array(indicatorArb, { minLength: 1, maxLength: 3 }) }),
    {
      minLength: 1,
      maxLength: 3,
    }
  ),
});

const SUB_GROUPS: SubGroup[] = ["rpjmd", "prev", "target", "quarters", "total", "cumulative"];

/** Usually none (weight `none` : 1), else a non-empty subset of the groups. */
function someGroups(none: number): fc.Arbitrary<SubGroup[]> {
  return fc.oneof(
    { weight: none, arbitrary: fc.constant<SubGroup[]>([]) },
    { weight: 1, arbitrary: fc.subarray(SUB_GROUPS, { minLength: 1 }) }
  );
}

/** Random layouts; shrinking goes towards simple forms (first alternatives, fewer rows). */
export const layoutSpecArb: fc.Arbitrary<LayoutSpec> = fc.record({
  form: fc.constantFrom("renja" as const, "rkpd" as const),
  titleRows: fc.integer({ min: 0, max: 2 }),
  titleMerged: fc.boolean(),
  blankRowAfterTitle: fc.boolean(),
  extraColumns: fc.array(fc.constantFrom("", "Sasaran", "Tujuan", "Sasaran Strategis"), {
    maxLength: 2,
  }),
  codeStyle: fc.constantFrom("dotted" as const, "spaced" as const, "split" as const),
  leafDepth: fc.constantFrom(5 as const, 6 as const),
  hasSatuan: fc.boolean(),
  hasRenstra: fc.boolean(),
  hasCumulative: fc.boolean(),
  pctGroups: someGroups(2),
  satuanPairGroups: someGroups(3),
  krRowBelowNumbers: fc.boolean(),
  numberRow: fc.oneof(
    { weight: 6, arbitrary: fc.constant("formulas" as const) },
    { weight: 1, arbitrary: fc.constant("plain" as const) },
    { weight: 2, arbitrary: fc.constant("none" as const) }
  ),
  numberParens: fc.boolean(),
  numberMerged: fc.boolean(),
  spelling: fc.record({
    times: fc.constantFrom("x" as const, "×" as const, "*" as const, "X" as const),
    div: fc.constantFrom("/" as const, ":" as const),
    spacing: fc.constantFrom("eq" as const, "none" as const, "all" as const),
    parens: fc.boolean(),
    percent: fc.boolean(),
  }),
  wording: fc.array(fc.nat(9), { minLength: WORDING_SLOTS, maxLength: WORDING_SLOTS }),
  captionStyle: fc.constantFrom("merged" as const, "first" as const, "repeated" as const),
  verticalMerge: fc.boolean(),
  noStyle: fc.constantFrom("index" as const, "nested" as const),
  pjMerge: fc.constantFrom("program" as const, "kegiatan" as const),
  summary: fc.constantFrom("none" as const, "rata" as const, "rata+predikat" as const),
  summaryLabelMerged: fc.boolean(),
  programs: fc.array(programArb, { minLength: 1, maxLength: 3 }),
});

// ---------------------------------------------------------------- built layout

export type SubKind = "k" | "rp" | "pct" | "satuan" | "text";

export interface SubColumn {
  col: number;
  sub: SubKind;
}

/** One printed column (one number in the column-number row), possibly several grid columns wide. */
export interface FormColumn {
  kind: GroupKind | SimpleKind;
  caption: string;
  number?: number;
  subs: SubColumn[];
  first: number;
  last: number;
  /** Formula as the form states it, e.g. "13 = 12/7 x 100" (only computed groups). */
  formula?: string;
  /** The same formula in a canonical spelling, for descriptions. */
  meaning?: string;
}

export type CellRole =
  | "title"
  | "blank-row"
  | "header"
  | "input"
  | "pct-input"
  | "text"
  | "computed"
  | "computed-pct"
  | "summary"
  | "outside";

export type Accepted =
  { kind: "blank" } | { kind: "number"; value: number } | { kind: "label"; labels: string[] };

export interface Expectation {
  row: number;
  col: number;
  column: FormColumn;
  sub: "k" | "rp";
  accept: Accepted[];
  rule: string;
  /** Must be written when the number row states the column's formula. */
  required: boolean;
}

export type BodyRowKind = "program" | "kegiatan" | "continuation" | "rata-rata" | "predikat";

export interface BodyRow {
  row: number;
  kind: BodyRowKind;
  program: number;
  indicator?: IndicatorSpec;
}

export interface BuiltLayout {
  spec: LayoutSpec;
  grid: SheetGrid;
  columns: FormColumn[];
  titleRowIndexes: number[];
  headerRows: number[];
  captionRow: number;
  quarterRow: number;
  krRow: number;
  numberRow?: number;
  body: BodyRow[];
  expectations: Map<string, Expectation>;
  roleAt(row: number, col: number): CellRole;
  mergedAt(row: number, col: number): MergedArea | undefined;
}

export const cellKey = (row: number, col: number): string => `${row},${col}`;

// ---------------------------------------------------------------- columns

function subGroupOf(kind: GroupKind): SubGroup | undefined {
  if (kind === "q1" || kind === "q2" || kind === "q3" || kind === "q4") return "quarters";
  if (kind === "capaian" || kind === "cumcap") return undefined;
  return kind;
}

function groupSubs(spec: LayoutSpec, kind: GroupKind): SubKind[] {
  const g = subGroupOf(kind);
  const subs: SubKind[] = ["k"];
  if (g && spec.satuanPairGroups.includes(g)) subs.push("satuan");
  if (g && spec.pctGroups.includes(g)) subs.push("pct");
  subs.push("rp");
  return subs;
}

function hasCumulative(spec: LayoutSpec): boolean {
  return spec.hasRenstra && spec.hasCumulative;
}

/** Lays out the printed columns left to right and numbers them 1, 2, 3, ... */
function assembleColumns(spec: LayoutSpec): FormColumn[] {
  const cols: FormColumn[] = [];
  let next = 0;
  let number = 0;
  const add = (kind: FormColumn["kind"], cap: string, subs: SubKind[], numbered = true) => {
    const first = next;
    next += subs.length;
    cols.push({
      kind,
      caption: cap,
      number: numbered ? ++number : undefined,
      subs: subs.map((sub, i) => ({ col: first + i, sub })),
      first,
      last: next - 1,
    });
  };
  for (const extra of spec.extraColumns) add("extra", extra, ["text"], extra !== "");
  add("no", caption(spec, "no"), ["text"]);
  add(
    "kode",
    caption(spec, "kode"),
    spec.codeStyle === "split" ? Array<SubKind>(spec.leafDepth).fill("text") : ["text"]
  );
  add("uraian", caption(spec, "uraian"), ["text"]);
  add("indikator", caption(spec, "indikator"), ["text"]);
  if (spec.hasSatuan) add("satuan", caption(spec, "satuan"), ["text"]);
  const groups: GroupKind[] = [
    ...(spec.hasRenstra ? (["rpjmd", "prev"] as const) : []),
    "target",
    "q1",
    "q2",
    "q3",
    "q4",
    "total",
    "capaian",
    ...(hasCumulative(spec) ? (["cumulative", "cumcap"] as const) : []),
  ];
  for (const g of groups) add(g, caption(spec, g), groupSubs(spec, g));
  add("pj", caption(spec, "pj"), ["text"]);
  add("keterangan", caption(spec, "keterangan"), ["text"]);
  stateFormulas(spec, cols);
  return cols;
}

function numberOf(cols: FormColumn[], kind: FormColumn["kind"]): number {
  const c = cols.find((x) => x.kind === kind);
  if (c?.number === undefined) throw new Error(`generator: no numbered column ${kind}`);
  return c.number;
}

/** Fills `formula` (printed spelling) and `meaning` of the computed columns. */
function stateFormulas(spec: LayoutSpec, cols: FormColumn[]): void {
  const n = (k: FormColumn["kind"]) => numberOf(cols, k);
  for (const c of cols) {
    const self = c.number as number;
    if (c.kind === "total") {
      const qs = [n("q1"), n("q2"), n("q3"), n("q4")];
      c.meaning = `${self} = ${qs.join(" + ")}`;
      c.formula = spellSum(spec.spelling, self, qs);
    } else if (c.kind === "capaian") {
      c.meaning = `${self} = ${n("total")} / ${n("target")} x 100`;
      c.formula = spellRatio(spec.spelling, self, n("total"), n("target"));
    } else if (c.kind === "cumulative") {
      c.meaning = `${self} = ${n("prev")} + ${n("total")}`;
      c.formula = spellSum(spec.spelling, self, [n("prev"), n("total")]);
    } else if (c.kind === "cumcap") {
      c.meaning = `${self} = ${n("cumulative")} / ${n("rpjmd")} x 100`;
      c.formula = spellRatio(spec.spelling, self, n("cumulative"), n("rpjmd"));
    }
  }
}

const ref = (s: FormulaSpelling, n: number) => (s.parens ? `(${n})` : String(n));
const eq = (s: FormulaSpelling) => (s.spacing === "none" ? "=" : " = ");
const op = (s: FormulaSpelling, o: string) => (s.spacing === "all" ? ` ${o} ` : o);

/** "12 = 8+9+10+11", "(12)=(8)+(9)+(10)+(11)", ... */
export function spellSum(s: FormulaSpelling, self: number, parts: number[]): string {
  return `${ref(s, self)}${eq(s)}${parts.map((p) => ref(s, p)).join(op(s, "+"))}`;
}

/** "13 = 12/7*100", "13=12:7x100%", "(13)=(12)/(7)x100%", ... */
export function spellRatio(s: FormulaSpelling, self: number, num: number, den: number): string {
  const hundred = s.percent ? "100%" : "100";
  return `${ref(s, self)}${eq(s)}${ref(s, num)}${op(s, s.div)}${ref(s, den)}${op(s, s.times)}${hundred}`;
}

// ---------------------------------------------------------------- grid building

class GridWriter {
  cells: (SheetCell | undefined)[][] = [];
  merges: MergedArea[] = [];
  constructor(public width: number) {}
  set(row: number, col: number, value: CellValue, bold = false): void {
    while (this.cells.length <= row) this.cells.push([]);
    if (value === "" || value === null || value === undefined) return;
    this.cells[row][col] = bold ? { value, bold } : { value };
  }
  merge(top: number, left: number, bottom: number, right: number): void {
    if (top === bottom && left === right) return;
    this.merges.push({ top, left, bottom, right });
  }
  /** Dense rows of `width` columns. */
  rows(): (SheetCell | undefined)[][] {
    return this.cells.map((r) => Array.from({ length: this.width }, (_, c) => r[c]));
  }
}

const URUSAN = ["1.01", "1.02", "2.07", "3.27"];
const PROGRAM_NAMES = [
  "Program Penunjang Urusan Pemerintahan Daerah",
  "Program Pengelolaan Pendidikan",
  "Program Pelatihan Kerja dan Produktivitas Tenaga Kerja",
];
const ACTIVITY_NAMES = [
  "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
  "Administrasi Keuangan Perangkat Daerah",
  "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
];
const INDICATORS = [
  "Persentase dokumen perencanaan yang tersusun tepat waktu",
  "Jumlah peserta pelatihan berbasis kompetensi",
  "Cakupan layanan administrasi perkantoran",
  "Indeks kepuasan masyarakat terhadap layanan",
];
const SATUAN = ["%", "Dokumen", "Orang", "Unit", "Indeks"];
const PJ = ["Sekretariat", "Bidang Perencanaan", "Dinas Pendidikan", "UPT Pelatihan Kerja"];
const SASARAN = [
  "Meningkatnya kualitas perencanaan daerah",
  "Meningkatnya mutu layanan pendidikan",
];

function codeSegmentsFor(urusan: string, p: number, k?: number, depth: 5 | 6 = 5): string[] {
  const segs = [...urusan.split("."), String(p + 1).padStart(2, "0")];
  if (k === undefined) return segs;
  if (depth === 5) return [...segs, "2", String(k + 1).padStart(2, "0")];
  return [...segs, "2", "01", String(k + 1).padStart(2, "0")];
}

/** Permendagri 86/2017 predikat of a capaian (bands closed as in the domain notes). */
export function predikatLabels(v: number): string[] {
  if (v > 90) return ["Sangat Tinggi", "ST"];
  if (v > 75) return ["Tinggi", "T"];
  if (v > 65) return ["Sedang", "S"];
  if (v > 50) return ["Rendah", "R"];
  return ["Sangat Rendah", "SR"];
}

const num = (x: Input): number | null => (typeof x === "number" ? x : null);

/** Oracle of the computed cells of one data row, per sub-kind (K or Rp). */
export function rowOracle(
  values: Record<InputKind, KRpInput>,
  sub: "k" | "rp"
): Record<ComputedKind, Accepted[]> {
  const blank: Accepted = { kind: "blank" };
  const number = (value: number): Accepted => ({ kind: "number", value });
  const quarters = (["q1", "q2", "q3", "q4"] as const).map((q) => num(values[q][sub]));
  const total = quarters.every((q) => q === null)
    ? null
    : quarters.reduce<number>((s, q) => s + (q ?? 0), 0);
  const ratio = (x: number | null, den: Input): Accepted =>
    x === null || num(den) === null || (num(den) as number) <= 0
      ? blank
      : number((x / (num(den) as number)) * 100);
  const prev = num(values.prev[sub]);
  let cumulative: (number | null)[];
  // A blank "realisation up to last year" may be 0 (first year) or not filled in yet: the engine
  // may leave the cumulative empty (with a message) or count it as 0, as Excel's + would.
  if (total !== null) cumulative = prev === null ? [null, total] : [prev + total];
  else cumulative = prev === null ? [null] : [null, prev];
  return {
    total: [total === null ? blank : number(total)],
    capaian: [ratio(total, values.target[sub])],
    cumulative: cumulative.map((c) => (c === null ? blank : number(c))),
    cumcap: dedupe(cumulative.map((c) => ratio(c, values.rpjmd[sub]))),
  };
}

function dedupe(xs: Accepted[]): Accepted[] {
  const out: Accepted[] = [];
  for (const x of xs) if (!out.some((y) => JSON.stringify(y) === JSON.stringify(x))) out.push(x);
  return out;
}

const COMPUTED: ComputedKind[] = ["total", "capaian", "cumulative", "cumcap"];
const isComputed = (k: FormColumn["kind"]): k is ComputedKind => (COMPUTED as string[]).includes(k);

/** Builds the grid, the cell roles and the oracle of a spec. */
export function buildLayout(spec: LayoutSpec): BuiltLayout {
  const columns = assembleColumns(spec);
  const width = columns[columns.length - 1].last + 1;
  const g = new GridWriter(width);
  const roles = new Map<string, CellRole>();
  const setRole = (r: number, c: number, role: CellRole) => roles.set(cellKey(r, c), role);
  const colOf = (kind: FormColumn["kind"]) => columns.find((c) => c.kind === kind);
  const noCol = colOf("no") as FormColumn;
  const indikatorCol = colOf("indikator") as FormColumn;

  // Title rows.
  let row = 0;
  const titleRowIndexes: number[] = [];
  const titles =
    spec.form === "rkpd"
      ? [
          "EVALUASI TERHADAP HASIL RKPD KABUPATEN/KOTA TAHUN 2024",
          "Periode Pelaksanaan: Triwulan IV Tahun 2024",
        ]
      : [
          "Evaluasi Hasil terhadap RENJA Perangkat Daerah Lingkup Kabupaten/Kota",
          "Renja Dinas Pendidikan Periode Pelaksanaan Tahun 2024",
        ];
  for (let i = 0; i < spec.titleRows; i++) {
    g.set(row, 0, titles[i], true);
    if (spec.titleMerged) g.merge(row, 0, row, width - 1);
    titleRowIndexes.push(row);
    for (let c = 0; c < width; c++) setRole(row, c, "title");
    row++;
  }
  if (spec.titleRows > 0 && spec.blankRowAfterTitle) {
    for (let c = 0; c < width; c++) setRole(row, c, "blank-row");
    g.set(row, 0, "");
    row++;
  }

  // Header rows: captions, quarter labels, then K/Rp and column numbers (either order).
  const captionRow = row;
  const quarterRow = row + 1;
  let krRow: number;
  let numberRow: number | undefined;
  if (spec.numberRow === "none") {
    krRow = row + 2;
  } else if (spec.krRowBelowNumbers) {
    numberRow = row + 2;
    krRow = row + 3;
  } else {
    krRow = row + 2;
    numberRow = row + 3;
  }
  const headerEnd = Math.max(krRow, numberRow ?? 0);
  const headerRows: number[] = [];
  for (let r = captionRow; r <= headerEnd; r++) {
    headerRows.push(r);
    for (let c = 0; c < width; c++) setRole(r, c, "header");
  }
  writeHeader(spec, g, columns, { captionRow, quarterRow, krRow, numberRow });

  // Body.
  row = headerEnd + 1;
  const body: BodyRow[] = [];
  const expectations = new Map<string, Expectation>();
  spec.programs.forEach((prog, p) => {
    const urusan = URUSAN[p % URUSAN.length];
    const programRows: BodyRow[] = [];
    const blocks: BodyRow[][] = [];
    const emitBlock = (items: IndicatorSpec[], kind: "program" | "kegiatan", k?: number) => {
      const block: BodyRow[] = [];
      items.forEach((ind, i) => {
        const br: BodyRow = {
          row,
          kind: i === 0 ? kind : "continuation",
          program: p,
          indicator: ind,
        };
        writeDataRow(spec, g, columns, br, { urusan, p, k, indicatorIndex: i }, setRole);
        addRowExpectations(spec, columns, br, expectations);
        block.push(br);
        body.push(br);
        programRows.push(br);
        row++;
      });
      blocks.push(block);
    };
    emitBlock(prog.indicators, "program");
    prog.kegiatan.forEach((keg, k) => emitBlock(keg.indicators, "kegiatan", k));
    writePj(g, columns, p, spec.pjMerge === "program" ? [programRows] : blocks);
    // Rata-rata / predikat rows of the program.
    const summaryKinds: BodyRowKind[] =
      spec.summary === "none"
        ? []
        : spec.summary === "rata"
          ? ["rata-rata"]
          : ["rata-rata", "predikat"];
    for (const kind of summaryKinds) {
      const label = kind === "rata-rata" ? "Rata-rata capaian kinerja (%)" : "Predikat kinerja";
      const labelCol = spec.summaryLabelMerged
        ? noCol.first
        : (colOf("uraian") as FormColumn).first;
      g.set(row, labelCol, label, true);
      if (spec.summaryLabelMerged) g.merge(row, noCol.first, row, indikatorCol.last);
      for (let c = 0; c < width; c++) setRole(row, c, "summary");
      addSummaryExpectations(columns, row, kind, programRows, expectations);
      body.push({ row, kind, program: p });
      row++;
    }
  });

  const grid: SheetGrid = { name: "Evaluasi", cells: g.rows(), merges: g.merges };
  const roleAt = (r: number, c: number): CellRole => {
    if (r < 0 || c < 0 || r >= grid.cells.length || c >= width) return "outside";
    return roles.get(cellKey(r, c)) ?? "outside";
  };
  const mergedAt = (r: number, c: number) =>
    grid.merges.find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
  return {
    spec,
    grid,
    columns,
    titleRowIndexes,
    headerRows,
    captionRow,
    quarterRow,
    krRow,
    numberRow,
    body,
    expectations,
    roleAt,
    mergedAt,
  };
}

// ---------------------------------------------------------------- header

interface HeaderRows {
  captionRow: number;
  quarterRow: number;
  krRow: number;
  numberRow?: number;
}

const isQuarter = (k: FormColumn["kind"]): boolean =>
  k === "q1" || k === "q2" || k === "q3" || k === "q4";
const isGroup = (c: FormColumn): boolean => c.subs[0].sub !== "text";

/** Writes a caption over rows top..bottom and columns left..right in the layout's caption style. */
function placeCaption(
  spec: LayoutSpec,
  g: GridWriter,
  text: string,
  top: number,
  bottom: number,
  left: number,
  right: number
): void {
  if (text === "") return;
  const vBottom = spec.verticalMerge ? bottom : top;
  if (spec.captionStyle === "merged") {
    g.set(top, left, text, true);
    g.merge(top, left, vBottom, right);
    return;
  }
  const targets = spec.captionStyle === "repeated" ? range(left, right) : [left];
  for (const c of targets) {
    g.set(top, c, text, true);
    g.merge(top, c, vBottom, c);
  }
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

const SUB_LABEL: Record<SubKind, string> = { k: "K", rp: "Rp", pct: "%", satuan: "", text: "" };

function writeHeader(spec: LayoutSpec, g: GridWriter, columns: FormColumn[], at: HeaderRows): void {
  // Simple columns reach down to the last header row above the column numbers.
  let simpleBottom = at.krRow;
  if (at.numberRow !== undefined && at.numberRow < at.krRow) simpleBottom = at.quarterRow;
  for (const c of columns) {
    if (isQuarter(c.kind)) continue;
    placeCaption(
      spec,
      g,
      c.caption,
      at.captionRow,
      isGroup(c) ? at.quarterRow : simpleBottom,
      c.first,
      c.last
    );
  }
  // "Realisasi Kinerja Pada Triwulan" over the four quarters, I / II / III / IV below.
  const quarters = columns.filter((c) => isQuarter(c.kind));
  const q0 = quarters[0];
  const q3 = quarters[quarters.length - 1];
  placeCaption(
    { ...spec, verticalMerge: false },
    g,
    caption(spec, "quarters"),
    at.captionRow,
    at.captionRow,
    q0.first,
    q3.last
  );
  for (const q of quarters)
    placeCaption(
      { ...spec, verticalMerge: false },
      g,
      q.caption,
      at.quarterRow,
      at.quarterRow,
      q.first,
      q.last
    );
  // K / % / Rp row; a satuan sub-column sits under a "K" merged over both.
  for (const c of columns) {
    if (!isGroup(c)) continue;
    for (const s of c.subs) {
      if (s.sub === "satuan") g.merge(at.krRow, s.col - 1, at.krRow, s.col);
      else g.set(at.krRow, s.col, SUB_LABEL[s.sub], true);
    }
  }
  // Column numbers, with the stated formulas of the computed columns.
  if (at.numberRow === undefined) return;
  for (const c of columns) {
    if (c.number === undefined) continue;
    const plain: CellValue = spec.numberParens ? `(${c.number})` : c.number;
    g.set(
      at.numberRow,
      c.first,
      spec.numberRow === "formulas" && c.formula ? c.formula : plain,
      true
    );
    if (spec.numberMerged) g.merge(at.numberRow, c.first, at.numberRow, c.last);
  }
}

// ---------------------------------------------------------------- body

interface RowContext {
  urusan: string;
  p: number;
  k?: number;
  indicatorIndex: number;
}

function writeDataRow(
  spec: LayoutSpec,
  g: GridWriter,
  columns: FormColumn[],
  br: BodyRow,
  at: RowContext,
  setRole: (r: number, c: number, role: CellRole) => void
): void {
  const r = br.row;
  const ind = br.indicator as IndicatorSpec;
  const { urusan, p, k, indicatorIndex: i } = at;
  const satuan = SATUAN[(p + (k ?? 3) + i) % SATUAN.length];
  const codeSegs =
    br.kind === "program"
      ? codeSegmentsFor(urusan, p)
      : br.kind === "kegiatan"
        ? codeSegmentsFor(urusan, p, k, spec.leafDepth)
        : [];
  for (const c of columns) {
    for (const s of c.subs) setRole(r, s.col, "text");
    switch (c.kind) {
      case "extra":
        if (c.caption !== "" && br.kind === "program")
          g.set(r, c.first, SASARAN[p % SASARAN.length]);
        break;
      case "no":
        if (br.kind === "program") g.set(r, c.first, p + 1);
        else if (br.kind === "kegiatan" && spec.noStyle === "nested")
          g.set(r, c.first, `${p + 1}.${(k ?? 0) + 1}`);
        break;
      case "kode":
        if (spec.codeStyle === "split") codeSegs.forEach((seg, j) => g.set(r, c.first + j, seg));
        else g.set(r, c.first, codeSegs.join(spec.codeStyle === "dotted" ? "." : " "));
        break;
      case "uraian":
        if (br.kind === "program") g.set(r, c.first, PROGRAM_NAMES[p % PROGRAM_NAMES.length]);
        if (br.kind === "kegiatan") {
          const prefix = spec.leafDepth === 6 ? "Sub Kegiatan" : "Kegiatan";
          g.set(r, c.first, `${prefix} ${ACTIVITY_NAMES[(k ?? 0) % ACTIVITY_NAMES.length]}`);
        }
        break;
      case "indikator":
        g.set(
          r,
          c.first,
          `${INDICATORS[(p + (k ?? 0) + i) % INDICATORS.length]} ${p + 1}.${(k ?? -1) + 2}.${i + 1}`
        );
        break;
      case "satuan":
        g.set(r, c.first, satuan);
        break;
      case "keterangan":
        if (ind.keterangan) g.set(r, c.first, "Sesuai rencana");
        break;
      case "pj":
        break; // written per block by writePj
      default:
        writeGroupCells(g, c, r, ind, satuan, setRole);
    }
  }
}

/** Cells of one K / [satuan] / [%] / Rp group on a data row; computed groups stay blank. */
function writeGroupCells(
  g: GridWriter,
  c: FormColumn,
  r: number,
  ind: IndicatorSpec,
  satuan: string,
  setRole: (r: number, c: number, role: CellRole) => void
): void {
  const computed = isComputed(c.kind);
  const values = computed ? undefined : ind.values[c.kind as InputKind];
  for (const s of c.subs) {
    if (s.sub === "satuan") {
      g.set(r, s.col, satuan);
      setRole(r, s.col, "text");
    } else if (s.sub === "pct") {
      if (values) g.set(r, s.col, values.pct);
      setRole(r, s.col, computed ? "computed-pct" : "pct-input");
    } else if (s.sub === "k" || s.sub === "rp") {
      if (values) g.set(r, s.col, values[s.sub]);
      setRole(r, s.col, computed ? "computed" : "input");
    }
  }
}

/** "Perangkat Daerah Penanggung Jawab": one text merged vertically over each block of rows. */
function writePj(g: GridWriter, columns: FormColumn[], p: number, blocks: BodyRow[][]): void {
  const pj = columns.find((c) => c.kind === "pj") as FormColumn;
  blocks.forEach((block, b) => {
    if (block.length === 0) return;
    g.set(block[0].row, pj.first, PJ[(p + b) % PJ.length]);
    g.merge(block[0].row, pj.first, block[block.length - 1].row, pj.first);
  });
}

function addRowExpectations(
  spec: LayoutSpec,
  columns: FormColumn[],
  br: BodyRow,
  out: Map<string, Expectation>
): void {
  const ind = br.indicator as IndicatorSpec;
  for (const c of columns) {
    if (!isComputed(c.kind)) continue;
    for (const s of c.subs) {
      if (s.sub !== "k" && s.sub !== "rp") continue;
      const accept = rowOracle(ind.values, s.sub)[c.kind];
      const definite = accept.length === 1 && accept[0].kind === "number";
      out.set(cellKey(br.row, s.col), {
        row: br.row,
        col: s.col,
        column: c,
        sub: s.sub,
        accept,
        rule: `${c.kind} (${s.sub === "k" ? "K" : "Rp"})`,
        required: definite && spec.numberRow === "formulas",
      });
    }
  }
}

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Rata-rata / predikat rows: nothing, or the mean (its label) in the capaian K cells. */
function addSummaryExpectations(
  columns: FormColumn[],
  row: number,
  kind: BodyRowKind,
  programRows: BodyRow[],
  out: Map<string, Expectation>
): void {
  for (const [kindCol, sub] of [
    ["capaian", "k"],
    ["cumcap", "k"],
    ["capaian", "rp"],
    ["cumcap", "rp"],
  ] as const) {
    const c = columns.find((x) => x.kind === kindCol);
    const k = c?.subs.find((s) => s.sub === sub);
    if (!c || !k) continue;
    const per = programRows.map(
      (br) => rowOracle((br.indicator as IndicatorSpec).values, sub)[kindCol]
    );
    const numbers = (a: Accepted[]) => a.flatMap((x) => (x.kind === "number" ? [x.value] : []));
    // Ambiguous rows (nothing or a value) are either all left out or all counted.
    const definite = per.filter((a) => a.length === 1).flatMap(numbers);
    const inclusive = per.flatMap((a) => numbers(a).slice(0, 1));
    const means = [...new Set([definite, inclusive].filter((xs) => xs.length > 0).map(mean))];
    const accept: Accepted[] = [{ kind: "blank" }];
    for (const m of means)
      accept.push(
        kind === "predikat"
          ? { kind: "label", labels: predikatLabels(m) }
          : { kind: "number", value: m }
      );
    out.set(cellKey(row, k.col), {
      row,
      col: k.col,
      column: c,
      sub,
      accept,
      rule: `${kind} of ${kindCol} (${sub === "k" ? "K" : "Rp"})`,
      required: false,
    });
  }
}

// ---------------------------------------------------------------- descriptions

const show = (v: CellValue): string =>
  typeof v === "string" ? JSON.stringify(v.length > 40 ? v.slice(0, 37) + "..." : v) : String(v);

export function describeAccepted(a: Accepted[]): string {
  return a
    .map((x) =>
      x.kind === "blank"
        ? "nothing"
        : x.kind === "number"
          ? String(x.value)
          : x.labels.map((l) => JSON.stringify(l)).join("|")
    )
    .join(" or ");
}

/** The layout in words: header shape, printed columns with their numbers, sub-kinds and formulas, body rows. */
export function describeLayout(b: BuiltLayout): string {
  const s = b.spec;
  const rows1 = (xs: number[]) => xs.map((r) => r + 1).join(",");
  const lines: string[] = [];
  lines.push(
    `form ${s.form}; title rows ${rows1(b.titleRowIndexes) || "none"}; header rows ${rows1(b.headerRows)} ` +
      `(captions ${b.captionRow + 1}, quarters ${b.quarterRow + 1}, K/Rp ${b.krRow + 1}, numbers ${b.numberRow === undefined ? "none" : b.numberRow + 1}); ` +
      `number row: ${s.numberRow}; code: ${s.codeStyle}, depth ${s.leafDepth}; captions: ${s.captionStyle}` +
      `${s.verticalMerge ? " + vertical merges" : ""}; summary rows: ${s.summary}`
  );
  lines.push("columns (printed number | grid columns:sub-kind | kind | caption | stated formula):");
  for (const c of b.columns) {
    const subs = c.subs.map((x) => `${columnLetter(x.col)}:${x.sub}`).join(" ");
    const formula = c.formula ? ` | ${JSON.stringify(c.formula)} (${c.meaning})` : "";
    lines.push(
      `  ${String(c.number ?? "-").padStart(3)} | ${subs} | ${c.kind} | ${JSON.stringify(c.caption)}${formula}`
    );
  }
  lines.push(
    `body rows: ${b.body.map((r) => `${r.row + 1}=${r.kind}(P${r.program + 1})`).join(" ")}`
  );
  return lines.join("\n");
}

/** Every non-empty cell, row by row, and the merged areas (A1 addresses). */
export function dumpGrid(grid: SheetGrid): string {
  const lines = grid.cells.map((row, r) => {
    const cells = row.flatMap((cell, c) =>
      cell === undefined ? [] : [`${cellAddress(r, c)}=${show(cell.value)}`]
    );
    return `  ${String(r + 1).padStart(3)}: ${cells.join("  ")}`;
  });
  const merges = grid.merges
    .map((m) => `${cellAddress(m.top, m.left)}:${cellAddress(m.bottom, m.right)}`)
    .join(" ");
  return [...lines, `  merges: ${merges}`].join("\n");
}
