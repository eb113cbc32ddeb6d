#!/usr/bin/env node
// The `salesforce-session-lint` command: see main.ts.
import { main } from './main';

void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }).then(
  (code) => {
    // Not process.exit(): a large report on a pipe is still being written.
    process.exitCode = code;
  },
);
