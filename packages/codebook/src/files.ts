/**
 * Every file `poet codebook` writes, rendered from one {@link Codebook}: the tools' files
 * first (they record their shortenings), then notes.txt, then the documents.
 */
import { codebookHtml } from './html.js';
import { codebookMarkdown } from './markdown.js';
import { ddiCodebook } from './ddi.js';
import { dataPackage } from './frictionless.js';
import { dictionaryCsv } from './dictionary.js';
import { Notes, notesText } from './notes.js';
import { rScript } from './r.js';
import { spssSyntax } from './spss.js';
import { stataDo } from './stata.js';
import type { CodebookStats } from './stats.js';
import type { Codebook } from './variables.js';

/** File name → content, in the order they are written. */
export function codebookFiles(cb: Codebook, stats?: CodebookStats): ReadonlyMap<string, string> {
  const notes = new Notes();
  const files = new Map<string, string>();
  files.set('dictionary.csv', dictionaryCsv(cb));
  files.set('labels.sps', spssSyntax(cb, notes));
  files.set('labels.do', stataDo(cb, notes));
  files.set('labels.R', rScript(cb));
  files.set('notes.txt', notesText(cb, notes));
  files.set('codebook.html', codebookHtml(cb, stats));
  files.set('codebook.md', codebookMarkdown(cb, stats));
  files.set('codebook.ddi.xml', ddiCodebook(cb, stats));
  files.set('datapackage.json', `${JSON.stringify(dataPackage(cb), null, 2)}\n`);
  return files;
}
