/**
 * What the git-hook tests share (pre-commit.test.ts, pre-commit-hook-repository.test.ts): fresh git
 * repositories that commit through their hooks, the environment hooks run in, and whether the `pre-commit`
 * command is there (Debian's package; `.ci/run` installs it). Without it, the pre-commit tests fail in CI and
 * are skipped, with the reason in their name, elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { childEnv, docRecipe, run, type CommandResult } from './helpers';
import { BAD_JS, LOGIN_HOST_RULE, NAMESPACE } from './projects';

export const RULE_ID = `${NAMESPACE}/${LOGIN_HOST_RULE}`;
/** An install plus a few commits, each running ESLint through a hook. */
export const HOOK_TEST_TIMEOUT_MS = 300_000;

const inCi = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());
export const preCommitVersion = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
export const hasPreCommit = !preCommitVersion.error && preCommitVersion.status === 0;
/** Skip the pre-commit tests only outside CI; in CI, a missing `pre-commit` fails them. */
export const skipPreCommit = !hasPreCommit && !inCi;
export const PRE_COMMIT_SKIP_REASON = skipPreCommit ? ' [skipped: `pre-commit` is not installed; `apt-get install pre-commit`]' : '';

/** A recipe of docs/pre-commit.md. */
export const recipe = (name: string): string => docRecipe('pre-commit.md', name);

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/**
 * The environment of hook commands: no global or system git config of this machine, no npm settings of the
 * `npm test` that runs this file, installs from the warm npm cache.
 */
export function hookEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = childEnv();
  for (const key of Object.keys(env)) {
    if (/^(npm_config_.*|GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|HUSKY)$/iu.test(key)) delete env[key];
  }
  return {
    ...env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...extra,
  };
}

export interface CommitOutcome {
  status: number | null;
  output: string;
  headBefore: string;
  headAfter: string;
}

export class GitRepo {
  readonly dir: string;
  constructor(
    files: Record<string, string>,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.dir = tempDir('salesforce-session-hooks-');
    this.git(['init', '-q', '-b', 'main']);
    this.git(['config', 'user.email', 'test@example.com']);
    this.git(['config', 'user.name', 'Hook Test']);
    this.git(['config', 'commit.gpgsign', 'false']);
    this.write(files);
  }

  write(files: Record<string, string>): void {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, name)), { recursive: true });
      writeFileSync(join(this.dir, name), content);
    }
  }

  run(command: string, args: string[]): CommandResult {
    return run(command, args, this.dir, this.env);
  }

  /** Run a shell snippet from the docs, failing with its output if it fails. */
  sh(script: string): CommandResult {
    const result = this.run('sh', ['-e', '-c', script]);
    if (result.status !== 0) throw new Error(`\`${script}\` exited ${result.status}\n${result.stdout}\n${result.stderr}`);
    return result;
  }

  git(args: string[]): string {
    const result = this.run('git', args);
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} exited ${result.status}\n${result.stderr}`);
    return result.stdout.trim();
  }

  head(): string {
    const result = this.run('git', ['rev-parse', '--verify', '-q', 'HEAD']);
    return result.status === 0 ? result.stdout.trim() : '(no commit)';
  }

  /** Write `files`, stage everything and commit through the hooks. */
  commit(files: Record<string, string>, message: string): CommitOutcome {
    this.write(files);
    this.git(['add', '-A']);
    const headBefore = this.head();
    const result = this.run('git', ['commit', '-m', message]);
    return { status: result.status, output: `${result.stdout}\n${result.stderr}`, headBefore, headAfter: this.head() };
  }
}

export function expectAccepted(outcome: CommitOutcome): void {
  expect(outcome.status, outcome.output).toBe(0);
  expect(outcome.headAfter).not.toBe(outcome.headBefore);
}

export function expectRefused(outcome: CommitOutcome): void {
  expect(outcome.status, outcome.output).not.toBe(0);
  expect(outcome.headAfter).toBe(outcome.headBefore);
}

/** With the hook installed: the set-up commit goes through; one that adds a violation is refused, naming it. */
export function expectHookGuardsCommits(repo: GitRepo): void {
  expectAccepted(repo.commit({}, 'Set up the hook'));
  const bad = repo.commit({ 'src/bad.js': BAD_JS }, 'Add a data call to the login host');
  expectRefused(bad);
  expect(bad.output).toContain(RULE_ID);
  expect(bad.output).toContain('src/bad.js');
}
