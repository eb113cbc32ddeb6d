/**
 * Which files the command lints. A file named on the command line is linted when it is JavaScript or
 * TypeScript. A folder is walked: what `.gitignore` files ignore (the folder's own, those below it, and those
 * above it up to the repository root) is skipped, and so are dependencies, version-control folders, build
 * output, minified files and declaration files, which hold no session code of the project's own.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ignoredBy, parseIgnoreFile, type IgnoreRule } from './gitignore';

/** The extensions linted, JavaScript and TypeScript. */
export const LINTED_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'];
export const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx'];

/** Folders never walked: dependencies, version control, build output and tool caches. */
export const SKIPPED_FOLDERS = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'coverage',
  '.nyc_output',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.angular',
  '.turbo',
  '.vercel',
  '.netlify',
  '.serverless',
  '.cache',
  '.parcel-cache',
  '.docusaurus',
  'storybook-static',
  '.sfdx',
  '.sf',
]);

/** Whether a file name is one the walk lints: JavaScript or TypeScript, not minified, not a declaration file. */
export function isLintedName(name: string): boolean {
  if (!LINTED_EXTENSIONS.includes(extname(name))) return false;
  if (/[.-]min\.[cm]?js$/u.test(name)) return false;
  return !/\.d\.[cm]?ts$/u.test(name);
}

/**
 * Whether `@typescript-eslint/parser` reads the file: TypeScript, and the JavaScript of Lightning web components
 * (a `.js` file in an `lwc` folder), whose decorators ESLint's own parser cannot read. `path` is relative to
 * the folder ESLint runs in; config.ts says the same with globs.
 */
export function needsTypescriptParser(path: string): boolean {
  const extension = extname(path);
  return TYPESCRIPT_EXTENSIONS.includes(extension) || (extension === '.js' && `/${toPosix(path)}`.includes('/lwc/'));
}

/** The `.gitignore` rules in force in one folder, each with the folder it is relative to. */
interface IgnoreLevel {
  base: string;
  rules: IgnoreRule[];
}

function readIgnoreFile(folder: string): IgnoreLevel | null {
  let text: string;
  try {
    text = readFileSync(join(folder, '.gitignore'), 'utf8');
  } catch {
    return null;
  }
  const rules = parseIgnoreFile(text);
  return rules.length > 0 ? { base: folder, rules } : null;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/** Whether the levels (outermost first) ignore `path`: the deepest file with a matching line decides. */
function isIgnored(levels: readonly IgnoreLevel[], path: string, isDirectory: boolean): boolean {
  for (let index = levels.length - 1; index >= 0; index -= 1) {
    const level = levels[index]!;
    const verdict = ignoredBy(level.rules, toPosix(relative(level.base, path)), isDirectory);
    if (verdict !== undefined) return verdict;
  }
  return false;
}

/**
 * The `.gitignore` levels above `folder`, outermost first, from the repository root (the nearest folder
 * above that holds `.git`) down to `folder`'s parent. None outside a repository.
 */
function levelsAbove(folder: string): IgnoreLevel[] {
  const chain: string[] = [];
  let current = dirname(folder);
  let child = folder;
  let root: string | null = existsSync(join(folder, '.git')) ? folder : null;
  while (root === null && current !== child) {
    chain.unshift(current);
    if (existsSync(join(current, '.git'))) root = current;
    child = current;
    current = dirname(current);
  }
  if (root === null || root === folder) return [];
  return chain.map(readIgnoreFile).filter((level) => level !== null);
}

function walk(folder: string, levels: IgnoreLevel[], found: string[]): void {
  const own = readIgnoreFile(folder);
  const here = own ? [...levels, own] : levels;
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return; // unreadable: skipped, as ESLint skips it
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_FOLDERS.has(entry.name) || isIgnored(here, path, true)) continue;
      walk(path, here, found);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isLintedName(entry.name) && !isIgnored(here, path, false)) {
      if (entry.isSymbolicLink() && !isFile(path)) continue;
      found.push(path);
    }
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export type FileSelection = { files: string[] } | { missing: string };

/** The files to lint under `paths` (resolved against `cwd`), sorted, each once; or the first path that does not exist. */
export function selectFiles(paths: readonly string[], cwd: string): FileSelection {
  const found: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      return { missing: path };
    }
    if (stats.isDirectory()) walk(absolute, levelsAbove(absolute), found);
    else if (LINTED_EXTENSIONS.includes(extname(absolute))) found.push(absolute);
  }
  return { files: [...new Set(found)].sort() };
}

function isInside(root: string, file: string): boolean {
  const path = relative(root, file);
  return path !== '' && path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}

/**
 * The folder ESLint runs in: `cwd` when every file lies inside it, else the deepest folder that holds them all
 * (ESLint ignores files outside its working folder).
 */
export function lintRoot(files: readonly string[], cwd: string): string {
  if (files.every((file) => isInside(cwd, file))) return cwd;
  let root = dirname(files[0]!);
  for (const file of files) {
    while (!isInside(root, file) && dirname(root) !== root) root = dirname(root);
  }
  return root;
}
