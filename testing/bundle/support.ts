/**
 * Shared fixtures of the tests of bundle file handling: copies of the spec bundle to break, and
 * FIFOs made with mkfifo(1). Not part of the bundle API.
 */
import { execFileSync } from 'node:child_process';
import { constants, mkdtempSync, rmSync } from 'node:fs';
import { cp, mkdtemp, open, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The hand-written bundle of spec/incident-bundle.md. */
export const SPEC_FIXTURE = fileURLToPath(new URL('../../test/fixtures/spec-bundle', import.meta.url));

/** Why FIFO tests are skipped here, or undefined when mkfifo(1) works. */
export const NO_MKFIFO = probeMkfifo();

function probeMkfifo(): string | undefined {
  const root = mkdtempSync(join(tmpdir(), 'nightshift-mkfifo-'));
  try {
    execFileSync('mkfifo', [join(root, 'probe')], { stdio: 'ignore' });
    return undefined;
  } catch (error) {
    return `mkfifo(1) cannot make a FIFO here (${(error as Error).message}), so FIFO tests are skipped`;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** A copy of the spec bundle in a new temporary folder; `remove` deletes the folder. */
export async function copySpecBundle(): Promise<{ dir: string; root: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'nightshift-bundle-files-'));
  const dir = join(root, 'bundle');
  await cp(SPEC_FIXTURE, dir, { recursive: true });
  return { dir, root, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Replaces `path` (if present) with a FIFO. */
export async function makeFifo(path: string): Promise<void> {
  await rm(path, { force: true, recursive: true });
  execFileSync('mkfifo', [path]);
}

/**
 * Lets a reader blocked in open() on the FIFO at `path` go, by opening its write end without
 * blocking and closing it at once. Tests call it in cleanup, so a regression that blocks on a FIFO
 * fails its test instead of leaving a libuv thread stuck for the rest of the run.
 */
export async function releaseFifo(path: string): Promise<void> {
  try {
    const writer = await open(path, constants.O_WRONLY | constants.O_NONBLOCK);
    await writer.close();
  } catch {
    // ENXIO: nobody is waiting to read; ENOENT: already removed. Both mean nothing is stuck.
  }
}

/**
 * How many of this process's file descriptors are open on `path`, from /proc/self/fd; undefined
 * where there is no /proc (the check is then skipped).
 */
export async function openDescriptors(path: string): Promise<number | undefined> {
  let fds: string[];
  try {
    fds = await readdir('/proc/self/fd');
  } catch {
    return undefined;
  }
  const targets = await Promise.all(fds.map((fd) => readlink(join('/proc/self/fd', fd)).catch(() => '')));
  return targets.filter((target) => target === path).length;
}

/** Waits up to `timeoutMs` for every descriptor on `path` to close; returns how many are still open. */
export async function descriptorsAfterClose(path: string, timeoutMs = 1_000): Promise<number | undefined> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const open = await openDescriptors(path);
    if (open === undefined || open === 0 || performance.now() > deadline) return open;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
