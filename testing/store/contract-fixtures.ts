import type { AlertStatus, IncomingAlert, IntakeOptions, IntakeOutcome } from '../../src/store/types.js';

/** Alerts and delivery sequences shared by the contract suites. */

export const T0 = 1_700_000_000_000;
export const OPTIONS: IntakeOptions = { groupWindowMs: 60_000, maxAttempts: 3 };

export function alert(overrides: Partial<IncomingAlert> = {}): IncomingAlert {
  return {
    fingerprint: 'fp-a',
    source: 'alertmanager',
    status: 'firing',
    groupKey: 'checkout',
    name: 'HighErrorRate',
    service: 'checkout',
    severity: 'critical',
    labels: { alertname: 'HighErrorRate', service: 'checkout' },
    annotations: { summary: '5xx above 5%' },
    startsAt: T0 - 30_000,
    receivedAt: T0,
    ...overrides,
  };
}

/** A delivery in a sequence: fingerprint, offset from T0, and optionally status and group key. */
export type Step = [fingerprint: string, atMs: number, status?: AlertStatus, groupKey?: string];

export function summary(outcome: IntakeOutcome): string {
  if (outcome.kind !== 'resolved') return outcome.kind;
  return outcome.allResolved ? 'resolved:all' : 'resolved:some';
}

export const sequences: {
  name: string;
  steps: Step[];
  outcomes: string[];
  jobs: string[];
  investigations: number;
}[] = [
  {
    name: 'the same fingerprint firing again is a duplicate',
    steps: [
      ['a', 0],
      ['a', 10_000],
    ],
    outcomes: ['new', 'duplicate'],
    jobs: ['investigate'],
    investigations: 1,
  },
  {
    name: 'another fingerprint of the group inside the window joins it',
    steps: [
      ['a', 0],
      ['b', 59_999],
    ],
    outcomes: ['new', 'grouped'],
    jobs: ['investigate'],
    investigations: 1,
  },
  {
    name: 'another fingerprint at the window edge starts a new investigation',
    steps: [
      ['a', 0],
      ['b', 60_000],
    ],
    outcomes: ['new', 'new'],
    jobs: ['investigate', 'investigate'],
    investigations: 2,
  },
  {
    name: 'another group key starts its own investigation',
    steps: [
      ['a', 0, 'firing', 'g1'],
      ['b', 1, 'firing', 'g2'],
    ],
    outcomes: ['new', 'new'],
    jobs: ['investigate', 'investigate'],
    investigations: 2,
  },
  {
    name: 'a grouped alert firing again is a duplicate',
    steps: [
      ['a', 0],
      ['b', 1_000],
      ['b', 2_000],
    ],
    outcomes: ['new', 'grouped', 'duplicate'],
    jobs: ['investigate'],
    investigations: 1,
  },
  {
    name: 'a resolve of an unknown fingerprint is ignored',
    steps: [['a', 0, 'resolved']],
    outcomes: ['ignored'],
    jobs: [],
    investigations: 0,
  },
  {
    name: 'resolving the only alert queues one resolve job',
    steps: [
      ['a', 0],
      ['a', 5_000, 'resolved'],
    ],
    outcomes: ['new', 'resolved:all'],
    jobs: ['investigate', 'resolve'],
    investigations: 1,
  },
  {
    name: 'a second resolve is ignored',
    steps: [
      ['a', 0],
      ['a', 5_000, 'resolved'],
      ['a', 6_000, 'resolved'],
    ],
    outcomes: ['new', 'resolved:all', 'ignored'],
    jobs: ['investigate', 'resolve'],
    investigations: 1,
  },
  {
    name: 'firing after a resolve is a new episode',
    steps: [
      ['a', 0],
      ['a', 5_000, 'resolved'],
      ['a', 6_000],
    ],
    outcomes: ['new', 'resolved:all', 'new'],
    jobs: ['investigate', 'investigate', 'resolve'],
    investigations: 2,
  },
  {
    name: 'an investigation resolves when its last alert does',
    steps: [
      ['a', 0],
      ['b', 1_000],
      ['a', 5_000, 'resolved'],
      ['b', 6_000, 'resolved'],
    ],
    outcomes: ['new', 'grouped', 'resolved:some', 'resolved:all'],
    jobs: ['investigate', 'resolve'],
    investigations: 1,
  },
  {
    name: 'a resolved investigation takes no new alerts of its group',
    steps: [
      ['a', 0],
      ['a', 1_000, 'resolved'],
      ['b', 2_000],
    ],
    outcomes: ['new', 'resolved:all', 'new'],
    jobs: ['investigate', 'investigate', 'resolve'],
    investigations: 2,
  },
];
