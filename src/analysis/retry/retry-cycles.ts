/**
 * Retries that go round through several functions: after the session expired, control comes back to
 * the same request through other functions of the file (A calls B on a 401, B refreshes and calls A),
 * methods of the same class, a callback handed to the refresh (`refreshToken(() => request(obj))`, a
 * node-style callback run by a helper), or a function handed by name or bound (`.then(retry)`,
 * `.then(run.bind(null, conn, soql))`). Each is a cycle of the file's graph (call-cycles.ts) that passes
 * an expired branch, or a catch-all handler that refreshes the session, on the way round; it is judged
 * along the whole cycle (bounds.ts `judgeCycle`).
 *
 * A function that calls itself directly is retry-paths.ts `recursiveRetry`'s; this module takes the
 * cycles that any other edge closes.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { CallEdge, FileGraph } from './call-cycles';
import type { Context } from './cells';
import type { RetryTrigger, Verdict } from './bounds';
import type { CycleStep } from './cycle-bounds';
import type { Guard, PathFacts } from './expired-branches';

import { contains, unwrap, variableOf } from '../core/ast';
import { isFunctionNode } from '../core/call-targets';
import { fileGraph, shortestPath } from './call-cycles';
import { expiredGuards, pathFacts } from './expired-branches';
import { triggerOf } from './bounds';
import { judgeCycle, runsWithFreshValues } from './cycle-bounds';
import { inRange, isFreshValue, pathWrites } from './cells';
import { mayTriggerRetry } from './triggers';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

export interface CycleRetry {
  readonly kind: 'cycle';
  /** Where the retry is reported: the first call on the way round from the expired branch. */
  readonly node: TSESTree.Node;
  /** The function holding the expired branch. */
  readonly region: TSESTree.Node;
  readonly trigger: RetryTrigger;
  readonly verdict: Verdict;
  readonly guards: readonly Guard[];
  /** The way round, from the expired branch's edge. */
  readonly edges: readonly CallEdge[];
}

const cache = new WeakMap<SourceCode, readonly CycleRetry[]>();

/** Where an edge leaves its function: the handed function, or the call. */
function edgeNode(edge: CallEdge): TSESTree.Node {
  return edge.handed ?? edge.site;
}

const edgeFacts = new WeakMap<CallEdge, PathFacts>();

/** The facts on the way out of an edge's function to where the edge leaves it: once per edge (an edge is looked at from each cycle through it). */
function factsOf(sourceCode: SourceCode, edge: CallEdge): PathFacts {
  let facts = edgeFacts.get(edge);
  if (!facts) {
    facts = pathFacts(sourceCode, edgeNode(edge), edge.from);
    edgeFacts.set(edge, facts);
  }
  return facts;
}

/**
 * Does a call the file does not show, handed a function of the cycle, get nothing else that a try carries
 * over? Each other argument is a constant, a function written in place, or a value made anew in a
 * function of the cycle (`const requestTime = process.hrtime()`). What it calls the function back with is
 * then its own outcome, or made from values made anew: `refreshDelegate.refresh(requestTime, onResume)`
 * calls back with the refresh's error. A call handed the retry's own state (`helpers.reauthorize(options,
 * get, done)`) may hand it back, or a flag: not known to be fresh.
 */
function handsOnlyFresh(contexts: readonly Context[], edge: CallEdge): boolean {
  if (!edge.handed || !edge.site.arguments.includes(edge.handed as TSESTree.CallExpressionArgument)) return false;
  return edge.site.arguments.every((argument) => {
    if (argument === edge.handed) return true;
    if (argument.type === AST_NODE_TYPES.SpreadElement) return false;
    const value = unwrap(argument);
    if (isFunctionNode(value)) return true;
    // Judged where the value is made: the innermost function of the cycle it is declared in.
    const variable = value.type === AST_NODE_TYPES.Identifier ? variableOf(contexts[0]!.sourceCode, value) : null;
    const declared = variable?.defs[0]?.name;
    const home = (declared && contexts.filter((ctx) => ctx.fn && inRange(ctx.fn.range, declared)).at(-1)) || contexts.find((ctx) => ctx.fn === edge.from);
    return home !== undefined && isFreshValue({ ...home, freshParameter: undefined }, value);
  });
}

