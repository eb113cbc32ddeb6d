#!/usr/bin/env node
// The `salesforce-session-lint` command: see main.ts.
import { main } from './main';

// ESLint 9 warns on stderr for each `/* eslint-env */` comment, which ESLint 10 reports as an error: both are about
// the folder's own ESLint setup, which the command does not run (see results.ts).
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const [options] = rest;
  const type = typeof options === 'string' ? options : (options as { type?: string } | undefined)?.type;
  if (type === 'ESLintEnvWarning') return;
  (emitWarning as (warning: string | Error, ...rest: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }).then(
  (code) => {
    // Not process.exit(): a large report on a pipe is still being written.
    process.exitCode = code;
  },
);
