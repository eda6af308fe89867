#!/usr/bin/env node
import { nodeIo } from './io.js';
import { main } from './main.js';

// `poet fmt big.poet | head`: the reader went away; stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

// exitCode rather than process.exit(), so that output piped to another program is flushed first.
process.exitCode = await main(process.argv.slice(2), nodeIo());
