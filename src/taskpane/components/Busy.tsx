import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase300,
  },
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
