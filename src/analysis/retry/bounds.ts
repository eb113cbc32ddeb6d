/**
 * Whether a retry path is bounded, and what makes it session-triggered.
 *
 * A guard on the path bounds the retry when the path moves its cell (cells.ts) strictly toward making it
 * false on every retry: `retries > 0` with `retries - 1` passed on, `attempt < MAX` with `attempt++` on the
 * path, `!config._retry` with `config._retry = true`, `!isRetry` with `true` passed. A guard on a cell the
 * path leaves alone (passed unchanged, reset to its default, never written) does not bound it. Where the
 * file does not tell (the cell is also written elsewhere, handed to a function, a guard calls an unknown
 * function) the verdict is `unknown`: rules stay silent.
 *
 * A retry counts as session-triggered when an expired check guards it, or (catch-all) when it runs in an
 * error handler after a call that refreshes the session or logs in (session-refresh.ts).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { Guard, PathFacts } from './expired-branches';
import type { Cell, Context, Effect, Term, WriteEvent } from './cells';

import { findProperty, memberName, parentOf, unwrap, variableOf, walk } from '../core/ast';
import { nodesWithin, fileNodes } from '../core/file-nodes';
import { calledFunction, isFunctionNode } from '../core/call-targets';
import { functionsRunBy } from './call-cycles';
import { conditionGuards, guardExpiredTest } from './expired-branches';
import { sessionExpiredTest } from './session-checks';
import { isRefreshCall } from './session-refresh';
import { MAX_DEPTH, NO_CHANGE, PURE_METHODS, aliasOf, cellEffect, collectWrites, inRange, readsTerm, resolveTerm, sameCell, stableConstant, staticValue, writtenElsewhere } from './cells';

type SourceCode = Readonly<TSESLint.SourceCode>;

export type Verdict = 'bounded' | 'unbounded' | 'unknown';

/** What makes a retry session-triggered: an expired check on its path, or a refresh in an error handler. */
export type RetryTrigger =
  | { readonly kind: 'expired'; readonly guard: Guard }
  | { readonly kind: 'refresh'; readonly call: TSESTree.CallExpression };

// ---------------------------------------------------------------------------------------------------
// Guards as bounds

type Comparison = '<' | '<=' | '>' | '>=' | '===' | '!==' | '==' | '!=';
type Predicate =
  | { readonly op: Comparison; readonly limit: Term }
  | { readonly op: 'truthy' | 'falsy' };

const NEGATED: Record<Comparison, Comparison> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '===': '!==', '!==': '===', '==': '!=', '!=': '==' };
const SWAPPED: Record<Comparison, Comparison> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '===': '===', '!==': '!==', '==': '==', '!=': '!=' };
const COMPARISONS: Record<string, Comparison> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '===': '===', '==': '==', '!==': '!==', '!=': '!=' };

/** Strips `x++` / `--x` from a comparison operand: the write itself is counted among the path's writes. */
function stripUpdate(node: TSESTree.Node): TSESTree.Node {
  const target = unwrap(node);
  return target.type === AST_NODE_TYPES.UpdateExpression ? target.argument : target;
}

/** A guard read as a condition on one cell (`retries > 0`, `!config._retry`, `tries++ < 3`), or null. */
export function guardShape(ctx: Context, test: TSESTree.Expression, holds: boolean): { cell: Cell; predicate: Predicate } | null {
  const target = unwrap(test);
  if (target.type === AST_NODE_TYPES.BinaryExpression && target.left.type !== AST_NODE_TYPES.PrivateIdentifier) {
    const comparison = COMPARISONS[target.operator];
    if (!comparison) return null;
    const left = resolveTerm(ctx, stripUpdate(target.left));
    const right = resolveTerm(ctx, stripUpdate(target.right));
    let found: { cell: Cell; op: Comparison; limit: Term } | null = null;
    if (left?.kind === 'cell' && !sameCell(right, left)) found = { cell: left, op: comparison, limit: right ?? readsTerm(ctx, target.right) };
    else if (right?.kind === 'cell' && !sameCell(left, right)) found = { cell: right, op: SWAPPED[comparison], limit: left ?? readsTerm(ctx, target.left) };
    if (!found) return null;
    // `url === config.api.BASE`: a module constant nothing changes, known by its path.
    const constant = found.limit.kind === 'cell' ? stableConstant(ctx, found.cell === left ? target.right : target.left) : null;
    const limit: Term = constant ? { kind: 'static', value: constant.value } : found.limit;
    return { cell: found.cell, predicate: { op: holds ? found.op : NEGATED[found.op], limit } };
  }
  const term = resolveTerm(ctx, target);
  if (term?.kind === 'cell') return { cell: term, predicate: { op: holds ? 'truthy' : 'falsy' } };
  return null;
}

