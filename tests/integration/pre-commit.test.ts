/**
 * The recipes of docs/pre-commit.md, run as written (read from the doc itself) in fresh git repositories with
 * the packed plugin: a commit with a violation is refused, with HEAD unchanged and the rule named in the
 * output; a clean commit goes through.
 *
 * The pre-commit recipes need the `pre-commit` command (Debian's package; `.ci/run` installs it). Without it,
 * these tests fail in CI and are skipped, with the reason in their name, elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, docRecipe, packPlugin, run, type CommandResult } from './helpers';
import { BAD_JS, CLEAN_JS, LOGIN_HOST_RULE, NAMESPACE, PACKAGE, plainProject, SETUP_TIMEOUT_MS } from './projects';

const RULE_ID = `${NAMESPACE}/${LOGIN_HOST_RULE}`;
/** An install plus a few commits, each running ESLint through a hook. */
const HOOK_TEST_TIMEOUT_MS = 300_000;

const inCi = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());
const preCommitVersion = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const hasPreCommit = !preCommitVersion.error && preCommitVersion.status === 0;
/** Skip the pre-commit tests only outside CI; in CI, a missing `pre-commit` fails them. */
const skipPreCommit = !hasPreCommit && !inCi;
const PRE_COMMIT_SKIP_REASON = skipPreCommit ? ' [skipped: `pre-commit` is not installed; `apt-get install pre-commit`]' : '';

const recipe = (name: string): string => docRecipe('pre-commit.md', name);

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/**
 * The environment of hook commands: no global or system git config of this machine, no npm settings of the
 * `npm test` that runs this file, installs from the warm npm cache.
 */
function hookEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
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

interface CommitOutcome {
  status: number | null;
  output: string;
  headBefore: string;
  headAfter: string;
}

