/**
 * The page a person opens from the brief's "full investigation" link: one self-contained HTML
 * document, readable on a phone at 3 AM and in dark mode. No script, no external resource and no
 * inline handler, so it renders under `Content-Security-Policy: default-src 'none'; style-src
 * 'unsafe-inline'`. Pure: all it shows comes in its input.
 *
 * The report's content and order come from investigate/render/sections.ts, as in every other
 * renderer. Every interpolated value goes through the `html` tag, which escapes it and removes
 * control and bidirectional formatting characters, so text from alerts, logs and models is shown,
 * never interpreted.
 */
import { formatDuration, type Report, reportSchema, toIso } from '../core/index.js';
import {
  APPROVAL_NOTE,
  categoryWords,
  headline,
  impactLine,
  notCheckedText,
  sortedActions,
  sourceText,
  strongestFirst,
  withoutUnsafe,
} from '../investigate/render/index.js';
import type { Feedback, InvestigationRow, StoredAlert } from '../store/index.js';

/** What the page shows; `GET /investigations/:id` reads it from the store. */
export interface ReportPageInput {
  investigation: InvestigationRow;
  alerts: StoredAlert[];
  feedback: Feedback[];
  /** The stored report; checked against the report schema, since it was stored as JSON. */
  report?: Report;
  /** When the page is rendered, for "12 min ago"; without it, times are given from the opening. */
  now?: number;
}

/** Markup that is already safe; anything else put in an `html` template is escaped. */
class Html {
  constructor(readonly markup: string) {}
}

type Part = Html | string | number | undefined | false | readonly Part[];

/** A template whose every value is escaped unless it is `Html`; arrays join, undefined and false vanish. */
function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? markup(values[i]) : ''), ''));
}

function markup(part: Part): string {
  if (part === undefined || part === false) return '';
  if (part instanceof Html) return part.markup;
  if (Array.isArray(part)) return part.map(markup).join('');
  return escapeText(String(part));
}

/**
 * Controls and bidi overrides become U+FFFD (visible: something was there, "Trojan Source" text
 * cannot reorder what is read); then the five characters that matter in text and attributes.
 */
function escapeText(text: string): string {
  return withoutUnsafe(text, { keepLines: true, replacement: '\uFFFD' }).replace(
    /[&<>"']/g,
    (c) => `&#${c.charCodeAt(0)};`,
  );
}

/** Renders the whole page: a complete HTML document. */
export function renderReportPage(input: ReportPageInput): string {
  const inv = input.investigation;
  const clock = { now: input.now, openedAt: inv.createdAt };
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${inv.title} · ${inv.status} · Nightshift</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<main>
${header(input, clock)}
${body(input, clock)}
${alertsSection(input.alerts, clock)}
${feedbackSection(input.feedback, clock)}
</main>
<footer>Investigation <code>${inv.id}</code> · group <code>${inv.groupKey}</code><br>
Nightshift proposes; a person decides and runs every action.</footer>
</body>
</html>
`;
  return page.markup;
}

interface Clock {
  now: number | undefined;
  openedAt: number;
}

/** `2026-03-09T14:47:00Z (12 min ago)`, or `(40 s after it opened)` when no `now` is given. */
function time(at: number, clock: Clock): Html {
  const iso = toIso(at).replace('.000Z', 'Z');
  return html`<time datetime="${iso}">${iso}</time> <span class="rel">(${relative(at, clock)})</span>`;
}

function relative(at: number, clock: Clock): string {
  if (clock.now !== undefined) {
    const ago = clock.now - at;
    if (Math.abs(ago) < 1000) return 'just now';
    return ago > 0 ? `${formatDuration(ago)} ago` : `in ${formatDuration(-ago)}`;
  }
  const after = at - clock.openedAt;
  if (after === 0) return 'when it opened';
  return `${formatDuration(Math.abs(after))} ${after > 0 ? 'after' : 'before'} it opened`;
}

function header(input: ReportPageInput, clock: Clock): Html {
  const inv = input.investigation;
  const firstAlert = Math.min(...input.alerts.map((a) => a.startsAt));
  const times: [string, number | undefined][] = [
    ['Alert fired', Number.isFinite(firstAlert) ? firstAlert : undefined],
    ['Opened', inv.createdAt],
    ['Started', inv.startedAt],
    ['Finished', inv.finishedAt],
    ['Brief posted', inv.firstBriefAt],
    ['Resolved', inv.resolvedAt],
  ];
  return html`<header>
<p class="meta"><span class="badge status-${inv.status}">${inv.status}</span>
<span>service <strong>${inv.service}</strong></span> <span>severity <strong>${inv.severity}</strong></span>
${inv.brain !== undefined && html`<span>brain <strong>${inv.brain}</strong></span>`}</p>
<h1>${inv.title}</h1>
<dl class="times">${times.map(([label, at]) => at !== undefined && html`<dt>${label}</dt><dd>${time(at, clock)}</dd>`)}</dl>
</header>`;
}

/** The report, or what stands in its place while there is none. */
function body(input: ReportPageInput, clock: Clock): Html {
  const inv = input.investigation;
  const reload = 'There is no report yet; reload this page in a minute.';
  switch (inv.status) {
    case 'queued':
      return notice('pending', 'Queued', `The investigation has not started. ${reload}`);
    case 'running':
      return notice(
        'pending',
        'Running',
        html`Started ${inv.startedAt === undefined ? 'just now' : time(inv.startedAt, clock)}. ${reload}`,
      );
    case 'failed':
      return notice(
        'failed',
        `Failed after ${inv.attempts} ${inv.attempts === 1 ? 'attempt' : 'attempts'}`,
        html`<span class="pre">${inv.error ?? 'no error was recorded'}</span><br>No report: check the alerts below and the service's dashboards by hand.`,
      );
    case 'done': {
      const parsed = reportSchema.safeParse(input.report);
      if (parsed.success) return reportSections(parsed.data);
      const why =
        input.report === undefined ? 'no report was stored' : 'the stored report does not read as one';
      return notice('failed', 'No report', `The investigation finished, but ${why}.`);
    }
  }
}

