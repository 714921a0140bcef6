#!/usr/bin/env node
// ecgio command-line tool; subcommands live in ./cli/.
