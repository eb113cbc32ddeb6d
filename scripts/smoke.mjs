// @ts-check
/**
 * Smoke run on real code: lints the node_modules corpus (scripts/corpus.mjs) with every rule of the built
 * plugin turned on, and fails when
 * - a rule throws, or produces a fatal message (named: file, rule, stack);
 * - a fix, applied in ESLint's multi-pass way, leaves code that no longer parses, or a second fix pass
 *   still changes it;
 * - a suggestion leaves code that no longer parses, or the rules throw on it.
 * Files that do not parse in any mode are skipped and counted; they are not rule failures.
 *
 * node_modules holds no Salesforce code, so the rules mostly stay silent there. Each file that writes a
 * URL literal is linted a second time as a Salesforce variant (`salesforceVariant`): real code shapes
 * with login-host data URLs in them, which drives the rules' reporting, fix and suggestion paths.
 *
 * Usage: npm run smoke [-- --max-files N] [--max-bytes B] [--slowest N] [--show-reports N]
 * (`npm run smoke` builds first; the run lints dist/, the code users get.)
 */
import { Linter } from 'eslint';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import plugin from '../dist/index.js';
import { collectCorpus, configFor, lintFilename, salesforceVariant } from './corpus.mjs';

/**
 * @typedef {import('./corpus.mjs').CorpusFile} CorpusFile
 * @typedef {import('./corpus.mjs').ParseMode} ParseMode
 * @typedef {import('eslint').Linter.LintMessage} LintMessage
 * @typedef {{ file: string, mode: string, rule: string | null, problem: string, detail: string }} Failure
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const { values: args } = parseArgs({
  options: {
    'max-files': { type: 'string' },
    'max-bytes': { type: 'string', default: '1000000' },
    slowest: { type: 'string', default: '10' },
    'show-reports': { type: 'string', default: '20' },
  },
});
const maxFiles = args['max-files'] === undefined ? Number.POSITIVE_INFINITY : Number(args['max-files']);
const maxBytes = Number(args['max-bytes']);

const namespace = plugin.meta.namespace;
/** Every rule the plugin has, deprecated or not (`checkConfigs` checks that `configs.all` holds each live one). */
const ruleIds = Object.keys(plugin.rules).map((name) => `${namespace}/${name}`);
const ruleSet = new Set(ruleIds);
const allRules = { plugins: { [namespace]: plugin }, rules: Object.fromEntries(ruleIds.map((id) => [id, 'error'])) };

/** @type {Failure[]} */
const failures = [];
const linter = new Linter({ configType: 'flat', cwd: ROOT });

/** What one pass over the corpus (the real files, or their Salesforce variants) found. */
class Tally {
  linted = 0;
  skipped = 0;
  suggestions = 0;
  fixable = 0;
  filesFixed = 0;
  /** @type {Map<string, number>} */
  byMode = new Map();
  reports = new Map(ruleIds.map((id) => [id, 0]));
  times = new Map(ruleIds.map((id) => [id, 0]));
  /** @type {{ file: string, line: number, rule: string, message: string }[]} */
  samples = [];
  /** @type {{ file: string, plugin: number, total: number }[]} */
  files = [];
}

/** @param {unknown} error */
function errorRule(error) {
  const ruleId = /** @type {{ ruleId?: unknown }} */ (error)?.ruleId;
  return typeof ruleId === 'string' ? ruleId : null;
}