class GitRepo {
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

function expectAccepted(outcome: CommitOutcome): void {
  expect(outcome.status, outcome.output).toBe(0);
  expect(outcome.headAfter).not.toBe(outcome.headBefore);
}

function expectRefused(outcome: CommitOutcome): void {
  expect(outcome.status, outcome.output).not.toBe(0);
  expect(outcome.headAfter).toBe(outcome.headBefore);
}

/** With the hook installed: the set-up commit goes through; one that adds a violation is refused, naming it. */
function expectHookGuardsCommits(repo: GitRepo): void {
  expectAccepted(repo.commit({}, 'Set up the hook'));
  const bad = repo.commit({ 'src/bad.js': BAD_JS }, 'Add a data call to the login host');
  expectRefused(bad);
  expect(bad.output).toContain(RULE_ID);
  expect(bad.output).toContain('src/bad.js');
}

describe('husky 9 + lint-staged 16 (docs/pre-commit.md, recipe 1)', () => {
  let tarball: string;
  beforeAll(() => {
    tarball = packPlugin();
  }, SETUP_TIMEOUT_MS);

  it(
    'refuses a commit with a violation and accepts a clean one, after the documented setup',
    () => {
      const repo = new GitRepo(
        {
          'package.json': `${JSON.stringify({ name: 'hook-test', version: '1.0.0', private: true }, null, 2)}\n`,
          '.gitignore': 'node_modules/\n',
          'eslint.config.mjs': recipe('eslint-config-mjs').replace(/^\/\/ eslint\.config\.mjs\n/u, ''),
          'src/clean.js': CLEAN_JS,
        },
        hookEnv(),
      );
      // The documented commands, with the packed plugin in place of the registry's.
      repo.sh(recipe('husky-setup').replace(` ${PACKAGE} `, ` ${tarball} `));
      const manifest = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8')) as Record<string, unknown>;
      expect(manifest.scripts).toMatchObject({ prepare: 'husky' });
      writeFileSync(
        join(repo.dir, 'package.json'),
        `${JSON.stringify({ ...manifest, ...(JSON.parse(recipe('husky-package-json')) as object) }, null, 2)}\n`,
      );
      expect(repo.git(['config', 'core.hooksPath'])).toBe('.husky/_');

      expectHookGuardsCommits(repo);

      repo.git(['rm', '-q', '--cached', 'src/bad.js']);
      rmSync(join(repo.dir, 'src/bad.js'));
      expectAccepted(repo.commit({ 'src/more.js': CLEAN_JS }, 'Add a clean file'));
    },
    HOOK_TEST_TIMEOUT_MS,
  );
});

describe('the pre-commit framework (docs/pre-commit.md, recipes 2 and 3)', () => {
  let preCommitHome: string;
  beforeAll(() => {
    if (skipPreCommit) return;
    if (!hasPreCommit) {
      throw new Error(
        `The pre-commit command is missing in CI (${preCommitVersion.error?.message ?? preCommitVersion.stderr}); .ci/run installs it with apt-get.`,
      );
    }
    preCommitHome = tempDir('salesforce-session-pre-commit-home-');
  }, SETUP_TIMEOUT_MS);

  it.skipIf(skipPreCommit)(
    `with the project's own ESLint (language: system) and an ESM config${PRE_COMMIT_SKIP_REASON}`,
    () => {
      const project = plainProject(10);
      const repo = new GitRepo(
        {
          '.gitignore': 'node_modules/\n',
          'eslint.config.mjs': recipe('eslint-config-mjs').replace(/^\/\/ eslint\.config\.mjs\n/u, ''),
          '.pre-commit-config.yaml': recipe('pre-commit-system'),
          'src/clean.js': CLEAN_JS,
        },
        hookEnv({ PRE_COMMIT_HOME: preCommitHome }),
      );
      // What `npm install` would leave: ESLint and the packed plugin in ./node_modules.
      symlinkSync(join(project.dir, 'node_modules'), join(repo.dir, 'node_modules'), 'dir');
      repo.sh(recipe('pre-commit-install'));

      expectHookGuardsCommits(repo);
    },
    HOOK_TEST_TIMEOUT_MS,
  );

  /** Recipe 3's config, with the packed plugin in place of the registry's. */
  function nodeHookConfig(): string {
    const config = recipe('pre-commit-node');
    const withTarball = config.replace(new RegExp(`- ${PACKAGE}@\\S+`, 'u'), `- ${packPlugin()}`);
    expect(withTarball).not.toBe(config);
    return withTarball;
  }

  it.skipIf(skipPreCommit)(
    `with its own ESLint (language: node, additional_dependencies) and a CommonJS config${PRE_COMMIT_SKIP_REASON}`,
    () => {
      const repo = new GitRepo(
        {
          'eslint.config.cjs': recipe('eslint-config-cjs').replace(/^\/\/ eslint\.config\.cjs\n/u, ''),
          '.pre-commit-config.yaml': nodeHookConfig(),
          'src/clean.js': CLEAN_JS,
        },
        hookEnv({ PRE_COMMIT_HOME: preCommitHome }),
      );
      repo.sh(recipe('pre-commit-install'));

      expectHookGuardsCommits(repo);
    },
    HOOK_TEST_TIMEOUT_MS,
  );

  it.skipIf(skipPreCommit)(
    `fails every commit under language: node with an ESM config, as documented (ERR_MODULE_NOT_FOUND)${PRE_COMMIT_SKIP_REASON}`,
    () => {
      const repo = new GitRepo(
        {
          'eslint.config.mjs': `import salesforceSession from '${PACKAGE}';\n\nexport default [salesforceSession.configs.recommended];\n`,
          '.pre-commit-config.yaml': nodeHookConfig(),
          'src/clean.js': CLEAN_JS,
        },
        hookEnv({ PRE_COMMIT_HOME: preCommitHome }),
      );
      repo.sh(recipe('pre-commit-install'));

      const clean = repo.commit({}, 'Set up pre-commit');
      expectRefused(clean);
      expect(clean.output).toContain('ERR_MODULE_NOT_FOUND');
      expect(clean.output).toContain(`Cannot find package '${PACKAGE}'`);
    },
    HOOK_TEST_TIMEOUT_MS,
  );
});
