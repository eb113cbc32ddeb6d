// @ts-check
/**
 * Benchmark of the plugin's rules, timed by ESLint itself (`stats: true`), in one run:
 * 1. share: the plugin rules' part of the whole lint time (parse, scope analysis, every rule) over the
 *    node_modules corpus (scripts/corpus.mjs), linted with `@eslint/js` recommended plus every plugin rule;
 * 2. ratio: the plugin rules' time over the core rule `no-unused-vars`' time on the same corpus;
 * 3. growth: the plugin rules' time on a generated Salesforce-heavy file of 2N functions over N functions
 *    (fetch calls, template URLs, 401 checks, token responses, axios instances, classes, retries), for a
 *    few sizes; linear cost gives about 2.
 * 4. with `--repos DIR`: share and ratio again, per rule, over Salesforce-heavy real code, the files of the
 *    whole-repository scans (tests/realworld/manifest.json `scan`, read with git from DIR as
 *    `npm run realworld` reads them).
 * Targets: share ≤ 2 %, ratio ≤ 0.5 (on both corpora), growth ≤ 2.2 (fitted over the sizes). Exits
 * non-zero on a miss.
 *
 * Usage: npm run bench [-- --max-files N] [--sizes 200,400,800] [--repeats 5] [--passes 3]
 *        [--only corpus|growth|repos] [--repos DIR]
 * (`npm run bench` builds first; it times dist/, the code users get.)
 */
import js from '@eslint/js';
import { Linter } from 'eslint';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import plugin from '../dist/index.js';
import { collectCorpus, configFor, lintFilename, PARSE_MODES, parseModesByName } from './corpus.mjs';
import { salesforceProgram } from './salesforce-program.mjs';
import { findGitDir } from './realworld-git.mjs';
import { scanFiles } from './realworld-scan.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS = { share: 0.02, ratio: 0.5, growth: 2.2 };

const { values: args } = parseArgs({
  options: {
    'max-files': { type: 'string' },
    'max-bytes': { type: 'string', default: '1000000' },
    sizes: { type: 'string', default: '200,400,800' },
    repeats: { type: 'string', default: '5' },
    passes: { type: 'string', default: '3' },
    only: { type: 'string' },
    repos: { type: 'string' },
  },
});
const maxFiles = args['max-files'] === undefined ? Number.POSITIVE_INFINITY : Number(args['max-files']);
const sizes = args.sizes.split(',').map(Number);
const repeats = Number(args.repeats);
const passes = Number(args.passes);

const namespace = plugin.meta.namespace;
const ruleIds = Object.keys(plugin.rules).map((name) => `${namespace}/${name}`);
const ruleSet = new Set(ruleIds);
const pluginRules = Object.fromEntries(ruleIds.map((id) => [id, 'error']));
const linter = new Linter({ configType: 'flat', cwd: ROOT });

/**
 * Lints once with per-rule stats. Null when the code does not parse.
 * @param {string} code
 * @param {import('./corpus.mjs').ParseMode} mode
 * @param {string} filename
 * @param {Record<string, string>} rules
 */
function timed(code, mode, filename, rules) {
  const config = configFor(mode, { plugins: { [namespace]: plugin }, rules });
  let messages;
  try {
    ({ messages } = linter.verifyAndFix(code, config, { filename, fix: false, stats: true }));
  } catch (error) {
    // A core rule that cannot handle the file (no-unused-vars on some TypeScript) leaves it out; a plugin
    // rule that throws is a bug, and ends the benchmark.
    if (String(/** @type {Error} */ (error).message).includes(`Rule: "${namespace}/`)) throw error;
    return null;
  }
  if (messages.some((message) => message.fatal)) return null;
  const [pass] = linter.getTimes().passes;
  /** @type {Record<string, number>} */
  const rulesTime = {};
  for (const [id, time] of Object.entries(pass?.rules ?? {})) rulesTime[id] = time.total;
  return { total: pass?.total ?? 0, parse: pass?.parse?.total ?? 0, rules: rulesTime };
}

/** @param {Record<string, number>} rules */
function pluginTime(rules) {
  let sum = 0;
  for (const [id, time] of Object.entries(rules)) if (ruleSet.has(id)) sum += time;
  return sum;
}

// ---------------------------------------------------------------------------------------------------
// 1 and 2: the real corpus

/**
 * The files of the whole-repository scans, with their parse modes, as `npm run realworld -- --scan` lints them.
 * @param {string} reposDir
 */
function scanCorpus(reposDir) {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'tests/realworld/manifest.json'), 'utf8'));
  /** @type {{ path: string, code: string, modes: import('./corpus.mjs').ParseMode[] }[]} */
  const files = [];
  const missing = [];
  for (const { repo, commit } of manifest.scan) {
    const gitDir = findGitDir(reposDir, repo);
    if (!gitDir) {
      missing.push(repo);
      continue;
    }
    for (const { path, code } of scanFiles(gitDir, commit, {})) {
      if (files.length >= maxFiles) break;
      files.push({ path: `${repo.replace('/', '+')}/${path}`, code, modes: parseModesByName(path) });
    }
  }
  return { files, missing };
}

