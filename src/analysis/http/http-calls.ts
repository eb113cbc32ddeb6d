/**
 * Which calls send HTTP, and where their URL, base URL, method, body and headers are.
 *
 * Built once per file from the references to the HTTP libraries (global `fetch`, `node-fetch`,
 * `undici`, axios, got, ky, ofetch, superagent, `request`, `node:http(s)`, `XMLHttpRequest`, jQuery, Angular's
 * `HttpClient`), found through scope with `ReferenceTracker`: an aliased import still counts, a local
 * function that shadows `fetch` does not. Client instances (`axios.create`, `got.extend`, `ky.create`,
 * `ofetch.create`)
 * are followed through the variables and class fields they are stored in. jsforce `Connection` options,
 * `@salesforce/core` `AuthInfo.create` access-token options and node-soap clients are recorded as API bases.
 * Calls through the file's own functions count too: a function that hands out the global `fetch`
 * (`const f = await getFetch(); f(url, init)`), and a function that forwards its parameters, in order, to
 * an HTTP call and returns its response (`request(opts) { return rp(opts); }`), whose calls are laid out
 * as the call they forward to.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../util/node-types';

import type { ClientLibrary, HttpLibrary, Info } from './libraries';
import type { StringValue } from './url-value';

import type { FunctionNode } from '../core/call-targets';

import { VALUE_WRAPPERS, enclosingClass, enclosingFunction, memberName, propertyValue, staticKeyName, unwrap, variableOf } from '../core/ast';
import { isFunctionNode, returnedExpressions } from '../core/call-targets';
import { callSitesOf } from '../core/value-flow';
import { thisMemberReads } from '../core/bindings';
import { concatValues, joinBase, stringValues, UNKNOWN_VALUE } from './url-value';
import { objectLiteralOf } from '../core/object-literals';
import { argument, makeCall, objectArgument, staticString } from './call-pieces';
import { ANGULAR_METHODS, AXIOS_DATA, AXIOS_NO_DATA, GLOBAL_MAP, GLOBAL_OBJECT_NAMES, GOT_METHODS, MODULE_MAP, importedModules, trackedGlobals } from './libraries';

const { ReferenceTracker } = ASTUtils;

type SourceCode = Readonly<TSESLint.SourceCode>;

export type { HttpLibrary } from './libraries';

/** A call that sends an HTTP request. */
export interface HttpCall {
  readonly node: TSESTree.CallExpression;
  readonly library: HttpLibrary;
  /** The URL argument or option (may be relative to a base). */
  readonly url: TSESTree.Node | null;
  /** A base URL given with this request (`baseURL`, `prefixUrl`, `baseUrl`). */
  readonly base: TSESTree.Node | null;
  /** The client instance the call went through, with its configured base. */
  readonly client: HttpClient | null;
  /** Upper-case method when known. */
  readonly method: string | null;
  readonly body: TSESTree.Node | null;
  readonly headers: TSESTree.Node | null;
  /** The request options object literal, when there is one. */
  readonly options: TSESTree.ObjectExpression | null;
  /** `node:http(s)` options form: the host and path given as separate options. */
  readonly parts: { readonly protocol: string; readonly host: TSESTree.Node; readonly path: TSESTree.Node | null } | null;
}

/** A configured HTTP client: `axios.create({ baseURL })`, `got.extend({ prefixUrl })`, `ky.create(…)`, `ofetch.create({ baseURL })`. */
export interface HttpClient {
  readonly node: TSESTree.CallExpression;
  readonly library: ClientLibrary;
  readonly options: TSESTree.ObjectExpression | null;
  /** The `baseURL` / `prefixUrl` value. */
  readonly base: TSESTree.Node | null;
  /** The requests sent through it. */
  readonly calls: HttpCall[];
  /** The `interceptors.response.use(…)` calls registered on it. */
  readonly responseInterceptors: TSESTree.CallExpression[];
}

