/**
 * What says a cached read of a data file is still the file's: its identity and a hash of its ends.
 *
 * Not a hash of the whole file, on purpose: a 24 h bundle holds ~45 MB of gzip, and hashing it on
 * every investigation costs ~0.1 s, a tenth of the warm target. Any way of changing a file in
 * place (an editor, a copy, `gzip`, a regenerated bundle) changes its size, mtime or ctime, or,
 * for a new file, its inode; ctime cannot be set back by ordinary tools (`touch -d` sets it to
 * now). The first and last 64 KiB are hashed as well, against a file system with coarse
 * timestamps where the same size could be rewritten within one tick.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

const END_BYTES = 64 * 1024;

/** A string that changes when the file at `path` changes. */
export async function fileFingerprint(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const s = await handle.stat({ bigint: true });
    const size = Number(s.size);
    const hash = createHash('sha1');
    const head = Buffer.alloc(Math.min(END_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    hash.update(head);
    if (size > END_BYTES) {
      const tail = Buffer.alloc(Math.min(END_BYTES, size - END_BYTES));
      await handle.read(tail, 0, tail.length, size - tail.length);
      hash.update(tail);
    }
    return [s.size, s.mtimeNs, s.ctimeNs, s.ino, s.dev, hash.digest('hex')].join(':');
  } finally {
    await handle.close();
  }
}
