/**
 * Retry paths after an expired session, and whether each one is bounded.
 *
 * A *retry path* leads from an expired branch (expired-branches.ts) back to the same request:
 * - recursion: the function calls itself (declaration, `const f = …`, named function expression, class
 *   or object method through `this`), directly or from a `.then` / `.catch` / RxJS / refresh callback;
 * - a loop that goes round again from the expired branch (`continue`, or falling through to the end
 *   of the body), including a loop whose own condition is the expired check;
 * - an axios response interceptor whose rejection handler replays `error.config` through the client
 *   the interceptor is registered on (`api(config)`, `api.request(config)`, `axios(config)`);
 * - p-retry / async-retry / retry configured to retry forever, whose handler refreshes on a 401.
 * A retry counts as session-triggered when an expired check guards it, or (catch-all) when it runs in
 * an error handler after a call that refreshes the session or logs in (session-refresh.ts).
 *
 * *Bounds*: the state that survives from one try to the next is a *cell*: a parameter of the recursive
 * function (and its properties), the replayed `error.config`'s properties, a variable declared outside
 * the loop or function, or a `this` field. A guard on the path bounds the retry when the path moves its
 * cell strictly toward making it false on every retry: `retries > 0` with `retries - 1` passed on,
 * `attempt < MAX` with `attempt++` on the path, `!config._retry` with `config._retry = true`, `!isRetry`
 * with `true` passed. A guard on a cell the path leaves alone (passed unchanged, reset to its default,
 * never written) does not bound it. Where the file does not tell (the cell is also written elsewhere,
 * handed to a function, a guard calls an unknown function) the verdict is `unknown`: rules stay silent.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils, AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { FunctionNode } from './call-targets';
import type { HttpClient } from './http-calls';
import type { Guard, Loop, PathFacts } from './expired-branches';

import { contains, enclosingFunction, findProperty, memberName, propertyValue, staticKeyName, unwrap, variableOf, walk } from './ast';
import { calledFunction, functionValue, isFunctionNode } from './call-targets';
import { conditionGuards, fallThroughBranches, guardExpiredTest, isLoop, pathFacts, alwaysExits } from './expired-branches';
import { globalScopeFor, httpCallAt, httpModel } from './http-calls';
import { sessionExpiredTest } from './session-checks';
import { isRefreshCall } from './session-refresh';
import { objectLiteralOf } from './url-value';
import { addToList } from '../util/collections';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

export type Verdict = 'bounded' | 'unbounded' | 'unknown';
export type RetryKind = 'recursion' | 'continue' | 'loop' | 'replay' | 'library';

/** What makes a retry session-triggered: an expired check on its path, or a refresh in an error handler. */
export type RetryTrigger =
  | { readonly kind: 'expired'; readonly guard: Guard }
  | { readonly kind: 'refresh'; readonly call: TSESTree.CallExpression };

export interface RetryPath {
  readonly kind: RetryKind;
  /** Where the retry happens: the recursive call, the `continue`, the loop, the replay, the option. */
  readonly node: TSESTree.Node;
  /** The function that recurses, the loop, the interceptor's handler, or the retry library call. */
  readonly region: TSESTree.Node;
  readonly trigger: RetryTrigger;
  readonly verdict: Verdict;
  /** The guards on the path, innermost first (loop conditions included). */
  readonly guards: readonly Guard[];
}

// ---------------------------------------------------------------------------------------------------
// Values: cells, terms and effects

type Root =
  | { readonly kind: 'param'; readonly index: number }
  | { readonly kind: 'var'; readonly variable: Variable }
  | { readonly kind: 'this' }
  | { readonly kind: 'config' };

interface Cell {
  readonly kind: 'cell';
  readonly root: Root;
  readonly path: readonly string[];
}

type Term =
  | Cell
  /** The interceptor handler's error: its `config` is the replayed request, the rest is fresh. */
  | { readonly kind: 'error' }
  | { readonly kind: 'static'; readonly value: unknown }
  /** A value made anew on each try (a response, an error, a local): it carries nothing over. */
  | { readonly kind: 'fresh' }
  | { readonly kind: 'opaque' };

/** How the path changes a cell, from its value at the start of one try to the start of the next. */
type Effect =
  | { readonly kind: 'delta'; readonly amount: number }
  | { readonly kind: 'set'; readonly value: unknown }
  | { readonly kind: 'unknown' };

const FRESH: Term = { kind: 'fresh' };
const OPAQUE: Term = { kind: 'opaque' };
const NO_CHANGE: Effect = { kind: 'delta', amount: 0 };
const UNKNOWN_EFFECT: Effect = { kind: 'unknown' };
const MAX_DEPTH = 8;

/** Methods that read their receiver and arguments and change nothing. */
const PURE_METHODS = new Set([
  'includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'test', 'match', 'search', 'toLowerCase',
  'toUpperCase', 'trim', 'some', 'every', 'find', 'findIndex', 'has', 'get', 'toString', 'isArray', 'keys',
]);

interface Context {
  readonly sourceCode: SourceCode;
  readonly kind: 'recursion' | 'loop' | 'replay' | 'handler';
  /** The function that recurses, the loop, the handler. */
  readonly region: TSESTree.Node;
  /** Names declared inside this range are made anew on each try. */
  readonly freshRange: TSESTree.Range;
  /** recursion: the function whose parameters carry state into the next call. */
  readonly fn: FunctionNode | null;
  /** replay: the error parameter of the rejection handler. */
  readonly errorVariable: Variable | null;
  /** replay: a name destructured from the error's `config` (`async ({ config }) => …`). */
  readonly configVariable?: Variable | null;
  /** recursion / replay: the call that starts the next try. */
  readonly reentry: TSESTree.CallExpression | null;
  /** Is a call one that starts a try (a recursive call, a replay)? Its arguments are not escapes. */
  readonly isReentry: (call: TSESTree.CallExpression) => boolean;
  scan?: WriteScan;
}

interface WriteScan {
  readonly writes: Map<string, TSESTree.Node[]>;
  readonly escapes: Set<string>;
}

const variableIds = new WeakMap<Variable, number>();
let nextVariableId = 0;

function rootKey(root: Root): string {
  switch (root.kind) {
    case 'param':
      return `param:${root.index}`;
    case 'var': {
      let id = variableIds.get(root.variable);
      if (id === undefined) {
        id = nextVariableId;
        nextVariableId += 1;
        variableIds.set(root.variable, id);
      }
      return `var:${id}`;
    }
    case 'this':
      return 'this';
    case 'config':
      return 'config';
  }
}

