/**
 * Text from alerts, reports, logs and models cannot format, mention, link or reorder anything in
 * Slack, through the whole brief: slackBrief, follow-ups, the resolve, and what the stand-in
 * recorded from the real client. Each attack is set between sentinels in every text field; every
 * place it comes out is checked the way Slack would read it there (in a code span or as prose).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { checkoutBadDeploy } from '../../testing/investigate/reports.js';
import {
  type SlackStandIn,
  STAND_IN_CHANNEL,
  STAND_IN_TOKEN,
  startSlackStandIn,
} from '../../testing/notify/slack-stand-in.js';
import type { Report } from '../core/index.js';
import { createSlackNotifier } from './slack.js';
import { messageText, resolvedText, slackBrief, standalone } from './slack-brief.js';
import type { BriefMessage } from './types.js';

const ATTACKS = [
  { name: 'bold', attack: '*bold*' },
  { name: 'italic', attack: '_x_' },
  { name: 'strike', attack: '~x~' },
  { name: 'code', attack: '`x`' },
  { name: 'code block', attack: '```x```' },
  { name: 'block quote', attack: '\n> quoted' },
  { name: '@channel', attack: '<!channel>' },
  { name: 'user mention', attack: '<@U123>' },
  { name: 'link', attack: '<http://evil|click>' },
  { name: 'entity', attack: '&lt;!here&gt;' },
  { name: 'NUL', attack: 'a\u0000b' },
  { name: 'ANSI escape', attack: '\u001b[31mred' },
  { name: 'C1 control', attack: 'a\u0085\u009bb' },
  { name: 'right-to-left override', attack: 'abc\u202efed' },
  { name: 'isolates and marks', attack: 'a\u2066b\u2069c\u200ed\u200fe\u061cf' },
];

const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const UNSAFE_BUT_LINES = /(?![\n\t])[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const mark = (attack: string) => `ZZ${attack}ZZ`;
const escaped = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
/** The letters and digits of text as Slack shows it: entities decoded, so both sides compare. */
const letters = (text: string) =>
  text
    .replace(/&lt;|&gt;/g, '')
    .replaceAll('&amp;', '&')
    .replace(/[^a-z0-9]/gi, '');

/** Every string a responder could see from the report, attacked. */
function attackedReport(attack: string): Report {
  const r = checkoutBadDeploy;
  const m = mark(attack);
  return {
    ...r,
    summary: m,
    impact: { ...r.impact, services: [m] },
    rootCause: { ...r.rootCause, service: m, description: m, confidenceReason: m, changeId: m },
    alternatives: r.alternatives.map((h) => ({ ...h, service: m })),
    evidence: r.evidence.map((e) => ({ ...e, summary: m, source: { ...e.source, tool: m, query: m } })),
    actions: r.actions.map((a) => ({ ...a, title: m, rationale: m, command: m })),
    similarIncidents: r.similarIncidents.map((s) => ({ ...s, id: m, title: m })),
    missingSources: [{ source: m, reason: m }],
  };
}

function attackedBrief(attack: string, possibleRepeat = false): BriefMessage {
  const m = mark(attack);
  return {
    investigationId: m,
    report: attackedReport(attack),
    alerts: [{ name: m, service: m, severity: m, startsAt: Date.parse('2026-03-09T14:42:00Z') }],
    ...(possibleRepeat && { possibleRepeat }),
  };
}

interface Text {
  kind: 'mrkdwn' | 'plain_text';
  text: string;
}

/** The text objects of a message's blocks (header, sections, context elements) and its `text`. */
function textsOf(message: { text?: unknown; blocks?: unknown }): Text[] {
  const texts: Text[] = typeof message.text === 'string' ? [{ kind: 'mrkdwn', text: message.text }] : [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const o = value as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string')
        texts.push({ kind: o.type, text: o.text });
      else Object.values(o).forEach(visit);
    }
  };
  visit(message.blocks);
  return texts;
}

/**
 * What would not render literally in Slack, for each place the attack came out: returns the
 * problems and how many complete occurrences were checked.
 */
