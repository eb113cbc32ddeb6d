/**
 * Test code, recognised by what a file does rather than by its name:
 * - it imports or requires a test framework, an assertion library or a test double library (vitest,
 *   jest, mocha, `node:test`, ava, tap, uvu, jasmine, chai, sinon, nock, fetch and HTTP mocks,
 *   `@salesforce/core/testSetup`), or
 * - it calls the test framework globals (`describe`, `it`, `test`, `suite`) with a callback, without
 *   declaring them, or
 * - it imports the project's own source from outside it (`../src/…`, `../../src/types`): shipped code
 *   lives inside `src/`, fixtures and test data modules beside it do not.
 *
 * And assertion values: a node that is an expected or input value of an assertion (`assert.equal(a, b)`,
 * `expect(build(x)).toBe(y)`, chai's `expect(a).to.equal(b)`, `QUnit.deepEqual`, an `assertEquals` handed
 * to the test), wherever the file is.
 *
 * Values in test code and in assertions never reach Salesforce unless the test makes a real request;
 * the host rules use these facts to stay silent on fixtures, stubs and expected values.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import { functionOfVariable, isFunctionNode } from './call-targets';
import { unwrap, variableOf } from './ast';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Modules that only test code loads. */
const TEST_MODULES = new Set([
  'vitest', 'jest', '@jest/globals', 'mocha', 'node:test', 'ava', 'tap', 'uvu', 'jasmine', 'qunit',
  'chai', 'chai-as-promised', 'sinon', 'sinon-chai', 'nock', 'fetch-mock', 'jest-fetch-mock', 'msw', 'msw/node',
  'axios-mock-adapter', 'supertest', 'proxyquire', 'mock-fs', 'testdouble', '@playwright/test',
  '@salesforce/core/testSetup', '@salesforce/core/testSetup.js', '@salesforce/core/lib/testSetup',
  '@salesforce/core/lib/testSetup.js', '@salesforce/ts-sinon',
]);
const TEST_MODULE_PREFIXES = ['@testing-library/', '@vitest/', '@jest/'];

/** Globals that test frameworks define, called with the test's body. */
const TEST_GLOBALS = new Set(['describe', 'it', 'test', 'suite', 'context', 'beforeEach', 'beforeAll', 'before', 'afterEach']);

/** Modules whose exports assert (`assert`, `expect`, `should`), besides the test modules. */
const ASSERTION_MODULES = new Set(['assert', 'assert/strict', 'node:assert', 'node:assert/strict', 'expect', 'power-assert', 'should']);
/** Names that assert: the assertion libraries' and test frameworks' (`QUnit.deepEqual`), and `assertEquals`-style helpers. */
const ASSERTION_NAMES = new Set(['assert', 'expect', 'should', 'QUnit']);
const ASSERTION_NAME = /^(?:assert|expect)[A-Z_]\w*$/u;

/** A relative specifier that climbs out of the importing folder into a `src` folder. */
const PROJECT_SOURCE_FROM_OUTSIDE = /^(?:\.\.\/)+src(?:\/|$)/u;

function isTestModule(name: string): boolean {
  return TEST_MODULES.has(name) || TEST_MODULE_PREFIXES.some((prefix) => name.startsWith(prefix));
}

function literalString(node: TSESTree.Node | undefined): string | null {
  return node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' ? node.value : null;
}

const testFiles = new WeakMap<SourceCode, boolean>();

/** Does the file import a test module, or call a test global with a callback? Once per file. */
export function isTestCode(sourceCode: SourceCode): boolean {
  let answer = testFiles.get(sourceCode);
  if (answer === undefined) {
    answer = importsTestModule(sourceCode.ast) || usesTestGlobals(sourceCode);
    testFiles.set(sourceCode, answer);
  }
  return answer;
}

function importsTestModule(program: TSESTree.Program): boolean {
  return program.body.some(
    (statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && (isTestModule(statement.source.value) || PROJECT_SOURCE_FROM_OUTSIDE.test(statement.source.value)),
  );
}

/** Test globals called with a callback, and `require` of a test module: read from the unresolved names. */
function usesTestGlobals(sourceCode: SourceCode): boolean {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return false;
  return globalScope.through.some((reference) => {
    const identifier = reference.identifier as TSESTree.Identifier;
    const call = identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== identifier) return false;
    if (identifier.name === 'require') {
      const name = literalString(call.arguments[0]);
      return name !== null && (isTestModule(name) || PROJECT_SOURCE_FROM_OUTSIDE.test(name));
    }
    return TEST_GLOBALS.has(identifier.name) && call.arguments.some((argument) => isFunctionNode(argument));
  });
}

