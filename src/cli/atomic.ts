/**
 * Atomic file writes for the CLI: data goes to a temporary file beside the target, is flushed,
 * then renamed over the target. On any error (full disk, permission, a signal) the temporary file
 * is removed, so neither a half-written workbook nor a stray `.tmp` file is ever left behind.
 */
import * as fs from "fs";
import * as path from "path";

/** Temporary files still being written; removed if the process is interrupted. */
const pending = new Set<string>();
/**
 * Targets another thread of this process (a batch worker) may be writing: their temp files are
 * not in this thread's `pending`, so on a signal the directory is searched for them by name.
 */
const watched = new Set<string>();
let handlersInstalled = false;

function tempPrefix(file: string): string {
  return `.${path.basename(file)}.tmp-${process.pid}-`;
}

/** Remove the temp files of `target` made by this process (any thread). */
function removeTempsOf(target: string): void {
  const dir = path.dirname(path.resolve(target));
  const prefix = tempPrefix(target);
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) if (n.startsWith(prefix)) removeQuietly(path.join(dir, n));
}

function cleanup(): void {
  for (const f of pending) removeQuietly(f);
  for (const t of watched) removeTempsOf(t);
}

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
  // Signals reach the main thread only; a worker's files are cleaned through watchTarget().
  let isMain = true;
  try {
    isMain = (require("worker_threads") as typeof import("worker_threads")).isMainThread;
  } catch {
    /* no worker_threads: main thread */
  }
  if (isMain) {
    for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      process.once(sig, () => {
        cleanup();
        // Re-raise with the default handler so the exit status says which signal ended us.
        process.kill(process.pid, sig);
      });
    }
  }
  process.once("exit", cleanup);
}

/** A batch worker is about to write `target`: on a signal, remove its temp files too. */
export function watchTarget(target: string): void {
  installSignalCleanup();
  watched.add(target);
}

export function unwatchTarget(target: string): void {
  watched.delete(target);
}

function tempName(file: string): string {
  const dir = path.dirname(path.resolve(file));
  return path.join(
    dir,
    `${tempPrefix(file)}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
  );
}

/**
 * A file written in pieces (a JSON report streamed file by file) that appears at `file` only on
 * commit(); abort() or an interruption leaves nothing behind.
 */
export class AtomicWriter {
  private fd: number | undefined;
  private readonly tmp: string;

  constructor(readonly file: string) {
    installSignalCleanup();
    this.tmp = tempName(file);
    pending.add(this.tmp);
    try {
      this.fd = fs.openSync(this.tmp, "wx");
    } catch (e) {
      pending.delete(this.tmp);
      throw e;
    }
  }

  write(data: string | Uint8Array): void {
    if (this.fd === undefined) throw new Error("AtomicWriter: already closed");
    try {
      fs.writeSync(this.fd, typeof data === "string" ? Buffer.from(data, "utf8") : data);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  commit(): void {
    if (this.fd === undefined) throw new Error("AtomicWriter: already closed");
    try {
      fs.fsyncSync(this.fd);
      fs.closeSync(this.fd);
      this.fd = undefined;
      fs.renameSync(this.tmp, this.file);
      pending.delete(this.tmp);
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  abort(): void {
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        /* the first error is the one worth reporting */
      }
      this.fd = undefined;
    }
    removeQuietly(this.tmp);
    pending.delete(this.tmp);
  }
}

/** Write `data` to `file` atomically (same directory temp file + fsync + rename). */
export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  installSignalCleanup();
  const tmp = tempName(file);
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
