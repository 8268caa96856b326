/**
 * Audit of the sheet's own formulas, where a value check cannot see the error:
 * - a total over part of its range (`AB17 = SUM(AB18:AB20)` while the row's other totals sum 18-37);
 * - a predikat computed from an empty cell (`Y41 = IF(Y38<=50,"Sangat Rendah",...)` with Y38 blank:
 *   Excel compares text with numbers and returns the top label);
 * - a constant added to or subtracted from a computed value (`=O93+0.01`, `=H49-1`);
 * - error values (`#REF!`, `#DIV/0!`, ...) in the table body.
 * Pure.
 */
import { cellAddress, parseAddress } from "./address";
import { renderMessage, type MessageParams } from "./messages";
import { isEmptyValue } from "./rules/context";
import type { Finding, SheetGrid, TableModel } from "./types";

const ERROR_RE = /^#(?:REF!|DIV\/0!|VALUE!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!)$/;
const SUM_RANGE_RE = /^\+?SUM\(\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)\)$/i;
const LABEL_WORDS_RE = /sangat|tinggi|rendah|sedang|berhasil|baik|kurang|"ST"|"SR"/i;
/** `...+0.01`, `...-1` at the end of a formula that references cells. */
const TRAILING_CONSTANT_RE = /[\w)]\s*([+-])\s*(\d+(?:\.\d+)?)\s*$/;
const CELL_REF_RE = /\$?[A-Z]{1,3}\$?\d+/;
const LEADING_EQUALS_RE = /^=/;
/** A predikat formula and the cell it rates (compiled once: tested per formula cell). */
const IF_START_RE = /^IF\(/i;
const IF_SOURCE_RE = /^IF\(\s*(?:NOT\(ISNUMBER\()?\$?([A-Z]{1,3}\$?\d+)/i;

function finding(
  grid: SheetGrid,
  row: number,
  col: number,
  rule: string,
  code: string,
  params: MessageParams,
  expected: Finding["expected"] = null
): Finding {
  return {
    sheet: grid.name,
    row,
    col,
    address: cellAddress(row, col),
    printed: grid.cells[row]?.[col]?.value ?? null,
    expected,
    rule,
    code,
    params,
    message: renderMessage({ code, params }, "id"),
  };
}

export function formulaFindings(table: TableModel, grid: SheetGrid): Finding[] {
  const out: Finding[] = [];
  const firstBody = Math.max(...table.headerRows, table.top - 1) + 1;
  // Error cells run down a column (a template's #DIV/0! on every empty row): one finding per run.
  const errorRuns = new Map<number, ErrorRun>();
  for (let r = firstBody; r <= table.bottom; r++) {
    const cells = grid.cells[r];
    if (!cells) continue;
    const sums: { col: number; from: number; to: number }[] = [];
    for (let c = table.left; c <= Math.min(table.right, cells.length - 1); c++) {
      const cell = cells[c];
      if (!cell) continue;
      const f = cell.formula?.replace(LEADING_EQUALS_RE, "").trim();
      const isError =
        typeof cell.value === "string" &&
        cell.value.includes("#") &&
        ERROR_RE.test(cell.value.trim());
      if (!isError && !f) continue; // neither an error value nor a formula: nothing to check
      const addr = cellAddress(r, c);
      if (isError && typeof cell.value === "string") {
        const err = cell.value.trim();
        const open = errorRuns.get(c);
        if (open && open.err === err && open.last === r - 1) open.last = r;
        else {
          if (open) out.push(errorFinding(grid, open));
          errorRuns.set(c, { col: c, first: r, last: r, err, formula: cell.formula });
        }
        continue;
      }
      if (!f) continue;
      const sum = SUM_RANGE_RE.exec(f);
      if (sum && sum[1].toUpperCase() === sum[3].toUpperCase()) {
        const own = parseAddress(`${sum[1]}1`);
        if (own && own.col === c)
          sums.push({ col: c, from: Number(sum[2]) - 1, to: Number(sum[4]) - 1 });
      }
      if (IF_START_RE.test(f) && LABEL_WORDS_RE.test(f)) {
        const ref = IF_SOURCE_RE.exec(f);
        const at = ref ? parseAddress(ref[1]) : null;
        if (at && isEmptyValue(grid.cells[at.row]?.[at.col]?.value)) {
          const src = cellAddress(at.row, at.col);
          out.push(
            finding(grid, r, c, "predikat-dari-sel-kosong", "finding.predikat-from-empty", {
              address: addr,
              label: String(cell.value ?? "").trim(),
              source: src,
            })
          );
        }
      }
      const k = TRAILING_CONSTANT_RE.exec(f);
      if (k && CELL_REF_RE.test(f) && Number(k[2]) !== 0) {
        out.push(
          finding(
            grid,
            r,
            c,
            "konstanta-ditambahkan",
            k[1] === "+" ? "finding.constant-added" : "finding.constant-subtracted",
            // The constant as written in the formula (English syntax, like the formula itself).
            { address: addr, formula: f, constant: k[2] }
          )
        );
      }
    }
    if (sums.length >= 3) out.push(...partialTotals(grid, r, sums));
  }
  // Asked first: on a sheet without error cells V8 compiles this function with no feedback for
  // the loop, and reaching it deoptimised the function at the end of every run.
  if (errorRuns.size > 0) for (const run of errorRuns.values()) out.push(errorFinding(grid, run));
  return out;
}

interface ErrorRun {
  col: number;
  first: number;
  last: number;
  err: string;
  formula?: string;
}

function errorFinding(grid: SheetGrid, run: ErrorRun): Finding {
  const params: MessageParams = { address: cellAddress(run.first, run.col), error: run.err };
  if (run.formula) params.formula = run.formula;
  const many = run.last > run.first;
  if (many) {
    params.last = cellAddress(run.last, run.col);
    params.count = run.last - run.first + 1;
  }
  const code = `finding.error-${many ? "run" : "cell"}${run.formula ? "-formula" : ""}`;
  return finding(grid, run.first, run.col, "sel-galat", code, params);
}

/** A row of totals where one SUM covers part of the range the others cover. */
function partialTotals(
  grid: SheetGrid,
  r: number,
  sums: { col: number; from: number; to: number }[]
): Finding[] {
  if (sums.length < 3) return [];
  const counts = new Map<string, number>();
  for (const s of sums) counts.set(`${s.from}:${s.to}`, (counts.get(`${s.from}:${s.to}`) ?? 0) + 1);
  const [common, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (n * 2 <= sums.length) return [];
  const [from, to] = common.split(":").map(Number);
  return sums
    .filter((s) => s.from >= from && s.to <= to && (s.from !== from || s.to !== to))
    .map((s) => {
      const addr = cellAddress(r, s.col);
      return finding(grid, r, s.col, "jumlah-sebagian", "finding.partial-sum", {
        address: addr,
        from: s.from + 1,
        to: s.to + 1,
        commonFrom: from + 1,
        commonTo: to + 1,
      });
    });
}
