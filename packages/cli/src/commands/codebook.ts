import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildCodebook, codebookFiles, ResponseExporter, StatsAccumulator, type Codebook, type CodebookStats } from '@poetkit/codebook';
import { UsageError, helpPointer, type Command } from '../command.js';
import { openResponses, type StdinIo } from '../files.js';
import { loadSurvey, readResponses } from './validate.js';

export const codebookCommand: Command = {
  name: 'codebook',
  summary: 'Write the codebook and the SPSS, Stata and R files that label data.csv.',
  synopsis: 'poet codebook SURVEY -o DIR [--stats RESPONSES]',
  description: [
    'SURVEY is a .poet file (compiled first) or a compiled .survey.json. Writes into DIR:\n' +
      'dictionary.csv (one row per data.csv column), labels.sps (SPSS/PSPP), labels.do (Stata),\n' +
      'labels.R (R with haven), notes.txt (labels shortened for a tool, with the full text),\n' +
      'codebook.html, codebook.md, codebook.ddi.xml (DDI-Codebook 2.6) and datapackage.json\n' +
      '(Frictionless). They describe the data.csv that `poet export` writes for the same survey.',
    'With --stats RESPONSES (JSON Lines of response envelopes, as for `poet export`), the\n' +
      'codebook adds frequencies and valid/missing counts per variable, computed from the\n' +
      'responses export would write; rejected responses are counted and left out.',
  ],
  options: [
    { name: 'out', short: 'o', placeholder: 'DIR', description: 'The folder to write into (also -o DIR).' },
    { name: 'stats', placeholder: 'RESPONSES', description: 'Add frequencies from these responses (- for standard input).' },
  ],
  examples: ['poet codebook examples/carer.poet -o export', 'poet codebook examples/carer.poet -o export --stats responses.jsonl'],
  exitStatus: [
    '0  written',
    '1  the survey has an error (nothing written), or --stats found rejected responses (written without them)',
    '2  usage error, or a file cannot be read or written',
  ],

  async run(args, io) {
    const out = args.options.get('out');
    if (typeof out !== 'string') throw new UsageError(`'codebook' needs an output folder: -o DIR. ${helpPointer(codebookCommand)}`);
    if (args.positionals.length !== 1) throw new UsageError(`'codebook' takes exactly one SURVEY. ${helpPointer(codebookCommand)}`);
    const statsArg = args.options.get('stats');
    if (statsArg === true) throw new UsageError(`--stats needs a RESPONSES file (- for standard input). ${helpPointer(codebookCommand)}`);
    const input = statsArg === undefined ? undefined : await openResponses(statsArg, io as StdinIo, codebookCommand);
    const survey = await loadSurvey(args.positionals[0]!, io, codebookCommand).catch((error: unknown) => {
      input?.destroy();
      throw error;
    });
    if (survey === undefined) {
      input?.destroy();
      return 1;
    }
    const cb = buildCodebook(survey);
    let stats: CodebookStats | undefined;
    let rejected = 0;
    if (input !== undefined) {
      const result = await computeStats(cb, readResponses(input));
      stats = result.stats;
      rejected = result.rejected;
    }
    const dir = resolve(io.cwd, out);
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw new UsageError(`cannot create the folder ${out} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const files = codebookFiles(cb, stats);
    const encoder = new TextEncoder();
    for (const [name, content] of files) await io.writeFile(join(dir, name), encoder.encode(content));
    io.stdout(`Wrote ${[...files.keys()].join(', ')} in ${out} (${cb.variables.length} variables).\n`);
    if (stats !== undefined) {
      io.stdout(`Statistics from ${stats.responses} ${stats.responses === 1 ? 'response' : 'responses'}${rejected > 0 ? `; ${rejected} rejected and left out (see 'poet export' for the reasons)` : ''}.\n`);
    }
    return rejected > 0 ? 1 : 0;
  },
};

/** Streams responses through the same checks and coding as `poet export`, counting as it goes. */
async function computeStats(cb: Codebook, responses: AsyncIterable<{ line: number; value?: unknown; error?: string }>) {
  const { createResponseValidator } = await import('@poetkit/compiler/validator');
  const exporter = new ResponseExporter(cb, () => createResponseValidator(cb.survey));
  const accumulator = new StatsAccumulator(cb);
  for await (const read of responses) {
    if (read.error !== undefined) {
      exporter.unparsable(read.line, read.error);
      continue;
    }
    const coded = exporter.coded(read.line, read.value);
    if (coded.kind === 'values') accumulator.add(coded.values);
  }
  return { stats: accumulator.result(), rejected: exporter.rejected };
}