/** A jsforce `new Connection({...})` (also `@jsforce/jsforce-node`, and the browser global `jsforce`). */
export interface JsforceConnection {
  readonly node: TSESTree.NewExpression;
  /** The options object literal, when written out or held by a constant. */
  readonly options: TSESTree.ObjectExpression | null;
  /** Member calls on the connection: `conn.loginBySoap(…)`, `conn.query(…)`. */
  readonly calls: TSESTree.CallExpression[];
  /** A node-salesforce (jsforce's predecessor) connection, whose `login()` does not log in again by itself. */
  readonly legacy?: boolean;
}

/** A node-soap client (`soap.createClient`, `createClientAsync`) and what is called on it. */
export interface SoapClient {
  readonly node: TSESTree.CallExpression;
  /** Member calls on the client: `client.setEndpoint(url)`, `client.login(args)`, `client.addSoapHeader(…)`. */
  readonly calls: TSESTree.CallExpression[];
}

export interface HttpModel {
  readonly calls: readonly HttpCall[];
  readonly clients: readonly HttpClient[];
  readonly connections: readonly JsforceConnection[];
  readonly soapClients: readonly SoapClient[];
  /** The global `axios` (and its default instance) response interceptors: `axios.interceptors.response.use(…)`. */
  readonly responseInterceptors: readonly TSESTree.CallExpression[];
  /** The jsforce `new OAuth2(...)` instances. */
  readonly oauth2Clients: readonly TSESTree.NewExpression[];
  /** Member calls on each of `oauth2Clients`: `oauth2.authenticate(…)`, `oauth2.refreshToken(…)`. */
  readonly oauth2Calls: ReadonlyMap<TSESTree.NewExpression, readonly TSESTree.CallExpression[]>;
  /** `@salesforce/core` `AuthInfo.create(…)` calls: their `accessTokenOptions.instanceUrl` is the org's data host. */
  readonly authInfoCreations: readonly TSESTree.CallExpression[];
  /** nforce `createConnection(…)` calls, each with the member calls made on the connection it returns. */
  readonly nforceConnections: ReadonlyMap<TSESTree.CallExpression, readonly TSESTree.CallExpression[]>;
  readonly callByNode: ReadonlyMap<TSESTree.Node, HttpCall>;
}

/** The places an instance (stored from a creation call) is read: variable reads and `this.field` reads. */
export function instanceReads(sourceCode: SourceCode, creation: TSESTree.Node): TSESTree.Node[] {
  let node: TSESTree.Node = creation;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.AwaitExpression || node.parent.type === AST_NODE_TYPES.TSAsExpression || node.parent.type === AST_NODE_TYPES.TSNonNullExpression)) {
    node = node.parent;
  }
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, parent.id);
    return variable ? variable.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier as TSESTree.Node) : [];
  }
  // `let client; … client = await soap.createClientAsync(wsdl);`: every read of that variable.
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node && parent.operator === '=' && parent.left.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, parent.left);
    return variable && variable.defs.length > 0
      ? variable.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier as TSESTree.Node)
      : [];
  }
  let fieldName: string | null = null;
  if (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.value === node && !parent.static) {
    fieldName = staticKeyName(parent.key, parent.computed);
  }
  if (
    parent?.type === AST_NODE_TYPES.AssignmentExpression &&
    parent.right === node &&
    parent.left.type === AST_NODE_TYPES.MemberExpression &&
    parent.left.object.type === AST_NODE_TYPES.ThisExpression
  ) {
    fieldName = memberName(parent.left);
  }
  const owner = fieldName === null ? null : enclosingClass(node);
  return owner && fieldName !== null ? [...thisMemberReads(sourceCode, owner, fieldName)] : [];
}

