/**
 * The published package, end to end: pack it, install the tarball into fresh projects with ESLint 10, and
 * run the real `eslint` CLI. (The ESLint 8.57 / 9 / 10 matrix reuses helpers.ts.)
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProject, jsonMessages, packPlugin, tarballEntries, type TestProject } from './helpers';

/** Packing and installing take a while on a cold npm cache; a warm re-run takes a few seconds. */
const SETUP_TIMEOUT_MS = 240_000;
const CLI_TIMEOUT_MS = 60_000;

const RULE_ID = 'salesforce-session/no-login-host-api-calls';

const BAD_JS = "fetch('https://login.salesforce.com/services/data/v59.0/query?q=SELECT+Id+FROM+Account');\n";
/** The token call does belong on the login host: a correct file that mentions it. */
const CLEAN_JS = `fetch('https://login.salesforce.com/services/oauth2/token', {
  method: 'POST',
  body: new URLSearchParams({ grant_type: 'refresh_token', client_id: 'id', refresh_token: 'token' }),
});
`;

const FLAT_ARRAY_CONFIG = `const salesforceSession = require('eslint-plugin-salesforce-session');

module.exports = [salesforceSession.configs.recommended];
`;

const DEFINE_CONFIG_MJS = `import { defineConfig } from 'eslint/config';
import salesforceSession from 'eslint-plugin-salesforce-session';

export default defineConfig({
  files: ['**/*.js'],
  plugins: { 'salesforce-session': salesforceSession },
  extends: ['salesforce-session/recommended'],
});
`;

function lint(project: TestProject, files: Record<string, string>) {
  const cwd = project.workspace(files);
  const result = project.eslint(['-f', 'json', '.'], cwd);
  if (result.status === 2) throw new Error(`eslint crashed:\n${result.stdout}\n${result.stderr}`);
  return { status: result.status, messages: jsonMessages(result.stdout, cwd) };
}

describe('the packed tarball', () => {
  let entries: string[] = [];
  beforeAll(() => {
    entries = tarballEntries(packPlugin());
  }, SETUP_TIMEOUT_MS);

  it('holds the build, its types, the docs, the manifest, README and LICENSE', () => {
    const expected = [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/configs.js',
      'dist/rules/index.js',
      'docs/rules/no-login-host-api-calls.md',
    ];
    expect(expected.filter((entry) => !entries.includes(entry))).toEqual([]);
  });

  it('holds no sources, tests, source maps or config files', () => {
    const unwanted = entries.filter(
      (entry) =>
        /^(src|tests|scripts|\.ci)\//.test(entry) ||
        entry.endsWith('.map') ||
        /^(tsconfig.*\.json|vitest\.config\.mts|eslint\.config\.mjs|\.eslint-doc-generatorrc\.js)$/.test(entry),
    );
    expect(unwanted).toEqual([]);
  });
});

describe('installed with ESLint 10 (npm defaults)', () => {
  let project: TestProject;
  beforeAll(() => {
    project = createProject({ eslint: '^10' });
  }, SETUP_TIMEOUT_MS);

  it(
    'reports a data call to the login host with configs.recommended (array config, CommonJS)',
    () => {
      const { status, messages } = lint(project, { 'eslint.config.js': FLAT_ARRAY_CONFIG, 'bad.js': BAD_JS });
      expect(status).toBe(1);
      expect(messages).toEqual([expect.objectContaining({ file: 'bad.js', ruleId: RULE_ID, severity: 2, line: 1 })]);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'passes a correct file',
    () => {
      const { status, messages } = lint(project, { 'eslint.config.js': FLAT_ARRAY_CONFIG, 'clean.js': CLEAN_JS });
      expect(messages).toEqual([]);
      expect(status).toBe(0);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    "works through defineConfig and `extends: ['salesforce-session/recommended']` (ESM config)",
    () => {
      const { status, messages } = lint(project, {
        'eslint.config.mjs': DEFINE_CONFIG_MJS,
        'bad.js': BAD_JS,
        'clean.js': CLEAN_JS,
      });
      expect(status).toBe(1);
      expect(messages.map((message) => [message.file, message.ruleId])).toEqual([['bad.js', RULE_ID]]);
    },
    CLI_TIMEOUT_MS,
  );

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
    "ships type declarations that fit ESLint's own config types",
    () => {
      // npm installs typescript here as a peer of @typescript-eslint/utils: the newest one it allows.
      expect(project.has('typescript')).toBe(true);
      const cwd = project.workspace({
        'check.mts': `import type { ESLint, Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import salesforceSession from 'eslint-plugin-salesforce-session';

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

describe('installed with ESLint 10 in a project without typescript', () => {
  let project: TestProject;
  beforeAll(() => {
    project = createProject({ eslint: '^10', withoutPeers: true });
  }, SETUP_TIMEOUT_MS);

  it(
    'loads and reports without typescript installed',
    () => {
      expect(project.has('typescript')).toBe(false);
      const { status, messages } = lint(project, { 'eslint.config.js': FLAT_ARRAY_CONFIG, 'bad.js': BAD_JS });
      expect(status).toBe(1);
      expect(messages.map((message) => message.ruleId)).toEqual([RULE_ID]);
    },
    CLI_TIMEOUT_MS,
  );
});
