/**
 * The shipped formatters, run by the real `eslint` CLI of ESLint 8.57, 9 and 10 on the packed tarball, with
 * the path the docs give (`-f ./node_modules/eslint-plugin-salesforce-session/dist/formatters/<name>.js`).
 * The GitHub output is compared byte for byte with `@actions/core` for the same problems (read from `-f json`
 * over the same files); the SARIF output is checked against the SARIF 2.1.0 schema.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/formatters/lint-results';
import { actionsCoreCommands, parseWorkflowCommand } from '../formatters/github-oracle';
import { sarifSchemaErrors } from '../formatters/sarif-schema';
import type { TestProject } from './helpers';
import {
  BAD_JS,
  CLI_TIMEOUT_MS,
  type EslintMajor,
  installedMetadata,
  LOGIN_HOST_RULE,
  NAMESPACE,
  PACKAGE,
  plainProject,
  SETUP_TIMEOUT_MS,
} from './projects';

export const GITHUB_FORMATTER = `./node_modules/${PACKAGE}/dist/formatters/github.js`;
export const SARIF_FORMATTER = `./node_modules/${PACKAGE}/dist/formatters/sarif.js`;
const LOGIN_RULE_ID = `${NAMESPACE}/${LOGIN_HOST_RULE}`;

/** Messages that break careless escaping; a local rule reports each on its own line of `tricky.js`. */
const TRICKY_MESSAGES = [
  '100% sure, really: yes',
  'first line\r\nsecond line\nthird',
  'an injected command\n::error::gotcha',
  'has :: inside, and ::warning file=x::',
  'literal escapes %0A %25 %3A %2C stay literal',
  'Unicode: Ünïcødé — 🚀',
];

/** `eslint.config.js` (CommonJS, so ESLint 8.57 loads it too): the plugin, plus a rule that reports tricky text. */
const CONFIG = `const salesforceSession = require('${PACKAGE}');

const MESSAGES = ${JSON.stringify(TRICKY_MESSAGES)};

const local = {
  meta: { name: 'local' },
  rules: {
    tricky: {
      meta: { type: 'suggestion', docs: { description: 'Report text that is hard to escape', url: 'https://example.com/tricky' }, schema: [] },
      create(context) {
        if (!context.filename.endsWith('tricky.js')) return {};
        return {
          Program() {
            MESSAGES.forEach((message, index) => {
              context.report({ loc: { start: { line: index + 1, column: 0 }, end: { line: index + 1, column: 4 } }, message });
            });
            context.report({ loc: { start: { line: 1, column: 2 }, end: { line: 3, column: 1 } }, message: 'A range over three lines.' });
          },
        };
      },
    },
  },
};

module.exports = [
  salesforceSession.configs.recommended,
  { plugins: { local }, rules: { 'local/tricky': 'warn' } },
];
`;

const TRICKY_JS = TRICKY_MESSAGES.map((_, index) => `const value${index} = ${index};\n`).join('');

const FILES = {
  'eslint.config.js': CONFIG,
  'src/bad.js': BAD_JS,
  'src/odd, name: 100%.js': BAD_JS,
  'tricky.js': TRICKY_JS,
  'broken.js': 'fetch(\n',
};

