/**
 * The ways a user's config can load the plugin, each run through the real `eslint` CLI of one ESLint major
 * on the packed tarball. Each `config-eslint<major>.test.ts` file calls these for its major, so the majors
 * run in parallel workers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestProject } from './helpers';
import {
  BAD_JS,
  BAD_TS,
  CLEAN_JS,
  CLI_TIMEOUT_MS,
  type EslintMajor,
  enabledRuleIds,
  expectBadFixtureReport,
  expectedRuleIds,
  installedMetadata,
  LOGIN_HOST_RULE,
  lintFiles,
  NAMESPACE,
  PACKAGE,
  plainProject,
  SETUP_TIMEOUT_MS,
  typescriptProject,
} from './projects';

const CONFIG_NAMES = ['recommended', 'strict', 'all'] as const;
type ConfigName = (typeof CONFIG_NAMES)[number];

const FLAT_ARRAY_CJS = (config: ConfigName = 'recommended') => `const salesforceSession = require('${PACKAGE}');

module.exports = [salesforceSession.configs.${config}];
`;

const FLAT_ARRAY_MJS = `import salesforceSession from '${PACKAGE}';

export default [salesforceSession.configs.recommended];
`;

const DEFINE_CONFIG_MJS = `import { defineConfig } from 'eslint/config';
import salesforceSession from '${PACKAGE}';

export default defineConfig({
  files: ['**/*.js'],
  plugins: { '${NAMESPACE}': salesforceSession },
  extends: ['${NAMESPACE}/recommended'],
});
`;

const RENAMED_NAMESPACE_MJS = (override: string) => `import { defineConfig } from 'eslint/config';
import salesforceSession from '${PACKAGE}';

export default defineConfig({
  files: ['**/*.js'],
  plugins: { sf: salesforceSession },
  extends: ['sf/recommended'],${override}
});
`;

const TYPESCRIPT_MJS = `import tsParser from '@typescript-eslint/parser';
import salesforceSession from '${PACKAGE}';

