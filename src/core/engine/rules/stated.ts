/**
 * Rules for data rows that follow from what the form itself defines: every formula stated in its
 * column-number row (`12 = 8+9+10+11`, `13 = 12/7*100`, `14 = 6 + 12`), evaluated per sub-column
 * kind (K with K, Rp with Rp), plus two role rules where the form states nothing (realisation
 * total = sum of the quarters right before it; capaian = total / target when no formula is stated
 * at all). A column the engine cannot resolve for certain is left empty, with a note naming it.
 */
import { capaian, capaianFormula } from "../../capaian";
import type { ColumnInfo, ColumnRole, RowInfo, TableModel } from "../types";
import {
  asPercentRatio,
  exprText,
  isPlainSum,
  refsOf,
  type Expr,
  type SubKind,
} from "../recognise/definitions";
import type { CellValue } from "../../errors";
import { isMonevError } from "../../errors";
import { parseAngka } from "../../number";
import {
  PCT,
  RP,
  RuleContext,
  TEXT_ROLES,
  cached,
  isEmptyValue,
  type Computation,
} from "./context";
import { quarterRealisation, rowArah } from "./common";
import { cellAddress, columnLetter } from "../address";
import { msg, type Message } from "../messages";
import { appendAll } from "../../arrays";

/** One computed column on data rows: an expression whose references are SHEET columns. */
export interface DataRule {
  out: number;
  kind: SubKind;
  expr: Expr;
  /** Printed number of the output column, when the form numbers its columns. */
  number?: number;
  /** How the rule reads in messages, e.g. '13 = 12 / 7 × 100 (K)'. */
  text: string;
  source: "stated" | "role";
}

/** The form columns the aggregate (rata-rata, predikat) rules build on, per kind. */
export interface FormColumns {
  quarters: { k: number[]; rp: number[] };
  total: { k?: number; rp?: number };
  target: { k?: number; rp?: number };
  capaian: { k?: number; rp?: number };
}

const KIND_LABEL: Record<SubKind, string> = { k: "K", rp: "Rp", pct: "%", value: "" };

function kindSuffix(kind: SubKind): string {
  return kind === "value" ? "" : ` (${KIND_LABEL[kind]})`;
}

function mapExpr(e: Expr, f: (n: number) => number): Expr {
  if (e.t === "ref") return { t: "ref", n: f(e.n) };
  if (e.t === "bin") return { ...e, a: mapExpr(e.a, f), b: mapExpr(e.b, f) };
  return e;
}

/** Money-like caption: an unsplit column with it counts as Rp. */
function isMoneyColumn(c: ColumnInfo | undefined): boolean {
  if (!c) return false;
  if (/-rp$/.test(c.role) || c.role === "anggaran" || c.role === "keuangan") return true;
  const h = c.header.toLowerCase();
  return (
    /\brp\b|rupiah|\bpagu\b|\bdpa\b/.test(h) || (/anggaran|keuangan/.test(h) && !/kinerja/.test(h))
  );
}

function shortHeader(c: ColumnInfo | undefined): string {
  const h = (c?.header ?? "").replace(/\s+/g, " ").trim();
  return h.length > 60 ? h.slice(0, 57) + "..." : h;
}

/** Computed columns the form defines but the engine cannot compute (their dependents say so). */
const unresolvedOutputs = new WeakMap<TableModel, Set<number>>();

