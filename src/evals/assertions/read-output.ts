/** How assertions read an output as text or as JSON, the same way for every assertion. */
import type { EvalOutput } from '../output.js';

/** The text an assertion compares: the output's text, else its JSON serialised. */
export function outputText(output: EvalOutput): string | undefined {
  if (output.text !== undefined) return output.text;
  return output.json === undefined ? undefined : JSON.stringify(output.json);
}

export type JsonRead = { ok: true; json: unknown } | { ok: false; why: string };

/**
 * The JSON an assertion inspects: the output's JSON, else its text parsed, else the investigation's
 * report (so `field` can point into `rootCause.service` of an investigation target).
 */
export function outputJson(output: EvalOutput): JsonRead {
  if (output.json !== undefined) return { ok: true, json: output.json };
  if (output.text !== undefined) {
    try {
      return { ok: true, json: JSON.parse(output.text) };
    } catch (error) {
      return { ok: false, why: `the text is not JSON (${(error as Error).message})` };
    }
  }
  if (output.investigation !== undefined) return { ok: true, json: output.investigation.report };
  return { ok: false, why: 'the target produced neither text nor JSON' };
}
