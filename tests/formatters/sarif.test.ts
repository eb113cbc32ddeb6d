import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LintMessage, LintResult } from '../../src/formatters/lint-results';
import formatSarif from '../../src/formatters/sarif';
import { sarifSchemaErrors } from './sarif-schema';

const ROOT = '/work/repo';
const RULE = 'salesforce-session/no-login-host-api-calls';
const DOCS_URL = 'https://github.com/salesforce-session/eslint-plugin-salesforce-session/blob/main/docs/rules/no-login-host-api-calls.md';
const RULES_META = {
  [RULE]: {
    type: 'problem',
    docs: { description: 'Disallow data API calls sent to the Salesforce login host instead of the org instance', url: DOCS_URL },
  },
  'no-console': { type: 'suggestion', docs: { description: 'Disallow the use of `console`', url: 'https://eslint.org/docs/latest/rules/no-console' } },
};
const SOURCE = "const a = 1;\nfetch('https://login.salesforce.com/services/data/v59.0/limits');\nconsole.log(a);\n";

function problem(overrides: Partial<LintMessage> = {}): LintMessage {
  return { ruleId: RULE, severity: 2, message: 'Send it to the instance.', line: 2, column: 1, endLine: 2, endColumn: 64, ...overrides };
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; rules: Record<string, unknown>[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: Record<string, unknown>[] }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: Record<string, number> } }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

function sarif(results: LintResult[], cwd = ROOT): SarifLog {
  const log = JSON.parse(formatSarif(results, { cwd, rulesMeta: RULES_META })) as SarifLog;
  expect(sarifSchemaErrors(log)).toEqual([]);
  return log;
}

