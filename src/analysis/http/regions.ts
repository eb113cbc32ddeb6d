/**
 * Which function a piece of code runs in, and which local functions call which.
 *
 * A *region* is the function whose call a piece of code belongs to: the nearest enclosing function,
 * looking through callbacks that run as part of that same call (promise `.then`/`.catch`/`.finally`
 * handlers, array iteration callbacks, immediately invoked functions, `new Promise` executors, and the
 * result callbacks of HTTP, node-soap and jsforce calls), or the module itself. The *call graph* maps
 * each call to the local function it runs, when `calledFunction` (call-targets.ts) tells. Both are
 * computed once per file and cached.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { FunctionNode } from '../core/call-targets';

import { memberName, unwrap } from '../core/ast';
import { fileNodes } from '../core/file-nodes';
import { calledFunction, isFunctionNode } from '../core/call-targets';
import { httpModel } from './http-calls';
import { addToList } from '../../util/collections';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A function, or the module's top level. */
export type Region = FunctionNode | TSESTree.Program;

/** Callbacks of these methods run as part of the call that registers them. */
const FLOW_METHODS = new Set([
  'then',
  'catch',
  'finally',
  'forEach',
  'map',
  'flatMap',
  'filter',
  'reduce',
  'reduceRight',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
]);

interface FileFacts {
  /** Calls whose callbacks receive their result: HTTP, node-soap and jsforce calls. */
  readonly resultCalls: ReadonlySet<TSESTree.Node>;
  readonly flow: WeakMap<FunctionNode, boolean>;
}

const facts = new WeakMap<SourceCode, FileFacts>();

function factsFor(sourceCode: SourceCode): FileFacts {
  let found = facts.get(sourceCode);
  if (!found) {
    const model = httpModel(sourceCode);
    const resultCalls = new Set<TSESTree.Node>(model.calls.map((call) => call.node));
    for (const client of model.soapClients) {
      resultCalls.add(client.node);
      for (const call of client.calls) resultCalls.add(call);
    }
    for (const connection of model.connections) for (const call of connection.calls) resultCalls.add(call);
    found = { resultCalls, flow: new WeakMap() };
    facts.set(sourceCode, found);
  }
  return found;
}

/** Does this function run as part of the call of the function around it (see the file comment)? */
export function isFlowCallback(sourceCode: SourceCode, fn: FunctionNode): boolean {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return false;
  const { flow, resultCalls } = factsFor(sourceCode);
  const cached = flow.get(fn);
  if (cached !== undefined) return cached;
  let result = false;
  let node: TSESTree.Node = fn;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.TSAsExpression || node.parent.type === AST_NODE_TYPES.TSNonNullExpression || node.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)) {
    node = node.parent;
  }
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    if (parent.callee === node) result = true;
    else if (resultCalls.has(parent)) result = true;
    else {
      const callee = unwrap(parent.callee);
      result = callee.type === AST_NODE_TYPES.MemberExpression && FLOW_METHODS.has(memberName(callee) ?? '');
    }
  } else if (parent?.type === AST_NODE_TYPES.NewExpression && parent.arguments[0] === node) {
    const callee = unwrap(parent.callee);
    result = callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise';
  }
  flow.set(fn, result);
  return result;
}

/** The region a node runs in. */
export function regionOf(sourceCode: SourceCode, node: TSESTree.Node): Region {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (isFunctionNode(current) && !isFlowCallback(sourceCode, current)) return current;
    if (current.type === AST_NODE_TYPES.Program) return current;
  }
  return sourceCode.ast;
}

/**
 * For a node inside `region` but in a function nested in it (a closure), that function: the outermost
 * non-flow function between the node and the region. Null when the node runs in the region itself, or
 * is not inside it.
 */
export function closureWithin(sourceCode: SourceCode, node: TSESTree.Node, region: Region): FunctionNode | null {
  let closure: FunctionNode | null = null;
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current === region) return closure;
    if (isFunctionNode(current) && !isFlowCallback(sourceCode, current)) closure = current;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Call graph

export interface CallGraph {
  /** The local function each resolved call runs. */
  readonly callee: ReadonlyMap<TSESTree.CallExpression, FunctionNode>;
  /** The calls that run each local function. */
  readonly callers: ReadonlyMap<FunctionNode, readonly TSESTree.CallExpression[]>;
}

const graphs = new WeakMap<SourceCode, CallGraph>();

/** The call graph of a file, built on first use from the file's calls. */
export function callGraph(sourceCode: SourceCode): CallGraph {
  const cached = graphs.get(sourceCode);
  if (cached) return cached;
  const callee = new Map<TSESTree.CallExpression, FunctionNode>();
  const callers = new Map<FunctionNode, TSESTree.CallExpression[]>();
  // The file's calls from the walk the analyses share (core/file-nodes.ts), not a walk of its own.
  for (const call of fileNodes(sourceCode).allCalls) {
    const target = calledFunction(sourceCode, call);
    if (!target) continue;
    callee.set(call, target);
    addToList(callers, target, call);
  }
  const graph: CallGraph = { callee, callers };
  graphs.set(sourceCode, graph);
  return graph;
}

/**
 * The regions that run any of `start` when called: the start regions themselves and, through the call
 * graph, every function that calls one of them (directly or through other local functions).
 */
export function regionsReaching(sourceCode: SourceCode, start: Iterable<Region>): Set<Region> {
  const graph = callGraph(sourceCode);
  const reached = new Set<Region>(start);
  const queue = [...reached];
  while (queue.length > 0) {
    const region = queue.pop();
    if (!region || region.type === AST_NODE_TYPES.Program) continue;
    for (const call of graph.callers.get(region) ?? []) {
      const caller = regionOf(sourceCode, call);
      if (!reached.has(caller)) {
        reached.add(caller);
        queue.push(caller);
      }
    }
  }
  return reached;
}