function notice(kind: 'pending' | 'failed', title: string, text: Html | string): Html {
  return html`<section class="notice ${kind}" role="status"><h2>${title}</h2><p>${text}</p></section>`;
}

function reportSections(report: Report): Html {
  const r = report.rootCause;
  const actions = sortedActions(report.actions);
  return html`<section class="card cause">
<p class="label">Root cause</p>
<h2>${headline(report)}</h2>
<p class="pre">${r.description}</p>
<dl>
<dt>Confidence</dt><dd><span class="badge conf-${r.confidence}">${r.confidence}</span> ${r.confidenceReason}</dd>
<dt>Category</dt><dd>${categoryWords(r.category)}</dd>
${r.changeId !== undefined && html`<dt>Causing change</dt><dd><code>${r.changeId}</code></dd>`}
<dt>Impact</dt><dd>${impactLine(report)}</dd>
</dl>
</section>
${
  report.missingSources.length > 0 &&
  html`<section class="notice warn"><h2>Not checked</h2><p>The confidence above does not account for:</p>
<ul>${report.missingSources.map((m) => html`<li>${notCheckedText(m)}</li>`)}</ul></section>`
}
<section><h2>Summary</h2><p class="pre">${report.summary}</p></section>
${
  report.evidence.length > 0 &&
  html`<section><h2>Evidence <small>strongest first</small></h2><ol>${strongestFirst(report.evidence).map(
    (e) => html`<li><span class="data">${e.summary}</span>
<span class="sub">${e.kind}${e.service !== undefined && ` · ${e.service}`} · strength ${e.strength.toFixed(2)} · from <code>${sourceText(e.source)}</code></span></li>`,
  )}</ol></section>`
}
${
  actions.length > 0 &&
  html`<section><h2>Next actions <small>safest first, each ${APPROVAL_NOTE}</small></h2><ol>${actions.map(
    (
      a,
    ) => html`<li><span class="badge">${a.kind.replaceAll('_', ' ')}</span> <strong>${a.title}</strong> <em>(${APPROVAL_NOTE})</em>
<span class="sub">${a.rationale}</span>${a.command !== undefined && html`<pre><code>${a.command}</code></pre>`}</li>`,
  )}</ol></section>`
}
${
  report.alternatives.length > 0 &&
  html`<section><h2>Alternatives considered</h2><ul>${report.alternatives.map(
    (h) => html`<li><strong>${h.service}</strong>: ${categoryWords(h.category)} (score ${h.score.toFixed(2)})
<span class="sub">against it: ${h.weaknesses.join('; ') || 'none found'}</span></li>`,
  )}</ul></section>`
}
${
  report.timeline.length > 0 &&
  html`<section><h2>Timeline <small>UTC</small></h2><ul class="timeline">${report.timeline.map(
    (t) =>
      html`<li><time datetime="${toIso(t.at)}">${toIso(t.at).replace('.000Z', 'Z')}</time> ${t.what}</li>`,
  )}</ul></section>`
}
${
  report.similarIncidents.length > 0 &&
  html`<section><h2>Similar past incidents</h2><ul>${report.similarIncidents.map(
    (s) =>
      html`<li><code>${s.id}</code> ${s.title} <span class="sub">score ${s.score.toFixed(2)}</span></li>`,
  )}</ul></section>`
}`;
}

