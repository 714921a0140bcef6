#!/usr/bin/env node
// ecgio command-line tool; subcommands live in ./cli/. This file runs the CLI when loaded (bin/ecgio.js imports
// the built copy); tests import ./cli/main.ts instead.
import { main } from './cli/main.js';

// `ecgio rdsamp ... | head` closes stdout early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ecgio: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
