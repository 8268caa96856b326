/**
 * Table recognition: finds evaluation tables in a SheetGrid from their header TEXT (never from
 * fixed positions) and describes them as TableModels (columns with roles, rows with levels).
 *
 * TableModel conventions:
 * - `top` is the first title row (or the first header row when there is no title);
 * - `headerRows` holds the caption rows, the column-number row and the K/Rp row (titles excluded);
 * - `rows` covers every row from `top` to `bottom`, so rows[i].row === top + i (titles are 'title',
 *   header rows 'header', the column-number row 'column-numbers'); RowInfo.parent indexes `rows`.
 * Pure: no Node, Office or DOM imports.
 */
import type { ColumnRole, RowInfo, SheetGrid, TableModel } from "./types";
import {
  columnInfos,
  headerBlock,
  headerColumns,
  isAnchorRow,
  Scans,
  type HeaderBlock,
} from "./recognise/header";
import { classifyBody, rowInfo, rowParts, rowSignature } from "./recognise/rows";
import { normalise } from "./recognise/cells";
import { buildDefinitions } from "./recognise/definitions";
import { detectShape } from "./shapes";

export { parseStatedFormula, type StatedFormula } from "./recognise/formula";
export { classifyColumn } from "./recognise/header";
export { codeSegments, levelFromCode } from "./recognise/codes";

export interface RecogniseOptions {
  roleOverrides?: Record<number, ColumnRole>;
}

const VALUE_ROLES = new Set<ColumnRole>([
  "target",
  "target-k",
  "target-rp",
  "anggaran",
  "realisasi",
  "realisasi-k",
  "realisasi-rp",
  "realisasi-tw-k",
  "realisasi-tw-rp",
  "realisasi-total-k",
  "realisasi-total-rp",
  "capaian",
  "capaian-k",
  "capaian-rp",
  "fisik",
  "keuangan",
  "serapan",
  "kemajuan",
  "target-renstra",
  "efisiensi",
]);

