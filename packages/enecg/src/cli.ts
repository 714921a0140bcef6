#!/usr/bin/env node
// enecg command-line tool; subcommands live in ./cli/. bin/enecg.js imports the built copy of this file.
import { main } from './cli/main.js';

main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: { write: (text) => process.stderr.write(text), isTTY: Boolean(process.stderr.isTTY) },
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`enecg: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
