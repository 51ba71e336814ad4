import { expect, test } from 'vitest';
import { caseLabels } from './labels.js';

test.each<{ labels: Record<string, string>; expected: Record<string, string> }>([
  { labels: {}, expected: { account: 'lab', environment: 'lab' } },
  { labels: { tenant: 'acme', env: 'prod' }, expected: { account: 'acme', environment: 'prod' } },
  {
    labels: { account: 'a1', team: 'web', environment: 'staging', env: 'x' },
    expected: { account: 'a1', environment: 'staging' },
  },
  { labels: { environment: '', stage: 'canary' }, expected: { account: 'lab', environment: 'canary' } },
])('caseLabels($labels)', ({ labels, expected }) => {
  expect(caseLabels(labels)).toEqual(expected);
});
