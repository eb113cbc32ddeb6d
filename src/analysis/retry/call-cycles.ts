/**
 * The file's graph of who runs whom, for retries that go round through several functions.
 *
 * A *node* is a function written in the file. Code in a callback handed to a call the file does not show
 * (`.then(() => …)`, `refresh(function () { … })`, `request(options, (err, res) => …)`), in an
 * immediately invoked function, a `new Promise` executor, or a handler assigned to an object's property
 * (`xhr.onreadystatechange = () => …`) belongs to the function it is written in: it runs as part of that
 * function's work. Every other function is a node of its own: declarations, functions held by names,
 * class and object members, `C.prototype.m = function …`, and functions handed to a function of the file.
 *
 * An *edge* says that running one node may run another, and where:
 * - a call of a function of the file (`request(obj)`, `this.request(req)`, `self._request(…)` through
 *   `var self = this` in a prototype method), filling its parameters with the call's arguments;
 * - a function handed by name or bound to a call the file does not show (`.then(retry)`,
 *   `.then(run.bind(null, conn, soql))`, `emitter.once('resume', onResume)`): the call may run it;
 * - a function handed to a function of the file, run where that function calls the parameter holding it
 *   (`repeat()`) or hands it on (`auth.renew(repeat)`).
 *
 * A retry that goes round is a cycle of this graph (see retryCycles in cycle-bounds.ts). Built once per
 * file, on first use, with one walk; components are found once (Tarjan), so only the functions that can
 * reach themselves are looked at again.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { FunctionNode } from '../core/call-targets';

import { memberName, parentOf, unwrap, walk } from '../core/ast';
import { calledFunction, functionNames, functionValue, isFunctionNode } from '../core/call-targets';
import { fileNodes } from '../core/file-nodes';
import { addToList } from '../../util/collections';

type SourceCode = Readonly<TSESLint.SourceCode>;

export type Binding = 'call' | 'bind' | 'callback';

export interface CallEdge {
  readonly from: FunctionNode;
  readonly to: FunctionNode;
  /** The call that runs `to`, hands it on, or calls the parameter holding it. */
  readonly site: TSESTree.CallExpression;
  /** How `to`'s parameters are filled: by `site`'s arguments, by `bind`'s, or by code the file does not show. */
  readonly binding: Binding;
  /** For a handed function: the argument that hands it (`retry`, `run.bind(…)`, `repeat`). */
  readonly handed: TSESTree.Node | null;
  /** For `bind`: the `.bind(thisArg, …)` call whose later arguments fill `to`'s first parameters. */
  readonly bind: TSESTree.CallExpression | null;
}

export interface FileGraph {
  /** Every call of the file, in source order. */
  readonly calls: readonly TSESTree.CallExpression[];
  /** The function whose run a node belongs to (see the file comment); null at module level. */
  readonly ownerOf: (node: TSESTree.Node) => FunctionNode | null;
  readonly edges: ReadonlyMap<FunctionNode, readonly CallEdge[]>;
  /** The strongly connected component of each function on a cycle (functions on none are absent). */
  readonly component: ReadonlyMap<FunctionNode, number>;
}

const graphs = new WeakMap<SourceCode, FileGraph>();
const inlineCache = new WeakMap<FunctionNode, boolean>();

/** `fn` as it stands in its parent: through TypeScript wrappers and `fn.bind(…)`. */
function standing(fn: TSESTree.Node): TSESTree.Node {
  let node: TSESTree.Node = fn;
  for (;;) {
    const parent = parentOf(node);
    if (!parent) return node;
    if (parent.type === AST_NODE_TYPES.MemberExpression && unwrap(parent.object) === unwrap(node) && memberName(parent) === 'bind') {
      const call = parentOf(parent);
      if (call?.type === AST_NODE_TYPES.CallExpression && unwrap(call.callee) === parent) {
        node = call;
        continue;
      }
    }
    return node;
  }
}

function isPrototypeMember(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = unwrap(target.object);
  return object.type === AST_NODE_TYPES.MemberExpression && memberName(object) === 'prototype';
}

/**
 * Does a function run as part of the function it is written in (see the file comment)? Decided from
 * where it stands: `resolve` tells whether a call it is handed to runs a function of the file.
 */
function isInline(fn: FunctionNode, resolve: (call: TSESTree.CallExpression) => FunctionNode | null): boolean {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return false;
  const cached = inlineCache.get(fn);
  if (cached !== undefined) return cached;
  const node = standing(fn);
  const parent = parentOf(node);
  let inline = false;
  if (parent?.type === AST_NODE_TYPES.CallExpression) {
    inline = unwrap(parent.callee) === unwrap(node) || resolve(parent) === null;
  } else if (parent?.type === AST_NODE_TYPES.NewExpression) {
    inline = parent.arguments[0] === node;
  } else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) {
    // xhr.onreadystatechange = () => …, inside a function; not `C.prototype.m = function …`.
    inline = parent.left.type === AST_NODE_TYPES.MemberExpression && !isPrototypeMember(parent.left) && enclosingFunctionOf(parent) !== null;
  }
  inlineCache.set(fn, inline);
  return inline;
}

