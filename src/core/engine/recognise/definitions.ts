/**
 * The form's own definition of its columns, read from its column-number row: which sheet columns
 * carry each printed number (a number spans its K / Rp / % sub-columns) and the formula stated
 * for it (`12 = 8+9+10+11`, `13 = 12/7*100`, `8 = 5:4`, `(5)=(4)/(3)x100%`, `11 = ΣN : n`).
 * Formulas are parsed into expressions over PRINTED numbers; rules map them to the real columns.
 * Never assumes any form's numbering. Pure.
 */

/** Sub-column kind under a printed number: performance (K), money (Rp), percent, or unsplit. */
export type SubKind = "k" | "rp" | "pct" | "value";

export type Expr =
  | { t: "ref"; n: number }
  | { t: "const"; v: number }
  | { t: "bin"; op: "+" | "-" | "*" | "/"; a: Expr; b: Expr }
  | { t: "mean-children" };

export interface SubColumn {
  col: number;
  kind: SubKind;
}

export interface PrintedColumn {
  number: number;
  /** Value-bearing sheet columns under this number, left to right. */
  subs: SubColumn[];
  /** Every sheet column under this number (including e.g. a satuan column inside a merged "K"). */
  span: number[];
  /** The stated formula as printed, e.g. '12 = 8+9+10+11'. */
  text?: string;
  /** The parsed right-hand side; absent when nothing is stated or it could not be understood. */
  expr?: Expr;
  /** Set when a formula is printed but could not be understood (then nothing is computed). */
  unparsed?: boolean;
}

export interface ColumnDefinitions {
  /** Printed columns by printed number. */
  byNumber: Map<number, PrintedColumn>;
  /** Printed number and sub-kind of each value-bearing sheet column. */
  byCol: Map<number, { number: number; kind: SubKind }>;
}

/** Input of `buildDefinitions`: what the header block says about one sheet column. */
export interface DefinitionInput {
  col: number;
  number?: number;
  /** 'k' / 'rp' / 'pct' from the K/Rp row; undefined when the column has no sub-caption. */
  sub?: "k" | "rp" | "pct";
  /** The column is covered by a sub-caption merged from a column on its left (e.g. "K" over H:I). */
  subContinuation?: boolean;
  /** Raw text of the column-number cell when it states a formula. */
  formulaText?: string;
}

export function buildDefinitions(cols: DefinitionInput[]): ColumnDefinitions | undefined {
  const byNumber = new Map<number, PrintedColumn>();
  for (const c of cols) {
    if (c.number === undefined) continue;
    let pc = byNumber.get(c.number);
    if (!pc) {
      pc = { number: c.number, subs: [], span: [] };
      byNumber.set(c.number, pc);
    }
    pc.span.push(c.col);
    if (c.formulaText && pc.text === undefined) pc.text = c.formulaText;
  }
  if (byNumber.size === 0) return undefined;
  const byCol = new Map<number, { number: number; kind: SubKind }>();
  for (const pc of byNumber.values()) {
    const members = cols.filter((c) => c.number === pc.number);
    const split = members.some((c) => c.sub !== undefined);
    for (const m of members) {
      if (split) {
        if (m.sub === undefined) continue; // e.g. the satuan half of a merged "K", or a spacer
        pc.subs.push({ col: m.col, kind: m.sub });
      } else if (pc.subs.length === 0) {
        pc.subs.push({ col: m.col, kind: "value" }); // unsplit: the first column holds the value
      }
    }
    for (const s of pc.subs) byCol.set(s.col, { number: pc.number, kind: s.kind });
    if (pc.text !== undefined) {
      const expr = parseDefinition(pc.text, new Set(byNumber.keys()));
      if (expr) pc.expr = expr;
      else pc.unparsed = true;
    }
  }
  return { byNumber, byCol };
}

/** Printed numbers an expression reads. */
export function refsOf(e: Expr, out: number[] = []): number[] {
  if (e.t === "ref") out.push(e.n);
  else if (e.t === "bin") {
    refsOf(e.a, out);
    refsOf(e.b, out);
  }
  return out;
}

/** The expression is a plain sum of printed columns (`12 = 8+9+10+11`, `14 = 6 + 12`). */
export function isPlainSum(e: Expr): boolean {
  if (e.t === "ref") return true;
  return e.t === "bin" && e.op === "+" && isPlainSum(e.a) && isPlainSum(e.b);
}

