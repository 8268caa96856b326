/**
 * A counting fake of the Excel JavaScript API subset the Monev adapter uses, over an in-memory
 * workbook built from SheetGrid-like data. It queues loads and writes like Office.js and runs them
 * on context.sync(), recording the number of syncs and the JSON size of each sync's writes.
 * It can be told to fail at the Nth write (to test all-or-nothing) or to be in cell-edit mode.
 *
 * Payload limit, as Excel on the web: a sync whose request (queued actions: their JSON payload plus
 * OP_OVERHEAD bytes each) is above `payloadLimit` (5 MB) fails with RichApi.Error
 * "RequestPayloadSizeLimitExceeded" and nothing of it runs; a sync whose response (the JSON of
 * everything it loaded) is above the limit fails with "ResponsePayloadSizeLimitExceeded" (the
 * codes and messages of OfficeExtension.ErrorCodes in office.js). Sizes are UTF-8 bytes.
 *
 * Works in node (jest) and in the browser (bundled by test/fakes/build-browser.ts).
 * Not typed against @types/office-js on purpose: install() puts it on globalThis.Excel/Office.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { colIndex, colLetter, shiftFormula } from "../../src/excel/a1";
import { recalculate } from "./recalc";

export interface FakeCell {
  value: unknown;
  /** Formula without '='. */
  formula?: string;
}

export interface GridLike {
  name: string;
  cells: ({ value: unknown; formula?: string; numFmt?: string } | undefined | null)[][];
  merges?: { top: number; left: number; bottom: number; right: number }[];
  protected?: boolean;
}

interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface FakeCF {
  id: string;
  address: string;
  type: string;
  rule?: { operator: string; text: string };
  fill?: string;
  font?: string;
  priority?: number;
  stopIfTrue?: boolean;
}

export interface FakeChart {
  type: string;
  source: string;
  title?: string;
  series: { name?: string; values?: string; xValues?: string; chartType?: string }[];
  position?: [string, string];
  plotVisibleOnly?: boolean;
}

export interface FakeSheet {
  name: string;
  cells: Map<string, FakeCell>;
  formats: Map<string, string>;
  merges: Rect[];
  protected: boolean;
  charts: FakeChart[];
  cfs: FakeCF[];
  /** Formatting written through range.format (address without sheet, property, value), in order. */
  styles: { address: string; prop: string; value: unknown }[];
  /** Print setup written through worksheet.pageLayout (ExcelApi 1.9). */
  pageLayout: {
    orientation?: string;
    paperSize?: string;
    printTitleRows?: string;
    printArea?: string;
    zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  };
  /** Manual page breaks added through worksheet.horizontalPageBreaks (the cell below each break). */
  pageBreaks: string[];
}

export interface SyncRecord {
  reads: number;
  writes: number;
  /** JSON size of the values/formulas/formats written in this sync. */
  bytes: number;
  /** Request size: every queued action's JSON payload + OP_OVERHEAD (UTF-8 bytes). */
  requestBytes: number;
  /** Response size: JSON of everything the sync loaded (UTF-8 bytes). */
  responseBytes: number;
  /** The sync failed on the payload limit. */
  rejected?: "request" | "response";
}

/** Excel on the web's limit on one request and one response (5 MB; counted as 5,000,000 bytes, the stricter reading). */
export const PAYLOAD_LIMIT = 5_000_000;
/** Bytes of one action in Office.js's request JSON besides its payload (ids, type, object path, property name). */
export const OP_OVERHEAD = 150;