/** @param {unknown} error */
function errorText(error) {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * The fatal message of a parse, or null when `code` parses in `mode`.
 * @param {string} code
 * @param {ParseMode} mode
 * @param {string} filename
 */
function parseError(code, mode, filename) {
  const messages = linter.verify(code, configFor(mode, {}), { filename });
  return messages.find((message) => message.fatal) ?? null;
}

/**
 * Lints `code` with every rule; returns the messages, or null after recording a crash.
 * @param {string} label
 * @param {CorpusFile} file
 * @param {ParseMode} mode
 * @param {string} code
 * @param {string} stage
 * @returns {LintMessage[] | null}
 */
function lintOrRecord(label, file, mode, code, stage) {
  try {
    const messages = linter.verify(code, configFor(mode, allRules), { filename: lintFilename(file) });
    const ruleFatal = messages.find((message) => message.fatal && message.ruleId !== null);
    if (!ruleFatal) return messages;
    failures.push({ file: label, mode: mode.name, rule: ruleFatal.ruleId, problem: `fatal message ${stage}`, detail: ruleFatal.message });
  } catch (error) {
    failures.push({ file: label, mode: mode.name, rule: errorRule(error), problem: `rule threw ${stage}`, detail: errorText(error) });
  }
  return null;
}

/**
 * Applies each suggestion alone; the result must parse and lint without a crash.
 * @param {Tally} tally
 * @param {string} label
 * @param {CorpusFile} file
 * @param {ParseMode} mode
 * @param {string} code
 * @param {LintMessage[]} messages
 */
function checkSuggestions(tally, label, file, mode, code, messages) {
  for (const message of messages) {
    for (const suggestion of message.suggestions ?? []) {
      tally.suggestions += 1;
      const { range, text } = suggestion.fix;
      const output = code.slice(0, range[0]) + text + code.slice(range[1]);
      const where = `suggestion "${suggestion.desc}" at ${message.line}:${message.column}`;
      const broken = parseError(output, mode, lintFilename(file));
      if (broken) {
        failures.push({ file: label, mode: mode.name, rule: message.ruleId, problem: `${where} breaks the code`, detail: broken.message });
      } else {
        lintOrRecord(label, file, mode, output, `on the output of ${where}`);
      }
    }
  }
}

/**
 * Applies every fix (ESLint's multi-pass loop); the result must parse, and a second loop must change nothing.
 * @param {Tally} tally
 * @param {string} label
 * @param {CorpusFile} file
 * @param {ParseMode} mode
 * @param {string} code
 */
function checkFixes(tally, label, file, mode, code) {
  const filename = lintFilename(file);
  const config = configFor(mode, allRules);
  let first;
  try {
    first = linter.verifyAndFix(code, config, { filename });
  } catch (error) {
    failures.push({ file: label, mode: mode.name, rule: errorRule(error), problem: 'rule threw while fixing', detail: errorText(error) });
    return;
  }
  if (!first.fixed) return;
  tally.filesFixed += 1;
  const broken = parseError(first.output, mode, filename);
  if (broken) {
    const rules = [...new Set(linter.verify(code, config, { filename }).filter((message) => message.fix).map((message) => message.ruleId))];
    failures.push({ file: label, mode: mode.name, rule: rules.join(', '), problem: 'fixed code does not parse', detail: `${broken.line}:${broken.column} ${broken.message}` });
    return;
  }
  const again = lintOrRecord(label, file, mode, first.output, 'on fixed code');
  const unstable = again && [...new Set(again.filter((message) => message.fix).map((message) => message.ruleId))];
  if (unstable && unstable.length > 0) {
    failures.push({ file: label, mode: mode.name, rule: unstable.join(', '), problem: 'a second fix pass would change the fixed code again', detail: '' });
  }
}

/**
 * Lints `code` in the first of `modes` that parses it, and checks its suggestions and fixes.
 * @param {Tally} tally
 * @param {CorpusFile} file
 * @param {string} code
 * @param {readonly ParseMode[]} modes
 * @param {string} label
 * @returns {ParseMode | null} the mode that parsed it
 */
function smoke(tally, file, code, modes, label) {
  const filename = lintFilename(file);
  for (const mode of modes) {
    let result;
    try {
      // verifyAndFix without fixing: one pass, and the only Linter call that collects per-rule `stats`.
      result = linter.verifyAndFix(code, configFor(mode, allRules), { filename, fix: false, stats: true });
    } catch (error) {
      failures.push({ file: label, mode: mode.name, rule: errorRule(error), problem: 'rule threw', detail: errorText(error) });
      tally.linted += 1;
      return mode;
    }
    const { messages } = result;
    const fatal = messages.find((message) => message.fatal);
    if (fatal && fatal.ruleId === null) continue; // does not parse this way: try the next mode
    // The linter's own warnings ("No matching configuration…") mean the file was not linted at all;
    // the only expected one says that an inline config comment was ignored.
    const setup = messages.find((message) => message.ruleId === null && !message.fatal && !message.message.includes('noInlineConfig'));
    if (setup) {
      failures.push({ file: label, mode: mode.name, rule: null, problem: 'the linter did not lint the file', detail: setup.message });
      return mode;
    }
    tally.linted += 1;
    tally.byMode.set(mode.name, (tally.byMode.get(mode.name) ?? 0) + 1);
    if (fatal) {
      failures.push({ file: label, mode: mode.name, rule: fatal.ruleId, problem: 'fatal message', detail: fatal.message });
      return mode;
    }
    const [pass] = linter.getTimes().passes;
    let pluginTime = 0;
    for (const [id, time] of Object.entries(pass?.rules ?? {})) {
      if (!ruleSet.has(id)) continue;
      pluginTime += time.total;
      tally.times.set(id, (tally.times.get(id) ?? 0) + time.total);
    }
    tally.files.push({ file: label, plugin: pluginTime, total: pass?.total ?? 0 });

    const reports = messages.filter((message) => message.ruleId !== null && ruleSet.has(message.ruleId));
    for (const message of reports) {
      const id = /** @type {string} */ (message.ruleId);
      tally.reports.set(id, (tally.reports.get(id) ?? 0) + 1);
      tally.samples.push({ file: label, line: message.line, rule: id, message: message.message });
    }
    checkSuggestions(tally, label, file, mode, code, reports);
    const fixable = reports.filter((message) => message.fix).length;
    tally.fixable += fixable;
    if (fixable > 0) checkFixes(tally, label, file, mode, code);
    return mode;
  }
  tally.skipped += 1;
  return null;
}

function checkConfigs() {
  const inAll = new Set(Object.keys(plugin.configs.all.rules));
  for (const [name, rule] of Object.entries(plugin.rules)) {
    const id = `${namespace}/${name}`;
    if (!rule.meta?.deprecated && !inAll.has(id)) {
      failures.push({ file: '-', mode: '-', rule: id, problem: 'a live rule is missing from configs.all', detail: '' });
    }
  }
}

const ms = (/** @type {number} */ value) => `${value.toFixed(1)} ms`;

/**
 * @param {string} title
 * @param {Tally} tally
 * @param {string} reportNote
 */
function summary(title, tally, reportNote) {
  const lines = [
    title,
    `  linted: ${tally.linted} (${[...tally.byMode].map(([mode, count]) => `${mode} ${count}`).join(', ') || 'none'}); parse-skipped: ${tally.skipped}`,
    '  reports and rule time per rule:',
    ...ruleIds.map((id) => `    ${id}: ${tally.reports.get(id)} report(s), ${ms(tally.times.get(id) ?? 0)}`),
    `  fixable reports: ${tally.fixable}; files fixed: ${tally.filesFixed}; suggestions applied: ${tally.suggestions}`,
  ];
  const slowest = Number(args.slowest);
  if (slowest > 0 && tally.files.length > 0) {
    lines.push('  slowest files by plugin rule time (plugin / whole lint):');
    for (const entry of tally.files.toSorted((a, b) => b.plugin - a.plugin).slice(0, slowest)) {
      lines.push(`    ${ms(entry.plugin).padStart(10)} / ${ms(entry.total).padStart(10)}  ${entry.file}`);
    }
  }
  const shown = Math.min(Number(args['show-reports']), tally.samples.length);
  if (shown > 0) {
    lines.push(`  reports (first ${shown} of ${tally.samples.length}; ${reportNote}):`);
    for (const report of tally.samples.slice(0, shown)) lines.push(`    ${report.file}:${report.line} ${report.rule}: ${report.message}`);
  }
  return lines;
}

const started = performance.now();
const corpus = collectCorpus({ root: ROOT, maxBytes, maxFiles });
checkConfigs();
const real = new Tally();
const variants = new Tally();
for (const file of corpus.files) {
  const code = readFileSync(file.path, 'utf8');
  const mode = smoke(real, file, code, file.modes, file.name);
  const variant = mode && salesforceVariant(code);
  if (variant !== null) smoke(variants, file, variant, [mode], `${file.name} (Salesforce variant)`);
}
const seconds = (performance.now() - started) / 1000;

const minimum = Math.min(500, maxFiles);
if (real.linted < minimum) {
  failures.push({ file: '-', mode: '-', rule: null, problem: `only ${real.linted} files linted, fewer than ${minimum}: is node_modules installed?`, detail: '' });
}

console.log(
  [
    `Smoke run with ${ruleIds.length} rule(s): ${ruleIds.join(', ')}`,
    `Corpus: ${corpus.candidates} .js/.cjs/.mjs/.ts files under node_modules; ${corpus.tooLarge} over ${maxBytes} bytes left out; ` +
      `${corpus.files.length} chosen${Number.isFinite(maxFiles) ? ` (an evenly spaced sample of at most ${maxFiles})` : ''}.`,
    ...summary('Real files:', real, 'node_modules holds no Salesforce code: each one is worth a look'),
    ...summary('Salesforce variants (URL literals swapped for login-host data URLs):', variants, 'expected'),
    `Time: ${seconds.toFixed(1)} s`,
  ].join('\n'),
);

if (failures.length > 0) {
  console.error(`\n${failures.length} failure(s):`);
  for (const failure of failures) {
    console.error(`\n✖ ${failure.file} [${failure.mode}] rule ${failure.rule ?? '(none)'}: ${failure.problem}`);
    if (failure.detail) console.error(failure.detail.replace(/^/gmu, '    '));
  }
  process.exitCode = 1;
} else {
  console.log('\nSmoke run passed: no crash, every fix and suggestion re-parses, fixes are stable.');
}
