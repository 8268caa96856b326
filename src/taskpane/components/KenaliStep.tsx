import * as React from "react";
import {
  Button,
  Checkbox,
  Field,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { SheetGrid } from "../../core/engine/types";
import { cellAddress } from "../../core/engine/address";
import type { PaneAnalysis, TableSelection } from "../analysis";
import { Lang, Strings, fmt } from "../i18n";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  finding: { display: "flex", flexDirection: "column", alignItems: "flex-start" },
  select: { maxWidth: "100%", minWidth: 0 },
});

const MAX_FINDINGS = 100;
const MAX_ARAH = 100;

export interface KenaliProps {
  s: Strings;
  lang: Lang;
  grid: SheetGrid | undefined;
  analysis: PaneAnalysis | undefined;
  busy: boolean;
  /** The table picked on a sheet with several. */
  table: TableSelection;
  onTable: (t: TableSelection) => void;
  arahOverrides: Record<number, "normal" | "inverse">;
  onRescan: () => void;
  onArah: (row: number, arah: "normal" | "inverse") => void;
  onSelect: (sheet: string, address: string) => void;
}

/** Step 1: what the engine recognised; all workbook text is rendered as plain text. */
export function KenaliStep(props: KenaliProps): React.JSX.Element {
  const { s, grid, analysis, busy } = props;
  const st = useStyles();
  // An unknown table contributes nothing: show the first recognised one.
  const table = analysis?.tables.find((t) => t.kind !== "unknown") ?? analysis?.tables[0];
  const counts = new Map<string, number>();
  for (const r of table?.rows ?? []) counts.set(r.level, (counts.get(r.level) ?? 0) + 1);
  const suggested = (table?.rows ?? [])
    .filter((r) => r.arahSuggestion === "inverse" || r.arah === "inverse")
    .slice(0, MAX_ARAH);
  const findings = analysis?.findings ?? [];
  return (
    <section className={st.section} aria-labelledby="step-kenali">
      <h2 id="step-kenali">{s.stepKenali}</h2>
      <div>
        <Button onClick={props.onRescan} disabled={busy}>
          {s.rescan}
        </Button>
      </div>
      {grid && (
        <Text>
          {s.sheet}: {grid.name}
        </Text>
      )}
      {analysis && !table && <Text>{s.noTable}</Text>}
      {analysis && analysis.view.tables.length > 1 && (
        <Field label={s.tablePick}>
          <Select
            className={st.select}
            data-testid="table-picker"
            value={String(props.table)}
            disabled={busy}
            onChange={(_e, d) => props.onTable(d.value === "all" ? "all" : Number(d.value))}
          >
            {analysis.view.tables.map((t, i) => (
              <option key={i} value={String(i)}>
                {fmt(
                  s.tableOption,
                  i + 1,
                  `${cellAddress(t.top, t.left)}:${cellAddress(t.bottom, t.right)}`,
                  t.name[props.lang]
                )}
              </option>
            ))}
            <option value="all">{s.allTables}</option>
          </Select>
        </Field>
      )}
      {analysis?.view.selected === "all" && (
        <Text data-testid="all-tables">{s.allTablesSummary}</Text>
      )}
      {table && analysis?.view.selected !== "all" && (
        <>
          <Text data-testid="table-range">
            {s.tableRange}:{" "}
            {`${cellAddress(table.top, table.left)}:${cellAddress(table.bottom, table.right)}`} (
            {analysis?.view.tableNames[analysis.tables.indexOf(table)]?.[props.lang] ?? table.kind})
          </Text>
          <h3>{s.summaryTitle}</h3>
          <Text data-testid="summary">
            {props.lang === "en" ? analysis?.view.narrativeEn : analysis?.view.narrative}
          </Text>
          <h3>{s.columns}</h3>
          <ul className={st.list} data-testid="columns">
            {table.columns
              .filter((c) => c.role !== "other")
              .map((c) => (
                <li key={c.col}>
                  {cellAddress(0, c.col).replace(/\d+$/, "")}: {s.role[c.role]} - {c.header}
                </li>
              ))}
          </ul>
          <h3>{s.rowCounts}</h3>
          <ul className={st.list} data-testid="row-counts">
            {[...counts.entries()].map(([level, n]) => (
              <li key={level}>
                {s.level[level] ?? level}: {n}
              </li>
            ))}
          </ul>
          <h3>{s.arahTitle}</h3>
          {suggested.length === 0 ? (
            <Text>{s.arahNone}</Text>
          ) : (
            <>
              <Text>{s.arahHint}</Text>
              {suggested.map((r) => (
                <Checkbox
                  key={r.row}
                  label={`${r.row + 1}: ${r.label}`}
                  checked={(props.arahOverrides[r.row] ?? r.arah) === "inverse"}
                  onChange={(_e, d) => props.onArah(r.row, d.checked ? "inverse" : "normal")}
                />
              ))}
            </>
          )}
        </>
      )}
      {analysis && (
        <>
          <h3>{s.findingsTitle}</h3>
          {findings.length === 0 ? (
            <Text>{s.findingsNone}</Text>
          ) : (
            <ul className={st.list} data-testid="findings">
              {findings.slice(0, MAX_FINDINGS).map((f, i) => (
                <li key={`${f.sheet}!${f.address}:${f.rule}`} className={st.finding}>
                  <Button
                    appearance="transparent"
                    size="small"
                    aria-label={fmt(s.selectCell, f.address)}
                    onClick={() => props.onSelect(f.sheet, f.address)}
                  >
                    {f.address}
                  </Button>
                  <Text size={200}>{analysis?.view.findings[i]?.[props.lang] ?? f.message}</Text>
                </li>
              ))}
              {findings.length > MAX_FINDINGS && (
                <li>{fmt(s.findingsMore, findings.length - MAX_FINDINGS)}</li>
              )}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