function enclosingFunctionOf(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return null;
}

/** The name a callee or a handed value goes by: `f`, `obj.f`, `this.f`, `f.bind(…)`. */
function nameOf(node: TSESTree.Node): string | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name;
  if (target.type === AST_NODE_TYPES.MemberExpression) return memberName(target);
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'bind' ? nameOf(callee.object) : null;
  }
  return null;
}

function buildGraph(sourceCode: SourceCode): FileGraph {
  const nodes = fileNodes(sourceCode).graphNodes;
  const calls = nodes.filter((node): node is TSESTree.CallExpression => node.type === AST_NODE_TYPES.CallExpression);
  // The names functions are written under (file-nodes.ts handed the functions to the resolver): a cheap
  // look before resolving a call or a handed value through scope (most calls of a file run nothing
  // written in it).
  const names = functionNames(sourceCode)!;
  const mayName = (node: TSESTree.Node): boolean => {
    const name = nameOf(node);
    return name !== null && names.has(name);
  };

  const resolved = new Map<TSESTree.CallExpression, FunctionNode | null>();
  /** The function of the file a call runs (core's resolver), after a cheap look at the callee's name. */
  const resolve = (call: TSESTree.CallExpression): FunctionNode | null => {
    if (resolved.has(call)) return resolved.get(call)!;
    resolved.set(call, null);
    if (!mayName(call.callee) && !isFunctionNode(unwrap(call.callee))) return null;
    const target = calledFunction(sourceCode, call);
    resolved.set(call, target);
    return target;
  };

  /** The node whose run a piece of code belongs to (null at module level). */
  const owners = new Map<FunctionNode, FunctionNode | null>();
  const ownerOf = (node: TSESTree.Node): FunctionNode | null => {
    let fn: TSESTree.Node | undefined = node.parent;
    while (fn && !isFunctionNode(fn)) fn = fn.parent;
    if (!fn) return null;
    const known = owners.get(fn);
    if (known !== undefined) return known;
    const owner = isInline(fn, resolve) ? ownerOf(fn) : fn;
    owners.set(fn, owner);
    return owner;
  };

  const edges = new Map<FunctionNode, CallEdge[]>();
  const add = (edge: CallEdge): void => addToList(edges, edge.from, edge);
  const flows: { fn: FunctionNode; index: number; value: FunctionNode }[] = [];
  const seenFlows = new Set<string>();
  const ids = new Map<FunctionNode, number>();
  const idOf = (fn: FunctionNode): number => {
    let id = ids.get(fn);
    if (id === undefined) {
      id = ids.size;
      ids.set(fn, id);
    }
    return id;
  };
  const flow = (fn: FunctionNode, index: number, value: FunctionNode): void => {
    const key = `${idOf(fn)}:${index}:${idOf(value)}`;
    if (seenFlows.has(key)) return;
    seenFlows.add(key);
    flows.push({ fn, index, value });
  };

  for (const call of calls) {
    const owner = ownerOf(call);
    if (!owner) continue;
    const target = resolve(call);
    if (target) add({ from: owner, to: target, site: call, binding: 'call', handed: null, bind: null });
    call.arguments.forEach((argument, index) => {
      if (argument.type === AST_NODE_TYPES.SpreadElement) return;
      const written = unwrap(argument);
      // A function written in place runs as part of this one, unless it is handed to a function of the file.
      if (isFunctionNode(written)) {
        if (target) flow(target, index, written);
        return;
      }
      if (!mayName(argument)) return;
      const value = functionValue(sourceCode, argument);
      if (!value) return;
      const inner = unwrap(argument);
      const bind = inner.type === AST_NODE_TYPES.CallExpression ? inner : null;
      if (target) flow(target, index, value);
      else add({ from: owner, to: value, site: call, binding: bind ? 'bind' : 'callback', handed: argument, bind });
    });
  }

  // A function handed to a function of the file runs where that function calls or hands on its parameter.
  for (let next = flows.pop(); next; next = flows.pop()) {
    const parameter = next.fn.params[next.index];
    const name = parameter?.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
    if (name?.type !== AST_NODE_TYPES.Identifier) continue;
    const variable = sourceCode.getDeclaredVariables(next.fn).find((candidate) => candidate.name === name.name);
    for (const reference of variable?.references ?? []) {
      if (!reference.isRead()) continue;
      const use = reference.identifier as TSESTree.Identifier;
      const parent = parentOf(use);
      if (parent?.type !== AST_NODE_TYPES.CallExpression) continue;
      const owner = ownerOf(parent);
      if (!owner) continue;
      if (unwrap(parent.callee) === use) {
        add({ from: owner, to: next.value, site: parent, binding: 'call', handed: null, bind: null });
        continue;
      }
      const index = parent.arguments.findIndex((argument) => unwrap(argument) === use);
      if (index < 0) continue;
      const target = resolve(parent);
      if (target) flow(target, index, next.value);
      else add({ from: owner, to: next.value, site: parent, binding: 'callback', handed: use, bind: null });
    }
  }

  return { calls, ownerOf, edges, component: components(edges) };
}

