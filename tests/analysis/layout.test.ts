import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/*
 * The analysis layer's house rules (src/analysis/README.md): wings in folders, files a reader can hold in
 * mind, and imports that run one way. The import direction is enforced by the repository's own lint
 * config; these tests prove that config really rejects a wrong import, so the rule cannot quietly stop
 * applying when the config is edited.
 */

const ROOT = join(__dirname, '../..');
const ANALYSIS = join(ROOT, 'src/analysis');
const WINGS = ['core', 'http', 'oauth', 'retry', 'soap'];
const MAX_LINES = 700;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('analysis layout', () => {
  it('holds only the wings and a README at the top of src/analysis', () => {
    expect(readdirSync(ANALYSIS).toSorted()).toEqual(['README.md', ...WINGS]);
  });

  it.each(WINGS)('mirrors src/analysis/%s in tests/analysis', (wing) => {
    const sources = readdirSync(join(ANALYSIS, wing)).map((file) => file.replace(/\.ts$/u, ''));
    const tests = readdirSync(join(__dirname, wing)).map((file) => file.replace(/(?:\.property)?\.test\.ts$/u, ''));
    // Every test file tests a module of its own wing (salesforce-hosts tests http/salesforce).
    for (const test of tests) expect(sources).toContain(test === 'salesforce-hosts' ? 'salesforce' : test);
  });

  it(`has no source file under src/ longer than ${MAX_LINES} lines`, () => {
    const long = sourceFiles(join(ROOT, 'src'))
      .map((path) => ({ path: relative(ROOT, path), lines: readFileSync(path, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});

describe('analysis import direction (the repository lint config)', () => {
  const eslint = new ESLint({ cwd: ROOT });

  async function restrictedImports(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
    return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
  }

  it.each([
    ['core', 'http', '../http/http-calls'],
    ['http', 'oauth', '../oauth/token-flow'],
    ['oauth', 'retry', '../retry/session-checks'],
    ['retry', 'soap', '../soap/relogin'],
    ['core', 'soap', '../soap'],
  ])('rejects analysis/%s importing analysis/%s', async (wing, higher, specifier) => {
    const messages = await restrictedImports(`src/analysis/${wing}/probe.ts`, `import { x } from '${specifier}';\nexport const y = x;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`analysis/${wing} sits below analysis/${higher}`);
  });

  it.each([
    ['../../rules', 'never imports a rule'],
    ['../../rules/require-instance-url', 'never imports a rule'],
    ['../../formatters/sarif', 'never imports a formatter'],
    ['../../index', 'never imports the plugin object'],
  ])('rejects analysis importing %s', async (specifier, reason) => {
    const messages = await restrictedImports('src/analysis/http/probe.ts', `import x from '${specifier}';\nexport const y = x;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(reason);
  });

  it.each(['src/rules/probe.ts', 'src/analysis/retry/probe.ts', 'src/util/probe.ts'])(
    'rejects %s importing AST_NODE_TYPES from @typescript-eslint/utils (it goes through src/util/node-types)',
    async (filePath) => {
      const messages = await restrictedImports(filePath, "import { AST_NODE_TYPES } from '@typescript-eslint/utils';\nexport const y = AST_NODE_TYPES.Identifier;\n");
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain('src/util/node-types');
    },
  );

  it.each([
    ['soap', '../retry/session-checks'],
    ['soap', '../core/ast'],
    ['retry', '../oauth/token-responses'],
    ['oauth', '../http/url-value'],
    ['http', '../core/bindings'],
    ['core', './ast'],
  ])('lets analysis/%s import %s (downwards or within the wing)', async (wing, specifier) => {
    expect(await restrictedImports(`src/analysis/${wing}/probe.ts`, `import { x } from '${specifier}';\nexport const y = x;\n`)).toEqual([]);
  });
});
