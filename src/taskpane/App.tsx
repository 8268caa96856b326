import * as React from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import { Busy, ProgressStatus } from "./components/Busy";
import { scanProgress } from "./progress";
import type { ColumnRole, EngineOptions, QuarterType, SheetGrid } from "../core/engine/types";
import type { SignatureBlock } from "../core/engine/evaluation-sheet";
import { TableSelection, useAnalysis } from "./analysis";
import { isMonevError } from "../core/errors";
import type { Scale } from "../core/predikat";
import {
  AdapterError,
  UndoRecord,
  applyPlan,
  generateEvaluationSheet,
  makePortable,
  readActiveSheet,
  readRangeValues,
  selectCell,
  selectWrites,
  undo,
} from "../excel/adapter";
import { KenaliStep } from "./components/KenaliStep";
import { CUSTOM_SCALE, SesuaikanStep } from "./components/SesuaikanStep";
import { TindakanStep } from "./components/TindakanStep";
import { Message, StatusArea } from "./components/StatusArea";
import { Lang, STRINGS, fmt, officeLang, setNumberLocale } from "./i18n";
import { a1, parseRange } from "../excel/a1";

/** Cells of a fill's undo blocks that differ between the sheet just after the fill and now. */
export function changedSince(rec: UndoRecord, after: SheetGrid, now: SheetGrid): string[] {
  const key = (g: SheetGrid, r: number, c: number) => {
    const cell = g.cells[r]?.[c];
    return cell ? (cell.formula !== undefined ? `=${cell.formula}` : String(cell.value ?? "")) : "";
  };
  const out: string[] = [];
  for (const b of rec.blocks) {
    if (b.sheet !== after.name || b.sheet !== now.name) continue;
    const r = parseRange(b.address);
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        if (key(after, row, col) !== key(now, row, col)) out.push(a1(row, col));
      }
    }
  }
  return out;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
  },
});

export type { Message } from "./components/StatusArea";

/** The cap chosen in the pane: "" none, "100", "120" or "custom" (then the typed number). */
export function batasOf(choice: string, custom: string): number | undefined {
  const text = choice === "custom" ? custom.trim().replace(",", ".") : choice;
  if (text === "") return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

const SIGNATURE_KEY = "monev.signature";

/** The signature fields the user typed last time (this browser profile), or none. */
export function loadSignature(): SignatureBlock {
  try {
    const raw = typeof localStorage !== "undefined" ? localStorage.getItem(SIGNATURE_KEY) : null;
    const v: unknown = raw ? JSON.parse(raw) : {};
    if (!v || typeof v !== "object") return {};
    const out: SignatureBlock = {};
    for (const k of ["place", "date", "position", "name", "nip"] as const) {
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === "string") out[k] = x;
    }
    return out;
  } catch {
    return {};
  }
}

function saveSignature(sig: SignatureBlock): void {
  try {
    localStorage.setItem(SIGNATURE_KEY, JSON.stringify(sig));
  } catch {
    // Storage blocked (private mode, policy): the fields then last as long as the pane.
  }
}