describe.each([10, 9, 8] as EslintMajor[])('the formatters through the ESLint %s CLI', (major) => {
  let project: TestProject;
  let cwd: string;
  let summaryDir: string;
  beforeAll(() => {
    project = plainProject(major);
    cwd = project.workspace(FILES);
    summaryDir = mkdtempSync(join(tmpdir(), 'formatter-summary-'));
  }, SETUP_TIMEOUT_MS);
  afterAll(() => {
    rmSync(summaryDir, { recursive: true, force: true });
  });

  /** The results ESLint gives any formatter, read through `-f json`. */
  function jsonResults(env: NodeJS.ProcessEnv): LintResult[] {
    const result = project.eslint(['-f', 'json', '.'], cwd, env);
    expect(result.status).toBe(1);
    return JSON.parse(result.stdout) as LintResult[];
  }

  it(
    'prints GitHub workflow commands byte-equal to @actions/core, relative to GITHUB_WORKSPACE',
    async () => {
      // The workspace root is the parent of the folder ESLint runs in, as in a monorepo package.
      const env = { GITHUB_WORKSPACE: dirname(cwd), GITHUB_STEP_SUMMARY: '' };
      const output = project.eslint(['-f', GITHUB_FORMATTER, '.'], cwd, env);
      expect(output.stderr).toBe('');
      expect(output.status).toBe(1);
      expect(output.stdout).toBe(await actionsCoreCommands(jsonResults(env), dirname(cwd)));

      const commands = output.stdout.trimEnd().split('\n').map(parseWorkflowCommand);
      expect(commands.every(Boolean)).toBe(true);
      const errors = commands.filter((command) => command?.command === 'error');
      const firstWarning = commands.findIndex((command) => command?.command === 'warning');
      expect(firstWarning).toBe(errors.length);
      const folder = basename(cwd);
      expect(errors.map((command) => [command?.properties.file, command?.properties.title])).toEqual(
        expect.arrayContaining([
          [`${folder}/broken.js`, 'ESLint'],
          [`${folder}/src/bad.js`, LOGIN_RULE_ID],
          [`${folder}/src/odd, name: 100%.js`, LOGIN_RULE_ID],
        ]),
      );
      const tricky = commands.filter((command) => command?.properties.title === 'local/tricky').map((command) => command?.data);
      expect(tricky.sort()).toEqual([...TRICKY_MESSAGES, 'A range over three lines.'].sort());
      const multiLine = commands.find((command) => command?.data === 'A range over three lines.');
      expect(multiLine?.properties).toEqual({ title: 'local/tricky', file: `${folder}/tricky.js`, line: '1', endLine: '3' });
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'appends a job summary that links each rule to its docs when GITHUB_STEP_SUMMARY is set',
    () => {
      const summaryFile = join(summaryDir, `summary-${major}.md`);
      const output = project.eslint(['-f', GITHUB_FORMATTER, 'src'], cwd, { GITHUB_WORKSPACE: cwd, GITHUB_STEP_SUMMARY: summaryFile });
      expect(output.status).toBe(1);
      const summary = readFileSync(summaryFile, 'utf8');
      const url = installedDocsUrl(project);
      expect(summary).toMatch(/^### ESLint: 2 errors, 0 warnings\n/u);
      expect(summary).toContain(`| src/bad.js:1 | error | [${LOGIN_RULE_ID}](${url}) |`);
      expect(summary).toContain(`| src/odd, name: 100%.js:1 | error | [${LOGIN_RULE_ID}](${url}) |`);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'writes SARIF that the SARIF 2.1.0 schema accepts, with the rule described from its meta',
    () => {
      const output = project.eslint(['-f', SARIF_FORMATTER, '-o', 'results.sarif', '.'], cwd, { GITHUB_WORKSPACE: cwd });
      expect(output.stderr).toBe('');
      expect(output.status).toBe(1);
      const log = JSON.parse(readFileSync(join(cwd, 'results.sarif'), 'utf8')) as {
        $schema: string;
        runs: {
          tool: { driver: { version: string; rules: { id: string; helpUri?: string; fullDescription: object; help: object }[] } };
          invocations: { toolExecutionNotifications?: { message: { text: string } }[] }[];
          results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[];
        }[];
      };
      expect(sarifSchemaErrors(log)).toEqual([]);
      expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
      const [run] = log.runs;
      expect(run?.tool.driver.version).toMatch(new RegExp(`^${major === 8 ? '8\\.57' : major}\\.`, 'u'));
      expect(run?.tool.driver.rules.map((rule) => rule.id)).toEqual(['local/tricky', LOGIN_RULE_ID]);
      expect(run?.tool.driver.rules[1]).toMatchObject({ helpUri: installedDocsUrl(project), fullDescription: expect.anything(), help: expect.anything() });
      const logins = run?.results.filter((result) => result.ruleId === LOGIN_RULE_ID);
      expect(logins?.map((result) => result.locations[0]?.physicalLocation.artifactLocation)).toEqual([
        { uri: 'src/bad.js', uriBaseId: '%SRCROOT%' },
        { uri: 'src/odd%2C%20name%3A%20100%25.js', uriBaseId: '%SRCROOT%' },
      ]);
      expect(run?.results.filter((result) => result.ruleId === 'local/tricky')).toHaveLength(TRICKY_MESSAGES.length + 1);
      expect(run?.invocations[0]?.toolExecutionNotifications?.map((notification) => notification.message.text)).toEqual([
        expect.stringMatching(/^Parsing error: /u),
      ]);
    },
    CLI_TIMEOUT_MS,
  );
});

describe('the formatters from the Node API (ESLint 10)', () => {
  let project: TestProject;
  beforeAll(() => {
    project = plainProject(10);
  }, SETUP_TIMEOUT_MS);

  it(
    'are exported as eslint-plugin-salesforce-session/formatters/github and …/sarif, to require and to import',
    () => {
      const cwd = project.workspace({
        ...FILES,
        'format.mjs': `import { createRequire } from 'node:module';
import { ESLint } from 'eslint';
import sarif from '${PACKAGE}/formatters/sarif';

const github = createRequire(import.meta.url)('${PACKAGE}/formatters/github');
const eslint = new ESLint();
const results = await eslint.lintFiles(['src']);
const context = { cwd: process.cwd(), rulesMeta: eslint.getRulesMetaForResults(results) };
process.stdout.write(JSON.stringify({ github: github(results, context), sarif: JSON.parse(sarif(results, context)).runs[0].results.length }));
`,
      });
      const result = project.node(['format.mjs'], cwd, { GITHUB_WORKSPACE: '', GITHUB_STEP_SUMMARY: '' });
      expect(result.stderr).toBe('');
      const cli = project.eslint(['-f', GITHUB_FORMATTER, 'src'], cwd, { GITHUB_WORKSPACE: '', GITHUB_STEP_SUMMARY: '' });
      expect(JSON.parse(result.stdout)).toEqual({ github: cli.stdout.trimEnd(), sarif: 2 });
    },
    CLI_TIMEOUT_MS,
  );
});

/** The docs URL of the login-host rule, from the installed package's rule meta. */
function installedDocsUrl(project: TestProject): string {
  const url = installedMetadata(project).rules[LOGIN_HOST_RULE]?.url;
  expect(url).toMatch(/^https:\/\//u);
  return url!;
}
