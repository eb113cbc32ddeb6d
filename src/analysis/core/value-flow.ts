/**
 * Where one value goes: a forward flow from the expressions that produce it (a jsforce connection, the
 * session read from it) to every expression that holds it and every place where it leaves what the file
 * shows.
 *
 * The value is followed through `await`, TypeScript wrappers, `?:` and `||` / `??`, variables (every read
 * of the binding, through scope), `this.<field>` (its reads in the class), `.then` / `.catch` /
 * `.finally`, arguments (into the parameter of a function the file declares, `calledFunction`), and
 * returns (into the call sites of the function in the file, and into the chained promise of a `.then`
 * callback). Optionally (`containers`) it is followed into the object and array literals it is copied
 * into: the literal then holds it too, under the path recorded with it.
 *
 * It ends where the file no longer shows where it goes: returned from a function whose callers are not
 * all in the file (`returned`), exported (`exported`), stored in a global, a property of another object
 * or a collection (`stored`), or passed to a function the file does not declare (`argument`). Each
 * expression is visited once per flow; the call sites of a function are found from its name's
 * references (and a method's from its `this` reads), never by a walk of the file.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { FunctionNode } from './call-targets';

import { TYPE_WRAPPERS, isExportDeclaration, isExported, memberName, staticKeyName, thisClass, unwrap, variableOf } from './ast';
import { thisMemberReads } from './bindings';
import { calledFunction, isFunctionNode } from './call-targets';

type SourceCode = Readonly<TSESLint.SourceCode>;

export type FlowEndKind = 'argument' | 'exported' | 'returned' | 'stored';

/** A place where the value leaves what the file shows. */
export interface FlowEnd {
  readonly kind: FlowEndKind;
  /** The expression that holds the value there (the argument, the returned expression, the stored value). */
  readonly node: TSESTree.Node;
  /** For `stored` and `argument`: the assignment or call that takes it. */
  readonly at: TSESTree.Node;
}

export interface ValueFlow {
  /** Expressions that evaluate to the value (or to a promise of it, or to a literal that holds it), in the order found. */
  readonly holders: readonly TSESTree.Node[];
  /** For a holder that is a literal the value was copied into: the property path to the value (`['session', 'token']`). */
  readonly paths: ReadonlyMap<TSESTree.Node, readonly string[]>;
  readonly ends: readonly FlowEnd[];
  /** Object patterns that destructure the value (or a literal holding it). */
  readonly patterns: readonly TSESTree.ObjectPattern[];
}

export interface FlowOptions {
  /** Follow the value into the object and array literals it is copied into. */
  readonly containers?: boolean;
}

/** How far a flow goes, in expressions visited: enough for any real file, a bound for generated ones. */
const MAX_STEPS = 2000;

/** The outermost expression that still is `node` once TypeScript wrappers are stripped. */
function climb(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && TYPE_WRAPPERS.has(current.parent.type)) current = current.parent;
  return current;
}

/** The function a `return` or an expression body hands its value out of. */
function returningFunction(node: TSESTree.Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return null;
}

/** For a `.then(callback)` fulfilment callback, the call: what the callback returns is the call's value. */
function thenCallOf(fn: FunctionNode): TSESTree.CallExpression | null {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'then' ? call : null;
}

const callSiteCache = new WeakMap<FunctionNode, readonly TSESTree.CallExpression[]>();

/** Is `node` (through TypeScript wrappers) the callee of a call? That call. */
function callOf(node: TSESTree.Node): TSESTree.CallExpression | null {
  const callee = climb(node);
  return callee.parent?.type === AST_NODE_TYPES.CallExpression && callee.parent.callee === callee ? callee.parent : null;
}

/**
 * The calls of a function the file declares that the file writes by its name: a function declaration or a
 * constant called by name, a class method called through `this`. Found from the name's references, never
 * by a walk of the file; cached per function.
 */
export function callSitesOf(sourceCode: SourceCode, fn: FunctionNode): readonly TSESTree.CallExpression[] {
  const cached = callSiteCache.get(fn);
  if (cached) return cached;
  const calls: TSESTree.CallExpression[] = [];
  const holder = fn.parent;
  let variable: TSESLint.Scope.Variable | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    variable = sourceCode.getDeclaredVariables(fn).find((candidate) => candidate.defs.some((definition) => definition.type === 'FunctionName')) ?? null;
  } else if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === fn && holder.id.type === AST_NODE_TYPES.Identifier) {
    variable = variableOf(sourceCode, holder.id);
  } else if (holder?.type === AST_NODE_TYPES.MethodDefinition && !holder.static) {
    const owner = holder.parent.parent;
    const name = staticKeyName(holder.key, holder.computed);
    if (name !== null && (owner.type === AST_NODE_TYPES.ClassDeclaration || owner.type === AST_NODE_TYPES.ClassExpression)) {
      for (const read of thisMemberReads(sourceCode, owner, name)) {
        const call = callOf(read);
        if (call) calls.push(call);
      }
    }
  }
  for (const reference of variable?.references ?? []) {
    const call = reference.isRead() ? callOf(reference.identifier as TSESTree.Node) : null;
    if (call && calledFunction(sourceCode, call) === fn) calls.push(call);
  }
  callSiteCache.set(fn, calls);
  return calls;
}