function headerExtent(grid: SheetGrid, hb: HeaderBlock): { left: number; right: number } {
  let left = Infinity;
  let right = -1;
  for (const r of hb.rows) {
    const row = grid.cells[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const v = row[c]?.value;
      if (v === null || v === undefined || v === "") continue;
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
  }
  for (const m of grid.merges) {
    if (m.top > hb.end || m.bottom < hb.anchor) continue;
    if (m.left <= right && m.right > right && m.left >= left) right = m.right;
  }
  return { left: left === Infinity ? 0 : left, right };
}

/** Text of the rows above a header block (titles, form names): up to 12 rows, all cells. */
function textAbove(grid: SheetGrid, hb: HeaderBlock): string {
  const parts: string[] = [];
  for (let r = Math.max(0, hb.anchor - 12); r < hb.anchor; r++) {
    for (const cell of grid.cells[r] ?? []) {
      const v = cell?.value;
      if (typeof v === "string" && v.trim() !== "") parts.push(v);
    }
  }
  return normalise(parts.join(" "));
}

const RENCANA_ROLES: ColumnRole[] = [
  "target",
  "target-k",
  "target-rp",
  "anggaran",
  "target-renstra",
];
const REALISASI_ROLES: ColumnRole[] = [
  "realisasi",
  "realisasi-k",
  "realisasi-rp",
  "realisasi-tw-k",
  "realisasi-tw-rp",
  "realisasi-total-k",
  "realisasi-total-rp",
  "fisik",
  "keuangan",
];

/**
 * The kind of a table from its column roles and, for quarterly forms, the text above its header:
 * a Renja evaluation (E.81) when that text (or a caption) names the Renja or the table has Renstra /
 * RPJMD end targets or a kemajuan column, else the RKPD form. Nothing computable -> 'unknown'.
 */
/** The table's kind: the first registered shape that the columns and the title fit (shapes.ts). */
function kindOf(
  columns: TableModel["columns"],
  grid: SheetGrid,
  hb: HeaderBlock
): TableModel["kind"] {
  return detectShape({
    columns,
    headers: columns.map((c) => normalise(c.header)).join(" "),
    title: textAbove(grid, hb),
    has: (...roles: ColumnRole[]) => columns.some((c) => roles.includes(c.role)),
    quarters: columns.some((c) => c.quarter !== undefined),
  });
}

/**
 * Why a table is of no known kind, in Indonesian: which roles are missing, e.g.
 * "tidak ada kolom target dan realisasi" or "tidak ada kolom indikator".
 */
export function missingRolesText(columns: TableModel["columns"], lang: "id" | "en" = "id"): string {
  const has = (roles: ColumnRole[]) => columns.some((c) => roles.includes(c.role));
  const en = lang === "en";
  const missing: string[] = [];
  if (!has(RENCANA_ROLES)) missing.push("target");
  if (!has(REALISASI_ROLES)) missing.push(en ? "realisation" : "realisasi");
  if (missing.length === 0) {
    if (!has(["indikator"])) missing.push(en ? "indicator" : "indikator");
    if (!has(["fisik", "keuangan"]))
      missing.push(en ? "physical/financial realisation" : "realisasi fisik/keuangan");
    return en ? `no ${missing.join(" or ")} column` : `tidak ada kolom ${missing.join(" atau ")}`;
  }
  return en ? `no ${missing.join(" and ")} column` : `tidak ada kolom ${missing.join(" dan ")}`;
}

/** Find the evaluation tables of a sheet. No table -> []. */
export function recogniseTables(grid: SheetGrid, opts: RecogniseOptions = {}): TableModel[] {
  const scans = new Scans(grid);
  const n = grid.cells.length;
  const tables: TableModel[] = [];
  let r = 0;
  while (r < n) {
    if (!isAnchorRow(grid, scans, r)) {
      r++;
      continue;
    }
    const hb = headerBlock(grid, scans, r);
    const { left, right } = headerExtent(grid, hb);
    const hcols = headerColumns(grid, hb, left, right);
    const { columns } = columnInfos(hcols, opts.roleOverrides);
    const named = columns.filter((c) => c.role !== "other");
    if (named.length < 2 || !columns.some((c) => VALUE_ROLES.has(c.role))) {
      r = hb.end + 1;
      continue;
    }
    const kind = kindOf(columns, grid, hb);
    const headerParts = hb.rows.map((x) => rowParts(grid, x, left, right));
    const headerSignatures = new Set(headerParts.map((p) => p.join("|")));
    // Body: until the next header anchor or the end of the sheet. A different header starts a new
    // table; the same header repeated is a page break's running header, unless it restarts the
    // whole block after a gap (see startsNewTable): then two identical tables are stacked.
    let end = n - 1;
    const anchorSignature = headerParts[0].join("|");
    for (let x = hb.end + 1; x < n; x++) {
      if (!isAnchorRow(grid, scans, x)) continue;
      const sig = rowSignature(grid, x, left, right);
      if (
        !headerSignatures.has(sig) ||
        startsNewTable(grid, scans, hb, x, sig === anchorSignature)
      ) {
        const next = headerBlock(grid, scans, x);
        end = (next.titleRows[0] ?? x) - 1;
        break;
      }
    }
    while (end > hb.end && scans.get(end).filled === 0) end--;
    const top = hb.titleRows.length ? hb.titleRows[0] : hb.anchor;
    const rows: RowInfo[] = [];
    for (let x = top; x < hb.anchor; x++) {
      const t = hb.titleRows.includes(x);
      rows.push(rowInfo(x, t ? "title" : "blank", t ? textAtRow(grid, x) : ""));
    }
    for (const x of hb.rows) {
      rows.push(
        rowInfo(x, x === hb.columnNumberRow ? "column-numbers" : "header", textAtRow(grid, x))
      );
    }
    const body = classifyBody(
      { grid, scans, kind, left, right, columns, headerSignatures, headerParts },
      hb.end + 1,
      end,
      rows.length
    );
    for (const b of body) rows.push(b);
    const model: TableModel = {
      sheet: grid.name,
      kind,
      top,
      left,
      bottom: Math.max(end, hb.end),
      right,
      headerRows: hb.rows,
      columns,
      rows,
    };
    if (hb.columnNumberRow !== undefined) model.columnNumberRow = hb.columnNumberRow;
    const definitions = hb.columnNumberRow !== undefined ? buildDefinitions(hcols) : undefined;
    if (definitions) model.definitions = definitions;
    tables.push(model);
    r = model.bottom + 1;
  }
  return tables;
}

/**
 * Does the repeated header at row x start a second, identical table? Only when it repeats the
 * first header's anchor row and its whole block (as many rows, the column-number row included
 * when the first had one), after a body row and a gap (an empty row or a title above it). A page
 * break's running header follows the last body row directly, or repeats only part of the block.
 */
function startsNewTable(
  grid: SheetGrid,
  scans: Scans,
  first: HeaderBlock,
  x: number,
  repeatsAnchor: boolean
): boolean {
  if (!repeatsAnchor) return false;
  const next = headerBlock(grid, scans, x);
  if (next.rows.length !== first.rows.length) return false;
  if ((first.columnNumberRow === undefined) !== (next.columnNumberRow === undefined)) return false;
  const above = next.titleRows[0] ?? x;
  if (above - 1 <= first.end) return false;
  const gap = next.titleRows.length > 0 || scans.get(x - 1).filled === 0;
  if (!gap) return false;
  for (let r = first.end + 1; r < above; r++) if (scans.get(r).filled > 0) return true;
  return false;
}

function textAtRow(grid: SheetGrid, r: number): string {
  const row = grid.cells[r] ?? [];
  for (const cell of row) {
    const v = cell?.value;
    if (v !== null && v !== undefined && v !== "") return String(v).trim();
  }
  return "";
}