function compare(op: Comparison, current: number, limit: number): boolean {
  switch (op) {
    case '<':
      return current < limit;
    case '<=':
      return current <= limit;
    case '>':
      return current > limit;
    case '>=':
      return current >= limit;
    case '===':
      return current === limit;
    case '!==':
      return current !== limit;
    case '==':
      return current == limit;
    case '!=':
      return current != limit;
  }
}

/** The predicate's value for a known cell value; null when the limit is not known. */
function evaluate(predicate: Predicate, value: unknown): boolean | null {
  const limit = 'limit' in predicate && predicate.limit.kind === 'static' ? predicate.limit.value : undefined;
  // A constant known by its path (cells.ts `stableConstant`): equal to itself, else not known.
  if (typeof value === 'symbol' || typeof limit === 'symbol') {
    if (value !== limit) return null;
    if (predicate.op === '===' || predicate.op === '==') return true;
    return predicate.op === '!==' || predicate.op === '!=' ? false : null;
  }
  if (!('limit' in predicate)) return predicate.op === 'truthy' ? Boolean(value) : !value;
  if (predicate.limit.kind !== 'static') return null;
  return compare(predicate.op, value as number, predicate.limit.value as number);
}

export type GuardVerdict = 'bound' | 'not-bound' | 'unknown';

/**
 * Does moving a cell by `effect` on every try make `predicate` fail after finitely many tries, from any
 * non-negative whole-number start (counters) or any start (flags)?
 */
export function boundsRetry(predicate: Predicate, effect: Effect): GuardVerdict {
  if (effect.kind === 'unknown') return 'unknown';
  if (effect.kind === 'set') {
    const result = evaluate(predicate, effect.value);
    if (result === null) return 'unknown';
    return result ? 'not-bound' : 'bound';
  }
  const { amount } = effect;
  if ('limit' in predicate && (predicate.limit.kind === 'opaque' || predicate.limit.kind === 'error')) {
    return 'unknown';
  }
  switch (predicate.op) {
    case '<':
    case '<=':
      return amount > 0 ? 'bound' : 'not-bound';
    case '>':
    case '>=':
      return amount < 0 ? 'bound' : 'not-bound';
    case '===':
    case '==':
      return amount !== 0 ? 'bound' : 'not-bound';
    case '!==':
    case '!=':
      return amount !== 0 ? 'unknown' : 'not-bound';
    case 'truthy':
      if (amount === -1) return 'bound';
      return amount < -1 ? 'unknown' : 'not-bound';
    case 'falsy':
      return amount !== 0 ? 'bound' : 'not-bound';
  }
}

/**
 * For a guard that is not one cell's condition: `not-bound` when it only reads fresh values and cells
 * nothing changes, else `unknown` (it calls something, or reads state that moves).
 */
