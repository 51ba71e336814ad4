/**
 * Notifiers post an investigation's brief where responders are, then follow-ups and the resolve in
 * the same thread. A notifier never decides whether to post: intake and the queue make sure each
 * investigation is posted once; the notifier reports where it went so the thread can be reused,
 * and, where it can read the channel back, finds a brief whose post a crash interrupted.
 */
import type { Report } from '../core/index.js';

export interface Thread {
  channel: string;
  /** Slack's message timestamp of the brief; follow-ups reply to it. */
  ts: string;
}

export interface BriefMessage {
  investigationId: string;
  report: Report;
  /** Link to the investigation (JSON API or page), when the server has a public URL. */
  url?: string;
  /** Alerts folded into the investigation, for the brief's context line. */
  alerts: { name: string; service: string; severity: string; startsAt: number }[];
  /**
   * An earlier attempt to post this brief was interrupted (a crash, a failed request) and the
   * notifier could not check whether it went out: the brief says it may be a repeat.
   */
  possibleRepeat?: boolean;
}

export interface Notifier {
  readonly name: string;
  /** Posts the brief; returns its thread when the channel has threads (Slack Web API). */
  postBrief(message: BriefMessage, signal?: AbortSignal): Promise<Thread | undefined>;
  /**
   * Looks for the investigation's brief where briefs are posted, among messages from `since`
   * (epoch ms, when the first attempt to post set out; implementations allow for clock skew) on.
   * Resolves its thread, or undefined when the whole range was read and the brief is not there.
   * Rejects when it cannot tell: a NightshiftError with code BAD_INPUT when configuration rules
   * the lookup out (Slack: the token lacks the history scope), any other error when it may work
   * later (network, rate limit). Notifiers that cannot read back (webhooks, stdout) omit it.
   */
  findBrief?(investigationId: string, since: number, signal?: AbortSignal): Promise<Thread | undefined>;
  /**
   * A reply in the brief's thread (a new alert joined, the investigation failed, …). Without a
   * thread it is a message of its own that names the investigation. `text` is plain text.
   */
  postFollowUp(
    thread: Thread | undefined,
    followUp: { investigationId: string; text: string },
    signal?: AbortSignal,
  ): Promise<void>;
  /** Every alert of the investigation resolved: says so in the thread. */
  postResolved(
    thread: Thread | undefined,
    resolved: { investigationId: string; resolvedAt: number; durationMs: number },
    signal?: AbortSignal,
  ): Promise<void>;
}
