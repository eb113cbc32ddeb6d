import { describe, expect, it } from 'vitest';

import { functionNames } from '../../../src/analysis/core/call-targets';
import { nodesWithin, fileNodes } from '../../../src/analysis/core/file-nodes';
import { withSource } from '../helpers';

const CODE = `
import { request } from './http';
interface Options { retry(): void }
type Fetcher = (url: string) => Promise<Response>;
function load(url: string, options: Options): Promise<unknown> {
  return request(url).catch((error: { status: number }) => (error.status === 401 ? refresh().then(() => load(url, options)) : Promise.reject(error)));
}
class Client {
  token: string | null = null;
  async get(path: string) {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      switch (attempt) { case 0: this.token = await login(); break; default: return fetch(path); }
    }
    return null;
  }
}
`;

describe('fileNodes', () => {
  it('reads the calls, functions, assignments, loops and tests of the file, and no type or import', () => {
    const nodes = withSource(CODE, fileNodes, { ts: true });
    expect(nodes.graphNodes.map((node) => node.type)).toEqual([
      'FunctionDeclaration',
      'CallExpression', // request(url).catch(…)
      'CallExpression', // request(url)
      'ArrowFunctionExpression',
      'CallExpression', // refresh().then(…)
      'CallExpression', // refresh()
      'ArrowFunctionExpression',
      'CallExpression', // load(url, options)
      'CallExpression', // Promise.reject(error)
      'FunctionExpression', // get
      'AssignmentExpression', // attempt += 1
      'AssignmentExpression', // this.token = …
      'CallExpression', // login()
      'CallExpression', // fetch(path)
    ]);
    expect(nodes.calls).toHaveLength(8);
    expect(nodes.loops.map((loop) => loop.type)).toEqual(['ForStatement']);
    expect(nodes.tests.map((test) => test.type)).toEqual(['BinaryExpression', 'BinaryExpression']);
    expect(nodes.switchCases).toHaveLength(2);
  });

  it('walks the file once, and hands its functions to the resolver', () => {
    withSource(
      CODE,
      (sourceCode) => {
        expect(functionNames(sourceCode)).toBeNull();
        const first = fileNodes(sourceCode);
        expect(fileNodes(sourceCode)).toBe(first);
        expect([...(functionNames(sourceCode) ?? [])]).toEqual(expect.arrayContaining(['load', 'get']));
      },
      { ts: true },
    );
  });

  it('keeps every write and every call in source order, and hands out the ones inside a node', () => {
    const code = `
let tries = 0;
function first(state) {
  tries += 1;
  state.count++;
  const later = () => { state.done = true; report(state); };
  return later;
}
function second() { tries = 0; go(); }
`;
    withSource(code, (sourceCode, [first, later, second]) => {
      const { writes, allCalls } = fileNodes(sourceCode);
      const text = (node: { range: [number, number] }) => sourceCode.text.slice(...node.range);
      expect(writes.map(text)).toEqual(['tries += 1', 'state.count++', 'state.done = true', 'tries = 0']);
      expect(allCalls.map(text)).toEqual(['report(state)', 'go()']);
      expect(nodesWithin(writes, first!).map(text)).toEqual(['tries += 1', 'state.count++', 'state.done = true']);
      expect(nodesWithin(writes, later!).map(text)).toEqual(['state.done = true']);
      expect(nodesWithin(allCalls, first!).map(text)).toEqual(['report(state)']);
      expect(nodesWithin(writes, second!).map(text)).toEqual(['tries = 0']);
      // The node itself counts as inside.
      expect(nodesWithin(writes, writes[1]!)).toEqual([writes[1]]);
    }, { select: 'FunctionDeclaration, ArrowFunctionExpression' });
  });
});