/** For a read of an instance, the call made on it: `api(…)` or `api.<name>(…)`. */
export function useOf(identifier: TSESTree.Node): { call: TSESTree.CallExpression; name: string | null } | null {
  // `conn!.query(…)`, `(client as Client).loginAsync(…)`
  let read = identifier;
  while (
    read.parent &&
    (read.parent.type === AST_NODE_TYPES.TSNonNullExpression || read.parent.type === AST_NODE_TYPES.TSAsExpression || read.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  ) {
    read = read.parent;
  }
  const parent = read.parent;
  if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === read) return { call: parent, name: null };
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === read) {
    const grand = parent.parent;
    if (grand.type === AST_NODE_TYPES.CallExpression && grand.callee === parent) return { call: grand, name: memberName(parent) };
  }
  return null;
}

/** The method calls made on an instance through its reads: `conn.query(…)`, `client.loginAsync(…)`. */
function memberCalls(reads: readonly TSESTree.Node[]): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  for (const read of reads) {
    const use = useOf(read);
    if (use?.name) calls.push(use.call);
  }
  return calls;
}

/** The object an axios-shaped `X.interceptors.response.use(…)` registers a response interceptor on (`X`), or null. */
export function interceptorReceiver(call: TSESTree.CallExpression): TSESTree.Expression | null {
  const use = unwrap(call.callee);
  if (use.type !== AST_NODE_TYPES.MemberExpression || memberName(use) !== 'use') return null;
  const response = unwrap(use.object);
  if (response.type !== AST_NODE_TYPES.MemberExpression || memberName(response) !== 'response') return null;
  const interceptors = unwrap(response.object);
  if (interceptors.type !== AST_NODE_TYPES.MemberExpression || memberName(interceptors) !== 'interceptors') return null;
  return interceptors.object;
}

/** For a read of a client, the `interceptors.response.use(…)` call it registers on, or null. */
function isInterceptorUse(read: TSESTree.Node): TSESTree.CallExpression | null {
  const call = read.parent?.parent?.parent?.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && interceptorReceiver(call) === read ? call : null;
}

function clientCall(sourceCode: SourceCode, client: HttpClient, call: TSESTree.CallExpression, name: string | null): HttpCall | null {
  if (client.library === 'axios') {
    if (name === null) return makeCall(sourceCode, call, 'axios', 'axios-config', undefined, undefined, client);
    if (name === 'request') return makeCall(sourceCode, call, 'axios', 'axios-request', undefined, undefined, client);
    if (AXIOS_NO_DATA.includes(name)) return makeCall(sourceCode, call, 'axios', 'axios-nodata', name.toUpperCase(), undefined, client);
    if (AXIOS_DATA.includes(name)) return makeCall(sourceCode, call, 'axios', 'axios-data', name.replace(/Form$/u, '').toUpperCase(), undefined, client);
    return null;
  }
  if (client.library === 'ofetch') {
    if (name === null || name === 'raw') return makeCall(sourceCode, call, 'ofetch', 'ofetch', undefined, undefined, client);
    // `api.native(…)` is the platform's fetch: none of the client's defaults apply.
    return name === 'native' ? makeCall(sourceCode, call, 'fetch', 'fetch', undefined, undefined, null) : null;
  }
  if (name === null) return makeCall(sourceCode, call, client.library, 'got', undefined, undefined, client);
  if (GOT_METHODS.includes(name)) return makeCall(sourceCode, call, client.library, 'got-method', name.toUpperCase(), undefined, client);
  return null;
}

