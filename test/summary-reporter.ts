/**
 * Ends a test run with one plain line, `N passed, N failed, N skipped`, which CI tooling that does
 * not know vitest's own summary can read. It prints from `onFinished`, which vitest 3 calls after
 * the default reporter has written its summary (`onTestRunEnd` comes before it).
 */
import type { File, Task } from '@vitest/runner';
import type { Reporter } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onFinished(files: File[] = [], errors: unknown[] = []): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const visit = (task: Task): void => {
      if (task.type === 'test') {
        const state = task.result?.state;
        if (state === 'pass') counts.passed++;
        else if (state === 'fail') counts.failed++;
        else counts.skipped++;
      } else if ('tasks' in task) {
        if (task.type === 'suite' && task.result?.state === 'fail' && task.tasks.length === 0)
          counts.failed++;
        for (const child of task.tasks) visit(child);
      }
    };
    for (const file of files) visit(file);
    counts.failed += errors.length;
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