/** UTF-8 bytes of a value's JSON (counted by hand: jsdom has no TextEncoder). */
export function jsonSize(x: unknown): number {
  if (x === undefined) return 0;
  const s = JSON.stringify(x);
  let n = s.length;
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return n;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

const REQUEST_TOO_LARGE_MESSAGE =
  'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".';
const RESPONSE_TOO_LARGE_MESSAGE =
  'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".';

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

// ----------------------------------------------------------------------------- A1 helpers

export function fakeA1(row: number, col: number): string {
  return `${colLetter(col)}${row + 1}`;
}

function rectAddress(r: Rect): string {
  const tl = fakeA1(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? tl : `${tl}:${fakeA1(r.bottom, r.right)}`;
}

export function parseRect(address: string): Rect {
  const body = address
    .slice(address.lastIndexOf("!") + 1)
    .replace(/\$/g, "")
    .toUpperCase();
  const [p1, p2 = p1] = body.split(":");
  const parse = (p: string, end: boolean) => {
    const m = /^([A-Z]*)(\d*)$/.exec(p);
    if (!m) throw new FakeOfficeError("InvalidArgument", `Bad address ${address}`);
    return {
      col: m[1] ? colIndex(m[1]) : end ? 16383 : 0,
      row: m[2] ? parseInt(m[2], 10) - 1 : end ? 1048575 : 0,
    };
  };
  const a = parse(p1, false);
  const b = parse(p2, true);
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

const key = (r: number, c: number) => `${r},${c}`;

function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function intersects(a: Rect, b: Rect): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

// ----------------------------------------------------------------------------- host

interface Op {
  kind: "read" | "write";
  /** Request payload (JSON bytes) of the action. */
  bytes: number;
  /** Runs the action; a read returns what it loaded (its response payload). */
  exec: () => unknown;
}

export class FakeExcelHost {
  sheets: FakeSheet[] = [];
  activeIndex = 0;
  syncCount = 0;
  syncLog: SyncRecord[] = [];
  runCount = 0;
  writeOps = 0;
  calcSuspensions = 0;
  editMode = false;
  /** Request/response size limit of one sync (Infinity: off). */
  payloadLimit = PAYLOAD_LIMIT;
  /**
   * Highest ExcelApi 1.x the fake offers (isSetSupported answers by it; a call to an API of a higher
   * set throws ApiNotFound, as Office.js does on an older Excel). 1 = Excel 2016.
   */
  apiVersion = 99;

  /** Throw ApiNotFound when `api` (of ExcelApi 1.`minor`) is above apiVersion. */
  need(minor: number, api: string): void {
    if (minor > this.apiVersion) {
      throw new FakeOfficeError(
        "ApiNotFound",
        `The API you are trying to use could not be found: ${api} (ExcelApi 1.${minor}).`
      );
    }
  }
  displayLanguage = "id-ID";
  selection: { sheet: string; address: string } | undefined;
  private failAfter: number | undefined;
  /** Formula results, recomputed on the first read after a write (like Excel's recalculation). */
  private computed: Map<string, Map<string, unknown>> | undefined;
  private cfCounter = 0;
  private readyResolvers: (() => void)[] = [];
  loaded = false;

  // ----------------------------------------------------------- workbook setup & inspection

  /** Replace the workbook with the given grids; the first (or `active`) becomes the active sheet. */
  loadGrid(grids: GridLike | GridLike[], active = 0): void {
    const list = Array.isArray(grids) ? grids : [grids];
    this.computed = undefined;
    this.sheets = list.map((g) => {
      const sheet = this.newSheet(g.name);
      g.cells.forEach((row, r) =>
        (row ?? []).forEach((c, col) => {
          if (!c) return;
          if (c.value !== undefined && c.value !== null && c.value !== "")
            sheet.cells.set(key(r, col), { value: c.value });
          if (c.formula)
            sheet.cells.set(key(r, col), { value: c.value ?? null, formula: c.formula });
          if (c.numFmt) sheet.formats.set(key(r, col), c.numFmt);
        })
      );
      sheet.merges = (g.merges ?? []).map((m) => ({ ...m }));
      sheet.protected = !!g.protected;
      return sheet;
    });
    if (this.sheets.length === 0) this.sheets.push(this.newSheet("Sheet1"));
    this.activeIndex = Math.min(active, this.sheets.length - 1);
    this.loaded = true;
    this.readyResolvers.splice(0).forEach((f) => f());
  }

  /** The value Excel would show in a formula cell. */
  formulaValue(sheet: FakeSheet, k: string): unknown {
    this.computed ??= recalculate(this.sheets);
    return this.computed.get(sheet.name)?.get(k) ?? "";
  }

  resetCounters(): void {
    this.syncCount = 0;
    this.syncLog = [];
    this.runCount = 0;
    this.writeOps = 0;
    this.calcSuspensions = 0;
  }

  /** Make the Nth write operation from now (1-based) throw, once. */
  failAtWrite(n: number | undefined): void {
    this.failAfter = n;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s)
      throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${name}`);
    return s;
  }

  get activeSheet(): FakeSheet {
    return this.sheets[this.activeIndex];
  }

  /** Cell content for assertions: { value (computed for a formula), formula (with '='), numFmt }. */
  cell(sheet: string, address: string): { value: unknown; formula: string; numFmt: string } {
    const s = this.sheet(sheet);
    const r = parseRect(address);
    const c = s.cells.get(key(r.top, r.left));
    return {
      value: !c ? "" : c.formula !== undefined ? this.formulaValue(s, key(r.top, r.left)) : c.value,
      formula: c ? (c.formula !== undefined ? `=${c.formula}` : String(c.value ?? "")) : "",
      numFmt: s.formats.get(key(r.top, r.left)) ?? "General",
    };
  }

  /**
   * Serialisable snapshot of a sheet's cells and formats (for equality checks). The value of a
   * formula cell is left out: it follows from the formula (recalculated on read).
   */
  snapshot(sheet: string): { cells: [string, FakeCell][]; formats: [string, string][] } {
    const s = this.sheet(sheet);
    const sortKeys = <T>(m: Map<string, T>) =>
      [...m.entries()]
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([k, v]) => [k, v] as [string, T]);
    return {
      cells: sortKeys(s.cells).map(
        ([k, v]) =>
          [
            k,
            v.formula !== undefined ? { value: null, formula: v.formula } : { value: v.value },
          ] as [string, FakeCell]
      ),
      formats: sortKeys(s.formats),
    };
  }

  /** Sheet as a GridLike (dense from A1), e.g. to re-analyse it. */
  toGrid(name: string): GridLike {
    const s = this.sheet(name);
    const used = this.usedRect(s, true);
    const cells: GridLike["cells"] = [];
    if (used) {
      for (let r = 0; r <= used.bottom; r++) {
        const row: GridLike["cells"][number] = [];
        for (let c = 0; c <= used.right; c++) {
          const cell = s.cells.get(key(r, c));
          const nf = s.formats.get(key(r, c));
          row.push(cell ? { value: cell.value, formula: cell.formula, numFmt: nf } : undefined);
        }
        cells.push(row);
      }
    }
    return { name: s.name, cells, merges: s.merges.map((m) => ({ ...m })), protected: s.protected };
  }

  whenLoaded(): Promise<void> {
    return this.loaded ? Promise.resolve() : new Promise((res) => this.readyResolvers.push(res));
  }

  // ----------------------------------------------------------- Office globals

  /** Define Excel, Office and OfficeExtension on the given global object. */
  install(g: any = globalThis): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- used inside a getter object
    const host = this;
    g.OfficeExtension = { Error: FakeOfficeError };
    // office.js defines CustomFunctions in Excel's shared runtime; the pane page also loads functions.js.
    if (!g.CustomFunctions) {
      g.CustomFunctions = {
        associate: () => undefined,
        Error: class CustomFunctionsError {
          constructor(
            readonly code: string,
            readonly message?: string
          ) {}
        },
        ErrorCode: {
          invalidValue: "#VALUE!",
          notAvailable: "#N/A",
          divisionByZero: "#DIV/0!",
          invalidNumber: "#NUM!",
          nullReference: "#NULL!",
          invalidName: "#NAME?",
          invalidReference: "#REF!",
        },
      };
    }
    g.Excel = {
      run: (batch: (ctx: any) => Promise<unknown>) => host.run(batch),
      ErrorCodes: {
        invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
        accessDenied: "AccessDenied",
      },
      // As office.js defines it (string enum values).
      PageOrientation: { portrait: "Portrait", landscape: "Landscape" },
      PaperType: { a4: "A4", letter: "Letter" },
    };
    g.Office = {
      HostType: { Excel: "Excel" },
      PlatformType: { OfficeOnline: "OfficeOnline" },
      context: {
        get displayLanguage() {
          return host.displayLanguage;
        },
        requirements: {
          isSetSupported: (name: string, version?: string) =>
            name !== "ExcelApi" || Number((version ?? "1.1").split(".")[1] ?? 1) <= host.apiVersion,
        },
      },
      onReady: (cb?: (info: { host: string; platform: string }) => void) =>
        host.whenLoaded().then(() => {
          const info = { host: "Excel", platform: "OfficeOnline" };
          cb?.(info);
          return info;
        }),
    };
  }

  async run<T>(batch: (ctx: any) => Promise<T>): Promise<T> {
    this.runCount++;
    const ctx = new FakeContext(this);
    const result = await batch(ctx);
    if (ctx.queue.length > 0) await ctx.sync();
    return result;
  }

  // ----------------------------------------------------------- internals used by proxies

  newSheet(name: string): FakeSheet {
    return {
      name,
      cells: new Map(),
      formats: new Map(),
      merges: [],
      protected: false,
      charts: [],
      cfs: [],
      styles: [],
      pageLayout: {},
      pageBreaks: [],
    };
  }

  usedRect(s: FakeSheet, valuesOnly: boolean): Rect | null {
    let r: Rect | null = null;
    const add = (k: string) => {
      const [row, col] = k.split(",").map(Number);
      if (!r) r = { top: row, left: col, bottom: row, right: col };
      else {
        r.top = Math.min(r.top, row);
        r.left = Math.min(r.left, col);
        r.bottom = Math.max(r.bottom, row);
        r.right = Math.max(r.right, col);
      }
    };
    for (const k of s.cells.keys()) add(k);
    if (!valuesOnly) for (const k of s.formats.keys()) add(k);
    return r;
  }

  nextCfId(): string {
    return `{CF-${++this.cfCounter}}`;
  }

  runSync(queue: Op[]): void {
    if (this.editMode) {
      queue.length = 0;
      throw new FakeOfficeError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode.");
    }
    this.syncCount++;
    const ops = queue.splice(0);
    const rec: SyncRecord = { reads: 0, writes: 0, bytes: 0, requestBytes: 0, responseBytes: 0 };
    for (const op of ops) rec.requestBytes += op.bytes + OP_OVERHEAD;
    this.syncLog.push(rec);
    if (rec.requestBytes > this.payloadLimit) {
      rec.rejected = "request";
      throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", REQUEST_TOO_LARGE_MESSAGE);
    }
    for (const op of ops) {
      if (op.kind === "write") {
        this.writeOps++;
        rec.writes++;
        rec.bytes += op.bytes;
        if (this.failAfter !== undefined) {
          this.failAfter--;
          if (this.failAfter <= 0) {
            this.failAfter = undefined;
            throw new FakeOfficeError(
              "GeneralException",
              "An internal error has occurred (fake failure)."
            );
          }
        }
      } else rec.reads++;
      if (op.kind === "write") this.computed = undefined;
      const loaded = op.exec();
      if (op.kind === "read") rec.responseBytes += jsonSize(loaded);
    }
    if (rec.responseBytes > this.payloadLimit) {
      rec.rejected = "response";
      throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", RESPONSE_TOO_LARGE_MESSAGE);
    }
  }

  /** Largest request and response of the syncs since resetCounters(). */
  largest(): { request: number; response: number } {
    let request = 0;
    let response = 0;
    for (const s of this.syncLog) {
      request = Math.max(request, s.requestBytes);
      response = Math.max(response, s.responseBytes);
    }
    return { request, response };
  }
}

// ----------------------------------------------------------------------------- proxies

class FakeContext {
  queue: Op[] = [];
  workbook: { worksheets: FakeWorksheetCollection };
  application: { suspendApiCalculationUntilNextSync: () => void };
  constructor(readonly host: FakeExcelHost) {
    this.workbook = { worksheets: new FakeWorksheetCollection(this) };
    this.application = {
      suspendApiCalculationUntilNextSync: () => {
        host.need(6, "suspendApiCalculationUntilNextSync");
        host.calcSuspensions++;
      },
    };
  }
  read(exec: () => unknown): void {
    this.queue.push({ kind: "read", bytes: 0, exec });
  }
  write(payload: unknown, exec: () => void): void {
    const bytes = jsonSize(payload);
    this.queue.push({ kind: "write", bytes, exec });
  }
  /**
   * Like Office.js: the queued actions are taken now and answered later (after a macrotask, as a
   * round trip to Excel would), so the page stays responsive between syncs.
   */
  async sync(): Promise<void> {
    const ops = this.queue.splice(0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.host.runSync(ops);
  }
}

function notLoaded(name: string): never {
  throw new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${name}' is not available. Call load() and sync() first.`
  );
}

function splitProps(props: string | string[] | undefined): string[] {
  if (!props) return ["*"];
  const list = Array.isArray(props) ? props : props.split(",");
  return list.map((p) => p.trim()).filter(Boolean);
}

class FakeWorksheetCollection {
  private _items: FakeWorksheet[] | undefined;
  constructor(private ctx: FakeContext) {}
  getActiveWorksheet(): FakeWorksheet {
    const host = this.ctx.host;
    return new FakeWorksheet(this.ctx, () => host.activeSheet);
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.host.sheet(name));
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    this.ctx.host.need(4, "getItemOrNullObject");
    return new FakeWorksheet(
      this.ctx,
      () => this.ctx.host.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null
    );
  }
  add(name?: string): FakeWorksheet {
    const host = this.ctx.host;
    const sheetName = name ?? `Sheet${host.sheets.length + 1}`;
    this.ctx.write(sheetName, () => {
      if (host.sheets.some((s) => s.name.toLowerCase() === sheetName.toLowerCase())) {
        throw new FakeOfficeError(
          "ItemAlreadyExists",
          `A sheet named ${sheetName} already exists.`
        );
      }
      host.sheets.push(host.newSheet(sheetName));
    });
    return new FakeWorksheet(this.ctx, () => host.sheet(sheetName));
  }
  load(_props?: string): this {
    this.ctx.read(() => {
      this._items = this.ctx.host.sheets.map((s) => {
        const ws = new FakeWorksheet(this.ctx, () => this.ctx.host.sheet(s.name));
        ws._name = s.name;
        return ws;
      });
      return { items: this._items.map((w) => ({ name: w._name })) };
    });
    return this;
  }
  get items(): FakeWorksheet[] {
    return this._items ?? notLoaded("items");
  }
}

class FakeWorksheet {
  _name: string | undefined;
  _isNull: boolean | undefined;
  readonly protection: { load: (p?: string) => void; protected: boolean };
  readonly charts: { add: (type: string, source: FakeRange, seriesBy?: string) => FakeChartProxy };
  readonly pageLayout: {
    orientation: string;
    paperSize: string;
    zoom: FakeSheet["pageLayout"]["zoom"];
    setPrintTitleRows(rows: string): void;
    setPrintArea(range: string): void;
  };
  readonly horizontalPageBreaks: { add(range: string): void };
  constructor(
    private ctx: FakeContext,
    readonly resolve: () => FakeSheet | null
  ) {
    let prot: boolean | undefined;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- used inside a getter object
    const self = this;
    this.protection = {
      load: () => {
        ctx.host.need(2, "protection");
        ctx.read(() => (prot = self.must().protected));
      },
      get protected() {
        return prot ?? notLoaded("protected");
      },
    };
    this.pageLayout = {
      set orientation(v: string) {
        ctx.host.need(9, "pageLayout");
        ctx.write(v, () => (self.must().pageLayout.orientation = v));
      },
      get orientation(): string {
        return notLoaded("orientation");
      },
      set paperSize(v: string) {
        ctx.host.need(9, "pageLayout");
        ctx.write(v, () => (self.must().pageLayout.paperSize = v));
      },
      get paperSize(): string {
        return notLoaded("paperSize");
      },
      setPrintTitleRows(rows: string) {
        ctx.host.need(9, "pageLayout");
        ctx.write(rows, () => (self.must().pageLayout.printTitleRows = rows));
      },
      setPrintArea(range: string) {
        ctx.host.need(9, "pageLayout");
        ctx.write(range, () => (self.must().pageLayout.printArea = range));
      },
      set zoom(v: FakeSheet["pageLayout"]["zoom"]) {
        ctx.write(JSON.stringify(v), () => (self.must().pageLayout.zoom = { ...v }));
      },
      get zoom(): FakeSheet["pageLayout"]["zoom"] {
        return notLoaded("zoom");
      },
    };
    this.horizontalPageBreaks = {
      add(range: string) {
        ctx.host.need(9, "horizontalPageBreaks");
        ctx.write(range, () => self.must().pageBreaks.push(range));
      },
    };
    this.charts = {
      add: (type, source, _seriesBy) => {
        const chart: FakeChart = { type, source: "", series: [{}] };
        ctx.write(type, () => {
          chart.source = source.addressNow();
          self.must().charts.push(chart);
        });
        return new FakeChartProxy(ctx, chart);
      },
    };
  }
  must(): FakeSheet {
    const s = this.resolve();
    if (!s) throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist.");
    return s;
  }
  load(_props?: string): this {
    this.ctx.read(() => {
      const s = this.resolve();
      this._isNull = !s;
      this._name = s ? s.name : undefined;
      return { name: this._name };
    });
    return this;
  }
  get name(): string {
    return this._name ?? notLoaded("name");
  }
  get isNullObject(): boolean {
    return this._isNull ?? notLoaded("isNullObject");
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, this, () => parseRect(address ?? "A1:XFD1048576"));
  }
  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(
      this.ctx,
      this,
      () =>
        this.ctx.host.usedRect(this.must(), valuesOnly) ?? { top: 0, left: 0, bottom: 0, right: 0 }
    );
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    this.ctx.host.need(4, "getUsedRangeOrNullObject");
    return new FakeRange(
      this.ctx,
      this,
      () => this.ctx.host.usedRect(this.must(), valuesOnly),
      true
    );
  }
  activate(): void {
    this.ctx.write(undefined, () => {
      this.ctx.host.activeIndex = this.ctx.host.sheets.indexOf(this.must());
    });
  }
  delete(): void {
    this.ctx.write(undefined, () => {
      const s = this.resolve();
      if (!s) return; // null object: ignored like Office.js
      const host = this.ctx.host;
      const i = host.sheets.indexOf(s);
      const active = host.activeSheet;
      host.sheets.splice(i, 1);
      host.activeIndex = Math.max(0, host.sheets.indexOf(active));
    });
  }
}

