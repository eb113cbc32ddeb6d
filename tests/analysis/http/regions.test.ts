import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { callGraph, closureWithin, regionOf, regionsReaching } from '../../../src/analysis/http/regions';
import { probeArgument, withSource } from '../helpers';

/** The first line of the source text of the region `probe(…)`'s argument runs in. */
function region(code: string, ts = false): string {
  return withSource(code, (sourceCode) => {
    const found = regionOf(sourceCode, probeArgument(sourceCode));
    return found.type === AST_NODE_TYPES.Program ? 'module' : sourceCode.getText(found).split('\n')[0]!;
  }, { ts });
}

describe('regionOf', () => {
  it.each([
    ['module level', 'probe(x);', 'module'],
    ['a function', 'function load() { probe(x); }', 'function load() { probe(x); }'],
    ['through .then and .catch callbacks', 'async function load() { return get().then((r) => probe(r)).catch(() => {}); }', 'async function load() { return get().then((r) => probe(r)).catch(() => {}); }'],
    ['through array callbacks', 'function all(xs) { xs.forEach((x) => { probe(x); }); }', 'function all(xs) { xs.forEach((x) => { probe(x); }); }'],
    ['through an IIFE', '(async () => { probe(x); })();', 'module'],
    ['through a Promise executor', 'function wait() { return new Promise((resolve) => probe(resolve)); }', 'function wait() { return new Promise((resolve) => probe(resolve)); }'],
    ['through an HTTP callback', `const request = require('request');
function login() { request.post(url, (err, res, body) => probe(body)); }`, 'function login() { request.post(url, (err, res, body) => probe(body)); }'],
    ['not through a timer callback', 'function start() { setInterval(() => probe(x), 1000); }', '() => probe(x)'],
    ['not through an event handler', `function start() { emitter.on('x', function onX() { probe(x); }); }`, 'function onX() { probe(x); }'],
    ['a class method', 'class A { go() { probe(this); } }', '() { probe(this); }'],
  ])('%s', (_name, code, expected) => {
    expect(region(code)).toBe(expected);
  });

  it('finds the closure between a node and its region', () => {
    const text = withSource('function outer() { const f = () => [1].map(() => probe(x)); }', (sourceCode) => {
      const node = probeArgument(sourceCode);
      const outer = sourceCode.ast.body[0] as TSESTree.FunctionDeclaration;
      const closure = closureWithin(sourceCode, node, outer);
      return closure && sourceCode.getText(closure);
    });
    expect(text).toBe('() => [1].map(() => probe(x))');
  });
});

describe('callGraph', () => {
  it('resolves local functions, constants, this methods and object literal methods', () => {
    const resolved = withSource(
      `function a() {}
const b = () => {};
const api = { c() {} };
class K { d() {} run() { a(); b(); api.c(); this.d(); unknown(); } }`,
      (sourceCode) => {
        const graph = callGraph(sourceCode);
        return [...graph.callee.values()].map((fn) => sourceCode.getText(fn));
      },
    );
    expect(resolved).toEqual(['function a() {}', '() => {}', '() {}', '() {}']);
  });

  it('resolves through instances, this in object literals, bind, static members and named function expressions', () => {
    const resolved = withSource(
      `class Auth { static create() { return new Auth(); } renew() { return 1; } }
const auth = new Auth();
const api = { go() { return 2; }, run() { this.go(); } };
function three() { return 3; }
const countdown = function tick(n) { return n && tick(n - 1); };
Auth.create(); auth.renew(); three.bind(null)(); auth.other(); Auth.renew();`,
      (sourceCode) => {
        const graph = callGraph(sourceCode);
        return [...graph.callee.entries()].map(([call, fn]) => [sourceCode.getText(call), sourceCode.getText(fn)]);
      },
    );
    expect(Object.fromEntries(resolved)).toEqual({
      'this.go()': '() { return 2; }',
      'tick(n - 1)': 'function tick(n) { return n && tick(n - 1); }',
      'Auth.create()': '() { return new Auth(); }',
      'auth.renew()': '() { return 1; }',
      'three.bind(null)()': 'function three() { return 3; }',
    });
  });

  it('finds every region that reaches a function through calls', () => {
    const names = withSource(
      `function login() {}
function ensure() { login(); }
function query() { ensure(); }
function other() {}
other();`,
      (sourceCode) => {
        const login = sourceCode.ast.body[0] as TSESTree.FunctionDeclaration;
        return [...regionsReaching(sourceCode, [login])].map((found) =>
          found.type === AST_NODE_TYPES.FunctionDeclaration ? found.id?.name : 'another region',
        );
      },
    );
    expect(names.toSorted()).toEqual(['ensure', 'login', 'query']);
  });
});