/**
 * Does the name assert? It must be an assertion name, and not be bound to something else the file shows:
 * a function written in the file, or an import or `require` of a module that is neither an assertion
 * library nor a test module. A global, a parameter or a name destructured from one (`{ assertEquals } =
 * test`) is taken at its name.
 */
function isAssertionName(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  if (!ASSERTION_NAMES.has(identifier.name) && !ASSERTION_NAME.test(identifier.name)) return false;
  const variable = variableOf(sourceCode, identifier);
  if (!variable || variable.defs.length === 0) return true;
  if (functionOfVariable(variable)) return false;
  return variable.defs.every((definition) => {
    if (definition.type === 'ImportBinding') {
      return definition.parent.type === AST_NODE_TYPES.ImportDeclaration && isAssertionModule(definition.parent.source.value);
    }
    if (definition.type === 'Parameter') return true;
    if (definition.type !== 'Variable') return false;
    // `const assert = require('node:assert')`, `const { expect } = require('chai')`.
    const init = definition.node.init ? unwrap(definition.node.init) : null;
    if (init?.type !== AST_NODE_TYPES.CallExpression) return true;
    const callee = unwrap(init.callee);
    if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'require') return false;
    const name = literalString(init.arguments[0]);
    return name !== null && isAssertionModule(name);
  });
}

function isAssertionModule(name: string): boolean {
  return ASSERTION_MODULES.has(name) || isTestModule(name);
}

/** Is the call an assertion: its callee chain starts from an assertion name (`assert.equal`, `expect(a).toBe`)? */
function isAssertionCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  let current: TSESTree.Node = unwrap(call.callee);
  for (;;) {
    if (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
    else if (current.type === AST_NODE_TYPES.CallExpression) current = unwrap(current.callee);
    else break;
  }
  return current.type === AST_NODE_TYPES.Identifier && isAssertionName(sourceCode, current);
}

/** Is `node` written inside an assertion's arguments: an expected value, or an input to the checked expression? */
export function isAssertionValue(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  return assertionValue(sourceCode, node, true);
}

function assertionValue(sourceCode: SourceCode, node: TSESTree.Node, throughConstant: boolean): boolean {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression && current.callee !== child && isAssertionCall(sourceCode, current)) return true;
    if (current.type === AST_NODE_TYPES.VariableDeclarator && current.init === child) {
      // `const expected = '…'; assert.equal(actual, expected)`: a constant read only by assertions.
      return throughConstant && constantReadOnlyByAssertions(sourceCode, current);
    }
    if (isFunctionNode(current) || current.type.endsWith('Statement') || current.type.endsWith('Declaration')) return false;
  }
  return false;
}

function constantReadOnlyByAssertions(sourceCode: SourceCode, declarator: TSESTree.VariableDeclarator): boolean {
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.parent.kind !== 'const') return false;
  const [variable] = sourceCode.getDeclaredVariables(declarator);
  const reads = variable?.references.filter((reference) => reference.isRead()) ?? [];
  return reads.length > 0 && reads.every((reference) => assertionValue(sourceCode, reference.identifier, false));
}

/** The test framework callback (`describe('…', () => …)`, `it('…', async () => …)`) a scope is written in, in test code. */
function enclosingTestCallback(sourceCode: SourceCode, scope: TSESLint.Scope.Scope): TSESTree.Node | null {
  for (let current: TSESLint.Scope.Scope | null = scope; current; current = current.upper) {
    const block = current.block;
    if (!isFunctionNode(block)) continue;
    const call = block.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((argument) => argument === block)) continue;
    let callee: TSESTree.Node = unwrap(call.callee);
    // `describe.skip(…)`, `it.only(…)`, `test.concurrent(…)`
    if (callee.type === AST_NODE_TYPES.MemberExpression) callee = unwrap(callee.object);
    if (callee.type === AST_NODE_TYPES.Identifier && TEST_GLOBALS.has(callee.name) && isTestFrameworkName(sourceCode, callee)) return block;
  }
  return null;
}

/** A test global, or a name imported from a test module (`import { describe } from 'vitest'`). */
function isTestFrameworkName(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const variable = variableOf(sourceCode, identifier);
  if (!variable || variable.defs.length === 0) return true;
  return variable.defs.every(
    (definition) => definition.type === 'ImportBinding' && definition.parent.type === AST_NODE_TYPES.ImportDeclaration && isTestModule(definition.parent.source.value),
  );
}

/**
 * Is the variable test state: declared, in test code, inside a callback handed to the test framework
 * (`describe('…', () => { let token; … })`, or inside one test)? It lives for one run of the suite, which
 * ends long before a session could expire, and nothing outside the suite reads it.
 */
export function isTestStateVariable(sourceCode: SourceCode, variable: TSESLint.Scope.Variable): boolean {
  return isTestCode(sourceCode) && enclosingTestCallback(sourceCode, variable.scope) !== null;
}
