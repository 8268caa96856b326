/**
 * Shared machinery of the table rules. A rule walks a TableModel and `emit`s one Computation per
 * computed cell: the native formula AND its value, computed by the same core rule. `plan` turns
 * computations into writes; `audit` compares them with what is printed. Both see the same list.
 */
import { minOf } from "../../arrays";
import { isBlankText } from "../../blank";
import type { CellValue } from "../../errors";
import { isMonevError } from "../../errors";
import {
  detectConvention,
  isAmbiguousNumberError,
  parseAngka,
  type NumberConvention,
} from "../../number";
import type { Scale } from "../../predikat";
import { cellAddress, cellKey, columnLetter } from "../address";
import { agrees, labelBand } from "../compare";
import { msg, type Message } from "../messages";
import type {
  ColumnInfo,
  ColumnRole,
  EngineOptions,
  MergedArea,
  PlannedWrite,
  RowInfo,
  SheetCell,
  SheetGrid,
  TableModel,
} from "../types";

export interface LabelCheck {
  scale: Scale;
  form: "panjang" | "kode";
}

export interface Computation {
  row: number;
  col: number;
  /** Rule id, e.g. 'capaian', 'rkpd.jumlah-tw'. */
  rule: string;
  /** Native formula (English syntax, no '='); absent when only the value can be written. */
  formula?: string;
  /** Value the formula evaluates to ("" when the formula yields empty text). */
  value: number | string | null;
  numFmt?: string;
  note?: Message;
  /**
   * Indonesian description of the rule, used in findings ("realisasi / target × 100"). Absent on
   * a computation that is already its cell's write (see `address`): the audit skips empty cells.
   */
  description?: string;
  /**
   * Set when the computation IS the PlannedWrite of an empty cell (plan mode, see emit): `plan`
   * takes it as it is. One object per written cell instead of two, on sheets of 50,000 rows.
   */
  sheet?: string;
  address?: string;
  /** Cells the formula reads; text numbers there turn the formula into a plain value. Read (then dropped) by emit. */
  inputs?: [number, number][];
  /** A check only: audit compares it, plan never writes it. */
  auditOnly?: boolean;
  /** The value is a rating label on this scale. */
  label?: LabelCheck;
  /** Header cell of an appended column. */
  isHeader?: boolean;
}

/** Where flatString's reads go, so an optimising compiler cannot drop them as unused. */
let flatSink = 0;

/**
 * The same string, flattened: a text built by concatenation (a formula, a message) is a tree of
 * pieces until it is read, about four times its flat size. Reading one character makes V8 store
 * it flat; results that stay in memory (formulas, messages of 50,000-row sheets) are kept small.
 */
export function flatString(s: string): string {
  flatSink = (flatSink + s.charCodeAt(0)) | 0;
  return s;
}

export const PCT = "0.00";
export const RP = "#,##0";

/** The '=' a formula text may start with (compiled once: tested per computed cell). */
const LEADING_EQUALS_RE = /^=/;

export function isEmptyValue(v: CellValue): boolean {
  return v === null || v === undefined || (typeof v === "string" && isBlankText(v));
}

export function isEmptyCell(c: SheetCell | undefined): boolean {
  return !c || (isEmptyValue(c.value) && !c.formula);
}

/** Text cell holding a number ("87,44", "Rp 1.234,-"): native formulas cannot compute on it. */
export function isTextNumber(v: CellValue): boolean {
  if (typeof v !== "string") return false;
  const p = parseAngka(v);
  return p !== null && !isMonevError(p);
}

function sameValue(a: unknown, b: unknown): boolean {
  const blank = (x: unknown) => x === null || x === undefined || x === "";
  if (blank(a) && blank(b)) return true;
  if (typeof a === "number" && typeof b === "number")
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
  if (typeof a === "string" && typeof b === "string") return a.trim() === b.trim();
  return false;
}

/**
 * Does the cell already hold what the computation would write? The same formula is the same
 * content, whatever value the host has cached for it (a host that has not recalculated yet must
 * not turn our own cell into a conflict). A cell of the user's that holds the right value (as its
 * format shows it, e.g. `=O18+Q18+S18+U18` where we would write SUM) is left alone too: it is
 * not a conflict, and rewriting it would change the user's work for nothing.
 */
