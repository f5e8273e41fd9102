import { crc32 } from './crc32';

/**
 * A zip written with a DEFLATE the host gives (raw DEFLATE, RFC 1951: the command line passes Node's
 * zlib, native code). fflate's DEFLATE, in JavaScript, took 0.3 s of CPU for the files of a 5,000-grid
 * shapefile export; zlib takes a small part of that at the same size. Each entry is deflated, or stored
 * when deflating does not make it smaller; names are UTF-8 (flagged so when not ASCII). No ZIP64: an
 * archive of 4 GiB or more is refused (exports are far smaller).
 */

/** Raw DEFLATE of the bytes (no zlib or gzip wrapper). */
export type DeflateRaw = (bytes: Uint8Array) => Uint8Array;

const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
const FLAG_UTF8_NAME = 0x0800;
const VERSION = 20;
const LIMIT = 0xffffffff;

/** The MS-DOS time and date fields of a local time (from 1980; seconds in steps of two). */
function dosTimeDate(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

interface Entry {
  readonly name: Uint8Array;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly data: Uint8Array;
  readonly size: number;
  readonly offset: number;
}

/**
 * The fields that the local header and the central directory both hold, in the same order: flags,
 * method, time, date, CRC-32, sizes, name length.
 */
function entryFields(view: DataView, at: number, e: Entry, when: { time: number; date: number }): void {
  view.setUint16(at, e.flags, true);
  view.setUint16(at + 2, e.method, true);
  view.setUint16(at + 4, when.time, true);
  view.setUint16(at + 6, when.date, true);
  view.setUint32(at + 8, e.crc, true);
  view.setUint32(at + 12, e.data.length, true);
  view.setUint32(at + 16, e.size, true);
  view.setUint16(at + 20, e.name.length, true);
}

/** The files as a zip, each entry deflated with `deflateRaw` (or stored), dated `date` (default now). */
export function writeZipWith(
  files: readonly { readonly name: string; readonly bytes: Uint8Array }[],
  deflateRaw: DeflateRaw,
  date: Date = new Date(),
): Uint8Array {
  const when = dosTimeDate(date);
  const encoder = new (
    globalThis as unknown as { TextEncoder: new () => { encode(s: string): Uint8Array } }
  ).TextEncoder();
  const entries: Entry[] = [];
  let offset = 0;
  for (const file of files) {
    const name = encoder.encode(file.name);
    const deflated = deflateRaw(file.bytes);
    const stored = deflated.length >= file.bytes.length;
    const entry: Entry = {
      name,
      flags: /[^\x20-\x7e]/.test(file.name) ? FLAG_UTF8_NAME : 0,
      method: stored ? METHOD_STORE : METHOD_DEFLATE,
      crc: crc32(file.bytes),
      data: stored ? file.bytes : deflated,
      size: file.bytes.length,
      offset,
    };
    entries.push(entry);
    offset += 30 + name.length + entry.data.length;
  }
  const directorySize = entries.reduce((sum, e) => sum + 46 + e.name.length, 0);
  const total = offset + directorySize + 22;
  if (total > LIMIT || entries.length > 0xffff) throw new RangeError('zip too large for a plain archive');
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  for (const e of entries) {
    let at = e.offset;
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, VERSION, true);
    entryFields(view, at + 6, e, when);
    view.setUint16(at + 28, 0, true);
    at += 30;
    out.set(e.name, at);
    out.set(e.data, at + e.name.length);
  }
  let at = offset;
  for (const e of entries) {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, VERSION, true);
    view.setUint16(at + 6, VERSION, true);
    entryFields(view, at + 8, e, when);
    // Extra field, comment, disk number, internal and external attributes: none (zero).
    view.setUint32(at + 42, e.offset, true);
    out.set(e.name, at + 46);
    at += 46 + e.name.length;
  }
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, directorySize, true);
  view.setUint32(at + 16, offset, true);
  return out;
}
