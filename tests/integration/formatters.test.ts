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
import { createProject, docRecipe, packPlugin, REPO_ROOT, tarballEntries, type TestProject } from './helpers';
import {
  BAD_JS,
  CLI_TIMEOUT_MS,
  ESLINT_VERSIONS,
  type EslintMajor,
  installedMetadata,
  LOGIN_HOST_RULE,
  NAMESPACE,
  PACKAGE,
  plainProject,
  SETUP_TIMEOUT_MS,
} from './projects';

const GITHUB_FORMATTER = `./node_modules/${PACKAGE}/dist/formatters/github.js`;
const SARIF_FORMATTER = `./node_modules/${PACKAGE}/dist/formatters/sarif.js`;
const LOGIN_RULE_ID = `${NAMESPACE}/${LOGIN_HOST_RULE}`;

const recipe = (name: string): string => docRecipe('ci.md', name);

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

describe('docs/ci.md', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs/ci.md'), 'utf8');
  let project: TestProject;
  beforeAll(() => {
    project = plainProject(10);
  }, SETUP_TIMEOUT_MS);

  it('gives the formatter paths that these tests use, and they are in the package', () => {
    expect(doc).toContain(`-f ${GITHUB_FORMATTER}`);
    expect(doc).toContain(`-f ${SARIF_FORMATTER}`);
    const entries = tarballEntries(packPlugin());
    expect(entries).toContain(GITHUB_FORMATTER.replace(`./node_modules/${PACKAGE}/`, ''));
    expect(entries).toContain(SARIF_FORMATTER.replace(`./node_modules/${PACKAGE}/`, ''));
  });

  it(
    'has a Node API script, importing the formatters from their package subpaths, that prints what the CLI prints',
    () => {
      const cwd = project.workspace({ ...FILES, 'lint-ci.mjs': recipe('node-api') });
      const env = { GITHUB_WORKSPACE: '', GITHUB_STEP_SUMMARY: '' };
      const script = project.node(['lint-ci.mjs'], cwd, env);
      expect(script.stderr).toBe('');
      expect(script.status).toBe(1);
      const cli = project.eslint(['-f', GITHUB_FORMATTER, '.'], cwd, env);
      expect(script.stdout).toBe(cli.stdout);
      const log = JSON.parse(readFileSync(join(cwd, 'eslint.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
      expect(sarifSchemaErrors(log)).toEqual([]);
      expect(log.runs[0]?.results.length).toBeGreaterThanOrEqual(2 + TRICKY_MESSAGES.length + 1);
    },
    CLI_TIMEOUT_MS,
  );

  describe('GitLab Code Quality through eslint-formatter-gitlab (ESLint 10)', () => {
    let gitlabProject: TestProject;
    beforeAll(() => {
      gitlabProject = createProject({ eslint: ESLINT_VERSIONS[10], withoutPeers: true, dependencies: ['eslint-formatter-gitlab@^7'] });
    }, SETUP_TIMEOUT_MS);

    it(
      "writes the report that the documented job declares, in GitLab's format",
      () => {
        const job = recipe('gitlab-ci');
        const cwd = gitlabProject.workspace({ ...FILES, '.gitlab-ci.yml': job });
        const command = /^\s+- (npx eslint --format gitlab \.)$/mu.exec(job)?.[1];
        expect(command).toBe('npx eslint --format gitlab .');
        const output = gitlabProject.eslint(['--format', 'gitlab', '.'], cwd, {
          CI: 'true',
          GITLAB_CI: 'true',
          CI_JOB_NAME: 'eslint',
          CI_PROJECT_DIR: cwd,
          CI_CONFIG_PATH: '.gitlab-ci.yml',
          ESLINT_CODE_QUALITY_REPORT: '',
        });
        expect(output.status).toBe(1);
        const text = readFileSync(join(cwd, 'gl-codequality.json'), 'utf8');
        expect(text.charCodeAt(0)).not.toBe(0xfeff);
        const report = JSON.parse(text) as {
          description: string;
          check_name: string;
          fingerprint: string;
          severity: string;
          location: { path: string; lines?: { begin: number }; positions?: { begin: { line: number } } };
          content?: { body: string };
        }[];
        for (const entry of report) {
          expect(entry.description).toEqual(expect.any(String));
          expect(entry.check_name).toEqual(expect.any(String));
          expect(['info', 'minor', 'major', 'critical', 'blocker']).toContain(entry.severity);
          expect(entry.location.path).not.toMatch(/^(\/|\.\/)/u);
          expect(entry.location.lines?.begin ?? entry.location.positions?.begin.line).toEqual(expect.any(Number));
        }
        expect(new Set(report.map((entry) => entry.fingerprint)).size).toBe(report.length);
        const ours = report.filter((entry) => entry.check_name === LOGIN_RULE_ID);
        expect(ours.map((entry) => entry.location.path).sort()).toEqual(['src/bad.js', 'src/odd, name: 100%.js']);
        expect(ours[0]?.content?.body).toContain(installedDocsUrl(gitlabProject));
      },
      CLI_TIMEOUT_MS,
    );
  });
});

/** The docs URL of the login-host rule, from the installed package's rule meta. */
function installedDocsUrl(project: TestProject): string {
  const url = installedMetadata(project).rules[LOGIN_HOST_RULE]?.url;
  expect(url).toMatch(/^https:\/\//u);
  return url!;
}
