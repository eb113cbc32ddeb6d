import { describe, expect, it } from 'vitest';

import { argumentExpressions, resultExpressions } from '../../../src/analysis/core/returns';
import { variableOf } from '../../../src/analysis/core/ast';
import { probeArgument, withSource } from '../helpers';

/** The text of each expression the value passed to `probe(…)` takes, or null when the file does not tell. */
function results(code: string, ts = false): string[] | null {
  return withSource(code, (sourceCode) => resultExpressions(sourceCode, probeArgument(sourceCode))?.map((node) => sourceCode.getText(node)) ?? null, { ts });
}

describe('resultExpressions', () => {
  it.each([
    ['a function declaration', "function base() { return 'a'; } probe(base());", ["'a'"]],
    ['every return of its own, not those of nested functions', "function base(x) { if (x) return 'a'; const f = () => { return 'n'; }; return 'b'; } probe(base(1));", ["'a'", "'b'"]],
    ['an arrow expression body', "const base = () => 'a'; probe(base());", ["'a'"]],
    ['a class method through this', "class A { base() { return 'a'; } run() { return probe(this.base()); } }", ["'a'"]],
    ['a class getter through this', "class A { get base() { return 'a'; } run() { return probe(this.base); } }", ["'a'"]],
    ['an object literal getter through its const', "const cfg = { get base() { return 'a'; } }; probe(cfg.base);", ["'a'"]],
    ['a getter of an instance', "class A { get base() { return 'a'; } } const a = new A(); probe(a.base);", ["'a'"]],
    ['an awaited async function', "async function base() { return 'a'; } probe(await base());", ["'a'"]],
  ])('follows %s', (_name, code, expected) => {
    expect(results(code)).toEqual(expected);
  });

  it.each([
    ['an async function not awaited (a promise)', "async function base() { return 'a'; } probe(base());"],
    ['a generator (an iterator)', "function* base() { return 'a'; } probe(base());"],
    ['a function that returns nothing', 'function base() { work(); } probe(base());'],
    ['a reassigned function', "let base = () => 'a'; base = other; probe(base());"],
    ['a call the file does not define', 'probe(base());'],
    ['a plain property (no getter)', "const cfg = { base: 'a' }; probe(cfg.base);"],
    ['a setter only', "class A { set base(v) { this.v = v; } run() { return probe(this.base); } }"],
    ['a property the literal does not have', "const cfg = { get base() { return 'a'; } }; probe(cfg.other);"],
  ])('does not tell for %s', (_name, code) => {
    expect(results(code)).toBeNull();
  });

  it('terminates on getters that read each other, and on self-recursion', () => {
    expect(results('const a = { get x() { return this.y; }, get y() { return this.x; } }; probe(a.x);')).toEqual(['this.y']);
    expect(results('function f() { return f(); } probe(f());')).toEqual(['f()']);
  });
});

/** The text of each expression the parameter read by `probe(…)` is given, or null. */
function given(code: string): string[] | null {
  return withSource(code, (sourceCode) => {
    const identifier = probeArgument(sourceCode);
    if (identifier.type !== 'Identifier') throw new Error('probe a parameter');
    const variable = variableOf(sourceCode, identifier);
    return (variable && argumentExpressions(sourceCode, variable)?.map((node) => sourceCode.getText(node))) ?? null;
  });
}

describe('argumentExpressions', () => {
  it.each([
    ['a declaration called twice', "function go(u) { probe(u); } go('a'); go(b);", ["'a'", 'b']],
    ['a const arrow', "const go = (x, u) => probe(u); go(1, 'a');", ["'a'"]],
    ['the default where a call leaves the argument out', "function go(u = 'd') { probe(u); } go(); go('a');", ["'d'", "'a'"]],
  ])('gives %s', (_name, code, expected) => {
    expect(given(code)).toEqual(expected);
  });

  it.each([
    ['an exported function', "export function go(u) { probe(u); } go('a');"],
    ['a function handed on as a value', "function go(u) { probe(u); } go('a'); list.map(go);"],
    ['a reassigned parameter', "function go(u) { u = u || 'x'; probe(u); } go('a');"],
    ['a call that spreads its arguments', "function go(u) { probe(u); } go(...args);"],
    ['a call that leaves out an argument with no default', "function go(u) { probe(u); } go();"],
    ['a destructured parameter', "function go({ u }) { probe(u); } go({ u: 'a' });"],
    ['a method (its calls are not all in view)', "class A { go(u) { probe(u); } run() { this.go('a'); } }"],
    ['a function never called', 'function go(u) { probe(u); }'],
  ])('does not tell for %s', (_name, code) => {
    expect(given(code)).toBeNull();
  });
});

