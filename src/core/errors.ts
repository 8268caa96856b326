/**
 * Typed errors returned (never thrown) by the core rules. Every front end maps them:
 * custom functions to CustomFunctions.Error, the engine to findings, the pane to message bars.
 */
export type ErrorCode = "VALUE" | "DIV0" | "NA" | "NUM";

export class MonevError {
  readonly kind = "monev-error" as const;
  constructor(
    readonly code: ErrorCode,
    /** Indonesian message, short enough for an Excel error tooltip. */
    readonly message: string,
    /** English message. */
    readonly messageEn: string = message
  ) {}
}

export function isMonevError(x: unknown): x is MonevError {
  return x instanceof MonevError;
}

/** A raw cell value as any adapter (Office.js, ExcelJS, custom functions) hands it to the core. */
export type CellValue = number | string | boolean | null | undefined | Date;
