/**
 * Exit codes of the CLI (documented in `monev --help`):
 *   0  ok (also for `audit` when it finds problems: findings are a result, not a failure)
 *   1  usage error (unknown command or option, missing argument, bad option value)
 *   2  bad input (file missing, not an .xlsx, corrupt, password-protected/encrypted,
 *      no recognisable evaluation table, unknown sheet name)
 *   3  output problem (cannot write the output file or report)
 *   4  input over a limit (decompressed size, cells or rows; see limits.ts and --maks-*)
 */
// Type only: importing xlsx.ts at run time would load ExcelJS for `monev --help`.
import type { InputError } from "./xlsx";
import { t } from "./i18n";

export const EXIT_OK = 0;
export const EXIT_USAGE = 1;
export const EXIT_INPUT = 2;
export const EXIT_OUTPUT = 3;
export const EXIT_LIMIT = 4;

export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string
  ) {
    super(message);
  }
}

export function usageError(id: string, en: string): CliError {
  return new CliError(EXIT_USAGE, t(id, en));
}

export function inputError(id: string, en: string): CliError {
  return new CliError(EXIT_INPUT, t(id, en));
}

export function limitError(id: string, en: string): CliError {
  return new CliError(EXIT_LIMIT, t(id, en));
}

/** An InputError of xlsx.ts, recognised without loading that module (and ExcelJS with it). */
function isInputError(e: unknown): e is InputError {
  if (!(e instanceof Error)) return false;
  const x = e as Partial<InputError>;
  return (
    typeof x.problem === "string" &&
    typeof x.file === "string" &&
    ["missing", "not-file", "encrypted", "not-xlsx", "corrupt"].includes(x.problem)
  );
}

export function outputError(id: string, en: string): CliError {
  return new CliError(EXIT_OUTPUT, t(id, en));
}

/** Indonesian (or English) message for a file that cannot be read. */
export function describeInputError(e: InputError): string {
  const f = e.file;
  switch (e.problem) {
    case "missing":
      return t(`Berkas tidak ditemukan: ${f}`, `File not found: ${f}`);
    case "not-file":
      return t(`Bukan berkas biasa: ${f}`, `Not a regular file: ${f}`);
    case "encrypted":
      return t(
        `Berkas dilindungi kata sandi (terenkripsi) atau berformat .xls lama: ${f}. ` +
          `Buka di Excel, hapus kata sandi (File > Info > Protect Workbook), simpan sebagai .xlsx, lalu coba lagi.`,
        `The workbook is password-protected (encrypted) or an old .xls file: ${f}. ` +
          `Open it in Excel, remove the password, save as .xlsx and try again.`
      );
    case "not-xlsx":
      return t(
        `Bukan berkas Excel .xlsx: ${f}. Simpan ulang dari Excel sebagai "Excel Workbook (*.xlsx)".`,
        `Not an Excel .xlsx file: ${f}. Save it again from Excel as "Excel Workbook (*.xlsx)".`
      );
    case "corrupt":
      return t(
        `Berkas .xlsx rusak atau tidak lengkap: ${f}${e.detail ? ` (${e.detail})` : ""}.`,
        `The .xlsx file is damaged or incomplete: ${f}${e.detail ? ` (${e.detail})` : ""}.`
      );
  }
}

/** Map any error to an exit code and a message for stderr. */
export function toCliError(e: unknown): CliError {
  if (e instanceof CliError) return e;
  if (isInputError(e)) return new CliError(EXIT_INPUT, describeInputError(e));
  const msg = e instanceof Error ? e.message : String(e);
  return new CliError(
    EXIT_INPUT,
    t(`Gagal memproses berkas: ${msg}`, `Failed to process the file: ${msg}`)
  );
}