function toCell(v: unknown, asFormula: boolean): FakeCell | undefined {
  if (v === "" || v === null || v === undefined) return undefined;
  if (typeof v === "string") {
    if (asFormula && v.startsWith("=")) return { value: null, formula: v.slice(1) };
    if (v.startsWith("'")) return { value: v.slice(1) };
    if (/^-?\d+(\.\d+)?$/.test(v.trim())) return { value: Number(v) };
  }
  return { value: v };
}

class FakeRange {
  private loaded: Record<string, unknown> = {};
  private nullObj: boolean | undefined;
  readonly format: any;
  readonly conditionalFormats: {
    add: (type: string) => FakeCFProxy;
    getItem: (id: string) => { delete: () => void };
  };
  constructor(
    private ctx: FakeContext,
    readonly ws: FakeWorksheet,
    private rectFn: () => Rect | null,
    private orNull = false
  ) {
    // Formatting is recorded as a write (payload counted) and logged on the sheet (not rendered).
    const fmtWrite = (prop: string) => (v: unknown) => {
      if (prop === "columnWidth" || prop === "rowHeight" || prop === "columnHidden")
        ctx.host.need(2, prop);
      ctx.write(v, () => {
        this.rectNow();
        this.ws.must().styles.push({ address: this.addressNow(false), prop, value: v });
      });
    };
    const font: any = {};
    const fill: any = {};
    for (const p of ["bold", "size", "color", "italic", "underline"])
      Object.defineProperty(font, p, { set: fmtWrite(p === "color" ? "fontColor" : p) });
    Object.defineProperty(fill, "color", { set: fmtWrite("fill") });
    fill.clear = () => ctx.write(undefined, () => undefined);
    this.format = { font, fill, autofitColumns: () => undefined };
    for (const p of [
      "wrapText",
      "columnWidth",
      "rowHeight",
      "verticalAlignment",
      "horizontalAlignment",
    ]) {
      Object.defineProperty(this.format, p, { set: fmtWrite(p) });
    }
    // Range.columnHidden (ExcelApi 1.2), logged with the formatting.
    Object.defineProperty(this, "columnHidden", { set: fmtWrite("columnHidden") });
    this.conditionalFormats = {
      add: (type: string) => {
        ctx.host.need(6, "conditionalFormats.add");
        const cf: FakeCF = { id: "", address: "", type };
        ctx.write(type, () => {
          cf.id = ctx.host.nextCfId();
          cf.address = this.addressNow(false);
          this.ws.must().cfs.push(cf);
        });
        return new FakeCFProxy(ctx, cf);
      },
      getItem: (id: string) => ({
        delete: () =>
          ctx.write(id, () => {
            const s = this.ws.must();
            const i = s.cfs.findIndex((c) => c.id === id);
            if (i < 0)
              throw new FakeOfficeError("ItemNotFound", `Conditional format ${id} not found`);
            s.cfs.splice(i, 1);
          }),
      }),
    };
  }

