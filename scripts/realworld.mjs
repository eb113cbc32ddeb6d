// @ts-check
/**
 * How well the rules do on code that nobody here wrote: public repositories, read at pinned commits from a
 * local folder of checkouts, linted with the built plugin (dist/) and every rule on.
 *
 * - Corpus (the default): each entry of tests/realworld/manifest.json points at a range of lines of a file
 *   and says whether one rule should report there. A `report` entry is a true positive when a report of its
 *   rule starts inside the range, else a miss; a `clean` entry is a false report when one starts there,
 *   else a true negative. Prints each miss and false report, per-rule counts with recall and precision, how
 *   each idiom (`form`) fared, and last `realworld entries=N repos=M recall=R precision=P` over the entries
 *   not marked `stretch` (those are counted on the line before).
 * - Scan (`--scan`): lints every JavaScript and TypeScript file of each `scan` repository at its commit and
 *   prints every report, with the verdict that tests/realworld/judged.json holds for it (`UNJUDGED` when
 *   none: a new or moved report). Last line `scan kloc=K reports=R fp=F unjudged=U`.
 *
 * A repository `owner/name` is read from `DIR/owner+name` (a work tree or a bare git directory there, or one
 * level below). One that is not there is cloned from GitHub when the network allows (not with `--no-clone`);
 * else it is listed as missing and its entries are left out of the figures, not counted as misses.
 *
 * Usage: npm run realworld [-- --repos DIR] [--rule NAME] [--json] [--scan [--write-unjudged]]
 *        [--manifest FILE] [--judged FILE] [--no-clone] [--check]
 * (`npm run realworld` builds first; it lints with dist/, the code users get.) Exits 0 when the run is
 * complete, whatever the figures; 2 on bad input, with a one-line message.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { cloneRepo, findGitDir, hasCommit, listTree, readObjects, SUBMODULE_MODE, SYMLINK_MODE } from './realworld-git.mjs';
import { FILE_EXTENSIONS, judgedProblems, manifestProblems, parseJudgedKey } from './realworld-manifest.mjs';

/**
 * @typedef {import('./realworld-manifest.mjs').Entry} Entry
 * @typedef {import('./realworld-manifest.mjs').Manifest} Manifest
 * @typedef {import('./realworld-manifest.mjs').Judgement} Judgement
 * @typedef {import('./realworld-git.mjs').TreeEntry} TreeEntry
 * @typedef {{ line: number, rule: string, message: string }} Report
 * @typedef {{ reports: Report[] } | { error: string }} LintOutcome
 * @typedef {'tp' | 'fn' | 'fp' | 'tn'} Outcome
 * @typedef {{ tp: number, fn: number, fp: number, tn: number }} Counts
 */

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_REPOS = join(tmpdir(), 'eslint-plugin-salesforce-session-realworld');
/** Scan: files larger than this are bundles or data, not code someone wrote. */
const MAX_SCAN_BYTES = 1024 * 1024;
/** Scan: files whose lines average more than this many characters are minified. */
const MAX_MEAN_LINE = 500;

/** Directories whose files a scan skips: installed packages, build output, vendored copies. */
const SKIPPED_DIRECTORIES = new Map([
  ['node_modules', 'node_modules'],
  ...['dist', 'build', 'out', 'coverage', 'gen', 'generated', '__generated__', '.next', '.nuxt', '.output', '.svelte-kit'].map(
    (name) => /** @type {const} */ ([name, 'output']),
  ),
  ...[
    'vendor',
    'vendors',
    'vendored',
    'third_party',
    'third-party',
    'thirdparty',
    'bower_components',
    'jspm_packages',
    'web_modules',
    'staticresources',
    '.yarn',
  ].map((name) => /** @type {const} */ ([name, 'vendored'])),
]);
/** Top-level directories of copied libraries (a `dependencies` folder deeper down is usually the project's own). */
const VENDORED_AT_ROOT = new Set(['dependencies', 'deps']);
const MINIFIED_NAME = /[.-]min\.[cm]?js$|\.bundle\.[cm]?js$/u;
const DECLARATION = /\.d\.[cm]?ts$/u;
const SKIP_REASONS = ['symlink', 'submodule', 'node_modules', 'output', 'vendored', 'minified', 'large', 'duplicate'];

