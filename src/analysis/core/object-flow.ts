/**
 * Where an object goes: forward tracking of one value (a token response, a SOAP login result) from the
 * expression that produces it to the fields read from it and the places it escapes whole.
 *
 * The value is followed through `await`, `.then(callback)` / `.catch` / `.finally`, variables (every
 * read of the binding, through scope), destructuring (nested too), conditionals and fallbacks, and
 * returns: from a `.then` callback to the chained promise, and from a local function (not exported,
 * only ever called directly) to each of its call sites; and arguments: the object passed to a function
 * the file declares is followed through that function's parameter. Steps that change what the value is (a
 * Response to its parsed body, `[result]` of a node-soap `*Async` call) are given by a `FlowSpec`.
 *
 * The object escapes whole when it is returned from a function whose callers are not all known,
 * stored (`this.x = tokens`, `{ session: tokens }`, an array), passed to a function, spread, read with a
 * computed key nothing tells, or used in any way not listed here: unknown uses count as escapes, so a
 * rule that needs "never escapes" stays silent when in doubt. Cost: each (node, kind) pair is visited
 * once.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import { TYPE_WRAPPERS, enclosingFunction, memberName, staticKeyName, unwrap, variableOf } from './ast';
import { calledFunction } from './call-targets';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A field of the tracked object that the code reads. */
export interface FieldRead {
  readonly field: string;
  /**
   * Where: the member expression (`tokens.access_token`), the destructuring property
   * (`{ access_token }`), or the `in` test (`'instance_url' in tokens`).
   */
  readonly node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.BinaryExpression;
  /** For a member read, the expression that holds the object (`tokens`). */
  readonly object: TSESTree.Node | null;
  /** For a destructured field, the object pattern it is written in. */
  readonly pattern: TSESTree.ObjectPattern | null;
}

export type EscapeKind = 'returned' | 'stored' | 'argument' | 'spread' | 'dynamic' | 'unknown';

/** A place where the whole object leaves what the analysis can follow. */
export interface Escape {
  readonly how: EscapeKind;
  readonly node: TSESTree.Node;
}

export interface ObjectFlow {
  /** Expressions that evaluate to the object (or to a promise of it), in the order found. */
  readonly holders: readonly TSESTree.Node[];
  readonly reads: readonly FieldRead[];
  readonly escapes: readonly Escape[];
  /** Object patterns that destructure the object itself. */
  readonly patterns: readonly TSESTree.ObjectPattern[];
}

/** What a step on an intermediate value (a Response, a wrapper) turns it into. */
export type FlowOutcome<Kind extends string> =
  /** A value of `kind`, held by `node` (by default, the member expression itself). */
  | { readonly kind: Kind; readonly node?: TSESTree.Node }
  /** A read of a field of the tracked object. */
  | { readonly field: string }
  | 'escape'
  | 'ignore';

export interface FlowSpec<Kind extends string> {
  /** The kind of the tracked object itself; member reads on it are field reads. */
  readonly object: Kind;
  /**
   * `value.name` on a value of another kind. `member` is the member expression, or null for a name
   * destructured from the value (`const { data } = response`).
   */
  member(kind: Kind, name: string, member: TSESTree.MemberExpression | null): FlowOutcome<Kind>;
  /** A value passed as `call`'s argument: `JSON.parse(text)`. Unlisted calls are escapes. */
  argument?(kind: Kind, call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): FlowOutcome<Kind>;
  /**
   * A method of a value of another kind that runs a callback with a value (`observable.subscribe((body) =>
   * …)`): the kind that the callback's first parameter receives, or null.
   */
  callback?(kind: Kind, name: string): Kind | null;
  /** Element `index` of an array value (`const [result] = await client.loginAsync(…)`). */
  element?(kind: Kind, index: number): Kind | null;
  /**
   * Does a value of this kind carry the object, so that it escaping is the object escaping? Default:
   * yes. A Response whose body was not read yet does not: returning it hands over no fields.
   */
  carries?(kind: Kind): boolean;
}

/** Where tracking starts: an expression holding a value, or a binding (a callback parameter) receiving it. */
export type FlowStart<Kind extends string> =
  | { readonly value: TSESTree.Node; readonly kind: Kind }
  | { readonly binding: TSESTree.Node; readonly kind: Kind };

function isFunction(node: TSESTree.Node | undefined): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression {
  return node?.type === AST_NODE_TYPES.ArrowFunctionExpression || node?.type === AST_NODE_TYPES.FunctionExpression;
}

/** The outermost expression that still is `node` once TypeScript wrappers and `?.` chains are stripped. */
function climb(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && TYPE_WRAPPERS.has(current.parent.type)) current = current.parent;
  return current;
}

/** For a promise method call `value.then(…)`, the call and the method name. */
function promiseCall(member: TSESTree.MemberExpression): { call: TSESTree.CallExpression; name: string } | null {
  const name = memberName(member);
  if (name !== 'then' && name !== 'catch' && name !== 'finally') return null;
  const parent = member.parent;
  return parent.type === AST_NODE_TYPES.CallExpression && parent.callee === member ? { call: parent, name } : null;
}

