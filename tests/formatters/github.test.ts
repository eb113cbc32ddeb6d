import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import formatGithub from '../../src/formatters/github';
import type { LintMessage, LintResult } from '../../src/formatters/lint-results';
import { actionsCoreCommands, CORE_EOL, parseWorkflowCommand } from './github-oracle';

const ROOT = '/work/repo';
const RULE = 'salesforce-session/no-login-host-api-calls';
const DOCS_URL = 'https://example.com/docs/no-login-host-api-calls.md';

function problem(overrides: Partial<LintMessage> = {}): LintMessage {
  return { ruleId: RULE, severity: 2, message: 'Send it to the instance.', line: 3, column: 5, endLine: 3, endColumn: 40, ...overrides };
}

function result(path: string, messages: LintMessage[]): LintResult {
  return { filePath: join(ROOT, path), messages };
}

/** Messages and paths that a careless escaper gets wrong: every one must survive the trip to the runner. */
const TRICKY_MESSAGES = [
  '100% sure, really: yes',
  'first line\r\nsecond line\nthird\r',
  'ends with an injected command\n::error::gotcha',
  'has :: inside, and ::warning file=x::',
  'literal escapes %0A %0D %25 %3A %2C stay literal',
  'Unicode: Ünïcødé — 🚀 — 日本語',
  '',
];
const TRICKY_FILES = ['we,ird:name%.js', 'dir with space/%25.ts', 'src/a:b,c/file.mjs'];

/** The formatter's output as the ESLint CLI prints it: with a final newline when there is any. */
function printed(results: LintResult[], context = { cwd: ROOT }): string {
  const output = formatGithub(results, context);
  return output === '' ? '' : `${output}\n`;
}