export default [
  { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
  salesforceSession.configs.recommended,
];
`;

const WITH_OPTIONS_CJS = (options: object) => `const salesforceSession = require('${PACKAGE}');

module.exports = [
  salesforceSession.configs.recommended,
  { rules: { '${NAMESPACE}/${LOGIN_HOST_RULE}': ['error', ${JSON.stringify(options)}] } },
];
`;

const ESLINTRC = (config: string, rules = {}) =>
  `${JSON.stringify({ root: true, extends: [`plugin:${NAMESPACE}/${config}`], rules }, null, 2)}\n`;

/**
 * Options the rule's schema rejects, and what ESLint's error must say besides the rule ID. ESLint prints the
 * offending value and the schema's complaint, not the path to it: a bad host is named by its value and the
 * pattern it fails; a misspelt option is named by its key.
 */
const BAD_OPTIONS = [
  {
    case: 'a login host that is not a hostname',
    options: { loginHosts: ['not a host!'] },
    mentions: ['"not a host!"', 'should match format "hostname"'],
  },
  { case: 'a misspelt option', options: { loginHost: ['login.example.com'] }, mentions: ['loginHost', 'additional properties'] },
];

/** Flat configs: ESLint 9 and 10 by default, 8.57 with `eslint.config.*`. */
export function describeFlatConfigs(major: EslintMajor): void {
  describe(`ESLint ${major}, flat config, plain JavaScript project without typescript`, () => {
    let project: TestProject;
    beforeAll(() => {
      project = plainProject(major);
    }, SETUP_TIMEOUT_MS);

    it('has no typescript installed', () => {
      expect(project.has('typescript')).toBe(false);
      expect(project.has('eslint')).toBe(true);
    });

    it.each([
      ['eslint.config.js (CommonJS)', 'eslint.config.js', FLAT_ARRAY_CJS()],
      ['eslint.config.cjs', 'eslint.config.cjs', FLAT_ARRAY_CJS()],
      ['eslint.config.mjs', 'eslint.config.mjs', FLAT_ARRAY_MJS],
    ])(
      'reports with the array form `[configs.recommended]` in %s',
      (_name, configFile, config) => {
        const outcome = lintFiles(project, { [configFile]: config, 'bad.js': BAD_JS, 'clean.js': CLEAN_JS });
        expectBadFixtureReport(outcome, expectedRuleIds(installedMetadata(project), 'recommended'));
        expect(outcome.messages.filter((message) => message.file === 'clean.js')).toEqual([]);
      },
      CLI_TIMEOUT_MS,
    );

    it(
      'exits 0 on a clean project',
      () => {
        const outcome = lintFiles(project, { 'eslint.config.js': FLAT_ARRAY_CJS(), 'clean.js': CLEAN_JS });
        expect(outcome.messages).toEqual([]);
        expect(outcome.status).toBe(0);
      },
      CLI_TIMEOUT_MS,
    );

    if (major !== 8) {
      it(
        "works through defineConfig and `extends: ['salesforce-session/recommended']`",
        () => {
          const outcome = lintFiles(project, { 'eslint.config.mjs': DEFINE_CONFIG_MJS, 'bad.js': BAD_JS });
          expectBadFixtureReport(outcome, expectedRuleIds(installedMetadata(project), 'recommended'));
        },
        CLI_TIMEOUT_MS,
      );

      it(
        "reports under a renamed namespace (`plugins: { sf }`, `extends: ['sf/recommended']`) exactly once",
        () => {
          const outcome = lintFiles(project, { 'eslint.config.mjs': RENAMED_NAMESPACE_MJS(''), 'bad.js': BAD_JS });
          expectBadFixtureReport(outcome, expectedRuleIds(installedMetadata(project), 'recommended', 'sf'));
          expect(outcome.messages.filter((message) => message.ruleId === `sf/${LOGIN_HOST_RULE}`)).toHaveLength(1);
        },
        CLI_TIMEOUT_MS,
      );

      it(
        'applies a rule override written with the renamed namespace, without a second report',
        () => {
          const override = `\n  rules: { 'sf/${LOGIN_HOST_RULE}': 'warn' },`;
          const outcome = lintFiles(project, { 'eslint.config.mjs': RENAMED_NAMESPACE_MJS(override), 'bad.js': BAD_JS });
          const reports = outcome.messages.filter((message) => message.ruleId?.endsWith(`/${LOGIN_HOST_RULE}`));
          expect(reports.map((message) => [message.ruleId, message.severity])).toEqual([[`sf/${LOGIN_HOST_RULE}`, 1]]);
        },
        CLI_TIMEOUT_MS,
      );
    } else {
      it(
        'has no `eslint/config` to import on ESLint 8: the array form is the way (as the README says)',
        () => {
          const outcome = project.eslint(['.'], project.workspace({ 'eslint.config.mjs': DEFINE_CONFIG_MJS, 'bad.js': BAD_JS }));
          expect(outcome.status).toBe(2);
          expect(outcome.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
        },
        CLI_TIMEOUT_MS,
      );
    }

    it.each(CONFIG_NAMES)(
      '`configs.%s` enables exactly the rules its metadata selects',
      (config) => {
        const metadata = installedMetadata(project);
        const expected = expectedRuleIds(metadata, config);
        expect(Object.keys(metadata.configs[config] ?? {}).sort()).toEqual(expected);
        const cwd = project.workspace({ 'eslint.config.js': FLAT_ARRAY_CJS(config), 'bad.js': BAD_JS });
        const printed = project.eslint(['--print-config', 'bad.js'], cwd);
        expect(printed.stderr).toBe('');
        expect(enabledRuleIds(printed.stdout)).toEqual(expected);
        const outcome = lintFiles(project, { 'eslint.config.js': FLAT_ARRAY_CJS(config), 'bad.js': BAD_JS });
        expectBadFixtureReport(outcome, expected);
      },
      CLI_TIMEOUT_MS,
    );

    it.each(BAD_OPTIONS)(
      'rejects $case with a message that names it',
      ({ options, mentions }) => {
        const cwd = project.workspace({ 'eslint.config.js': WITH_OPTIONS_CJS(options), 'bad.js': BAD_JS });
        const outcome = project.eslint(['bad.js'], cwd);
        expect(outcome.status).toBe(2);
        expect(outcome.stderr).toContain(`${NAMESPACE}/${LOGIN_HOST_RULE}`);
        for (const mention of mentions) expect(outcome.stderr).toContain(mention);
        if (major !== 8 && 'loginHost' in options) {
          expect(outcome.stderr).toContain('Unexpected property "loginHost". Expected properties: "loginHosts".');
        }
      },
      CLI_TIMEOUT_MS,
    );
  });

  describe(`ESLint ${major}, flat config, TypeScript project with @typescript-eslint/parser`, () => {
    let project: TestProject;
    beforeAll(() => {
      project = typescriptProject(major);
    }, SETUP_TIMEOUT_MS);

    it(
      'reports in .ts files parsed by @typescript-eslint/parser, and in .js files',
      () => {
        expect(project.has('typescript')).toBe(true);
        const outcome = lintFiles(project, { 'eslint.config.mjs': TYPESCRIPT_MJS, 'bad.ts': BAD_TS, 'bad.js': BAD_JS });
        const expected = expectedRuleIds(installedMetadata(project), 'recommended');
        expectBadFixtureReport(outcome, expected, 'bad.ts');
        expectBadFixtureReport(outcome, expected, 'bad.js');
      },
      CLI_TIMEOUT_MS,
    );
  });
}

/** eslintrc: ESLint 8.57 by default, ESLint 9 with `ESLINT_USE_FLAT_CONFIG=false`. */
export function describeEslintrc(major: 8 | 9): void {
  const env = major === 9 ? { ESLINT_USE_FLAT_CONFIG: 'false' } : {};

  describe(`ESLint ${major}, eslintrc${major === 9 ? ' (ESLINT_USE_FLAT_CONFIG=false)' : ''}`, () => {
    let project: TestProject;
    beforeAll(() => {
      project = plainProject(major);
    }, SETUP_TIMEOUT_MS);

    it(
      "reports with `extends: ['plugin:salesforce-session/legacy-recommended']`",
      () => {
        const outcome = lintFiles(
          project,
          { '.eslintrc.json': ESLINTRC('legacy-recommended'), 'bad.js': BAD_JS, 'clean.js': CLEAN_JS },
          ['.'],
          env,
        );
        expectBadFixtureReport(outcome, expectedRuleIds(installedMetadata(project), 'recommended'));
        expect(outcome.messages.filter((message) => message.file === 'clean.js')).toEqual([]);
      },
      CLI_TIMEOUT_MS,
    );

    it.each(CONFIG_NAMES)(
      '`legacy-%s` enables exactly the rules its metadata selects',
      (config) => {
        const metadata = installedMetadata(project);
        const expected = expectedRuleIds(metadata, config);
        expect(Object.keys(metadata.configs[`legacy-${config}`] ?? {}).sort()).toEqual(expected);
        const cwd = project.workspace({ '.eslintrc.json': ESLINTRC(`legacy-${config}`), 'bad.js': BAD_JS });
        const printed = project.eslint(['--print-config', 'bad.js'], cwd, env);
        expect(printed.status).toBe(0);
        expect(enabledRuleIds(printed.stdout)).toEqual(expected);
      },
      CLI_TIMEOUT_MS,
    );

    if (major === 8) {
      it.each(BAD_OPTIONS)(
        'rejects $case with a message that names it',
        ({ options, mentions }) => {
          const rules = { [`${NAMESPACE}/${LOGIN_HOST_RULE}`]: ['error', options] };
          const cwd = project.workspace({ '.eslintrc.json': ESLINTRC('legacy-recommended', rules), 'bad.js': BAD_JS });
          const outcome = project.eslint(['bad.js'], cwd, env);
          expect(outcome.status).toBe(2);
          expect(outcome.stderr).toContain(`${NAMESPACE}/${LOGIN_HOST_RULE}`);
          for (const mention of mentions) expect(outcome.stderr).toContain(mention);
        },
        CLI_TIMEOUT_MS,
      );
    }
  });
}
