import { describe, expect, it } from 'vitest';
import type { EslintResult } from '../../src/cli/eslint';
import { reportedResults } from '../../src/cli/results';

const OURS = { ruleId: 'salesforce-session/no-login-host-api-calls', severity: 2, message: 'Use the instance.', line: 2, column: 1 };
const FIXABLE = { ...OURS, line: 3, fix: { range: [0, 1], text: 'x' } };
const PARSING = { ruleId: null, severity: 2, fatal: true, message: 'Parsing error: Unexpected token', line: 9, column: 1 };
const FOREIGN = { ruleId: 'react/no-danger', severity: 2, message: "Definition for rule 'react/no-danger' was not found.", line: 1, column: 1 };
const ESLINT_ENV = { ruleId: null, severity: 2, fatal: true, message: '/* eslint-env */ comments are no longer supported.', line: 1, column: 1 };

function result(messages: object[]): EslintResult {
  return { filePath: '/p/a.js', messages: messages as EslintResult['messages'], errorCount: messages.length, warningCount: 0 };
}

describe('reportedResults', () => {
  it("drops what the file's comments say about the folder's own ESLint setup, and counts again", () => {
    expect(reportedResults([result([FOREIGN, OURS, ESLINT_ENV, FIXABLE, PARSING])], 'salesforce-session')).toEqual([
      {
        filePath: '/p/a.js',
        messages: [OURS, FIXABLE, PARSING],
        errorCount: 3,
        fatalErrorCount: 1,
        warningCount: 0,
        fixableErrorCount: 1,
        fixableWarningCount: 0,
      },
    ]);
  });

  it('returns a result that loses nothing as it is', () => {
    const kept = result([OURS, PARSING]);
    expect(reportedResults([kept], 'salesforce-session')[0]).toBe(kept);
  });
});
