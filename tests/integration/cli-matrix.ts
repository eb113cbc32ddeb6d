/**
 * The `salesforce-session-lint` bin of the packed tarball, run as installed, with one ESLint major: which files
 * it picks, each exit code, each format, `--fix`. Each `cli-eslint<major>.test.ts` file calls `describeCli`
 * for its major, so the majors run in parallel workers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseWorkflowCommand } from '../formatters/github-oracle';
import { sarifSchemaErrors } from '../formatters/sarif-schema';
import { jsonMessages, type CommandResult, type TestProject } from './helpers';
import {
  BAD_JS,
  BAD_TS,
  CLEAN_JS,
  CLI_TIMEOUT_MS,
  type EslintMajor,
  installedMetadata,
  LOGIN_HOST_RULE,
  NAMESPACE,
  PACKAGE,
  SETUP_TIMEOUT_MS,
  typescriptProject,
} from './projects';

export const BIN = 'salesforce-session-lint';
const RULE_ID = `${NAMESPACE}/${LOGIN_HOST_RULE}`;

/** A folder's own configs, which the bin must not load: each would fail the run. */
const OWN_CONFIGS = {
  'eslint.config.js': "throw new Error('The folder\\'s own eslint.config.js was loaded');\n",
  '.eslintrc.json': '{ "extends": "no-such-shared-config" }\n',
};

/** Violations in every place the bin skips, and two it lints (src/bad.js, src/bad.ts), beside two clean files it lints too (eslint.config.js is one). */
const TREE = {
  ...OWN_CONFIGS,
  '.gitignore': 'generated/\n*.local.js\n',
  'src/bad.js': BAD_JS,
  'src/bad.ts': BAD_TS,
  'src/clean.mjs': CLEAN_JS,
  'src/settings.local.js': BAD_JS,
  'generated/bad.js': BAD_JS,
  'dist/bad.js': BAD_JS,
  'build/bad.js': BAD_JS,
  'vendor/lib.min.js': BAD_JS,
  'types/bad.d.ts': BAD_TS,
};

/** A login-host data call that sends the token of a response in scope: `--fix` moves it to `instance_url`. */
const FIXABLE_JS = `export async function limits(body) {
  const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
  return fetch('https://login.salesforce.com/services/data/v59.0/limits', { headers: { Authorization: \`Bearer \${tokens.access_token}\` } });
}
`;

/** A Lightning web component: JavaScript with decorators, which only the TypeScript parser reads. */
const LWC_JS = `import { LightningElement, api, wire } from 'lwc';
import getAccounts from '@salesforce/apex/AccountController.getAccounts';

export default class AccountList extends LightningElement {
  @api recordId;
  @wire(getAccounts, { recordId: '$recordId' }) accounts;
}
`;

/** Comments for another ESLint setup: other plugins' rules, and `eslint-env`, which ESLint 10 reports. */
const LEGACY_COMMENTS_JS = `/* eslint-env node, mocha */
/* eslint react/no-danger: off */
// eslint-disable-next-line import/no-unresolved
console.log('legacy');
`;

/** The one line the bin prints on stderr for bad usage, and nothing on stdout. */
export function expectUsageFailure(result: CommandResult, message: string): void {
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^salesforce-session-lint: [^\n]+\n$/u);
  expect(result.stderr).toContain(message);
}

