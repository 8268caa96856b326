/**
 * Mapping of core MonevError values to Excel custom-function errors.
 *
 * Excel shows a custom message only for #VALUE! and #N/A; for #DIV/0! and #NUM! the message is
 * dropped, so we do not pass one. Messages are Indonesian and kept short (tooltip size).
 */
import { MonevError, isMonevError } from "../core/errors";

/** Excel error codes as strings, identical to the CustomFunctions.ErrorCode enum values. */
export const EXCEL_ERROR = {
  VALUE: "#VALUE!",
  DIV0: "#DIV/0!",
  NA: "#N/A",
  NUM: "#NUM!",
} as const;

/** Longest message we hand to Excel; longer ones are cut with an ellipsis. */
export const MAX_MESSAGE = 200;

/** Minimal stand-in used only when no CustomFunctions global exists (node scripts, CLI). */
class FallbackError {
  readonly type = "Error";
  constructor(
    readonly code: string,
    readonly message?: string
  ) {}
}

interface CfLike {
  Error: new (code: CustomFunctions.ErrorCode, message?: string) => CustomFunctions.Error;
  ErrorCode?: Record<string, string>;
}

function runtime(): CfLike {
  const g = globalThis as unknown as { CustomFunctions?: CfLike };
  if (g.CustomFunctions && typeof g.CustomFunctions.Error === "function") return g.CustomFunctions;
  return { Error: FallbackError as unknown as CfLike["Error"] };
}

function code(
  key: "invalidValue" | "divisionByZero" | "notAvailable" | "invalidNumber"
): CustomFunctions.ErrorCode {
  const fromRuntime = runtime().ErrorCode?.[key];
  const literal = {
    invalidValue: EXCEL_ERROR.VALUE,
    divisionByZero: EXCEL_ERROR.DIV0,
    notAvailable: EXCEL_ERROR.NA,
    invalidNumber: EXCEL_ERROR.NUM,
  }[key];
  return (fromRuntime ?? literal) as CustomFunctions.ErrorCode;
}

function shorten(message: string | undefined): string | undefined {
  if (!message) return undefined;
  const m = message.replace(/\s+/g, " ").trim();
  return m.length > MAX_MESSAGE ? m.slice(0, MAX_MESSAGE - 1) + "…" : m;
}

/** #VALUE! with an (Indonesian) message. */
export function valueError(message?: string): CustomFunctions.Error {
  const E = runtime().Error;
  return new E(code("invalidValue"), shorten(message));
}

/** #N/A with an (Indonesian) message. */
export function naError(message?: string): CustomFunctions.Error {
  const E = runtime().Error;
  return new E(code("notAvailable"), shorten(message));
}

/** #DIV/0! (Excel shows no message for it). */
export function div0Error(): CustomFunctions.Error {
  const E = runtime().Error;
  return new E(code("divisionByZero"));
}

/** #NUM! (Excel shows no message for it). */
export function numError(): CustomFunctions.Error {
  const E = runtime().Error;
  return new E(code("invalidNumber"));
}

/** Convert a core MonevError to the matching CustomFunctions.Error. */
export function toExcelError(e: MonevError): CustomFunctions.Error {
  switch (e.code) {
    case "DIV0":
      return div0Error();
    case "NA":
      return naError(e.message);
    case "NUM":
      return numError();
    case "VALUE":
    default:
      return valueError(e.message);
  }
}

const ERROR_CODES = new Set<string>([
  "#VALUE!",
  "#DIV/0!",
  "#N/A",
  "#NUM!",
  "#NULL!",
  "#NAME?",
  "#REF!",
  "#BUSY!",
  "#CALC!",
  "#SPILL!",
  "#GETTING_DATA",
  "#CONNECT!",
  "#FIELD!",
  "#BLOCKED!",
  "#UNKNOWN!",
]);

/**
 * True for a CustomFunctions.Error (real, fake or fallback) or an Excel error cell value object
 * ({type: 'Error', errorType/...}): anything that should propagate as an error, not be parsed.
 */
export function isExcelError(x: unknown): x is CustomFunctions.Error {
  if (x === null || typeof x !== "object") return false;
  const E = runtime().Error;
  if (x instanceof E || x instanceof FallbackError) return true;
  const c = (x as { code?: unknown }).code;
  return typeof c === "string" && ERROR_CODES.has(c);
}

/** Either kind of error to a CustomFunctions.Error. */
export function asExcelError(x: unknown): CustomFunctions.Error | null {
  if (isMonevError(x)) return toExcelError(x);
  if (isExcelError(x)) return x;
  return null;
}