  rectNow(): Rect {
    const r = this.rectFn();
    if (!r) throw new FakeOfficeError("ItemNotFound", "Null object");
    return r;
  }

  addressNow(withSheet = true): string {
    const a = rectAddress(this.rectNow());
    return withSheet ? `${quoteName(this.ws.must().name)}!${a}` : a;
  }

  load(props?: string | string[]): this {
    const list = splitProps(props);
    this.ctx.read(() => {
      const r = this.rectFn();
      this.nullObj = !r;
      if (!r) return { isNullObject: true };
      const s = this.ws.must();
      const before = new Set(Object.keys(this.loaded));
      const fresh: Record<string, unknown> = {};
      const all = list.includes("*");
      const want = (p: string) => all || list.includes(p);
      const grid = (f: (c: FakeCell | undefined, k: string) => unknown) => {
        const out: unknown[][] = [];
        for (let row = r.top; row <= r.bottom; row++) {
          const line: unknown[] = [];
          for (let col = r.left; col <= r.right; col++)
            line.push(f(s.cells.get(key(row, col)), key(row, col)));
          out.push(line);
        }
        return out;
      };
      const host = this.ctx.host;
      if (want("values"))
        this.loaded.values = grid((c, k) =>
          !c ? "" : c.formula !== undefined ? host.formulaValue(s, k) : (c.value ?? "")
        );
      if (want("formulas"))
        this.loaded.formulas = grid((c) =>
          c ? (c.formula !== undefined ? `=${c.formula}` : (c.value ?? "")) : ""
        );
      if (want("numberFormat"))
        this.loaded.numberFormat = grid((_c, k) => s.formats.get(k) ?? "General");
      if (want("address")) this.loaded.address = this.addressNow();
      if (want("rowCount")) this.loaded.rowCount = r.bottom - r.top + 1;
      if (want("columnCount")) this.loaded.columnCount = r.right - r.left + 1;
      if (want("rowIndex")) this.loaded.rowIndex = r.top;
      if (want("columnIndex")) this.loaded.columnIndex = r.left;
      for (const k of Object.keys(this.loaded))
        if (!before.has(k) || want(k)) fresh[k] = this.loaded[k];
      return fresh;
    });
    return this;
  }

