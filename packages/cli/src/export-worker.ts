/**
 * A worker thread of `poet export` (commands/export.ts): it exports the chunks of JSON Lines
 * the main thread hands it, one at a time, and sends back each chunk's data.csv and
 * rejects.jsonl bytes. It is started before the survey is compiled, so that its start-up (a
 * thread, an isolate, its imports) overlaps the main thread's; its first message is the
 * compiled survey. It imports only the exporter, the validator and the line reader: never the
 * compiler or its .poet parser, whose loading would add to every worker's start-up.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildCodebook, ResponseExporter } from '@poetkit/codebook';
import type { CompiledSurvey } from '@poetkit/compiler/compiled';
import { createResponseValidator } from '@poetkit/compiler/validator';
import { exportChunk, type ExportChunk } from './export-chunk.js';

export interface ExportWorkerData {
  /** Test hook: throw on the first chunk, as a bug would (set by POET_EXPORT_WORKER_FAIL). */
  readonly failForTests: boolean;
}

/** The main thread's first message: the survey whose responses the chunks hold. */
export interface ExportWorkerStart {
  readonly survey: CompiledSurvey;
}

/** The worker's answer to it: it is ready for chunks. */
export interface ExportWorkerReady {
  readonly ready: true;
}

if (parentPort === null) throw new Error('export-worker.js runs as a worker thread of poet export');
const port = parentPort;
const { failForTests } = workerData as ExportWorkerData;
let exporter: ResponseExporter | undefined;

port.on('message', (message: ExportWorkerStart | ExportChunk) => {
  if ('survey' in message) {
    const { survey } = message;
    // The validator is compiled only if a response is not proved valid by its route: most data never needs it.
    exporter = new ResponseExporter(buildCodebook(survey), () => createResponseValidator(survey));
    port.postMessage({ ready: true } satisfies ExportWorkerReady);
    return;
  }
  if (failForTests) throw new Error('failing on purpose (POET_EXPORT_WORKER_FAIL is set)');
  if (exporter === undefined) throw new Error('an export worker was given a chunk before its survey');
  const result = exportChunk(exporter, message);
  port.postMessage(result, [result.data.buffer, result.rejects.buffer]);
});
