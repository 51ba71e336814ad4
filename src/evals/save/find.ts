/**
 * Finding what `eval save` was pointed at. In order: an export folder (a folder holding
 * `recording.json`), an investigation the CLI saved (`<home>/investigations/<id>`, or its folder
 * or file), then the configured store (the investigations `nightshift serve` ran).
 */
import { join } from 'node:path';
import { NightshiftError } from '../../core/index.js';
import { loadInvestigation } from '../../investigate/index.js';
import type { Store } from '../../store/index.js';
import { isExportFolder, readExportFolder } from './export-folder.js';
import type { FoundInvestigation } from './found.js';
import { fromStore } from './store-source.js';

export interface FindOptions {
  /** `nightshiftHome`: where the CLI keeps investigations. */
  home: string;
  /** Opens the configured store, or gives undefined when there is none; called only when needed. */
  openStore: () => Promise<Store | undefined>;
}

export async function findInvestigation(ref: string, options: FindOptions): Promise<FoundInvestigation> {
  if (await isExportFolder(ref)) return readExportFolder(ref);
  const saved = await loadInvestigation(options.home, ref).catch((error: unknown) => {
    if (error instanceof NightshiftError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  });
  if (saved) {
    return {
      source: `investigation ${saved.id}`,
      brain: saved.brain,
      alert: saved.alert,
      report: saved.report,
      trace: saved.trace,
      feedback: [],
    };
  }
  const store = await options.openStore();
  if (store) {
    try {
      const stored = await fromStore(store, ref);
      if (stored) return stored;
    } finally {
      await store.close();
    }
  }
  throw new NightshiftError(
    'NOT_FOUND',
    `no investigation "${ref}": not an export folder, not in ${join(options.home, 'investigations')}, ${
      store
        ? 'and not in the configured store'
        : 'and no store is configured (or its database does not exist yet)'
    }`,
    {
      hint: 'Pass an id that `nightshift investigate` printed or the server reported, the path of an investigation folder, or an export folder holding recording.json.',
    },
  );
}