/** Is a parameter of `edge.to` filled, through `edge`, with a value made anew (a response, a library's callback argument)? */
function fillsFresh(contexts: readonly Context[], ctx: Context, edge: CallEdge, variable: Variable): boolean {
  const index = edge.to.params.findIndex((parameter) => {
    const name = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
    return name.type === AST_NODE_TYPES.Identifier && name.name === variable.name;
  });
  if (index < 0) return false;
  const values = edge.binding === 'call' ? edge.site.arguments : edge.binding === 'bind' && edge.bind ? edge.bind.arguments.slice(1) : null;
  if (!values) return runsWithFreshValues(edge.site) || handsOnlyFresh(contexts, edge);
  if (index >= values.length) return edge.binding === 'bind';
  const value = values[index]!;
  if (value.type === AST_NODE_TYPES.SpreadElement) return false;
  return isFreshValue(ctx, value);
}

/** Each edge of a cycle as one function's part of the retry, with its path's guards and writes. */
export function stepsOf(sourceCode: SourceCode, cycle: readonly CallEdge[]): CycleStep[] {
  const sites = new Set(cycle.map((edge) => edge.site));
  const contexts: Context[] = [];
  for (const [index, edge] of cycle.entries()) {
    const incoming = cycle[(index + cycle.length - 1) % cycle.length]!;
    contexts.push({
      sourceCode,
      kind: 'recursion',
      region: edge.from,
      freshRange: edge.from.range,
      fn: edge.from,
      errorVariable: null,
      reentry: null,
      isReentry: (call) => sites.has(call),
      freshParameter: (variable) => fillsFresh(contexts, contexts[(index + cycle.length - 1) % cycle.length]!, incoming, variable),
    });
  }
  return cycle.map((edge, index) => {
    const ctx = contexts[index]!;
    const facts = factsOf(sourceCode, edge);
    return { ctx, edge, guards: facts.guards, events: pathWrites(ctx, facts.statements, facts.guards, null) };
  });
}

/** The way round from an edge that may be an expired branch, if the graph has one. */
function cycleFrom(graph: FileGraph, edge: CallEdge): CallEdge[] | null {
  const back = shortestPath(graph, edge.to, edge.from);
  if (!back) return null;
  const cycle = [edge, ...back];
  // A function calling itself is recursiveRetry's.
  return cycle.length === 1 && edge.binding === 'call' ? null : cycle;
}

function find(sourceCode: SourceCode): CycleRetry[] {
  if (!mayTriggerRetry(sourceCode)) return [];
  const graph = fileGraph(sourceCode);
  if (graph.component.size === 0) return [];
  const found: CycleRetry[] = [];
  const seen = new Set<string>();
  const ids = new Map<CallEdge, number>();
  for (const [fn, edges] of graph.edges) {
    const component = graph.component.get(fn);
    if (component === undefined) continue;
    for (const edge of edges) {
      if (graph.component.get(edge.to) !== component) continue;
      // A cheap look first: an expired test or an error handler on the way out of the function.
      const facts = factsOf(sourceCode, edge);
      if (expiredGuards(sourceCode, facts).length === 0 && facts.handlers.length === 0) continue;
      const cycle = cycleFrom(graph, edge);
      if (!cycle) continue;
      for (const member of cycle) if (!ids.has(member)) ids.set(member, ids.size);
      const key = cycle.map((member) => ids.get(member)!).sort((a, b) => a - b).join(',');
      if (seen.has(key)) continue;
      const steps = stepsOf(sourceCode, cycle);
      const first = steps[0]!;
      const firstFacts = factsOf(sourceCode, edge);
      const trigger = triggerOf(first.ctx, firstFacts, firstFacts.guards);
      if (!trigger) continue;
      seen.add(key);
      // The retry: the last call on the way round written in the expired branch's function
      // (`refresh(() => request(obj))`: `request(obj)`), else the first call on the way round.
      const calls = cycle.filter((member) => member.binding === 'call');
      const reported = calls.filter((member) => contains(edge.from, member.site)).at(-1) ?? calls[0] ?? edge;
      found.push({
        kind: 'cycle',
        node: reported.binding === 'call' ? reported.site : edgeNode(reported),
        region: edge.from,
        trigger,
        verdict: judgeCycle(steps),
        guards: first.guards,
        edges: cycle,
      });
    }
  }
  return found;
}

/** The file's retries that go round through several functions, each judged along its whole cycle. Once per file. */
export function cycleRetries(sourceCode: SourceCode): readonly CycleRetry[] {
  let found = cache.get(sourceCode);
  if (!found) {
    found = find(sourceCode);
    cache.set(sourceCode, found);
  }
  return found;
}