/** Angular: constructor parameters typed `HttpClient` from `@angular/common/http`, used as `this.http.get(…)`. */
function angularCalls(sourceCode: SourceCode, add: (call: HttpCall) => void): void {
  const program = sourceCode.ast;
  const importsHttpClient = program.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ImportDeclaration &&
      statement.source.value === '@angular/common/http' &&
      statement.specifiers.some(
        (specifier) =>
          specifier.type === AST_NODE_TYPES.ImportSpecifier &&
          specifier.imported.type === AST_NODE_TYPES.Identifier &&
          specifier.imported.name === 'HttpClient',
      ),
  );
  if (!importsHttpClient) return;
  const localNames = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.source.value !== '@angular/common/http') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.imported.type === AST_NODE_TYPES.Identifier && specifier.imported.name === 'HttpClient') {
        localNames.add(specifier.local.name);
      }
    }
  }
  const isHttpClientType = (annotation: TSESTree.TSTypeAnnotation | undefined): boolean => {
    const type = annotation?.typeAnnotation;
    return type?.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && localNames.has(type.typeName.name);
  };
  const classes: (TSESTree.ClassDeclaration | TSESTree.ClassExpression)[] = [];
  for (const statement of program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.ClassDeclaration) classes.push(declaration);
  }
  for (const owner of classes) {
    const fields: string[] = [];
    for (const member of owner.body.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && member.key.type === AST_NODE_TYPES.Identifier) {
        const value = member.value;
        const injected = value?.type === AST_NODE_TYPES.CallExpression && value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'inject' && value.arguments[0]?.type === AST_NODE_TYPES.Identifier && localNames.has(value.arguments[0].name);
        if (isHttpClientType(member.typeAnnotation) || injected) fields.push(member.key.name);
      }
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        for (const parameter of member.value.params) {
          if (parameter.type === AST_NODE_TYPES.TSParameterProperty && parameter.parameter.type === AST_NODE_TYPES.Identifier && isHttpClientType(parameter.parameter.typeAnnotation)) {
            fields.push(parameter.parameter.name);
          }
        }
      }
    }
    for (const field of fields) {
      for (const read of thisMemberReads(sourceCode, owner, field)) {
        const use = useOf(read);
        if (use?.name && ANGULAR_METHODS.has(use.name)) {
          add(makeCall(sourceCode, use.call, 'angular', 'angular', use.name.toUpperCase(), undefined, null));
        }
      }
    }
  }
}

/** How a library call lays out its arguments: what `makeCall` needs to read them. */
type CallLayout = Pick<Extract<Info, { kind: 'call' }>, 'library' | 'method' | 'protocol' | 'shape'>;

const FETCH_LAYOUT: CallLayout = { library: 'fetch', shape: 'fetch' };
/** How many wrappers deep (`this.request(o)` → `send(o)` → `rp(o)`) forwarded calls are followed. */
const MAX_WRAPPER_DEPTH = 4;

/**
 * Calls through a local function that hands out the global `fetch` (`const getFetch = async () =>
 * globalThis.fetch ?? (await import('node-fetch')).default`): `const fetch = await getFetch(); fetch(url, init)`.
 * Found from the file's reads of the global `fetch`, never by a walk.
 */
function callsThroughFetchGetters(sourceCode: SourceCode, tracker: InstanceType<typeof ReferenceTracker>): TSESTree.CallExpression[] {
  const found: TSESTree.CallExpression[] = [];
  const getters = new Set<TSESTree.Node>();
  for (const { node } of tracker.iterateGlobalReferences({ fetch: { [ReferenceTracker.READ]: true } } as never)) {
    let value: TSESTree.Node = node;
    while (value.parent && (value.parent.type === AST_NODE_TYPES.LogicalExpression || (value.parent.type === AST_NODE_TYPES.ConditionalExpression && value.parent.test !== value) || VALUE_WRAPPERS.has(value.parent.type))) {
      value = value.parent;
    }
    const fn = enclosingFunction(value);
    if (!fn || getters.has(fn) || !returnedExpressions(sourceCode, fn).includes(value as TSESTree.Expression)) continue;
    getters.add(fn);
    for (const site of callSitesOf(sourceCode, fn)) {
      let result: TSESTree.Node = site;
      while (result.parent && (result.parent.type === AST_NODE_TYPES.AwaitExpression || VALUE_WRAPPERS.has(result.parent.type))) result = result.parent;
      const declarator = result.parent;
      if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== result || declarator.id.type !== AST_NODE_TYPES.Identifier) continue;
      const variable = variableOf(sourceCode, declarator.id);
      if (!variable || variable.references.some((reference) => reference.isWrite() && !reference.init)) continue;
      for (const reference of variable.references) {
        const use = reference.isRead() ? useOf(reference.identifier as TSESTree.Node) : null;
        if (use && use.name === null) found.push(use.call);
      }
    }
  }
  return found;
}

