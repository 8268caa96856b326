/**
 * Package-preserving output of the CLI: a WritePlan (and evaluation sheets, predikat colours,
 * notes) applied to the ORIGINAL zip. Only the worksheets written to, styles.xml (appended), the
 * notes' comments/VML parts, [Content_Types].xml / rels of added parts and workbook.xml's
 * fullCalcOnLoad change; every other part keeps its exact bytes. Anything that cannot be kept or
 * written safely throws PreserveError before a file is written.
 */
import * as path from "path";
import { cellAddress } from "../../core/engine/address";
import type { EvaluationLayout } from "../../core/engine/evaluation-sheet";
import { isPredikatWrite } from "../../core/engine/evaluation-sheet";
import type { PlannedWrite, SheetGrid } from "../../core/engine/types";
import type { Scale } from "../../core/predikat";
import { renderMessage } from "../../core/engine/messages";
import { lang } from "../i18n";
import { evaluationSheetXml } from "./evaluation-sheet";
import { addNotes, type Note } from "./notes";
import { OoxmlPackage, PreserveError } from "./package";
import { addPredikatRules, legendMeaning, predikatLabels } from "./predikat-format";
import { readingCopy } from "./read-copy";
import { SheetXml } from "./sheet";
import { Styles, type XfChange } from "./styles";
import {
  addSheetName,
  addWorksheet,
  setFullCalcOnLoad,
  workbookSheets,
  type SheetEntry,
} from "./workbook";
import { addEvaluationChart } from "./chart";

/** Workbook content type -> the file extension Excel requires for it. */
const EXTENSION_OF: Record<string, string> = {
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": ".xlsx",
  "application/vnd.ms-excel.sheet.macroEnabled.main+xml": ".xlsm",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": ".xltx",
  "application/vnd.ms-excel.template.macroEnabled.main+xml": ".xltm",
};

export interface LegendResult {
  sheet: string;
  range: string;
}

export class WorkbookPatcher {
  readonly pkg: OoxmlPackage;
  private readonly entries: SheetEntry[];
  private readonly sheets = new Map<string, SheetXml>();
  private readonly opened = new Map<string, { entry: SheetEntry; xml: SheetXml }>();
  private stylesObj?: Styles | null;
  private written = 0;
  /** A formula cell became a plain value: calcChain.xml would list a cell without a formula. */
  private formulaRemoved = false;
  /** styleFor's answers: number format -> (base style, from-the-left and header flags) -> style. */
  private readonly styleMemo = new Map<string, Map<number, number>>();

  constructor(bytes: Uint8Array) {
    this.pkg = new OoxmlPackage(bytes);
    this.entries = workbookSheets(this.pkg);
  }

  /** Bytes ExcelJS can read (see read-copy.ts). */
  readingCopy(): Uint8Array {
    return readingCopy(this.pkg);
  }

  sheetNames(): string[] {
    return this.entries.map((e) => e.name);
  }

  /** The extension the workbook's content type requires ('.xlsx', '.xlsm', ...). */
  requiredExtension(): string {
    const ct = this.pkg.contentType(this.pkg.workbookPart()) ?? "";
    return EXTENSION_OF[ct] ?? ".xlsx";
  }

  private styles(): Styles {
    if (this.stylesObj === undefined) this.stylesObj = Styles.open(this.pkg) ?? null;
    if (!this.stylesObj) {
      throw new PreserveError(
        "Berkas tidak memiliki styles.xml; format angka tidak dapat ditambahkan. Simpan ulang berkas di Excel lalu coba lagi.",
        "The file has no styles.xml; number formats cannot be added. Save the file again in Excel and retry."
      );
    }
    return this.stylesObj;
  }

  private sheet(name: string): { entry: SheetEntry; xml: SheetXml } {
    // Called for every written cell: the sheets already opened are looked up by name first.
    const open = this.opened.get(name);
    if (open) return open;
    const entry = this.entries.find((e) => e.name === name);
    if (!entry || !entry.part || !this.pkg.has(entry.part)) {
      throw new PreserveError(
        `Bagian lembar '${name}' tidak ditemukan di berkas.`,
        `The part of sheet '${name}' is missing from the file.`
      );
    }
    if (!/\/worksheet$/.test(entry.type)) {
      throw new PreserveError(
        `'${name}' bukan lembar kerja biasa (${entry.part}); tidak ditulis.`,
        `'${name}' is not a worksheet (${entry.part}); not written.`
      );
    }
    let xml = this.sheets.get(entry.part);
    if (!xml) {
      xml = new SheetXml(this.pkg.text(entry.part), entry.part);
      this.sheets.set(entry.part, xml);
    }
    const found = { entry, xml };
    this.opened.set(name, found);
    return found;
  }

