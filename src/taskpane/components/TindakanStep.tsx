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

/** Step 3: the actions that change the workbook (each one can be undone). */
export function TindakanStep(props: TindakanProps): React.JSX.Element {
  const { s } = props;
  const st = useStyles();
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
  return (
    <section ref={bar} className={st.section} aria-labelledby="step-tindakan">
      <h2 id="step-tindakan">{s.stepTindakan}</h2>
      {props.canFill && <Text>{fmt(s.fillCount, props.writeCount)}</Text>}
      {props.blockedReason && (
        <Text id="fill-blocked" data-testid="fill-blocked">
          {props.blockedReason}
        </Text>
      )}
      <div className={st.buttons}>
        <Button
          appearance="primary"
          onClick={props.onFill}
          disabled={props.busy || !props.canFill}
          aria-describedby={props.blockedReason ? "fill-blocked" : undefined}
        >
          {s.fill}
        </Button>
        <Button onClick={props.onGenerate} disabled={props.busy || !props.canGenerate}>
          {s.generate}
        </Button>
        <Button onClick={props.onUndo} disabled={props.busy || !props.canUndo}>
          {s.undo}
        </Button>
        <Button onClick={props.onPortable} disabled={props.busy}>
          {s.portable}
        </Button>
      </div>
      {props.progress !== undefined && (
        <label className={st.progress}>
          <Text>{s.progress}</Text>
          <progress className={st.bar} value={props.progress} max={1} />
        </label>
      )}
    </section>
  );
}