/**
 * Does `fn` hand its own parameters, in order, to `call` (`(opts) => rp(opts)`, `send(url, init) {
 * return fetch(url, init); }`) and return what the call gives, as is or through `.then` callbacks
 * that give back what they got?
 */
function forwardsTo(sourceCode: SourceCode, fn: FunctionNode, call: TSESTree.CallExpression): boolean {
  if (call.arguments.length === 0 || call.arguments.length > fn.params.length) return false;
  const forwarded = call.arguments.every((argument, index) => {
    const parameter = fn.params[index];
    return argument.type === AST_NODE_TYPES.Identifier && parameter?.type === AST_NODE_TYPES.Identifier && variableOf(sourceCode, argument)?.defs[0]?.name === parameter;
  });
  if (!forwarded) return false;
  let value: TSESTree.Node = call;
  for (;;) {
    while (value.parent && (value.parent.type === AST_NODE_TYPES.AwaitExpression || VALUE_WRAPPERS.has(value.parent.type))) value = value.parent;
    const member: TSESTree.Node | undefined = value.parent;
    const then: TSESTree.Node | undefined = member?.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== value || memberName(member) !== 'then' || then?.type !== AST_NODE_TYPES.CallExpression || then.callee !== member || !givesBackItsValue(sourceCode, then.arguments[0])) break;
    value = then;
  }
  return returnedExpressions(sourceCode, fn).includes(value as TSESTree.Expression);
}

/** A `.then` callback that returns its parameter on every path (`res => { log(res); return res; }`). */
function givesBackItsValue(sourceCode: SourceCode, callback: TSESTree.Node | undefined): boolean {
  if (!callback || !isFunctionNode(callback) || callback.params.length !== 1) return false;
  const [parameter] = callback.params;
  if (parameter?.type !== AST_NODE_TYPES.Identifier) return false;
  const returned = returnedExpressions(sourceCode, callback);
  return returned.length > 0 && returned.every((expression) => expression.type === AST_NODE_TYPES.Identifier && expression.name === parameter.name);
}

/**
 * Calls of local functions that forward their arguments to an HTTP call (`forwardsTo`): each sends the
 * same request, laid out as the library call it forwards to. Followed through a few wrappers.
 */
function forwardingWrapperCalls(sourceCode: SourceCode, layouts: Map<TSESTree.CallExpression, CallLayout>, add: (call: HttpCall) => void): void {
  let batch = [...layouts];
  for (let depth = 0; depth < MAX_WRAPPER_DEPTH && batch.length > 0; depth += 1) {
    const next: [TSESTree.CallExpression, CallLayout][] = [];
    for (const [call, layout] of batch) {
      const fn = enclosingFunction(call);
      if (!fn || !forwardsTo(sourceCode, fn, call)) continue;
      for (const site of callSitesOf(sourceCode, fn)) {
        if (layouts.has(site)) continue;
        layouts.set(site, layout);
        add(makeCall(sourceCode, site, layout.library, layout.shape, layout.method, layout.protocol, null));
        next.push([site, layout]);
      }
    }
    batch = next;
  }
}

const models = new WeakMap<SourceCode, HttpModel>();

