/**
 * Helpers for end-to-end tests: pack the plugin as npm would publish it, install the tarball into a fresh
 * project next to a chosen ESLint, and run that project's real `eslint` CLI.
 *
 * Both steps are slow, so both are cached on disk under the OS temp folder, keyed by content: the tarball by
 * a hash of everything that goes into it, each project by that hash plus its install options. A re-run with
 * unchanged sources reuses both; a change to src/, docs/ or package.json packs and installs again. Each cache
 * entry is built once, under a lock, by the first test file that asks for it (the others wait), in a temporary
 * folder renamed into place, so parallel test files never see half of one. Installs use the machine's npm
 * cache (`--prefer-offline`).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

export const REPO_ROOT = join(__dirname, '../..');
const CACHE_ROOT = join(tmpdir(), 'eslint-plugin-salesforce-session-integration');
/**
 * When a new cache entry is made, older ones go, except the most recently used few (an entry is touched on
 * every use) and any used in the last half hour, which a parallel test run may still be reading.
 */
const CACHE_KEEP_ENTRIES = 6;
const CACHE_KEEP_MS = 30 * 60 * 1000;

/** What goes into the package or into its build: a change to any of these means a new tarball. */
const PACKAGE_INPUTS = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'LICENSE', 'src', 'docs'];
/** What else decides the build's output (the compiler's version): hashed, not copied. */
const BUILD_INPUTS = ['package-lock.json'];

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run a command to completion; fail with its output if it cannot start. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = childEnv()): CommandResult {
  const result: SpawnSyncReturns<string> = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like `run`, but a non-zero exit is an error that shows the output. */
function runOrThrow(command: string, args: string[], cwd: string): CommandResult {
  const result = run(command, args, cwd);
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` in ${cwd} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/**
 * The environment for child processes: this one, less what `npm test` sets for its own package (an inner
 * npm would otherwise take the plugin repository for its project) and less ESLint switches of the caller.
 */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(lifecycle|package)_/i.test(key)) continue;
    if (/^(npm_config_local_prefix|npm_command|INIT_CWD|ESLINT_USE_FLAT_CONFIG|NODE_OPTIONS)$/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

function hashInputs(root: string, entries: string[]): string {
  const hash = createHash('sha256');
  const visit = (path: string): void => {
    const absolute = join(root, path);
    if (!existsSync(absolute)) return;
    if (statSync(absolute).isDirectory()) {
      for (const child of readdirSync(absolute).sort()) visit(join(path, child));
      return;
    }
    hash.update(`${path}\0`).update(readFileSync(absolute)).update('\0');
  };
  for (const entry of entries) visit(entry);
  return hash.digest('hex').slice(0, 16);
}

/** A lock older than this belongs to a process that died: a cold install takes a few minutes at most. */
const LOCK_STALE_MS = 10 * 60 * 1000;
const LOCK_POLL_MS = 250;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isComplete(dir: string): boolean {
  if (!existsSync(join(dir, '.complete'))) return false;
  const now = new Date();
  utimesSync(dir, now, now); // in use: keep it from being pruned
  return true;
}

/**
 * Build a cache entry with `make` in a temporary folder, then move it to `dir`. Test files run in parallel
 * workers and ask for the same entries: a lock folder (`mkdir` is atomic) makes one worker build while the
 * others wait for it, so each entry is built once per change, not once per test file.
 */
function cached(dir: string, make: (tempDir: string) => void): string {
  if (isComplete(dir)) return dir;
  mkdirSync(dirname(dir), { recursive: true });
  const lock = `${dir}.lock`;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (isComplete(dir)) return dir;
    try {
      if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
    } catch {
      // Released meanwhile.
    }
    sleep(LOCK_POLL_MS);
  }
  try {
    if (isComplete(dir)) return dir;
    pruneOldEntries(dirname(dir));
    rmSync(dir, { recursive: true, force: true }); // an incomplete entry left by a process that died
    const tempDir = mkdtempSync(`${dir}.tmp-`);
    try {
      make(tempDir);
      writeFileSync(join(tempDir, '.complete'), '');
      renameSync(tempDir, dir);
    } finally {
      rmSync(tempDir, { recursive: true, force: true });
    }
    return dir;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function pruneOldEntries(parent: string, keep = CACHE_KEEP_ENTRIES): void {
  const now = Date.now();
  const entries = readdirSync(parent)
    .map((entry) => {
      try {
        return { path: join(parent, entry), mtimeMs: statSync(join(parent, entry)).mtimeMs };
      } catch {
        return undefined; // another process removed it first
      }
    })
    .filter((entry) => entry !== undefined)
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { path, mtimeMs } of entries.slice(keep)) {
    if (now - mtimeMs > CACHE_KEEP_MS) rmSync(path, { recursive: true, force: true });
  }
}

let packed: string | undefined;

/**
 * `npm pack` the plugin and return the tarball's path. Packs from a copy of the package inputs (with the
 * repository's node_modules linked in), so `prepare` builds there and never rewrites this tree's dist/.
 */
export function packPlugin(): string {
  if (packed) return packed;
  const key = hashInputs(REPO_ROOT, [...PACKAGE_INPUTS, ...BUILD_INPUTS]);
  const dir = cached(join(CACHE_ROOT, 'packs', key), (tempDir) => {
    const stage = join(tempDir, 'stage');
    mkdirSync(stage);
    for (const entry of PACKAGE_INPUTS) {
      if (existsSync(join(REPO_ROOT, entry))) cpSync(join(REPO_ROOT, entry), join(stage, entry), { recursive: true });
    }
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir');
    runOrThrow('npm', ['pack', '--pack-destination', tempDir], stage);
    const [filename, ...others] = readdirSync(tempDir).filter((entry) => entry.endsWith('.tgz'));
    if (!filename || others.length > 0) throw new Error(`npm pack made ${others.length + (filename ? 1 : 0)} tarballs`);
    renameSync(join(tempDir, filename), join(tempDir, 'plugin.tgz'));
    rmSync(stage, { recursive: true, force: true });
  });
  packed = join(dir, 'plugin.tgz');
  return packed;
}

/** The paths inside a tarball, without npm's leading `package/`. */
export function tarballEntries(tarball: string): string[] {
  return runOrThrow('tar', ['tzf', tarball], dirname(tarball))
    .stdout.split('\n')
    .filter(Boolean)
    .map((entry) => entry.replace(/^package\//, ''));
}

export interface ProjectOptions {
  /** The ESLint to install, as an npm spec: `^10`, `9.39.5`, `8.57.1`; null for none (with `withoutPeers`). */
  eslint: string | null;
  /**
   * Install without npm's automatic peer dependencies. npm otherwise installs `typescript` as a peer of
   * `@typescript-eslint/utils`; with this, the project has no `typescript`, as under `legacy-peer-deps`.
   */
  withoutPeers?: boolean;
  /** More packages to install, as npm specs. */
  dependencies?: string[];
}

export interface TestProject {
  /** The project folder, holding node_modules with the plugin and ESLint. */
  dir: string;
  /**
   * Write `files` into a new folder inside the project and return it. Each test gets its own folder, with
   * its own `eslint.config.*`, and resolves packages from the project's node_modules, which the folder also
   * links as `./node_modules`: paths such as `-f ./node_modules/<package>/…` work there as in a real project.
   */
  workspace(files: Record<string, string>): string;
  /** Run the project's own `node_modules/.bin/eslint` in `cwd`. */
  eslint(args: string[], cwd: string, env?: NodeJS.ProcessEnv): CommandResult;
  /** Run the command `node_modules/.bin/<name>` of the project in `cwd`. */
  bin(name: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): CommandResult;
  /** Run `node` in `cwd`, resolving packages from the project. */
  node(args: string[], cwd: string, env?: NodeJS.ProcessEnv): CommandResult;
  /** Whether `node_modules/<name>` exists in the project. */
  has(name: string): boolean;
}

/** A project with the packed plugin and `options.eslint` installed; cached by content and options. */
export function createProject(options: ProjectOptions): TestProject {
  const tarball = packPlugin();
  const key = createHash('sha256')
    .update(JSON.stringify({ tarball: relative(CACHE_ROOT, tarball), ...options }))
    .digest('hex')
    .slice(0, 16);
  const dir = cached(join(CACHE_ROOT, 'projects', key), (tempDir) => {
    writeFileSync(
      join(tempDir, 'package.json'),
      `${JSON.stringify({ name: 'integration-project', version: '0.0.0', private: true }, null, 2)}\n`,
    );
    const args = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock'];
    if (options.withoutPeers) args.push('--legacy-peer-deps');
    const eslint = options.eslint === null ? [] : [`eslint@${options.eslint}`];
    runOrThrow('npm', [...args, tarball, ...eslint, ...(options.dependencies ?? [])], tempDir);
  });
  const workspaces = join(dir, 'workspaces');
  mkdirSync(workspaces, { recursive: true });
  pruneOldEntries(workspaces, 0);
  return {
    dir,
    workspace(files) {
      const workspace = mkdtempSync(join(workspaces, 'ws-'));
      symlinkSync(join(dir, 'node_modules'), join(workspace, 'node_modules'), 'dir');
      for (const [name, content] of Object.entries(files)) {
        mkdirSync(dirname(join(workspace, name)), { recursive: true });
        writeFileSync(join(workspace, name), content);
      }
      return workspace;
    },
    eslint: (args, cwd, env) => run(join(dir, 'node_modules/.bin/eslint'), args, cwd, childEnv(env)),
    bin: (name, args, cwd, env) => run(join(dir, 'node_modules/.bin', name), args, cwd, childEnv(env)),
    node: (args, cwd, env) => run(process.execPath, args, cwd, childEnv(env)),
    has: (name) => existsSync(join(dir, 'node_modules', name)),
  };
}

/**
 * A folder with `packages` (npm specs) installed and nothing of the plugin: tools that load the plugin from
 * a user's project, as the Salesforce Code Analyzer does. Cached by the list alone, so a change to the plugin
 * does not reinstall them.
 */
export function installTools(packages: string[]): string {
  const key = createHash('sha256').update(JSON.stringify(packages)).digest('hex').slice(0, 16);
  return cached(join(CACHE_ROOT, 'tools', key), (tempDir) => {
    writeFileSync(
      join(tempDir, 'package.json'),
      `${JSON.stringify({ name: 'integration-tools', version: '0.0.0', private: true }, null, 2)}\n`,
    );
    runOrThrow('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock', ...packages], tempDir);
  });
}

/**
 * The code block that follows `<!-- recipe: <name> -->` in `docs/<page>`: the tests run the snippets the docs
 * show, read from the docs themselves.
 */
export function docRecipe(page: string, name: string): string {
  const doc = readFileSync(join(REPO_ROOT, 'docs', page), 'utf8');
  const match = new RegExp(`<!-- recipe: ${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\`\`\`\\n`, 'u').exec(doc);
  if (!match?.[1]) throw new Error(`docs/${page} has no recipe "${name}"`);
  return match[1];
}

/** One message of `eslint -f json`. */
export interface JsonMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
  fatal?: boolean;
}

/** The messages of `eslint -f json` output, with the file (relative to `cwd`) each belongs to. */
export function jsonMessages(stdout: string, cwd: string): (JsonMessage & { file: string })[] {
  const results = JSON.parse(stdout) as { filePath: string; messages: JsonMessage[] }[];
  return results.flatMap((result) =>
    result.messages.map((message) => ({ ...message, file: relative(cwd, result.filePath) })),
  );
}
