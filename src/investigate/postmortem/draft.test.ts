import { expect, test } from 'vitest';
import { checkoutAlert, checkoutBadDeploy, ONSET } from '../../../testing/investigate/reports.js';
import { postmortemSchema, type Report, ROOT_CAUSE_CATEGORIES } from '../../core/index.js';
import { draftPostmortem, FOR_RESPONDERS, ownerOf, UNASSIGNED } from './draft.js';
import { LESSONS } from './lessons.js';

test('the checkout draft: facts from the report, lessons of a bad deploy, follow-ups for this investigation', () => {
  expect(draftPostmortem(checkoutBadDeploy, checkoutAlert())).toEqual({
    incidentId: 'inc-2026-03-09-checkout',
    alert: { name: 'HighErrorRate', service: 'api-gateway', startsAt: Date.parse('2026-03-09T14:47:00Z') },
    title: 'bad deploy in checkout',
    summary: checkoutBadDeploy.summary,
    impact:
      'services: checkout, api-gateway; since 2026-03-09T14:42:00.000Z; error ratio peak 21.0%; p99 peak 1840 ms',
    timeline: [
      ...checkoutBadDeploy.timeline,
      { at: Date.parse('2026-03-09T14:47:00Z'), what: 'alert HighErrorRate fired on api-gateway' },
    ],
    rootCause: {
      service: 'checkout',
      category: 'bad_deploy',
      description: 'release 2.4.1 of checkout fails on payment calls with NullPointerException',
      confidence: 'HIGH',
    },
    contributingFactors: [
      'the release reached all traffic before its error rate was compared with the previous version',
      'change chg-481 shortly before the onset',
    ],
    whatWentWell: ['the alert HighErrorRate fired 5 min after the onset', FOR_RESPONDERS],
    whatWentBadly: [
      'the alert fired on api-gateway, not on checkout where the cause was',
      'the investigation could not read: traces',
      FOR_RESPONDERS,
    ],
    actionItems: [
      {
        title: 'Canary releases with automatic rollback on an error-rate regression',
        owner: 'payments-squad',
        priority: 'P1',
        kind: 'prevent',
      },
      {
        title: 'Add a test for the failing code path',
        owner: 'payments-squad',
        priority: 'P2',
        kind: 'prevent',
      },
      {
        title: "Alert on checkout's own error ratio and latency, not only on api-gateway",
        owner: 'payments-squad',
        priority: 'P2',
        kind: 'detect',
      },
      {
        title: 'Make traces readable by investigations within their timeout',
        owner: 'payments-squad',
        priority: 'P2',
        kind: 'detect',
      },
    ],
  });
});

test.each<{ labels: Record<string, string>; owner: string }>([
  { labels: { team: 'payments-squad', owner: 'alice', service: 'checkout' }, owner: 'payments-squad' },
  { labels: { owner: 'alice', service: 'checkout' }, owner: 'alice' },
  { labels: { service: 'checkout' }, owner: 'checkout' },
  { labels: { team: '  ', severity: 'critical' }, owner: UNASSIGNED },
  { labels: {}, owner: UNASSIGNED },
])('owner from alert labels $labels → $owner', ({ labels, owner }) => {
  expect(ownerOf(checkoutAlert(labels))).toBe(owner);
  const pm = draftPostmortem(checkoutBadDeploy, checkoutAlert(labels));
  expect(new Set(pm.actionItems.map((a) => a.owner))).toEqual(new Set([owner]));
});

test('an uncertain cause and a late alert are said plainly', () => {
  const report: Report = {
    ...checkoutBadDeploy,
    missingSources: [],
    rootCause: { ...checkoutBadDeploy.rootCause, confidence: 'LOW', confidenceReason: 'one weak signal' },
  };
  const pm = draftPostmortem(report, {
    ...checkoutAlert(),
    service: 'checkout',
    startsAt: ONSET + 25 * 60_000,
  });
  expect(pm.contributingFactors).toContain('the root cause is not certain (LOW confidence): one weak signal');
  expect(pm.actionItems[2]).toEqual({
    title: 'Confirm the root cause (LOW confidence) before closing this postmortem',
    owner: 'payments-squad',
    priority: 'P1',
    kind: 'prevent',
  });
  expect(pm.whatWentWell).toEqual([FOR_RESPONDERS]);
  expect(pm.whatWentBadly).toEqual(['the alert HighErrorRate fired 25 min after the onset', FOR_RESPONDERS]);
});

test.each(ROOT_CAUSE_CATEGORIES)(
  'every category has lessons and drafts a valid postmortem: %s',
  (category) => {
    const lessons = LESSONS[category];
    expect(lessons.factors.length).toBeGreaterThan(0);
    expect(lessons.items.length).toBeGreaterThan(0);
    const report = { ...checkoutBadDeploy, rootCause: { ...checkoutBadDeploy.rootCause, category } };
    const pm = draftPostmortem(report, checkoutAlert());
    expect(postmortemSchema.parse(pm)).toEqual(pm);
    expect(pm.actionItems.slice(0, lessons.items.length).map((a) => a.title)).toEqual(
      lessons.items.map((i) => i.title),
    );
  },
);

test.each([
  { category: 'bad_deploy', expected: /canary.*automatic rollback.*error-rate regression/i },
  { category: 'connection_pool_exhaustion', expected: /pool saturation.*before exhaustion/i },
  { category: 'certificate_expiry', expected: /14 days before/i },
] as const)('$category proposes the follow-up an SRE would expect', ({ category, expected }) => {
  expect(LESSONS[category].items.map((i) => i.title).join('\n')).toMatch(expected);
});