/** `a / b * 100` (or `a : b x 100`): the achievement of a against b. */
export function asPercentRatio(e: Expr): { num: number; den: number } | undefined {
  if (e.t !== "bin") return undefined;
  // (a / b) * 100
  if (
    e.op === "*" &&
    e.b.t === "const" &&
    e.b.v === 100 &&
    e.a.t === "bin" &&
    e.a.op === "/" &&
    e.a.a.t === "ref" &&
    e.a.b.t === "ref"
  ) {
    return { num: e.a.a.n, den: e.a.b.n };
  }
  // a / b * 100 parsed left-assoc is the same tree; a * 100 / b:
  if (
    e.op === "/" &&
    e.b.t === "ref" &&
    e.a.t === "bin" &&
    e.a.op === "*" &&
    e.a.a.t === "ref" &&
    e.a.b.t === "const" &&
    e.a.b.v === 100
  ) {
    return { num: e.a.a.n, den: e.b.n };
  }
  return undefined;
}

// ---------- parsing ----------

/** OCR and typing variants normalised before tokenising. */
function normaliseFormulaText(s: string): string {
  return s
    .replace(/[×xX✕]/g, "*")
    .replace(/[÷:]/g, "/")
    .replace(/[\u2212\u2013\u2014]/g, "-")
    .replace(/[,.]$/, "")
    .replace(/(\d)[lI|](?=\d)/g, "$11") // OCR: "1l" -> "11"
    .replace(/(^|[^A-Za-z\d])[lI](?=\d)/g, "$11") // OCR: "l2" -> "12"
    .replace(/(\d)[oO](?=\d|\b)/g, "$10")
    .replace(/%/g, "")
    .replace(/\s+/g, "");
}

const MEAN_CHILDREN_RE = /^(?:[ΣΣ∑E7]|\\sum|sum)N\/n$/i;

/**
 * Parse the text of a column-number cell (`13 = 12/7*100`) into the right-hand expression.
 * `known` is the set of printed numbers of the form: numbers not in it are constants only when
 * they are 100 or 1000 (percent and thousand factors); anything else makes the formula unreadable.
 */
export function parseDefinition(text: string, known: Set<number>): Expr | undefined {
  const eq = text.indexOf("=");
  if (eq < 0) return undefined;
  const rhs = normaliseFormulaText(text.slice(eq + 1));
  if (rhs === "") return undefined;
  if (MEAN_CHILDREN_RE.test(rhs)) return { t: "mean-children" };
  const tokens = rhs.match(/\d+(?:\.\d+)?|[-+*/()]|./g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const fail = (): never => {
    throw new Error("unparsable");
  };
  const primary = (): Expr => {
    const tk = tokens[i++];
    if (tk === undefined) return fail();
    if (tk === "(") {
      const e = sum();
      if (tokens[i++] !== ")") fail();
      return e;
    }
    if (/^\d+(?:\.\d+)?$/.test(tk)) {
      const v = Number(tk);
      if (Number.isInteger(v) && known.has(v)) return { t: "ref", n: v };
      if (v === 100 || v === 1000) return { t: "const", v };
      return fail();
    }
    return fail();
  };
  const product = (): Expr => {
    let e = primary();
    while (peek() === "*" || peek() === "/") {
      const op = tokens[i++] as "*" | "/";
      e = { t: "bin", op, a: e, b: primary() };
    }
    return e;
  };
  const sum = (): Expr => {
    let e = product();
    while (peek() === "+" || peek() === "-") {
      const op = tokens[i++] as "+" | "-";
      e = { t: "bin", op, a: e, b: product() };
    }
    return e;
  };
  try {
    const e = sum();
    if (i !== tokens.length) return undefined;
    // A bare constant or a bare reference defines nothing to compute.
    if (e.t !== "bin") return undefined;
    return e;
  } catch {
    return undefined;
  }
}

/** Expression as text over printed numbers, for messages: '12 / 7 × 100'. */
export function exprText(e: Expr): string {
  switch (e.t) {
    case "ref":
      return String(e.n);
    case "const":
      return String(e.v);
    case "mean-children":
      return "rata-rata baris anak";
    case "bin": {
      const op = e.op === "*" ? "×" : e.op;
      const wrap = (x: Expr) =>
        x.t === "bin" && (x.op === "+" || x.op === "-") && (e.op === "*" || e.op === "/")
          ? `(${exprText(x)})`
          : exprText(x);
      return `${wrap(e.a)} ${op} ${wrap(e.b)}`;
    }
  }
}
