// @ts-check
/**
 * The two data files of the real-world measurement (scripts/realworld.mjs), and their checks:
 *
 * - tests/realworld/manifest.json: the labelled corpus (`entries`: a file of a public repository at a pinned
 *   commit, a rule, and whether that rule should report in a range of lines), and the repositories that
 *   `--scan` lints whole (`scan`). Pointers and labels only: no code from those repositories.
 * - tests/realworld/judged.json: the verdict on each report that a scan has shown, keyed by
 *   `owner/name:path:line rule`.
 *
 * Every problem is named by where it is (the entry's id, or the key) and the field, so a merge of several
 * labellers' files says what to fix.
 */

/**
 * @typedef {object} Entry
 * @property {string} id
 * @property {string} repo `owner/name`
 * @property {string} commit
 * @property {string} path
 * @property {string} rule without the plugin prefix
 * @property {'report' | 'clean'} expected
 * @property {[number, number]} lines 1-based, inclusive
 * @property {string} form the idiom, a short kebab-case tag
 * @property {string} why
 * @property {boolean} [stretch] a finding beyond what the rules set out to catch: counted apart
 */
/** @typedef {{ repo: string, commit: string, why: string }} ScanRepo */
/** @typedef {{ date: string, entries: Entry[], scan: ScanRepo[] }} Manifest */
/** @typedef {{ verdict: 'tp' | 'fp' | null, why: string }} Judgement */

export const FILE_EXTENSIONS = /\.(?:[cm]?[jt]s|[jt]sx)$/u;
const REPO = /^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+$/u;
const COMMIT = /^[0-9a-f]{40}$/u;
const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-[0-9]+$/u;
const FORM = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/u;
/** The longest range an entry may point at: the brief asks for a construct, not a file. */
export const MAX_SPAN = 200;

const ENTRY_FIELDS = new Set(['id', 'repo', 'commit', 'path', 'rule', 'expected', 'lines', 'form', 'why', 'stretch']);
const SCAN_FIELDS = new Set(['repo', 'commit', 'why']);
const MANIFEST_FIELDS = new Set(['date', 'entries', 'scan']);