/**
 * Are all the callers of `fn` in the file? A function declaration or a constant, not exported, whose
 * every use is a direct call; or a private class method.
 */
function callersAllKnown(sourceCode: SourceCode, fn: FunctionNode): boolean {
  const holder = fn.parent;
  if (holder?.type === AST_NODE_TYPES.MethodDefinition) {
    return holder.accessibility === 'private' || holder.key.type === AST_NODE_TYPES.PrivateIdentifier;
  }
  let variable: TSESLint.Scope.Variable | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    if (isExportDeclaration(fn.parent)) return false;
    variable = sourceCode.getDeclaredVariables(fn).find((candidate) => candidate.defs.some((definition) => definition.type === 'FunctionName')) ?? null;
  } else if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === fn && holder.id.type === AST_NODE_TYPES.Identifier) {
    variable = variableOf(sourceCode, holder.id);
  }
  if (!variable || isExported(variable)) return false;
  return variable.references.every((reference) => {
    if (reference.init) return true;
    if (reference.isWrite()) return false;
    const identifier = climb(reference.identifier as TSESTree.Node);
    return identifier.parent?.type === AST_NODE_TYPES.CallExpression && identifier.parent.callee === identifier;
  });
}

/** Does `assignment` write a variable declared outside the function it runs in (module state, a closure's variable)? */
function isOuterWrite(sourceCode: SourceCode, name: TSESTree.Identifier, assignment: TSESTree.Node): boolean {
  const found = variableOf(sourceCode, name);
  if (!found || found.defs.length === 0) return false;
  return found.scope.variableScope !== sourceCode.getScope(assignment).variableScope;
}

/** The calls of `fn` when they are all in the file (it is not exported, and used only by calling it); else null. */
export function knownCallSites(sourceCode: SourceCode, fn: FunctionNode): readonly TSESTree.CallExpression[] | null {
  if (!callersAllKnown(sourceCode, fn)) return null;
  return callSitesOf(sourceCode, fn);
}