export function alreadyThere(
  cell: SheetCell | undefined,
  comp: Computation,
  exact = false
): boolean {
  if (!cell) return false;
  const f = cell.formula?.replace(LEADING_EQUALS_RE, "");
  if (comp.formula !== undefined && comp.formula === f) return true;
  if (sameValue(cell.value, comp.value)) return true;
  // With overwrite the user asked for Monev's values: a rounded print (98,97) is replaced, or the
  // cells computed from it would disagree with what the sheet shows.
  if (exact) return false;
  if (
    comp.label &&
    typeof cell.value === "string" &&
    typeof comp.value === "string" &&
    comp.value !== ""
  ) {
    const band = labelBand(cell.value, comp.label.scale);
    return band !== undefined && band === labelBand(comp.value, comp.label.scale);
  }
  // A printed text figure ("80%", "97,1") that shows the computed value is the right value too.
  return (
    typeof comp.value === "number" &&
    (typeof cell.value === "number" || typeof cell.value === "string") &&
    agrees(cell.value, comp.value, cell.numFmt) !== "no"
  );
}

/**
 * The usual write (a formula, no note, no header, nothing replaced) as one literal: the same keys
 * in the same order for every such write, without adding properties one by one to each object.
 */
export function plainWrite(sheet: string, comp: Computation & { formula: string }): PlannedWrite {
  return formulaWrite(sheet, comp.row, comp.col, comp.value, comp.rule, comp.formula, comp.numFmt);
}

function formulaWrite(
  sheet: string,
  row: number,
  col: number,
  value: Computation["value"],
  rule: string,
  formula: string,
  numFmt: string | undefined,
  /** String(row + 1) when the caller has it (one number-to-text conversion per row, not per cell). */
  rowText?: string
): PlannedWrite {
  const address = rowText === undefined ? cellAddress(row, col) : columnLetter(col) + rowText;
  if (numFmt !== undefined) return { sheet, row, col, address, value, rule, formula, numFmt };
  return { sheet, row, col, address, value, rule, formula };
}

/** Columns of text (names, codes, labels): never a number input nor a computed number. */
export const TEXT_ROLES = new Set<ColumnRole>([
  "no",
  "kode",
  "uraian",
  "sasaran",
  "indikator",
  "satuan",
  "arah",
  "keterangan",
  "predikat",
]);

/** Flags of a cell in RuleContext. */
const OVERLAID = 1;
const TAKEN = 2;
const DISPUTED = 4;
const AMBIGUOUS_NOTED = 8;
/** Overlaid with a number, held in overlayNums. */
const OVERLAID_NUM = 16;

/** Text that may be a number with one separator before 3 digits ("1.020"): see RuleContext.get. */
const MAYBE_AMBIGUOUS_RE = /^\s*[-+\u2212]?\s*(?:rp\.?\s*)?\d{1,3}[.,]\d{3}\b/i;

export class RuleContext {
  /** The table's computations, rule by rule. appendLists replaces the array: read it once the rules have run. */
  computations: Computation[] = [];
  /** Where emit puts computations: `computations`, or a rule's own list while applyDataRules runs it. */
  private sink: Computation[] = this.computations;
  /**
   * Computed values of empty (or overwritten) cells, the cells flagged OVERLAID. Numbers (flagged
   * OVERLAID_NUM too) per column of the table, in a typed array by row from the table's top:
   * computed columns are few, and a number there costs no object. Other values (texts, blanks) in
   * `overlayTexts`, likewise per column; every cell outside the table by cell key.
   */
  private readonly overlayNums: (Float64Array | undefined)[] = [];
  /** Other computed values (labels, blanks) of the table's cells, per column by row. */
  private readonly overlayTexts: (CellValue[] | undefined)[] = [];
  private readonly overlayOther = new Map<number, CellValue>();
  /**
   * Per-cell flags (OVERLAID, TAKEN, DISPUTED, AMBIGUOUS_NOTED) of the table's rectangle, one byte
   * a cell: cheaper than sets of keys on sheets of 50,000 rows. Cells outside it use `outside`.
   */
  private readonly flags: Uint8Array;
  private readonly outside = new Map<number, number>();
  private readonly fTop: number;
  private readonly fLeft: number;
  private readonly fWidth: number;
  private readonly fHeight: number;