/** Build the data-row rules of a table; notes say which columns are left empty and why. */
export function dataRules(table: TableModel, notes: Message[]): DataRule[] {
  const rules: DataRule[] = [];
  const colInfo = new Map(table.columns.map((c) => [c.col, c]));
  const defs = table.definitions;
  const outputs = new Set<number>();
  const unresolved = new Set<number>();
  unresolvedOutputs.set(table, unresolved);
  let anyStated = false;
  if (defs) {
    for (const pc of defs.byNumber.values()) {
      if (pc.unparsed) {
        notes.push(msg("note.stated-unparsed", { column: pc.number, formula: pc.text ?? "" }));
        continue;
      }
      if (!pc.expr || pc.expr.t === "mean-children") continue;
      anyStated = true;
      const expr = pc.expr;
      for (const sub of pc.subs) {
        const outInfo = colInfo.get(sub.col);
        const where = {
          column: `${pc.number}${kindSuffix(sub.kind)}`,
          header: shortHeader(outInfo),
          formula: pc.text ?? "",
        };
        if (sub.kind === "pct") {
          notes.push(msg("note.stated-pct-undefined", where));
          continue;
        }
        if (outInfo && TEXT_ROLES.has(outInfo.role)) {
          notes.push(msg("note.stated-text-column", where));
          continue;
        }
        let missing: number | undefined;
        const mapped = mapExpr(expr, (n) => {
          const col = resolveOperand(defs.byNumber.get(n)?.subs ?? [], sub.kind, colInfo);
          if (col === undefined) {
            missing ??= n;
            return -1;
          }
          return col;
        });
        if (missing !== undefined) {
          unresolved.add(sub.col);
          notes.push(
            sub.kind === "value"
              ? msg("note.stated-operand-missing", { ...where, operand: missing })
              : msg("note.stated-operand-sub-missing", {
                  ...where,
                  operand: missing,
                  sub: KIND_LABEL[sub.kind],
                })
          );
          continue;
        }
        if (refsOf(mapped).includes(sub.col)) continue; // a column defined by itself: nothing to compute
        rules.push({
          out: sub.col,
          kind: sub.kind,
          expr: mapped,
          number: pc.number,
          text: `${pc.number} = ${exprText(expr)}${kindSuffix(sub.kind)}`,
          source: "stated",
        });
        outputs.add(sub.col);
      }
    }
  }
  roleRules(table, rules, outputs, anyStated, notes);
  return inDependencyOrder(dropSuspectRatios(rules, table, notes));
}

/**
 * `16 = 14/6*100` where 14 is itself a capaian (a percentage): a percentage of a percentage
 * against a target is almost surely a misprint of the form (15/6?). Writing it would put
 * numbers like 2000 % in a report: leave the column empty and say why.
 */
function dropSuspectRatios(rules: DataRule[], table: TableModel, notes: Message[]): DataRule[] {
  const percentOutputs = new Set(rules.filter((r) => asPercentRatio(r.expr)).map((r) => r.out));
  const colInfo = new Map(table.columns.map((c) => [c.col, c]));
  return rules.filter((r) => {
    const ratio = asPercentRatio(r.expr);
    if (!ratio || !percentOutputs.has(ratio.num)) return true;
    const numInfo = table.definitions?.byCol.get(ratio.num);
    notes.push(
      msg("note.stated-ratio-of-percent", {
        column: `${r.number ?? ""}${kindSuffix(r.kind)}`,
        header: shortHeader(colInfo.get(r.out)),
        formula: r.text,
        divided: String(numInfo?.number ?? ""),
      })
    );
    return false;
  });
}

/** Rules ordered so that each comes after the rules computing its inputs (`14 = 13/8*100` after 13). */
function inDependencyOrder(rules: DataRule[]): DataRule[] {
  const byOut = new Map(rules.map((r) => [r.out, r]));
  const done = new Set<DataRule>();
  const visiting = new Set<DataRule>();
  const out: DataRule[] = [];
  const visit = (r: DataRule) => {
    if (done.has(r) || visiting.has(r)) return; // a cycle: leave the order as printed
    visiting.add(r);
    for (const c of refsOf(r.expr)) {
      const dep = byOut.get(c);
      if (dep) visit(dep);
    }
    visiting.delete(r);
    done.add(r);
    out.push(r);
  };
  for (const r of rules) visit(r);
  return out;
}

/** The operand's sub-column of the same kind; an unsplit operand only where its kind is certain. */
function resolveOperand(
  subs: { col: number; kind: SubKind }[],
  kind: SubKind,
  colInfo: Map<number, ColumnInfo>
): number | undefined {
  const same = subs.find((s) => s.kind === kind);
  if (same) return same.col;
  if (subs.length !== 1 || subs[0].kind !== "value") return undefined;
  const only = subs[0].col;
  if (kind === "value") return only;
  const money = isMoneyColumn(colInfo.get(only));
  if (kind === "rp") return money ? only : undefined;
  return money ? undefined : only; // K
}

