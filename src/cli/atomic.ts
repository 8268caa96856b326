/**
 * Atomic file writes for the CLI: data goes to a temporary file beside the target, is flushed,
 * then renamed over the target. On any error (full disk, permission, a signal) the temporary file
 * is removed, so neither a half-written workbook nor a stray `.tmp` file is ever left behind.
 */
import * as fs from "fs";
import * as path from "path";

/** Temporary files still being written; removed if the process is interrupted. */
const pending = new Set<string>();
let handlersInstalled = false;

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    /* already gone */
  }
}

function installSignalCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(sig, () => {
      for (const f of pending) removeQuietly(f);
      // Re-raise with the default handler so the exit status says which signal ended us.
      process.kill(process.pid, sig);
    });
  }
  process.once("exit", () => {
    for (const f of pending) removeQuietly(f);
  });
}

/** Write `data` to `file` atomically (same directory temp file + fsync + rename). */
export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  installSignalCleanup();
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.tmp-${process.pid}-${Date.now().toString(36)}`);
  pending.add(tmp);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, "wx");
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* the write error is the one worth reporting */
      }
    }
    removeQuietly(tmp);
    throw e;
  } finally {
    pending.delete(tmp);
  }
}
