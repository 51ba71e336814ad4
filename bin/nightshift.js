#!/usr/bin/env node
// Runs the compiled CLI. `npm install` builds it (the `prepare` script); from a source checkout
// without a build, `npm run build` makes it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('nightshift: the CLI is not built yet. Run `npm run build` in the package folder.\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