function quarterCols(table: TableModel, kind: "k" | "rp"): number[] {
  const role = kind === "k" ? "realisasi-tw-k" : "realisasi-tw-rp";
  return table.columns
    .filter((c) => c.role === role)
    .sort((a, b) => (a.quarter ?? 0) - (b.quarter ?? 0) || a.col - b.col)
    .map((c) => c.col)
    .slice(0, 4);
}

/** Role rules for what the form does not state. */
function roleRules(
  table: TableModel,
  rules: DataRule[],
  outputs: Set<number>,
  anyStated: boolean,
  notes: Message[]
): void {
  const byRole = (role: ColumnRole) =>
    table.columns.filter((c) => c.role === role).sort((a, b) => a.col - b.col);
  for (const kind of ["k", "rp"] as const) {
    const qs = quarterCols(table, kind);
    if (qs.length < 2) continue;
    const lastQ = Math.max(...qs);
    // The realisation total: the first column of this kind after the quarters, if its caption says realisation.
    const totalInfo = byRole(kind === "k" ? "realisasi-total-k" : "realisasi-total-rp").find(
      (c) => c.col > lastQ
    );
    if (!totalInfo || outputs.has(totalInfo.col)) continue;
    const between = table.columns.filter(
      (c) =>
        c.col > lastQ &&
        c.col < totalInfo.col &&
        (c.kr === kind || (c.kr === undefined && c.number !== undefined))
    );
    if (between.length > 0) continue;
    const stated = table.definitions?.byCol.get(totalInfo.col);
    if (stated && table.definitions?.byNumber.get(stated.number)?.text !== undefined) continue;
    const expr = qs
      .map((c): Expr => ({ t: "ref", n: c }))
      .reduce((a, b) => ({ t: "bin", op: "+", a, b }));
    const num = stated?.number;
    rules.push({
      out: totalInfo.col,
      kind,
      expr,
      number: num,
      text: `${num !== undefined ? `${num} = ` : ""}jumlah realisasi triwulan${kindSuffix(kind)}`,
      source: "role",
    });
    outputs.add(totalInfo.col);
  }
  if (anyStated) return; // the form states its formulas: capaian only where it says so
  for (const kind of ["k", "rp"] as const) {
    const total =
      rules.find((r) => r.kind === kind && isPlainSum(r.expr))?.out ??
      byRole(kind === "k" ? "realisasi-total-k" : "realisasi-total-rp")[0]?.col;
    const cap = byRole(kind === "k" ? "capaian-k" : "capaian-rp").find(
      (c) => total !== undefined && c.col > total
    );
    if (total === undefined || !cap || outputs.has(cap.col)) continue;
    const qs = quarterCols(table, kind);
    const firstQ = qs.length > 0 ? Math.min(...qs) : total;
    const targets = table.columns
      .filter(
        (c) =>
          c.col < firstQ &&
          (kind === "k" ? c.role === "target-k" : c.role === "target-rp" || c.role === "anggaran")
      )
      .sort((a, b) => a.col - b.col);
    const target = targets.at(-1);
    if (!target) {
      notes.push(
        msg("note.quarter-target-missing", { header: shortHeader(cap), sub: KIND_LABEL[kind] })
      );
      continue;
    }
    const expr: Expr = {
      t: "bin",
      op: "*",
      a: { t: "bin", op: "/", a: { t: "ref", n: total }, b: { t: "ref", n: target.col } },
      b: { t: "const", v: 100 },
    };
    rules.push({
      out: cap.col,
      kind,
      expr,
      text: `capaian = realisasi / target × 100${kindSuffix(kind)}`,
      source: "role",
    });
    outputs.add(cap.col);
  }
}

/** Aggregate-rule columns, read off the data rules. */
export function formColumns(table: TableModel, rules: DataRule[]): FormColumns {
  const out: FormColumns = {
    quarters: { k: quarterCols(table, "k"), rp: quarterCols(table, "rp") },
    total: {},
    target: {},
    capaian: {},
  };
  for (const kind of ["k", "rp"] as const) {
    const qs = new Set(out.quarters[kind]);
    const total = rules.find(
      (r) =>
        r.kind === kind &&
        isPlainSum(r.expr) &&
        refsOf(r.expr).length >= 2 &&
        refsOf(r.expr).every((c) => qs.has(c))
    );
    if (!total) continue;
    out.total[kind] = total.out;
    const cap = rules.find((r) => r.kind === kind && asPercentRatio(r.expr)?.num === total.out);
    if (!cap) continue;
    out.capaian[kind] = cap.out;
    out.target[kind] = asPercentRatio(cap.expr)?.den;
  }
  return out;
}

