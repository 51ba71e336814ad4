/**
 * One slice of a lab family, generated in its own process so the bench can use both cores:
 * `family-child.ts <job.json>` where the job names the output folder, the cases and the options of
 * `generateFamily`. Prints one JSON line: bundles written and cases skipped.
 */
import { readFile } from 'node:fs/promises';
import { type FamilyGenerateOptions, generateFamily, type LabCaseSpec } from '../src/lab/index.js';

interface Job {
  outDir: string;
  specs: LabCaseSpec[];
  options: FamilyGenerateOptions;
}

const job = JSON.parse(await readFile(process.argv[2] ?? '', 'utf8')) as Job;
const result = await generateFamily(job.outDir, job.specs, job.options);
process.stdout.write(
  `${JSON.stringify({ bundles: result.summaries.length, skipped: result.skipped.map((s) => s.reason) })}\n`,
);
