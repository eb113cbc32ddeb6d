import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { walk } from '../../../src/analysis/core/ast';
import { isAssertionValue, isTestCode, isTestStateVariable } from '../../../src/analysis/core/test-code';
import { withSource } from '../helpers';

function testCode(code: string, sourceType: 'module' | 'commonjs' = 'module'): boolean {
  return withSource(code, (sourceCode) => isTestCode(sourceCode), { sourceType });
}

/** Whether each string literal that starts with `https://` is an assertion value, in source order. */
function assertionValues(code: string): boolean[] {
  return withSource(code, (sourceCode) => {
    const found: boolean[] = [];
    walk(sourceCode, sourceCode.ast, (node) => {
      if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' && node.value.startsWith('https://')) {
        found.push(isAssertionValue(sourceCode, node as TSESTree.Literal));
      }
    });
    return found;
  });
}

describe('isTestCode', () => {
  it.each([
    ['vitest', "import { it } from 'vitest';"],
    ['node:test', "import test from 'node:test';"],
    ['sinon', "import sinon from 'sinon';"],
    ['nock through require', "const nock = require('nock');"],
    ['@salesforce/core testSetup', "import { TestContext } from '@salesforce/core/testSetup';"],
    ['@salesforce/core lib testSetup through require', "const { TestContext } = require('@salesforce/core/lib/testSetup');"],
    ['a @testing-library package', "import { render } from '@testing-library/react';"],
    ['the mocha / jest globals with a callback', "describe('api', () => { it('works', () => {}); });"],
    ['a bare test() global with a callback', "test('works', async () => {});"],
    ['a test data module importing the project source from outside it', "import { TestResult } from '../src/tests/types';\nexport const result = { hostname: 'x' };"],
    ['a fixture requiring the project source two levels up', "const { parse } = require('../../src/parse');"],
  ])('recognises %s', (_name, code) => {
    expect(testCode(code)).toBe(true);
  });

  it.each([
    ['a production module', "import axios from 'axios';\nexport const api = axios.create({});"],
    ['node:assert alone (production code asserts too)', "import assert from 'node:assert';\nassert.ok(config.url);"],
    ['a locally declared describe', "function describe(name, fn) { fn(); }\ndescribe('x', () => {});"],
    ['an it() without a callback', "it('is', value);"],
    ['a test module named only in a string', "const name = 'vitest';"],
    ['shipped code importing its own folders', "import { parse } from './src/parse';\nimport { api } from '../lib/api';\nimport { x } from '../srcs/x';"],
  ])('does not take %s for test code', (_name, code) => {
    expect(testCode(code)).toBe(false);
  });
});

describe('isAssertionValue', () => {
  it('sees expected and input values of node:assert, chai and expect chains', () => {
    expect(
      assertionValues(`import assert from 'node:assert';
import { expect } from 'chai';
assert.equal(normalise('https://a'), 'https://b');
expect(parse('https://c')).to.equal('https://d');
expect(parse(u)).toBe('https://e');`),
    ).toEqual([true, true, true, true, true]);
  });

  it('follows a constant read only by assertions, not one used elsewhere too', () => {
    expect(
      assertionValues(`const assert = require('assert');
const expected = 'https://a';
assert.strictEqual(actual, expected);
const shared = 'https://b';
assert.ok(shared);
fetch(shared);`),
    ).toEqual([true, false]);
  });

  it('sees QUnit and assertion helpers handed to the test', () => {
    expect(
      assertionValues(`QUnit.deepEqual(parse('https://a'), expected);
export function run(test) {
  const { assertEquals } = test;
  assertEquals('id', recordId(new URL('https://b')));
}
export function other(assertMatches) {
  assertMatches(hostOf('https://c'));
}`),
    ).toEqual([true, true, true]);
  });

  it('does not take an assertion name bound to another module for an assertion', () => {
    expect(assertionValues(`import { assertConfig } from './config';\nassertConfig('https://a');`)).toEqual([false]);
  });

  it('does not take other calls, or a local function named assert, for assertions', () => {
    expect(
      assertionValues(`function assert(value) { return value; }
assert('https://a');
log.equal('https://b');
fetch('https://c');`),
    ).toEqual([false, false, false]);
  });

  it('stops at the statement: a callback inside an assertion is its own code', () => {
    expect(assertionValues(`expect(() => { const u = 'https://a'; use(u); }).not.toThrow();`)).toEqual([false]);
  });
});

/** Whether each variable named `state…` is test state, in declaration order. */
function testState(code: string): boolean[] {
  return withSource(code, (sourceCode) => {
    const found: boolean[] = [];
    walk(sourceCode, sourceCode.ast, (node) => {
      if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.id.name.startsWith('state')) {
        for (const variable of sourceCode.getDeclaredVariables(node)) found.push(isTestStateVariable(sourceCode, variable));
      }
    });
    return found;
  });
}

describe('isTestStateVariable', () => {
  it('takes variables of a suite and of a test, through describe.skip and imported framework names', () => {
    expect(testState("import { describe, it } from 'vitest';\ndescribe.skip('a', () => { let stateA; it('b', () => { const stateB = 1; }); });")).toEqual([true, true]);
  });
  it('leaves the file scope of a test file, and callbacks that are not the framework', () => {
    expect(testState("import { it } from 'vitest';\nlet stateA;\njobs.push(() => { let stateB; });\nit('x', () => {});")).toEqual([false, false]);
  });
  it('leaves a suite-like function the file defines, and files that are not test code', () => {
    expect(testState("function describe(n, f) { f(); }\ndescribe('x', () => { let stateA; });")).toEqual([false]);
  });
});