export function describeCli(major: EslintMajor): void {
  describe(`${BIN} with ESLint ${major}`, () => {
    let project: TestProject;
    let docsUrl: string;
    beforeAll(() => {
      project = typescriptProject(major);
      docsUrl = installedMetadata(project).rules[LOGIN_HOST_RULE]!.url;
    }, SETUP_TIMEOUT_MS);

    const bin = (args: string[], cwd: string, env?: NodeJS.ProcessEnv): CommandResult => project.bin(BIN, args, cwd, env);

    it(
      "reports what it finds outside .gitignore, node_modules, build output, minified and declaration files, ignoring the folder's own config; exit code 1",
      () => {
        const cwd = project.workspace(TREE);
        const result = bin(['--format', 'json'], cwd);
        expect(result.status, result.stderr).toBe(1);
        const messages = jsonMessages(result.stdout, cwd);
        expect(messages.map((message) => [message.file, message.ruleId])).toEqual([
          ['src/bad.js', RULE_ID],
          ['src/bad.ts', RULE_ID],
        ]);
        expect(result.stderr).toBe(
          `${BIN}: 2 problems (2 errors, 0 warnings) in 2 of 4 files (recommended config):\n  2  ${RULE_ID}  ${docsUrl}\n`,
        );
      },
      CLI_TIMEOUT_MS,
    );

    it(
      "exits 0 with nothing on stdout when the files are clean, Lightning web components (decorators) and comments for the folder's own ESLint setup included",
      () => {
        const cwd = project.workspace({
          ...OWN_CONFIGS,
          'src/clean.mjs': CLEAN_JS,
          'src/typed.ts': 'export const answer: number = 42;\n',
          'src/lwc/accountList/accountList.js': LWC_JS,
          'src/legacy.js': LEGACY_COMMENTS_JS,
        });
        const result = bin(['--config', 'all', 'src'], cwd);
        expect(result.stderr).toBe(`${BIN}: no problems in 4 files (all config).\n`);
        expect(result.stdout).toBe('');
        expect(result.status).toBe(0);
      },
      CLI_TIMEOUT_MS,
    );

    it(
      'counts a file that does not parse as an error; exit code 1',
      () => {
        const cwd = project.workspace({ 'broken.js': 'fetch(\n' });
        const result = bin([], cwd);
        expect(result.status).toBe(1);
        expect(result.stdout).toContain('Parsing error');
        expect(result.stderr).toContain('  1  (parsing error)\n');
      },
      CLI_TIMEOUT_MS,
    );

    describe('each format', () => {
      let cwd: string;
      beforeAll(() => {
        cwd = project.workspace({ ...OWN_CONFIGS, 'src/bad.js': BAD_JS, 'src/bad.ts': BAD_TS });
      });

      it(
        'stylish: file, place, message and rule',
        () => {
          const result = bin(['--format', 'stylish', '.'], cwd);
          expect(result.status).toBe(1);
          expect(result.stdout).toContain(join(cwd, 'src/bad.js'));
          expect(result.stdout).toMatch(new RegExp(`\\n\\s+1:7\\s+error\\s+.+\\s${RULE_ID}\\n`, 'u'));
        },
        CLI_TIMEOUT_MS,
      );

      it(
        'github: one workflow command per problem',
        () => {
          const result = bin(['--format', 'github'], cwd, { GITHUB_WORKSPACE: cwd, GITHUB_STEP_SUMMARY: '' });
          expect(result.status).toBe(1);
          const commands = result.stdout.trimEnd().split('\n').map(parseWorkflowCommand);
          expect(commands.map((command) => [command?.command, command?.properties.file, command?.properties.title])).toEqual([
            ['error', 'src/bad.js', RULE_ID],
            ['error', 'src/bad.ts', RULE_ID],
          ]);
        },
        CLI_TIMEOUT_MS,
      );

      it(
        'sarif, written with -o: valid against the SARIF 2.1.0 schema, the rule described from its meta',
        () => {
          const result = bin(['--format', 'sarif', '-o', 'reports/eslint.sarif'], cwd, { GITHUB_WORKSPACE: '' });
          expect(result.status).toBe(1);
          expect(result.stdout).toBe('');
          const log = JSON.parse(readFileSync(join(cwd, 'reports/eslint.sarif'), 'utf8')) as {
            runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } }; results: { ruleId: string }[] }[];
          };
          expect(sarifSchemaErrors(log)).toEqual([]);
          expect(log.runs[0]?.tool.driver.rules).toMatchObject([{ id: RULE_ID, helpUri: docsUrl }]);
          expect(log.runs[0]?.results.map((entry) => entry.ruleId)).toEqual([RULE_ID, RULE_ID]);
        },
        CLI_TIMEOUT_MS,
      );

      it(
        "json: ESLint's own results",
        () => {
          const result = bin(['--format', 'json'], cwd);
          expect(result.status).toBe(1);
          expect(jsonMessages(result.stdout, cwd).map((message) => `${message.file}:${message.line}:${message.column}`)).toEqual([
            'src/bad.js:1:7',
            'src/bad.ts:1:41',
          ]);
        },
        CLI_TIMEOUT_MS,
      );
    });

    it(
      '--fix rewrites what the rules can fix safely, and the fixed file lints clean',
      () => {
        const cwd = project.workspace({ 'limits.js': FIXABLE_JS });
        const fixed = bin(['--fix'], cwd);
        expect(fixed.stderr).toBe(`${BIN}: no problems in 1 file (recommended config); 1 file fixed.\n`);
        expect(fixed.status).toBe(0);
        const text = readFileSync(join(cwd, 'limits.js'), 'utf8');
        expect(text).toBe(FIXABLE_JS.replace("'https://login.salesforce.com/services/data/v59.0/limits'", '`${tokens.instance_url}/services/data/v59.0/limits`'));
        const again = bin([], cwd);
        expect(again.status).toBe(0);
        expect(again.stdout).toBe('');
      },
      CLI_TIMEOUT_MS,
    );

    it(
      '--max-warnings: more warnings than allowed exit 1',
      () => {
        const cwd = project.workspace({});
        // A file under node_modules, named on the command line: ESLint lints it not, with a warning.
        const ignored = `node_modules/${PACKAGE}/dist/index.js`;
        expect(bin([ignored], cwd).status).toBe(0);
        const limited = bin(['--max-warnings', '0', ignored], cwd);
        expect(limited.status).toBe(1);
        expect(limited.stderr).toContain(`${BIN}: too many warnings (1; --max-warnings is 0).\n`);
        expect(bin(['--max-warnings=1', ignored], cwd).status).toBe(0);
      },
      CLI_TIMEOUT_MS,
    );

    it(
      'exit code 2, with one line on stderr, for an unknown option and for a path that does not exist',
      () => {
        const cwd = project.workspace({ 'a.js': CLEAN_JS });
        expectUsageFailure(bin(['--quiet'], cwd), "unknown option '--quiet'");
        expectUsageFailure(bin(['a.js', 'no/such/dir'], cwd), 'no such file or folder: no/such/dir');
      },
      CLI_TIMEOUT_MS,
    );
  });
}
