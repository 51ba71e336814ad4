import { expect, test } from 'vitest';
import { checkoutBadDeploy } from '../../../testing/investigate/reports.js';
import { NightshiftError, type Report } from '../../core/index.js';
import { renderJson } from './json.js';

test('json: pretty, complete and parseable back to the same report', () => {
  const json = renderJson(checkoutBadDeploy);
  expect(json.endsWith('}\n')).toBe(true);
  expect(json.split('\n')[1]).toBe('  "incidentId": "inc-2026-03-09-checkout",');
  expect(JSON.parse(json)).toEqual(checkoutBadDeploy);
});

test.each([
  {
    name: 'unknown confidence',
    report: { ...checkoutBadDeploy, rootCause: { ...checkoutBadDeploy.rootCause, confidence: 'SURE' } },
    field: 'rootCause.confidence',
  },
  {
    name: 'strength above 1',
    report: { ...checkoutBadDeploy, evidence: [{ ...checkoutBadDeploy.evidence[0]!, strength: 3 }] },
    field: 'evidence.0.strength',
  },
  {
    name: 'action without approval',
    report: {
      ...checkoutBadDeploy,
      actions: [{ ...checkoutBadDeploy.actions[0]!, requiresApproval: false }],
    },
    field: 'actions.0.requiresApproval',
  },
])('json refuses an invalid report ($name): a bug, not output', ({ report, field }) => {
  expect(() => renderJson(report as unknown as Report)).toThrow(NightshiftError);
  expect(() => renderJson(report as unknown as Report)).toThrow(field);
});