describe('the GitHub Actions formatter', () => {
  let summaryDir: string;
  beforeEach(() => {
    vi.stubEnv('GITHUB_WORKSPACE', '');
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    summaryDir = mkdtempSync(join(tmpdir(), 'github-formatter-'));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(summaryDir, { recursive: true, force: true });
  });

  it('prints nothing for no problems', () => {
    expect(formatGithub([result('a.js', [])], { cwd: ROOT })).toBe('');
    expect(formatGithub([], { cwd: ROOT })).toBe('');
  });

  it.each(TRICKY_FILES)('prints one annotation per problem, byte-equal to @actions/core, for tricky messages in %s', async (file) => {
    const results = [
      result(
        file,
        TRICKY_MESSAGES.map((message, line) =>
          problem({ message, ruleId: line % 3 === 0 ? 'odd,rule:id%' : RULE, line: line + 1, endLine: line + 1, severity: line % 2 === 0 ? 2 : 1 }),
        ),
      ),
    ];
    const expected = await actionsCoreCommands(results, ROOT);
    expect(expected.split(CORE_EOL).length - 1).toBe(TRICKY_MESSAGES.length);
    expect(printed(results)).toBe(expected);
  });

  it.each(TRICKY_FILES)('survives the trip through the runner: message, title, file and positions read back unchanged (%s)', (file) => {
    const results = [
      result(file, TRICKY_MESSAGES.map((message, line) => problem({ message, ruleId: 'odd,rule:id%', line: line + 1, endLine: line + 1 }))),
    ];
    const lines = formatGithub(results, { cwd: ROOT }).split('\n');
    expect(lines.every((line) => !/[\r\n]/u.test(line))).toBe(true);
    expect(lines.map(parseWorkflowCommand)).toEqual(
      TRICKY_MESSAGES.map((message, line) => ({
        command: 'error',
        properties: { title: 'odd,rule:id%', file, line: String(line + 1), endLine: String(line + 1), col: '5', endColumn: '40' },
        data: message,
      })),
    );
  });

  it('puts every error before every warning, keeping ESLint order within each', async () => {
    const results = [
      result('a.js', [problem({ severity: 1, line: 1, message: 'warning a1' }), problem({ line: 2, message: 'error a2' })]),
      result('b.js', [problem({ severity: 1, line: 1, message: 'warning b1' }), problem({ line: 9, message: 'error b9' })]),
    ];
    const commands = formatGithub(results, { cwd: ROOT }).split('\n').map(parseWorkflowCommand);
    expect(commands.map((command) => `${command?.command} ${command?.data}`)).toEqual([
      'error error a2',
      'error error b9',
      'warning warning a1',
      'warning warning b1',
    ]);
    expect(printed(results)).toBe(await actionsCoreCommands(results, ROOT));
  });

  it('gives columns only for a range on one line, as the runner drops them otherwise', async () => {
    const results = [
      result('a.js', [
        problem({ line: 2, endLine: 4, column: 3, endColumn: 9, message: 'multi-line' }),
        problem({ line: 5, endLine: 5, column: 3, endColumn: 9, message: 'single line' }),
        problem({ line: 6, endLine: undefined, column: 7, endColumn: undefined, message: 'a point' }),
      ]),
    ];
    const commands = formatGithub(results, { cwd: ROOT }).split('\n').map(parseWorkflowCommand);
    expect(commands.map((command) => command?.properties)).toEqual([
      { title: RULE, file: 'a.js', line: '2', endLine: '4' },
      { title: RULE, file: 'a.js', line: '5', endLine: '5', col: '3', endColumn: '9' },
      { title: RULE, file: 'a.js', line: '6', col: '7' },
    ]);
    expect(printed(results)).toBe(await actionsCoreCommands(results, ROOT));
  });

  it('annotates parsing errors (no rule) and whole-file messages (no line)', async () => {
    const results = [
      result('broken.js', [{ ruleId: null, fatal: true, severity: 2, message: 'Parsing error: Unexpected token )', line: 4, column: 12 }]),
      result('ignored.js', [{ ruleId: null, severity: 1, message: 'File ignored because of a matching ignore pattern.' }]),
    ];
    const commands = formatGithub(results, { cwd: ROOT }).split('\n').map(parseWorkflowCommand);
    expect(commands).toEqual([
      { command: 'error', properties: { title: 'ESLint', file: 'broken.js', line: '4', col: '12' }, data: 'Parsing error: Unexpected token )' },
      { command: 'warning', properties: { title: 'ESLint', file: 'ignored.js' }, data: 'File ignored because of a matching ignore pattern.' },
    ]);
    expect(printed(results)).toBe(await actionsCoreCommands(results, ROOT));
  });

  it('makes paths relative to GITHUB_WORKSPACE, not to the folder ESLint ran in, and never starts them with ./', () => {
    vi.stubEnv('GITHUB_WORKSPACE', ROOT);
    const results = [result('packages/app/src/a.js', [problem()])];
    const [command] = formatGithub(results, { cwd: join(ROOT, 'packages/app') }).split('\n').map(parseWorkflowCommand);
    expect(command?.properties.file).toBe('packages/app/src/a.js');
  });

  it('makes paths relative to the ESLint working directory off GitHub Actions', () => {
    const results = [{ filePath: '/elsewhere/project/src/a.js', messages: [problem()] }];
    const [command] = formatGithub(results, { cwd: '/elsewhere/project' }).split('\n').map(parseWorkflowCommand);
    expect(command?.properties.file).toBe('src/a.js');
  });

  it('keeps absolute paths for files outside the workspace', async () => {
    vi.stubEnv('GITHUB_WORKSPACE', ROOT);
    const results = [{ filePath: '/outside/shared/a.js', messages: [problem()] }];
    const [command] = formatGithub(results, { cwd: ROOT }).split('\n').map(parseWorkflowCommand);
    expect(command?.properties.file).toBe('/outside/shared/a.js');
    expect(printed(results)).toBe(await actionsCoreCommands(results, ROOT));
  });

  it('adds a notice per type when GitHub will hide annotations past the first 10 of a step', async () => {
    const results = [
      result('a.js', [
        ...Array.from({ length: 12 }, (_, index) => problem({ line: index + 1, endLine: index + 1 })),
        ...Array.from({ length: 11 }, (_, index) => problem({ severity: 1, line: index + 20, endLine: index + 20 })),
      ]),
    ];
    const lines = formatGithub(results, { cwd: ROOT }).split('\n');
    expect(lines).toHaveLength(12 + 11 + 2);
    const notices = lines.slice(-2);
    expect(notices.map(parseWorkflowCommand)).toEqual([
      {
        command: 'notice',
        properties: {},
        data: 'ESLint found 12 errors; GitHub annotates only the first 10 errors of a step, so 2 are not annotated: the step log shows their messages.',
      },
      {
        command: 'notice',
        properties: {},
        data: 'ESLint found 11 warnings; GitHub annotates only the first 10 warnings of a step, so 1 is not annotated: the step log shows their messages.',
      },
    ]);
    const expected = await actionsCoreCommands(results, ROOT, notices.map((notice) => parseWorkflowCommand(notice)!.data));
    expect(`${lines.join('\n')}\n`).toBe(expected);
  });

  it('adds no notice at exactly 10 of a type', () => {
    const results = [result('a.js', Array.from({ length: 10 }, (_, index) => problem({ line: index + 1, endLine: index + 1 })))];
    expect(formatGithub(results, { cwd: ROOT }).split('\n').filter((line) => line.startsWith('::notice'))).toEqual([]);
  });

  it('appends a Markdown summary of every problem to GITHUB_STEP_SUMMARY, with rule links and escaped cells', () => {
    const summaryFile = join(summaryDir, 'summary.md');
    vi.stubEnv('GITHUB_STEP_SUMMARY', summaryFile);
    const results = [
      result('src/a|b.js', [
        problem({ message: 'Pipes | and <b>tags</b>\nand lines.' }),
        problem({ severity: 1, ruleId: 'no-console', line: 7, endLine: 7, message: 'Unexpected console statement.' }),
      ]),
    ];
    const context = { cwd: ROOT, rulesMeta: { [RULE]: { docs: { url: DOCS_URL } } } };
    const output = formatGithub(results, context);
    formatGithub([], context);
    expect(readFileSync(summaryFile, 'utf8')).toBe(
      [
        '### ESLint: 1 error, 1 warning',
        '',
        '| File | Severity | Rule | Message |',
        '| :--- | :--- | :--- | :--- |',
        `| src/a\\|b.js:3 | error | [${RULE}](${DOCS_URL}) | Pipes \\| and &lt;b&gt;tags&lt;/b&gt;<br>and lines. |`,
        '| src/a\\|b.js:7 | warning | no-console | Unexpected console statement. |',
        '',
        '### ESLint: no problems',
        '',
        '',
      ].join('\n'),
    );
    expect(output.split('\n')).toHaveLength(2);
  });

  it('says in the overflow notice that the summary lists everything, when there is a summary', () => {
    vi.stubEnv('GITHUB_STEP_SUMMARY', join(summaryDir, 'summary.md'));
    const results = [result('a.js', Array.from({ length: 11 }, (_, index) => problem({ line: index + 1, endLine: index + 1 })))];
    const notice = parseWorkflowCommand(formatGithub(results, { cwd: ROOT }).split('\n').at(-1)!);
    expect(notice?.data).toMatch(/: the job summary lists all of them with their places\.$/u);
  });

  it('writes no file when GITHUB_STEP_SUMMARY is not set', () => {
    const before = readdirSync(summaryDir);
    formatGithub([result('a.js', [problem()])], { cwd: summaryDir });
    expect(readdirSync(summaryDir)).toEqual(before);
    expect(existsSync(join(summaryDir, 'summary.md'))).toBe(false);
  });

  it('works without a context, relative to the process working directory', () => {
    const [command] = formatGithub([{ filePath: join(process.cwd(), 'x', 'a.js'), messages: [problem()] }]).split('\n').map(parseWorkflowCommand);
    expect(command?.properties.file).toBe('x/a.js');
  });
});
