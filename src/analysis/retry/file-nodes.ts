/**
 * What the retry analyses read from the whole file: its calls, functions, assignments, loops and tests,
 * collected by one walk (core/ast `walkFile`) the first time one of them asks, and kept for the file.
 * The file's functions and assignments go on to the shared resolver (core/call-targets `functionNames`,
 * core/bindings class fields), so that it needs no walk of its own either.
 *
 * The retry rule asks only in a file whose first look passed (see triggers.ts): in most files nothing
 * here is ever built.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { Loop } from './expired-branches';

import { unwrap, walkFile } from '../core/ast';
import { provideAssignmentNodes } from '../core/bindings';
import { provideFunctionNodes } from '../core/call-targets';

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface RetryFileNodes {
  /** Every call, function and assignment, in source order: the file's call graph is built from them (call-cycles.ts). */
  readonly graphNodes: readonly TSESTree.Node[];
  /** The calls of a name or a member: the candidates for a function calling itself. */
  readonly calls: readonly TSESTree.CallExpression[];
  readonly loops: readonly Loop[];
  /** `if`, `?:`, `&&` / `||` (its left side), `while`, `do … while` and `for` tests. */
  readonly tests: readonly TSESTree.Node[];
  readonly switchCases: readonly TSESTree.SwitchCase[];
}

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

const cache = new WeakMap<SourceCode, RetryFileNodes>();

function collect(sourceCode: SourceCode): RetryFileNodes {
  const graphNodes: TSESTree.Node[] = [];
  const calls: TSESTree.CallExpression[] = [];
  const loops: Loop[] = [];
  const tests: TSESTree.Node[] = [];
  const switchCases: TSESTree.SwitchCase[] = [];
  walkFile(sourceCode, (node) => {
    switch (node.type) {
      case AST_NODE_TYPES.CallExpression: {
        graphNodes.push(node);
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression) calls.push(node);
        return undefined;
      }
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.AssignmentExpression:
        graphNodes.push(node);
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
  return { graphNodes, calls, loops, tests, switchCases };
}

/** The file's nodes the retry analyses read (see the file comment); one walk per file. */
export function retryFileNodes(sourceCode: SourceCode): RetryFileNodes {
  let nodes = cache.get(sourceCode);
  if (!nodes) {
    nodes = collect(sourceCode);
    cache.set(sourceCode, nodes);
    provideFunctionNodes(sourceCode, nodes.graphNodes);
    provideAssignmentNodes(sourceCode, nodes.graphNodes);
  }
  return nodes;
}
