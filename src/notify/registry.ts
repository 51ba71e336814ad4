/**
 * The notifiers, by kind. Each entry carries the settings it reads from nightshift.yaml (and the
 * section they live in), its factory, a description and what its credential exposes. The config
 * sections (today `slack:`), the notifier `nightshift serve` builds and `config check`'s line are
 * derived from this table: a new notifier is its file plus one `defineNotifier` entry here.
 *
 * Within a section the first entry whose required settings are all present is chosen, so under
 * `slack:` a bot token and channel win over `webhookUrl`; with no section set, the entry without
 * a section (stdout) is used.
 */
import { z } from 'zod';
import { NightshiftError } from '../core/index.js';
import { createSlackNotifier } from './slack.js';
import { createStdoutNotifier } from './stdout.js';
import type { Notifier } from './types.js';
import { createSlackWebhookNotifier } from './webhook.js';

/** What a notifier's configuration exposes, and what its channel can do. */
export interface NotifierSecurity {
  /** The secret in its settings, or `none`. */
  credential: string;
  /** Follow-ups and the resolve are replies in the brief's thread. */
  threads: boolean;
  /** It can read the channel back, so a brief a crash interrupted is found, not posted twice. */
  readsBack: boolean;
}

/** What a factory may be given besides the settings, by the server (and by tests). */
export interface NotifierContext {
  /** Where the stdout notifier writes; default process.stdout. */
  stdout?: { write(text: string): unknown };
}

/** One notifier. `S` is the zod object of its settings; `create` receives what it produced. */
export interface NotifierDef<
  S extends z.ZodObject = z.ZodObject,
  Section extends string | undefined = string | undefined,
> {
  /** One line for docs and `config check`. */
  description: string;
  /** The nightshift.yaml section holding its settings; undefined for the default notifier. */
  section: Section;
  settings: S;
  create(settings: z.output<S>, context: NotifierContext): Notifier;
  /** How the chosen notifier reads in `config check`; never a secret. */
  describe(settings: z.output<S>): string;
  security: NotifierSecurity;
}

/** Ties an entry's `create` and `describe` to what its `settings` produce. */
export function defineNotifier<S extends z.ZodObject, const Section extends string | undefined>(
  def: NotifierDef<S, Section>,
): NotifierDef<S, Section> {
  return def;
}

const httpUrl = z.url({ protocol: /^https?$/ });

export const notifiers = {
  slack: defineNotifier({
    description: 'Slack Web API with a bot token: the brief, then follow-ups and the resolve in its thread',
    section: 'slack',
    settings: z.object({
      /** Bot token (xoxb-…): posts the brief and replies in its thread. */
      token: z.string().min(1),
      /** The channel's ID (C0…), which the bot is a member of. */
      channel: z.string().min(1),
      /** Slack Web API base, for a proxy or a test stand-in. */
      apiUrl: httpUrl.optional(),
    }),
    create: (s) =>
      createSlackNotifier({ token: s.token, channel: s.channel, ...(s.apiUrl && { slackApiUrl: s.apiUrl }) }),
    describe: (s) => `bot to ${s.channel}`,
    security: { credential: 'bot token (xoxb-…)', threads: true, readsBack: true },
  }),
  'slack-webhook': defineNotifier({
    description: 'a Slack incoming webhook: the fallback without a bot token, each update its own message',
    section: 'slack',
    settings: z.object({ webhookUrl: httpUrl }),
    create: (s) => createSlackWebhookNotifier({ url: s.webhookUrl }),
    describe: () => 'incoming webhook (no threads)',
    security: { credential: 'the webhook URL (whoever has it can post)', threads: false, readsBack: false },
  }),
  stdout: defineNotifier({
    description: 'the brief as terminal text on standard output, when no notifier is configured',
    section: undefined,
    settings: z.object({}),
    create: (_s, context) => createStdoutNotifier(context.stdout ? { stream: context.stdout } : {}),
    describe: () => 'briefs print to standard output (no slack: section)',
    security: { credential: 'none', threads: false, readsBack: false },
  }),
} satisfies Record<string, NotifierDef>;

export type NotifierKind = keyof typeof notifiers;

export const NOTIFIER_KINDS = Object.keys(notifiers) as NotifierKind[];

