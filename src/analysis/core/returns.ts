/**
 * Values through the file's own functions (call-targets.ts):
 * - what a call, or a getter read, evaluates to: the expressions the function it runs returns. Every
 *   `return` of the function counts (not those of functions nested in it), and an arrow's expression body;
 *   callers join them as alternatives, as they join `a || b`. An `async` function's call is a promise: its
 *   returns are its value only under `await`. A generator's call is an iterator, never its returns.
 * - what a parameter holds: the arguments of every call of its function, when the file makes all of them
 *   (a function that is neither exported nor handed anywhere, only called by name) and the parameter is
 *   never assigned. A missing argument gives the parameter's default.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { FunctionNode } from './call-targets';

import { isExported, staticKeyName, unwrap } from './ast';
import { thisMemberReads } from './bindings';
import { calledFunction, functionOfVariable, getterFunction, returnedExpressions } from './call-targets';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The nodes whose results are being resolved, outermost first. */
const resolving = new Set<TSESTree.Node>();
/** How many results may be resolved inside one another (`a().b().c`). */
const MAX_NESTING = 8;

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

/** At most this many calls are followed into a parameter; a function called more often is not. */
const MAX_CALL_SITES = 16;

const argumentCache = new WeakMap<TSESLint.Scope.Variable, readonly TSESTree.Expression[] | null>();

/**
 * The expressions a parameter is given: the argument at its position in every call of its function, or
 * its default where a call leaves it out. Null when the file does not make every call (the function is
 * exported, handed on, or a method), a call spreads its arguments, or the parameter is assigned.
 */
export function argumentExpressions(sourceCode: SourceCode, parameter: TSESLint.Scope.Variable): readonly TSESTree.Expression[] | null {
  if (argumentCache.has(parameter)) return argumentCache.get(parameter) ?? null;
  const found = parameterArguments(sourceCode, parameter);
  argumentCache.set(parameter, found);
  return found;
}

function parameterArguments(sourceCode: SourceCode, parameter: TSESLint.Scope.Variable): readonly TSESTree.Expression[] | null {
  const [definition] = parameter.defs;
  if (parameter.defs.length !== 1 || definition?.type !== 'Parameter') return null;
  if (parameter.references.some((reference) => reference.isWrite() && !reference.init)) return null;
  const fn = definition.node as FunctionNode;
  const index = fn.params.findIndex((param) => param === definition.name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === definition.name));
  if (index < 0) return null;
  const param = fn.params[index]!;
  const fallback = param.type === AST_NODE_TYPES.AssignmentPattern ? param.right : null;
  const calls = directCalls(sourceCode, fn);
  if (!calls || calls.length === 0 || calls.length > MAX_CALL_SITES) return null;
  const found: TSESTree.Expression[] = [];
  for (const call of calls) {
    const spread = call.arguments.findIndex((argument) => argument.type === AST_NODE_TYPES.SpreadElement);
    if (spread >= 0 && spread <= index) return null;
    const argument = call.arguments[index] as TSESTree.Expression | undefined;
    if (argument) found.push(argument);
    else if (fallback) found.push(fallback);
    else return null;
  }
  return found;
}

/**
 * Every call of a private method (`private m()`, `#m()`), which only its class can call: the
 * `this.m(…)` calls in the class's own methods, when the class reads `this.m` nowhere else.
 */
function privateMethodCalls(sourceCode: SourceCode, fn: FunctionNode): TSESTree.CallExpression[] | null {
  const method = fn.parent;
  if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.value !== fn || method.kind !== 'method' || method.static) return null;
  if (method.accessibility !== 'private' && method.key.type !== AST_NODE_TYPES.PrivateIdentifier) return null;
  const name = staticKeyName(method.key, method.computed);
  if (name === null) return null;
  const calls: TSESTree.CallExpression[] = [];
  for (const read of thisMemberReads(sourceCode, method.parent.parent, name)) {
    const call = read.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== read) return null;
    calls.push(call);
  }
  return calls;
}

/** Every call of `fn` when the file makes them all: a declaration or a const's function read only as a callee, or a private method. */
function directCalls(sourceCode: SourceCode, fn: FunctionNode): TSESTree.CallExpression[] | null {
  let variable: TSESLint.Scope.Variable | undefined;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    variable = sourceCode.getDeclaredVariables(fn).find((candidate) => candidate.defs.some((definition) => definition.type === 'FunctionName'));
  } else if (fn.parent.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn && fn.parent.parent.kind === 'const') {
    variable = sourceCode.getDeclaredVariables(fn.parent)[0];
  }
  if (!variable) return privateMethodCalls(sourceCode, fn);
  if (isExported(variable) || functionOfVariable(variable) !== fn) return null;
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    if (reference.init) continue;
    const identifier = reference.identifier as TSESTree.Identifier;
    const call = identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== identifier) return null;
    calls.push(call);
  }
  return calls;
}