  constructor(
    readonly grid: SheetGrid,
    readonly table: TableModel,
    readonly opts: EngineOptions,
    /** 'plan': a computed value replaces a non-empty cell only with overwrite. */
    readonly mode: "plan" | "audit",
    readonly notes: Message[] = []
  ) {
    this.fTop = Math.max(0, table.top);
    this.fLeft = Math.max(0, table.left);
    this.fWidth = Math.max(0, table.right - this.fLeft + 1);
    this.fHeight = Math.max(0, table.bottom - this.fTop + 1);
    this.flags = new Uint8Array(this.fWidth * this.fHeight);
  }

  private overlayGet(r: number, c: number): CellValue {
    const dr = r - this.fTop;
    const dc = c - this.fLeft;
    if (dr >= 0 && dr < this.fHeight && dc >= 0 && dc < this.fWidth) {
      if ((this.flags[dr * this.fWidth + dc] & OVERLAID_NUM) !== 0)
        return (this.overlayNums[dc] as Float64Array)[dr];
      return this.overlayTexts[dc]?.[dr];
    }
    return this.overlayOther.get(cellKey(r, c));
  }

  private overlaySet(r: number, c: number, v: CellValue): void {
    const dr = r - this.fTop;
    const dc = c - this.fLeft;
    if (dr >= 0 && dr < this.fHeight && dc >= 0 && dc < this.fWidth) {
      const i = dr * this.fWidth + dc;
      if (typeof v === "number") {
        (this.overlayNums[dc] ??= new Float64Array(this.fHeight))[dr] = v;
        this.flags[i] |= OVERLAID | OVERLAID_NUM;
        return;
      }
      (this.overlayTexts[dc] ??= new Array<CellValue>(this.fHeight))[dr] = v;
      this.flags[i] = (this.flags[i] & ~OVERLAID_NUM) | OVERLAID;
      return;
    }
    this.overlayOther.set(cellKey(r, c), v);
    this.flag(r, c, OVERLAID);
  }

  private flagsOf(r: number, c: number): number {
    const dr = r - this.fTop;
    const dc = c - this.fLeft;
    if (dr >= 0 && dr < this.fHeight && dc >= 0 && dc < this.fWidth)
      return this.flags[dr * this.fWidth + dc];
    return this.outside.get(cellKey(r, c)) ?? 0;
  }

  private flag(r: number, c: number, f: number): void {
    const dr = r - this.fTop;
    const dc = c - this.fLeft;
    if (dr >= 0 && dr < this.fHeight && dc >= 0 && dc < this.fWidth)
      this.flags[dr * this.fWidth + dc] |= f;
    else {
      const k = cellKey(r, c);
      this.outside.set(k, (this.outside.get(k) ?? 0) | f);
    }
  }

  cell(r: number, c: number): SheetCell | undefined {
    return this.grid.cells[r]?.[c];
  }

  /** Columns with a label computation in the list (see emit). */
  private readonly labelColumns = new Set<number>();

  // Lazy fields start as undefined: a property added later would give the context a new hidden class.
  private mergesByRow: Map<number, MergedArea[]> | undefined = undefined;

  /** The cell lies in a merged area of more than one cell (never written: Excel refuses or it hides data). */
  isMerged(r: number, c: number): boolean {
    if (!this.mergesByRow) {
      this.mergesByRow = new Map();
      for (const m of this.grid.merges) {
        if (m.top === m.bottom && m.left === m.right) continue;
        if (m.bottom < this.table.top || m.top > this.table.bottom) continue;
        for (
          let x = Math.max(m.top, this.table.top);
          x <= Math.min(m.bottom, this.table.bottom);
          x++
        ) {
          const list = this.mergesByRow.get(x);
          if (list) list.push(m);
          else this.mergesByRow.set(x, [m]);
        }
      }
    }
    if (this.mergesByRow.size === 0) return false;
    const list = this.mergesByRow.get(r);
    if (list === undefined) return false;
    for (const m of list) if (c >= m.left && c <= m.right) return true;
    return false;
  }

