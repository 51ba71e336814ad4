/**
 * The body of an investigation thread: builds the sources and brain once from the configuration
 * it was started with, then runs the investigations the pool sends it, one at a time.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadedConfig } from '../config/load.js';
import type { EnvVars } from '../core/yaml-config.js';
import { packEvidence } from '../store/index.js';
import type { InvestigationRow, StoredAlert } from '../store/types.js';
import { createLiveInvestigator } from './live.js';

/** Lower than the server's 0, so a webhook waits for the CPU as little as possible. */
const INVESTIGATION_NICE = 10;

export interface ThreadRequest {
  id: number;
  row: InvestigationRow;
  alerts: StoredAlert[];
  now: number;
}

const { loaded, env } = workerData as { loaded: LoadedConfig; env: EnvVars };

// Investigations yield the CPU to the thread answering webhooks: on Linux a nice value set with
// pid 0 applies to the calling thread only. Elsewhere this may apply to the process or fail;
// either way investigations still run.
try {
  setPriority(INVESTIGATION_NICE);
} catch {
  // Not permitted here; run at normal priority.
}
const port = parentPort;
if (!port) throw new Error('thread.ts runs as a worker thread of the investigation pool');
const investigator = createLiveInvestigator(loaded, env, (message) => port.postMessage({ warn: message }));

port.on('message', async (request: ThreadRequest) => {
  try {
    const { evidence, ...result } = await (await investigator).run(request.row, request.alerts, request.now);
    // Serialised and gzip'd here, on this thread: cloning a large evidence object graph into the
    // server's thread and serialising it there would hold up the webhooks it answers.
    const evidenceGzip = evidence === undefined ? undefined : packEvidence(evidence);
    port.postMessage({ id: request.id, ok: true, result, ...(evidenceGzip && { evidenceGzip }) });
  } catch (error) {
    port.postMessage({ id: request.id, ok: false, error: (error as Error).message });
  }
});
