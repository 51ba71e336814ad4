import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBundle } from '../../bundle/index.js';
import { generateBundle } from '../../lab/index.js';
import { generateOptions } from '../../lab/test-support.js';
import { sourceContract } from '../sources.contract.js';
import { bundleSources } from './index.js';

sourceContract('files', ['metrics', 'logs', 'traces', 'changes', 'events'], async () => {
  const root = await mkdtemp(join(tmpdir(), 'ns-files-'));
  const dir = join(root, 'bundle');
  await generateBundle(dir, generateOptions('bad-deploy', { seed: 3 }));
  const bundle = await openBundle(dir);
  const sources = bundleSources(bundle, dir);
  return {
    actual: sources,
    expected: sources,
    range: bundle.incident.window,
    close: () => rm(root, { recursive: true, force: true }),
  };
});
