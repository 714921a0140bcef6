#!/usr/bin/env node
// Thin launcher so the bin exists before the package is built; the CLI itself is dist/cli.js.
import '../dist/cli.js';
