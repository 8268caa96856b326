/**
 * A fake CustomFunctions global for node tests: Error with code/message, the ErrorCode enum
 * values Excel uses, and associate() collecting ids.
 */
export enum FakeErrorCode {
  invalidValue = "#VALUE!",
  notAvailable = "#N/A",
  divisionByZero = "#DIV/0!",
  invalidNumber = "#NUM!",
  nullReference = "#NULL!",
  invalidName = "#NAME?",
  invalidReference = "#REF!",
}

export class FakeError {
  constructor(
    readonly code: FakeErrorCode,
    readonly message?: string
  ) {}
}

export interface FakeCustomFunctions {
  Error: typeof FakeError;
  ErrorCode: typeof FakeErrorCode;
  associated: Map<string, unknown>;
  associate: (id: string, fn: unknown) => void;
}

/** Install (or reinstall) the fake on globalThis and return it. */
export function installFakeCustomFunctions(): FakeCustomFunctions {
  const associated = new Map<string, unknown>();
  const cf: FakeCustomFunctions = {
    Error: FakeError,
    ErrorCode: FakeErrorCode,
    associated,
    associate: (id: string, fn: unknown) => {
      if (associated.has(id)) throw new Error(`duplicate associate: ${id}`);
      associated.set(id, fn);
    },
  };
  (globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = cf;
  return cf;
}

export function uninstallFakeCustomFunctions(): void {
  delete (globalThis as unknown as { CustomFunctions?: unknown }).CustomFunctions;
}
