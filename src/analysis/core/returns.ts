/**
 * What a call, or a getter read, evaluates to: the expressions that the function it runs returns, when
 * that function is written in the file (call-targets.ts). Every `return` of the function counts (not
 * those of functions nested in it), and an arrow's expression body; callers join them as alternatives,
 * as they join `a || b`. Parameters stay what the file tells of them (nothing, for a parameter): values
 * are not carried from a call's arguments into its function.
 *
 * An `async` function's call is a promise: its returns are its value only under `await`. A generator's
 * call is an iterator, never its returns.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { FunctionNode } from './call-targets';

import { unwrap, walk } from './ast';
import { calledFunction, getterFunction, isFunctionNode } from './call-targets';

type SourceCode = Readonly<TSESLint.SourceCode>;

const returnCache = new WeakMap<FunctionNode, readonly TSESTree.Expression[]>();
/** The nodes whose results are being resolved, outermost first. */
const resolving = new Set<TSESTree.Node>();
/** How many results may be resolved inside one another (`a().b().c`). */
const MAX_NESTING = 8;

/** The expressions a function returns: each `return value` of its own, or an arrow's expression body. */
export function returnedExpressions(sourceCode: SourceCode, fn: FunctionNode): readonly TSESTree.Expression[] {
  const cached = returnCache.get(fn);
  if (cached) return cached;
  const found: TSESTree.Expression[] = [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) found.push(fn.body);
  else {
    walk(sourceCode, fn.body, (child) => {
      if (isFunctionNode(child)) return false;
      if (child.type === AST_NODE_TYPES.ReturnStatement && child.argument) found.push(child.argument);
      return undefined;
    });
  }
  returnCache.set(fn, found);
  return found;
}

/**
 * The expressions whose value `node` takes: a call of a function written in the file (a plain one, or an
 * `async` one under `await`), `await` of such a call, or a read that runs a getter. Null when the file does
 * not tell, and for a function that returns nothing.
 */
export function resultExpressions(sourceCode: SourceCode, node: TSESTree.Node): readonly TSESTree.Expression[] | null {
  const target = unwrap(node);
  // Resolving a function can ask for results again (a getter on an object a call returns): each node
  // once at a time, and only so deep.
  if (resolving.has(target) || resolving.size >= MAX_NESTING) return null;
  resolving.add(target);
  try {
    return results(sourceCode, target);
  } finally {
    resolving.delete(target);
  }
}

function results(sourceCode: SourceCode, target: TSESTree.Node): readonly TSESTree.Expression[] | null {
  let fn: FunctionNode | null = null;
  if (target.type === AST_NODE_TYPES.CallExpression) {
    fn = calledFunction(sourceCode, target);
    if (fn?.async) return null;
  } else if (target.type === AST_NODE_TYPES.AwaitExpression) {
    const awaited = unwrap(target.argument);
    fn = awaited.type === AST_NODE_TYPES.CallExpression ? calledFunction(sourceCode, awaited) : null;
  } else if (target.type === AST_NODE_TYPES.MemberExpression) {
    fn = getterFunction(sourceCode, target);
    if (fn?.async) return null;
  }
  if (!fn || fn.generator) return null;
  const returns = returnedExpressions(sourceCode, fn);
  return returns.length > 0 ? returns : null;
}
