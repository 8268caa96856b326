import * as React from "react";
import {
  Button,
  Checkbox,
  Field,
  Input,
  Select,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ColumnRole, QuarterType } from "../../core/engine/types";
import type { SignatureBlock } from "../../core/engine/evaluation-sheet";
import type { PaneAnalysis } from "../analysis";
import { columnLetter } from "../../core/engine/address";
import { Strings, fmt } from "../i18n";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    maxHeight: "12rem",
    overflowY: "auto",
  },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "flex-end" },
  // Long option texts (scale names) must not push the pane wider than its frame.
  select: { maxWidth: "100%", minWidth: 0 },
});

export const CUSTOM_SCALE = "custom";
const MAX_ROWS = 200;
const MAX_CONFLICTS = 200;

export interface SesuaikanProps {
  s: Strings;
  analysis: PaneAnalysis | undefined;
  busy: boolean;
  roleOverrides: Record<number, ColumnRole>;
  arahOverrides: Record<number, "normal" | "inverse">;
  scale: string;
  customRange: string;
  overwrite: boolean;
  onRole: (col: number, role: ColumnRole) => void;
  onArah: (row: number, arah: "normal" | "inverse") => void;
  onScale: (scale: string) => void;
  onCustomRange: (address: string) => void;
  onReadCustomScale: () => void;
  onOverwrite: (on: boolean) => void;
  /** Cap choice: "" none, "100", "120", "custom" (then batasCustom). */
  batasChoice: string;
  batasCustom: string;
  onBatasChoice: (v: string) => void;
  onBatasCustom: (v: string) => void;
  /** Quarter type for every row ("" = the engine's default, a sum). */
  quarterDefault: QuarterType | "";
  quarterRows: Record<number, QuarterType>;
  onQuarterDefault: (q: QuarterType | "") => void;
  /** A row's own quarter type; "" follows the general choice. */
  onQuarterRow: (row: number, q: QuarterType | "") => void;
  signature: SignatureBlock;
  onSignature: (sig: SignatureBlock) => void;
}

const QUARTER_TYPES: QuarterType[] = ["sum", "last", "average"];

