/**
 * Does the session from a SOAP login outlive the call that made it?
 *
 * The session is followed from the login through the function that logged in (its *region*, see
 * `functions.ts`): the login's result (`await res.text()`, `result.sessionId`, `parse(xml)`, destructured
 * names, `.then` callbacks), and the object it lives on (a jsforce connection after `loginBySoap`, a
 * node-soap client after `addSoapHeader` / `setEndpoint` / `setSecurity`). It outlives the call when it
 * is:
 * - `module-state`: kept in a variable of the module or an outer scope (or a global) that code outside
 *   the login's function reads, or in a collection there (`sessions.set(…)`);
 * - `this`: stored on `this` and read by other methods;
 * - `outer-object`: stored in an object the caller passed in (`req.session.sf = …`);
 * - `returned`: returned to callers (or passed to the caller's callback);
 * - `deferred`: captured by a callback that runs later (`setInterval`, `setTimeout`, event handlers,
 *   routes, schedulers);
 * - `exported`: exported, or captured by an exported function.
 *
 * Reads in functions that run only while a fresh login of the same group is in progress do not count:
 * functions that log in every time they run (a login, or a call to a function that logs in, on no
 * condition), and local functions that only those call. Each variable, field and expression is visited
 * once per login.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { FunctionNode } from './call-targets';
import type { Region } from './functions';
import type { SoapLogin } from './soap-logins';

import { contains, enclosingFunction, memberName, thisClass, unwrap, variableOf } from './ast';
import { thisMemberReads } from './bindings';
import { functionOfVariable, isFunctionNode } from './call-targets';
import { callGraph, closureWithin, regionOf } from './functions';
import { httpCallAt, httpModel } from './http-calls';
import { sameLogins } from './soap-logins';

type SourceCode = Readonly<TSESLint.SourceCode>;

export type LifetimeKind = 'deferred' | 'exported' | 'module-state' | 'outer-object' | 'returned' | 'this';

export interface SessionLifetime {
  readonly kind: LifetimeKind;
  /** Where the session escapes: the store, the return, the callback registration, the outside read. */
  readonly node: TSESTree.Node;
  /** The name it is kept under, when it has a short one (`session`, `this.client`, `state.sessionId`). */
  readonly name: string | null;
  /** Did it get there attached to a client (`addSoapHeader`, `setEndpoint`, `setSecurity`)? */
  readonly viaClient: boolean;
}

/**
 * `value`: the session itself or text/data that contains it; anything derived from it carries it.
 * `object`: something that holds the session (a connection, a client, a closure); calling its methods
 * uses the session without handing it on.
 */
type Flavour = 'object' | 'value';

/** Fields of a connection that hold the session itself. */
const SESSION_FIELDS = new Set(['accessToken', 'sessionId']);
/** Calls that attach a session to the client they are called on. */
const ATTACH_METHODS = new Set(['addSoapHeader', 'setEndpoint', 'setSecurity', 'addHttpHeader']);
/** Calls that put a value into the collection they are called on. */
const STORE_METHODS = new Set(['set', 'setItem', 'push', 'unshift', 'add', 'put']);
/** Member calls through which text derives new text that still holds the session (`JSON.parse`, `re.exec`). */
const DERIVING_METHODS = /^(?:parse|exec|from|decode|extract|load)/u;
const TIMERS = new Set(['setInterval', 'setTimeout', 'setImmediate']);
const EVENT_METHODS = new Set(['on', 'once', 'addListener', 'addEventListener', 'prependListener', 'prependOnceListener', 'subscribe', 'schedule', 'scheduleJob']);
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'head', 'options']);
const SCHEDULER_CLASSES = new Set(['CronJob']);
const PROMISE_HANDLERS = new Set(['then']);
const WRAPPERS = new Set<string>([
  AST_NODE_TYPES.AwaitExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.ChainExpression,
]);
const MAX_COVER_DEPTH = 4;
const MAX_NAME = 40;

