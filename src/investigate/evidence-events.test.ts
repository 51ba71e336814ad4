import { expect, test } from 'vitest';
import type { InfraEvent } from '../core/index.js';
import { MINUTE_MS } from '../core/index.js';
import { eventShifts } from './evidence-events.js';

const windows = {
  baseline: { start: 0, end: 60 * MINUTE_MS },
  incident: { start: 60 * MINUTE_MS, end: 90 * MINUTE_MS },
};
const at = (minute: number, reason: string): InfraEvent => ({
  ts: minute * MINUTE_MS,
  service: 'api',
  object: 'pod/api-1',
  type: 'Warning',
  reason,
  message: reason,
});

test.each([
  {
    name: 'kills that began in the baseline and go on are not a normal rate to subtract',
    events: [at(10, 'OOMKilled'), at(40, 'OOMKilled'), at(70, 'OOMKilled')],
    expected: { reason: 'OOMKilled', incidentCount: 1, baselineCount: 0, windowCount: 3 },
  },
  {
    name: 'a crash loop likewise',
    events: [at(50, 'BackOff'), at(65, 'BackOff')],
    expected: { reason: 'BackOff', incidentCount: 1, baselineCount: 0, windowCount: 2 },
  },
  {
    name: 'failed probes have a normal rate: the baseline’s, scaled to the incident’s length',
    events: [at(10, 'Unhealthy'), at(40, 'Unhealthy'), at(70, 'Unhealthy')],
    expected: { reason: 'Unhealthy', incidentCount: 1, baselineCount: 1, windowCount: 3 },
  },
])('$name', ({ events, expected }) => {
  expect(eventShifts(events, windows)).toMatchObject([expected]);
});
