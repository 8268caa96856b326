/**
 * Renja / RKPD evaluation against the RPJMD or Renstra (Permendagri 86/2017, form E.81 and its
 * kin): every data column as the form's column-number row defines it (`12 = 8+9+10+11`,
 * `13 = 12/7 × 100`, `14 = 6 + 12`, `15 = 14/5 × 100` in the seed numbering, any numbering in
 * practice), then the footer conventions: a "rata-rata capaian" row averages each capaian column
 * over the data rows of its group (since the previous rata-rata row), a "predikat" row rates the
 * rata-rata above it, and the "seluruh program" rows average the group averages.
 * Faktor pendorong / penghambat / tindak lanjut rows are left to the user (a note says so).
 */
import { RuleContext } from "./context";
import { msg } from "../messages";
import { applyDataRules, dataRules, formColumns } from "./stated";
import { groupFooterRules } from "./footers";
import type { Shape } from "./shape";

export function renjaE81Rules(ctx: RuleContext): void {
  const { table } = ctx;
  const rules = dataRules(table, ctx.notes);
  const F = formColumns(table, rules);
  const ids = new Map<number, string>();
  if (F.capaian.k !== undefined) ids.set(F.capaian.k, "e81.capaian");
  applyDataRules(ctx, rules, ids);

  groupFooterRules(ctx, rules);
  if (
    ctx.mode === "plan" &&
    table.rows.some((r) => /pendorong|penghambat|tindak lanjut/i.test(r.label))
  ) {
    ctx.notes.push(msg("note.e81-footer-by-user"));
  }
}

export const renjaE81Shape: Shape = {
  kind: "renja-e81",
  name: { id: "evaluasi Renja (form E.81)", en: "Renja evaluation (form E.81)" },
  // Quarterly realisation against a Renstra/RPJMD target, or a title or caption that says Renja.
  detect: (s) =>
    s.quarters &&
    (/\brenja\b/.test(s.title) ||
      /\brenja\b/.test(s.headers) ||
      s.has("target-renstra", "kemajuan")),
  rules: renjaE81Rules,
};
