/**
 * Reading and writing a package's zip. Writing back does not recompress what did not change: the
 * zip entries of unchanged parts are copied as stored (local header, compressed bytes, data
 * descriptor) and only changed or added parts are deflated, by Node's zlib (native; fflate's
 * JavaScript deflate was a tenth of the CLI's time per file). Re-deflating every part was a third
 * of that time, and copying keeps unchanged parts byte-identical even in their compressed form.
 * Reading inflates with zlib too. Zip64 archives and anything unexpected go through fflate.
 */
import * as zlib from "zlib";
import { unzipSync, zipSync, type Zippable } from "fflate";
import { readCentralDirectory, SIG_EOCD, SIG_LOC } from "../zip-directory";

const SIG_CEN = 0x02014b50;

interface RawEntry {
  name: string;
  /** Local file record: header, name, extra, compressed data and any data descriptor. */
  local: Uint8Array;
  /** Central directory record (its local-header offset is rewritten on output). */
  central: Uint8Array;
}

const SIG_DESCRIPTOR = 0x08074b50;

/** The zip's entries as stored, in central-directory order; null when it cannot be copied simply (not a zip, Zip64). */
export function rawEntries(zip: Uint8Array): RawEntry[] | null {
  const dir = readCentralDirectory(zip);
  if (!dir || dir.some((e) => e.zip64)) return null;
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: RawEntry[] = [];
  for (const e of dir) {
    const o = e.localOffset;
    if (o + 30 > zip.length || view.getUint32(o, true) !== SIG_LOC) return null;
    let end =
      o + 30 + view.getUint16(o + 26, true) + view.getUint16(o + 28, true) + e.compressedSize;
    if (e.flags & 0x8)
      end += end + 4 <= zip.length && view.getUint32(end, true) === SIG_DESCRIPTOR ? 16 : 12;
    if (end > zip.length) return null;
    out.push({
      name: e.name,
      local: zip.subarray(o, end),
      central: zip.subarray(e.centralStart, e.centralEnd),
    });
  }
  return out;
}

/**
 * Every entry of a zip, inflated (as fflate's unzipSync gives them: name -> bytes, directories
 * included). Native inflate for plain zips; Zip64, non-ASCII names, other methods and any error
 * go to fflate, which also words the errors of a damaged file.
 */
export function unzipParts(zip: Uint8Array): Record<string, Uint8Array> {
  return unzipNative(zip) ?? unzipSync(zip);
}

function unzipNative(zip: Uint8Array): Record<string, Uint8Array> | null {
  const dir = readCentralDirectory(zip);
  if (!dir) return null;
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const files: Record<string, Uint8Array> = {};
  for (const e of dir) {
    // fflate decodes names without the UTF-8 flag as Latin-1: leave those to it.
    if (e.zip64 || /[^\x20-\x7e]/.test(e.name)) return null;
    const o = e.localOffset;
    if (o + 30 > zip.length || view.getUint32(o, true) !== SIG_LOC) return null;
    const start = o + 30 + view.getUint16(o + 26, true) + view.getUint16(o + 28, true);
    const end = start + e.compressedSize;
    if (end > zip.length) return null;
    const data = zip.subarray(start, end);
    if (e.method === 0) {
      files[e.name] = data.slice();
    } else if (e.method === 8) {
      let out: Buffer;
      try {
        out = zlib.inflateRawSync(data);
      } catch {
        return null;
      }
      if (out.length !== e.size) return null;
      files[e.name] = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    } else return null;
  }
  return files;
}

let crcTable: Int32Array | undefined;