  /** Style of a written cell: its own, or (empty cell / header) the table's look from the left. */
  private styleFor(sx: SheetXml, w: PlannedWrite, keepStyle: boolean): number {
    const ex = sx.cell(w.row, w.col);
    // A cell not in the XML yet shows its row's style, else its column's.
    let base = ex ? ex.s : sx.rowStyle(w.row) || sx.colStyle(w.col);
    if (keepStyle && !w.numFmt) return base;
    const styles = this.styles();
    let fromLeft = false;
    const empty = !ex || (!ex.hasFormula && !ex.hasValue);
    if ((empty && !base) || w.isHeader) {
      for (let c = w.col - 1; c >= 0 && c >= w.col - 4; c--) {
        const s = sx.cell(w.row, c)?.s ?? 0;
        if (styles.isStyled(s)) {
          base = s;
          fromLeft = true;
          break;
        }
      }
    }
    // Every write of a column asks the same question: the answer is kept per (base, flags, format).
    // (A style index that is not an integer, from a damaged s="", is not kept.)
    if (!Number.isInteger(base)) return this.deriveStyle(styles, base, fromLeft, w);
    const fmt = w.numFmt || "";
    let byBase = this.styleMemo.get(fmt);
    if (!byBase) this.styleMemo.set(fmt, (byBase = new Map()));
    const key = base * 4 + (fromLeft ? 2 : 0) + (w.isHeader ? 1 : 0);
    let s = byBase.get(key);
    if (s === undefined) {
      s = this.deriveStyle(styles, base, fromLeft, w);
      byBase.set(key, s);
    }
    return s;
  }

  private deriveStyle(styles: Styles, base: number, fromLeft: boolean, w: PlannedWrite): number {
    const change: XfChange = {};
    if (w.numFmt) {
      if (styles.numFmtOf(base) !== styles.numFmtId(w.numFmt)) change.numFmt = w.numFmt;
    } else if (fromLeft && !w.isHeader && styles.numFmtOf(base) !== 0) change.numFmt = "General";
    if (w.isHeader) {
      change.bold = true;
      change.alignment = { horizontal: "center", vertical: "center", wrapText: "1" };
    }
    return Object.keys(change).length ? styles.derive(base, change) : base;
  }

  /**
   * Write planned cells (formula + cached value or plain value) with their styles, and the notes
   * they carry. `keepStyle`: leave the cell's style as it is unless a number format is asked for.
   * Returns messages (Indonesian, English): notes not added (the cell had one: an omission),
   * calcChain dropped.
   */
  writeCells(
    writes: PlannedWrite[],
    opts: { keepStyle?: boolean } = {}
  ): { id: string; en: string; omission?: boolean }[] {
    const notes = new Map<string, Note[]>();
    for (const w of writes) {
      const { xml } = this.sheet(w.sheet);
      const s = this.styleFor(xml, w, !!opts.keepStyle);
      if (!w.formula && xml.cell(w.row, w.col)?.hasFormula) this.formulaRemoved = true;
      xml.set(w.row, w.col, s, { formula: w.formula, value: w.value });
      this.written++;
      if (w.note && !w.isHeader) {
        const list = notes.get(w.sheet) ?? [];
        // The note in the message language (--lang), like the console and the report.
        list.push({ row: w.row, col: w.col, text: `Monev: ${renderMessage(w.note, lang())}` });
        notes.set(w.sheet, list);
      }
    }
    const messages: { id: string; en: string; omission?: boolean }[] = [];
    if (
      this.formulaRemoved &&
      this.pkg.rels(this.pkg.workbookPart()).some((r) => r.type.endsWith("/calcChain"))
    ) {
      messages.push({
        id: "calcChain.xml (urutan hitung yang disimpan Excel) dihapus karena ada rumus yang diganti nilai; Excel menyusunnya lagi saat berkas dibuka.",
        en: "calcChain.xml (Excel's saved calculation order) was removed because a formula was replaced by a value; Excel rebuilds it when the file is opened.",
      });
    }
    for (const [name, list] of notes) {
      const { entry, xml } = this.sheet(name);
      const skipped = addNotes(this.pkg, entry.part, xml, list);
      if (skipped.length) {
        messages.push({
          id: `${name}: catatan Monev tidak ditambahkan di ${skipped.join(", ")} (sel sudah memiliki komentar).`,
          en: `${name}: Monev note not added at ${skipped.join(", ")} (the cell already has a comment).`,
          omission: true,
        });
      }
    }
    return messages;
  }

