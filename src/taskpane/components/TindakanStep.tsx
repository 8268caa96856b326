import * as React from "react";
import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { Strings, fmt } from "../i18n";

const useStyles = makeStyles({
  // The actions stay in view at the bottom of the pane while the user scrolls the findings.
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    position: "sticky",
    bottom: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: tokens.spacingVerticalM,
  },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  // Narrow or short pane: the bar must leave the findings room (<= 20 % of 320x640).
  compact: {
    gap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    fontSize: tokens.fontSizeBase200,
  },
  compactButtons: { gap: tokens.spacingHorizontalXS },
  // Less side padding so Isi, Urungkan and Lainnya share one row at 320 px.
  compactButton: {
    minWidth: "auto",
    paddingLeft: tokens.spacingHorizontalSNudge,
    paddingRight: tokens.spacingHorizontalSNudge,
  },
  small: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  // The step's heading stays for screen readers and heading navigation, off screen.
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
    margin: 0,
  },
  progress: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  bar: { width: "100%", height: "6px", accentColor: tokens.colorBrandBackground },
});

export interface TindakanProps {
  s: Strings;
  busy: boolean;
  canFill: boolean;
  canGenerate: boolean;
  canUndo: boolean;
  writeCount: number;
  /** Why filling is not possible before the user tries (e.g. a protected sheet). */
  blockedReason?: string;
  /** 0..1 while writing, undefined otherwise. */
  progress: number | undefined;
  onFill: () => void;
  onGenerate: () => void;
  onUndo: () => void;
  onPortable: () => void;
}

/** Panes this narrow or short get the compact bar (the 320x640 pane of Excel on a small screen). */
export const COMPACT_QUERY = "(max-width: 400px), (max-height: 700px)";

function useMedia(query: string): boolean {
  const get = () => typeof window !== "undefined" && !!window.matchMedia?.(query).matches;
  const [on, setOn] = React.useState(get);
  React.useEffect(() => {
    const m = window.matchMedia?.(query);
    if (!m) return;
    const change = () => setOn(m.matches);
    change();
    m.addEventListener("change", change);
    return () => m.removeEventListener("change", change);
  }, [query]);
  return on;
}

/** Step 3: the actions that change the workbook (each one can be undone). */
export function TindakanStep(props: TindakanProps): React.JSX.Element {
  const { s } = props;
  const st = useStyles();
  const compact = useMedia(COMPACT_QUERY);
  // Compact: one row (Isi, Urungkan, Lainnya); the other actions open under Lainnya.
  const [more, setMore] = React.useState(false);
  const size = compact ? "small" : "medium";
  const btn = compact ? st.compactButton : undefined;
  const bar = React.useRef<HTMLElement>(null);
  // Keep a focused control above the bar: the page's scroll padding follows the bar's height, which
  // grows at 320 px with a blocked reason or wrapped buttons (taskpane.html's 14rem is the fallback).
  React.useLayoutEffect(() => {
    const fit = () => {
      const h = bar.current?.offsetHeight ?? 0;
      if (h > 0) document.documentElement.style.scrollPaddingBottom = `${h + 16}px`;
    };
    fit();
    window.addEventListener("resize", fit);
    return () => window.removeEventListener("resize", fit);
  });
  const generate = (
    <Button
      className={btn}
      size={size}
      onClick={props.onGenerate}
      disabled={props.busy || !props.canGenerate}
    >
      {s.generate}
    </Button>
  );
  const portable = (
    <Button className={btn} size={size} onClick={props.onPortable} disabled={props.busy}>
      {s.portable}
    </Button>
  );
  return (
    <section
      ref={bar}
      className={compact ? `${st.section} ${st.compact}` : st.section}
      aria-labelledby="step-tindakan"
    >
      <h2 id="step-tindakan" className={compact ? st.hidden : undefined}>
        {s.stepTindakan}
      </h2>
      {props.canFill && (
        <Text className={compact ? st.small : undefined}>{fmt(s.fillCount, props.writeCount)}</Text>
      )}
      {props.blockedReason && (
        <Text
          id="fill-blocked"
          data-testid="fill-blocked"
          className={compact ? st.small : undefined}
        >
          {props.blockedReason}
        </Text>
      )}
      <div className={compact ? `${st.buttons} ${st.compactButtons}` : st.buttons}>
        <Button
          className={btn}
          size={size}
          appearance="primary"
          onClick={props.onFill}
          disabled={props.busy || !props.canFill}
          aria-describedby={props.blockedReason ? "fill-blocked" : undefined}
        >
          {s.fill}
        </Button>
        {!compact && generate}
        <Button
          className={btn}
          size={size}
          onClick={props.onUndo}
          disabled={props.busy || !props.canUndo}
        >
          {s.undo}
        </Button>
        {compact ? (
          <Button
            className={btn}
            size={size}
            aria-expanded={more}
            aria-controls="more-actions"
            onClick={() => setMore((m) => !m)}
          >
            {s.moreActions}
          </Button>
        ) : (
          portable
        )}
      </div>
      {compact && more && (
        <div id="more-actions" className={`${st.buttons} ${st.compactButtons}`}>
          {generate}
          {portable}
        </div>
      )}
      {props.progress !== undefined && (
        <label className={st.progress}>
          <Text className={compact ? st.small : undefined}>{s.progress}</Text>
          <progress className={st.bar} value={props.progress} max={1} />
        </label>
      )}
    </section>
  );
}