export function readsVerdict(ctx: Context, node: TSESTree.Node, events: readonly WriteEvent[] | null): GuardVerdict {
  let verdict: GuardVerdict = 'not-bound';
  const onPath = new Set<TSESTree.Node>(events?.map((event) => event.node) ?? []);
  const checkTerm = (term: Term): void => {
    if (term.kind === 'opaque') verdict = 'unknown';
    if (term.kind === 'cell') {
      const moved = ctx.roundEffect ? ctx.roundEffect(term) : events ? cellEffect(ctx, events, term) : NO_CHANGE;
      if (moved.kind !== 'delta' || moved.amount !== 0 || (writtenElsewhere(ctx, term, onPath) && !untouchedInRetry(ctx, term, onPath))) verdict = 'unknown';
    }
  };
  walk(ctx.sourceCode, node, (child) => {
    if (verdict === 'unknown') return false;
    switch (child.type) {
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrap(child.callee);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) {
          verdict = 'unknown';
          return false;
        }
        const receiver = resolveTerm(ctx, callee.object);
        if (PURE_METHODS.has(memberName(callee) ?? '')) {
          // url.includes('/token'): reads the receiver and the arguments, changes nothing.
          if (receiver) checkTerm(receiver);
          else if (readsVerdict(ctx, callee.object, events) === 'unknown') verdict = 'unknown';
        } else if (receiver?.kind !== 'fresh') {
          // A method of state or of a global (`this.budget.take()`, `Date.now()`) may change or move with time.
          verdict = 'unknown';
        }
        for (const argument of child.arguments) {
          if (verdict !== 'unknown' && readsVerdict(ctx, argument, events) === 'unknown') verdict = 'unknown';
        }
        return false;
      }
      case AST_NODE_TYPES.NewExpression:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.YieldExpression:
      case AST_NODE_TYPES.AssignmentExpression:
      case AST_NODE_TYPES.UpdateExpression:
      case AST_NODE_TYPES.TaggedTemplateExpression:
        verdict = 'unknown';
        return false;
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
        return false;
      case AST_NODE_TYPES.Identifier:
      case AST_NODE_TYPES.ThisExpression: {
        const term = resolveTerm(ctx, child);
        if (term) checkTerm(term);
        return false;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const term = resolveTerm(ctx, child);
        if (term) {
          checkTerm(term);
          if (child.computed) return undefined;
          return false;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  });
  return verdict;
}

/** Replaces a guard on a local alias (`const canRetry = attempt < 3`) by the guards of its value. */
export function expandGuards(ctx: Context, guards: readonly Guard[], depth = 0): Guard[] {
  const expanded: Guard[] = [];
  for (const guard of guards) {
    const alias = guard.kind === 'condition' && depth < MAX_DEPTH ? (aliasOf(ctx, guard.test) ?? stateTest(ctx, guard.test)) : null;
    if (guard.kind === 'condition' && alias) {
      const origin = { kind: guard.origin.kind, node: guard.origin.node };
      expanded.push(...expandGuards(ctx, conditionGuards(alias, guard.holds, origin), depth + 1).map((inner) => ({ ...inner, origin: guard.origin })));
    } else {
      expanded.push(guard);
    }
  }
  return expanded;
}

/**
 * `hasRefreshToken()`: a call of a function of the file that takes nothing, changes nothing and returns
 * one expression (`return !!tokens.refresh`): the guard is that expression, read where the function is.
 */
function stateTest(ctx: Context, test: TSESTree.Expression): TSESTree.Expression | null {
  const call = unwrap(test);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.length > 0) return null;
  const fn = calledFunction(ctx.sourceCode, call);
  if (!fn || fn.params.length > 0 || fn.async || fn.generator) return null;
  let returned: TSESTree.Node | null = null;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returned = fn.body;
  else if (fn.body.body.length === 1 && fn.body.body[0]?.type === AST_NODE_TYPES.ReturnStatement) returned = fn.body.body[0].argument;
  if (!returned) return null;
  const expression = returned as TSESTree.Expression;
  // Only reads: a call or a write inside makes it more than a test of state.
  return containsEffect(ctx, expression) ? null : expression;
}

function containsEffect(ctx: Context, node: TSESTree.Node): boolean {
  let found = false;
  walk(ctx.sourceCode, node, (child) => {
    if (found || isFunctionNode(child)) return false;
    if (
      child.type === AST_NODE_TYPES.CallExpression ||
      child.type === AST_NODE_TYPES.NewExpression ||
      child.type === AST_NODE_TYPES.AssignmentExpression ||
      child.type === AST_NODE_TYPES.UpdateExpression ||
      child.type === AST_NODE_TYPES.AwaitExpression
    ) {
      found = true;
    }
    return undefined;
  });
  return found;
}

/** Calls that read what they are handed and change nothing: `JSON.stringify(oauth)`, `console.log(…)`. */
function onlyReads(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = unwrap(callee.object);
  if (object.type !== AST_NODE_TYPES.Identifier || variableOf(sourceCode, object)?.defs.length) return false;
  return (object.name === 'JSON' && memberName(callee) === 'stringify') || object.name === 'console';
}

/**
 * Does a test made of presence tests on state keep the value it has on the path, on every try?
 * `!(!oauth.access_token && !oauth.refresh_token)` holds while `oauth.refresh_token` stays, whatever
 * happens to the access token.
 */