function isStringLike(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.TemplateLiteral || (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string');
}

/** Does this call or `new` register its argument to run later (timers, events, routes, schedulers)? */
function isDeferredRegistration(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression, argument: TSESTree.Node): boolean {
  const callee = unwrap(call.callee);
  if (call.type === AST_NODE_TYPES.NewExpression) {
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
    return SCHEDULER_CLASSES.has(name ?? '');
  }
  if (callee.type === AST_NODE_TYPES.Identifier) {
    if (!TIMERS.has(callee.name)) return false;
    const variable = variableOf(sourceCode, callee);
    return !variable || variable.defs.length === 0 || variable.defs.every((definition) => definition.type === 'ImportBinding');
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(callee) ?? '';
  if (TIMERS.has(name) || EVENT_METHODS.has(name)) return true;
  return ROUTE_METHODS.has(name) && call.arguments[0] !== argument && isStringLike(call.arguments[0]);
}

function isExportDeclaration(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.ExportNamedDeclaration || node?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
}

function isExported(variable: TSESLint.Scope.Variable): boolean {
  return variable.defs.some((definition) => {
    if (definition.type === 'Variable') return isExportDeclaration(definition.parent?.parent);
    if (definition.type === 'FunctionName' || definition.type === 'ClassName') return isExportDeclaration(definition.node.parent);
    return false;
  });
}

/** The object at the root of a member chain (`a` in `a.b.c`), and the member read directly on it. */
function memberRoot(member: TSESTree.MemberExpression): { root: TSESTree.Node; first: TSESTree.MemberExpression } {
  let first = member;
  let root = unwrap(member.object);
  while (root.type === AST_NODE_TYPES.MemberExpression) {
    first = root;
    root = unwrap(root.object);
  }
  return { root, first };
}

/** For a callback of `promise.then(callback)`, that call: what the callback returns is the call's value. */
function thenCallOf(fn: FunctionNode): TSESTree.CallExpression | null {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn) return null;
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && PROMISE_HANDLERS.has(memberName(callee) ?? '') ? call : null;
}

/** Statements and expressions through which a call still runs whenever the code around it runs. */
const UNCONDITIONAL = new Set<string>([
  ...WRAPPERS,
  AST_NODE_TYPES.ExpressionStatement,
  AST_NODE_TYPES.VariableDeclarator,
  AST_NODE_TYPES.VariableDeclaration,
  AST_NODE_TYPES.AssignmentExpression,
  AST_NODE_TYPES.ReturnStatement,
  AST_NODE_TYPES.BlockStatement,
  AST_NODE_TYPES.TryStatement,
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.SequenceExpression,
]);

/** Callbacks that run only sometimes: on failure, or once per element. */
const CONDITIONAL_CALLBACKS = new Set(['catch', 'forEach', 'map', 'flatMap', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex']);

/** Is this function (between a node and its region, so a callback run by that region) run every time? */
function alwaysRuns(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression) return true;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return true;
  const name = memberName(callee) ?? '';
  // `.then(onFulfilled, onRejected)`: the second runs only on failure.
  return !CONDITIONAL_CALLBACKS.has(name) && !(name === 'then' && call.arguments[0] !== fn);
}

/** Does `node` run every time `region` runs (no `if`, loop, `?:`, `&&`, `catch` in between)? */
function runsUnconditionally(node: TSESTree.Node, region: Region): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current === region) return true;
    if (isFunctionNode(current)) {
      if (!alwaysRuns(current)) return false;
      continue;
    }
    if (!UNCONDITIONAL.has(current.type)) return false;
  }
  return false;
}

const freshCache = new WeakMap<SourceCode, Map<TSESTree.Node, ReadonlySet<Region>>>();

/**
 * The regions that log in afresh each time they run: those where a login of the group runs
 * unconditionally, and those that unconditionally call a local function that does. Once per group.
 */
function freshRegions(sourceCode: SourceCode, login: SoapLogin): ReadonlySet<Region> {
  let byGroup = freshCache.get(sourceCode);
  if (!byGroup) {
    byGroup = new Map();
    freshCache.set(sourceCode, byGroup);
  }
  const cached = byGroup.get(login.group);
  if (cached) return cached;
  const fresh = new Set<Region>();
  byGroup.set(login.group, fresh);
  const queue: Region[] = [];
  const add = (region: Region): void => {
    if (fresh.has(region)) return;
    fresh.add(region);
    queue.push(region);
  };
  for (const other of sameLogins(sourceCode, login)) {
    const region = regionOf(sourceCode, other.node);
    if (runsUnconditionally(other.node, region)) add(region);
  }
  const { callers } = callGraph(sourceCode);
  while (queue.length > 0) {
    const region = queue.pop();
    if (!region || region.type === AST_NODE_TYPES.Program) continue;
    for (const call of callers.get(region) ?? []) {
      const caller = regionOf(sourceCode, call);
      if (runsUnconditionally(call, caller)) add(caller);
    }
  }
  return fresh;
}

