/**
 * A worker thread of `poet export` (commands/export.ts): it exports the chunks of JSON Lines
 * the main thread hands it, one at a time, and sends back each chunk's data.csv and
 * rejects.jsonl bytes. It gets the compiled survey in its workerData and imports only the
 * exporter, the validator and the line reader: never the compiler or its .poet parser, whose
 * loading would add to every worker's start-up.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildCodebook, ResponseExporter } from '@poetkit/codebook';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import { createResponseValidator } from '@poetkit/compiler/validator';
import { exportChunk, type ExportChunk } from './export-chunk.js';

export interface ExportWorkerData {
  readonly survey: CompiledSurvey;
  /** Test hook: throw on the first chunk, as a bug would (set by POET_EXPORT_WORKER_FAIL). */
  readonly failForTests: boolean;
}

/** The worker's first message: it is ready for chunks (its start-up takes a few tenths of a second). */
export interface ExportWorkerReady {
  readonly ready: true;
}

if (parentPort === null) throw new Error('export-worker.js runs as a worker thread of poet export');
const port = parentPort;
const { survey, failForTests } = workerData as ExportWorkerData;
const exporter = new ResponseExporter(buildCodebook(survey), () => createResponseValidator(survey));
// (The validator is compiled only if a response is not proved valid by its route: most data never needs it.)
// Until then the main thread exports the chunks itself, rather than queue them here.
port.postMessage({ ready: true } satisfies ExportWorkerReady);

port.on('message', (chunk: ExportChunk) => {
  if (failForTests) throw new Error('failing on purpose (POET_EXPORT_WORKER_FAIL is set)');
  const result = exportChunk(exporter, chunk);
  port.postMessage(result, [result.data.buffer, result.rejects.buffer]);
});
