/**
 * The central directory of a zip, read without inflating anything: names, methods, sizes and
 * where each entry's local record starts (Zip64 sizes and offsets included). Used by the limit
 * check (declared sizes before any work) and by the package writer (copying entries as stored).
 */

export interface ZipEntry {
  name: string;
  method: number;
  /** General-purpose flags; bit 3: sizes follow the data in a data descriptor. */
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** The central directory record's bytes: [centralStart, centralEnd). */
  centralStart: number;
  centralEnd: number;
  /** An offset or size was stored in a Zip64 extra field. */
  zip64: boolean;
}

export const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOC = 0x07064b50;
const SIG_CEN = 0x02014b50;
export const SIG_LOC = 0x04034b50;

/** The central directory of a zip, or null when the buffer is not a readable zip (the loader reports that). */
export function readCentralDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const buf = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0 && i >= buf.length - 22 - 0xffff; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = buf.readUInt16LE(eocd + 10);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  let zip64 = false;
  if (
    (count === 0xffff || cdOffset === 0xffffffff) &&
    eocd >= 20 &&
    buf.readUInt32LE(eocd - 20) === SIG_EOCD64_LOC
  ) {
    const rec = Number(buf.readBigUInt64LE(eocd - 20 + 8));
    if (rec + 56 <= buf.length && buf.readUInt32LE(rec) === SIG_EOCD64) {
      count = Number(buf.readBigUInt64LE(rec + 32));
      cdOffset = Number(buf.readBigUInt64LE(rec + 48));
      zip64 = true;
    }
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CEN) return null;
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    let entry64 = zip64;
    // Zip64 extra field: the 8-byte values of the fields that read 0xFFFFFFFF, in this order.
    let e = p + 46 + nameLen;
    const eEnd = e + extraLen;
    while (e + 4 <= eEnd) {
      const id = buf.readUInt16LE(e);
      const len = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        entry64 = true;
        let q = e + 4;
        if (size === 0xffffffff && q + 8 <= e + 4 + len) {
          size = Number(buf.readBigUInt64LE(q));
          q += 8;
        }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
          compressedSize = Number(buf.readBigUInt64LE(q));
          q += 8;
        }
        if (localOffset === 0xffffffff && q + 8 <= e + 4 + len)
          localOffset = Number(buf.readBigUInt64LE(q));
      }
      e += 4 + len;
    }
    const centralEnd = eEnd + commentLen;
    entries.push({
      name,
      method,
      flags,
      compressedSize,
      size,
      localOffset,
      centralStart: p,
      centralEnd,
      zip64: entry64,
    });
    p = centralEnd;
  }
  return entries;
}
