/**
 * The folder's README: what the investigation was, every file with what it holds and the code that
 * made it, and where the decisions were taken (the brain, its prompt, the tools), for a person with
 * grep or a coding agent that has this repository beside the export.
 */
import { codeSpan, markdownInline, tableCell } from '../investigate/render/index.js';
import type { ExportFile } from './file.js';
import type { ExportMetadata } from './metadata.js';

export const README_FILE = 'README.md';

const BRAIN_CODE: Record<string, string[]> = {
  builtin: [
    'src/investigate/brains/builtin/brain.ts (the steps)',
    'src/investigate/brains/builtin/hypotheses.ts (ranking suspects)',
    'src/investigate/brains/builtin/confidence.ts (HIGH / MEDIUM / LOW)',
    'src/investigate/brains/builtin/writer.ts (the report)',
  ],
  llm: [
    'src/investigate/brains/llm/brain.ts (the built-in draft, then the model)',
    'src/investigate/brains/llm/investigator.prompt.ts (the prompt: system message and template)',
    'src/investigate/brains/llm/agent.ts (the model calls and tools)',
    'src/investigate/brains/llm/answer.ts (the answer schema)',
  ],
};

/** The README for `files` (which it lists, with itself first). */
export function readmeFile(metadata: ExportMetadata, files: readonly ExportFile[]): ExportFile {
  const self = {
    path: README_FILE,
    about: 'this file: what the investigation was and what each file holds',
    code: ['src/export/readme.ts'],
  };
  const listed = [self, ...[...files].sort((a, b) => a.path.localeCompare(b.path))];
  const { alert, rootCause } = metadata;
  const brain = metadata.brain ?? 'unknown';
  const lines = [
    `# Investigation ${codeSpan(metadata.investigationId)}`,
    '',
    `Alert ${codeSpan(alert.name)} on ${codeSpan(alert.service)} (${markdownInline(alert.severity)}) at ${alert.startsAt}.`,
    `Root cause: ${codeSpan(rootCause.service)}, ${rootCause.category}, ${rootCause.confidence} confidence. Brain: ${codeSpan(brain)}. Status: ${metadata.status}${metadata.grade === undefined ? '' : `. Graded by a responder: ${metadata.grade}`}.`,
    '',
    `Exported by Nightshift ${metadata.nightshift.version} (code ${metadata.nightshift.code.slice(0, 12)}) at ${metadata.exportedAt}. ${
      metadata.anonymised
        ? 'Anonymised: hosts, addresses, e-mails, ids, namespaces, pods and listed names are consistent pseudonyms (the same value is the same token in every file here); secrets are `[REDACTED:<kind>]`.'
        : 'Secrets are `[REDACTED:<kind>]`; everything else is as recorded.'
    } The format is described in docs/exports.md.`,
    '',
    '## Files',
    '',
    '| file | what it is | made by |',
    '| --- | --- | --- |',
    ...listed.map(
      (f) => `| [${f.path}](${f.path}) | ${tableCell(f.about)} | ${tableCell(f.code.join('; '))} |`,
    ),
    '',
    '## Where the decisions were made',
    '',
    `- The brain (${codeSpan(brain)}): ${(BRAIN_CODE[brain] ?? ['src/investigate/brains/registry.ts']).join('; ')}.`,
    '- The tools: src/investigate/tools/registry.ts names every tool; each lives in src/investigate/tools/<name>.ts (`search_logs` → search-logs.ts). Tool numbers here follow the order the calls started (trace.md links each span to its files).',
    '- The investigation itself: src/investigate/run.ts; the export: src/export/.',
    '',
    '## Finding things',
    '',
    '- `grep -l <text> tools/results/*.json`: which tool calls returned it; the same number in tools/inputs/ is what was asked.',
    '- `grep -n ERROR trace.md` or look for `error` in the tree: failed spans.',
    ...(metadata.recording.written
      ? [
          '- `nightshift eval save <this folder> --suite <file>`: this investigation as an eval case (reads recording.json and metadata.json).',
        ]
      : []),
    ...(files.some((f) => f.path === 'evidence.json.gz')
      ? [
          '- `nightshift replay <this folder>`: the investigation re-run from evidence.json.gz with no telemetry source (docs/replay.md); `--out <dir>` writes the replay as a folder like this one, for `nightshift diff`.',
        ]
      : []),
  ];
  const notes = notesOf(metadata);
  if (!files.some((f) => f.path === 'evidence.json.gz'))
    notes.push(
      'No evidence was kept with this investigation (evidence.json.gz is absent), so `nightshift replay` cannot re-run it: see docs/replay.md.',
    );
  if (notes.length > 0) lines.push('', '## Notes', '', ...notes.map((n) => `- ${markdownInline(n)}`));
  return { ...self, text: `${lines.join('\n')}\n` };
}

function notesOf(metadata: ExportMetadata): string[] {
  const notes = [...(metadata.notes ?? [])];
  if (!metadata.recording.written) notes.push(`recording.json was not written: ${metadata.recording.reason}`);
  if (metadata.totals === undefined)
    notes.push(
      'No trace was kept with this investigation: trace.md, trace.json, prompts/ and tools/ are absent.',
    );
  return notes;
}
