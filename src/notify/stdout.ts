/**
 * The brief as terminal text on a stream: for `nightshift serve` without Slack, and for watching
 * a local run. No threads: follow-ups and the resolve are lines that name the investigation.
 */
import { formatDuration, toIso } from '../core/index.js';
import { printable, renderTerminal } from '../investigate/render/index.js';
import type { Notifier } from './types.js';

export interface StdoutNotifierOptions {
  /** Where the text goes. Default process.stdout. */
  stream?: { write(text: string): unknown };
  /** ANSI colours. Default: when the stream is process.stdout on a TTY and NO_COLOR is unset. */
  color?: boolean;
  /** Wrap at this many columns. Default: the terminal's width, when there is one. */
  width?: number;
}

export function createStdoutNotifier(options: StdoutNotifierOptions = {}): Notifier {
  const stream = options.stream ?? process.stdout;
  const onTty = stream === process.stdout && process.stdout.isTTY;
  const color = options.color ?? (onTty && process.env.NO_COLOR === undefined);
  const width = options.width ?? (onTty ? process.stdout.columns : undefined);
  const line = (investigationId: string, text: string) =>
    stream.write(`[${printable(investigationId)}] ${printable(text)}\n`);

  return {
    name: 'stdout',
    async postBrief(message) {
      const alerts = message.alerts.map(
        (a) => `${a.name} on ${a.service} (${a.severity}) since ${toIso(a.startsAt).slice(11, 19)} UTC`,
      );
      const head = [
        `── Investigation ${message.investigationId} ──`,
        ...(alerts.length > 0 ? [`Alerts: ${alerts.join(', ')}`] : []),
        ...(message.url === undefined ? [] : [`Full investigation: ${message.url}`]),
        ...(message.possibleRepeat
          ? ['Possibly a repeat: an earlier attempt to print this brief was interrupted.']
          : []),
      ];
      const brief = renderTerminal(message.report, { color, ...(width === undefined ? {} : { width }) });
      stream.write(`${head.map(printable).join('\n')}\n\n${brief}\n`);
      return undefined;
    },
    async postFollowUp(_thread, followUp) {
      line(followUp.investigationId, followUp.text);
    },
    async postResolved(_thread, resolved) {
      line(
        resolved.investigationId,
        `resolved after ${formatDuration(resolved.durationMs)}: every alert cleared by ${toIso(resolved.resolvedAt).slice(11, 19)} UTC`,
      );
    },
  };
}
