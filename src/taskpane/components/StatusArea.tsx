import * as React from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import type { Strings } from "../i18n";

export interface Message {
  intent: "success" | "error" | "warning" | "info";
  title?: string;
  text: string;
  /** A cell the message is about: a button selects it. */
  cell?: { label: string; select: () => void };
}

const useStyles = makeStyles({
  area: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  msg: {
    display: "flex",
    alignItems: "flex-start",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderLeftWidth: tokens.strokeWidthThickest,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    ":focus-visible": { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  body: { flexGrow: 1, overflowWrap: "anywhere" },
  title: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalXS },
  success: {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    borderLeftColor: tokens.colorPaletteGreenBorderActive,
  },
  error: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    borderLeftColor: tokens.colorPaletteRedBorderActive,
  },
  warning: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    borderLeftColor: tokens.colorPaletteDarkOrangeBorderActive,
  },
  info: {
    backgroundColor: tokens.colorNeutralBackground3,
    borderLeftColor: tokens.colorNeutralStrokeAccessible,
  },
});

const ORDER: Message["intent"][] = ["error", "warning", "success", "info"];

/**
 * The pane's one status area: every message (results of actions, the analysis' notes) grouped by
 * kind (errors first), each one dismissible. `focusKey` changes after an action: the first message
 * then takes the focus, so a keyboard or screen-reader user lands on the result.
 */
export function StatusArea(props: {
  s: Strings;
  /** Results of the last action (shown first; the first one takes the focus after the action). */
  messages: Message[];
  /** Standing notes of the analysis. */
  notes: Message[];
  focusKey: number;
  onDismiss: (m: Message) => void;
}): React.JSX.Element {
  const st = useStyles();
  const first = React.useRef<HTMLDivElement>(null);
  const byKind = (list: Message[]) =>
    [...list].sort((a, b) => ORDER.indexOf(a.intent) - ORDER.indexOf(b.intent));
  const sorted = [...byKind(props.messages), ...byKind(props.notes)];
  React.useEffect(() => {
    if (props.focusKey > 0) first.current?.focus();
  }, [props.focusKey]);
  return (
    <div className={st.area} role="status" aria-live="polite" data-testid="status-area">
      {sorted.map((m, i) => (
        <div
          key={`${m.intent}:${m.title ?? ""}:${m.text}`}
          ref={i === 0 ? first : undefined}
          tabIndex={-1}
          className={`${st.msg} ${st[m.intent]}`}
          data-testid={`msg-${m.intent}`}
        >
          <div className={st.body}>
            {m.title && <span className={st.title}>{m.title}</span>}
            {m.text}
          </div>
          {m.cell && (
            <Button appearance="transparent" size="small" onClick={m.cell.select}>
              {m.cell.label}
            </Button>
          )}
          <Button
            appearance="transparent"
            size="small"
            aria-label={props.s.dismiss}
            title={props.s.dismiss}
            onClick={() => props.onDismiss(m)}
          >
            ×
          </Button>
        </div>
      ))}
    </div>
  );
}