/** The HTTP model of a file, built on first use and shared by every rule. */
export function httpModel(sourceCode: SourceCode): HttpModel {
  const cached = models.get(sourceCode);
  if (cached) return cached;
  const calls: HttpCall[] = [];
  const callByNode = new Map<TSESTree.Node, HttpCall>();
  const clients: HttpClient[] = [];
  const connections: JsforceConnection[] = [];
  const soapClients: SoapClient[] = [];
  const responseInterceptors: TSESTree.CallExpression[] = [];
  const oauth2Clients: TSESTree.NewExpression[] = [];
  const authInfoCreations: TSESTree.CallExpression[] = [];
  const nforceConnections = new Map<TSESTree.CallExpression, TSESTree.CallExpression[]>();
  const oauth2Calls = new Map<TSESTree.NewExpression, TSESTree.CallExpression[]>();
  const seen = new Set<TSESTree.Node>();
  /** How each library call lays out its arguments, for the wrappers that forward them. */
  const layouts = new Map<TSESTree.CallExpression, CallLayout>();

  const add = (httpCall: HttpCall): void => {
    if (callByNode.has(httpCall.node)) return;
    calls.push(httpCall);
    callByNode.set(httpCall.node, httpCall);
    httpCall.client?.calls.push(httpCall);
  };

  const globalScope = sourceCode.scopeManager?.globalScope;
  const tracked = globalScope ? trackedGlobals(globalScope) : null;
  const imports = importedModules(sourceCode.ast);
  // Each pass runs only when the file reads something it follows: most files send no HTTP at all, and
  // for them no tracker is made.
  const tracker = tracked && (tracked.globals || tracked.modules || imports.tracked) ? new ReferenceTracker(tracked.scope, { mode: 'legacy', globalObjectNames: GLOBAL_OBJECT_NAMES }) : null;
  const found = !tracker ? [] : [
    ...(tracked?.globals ? tracker.iterateGlobalReferences<Info>(GLOBAL_MAP as never) : []),
    ...(tracked?.modules ? tracker.iterateCjsReferences<Info>(MODULE_MAP as never) : []),
    ...(imports.tracked ? tracker.iterateEsmReferences<Info>(MODULE_MAP as never) : []),
  ];
  for (const { node, info } of found) {
    if (seen.has(node)) continue;
    seen.add(node);
    switch (info.kind) {
      case 'call':
        if (node.type === AST_NODE_TYPES.CallExpression) {
          add(makeCall(sourceCode, node, info.library, info.shape, info.method, info.protocol, null));
          layouts.set(node, info);
        }
        break;
      case 'client': {
        if (node.type !== AST_NODE_TYPES.CallExpression) break;
        const options = objectArgument(sourceCode, node, 0);
        const client: HttpClient = {
          node,
          library: info.library,
          options,
          base: propertyValue(options, info.library === 'axios' || info.library === 'ofetch' ? 'baseURL' : 'prefixUrl'),
          calls: [],
          responseInterceptors: [],
        };
        clients.push(client);
        for (const read of instanceReads(sourceCode, node)) {
          const interceptor = isInterceptorUse(read);
          if (interceptor) {
            client.responseInterceptors.push(interceptor);
            continue;
          }
          const use = useOf(read);
          const httpCall = use && clientCall(sourceCode, client, use.call, use.name);
          if (httpCall) add(httpCall);
        }
        break;
      }
      case 'interceptors':
        if (node.type === AST_NODE_TYPES.CallExpression) responseInterceptors.push(node);
        break;
      case 'jsforce-connection':
        if (node.type === AST_NODE_TYPES.NewExpression) {
          const options = argument(node, 0);
          const connection: JsforceConnection = { node, options: options ? objectLiteralOf(sourceCode, options) : null, calls: [], ...(info.legacy ? { legacy: true } : {}) };
          connections.push(connection);
          connection.calls.push(...memberCalls(instanceReads(sourceCode, node)));
        }
        break;
      case 'jsforce-oauth2':
        if (node.type === AST_NODE_TYPES.NewExpression) {
          oauth2Clients.push(node);
          const clientCalls: TSESTree.CallExpression[] = [];
          clientCalls.push(...memberCalls(instanceReads(sourceCode, node)));
          oauth2Calls.set(node, clientCalls);
        }
        break;
      case 'nforce-connection':
        if (node.type === AST_NODE_TYPES.CallExpression) nforceConnections.set(node, memberCalls(instanceReads(sourceCode, node)));
        break;
      case 'sfcore-auth-info':
        if (node.type === AST_NODE_TYPES.CallExpression) authInfoCreations.push(node);
        break;
      case 'soap-client': {
        if (node.type !== AST_NODE_TYPES.CallExpression) break;
        const soapClient: SoapClient = { node, calls: [] };
        soapClients.push(soapClient);
        const reads = instanceReads(sourceCode, node);
        const parameterReads = (callback: TSESTree.Node | undefined, index: number): void => {
          if (!callback || (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback.type !== AST_NODE_TYPES.FunctionExpression)) return;
          const parameter = callback.params[index];
          if (parameter?.type !== AST_NODE_TYPES.Identifier) return;
          const variable = sourceCode.getDeclaredVariables(callback).find((candidate) => candidate.name === parameter.name);
          for (const reference of variable?.references ?? []) if (reference.isRead()) reads.push(reference.identifier as TSESTree.Node);
        };
        // Callback style: soap.createClient(wsdl, (err, client) => …)
        parameterReads(node.arguments.at(-1), 1);
        // Promise style: soap.createClientAsync(wsdl).then((client) => …)
        const then = node.parent;
        if (then.type === AST_NODE_TYPES.MemberExpression && then.object === node && memberName(then) === 'then' && then.parent.type === AST_NODE_TYPES.CallExpression && then.parent.callee === then) {
          parameterReads(then.parent.arguments[0], 0);
        }
        soapClient.calls.push(...memberCalls(reads));
        break;
      }
      case 'xhr': {
        for (const read of instanceReads(sourceCode, node)) {
          const use = useOf(read);
          if (use?.name === 'open') {
            add({
              node: use.call,
              library: 'xhr',
              url: argument(use.call, 1),
              base: null,
              client: null,
              method: staticString(sourceCode, argument(use.call, 0))?.toUpperCase() ?? null,
              body: null,
              headers: null,
              options: null,
              parts: null,
            });
          }
        }
        break;
      }
    }
  }
  if (imports.angular) angularCalls(sourceCode, add);
  if (tracker && tracked?.globals) {
    for (const call of callsThroughFetchGetters(sourceCode, tracker)) {
      add(makeCall(sourceCode, call, 'fetch', 'fetch', undefined, undefined, null));
      layouts.set(call, FETCH_LAYOUT);
    }
  }
  forwardingWrapperCalls(sourceCode, layouts, add);

  const model: HttpModel = { calls, clients, connections, soapClients, responseInterceptors, oauth2Clients, oauth2Calls, authInfoCreations, nforceConnections, callByNode };
  models.set(sourceCode, model);
  return model;
}