/** Follows a value through the file, from `starts` (expressions that evaluate to it). */
export function followValue(sourceCode: SourceCode, starts: readonly TSESTree.Node[], options: FlowOptions = {}): ValueFlow {
  const holders: TSESTree.Node[] = [];
  const paths = new Map<TSESTree.Node, readonly string[]>();
  const ends: FlowEnd[] = [];
  const patterns: TSESTree.ObjectPattern[] = [];
  const seen = new Set<TSESTree.Node>();
  const seenVariables = new Set<TSESLint.Scope.Variable>();
  const seenFields = new Set<string>();
  const queue: { node: TSESTree.Node; path: readonly string[] }[] = [];
  let steps = 0;

  const push = (node: TSESTree.Node, path: readonly string[]): void => {
    if (seen.has(node) || steps > MAX_STEPS) return;
    seen.add(node);
    steps += 1;
    queue.push({ node, path });
  };
  const end = (kind: FlowEndKind, node: TSESTree.Node, at: TSESTree.Node = node): void => {
    ends.push({ kind, node, at });
  };

  function variable(found: TSESLint.Scope.Variable, at: TSESTree.Node, path: readonly string[]): void {
    if (seenVariables.has(found)) return;
    seenVariables.add(found);
    if (isExported(found)) end('exported', at);
    for (const reference of found.references) {
      if (reference.isRead()) push(reference.identifier as TSESTree.Node, path);
    }
  }

  /** A binding (name, pattern, `this.field`, other member) receives the value. */
  function bind(target: TSESTree.Node, at: TSESTree.Node, path: readonly string[]): void {
    switch (target.type) {
      case AST_NODE_TYPES.Identifier: {
        const found = variableOf(sourceCode, target);
        if (!found || found.defs.length === 0) end('stored', at);
        else variable(found, at, path);
        return;
      }
      case AST_NODE_TYPES.AssignmentPattern:
        bind(target.left, at, path);
        return;
      case AST_NODE_TYPES.ObjectPattern:
        patterns.push(target);
        return;
      case AST_NODE_TYPES.MemberExpression: {
        const object = unwrap(target.object);
        const owner = object.type === AST_NODE_TYPES.ThisExpression ? thisClass(object) : null;
        const name = staticKeyName(target.property, target.computed);
        if (!owner || name === null) {
          end('stored', at, target);
          return;
        }
        const key = `${owner.range[0]}:${name}`;
        if (seenFields.has(key)) return;
        seenFields.add(key);
        for (const read of thisMemberReads(sourceCode, owner, name)) push(read, path);
        return;
      }
      default:
        return;
    }
  }

  /** The value is returned from `fn` (or is its expression body). */
  function returned(fn: FunctionNode | null, node: TSESTree.Node, path: readonly string[]): void {
    if (!fn) return;
    const then = thenCallOf(fn);
    if (then) {
      push(then, path);
      return;
    }
    for (const call of callSitesOf(sourceCode, fn)) push(call, path);
    if (!callersAllKnown(sourceCode, fn)) end('returned', node);
  }

  function argument(call: TSESTree.CallExpression | TSESTree.NewExpression, node: TSESTree.Node, path: readonly string[]): void {
    const fn = call.type === AST_NODE_TYPES.CallExpression ? calledFunction(sourceCode, call) : null;
    const index = call.arguments.indexOf(node as TSESTree.CallExpressionArgument);
    const parameter = fn?.params[index];
    if (!fn || !parameter || call.arguments.some((candidate) => candidate.type === AST_NODE_TYPES.SpreadElement)) {
      end('argument', node, call);
      return;
    }
    const target = parameter.type === AST_NODE_TYPES.TSParameterProperty ? parameter.parameter : parameter;
    bind(target, node, path);
  }

  function step(start: TSESTree.Node, path: readonly string[]): void {
    const node = climb(start);
    const parent = node.parent;
    if (!parent) return;
    switch (parent.type) {
      case AST_NODE_TYPES.AwaitExpression:
        push(parent, path);
        return;
      case AST_NODE_TYPES.MemberExpression: {
        if (parent.object !== node) return;
        const name = memberName(parent);
        const call = parent.parent;
        if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== parent) return;
        if (name === 'then') {
          const [callback] = call.arguments;
          const target = callback ? unwrap(callback) : null;
          if (target && isFunctionNode(target)) {
            const [parameter] = target.params;
            if (parameter) bind(parameter, callback!, path);
          } else if (!target) push(call, path);
        } else if (name === 'catch' || name === 'finally') push(call, path);
        return;
      }
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        if (parent.callee !== node) argument(parent, node, path);
        return;
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init === node) bind(parent.id, node, path);
        return;
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right !== node || (parent.operator !== '=' && parent.operator !== '||=' && parent.operator !== '??=')) return;
        if (parent.left.type === AST_NODE_TYPES.Identifier && isOuterWrite(sourceCode, parent.left, parent)) end('stored', node, parent);
        bind(parent.left, node, path);
        push(parent, path);
        return;
      case AST_NODE_TYPES.ReturnStatement:
        returned(returningFunction(parent), parent, path);
        return;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (parent.body === node) returned(parent, node, path);
        return;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test !== node) push(parent, path);
        return;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.operator !== '&&' || parent.right === node) push(parent, path);
        return;
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions.at(-1) === node) push(parent, path);
        return;
      case AST_NODE_TYPES.Property: {
        const literal = parent.parent;
        if (parent.value !== node || literal.type !== AST_NODE_TYPES.ObjectExpression) return;
        const key = staticKeyName(parent.key, parent.computed);
        if (options.containers && key !== null) {
          push(literal, [key, ...path]);
        } else end('stored', node, literal);
        return;
      }
      case AST_NODE_TYPES.ArrayExpression:
        if (options.containers) {
          const index = String(parent.elements.indexOf(node as TSESTree.Expression));
          push(parent, [index, ...path]);
        } else end('stored', node, parent);
        return;
      case AST_NODE_TYPES.PropertyDefinition: {
        // `conn = new Connection()` as a class field: its reads through `this`.
        const owner = parent.parent.parent;
        const name = staticKeyName(parent.key, parent.computed);
        if (parent.value !== node || parent.static || name === null) return;
        if (owner.type !== AST_NODE_TYPES.ClassDeclaration && owner.type !== AST_NODE_TYPES.ClassExpression) return;
        const key = `${owner.range[0]}:${name}`;
        if (seenFields.has(key)) return;
        seenFields.add(key);
        for (const read of thisMemberReads(sourceCode, owner, name)) push(read, path);
        return;
      }
      case AST_NODE_TYPES.ExportDefaultDeclaration:
        end('exported', node);
        return;
      default:
        return;
    }
  }

  for (const start of starts) push(start, []);
  while (queue.length > 0) {
    const { node, path } = queue.shift()!;
    holders.push(node);
    if (path.length > 0) paths.set(node, path);
    step(node, path);
  }
  return { holders, paths, ends, patterns };
}
