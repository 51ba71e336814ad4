/**
 * Where a bundle's read cache lives: beside the bundle (`<bundle>/.nightshift-cache/`) when its
 * folder is writable, so the cache goes wherever the bundle goes and is removed with it; else under
 * the user's cache folder, in a folder named by a hash of the bundle's real path.
 */
import { createHash } from 'node:crypto';
import { access, constants, mkdir, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The cache folder's name inside a bundle; readers of the bundle format ignore it. */
export const BUNDLE_CACHE_FOLDER = '.nightshift-cache';

/** `$XDG_CACHE_HOME/nightshift`, else `~/.cache/nightshift` (the XDG base directory default). */
export function defaultUserCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.length > 0 ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'nightshift');
}

/**
 * The folder to keep `bundleDir`'s cache in, created if needed; undefined when neither place can
 * be written (then reads are not cached).
 */
export async function resolveCacheDir(bundleDir: string, userCacheDir: string): Promise<string | undefined> {
  const beside = join(bundleDir, BUNDLE_CACHE_FOLDER);
  if (await writableFolder(beside)) return beside;
  const real = await realpath(bundleDir).catch(() => bundleDir);
  const name = createHash('sha1').update(real).digest('hex').slice(0, 16);
  const elsewhere = join(userCacheDir, 'bundles', name);
  return (await writableFolder(elsewhere)) ? elsewhere : undefined;
}

async function writableFolder(dir: string): Promise<boolean> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