function problemsIn(texts: Text[], attack: string): { problems: string[]; occurrences: number } {
  const problems: string[] = [];
  let occurrences = 0;
  for (const { kind, text } of texts) {
    if (kind === 'plain_text' ? UNSAFE.test(text) : UNSAFE_BUT_LINES.test(text))
      problems.push(`unsafe character in ${JSON.stringify(text)}`);
    // plain_text (the header) is shown as written: Slack parses no mention, link or markup in it.
    if (kind === 'plain_text') continue;
    if (/<[!@#]|<https?:/.test(text)) problems.push(`mention or link in ${JSON.stringify(text)}`);
    for (const match of text.matchAll(/ZZ([\s\S]*?)ZZ/g)) {
      occurrences++;
      const shown = match[1] ?? '';
      // A ``` block (a command) shows single backticks as they are; only ``` would close it.
      const before = text.slice(0, match.index);
      const inBlock = (before.match(/```/g)?.length ?? 0) % 2 === 1;
      const inCode = inBlock || (before.replaceAll('```', '').match(/`/g)?.length ?? 0) % 2 === 1;
      const where = `${JSON.stringify(shown)} (${inCode ? 'code' : 'prose'}) in ${JSON.stringify(text)}`;
      if (/[<>]/.test(shown)) problems.push(`raw < or > ${where}`);
      const closes = inBlock ? /```/ : inCode ? /`/ : /[*_~`]/;
      if (closes.test(shown)) problems.push(`formatting character ${where}`);
      const lineStart = text.slice(0, match.index).endsWith('\n') || /\n\s*&gt;/.test(shown);
      if (!inCode && lineStart && /^\s*&gt;/.test(shown)) problems.push(`block quote ${where}`);
      if (!inCode && /\n\s*&gt;/.test(shown)) problems.push(`block quote ${where}`);
      if (letters(shown) !== letters(escaped(attack))) problems.push(`text lost or changed ${where}`);
    }
  }
  return { problems, occurrences };
}

describe.each(ATTACKS)('Slack text renders literally: $name', ({ attack }) => {
  test.each([false, true])('slackBrief (possible repeat: %s)', (possibleRepeat) => {
    const { problems, occurrences } = problemsIn(
      textsOf(slackBrief(attackedBrief(attack, possibleRepeat))),
      attack,
    );
    expect(problems).toEqual([]);
    // Every field comes out at least once (the header is plain text and not counted).
    expect(occurrences).toBeGreaterThanOrEqual(20);
  });

  test('follow-up, standalone follow-up and resolve text', () => {
    const followUp = messageText(`Also firing: ${mark(attack)} on checkout`);
    const texts: Text[] = [
      { kind: 'mrkdwn', text: followUp },
      { kind: 'mrkdwn', text: standalone(mark(attack), followUp) },
      {
        kind: 'mrkdwn',
        text: resolvedText({ resolvedAt: Date.parse('2026-03-09T15:00:00Z'), durationMs: 60_000 }),
      },
    ];
    const { problems, occurrences } = problemsIn(texts, attack);
    expect(problems).toEqual([]);
    expect(occurrences).toBe(3);
  });
});

describe('through the Slack client to the stand-in', () => {
  let slack: SlackStandIn;
  beforeEach(async () => {
    slack = await startSlackStandIn();
  });
  afterEach(() => slack.close());

  test.each(ATTACKS)('what Slack received is literal: $name', async ({ attack }) => {
    const notifier = createSlackNotifier({
      token: STAND_IN_TOKEN,
      channel: STAND_IN_CHANNEL,
      slackApiUrl: slack.url,
      retries: 0,
      log: () => {},
    });
    const thread = await notifier.postBrief(attackedBrief(attack));
    await notifier.postFollowUp(thread, { investigationId: 'inv-1', text: mark(attack) });
    await notifier.postFollowUp(undefined, { investigationId: mark(attack), text: mark(attack) });
    expect(slack.calls.map((c) => (c.reply as { ok: boolean }).ok)).toEqual([true, true, true]);
    const texts = slack.calls.flatMap((c) => textsOf(c.body));
    const { problems, occurrences } = problemsIn(texts, attack);
    expect(problems).toEqual([]);
    expect(occurrences).toBeGreaterThanOrEqual(23);
  });
});