/** Step 2: corrections the user can make before anything is written. */
export function SesuaikanStep(props: SesuaikanProps): React.JSX.Element | null {
  const { s, analysis } = props;
  const st = useStyles();
  const table = analysis?.tables.find((t) => t.kind !== "unknown") ?? analysis?.tables[0];
  if (!analysis || !table) return null;
  // Every row that gets a capaian (any level: program, kegiatan, sub kegiatan in the RKPD form), not
  // only rows of level "indikator": the direction changes its formula.
  const rated = new Set(
    analysis.plan.writes.filter((w) => /capaian/i.test(w.rule)).map((w) => w.row)
  );
  const indicators = table.rows
    .filter((r) => r.level === "indikator" || r.arah !== undefined || rated.has(r.row))
    .slice(0, MAX_ROWS);
  const conflicts = analysis.plan.conflicts;
  const quarterName = (q: QuarterType) =>
    q === "sum" ? s.quarterSum : q === "last" ? s.quarterLast : s.quarterAverage;
  const hasQuarters = analysis.tables.some((t) =>
    t.columns.some((c) => c.role === "realisasi-tw-k")
  );
  const suggestions = analysis.view.quarterSuggestions;
  const sigField = (key: keyof SignatureBlock, label: string) => (
    <Field label={label}>
      <Input
        value={props.signature[key] ?? ""}
        onChange={(_e, d) => props.onSignature({ ...props.signature, [key]: d.value })}
      />
    </Field>
  );
  return (
    <section className={st.section} aria-labelledby="step-sesuaikan">
      <h2 id="step-sesuaikan">{s.stepSesuaikan}</h2>
      <h3>{s.overwrite}</h3>
      {conflicts.length === 0 ? (
        <Text>{s.overwriteNone}</Text>
      ) : (
        <>
          <Text>{fmt(s.overwriteList, conflicts.length)}</Text>
          <ul className={st.list} data-testid="conflicts">
            {conflicts.slice(0, MAX_CONFLICTS).map((c) => (
              <li key={`${c.sheet}!${c.address}`}>
                {c.address}:{" "}
                {String(c.previous?.formula ? `=${c.previous.formula}` : (c.previous?.value ?? ""))}
              </li>
            ))}
          </ul>
        </>
      )}
      <Checkbox
        label={s.overwrite}
        checked={props.overwrite}
        disabled={props.busy}
        onChange={(_e, d) => props.onOverwrite(d.checked === true)}
      />
      <Field label={s.scale}>
        <Select
          className={st.select}
          value={props.scale}
          onChange={(_e, d) => props.onScale(d.value)}
          disabled={props.busy}
        >
          <option value="">
            {analysis.view.scales.find((x) => x.id === "permendagri86")?.name} ({s.automatic})
          </option>
          {analysis.view.scales
            .filter((x) => x.id !== CUSTOM_SCALE)
            .map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          <option value={CUSTOM_SCALE}>{s.scaleCustom}</option>
        </Select>
      </Field>
      {props.scale === CUSTOM_SCALE && (
        <div className={st.row}>
          <Field label={s.scaleRange}>
            <Input value={props.customRange} onChange={(_e, d) => props.onCustomRange(d.value)} />
          </Field>
          <Button
            onClick={props.onReadCustomScale}
            disabled={props.busy || props.customRange.trim() === ""}
          >
            {s.scaleRead}
          </Button>
        </div>
      )}
      <Field label={s.batas}>
        <Select
          className={st.select}
          value={props.batasChoice}
          onChange={(_e, d) => props.onBatasChoice(d.value)}
          disabled={props.busy}
        >
          <option value="">{s.batasNone}</option>
          <option value="100">100</option>
          <option value="120">120</option>
          <option value="custom">{s.batasCustom}</option>
        </Select>
      </Field>
      {props.batasChoice === "custom" && (
        <Field
          label={s.batasValue}
          validationMessage={
            props.batasCustom.trim() !== "" && !(Number(props.batasCustom.replace(",", ".")) > 0)
              ? s.batasInvalid
              : undefined
          }
        >
          <Input
            inputMode="decimal"
            value={props.batasCustom}
            onChange={(_e, d) => props.onBatasCustom(d.value)}
          />
        </Field>
      )}
      {hasQuarters && (
        <Field label={s.quarterDefault}>
          <Select
            className={st.select}
            value={props.quarterDefault}
            onChange={(_e, d) => props.onQuarterDefault(d.value as QuarterType | "")}
            disabled={props.busy}
          >
            <option value="">{s.quarterSum}</option>
            <option value="last">{s.quarterLast}</option>
            <option value="average">{s.quarterAverage}</option>
          </Select>
        </Field>
      )}
      {hasQuarters && suggestions.length > 0 && (
        <>
          <h3>{s.quarterRowsTitle}</h3>
          <Text>{s.quarterRowsHint}</Text>
          {suggestions.map((q) => (
            <Field
              key={q.row}
              label={fmt(s.quarterFor, `${q.row + 1}. ${q.label}`, quarterName(q.suggested))}
            >
              <Select
                className={st.select}
                value={props.quarterRows[q.row] ?? ""}
                onChange={(_e, d) => props.onQuarterRow(q.row, d.value as QuarterType | "")}
                disabled={props.busy}
              >
                <option value="">{s.quarterFollow}</option>
                {QUARTER_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {quarterName(t)}
                  </option>
                ))}
              </Select>
            </Field>
          ))}
        </>
      )}
      <h3>{s.columns}</h3>
      {table.columns.map((c) => (
        <Field key={c.col} label={fmt(s.roleFor, `${columnLetter(c.col)} (${c.header})`)}>
          <Select
            className={st.select}
            value={props.roleOverrides[c.col] ?? c.role}
            onChange={(_e, d) => props.onRole(c.col, d.value as ColumnRole)}
            disabled={props.busy}
          >
            {(Object.keys(s.role) as ColumnRole[]).map((r) => (
              <option key={r} value={r}>
                {s.role[r]}
              </option>
            ))}
          </Select>
        </Field>
      ))}
      {indicators.length > 0 && <h3>{s.arahTitle}</h3>}
      {indicators.map((r) => (
        <Field key={r.row} label={fmt(s.directionFor, `${r.row + 1}. ${r.label}`)}>
          <Select
            className={st.select}
            value={props.arahOverrides[r.row] ?? r.arah ?? "normal"}
            onChange={(_e, d) => props.onArah(r.row, d.value === "inverse" ? "inverse" : "normal")}
            disabled={props.busy}
          >
            <option value="normal">{s.normal}</option>
            <option value="inverse">{s.inverse}</option>
          </Select>
        </Field>
      ))}
      <h3>{s.signatureTitle}</h3>
      {sigField("place", s.signaturePlace)}
      {sigField("date", s.signatureDate)}
      {sigField("position", s.signaturePosition)}
      {sigField("name", s.signatureName)}
      {sigField("nip", s.signatureNip)}
    </section>
  );
}
