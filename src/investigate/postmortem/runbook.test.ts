import { expect, test } from 'vitest';
import { checkoutBadDeploy } from '../../../testing/investigate/reports.js';
import type { Report } from '../../core/index.js';
import { runbookChecklist } from './runbook.js';

test('checkout runbook: confirm impact and cause with their queries, act safest first, verify, communicate', () => {
  const rb = runbookChecklist(checkoutBadDeploy);
  expect(rb.title).toBe('Runbook: bad deploy in checkout (inc-2026-03-09-checkout)');
  expect(rb.steps.map((s) => [s.text.split(/[:(]/)[0]?.trim(), s.command])).toEqual([
    [
      'Confirm the impact on checkout, api-gateway is still there',
      'query_metrics {"service":"checkout","metric":"error_ratio"}',
    ],
    ['Confirm the root cause', 'log_patterns {"service":"checkout"}'],
    ['Check by hand what the investigation could not', undefined],
    ['rollback', 'kubectl -n shop rollout undo deployment/checkout'],
    ['scale', 'kubectl -n shop scale deployment/checkout --replicas=<current + 50%>'],
    ['investigate', 'kubectl -n shop logs deployment/checkout --since=15m | grep PaymentClient'],
    ['Verify recovery', 'query_metrics {"service":"checkout","metric":"error_ratio"}'],
    ['Communicate', undefined],
    ['Follow up', undefined],
  ]);
  expect(rb.steps.every((s) => s.done === false)).toBe(true);
  expect(rb.steps[2]?.text).toBe(
    'Check by hand what the investigation could not: traces (timed out after 10 s)',
  );
  expect(rb.steps[3]?.text).toBe(
    'rollback: Roll back checkout to 2.4.0 (needs human approval): undoes the change that preceded the errors',
  );
});

test('without evidence or actions the runbook still says what to check, with no invented commands', () => {
  const bare: Report = { ...checkoutBadDeploy, evidence: [], actions: [], missingSources: [] };
  const rb = runbookChecklist(bare);
  expect(rb.steps.map((s) => s.command)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  expect(rb.steps[0]?.text).toBe(
    'Confirm the impact on checkout, api-gateway is still there: check their error ratio and p99 latency',
  );
  expect(rb.steps[1]?.text).toBe(
    'Confirm the root cause (checkout: bad deploy, HIGH confidence), including change chg-481',
  );
});
