/**
 * The published package itself: what the tarball holds, and what the installed package is to Node and to
 * TypeScript. (How configs load it on ESLint 8.57, 9 and 10 is in config-eslint*.test.ts.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rules } from '../../src/rules';
import { packPlugin, REPO_ROOT, tarballEntries, type TestProject } from './helpers';
import { CLI_TIMEOUT_MS, SETUP_TIMEOUT_MS, typescriptProject } from './projects';

describe('the packed tarball', () => {
  let entries: string[] = [];
  beforeAll(() => {
    entries = tarballEntries(packPlugin());
  }, SETUP_TIMEOUT_MS);

  it('holds the build with its formatters, its types, the docs, the manifest, README and LICENSE', () => {
    const expected = [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/configs.js',
      'dist/rules/index.js',
      'dist/formatters/github.js',
      'dist/formatters/github.d.ts',
      'dist/formatters/sarif.js',
      'dist/formatters/sarif.d.ts',
      'dist/cli/bin.js',
      'docs/troubleshooting.md',
      ...Object.keys(rules).flatMap((name) => [`docs/rules/${name}.md`, `dist/rules/${name}.js`]),
    ];
    expect(expected.filter((entry) => !entries.includes(entry))).toEqual([]);
  });

  it('declares the salesforce-session-lint bin, which starts with a shebang', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(manifest.bin).toEqual({ 'salesforce-session-lint': './dist/cli/bin.js' });
    expect(readFileSync(join(REPO_ROOT, 'src/cli/bin.ts'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/u);
  });

  it('holds no sources, tests, examples, source maps or config files', () => {
    const unwanted = entries.filter(
      (entry) =>
        /^(src|tests|scripts|examples|\.ci)\//.test(entry) ||
        entry.endsWith('.map') ||
        /^(tsconfig.*\.json|vitest\.config\.mts|eslint\.config\.mjs|\.eslint-doc-generatorrc\.js)$/.test(entry),
    );
    expect(unwanted).toEqual([]);
  });
});

describe('installed with ESLint 10 in a TypeScript project', () => {
  let project: TestProject;
  beforeAll(() => {
    project = typescriptProject(10);
  }, SETUP_TIMEOUT_MS);

  it(
    'is the plugin itself when imported from ESM, the same object as require() gives',
    () => {
      const cwd = project.workspace({
        'check.mjs': `import { createRequire } from 'node:module';
import plugin from 'eslint-plugin-salesforce-session';
const required = createRequire(import.meta.url)('eslint-plugin-salesforce-session');
console.log(JSON.stringify({
  keys: Object.keys(plugin).sort(),
  sameAsRequire: plugin === required,
  configHoldsPlugin: plugin.configs.recommended.plugins['salesforce-session'] === plugin,
  meta: plugin.meta,
}));
`,
      });
      const result = project.node(['check.mjs'], cwd);
      expect(result.stderr).toBe('');
      expect(JSON.parse(result.stdout)).toEqual({
        keys: ['configs', 'meta', 'rules'],
        sameAsRequire: true,
        configHoldsPlugin: true,
        meta: { name: 'eslint-plugin-salesforce-session', version: expect.any(String), namespace: 'salesforce-session' },
      });
    },
    CLI_TIMEOUT_MS,
  );

  it(
    "ships type declarations that fit ESLint's own config, result and formatter types",
    () => {
      expect(project.has('typescript')).toBe(true);
      const cwd = project.workspace({
        'check.mts': `import { ESLint, type Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import salesforceSession from 'eslint-plugin-salesforce-session';
import github from 'eslint-plugin-salesforce-session/formatters/github';
import sarif from 'eslint-plugin-salesforce-session/formatters/sarif';

const plugin: ESLint.Plugin = salesforceSession;
const recommended: Linter.Config = salesforceSession.configs.recommended;
const legacy: Linter.LegacyConfig = salesforceSession.configs['legacy-recommended'];
const version: string = salesforceSession.meta.version;

export default defineConfig(
  salesforceSession.configs.all,
  { plugins: { 'salesforce-session': salesforceSession }, extends: ['salesforce-session/strict'] },
  { rules: { 'salesforce-session/no-login-host-api-calls': 'warn' } },
);
export { plugin, recommended, legacy, version };

// The formatters, from the Node API, take ESLint's own results and formatter context.
const eslint = new ESLint();
const results = await eslint.lintFiles(['.']);
const context = { cwd: '/project', rulesMeta: eslint.getRulesMetaForResults(results) };
export const annotations: string = github(results, context);
export const log: string = sarif(results, context);
`,
        'check.cts': `import salesforceSession = require('eslint-plugin-salesforce-session');

export const configs: object[] = [salesforceSession.configs.recommended];
`,
      });
      const result = project.node(
        [
          join(project.dir, 'node_modules/typescript/bin/tsc'),
          '--noEmit',
          '--strict',
          '--module',
          'nodenext',
          // As most projects do; checking every library's own declarations would add ten seconds.
          '--skipLibCheck',
          'check.mts',
          'check.cts',
        ],
        cwd,
      );
      expect(result.stdout + result.stderr).toBe('');
      expect(result.status).toBe(0);
    },
    CLI_TIMEOUT_MS,
  );
});