function cellKey(cell: Cell): string {
  return [rootKey(cell.root), ...cell.path].join('.');
}

function cell(root: Root, path: readonly string[] = []): Cell {
  return { kind: 'cell', root, path };
}

function staticValue(sourceCode: SourceCode, node: TSESTree.Node): { value: unknown } | null {
  return ASTUtils.getStaticValue(node, sourceCode.getScope(node)) as { value: unknown } | null;
}

function inRange(range: TSESTree.Range, node: TSESTree.Node): boolean {
  return range[0] <= node.range[0] && node.range[1] <= range[1];
}

/** Does evaluating an expression only read (no call, await, write, new, yield or function)? */
function isPureExpression(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  let pure = true;
  walk(sourceCode, node, (child) => {
    if (!pure) return false;
    switch (child.type) {
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
      case AST_NODE_TYPES.AwaitExpression:
      case AST_NODE_TYPES.YieldExpression:
      case AST_NODE_TYPES.AssignmentExpression:
      case AST_NODE_TYPES.UpdateExpression:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.ClassExpression:
      case AST_NODE_TYPES.TaggedTemplateExpression:
        pure = false;
        return false;
      default:
        return undefined;
    }
  });
  return pure;
}

/** For a local name that always holds the value of a pure expression, that expression. */
function aliasOf(ctx: Context, node: TSESTree.Node): TSESTree.Expression | null {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(ctx.sourceCode, target);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : null;
  if (!variable || definition?.type !== 'Variable' || !inRange(ctx.freshRange, definition.name)) return null;
  const declarator = definition.node;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
  if (variable.references.some((reference) => reference.isWrite() && !reference.init)) return null;
  return isPureExpression(ctx.sourceCode, declarator.init) ? declarator.init : null;
}

/** From a parameter's name up to the parameter: the property path it reads (`{ retries = 1 } = {}` → `retries`). */
function parameterPath(fn: FunctionNode, name: TSESTree.Identifier): { index: number; path: string[] } | null {
  const path: string[] = [];
  let current: TSESTree.Node = name;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return null;
    if (parent === fn) {
      const index = fn.params.indexOf(current as TSESTree.Parameter);
      return index < 0 ? null : { index, path };
    }
    if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === current) {
      current = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current && parent.parent.type === AST_NODE_TYPES.ObjectPattern) {
      const key = staticKeyName(parent.key, parent.computed);
      if (key === null) return null;
      path.unshift(key);
      current = parent.parent;
      continue;
    }
    return null;
  }
}

/** What a name, property read or `this` stands for, as far as retries are concerned. */
function resolveTerm(ctx: Context, node: TSESTree.Node, depth = 0): Term | null {
  if (depth > MAX_DEPTH) return OPAQUE;
  const target = unwrap(node);
  switch (target.type) {
    case AST_NODE_TYPES.Literal:
      return { kind: 'static', value: target.value };
    case AST_NODE_TYPES.TemplateLiteral: {
      const value = staticValue(ctx.sourceCode, target);
      return value ? { kind: 'static', value: value.value } : null;
    }
    case AST_NODE_TYPES.ThisExpression:
      return cell({ kind: 'this' });
    case AST_NODE_TYPES.Identifier:
      return identifierTerm(ctx, target, depth);
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberName(target);
      const object = resolveTerm(ctx, target.object, depth + 1) ?? readsTerm(ctx, target.object);
      switch (object.kind) {
        case 'error':
          return name === 'config' ? cell({ kind: 'config' }) : FRESH;
        case 'cell':
          return name === null ? OPAQUE : cell(object.root, [...object.path, name]);
        case 'static': {
          const value = staticValue(ctx.sourceCode, target);
          return value ? { kind: 'static', value: value.value } : OPAQUE;
        }
        default:
          return object;
      }
    }
    case AST_NODE_TYPES.LogicalExpression: {
      // `count ?? 0`, `count || 0`: the default only stands in for a missing value.
      if (target.operator === '&&') return null;
      const fallback = resolveTerm(ctx, target.right, depth + 1);
      return fallback?.kind === 'static' ? resolveTerm(ctx, target.left, depth + 1) : null;
    }
    case AST_NODE_TYPES.UnaryExpression:
      if (target.operator === 'void') return { kind: 'static', value: undefined };
      if (target.operator === '-' || target.operator === '+') {
        const value = staticValue(ctx.sourceCode, target);
        return value ? { kind: 'static', value: value.value } : null;
      }
      return null;
    default:
      return null;
  }
}

function identifierTerm(ctx: Context, identifier: TSESTree.Identifier, depth: number): Term {
  const variable = variableOf(ctx.sourceCode, identifier);
  if (!variable || variable.defs.length === 0) {
    const value = staticValue(ctx.sourceCode, identifier);
    return value ? { kind: 'static', value: value.value } : OPAQUE;
  }
  const [definition] = variable.defs;
  if (!definition) return OPAQUE;
  if (ctx.fn && definition.type === 'Parameter' && definition.node === ctx.fn) {
    const found = parameterPath(ctx.fn, definition.name as TSESTree.Identifier);
    return found ? cell({ kind: 'param', index: found.index }, found.path) : OPAQUE;
  }
  if (ctx.errorVariable === variable) return { kind: 'error' };
  if (ctx.configVariable === variable) return cell({ kind: 'config' });
  if (inRange(ctx.freshRange, definition.name)) {
    const alias = aliasOf(ctx, identifier);
    return (alias && resolveTerm(ctx, alias, depth + 1)) ?? FRESH;
  }
  const value = staticValue(ctx.sourceCode, identifier);
  if (value) return { kind: 'static', value: value.value };
  if (definition.type === 'FunctionName' || definition.type === 'ClassName' || definition.type === 'ImportBinding') return OPAQUE;
  return cell({ kind: 'var', variable });
}

/** The term for a compound expression read as an object: fresh unless it reads state. */
function readsTerm(ctx: Context, node: TSESTree.Node): Term {
  return readsVerdict(ctx, node, null) === 'not-bound' ? FRESH : OPAQUE;
}

function compose(first: Effect, then: Effect): Effect {
  if (first.kind === 'unknown' || then.kind === 'unknown') return UNKNOWN_EFFECT;
  if (then.kind === 'set') return then;
  if (first.kind === 'delta') return { kind: 'delta', amount: first.amount + then.amount };
  if (then.amount === 0) return first;
  return typeof first.value === 'number' ? { kind: 'set', value: first.value + then.amount } : UNKNOWN_EFFECT;
}

