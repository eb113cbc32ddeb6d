import { describe, expect, it } from 'vitest';

import { unwrap } from '../../../src/analysis/core/ast';
import { calledFunction, functionValue } from '../../../src/analysis/core/call-targets';
import { callsNamed, probeArgument, withSource } from '../helpers';

/** The first line of the function the call passed to `probe(…)` runs, or null. */
function called(code: string, ts = false): string | null {
  return withSource(code, (sourceCode) => {
    const call = unwrap(probeArgument(sourceCode));
    if (call.type !== 'CallExpression') throw new Error('probe a call');
    const fn = calledFunction(sourceCode, call);
    return fn && sourceCode.getText(fn).split('\n')[0]!;
  }, { ts });
}

describe('calledFunction', () => {
  it.each([
    ['a function declaration', 'function go() { return 1; } probe(go());', 'function go() { return 1; }'],
    ['a const arrow', 'const go = () => 1; probe(go());', '() => 1'],
    ['a const function expression through `as`', 'const go = (function () { return 1; }) as () => number; probe(go());', 'function () { return 1; }', true],
    ['a named function expression calling itself', 'const f = function go(n) { return n && probe(go(n - 1)); };', 'function go(n) { return n && probe(go(n - 1)); }'],
    ['an object method through its const', 'const api = { go() { return 1; } }; probe(api.go());', '() { return 1; }'],
    ['an object method through a nested path', 'const api = { auth: { go: () => 1 } }; probe(api.auth.go());', '() => 1'],
    ['an object method through an alias', 'const api = { go: () => 1 }; const other = api; probe(other.go());', '() => 1'],
    ['an object method through a destructured name', 'const root = { api: { go: () => 1 } }; const { api } = root; probe(api.go());', '() => 1'],
    ['an object method through a class field', 'class A { api = { go: () => 1 }; run() { return probe(this.api.go()); } }', '() => 1'],
    ['an object method through this in another method', 'const api = { go() { return 1; }, run() { return probe(this.go()); } };', '() { return 1; }'],
    ['a class method through this', 'class A { go() { return 1; } run() { return probe(this.go()); } }', '() { return 1; }'],
    ['a class field arrow through this, from an arrow', 'class A { go = () => 1; run = () => probe(this.go()); }', '() => 1'],
    ['a method of an instance held in a const', 'class A { go() { return 1; } } const a = new A(); probe(a.go());', '() { return 1; }'],
    ['a method of an instance made in place', 'class A { go() { return 1; } } probe(new A().go());', '() { return 1; }'],
    ['a method of an instance held in a class field', 'class A { go() { return 1; } } class B { a = new A(); run() { return probe(this.a.go()); } }', '() { return 1; }'],
    ['a method of an instance through an alias', 'class A { go() { return 1; } } const a = new A(); const b = a; probe(b.go());', '() { return 1; }'],
    ['a static method through this in a static method', 'class A { static go() { return 1; } static run() { return probe(this.go()); } }', '() { return 1; }'],
    ['a static method through this in a static block', 'class A { static go() { return 1; } static { probe(this.go()); } }', '() { return 1; }'],
    ['a static method through the class name', 'class A { static go() { return 1; } } probe(A.go());', '() { return 1; }'],
    ['the instance method beside a static one of the same name', 'class A { static go() { return 1; } go() { return 2; } run() { return probe(this.go()); } }', '() { return 2; }'],
    ['the implementation of an overloaded method', 'class A { go(x: string): number; go(x: unknown) { return 1; } run() { return probe(this.go("")); } }', '(x: unknown) { return 1; }', true],
    ['a bound function', 'function go() { return 1; } probe(go.bind(null)());', 'function go() { return 1; }'],
    ['an optional call', 'const api = { go: () => 1 }; probe(api?.go?.());', '() => 1'],
    ['a function put on module.exports, called through it', 'module.exports.go = async (n) => n; function run() { return probe(module.exports.go(1)); }', 'async (n) => n'],
    ['a function put on exports, called through module.exports', 'exports.go = function (n) { return n; }; probe(module.exports.go(1));', 'function (n) { return n; }'],
  ])('resolves %s', (_name, code, expected, ts = false) => {
    expect(called(code, ts)).toBe(expected);
  });

  it.each([
    ['an import', `import { go } from '../x'; probe(go());`],
    ['a reassigned variable', 'let go = () => 1; go = other; probe(go());'],
    ['a reassigned function declaration', 'function go() { return 1; } go = other; probe(go());'],
    ['a parameter', 'function f(go) { return probe(go()); }'],
    ['a global', 'probe(go());'],
    ['a computed member', 'const api = { go() {} }; probe(api[name]());'],
    ['a getter', 'const api = { get go() { return () => 1; } }; probe(api.go());'],
    ['a property a later spread may replace', 'const api = { go() {}, ...other }; probe(api.go());'],
    ['an object the file does not always hold', 'const api = cond ? { go() {} } : other; probe(api.go());'],
    ['this in a plain function (its own this)', 'class A { go() {} run() { return [1].map(function () { return probe(this.go()); }); } }'],
    ['a static method through this in an instance method', 'class A { static go() {} run() { return probe(this.go()); } }'],
    ['an instance method through the class name', 'class A { go() {} } probe(A.go());'],
    ['an instance method through this in a static method', 'class A { go() {} static run() { return probe(this.go()); } }'],
    ['an instance of a class the file does not define', `import { A } from '../a'; const a = new A(); probe(a.go());`],
    ['a method the class does not have', 'class A { go() {} } probe(new A().other());'],
    ['a call that is not bind', 'function go() {} probe(go.call(null)());'],
    ['an export assigned twice', 'module.exports.go = () => 1; module.exports.go = () => 2; probe(module.exports.go());'],
    ['an export when module.exports is replaced', 'module.exports.go = () => 1; module.exports = other; probe(module.exports.go());'],
    ['a declared exports name', 'const exports = {}; exports.go = () => 1; probe(module.exports.go());'],
  ])('does not resolve %s', (_name, code) => {
    expect(called(code)).toBeNull();
  });

  it('resolves every call of a name to the same function', () => {
    const targets = withSource('const go = () => 1; go(); go(); go();', (sourceCode) =>
      callsNamed(sourceCode, 'go').map((call) => calledFunction(sourceCode, call)),
    );
    expect(new Set(targets).size).toBe(1);
    expect(targets[0]).not.toBeNull();
  });
});

describe('functionValue', () => {
  /** The text of the function `probe(…)`'s argument holds, or null. */
  const held = (code: string): string | null =>
    withSource(code, (sourceCode) => {
      const fn = functionValue(sourceCode, probeArgument(sourceCode));
      return fn && sourceCode.getText(fn);
    });

  it('finds the function written in place, held by a name, bound, or held by an object', () => {
    expect(held('probe(() => 1);')).toBe('() => 1');
    expect(held('function go() { return 1; } probe(go);')).toBe('function go() { return 1; }');
    expect(held('class A { go() { return 1; } run() { probe(this.go.bind(this)); } }')).toBe('() { return 1; }');
    expect(held('const api = { go() { return 1; } }; probe(api.go);')).toBe('() { return 1; }');
  });

  it('is null for a value that is no function written in the file', () => {
    expect(held('probe(makeHandler());')).toBeNull();
    expect(withSource('probe(x);', (sourceCode) => functionValue(sourceCode, undefined))).toBeNull();
  });
});
