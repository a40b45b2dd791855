import { constants, promises as fs } from 'node:fs';
import { describeIoError, type Skipped } from '../analysis/workspace/discovery';

export type { Skipped };

/**
 * A Python file as read from disk: the text the analysis reads, and what is needed to write a
 * changed text back the way the file was written (encoding, byte order mark, line breaks).
 */
export interface SourceFile {
  path: string;
  /** Decoded text; lone CR line breaks (old Mac files) read as `\n`, which keeps every offset. */
  text: string;
  /** The encoding the bytes were read with, by Python's rules (PEP 263): `utf-8` unless declared. */
  encoding: string;
  /** The file starts with a UTF-8 byte order mark. */
  bom: boolean;
  /** Lone CR line breaks: `all` of them (written back as CR), `mixed` with others (fixes are not written), or `none`. */
  loneCr: 'none' | 'all' | 'mixed';
}

export function isSkipped(x: SourceFile | Skipped): x is Skipped {
  return 'reason' in x;
}

/** The default cap on a file's size: the editor's default `maxFileSizeKb` is 2 MB; generated files run larger. */
export const DEFAULT_MAX_FILE_KB = 10 * 1024;

/**
 * Reads a file as Python source, at most `maxBytes`. Only regular files are read: a FIFO would
 * block the read forever and a device (`/dev/zero`) never ends. Opening without blocking and
 * checking the opened file leaves no window between the check and the read.
 */
export async function readSource(file: string, maxBytes = DEFAULT_MAX_FILE_KB * 1024): Promise<SourceFile | Skipped> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { path: file, reason: describeIoError(err), ioError: true };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { path: file, reason: `skipped: not a regular file (${fileKind(stat)})`, ioError: false };
    if (stat.size > maxBytes) return { path: file, reason: `skipped: ${kb(stat.size)} KB is over the limit of ${kb(maxBytes)} KB (--max-file-size-kb)`, ioError: false };
    // Read at most one byte past the cap: a file that grows while it is read is still bounded.
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(stat.size, 0) + 1));
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) return { path: file, reason: `skipped: over the limit of ${kb(maxBytes)} KB (--max-file-size-kb)`, ioError: false };
    return decodeSource(file, buffer.subarray(0, length));
  } catch (err) {
    return { path: file, reason: describeIoError(err), ioError: true };
  } finally {
    await handle.close();
  }
}

function kb(bytes: number): number {
  return Math.ceil(bytes / 1024);
}

function fileKind(stat: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean; isDirectory(): boolean }): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return stat.isDirectory() ? 'a directory' : 'not a file';
}

/** `# -*- coding: latin-1 -*-` and its variants, as Python's tokenizer matches them. */
const CODING = /^[ \t\f]*#.*?coding[:=][ \t]*([-_.a-zA-Z0-9]+)/;

/** The encoding a file declares on its first or second line (the second counts after a comment-only first line). */
export function declaredEncoding(bytes: Uint8Array): { name: string; line: number } | undefined {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  const lines = head.split(/\r\n|\r|\n/, 2);
  for (const [i, line] of lines.entries()) {
    const match = CODING.exec(line);
    if (match?.[1]) return { name: match[1], line: i + 1 };
    if (!/^[ \t\f]*(#.*)?$/.test(line)) break;
  }
  return undefined;
}

/** The encodings Python calls Latin-1: decoded byte for byte (WHATWG's `latin1` label means windows-1252). */
const LATIN_1 = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'iso-latin-1', 'l1', 'cp819', '8859', 'iso-ir-100', 'csisolatin1']);
const ASCII = new Set(['ascii', 'us-ascii', '646']);

/** Python's name for an encoding, lower case with `-` (`Latin_1` -> `latin-1`, `utf_8_sig` -> `utf-8`). */
function normalEncoding(name: string): string {
  const n = name.toLowerCase().replace(/_/g, '-');
  if (n === 'utf8' || n.startsWith('utf-8')) return 'utf-8';
  for (const latin of LATIN_1) if (n === latin || n.startsWith(`${latin}-`)) return 'latin-1';
  return ASCII.has(n) ? 'ascii' : n;
}

/**
 * Decodes bytes as Python does: UTF-8 unless a `coding:` line says otherwise, a BOM meaning UTF-8.
 * NUL bytes mean binary; bytes invalid in the encoding are refused, not guessed.
 */
export function decodeSource(file: string, bytes: Uint8Array): SourceFile | Skipped {
  if (bytes.includes(0)) return { path: file, reason: 'skipped: looks like a binary file (contains NUL bytes)', ioError: false };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const declared = declaredEncoding(bom ? bytes.subarray(3) : bytes);
  const encoding = declared ? normalEncoding(declared.name) : 'utf-8';
  if (bom && encoding !== 'utf-8') return { path: file, reason: `skipped: a UTF-8 byte order mark, but line ${declared?.line} declares ${declared?.name}`, ioError: false };
  let text: string;
  try {
    text = decode(bom ? bytes.subarray(3) : bytes, encoding);
  } catch (err) {
    const what = err instanceof RangeError ? `unknown encoding '${declared?.name}' declared on line ${declared?.line}` : `not valid ${declared ? declared.name : 'UTF-8'}`;
    return { path: file, reason: `skipped: ${what}${declared ? '' : ' (Python 3 source is UTF-8 unless it declares a coding)'}`, ioError: false };
  }
  if (!/\r(?!\n)/.test(text)) return { path: file, text, encoding, bom, loneCr: 'none' };
  return { path: file, text: text.replace(/\r(?!\n)/g, '\n'), encoding, bom, loneCr: text.includes('\n') ? 'mixed' : 'all' };
}

function decode(bytes: Uint8Array, encoding: string): string {
  if (encoding === 'latin-1') return Buffer.from(bytes).toString('latin1');
  if (encoding === 'ascii') {
    if (bytes.some((b) => b > 0x7f)) throw new TypeError('not ASCII');
    return Buffer.from(bytes).toString('latin1');
  }
  // A label TextDecoder does not know throws a RangeError; invalid bytes a TypeError.
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
}

/**
 * The bytes to write for a changed text, in the file's own encoding, BOM and line breaks; or the
 * reason it cannot be written that way (a character the encoding lacks, an encoding Node can read
 * but not write, lone CRs mixed with other line breaks).
 */
export function encodeSource(source: SourceFile, text: string): Uint8Array | string {
  if (source.loneCr === 'mixed') return 'it mixes lone CR line breaks with others';
  const written = source.loneCr === 'all' ? text.replace(/\r?\n/g, '\r') : text;
  if (source.encoding === 'utf-8') return Buffer.concat([Buffer.from(source.bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(written, 'utf8')]);
  const limit = source.encoding === 'ascii' ? 0x7f : source.encoding === 'latin-1' ? 0xff : -1;
  if (limit === -1) return `async-coach cannot write the ${source.encoding} encoding`;
  for (let i = 0; i < written.length; i++) if (written.charCodeAt(i) > limit) return `the fixed text has characters ${source.encoding} cannot hold`;
  return Buffer.from(written, 'latin1');
}