function sameCell(term: Term | null, target: Cell): boolean {
  return term?.kind === 'cell' && cellKey(term) === cellKey(target);
}

function staticNumber(ctx: Context, node: TSESTree.Node): number | null {
  const value = staticValue(ctx.sourceCode, node);
  return value && typeof value.value === 'number' && Number.isFinite(value.value) ? value.value : null;
}

/** The new value of `target` given by `expression`, relative to its current value. */
function valueEffect(ctx: Context, expression: TSESTree.Node, target: Cell): Effect {
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.UpdateExpression && sameCell(resolveTerm(ctx, node.argument), target)) {
    if (!node.prefix) return NO_CHANGE;
    return { kind: 'delta', amount: node.operator === '++' ? 1 : -1 };
  }
  if (node.type === AST_NODE_TYPES.AssignmentExpression && sameCell(resolveTerm(ctx, node.left), target)) {
    return writeEffect(ctx, node, target);
  }
  if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '+' || node.operator === '-')) {
    const rightNumber = staticNumber(ctx, node.right);
    if (rightNumber !== null && sameCell(resolveTerm(ctx, node.left), target)) {
      return { kind: 'delta', amount: node.operator === '+' ? rightNumber : -rightNumber };
    }
    const leftNumber = staticNumber(ctx, node.left);
    if (node.operator === '+' && leftNumber !== null && sameCell(resolveTerm(ctx, node.right), target)) {
      return { kind: 'delta', amount: leftNumber };
    }
    return UNKNOWN_EFFECT;
  }
  const term = resolveTerm(ctx, node);
  if (term?.kind === 'static') return { kind: 'set', value: term.value };
  if (sameCell(term, target)) return NO_CHANGE;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const alias = aliasOf(ctx, node);
    if (alias) return valueEffect(ctx, alias, target);
  }
  return UNKNOWN_EFFECT;
}

/** The effect on `target` of a write (`x++`, `x -= 1`, `x = x + 1`, `x = true`). */
function writeEffect(ctx: Context, node: TSESTree.UpdateExpression | TSESTree.AssignmentExpression, target: Cell): Effect {
  if (node.type === AST_NODE_TYPES.UpdateExpression) return { kind: 'delta', amount: node.operator === '++' ? 1 : -1 };
  switch (node.operator) {
    case '=':
      return valueEffect(ctx, node.right, target);
    case '+=':
    case '-=': {
      const amount = staticNumber(ctx, node.right);
      return amount === null ? UNKNOWN_EFFECT : { kind: 'delta', amount: node.operator === '+=' ? amount : -amount };
    }
    default:
      return UNKNOWN_EFFECT;
  }
}

function writeTarget(node: TSESTree.Node): TSESTree.Node | null {
  if (node.type === AST_NODE_TYPES.UpdateExpression) return node.argument;
  if (node.type === AST_NODE_TYPES.AssignmentExpression) return node.left;
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Writes: on the path, and anywhere else

interface WriteEvent {
  readonly key: string;
  readonly node: TSESTree.UpdateExpression | TSESTree.AssignmentExpression;
  readonly cell: Cell;
}

/** The writes to cells in an expression that always runs (not into functions or conditional parts). */
function collectWrites(ctx: Context, node: TSESTree.Node, into: WriteEvent[]): void {
  walk(ctx.sourceCode, node, (child) => {
    if (child !== node && isFunctionNode(child)) return false;
    if (child.type === AST_NODE_TYPES.ConditionalExpression) return false;
    if (child.type === AST_NODE_TYPES.LogicalExpression) {
      collectWrites(ctx, child.left, into);
      return false;
    }
    if (child.type === AST_NODE_TYPES.UpdateExpression || child.type === AST_NODE_TYPES.AssignmentExpression) {
      const target = writeTarget(child);
      const term = target ? resolveTerm(ctx, target) : null;
      if (term?.kind === 'cell') into.push({ key: cellKey(term), node: child, cell: term });
    }
    return undefined;
  });
}

/** The writes that run on every try along a path: its statements, its guards' tests, the loop update. */
function pathWrites(ctx: Context, statements: readonly TSESTree.Statement[], guards: readonly Guard[], loopUpdate: TSESTree.Node | null): WriteEvent[] {
  const events: WriteEvent[] = [];
  for (const statement of statements) {
    if (statement.type === AST_NODE_TYPES.ExpressionStatement) collectWrites(ctx, statement.expression, events);
  }
  const seenTests = new Set<TSESTree.Node>();
  for (const guard of guards) {
    if (guard.kind !== 'condition' || seenTests.has(guard.test)) continue;
    seenTests.add(guard.test);
    collectWrites(ctx, guard.test, events);
  }
  events.sort((a, b) => a.node.range[0] - b.node.range[0]);
  if (loopUpdate) collectWrites(ctx, loopUpdate, events);
  return events;
}

function addWrite(scan: WriteScan, key: string, node: TSESTree.Node): void {
  addToList(scan.writes, key, node);
}

/** Calls known not to change what they are handed: HTTP requests (`fetch(url, options)`) and logging. */
function leavesArgumentsAlone(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  if (httpCallAt(sourceCode, call)) return true;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = unwrap(callee.object);
  if (object.type !== AST_NODE_TYPES.Identifier || object.name !== 'console') return false;
  const variable = variableOf(sourceCode, object);
  return !variable || variable.defs.length === 0;
}

/** Every write to a cell inside the region, and every cell handed to a call (which may change it). */
function regionScan(ctx: Context): WriteScan {
  if (ctx.scan) return ctx.scan;
  const scan: WriteScan = { writes: new Map(), escapes: new Set() };
  walk(ctx.sourceCode, ctx.region, (child) => {
    const target = writeTarget(child);
    if (target) {
      const term = resolveTerm(ctx, target);
      if (term?.kind === 'cell') addWrite(scan, cellKey(term), child);
    }
    if (child.type === AST_NODE_TYPES.CallExpression && !ctx.isReentry(child) && !leavesArgumentsAlone(ctx.sourceCode, child)) {
      for (const argument of child.arguments) {
        const term = resolveTerm(ctx, argument);
        if (term?.kind === 'cell') scan.escapes.add(cellKey(term));
      }
      const callee = unwrap(child.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && !PURE_METHODS.has(memberName(callee) ?? '')) {
        const term = resolveTerm(ctx, callee.object);
        if (term?.kind === 'cell' && term.root.kind !== 'this') scan.escapes.add(cellKey(term));
      }
    }
    return undefined;
  });
  ctx.scan = scan;
  return scan;
}

/** Writes to `variable` (or a property path of it) anywhere in the file, and whether it is handed to a call. */
function variableWrites(variable: Variable, path: readonly string[]): { writes: TSESTree.Node[]; escaped: boolean } {
  const writes: TSESTree.Node[] = [];
  let escaped = false;
  for (const reference of variable.references) {
    if (reference.init) continue;
    let node: TSESTree.Node = reference.identifier as TSESTree.Node;
    let depth = 0;
    while (depth < path.length) {
      const parent: TSESTree.Node | undefined = node.parent;
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== node || memberName(parent) !== path[depth]) break;
      node = parent;
      depth += 1;
    }
    const parent = node.parent;
    if (depth === path.length) {
      if (parent && writeTarget(parent) === node) writes.push(parent);
      continue;
    }
    // A prefix of the path handed to a call, or a method called on it, may change the rest.
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(node as TSESTree.CallExpressionArgument)) escaped = true;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === node && !PURE_METHODS.has(memberName(parent) ?? '')) {
      const call = parent.parent;
      if (call.type === AST_NODE_TYPES.CallExpression && call.callee === parent) escaped = true;
    }
    if (parent && writeTarget(parent) === node) escaped = true;
  }
  return { writes, escaped };
}

