import { createServer } from 'node:net';
import { expect, test } from 'vitest';
import { describePortHolder, listeningInodes } from './port-holder.js';

const TABLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:2253 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
   1: 0100007F:2253 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000     0        0 4343 1 0000000000000000 20 4 30 10 -1
   2: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 77 1 0000000000000000 100 0 0 10 0`;

test.each([
  { port: 8787, inodes: ['4242'] }, // 0x2253; the established connection on it is not a listener
  { port: 22, inodes: ['77'] },
  { port: 9999, inodes: [] },
])('listeningInodes: port $port', ({ port, inodes }) => {
  expect(listeningInodes(TABLE, port)).toEqual(inodes);
});

test.runIf(process.platform === 'linux')(
  'names this process as the holder of a port it listens on',
  async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      expect(await describePortHolder(port)).toMatch(new RegExp(`^pid ${process.pid}\\b`));
    } finally {
      server.close();
    }
  },
);
