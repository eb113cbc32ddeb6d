import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { walk } from '../../../src/analysis/core/ast';
import { isMessageOrComparison } from '../../../src/analysis/core/string-usage';
import { withSource } from '../helpers';

/** Judges the string literal that holds `URL` in the code. */
function judge(code: string, ts = false): boolean {
  return withSource(
    code,
    (sourceCode) => {
      let found: TSESTree.Node | null = null;
      walk(sourceCode, sourceCode.ast, (node) => {
        if (node.type === AST_NODE_TYPES.Literal && node.value === 'URL') found = node;
      });
      if (!found) throw new Error('no URL literal');
      return isMessageOrComparison(found);
    },
    { ts },
  );
}

describe('isMessageOrComparison', () => {
  it.each([
    ['thrown', `throw 'URL';`],
    ['an Error argument', `throw new Error('URL')`],
    ['a custom error', `reject(new SalesforceError('x: ' + 'URL'))`],
    ['console', `console.warn(\`see \${'URL'}\`)`],
    ['a logger', `logger.error('URL')`],
    ['this.logger', `class A { f() { this.logger.info('URL') } }`],
    ['a comparison', `if (u === 'URL') {}`],
    ['startsWith', `u.startsWith('URL')`],
    ['a literal searched', `'URL'.includes(u)`],
    ['an object key', `const m = { 'URL': 1 }`],
    ['a message field', `const e = { message: 'URL' }`],
    ['an assertion', `expect(build()).toBe('URL')`],
    ['expect()', `expect('URL').toBeDefined()`],
    ['a test table', `it.each([['a', 'URL']])('x', () => {})`],
    ['assert.equal', `assert.equal(u, 'URL')`],
    ['a switch case', `switch (u) { case 'URL': break; }`],
  ])('%s is not a URL use', (_name, code) => {
    expect(judge(code)).toBe(true);
  });

  it('a type is not a URL use', () => {
    expect(judge(`type T = 'URL';`, true)).toBe(true);
  });

  it.each([
    ['a const', `const base = 'URL';`],
    ['a config property', `module.exports = { api: 'URL' }`],
    ['an argument', `client.setBase('URL')`],
    ['an array in config', `const hosts = ['URL']`],
    ['a return value', `function f() { return 'URL' }`],
    ['a concatenation used as a URL', `get('URL' + path)`],
  ])('%s is a possible URL use', (_name, code) => {
    expect(judge(code)).toBe(false);
  });
});
