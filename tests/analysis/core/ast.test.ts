import type { TSESTree } from '@typescript-eslint/utils';

import { ASTUtils, AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { calledMethodName, unwrap, variableOf, walk, walkFile } from '../../../src/analysis/core/ast';
import { probeArgument, withSource } from '../helpers';

/** Shadowing in every kind of scope: functions and their names, parameters, classes, blocks, loops, catch. */
const SHADOWING = `
const a = 1;
let b = 2;
function f(a, c = b) {
  const b = a + c;
  { let a = b; use(a, b, c); }
  for (let b = 0; b < a; b += 1) use(b);
  try { use(a); } catch (a) { use(a); }
  return function f(b) { return f(a, b); };
}
const g = function h(x) { return h(x, a, b); };
class K { #k = a; m(a) { return [a, this.#k, K]; } static s = b; }
const arrow = (b) => ({ a, b, nested: () => b });
label: for (const k of [a]) { if (k) continue label; }
use(a, b, f, g, K, arrow, undeclared);
`;

function identifiers(code: string, ts: boolean): [string, boolean][] {
  return withSource(
    code,
    (sourceCode) => {
      const found: [string, boolean][] = [];
      walk(sourceCode, sourceCode.ast, (node) => {
        if (node.type !== AST_NODE_TYPES.Identifier) return;
        const expected = ASTUtils.findVariable(sourceCode.getScope(node), node as TSESTree.Identifier);
        found.push([`${node.name}@${node.range[0]}`, variableOf(sourceCode, node) === expected]);
      });
      return found;
    },
    { ts },
  );
}

describe('variableOf', () => {
  it.each([
    ['JavaScript', false],
    ['TypeScript', true],
  ])('finds the variable ASTUtils.findVariable finds, for every identifier (%s)', (_name, ts) => {
    const results = identifiers(SHADOWING, ts);
    expect(results.length).toBeGreaterThan(60);
    expect(results.filter(([, same]) => !same)).toEqual([]);
  });

  it('finds TypeScript types, enums and namespaces', () => {
    const code = `type T = string; enum E { A } namespace N { export const v: T = 'x'; } const t: T = E.A + N.v;`;
    const results = identifiers(code, true);
    expect(results.filter(([, same]) => !same)).toEqual([]);
  });

  it('returns null for an undeclared global', () => {
    const found = withSource('undeclaredName();', (sourceCode) => {
      let result: unknown = 'not reached';
      walk(sourceCode, sourceCode.ast, (node) => {
        if (node.type === AST_NODE_TYPES.Identifier) result = variableOf(sourceCode, node);
      });
      return result;
    });
    expect(found).toBeNull();
  });
});

describe('calledMethodName', () => {
  it.each([
    ['conn.login(u, p)', 'login', false],
    ["conn['loginBySoap'](u, p)", 'loginBySoap', false],
    ['this.conn.query(q)', 'query', false],
    ['conn!.login(u, p)', 'login', true],
    ['(conn as Connection).login(u, p)', 'login', true],
    ['conn?.login(u, p)', 'login', false],
    ['login(u, p)', null, false],
    ['conn[name](u, p)', null, false],
  ] as const)('%s → %s', (call, expected, ts) => {
    const name = withSource(`probe(${call});`, (sourceCode) => calledMethodName(unwrap(probeArgument(sourceCode)) as TSESTree.CallExpression), { ts });
    expect(name).toBe(expected);
  });
});

describe('walkFile', () => {
  const CODE = `
import { a } from 'a';
function f(x: number): string { return g(x, () => h(x)); }
class C { m(): void { if (this.ok) f(1); } }
const k = { v: [1, 2, { w: f(2) }] };
`;

  /** The node types `visit` sees, with or without ESLint's traversal steps, pruning what `prune` names. */
  function visited(prune: ReadonlySet<string>, steps: boolean | 'not an array'): string[] {
    return withSource(
      CODE,
      (sourceCode) => {
        const seen: string[] = [];
        const traverse = steps === 'not an array' ? () => new Set((sourceCode as unknown as { traverse: () => unknown[] }).traverse()) : undefined;
        const source = steps === true ? sourceCode : Object.create(sourceCode, { traverse: { value: traverse } });
        walkFile(source, (node) => {
          seen.push(node.type);
          return !prune.has(node.type);
        });
        return seen;
      },
      { ts: true },
    );
  }

  it('visits every node in the order of a walk, from ESLint’s steps as from a walk of its own', () => {
    const expected = withSource(
      CODE,
      (sourceCode) => {
        const seen: string[] = [];
        walk(sourceCode, sourceCode.ast, (node) => {
          seen.push(node.type);
        });
        return seen;
      },
      { ts: true },
    );
    expect(expected).toContain('TSTypeAnnotation');
    expect(visited(new Set(), true)).toEqual(expected);
    expect(visited(new Set(), false)).toEqual(expected);
    // Steps that are not an array (another ESLint): a walk of its own.
    expect(visited(new Set(), 'not an array')).toEqual(expected);
  });

  it('skips the children of a node that the visitor declines, and nothing else', () => {
    const prune = new Set(['ClassDeclaration', 'TSTypeAnnotation', 'ImportDeclaration']);
    const fromSteps = visited(prune, true);
    expect(fromSteps).toEqual(visited(prune, false));
    expect(fromSteps).toContain('ClassDeclaration');
    expect(fromSteps).not.toContain('MethodDefinition');
    expect(fromSteps).not.toContain('TSNumberKeyword');
    expect(fromSteps).not.toContain('ImportSpecifier');
    expect(fromSteps.filter((type) => type === 'CallExpression')).toHaveLength(3);
  });
});
