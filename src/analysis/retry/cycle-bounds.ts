/**
 * Whether a retry that goes round through several functions (retry-cycles.ts) is bounded: each
 * function's part of the cycle is a step, and a guard on a step bounds the retry when going once round
 * the whole cycle moves its cell toward making it false (bounds.ts judges the guards; this module says
 * how one round changes a cell, from function to function).
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { FunctionNode } from '../core/call-targets';
import type { CallEdge } from './call-cycles';
import type { Cell, Context, Effect, WriteEvent } from './cells';
import type { Guard } from './expired-branches';
import type { GuardVerdict, Verdict } from './bounds';

import { contains, memberName, unwrap, walk } from '../core/ast';
import { calledFunction, functionValue, isFunctionNode } from '../core/call-targets';
import { boundsRetry, expandGuards, guardShape, keepsValue, presenceStays, readsVerdict, stableLimit } from './bounds';
import { NO_CHANGE, UNKNOWN_EFFECT as UNKNOWN, collectWrites, composeEffects, inRange, isFreshValue, keyOf, pathEffect, resolveTerm, sameCell, transferInto, writtenElsewhere } from './cells';
import { thisOwner } from './this-state';
import { sessionExpiredTest } from './session-checks';

/** One function's part of a retry that goes round through several functions (retry-cycles.ts). */
export interface CycleStep {
  readonly ctx: Context;
  readonly edge: CallEdge;
  readonly guards: readonly Guard[];
  readonly events: readonly WriteEvent[];
}

const NOWHERE: Cell = { kind: 'cell', root: { kind: 'this' }, path: ['\u0000'] };

function rootOf(target: Cell): string {
  return keyOf({ kind: 'cell', root: target.root, path: [] });
}

/** The one argument that carries `target` (or the object holding it) into the next function: its index, -1 for none, -2 when it cannot tell. */
function carrierIndex(ctx: Context, arguments_: readonly TSESTree.CallExpressionArgument[], target: Cell): number {
  const root = rootOf(target);
  let found = -1;
  for (const [index, argument] of arguments_.entries()) {
    if (argument.type === AST_NODE_TYPES.SpreadElement) return -2;
    let mentions = false;
    walk(ctx.sourceCode, argument, (child) => {
      if (mentions || isFunctionNode(child)) return false;
      if (child.type !== AST_NODE_TYPES.Identifier && child.type !== AST_NODE_TYPES.MemberExpression && child.type !== AST_NODE_TYPES.ThisExpression) return undefined;
      const term = resolveTerm(ctx, child);
      if (term?.kind === 'cell' && rootOf(term) === root) mentions = true;
      return term ? false : undefined;
    });
    if (!mentions) continue;
    if (found >= 0) return -2;
    found = index;
  }
  return found;
}

