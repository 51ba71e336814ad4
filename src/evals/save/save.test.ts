import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { plantedInvestigation } from '../../../testing/anonymise/planted-investigation.js';
import { checkoutBadDeploy } from '../../../testing/investigate/reports.js';
import { CONTEXT_ATTRIBUTE } from '../../investigate/index.js';
import type { SpanRecord, TraceRecord } from '../../tracing/index.js';
import { ATTR } from '../../tracing/index.js';
import { RECORDING_VERSION, type Recording } from '../recording/schema.js';
import { anonymiseCase } from './anonymise-case.js';
import { saveEvalCase } from './save.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-save-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const home = () => join(dir, 'home');
const noStore = async () => undefined;

/** Keeps `trace` (and the rest of the planted investigation) as `nightshift investigate` would. */
async function saveCliInvestigation(id: string, brain: string, trace: TraceRecord): Promise<void> {
  const p = plantedInvestigation();
  const folder = join(home(), 'investigations', id);
  await mkdir(folder, { recursive: true });
  const investigation = {
    id,
    incidentId: 'inc-1',
    alert: p.alert,
    brain,
    startedAt: p.alert.startsAt,
    elapsedMs: 1000,
    rounds: 1,
    notes: [],
    report: p.report,
    trace,
  };
  await writeFile(join(folder, 'investigation.json'), JSON.stringify(investigation));
}

describe('services in the anonymised case', () => {
  const recording: Recording = {
    version: RECORDING_VERSION,
    alert: {
      name: 'HighErrorRate',
      service: 'checkout',
      severity: 'critical',
      startsAt: 1,
      labels: {},
      annotations: {},
    },
    context: {
      onset: 1,
      onsetFrom: 'telemetry',
      incidentEnd: 2,
      services: { checkout: ['globex-billing', 'db.acme.com'], 'globex-billing': [], 'db.acme.com': [] },
      changeIds: [],
    },
    baseline: {
      ...checkoutBadDeploy,
      rootCause: {
        ...checkoutBadDeploy.rootCause,
        service: 'globex-billing',
        description: 'globex-billing failed',
      },
    },
    toolCalls: [
      { tool: 'search_logs', input: { service: 'globex-billing' }, result: { lines: ['db.acme.com down'] } },
    ],
    modelCalls: [],
  };

  test('a service named by the list (or a host) gets one token in the map, the report, the tools and the expectation', () => {
    const out = anonymiseCase({ recording, expectedService: 'globex-billing', names: ['globex-billing'] });
    expect(out.expectedService).toMatch(/^name-\d+$/);
    const host = out.recording.context.services.checkout?.[1];
    expect(host).toMatch(/^host-\d+\.example\.internal$/);
    expect(out.recording.context.services).toEqual({
      checkout: [out.expectedService, host],
      [out.expectedService]: [],
      [host as string]: [],
    });
    expect(out.recording.baseline.rootCause.service).toBe(out.expectedService);
    expect(out.recording.baseline.rootCause.description).toBe(`${out.expectedService} failed`);
    expect(out.recording.toolCalls[0]).toEqual({
      tool: 'search_logs',
      input: { service: out.expectedService },
      result: { lines: [`${host} down`] },
    });
    expect(out.recording.alert.service).toBe('checkout');
  });

  test('services that identify nobody are kept as they are', () => {
    const out = anonymiseCase({ recording, expectedService: 'globex-billing', names: [] });
    expect(out.expectedService).toBe('globex-billing');
    expect(Object.keys(out.recording.context.services)).toEqual([
      'checkout',
      'globex-billing',
      expect.stringMatching(/^host-/),
    ]);
  });
});

