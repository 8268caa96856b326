/**
 * Predikat colours as native conditional formats ('begins with' text rules, longest label first,
 * stop if true): the same rules and colours the task pane adds (src/excel/plan-requests.ts, pure
 * code shared with the add-in), written as <conditionalFormatting> with dxfs in styles.xml.
 */
export { legendMeaning, predikatLabels } from "../../excel/plan-requests";
import { cellAddress } from "../../core/engine/address";
import type { Scale } from "../../core/predikat";
import { cfRules } from "../../excel/plan-requests";
import { SheetXml } from "./sheet";
import { Styles } from "./styles";
import { escapeAttr, escapeText } from "./xml";

const argb = (hex: string) => `FF${hex.replace(/^#/, "").toUpperCase()}`;

/** One <conditionalFormatting> per range: a 'begins with' rule per label. */
export function addPredikatRules(
  sheet: SheetXml,
  styles: Styles,
  ranges: { top: number; left: number; bottom: number; right: number }[],
  labels: string[],
  scale?: Scale
): void {
  let priority = sheet.maxPriority();
  // One insertion for all ranges (each one would copy the whole sheet part): the same bytes, as
  // each range's element went right after the previous one.
  const elements: string[] = [];
  for (const rg of ranges) {
    const tl = cellAddress(rg.top, rg.left);
    const sqref =
      rg.top === rg.bottom && rg.left === rg.right
        ? tl
        : `${tl}:${cellAddress(rg.bottom, rg.right)}`;
    const rules = cfRules(labels, scale).map(({ label, ...c }) => {
      const dxf = styles.dxf({ fill: argb(c.fill), font: argb(c.font) });
      const q = label.replace(/"/g, '""');
      return (
        `<cfRule type="beginsWith" dxfId="${dxf}" priority="${++priority}" stopIfTrue="1" operator="beginsWith" text="${escapeAttr(label)}">` +
        `<formula>${escapeText(`LEFT(${tl},LEN("${q}"))="${q}"`)}</formula></cfRule>`
      );
    });
    elements.push(
      `<conditionalFormatting sqref="${sqref}">${rules.join("")}</conditionalFormatting>`
    );
  }
  if (elements.length) sheet.insertElement("conditionalFormatting", elements.join(""));
}
