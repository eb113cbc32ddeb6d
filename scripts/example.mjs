// @ts-check
/**
 * `npm run example`: the bin, built, on the example integration (examples/README.md). First the version with
 * the mistakes, which it must report (exit code 1), then its fixed twin, which must be clean (exit code 0).
 * Exits non-zero when either outcome differs. (`npm run example` builds first.)
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'dist/cli/bin.js');

/** @param {string} title @param {string} folder @param {number} expected */
function lint(title, folder, expected) {
  process.stdout.write(`\n=== ${title}: salesforce-session-lint ${folder}\n`);
  const { status, error } = spawnSync(process.execPath, [BIN, folder], { cwd: ROOT, stdio: 'inherit' });
  if (error) throw error;
  process.stdout.write(`(exit code ${status})\n`);
  if (status !== expected) {
    process.stderr.write(`Expected exit code ${expected} for ${folder}, got ${status}.\n`);
    return false;
  }
  return true;
}

const reported = lint('The integration with the mistakes', 'examples/integration', 1);
const clean = lint('Its fixed twin', 'examples/integration-fixed', 0);
process.exitCode = reported && clean ? 0 : 1;