/** Is `fn` the fulfilment callback of a `.then(…)`? Then the call is what its return value flows to. */
function thenCallOf(fn: TSESTree.FunctionLike): TSESTree.CallExpression | null {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'then' ? call : null;
}

/**
 * The call sites of a function declared in the file and used only by calling it directly: a function
 * declaration or a `const f = () => …`, not exported. Null when any use is not a direct call.
 */
function localCallSites(sourceCode: SourceCode, fn: TSESTree.FunctionLike): TSESTree.CallExpression[] | null {
  let name: TSESTree.Identifier | null = null;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) name = fn.id;
  else if (fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === fn && fn.parent.id.type === AST_NODE_TYPES.Identifier) {
    name = fn.parent.id;
  }
  if (!name) return null;
  const declaration = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : fn.parent?.parent;
  const wrapper = declaration?.parent?.type;
  if (wrapper === AST_NODE_TYPES.ExportNamedDeclaration || wrapper === AST_NODE_TYPES.ExportDefaultDeclaration) return null;
  const variable = variableOf(sourceCode, name);
  if (!variable || variable.defs.length !== 1) return null;
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    if (reference.init) continue;
    if (reference.isWrite()) return null;
    const identifier = reference.identifier as TSESTree.Node;
    const parent = identifier.parent;
    if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== identifier) return null;
    calls.push(parent);
  }
  return calls.length > 0 ? calls : null;
}

/** A static string on the left of `in`. */
function inKey(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  return null;
}

/**
 * The parameter that receives argument `index` of a call to a function the file declares, when it is a
 * plain name or pattern and no spread comes before it.
 */
function parameterOf(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): TSESTree.Node | null {
  if (call.type !== AST_NODE_TYPES.CallExpression || index < 0) return null;
  if (call.arguments.slice(0, index + 1).some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) return null;
  const fn = calledFunction(sourceCode, call);
  const parameter = fn?.params[index];
  if (!parameter || parameter.type === AST_NODE_TYPES.RestElement || parameter.type === AST_NODE_TYPES.TSParameterProperty) return null;
  return parameter;
}