/** CRC-32 of the zip format: zlib's (Node >= 20.15) or a table one. */
function crc32(data: Uint8Array): number {
  const native = (zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32;
  if (native) return native(data) >>> 0;
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** One new zip entry (local record and central record), deflated at `level` (0: stored). */
function newEntry(name: string, data: Uint8Array, level: number, when: Date): RawEntry {
  const nameBytes = Buffer.from(name, "utf8");
  const method = level === 0 ? 0 : 8;
  const body = method === 0 ? data : zlib.deflateRawSync(data, { level });
  const crc = crc32(data);
  const flags = nameBytes.length !== name.length ? 0x800 : 0;
  const time = (when.getHours() << 11) | (when.getMinutes() << 5) | (when.getSeconds() >> 1);
  const date =
    ((Math.max(1980, when.getFullYear()) - 1980) << 9) |
    ((when.getMonth() + 1) << 5) |
    when.getDate();
  const local = new Uint8Array(30 + nameBytes.length + body.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, SIG_LOC, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(6, flags, true);
  lv.setUint16(8, method, true);
  lv.setUint16(10, time, true);
  lv.setUint16(12, date, true);
  lv.setUint32(14, crc, true);
  lv.setUint32(18, body.length, true);
  lv.setUint32(22, data.length, true);
  lv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);
  local.set(body, 30 + nameBytes.length);
  const central = new Uint8Array(46 + nameBytes.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, SIG_CEN, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(8, flags, true);
  cv.setUint16(10, method, true);
  cv.setUint16(12, time, true);
  cv.setUint16(14, date, true);
  cv.setUint32(16, crc, true);
  cv.setUint32(20, body.length, true);
  cv.setUint32(24, data.length, true);
  cv.setUint16(28, nameBytes.length, true);
  central.set(nameBytes, 46);
  return { name, local, central };
}

/**
 * The package as a zip: `original`'s entries copied for the parts not in `changed` (and still in
 * `files`), the others deflated anew. Entry order: the original's, then added parts.
 */
export function rezip(
  original: Uint8Array,
  files: Record<string, Uint8Array>,
  changed: ReadonlySet<string>
): Uint8Array {
  const zipAll = () => {
    const z: Zippable = {};
    for (const [k, v] of Object.entries(files)) z[k] = [v, { level: k.endsWith("/") ? 0 : 6 }];
    return zipSync(z);
  };
  // No original (a new package): every part is new, deflated natively like added parts.
  const raw = original.length === 0 ? [] : rawEntries(original);
  if (!raw) return zipAll();
  const kept = raw.filter((e) => e.name in files && !changed.has(e.name));
  const keptNames = new Set(kept.map((e) => e.name));
  // Level 1: a written sheet is most of a package and deflating it at 6 took a fifth of a file's
  // time; XML compresses nearly as well at 1.
  const now = new Date();
  const freshRaw: RawEntry[] = [];
  for (const [k, v] of Object.entries(files))
    if (!keptNames.has(k)) freshRaw.push(newEntry(k, v, k.endsWith("/") ? 0 : 1, now));
  const freshByName = new Map(freshRaw.map((e) => [e.name, e]));
  // Original order for the parts that were there (changed ones in their old place), then new ones.
  const order: RawEntry[] = [];
  for (const e of raw) {
    if (keptNames.has(e.name)) order.push(e);
    else if (freshByName.has(e.name)) {
      order.push(freshByName.get(e.name) as RawEntry);
      freshByName.delete(e.name);
    }
  }
  for (const e of freshByName.values()) order.push(e);
  let size = 22;
  for (const e of order) size += e.local.length + e.central.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  for (const e of order) {
    offsets.push(p);
    out.set(e.local, p);
    p += e.local.length;
  }
  const cdStart = p;
  order.forEach((e, i) => {
    out.set(e.central, p);
    view.setUint32(p + 42, offsets[i], true);
    p += e.central.length;
  });
  view.setUint32(p, SIG_EOCD, true);
  view.setUint16(p + 8, order.length, true);
  view.setUint16(p + 10, order.length, true);
  view.setUint32(p + 12, p - cdStart, true);
  view.setUint32(p + 16, cdStart, true);
  return out;
}