const DATA_LEVELS = new Set<RowInfo["level"]>([
  "indikator",
  "subkegiatan",
  "kegiatan",
  "program",
  "urusan",
  "sasaran",
  "group",
  "total",
]);

/**
 * A row the data rules apply to: a labelled row of the hierarchy. Its own inputs then decide (a
 * kegiatan row with no K target of its own gets the RKPD average instead).
 */
export function isDataRow(row: RowInfo): boolean {
  return DATA_LEVELS.has(row.level) && row.label.trim() !== "";
}

/** The value of an expression; `vals[c]` is the number of sheet column c on the row. */
function evalExpr(e: Expr, vals: number[]): number {
  switch (e.t) {
    case "ref":
      return vals[e.n];
    case "const":
      return e.v;
    case "bin": {
      const a = evalExpr(e.a, vals);
      const b = evalExpr(e.b, vals);
      if (e.op === "+") return a + b;
      if (e.op === "-") return a - b;
      if (e.op === "*") return a * b;
      return a / b;
    }
    default:
      return NaN;
  }
}

function formulaOf(e: Expr, ref: (c: number) => string): string {
  switch (e.t) {
    case "ref":
      return ref(e.n);
    case "const":
      return String(e.v);
    case "bin":
      return `${operandOf(e.a, ref)}${e.op}${operandOf(e.b, ref)}`;
    default:
      return '""';
  }
}

/** An operand of a binary expression: parenthesised when it is one itself. */
function operandOf(x: Expr, ref: (c: number) => string): string {
  return x.t === "bin" ? `(${formulaOf(x, ref)})` : formulaOf(x, ref);
}

/** Marks a column in a formula template (never part of a formula). */
const MARK = "\u0001";
const marker = (c: number): string => `${MARK}${c}${MARK}`;

/**
 * A formula as the texts around its row numbers, built once per rule: every reference of a data
 * rule is on the row itself, so `parts.join(String(row + 1))` is the formula of a row (one flat
 * string, no pieces to concatenate).
 */
interface Template {
  parts: string[];
}

function template(formula: string): Template {
  const pieces = formula.split(MARK);
  const parts: string[] = [pieces[0]];
  for (let i = 1; i < pieces.length; i += 2) {
    // pieces[i] is a column: its letter ends the text before the row number.
    parts[parts.length - 1] += columnLetter(Number(pieces[i]));
    parts.push(pieces[i + 1] ?? "");
  }
  return { parts };
}

/** A data rule with what its walk over the rows needs, prepared once. */
interface Prepared {
  rule: DataRule;
  refs: number[];
  ratio: ReturnType<typeof asPercentRatio>;
  sum: boolean;
  fmt: string | undefined;
  ruleId: string;
  /** Per operand: a blank counts as 0 (only in a sum, only for quarter columns). */
  blankOk: boolean[];
  /** The formula of a non-ratio rule; ratio rules: per direction, lazily. */
  formula?: Template;
  capaian: Map<string, { formula: Template; description: string }>;
  /** The rule's inputs on the current row (emit reads them and keeps nothing). */
  inputs: [number, number][];
  blankRows: number;
  blankCols: Set<number>;
  /** What the rule emitted and noted, in row order: appended rule by rule at the end. */
  comps: Computation[];
  notes: Message[];
}

/**
 * Emit every data rule on every data row whose inputs allow it. `ruleIds` names the rules of
 * columns a form gives a meaning (e.g. the RKPD capaian K), which summaries count.
 *
 * One walk over the rows: on each row every rule in dependency order (a rule reads only its own
 * row, and the rules before it on that row). What each rule emits and notes is kept per rule and
 * appended rule by rule, so the output is the same as one walk per rule.
 */