class Tracker {
  private readonly sourceCode: SourceCode;
  private readonly owner: Region;
  /** Regions that log in afresh (same group) each time they run, before anything else can happen. */
  private readonly fresh: ReadonlySet<Region>;
  private readonly seenNodes = new Set<TSESTree.Node>();
  private readonly seenVariables = new Set<TSESLint.Scope.Variable>();
  private readonly seenFields = new Set<string>();
  private readonly covered = new Map<Region, boolean>();
  private readonly classIds = new Map<TSESTree.Node, number>();
  result: SessionLifetime | null = null;

  constructor(sourceCode: SourceCode, login: SoapLogin) {
    this.sourceCode = sourceCode;
    this.owner = regionOf(sourceCode, login.node);
    this.fresh = freshRegions(sourceCode, login);
  }

  private outlive(kind: LifetimeKind, node: TSESTree.Node, name: string | null, viaClient: boolean): void {
    this.result ??= { kind, node, name, viaClient };
  }

  private nameOf(node: TSESTree.Node): string | null {
    const text = this.sourceCode.getText(node);
    return text.length <= MAX_NAME && !/\s/u.test(text) ? text : null;
  }

  /** Follows a value upwards from `start` (which holds the session) to where it lands. */
  expression(start: TSESTree.Node, startFlavour: Flavour, viaClient: boolean): void {
    if (this.result || this.seenNodes.has(start)) return;
    this.seenNodes.add(start);
    let current: TSESTree.Node = start;
    let flavour = startFlavour;
    for (;;) {
      const parent: TSESTree.Node | undefined = current.parent;
      if (!parent || this.result) return;
      if (WRAPPERS.has(parent.type)) {
        current = parent;
        continue;
      }
      switch (parent.type) {
        case AST_NODE_TYPES.MemberExpression: {
          if (parent.object !== current) return;
          const name = memberName(parent);
          if (flavour === 'object') {
            if (!SESSION_FIELDS.has(name ?? '')) return;
            flavour = 'value';
            current = parent;
            continue;
          }
          const call = parent.parent;
          if (call.type === AST_NODE_TYPES.CallExpression && call.callee === parent) {
            if (httpCallAt(this.sourceCode, call)) return;
            if (PROMISE_HANDLERS.has(name ?? '')) this.callbackParameters(call.arguments[0], 0, 'value', viaClient);
            current = call;
            continue;
          }
          current = parent;
          continue;
        }
        case AST_NODE_TYPES.CallExpression: {
          if (parent.callee === current) return;
          if (!this.argument(parent, current, flavour, viaClient)) return;
          if (this.isClientFactory(parent)) flavour = 'object';
          current = parent;
          continue;
        }
        case AST_NODE_TYPES.NewExpression:
          if (parent.callee === current) return;
          if (isDeferredRegistration(this.sourceCode, parent, current)) {
            this.outlive('deferred', parent, null, viaClient);
            return;
          }
          flavour = 'object';
          current = parent;
          continue;
        case AST_NODE_TYPES.TemplateLiteral:
        case AST_NODE_TYPES.BinaryExpression:
        case AST_NODE_TYPES.TaggedTemplateExpression:
          if (flavour === 'object') return;
          current = parent;
          continue;
        case AST_NODE_TYPES.ConditionalExpression:
          if (parent.test === current) return;
          current = parent;
          continue;
        case AST_NODE_TYPES.SequenceExpression:
          if (parent.expressions.at(-1) !== current) return;
          current = parent;
          continue;
        case AST_NODE_TYPES.LogicalExpression:
        case AST_NODE_TYPES.ArrayExpression:
        case AST_NODE_TYPES.SpreadElement:
          current = parent;
          continue;
        case AST_NODE_TYPES.Property:
          if (parent.value !== current || parent.parent.type !== AST_NODE_TYPES.ObjectExpression) return;
          current = parent.parent;
          continue;
        case AST_NODE_TYPES.VariableDeclarator:
          if (parent.init === current) this.declare(parent, flavour, viaClient);
          return;
        case AST_NODE_TYPES.AssignmentExpression:
          if (parent.right === current && parent.operator !== '+=' && parent.operator !== '-=') this.store(parent.left, flavour, viaClient);
          return;
        case AST_NODE_TYPES.ReturnStatement:
        case AST_NODE_TYPES.ArrowFunctionExpression: {
          if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body !== current) return;
          const fn = parent.type === AST_NODE_TYPES.ArrowFunctionExpression ? parent : enclosingFunction(parent);
          if (fn && fn === this.owner) {
            this.outlive('returned', parent, null, viaClient);
            return;
          }
          // A `.then` callback hands what it returns down the chain.
          const chain = fn && isFunctionNode(fn) ? thenCallOf(fn) : null;
          if (!chain) return;
          current = chain;
          continue;
        }
        case AST_NODE_TYPES.ExportDefaultDeclaration:
        case AST_NODE_TYPES.ExportSpecifier:
          this.outlive('exported', parent, null, viaClient);
          return;
        default:
          return;
      }
    }
  }

  /** The session is an argument of `call`: does the call hand it on (true: keep following its result)? */
  private argument(call: TSESTree.CallExpression, argument: TSESTree.Node, flavour: Flavour, viaClient: boolean): boolean {
    if (isDeferredRegistration(this.sourceCode, call, argument)) {
      this.outlive('deferred', call, null, viaClient);
      return false;
    }
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(callee) ?? '';
      if (ATTACH_METHODS.has(name)) {
        this.store(callee.object, 'object', true);
        return false;
      }
      if (STORE_METHODS.has(name)) {
        this.store(callee.object, 'object', viaClient);
        return false;
      }
      const object = unwrap(callee.object);
      if (name === 'assign' && object.type === AST_NODE_TYPES.Identifier && object.name === 'Object' && call.arguments[0] && call.arguments[0] !== argument) {
        this.store(call.arguments[0], flavour, viaClient);
        return false;
      }
      if (this.isClientFactory(call)) return true;
      return flavour === 'value' && DERIVING_METHODS.test(name) && !httpCallAt(this.sourceCode, call);
    }
    if (callee.type !== AST_NODE_TYPES.Identifier) return false;
    // `callback(null, session)`: handed to the caller's callback.
    const variable = variableOf(this.sourceCode, callee);
    const [definition] = variable?.defs ?? [];
    if (definition?.type === 'Parameter' && this.owner.type !== AST_NODE_TYPES.Program && this.owner.params.some((parameter) => parameter === definition.name)) {
      this.outlive('returned', call, null, viaClient);
      return false;
    }
    return flavour === 'value' && !httpCallAt(this.sourceCode, call);
  }

  /** `axios.create({ headers })`, `got.extend(…)`: a client configured with the session holds it. */
  private isClientFactory(call: TSESTree.CallExpression): boolean {
    return httpModel(this.sourceCode).clients.some((client) => client.node === call);
  }

  /** The parameters from `index` on of a callback argument hold the session. */
  callbackParameters(callback: TSESTree.Node | undefined, index: number, flavour: Flavour, viaClient: boolean): void {
    if (!callback) return;
    const target = unwrap(callback);
    if (target.type !== AST_NODE_TYPES.ArrowFunctionExpression && target.type !== AST_NODE_TYPES.FunctionExpression) return;
    const parameters = target.params.slice(index);
    for (const variable of this.sourceCode.getDeclaredVariables(target)) {
      const isParameter = variable.defs.some(
        (definition) => definition.type === 'Parameter' && parameters.some((parameter) => contains(parameter, definition.name)),
      );
      if (isParameter) this.variable(variable, flavour, viaClient);
    }
  }

  private declare(declarator: TSESTree.VariableDeclarator, flavour: Flavour, viaClient: boolean): void {
    const { id } = declarator;
    if (id.type === AST_NODE_TYPES.Identifier || flavour === 'value') {
      for (const variable of this.sourceCode.getDeclaredVariables(declarator)) this.variable(variable, flavour, viaClient);
      return;
    }
    if (id.type !== AST_NODE_TYPES.ObjectPattern) return;
    // `const { accessToken } = conn`: only the session fields carry it.
    for (const property of id.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) continue;
      if (!SESSION_FIELDS.has(property.key.name)) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value.type === AST_NODE_TYPES.Identifier) {
        const variable = variableOf(this.sourceCode, value);
        if (variable) this.variable(variable, 'value', viaClient);
      }
    }
  }

  /** The session (or what holds it) is written to `target`. */
  store(target: TSESTree.Node, flavour: Flavour, viaClient: boolean): void {
    if (this.result) return;
    const node = unwrap(target);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = variableOf(this.sourceCode, node);
        if (!variable || variable.defs.length === 0) this.outlive('module-state', node, node.name, viaClient);
        else this.variable(variable, flavour, viaClient);
        return;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const { root, first } = memberRoot(node);
        if (root.type === AST_NODE_TYPES.ThisExpression) {
          const owner = thisClass(root);
          const name = memberName(first);
          if (!owner || name === null) this.outlive('this', node, this.nameOf(node), viaClient);
          else this.field(owner, name, flavour, viaClient);
          return;
        }
        if (root.type !== AST_NODE_TYPES.Identifier) return;
        const variable = variableOf(this.sourceCode, root);
        if (!variable || variable.defs.length === 0) {
          const exported = root.name === 'module' || root.name === 'exports';
          this.outlive(exported ? 'exported' : 'module-state', node, this.nameOf(node), viaClient);
          return;
        }
        const [definition] = variable.defs;
        if (definition?.type === 'Parameter') {
          if (definition.node === this.owner) this.outlive('outer-object', node, this.nameOf(node), viaClient);
          else this.variable(variable, 'object', viaClient);
          return;
        }
        if (definition && regionOf(this.sourceCode, definition.name) === this.owner) this.variable(variable, 'object', viaClient);
        else this.outlive('module-state', node, this.nameOf(node), viaClient);
        return;
      }
      case AST_NODE_TYPES.ObjectPattern:
      case AST_NODE_TYPES.ArrayPattern:
        for (const variable of this.patternVariables(node)) this.variable(variable, 'value', viaClient);
        return;
      default:
        return;
    }
  }

  private patternVariables(pattern: TSESTree.Node): TSESLint.Scope.Variable[] {
    const found: TSESLint.Scope.Variable[] = [];
    const visit = (node: TSESTree.Node | null): void => {
      if (!node) return;
      switch (node.type) {
        case AST_NODE_TYPES.Identifier: {
          const variable = variableOf(this.sourceCode, node);
          if (variable) found.push(variable);
          return;
        }
        case AST_NODE_TYPES.ObjectPattern:
          for (const property of node.properties) visit(property.type === AST_NODE_TYPES.Property ? property.value : property.argument);
          return;
        case AST_NODE_TYPES.ArrayPattern:
          for (const element of node.elements) visit(element);
          return;
        case AST_NODE_TYPES.AssignmentPattern:
          visit(node.left);
          return;
        case AST_NODE_TYPES.RestElement:
          visit(node.argument);
          return;
        default:
          return;
      }
    };
    visit(pattern);
    return found;
  }

  /** A variable holds the session: follow its reads. */
  variable(variable: TSESLint.Scope.Variable, flavour: Flavour, viaClient: boolean): void {
    if (this.result || this.seenVariables.has(variable)) return;
    this.seenVariables.add(variable);
    if (isExported(variable)) {
      this.outlive('exported', variable.defs[0]?.name ?? this.sourceCode.ast, variable.name, viaClient);
      return;
    }
    for (const reference of variable.references) {
      if (this.result) return;
      if (!reference.isRead()) continue;
      const read = reference.identifier as TSESTree.Identifier;
      if (read.parent.type === AST_NODE_TYPES.ExportSpecifier) {
        this.outlive('exported', read.parent, variable.name, viaClient);
        return;
      }
      this.read(read, flavour, viaClient, () => this.outlive('module-state', read, variable.name, viaClient));
    }
  }

  /** `this.<name>` holds the session: follow its reads in the class. */
  private field(owner: TSESTree.ClassDeclaration | TSESTree.ClassExpression, name: string, flavour: Flavour, viaClient: boolean): void {
    let id = this.classIds.get(owner);
    if (id === undefined) {
      id = this.classIds.size;
      this.classIds.set(owner, id);
    }
    const key = `${id}:${name}`;
    if (this.result || this.seenFields.has(key)) return;
    this.seenFields.add(key);
    for (const read of thisMemberReads(this.sourceCode, owner, name)) {
      if (this.result) return;
      this.read(read, flavour, viaClient, () => this.outlive('this', read, `this.${name}`, viaClient));
    }
  }

  /** One read of something holding the session: in the login's function, in a closure, or elsewhere. */
  private read(read: TSESTree.Node, flavour: Flavour, viaClient: boolean, elsewhere: () => void): void {
    const region = regionOf(this.sourceCode, read);
    if (region === this.owner) {
      this.expression(read, flavour, viaClient);
      return;
    }
    const closure = closureWithin(this.sourceCode, read, this.owner);
    if (closure) {
      this.closure(closure, viaClient);
      return;
    }
    if (!this.isCovered(region, 0)) elsewhere();
  }

  /** A function nested in the login's function reads the session: the function now holds it. */
  private closure(fn: FunctionNode, viaClient: boolean): void {
    if (this.result || this.seenNodes.has(fn)) return;
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
      this.seenNodes.add(fn);
      if (isExportDeclaration(fn.parent)) {
        this.outlive('exported', fn, fn.id?.name ?? null, viaClient);
        return;
      }
      for (const variable of this.sourceCode.getDeclaredVariables(fn)) {
        if (variable.defs.some((definition) => definition.type === 'FunctionName')) this.variable(variable, 'object', viaClient);
      }
      return;
    }
    const holder = fn.parent;
    if (holder.type === AST_NODE_TYPES.MethodDefinition || holder.type === AST_NODE_TYPES.PropertyDefinition) {
      this.seenNodes.add(fn);
      const owner = holder.parent.parent;
      if (owner.type === AST_NODE_TYPES.ClassDeclaration) {
        if (isExportDeclaration(owner.parent)) {
          this.outlive('exported', owner, owner.id?.name ?? null, viaClient);
          return;
        }
        for (const variable of this.sourceCode.getDeclaredVariables(owner)) this.variable(variable, 'object', viaClient);
      } else if (owner.type === AST_NODE_TYPES.ClassExpression) {
        this.expression(owner, 'object', viaClient);
      }
      return;
    }
    this.expression(fn, 'object', viaClient);
  }

  /**
   * Does `region` run only while a fresh login of the same group is in progress: it logs in afresh, or it
   * is a local function (not exported, used only by direct calls) whose every caller is such a region?
   */
  private isCovered(region: Region, depth: number): boolean {
    if (this.fresh.has(region)) return true;
    if (region.type === AST_NODE_TYPES.Program || depth > MAX_COVER_DEPTH) return false;
    const cached = this.covered.get(region);
    if (cached !== undefined) return cached;
    this.covered.set(region, false);
    const result = this.callersCovered(region, depth);
    this.covered.set(region, result);
    return result;
  }

  private callersCovered(fn: FunctionNode, depth: number): boolean {
    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.MethodDefinition) {
      // Only private methods have callers the file can list.
      if (parent.accessibility !== 'private' && parent.key.type !== AST_NODE_TYPES.PrivateIdentifier) return false;
      const calls = callGraph(this.sourceCode).callers.get(fn) ?? [];
      return calls.length > 0 && calls.every((call) => this.isCovered(regionOf(this.sourceCode, call), depth + 1));
    }
    let variable: TSESLint.Scope.Variable | undefined;
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
      variable = this.sourceCode.getDeclaredVariables(fn).find((candidate) => candidate.defs.some((definition) => definition.type === 'FunctionName'));
    } else if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn) {
      variable = this.sourceCode.getDeclaredVariables(parent)[0];
    }
    if (!variable || isExported(variable) || functionOfVariable(variable) !== fn) return false;
    const reads = variable.references.filter((reference) => reference.isRead());
    return (
      reads.length > 0 &&
      reads.every((reference) => {
        const identifier = reference.identifier as TSESTree.Identifier;
        let node: TSESTree.Node = identifier;
        while (node.parent && WRAPPERS.has(node.parent.type) && node.parent.type !== AST_NODE_TYPES.AwaitExpression) node = node.parent;
        const call = node.parent;
        return call?.type === AST_NODE_TYPES.CallExpression && call.callee === node && this.isCovered(regionOf(this.sourceCode, call), depth + 1);
      })
    );
  }
}

const lifetimes = new WeakMap<SourceCode, Map<TSESTree.Node, SessionLifetime | null>>();

/** How the session from `login` outlives the call that made it, or null when it does not. */
export function sessionLifetime(sourceCode: SourceCode, login: SoapLogin): SessionLifetime | null {
  let byLogin = lifetimes.get(sourceCode);
  if (!byLogin) {
    byLogin = new Map();
    lifetimes.set(sourceCode, byLogin);
  }
  if (byLogin.has(login.node)) return byLogin.get(login.node) ?? null;
  const tracker = new Tracker(sourceCode, login);
  if (login.kind === 'jsforce') {
    // `loginBySoap` keeps the session on the connection it was called on.
    if (login.receiver) tracker.store(login.receiver, 'object', false);
  } else {
    tracker.expression(login.node, 'value', false);
    // Callback style: `client.login(args, (err, result) => …)`, `request.post(options, (err, res, body) => …)`.
    const callback = login.node.arguments.at(-1);
    if (callback && isFunctionNode(callback)) tracker.callbackParameters(callback, 1, 'value', false);
  }
  byLogin.set(login.node, tracker.result);
  return tracker.result;
}