  /**
   * Predikat colours on the predikat cells written to a sheet, and the legend (Predikat /
   * Keterangan) two columns right of the rightmost write, when those cells are empty and unmerged.
   */
  addPredikatFormats(
    writes: PlannedWrite[],
    grid: SheetGrid,
    scale?: Scale
  ): LegendResult | undefined {
    const pred = writes.filter((w) => w.sheet === grid.name && isPredikatWrite(w));
    if (pred.length === 0) return undefined;
    const { xml } = this.sheet(grid.name);
    const labels = predikatLabels(pred, scale);
    const spans = new Map<number, { top: number; left: number; bottom: number; right: number }>();
    for (const w of pred) {
      const s = spans.get(w.col);
      if (!s) spans.set(w.col, { top: w.row, left: w.col, bottom: w.row, right: w.col });
      else {
        s.top = Math.min(s.top, w.row);
        s.bottom = Math.max(s.bottom, w.row);
      }
    }
    const ranges = [...spans.values()];
    const mine = writes.filter((w) => w.sheet === grid.name);
    const col = Math.max(...mine.map((w) => w.col)) + 2;
    const top = Math.min(...mine.map((w) => w.row));
    const bottom = top + labels.length;
    let legend: LegendResult | undefined;
    const free = (r: number, c: number) => {
      const g = grid.cells[r]?.[c];
      const hasGrid =
        g && (g.formula || (g.value !== null && g.value !== undefined && g.value !== ""));
      const ex = xml.cell(r, c);
      const merged = grid.merges.some(
        (m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right
      );
      return !hasGrid && !(ex && (ex.hasFormula || ex.hasValue)) && !merged;
    };
    let ok = true;
    for (let r = top; r <= bottom && ok; r++) ok = free(r, col) && free(r, col + 1);
    if (ok) {
      const cells: PlannedWrite[] = [];
      const at = (r: number, c: number, value: string, isHeader = false): PlannedWrite => ({
        sheet: grid.name,
        row: r,
        col: c,
        address: cellAddress(r, c),
        value,
        rule: "legenda-predikat",
        isHeader,
      });
      cells.push(at(top, col, "Predikat", true), at(top, col + 1, "Keterangan", true));
      labels.forEach((l, i) => {
        cells.push(at(top + 1 + i, col, l), at(top + 1 + i, col + 1, legendMeaning(l, scale)));
      });
      const styles = this.styles();
      const bold = styles.derive(0, { bold: true });
      for (const w of cells) xml.set(w.row, w.col, w.isHeader ? bold : 0, { value: w.value });
      ranges.push({ top: top + 1, left: col, bottom, right: col });
      legend = {
        sheet: grid.name,
        range: `${cellAddress(top, col)}:${cellAddress(bottom, col + 1)}`,
      };
    }
    addPredikatRules(xml, this.styles(), ranges, labels, scale);
    return legend;
  }

  /** Add the evaluation sheet as a new worksheet; returns the cells written (for the report). */
  addEvaluationSheet(lay: EvaluationLayout): PlannedWrite[] {
    const styles = this.styles();
    const { xml, writes, range } = evaluationSheetXml(lay, styles);
    const sx = new SheetXml(xml, "evaluation");
    if (lay.lastDataRow >= lay.firstDataRow) {
      addPredikatRules(
        sx,
        styles,
        [
          {
            top: lay.firstDataRow,
            left: lay.predikatCol,
            bottom: lay.lastDataRow,
            right: lay.predikatCol,
          },
        ],
        [...lay.labels].sort((x, y) => y.length - x.length),
        lay.scale
      );
    }
    const repeat = lay.print?.repeatRows;
    const part = addWorksheet(
      this.pkg,
      lay.sheetName,
      sx.toString(),
      repeat ? [repeat[0] + 1, repeat[1] + 1] : undefined
    );
    // The chart sits beside the table; the print area (the pane's too) keeps the printed report
    // to the table.
    addEvaluationChart(this.pkg, part, lay, lang());
    addSheetName(
      this.pkg,
      lay.sheetName,
      "_xlnm.Print_Area",
      range.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2")
    );
    this.entries.push({ name: lay.sheetName, sheetId: 0, rId: "", part, type: "worksheet" });
    this.written += writes.length;
    return writes;
  }

  /** The package bytes with every change applied. */
  toBytes(): Uint8Array {
    for (const [part, sx] of this.sheets) {
      const next = sx.toString();
      if (next !== this.pkg.text(part)) this.pkg.setText(part, next);
    }
    this.stylesObj?.save();
    if (this.written > 0) setFullCalcOnLoad(this.pkg);
    // calcChain.xml is Excel's cache of the calculation order, rebuilt on load; a stale one listing
    // a cell that no longer holds a formula makes Excel "repair" the file, so it is dropped then.
    if (this.formulaRemoved) this.pkg.removeWorkbookPart("calcChain");
    return this.pkg.toBytes();
  }

  /** Refuse an output name whose extension does not fit the workbook's type (.xlsm stays .xlsm). */
  checkOutputName(file: string): void {
    const need = this.requiredExtension();
    if (path.extname(file).toLowerCase() === need) return;
    const macro = /m$/.test(need) ? " (berisi makro: xl/vbaProject.bin)" : "";
    const macroEn = /m$/.test(need) ? " (it holds macros: xl/vbaProject.bin)" : "";
    throw new PreserveError(
      `Berkas masukan berjenis ${need}${macro}; keluaran ${path.basename(file)} harus berakhiran ${need} agar isinya tidak hilang.`,
      `The input is a ${need} workbook${macroEn}; the output ${path.basename(file)} must end in ${need} so nothing is lost.`
    );
  }
}