/** Follows one value through the file. */
export function trackObject<Kind extends string>(
  sourceCode: SourceCode,
  spec: FlowSpec<Kind>,
  starts: readonly FlowStart<Kind>[],
): ObjectFlow {
  const holders: TSESTree.Node[] = [];
  const reads: FieldRead[] = [];
  const escapes: Escape[] = [];
  const patterns: TSESTree.ObjectPattern[] = [];
  const seen = new Map<TSESTree.Node, Set<Kind>>();
  const queue: { node: TSESTree.Node; kind: Kind }[] = [];

  const push = (node: TSESTree.Node, kind: Kind): void => {
    let kinds = seen.get(node);
    if (!kinds) {
      kinds = new Set();
      seen.set(node, kinds);
    }
    if (kinds.has(kind)) return;
    kinds.add(kind);
    queue.push({ node, kind });
  };
  const escape = (how: EscapeKind, node: TSESTree.Node, kind: Kind): void => {
    if (kind === spec.object || (spec.carries?.(kind) ?? true)) escapes.push({ how, node });
  };

  function apply(outcome: FlowOutcome<Kind>, at: TSESTree.MemberExpression, kind: Kind): void {
    if (outcome === 'ignore') return;
    if (outcome === 'escape') escape('unknown', at, kind);
    else if ('field' in outcome) reads.push({ field: outcome.field, node: at, object: at.object, pattern: null });
    else push(outcome.node ?? at, outcome.kind);
  }

  /** A binding (identifier or pattern) receives a value of `kind`. */
  function bind(target: TSESTree.Node, kind: Kind): void {
    switch (target.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = variableOf(sourceCode, target);
        if (!variable || variable.defs.length === 0) {
          // An undeclared global: the value is stored where the file does not show.
          escape('stored', target, kind);
          return;
        }
        for (const reference of variable.references) {
          if (reference.isRead()) push(reference.identifier as TSESTree.Node, kind);
        }
        return;
      }
      case AST_NODE_TYPES.AssignmentPattern:
        bind(target.left, kind);
        return;
      case AST_NODE_TYPES.ObjectPattern:
        destructure(target, kind);
        return;
      case AST_NODE_TYPES.ArrayPattern:
        target.elements.forEach((element, index) => {
          if (!element) return;
          const next = element.type === AST_NODE_TYPES.RestElement ? null : (spec.element?.(kind, index) ?? null);
          if (next !== null) bind(element, next);
          else escape('unknown', element, kind);
        });
        return;
      case AST_NODE_TYPES.MemberExpression:
        escape('stored', target, kind);
        return;
      default:
        escape('unknown', target, kind);
    }
  }

  function destructure(pattern: TSESTree.ObjectPattern, kind: Kind): void {
    if (kind === spec.object) patterns.push(pattern);
    for (const property of pattern.properties) {
      if (property.type === AST_NODE_TYPES.RestElement) {
        // `...rest` keeps every field not named: the object goes on whole.
        if (kind === spec.object) escape('spread', property, kind);
        continue;
      }
      const key = staticKeyName(property.key, property.computed);
      if (key === null) {
        escape('dynamic', property, kind);
        continue;
      }
      if (kind === spec.object) {
        reads.push({ field: key, node: property, object: null, pattern });
        continue;
      }
      const outcome = spec.member(kind, key, null);
      if (outcome === 'ignore') continue;
      if (outcome === 'escape') escape('unknown', property, kind);
      else if ('field' in outcome) reads.push({ field: outcome.field, node: property, object: null, pattern });
      else bind(property.value, outcome.kind);
    }
  }

  /** The value is returned from `fn` (or is its expression body). */
  function returned(fn: TSESTree.FunctionLike | null, kind: Kind, at: TSESTree.Node): void {
    if (!fn) {
      escape('returned', at, kind);
      return;
    }
    const then = thenCallOf(fn);
    if (then) {
      push(then, kind);
      return;
    }
    const calls = localCallSites(sourceCode, fn);
    if (!calls) {
      escape('returned', at, kind);
      return;
    }
    for (const call of calls) push(call, kind);
  }

  function member(node: TSESTree.MemberExpression, kind: Kind): void {
    const promise = promiseCall(node);
    if (promise) {
      if (promise.name !== 'then') {
        push(promise.call, kind);
        return;
      }
      const [callback] = promise.call.arguments;
      if (isFunction(callback)) {
        const [parameter] = callback.params;
        if (parameter) bind(parameter, kind);
      } else if (callback) {
        escape('argument', callback, kind);
      } else {
        push(promise.call, kind);
      }
      return;
    }
    const name = memberName(node);
    if (kind === spec.object) {
      const parent = climb(node).parent;
      const isWrite = parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === climb(node);
      if (isWrite) return;
      if (name === null) escape('dynamic', node, kind);
      else reads.push({ field: name, node, object: node.object, pattern: null });
      return;
    }
    if (name === null) return;
    const received = spec.callback?.(kind, name) ?? null;
    const call = node.parent;
    if (received !== null && call.type === AST_NODE_TYPES.CallExpression && call.callee === node) {
      const [callback] = call.arguments;
      if (isFunction(callback) && callback.params[0]) bind(callback.params[0], received);
      return;
    }
    apply(spec.member(kind, name, node), node, kind);
  }

  function step(start: TSESTree.Node, kind: Kind): void {
    const node = climb(start);
    const parent = node.parent;
    if (!parent) return;
    switch (parent.type) {
      case AST_NODE_TYPES.AwaitExpression:
        push(parent, kind);
        return;
      case AST_NODE_TYPES.MemberExpression:
        if (parent.object === node) member(parent, kind);
        else if (kind === spec.object) escape('unknown', parent, kind);
        return;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression: {
        if (parent.callee === node) return;
        const index = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
        const parameter = kind === spec.object ? parameterOf(sourceCode, parent, index) : null;
        if (parameter) {
          // Into a function the file declares: its reads of the parameter are reads of the object.
          bind(parameter, kind);
          return;
        }
        const outcome = spec.argument?.(kind, parent, index) ?? 'escape';
        if (outcome === 'escape') escape('argument', node, kind);
        else if (outcome !== 'ignore' && 'kind' in outcome) push(outcome.node ?? parent, outcome.kind);
        return;
      }
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init === node) bind(parent.id, kind);
        return;
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right !== node) return;
        if (parent.operator === '=' || parent.operator === '||=' || parent.operator === '??=') {
          bind(parent.left, kind);
          push(parent, kind);
        } else if (kind === spec.object) {
          escape('unknown', parent, kind);
        }
        return;
      case AST_NODE_TYPES.ReturnStatement:
        returned(enclosingFunction(parent), kind, parent);
        return;
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (parent.body === node) returned(parent, kind, node);
        return;
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test !== node) push(parent, kind);
        return;
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.operator !== '&&' || parent.right === node) push(parent, kind);
        return;
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions.at(-1) === node) push(parent, kind);
        return;
      case AST_NODE_TYPES.BinaryExpression: {
        if (parent.operator !== 'in' || parent.right !== node || kind !== spec.object) return;
        const key = inKey(parent.left);
        if (key === null) escape('dynamic', parent, kind);
        else reads.push({ field: key, node: parent, object: node, pattern: null });
        return;
      }
      case AST_NODE_TYPES.Property:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.PropertyDefinition:
        escape('stored', node, kind);
        return;
      case AST_NODE_TYPES.SpreadElement:
        escape('spread', node, kind);
        return;
      case AST_NODE_TYPES.ExpressionStatement:
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.SwitchStatement:
      case AST_NODE_TYPES.SwitchCase:
      case AST_NODE_TYPES.TemplateLiteral:
        return;
      default:
        escape('unknown', node, kind);
    }
  }

  for (const start of starts) {
    if ('value' in start) push(start.value, start.kind);
    else bind(start.binding, start.kind);
  }
  while (queue.length > 0) {
    const { node, kind } = queue.shift()!;
    if (kind === spec.object) holders.push(node);
    step(node, kind);
  }
  return { holders, reads, escapes, patterns };
}
