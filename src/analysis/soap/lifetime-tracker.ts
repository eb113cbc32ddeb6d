/**
 * The walk behind session-lifetime.ts: from a SOAP login's result (or the connection or client that keeps
 * the session) up through the expressions, bindings, fields, calls and callbacks that hand it on, until
 * it lands somewhere that outlives the login's call, or nowhere. Each variable, field and expression is
 * visited once per login.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { FunctionNode } from '../core/call-targets';
import type { Region } from '../http/regions';
import type { SoapLogin } from './soap-logins';

import { VALUE_WRAPPERS, contains, enclosingFunction, isExportDeclaration, isExported, memberName, thisClass, unwrap, variableOf } from '../core/ast';
import { thisMemberReads } from '../core/bindings';
import { calledFunction, isFunctionNode } from '../core/call-targets';
import { closureWithin, regionOf } from '../http/regions';
import { httpCallAt, httpModel } from '../http/http-calls';
import type { LifetimeKind, SessionLifetime } from './session-lifetime';

import { FreshLoginCoverage } from './fresh-logins';
import { isTestStateVariable } from '../core/test-code';
import { knownCallSites } from '../core/value-flow';

type SourceCode = Readonly<TSESLint.SourceCode>;

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
/** Calls that write the object they are called on to storage, for later runs (`authInfo.save()`). */
const SAVE_METHODS = new Set(['save']);
/** Member calls through which text derives new text that still holds the session (`JSON.parse`, `re.exec`). */
const DERIVING_METHODS = /^(?:parse|exec|from|decode|extract|load)/u;
const TIMERS = new Set(['setInterval', 'setTimeout', 'setImmediate']);
const EVENT_METHODS = new Set(['on', 'once', 'addListener', 'addEventListener', 'prependListener', 'prependOnceListener', 'subscribe', 'schedule', 'scheduleJob']);
/** Request handlers registered under a name: HTTP routes, and the intents and dialogs of voice and chat apps (`app.intent('name', handler)`). */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'head', 'options', 'intent', 'dialog']);
const SCHEDULER_CLASSES = new Set(['CronJob']);
const PROMISE_HANDLERS = new Set(['then']);
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

/** Follows the session from one login to the first place where it outlives the login's call. */
export class Tracker {
  private readonly sourceCode: SourceCode;
  private readonly owner: Region;
  /** The login call: in its function, what is read before it was stored by an earlier run. */
  private readonly login: TSESTree.Node;
  /** Which regions run only while a fresh login of the same group is in progress. */
  private readonly coverage: FreshLoginCoverage;
  private readonly seenNodes = new Set<TSESTree.Node>();
  private readonly seenVariables = new Set<TSESLint.Scope.Variable>();
  private readonly seenFields = new Set<string>();
  private readonly classIds = new Map<TSESTree.Node, number>();
  /** Functions of the file the session was handed to as an argument: they run as part of the call that hands it. */
  private readonly entered = new Set<Region>();
  result: SessionLifetime | null = null;

  constructor(sourceCode: SourceCode, login: SoapLogin) {
    this.sourceCode = sourceCode;
    this.login = login.node;
    this.owner = regionOf(sourceCode, login.node);
    this.coverage = new FreshLoginCoverage(sourceCode, login);
  }