/** Ends the run on bad input: one line, exit 2. */
class BadInput extends Error {}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  throw new BadInput(message);
}

/** @param {string} line */
function say(line = '') {
  process.stdout.write(`${line}\n`);
}

/** @param {number} numerator @param {number} denominator */
function ratio(numerator, denominator) {
  return denominator === 0 ? null : numerator / denominator;
}

/** @param {number | null} value */
function fixed(value) {
  return value === null ? 'n/a' : value.toFixed(2);
}

/** @param {string} path @param {string} what */
function readJson(path, what) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return fail(`cannot read the ${what} ${path}: ${/** @type {NodeJS.ErrnoException} */ (error).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(`the ${what} ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** @param {string} path */
function shown(path) {
  const inside = relative(process.cwd(), path);
  return inside.startsWith('..') ? path : inside;
}

/** @param {string} file @param {string[]} problems */
function rejectProblems(file, problems) {
  if (problems.length === 0) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  fail(`${shown(file)}: ${problems[0]}${more}`);
}

/**
 * The built plugin, or a bad-input stop saying to build it.
 * @returns {Promise<{ plugin: any, namespace: string, ruleNames: Set<string> }>}
 */
async function loadPlugin() {
  const module = await import('../dist/index.js').catch((error) =>
    fail(`this script lints with the built plugin: run \`npm run build\` first (${error instanceof Error ? error.message : error})`),
  );
  const plugin = module.default;
  return { plugin, namespace: plugin.meta.namespace, ruleNames: new Set(Object.keys(plugin.rules)) };
}

/** Lints files of public repositories with every rule of the plugin, trying each parse mode of a name. */
class Lint {
  /**
   * ESLint and the parsers are loaded only for a run that lints, so that bad input stops at once.
   * @param {any} plugin
   * @param {string} namespace
   */
  static async load(plugin, namespace) {
    const [{ Linter }, corpus] = await Promise.all([import('eslint'), import('./corpus.mjs')]);
    return new Lint(new Linter({ configType: 'flat', cwd: ROOT }), corpus, plugin, namespace);
  }

  /**
   * @param {import('eslint').Linter} linter
   * @param {typeof import('./corpus.mjs')} corpus
   * @param {any} plugin
   * @param {string} namespace
   */
  constructor(linter, corpus, plugin, namespace) {
    this.linter = linter;
    this.corpus = corpus;
    /** @type {Map<string, import('eslint').Linter.Config[]>} one config per parse mode, made once */
    this.configs = new Map();
    this.prefix = `${namespace}/`;
    /** @type {string[]} */
    this.names = Object.keys(plugin.rules).sort();
    this.rules = {
      plugins: { [namespace]: plugin },
      rules: Object.fromEntries(Object.keys(plugin.rules).map((name) => [`${namespace}/${name}`, 'error'])),
    };
  }

  /**
   * The plugin's reports on `code`, or why there are none (no parse mode fits; a rule crashed).
   * @param {string} code
   * @param {string} name repository folder and path, for ESLint's file name
   * @returns {LintOutcome}
   */
  run(code, name) {
    const filename = this.corpus.lintFilename({ name, path: name, bytes: 0, modes: [] });
    let parseError = '';
    for (const mode of this.corpus.parseModesByName(name)) {
      let config = this.configs.get(mode.name);
      if (!config) {
        config = this.corpus.configFor(mode, this.rules);
        this.configs.set(mode.name, config);
      }
      let messages;
      try {
        messages = this.linter.verify(code, config, { filename });
      } catch (error) {
        return { error: `a rule threw: ${error instanceof Error ? error.message : String(error)}` };
      }
      const fatal = messages.find((message) => message.fatal);
      if (fatal && fatal.ruleId === null) {
        parseError ||= `does not parse (${mode.name}: line ${fatal.line}: ${fatal.message})`;
        continue;
      }
      if (fatal) return { error: `${fatal.ruleId} failed: ${fatal.message}` };
      const setup = messages.find((message) => message.ruleId === null && !message.message.includes('noInlineConfig'));
      if (setup) return { error: `not linted: ${setup.message}` };
      return {
        reports: messages
          .filter((message) => message.ruleId?.startsWith(this.prefix))
          .map((message) => ({ line: message.line, rule: String(message.ruleId).slice(this.prefix.length), message: message.message })),
      };
    }
    return { error: parseError };
  }
}

/**
 * Finds (or clones) each repository, and checks that it holds the commits asked for.
 * @param {Map<string, Set<string>>} wanted repository → commits
 * @param {string} reposDir
 * @param {boolean} clone
 * @returns {{ gitDirs: Map<string, string>, missing: Map<string, string> }} missing: `repo` or `repo@commit` → why
 */
function locateRepos(wanted, reposDir, clone) {
  /** @type {Map<string, string>} */
  const gitDirs = new Map();
  /** @type {Map<string, string>} */
  const missing = new Map();
  let offline = '';
  for (const [repo, commits] of wanted) {
    let gitDir = findGitDir(reposDir, repo);
    if (!gitDir) {
      if (!clone) {
        missing.set(repo, 'not in the folder of checkouts (cloning is off)');
        continue;
      }
      if (offline) {
        missing.set(repo, `not in the folder of checkouts; not cloned: ${offline}`);
        continue;
      }
      mkdirSync(reposDir, { recursive: true });
      const cloned = cloneRepo(reposDir, repo);
      if ('error' in cloned) {
        if (/resolve host|unable to access|Failed to connect|Could not read from remote/iu.test(cloned.error)) offline = 'no network';
        missing.set(repo, `not in the folder of checkouts; the clone failed: ${cloned.error}`);
        continue;
      }
      gitDir = cloned.gitDir;
    }
    gitDirs.set(repo, gitDir);
    for (const commit of commits) {
      if (!hasCommit(gitDir, commit)) missing.set(`${repo}@${commit}`, `commit ${commit} is not in ${shown(gitDir)}`);
    }
  }
  return { gitDirs, missing };
}

/** @param {Map<string, string>} missing */
function printMissing(missing) {
  for (const [what, why] of missing) say(`missing ${what}: ${why}`);
}

/** @param {string} code */
function lineCount(code) {
  if (code === '') return 0;
  let lines = 1;
  for (let index = code.indexOf('\n'); index !== -1; index = code.indexOf('\n', index + 1)) lines += 1;
  return code.endsWith('\n') ? lines - 1 : lines;
}

/** @returns {Counts} */
function zeroCounts() {
  return { tp: 0, fn: 0, fp: 0, tn: 0 };
}

/** @param {Counts} counts */
function withRates(counts) {
  return {
    ...counts,
    entries: counts.tp + counts.fn + counts.fp + counts.tn,
    recall: ratio(counts.tp, counts.tp + counts.fn),
    precision: ratio(counts.tp, counts.tp + counts.fp),
  };
}

/**
 * Scores each entry of the corpus.
 * @param {Manifest} manifest
 * @param {{ rule?: string, json: boolean, reposDir: string, clone: boolean, lint: Lint }} options
 */
function evaluate(manifest, { rule, json, reposDir, clone, lint }) {
  const entries = manifest.entries.filter((entry) => rule === undefined || entry.rule === rule);
  /** @type {Map<string, Set<string>>} */
  const wanted = new Map();
  for (const entry of entries) wanted.set(entry.repo, (wanted.get(entry.repo) ?? new Set()).add(entry.commit));
  const { gitDirs, missing } = locateRepos(wanted, reposDir, clone);

  /** @type {Map<string, { code: string | null, outcome: LintOutcome | null }>} */
  const files = new Map();
  const readable = entries.filter((entry) => gitDirs.has(entry.repo) && !missing.has(`${entry.repo}@${entry.commit}`));
  for (const [repo, gitDir] of gitDirs) {
    const names = [...new Set(readable.filter((entry) => entry.repo === repo).map((entry) => `${entry.commit}:${entry.path}`))];
    for (const [name, content] of readObjects(gitDir, names)) {
      files.set(`${repo}@${name}`, { code: content === null ? null : content.toString('utf8'), outcome: null });
    }
  }

  /** @type {{ entry: Entry, outcome: Outcome, line: number, message: string }[]} */
  const scored = [];
  /** @type {{ entry: Entry, error: string }[]} */
  const errors = [];
  for (const entry of readable) {
    const file = /** @type {{ code: string | null, outcome: LintOutcome | null }} */ (files.get(`${entry.repo}@${entry.commit}:${entry.path}`));
    if (file.code === null) {
      errors.push({ entry, error: `${entry.path} is not a file at ${entry.commit}` });
      continue;
    }
    const [start, end] = entry.lines;
    const lines = lineCount(file.code);
    if (end > lines) {
      errors.push({ entry, error: `lines ${start}-${end} run past the end of the file (${lines} lines)` });
      continue;
    }
    file.outcome ??= lint.run(file.code, `${entry.repo.replace('/', '+')}/${entry.path}`);
    if ('error' in file.outcome) {
      errors.push({ entry, error: file.outcome.error });
      continue;
    }
    const hit = file.outcome.reports.find((report) => report.rule === entry.rule && report.line >= start && report.line <= end);
    /** @type {Outcome} */
    const outcome = entry.expected === 'report' ? (hit ? 'tp' : 'fn') : hit ? 'fp' : 'tn';
    scored.push({ entry, outcome, line: hit?.line ?? start, message: hit?.message ?? '' });
  }

  const core = scored.filter(({ entry }) => !entry.stretch);
  const stretch = scored.filter(({ entry }) => entry.stretch);
  /** @param {typeof scored} list */
  const tally = (list) => {
    const counts = zeroCounts();
    for (const { outcome } of list) counts[outcome] += 1;
    return withRates(counts);
  };
  const ruleNames = [...new Set(entries.map((entry) => entry.rule))].sort();
  const rules = Object.fromEntries(ruleNames.map((name) => [name, tally(core.filter(({ entry }) => entry.rule === name))]));
  /** @type {Map<string, { hits: number, total: number, fn: number, fp: number }>} */
  const forms = new Map();
  for (const { entry, outcome } of scored) {
    const form = forms.get(entry.form) ?? { hits: 0, total: 0, fn: 0, fp: 0 };
    form.total += 1;
    if (outcome === 'tp' || outcome === 'tn') form.hits += 1;
    else form[outcome] += 1;
    forms.set(entry.form, form);
  }
  const formList = [...forms]
    .map(([form, counts]) => ({ form, ...counts }))
    .sort((a, b) => b.total - b.hits - (a.total - a.hits) || (a.form < b.form ? -1 : a.form > b.form ? 1 : 0));
  const total = tally(core);
  const repos = new Set(core.map(({ entry }) => entry.repo)).size;
  const missingEntries = entries.filter((entry) => !readable.includes(entry));
  /** @param {(typeof scored)[number]} item */
  const described = ({ entry, line, message }) => ({
    id: entry.id,
    repo: entry.repo,
    path: entry.path,
    line,
    lines: entry.lines,
    rule: entry.rule,
    form: entry.form,
    stretch: entry.stretch === true,
    ...(message ? { message } : {}),
  });

  if (json) {
    say(
      JSON.stringify(
        {
          date: manifest.date,
          entries: core.length,
          repos,
          recall: total.recall,
          precision: total.precision,
          rules,
          stretch: tally(stretch),
          forms: formList,
          misses: scored.filter(({ outcome }) => outcome === 'fn').map(described),
          falseReports: scored.filter(({ outcome }) => outcome === 'fp').map(described),
          errors: errors.map(({ entry, error }) => ({ id: entry.id, repo: entry.repo, path: entry.path, error })),
          missing: [...missing].map(([what, why]) => ({ what, why })),
          missingEntries: missingEntries.map((entry) => entry.id),
        },
        null,
        2,
      ),
    );
    return;
  }

  say(`corpus of ${manifest.date}: ${entries.length} entries${rule === undefined ? '' : ` for ${rule}`}`);
  printMissing(missing);
  if (missingEntries.length > 0) say(`left out: ${missingEntries.length} entries of missing repositories`);
  for (const { entry, error } of errors) say(`error ${entry.id} ${entry.repo} ${entry.path}: ${error}`);
  for (const item of scored.filter(({ outcome }) => outcome === 'fn' || outcome === 'fp')) {
    const { entry, outcome, line, message } = item;
    const label = outcome === 'fn' ? 'miss' : 'false report';
    const range = outcome === 'fn' ? ` (lines ${entry.lines[0]}-${entry.lines[1]})` : `: ${message}`;
    say(`${label} ${entry.id} ${entry.repo} ${entry.path}:${line} ${entry.rule} form=${entry.form}${entry.stretch ? ' stretch' : ''}${range}`);
  }
  say();
  const width = Math.max(4, ...ruleNames.map((name) => name.length));
  say(`${'rule'.padEnd(width)}  ${['tp', 'fn', 'fp', 'tn'].map((key) => key.padStart(4)).join('')}  recall  precision  entries`);
  for (const [name, counts] of Object.entries(rules)) {
    const cells = [counts.tp, counts.fn, counts.fp, counts.tn].map((count) => String(count).padStart(4)).join('');
    say(`${name.padEnd(width)}  ${cells}  ${fixed(counts.recall).padStart(6)}  ${fixed(counts.precision).padStart(9)}  ${String(counts.entries).padStart(7)}`);
  }
  say();
  for (const { form, hits, total: count, fn, fp } of formList) {
    say(`form ${form} ${hits}/${count}${fn > 0 ? ` missed=${fn}` : ''}${fp > 0 ? ` false=${fp}` : ''}`);
  }
  const extra = tally(stretch);
  say(
    `stretch entries=${extra.entries} tp=${extra.tp} fn=${extra.fn} fp=${extra.fp} tn=${extra.tn} recall=${fixed(extra.recall)} precision=${fixed(extra.precision)}`,
  );
  say(`realworld entries=${core.length} repos=${repos} recall=${fixed(total.recall)} precision=${fixed(total.precision)}`);
}

/**
 * Parents (`''` for the root, else `dir/`) whose `src/` holds TypeScript: their `lib/` is the compiled output.
 * @param {readonly TreeEntry[]} tree
 */
function compiledLibParents(tree) {
  const parents = new Set();
  for (const { path } of tree) {
    const match = /^(.*?)(?:^|\/)src\/.*\.[cm]?tsx?$/u.exec(path);
    if (match && !DECLARATION.test(path)) {
      const parent = match[1] ?? '';
      parents.add(parent === '' ? '' : `${parent}/`);
    }
  }
  return parents;
}

/**
 * Why a scan leaves a tree entry out, or null to lint it; `''` for files that are not JavaScript/TypeScript.
 * @param {TreeEntry} entry
 * @param {Set<string>} libParents
 * @param {Set<string>} seen blob ids already kept
 */
function scanSkip(entry, libParents, seen) {
  if (!FILE_EXTENSIONS.test(entry.path) || DECLARATION.test(entry.path)) return '';
  if (entry.mode === SYMLINK_MODE) return 'symlink';
  if (entry.mode === SUBMODULE_MODE || entry.type !== 'blob') return 'submodule';
  const segments = entry.path.split('/');
  if (segments.length > 1 && VENDORED_AT_ROOT.has(segments[0] ?? '')) return 'vendored';
  for (const segment of segments.slice(0, -1)) {
    const reason = SKIPPED_DIRECTORIES.get(segment);
    if (reason) return reason;
  }
  const lib = segments.indexOf('lib');
  if (lib !== -1 && libParents.has(segments.slice(0, lib).map((segment) => `${segment}/`).join(''))) return 'output';
  if (MINIFIED_NAME.test(entry.path)) return 'minified';
  if (entry.size > MAX_SCAN_BYTES) return 'large';
  if (seen.has(entry.object)) return 'duplicate';
  seen.add(entry.object);
  return null;
}

/** @param {string} code */
function nonBlankLines(code) {
  let count = 0;
  for (const line of code.split('\n')) if (line.trim() !== '') count += 1;
  return count;
}

/**
 * Lints whole repositories and compares the reports with the judged ones.
 * @param {Manifest} manifest
 * @param {Record<string, Judgement>} judged
 * @param {{ rule?: string, json: boolean, reposDir: string, clone: boolean, lint: Lint, judgedFile: string, writeUnjudged: boolean }} options
 */
function scan(manifest, judged, { rule, json, reposDir, clone, lint, judgedFile, writeUnjudged }) {
  const wanted = new Map(manifest.scan.map(({ repo, commit }) => [repo, new Set([commit])]));
  const { gitDirs, missing } = locateRepos(wanted, reposDir, clone);
  const skipped = Object.fromEntries(SKIP_REASONS.map((reason) => [reason, 0]));
  /** @type {{ key: string, repo: string, path: string, line: number, rule: string, message: string, verdict: 'tp' | 'fp' | null, why: string }[]} */
  const reports = [];
  /** @type {{ repo: string, path: string, error: string }[]} */
  const unlinted = [];
  /** @type {{ repo: string, commit: string, files: number, lines: number, reports: number }[]} */
  const repos = [];
  for (const { repo, commit } of manifest.scan) {
    const gitDir = gitDirs.get(repo);
    if (!gitDir || missing.has(`${repo}@${commit}`)) continue;
    const tree = listTree(gitDir, commit);
    const libParents = compiledLibParents(tree);
    const seen = new Set();
    const kept = [];
    for (const entry of tree) {
      const reason = scanSkip(entry, libParents, seen);
      if (reason === null) kept.push(entry);
      else if (reason !== '') skipped[reason] += 1;
    }
    const contents = readObjects(
      gitDir,
      kept.map((entry) => entry.object),
      kept.map((entry) => entry.size),
    );
    const summary = { repo, commit, files: 0, lines: 0, reports: 0 };
    for (const entry of kept) {
      const content = contents.get(entry.object);
      if (!content) continue;
      const code = content.toString('utf8');
      if (code.length / Math.max(1, lineCount(code)) > MAX_MEAN_LINE) {
        skipped.minified += 1;
        continue;
      }
      const outcome = lint.run(code, `${repo.replace('/', '+')}/${entry.path}`);
      if ('error' in outcome) {
        unlinted.push({ repo, path: entry.path, error: outcome.error });
        continue;
      }
      summary.files += 1;
      summary.lines += nonBlankLines(code);
      // One judged key per line and rule: two reports of a rule on one line are one finding.
      const keys = new Set();
      for (const report of outcome.reports) {
        const key = `${repo}:${entry.path}:${report.line} ${report.rule}`;
        if ((rule !== undefined && report.rule !== rule) || keys.has(key)) continue;
        keys.add(key);
        const judgement = judged[key];
        reports.push({ key, repo, path: entry.path, ...report, verdict: judgement?.verdict ?? null, why: judgement?.why ?? '' });
        summary.reports += 1;
      }
    }
    repos.push(summary);
  }

  const reported = new Set(reports.map(({ key }) => key));
  const scannedRepos = new Set(repos.map(({ repo }) => repo));
  const gone = Object.entries(judged)
    .filter(([key]) => {
      const parts = parseJudgedKey(key);
      return parts && scannedRepos.has(parts.repo) && (rule === undefined || parts.rule === rule) && !reported.has(key);
    })
    .map(([key, judgement]) => ({ key, verdict: judgement.verdict }));
  const kloc = repos.reduce((sum, { lines }) => sum + lines, 0) / 1000;
  const ruleNames = rule === undefined ? lint.names : [rule];
  const perRule = Object.fromEntries(
    ruleNames.map((name) => {
      const mine = reports.filter((report) => report.rule === name);
      const fp = mine.filter((report) => report.verdict === 'fp').length;
      return [
        name,
        {
          reports: mine.length,
          tp: mine.filter((report) => report.verdict === 'tp').length,
          fp,
          unjudged: mine.filter((report) => report.verdict === null).length,
          fpPer50kloc: kloc === 0 ? null : (fp * 50) / kloc,
        },
      ];
    }),
  );
  const fp = reports.filter((report) => report.verdict === 'fp').length;
  const unjudged = reports.filter((report) => report.verdict === null);

  if (writeUnjudged && unjudged.length > 0) {
    const next = { ...judged };
    for (const { key } of unjudged) next[key] ??= { verdict: null, why: '' };
    const sorted = Object.fromEntries(Object.keys(next).sort().map((key) => [key, next[key]]));
    writeFileSync(judgedFile, `${JSON.stringify(sorted, null, 2)}\n`);
  }

  if (json) {
    say(
      JSON.stringify(
        {
          kloc,
          reports,
          fp,
          unjudged: unjudged.length,
          rules: perRule,
          repos,
          skipped,
          unlinted,
          gone,
          missing: [...missing].map(([what, why]) => ({ what, why })),
        },
        null,
        2,
      ),
    );
    return;
  }

  printMissing(missing);
  for (const report of reports) {
    say(`${report.key} ${report.message} [${report.verdict ?? 'UNJUDGED'}]`);
  }
  for (const { key, verdict } of gone) say(`gone ${key}: judged ${verdict ?? 'null'}, no longer reported`);
  for (const { repo, path, error } of unlinted) say(`unlinted ${repo}:${path}: ${error}`);
  say();
  for (const summary of repos) {
    say(`repo ${summary.repo} ${summary.commit.slice(0, 12)} files=${summary.files} kloc=${(summary.lines / 1000).toFixed(1)} reports=${summary.reports}`);
  }
  say(`skipped ${SKIP_REASONS.map((reason) => `${reason}=${skipped[reason]}`).join(' ')} unlinted=${unlinted.length}`);
  for (const [name, counts] of Object.entries(perRule)) {
    say(
      `rule ${name} reports=${counts.reports} tp=${counts.tp} fp=${counts.fp} unjudged=${counts.unjudged} fp-per-50kloc=${fixed(counts.fpPer50kloc)}`,
    );
  }
  if (gone.length > 0) say(`gone=${gone.length} (judged reports no longer seen: moved or fixed)`);
  if (writeUnjudged && unjudged.length > 0) say(`wrote ${unjudged.length} unjudged keys to ${shown(judgedFile)}`);
  say(`scan kloc=${kloc.toFixed(1)} reports=${reports.length} fp=${fp} unjudged=${unjudged.length}`);
}

async function main() {
  let args;
  try {
    ({ values: args } = parseArgs({
      options: {
        manifest: { type: 'string', default: join(ROOT, 'tests/realworld/manifest.json') },
        judged: { type: 'string', default: join(ROOT, 'tests/realworld/judged.json') },
        repos: { type: 'string', default: DEFAULT_REPOS },
        rule: { type: 'string' },
        json: { type: 'boolean', default: false },
        scan: { type: 'boolean', default: false },
        'write-unjudged': { type: 'boolean', default: false },
        'no-clone': { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  if (args['write-unjudged'] && !args.scan) fail('--write-unjudged goes with --scan');
  const { plugin, namespace, ruleNames } = await loadPlugin();
  const rule = args.rule?.startsWith(`${namespace}/`) ? args.rule.slice(namespace.length + 1) : args.rule;
  if (rule !== undefined && !ruleNames.has(rule)) fail(`--rule ${args.rule}: not one of the plugin's rules (${[...ruleNames].join(', ')})`);

  const manifestFile = resolve(args.manifest);
  const manifest = readJson(manifestFile, 'manifest');
  rejectProblems(manifestFile, manifestProblems(manifest, ruleNames));
  const judgedFile = resolve(args.judged);
  const judged = args.check || args.scan ? readJson(judgedFile, 'judged reports file') : {};
  rejectProblems(judgedFile, judgedProblems(judged, ruleNames, { complete: args.check }));
  if (args.check) {
    say(`ok: ${manifest.entries.length} entries, ${manifest.scan.length} scan repositories, ${Object.keys(judged).length} judged reports`);
    return;
  }
  const options = { rule, json: args.json, reposDir: resolve(args.repos), clone: !args['no-clone'], lint: await Lint.load(plugin, namespace) };
  if (args.scan) scan(manifest, judged, { ...options, judgedFile, writeUnjudged: args['write-unjudged'] });
  else evaluate(manifest, options);
}

// Output piped into `head` and the like: stop quietly when the reader has gone.
process.stdout.on('error', (error) => {
  if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EPIPE') throw error;
  process.exit(0);
});

main().catch((error) => {
  if (!(error instanceof BadInput)) throw error;
  process.stderr.write(`realworld: ${error.message}\n`);
  process.exitCode = 2;
});
