import { describe, expect, it } from 'vitest';
import type { EslintResult } from '../../src/cli/eslint';
import { summary } from '../../src/cli/summary';

const LOGIN = 'salesforce-session/no-login-host-api-calls';
const RETRY = 'salesforce-session/no-unbounded-session-retry';
const rulesMeta = { [LOGIN]: { docs: { url: 'https://example.com/login.md' } }, [RETRY]: { docs: { url: 'https://example.com/retry.md' } } };

function result(messages: { ruleId: string | null; severity: number; fatal?: boolean }[]): EslintResult {
  return {
    filePath: '/p/a.js',
    messages: messages.map((message) => ({ message: 'm', line: 1, column: 1, ...message })),
    errorCount: messages.filter((message) => message.severity === 2).length,
    warningCount: messages.filter((message) => message.severity === 1).length,
  };
}

describe('summary', () => {
  it('says when nothing was found, and how many files were linted', () => {
    expect(summary({ results: [result([])], rulesMeta: {}, fileCount: 1, config: 'recommended' })).toBe(
      'salesforce-session-lint: no problems in 1 file (recommended config).\n',
    );
    expect(summary({ results: [], rulesMeta: {}, fileCount: 0, config: 'all', fixedFiles: 0 })).toBe(
      'salesforce-session-lint: no problems in 0 files (all config); 0 files fixed.\n',
    );
  });

  it('counts reports per rule, most first, each with its documentation link', () => {
    const results = [
      result([{ ruleId: LOGIN, severity: 2 }, { ruleId: RETRY, severity: 2 }, { ruleId: LOGIN, severity: 2 }]),
      result([{ ruleId: null, severity: 2, fatal: true }, { ruleId: RETRY, severity: 1 }, { ruleId: RETRY, severity: 2 }]),
      result([]),
    ];
    expect(summary({ results, rulesMeta, fileCount: 3, config: 'strict', fixedFiles: 1 })).toBe(
      [
        'salesforce-session-lint: 6 problems (5 errors, 1 warning) in 2 of 3 files (strict config); 1 file fixed:',
        `  3  ${RETRY}  https://example.com/retry.md`,
        `  2  ${LOGIN}     https://example.com/login.md`,
        '  1  (parsing error)',
        '',
      ].join('\n'),
    );
  });
});
