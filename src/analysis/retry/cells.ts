/**
 * The state a retry carries from one try to the next, and how a retry path changes it.
 *
 * The state that survives from one try to the next is a *cell*: a parameter of the recursive function
 * (and its properties), the replayed `error.config`'s properties, a variable declared outside the loop
 * or function, or a `this` field. A path's *effect* on a cell is what it does to the cell's value on
 * every try: a step (`attempt + 1` passed on, `retries--`), a set (`config._retry = true`), nothing
 * (passed unchanged), or unknown (also written elsewhere, handed to a function the file does not show).
 * bounds.ts judges guards against these effects.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../util/node-types';

import type { FunctionNode } from '../core/call-targets';
import type { Guard } from './expired-branches';

import { findProperty, memberName, propertyValue, staticKeyName, unwrap, variableOf, walk } from '../core/ast';
import { isFunctionNode } from '../core/call-targets';
import { httpCallAt } from '../http/http-calls';
import { addToList } from '../../util/collections';
import { readsVerdict } from './bounds';
import { nodesWithin, fileNodes } from '../core/file-nodes';
import { thisStateWrites } from './this-state';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

// ---------------------------------------------------------------------------------------------------
// Values: cells, terms and effects

type Root =
  | { readonly kind: 'param'; readonly index: number }
  | { readonly kind: 'var'; readonly variable: Variable }
  | { readonly kind: 'this' }
  | { readonly kind: 'config' };

export interface Cell {
  readonly kind: 'cell';
  readonly root: Root;
  readonly path: readonly string[];
}

export type Term =
  | Cell
  /** The interceptor handler's error: its `config` is the replayed request, the rest is fresh. */
  | { readonly kind: 'error' }
  | { readonly kind: 'static'; readonly value: unknown }
  /** A value made anew on each try (a response, an error, a local): it carries nothing over. */
  | { readonly kind: 'fresh' }
  | { readonly kind: 'opaque' };

/** How the path changes a cell, from its value at the start of one try to the start of the next. */
export type Effect =
  | { readonly kind: 'delta'; readonly amount: number }
  | { readonly kind: 'set'; readonly value: unknown }
  | { readonly kind: 'unknown' };

const FRESH: Term = { kind: 'fresh' };
const OPAQUE: Term = { kind: 'opaque' };
export const NO_CHANGE: Effect = { kind: 'delta', amount: 0 };
export const UNKNOWN_EFFECT: Effect = { kind: 'unknown' };
export const MAX_DEPTH = 8;

/** Methods that read their receiver and arguments and change nothing. */
export const PURE_METHODS = new Set([
  'includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'test', 'match', 'search', 'toLowerCase',
  'toUpperCase', 'trim', 'some', 'every', 'find', 'findIndex', 'has', 'get', 'toString', 'isArray', 'keys',
]);

