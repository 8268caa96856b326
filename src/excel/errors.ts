/**
 * Errors of the Office.js adapter, with Indonesian messages for the pane (English in messageEn).
 * Pure: no Office call (used by the request planner and the adapter).
 */

export type AdapterErrorCode =
  | "empty"
  | "too-large"
  | "protected"
  | "edit-mode"
  | "merge-conflict"
  | "no-table"
  | "nothing-to-write"
  | "write-failed"
  | "not-found"
  | "unknown";

/** Error with an Indonesian message for the pane's MessageBar (English in messageEn). */
export class AdapterError extends Error {
  constructor(
    readonly code: AdapterErrorCode,
    message: string,
    readonly messageEn: string = message,
    readonly detail?: string
  ) {
    super(message);
    this.name = "AdapterError";
  }
}

/**
 * Office.js error codes of the 5 MB limit on one request / one response (Excel on the web):
 * OfficeExtension.ErrorCodes.requestPayloadSizeLimitExceeded / responsePayloadSizeLimitExceeded.
 */
export const REQUEST_TOO_LARGE = "RequestPayloadSizeLimitExceeded";
export const RESPONSE_TOO_LARGE = "ResponsePayloadSizeLimitExceeded";

export function officeCode(e: unknown): string {
  if (e && typeof e === "object" && "code" in e) return String((e as { code: unknown }).code);
  return "";
}

export function errText(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === "object" && "message" in e)
    return String((e as { message: unknown }).message);
  return String(e);
}

export function protectedError(sheet: string): AdapterError {
  return new AdapterError(
    "protected",
    `Lembar diproteksi: '${sheet}'. Buka proteksi lembar (Tinjau > Buka Proteksi Lembar) lalu coba lagi. Tidak ada sel yang diubah.`,
    `Sheet is protected: '${sheet}'. Unprotect it (Review > Unprotect Sheet) and try again. Nothing was changed.`
  );
}

export function nothingToWrite(): AdapterError {
  return new AdapterError(
    "nothing-to-write",
    "Tidak ada sel yang perlu diisi (kolom evaluasi sudah lengkap, atau semua sel tujuan berisi dan 'Timpa sel berisi' mati).",
    "Nothing to fill (the evaluation columns are complete, or every target cell has content and 'Overwrite' is off)."
  );
}

/** Map an Office.js (or any) error to an AdapterError with an Indonesian message. */
export function mapOfficeError(e: unknown): AdapterError {
  if (e instanceof AdapterError) return e;
  const code = officeCode(e);
  const msg = errText(e);
  if (code === "InvalidOperationInCellEditMode" || /cell.?edit mode/i.test(msg)) {
    return new AdapterError(
      "edit-mode",
      "Excel sedang dalam mode edit sel. Tekan Enter atau Esc untuk keluar dari sel, lalu coba lagi.",
      "Excel is in cell-edit mode. Press Enter or Esc to leave the cell, then try again.",
      msg
    );
  }
  if (code === "AccessDenied" || /protect/i.test(msg)) {
    return new AdapterError(
      "protected",
      "Lembar diproteksi atau akses ditolak. Buka proteksi lembar lalu coba lagi.",
      "The sheet is protected or access was denied. Unprotect the sheet and try again.",
      msg
    );
  }
  if (code === REQUEST_TOO_LARGE || code === RESPONSE_TOO_LARGE) {
    return new AdapterError(
      "too-large",
      "Data terlalu besar untuk satu permintaan ke Excel. Perkecil tabel lalu coba lagi.",
      "The data is too large for one request to Excel. Make the table smaller and try again.",
      msg
    );
  }
  if (code === "ItemNotFound") {
    return new AdapterError(
      "not-found",
      `Objek tidak ditemukan di buku kerja: ${msg}`,
      `Item not found: ${msg}`,
      msg
    );
  }
  return new AdapterError(
    "unknown",
    `Excel menolak perintah: ${msg}`,
    `Excel rejected the request: ${msg}`,
    msg
  );
}