/** Tarjan's strongly connected components, iteratively; only components with a cycle are kept. */
function components(edges: ReadonlyMap<FunctionNode, readonly CallEdge[]>): Map<FunctionNode, number> {
  const index = new Map<FunctionNode, number>();
  const low = new Map<FunctionNode, number>();
  const onStack = new Set<FunctionNode>();
  const stack: FunctionNode[] = [];
  const result = new Map<FunctionNode, number>();
  let counter = 0;
  let componentId = 0;
  for (const start of edges.keys()) {
    if (index.has(start)) continue;
    const work: { node: FunctionNode; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter);
    counter += 1;
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      const out = edges.get(frame.node) ?? [];
      if (frame.next < out.length) {
        const target = out[frame.next]!.to;
        frame.next += 1;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter);
          counter += 1;
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const members: FunctionNode[] = [];
      for (let member = stack.pop(); member; member = stack.pop()) {
        onStack.delete(member);
        members.push(member);
        if (member === frame.node) break;
      }
      const selfLoop = members.length === 1 && out.some((edge) => edge.to === frame.node);
      if (members.length > 1 || selfLoop) {
        for (const member of members) result.set(member, componentId);
        componentId += 1;
      }
    }
  }
  return result;
}

/** The file's graph, built once. */
export function fileGraph(sourceCode: SourceCode): FileGraph {
  let graph = graphs.get(sourceCode);
  if (!graph) {
    graph = buildGraph(sourceCode);
    graphs.set(sourceCode, graph);
  }
  return graph;
}

/** The shortest way from `start` back to `goal` inside one component, as edges; null when there is none. */
export function shortestPath(graph: FileGraph, start: FunctionNode, goal: FunctionNode): CallEdge[] | null {
  if (start === goal) return [];
  const component = graph.component.get(start);
  if (component === undefined || graph.component.get(goal) !== component) return null;
  const cameBy = new Map<FunctionNode, CallEdge | null>([[start, null]]);
  const queue: FunctionNode[] = [start];
  for (let head = 0; head < queue.length; head += 1) {
    const node = queue[head]!;
    for (const edge of graph.edges.get(node) ?? []) {
      if (cameBy.has(edge.to) || graph.component.get(edge.to) !== component) continue;
      cameBy.set(edge.to, edge);
      if (edge.to === goal) {
        const path: CallEdge[] = [];
        for (let step = cameBy.get(goal); step; step = cameBy.get(step.from)) path.unshift(step);
        return path;
      }
      queue.push(edge.to);
    }
  }
  return null;
}

const reachCache = new WeakMap<TSESTree.Node, readonly FunctionNode[]>();

/**
 * The functions of the file that may run while `region` runs: those written in it, those its calls run
 * or are handed, and, through the graph, everything those run in turn.
 */
export function functionsRunBy(sourceCode: SourceCode, region: TSESTree.Node): readonly FunctionNode[] {
  const cached = reachCache.get(region);
  if (cached) return cached;
  const graph = fileGraph(sourceCode);
  const reached = new Set<FunctionNode>();
  const queue: FunctionNode[] = [];
  const reach = (fn: FunctionNode): void => {
    if (reached.has(fn)) return;
    reached.add(fn);
    queue.push(fn);
  };
  if (isFunctionNode(region)) reach(region);
  walk(sourceCode, region, (child) => {
    if (child !== region && isFunctionNode(child)) reach(child);
    return undefined;
  });
  for (let head = 0; head < queue.length; head += 1) {
    for (const edge of graph.edges.get(queue[head]!) ?? []) reach(edge.to);
  }
  // A loop's region is not a function: its calls reach through the edges of the function around it.
  if (!isFunctionNode(region)) {
    for (const edges of graph.edges.values()) {
      for (const edge of edges) if (region.range[0] <= edge.site.range[0] && edge.site.range[1] <= region.range[1]) reach(edge.to);
    }
    for (let head = 0; head < queue.length; head += 1) {
      for (const edge of graph.edges.get(queue[head]!) ?? []) reach(edge.to);
    }
  }
  const result = [...reached];
  reachCache.set(region, result);
  return result;
}