const classWriteCache = new WeakMap<TSESTree.Node, Map<string, TSESTree.Node[]>>();

/** Writes to `this.<path>` in a class's methods, outside its constructor and field initialisers. */
function thisWrites(ctx: Context, owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression, path: readonly string[]): TSESTree.Node[] {
  let writes = classWriteCache.get(owner);
  if (!writes) {
    const found = new Map<string, TSESTree.Node[]>();
    for (const member of owner.body.body) {
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') continue;
      const value = member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.PropertyDefinition ? member.value : null;
      if (!value || (member.type === AST_NODE_TYPES.PropertyDefinition && !isFunctionNode(value))) continue;
      walk(ctx.sourceCode, value, (child) => {
        const target = writeTarget(child);
        if (!target) return undefined;
        const names: string[] = [];
        let current = unwrap(target);
        while (current.type === AST_NODE_TYPES.MemberExpression) {
          const name = memberName(current);
          if (name === null) return undefined;
          names.unshift(name);
          current = unwrap(current.object);
        }
        if (current.type !== AST_NODE_TYPES.ThisExpression) return undefined;
        const key = names.join('.');
        addToList(found, key, child);
        return undefined;
      });
    }
    writes = found;
    classWriteCache.set(owner, writes);
  }
  // Writing a prefix (`this.state = {…}`) replaces the whole path too.
  const result: TSESTree.Node[] = [];
  for (let length = 1; length <= path.length; length += 1) result.push(...(writes.get(path.slice(0, length).join('.')) ?? []));
  return result;
}

function enclosingClassOf(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return current;
  }
  return null;
}