describe('saveEvalCase', () => {
  const p = plantedInvestigation();

  test('a trace without recorded context is refused, saying the investigation predates it', async () => {
    const old = { ...p.trace, spans: p.trace.spans.filter((s) => !(CONTEXT_ATTRIBUTE in s.attributes)) };
    await saveCliInvestigation('inv-old', 'builtin', old);
    await expect(
      saveEvalCase({
        ref: 'inv-old',
        suite: join(dir, 's.eval.yaml'),
        names: [],
        yes: true,
        home: home(),
        openStore: noStore,
      }),
    ).rejects.toThrow(/predates recorded context/);
  });

  test('without --yes nothing is written; the name comes from the alert and date', async () => {
    await saveCliInvestigation('inv-1', 'builtin', p.trace);
    const suite = join(dir, 'new.eval.yaml');
    const result = await saveEvalCase({
      ref: 'inv-1',
      suite,
      names: [],
      yes: false,
      home: home(),
      openStore: noStore,
    });
    expect(result.written).toBe(false);
    await expect(stat(suite)).rejects.toThrow(/ENOENT/);
    expect(result.case.name).toBe('higherrorrate-2026-03-09');
    // No feedback in a CLI-saved investigation: the report's root cause, unconfirmed.
    expect(result.case.tags).toEqual(['saved', 'unconfirmed']);
    expect(result.case.assert[0]).toEqual({ type: 'root-cause', value: { service: 'checkout' } });
    expect(result.case.description).toMatch(/no model responses are recorded/);
  });

  test('an LLM investigation uses the built-in report kept on the baseline span, else says it used the final one', async () => {
    await saveCliInvestigation('inv-llm', 'llm', p.trace);
    const args = { suite: join(dir, 's.eval.yaml'), names: [], yes: false, home: home(), openStore: noStore };
    const final = await saveEvalCase({ ref: 'inv-llm', ...args });
    expect(final.notes.join()).toMatch(/llm brain's final report/);
    const draft = { ...p.report, summary: 'the built-in draft' };
    const span: SpanRecord = {
      id: 'baseline',
      parentId: 'root',
      name: 'baseline: built-in brain',
      kind: 'agent',
      startMs: 0,
      endMs: 1,
      status: 'ok',
      attributes: { [ATTR.baselineReport]: JSON.stringify(draft) },
    };
    const withDraft = { ...p.trace, spans: [...p.trace.spans, span] };
    await saveCliInvestigation('inv-llm2', 'llm', withDraft);
    const kept = await saveEvalCase({ ref: 'inv-llm2', ...args });
    const recording = kept.case.input.recording as Recording;
    expect(recording.baseline.summary).toBe('the built-in draft');
  });

  test('an export folder: its recording, and the expectation from the feedback in metadata.json', async () => {
    await saveCliInvestigation('inv-2', 'builtin', p.trace);
    const first = await saveEvalCase({
      ref: 'inv-2',
      suite: join(dir, 'x.eval.yaml'),
      names: [],
      yes: false,
      home: home(),
      openStore: noStore,
    });
    const folder = join(dir, 'export');
    await mkdir(folder);
    await writeFile(join(folder, 'recording.json'), JSON.stringify(first.case.input.recording));
    await writeFile(
      join(folder, 'metadata.json'),
      JSON.stringify({
        investigationId: 'inv-2',
        feedback: [{ grade: 'wrong', rootCause: 'payments-db ran dry', category: 'database', at: 5 }],
      }),
    );
    const result = await saveEvalCase({
      ref: folder,
      suite: join(dir, 'x.eval.yaml'),
      names: [],
      yes: false,
      home: home(),
      openStore: noStore,
    });
    expect(result.case.assert[0]).toEqual({
      type: 'root-cause',
      value: { service: 'payments-db', category: 'database' },
    });
    expect(result.case.tags).toEqual(['saved']);
  });

  test('an unknown reference says where it looked', async () => {
    await expect(
      saveEvalCase({
        ref: 'nope',
        suite: join(dir, 's.eval.yaml'),
        names: [],
        yes: false,
        home: home(),
        openStore: noStore,
      }),
    ).rejects.toThrow(
      /no investigation "nope": not an export folder, not in .*investigations, and no store is configured/,
    );
  });

  test('a new suite is created with its header and target; a second save gets a unique name', async () => {
    await saveCliInvestigation('inv-3', 'builtin', p.trace);
    const suite = join(dir, 'made.eval.yaml');
    const args = { ref: 'inv-3', suite, names: [], home: home(), openStore: noStore };
    const made = await saveEvalCase({ ...args, yes: true });
    expect(made.created).toBe(true);
    const text = await readFile(suite, 'utf8');
    expect(text).toMatch(/^# Cases saved from real investigations/);
    expect(text).toContain('target:\n  type: investigation\n  brain: llm\n');
    const again = await saveEvalCase({ ...args, yes: false });
    expect(again.case.name).toBe('higherrorrate-2026-03-09-2');
    await expect(saveEvalCase({ ...args, yes: false, name: made.case.name })).rejects.toThrow(
      /already has a case named/,
    );
  });
});
