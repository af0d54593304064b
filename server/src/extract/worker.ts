/**
 * The extraction worker thread: runs the pipeline off the server's event loop (see pool.ts). It reads a short
 * article once at start, so compromise's lexicon and caches are warm before the first real article
 * ("warm-up"), then answers `{id, input}` messages with `{id, proposals}` or `{id, error}`.
 */
import { parentPort } from 'node:worker_threads';
import { extractProposals, type ExtractInput } from './pipeline';

const WARM_UP =
  'Foreign Minister Anna Berg met her counterpart Ivan Petrov in Vienna on Monday to discuss trade. ' +
  'A delegation led by Deputy Minister Karl Weiss held talks with the Austrian Foreign Ministry on March 3. ' +
  'The two sides agreed to hold a second round of consultations in Geneva.';

if (!parentPort) throw new Error('extract/worker.ts runs as a worker thread started by extract/pool.ts, not alone.');
const port = parentPort;

const t0 = performance.now();
extractProposals({ text: WARM_UP, published: '2025-03-05' });
port.postMessage({ ready: true, warmUpMs: Math.round(performance.now() - t0) });

port.on('message', (msg: { id: number; input: ExtractInput }) => {
  try {
    port.postMessage({ id: msg.id, proposals: extractProposals(msg.input) });
  } catch (e) {
    port.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) });
  }
});
