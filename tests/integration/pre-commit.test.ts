/**
 * Recipes 2 to 4 of docs/pre-commit.md, run as written (read from the doc itself) in fresh git repositories with
 * the packed plugin: a commit with a violation is refused, with HEAD unchanged and the rule named in the
 * output; a clean commit goes through. (Recipe 1, the hook repository: pre-commit-hook-repository.test.ts.)
 */
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccepted,
  expectHookGuardsCommits,
  expectRefused,
  GitRepo,
  hasPreCommit,
  HOOK_TEST_TIMEOUT_MS,
  hookEnv,
  preCommitVersion,
  PRE_COMMIT_SKIP_REASON,
  recipe,
  skipPreCommit,
  tempDir,
} from './git-hooks';
import { packPlugin } from './helpers';
import { CLEAN_JS, PACKAGE, plainProject, SETUP_TIMEOUT_MS } from './projects';

describe('husky 9 + lint-staged 16 (docs/pre-commit.md, recipe 2)', () => {
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

describe('the pre-commit framework (docs/pre-commit.md, recipes 3 and 4)', () => {
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

  /** Recipe 4's config, with the packed plugin in place of the registry's. */
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
