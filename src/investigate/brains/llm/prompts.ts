/**
 * Prompts as data: a system message and a user-message template with `{{name}}` placeholders, and
 * the typed registry of the prompts this folder owns. The `prompt` eval target renders an entry
 * with a case's vars and calls a model once; the brain renders the same template, so what the
 * suite checks is what production sends. A prompt's identity for the eval cache is the sha256 of
 * its text (`promptHash`), so a changed prompt is never answered from the cache.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { NightshiftError } from '../../../core/index.js';
import { llmAnswerSchema } from './answer.js';
import { INVESTIGATOR_PROMPT } from './investigator.prompt.js';

/** The text of a prompt. */
export interface PromptText {
  system?: string;
  /** The user message; `{{name}}` is replaced by the variable `name`. */
  template: string;
}

/** A registry entry: its text (read lazily: some prompts live in files) and its answer's schema. */
export interface PromptDef {
  /** One line for `eval list` and errors. */
  description: string;
  load(): Promise<PromptText> | PromptText;
  /** What a structured answer must match, when the prompt asks for one. */
  schema?: z.ZodType;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The variables a template uses, in order of first use. */
export function templateVars(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/**
 * Fills a template. A string variable goes in as it is, anything else as JSON. A variable the
 * template uses but `vars` lacks is a BAD_INPUT error naming it (and `where`, e.g. the prompt).
 */
export function renderTemplate(
  template: string,
  vars: Readonly<Record<string, unknown>>,
  where = 'the prompt',
): string {
  const missing = templateVars(template).filter((name) => vars[name] === undefined);
  if (missing.length > 0) {
    throw new NightshiftError(
      'BAD_INPUT',
      `${where} uses ${missing.map((m) => `{{${m}}}`).join(', ')} but the case gives no such var`,
      { hint: `Add ${missing.join(', ')} under the case's input.vars (or the suite's defaults.vars).` },
    );
  }
  return template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = vars[name];
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** sha256 (hex) of a prompt's whole text: what the eval cache keys a prompt's answers by. */
export function promptHash(text: PromptText): string {
  return createHash('sha256')
    .update(text.system ?? '')
    .update('\0')
    .update(text.template)
    .digest('hex');
}

/** The investigator's user message for one incident. */
export function investigatorPrompt(
  vars: { alert: string; window: string; services: string; draft: string },
  text: PromptText = INVESTIGATOR_PROMPT,
): string {
  return renderTemplate(text.template, vars, 'the investigator prompt');
}

/** The prompts of the LLM brain, by the name a `prompt` suite gives. */
export const llmBrainPrompts = {
  investigator: {
    description:
      "The LLM investigator: checks the built-in analyst's draft with the tools and answers in the schema.",
    load: () => INVESTIGATOR_PROMPT,
    schema: llmAnswerSchema,
  },
} satisfies Record<string, PromptDef>;