export function applyDataRules(
  ctx: RuleContext,
  rules: DataRule[],
  ruleIds: Map<number, string> = new Map()
): void {
  const { table } = ctx;
  // The filter ignores the kind: the data rows are the same for every rule.
  const dataRows = table.rows.filter(isDataRow);
  // Quarter columns (blank = nothing realised yet = 0 in a sum): by caption, and every sub-column
  // of a printed number one of whose sub-columns is captioned as a quarter.
  const quarter = new Set(table.columns.filter((c) => c.quarter !== undefined).map((c) => c.col));
  const defs = table.definitions;
  if (defs) {
    const qNumbers = new Set(
      [...quarter].map((c) => defs.byCol.get(c)?.number).filter((n): n is number => n !== undefined)
    );
    for (const n of qNumbers)
      for (const sub of defs.byNumber.get(n)?.subs ?? []) quarter.add(sub.col);
  }
  const arahCol = table.columns.find((c) => c.role === "arah")?.col;
  const outputs = new Set([...rules.map((r) => r.out), ...(unresolvedOutputs.get(table) ?? [])]);
  let maxCol = 0;
  const prepared: Prepared[] = rules.map((rule) => {
    const refs = refsOf(rule.expr);
    const ratio = asPercentRatio(rule.expr);
    const sum = isPlainSum(rule.expr);
    for (const c of refs) maxCol = Math.max(maxCol, c);
    const p: Prepared = {
      rule,
      refs,
      ratio,
      sum,
      fmt: rule.kind === "rp" && !ratio ? RP : ratio ? PCT : undefined,
      ruleId:
        ruleIds.get(rule.out) ??
        (rule.source === "stated" ? `kolom-${rule.number}` : ratio ? "capaian" : "jumlah-triwulan"),
      blankOk: refs.map((c) => sum && quarter.has(c)),
      capaian: new Map(),
      inputs: (ratio ? [ratio.den, ratio.num] : refs).map((c): [number, number] => [0, c]),
      blankRows: 0,
      blankCols: new Set<number>(),
      comps: [],
      notes: [],
      // Set below for a non-ratio rule: present from the start, so every Prepared has one shape.
      formula: undefined,
    };
    if (!ratio) {
      const marks = refs.map(marker);
      p.formula = template(
        sum
          ? `SUM(${marks.join(",")})`
          : `IF(AND(${marks.map((a) => `ISNUMBER(${a})`).join(",")}),IFERROR(${formulaOf(rule.expr, marker)},""),"")`
      );
    }
    return p;
  });
  if (prepared.length === 0) return;
  // The current row's number as formulas print it; numbers of the operands.
  const vals: number[] = new Array<number>(maxCol + 1).fill(0);
  const notes = ctx.notes;
  // The walk calls a function per row: that function is compiled once and stays compiled from
  // one sheet to the next, whatever happens to this one (called once per table).
  try {
    for (let d = 0; d < dataRows.length; d++)
      applyRow(ctx, prepared, dataRows[d], arahCol, outputs, vals);
  } finally {
    ctx.emitInto(undefined);
  }
  ctx.appendLists(prepared.map((p) => p.comps));
  for (const p of prepared) {
    appendAll(notes, p.notes);
    const rule = p.rule;
    if (p.blankRows > 0 && ctx.mode === "plan") {
      const which = [...p.blankCols]
        .map((c) => defs?.byCol.get(c)?.number ?? cellAddress(0, c).replace(/\d+$/, ""))
        .join(", ");
      notes.push(
        msg(p.sum ? "note.stated-blank-inputs-sum" : "note.stated-blank-inputs", {
          column: `${rule.number ?? cellAddress(0, rule.out).replace(/\d+$/, "")}${kindSuffix(rule.kind)}`,
          count: p.blankRows,
          inputs: which,
          formula: rule.text,
        })
      );
    }
  }
}

/** The number a formula sees in a cell value (RuleContext.num of the value). */
function numOf(v: CellValue): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  const p = parseAngka(v);
  return p === null || isMonevError(p) ? null : p.value;
}

const DASH_OR_NIHIL_RE = /^[-\u2010-\u2015\u2212]+$|^nihil$/i;

