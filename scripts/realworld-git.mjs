// @ts-check
/**
 * The git side of the real-world measurement (scripts/realworld.mjs): where each repository's git directory
 * is in the folder of checkouts, cloning one that is missing, and reading files at a pinned commit.
 *
 * A repository `owner/name` lives at `DIR/owner+name`: a work tree or a bare git directory there, or one
 * level below it (`DIR/owner+name/<anything>`). Files are read from git objects, never from a work tree, so
 * a checkout at another commit, or with local edits, reads the same as a bare copy.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Git's file modes in a tree: a symbolic link and a submodule (a commit inside a tree). */
export const SYMLINK_MODE = '120000';
export const SUBMODULE_MODE = '160000';

/** Output of one `git cat-file --batch` call is kept under this size: larger lists are read in chunks. */
const BATCH_BYTES = 32 * 1024 * 1024;

/**
 * The git command that `args` run, past the options before it (`-c name=value`, `--git-dir dir`, `-C dir`).
 * @param {string[]} args
 */
function subcommand(args) {
  let index = 0;
  while (['-c', '--git-dir', '-C'].includes(args[index] ?? '')) index += 2;
  return args[index] ?? '';
}

/**
 * Runs git; returns its output, or throws with its error text.
 * @param {string[]} args
 * @param {{ input?: string, maxBuffer?: number }} [options]
 * @returns {Buffer}
 */
function git(args, options = {}) {
  const result = spawnSync('git', args, {
    input: options.input,
    maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const text = result.stderr.toString('utf8').trim().split('\n')[0] ?? '';
    throw new Error(`git ${subcommand(args)}: ${text || `exit ${result.status}`}`);
  }
  return result.stdout;
}

/** @param {string} path */
function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The git directory at `path`: `path` itself when it is a bare repository, the work tree's git directory when
 * `path` is a work tree; else null.
 * @param {string} path
 * @returns {string | null}
 */
function gitDirAt(path) {
  if (existsSync(join(path, 'HEAD')) && isDirectory(join(path, 'objects'))) return path;
  if (!existsSync(join(path, '.git'))) return null;
  try {
    return git(['-C', path, 'rev-parse', '--absolute-git-dir']).toString('utf8').trim();
  } catch {
    return null;
  }
}

/** @param {string} repo `owner/name` */
export function folderName(repo) {
  return repo.replace('/', '+');
}

/**
 * The git directory of `repo` in `reposDir`, or null when there is none.
 * @param {string} reposDir
 * @param {string} repo `owner/name`
 * @returns {string | null}
 */
export function findGitDir(reposDir, repo) {
  const base = join(reposDir, folderName(repo));
  if (!isDirectory(base)) return null;
  const here = gitDirAt(base);
  if (here) return here;
  const children = readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const child of children) {
    const found = gitDirAt(join(base, child));
    if (found) return found;
  }
  return null;
}

/**
 * Clones `repo` from GitHub as a bare repository at `reposDir/owner+name`. A clone that fails leaves nothing
 * behind. Transfers that stall are given up rather than waited on.
 * @param {string} reposDir
 * @param {string} repo
 * @returns {{ gitDir: string } | { error: string }}
 */
export function cloneRepo(reposDir, repo) {
  const target = join(reposDir, folderName(repo));
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  try {
    git([
      '-c',
      'http.lowSpeedLimit=1000',
      '-c',
      'http.lowSpeedTime=30',
      'clone',
      '--bare',
      '--quiet',
      `https://github.com/${repo}.git`,
      partial,
    ]);
    renameSync(partial, target);
    return { gitDir: target };
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Whether `commit` is a commit object in `gitDir`.
 * @param {string} gitDir
 * @param {string} commit
 */
export function hasCommit(gitDir, commit) {
  try {
    git(['--git-dir', gitDir, 'cat-file', '-e', `${commit}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * The commit that HEAD names in `gitDir`.
 * @param {string} gitDir
 */
export function headCommit(gitDir) {
  return git(['--git-dir', gitDir, 'rev-parse', 'HEAD']).toString('utf8').trim();
}

/**
 * @typedef {object} TreeEntry
 * @property {string} mode
 * @property {string} type `blob`, `commit` (a submodule) or `tree`
 * @property {string} object
 * @property {number} size bytes; 0 for a submodule
 * @property {string} path
 */

/**
 * Every entry of the tree at `commit`, recursively (files, symbolic links, submodules), in git's order.
 * @param {string} gitDir
 * @param {string} commit
 * @returns {TreeEntry[]}
 */
export function listTree(gitDir, commit) {
  const output = git(['--git-dir', gitDir, 'ls-tree', '-r', '-l', '-z', '--full-tree', commit]).toString('utf8');
  /** @type {TreeEntry[]} */
  const entries = [];
  for (const record of output.split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode = '', type = '', object = '', size = ''] = record.slice(0, tab).split(/ +/u);
    entries.push({ mode, type, object, size: size === '-' ? 0 : Number(size), path: record.slice(tab + 1) });
  }
  return entries;
}

/**
 * Reads objects with one `git cat-file --batch` per chunk. `names` are object names git understands
 * (`<commit>:<path>` or a blob id); `sizes`, when known, keep each chunk's output bounded.
 * @param {string} gitDir
 * @param {readonly string[]} names
 * @param {readonly number[]} [sizes]
 * @returns {Map<string, Buffer | null>} each name's content, or null when git has no such object
 */
export function readObjects(gitDir, names, sizes) {
  /** @type {Map<string, Buffer | null>} */
  const found = new Map();
  let start = 0;
  while (start < names.length) {
    let end = start;
    let bytes = 0;
    do {
      bytes += sizes?.[end] ?? 0;
      end += 1;
    } while (end < names.length && (sizes === undefined ? end - start < 200 : bytes + (sizes[end] ?? 0) < BATCH_BYTES));
    const chunk = names.slice(start, end);
    const output = git(['--git-dir', gitDir, 'cat-file', '--batch'], {
      input: `${chunk.join('\n')}\n`,
      maxBuffer: Math.max(BATCH_BYTES * 2, bytes * 2),
    });
    let offset = 0;
    for (const name of chunk) {
      const newline = output.indexOf(0x0a, offset);
      const header = output.toString('utf8', offset, newline);
      offset = newline + 1;
      const match = /^[0-9a-f]+ (\w+) (\d+)$/u.exec(header);
      if (!match) {
        // `<name> missing`, or `ambiguous`: no content follows
        found.set(name, null);
        continue;
      }
      const size = Number(match[2]);
      found.set(name, match[1] === 'blob' ? output.subarray(offset, offset + size) : null);
      offset += size + 1;
    }
    start = end;
  }
  return found;
}
