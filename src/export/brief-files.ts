/**
 * The brief's files: the alert, the report as JSON and as markdown, the message as the notifier
 * posts it, the proposed actions with their safety rank, and the postmortem draft. Each is made by
 * the code that makes it for responders, so an export shows exactly what they saw.
 */
import { stringify } from 'yaml';
import { ACTION_KINDS, type Alert, type Report } from '../core/index.js';
import { draftPostmortem, renderPostmortemMarkdown } from '../investigate/postmortem/index.js';
import {
  renderMarkdown,
  type SlackBlock,
  type SlackText,
  sortedActions,
} from '../investigate/render/index.js';
import { slackBrief } from '../notify/index.js';
import { type ExportFile, jsonText } from './file.js';
import type { AlertRef } from './sources.js';

/** Every proposed action waits for a person: Nightshift never acts on its own. */
export const APPROVAL_STATE = 'requires approval, not approved';

export interface BriefInput {
  id: string;
  alert: Alert;
  alerts: AlertRef[];
  report: Report;
}

export function briefFiles(input: BriefInput): ExportFile[] {
  const { alert, report } = input;
  return [
    {
      path: 'alert.json',
      text: jsonText(alert),
      about: 'the alert the investigation started from (the first of its group to fire)',
      code: ['src/core/schema.ts (alertSchema)', 'src/intake/ (webhooks → alerts)'],
    },
    {
      path: 'message.md',
      text: messageMarkdown(input),
      about: 'the brief as the notifier posts it: the Slack message, block by block, in Slack mrkdwn',
      code: ['src/notify/slack-brief.ts (slackBrief)', 'src/investigate/render/slack.ts (renderSlackBlocks)'],
    },
    {
      path: 'report.json',
      text: jsonText(report),
      about: 'the final report: root cause, confidence, evidence, alternatives, actions',
      code: ['src/core/report-schema.ts'],
    },
    {
      path: 'response.md',
      text: renderMarkdown(report),
      about: 'the report as markdown (the report.md of `nightshift investigate --out`)',
      code: ['src/investigate/render/markdown.ts (renderMarkdown)'],
    },
    {
      path: 'actions.yaml',
      text: actionsYaml(report),
      about: `the proposed actions, safest first, each with its safety rank and its approval state (${APPROVAL_STATE})`,
      code: [
        'src/core/report-schema.ts (ACTION_KINDS: the safety order)',
        'src/investigate/brains/builtin/actions.ts',
      ],
    },
    {
      path: 'postmortem.md',
      text: renderPostmortemMarkdown(draftPostmortem(report, alert)),
      about: 'the postmortem draft made from the report and the alert',
      code: ['src/investigate/postmortem/draft.ts', 'src/investigate/postmortem/markdown.ts'],
    },
  ];
}

/**
 * The Slack message as text: the fallback `text` Slack shows in notifications, then each block's
 * text in order (a header as a heading, sections and context lines as their mrkdwn, a divider as
 * `---`), exactly the strings the notifier sends.
 */
function messageMarkdown(input: BriefInput): string {
  const { text, blocks } = slackBrief({
    investigationId: input.id,
    report: input.report,
    alerts: input.alerts,
  });
  const body = blocks.flatMap((block) => [...blockText(block), '']);
  return [
    '# The brief as posted',
    '',
    'Slack mrkdwn, block by block, as `slackBrief` (src/notify/slack-brief.ts) builds it for the Slack notifiers.',
    '',
    `Notification text: ${text}`,
    '',
    '---',
    '',
    ...body,
  ].join('\n');
}

function blockText(block: SlackBlock): string[] {
  switch (block.type) {
    case 'header':
      return [`## ${block.text.text}`];
    case 'section':
      return [textOf(block.text)];
    case 'context':
      return block.elements.map(textOf);
    case 'divider':
      return ['---'];
  }
}

function textOf(t: SlackText): string {
  return t.text;
}

/** A YAML list of the actions, safest first, with a comment saying what the rank means. */
function actionsYaml(report: Report): string {
  const actions = sortedActions(report.actions).map((a) => ({
    rank: ACTION_KINDS.indexOf(a.kind) + 1,
    kind: a.kind,
    title: a.title,
    ...(a.command === undefined ? {} : { command: a.command }),
    rationale: a.rationale,
    approval: APPROVAL_STATE,
  }));
  return [
    '# Proposed actions, safest first. rank: the position of kind in the safety order',
    `# ${ACTION_KINDS.map((k, i) => `${i + 1} ${k}`).join(', ')} (ACTION_KINDS, src/core/report-schema.ts).`,
    '# Nothing here was run: every action waits for a person to approve it.',
    stringify({ actions }, { lineWidth: 0 }),
  ].join('\n');
}