  private get_(p: string): any {
    if (!(p in this.loaded)) notLoaded(p);
    return this.loaded[p];
  }

  get isNullObject(): boolean {
    if (!this.orNull) return false;
    return this.nullObj ?? notLoaded("isNullObject");
  }
  get values(): any[][] {
    return this.get_("values");
  }
  get formulas(): any[][] {
    return this.get_("formulas");
  }
  get numberFormat(): any[][] {
    return this.get_("numberFormat");
  }
  get address(): string {
    return this.get_("address");
  }
  get rowCount(): number {
    return this.get_("rowCount");
  }
  get columnCount(): number {
    return this.get_("columnCount");
  }
  get rowIndex(): number {
    return this.get_("rowIndex");
  }
  get columnIndex(): number {
    return this.get_("columnIndex");
  }

  private setGrid(
    v: unknown,
    apply: (s: FakeSheet, row: number, col: number, x: unknown) => void
  ): void {
    this.ctx.write(v, () => {
      const r = this.rectNow();
      const s = this.ws.must();
      if (s.protected)
        throw new FakeOfficeError(
          "AccessDenied",
          "The cell or chart you're trying to change is protected."
        );
      const rows = r.bottom - r.top + 1;
      const cols = r.right - r.left + 1;
      const arr = Array.isArray(v) ? (v as unknown[][]) : null;
      if (arr && (arr.length !== rows || arr.some((line) => line.length !== cols))) {
        throw new FakeOfficeError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size of the range (${rectAddress(r)}).`
        );
      }
      for (const m of s.merges) {
        if (!intersects(m, r)) continue;
        for (let row = Math.max(m.top, r.top); row <= Math.min(m.bottom, r.bottom); row++) {
          for (let col = Math.max(m.left, r.left); col <= Math.min(m.right, r.right); col++) {
            if (row !== m.top || col !== m.left)
              throw new FakeOfficeError("InvalidOperation", "We can't do that to a merged cell.");
          }
        }
      }
      for (let i = 0; i < rows; i++)
        for (let j = 0; j < cols; j++) apply(s, r.top + i, r.left + j, arr ? arr[i][j] : v);
    });
  }

  // null in a 2-D array leaves the cell unchanged (Office.js semantics).
  set values(v: any) {
    this.setGrid(v, (s, r, c, x) => {
      if (x === null && Array.isArray(v)) return;
      const cell = toCell(x, false);
      if (cell) s.cells.set(key(r, c), cell);
      else s.cells.delete(key(r, c));
    });
  }
  set formulas(v: any) {
    this.setGrid(v, (s, r, c, x) => {
      if (x === null && Array.isArray(v)) return;
      const cell = toCell(x, true);
      if (cell) s.cells.set(key(r, c), cell);
      else s.cells.delete(key(r, c));
    });
  }
  set numberFormat(v: any) {
    this.setGrid(v, (s, r, c, x) => {
      if (x === null || x === undefined) return;
      if (x === "General" || x === "") s.formats.delete(key(r, c));
      else s.formats.set(key(r, c), String(x));
    });
  }

  /** Paste-special semantics: the source is tiled over this range, relative references shift. */
  copyFrom(source: FakeRange, copyType: string = "All"): void {
    this.ctx.host.need(9, "copyFrom");
    this.ctx.write(copyType, () => {
      const dest = this.rectNow();
      const src = source.rectNow();
      const s = this.ws.must();
      const from = source.ws.must();
      if (s.protected)
        throw new FakeOfficeError(
          "AccessDenied",
          "The cell or chart you're trying to change is protected."
        );
      const h = src.bottom - src.top + 1;
      const w = src.right - src.left + 1;
      for (let r = dest.top; r <= dest.bottom; r++) {
        for (let c = dest.left; c <= dest.right; c++) {
          const sr = src.top + ((r - dest.top) % h);
          const sc = src.left + ((c - dest.left) % w);
          if (copyType === "All" || copyType === "Formulas") {
            const cell = from.cells.get(key(sr, sc));
            if (!cell) s.cells.delete(key(r, c));
            else if (cell.formula !== undefined) {
              const f = shiftFormula(cell.formula, r - sr, c - sc);
              s.cells.set(key(r, c), { value: null, formula: f ?? "#REF!" });
            } else s.cells.set(key(r, c), { value: cell.value });
          }
          if (copyType === "All" || copyType === "Formats") {
            const nf = from.formats.get(key(sr, sc));
            if (nf) s.formats.set(key(r, c), nf);
            else s.formats.delete(key(r, c));
          }
        }
      }
    });
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.ctx.host.need(13, "getMergedAreasOrNullObject");
    return new FakeRangeAreas(this.ctx, () => {
      const r = this.rectNow();
      const s = this.ws.must();
      return s.merges
        .filter((m) => intersects(m, r))
        .map((m) => `${quoteName(s.name)}!${rectAddress(m)}`);
    });
  }

  merge(across?: boolean): void {
    this.ctx.host.need(2, "merge");
    this.ctx.write(undefined, () => {
      const r = this.rectNow();
      // Across: one merged area per row of the range.
      if (!across) this.ws.must().merges.push(r);
      else
        for (let row = r.top; row <= r.bottom; row++)
          this.ws.must().merges.push({ ...r, top: row, bottom: row });
    });
  }

  select(): void {
    this.ctx.write(undefined, () => {
      this.ctx.host.selection = { sheet: this.ws.must().name, address: this.addressNow(false) };
    });
  }
}

class FakeRangeAreas {
  private addr: string | undefined;
  private isNull: boolean | undefined;
  constructor(
    private ctx: FakeContext,
    private areas: () => string[]
  ) {}
  load(_p?: string): this {
    this.ctx.read(() => {
      const a = this.areas();
      this.isNull = a.length === 0;
      this.addr = a.join(",");
      return this.addr;
    });
    return this;
  }
  get isNullObject(): boolean {
    return this.isNull ?? notLoaded("isNullObject");
  }
  get address(): string {
    return this.addr ?? notLoaded("address");
  }
}

class FakeCFProxy {
  readonly textComparison: any;
  private loadedId: string | undefined;
  constructor(
    private ctx: FakeContext,
    private cf: FakeCF
  ) {
    const w = (f: (x: any) => void) => (x: any) => ctx.write(x, () => f(x));
    const fill: any = {};
    const font: any = {};
    Object.defineProperty(fill, "color", { set: w((x) => (cf.fill = x)) });
    Object.defineProperty(font, "color", { set: w((x) => (cf.font = x)) });
    this.textComparison = { format: { fill, font } };
    Object.defineProperty(this.textComparison, "rule", { set: w((x) => (cf.rule = { ...x })) });
  }
  set priority(v: number) {
    this.ctx.write(v, () => (this.cf.priority = v));
  }
  set stopIfTrue(v: boolean) {
    this.ctx.write(v, () => (this.cf.stopIfTrue = v));
  }
  load(_p?: string): this {
    this.ctx.read(() => (this.loadedId = this.cf.id));
    return this;
  }
  get id(): string {
    return this.loadedId ?? notLoaded("id");
  }
}

class FakeChartProxy {
  readonly title: any;
  readonly series: any;
  constructor(
    private ctx: FakeContext,
    private chart: FakeChart
  ) {
    const title: any = {};
    Object.defineProperty(title, "text", {
      set: (x: string) => ctx.write(x, () => (chart.title = x)),
    });
    this.title = title;
    const seriesProxy = (index: () => number) => {
      const s: any = {
        setValues: (r: FakeRange) =>
          ctx.host.need(7, "setValues") ??
          ctx.write(undefined, () => (chart.series[index()].values = r.addressNow())),
        setXAxisValues: (r: FakeRange) =>
          ctx.host.need(7, "setXAxisValues") ??
          ctx.write(undefined, () => (chart.series[index()].xValues = r.addressNow())),
      };
      Object.defineProperty(s, "name", {
        set: (x: string) => ctx.write(x, () => (chart.series[index()].name = x)),
      });
      Object.defineProperty(s, "chartType", {
        set: (x: string) => ctx.write(x, () => (chart.series[index()].chartType = x)),
      });
      return s;
    };
    this.series = {
      getItemAt: (i: number) => seriesProxy(() => i),
      add: (name?: string) => {
        ctx.host.need(7, "series.add");
        let idx = -1;
        ctx.write(name, () => {
          chart.series.push({ name });
          idx = chart.series.length - 1;
        });
        return seriesProxy(() => idx);
      },
    };
  }
  setPosition(start: string, end: string): void {
    this.ctx.write(undefined, () => (this.chart.position = [start, end]));
  }
  set plotVisibleOnly(v: boolean) {
    this.ctx.host.need(8, "plotVisibleOnly");
    this.ctx.write(v, () => (this.chart.plotVisibleOnly = v));
  }
}

/** Create a host, load grids and install it as the global Excel/Office. */
export function installFakeExcel(
  grids?: GridLike | GridLike[],
  g: any = globalThis
): FakeExcelHost {
  const host = new FakeExcelHost();
  if (grids) host.loadGrid(grids);
  host.install(g);
  return host;
}
