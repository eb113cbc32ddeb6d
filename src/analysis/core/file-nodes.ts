/**
 * What the analyses read from the whole file: its calls, functions, assignments, loops and tests,
 * collected by one walk (core/ast `walkFile`) the first time one of them asks, and kept for the file.
 * The retry analyses read all of it; the HTTP regions' call graph (http/regions.ts) reads the calls.
 * The file's functions and assignments go on to the shared resolver (core/call-targets `functionNames`,
 * core/bindings class fields), so that it needs no walk of its own either.
 *
 * Only analyses past a rule's first look ask (see retry/triggers.ts): in most files nothing here is
 * ever built.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import { unwrap, walkFile } from './ast';
import { provideAssignmentNodes } from './bindings';
import { provideFunctionNodes } from './call-targets';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The loops whose test is read (`for … in` and `for … of` have none). */
export type Loop = TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;

export interface FileNodes {
  /** Every call, function and assignment, in source order: the file's call graph is built from them (call-cycles.ts). */
  readonly graphNodes: readonly TSESTree.Node[];
  /** The calls of a name or a member: the candidates for a function calling itself. */
  readonly calls: readonly TSESTree.CallExpression[];
  readonly loops: readonly Loop[];
  /** `if`, `?:`, `&&` / `||` (its left side), `while`, `do … while` and `for` tests. */
  readonly tests: readonly TSESTree.Node[];
  readonly switchCases: readonly TSESTree.SwitchCase[];
  /** Every assignment and `++` / `--`, in source order: the writes a region makes are a slice of it (`nodesWithin`). */
  readonly writes: readonly Write[];
  /** Every `delete`, in source order (for `nodesWithin`). */
  readonly deletes: readonly TSESTree.UnaryExpression[];
  /** Every call, in source order (for `nodesWithin`). */
  readonly allCalls: readonly TSESTree.CallExpression[];
}

export type Write = TSESTree.AssignmentExpression | TSESTree.UpdateExpression;

/** Types and imports hold no call, function, assignment or test. */
const TYPE_ONLY: ReadonlySet<string> = new Set<string>([
  AST_NODE_TYPES.ImportDeclaration,
  AST_NODE_TYPES.TSTypeAnnotation,
  AST_NODE_TYPES.TSTypeParameterDeclaration,
  AST_NODE_TYPES.TSTypeParameterInstantiation,
  AST_NODE_TYPES.TSInterfaceDeclaration,
  AST_NODE_TYPES.TSTypeAliasDeclaration,
  AST_NODE_TYPES.TSDeclareFunction,
]);

/** The test a node holds, if it is one the expired guards are built from (expired-branches.ts). */
export function triggerTestOf(node: TSESTree.Node): TSESTree.Node | null {
  switch (node.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
      return node.test ?? null;
    case AST_NODE_TYPES.LogicalExpression:
      return node.left;
    default:
      return null;
  }
}

const cache = new WeakMap<SourceCode, FileNodes>();

function collect(sourceCode: SourceCode): FileNodes {
  const graphNodes: TSESTree.Node[] = [];
  const calls: TSESTree.CallExpression[] = [];
  const loops: Loop[] = [];
  const tests: TSESTree.Node[] = [];
  const switchCases: TSESTree.SwitchCase[] = [];
  const writes: Write[] = [];
  const allCalls: TSESTree.CallExpression[] = [];
  const deletes: TSESTree.UnaryExpression[] = [];
  walkFile(sourceCode, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression: {
        graphNodes.push(node);
        allCalls.push(node);
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression) calls.push(node);
        return undefined;
      }
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
        graphNodes.push(node);
        return undefined;
      case AST_NODE_TYPES.AssignmentExpression:
        graphNodes.push(node);
        writes.push(node);
        return undefined;
      case AST_NODE_TYPES.UpdateExpression:
        writes.push(node);
        return undefined;
      case AST_NODE_TYPES.UnaryExpression:
        if (node.operator === 'delete') deletes.push(node);
        return undefined;
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
        loops.push(node);
        break;
      case AST_NODE_TYPES.SwitchCase:
        switchCases.push(node);
        return undefined;
      default:
        if (TYPE_ONLY.has(node.type)) return false;
    }
    const test = triggerTestOf(node);
    if (test) tests.push(test);
    return undefined;
  });
  return { graphNodes, calls, loops, tests, switchCases, writes: inSourceOrder(writes), deletes: inSourceOrder(deletes), allCalls: inSourceOrder(allCalls) };
}

/**
 * The list sorted by where each node starts. A walk visits nodes nearly so (a node after its parent), but
 * a parent's children come in the order of its visitor keys, which is not always the order they are
 * written in; the list is checked, and sorted only when it must be.
 */
function inSourceOrder<T extends TSESTree.Node>(list: T[]): T[] {
  for (let index = 1; index < list.length; index += 1) {
    if (list[index]!.range[0] < list[index - 1]!.range[0]) return list.sort((a, b) => a.range[0] - b.range[0]);
  }
  return list;
}

/**
 * The nodes of a list in source order (as `fileNodes` keeps them) that lie inside `root`, `root`
 * included: found by a binary search for the first that starts in it, so that a question about a
 * region reads its own nodes and not the whole file.
 */
export function nodesWithin<T extends TSESTree.Node>(list: readonly T[], root: TSESTree.Node): T[] {
  const [start, end] = root.range;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle]!.range[0] < start) low = middle + 1;
    else high = middle;
  }
  const found: T[] = [];
  for (let index = low; index < list.length; index += 1) {
    const node = list[index]!;
    if (node.range[0] >= end) break;
    if (node.range[1] <= end) found.push(node);
  }
  return found;
}

/** The file's nodes the analyses read (see the file comment); one walk per file. */
export function fileNodes(sourceCode: SourceCode): FileNodes {
  let nodes = cache.get(sourceCode);
  if (!nodes) {
    nodes = collect(sourceCode);
    cache.set(sourceCode, nodes);
    provideFunctionNodes(sourceCode, nodes.graphNodes);
    provideAssignmentNodes(sourceCode, nodes.graphNodes);
  }
  return nodes;
}