/**
 * Lints every file `passes` times with @eslint/js recommended + every plugin rule; per rule, the sum over
 * files of each file's fastest time.
 * @param {{ path: string, code: string, modes: import('./corpus.mjs').ParseMode[], filename: string }[]} files
 */
function timeFiles(files) {
  const rules = { ...js.configs.recommended.rules, ...pluginRules };
  /** @type {{ code: string, mode: import('./corpus.mjs').ParseMode, filename: string, total: number, rules: Record<string, number> }[]} */
  const linted = [];
  const started = performance.now();
  // A pass starts from a collected heap (with `node --expose-gc`, as `npm run bench` runs it): garbage an
  // earlier corpus or pass left is not collected in this one's time.
  globalThis.gc?.();
  for (const file of files) {
    for (const mode of file.modes) {
      const result = timed(file.code, mode, file.filename, rules);
      if (!result) continue;
      linted.push({ code: file.code, mode, filename: file.filename, total: result.total, rules: result.rules });
      break;
    }
  }
  // Further passes over the whole corpus; each file keeps, per rule and for the whole lint, its fastest
  // time. A pause for garbage collection, or another process taking the CPU, lands in whatever rule
  // happens to run; the fastest of several runs leaves it out. Each further pass lints the files in
  // another order (the same orders on every run): in one order every pass would allocate alike, and a
  // pause would land on the same file and rule in every pass, where no fastest run could leave it out.
  const order = [...linted];
  let seed = 1;
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  for (let pass = 1; pass < passes; pass += 1) {
    for (let index = order.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [order[index], order[other]] = [order[other], order[index]];
    }
    globalThis.gc?.();
    for (const entry of order) {
      const result = timed(entry.code, entry.mode, entry.filename, rules);
      if (!result) continue;
      entry.total = Math.min(entry.total, result.total);
      for (const [id, time] of Object.entries(result.rules)) entry.rules[id] = Math.min(entry.rules[id] ?? time, time);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  let total = 0;
  /** @type {Record<string, number>} */
  const perRule = {};
  for (const entry of linted) {
    total += entry.total;
    for (const [id, time] of Object.entries(entry.rules)) perRule[id] = (perRule[id] ?? 0) + time;
  }
  const pluginMs = pluginTime(perRule);
  const noUnusedVars = perRule['no-unused-vars'] ?? Number.NaN;
  const slowestCore = Object.entries(perRule)
    .filter(([id]) => !ruleSet.has(id))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5);
  return { files: files.length, linted: linted.length, seconds, total, plugin: pluginMs, noUnusedVars, perRule, slowestCore };
}

function corpusRun() {
  const { files } = collectCorpus({ root: ROOT, maxBytes: Number(args['max-bytes']), maxFiles });
  return timeFiles(files.map((file) => ({ path: file.path, code: readFileSync(file.path, 'utf8'), modes: file.modes, filename: lintFilename(file) })));
}

// ---------------------------------------------------------------------------------------------------
// 3: growth on generated Salesforce-heavy code

function growthRun() {
  const mode = PARSE_MODES.module;
  const config = configFor(mode, { plugins: { [namespace]: plugin }, rules: pluginRules });
  // no-unused-vars runs too, for comparison on code where every plugin rule has work to do.
  const rules = { ...pluginRules, 'no-unused-vars': 'error' };
  const programs = sizes.map((units) => ({ units, code: salesforceProgram(units), best: Number.POSITIVE_INFINITY, core: Number.POSITIVE_INFINITY }));
  // Sizes take turns, so that a slow moment of the machine does not fall on one size only; each size
  // keeps its fastest run.
  for (let run = 0; run < repeats; run += 1) {
    for (const program of programs) {
      // Each run starts from a collected heap (with `node --expose-gc`, as `npm run bench` runs it), so
      // that garbage left by an earlier, larger run is not collected in this one's time.
      globalThis.gc?.();
      const result = timed(program.code, mode, 'generated.js', rules);
      if (!result) throw new Error(`the generated program of ${program.units} units does not parse`);
      program.best = Math.min(program.best, pluginTime(result.rules));
      program.core = Math.min(program.core, result.rules['no-unused-vars'] ?? Number.NaN);
    }
  }
  const rows = programs.map(({ units, code, best, core }) => ({
    units,
    lines: code.split('\n').length,
    plugin: best,
    noUnusedVars: core,
    reports: linter.verify(code, config, { filename: 'generated.js' }).length,
  }));
  /** @type {{ from: number, to: number, growth: number }[]} */
  const pairs = [];
  for (const row of rows) {
    const double = rows.find((other) => other.units === row.units * 2);
    if (double) pairs.push({ from: row.units, to: double.units, growth: double.plugin / row.plugin });
  }
  return { rows, pairs, growth: 2 ** logSlope(rows.map((row) => [row.units, row.plugin])) };
}

/**
 * The least-squares slope of log(time) over log(size): time grows as size to that power, and doubling
 * the size multiplies the time by 2 to that power. Steadier than any one pair of sizes.
 * @param {[number, number][]} points
 */
function logSlope(points) {
  const logs = points.map(([x, y]) => [Math.log(x), Math.log(y)]);
  const meanX = logs.reduce((sum, [x]) => sum + x, 0) / logs.length;
  const meanY = logs.reduce((sum, [, y]) => sum + y, 0) / logs.length;
  let covariance = 0;
  let variance = 0;
  for (const [x, y] of logs) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return covariance / variance;
}

// ---------------------------------------------------------------------------------------------------

const ms = (/** @type {number} */ value) => `${value.toFixed(0)} ms`;
const cpu = cpus();
const lines = [
  `Machine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; Node ${process.version}; ESLint ${Linter.version}`,
  `Plugin rules (${ruleIds.length}): ${ruleIds.join(', ')}`,
];
/** @type {string[]} */
const misses = [];

/**
 * Share and ratio lines for one timed corpus, and the targets it misses.
 * @param {ReturnType<typeof timeFiles>} corpus
 * @param {string} what
 */
function corpusLines(corpus, what) {
  const share = corpus.plugin / corpus.total;
  const ratio = corpus.plugin / corpus.noUnusedVars;
  lines.push(
    '',
    `${what}: ${corpus.linted} of ${corpus.files} files linted ${passes} times with @eslint/js recommended + every plugin rule, in ${corpus.seconds.toFixed(1)} s`,
    '  (each file counts its fastest time per rule and for the whole lint)',
    `  whole lint time (ESLint stats, sum of per-file totals): ${ms(corpus.total)}`,
    `  plugin rules: ${ms(corpus.plugin)}`,
    ...ruleIds.map((id) => `    ${id}: ${ms(corpus.perRule[id] ?? 0)} (${((corpus.perRule[id] ?? 0) / corpus.noUnusedVars).toFixed(3)} × no-unused-vars)`),
    `  no-unused-vars: ${ms(corpus.noUnusedVars)}`,
    `  slowest core rules: ${corpus.slowestCore.map(([id, time]) => `${id} ${ms(time)}`).join(', ')}`,
    `  share: ${(share * 100).toFixed(2)} % (target ≤ ${TARGETS.share * 100} %)`,
    `  ratio to no-unused-vars: ${ratio.toFixed(3)} (target ≤ ${TARGETS.ratio})`,
  );
  if (!(share <= TARGETS.share)) misses.push(`${what}: share ${(share * 100).toFixed(2)} % > ${TARGETS.share * 100} %`);
  if (!(ratio <= TARGETS.ratio)) misses.push(`${what}: ratio ${ratio.toFixed(3)} > ${TARGETS.ratio}`);
}

if (args.only === undefined || args.only === 'corpus') corpusLines(corpusRun(), 'Corpus (node_modules)');

if (args.repos !== undefined && (args.only === undefined || args.only === 'repos')) {
  const { files, missing } = scanCorpus(args.repos);
  if (missing.length > 0) lines.push('', `Scan repositories missing from ${args.repos}: ${missing.join(', ')}`);
  corpusLines(timeFiles(files.map((file) => ({ ...file, filename: file.path }))), 'Salesforce-heavy real code (the scan repositories)');
}

if (args.only === undefined || args.only === 'growth') {
  const { rows, pairs, growth } = growthRun();
  lines.push(
    '',
    `Growth on generated Salesforce-heavy code (plugin rules only, fastest of ${repeats} runs):`,
    ...rows.map(
      (row) =>
        `  ${String(row.units).padStart(5)} units, ${String(row.lines).padStart(6)} lines: ${row.plugin.toFixed(1).padStart(8)} ms, ${row.reports} reports (no-unused-vars ${row.noUnusedVars.toFixed(1)} ms: ${(row.plugin / row.noUnusedVars).toFixed(1)} ×)`,
    ),
    `  2N/N: ${pairs.map((entry) => `${entry.to}/${entry.from} ${entry.growth.toFixed(2)}`).join(', ')}`,
    `  growth per doubling, fitted over all sizes: ${growth.toFixed(2)} (target ≤ ${TARGETS.growth})`,
  );
  if (!(growth <= TARGETS.growth)) misses.push(`growth ${growth.toFixed(2)} > ${TARGETS.growth}`);
}

console.log(lines.join('\n'));
if (misses.length > 0) {
  console.error(`\nTargets missed: ${misses.join('; ')}`);
  process.exitCode = 1;
} else {
  console.log('\nAll targets met.');
}
