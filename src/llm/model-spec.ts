/**
 * `--model <provider:model>` as every command takes it. Model names may hold colons themselves
 * (Ollama's `llama3.1:8b`), so only a known provider before the first colon counts as one.
 */
import { PROVIDERS, type ProviderName } from './schema.js';

export function parseModelSpec(spec: string): { provider?: ProviderName; model: string } {
  const colon = spec.indexOf(':');
  const head = colon < 0 ? '' : spec.slice(0, colon);
  return (PROVIDERS as readonly string[]).includes(head)
    ? { provider: head as ProviderName, model: spec.slice(colon + 1) }
    : { model: spec };
}