/** @param {unknown} value */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {unknown} value */
function isText(value) {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * A repository-relative path to a JavaScript or TypeScript file.
 * @param {unknown} path
 */
function pathProblem(path) {
  if (!isText(path)) return 'must be a non-empty string';
  const text = /** @type {string} */ (path);
  if (text.startsWith('/') || text.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return 'must be a relative path inside the repository, with `/` and no `.` or `..` segments';
  }
  if (!FILE_EXTENSIONS.test(text)) return 'must name a .js, .mjs, .cjs, .jsx, .ts, .mts, .cts or .tsx file';
  return null;
}

/**
 * The problems of one labelled entry, each as `field: what is wrong`.
 * @param {Record<string, unknown>} entry
 * @param {ReadonlySet<string>} ruleNames
 * @returns {string[]}
 */
function entryProblems(entry, ruleNames) {
  const problems = [];
  for (const key of Object.keys(entry)) {
    if (!ENTRY_FIELDS.has(key)) problems.push(`field "${key}" is not an entry field`);
  }
  if (typeof entry.id !== 'string' || !ID.test(entry.id)) problems.push('field "id" must look like `rt-001` (prefix, dash, number)');
  if (typeof entry.repo !== 'string' || !REPO.test(entry.repo)) problems.push('field "repo" must be `owner/name`');
  if (typeof entry.commit !== 'string' || !COMMIT.test(entry.commit)) problems.push('field "commit" must be 40 lowercase hex digits');
  const path = pathProblem(entry.path);
  if (path) problems.push(`field "path" ${path}`);
  if (typeof entry.rule !== 'string' || !ruleNames.has(entry.rule)) {
    problems.push(`field "rule" must be one of the plugin's rules (${[...ruleNames].join(', ')}), without the prefix`);
  }
  if (entry.expected !== 'report' && entry.expected !== 'clean') problems.push('field "expected" must be "report" or "clean"');
  const { lines } = entry;
  if (
    !Array.isArray(lines) ||
    lines.length !== 2 ||
    !lines.every((line) => Number.isInteger(line) && line >= 1) ||
    lines[0] > lines[1]
  ) {
    problems.push('field "lines" must be [start, end]: whole numbers, 1 or more, start <= end');
  } else if (lines[1] - lines[0] + 1 > MAX_SPAN) {
    problems.push(`field "lines" spans ${lines[1] - lines[0] + 1} lines; point at the construct (at most ${MAX_SPAN})`);
  }
  if (typeof entry.form !== 'string' || !FORM.test(entry.form)) problems.push('field "form" must be a short kebab-case tag');
  if (!isText(entry.why)) problems.push('field "why" must say, in a sentence or three, what the code does');
  if (entry.stretch !== undefined && typeof entry.stretch !== 'boolean') problems.push('field "stretch" must be true or false');
  return problems;
}

/**
 * The problems of one scan repository.
 * @param {Record<string, unknown>} scan
 * @returns {string[]}
 */
function scanProblems(scan) {
  const problems = [];
  for (const key of Object.keys(scan)) {
    if (!SCAN_FIELDS.has(key)) problems.push(`field "${key}" is not a scan field`);
  }
  if (typeof scan.repo !== 'string' || !REPO.test(scan.repo)) problems.push('field "repo" must be `owner/name`');
  if (typeof scan.commit !== 'string' || !COMMIT.test(scan.commit)) problems.push('field "commit" must be 40 lowercase hex digits');
  if (!isText(scan.why)) problems.push('field "why" must say why this repository is worth scanning');
  return problems;
}

/**
 * The problems of each item of a list (entries, or scan repositories), each line naming the item by its
 * `key` field (else by position); a `key` that an earlier item already has is a problem too.
 * @param {unknown} list
 * @param {string} kind
 * @param {string} key
 * @param {(item: Record<string, unknown>) => string[]} check
 * @returns {string[]}
 */
function itemProblems(list, kind, key, check) {
  const problems = [];
  const seen = new Set();
  for (const [index, item] of (Array.isArray(list) ? list : []).entries()) {
    if (!isObject(item)) {
      problems.push(`${kind} #${index + 1}: must be an object`);
      continue;
    }
    const value = item[key];
    const name = typeof value === 'string' && value !== '' ? value : `#${index + 1}`;
    if (typeof value === 'string' && seen.has(value)) problems.push(`${kind} ${name}: field "${key}" is used by an earlier ${kind}`);
    seen.add(value);
    for (const problem of check(item)) problems.push(`${kind} ${name}: ${problem}`);
  }
  return problems;
}

/**
 * Every problem of a parsed manifest, each a line naming the entry (by id, else by position) and the field.
 * @param {unknown} manifest
 * @param {ReadonlySet<string>} ruleNames
 * @returns {string[]}
 */
export function manifestProblems(manifest, ruleNames) {
  if (!isObject(manifest)) return ['the manifest must be an object with "date", "entries" and "scan"'];
  const record = /** @type {Record<string, unknown>} */ (manifest);
  const problems = [];
  for (const key of Object.keys(record)) {
    if (!MANIFEST_FIELDS.has(key)) problems.push(`field "${key}" is not a manifest field`);
  }
  if (typeof record.date !== 'string' || !DATE.test(record.date)) problems.push('field "date" must be YYYY-MM-DD');
  if (!Array.isArray(record.entries)) problems.push('field "entries" must be an array');
  if (!Array.isArray(record.scan)) problems.push('field "scan" must be an array');
  problems.push(
    ...itemProblems(record.entries, 'entry', 'id', (entry) => entryProblems(entry, ruleNames)),
    ...itemProblems(record.scan, 'scan', 'repo', scanProblems),
  );
  return problems;
}

/** `owner/name:path:line rule` */
const JUDGED_KEY = /^([A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+):(.+):([1-9][0-9]*) ([a-z0-9-]+)$/u;

/**
 * The parts of a judged.json key, or null when it is not one.
 * @param {string} key
 * @returns {{ repo: string, path: string, line: number, rule: string } | null}
 */
export function parseJudgedKey(key) {
  const match = JUDGED_KEY.exec(key);
  if (!match) return null;
  const [, repo = '', path = '', line = '', rule = ''] = match;
  return { repo, path, line: Number(line), rule };
}

/**
 * Every problem of a parsed judged.json. With `complete`, a verdict still null (written by
 * `--write-unjudged`, not yet filled in) is a problem too.
 * @param {unknown} judged
 * @param {ReadonlySet<string>} ruleNames
 * @param {{ complete?: boolean }} [options]
 * @returns {string[]}
 */
export function judgedProblems(judged, ruleNames, { complete = false } = {}) {
  if (!isObject(judged)) return ['judged.json must be an object keyed by `owner/name:path:line rule`'];
  const problems = [];
  for (const [key, value] of Object.entries(/** @type {Record<string, unknown>} */ (judged))) {
    const parts = parseJudgedKey(key);
    if (!parts) {
      problems.push(`key "${key}": must be \`owner/name:path:line rule\``);
      continue;
    }
    const path = pathProblem(parts.path);
    if (path) problems.push(`key "${key}": the path ${path}`);
    if (!ruleNames.has(parts.rule)) problems.push(`key "${key}": "${parts.rule}" is not one of the plugin's rules`);
    if (!isObject(value)) {
      problems.push(`key "${key}": must be { "verdict": "tp" | "fp", "why": "..." }`);
      continue;
    }
    const { verdict, why, ...rest } = /** @type {Record<string, unknown>} */ (value);
    for (const field of Object.keys(rest)) problems.push(`key "${key}": field "${field}" is not a judgement field`);
    if (verdict === null) {
      if (complete) problems.push(`key "${key}": field "verdict" is not filled in yet`);
    } else if (verdict !== 'tp' && verdict !== 'fp') {
      problems.push(`key "${key}": field "verdict" must be "tp" or "fp"`);
    } else if (!isText(why)) {
      problems.push(`key "${key}": field "why" must say why, read from the code`);
    }
    if (why !== undefined && typeof why !== 'string') problems.push(`key "${key}": field "why" must be a string`);
  }
  return problems;
}