export function keepsValue(ctx: Context, test: TSESTree.Node, holds: boolean, depth = 0): boolean {
  if (depth > MAX_DEPTH) return false;
  const target = unwrap(test);
  if (target.type === AST_NODE_TYPES.UnaryExpression && target.operator === '!') return keepsValue(ctx, target.argument, !holds, depth + 1);
  if (target.type === AST_NODE_TYPES.LogicalExpression && target.operator !== '??') {
    // `a && b` true, `a || b` false: both sides keep theirs; otherwise one side is enough.
    const both = (target.operator === '&&') === holds;
    const left = keepsValue(ctx, target.left, holds, depth + 1);
    const right = keepsValue(ctx, target.right, holds, depth + 1);
    return both ? left && right : left || right;
  }
  const term = resolveTerm(ctx, target);
  return term?.kind === 'cell' && presenceStays(ctx, term, { op: holds ? 'truthy' : 'falsy' });
}

/** Writes, deletions and hand-overs of a cell (or of the object holding it) in the code `within` covers. */
function presenceChanges(ctx: Context, target: Cell, within: (node: TSESTree.Node) => boolean): TSESTree.Node[] | null {
  const found: TSESTree.Node[] = [];
  if (target.root.kind === 'var') {
    for (const reference of target.root.variable.references) {
      if (reference.init || !within(reference.identifier)) continue;
      let node: TSESTree.Node = reference.identifier as TSESTree.Node;
      let matched = 0;
      for (const name of target.path) {
        const parent = parentOf(node);
        if (parent?.type !== AST_NODE_TYPES.MemberExpression || unwrap(parent.object) !== unwrap(node) || memberName(parent) !== name) break;
        node = parent;
        matched += 1;
      }
      const parent = parentOf(node);
      if (!parent) continue;
      if ((parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) || parent.type === AST_NODE_TYPES.UpdateExpression) found.push(parent);
      else if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') found.push(parent);
      // Handing on the object that holds the cell may change it; handing on the value itself cannot rebind it.
      else if (matched < target.path.length && parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(node as TSESTree.CallExpressionArgument) && !onlyReads(ctx.sourceCode, parent)) return null;
    }
    return found;
  }
  return null;
}

/**
 * A presence guard on state (`oauth.refresh_token`, `this.canRefresh`, `!this.loggedOut`) that nothing the
 * retry runs can turn: no write that could make it fail, in the region or in the functions it runs.
 * Writes elsewhere in the file (set-up, log-out) are not part of the retry: they do not bound it.
 */
export function presenceStays(ctx: Context, target: Cell, predicate: Predicate): boolean {
  if ('limit' in predicate || (target.root.kind !== 'var' && target.root.kind !== 'this')) return false;
  const regions = [ctx.region, ...functionsRunBy(ctx.sourceCode, ctx.region)];
  const within = (node: TSESTree.Node): boolean => regions.some((region) => inRange(region.range, node));
  const changes = target.root.kind === 'var' ? presenceChanges(ctx, target, within) : thisPresenceChanges(ctx, target, regions);
  if (!changes) return false;
  return changes.every((node) => {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.operator !== '=') return false;
    const written = writtenValue(ctx, node, target);
    // A value the file does not know (`this.accessToken = data.access_token`) is what a refresh that
    // succeeds writes: it keeps the guard as it is on the very tries that loop, whatever it gives when the
    // refresh fails. Only a known value (`= null`, `= ''`) can turn the guard.
    if (written === null) return isOpaqueWrite(node);
    return evaluate(predicate, written.value) === true;
  });
}

/** A write of a value read from elsewhere (a response field, a call's result), not one written in place. */
function isOpaqueWrite(node: TSESTree.AssignmentExpression): boolean {
  return isOpaqueValue(node.right, node.left);
}

function isOpaqueValue(node: TSESTree.Node, written: TSESTree.Node): boolean {
  const value = unwrap(node);
  // `this.refreshToken = options.refreshToken || this.refreshToken`: a new value read from elsewhere, or
  // the one it had.
  if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator !== '&&') {
    const right = unwrap(value.right);
    const target = unwrap(written);
    const keeps = right.type === AST_NODE_TYPES.MemberExpression && target.type === AST_NODE_TYPES.MemberExpression && memberName(right) !== null && memberName(right) === memberName(target);
    return (keeps || isOpaqueValue(value.right, written)) && isOpaqueValue(value.left, written);
  }
  return value.type === AST_NODE_TYPES.MemberExpression || value.type === AST_NODE_TYPES.CallExpression || value.type === AST_NODE_TYPES.AwaitExpression;
}