/** The signature block to print: undefined when every field is empty. */
export function signatureOf(sig: SignatureBlock): SignatureBlock | undefined {
  const out: SignatureBlock = {};
  for (const k of ["place", "date", "position", "name", "nip"] as const) {
    const v = sig[k]?.trim();
    if (v) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export interface AppProps {
  lang?: Lang;
  /** Scan the active sheet when the pane opens (default true). */
  autoScan?: boolean;
}

export function App({ lang = officeLang(), autoScan = true }: AppProps): React.JSX.Element {
  const s = STRINGS[lang];
  setNumberLocale(lang);
  const st = useStyles();
  const [grid, setGrid] = React.useState<SheetGrid>();
  const [busy, setBusy] = React.useState(false);
  const [progress, setProgress] = React.useState<number>();
  /** Rows read / rows to read while a scan reads the sheet. */
  const [readShare, setReadShare] = React.useState<number>();
  const [messages, setMessages] = React.useState<Message[]>([]);
  const [roleOverrides, setRoleOverrides] = React.useState<Record<number, ColumnRole>>({});
  const [arahOverrides, setArahOverrides] = React.useState<Record<number, "normal" | "inverse">>(
    {}
  );
  const [scale, setScale] = React.useState("");
  const [customRange, setCustomRange] = React.useState("");
  // The user's table as a scale: a new object on every read, so reading another table re-analyses.
  const [customScale, setCustomScale] = React.useState<Scale>();
  const [overwrite, setOverwrite] = React.useState(false);
  const [undoStack, setUndoStack] = React.useState<UndoRecord[]>([]);
  /** Bumped after an action: the status area then takes the focus. */
  const [focusKey, setFocusKey] = React.useState(0);
  const [dismissed, setDismissed] = React.useState<Set<string>>(new Set());
  /** The sheet as read right after each fill (to warn when cells changed before an undo). */
  const afterFill = React.useRef(new WeakMap<UndoRecord, SheetGrid>());
  /** The undo the user was warned about: a second press goes ahead. */
  const [undoWarned, setUndoWarned] = React.useState<UndoRecord>();
  /** Which table of a sheet with several: the first by default. */
  const [table, setTable] = React.useState<TableSelection>(0);
  const [batasChoice, setBatasChoice] = React.useState("");
  const [batasCustom, setBatasCustom] = React.useState("");
  const [quarterDefault, setQuarterDefault] = React.useState<QuarterType | "">("");
  const [quarterRows, setQuarterRows] = React.useState<Record<number, QuarterType>>({});
  const [signature, setSignature] = React.useState<SignatureBlock>(loadSignature);
  const batas = batasOf(batasChoice, batasCustom);
  // Another sheet has other tables: back to the first (a rescan of the same sheet keeps the choice).
  const sheetName = grid?.name;
  React.useEffect(() => setTable(0), [sheetName]);

  const opts: EngineOptions = React.useMemo(
    () => ({
      scale: scale === CUSTOM_SCALE ? (customScale ? CUSTOM_SCALE : undefined) : scale || undefined,
      scales: scale === CUSTOM_SCALE && customScale ? { [CUSTOM_SCALE]: customScale } : undefined,
      overwrite,
      roleOverrides,
      arahOverrides,
      batas,
      quarterType:
        quarterDefault || Object.keys(quarterRows).length > 0
          ? { default: quarterDefault || undefined, rows: quarterRows }
          : undefined,
    }),
    [
      scale,
      customScale,
      overwrite,
      roleOverrides,
      arahOverrides,
      batas,
      quarterDefault,
      quarterRows,
    ]
  );

  const { analysis, analysing, progress: analysed } = useAnalysis(grid, opts, table);
  const scanning = scanProgress(readShare, analysing, analysed);

  const errorMessage = React.useCallback(
    (e: unknown): Message => {
      // An empty sheet is a state, not a failure: no red "Kesalahan".
      if (e instanceof AdapterError && e.code === "empty")
        return { intent: "info", text: lang === "en" ? e.messageEn : e.message };
      if (e instanceof AdapterError)
        return { intent: "error", title: s.error, text: lang === "en" ? e.messageEn : e.message };
      return { intent: "error", title: s.error, text: e instanceof Error ? e.message : String(e) };
    },
    [lang, s]
  );

  const scan = React.useCallback(
    async (sheetName?: string, keep: Message[] = []): Promise<SheetGrid | undefined> => {
      setBusy(true);
      setReadShare(0);
      try {
        const g = await readActiveSheet(sheetName, undefined, (done, total) =>
          setReadShare(total > 0 ? done / total : 1)
        );
        setGrid(g);
        setMessages(keep);
        return g;
      } catch (e) {
        setGrid(undefined);
        setMessages([...keep, errorMessage(e)]);
        return undefined;
      } finally {
        setBusy(false);
        setReadShare(undefined);
      }
    },
    [errorMessage]
  );

  React.useEffect(() => {
    if (autoScan) void scan();
  }, [autoScan, scan]);

  const run = async (action: () => Promise<Message[]>) => {
    setBusy(true);
    try {
      setMessages(await action());
    } catch (e) {
      setMessages([errorMessage(e)]);
    } finally {
      setBusy(false);
      setProgress(undefined);
      setDismissed(new Set());
      setFocusKey((k) => k + 1);
    }
  };

  const writes = analysis ? selectWrites(analysis.plan, overwrite).length : 0;

  const onFill = () =>
    run(async () => {
      if (!analysis || !grid) return [];
      setProgress(0);
      const rec = await applyPlan(analysis.plan, {
        overwrite,
        scale: analysis.view.scale,
        onProgress: (d, t) => setProgress(t > 0 ? d / t : 1),
      });
      setUndoStack((u) => [...u, rec]);
      const msgs: Message[] = [
        { intent: "success", title: s.success, text: fmt(s.filled, rec.written) },
      ];
      for (const n of rec.notes) msgs.push({ intent: "info", text: n });
      const after = await scan(grid.name, msgs);
      if (after) afterFill.current.set(rec, after);
      return msgs;
    });

  const onGenerate = () =>
    run(async () => {
      if (!analysis) return [];
      const rec = await generateEvaluationSheet(
        analysis,
        lang,
        opts.scales?.[opts.scale ?? ""] ?? opts.scale,
        grid,
        undefined,
        signatureOf(signature)
      );
      setUndoStack((u) => [...u, rec]);
      return [{ intent: "success", title: s.success, text: fmt(s.generated, rec.sheetName ?? "") }];
    });

  const onUndo = () =>
    run(async () => {
      const rec = undoStack[undoStack.length - 1];
      if (!rec) return [];
      const after = afterFill.current.get(rec);
      if (rec.kind === "fill" && after && undoWarned !== rec) {
        const now = await readActiveSheet(after.name);
        const changed = changedSince(rec, after, now);
        if (changed.length > 0) {
          setUndoWarned(rec);
          return [
            {
              intent: "warning",
              text: fmt(s.undoChanged, changed.length, changed.slice(0, 3).join(", ")),
            },
          ];
        }
      }
      setUndoWarned(undefined);
      await undo(rec);
      setUndoStack((u) => u.slice(0, -1));
      const msgs: Message[] = [{ intent: "success", title: s.success, text: s.undone }];
      if (rec.kind !== "generate" && grid) await scan(grid.name, msgs);
      return msgs;
    });

  const onPortable = () =>
    run(async () => {
      const rep = await makePortable();
      if (rep.replaced > 0) setUndoStack((u) => [...u, rep.undo]);
      const msgs: Message[] = [
        rep.replaced > 0
          ? { intent: "success", title: s.success, text: fmt(s.portableDone, rep.replaced) }
          : { intent: "info", text: s.portableNone },
      ];
      if (rep.failed.length > 0) {
        const list = rep.failed
          .slice(0, 5)
          .map((f) => `${f.sheet}!${f.address} (${f.message})`)
          .join("; ");
        msgs.push({ intent: "warning", text: fmt(s.portableFailed, rep.failed.length, list) });
      }
      return msgs;
    });

  const onReadCustomScale = () =>
    run(async () => {
      const values = await readRangeValues(customRange.trim());
      // The scales and the number parser are not in the pane's bundle: loaded with the engine chunk.
      const { scaleFromTable } = await import(/* webpackChunkName: "engine" */ "../core/predikat");
      const sc = scaleFromTable(values);
      if (isMonevError(sc)) {
        setCustomScale(undefined);
        return [
          { intent: "error", title: s.error, text: lang === "en" ? sc.messageEn : sc.message },
        ];
      }
      // The engine gets the user's table in its options (opts.scales), as 'custom'.
      setCustomScale({ ...sc, id: CUSTOM_SCALE });
      return [{ intent: "success", text: fmt(s.scaleLoaded, customRange.trim(), sc.bands.length) }];
    });

  const onSelect = (sheet: string, address: string) => {
    selectCell(sheet, address).catch((e: unknown) => setMessages([errorMessage(e)]));
  };

  // A message about one cell (a merged or ambiguous cell left alone) selects it, like a finding.
  const cellOf = (m: { address?: string }): Message["cell"] =>
    m.address && sheetName
      ? {
          label: fmt(s.selectCell, m.address),
          select: () => onSelect(sheetName, m.address as string),
        }
      : undefined;

  const info: Message[] = [
    // The engine's texts in the pane's language, rendered through the catalogue by engine-view.
    ...(analysis?.view.messages ?? [])
      // A protected sheet is said once, next to the disabled fill button (blockedReason below).
      .filter((m) => !(m.code === "analysis.protected" && grid?.protected && writes > 0))
      .map((m): Message =>
        // What was left empty, and why, stands out like the plan's notes (the CLI lists them too).
        m.omission
          ? {
              intent: "warning",
              // Rows the summary leaves out are not empty cells: their printed figure is not rated.
              title: m.code === "analysis.not-rated" ? s.notRated : s.leftEmpty,
              text: m[lang],
              cell: cellOf(m),
            }
          : { intent: "info", text: m[lang] }
      ),
    ...(analysis?.view.notes ?? []).map((m): Message => ({
      intent: "warning",
      title: m.omission ? s.leftEmpty : s.notes,
      text: m[lang],
      cell: cellOf(m),
    })),
  ];

  return (
    <main className={st.root} lang={lang}>
      <h1>
        <Text size={500} weight="semibold">
          {s.appTitle}
        </Text>
      </h1>
      <StatusArea
        s={s}
        messages={messages.filter((m) => !dismissed.has(m.text))}
        notes={info.filter((m) => !dismissed.has(m.text))}
        focusKey={focusKey}
        onDismiss={(m) => setDismissed((d) => new Set(d).add(m.text))}
      />
      {scanning ? (
        <ProgressStatus
          label={fmt(scanning.phase === "read" ? s.readingPct : s.analysingPct, scanning.percent)}
          percent={scanning.percent}
          testId="scan-progress"
        />
      ) : (
        busy && !grid && <Busy label={s.loading} />
      )}
      <KenaliStep
        s={s}
        lang={lang}
        grid={grid}
        analysis={analysis}
        busy={busy || analysing}
        table={table}
        onTable={setTable}
        arahOverrides={arahOverrides}
        onRescan={() => void scan(grid?.name)}
        onArah={(row, a) => setArahOverrides((o) => ({ ...o, [row]: a }))}
        onSelect={onSelect}
      />
      <SesuaikanStep
        s={s}
        analysis={analysis}
        busy={busy || analysing}
        roleOverrides={roleOverrides}
        arahOverrides={arahOverrides}
        scale={scale}
        customRange={customRange}
        overwrite={overwrite}
        onRole={(col, role) => setRoleOverrides((o) => ({ ...o, [col]: role }))}
        onArah={(row, a) => setArahOverrides((o) => ({ ...o, [row]: a }))}
        onScale={(v) => {
          setScale(v);
          if (v !== CUSTOM_SCALE) setCustomScale(undefined);
        }}
        onCustomRange={setCustomRange}
        onReadCustomScale={() => void onReadCustomScale()}
        onOverwrite={setOverwrite}
        batasChoice={batasChoice}
        batasCustom={batasCustom}
        onBatasChoice={setBatasChoice}
        onBatasCustom={setBatasCustom}
        quarterDefault={quarterDefault}
        quarterRows={quarterRows}
        onQuarterDefault={setQuarterDefault}
        onQuarterRow={(row, q) =>
          setQuarterRows((o) => {
            const next = { ...o };
            if (q) next[row] = q;
            else delete next[row];
            return next;
          })
        }
        signature={signature}
        onSignature={(sig) => {
          setSignature(sig);
          saveSignature(sig);
        }}
      />
      <TindakanStep
        s={s}
        busy={busy || analysing}
        canFill={writes > 0 && !grid?.protected}
        blockedReason={grid?.protected && writes > 0 ? fmt(s.protectedSheet, grid.name) : undefined}
        canGenerate={
          !!analysis &&
          analysis.view.selected !== "all" &&
          analysis.tables.some((t) => t.kind !== "unknown")
        }
        canUndo={undoStack.length > 0}
        writeCount={writes}
        progress={progress}
        onFill={() => void onFill()}
        onGenerate={() => void onGenerate()}
        onUndo={() => void onUndo()}
        onPortable={() => void onPortable()}
      />
    </main>
  );
}
