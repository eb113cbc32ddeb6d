// @ts-check
/**
 * Which files of a repository a whole-repository scan lints (`npm run realworld -- --scan`, and the
 * benchmark's `--repos` run): JavaScript and TypeScript files as git lists them at a commit, each once,
 * without symbolic links, submodules, installed packages, build output, vendored copies, minified files
 * and files over 1 MB.
 */
import { FILE_EXTENSIONS } from './realworld-manifest.mjs';
import { listTree, readObjects, SUBMODULE_MODE, SYMLINK_MODE } from './realworld-git.mjs';

/** @typedef {import('./realworld-git.mjs').TreeEntry} TreeEntry */

/**
 * Lines of text, as an editor counts them.
 * @param {string} code
 */
export function lineCount(code) {
  if (code === '') return 0;
  let lines = 1;
  for (let index = code.indexOf('\n'); index !== -1; index = code.indexOf('\n', index + 1)) lines += 1;
  return code.endsWith('\n') ? lines - 1 : lines;
}

export const SKIP_REASONS = ['symlink', 'submodule', 'node_modules', 'output', 'vendored', 'minified', 'large', 'duplicate'];

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

/**
 * The files a scan lints at `commit`, with their text; counts what it leaves out in `skipped` (by reason).
 * @param {string} gitDir
 * @param {string} commit
 * @param {Record<string, number>} skipped
 * @returns {{ path: string, code: string }[]}
 */
export function scanFiles(gitDir, commit, skipped) {
  const tree = listTree(gitDir, commit);
  const libParents = compiledLibParents(tree);
  const seen = new Set();
  /** @type {TreeEntry[]} */
  const kept = [];
  for (const entry of tree) {
    const reason = scanSkip(entry, libParents, seen);
    if (reason === null) kept.push(entry);
    else if (reason !== '') skipped[reason] = (skipped[reason] ?? 0) + 1;
  }
  const contents = readObjects(
    gitDir,
    kept.map((entry) => entry.object),
    kept.map((entry) => entry.size),
  );
  /** @type {{ path: string, code: string }[]} */
  const files = [];
  for (const entry of kept) {
    const content = contents.get(entry.object);
    if (!content) continue;
    const code = content.toString('utf8');
    if (code.length / Math.max(1, lineCount(code)) > MAX_MEAN_LINE) {
      skipped.minified = (skipped.minified ?? 0) + 1;
      continue;
    }
    files.push({ path: entry.path, code });
  }
  return files;
}
