import { describe, expect, test } from 'vitest';
import type { LoadedConfig } from '../config/load.js';
import { configSchema } from '../config/schema.js';
import { createLiveInvestigator } from './live.js';

/** A configuration as loaded, with no file behind it: nothing can be read again from disk. */
const loaded = (config: unknown): LoadedConfig => ({
  file: undefined,
  baseDir: '/nonexistent',
  config: configSchema.parse(config),
});

describe('the brain comes from the configuration as loaded, not from nightshift.yaml again', () => {
  test('llm: given in the loaded config is used', async () => {
    const investigator = createLiveInvestigator(
      loaded({
        investigation: { brain: 'llm' },
        llm: { provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', fastModel: 'm' },
      }),
      {},
      () => {},
    );
    await expect(investigator).resolves.toBeDefined();
  });

  test('its problems surface when the investigator is built, naming what to set', async () => {
    await expect(
      createLiveInvestigator(
        loaded({ investigation: { brain: 'llm' }, llm: { provider: 'openai' } }),
        {},
        () => {},
      ),
    ).rejects.toThrow('the openai provider needs an API key');
  });

  test('the environment passed in is the one read', async () => {
    const config = loaded({ investigation: { brain: 'llm' }, llm: { provider: 'openai' } });
    await expect(
      createLiveInvestigator(config, { OPENAI_API_KEY: 'sk-test' }, () => {}),
    ).resolves.toBeDefined();
  });
});