type Entries = typeof notifiers;
/** The nightshift.yaml sections notifiers read (`slack`). */
export type NotifierSectionName = NonNullable<Entries[NotifierKind]['section']>;
type KindsIn<N extends NotifierSectionName> = {
  [K in NotifierKind]: Entries[K]['section'] extends N ? K : never;
}[NotifierKind];
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** One section's settings: every setting of the notifiers that live in it, each optional. */
export type NotifierSection<N extends NotifierSectionName> = Partial<
  Intersection<z.output<Entries[KindsIn<N>]['settings']>>
>;
/** Every notifier section, as the config holds them. */
export type NotifierSections = { [N in NotifierSectionName]?: NotifierSection<N> };

const SECTIONS = [
  ...new Set(NOTIFIER_KINDS.flatMap((kind) => notifiers[kind].section ?? [])),
] as NotifierSectionName[];

/** The settings a notifier cannot do without (those its schema refuses to leave out). */
function requiredSettings(kind: NotifierKind): string[] {
  return Object.entries(notifiers[kind].settings.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([name]) => name);
}

function kindsIn(section: NotifierSectionName): NotifierKind[] {
  return NOTIFIER_KINDS.filter((kind) => notifiers[kind].section === section);
}

function isComplete(kind: NotifierKind, value: Record<string, unknown>): boolean {
  return requiredSettings(kind).every((name) => value[name] !== undefined);
}

/**
 * A section's schema: the settings of every notifier in it, each optional, strict, and refined so
 * that a notifier's required settings come together and at least one notifier is complete.
 */
function sectionSchema(section: NotifierSectionName) {
  const kinds = kindsIn(section);
  const shape = Object.assign({}, ...kinds.map((kind) => notifiers[kind].settings.partial().shape));
  return z
    .object(shape)
    .strict()
    .superRefine((value: Record<string, unknown>, ctx) => {
      for (const kind of kinds) {
        const required = requiredSettings(kind);
        const given = required.filter((name) => value[name] !== undefined);
        if (given.length === 0 || given.length === required.length) continue;
        for (const missing of required.filter((name) => value[name] === undefined)) {
          ctx.addIssue({
            code: 'custom',
            path: [missing],
            message: `${required.join(' and ')} go together (the ${kind} notifier needs all of them; ${given.join(', ')} is set)`,
          });
        }
      }
      if (!kinds.some((kind) => isComplete(kind, value))) {
        const [first] = kinds.flatMap(requiredSettings);
        ctx.addIssue({
          code: 'custom',
          path: first === undefined ? [] : [first],
          message: `set ${kinds.map((kind) => requiredSettings(kind).join(' and ')).join(', or ')}`,
        });
      }
    });
}

/** The config sections notifiers own, for config/schema.ts: `{ slack: … }`, each optional. */
export const notifierSectionShape = Object.fromEntries(
  SECTIONS.map((section) => [section, sectionSchema(section).optional()]),
) as unknown as { [N in NotifierSectionName]: z.ZodOptional<z.ZodType<NotifierSection<N>>> };

/** The notifier the configuration chooses, with the settings it reads. */
export function chooseNotifier(sections: NotifierSections): { kind: NotifierKind; settings: unknown } {
  for (const section of SECTIONS) {
    const value = sections[section] as Record<string, unknown> | undefined;
    if (value === undefined) continue;
    const kind = kindsIn(section).find((k) => isComplete(k, value));
    if (kind === undefined) {
      throw new NightshiftError(
        'BAD_INPUT',
        `nightshift.yaml: the ${section}: section configures no notifier`,
        {
          hint: `Set ${kindsIn(section)
            .map((k) => requiredSettings(k).join(' and '))
            .join(', or ')} under ${section}: (see docs/serve.md), or remove the section.`,
        },
      );
    }
    return { kind, settings: value };
  }
  const fallback = NOTIFIER_KINDS.find((kind) => notifiers[kind].section === undefined);
  if (fallback === undefined) throw new Error('notify/registry.ts: no notifier without a section');
  return { kind: fallback, settings: {} };
}

/** Builds the notifier the configuration chooses (see `chooseNotifier`). */
export function notifierFromConfig(sections: NotifierSections, context: NotifierContext = {}): Notifier {
  const { kind, settings } = chooseNotifier(sections);
  const def: NotifierDef = notifiers[kind];
  return def.create(def.settings.parse(settings), context);
}

/** `config check`'s line: which notifier, and where it posts; no secret. */
export function describeNotifier(sections: NotifierSections): string {
  const { kind, settings } = chooseNotifier(sections);
  const def: NotifierDef = notifiers[kind];
  return `${kind}: ${def.describe(def.settings.parse(settings))}`;
}