/** State the retry reads but never writes: only code outside the region and the functions it runs changes it. */
function untouchedInRetry(ctx: Context, target: Cell, onPath: ReadonlySet<TSESTree.Node>): boolean {
  if (target.root.kind !== 'var' && target.root.kind !== 'this') return false;
  const regions = [ctx.region, ...functionsRunBy(ctx.sourceCode, ctx.region)];
  const within = (node: TSESTree.Node): boolean => regions.some((region) => inRange(region.range, node));
  const changes = target.root.kind === 'var' ? presenceChanges(ctx, target, within) : thisPresenceChanges(ctx, target, regions);
  return changes !== null && changes.every((node) => onPath.has(node));
}

/** The value a write gives the cell (`x.refresh_token = 'abc'`, or `x = { refresh_token: … }` for a holder); null when not known. */
function writtenValue(ctx: Context, node: TSESTree.AssignmentExpression, target: Cell): { value: unknown } | null {
  let value: TSESTree.Node = unwrap(node.right);
  const left = unwrap(node.left);
  let depth = 0;
  for (let current = left; current.type === AST_NODE_TYPES.MemberExpression; current = unwrap(current.object)) depth += 1;
  const missing = target.path.length - depth;
  if (missing < 0) return null;
  for (const name of target.path.slice(target.path.length - missing)) {
    if (value.type !== AST_NODE_TYPES.ObjectExpression) return null;
    const property = findProperty(value, name);
    if (!property) return value.properties.some((item) => item.type === AST_NODE_TYPES.SpreadElement) ? null : { value: undefined };
    value = unwrap(property.value);
  }
  return staticValue(ctx.sourceCode, value);
}

/** Writes to `this.<path>` (by its last name, on `this` or a name holding it) in the code the ranges cover. */
function thisPresenceChanges(ctx: Context, target: Cell, regions: readonly TSESTree.Node[]): TSESTree.Node[] {
  const names = new Set(target.path);
  const found: TSESTree.Node[] = [];
  const seen = new Set<TSESTree.Node>();
  const nodes = fileNodes(ctx.sourceCode);
  for (const region of regions) {
    for (const change of [...nodesWithin(nodes.writes, region), ...nodesWithin(nodes.deletes, region)]) {
      if (seen.has(change)) continue;
      seen.add(change);
      const written = change.type === AST_NODE_TYPES.AssignmentExpression ? change.left : change.argument;
      const member = unwrap(written);
      if (member.type === AST_NODE_TYPES.MemberExpression && names.has(memberName(member) ?? '')) found.push(change);
    }
  }
  return found;
}