/** A parameter cell of the step's function as the variable it is, for functions written inside that one. */
function asVariable(ctx: Context, target: Cell): Cell | null {
  if (target.root.kind !== 'param' || !ctx.fn) return target.root.kind === 'var' ? target : null;
  const parameter = ctx.fn.params[target.root.index];
  const name = parameter?.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
  if (name?.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ctx.sourceCode.getDeclaredVariables(ctx.fn).find((candidate) => candidate.name === name.name);
  return variable ? { kind: 'cell', root: { kind: 'var', variable }, path: target.path } : null;
}

function declaredIn(target: Cell, fn: FunctionNode): boolean {
  if (target.root.kind !== 'var') return false;
  const name = target.root.variable.defs[0]?.name;
  return name !== undefined && inRange(fn.range, name);
}

/** The values a step's edge hands to the next function's parameters, in order; null when the file does not show them. */
function handedValues(edge: CallEdge): readonly TSESTree.CallExpressionArgument[] | null {
  if (edge.binding === 'call') return edge.site.arguments;
  if (edge.binding === 'bind' && edge.bind) return edge.bind.arguments.slice(1);
  return null;
}

/**
 * How going once round the cycle, from the start of step `start`'s function back to it, changes a cell
 * that function sees; `fresh` when the cell is filled anew on each try.
 */
function cycleEffect(steps: readonly CycleStep[], start: number, target: Cell): Effect | 'fresh' {
  const count = steps.length;
  if (target.root.kind === 'config') return UNKNOWN;
  if (target.root.kind === 'var' || target.root.kind === 'this') {
    if (target.root.kind === 'this') {
      const owner = thisOwner(steps[0]!.ctx.sourceCode, steps[0]!.ctx.fn!);
      if (!owner || steps.some((step) => thisOwner(step.ctx.sourceCode, step.ctx.fn!) !== owner)) return UNKNOWN;
    } else if (steps.some((step) => declaredIn(target, step.ctx.fn!))) {
      return UNKNOWN;
    }
    let effect: Effect = NO_CHANGE;
    for (let offset = 0; offset < count; offset += 1) {
      const step = steps[(start + offset) % count]!;
      effect = composeEffects(effect, pathEffect(step.ctx, step.events, target));
    }
    return effect;
  }
  let current: Cell = target;
  let lost = false;
  let effect: Effect = NO_CHANGE;
  for (let offset = 0; offset < count; offset += 1) {
    const step = steps[(start + offset) % count]!;
    const { ctx, edge } = step;
    const values = handedValues(edge);
    if (!lost) effect = composeEffects(effect, pathEffect(ctx, step.events, current));
    if (offset === count - 1) {
      if (!values) return UNKNOWN;
      const slot = values[target.root.index];
      if (slot && slot.type !== AST_NODE_TYPES.SpreadElement && isFreshValue(ctx, slot)) return 'fresh';
      return transferInto(ctx, values, edge.to, target.root.index, lost ? NOWHERE : current, effect);
    }
    if (lost) continue;
    const index = values ? carrierIndex(ctx, values, current) : -1;
    if (index === -2) return UNKNOWN;
    if (index === -1 || !values) {
      // Not handed on: still there for a function written inside this one (a closure), else lost.
      const visible = contains(ctx.fn!, edge.to) ? asVariable(ctx, current) : current.root.kind === 'var' && !declaredIn(current, edge.to) ? current : null;
      if (visible) current = visible;
      else lost = true;
      continue;
    }
    effect = transferInto(ctx, values, edge.to, index, current, effect);
    if (effect.kind === 'unknown') return UNKNOWN;
    current = { kind: 'cell', root: { kind: 'param', index }, path: current.path };
  }
  return UNKNOWN;
}

/**
 * Is a cell the parameter through which the step runs the next function of the cycle (`success()`,
 * `auth.renew(repeat)`)? On the way round it always holds that function: a test of it
 * (`typeof success === 'function'`) cannot stop the retry.
 */
function handsOn(step: CycleStep, target: Cell): boolean {
  if (target.root.kind !== 'param' || target.path.length > 0) return false;
  const { edge, ctx } = step;
  const through = edge.handed ?? (edge.binding === 'call' ? edge.site.callee : null);
  if (!through) return false;
  const term = resolveTerm(ctx, through);
  return term?.kind === 'cell' && sameCell(term, target);
}

/** Is a parameter cell of the step's function filled anew on each try? */
function freshParameterCell(ctx: Context, target: Cell): boolean {
  if (target.root.kind !== 'param' || !ctx.fn || !ctx.freshParameter) return false;
  const variable = asVariable(ctx, { ...target, path: [] });
  return variable?.root.kind === 'var' && ctx.freshParameter(variable.root.variable);
}

/**
 * A retry through several functions: bounded when a guard on some step bounds it over the whole cycle
 * (a counter handed on and moved in every round, a flag set on the way and checked), unknown when one
 * might, else unbounded. A counter passed on unchanged, left to a default, or kept in one function only
 * does not bound it.
 */
export function judgeCycle(steps: readonly CycleStep[]): Verdict {
  const onPath = new Set<TSESTree.Node>();
  for (const step of steps) {
    for (const event of step.events) onPath.add(event.node);
    const inArguments: WriteEvent[] = [];
    for (const value of handedValues(step.edge) ?? []) collectWrites(step.ctx, value, inArguments);
    for (const event of inArguments) onPath.add(event.node);
  }
  let unknown = false;
  for (const [index, step] of steps.entries()) {
    const roundEffect = (target: Cell): Effect => {
      if (handsOn(step, target)) return NO_CHANGE;
      const effect = cycleEffect(steps, index, target);
      return effect === 'fresh' ? NO_CHANGE : effect;
    };
    const ctx: Context = { ...step.ctx, roundEffect };
    for (const guard of expandGuards(ctx, step.guards)) {
      if (guard.kind === 'case' || sessionExpiredTest(ctx.sourceCode, guard.test)) continue;
      const shape = guardShape(ctx, guard.test, guard.holds);
      let verdict: GuardVerdict;
      if (goesRoundEitherWay(step, guard)) {
        verdict = 'not-bound';
      } else if (shape && (freshParameterCell(ctx, shape.cell) || handsOn(step, shape.cell))) {
        verdict = 'not-bound';
      } else if (shape) {
        const effect = cycleEffect(steps, index, shape.cell);
        if (effect === 'fresh') verdict = 'not-bound';
        else verdict = stableLimit(ctx, shape.predicate, step.events, onPath) ? boundsRetry(shape.predicate, effect) : 'unknown';
        if (verdict === 'not-bound' && effect !== 'fresh' && writtenElsewhere(ctx, shape.cell, onPath) && !presenceStays(ctx, shape.cell, shape.predicate)) verdict = 'unknown';
      } else {
        verdict = readsVerdict(ctx, guard.test, step.events);
        if (verdict === 'unknown' && keepsValue(ctx, guard.test, guard.holds)) verdict = 'not-bound';
      }
      if (verdict === 'bound') return 'bounded';
      if (verdict === 'unknown') unknown = true;
    }
  }
  return unknown ? 'unknown' : 'unbounded';
}

/** Promise and event methods: they run a handed function with a value made anew (a result, an event's arguments). */
const FRESH_RUNNERS = new Set(['then', 'catch', 'finally', 'on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener', 'subscribe']);

/**
 * Does the call a function is handed to (a call the file does not show) run it with values made anew?
 * A promise's `.then(retry)` or an emitter's `.once('resume', onResume)` do; another helper
 * (`helpers.reauthorize(app, options, get)`) may hand back what it was given, or a flag: unknown.
 */
export function runsWithFreshValues(site: TSESTree.CallExpression): boolean {
  const callee = unwrap(site.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && FRESH_RUNNERS.has(memberName(callee) ?? '');
}

/**
 * Does the other side of the `if` a guard comes from go round to the same next function too? Then the
 * test only picks the way round and cannot stop the retry: `if (refreshedSince(t)) onResume(); else
 * { emitter.once('resume', onResume); refresh(); }`, or an early exit that also queues the retry
 * (`if (suspended) { emitter.once('resume', onResume); return; }`). The other side must run the next
 * function the same way: the same call or hand-over as written, or (one side calling it with no
 * arguments, the other handing it to a promise or an emitter) the same function either way.
 */
function goesRoundEitherWay(step: CycleStep, guard: Guard): boolean {
  const { origin } = guard;
  if (origin.kind !== 'if' && origin.kind !== 'early-exit') return false;
  const statement = origin.node;
  if (statement.type !== AST_NODE_TYPES.IfStatement) return false;
  const other = origin.holds ? statement.alternate : statement.consequent;
  if (!other) return false;
  const { sourceCode } = step.ctx;
  const { edge } = step;
  const siteText = sourceCode.getText(edge.site);
  let found = false;
  walk(sourceCode, other, (child) => {
    if (found || isFunctionNode(child)) return false;
    if (child.type !== AST_NODE_TYPES.CallExpression || child === edge.site) return undefined;
    if (sourceCode.getText(child) === siteText) found = true;
    else if (edge.binding !== 'call' && child.arguments.length === 0 && calledFunction(sourceCode, child) === edge.to) found = true;
    else if (edge.binding === 'call' && edge.site.arguments.length === 0 && runsWithFreshValues(child) && child.arguments.some((argument) => argument.type !== AST_NODE_TYPES.SpreadElement && !isFunctionNode(unwrap(argument)) && functionValue(sourceCode, argument) === edge.to)) found = true;
    return found ? false : undefined;
  });
  return found;
}