  private conventionCache: { value: NumberConvention | undefined } | undefined = undefined;

  /** How this table writes its text numbers ("6,50" / "12.500.000" -> id), read from its value cells. */
  get convention(): NumberConvention | undefined {
    if (!this.conventionCache) {
      const valueCols = this.table.columns.filter((x) => !TEXT_ROLES.has(x.role)).map((x) => x.col);
      const grid = this.grid;
      const top = this.table.top;
      const bottom = this.table.bottom;
      function* values(): Generator<unknown> {
        for (let r = top; r <= bottom; r++) {
          const row = grid.cells[r];
          if (!row) continue;
          for (const col of valueCols) {
            const v = row[col]?.value;
            if (typeof v === "string") yield v;
          }
        }
      }
      this.conventionCache = { value: detectConvention(values()) };
    }
    return this.conventionCache.value;
  }

  /**
   * Value as the formulas will see it: computed values of empty (or overwritten) cells, else the
   * grid. A text number that is ambiguous alone ("1.020") is read by the sheet's own convention.
   */
  get(r: number, c: number): CellValue {
    if ((this.flagsOf(r, c) & OVERLAID) !== 0) return this.overlayGet(r, c);
    const v = this.grid.cells[r]?.[c]?.value;
    if (typeof v === "string" && MAYBE_AMBIGUOUS_RE.test(v)) {
      const plain = parseAngka(v);
      if (isAmbiguousNumberError(plain)) {
        const conv = this.convention;
        const p = conv ? parseAngka(v, { convention: conv }) : null;
        if (p && !isMonevError(p)) return p.value;
        if (this.mode === "plan" && (this.flagsOf(r, c) & AMBIGUOUS_NOTED) === 0) {
          this.flag(r, c, AMBIGUOUS_NOTED);
          this.notes.push(
            msg("note.ambiguous-number", { address: cellAddress(r, c), text: v.trim() })
          );
        }
      }
    }
    return v;
  }

  private overlaid(r: number, c: number): boolean {
    return (this.flagsOf(r, c) & OVERLAID) !== 0;
  }

  num(r: number, c: number): number | null {
    const v = this.get(r, c);
    // parseAngka of a number is the number itself (or an error when not finite): skip the object.
    if (typeof v === "number") return Number.isFinite(v) ? v : null;
    const p = parseAngka(v);
    return p === null || isMonevError(p) ? null : p.value;
  }

  has(r: number, c: number): boolean {
    return !isEmptyValue(this.get(r, c));
  }

  ref(r: number, c: number): string {
    return cellAddress(r, c);
  }

  /**
   * Does a computation of this cell need its description? Only a printed cell can disagree with
   * it (the audit skips empty cells): the text is not built for the cells the plan fills.
   */
  describes(r: number, c: number): boolean {
    return !isEmptyValue(this.grid.cells[r]?.[c]?.value);
  }

