/**
 * Which process holds a TCP port, for the one line `nightshift serve` prints when it cannot bind.
 * Linux only and best effort: the listening socket's inode comes from /proc/net/tcp{,6}, and the
 * process from the `socket:[inode]` links under /proc/<pid>/fd (readable for our own processes, or
 * all of them as root). Anywhere else, or without permission, it says nothing rather than guess.
 */
import { readdir, readFile, readlink } from 'node:fs/promises';

/** `pid 1234 (nightshift serve)`, or undefined when it cannot be told. */
export async function describePortHolder(port: number): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const inode of listeningInodes(text, port)) inodes.add(inode);
  }
  if (inodes.size === 0) return undefined;
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) return `pid ${pid}${await commandOf(pid)}`;
    }
  }
  return undefined;
}

/**
 * Inodes of sockets listening on `port` in a /proc/net/tcp table. Columns: sl, local_address
 * (hex ip:hex port), rem_address, st (0A is LISTEN), tx/rx queues, tr, retrnsmt, uid, timeout, inode.
 */
export function listeningInodes(table: string, port: number): string[] {
  const wanted = port.toString(16).toUpperCase().padStart(4, '0');
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[1]?.split(':')[1] === wanted && cols[3] === '0A')
    .map((cols) => cols[9] ?? '')
    .filter((inode) => inode !== '' && inode !== '0');
}

async function commandOf(pid: string): Promise<string> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  const args = raw.split('\0').filter(Boolean);
  // `node /…/bin/nightshift.js serve` reads better as `nightshift serve`.
  const script = args.findIndex((a) => /nightshift(\.js)?$/.test(a));
  const shown = script >= 0 ? ['nightshift', ...args.slice(script + 1)] : args;
  const text = shown.join(' ').slice(0, 80);
  return text ? ` (${text})` : '';
}
