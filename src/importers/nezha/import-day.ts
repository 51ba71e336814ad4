/**
 * `importNezhaDay`: one day of Nezha fault-injection data → a folder with one
 * incident bundle per injected fault and an `index.yaml` listing them, written atomically.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatYaml, writeBundle } from '../../bundle/index.js';
import type { RootCauseCategory } from '../../core/index.js';
import { toIso } from '../../core/index.js';
import { writeFolderAtomically } from './output-folder.js';
import { type PlannedBundle, planImport } from './plan.js';
import { readNezhaDay } from './read.js';

/** Bundle ids start with this unless told otherwise: Nezha's Online Boutique data. */
export const DEFAULT_ID_PREFIX = 'nezha-ob';
/** Online Boutique's entry service, where users' requests arrive. */
export const DEFAULT_ENTRY_SERVICE = 'frontend';

/** Options of `importNezhaDay`. */
export interface NezhaImportOptions {
  /** The Nezha data folder, which holds `rca_data/`. */
  root: string;
  /** YYYY-MM-DD, a folder of `rca_data/`. */
  day: string;
  /** The folder to create; it must not exist unless `force`. */
  outDir: string;
  /** Replace `outDir` once the new folder is complete. */
  force?: boolean;
  /** Gzip each bundle's metrics.csv. */
  gzip?: boolean;
  /** Default `nezha-ob`. */
  idPrefix?: string;
  /** The service the alert fires on and front_service.csv describes. Default `frontend`. */
  entryService?: string;
}

/** One bundle written. */
export interface NezhaBundleSummary {
  id: string;
  dir: string;
  injectedAtMs: number;
  pod: string;
  faultType: string;
  service: string;
  category: RootCauseCategory;
  samples: number;
}

/** What an import wrote, and what it noticed in the data. */
export interface NezhaImportSummary {
  day: string;
  outDir: string;
  faults: number;
  bundles: NezhaBundleSummary[];
  categories: Partial<Record<RootCauseCategory, number>>;
  services: string[];
  notes: string[];
}

export const INDEX_FILE = 'index.yaml';

/** Imports one day; throws NOT_FOUND or BAD_INPUT (naming file, line and column) with nothing written. */
export async function importNezhaDay(options: NezhaImportOptions): Promise<NezhaImportSummary> {
  const day = await readNezhaDay(options.root, options.day);
  const plan = planImport(day, {
    idPrefix: options.idPrefix ?? DEFAULT_ID_PREFIX,
    entryService: options.entryService ?? DEFAULT_ENTRY_SERVICE,
  });
  const bundles = plan.bundles.map((b) => summarise(b, options.outDir));
  await writeFolderAtomically(options.outDir, { force: options.force ?? false }, async (tempDir) => {
    for (const bundle of plan.bundles) {
      await writeBundle(join(tempDir, bundle.content.incident.id), bundle.content, { gzip: options.gzip });
    }
    await writeFile(join(tempDir, INDEX_FILE), indexYaml(options.day, bundles));
  });
  const categories: Partial<Record<RootCauseCategory, number>> = {};
  for (const b of bundles) categories[b.category] = (categories[b.category] ?? 0) + 1;
  return {
    day: options.day,
    outDir: options.outDir,
    faults: day.faults.length,
    bundles,
    categories,
    services: plan.services,
    notes: plan.notes,
  };
}

function summarise(bundle: PlannedBundle, outDir: string): NezhaBundleSummary {
  const { incident, truth, metrics } = bundle.content;
  return {
    id: incident.id,
    dir: join(outDir, incident.id),
    injectedAtMs: bundle.fault.injectedAtMs,
    pod: bundle.fault.pod,
    faultType: bundle.fault.type,
    service: truth.rootCause.service,
    category: bundle.category,
    samples: metrics?.length ?? 0,
  };
}

function indexYaml(day: string, bundles: readonly NezhaBundleSummary[]): string {
  const index = {
    version: 1,
    source: 'nezha',
    day,
    bundles: bundles.map((b) => ({
      id: b.id,
      injectedAt: toIso(b.injectedAtMs),
      pod: b.pod,
      faultType: b.faultType,
      service: b.service,
      category: b.category,
    })),
  };
  return formatYaml(
    index,
    `Nezha faults of ${day}: one bundle per injected fault, in injection order.\n` +
      'The fault columns give the answers away, as truth.yaml does: never show this file to an investigation.',
  );
}
