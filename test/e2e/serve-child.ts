/**
 * `nightshift` from source, for end-to-end tests that run the server as a child process (so it can
 * be killed with SIGKILL): `node --import tsx test/e2e/serve-child.ts serve --config …`.
 */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv);