export interface Context {
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
  /** replay: the field of the error that holds the request's config: `config` (axios), `options` (ofetch's hook context). */
  readonly configField?: string;
  /** replay: which argument of the replay carries the config on: 0 (`api(config)`), 1 (`api(request, options)`). */
  readonly configArgument?: number;
  /** recursion / replay: the call that starts the next try. */
  readonly reentry: TSESTree.CallExpression | null;
  /** Is a call one that starts a try (a recursive call, a replay)? Its arguments are not escapes. */
  readonly isReentry: (call: TSESTree.CallExpression) => boolean;
  /**
   * A retry that goes round through several functions (cycle-bounds.ts): is this parameter of `fn`
   * filled afresh on each try (from a response, by a library calling back), rather than carried over?
   */
  readonly freshParameter?: (variable: Variable) => boolean;
  /** A retry through several functions: how one round changes a cell a guard reads (in place of `cellEffect`). */
  readonly roundEffect?: (cell: Cell) => Effect;
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

export function staticValue(sourceCode: SourceCode, node: TSESTree.Node): { value: unknown } | null {
  return ASTUtils.getStaticValue(node, sourceCode.getScope(node)) as { value: unknown } | null;
}

export function inRange(range: TSESTree.Range, node: TSESTree.Node): boolean {
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
export function aliasOf(ctx: Context, node: TSESTree.Node): TSESTree.Expression | null {
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
export function resolveTerm(ctx: Context, node: TSESTree.Node, depth = 0): Term | null {
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
          return name === (ctx.configField ?? 'config') ? cell({ kind: 'config' }) : FRESH;
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

/**
 * Is a value made anew on each try: neither written out (a static value) nor read from state a try
 * carries over (a parameter, a variable from outside, `this`, the replayed config)?
 */
export function isFreshValue(ctx: Context, node: TSESTree.Node): boolean {
  const term = resolveTerm(ctx, node);
  if (term) return term.kind === 'fresh';
  if (staticValue(ctx.sourceCode, node)) return false;
  let state = false;
  walk(ctx.sourceCode, node, (child) => {
    if (state || isFunctionNode(child)) return false;
    if (child.type !== AST_NODE_TYPES.Identifier && child.type !== AST_NODE_TYPES.MemberExpression && child.type !== AST_NODE_TYPES.ThisExpression) return undefined;
    const inner = resolveTerm(ctx, child);
    if (inner?.kind === 'cell' || inner?.kind === 'error') state = true;
    return inner ? false : undefined;
  });
  return !state;
}

/** The term for a compound expression read as an object: fresh unless it reads state. */
export function readsTerm(ctx: Context, node: TSESTree.Node): Term {
  return readsVerdict(ctx, node, null) === 'not-bound' ? FRESH : OPAQUE;
}

/** The effect of `first` followed by `then`. */
export function composeEffects(first: Effect, then: Effect): Effect {
  return compose(first, then);
}

function compose(first: Effect, then: Effect): Effect {
  if (first.kind === 'unknown' || then.kind === 'unknown') return UNKNOWN_EFFECT;
  if (then.kind === 'set') return then;
  if (first.kind === 'delta') return { kind: 'delta', amount: first.amount + then.amount };
  if (then.amount === 0) return first;
  return typeof first.value === 'number' ? { kind: 'set', value: first.value + then.amount } : UNKNOWN_EFFECT;
}

export function sameCell(term: Term | null, target: Cell): boolean {
  return term?.kind === 'cell' && cellKey(term) === cellKey(target);
}

function staticNumber(ctx: Context, node: TSESTree.Node): number | null {
  const value = staticValue(ctx.sourceCode, node);
  return value && typeof value.value === 'number' && Number.isFinite(value.value) ? value.value : null;
}

const constantSymbols = new Map<string, symbol>();

/**
 * A property path of a module constant that nothing in the file writes or hands on (`config.api.BASE`
 * of `const config = require('./config')`): a value that stays the same, known only by its path. Two
 * reads of the same path are equal; reads of different paths may or may not be.
 */
export function stableConstant(ctx: Context, node: TSESTree.Node): { value: symbol } | null {
  const term = resolveTerm(ctx, node);
  if (term?.kind !== 'cell' || term.root.kind !== 'var' || term.path.length === 0) return null;
  const { variable } = term.root;
  const [definition] = variable.defs;
  if (variable.defs.length !== 1 || definition?.type !== 'Variable' || definition.parent.kind !== 'const') return null;
  const { writes, escaped } = variableWrites(variable, term.path);
  if (escaped || writes.length > 0) return null;
  const key = cellKey(term);
  let value = constantSymbols.get(key);
  if (!value) {
    value = Symbol(key);
    constantSymbols.set(key, value);
  }
  return { value };
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
  const constant = stableConstant(ctx, node);
  if (constant) return { kind: 'set', value: constant.value };
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

export function writeTarget(node: TSESTree.Node): TSESTree.Node | null {
  if (node.type === AST_NODE_TYPES.UpdateExpression) return node.argument;
  if (node.type === AST_NODE_TYPES.AssignmentExpression) return node.left;
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Writes: on the path, and anywhere else

export interface WriteEvent {
  readonly key: string;
  readonly node: TSESTree.UpdateExpression | TSESTree.AssignmentExpression;
  readonly cell: Cell;
}

/** The writes to cells in an expression that always runs (not into functions or conditional parts). */
export function collectWrites(ctx: Context, node: TSESTree.Node, into: WriteEvent[]): void {
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
export function pathWrites(ctx: Context, statements: readonly TSESTree.Statement[], guards: readonly Guard[], loopUpdate: TSESTree.Node | null): WriteEvent[] {
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
  const nodes = fileNodes(ctx.sourceCode);
  for (const write of nodesWithin(nodes.writes, ctx.region)) {
    const term = resolveTerm(ctx, writeTarget(write)!);
    if (term?.kind === 'cell') addWrite(scan, cellKey(term), write);
  }
  for (const call of nodesWithin(nodes.allCalls, ctx.region)) {
    if (ctx.isReentry(call) || leavesArgumentsAlone(ctx.sourceCode, call)) continue;
    for (const argument of call.arguments) {
      const term = resolveTerm(ctx, argument);
      if (term?.kind === 'cell') scan.escapes.add(cellKey(term));
    }
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && !PURE_METHODS.has(memberName(callee) ?? '')) {
      const term = resolveTerm(ctx, callee.object);
      if (term?.kind === 'cell' && term.root.kind !== 'this') scan.escapes.add(cellKey(term));
    }
  }
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

/** Is a cell written (or handed to a call) anywhere outside the writes the path makes? */
export function writtenElsewhere(ctx: Context, target: Cell, onPath: ReadonlySet<TSESTree.Node>): boolean {
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
    const writes = thisStateWrites(ctx.sourceCode, ctx.region, target.path);
    if (!writes || writes.some((node) => !onPath.has(node))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// From one try to the next

export function pathEffect(ctx: Context, events: readonly WriteEvent[], target: Cell): Effect {
  const key = cellKey(target);
  let effect: Effect = NO_CHANGE;
  for (const event of events) {
    if (event.key === key) effect = compose(effect, writeEffect(ctx, event.node, target));
  }
  return effect;
}

function setFrom(ctx: Context, node: TSESTree.Node | null | undefined): Effect {
  if (!node) return { kind: 'set', value: undefined };
  const value = staticValue(ctx.sourceCode, node) ?? stableConstant(ctx, node);
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
  if (!ctx.reentry || !ctx.fn) return UNKNOWN_EFFECT;
  return transferInto(ctx, ctx.reentry.arguments, ctx.fn, target.root.index, target, carried);
}

/**
 * How the value a call hands to parameter `index` of `callee` (at `from`'s property path) relates to
 * `from`'s value in the caller: `from` is a cell as the caller sees it, `carried` what the caller's path
 * did to it before the call. `arguments_` are the values that fill the parameters, in order.
 */
export function transferInto(
  ctx: Context,
  arguments_: readonly TSESTree.CallExpressionArgument[],
  callee: FunctionNode,
  index: number,
  from: Cell,
  carried: Effect,
): Effect {
  if (arguments_.slice(0, index + 1).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return UNKNOWN_EFFECT;
  const parameter = callee.params[index];
  if (!parameter) return UNKNOWN_EFFECT;
  const pattern = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
  const parameterDefault = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.right : null;
  const argument = arguments_[index] as TSESTree.Expression | undefined;
  if (from.path.length === 0) {
    if (pattern.type !== AST_NODE_TYPES.Identifier) return UNKNOWN_EFFECT;
    if (!argument) return setFrom(ctx, parameterDefault);
    return compose(carried, valueEffect(ctx, argument, from));
  }
  const objectCell = cell(from.root);
  if (from.path.length !== 1) {
    return argument && sameCell(resolveTerm(ctx, argument), objectCell) ? carried : UNKNOWN_EFFECT;
  }
  const name = from.path[0]!;
  let effect: Effect;
  if (!argument) {
    if (!parameterDefault) effect = { kind: 'set', value: undefined };
    else {
      const object = unwrap(parameterDefault);
      effect = object.type === AST_NODE_TYPES.ObjectExpression ? setFrom(ctx, propertyValue(object, name)) : UNKNOWN_EFFECT;
    }
  } else {
    effect = objectTransfer(ctx, argument, objectCell, from, carried);
  }
  const fallback = patternDefault(pattern, name);
  if (effect.kind === 'set' && effect.value === undefined && fallback) return setFrom(ctx, fallback);
  return effect;
}

/** How the replayed request's `config.<path>` relates to this one's. */
function configTransfer(ctx: Context, target: Cell, carried: Effect): Effect {
  const argument = ctx.reentry?.arguments[ctx.configArgument ?? 0];
  if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return UNKNOWN_EFFECT;
  if (target.path.length === 0) return UNKNOWN_EFFECT;
  return objectTransfer(ctx, argument, cell({ kind: 'config' }), target, carried);
}

/** A cell's key: equal keys, the same state. */
export function keyOf(target: Cell): string {
  return cellKey(target);
}

export function cellEffect(ctx: Context, events: readonly WriteEvent[], target: Cell): Effect {
  const carried = pathEffect(ctx, events, target);
  if (target.root.kind === 'param') return parameterTransfer(ctx, target as Cell & { root: { kind: 'param' } }, carried);
  if (target.root.kind === 'config') return configTransfer(ctx, target, carried);
  return carried;
}

