/**
 * This repository as a pre-commit hook repository (`.pre-commit-hooks.yaml`; docs/pre-commit.md, recipe 1),
 * installed by the real `pre-commit` from a fresh clone of HEAD, as from git: no dist/, no node_modules. Each
 * `pre-commit try-repo` installs the hook anew (it uses a store of its own), about a minute each,
 * so there are two runs: one with clean files staged, one with a violation added. pre-commit 4.6.1 and later
 * install a hook repository with `npm install -g git+file://…` instead, which builds through `prepare` only:
 * that install is run too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  GitRepo,
  hasPreCommit,
  HOOK_TEST_TIMEOUT_MS,
  hookEnv,
  PRE_COMMIT_SKIP_REASON,
  recipe,
  RULE_ID,
  skipPreCommit,
  tempDir,
} from './git-hooks';
import { REPO_ROOT, run } from './helpers';
import { BAD_JS, BAD_TS, CLEAN_JS, SETUP_TIMEOUT_MS } from './projects';

describe('this repository as a pre-commit hook repository (.pre-commit-hooks.yaml; docs/pre-commit.md, recipe 1)', () => {
  let preCommitHome: string;
  let hookRepository: string;
  beforeAll(() => {
    if (skipPreCommit) return;
    if (!hasPreCommit) throw new Error('The pre-commit command is missing in CI; .ci/run installs it with apt-get.');
    preCommitHome = tempDir('salesforce-session-pre-commit-home-');
    // A fresh clone of this repository's HEAD: what pre-commit fetches from git, without dist/ or node_modules.
    hookRepository = tempDir('salesforce-session-hook-repository-');
    const clone = run('git', ['clone', '-q', '--no-hardlinks', REPO_ROOT, hookRepository], tmpdir(), hookEnv());
    if (clone.status !== 0) throw new Error(`git clone exited ${clone.status}\n${clone.stderr}`);
  }, SETUP_TIMEOUT_MS);

  it.skipIf(skipPreCommit)(
    `pre-commit try-repo on a fresh clone of HEAD: passes clean staged files, refuses a staged violation naming the rule${PRE_COMMIT_SKIP_REASON}`,
    () => {
      expect(existsSync(join(hookRepository, '.pre-commit-hooks.yaml'))).toBe(true);
      expect(existsSync(join(hookRepository, 'dist'))).toBe(false);
      const repo = new GitRepo(
        {
          // The project's own config is not the hook's: this one would fail to load.
          'eslint.config.mjs': "import missing from 'no-such-package';\n\nexport default [missing];\n",
          'src/clean.js': CLEAN_JS,
          'src/typed.ts': 'export const answer: number = 42;\n',
        },
        hookEnv({ PRE_COMMIT_HOME: preCommitHome }),
      );
      repo.git(['add', '-A']);
      const tryRepo = (): { status: number | null; output: string } => {
        const result = repo.run('pre-commit', ['try-repo', hookRepository, 'salesforce-session']);
        return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
      };

      const clean = tryRepo();
      expect(clean.status, clean.output).toBe(0);
      expect(clean.output).toMatch(/^Salesforce session rules\.+Passed$/mu);

      repo.write({ 'src/bad.js': BAD_JS, 'src/bad.ts': BAD_TS });
      repo.git(['add', 'src/bad.js', 'src/bad.ts']);
      const bad = tryRepo();
      expect(bad.status, bad.output).toBe(1);
      expect(bad.output).toMatch(/^Salesforce session rules\.+Failed$/mu);
      expect(bad.output).toContain(RULE_ID);
      expect(bad.output).toContain(join(repo.dir, 'src/bad.js'));
      expect(bad.output).toContain(join(repo.dir, 'src/bad.ts'));
    },
    HOOK_TEST_TIMEOUT_MS,
  );

  it.skipIf(skipPreCommit)(
    `installs from git as pre-commit 4.6.1 and later do (npm install git+file://…), building in prepare${PRE_COMMIT_SKIP_REASON}`,
    () => {
      const project = tempDir('salesforce-session-git-install-');
      const env = hookEnv();
      const install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `git+file://${hookRepository}`], project, env);
      expect(install.status, install.stderr).toBe(0);
      const repo = new GitRepo({ 'src/bad.js': BAD_JS, 'src/clean.js': CLEAN_JS }, env);
      const lint = run(join(project, 'node_modules/.bin/salesforce-session-lint'), ['src'], repo.dir, env);
      expect(lint.status, lint.stderr).toBe(1);
      expect(lint.stdout).toContain(RULE_ID);
    },
    HOOK_TEST_TIMEOUT_MS,
  );

  it('the documented .pre-commit-config.yaml names this repository and its hook', () => {
    // pre-commit installs and runs the hook as try-repo does above; this checks what the snippet points at.
    const config = recipe('hook-repository');
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string; repository: { url: string } };
    const url = manifest.repository.url.replace(/^git\+/u, '').replace(/\.git$/u, '');
    expect(config).toBe(`# .pre-commit-config.yaml
repos:
  - repo: ${url}
    rev: v${manifest.version}
    hooks:
      - id: salesforce-session
`);
    expect(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')).toMatch(/^- id: salesforce-session\n/mu);
  });
});
