import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/**
 * Reading a file that a setting or a command names, which may be anything: a device that never
 * ends (`/dev/zero`), a FIFO whose `open` blocks until a writer comes, a directory. Only regular
 * files are read, and never more than `maxBytes + 1` bytes, whatever `stat` says their size is
 * (it says 0 for devices).
 */
export type RegularFileRead =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'missing' | 'not-a-file' | 'too-large' | 'unreadable'; message: string };

/** Reads at most `maxBytes` of a regular file; anything else is refused without reading it. */
export async function readRegularFile(file: string, maxBytes: number): Promise<RegularFileRead> {
  // Checked before opening: opening a FIFO (without O_NONBLOCK) waits for a writer forever.
  let before: Stats;
  try {
    before = await stat(file);
  } catch (err) {
    return failure(err);
  }
  if (!before.isFile()) return notAFile(before);
  let handle;
  try {
    // O_NONBLOCK: should the path have been swapped for a FIFO since the stat, open still returns.
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return failure(err);
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) return notAFile(opened);
    const buffer = new Uint8Array(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { ok: false, reason: 'too-large', message: `is larger than ${formatBytes(maxBytes)}` };
    return { ok: true, bytes: buffer.subarray(0, length) };
  } catch (err) {
    return failure(err);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** `2 MB`, `512 KB`. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function notAFile(stats: Stats): RegularFileRead {
  const kind = stats.isDirectory()
    ? 'a folder'
    : stats.isFIFO()
      ? 'a named pipe (FIFO)'
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? 'a device'
        : stats.isSocket()
          ? 'a socket'
          : 'not a regular file';
  return { ok: false, reason: 'not-a-file', message: `is ${kind}; only regular files are read` };
}

function failure(err: unknown): RegularFileRead {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', message: 'does not exist' };
  if (code === 'EACCES' || code === 'EPERM') return { ok: false, reason: 'unreadable', message: 'could not be read: permission denied' };
  return { ok: false, reason: 'unreadable', message: `could not be read${typeof code === 'string' ? ` (${code})` : ''}` };
}
