/**
 * chevrotain, loaded from the single bundled module its package ships.
 *
 * The package's entry (`lib/src/api.js`) loads about 600 ES modules — chevrotain's own sources
 * and lodash-es, one file per function — which cost about half a second at every start of
 * `poet` (measured: 535 ms to import the entry, 33 ms the bundle). The same release ships
 * `lib/chevrotain.mjs`, one file built from those sources. Its `exports` map does not name it,
 * so it is found beside the entry. If a future release moves it, the entry is loaded instead.
 *
 * Every chevrotain value poetkit uses comes from here, so that one copy of chevrotain is in
 * play: token types, `EOF` and parsers from two copies would not recognise each other.
 */
import type * as Chevrotain from 'chevrotain';

async function load(): Promise<typeof Chevrotain> {
  try {
    return (await import(new URL('../chevrotain.mjs', import.meta.resolve('chevrotain')).href)) as typeof Chevrotain;
  } catch {
    return import('chevrotain');
  }
}

const chevrotain = await load();

export const { createToken, createTokenInstance, EmbeddedActionsParser, EOF, getLookaheadPaths, Lexer, tokenMatcher } = chevrotain;
/** The instance types of the classes above, under the same names (as the package's own imports give them). */
export type Lexer = Chevrotain.Lexer;
export type EmbeddedActionsParser = Chevrotain.EmbeddedActionsParser;