  outlive(kind: LifetimeKind, node: TSESTree.Node, name: string | null, viaClient: boolean): void {
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
      if (VALUE_WRAPPERS.has(parent.type)) {
        current = parent;
        continue;
      }
      switch (parent.type) {
        case AST_NODE_TYPES.MemberExpression: {
          if (parent.object !== current) return;
          const name = memberName(parent);
          if (flavour === 'object') {
            const saved = parent.parent;
            if (SAVE_METHODS.has(name ?? '') && saved.type === AST_NODE_TYPES.CallExpression && saved.callee === parent) {
              this.outlive('persisted', saved, this.nameOf(parent.object), viaClient);
              return;
            }
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
            this.returnedToCallers(fn, parent, flavour, viaClient);
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

  /**
   * The login's function returns the session. To callers the file does not show, it outlives the call. A
   * caller in the file that logs in afresh each time it runs (it calls the login's function on no
   * condition) gets a session no older than itself: the session is followed on from that call, in the
   * caller. Any other caller keeps it for longer than the login's call.
   */
  private returnedToCallers(fn: FunctionNode, at: TSESTree.Node, flavour: Flavour, viaClient: boolean): void {
    const sites = knownCallSites(this.sourceCode, fn);
    if (!sites || sites.length === 0) {
      this.outlive('returned', at, null, viaClient);
      return;
    }
    for (const site of sites) {
      if (this.result) return;
      if (!this.coverage.isCovered(regionOf(this.sourceCode, site))) {
        this.outlive('returned', at, null, viaClient);
        return;
      }
      this.expression(site, flavour, viaClient);
    }
  }

  /**
   * The session is an argument of a function the file writes (`self.initialize({ sessionId })`, a
   * `C.prototype` method through `this`, a helper): follow the parameter that receives it there, where
   * that function's own code is read as part of the call.
   */
  private parameter(call: TSESTree.CallExpression, argument: TSESTree.Node, flavour: Flavour, viaClient: boolean): void {
    const fn = calledFunction(this.sourceCode, call);
    if (!fn) return;
    const index = call.arguments.findIndex((candidate) => candidate === argument);
    if (index < 0 || call.arguments.slice(0, index).some((candidate) => candidate.type === AST_NODE_TYPES.SpreadElement)) return;
    const parameter = fn.params[index];
    if (!parameter || parameter.type === AST_NODE_TYPES.RestElement || parameter.type === AST_NODE_TYPES.TSParameterProperty) return;
    this.entered.add(fn);
    for (const variable of this.sourceCode.getDeclaredVariables(fn)) {
      if (variable.defs.some((definition) => definition.type === 'Parameter' && contains(parameter, definition.name))) this.variable(variable, flavour, viaClient);
    }
  }

  /** The session is an argument of `call`: does the call hand it on (true: keep following its result)? */
  private argument(call: TSESTree.CallExpression, argument: TSESTree.Node, flavour: Flavour, viaClient: boolean): boolean {
    if (isDeferredRegistration(this.sourceCode, call, argument)) {
      this.outlive('deferred', call, null, viaClient);
      return false;
    }
    this.parameter(call, argument, flavour, viaClient);
    if (this.result) return false;
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

  /** `axios.create({ headers })`, `got.extend(…)`, `AuthInfo.create(…)`: a client configured with the session holds it. */
  private isClientFactory(call: TSESTree.CallExpression): boolean {
    const model = httpModel(this.sourceCode);
    // `AuthInfo.create(username, { accessToken })` (`@salesforce/core`) holds the session it is given.
    return model.clients.some((client) => client.node === call) || model.authInfoCreations.includes(call);
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
        if (definition && (regionOf(this.sourceCode, definition.name) === this.owner || isTestStateVariable(this.sourceCode, variable))) this.variable(variable, 'object', viaClient);
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
    // A test's own state (declared in a test suite or test) lasts one run of the suite.
    if (isTestStateVariable(this.sourceCode, variable)) return;
    if (isExported(variable)) {
      this.outlive('exported', variable.defs[0]?.name ?? this.sourceCode.ast, variable.name, viaClient);
      return;
    }
    // A parameter is filled anew by each call: it keeps nothing from an earlier run.
    const isParameter = variable.defs.some((definition) => definition.type === 'Parameter');
    for (const reference of variable.references) {
      if (this.result) return;
      if (!reference.isRead()) continue;
      const read = reference.identifier as TSESTree.Identifier;
      if (read.parent.type === AST_NODE_TYPES.ExportSpecifier) {
        this.outlive('exported', read.parent, variable.name, viaClient);
        return;
      }
      // Kept outside the function and read there before it logs in: a session from an earlier run (a cache).
      if (!isParameter && this.owner.type !== AST_NODE_TYPES.Program && read.range[0] < this.login.range[0] && regionOf(this.sourceCode, read) === this.owner && !contains(this.owner, variable.scope.block)) {
        this.outlive('module-state', read, variable.name, viaClient);
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
    if (region === this.owner || this.entered.has(region)) {
      this.expression(read, flavour, viaClient);
      return;
    }
    const closure = closureWithin(this.sourceCode, read, this.owner);
    if (closure) {
      this.closure(closure, viaClient);
      return;
    }
    if (!this.coverage.isCovered(region)) elsewhere();
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
}
