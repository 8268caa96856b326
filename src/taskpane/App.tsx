import * as React from "react";
import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ColumnRole, EngineOptions, SheetGrid } from "../core/engine/types";
import { useAnalysis } from "./analysis";
import { isMonevError } from "../core/errors";
import { SCALES, scaleFromTable } from "../core/predikat";
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
import { Lang, STRINGS, fmt, officeLang } from "./i18n";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
  },
  messages: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

export interface Message {
  intent: "success" | "error" | "warning" | "info";
  title?: string;
  text: string;
}

export interface AppProps {
  lang?: Lang;
  /** Scan the active sheet when the pane opens (default true). */
  autoScan?: boolean;
}

export function App({ lang = officeLang(), autoScan = true }: AppProps): React.JSX.Element {
  const s = STRINGS[lang];
  const st = useStyles();
  const [grid, setGrid] = React.useState<SheetGrid>();
  const [busy, setBusy] = React.useState(false);
  const [progress, setProgress] = React.useState<number>();
  const [messages, setMessages] = React.useState<Message[]>([]);
  const [roleOverrides, setRoleOverrides] = React.useState<Record<number, ColumnRole>>({});
  const [arahOverrides, setArahOverrides] = React.useState<Record<number, "normal" | "inverse">>({});
  const [scale, setScale] = React.useState("");
  const [customRange, setCustomRange] = React.useState("");
  const [customLoaded, setCustomLoaded] = React.useState(false);
  const [overwrite, setOverwrite] = React.useState(false);
  const [undoStack, setUndoStack] = React.useState<UndoRecord[]>([]);

  const opts: EngineOptions = React.useMemo(
    () => ({
      scale: scale === CUSTOM_SCALE ? (customLoaded ? CUSTOM_SCALE : undefined) : scale || undefined,
      overwrite,
      roleOverrides,
      arahOverrides,
    }),
    [scale, customLoaded, overwrite, roleOverrides, arahOverrides],
  );

  const { analysis, analysing } = useAnalysis(grid, opts);

  const errorMessage = React.useCallback(
    (e: unknown): Message => {
      if (e instanceof AdapterError) return { intent: "error", title: s.error, text: lang === "en" ? e.messageEn : e.message };
      return { intent: "error", title: s.error, text: e instanceof Error ? e.message : String(e) };
    },
    [lang, s],
  );

  const scan = React.useCallback(
    async (sheetName?: string, keep: Message[] = []) => {
      setBusy(true);
      try {
        const g = await readActiveSheet(sheetName);
        setGrid(g);
        setMessages(keep);
      } catch (e) {
        setGrid(undefined);
        setMessages([...keep, errorMessage(e)]);
      } finally {
        setBusy(false);
      }
    },
    [errorMessage],
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
    }
  };

  const writes = analysis ? selectWrites(analysis.plan, overwrite).length : 0;

  const onFill = () =>
    run(async () => {
      if (!analysis || !grid) return [];
      setProgress(0);
      const rec = await applyPlan(analysis.plan, { overwrite, onProgress: (d, t) => setProgress(t > 0 ? d / t : 1) });
      setUndoStack((u) => [...u, rec]);
      const msgs: Message[] = [{ intent: "success", title: s.success, text: fmt(s.filled, rec.written) }];
      for (const n of rec.notes) msgs.push({ intent: "info", text: n });
      await scan(grid.name, msgs);
      return msgs;
    });

  const onGenerate = () =>
    run(async () => {
      if (!analysis) return [];
      const rec = await generateEvaluationSheet(analysis, lang, opts.scale, grid);
      setUndoStack((u) => [...u, rec]);
      return [{ intent: "success", title: s.success, text: fmt(s.generated, rec.sheetName ?? "") }];
    });

  const onUndo = () =>
    run(async () => {
      const rec = undoStack[undoStack.length - 1];
      if (!rec) return [];
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
      const sc = scaleFromTable(values);
      if (isMonevError(sc)) {
        setCustomLoaded(false);
        return [{ intent: "error", title: s.error, text: lang === "en" ? sc.messageEn : sc.message }];
      }
      // The engine looks scales up by id: register the user's table as 'custom'.
      SCALES[CUSTOM_SCALE] = { ...sc, id: CUSTOM_SCALE };
      setCustomLoaded(false);
      setCustomLoaded(true);
      return [{ intent: "success", text: fmt(s.scaleLoaded, customRange.trim(), sc.bands.length) }];
    });

  const onSelect = (sheet: string, address: string) => {
    selectCell(sheet, address).catch((e: unknown) => setMessages([errorMessage(e)]));
  };

  const info: Message[] = [
    ...(analysis?.messages ?? []).map((text): Message => ({ intent: "info", text })),
    ...(analysis?.plan.notes ?? []).map((text): Message => ({ intent: "warning", title: s.notes, text })),
  ];

  return (
    <main className={st.root} lang={lang}>
      <h1>
        <Text size={500} weight="semibold">
          {s.appTitle}
        </Text>
      </h1>
      <div className={st.messages} aria-live="polite">
        {[...messages, ...info].map((m, i) => (
          <MessageBar key={i} intent={m.intent} data-testid={`msg-${m.intent}`}>
            <MessageBarBody>
              {m.title && <MessageBarTitle>{m.title}</MessageBarTitle>}
              {m.text}
            </MessageBarBody>
          </MessageBar>
        ))}
      </div>
      {busy && !grid && <Spinner size="small" label={s.loading} />}
      {analysing && <Spinner size="small" label={s.analysing} data-testid="analysing" />}
      <KenaliStep
        s={s}
        lang={lang}
        grid={grid}
        analysis={analysis}
        busy={busy || analysing}
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
          if (v !== CUSTOM_SCALE) setCustomLoaded(false);
        }}
        onCustomRange={setCustomRange}
        onReadCustomScale={() => void onReadCustomScale()}
        onOverwrite={setOverwrite}
      />
      <TindakanStep
        s={s}
        busy={busy || analysing}
        canFill={writes > 0}
        canGenerate={!!analysis && analysis.tables.some((t) => t.kind !== "unknown")}
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