/** Every data rule on one data row, each into its own lists. */
function applyRow(
  ctx: RuleContext,
  prepared: Prepared[],
  row: RowInfo,
  arahCol: number | undefined,
  outputs: Set<number>,
  vals: number[]
): void {
  const notes = ctx.notes;
  // The row's number as its formulas print it.
  const rowText = String(row.row + 1);
  for (let k = 0; k < prepared.length; k++) {
    const p = prepared[k];
    const nNotes = notes.length;
    ctx.emitInto(p.comps);
    applyOne(ctx, p, row, rowText, arahCol, outputs, vals);
    if (notes.length !== nNotes) {
      for (let i = nNotes; i < notes.length; i++) p.notes.push(notes[i]);
      notes.length = nNotes;
    }
  }
}

/** One data rule on one row. */
function applyOne(
  ctx: RuleContext,
  p: Prepared,
  row: RowInfo,
  rowText: string,
  arahCol: number | undefined,
  outputs: Set<number>,
  vals: number[]
): void {
  const r = row.row;
  const rule = p.rule;
  const inputs = p.inputs;
  for (let i = 0; i < inputs.length; i++) inputs[i][0] = r;
  const ratio = p.ratio;
  if (ratio) {
    const t = ratio.den;
    const x = ratio.num;
    // Each input read once (`has` is a read too): the same values, in the same order.
    const tv = ctx.get(r, t);
    const xv = ctx.get(r, x);
    const hasT = !isEmptyValue(tv);
    const hasX = !isEmptyValue(xv);
    if (!hasT || !hasX) {
      // A computed input left empty on a row that has the others: say so, column by column.
      const missT = !hasT && outputs.has(t);
      const missX = !hasX && outputs.has(x);
      if ((missT || missX) && (hasT || hasX)) {
        p.blankRows++;
        if (missT) p.blankCols.add(t);
        if (missX) p.blankCols.add(x);
      }
      return;
    }
    const arah = rule.kind === "k" ? rowArah(ctx, row, arahCol) : "normal";
    let cap = p.capaian.get(arah);
    if (cap === undefined) {
      cap = {
        formula: template(
          capaianFormula(marker(t), marker(x), {
            arah,
            cap: rule.kind === "rp" ? undefined : ctx.opts.batas,
          })
        ),
        description: arah === "normal" ? rule.text : `${rule.text}, arah ${arah}`,
      };
      p.capaian.set(arah, cap);
    }
    ctx.emitFormula(
      r,
      rule.out,
      p.ruleId,
      cap.formula.parts.join(rowText),
      cached(capaian(tv, xv, { arah, cap: rule.kind === "rp" ? undefined : ctx.opts.batas })),
      PCT,
      cap.description,
      inputs,
      rowText
    );
    return;
  }
  // Every operand must be a number; blanks count as 0 only in a sum, and only for quarter columns.
  const refs = p.refs;
  let blanks = 0;
  let bad = false;
  let blankHere: number[] | undefined;
  for (let i = 0; i < refs.length; i++) {
    const c = refs[i];
    const v = ctx.get(r, c);
    const n = numOf(v);
    vals[c] = n ?? 0;
    if (isEmptyValue(v) || (typeof v === "string" && DASH_OR_NIHIL_RE.test(v.trim()))) {
      if (!p.blankOk[i]) {
        bad = true;
        (blankHere ??= []).push(c);
      }
      blanks++;
    } else if (n === null) bad = true;
  }
  if (blanks === refs.length) return;
  if (bad) {
    if (p.sum && blankHere !== undefined) {
      p.blankRows++;
      for (const c of blankHere) p.blankCols.add(c);
    }
    return;
  }
  // A K realisation of quarters that are not added up (a rate: the last quarter; or their mean).
  const quarterly =
    p.sum && rule.kind === "k"
      ? quarterRealisation(ctx, row, refs, rule.out, p.ruleId, p.fmt)
      : undefined;
  if (quarterly) return ctx.emit(quarterly);
  const value = evalExpr(rule.expr, vals);
  ctx.emitFormula(
    r,
    rule.out,
    p.ruleId,
    (p.formula as Template).parts.join(rowText),
    Number.isFinite(value) ? value : "",
    p.fmt,
    rule.text,
    inputs,
    rowText
  );
}
