/**
 * The brief as Slack Block Kit, for the alert's thread. The first blocks carry what must survive
 * any cut: the root cause, its confidence and reason, and what was not checked. Evidence and
 * lists are cut to fit with "… N more"; an action's command is shown whole or not at all (a cut
 * command is a wrong command). Every text from outside (the alert, logs, tools, the model) has
 * control and bidi characters stripped and is either set in code (data to copy exactly) or
 * rendered literally with its formatting characters replaced (prose), so it cannot mention
 * @channel, link, format or reorder; the plain `text` fallback (notifications, screen readers) is
 * always set and made safe the same way (slack-blocks.ts).
 */
import { NightshiftError, type Report } from '../../core/index.js';
import {
  APPROVAL_NOTE,
  categoryWords,
  impactLine,
  notCheckedText,
  sortedActions,
  strongestFirst,
} from './sections.js';
import {
  capBlocks,
  clip,
  fitText,
  listSection,
  mrkdwn,
  mrkdwnSection,
  SLACK_LIMITS,
  type SlackBlock,
  type SlackText,
  slackCode,
  slackEscape,
  slackPlain,
  slackProse,
} from './slack-blocks.js';

/** Actions shown as their own sections; more than this is a list to read in the full report. */
export const SLACK_MAX_ACTIONS = 8;
/** Per-item caps keep one huge log line from crowding out the other evidence. */
const SUMMARY_CHARS = 240;
const QUERY_CHARS = 160;
const RATIONALE_CHARS = 600;
/** Room left for a command in an action's section after its title and rationale. */
const COMMAND_CHARS = 1800;

export interface SlackOptions {
  /** Link to the investigation's page; must be http(s). */
  investigationUrl?: string;
}

/** Renders the report as a Slack message within Slack's limits. */
export function renderSlackBlocks(
  report: Report,
  options: SlackOptions = {},
): { text: string; blocks: SlackBlock[] } {
  const r = report.rootCause;
  // The service is cut first so the category and confidence always fit in the header.
  const title = `Likely root cause: ${clip(r.service, 60)}: ${categoryWords(r.category)} (${r.confidence} confidence)`;
  const notChecked = report.missingSources.map((m) => m.source).join(', ');
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(slackPlain(title), SLACK_LIMITS.headerChars) } },
    listSection(
      [
        `*Confidence ${r.confidence}:* ${slackProse(r.confidenceReason, 1000)}`,
        ...(report.missingSources.length > 0
          ? [':warning: *Not checked*, so the confidence does not account for:']
          : []),
      ].join('\n'),
      report.missingSources.map((m) => `• ${slackProse(notCheckedText(m), 200)}`),
      'sources not checked',
    ),
    mrkdwnSection(
      [
        slackProse(report.summary, 1000),
        `*Impact:* ${slackProse(impactLine(report), 500)}`,
        `*Why:* ${slackProse(r.description, 1000)}`,
        ...(r.changeId ? [`*Causing change:* ${slackCode(r.changeId, 200)}`] : []),
      ].join('\n'),
    ),
  ];
  if (report.evidence.length > 0) {
    const items = strongestFirst(report.evidence).map((e) => {
      const query = e.source.query ? ` ${slackCode(e.source.query, QUERY_CHARS)}` : '';
      return `• ${slackCode(e.summary, SUMMARY_CHARS)} _from_ ${slackCode(e.source.tool, 60)}${query}`;
    });
    blocks.push(listSection('*Evidence* (strongest first)', items, 'evidence items'));
  }
  if (report.alternatives.length > 0) {
    const items = report.alternatives.map(
      (h) => `• ${slackProse(h.service, 100)}: ${categoryWords(h.category)} (score ${h.score.toFixed(2)})`,
    );
    blocks.push(listSection('*Alternatives*', items, 'alternatives'));
  }
  blocks.push(...actionBlocks(report), ...contextBlocks(report, options));
  const fallback = `${title}.${notChecked ? ` Not checked: ${clip(notChecked, 500)}.` : ''} ${report.summary}`;
  return {
    text: fitText(slackProse(fallback, 2000), SLACK_LIMITS.sectionChars),
    blocks: capBlocks(blocks),
  };
}

function actionBlocks(report: Report): SlackBlock[] {
  const actions = sortedActions(report.actions);
  if (actions.length === 0) return [];
  const blocks: SlackBlock[] = [{ type: 'divider' }, mrkdwnSection('*Next actions* (safest first)')];
  for (const [i, a] of actions.slice(0, SLACK_MAX_ACTIONS).entries()) {
    blocks.push(
      mrkdwnSection(
        [
          `${i + 1}. *${a.kind}*: ${slackProse(a.title, 200)} _(${APPROVAL_NOTE})_`,
          slackProse(a.rationale, RATIONALE_CHARS),
          ...(a.command ? [commandText(a.command)] : []),
        ].join('\n'),
      ),
    );
  }
  const rest = actions.length - SLACK_MAX_ACTIONS;
  if (rest > 0) blocks.push(contextText(`… ${rest} more actions in the full report`));
  return blocks;
}

/** A command whole in a code block, or a pointer to the full report: never a cut command. */
function commandText(command: string): string {
  // A backtick next to the fence would run into it; inside, single backticks are shown as typed.
  const escaped = slackEscape(command).replaceAll('```', 'ˋˋˋ').replace(/^`|`$/g, 'ˋ');
  return escaped.length <= COMMAND_CHARS
    ? `\`\`\`${escaped}\`\`\``
    : '_command too long for Slack: copy it from the full report_';
}

function contextBlocks(report: Report, options: SlackOptions): SlackBlock[] {
  const elements: SlackText[] = [];
  if (report.similarIncidents.length > 0) {
    const similar = report.similarIncidents.map(
      (s) => `${slackCode(s.id, 80)} ${slackProse(s.title, 200)} (score ${s.score.toFixed(2)})`,
    );
    elements.push(
      mrkdwn(fitText(['Similar past incidents:', ...similar].join('\n'), 2000, 'similar incidents')),
    );
  }
  if (options.investigationUrl)
    elements.push(mrkdwn(`<${linkTarget(options.investigationUrl)}|Full investigation and trace>`));
  return elements.length > 0 ? [{ type: 'context', elements }] : [];
}

function contextText(text: string): SlackBlock {
  return { type: 'context', elements: [mrkdwn(text)] };
}

/** A URL safe inside `<url|label>`: http(s) only, and the characters that end the link encoded. */
function linkTarget(url: string): string {
  if (!/^https?:\/\/[^\s]+$/.test(url))
    throw new NightshiftError(
      'BAD_INPUT',
      `investigation URL must be an http(s) URL, got ${JSON.stringify(url)}`,
      {
        hint: 'set the server URL in nightshift.yaml to something like https://nightshift.example.com',
      },
    );
  return url.replaceAll('|', '%7C').replaceAll('<', '%3C').replaceAll('>', '%3E');
}