function alertsSection(alerts: readonly StoredAlert[], clock: Clock): Html {
  return html`<section><h2>Alerts in this group <small>${alerts.length}</small></h2>${
    alerts.length === 0
      ? html`<p>No alert is stored for this investigation.</p>`
      : html`<ul class="alerts">${alerts.map(
          (
            a,
          ) => html`<li><strong>${a.name}</strong> <span class="badge status-${a.resolvedAt === undefined ? 'firing' : 'resolved'}">${a.resolvedAt === undefined ? 'firing' : 'resolved'}</span>
<span class="sub">${a.service} · ${a.severity} · via ${a.source} · ${a.deliveries} ${a.deliveries === 1 ? 'delivery' : 'deliveries'}</span>
${a.annotations.summary !== undefined && html`<span class="sub data">${a.annotations.summary}</span>`}
<span class="sub">started ${time(a.startsAt, clock)}${a.resolvedAt !== undefined && html`, resolved ${time(a.resolvedAt, clock)}`}</span></li>`,
        )}</ul>`
  }</section>`;
}

function feedbackSection(feedback: readonly Feedback[], clock: Clock): Html {
  return html`<section><h2>Feedback <small>${feedback.length}</small></h2>${
    feedback.length === 0
      ? html`<p>No one has graded this investigation yet.</p>`
      : html`<ul>${feedback.map(
          (f) => html`<li><span class="badge grade-${f.grade}">${f.grade.replaceAll('_', ' ')}</span>
${f.by !== undefined && html`by <strong>${f.by}</strong>`} <span class="sub">${time(f.at, clock)}</span>
${f.rootCause !== undefined && html`<span class="sub">real root cause: ${f.rootCause}</span>`}
${f.category !== undefined && html`<span class="sub">real category: ${categoryWords(f.category)}</span>`}</li>`,
        )}</ul>`
  }</section>`;
}

/** Light by default, dark when the reader's system is; no web font, so nothing is fetched. */
const STYLE = `
:root{--bg:#fbfbfa;--fg:#1d1f21;--muted:#5c6166;--card:#fff;--line:#d9dcdf;--code:#f1f2f3;
--ok:#1a7f37;--bad:#c62828;--warn:#9a6700;--info:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#111315;--fg:#e6e8ea;--muted:#9aa1a8;--card:#1a1d20;
--line:#30353a;--code:#23272b;--ok:#4ac26b;--bad:#ff7b72;--warn:#d29922;--info:#58a6ff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow-wrap:anywhere}
main,footer{max-width:52rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.25rem 0 .75rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
h2 small{font-weight:normal;color:var(--muted);font-size:.85rem;margin-left:.4rem}
.card h2,.notice h2{margin-top:0}
.card,.notice{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem;margin:1rem 0}
.cause{border-left:4px solid var(--info)}
.notice.pending{border-left:4px solid var(--info)}
.notice.failed{border-left:4px solid var(--bad)}
.notice.warn{border-left:4px solid var(--warn)}
.label{margin:0;color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.05em}
.meta{display:flex;flex-wrap:wrap;gap:.4rem 1rem;margin:0;color:var(--muted)}
.meta strong{color:var(--fg)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}
dt{color:var(--muted)}dd{margin:0}
@media (max-width:34rem){dl{grid-template-columns:1fr}dd{margin-bottom:.4rem}}
ol,ul{padding-left:1.4rem}li{margin:.5rem 0}
.sub{display:block;color:var(--muted);font-size:.9rem}
.rel{color:var(--muted);font-size:.9rem}
.pre,.data{white-space:pre-wrap}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88rem;background:var(--code);border-radius:4px}
code{padding:.05rem .3rem}
pre{padding:.6rem .75rem;white-space:pre-wrap;margin:.4rem 0}pre code{padding:0;background:none}
.badge{display:inline-block;padding:0 .5rem;border-radius:999px;border:1px solid currentColor;font-size:.8rem;font-weight:600;text-transform:uppercase;color:var(--muted)}
.status-done,.status-resolved,.conf-HIGH,.grade-correct{color:var(--ok)}
.status-failed,.status-firing,.conf-LOW,.grade-wrong{color:var(--bad)}
.status-running,.status-queued{color:var(--info)}
.conf-MEDIUM,.grade-partly_correct,.grade-wrong_but_useful{color:var(--warn)}
footer{color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
`;
