/**
 * Colours and legend text of a scale's bands. Apart from predikat.ts so that the task pane, which
 * colours the predikat cells it writes, does not carry the scales and the number parser (those
 * run in the analysis worker).
 */
import type { Scale } from "./predikat";

/** Five steps from best to worst (fill, font): the colours the pane and the CLI have always used. */
const TONES: readonly (readonly [string, string])[] = [
  ["#63BE7B", "#000000"],
  ["#C6EFCE", "#006100"],
  ["#FFEB9C", "#9C5700"],
  ["#FFC7CE", "#9C0006"],
  ["#F8696B", "#FFFFFF"],
];
/** Seven-step grades (SAKIP AA..D): greens, yellows, reds, so B is not coloured like A. */
const TONES7: readonly (readonly [string, string])[] = [
  ["#63BE7B", "#000000"],
  ["#A9D08E", "#000000"],
  ["#C6EFCE", "#006100"],
  ["#FFEB9C", "#9C5700"],
  ["#FFC000", "#000000"],
  ["#FFC7CE", "#9C0006"],
  ["#F8696B", "#FFFFFF"],
];

/** Tone i of n bands spread over the five (or seven) steps, best first. */
export function tone(i: number, n: number): readonly [string, string] {
  if (n === 7) return TONES7[i];
  const steps = TONES.length;
  const k = n <= 1 ? 0 : Math.round((i * (steps - 1)) / (n - 1));
  return TONES[Math.min(steps - 1, Math.max(0, k))];
}

/** Fill, font and legend text of a band (a user scale's band gets the tone of its rank). */
export function bandStyle(
  scale: Scale,
  index: number
): { fill: string; font: string; meaning: string } {
  const bd = scale.bands[index];
  const [fill, font] = bd.fill && bd.font ? [bd.fill, bd.font] : tone(index, scale.bands.length);
  return { fill, font, meaning: bd.meaning ?? bd.label };
}

/** Index of the band a printed label or code names on this scale (case-insensitive), or -1. */
export function bandIndexOf(label: string, scale: Scale): number {
  const l = label.trim().toLowerCase();
  return scale.bands.findIndex((bd) => bd.code.toLowerCase() === l || bd.label.toLowerCase() === l);
}

/** The colours and legend text of a label on a scale, or undefined when the scale has no such band. */
export function labelStyle(
  label: string,
  scale: Scale
): { fill: string; font: string; meaning: string } | undefined {
  const i = bandIndexOf(label, scale);
  return i < 0 ? undefined : bandStyle(scale, i);
}