/** Is a cell written (or handed to a call) anywhere outside the writes the path makes? */
function writtenElsewhere(ctx: Context, target: Cell, onPath: ReadonlySet<TSESTree.Node>): boolean {
  const key = cellKey(target);
  const scan = regionScan(ctx);
  if ((scan.writes.get(key) ?? []).some((node) => !onPath.has(node))) return true;
  const prefix = [rootKey(target.root)];
  if (target.root.kind !== 'this') {
    for (const name of target.path) {
      if (scan.escapes.has(prefix.join('.'))) return true;
      prefix.push(name);
    }
  }
  if (target.root.kind === 'var') {
    const { writes, escaped } = variableWrites(target.root.variable, target.path);
    if (escaped || writes.some((node) => !onPath.has(node))) return true;
  }
  if (target.root.kind === 'this') {
    const owner = enclosingClassOf(ctx.region);
    if (!owner) return true;
    if (thisWrites(ctx, owner, target.path).some((node) => !onPath.has(node))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// From one try to the next

function pathEffect(ctx: Context, events: readonly WriteEvent[], target: Cell): Effect {
  const key = cellKey(target);
  let effect: Effect = NO_CHANGE;
  for (const event of events) {
    if (event.key === key) effect = compose(effect, writeEffect(ctx, event.node, target));
  }
  return effect;
}

function setFrom(ctx: Context, node: TSESTree.Node | null | undefined): Effect {
  if (!node) return { kind: 'set', value: undefined };
  const value = staticValue(ctx.sourceCode, node);
  return value ? { kind: 'set', value: value.value } : UNKNOWN_EFFECT;
}

/** The default a destructuring pattern gives `name` when the value lacks it. */
function patternDefault(pattern: TSESTree.Node, name: string): TSESTree.Expression | null {
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return null;
  for (const property of pattern.properties) {
    if (property.type === AST_NODE_TYPES.Property && staticKeyName(property.key, property.computed) === name) {
      return property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.right : null;
    }
  }
  return null;
}

/** What the next try sees in an object-valued slot (`opts` passed on, `{ ...opts, retried: true }`). */
function objectTransfer(ctx: Context, argument: TSESTree.Node, objectCell: Cell, target: Cell, carried: Effect): Effect {
  const term = resolveTerm(ctx, argument);
  if (sameCell(term, objectCell)) return carried;
  const object = unwrap(argument);
  if (object.type !== AST_NODE_TYPES.ObjectExpression || target.path.length !== objectCell.path.length + 1) return UNKNOWN_EFFECT;
  const name = target.path.at(-1)!;
  const property = findProperty(object, name);
  if (property && property.value.type !== AST_NODE_TYPES.AssignmentPattern) {
    return compose(carried, valueEffect(ctx, property.value, target));
  }
  const spreadsSame = object.properties.some(
    (item) => item.type === AST_NODE_TYPES.SpreadElement && sameCell(resolveTerm(ctx, item.argument), objectCell),
  );
  if (spreadsSame && !object.properties.some((item) => item.type === AST_NODE_TYPES.Property && staticKeyName(item.key, item.computed) === name)) {
    return carried;
  }
  if (property) return UNKNOWN_EFFECT;
  return object.properties.some((item) => item.type === AST_NODE_TYPES.SpreadElement) ? UNKNOWN_EFFECT : { kind: 'set', value: undefined };
}

/** How the next call's parameter cell relates to this call's. */
function parameterTransfer(ctx: Context, target: Cell & { root: { kind: 'param' } }, carried: Effect): Effect {
  const call = ctx.reentry;
  const fn = ctx.fn;
  if (!call || !fn) return UNKNOWN_EFFECT;
  const { index } = target.root;
  if (call.arguments.slice(0, index + 1).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return UNKNOWN_EFFECT;
  const parameter = fn.params[index];
  if (!parameter) return UNKNOWN_EFFECT;
  const pattern = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
  const parameterDefault = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.right : null;
  const argument = call.arguments[index] as TSESTree.Expression | undefined;
  if (target.path.length === 0) {
    if (pattern.type !== AST_NODE_TYPES.Identifier) return UNKNOWN_EFFECT;
    if (!argument) return setFrom(ctx, parameterDefault);
    return compose(carried, valueEffect(ctx, argument, target));
  }
  if (target.path.length !== 1) {
    return argument && sameCell(resolveTerm(ctx, argument), cell(target.root)) ? carried : UNKNOWN_EFFECT;
  }
  const name = target.path[0]!;
  let effect: Effect;
  if (!argument) {
    if (!parameterDefault) effect = { kind: 'set', value: undefined };
    else {
      const object = unwrap(parameterDefault);
      effect = object.type === AST_NODE_TYPES.ObjectExpression ? setFrom(ctx, propertyValue(object, name)) : UNKNOWN_EFFECT;
    }
  } else {
    effect = objectTransfer(ctx, argument, cell(target.root), target, carried);
  }
  const fallback = patternDefault(pattern, name);
  if (effect.kind === 'set' && effect.value === undefined && fallback) return setFrom(ctx, fallback);
  return effect;
}

/** How the replayed request's `config.<path>` relates to this one's. */
function configTransfer(ctx: Context, target: Cell, carried: Effect): Effect {
  const argument = ctx.reentry?.arguments[0];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return UNKNOWN_EFFECT;
  if (target.path.length === 0) return UNKNOWN_EFFECT;
  return objectTransfer(ctx, argument, cell({ kind: 'config' }), target, carried);
}

function cellEffect(ctx: Context, events: readonly WriteEvent[], target: Cell): Effect {
  const carried = pathEffect(ctx, events, target);
  if (target.root.kind === 'param') return parameterTransfer(ctx, target as Cell & { root: { kind: 'param' } }, carried);
  if (target.root.kind === 'config') return configTransfer(ctx, target, carried);
  return carried;
}

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
function guardShape(ctx: Context, test: TSESTree.Expression, holds: boolean): { cell: Cell; predicate: Predicate } | null {
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
    return { cell: found.cell, predicate: { op: holds ? found.op : NEGATED[found.op], limit: found.limit } };
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
  if (!('limit' in predicate)) return predicate.op === 'truthy' ? Boolean(value) : !value;
  if (predicate.limit.kind !== 'static') return null;
  return compare(predicate.op, value as number, predicate.limit.value as number);
}

type GuardVerdict = 'bound' | 'not-bound' | 'unknown';

/**
 * Does moving a cell by `effect` on every try make `predicate` fail after finitely many tries, from any
 * non-negative whole-number start (counters) or any start (flags)?
 */
function boundsRetry(predicate: Predicate, effect: Effect): GuardVerdict {
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
function readsVerdict(ctx: Context, node: TSESTree.Node, events: readonly WriteEvent[] | null): GuardVerdict {
  let verdict: GuardVerdict = 'not-bound';
  const onPath = new Set<TSESTree.Node>(events?.map((event) => event.node) ?? []);
  const checkTerm = (term: Term): void => {
    if (term.kind === 'opaque') verdict = 'unknown';
    if (term.kind === 'cell') {
      const moved = events ? cellEffect(ctx, events, term) : NO_CHANGE;
      if (moved.kind !== 'delta' || moved.amount !== 0 || writtenElsewhere(ctx, term, onPath)) verdict = 'unknown';
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
function expandGuards(ctx: Context, guards: readonly Guard[], depth = 0): Guard[] {
  const expanded: Guard[] = [];
  for (const guard of guards) {
    const alias = guard.kind === 'condition' && depth < MAX_DEPTH ? aliasOf(ctx, guard.test) : null;
    if (guard.kind === 'condition' && alias) {
      const origin = { kind: guard.origin.kind, node: guard.origin.node };
      expanded.push(...expandGuards(ctx, conditionGuards(alias, guard.holds, origin), depth + 1).map((inner) => ({ ...inner, origin: guard.origin })));
    } else {
      expanded.push(guard);
    }
  }
  return expanded;
}

/** Bounded when some guard bounds the retry; unknown when some guard might; else unbounded. */
function judge(ctx: Context, guards: readonly Guard[], events: readonly WriteEvent[]): Verdict {
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
      if (verdict === 'not-bound' && writtenElsewhere(ctx, shape.cell, onPath)) verdict = 'unknown';
    } else {
      verdict = readsVerdict(ctx, guard.test, events);
    }
    if (verdict === 'bound') return 'bounded';
    if (verdict === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'unbounded';
}

/** A limit that is itself a cell must not move either. */
function stableLimit(ctx: Context, predicate: Predicate, events: readonly WriteEvent[], onPath: ReadonlySet<TSESTree.Node>): boolean {
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
  if (ctx.fn && definition.type === 'Parameter' && definition.node === ctx.fn) return false;
  if (inRange(ctx.freshRange, definition.name)) return true;
  // A loop re-reads a variable declared outside it when the loop assigns it: `res = await fetch(…)`.
  return ctx.kind === 'loop' && variable.references.some((reference) => reference.isWrite() && inRange(ctx.region.range, reference.identifier));
}

function expiredTrigger(ctx: Context, guards: readonly Guard[]): Guard | null {
  return guards.find((guard) => guardExpiredTest(ctx.sourceCode, guard) !== null && testsFreshValue(ctx, guard)) ?? null;
}

/** The calls made on a path before the node: in its statements, and those it is a callback of. */
function callsBefore(sourceCode: SourceCode, facts: PathFacts): TSESTree.CallExpression[] {
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

function triggerOf(ctx: Context, facts: PathFacts, guards: readonly Guard[], handler: TSESTree.Node | null = null): RetryTrigger | null {
  const guard = expiredTrigger(ctx, guards);
  if (guard) return { kind: 'expired', guard };
  const call = refreshTrigger(ctx, facts, handler);
  return call ? { kind: 'refresh', call } : null;
}


// ---------------------------------------------------------------------------------------------------
// Recursion

/** The calls inside `fn` that call `fn` itself. */
export function recursiveCalls(sourceCode: SourceCode, fn: FunctionNode): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  walk(sourceCode, fn.body, (child) => {
    if (child.type === AST_NODE_TYPES.CallExpression && calledFunction(sourceCode, child) === fn) calls.push(child);
    return undefined;
  });
  return calls;
}

/** The name a function goes by where it is written: its own name, its const, its method or property key. */
function writtenNames(fn: FunctionNode): string[] {
  const names: string[] = [];
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id) names.push(fn.id.name);
  let holder = fn.parent;
  while (holder && (holder.type === AST_NODE_TYPES.TSAsExpression || holder.type === AST_NODE_TYPES.TSSatisfiesExpression)) holder = holder.parent;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.id.type === AST_NODE_TYPES.Identifier) names.push(holder.id.name);
  if (holder?.type === AST_NODE_TYPES.MethodDefinition || holder?.type === AST_NODE_TYPES.PropertyDefinition || holder?.type === AST_NODE_TYPES.Property) {
    const key = staticKeyName(holder.key, holder.computed);
    if (key !== null) names.push(key);
  }
  return names;
}

const NO_NAMES: ReadonlySet<string> = new Set();
const namesAroundCache = new WeakMap<TSESTree.Node, ReadonlySet<string>>();

/** The names of `fn` and of every function around it, once per function (a call climbs only to its own function). */
function namesAround(fn: FunctionNode): ReadonlySet<string> {
  let names = namesAroundCache.get(fn);
  if (names) return names;
  const outer = enclosingFunction(fn);
  const own = writtenNames(fn);
  const inherited = outer ? namesAround(outer) : NO_NAMES;
  names = own.length === 0 ? inherited : new Set([...inherited, ...own]);
  namesAroundCache.set(fn, names);
  return names;
}

/** A cheap look before resolving names: is the callee's name the name of a function around the call? */
function mayCallItsOwnFunction(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
  if (name === null) return false;
  const fn = enclosingFunction(call);
  return fn !== null && namesAround(fn).has(name);
}

/** If `call` is a function calling itself after an expired session, the retry path it closes. */
export function recursiveRetry(sourceCode: SourceCode, call: TSESTree.CallExpression): RetryPath | null {
  if (!mayCallItsOwnFunction(call)) return null;
  const fn = calledFunction(sourceCode, call);
  if (!fn || fn.body === call || !contains(fn.body, call)) return null;
  const facts = pathFacts(sourceCode, call, fn);
  const ctx: Context = {
    sourceCode,
    kind: 'recursion',
    region: fn,
    freshRange: fn.range,
    fn,
    errorVariable: null,
    reentry: call,
    isReentry: (other) => calledFunction(sourceCode, other) === fn,
  };
  const trigger = triggerOf(ctx, facts, facts.guards);
  if (!trigger) return null;
  const events = pathWrites(ctx, facts.statements, facts.guards, null);
  return { kind: 'recursion', node: call, region: fn, trigger, verdict: judge(ctx, facts.guards, events), guards: facts.guards };
}

// ---------------------------------------------------------------------------------------------------
// Loops

const labeledContinueIndex = new WeakMap<SourceCode, Map<TSESTree.Node, TSESTree.ContinueStatement[]>>();

/** The file's `continue label` statements, by the loop they continue. One walk, for files with a labeled loop. */
function labeledContinues(sourceCode: SourceCode): Map<TSESTree.Node, TSESTree.ContinueStatement[]> {
  let index = labeledContinueIndex.get(sourceCode);
  if (!index) {
    const found = new Map<TSESTree.Node, TSESTree.ContinueStatement[]>();
    walk(sourceCode, sourceCode.ast, (child) => {
      if (child.type !== AST_NODE_TYPES.ContinueStatement || !child.label) return undefined;
      const target = continueTarget(child);
      if (!target) return undefined;
      addToList(found, target, child);
      return undefined;
    });
    index = found;
    labeledContinueIndex.set(sourceCode, index);
  }
  return index;
}

function isAnyLoop(node: TSESTree.Node): boolean {
  return isLoop(node) || node.type === AST_NODE_TYPES.ForInStatement || node.type === AST_NODE_TYPES.ForOfStatement;
}

function continueTarget(statement: TSESTree.ContinueStatement): TSESTree.Node | null {
  for (let current: TSESTree.Node | undefined = statement.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return null;
    if (statement.label) {
      if (current.type === AST_NODE_TYPES.LabeledStatement && current.label.name === statement.label.name) return current.body;
    } else if (isAnyLoop(current)) {
      return current;
    }
  }
  return null;
}

/** The retry paths of a loop: each `continue` after an expired session, and the fall-through to the next iteration. */
export function loopRetries(sourceCode: SourceCode, loop: Loop): RetryPath[] {
  const ctx: Context = {
    sourceCode,
    kind: 'loop',
    region: loop,
    freshRange: loop.body.range,
    fn: null,
    errorVariable: null,
    reentry: null,
    isReentry: () => false,
  };
  const loopGuards = loop.test ? conditionGuards(loop.test, true, { kind: 'loop', node: loop }) : [];
  const update = loop.type === AST_NODE_TYPES.ForStatement ? loop.update : null;
  const paths: RetryPath[] = [];
  const consider = (kind: 'continue' | 'loop', node: TSESTree.Node, facts: PathFacts): void => {
    const guards = [...facts.guards, ...loopGuards];
    const trigger = triggerOf(ctx, facts, guards);
    if (!trigger) return;
    const events = pathWrites(ctx, facts.statements, guards, update);
    paths.push({ kind, node, region: loop, trigger, verdict: judge(ctx, guards, events), guards });
  };
  // One walk of the body finds both the fall-through branches and the `continue`s. It stops at nested
  // loops (an unlabeled `continue` there continues that loop), so each statement is visited by its
  // innermost loop and the cost stays linear; `continue label` from a nested loop comes from the file's
  // index of labeled continues.
  const continues: TSESTree.ContinueStatement[] = [];
  const branches = fallThroughBranches(sourceCode, loop, (visit) =>
    walk(sourceCode, loop.body, (child) => {
      if (child.type === AST_NODE_TYPES.ContinueStatement && !child.label && continueTarget(child) === loop) continues.push(child);
      return visit(child);
    }),
  );
  if (loop.parent.type === AST_NODE_TYPES.LabeledStatement) continues.push(...(labeledContinues(sourceCode).get(loop) ?? []));
  for (const statement of continues) consider('continue', statement, pathFacts(sourceCode, statement, loop));
  for (const branch of branches) consider('loop', loop, branch.facts);
  // while (res.status === 401) { … }  /  do { … } while (res.status === 401): the body's end goes round again.
  if (loop.body.type === AST_NODE_TYPES.BlockStatement && loop.body.body.length > 0 && loopGuards.some((guard) => guardExpiredTest(sourceCode, guard))) {
    const last = loop.body.body.at(-1)!;
    if (!loop.body.body.some((statement) => alwaysExits(statement))) {
      consider('loop', loop, pathFacts(sourceCode, last, loop, { includeNode: true }));
    }
  }
  return paths;
}

// ---------------------------------------------------------------------------------------------------
// axios response interceptors

/** Is a call a replay through the client the interceptor is registered on (`api(config)`, `api.request(config)`)? */
/** axios shorthands that take a URL, not a config: `api.get(url)` is a new request, not a replay. */
const AXIOS_SHORTHANDS = new Set(['get', 'delete', 'head', 'options', 'post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);

function isReplayCall(sourceCode: SourceCode, call: TSESTree.CallExpression, client: HttpClient | null): boolean {
  const httpCall = httpCallAt(sourceCode, call);
  if (!httpCall || httpCall.library !== 'axios' || httpCall.client !== client) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return true;
  const name = memberName(callee);
  if (name === 'request' || name === 'default') return true;
  // A client read from a field: `this.api(config)`.
  return client !== null && name !== null && !AXIOS_SHORTHANDS.has(name);
}

/** Does a replay's argument carry the failed request's config (itself, an alias, a spread of it, or its fields)? */
function carriesConfig(ctx: Context, argument: TSESTree.Node): boolean {
  let found = false;
  walk(ctx.sourceCode, argument, (child) => {
    if (found || isFunctionNode(child)) return false;
    if (child.type === AST_NODE_TYPES.Identifier || child.type === AST_NODE_TYPES.MemberExpression) {
      const term = resolveTerm(ctx, child);
      if (term?.kind === 'cell' && term.root.kind === 'config') found = true;
      if (term) return false;
    }
    return undefined;
  });
  return found;
}

/** The replays in axios response interceptors' rejection handlers, for the global axios and each `axios.create` client. */
export function interceptorRetries(sourceCode: SourceCode): RetryPath[] {
  const model = httpModel(sourceCode);
  const registrations = [
    ...model.responseInterceptors.map((use) => ({ use, client: null })),
    ...model.clients.flatMap((client) => client.responseInterceptors.map((use) => ({ use, client }))),
  ];
  const paths: RetryPath[] = [];
  for (const { use, client } of registrations) {
    const handler = functionValue(sourceCode, use.arguments[1]);
    const errorParameter = handler?.params[0];
    if (!handler || !errorParameter) continue;
    const declared = sourceCode.getDeclaredVariables(handler);
    let errorVariable: Variable | null = null;
    let configVariable: Variable | null = null;
    if (errorParameter.type === AST_NODE_TYPES.Identifier) {
      errorVariable = declared.find((variable) => variable.name === errorParameter.name) ?? null;
    } else if (errorParameter.type === AST_NODE_TYPES.ObjectPattern) {
      // async ({ config, response }) => …
      const property = errorParameter.properties.find(
        (item): item is TSESTree.Property => item.type === AST_NODE_TYPES.Property && staticKeyName(item.key, item.computed) === 'config',
      );
      const name = property?.value.type === AST_NODE_TYPES.Identifier ? property.value.name : null;
      configVariable = declared.find((variable) => variable.name === name) ?? null;
    }
    if (!errorVariable && !configVariable) continue;
    const replays: TSESTree.CallExpression[] = [];
    walk(sourceCode, handler.body, (child) => {
      if (child.type === AST_NODE_TYPES.CallExpression && isReplayCall(sourceCode, child, client)) replays.push(child);
      return undefined;
    });
    for (const replay of replays) {
      const ctx: Context = {
        sourceCode,
        kind: 'replay',
        region: handler,
        freshRange: handler.range,
        fn: null,
        errorVariable,
        configVariable,
        reentry: replay,
        isReentry: (other) => replays.includes(other),
      };
      const [argument] = replay.arguments;
      if (!argument || argument.type === AST_NODE_TYPES.SpreadElement || !carriesConfig(ctx, argument)) continue;
      const facts = pathFacts(sourceCode, replay, handler);
      const trigger = triggerOf(ctx, facts, facts.guards, handler);
      if (!trigger) continue;
      const events = pathWrites(ctx, facts.statements, facts.guards, null);
      paths.push({ kind: 'replay', node: replay, region: handler, trigger, verdict: judge(ctx, facts.guards, events), guards: facts.guards });
    }
  }
  return paths;
}

// ---------------------------------------------------------------------------------------------------
// Retry libraries

const { ReferenceTracker } = ASTUtils;
const { CALL } = ReferenceTracker;

type LibraryKind = 'p-retry' | 'async-retry' | 'retry-operation';
type TraceMap = Record<string, unknown>;

function traced(kind: LibraryKind): TraceMap {
  return { [CALL]: kind } as unknown as TraceMap;
}

const LIBRARY_MAP: TraceMap = {
  'p-retry': { ...traced('p-retry'), default: traced('p-retry') },
  'async-retry': { ...traced('async-retry'), default: traced('async-retry') },
  retry: { operation: traced('retry-operation'), default: { operation: traced('retry-operation') } },
};

/** Calls that do not refresh anything: logging, waiting, rejecting, aborting. */
const NOT_A_REFRESH = /^(?:sleep|delay|wait|setTimeout|setImmediate|bail|reject|resolve|abort|log|info|warn|error|debug|trace)$/u;

function calleeName(call: TSESTree.CallExpression): string | null {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
}

function mayRefresh(call: TSESTree.CallExpression): boolean {
  const name = calleeName(call);
  if (name !== null && NOT_A_REFRESH.test(name)) return false;
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrap(callee.object);
    if (object.type === AST_NODE_TYPES.Identifier && /^(?:console|logger|log|Promise)$/u.test(object.name)) return false;
  }
  return true;
}

function handlerContext(sourceCode: SourceCode, handler: FunctionNode): Context {
  return { sourceCode, kind: 'handler', region: handler, freshRange: handler.range, fn: null, errorVariable: null, reentry: null, isReentry: () => false };
}

/** Are all guards on a path in a handler either expired checks or checks of fresh values (no attempt counters)? */
function onlyFreshGuards(ctx: Context, guards: readonly Guard[]): boolean {
  return expandGuards(ctx, guards).every(
    (guard) => guard.kind === 'case' || sessionExpiredTest(ctx.sourceCode, guard.test) !== null || readsVerdict(ctx, guard.test, []) === 'not-bound',
  );
}

/** A failure handler (`onFailedAttempt`, `onRetry`) that refreshes on an expired session and never throws. */
function refreshingFailureHandler(sourceCode: SourceCode, handler: FunctionNode): boolean {
  let throws = false;
  const calls: TSESTree.CallExpression[] = [];
  walk(sourceCode, handler.body, (child) => {
    if (child !== handler.body && isFunctionNode(child)) return false;
    if (child.type === AST_NODE_TYPES.ThrowStatement) throws = true;
    if (child.type === AST_NODE_TYPES.CallExpression) calls.push(child);
    return undefined;
  });
  if (throws) return false;
  const ctx = handlerContext(sourceCode, handler);
  return calls.some((call) => {
    if (!mayRefresh(call)) return false;
    const facts = pathFacts(sourceCode, call, handler);
    return expiredTrigger(ctx, facts.guards) !== null && onlyFreshGuards(ctx, facts.guards);
  });
}

function isAbort(argument: TSESTree.Node | null | undefined): boolean {
  const target = argument ? unwrap(argument) : null;
  if (target?.type !== AST_NODE_TYPES.NewExpression) return false;
  const callee = unwrap(target.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
  return name === 'AbortError';
}

/** A retried function that, on an expired session, refreshes and then throws (so the library tries again). */
function refreshingAttempt(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const ctx = handlerContext(sourceCode, fn);
  let found = false;
  walk(sourceCode, fn.body, (child) => {
    if (found) return false;
    if (child !== fn.body && isFunctionNode(child)) return false;
    if (child.type !== AST_NODE_TYPES.ThrowStatement || isAbort(child.argument)) return undefined;
    const facts = pathFacts(sourceCode, child, fn);
    if (expiredTrigger(ctx, facts.guards) && onlyFreshGuards(ctx, facts.guards) && callsBefore(sourceCode, facts).some(mayRefresh)) found = true;
    return undefined;
  });
  return found;
}

/** The option that makes a retry library retry forever (`forever: true`, `retries: Infinity`). */
function foreverOption(sourceCode: SourceCode, options: TSESTree.ObjectExpression | null): TSESTree.Property | null {
  if (!options) return null;
  if (findProperty(options, 'maxRetryTime') || findProperty(options, 'shouldRetry') || findProperty(options, 'retryIf')) return null;
  const forever = findProperty(options, 'forever');
  if (forever && forever.value.type !== AST_NODE_TYPES.AssignmentPattern && staticValue(sourceCode, forever.value)?.value === true) return forever;
  const retries = findProperty(options, 'retries');
  if (retries && retries.value.type !== AST_NODE_TYPES.AssignmentPattern && staticValue(sourceCode, retries.value)?.value === Infinity) return retries;
  return null;
}

function argumentAt(call: TSESTree.CallExpression, index: number): TSESTree.Expression | null {
  const value = call.arguments[index];
  return value && value.type !== AST_NODE_TYPES.SpreadElement ? value : null;
}

/** For `const op = retry.operation(…)`, the functions handed to `op.attempt(…)` that also call `op.retry(…)`. */
function operationAttempts(sourceCode: SourceCode, creation: TSESTree.CallExpression): FunctionNode[] {
  const declarator = creation.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = variableOf(sourceCode, declarator.id);
  const attempts: FunctionNode[] = [];
  for (const reference of variable?.references ?? []) {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || memberName(member) !== 'attempt') continue;
    const call = member.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) continue;
    const fn = functionValue(sourceCode, argumentAt(call, 0));
    if (!fn) continue;
    const retriesHere = variable!.references.some((other) => {
      const retry = other.identifier.parent;
      return retry !== undefined && retry.type === AST_NODE_TYPES.MemberExpression && memberName(retry) === 'retry' && inRange(fn.range, retry);
    });
    if (retriesHere) attempts.push(fn);
  }
  return attempts;
}

/** The one global the retry libraries are reached through when the config declares none. */
const REQUIRE: ReadonlySet<string> = new Set(['require']);

/** p-retry, async-retry and `retry.operation` set to retry forever while their handler refreshes on an expired session. */
export function libraryRetries(sourceCode: SourceCode): RetryPath[] {
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return [];
  const tracker = new ReferenceTracker(globalScopeFor(globalScope, REQUIRE), { mode: 'legacy' });
  const found = [...tracker.iterateCjsReferences<LibraryKind>(LIBRARY_MAP as never), ...tracker.iterateEsmReferences<LibraryKind>(LIBRARY_MAP as never)];
  const paths: RetryPath[] = [];
  const seen = new Set<TSESTree.Node>();
  for (const { node, info } of found) {
    if (node.type !== AST_NODE_TYPES.CallExpression || seen.has(node)) continue;
    seen.add(node);
    const optionsArgument = argumentAt(node, info === 'retry-operation' ? 0 : 1);
    const options = optionsArgument ? objectLiteralOf(sourceCode, optionsArgument) : null;
    const option = foreverOption(sourceCode, options);
    if (!option || !options) continue;
    let refreshes: boolean;
    if (info === 'retry-operation') {
      refreshes = operationAttempts(sourceCode, node).some((fn) => {
        const ctx = handlerContext(sourceCode, fn);
        let hit = false;
        walk(sourceCode, fn.body, (child) => {
          if (hit || (child !== fn.body && isFunctionNode(child))) return false;
          if (child.type === AST_NODE_TYPES.CallExpression && mayRefresh(child)) {
            const facts = pathFacts(sourceCode, child, fn);
            if (expiredTrigger(ctx, facts.guards) && onlyFreshGuards(ctx, facts.guards)) hit = true;
          }
          return undefined;
        });
        return hit;
      });
    } else {
      const handlerName = info === 'p-retry' ? 'onFailedAttempt' : 'onRetry';
      const handler = functionValue(sourceCode, propertyValue(options, handlerName));
      const attempt = functionValue(sourceCode, argumentAt(node, 0));
      refreshes = (handler !== null && refreshingFailureHandler(sourceCode, handler)) || (attempt !== null && refreshingAttempt(sourceCode, attempt));
    }
    if (!refreshes) continue;
    paths.push({ kind: 'library', node: option, region: node, trigger: { kind: 'refresh', call: node }, verdict: 'unbounded', guards: [] });
  }
  return paths;
}