/** Bounded when some guard bounds the retry; unknown when some guard might; else unbounded. */
export function judge(ctx: Context, guards: readonly Guard[], events: readonly WriteEvent[]): Verdict {
  const onPath = new Set<TSESTree.Node>(events.map((event) => event.node));
  // Writes in the re-entry's own arguments (`request(url, retries--)`) are part of what it passes on.
  const inArguments: WriteEvent[] = [];
  for (const argument of ctx.reentry?.arguments ?? []) collectWrites(ctx, argument, inArguments);
  for (const event of inArguments) onPath.add(event.node);
  let unknown = false;
  for (const guard of expandGuards(ctx, guards)) {
    if (guard.kind === 'case') continue;
    // An expired check (either way round) is about the response: it carries nothing over.
    if (sessionExpiredTest(ctx.sourceCode, guard.test)) continue;
    const shape = guardShape(ctx, guard.test, guard.holds);
    let verdict: GuardVerdict;
    if (shape) {
      verdict = stableLimit(ctx, shape.predicate, events, onPath) ? boundsRetry(shape.predicate, cellEffect(ctx, events, shape.cell)) : 'unknown';
      if (verdict === 'not-bound' && writtenElsewhere(ctx, shape.cell, onPath) && !presenceStays(ctx, shape.cell, shape.predicate)) verdict = 'unknown';
    } else {
      verdict = readsVerdict(ctx, guard.test, events);
      if (verdict === 'unknown' && keepsValue(ctx, guard.test, guard.holds)) verdict = 'not-bound';
    }
    if (verdict === 'bound') return 'bounded';
    if (verdict === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'unbounded';
}

/** A limit that is itself a cell must not move either. */
export function stableLimit(ctx: Context, predicate: Predicate, events: readonly WriteEvent[], onPath: ReadonlySet<TSESTree.Node>): boolean {
  if (!('limit' in predicate)) return true;
  const { limit } = predicate;
  if (limit.kind === 'opaque') return false;
  if (limit.kind !== 'cell') return true;
  const moved = cellEffect(ctx, events, limit);
  return moved.kind === 'delta' && moved.amount === 0 && !writtenElsewhere(ctx, limit, onPath);
}

// ---------------------------------------------------------------------------------------------------
// Triggers

/** Does an expired check read something made anew on each try (not a value carried over)? */
function testsFreshValue(ctx: Context, guard: Guard): boolean {
  const expression = guard.kind === 'case' ? guard.cases[0]!.parent.discriminant : guard.test;
  let fresh = false;
  walk(ctx.sourceCode, expression, (child) => {
    if (fresh) return false;
    if (child.type === AST_NODE_TYPES.MemberExpression && !child.computed) {
      walk(ctx.sourceCode, child.object, (inner) => {
        if (!fresh && inner.type === AST_NODE_TYPES.Identifier && isFreshName(ctx, inner)) fresh = true;
        return fresh ? false : undefined;
      });
      return false;
    }
    if (child.type === AST_NODE_TYPES.Identifier && isFreshName(ctx, child)) fresh = true;
    return undefined;
  });
  return fresh;
}

function isFreshName(ctx: Context, identifier: TSESTree.Identifier): boolean {
  const variable = variableOf(ctx.sourceCode, identifier);
  const definition = variable?.defs[0];
  if (!variable || !definition) return false;
  if (ctx.fn && definition.type === 'Parameter' && definition.node === ctx.fn) return ctx.freshParameter?.(variable) ?? false;
  if (inRange(ctx.freshRange, definition.name)) return true;
  // A loop re-reads a variable declared outside it when the loop assigns it: `res = await fetch(…)`.
  return ctx.kind === 'loop' && variable.references.some((reference) => reference.isWrite() && inRange(ctx.region.range, reference.identifier));
}

export function expiredTrigger(ctx: Context, guards: readonly Guard[]): Guard | null {
  return guards.find((guard) => guardExpiredTest(ctx.sourceCode, guard) !== null && testsFreshValue(ctx, guard)) ?? null;
}

/** The calls made on a path before the node: in its statements, and those it is a callback of. */
export function callsBefore(sourceCode: SourceCode, facts: PathFacts): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  for (const statement of facts.statements) {
    walk(sourceCode, statement, (child) => {
      if (isFunctionNode(child)) return false;
      if (child.type === AST_NODE_TYPES.CallExpression) calls.push(child);
      return undefined;
    });
  }
  for (const enclosing of facts.enclosingCalls) {
    calls.push(enclosing);
    // refresh().then(() => retry()): the refresh is the receiver of `.then`
    let receiver: TSESTree.Node = unwrap(enclosing.callee);
    while (receiver.type === AST_NODE_TYPES.MemberExpression || receiver.type === AST_NODE_TYPES.CallExpression || receiver.type === AST_NODE_TYPES.AwaitExpression) {
      if (receiver.type === AST_NODE_TYPES.CallExpression) {
        calls.push(receiver);
        receiver = unwrap(receiver.callee);
      } else if (receiver.type === AST_NODE_TYPES.MemberExpression) receiver = unwrap(receiver.object);
      else receiver = unwrap(receiver.argument);
    }
  }
  return calls;
}

/** A catch-all handler (no expired check) that refreshes the session before retrying. */
function refreshTrigger(ctx: Context, facts: PathFacts, handler: TSESTree.Node | null): TSESTree.CallExpression | null {
  const handlers = handler ? [handler, ...facts.handlers] : facts.handlers;
  if (handlers.length === 0) return null;
  const inside = handlers.at(-1)!;
  return callsBefore(ctx.sourceCode, facts).find((call) => inRange(inside.range, call) && isRefreshCall(ctx.sourceCode, call)) ?? null;
}

export function triggerOf(ctx: Context, facts: PathFacts, guards: readonly Guard[], handler: TSESTree.Node | null = null): RetryTrigger | null {
  const guard = expiredTrigger(ctx, guards);
  if (guard) return { kind: 'expired', guard };
  const call = refreshTrigger(ctx, facts, handler);
  return call ? { kind: 'refresh', call } : null;
}

