// @ts-check
/**
 * The cost of the `salesforce-session-lint` command over `eslint` with the very same config, on a generated
 * tree of 1,000 files (docs/performance.md, "The command against eslint"):
 * - 900 real files from node_modules (scripts/corpus.mjs, an evenly spaced sample of those up to 50 kB), each
 *   named for how its package parses it (`.cjs`, `.mjs`, `.ts`), and 100 generated Salesforce-heavy modules
 *   (scripts/salesforce-program.mjs), half `.js` and half `.ts`;
 * - an `eslint.config.mjs` in the tree that exports what the command lints with (dist/cli/config.js, with the
 *   built plugin and @typescript-eslint/parser), so that `eslint .` runs the same rules on the same files;
 * - both run as `node <script> .` in the tree, in alternating pairs after one warm-up pair, so that a change in
 *   the machine's load touches both alike. The overhead is the median of the pairs' time ratios, minus one.
 * Exits non-zero when the two do not report the same problems, or when the overhead is over 10 %.
 *
 * Usage: npm run build && node scripts/cli-overhead.mjs [--pairs 10] [--keep]   (--pairs 0: check the reports only)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { collectCorpus } from './corpus.mjs';
import { salesforceProgram } from './salesforce-program.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = 0.1;
const REAL_FILES = 900;
const SALESFORCE_FILES = 100;

const { values: args } = parseArgs({
  options: { pairs: { type: 'string', default: '10' }, keep: { type: 'boolean', default: false } },
});
const pairs = Number(args.pairs);

/** The tree: real files named for their parse mode, then the Salesforce modules. */
function makeTree() {
  const tree = mkdtempSync(join(tmpdir(), 'cli-overhead-'));
  const { files } = collectCorpus({ root: ROOT, maxBytes: 50_000, maxFiles: REAL_FILES });
  const extension = { module: '.mjs', commonjs: '.cjs', typescript: '.ts' };
  files.forEach((file, index) => {
    const mode = file.modes[0]?.name ?? 'module';
    const folder = join(tree, 'src', `lib${Math.floor(index / 50)}`);
    mkdirSync(folder, { recursive: true });
    copyFileSync(file.path, join(folder, `file${index}${extension[/** @type {'module'} */ (mode)]}`));
  });
  mkdirSync(join(tree, 'src/salesforce'), { recursive: true });
  for (let index = 0; index < SALESFORCE_FILES; index += 1) {
    writeFileSync(join(tree, 'src/salesforce', `client${index}${index % 2 === 0 ? '.js' : '.ts'}`), salesforceProgram(2));
  }
  const url = (path) => pathToFileURL(join(ROOT, path)).href;
  writeFileSync(
    join(tree, 'eslint.config.mjs'),
    `// What salesforce-session-lint lints with: the same objects, for eslint.
import tsParser from ${JSON.stringify(url('node_modules/@typescript-eslint/parser/dist/index.js'))};
import plugin from ${JSON.stringify(url('dist/index.js'))};
import { lintConfig } from ${JSON.stringify(url('dist/cli/config.js'))};

export default lintConfig(plugin, 'recommended', tsParser);
`,
  );
  return { tree, files: files.length + SALESFORCE_FILES };
}

const COMMANDS = {
  eslint: [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '.'],
  'salesforce-session-lint': [join(ROOT, 'dist/cli/bin.js'), '.'],
};

/** @param {string[]} command @param {string} cwd */
function timed(command, cwd) {
  const start = performance.now();
  const result = spawnSync(process.execPath, command, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command.join(' ')} exited ${result.status}\n${result.stderr}`);
  return ms;
}

/** The problems each command reports, as `file:line:column rule` lines, from `-f json`. */
function reports(command, cwd) {
  const result = spawnSync(process.execPath, [...command, '--format', 'json'], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const results = /** @type {{ filePath: string, messages: { line: number, column: number, ruleId: string | null }[] }[]} */ (
    JSON.parse(result.stdout)
  );
  return {
    files: results.length,
    problems: results.flatMap((file) => file.messages.map((message) => `${file.filePath}:${message.line}:${message.column} ${message.ruleId}`)).sort(),
  };
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? /** @type {number} */ (sorted[middle]) : (/** @type {number} */ (sorted[middle - 1]) + /** @type {number} */ (sorted[middle])) / 2;
}

const { tree, files } = makeTree();
try {
  const eslintReports = reports(COMMANDS.eslint, tree);
  const binReports = reports(COMMANDS['salesforce-session-lint'], tree);
  const same = JSON.stringify(eslintReports) === JSON.stringify(binReports);
  console.log(`Tree: ${files} files (${REAL_FILES} from node_modules, ${SALESFORCE_FILES} generated), in ${tree}`);
  console.log(`Both lint ${eslintReports.files} / ${binReports.files} files; ${eslintReports.problems.length} / ${binReports.problems.length} problems; same reports: ${same}`);
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average before: ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);

  if (pairs === 0) {
    // A check of the tree and of the reports only.
    process.exitCode = same ? 0 : 1;
  } else measure(tree, same);
} finally {
  if (args.keep) console.log(`Kept ${tree}`);
  else rmSync(tree, { recursive: true, force: true });
}

/** @param {string} tree @param {boolean} same */
function measure(tree, same) {
  timed(COMMANDS.eslint, tree);
  timed(COMMANDS['salesforce-session-lint'], tree);
  /** @type {{ eslint: number, bin: number }[]} */
  const runs = [];
  for (let pair = 0; pair < pairs; pair += 1) {
    // Alternate which goes first, so that neither always follows the other.
    if (pair % 2 === 0) {
      const eslint = timed(COMMANDS.eslint, tree);
      runs.push({ eslint, bin: timed(COMMANDS['salesforce-session-lint'], tree) });
    } else {
      const bin = timed(COMMANDS['salesforce-session-lint'], tree);
      runs.push({ eslint: timed(COMMANDS.eslint, tree), bin });
    }
  }
  const eslintMedian = median(runs.map((run) => run.eslint));
  const binMedian = median(runs.map((run) => run.bin));
  const overhead = median(runs.map((run) => run.bin / run.eslint)) - 1;
  console.log(`Load average after: ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
  console.log(`eslint .                   median ${(eslintMedian / 1000).toFixed(2)} s  (${runs.map((run) => (run.eslint / 1000).toFixed(2)).join(' ')})`);
  console.log(`salesforce-session-lint .  median ${(binMedian / 1000).toFixed(2)} s  (${runs.map((run) => (run.bin / 1000).toFixed(2)).join(' ')})`);
  console.log(`Overhead (median of ${pairs} pair ratios): ${(overhead * 100).toFixed(1)} %  (target ≤ ${TARGET * 100} %)`);
  process.exitCode = same && overhead <= TARGET ? 0 : 1;
}