/** The HTTP call made by a call expression, if it is one. */
export function httpCallAt(sourceCode: SourceCode, node: TSESTree.Node): HttpCall | null {
  return httpModel(sourceCode).callByNode.get(node) ?? null;
}

/** The base URL values that apply to a call: its own base option, else its client's. */
export function baseValues(sourceCode: SourceCode, httpCall: HttpCall): readonly StringValue[] | null {
  const base = httpCall.base ?? httpCall.client?.base ?? null;
  return base ? stringValues(sourceCode, base) : null;
}

/**
 * The possible full URLs a call requests: its URL joined with any base (axios `baseURL`, got/ky
 * `prefixUrl`), or `node:http` host and path options put together.
 */
export function requestUrlValues(sourceCode: SourceCode, httpCall: HttpCall): readonly StringValue[] {
  if (httpCall.parts) {
    const { protocol, host, path } = httpCall.parts;
    const hosts = stringValues(sourceCode, host);
    const paths = path ? stringValues(sourceCode, path) : [{ segments: ['/'], head: null }];
    const protocolValue: StringValue = { segments: [`${protocol}//`], head: null };
    return hosts.flatMap((hostValue) => paths.map((pathValue) => concatValues(protocolValue, hostValue, pathValue)));
  }
  const urls = httpCall.url ? stringValues(sourceCode, httpCall.url) : null;
  const bases = baseValues(sourceCode, httpCall);
  if (!bases) return urls ?? [UNKNOWN_VALUE];
  const paths = urls ?? [null];
  return bases.flatMap((base) => paths.map((path) => joinBase(base, path)));
}
