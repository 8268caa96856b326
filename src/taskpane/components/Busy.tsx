import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase300,
  },
  column: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    fontSize: tokens.fontSizeBase300,
  },
  bar: { width: "100%", height: "6px", accentColor: tokens.colorBrandBackground },
  ring: {
    width: "16px",
    height: "16px",
    flexShrink: 0,
    borderRadius: "50%",
    border: `2px solid ${tokens.colorBrandStroke2}`,
    borderTopColor: tokens.colorBrandStroke1,
    animationName: { from: { transform: "rotate(0deg)" }, to: { transform: "rotate(360deg)" } },
    animationDuration: "0.9s",
    animationIterationCount: "infinite",
    animationTimingFunction: "linear",
    "@media (prefers-reduced-motion: reduce)": { animationDuration: "3s" },
  },
});

/** A small busy indicator with its label (lighter than Fluent's Spinner; announced as a status). */
export function Busy(props: { label: string; testId?: string }): React.JSX.Element {
  const st = useStyles();
  return (
    <div className={st.root} role="status" data-testid={props.testId}>
      <span className={st.ring} aria-hidden="true" />
      <span>{props.label}</span>
    </div>
  );
}

/**
 * A determinate progress with its label ("Membaca lembar… 40 %"): the bar carries the label as its
 * accessible name and its value; the text is a polite status so screen readers hear the phase.
 */
export function ProgressStatus(props: {
  label: string;
  percent: number;
  testId?: string;
}): React.JSX.Element {
  const st = useStyles();
  return (
    <div className={st.column} data-testid={props.testId}>
      <span role="status">{props.label}</span>
      <progress className={st.bar} value={props.percent} max={100} aria-label={props.label} />
    </div>
  );
}