describe('the SARIF formatter', () => {
  beforeEach(() => {
    vi.stubEnv('GITHUB_WORKSPACE', '');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('writes a schema-valid SARIF 2.1.0 log with the final $schema, even with no problems', () => {
    const log = sarif([]);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.tool.driver).toMatchObject({ name: 'ESLint', informationUri: 'https://eslint.org', rules: [] });
    expect(log.runs[0]?.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('describes each reported rule from its meta: name, descriptions, help text and Markdown, helpUri', () => {
    const log = sarif([{ filePath: join(ROOT, 'src/a.js'), source: SOURCE, messages: [problem(), problem({ ruleId: 'no-console', severity: 1, line: 3, endLine: 3 })] }]);
    expect(log.runs[0]?.tool.driver.rules).toEqual([
      {
        id: 'no-console',
        name: 'NoConsole',
        shortDescription: { text: 'Disallow the use of `console`' },
        fullDescription: { text: 'Disallow the use of `console`.' },
        help: {
          text: 'Disallow the use of `console`. Documentation: https://eslint.org/docs/latest/rules/no-console',
          markdown: 'Disallow the use of `console`.\n\n[Documentation for no-console](https://eslint.org/docs/latest/rules/no-console)',
        },
        helpUri: 'https://eslint.org/docs/latest/rules/no-console',
        properties: { tags: ['eslint', 'suggestion'] },
      },
      {
        id: RULE,
        name: 'NoLoginHostApiCalls',
        shortDescription: { text: RULES_META[RULE].docs.description },
        fullDescription: { text: `${RULES_META[RULE].docs.description}.` },
        help: {
          text: `${RULES_META[RULE].docs.description}. Documentation: ${DOCS_URL}`,
          markdown: `${RULES_META[RULE].docs.description}.\n\n[Documentation for ${RULE}](${DOCS_URL})`,
        },
        helpUri: DOCS_URL,
        properties: { tags: ['eslint', 'problem'] },
      },
    ]);
    expect(log.runs[0]?.results.map((result) => [result.ruleId, result.ruleIndex, result.level])).toEqual([
      [RULE, 1, 'error'],
      ['no-console', 0, 'warning'],
    ]);
  });

  it('describes a rule without meta by its ID, still with every field GitHub asks for', () => {
    const log = sarif([{ filePath: join(ROOT, 'a.js'), messages: [problem({ ruleId: 'local/custom-rule' })] }]);
    expect(log.runs[0]?.tool.driver.rules).toEqual([
      {
        id: 'local/custom-rule',
        name: 'CustomRule',
        shortDescription: { text: 'ESLint rule local/custom-rule' },
        fullDescription: { text: 'ESLint rule local/custom-rule.' },
        help: { text: 'ESLint rule local/custom-rule.', markdown: 'ESLint rule local/custom-rule.' },
        properties: { tags: ['eslint'] },
      },
    ]);
  });

  it('gives %SRCROOT%-relative, percent-encoded URIs and says where %SRCROOT% is', () => {
    const log = sarif([{ filePath: join(ROOT, 'src/we ird,name#%.js'), messages: [problem()] }]);
    expect(log.runs[0]?.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/repo/' } });
    expect(log.runs[0]?.results[0]?.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'src/we%20ird%2Cname%23%25.js', uriBaseId: '%SRCROOT%' },
          region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 64 },
        },
      },
    ]);
  });

  it('roots paths at GITHUB_WORKSPACE when set, so they match the repository even from a subfolder', () => {
    vi.stubEnv('GITHUB_WORKSPACE', ROOT);
    const log = sarif([{ filePath: join(ROOT, 'packages/app/a.js'), messages: [problem()] }], join(ROOT, 'packages/app'));
    expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'packages/app/a.js', uriBaseId: '%SRCROOT%' });
    expect(log.runs[0]?.originalUriBaseIds['%SRCROOT%']?.uri).toBe('file:///work/repo/');
  });

  it('gives an absolute file: URI to a file outside the root', () => {
    const log = sarif([{ filePath: '/outside/a b.js', messages: [problem()] }]);
    expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'file:///outside/a%20b.js' });
  });

  it('keeps regions valid: no region without a line, no end before the start', () => {
    const log = sarif([
      {
        filePath: join(ROOT, 'a.js'),
        messages: [
          problem({ line: undefined, column: undefined, endLine: undefined, endColumn: undefined }),
          problem({ line: 4, column: 2, endLine: undefined, endColumn: undefined }),
          problem({ line: 4, column: 9, endLine: 4, endColumn: 3 }),
          problem({ line: 5, column: 9, endLine: 7, endColumn: 3 }),
        ],
      },
    ]);
    expect(log.runs[0]?.results.map((result) => result.locations[0]?.physicalLocation.region)).toEqual([
      undefined,
      { startLine: 4, startColumn: 2 },
      { startLine: 4, startColumn: 9, endLine: 4 },
      { startLine: 5, startColumn: 9, endLine: 7, endColumn: 3 },
    ]);
  });

  it('keeps fingerprints when the code moves to another line, and tells identical lines apart by occurrence', () => {
    const moved = `// a new comment\n\n${SOURCE}`;
    const before = sarif([{ filePath: join(ROOT, 'a.js'), source: SOURCE, messages: [problem()] }]);
    const after = sarif([{ filePath: join(ROOT, 'a.js'), source: moved, messages: [problem({ line: 4, endLine: 4 })] }]);
    const fingerprint = before.runs[0]?.results[0]?.partialFingerprints;
    expect(fingerprint).toEqual({ 'eslintLineHash/v1': expect.stringMatching(/^[0-9a-f]{32}:1$/u) });
    expect(after.runs[0]?.results[0]?.partialFingerprints).toEqual(fingerprint);

    const twice = `${SOURCE}${SOURCE}`;
    const both = sarif([{ filePath: join(ROOT, 'a.js'), source: twice, messages: [problem(), problem({ line: 5, endLine: 5 })] }]);
    const [first, second] = both.runs[0]!.results.map((result) => result.partialFingerprints['eslintLineHash/v1']);
    expect(first).toBe(fingerprint?.['eslintLineHash/v1']);
    expect(second).toBe(first!.replace(/:1$/u, ':2'));
  });

  it('gives different fingerprints to different rules, files and line texts', () => {
    const log = sarif([
      { filePath: join(ROOT, 'a.js'), source: SOURCE, messages: [problem(), problem({ ruleId: 'no-console' }), problem({ line: 3, endLine: 3 })] },
      { filePath: join(ROOT, 'b.js'), source: SOURCE, messages: [problem()] },
    ]);
    const fingerprints = log.runs[0]!.results.map((result) => result.partialFingerprints['eslintLineHash/v1']);
    expect(new Set(fingerprints).size).toBe(4);
  });

  it('reads the file for fingerprints when ESLint did not pass its text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sarif-formatter-'));
    try {
      writeFileSync(join(dir, 'a.js'), SOURCE);
      const fromDisk = sarif([{ filePath: join(dir, 'a.js'), messages: [problem()] }], dir);
      const fromEslint = sarif([{ filePath: join(dir, 'a.js'), source: SOURCE, messages: [problem()] }], dir);
      expect(fromDisk.runs[0]?.results[0]?.partialFingerprints).toEqual(fromEslint.runs[0]?.results[0]?.partialFingerprints);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports parsing errors and other rule-less messages as tool notifications, not results', () => {
    const log = sarif([
      { filePath: join(ROOT, 'broken.js'), messages: [{ ruleId: null, fatal: true, severity: 2, message: 'Parsing error: Unexpected token )', line: 4, column: 12 }] },
      { filePath: join(ROOT, 'a.js'), messages: [{ ruleId: null, severity: 1, message: 'Unused eslint-disable directive.', line: 1, column: 1 }] },
    ]);
    expect(log.runs[0]?.results).toEqual([]);
    expect(log.runs[0]?.tool.driver.rules).toEqual([]);
    expect(log.runs[0]?.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'Parsing error: Unexpected token )' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'broken.js', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 12 } } }],
          },
          {
            level: 'warning',
            message: { text: 'Unused eslint-disable directive.' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'a.js', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } } }],
          },
        ],
      },
    ]);
  });

  it('fails the schema check on a broken log (the check is real)', () => {
    const log = JSON.parse(formatSarif([], { cwd: ROOT })) as Record<string, unknown>;
    expect(sarifSchemaErrors({ ...log, version: '2.0.0' })).not.toEqual([]);
    const withoutVersion = { ...log };
    delete withoutVersion.version;
    expect(sarifSchemaErrors(withoutVersion)).toEqual(["/ must have required property 'version'"]);
  });
});
