import { expect, test } from 'vitest';
import { checkoutAlert, checkoutBadDeploy } from '../../testing/investigate/reports.js';
import { renderTerminal } from '../investigate/render/index.js';
import { createStdoutNotifier } from './stdout.js';

function collector() {
  const chunks: string[] = [];
  return { stream: { write: (text: string) => chunks.push(text) }, text: () => chunks.join('') };
}

test('the brief is written as terminal text under a line naming the investigation and its alerts', async () => {
  const out = collector();
  const notifier = createStdoutNotifier({ stream: out.stream, color: false });
  const thread = await notifier.postBrief({
    investigationId: 'inv-3',
    report: checkoutBadDeploy,
    url: 'https://ns.example/i/inv-3',
    alerts: [{ ...checkoutAlert(), name: 'High\u001b[31mErrorRate' }],
  });
  expect(thread).toBeUndefined();
  // A blank line after the brief keeps briefs apart in a log.
  expect(out.text()).toBe(
    `${[
      '── Investigation inv-3 ──',
      'Alerts: High [31mErrorRate on api-gateway (critical) since 14:47:00 UTC',
      'Full investigation: https://ns.example/i/inv-3',
      '',
      renderTerminal(checkoutBadDeploy, { color: false }),
    ].join('\n')}\n`,
  );
});

test('follow-ups and the resolve are single lines naming the investigation', async () => {
  const out = collector();
  const notifier = createStdoutNotifier({ stream: out.stream, color: false });
  await notifier.postFollowUp(undefined, {
    investigationId: 'inv-3',
    text: 'a new alert joined\nsecond line',
  });
  await notifier.postResolved(undefined, {
    investigationId: 'inv-3',
    resolvedAt: Date.parse('2026-03-09T15:24:30Z'),
    durationMs: 42 * 60_000,
  });
  expect(out.text()).toBe(
    '[inv-3] a new alert joined second line\n[inv-3] resolved after 42 min: every alert cleared by 15:24:30 UTC\n',
  );
});