  emit(comp: Computation): void {
    const row = comp.row;
    const col = comp.col;
    if (comp.auditOnly && comp.label === undefined && typeof comp.value === "number") {
      // A check only matters where the audit could report it: not on an empty cell, nor where the
      // print agrees. Parent totals of a 50,000-row form are tens of thousands of such checks.
      const target = this.cell(row, col);
      if (
        !target ||
        isEmptyValue(target.value) ||
        agrees(target.value, comp.value, target.numFmt) === "yes"
      )
        return;
    }
    if (!comp.auditOnly && (this.flagsOf(row, col) & TAKEN) !== 0) return; // first rule wins
    const inputs = comp.inputs;
    // An input that disagrees with its own rule would carry its error on: compute nothing from it.
    // The audit still checks such a cell against the printed inputs (a right total is not
    // flagged because a child is wrong), but the plan does not write it.
    if (!comp.auditOnly && inputs) {
      let disputedInput: [number, number] | undefined;
      for (const inp of inputs) {
        if ((this.flagsOf(inp[0], inp[1]) & DISPUTED) !== 0) {
          disputedInput = inp;
          break;
        }
      }
      if (disputedInput) {
        if (this.mode === "plan" && isEmptyCell(this.cell(row, col))) {
          const [r, c] = disputedInput;
          this.notes.push(
            msg("note.disputed-input", {
              address: cellAddress(row, col),
              input: cellAddress(r, c),
            })
          );
        }
        comp = { ...comp, auditOnly: true };
      }
    }
    // A merged cell is never written: Excel refuses, or the value hides under the merge.
    if (!comp.auditOnly && !comp.isHeader && this.isMerged(row, col)) {
      if (this.mode === "plan" && isEmptyCell(this.cell(row, col))) {
        this.notes.push(msg("note.merged", { address: cellAddress(row, col) }));
      }
      comp = { ...comp, auditOnly: true };
    }
    if (!comp.auditOnly) this.flag(row, col, TAKEN);
    // A formula cannot compute on text numbers: fall back to the value, with a note.
    if (comp.formula !== undefined && inputs && this.anyTextInput(inputs)) {
      const texts = inputs.filter(
        ([r, c]) =>
          !this.overlaid(r, c) && typeof this.get(r, c) !== "number" && isTextNumber(this.get(r, c))
      );
      // A text read by the sheet's convention ("1.020" -> 1020) is text to a formula as well.
      for (const [r, c] of inputs) {
        const raw = this.cell(r, c)?.value;
        if (!this.overlaid(r, c) && typeof raw === "string" && typeof this.get(r, c) === "number")
          texts.push([r, c]);
      }
      if (texts.length > 0) {
        const list = texts
          .map(([r, c]) => `${cellAddress(r, c)} ('${String(this.cell(r, c)?.value)}')`)
          .join(", ");
        comp = {
          ...comp,
          formula: undefined,
          note: msg("note.text-input", { inputs: list }),
        };
      }
    }
    // Inputs are read only here: not kept, so a 50,000-row sheet does not hold arrays per computed cell.
    if (comp.inputs !== undefined) comp.inputs = undefined;
    if (comp.formula !== undefined) flatString(comp.formula);
    const target = comp.auditOnly ? undefined : this.cell(row, col);
    const empty = isEmptyCell(target);
    if (
      this.mode === "plan" &&
      empty &&
      !comp.auditOnly &&
      comp.formula !== undefined &&
      comp.note === undefined &&
      (comp.label === undefined || this.labelColumns.has(col)) &&
      !comp.isHeader
    ) {
      // The plan writes an empty cell as computed: the write itself stands for the computation.
      this.sink.push(plainWrite(this.grid.name, comp as Computation & { formula: string }));
    } else {
      this.sink.push(comp);
      // The summary learns the rating columns and their scale from the label computations: one
      // per column is enough, the other labels of an empty column go as plain writes.
      if (comp.label !== undefined) this.labelColumns.add(col);
    }
    if (comp.auditOnly) return;
    const replaced = this.mode === "plan" && this.opts.overwrite;
    if (!replaced && !empty && !alreadyThere(target, comp)) this.flag(row, col, DISPUTED);
    if (empty || (this.mode === "plan" && this.opts.overwrite)) {
      this.overlaySet(row, col, comp.value);
    }
  }

  /**
   * emit() of a formula computation given as its parts (no label, no note, not audit-only): the
   * usual case (an empty cell in plan mode, inputs undisputed, numbers, unmerged) goes straight to
   * its write without a Computation object; anything else takes emit(). Used by the data rules
   * and by the capaian and mean rules, tens of thousands of cells on a large form.
   */
  emitFormula(
    row: number,
    col: number,
    rule: string,
    formula: string,
    value: Computation["value"],
    numFmt: string | undefined,
    description: string,
    inputs: [number, number][],
    rowText?: string
  ): void {
    if ((this.flagsOf(row, col) & TAKEN) !== 0) return; // first rule wins
    const target = this.cell(row, col);
    let plain = this.mode === "plan" && isEmptyCell(target) && !this.isMerged(row, col);
    for (let i = 0; plain && i < inputs.length; i++) {
      const inp = inputs[i];
      if ((this.flagsOf(inp[0], inp[1]) & DISPUTED) !== 0) plain = false;
    }
    if (!plain || this.anyTextInput(inputs)) {
      this.emit({ row, col, rule, formula, value, numFmt, description, inputs });
      return;
    }
    this.flag(row, col, TAKEN);
    flatString(formula);
    this.sink.push(formulaWrite(this.grid.name, row, col, value, rule, formula, numFmt, rowText));
    this.overlaySet(row, col, value);
  }

