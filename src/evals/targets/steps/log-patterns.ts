/**
 * `log-patterns`: template mining (Drain over masked words, see analysis/logs/template-miner.ts) on
 * recorded log messages. `texts` lists the templates in order of first appearance, so a suite checks
 * one with `field: {path: texts, contains: "…"}`, and `templates` carries each one's line count.
 */
import { z } from 'zod';
import { mineTemplates } from '../../../analysis/logs/index.js';
import { defineStep } from './step.js';

export const logPatternsStep = defineStep({
  description: 'Log template mining over vars.lines: the templates with their line counts.',
  vars: z
    .object({
      /** Log messages, one an item, as a service would write them (without timestamp or level). */
      lines: z.array(z.string()).min(1, 'give at least one log line'),
    })
    .strict(),
  accepts: ['none'],
  async run({ lines }) {
    const { templates } = mineTemplates(lines);
    return {
      count: templates.length,
      texts: templates.map((t) => t.template),
      templates: templates.map((t) => ({ template: t.template, count: t.count })),
    };
  },
});
