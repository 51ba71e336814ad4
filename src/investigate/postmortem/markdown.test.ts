import { expect, test } from 'vitest';
import type { Postmortem } from '../../core/index.js';
import { renderPostmortemMarkdown, renderRunbookMarkdown } from './markdown.js';

const at = Date.parse('2026-03-09T14:47:00Z');

test('postmortem markdown: every section, log text in code spans, table cells escaped', () => {
  const pm: Postmortem = {
    incidentId: 'inc-1',
    alert: { name: 'DiskFull', service: 'postgres', startsAt: at },
    title: 'resource disk in postgres',
    summary: 'WAL filled the disk',
    impact: 'services: orders',
    timeline: [{ at, what: 'ERROR: could not write `pg_wal` <!here>' }],
    rootCause: {
      service: 'postgres',
      category: 'resource_disk',
      description: 'WAL grew',
      confidence: 'MEDIUM',
    },
    contributingFactors: ['a stale replication slot'],
    whatWentWell: ['to be completed by the responders'],
    whatWentBadly: ['no disk-full forecast'],
    actionItems: [{ title: 'Drop stale slots | automate', owner: 'dba', priority: 'P1', kind: 'prevent' }],
  };
  expect(renderPostmortemMarkdown(pm)).toEqual(
    [
      '# Postmortem (draft): resource disk in postgres',
      '',
      'Incident `inc-1`, alert `DiskFull` on postgres at 2026-03-09T14:47:00.000Z.',
      '',
      '## Summary',
      '',
      'WAL filled the disk',
      '',
      '## Impact',
      '',
      'services: orders',
      '',
      '## Timeline (UTC)',
      '',
      '- 2026-03-09T14:47:00.000Z ``ERROR: could not write `pg_wal` <!here>``',
      '',
      '## Root cause',
      '',
      '**postgres: resource disk** (MEDIUM confidence): WAL grew',
      '',
      '## Contributing factors',
      '',
      '- a stale replication slot',
      '',
      '## What went well',
      '',
      '- to be completed by the responders',
      '',
      '## What went badly',
      '',
      '- no disk-full forecast',
      '',
      '## Action items',
      '',
      '| priority | kind | item | owner |',
      '| --- | --- | --- | --- |',
      '| P1 | prevent | Drop stale slots \\| automate | dba |',
      '',
    ].join('\n'),
  );
});

test('runbook markdown: a task list, each command in a block under its step', () => {
  const md = renderRunbookMarkdown({
    title: 'Runbook: bad deploy in checkout',
    steps: [
      { text: 'Confirm the impact', command: 'query_metrics {"service":"checkout"}', done: false },
      {
        text: 'rollback: Roll back *checkout*',
        command: 'kubectl rollout undo deployment/checkout',
        done: false,
      },
      { text: 'Communicate', done: false },
    ],
  });
  expect(md).toEqual(
    [
      '# Runbook: bad deploy in checkout',
      '',
      '- [ ] Confirm the impact',
      '',
      '  ```',
      '  query_metrics {"service":"checkout"}',
      '  ```',
      '',
      '- [ ] rollback: Roll back \\*checkout\\*',
      '',
      '  ```',
      '  kubectl rollout undo deployment/checkout',
      '  ```',
      '',
      '- [ ] Communicate',
      '',
    ].join('\n'),
  );
});