  /** Emit into `list` instead of `computations` (undefined: back to `computations`). */
  emitInto(list: Computation[] | undefined): void {
    this.sink = list ?? this.computations;
  }

  /**
   * Append the rules' own lists to `computations` in one copy of the final size: pushed one by one
   * into a growing array, 100,000 items on a 50,000-row sheet leave three times that in copies.
   */
  appendLists(lists: Computation[][]): void {
    const wasSink = this.sink === this.computations;
    this.computations = this.computations.concat(...lists);
    if (wasSink) this.sink = this.computations;
  }

  /**
   * Can an input be a text number (see emit)? Only a grid text that no computed value covers:
   * `get` returns numbers, empties and other values unchanged.
   */
  private anyTextInput(inputs: [number, number][]): boolean {
    for (const inp of inputs) {
      const r = inp[0];
      const c = inp[1];
      if (typeof this.grid.cells[r]?.[c]?.value === "string" && !this.overlaid(r, c)) return true;
    }
    return false;
  }
}

// ---------- column and row helpers ----------

export function colsByRole(table: TableModel, ...roles: ColumnRole[]): ColumnInfo[] {
  return table.columns.filter((c) => roles.includes(c.role)).sort((a, b) => a.col - b.col);
}

export function colsByNumber(table: TableModel, n: number): ColumnInfo[] {
  return table.columns.filter((c) => c.number === n).sort((a, b) => a.col - b.col);
}

/**
 * Is the column a K (performance) or Rp (money) sub-column? Judged from the K/Rp sub-header, then
 * role, then header: "Target Kinerja dan Anggaran" heads both halves of a K/Rp pair, so the word
 * "anggaran" alone never makes the K half a rupiah column.
 */
export function isRpColumn(c: ColumnInfo): boolean {
  if (c.kr) return c.kr === "rp";
  if (/-rp$/.test(c.role) || c.role === "anggaran") return true;
  if (/-k$/.test(c.role)) return false;
  return /(^|[\s/])rp\.?$|rupiah|anggaran|keuangan/i.test(c.header);
}

/** Split columns with the same number into K and Rp. */
export function splitKRp(cols: ColumnInfo[]): { k?: ColumnInfo; rp?: ColumnInfo } {
  if (cols.length === 0) return {};
  const rp = cols.find((c) => isRpColumn(c));
  const k = cols.find((c) => !isRpColumn(c));
  return { k, rp };
}

/**
 * Rank of a row's level in the hierarchy (total 0 ... indikator 6; undefined: not a level of the
 * hierarchy). A switch: looking a level name up in an object is a megamorphic keyed load, and the
 * row walks ask this tens of thousands of times per sheet. The recogniser's parent links use their
 * own ranks (recognise/rows.ts rankOf: a sasaran there opens a block like a program); the summary's
 * blockRank and the evaluation sheet's parentRank are this rank with some levels left out.
 */
export function rank(row: RowInfo): number | undefined {
  switch (row.level) {
    case "total":
      return 0;
    case "group":
      return 1;
    case "urusan":
      return 2;
    case "program":
      return 3;
    case "kegiatan":
      return 4;
    case "subkegiatan":
    case "sasaran":
      return 5;
    case "indikator":
      return 6;
    default:
      return undefined;
  }
}

/**
 * Indices (into table.rows) of the rows below row i with one of the given levels, stopping at the
 * next row of the same or a higher rank. Parent pointers are used when the recogniser set them.
 */
