import { describe, expect, it } from 'vitest';

import { followValue, knownCallSites } from '../../../src/analysis/core/value-flow';
import { calledFunction } from '../../../src/analysis/core/call-targets';
import { callsNamed, withSource } from '../helpers';

/** The holders (as text) and ends (kind: text) of the value of the first `probe(…)` call. */
function flowOf(code: string, containers = false): { holders: string[]; ends: string[] } {
  return withSource(code, (sourceCode) => {
    const flow = followValue(sourceCode, [callsNamed(sourceCode, 'probe')[0]!], { containers });
    return {
      holders: flow.holders.map((holder) => sourceCode.getText(holder)),
      ends: flow.ends.map((end) => `${end.kind}: ${sourceCode.getText(end.node)}`),
    };
  });
}

describe('followValue', () => {
  it('follows variables, await and fallbacks to the reads', () => {
    const { holders, ends } = flowOf(`async function f() {
  const a = await probe(make());
  const b = a || other;
  use(b.field);
}`);
    expect(holders).toEqual(['probe(make())', 'await probe(make())', 'a', 'a || other', 'b']);
    expect(ends).toEqual([]);
  });

  it('follows an argument into the parameter of a function the file declares, and its return into the caller', () => {
    const { holders, ends } = flowOf(`function wrap(conn) { return conn; }
const held = wrap(probe(create()));
held.query();`);
    expect(holders).toEqual(['probe(create())', 'conn', 'wrap(probe(create()))', 'held']);
    expect(ends).toEqual([]);
  });

  it('ends where the file no longer shows it: returned from an export, passed to an unknown function, stored', () => {
    expect(flowOf(`export function f() { const v = probe(x); return v; }`).ends).toEqual(['returned: return v;']);
    expect(flowOf(`const v = probe(x); save(v);`).ends).toEqual(['argument: v']);
    expect(flowOf(`function f(req) { req.token = probe(x); }`).ends).toEqual(['stored: probe(x)']);
    expect(flowOf(`let cached; function f() { cached = probe(x); }`).ends).toEqual(['stored: probe(x)']);
    expect(flowOf(`export const v = probe(x);`).ends).toEqual(['exported: probe(x)']);
  });

  it('follows this fields through the class and .then callbacks to their parameter', () => {
    const { holders } = flowOf(`class A {
  start() { this.conn = probe(x); }
  later() { return this.conn.query(); }
}`);
    expect(holders).toContain('this.conn');
    expect(flowOf(`probe(p).then((value) => value.ok);`).holders).toEqual(['probe(p)', 'value']);
  });

  it('with containers, follows the value into the literals it is copied into', () => {
    expect(flowOf(`export function f() { return { token: probe(x), at: 1 }; }`).ends).toEqual(['stored: probe(x)']);
    const flow = flowOf(`export function f() { return { token: probe(x), at: 1 }; }`, true);
    expect(flow.ends).toEqual(['returned: return { token: probe(x), at: 1 };']);
  });
});

describe('knownCallSites', () => {
  it('lists the calls of a local function, and none for an exported one', () => {
    const [local, exported] = withSource(
      `function a() {} export function b() {} a(); a(); b();`,
      (sourceCode) => {
        const [first] = callsNamed(sourceCode, 'a');
        const [second] = callsNamed(sourceCode, 'b');
        return [knownCallSites(sourceCode, calledFunction(sourceCode, first!)!)?.length, knownCallSites(sourceCode, calledFunction(sourceCode, second!)!)];
      },
    );
    expect(local).toBe(2);
    expect(exported).toBeNull();
  });
});