export function descendants(table: TableModel, i: number, levels: RowInfo["level"][]): number[] {
  const rows = table.rows;
  const own = rank(rows[i]);
  const out: number[] = [];
  for (let j = i + 1; j < rows.length; j++) {
    const r = rows[j];
    const rk = rank(r);
    if (own !== undefined && rk !== undefined && rk <= own) break;
    if (r.level === "jumlah" || r.level === "footer") break;
    if (levels.includes(r.level)) out.push(j);
  }
  return out;
}

/**
 * Row indices by parent index, built once per table (null when the recogniser set no parents):
 * looking children up by scanning every row for every parent made large sheets quadratic. Kept as
 * two typed arrays (children of parent p: `list[start[p]] .. list[start[p + 1] - 1]`, in row
 * order), not a map of arrays: it lives as long as the table.
 */
interface ChildIndex {
  start: Int32Array;
  list: Int32Array;
}
const childrenByParent = new WeakMap<TableModel, ChildIndex | null>();
function parentIndex(table: TableModel): ChildIndex | null {
  let index = childrenByParent.get(table);
  if (index === undefined) {
    const rows = table.rows;
    const n = rows.length;
    const start = new Int32Array(n + 1);
    let any = false;
    for (let j = 0; j < n; j++) {
      const p = rows[j].parent;
      if (p === undefined) continue;
      any = true;
      if (p >= 0 && p < n) start[p + 1]++;
    }
    if (!any) index = null;
    else {
      for (let p = 0; p < n; p++) start[p + 1] += start[p];
      const list = new Int32Array(start[n]);
      const fill = start.slice(0, n);
      for (let j = 0; j < n; j++) {
        const p = rows[j].parent;
        if (p === undefined || p < 0 || p >= n) continue;
        list[fill[p]++] = j;
      }
      index = { start, list };
    }
    childrenByParent.set(table, index);
  }
  return index;
}

/** Direct children: descendants of the given levels whose nearest ranked ancestor is row i. */
export function children(table: TableModel, i: number, levels: RowInfo["level"][]): number[] {
  const rows = table.rows;
  const index = parentIndex(table);
  if (index) {
    const out: number[] = [];
    if (i < 0 || i + 1 >= index.start.length) return out;
    for (let k = index.start[i]; k < index.start[i + 1]; k++) {
      const j = index.list[k];
      if (levels.includes(rows[j].level)) out.push(j);
    }
    return out;
  }
  const desc = descendants(table, i, levels);
  const minRank = minOf(desc.map((j) => rank(rows[j]) ?? 99));
  return desc.filter((j) => (rank(rows[j]) ?? 99) === minRank);
}

/** Nearest row above i (in table.rows) with one of the levels. */
export function previous(
  table: TableModel,
  i: number,
  levels: RowInfo["level"][]
): number | undefined {
  for (let j = i - 1; j >= 0; j--) if (levels.includes(table.rows[j].level)) return j;
  return undefined;
}

/** Sum of the numeric values (text numbers parsed, blanks and dashes = 0); null when none is numeric. */
export function sumValues(values: CellValue[]): number | null {
  let s = 0;
  let n = 0;
  for (const v of values) {
    const p = parseAngka(v);
    if (p === null || isMonevError(p)) continue;
    s += p.value;
    n++;
  }
  return n === 0 ? null : s;
}

/** Result of a core rule as a cached formula value: errors become "" (the formulas return ""). */
export function cached(x: number | string | { kind: "monev-error" }): number | string {
  if (typeof x === "number" || typeof x === "string") return x;
  return "";
}

/** References for SUM/AVERAGE: runs of consecutive rows in one column become a range (Y18:Y37). */
export function refList(ctx: RuleContext, cells: [number, number][]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < cells.length) {
    const [r0, c0] = cells[i];
    let j = i;
    while (j + 1 < cells.length && cells[j + 1][1] === c0 && cells[j + 1][0] === cells[j][0] + 1)
      j++;
    parts.push(j > i ? `${ctx.ref(r0, c0)}:${ctx.ref(cells[j][0], c0)}` : ctx.ref(r0, c0));
    i = j + 1;
  }
  return parts.join(",");
}
