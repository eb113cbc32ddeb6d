/**
 * Which calls send HTTP, and where their URL, base URL, method, body and headers are.
 *
 * Built once per file from the references to the HTTP libraries (global `fetch`, `node-fetch`,
 * `undici`, axios, got, ky, superagent, `request`, `node:http(s)`, `XMLHttpRequest`, jQuery, Angular's
 * `HttpClient`), found through scope with `ReferenceTracker`: an aliased import still counts, a local
 * function that shadows `fetch` does not. Client instances (`axios.create`, `got.extend`, `ky.create`)
 * are followed through the variables and class fields they are stored in. jsforce `Connection` options
 * and node-soap clients are recorded as API bases.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils, AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { StringValue } from './url-value';

import { enclosingClass, memberName, propertyValue, staticKeyName, variableOf } from './ast';
import { thisMemberReads } from './bindings';
import { concatValues, joinBase, objectLiteralOf, stringValues, UNKNOWN_VALUE } from './url-value';

const { ReferenceTracker } = ASTUtils;
const { CALL, CONSTRUCT } = ReferenceTracker;

type SourceCode = Readonly<TSESLint.SourceCode>;

export type HttpLibrary =
  | 'angular'
  | 'axios'
  | 'fetch'
  | 'got'
  | 'jquery'
  | 'ky'
  | 'node-http'
  | 'request'
  | 'superagent'
  | 'undici'
  | 'xhr';

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

/** A configured HTTP client: `axios.create({ baseURL })`, `got.extend({ prefixUrl })`, `ky.create(…)`. */
export interface HttpClient {
  readonly node: TSESTree.CallExpression;
  readonly library: 'axios' | 'got' | 'ky';
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
  readonly callByNode: ReadonlyMap<TSESTree.Node, HttpCall>;
}

/** How a call's arguments are laid out. */
type Shape =
  | 'angular'
  | 'axios-config'
  | 'axios-data'
  | 'axios-nodata'
  | 'axios-request'
  | 'fetch'
  | 'got'
  | 'got-method'
  | 'jquery-ajax'
  | 'jquery-method'
  | 'node-http'
  | 'request'
  | 'request-method'
  | 'superagent'
  | 'superagent-method'
  | 'undici-request';

type Info =
  | { readonly kind: 'call'; readonly library: HttpLibrary; readonly shape: Shape; readonly method?: string; readonly protocol?: string }
  | { readonly kind: 'client'; readonly library: 'axios' | 'got' | 'ky' }
  | { readonly kind: 'interceptors' }
  | { readonly kind: 'jsforce-connection' }
  | { readonly kind: 'jsforce-oauth2' }
  | { readonly kind: 'soap-client' }
  | { readonly kind: 'xhr' };

const AXIOS_NO_DATA = ['get', 'delete', 'head', 'options'];
const AXIOS_DATA = ['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm'];
const GOT_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'];
const SUPERAGENT_METHODS = ['get', 'post', 'put', 'patch', 'del', 'delete', 'head', 'options'];

type TraceMap = Record<string, unknown>;

function call(library: HttpLibrary, shape: Shape, method?: string, protocol?: string): TraceMap {
  const info: Info = { kind: 'call', library, shape, ...(method ? { method } : {}), ...(protocol ? { protocol } : {}) };
  return { [CALL]: info } as unknown as TraceMap;
}

function methods(names: readonly string[], library: HttpLibrary, shape: Shape): TraceMap {
  return Object.fromEntries(names.map((name) => [name, call(library, shape, name === 'del' ? 'DELETE' : name.replace(/Form$/u, '').toUpperCase())]));
}

function withDefault(map: TraceMap): TraceMap {
  // CommonJS builds expose the same API under `default` too (`require('axios').default`).
  return { ...map, default: map } as TraceMap;
}

function axiosMap(): TraceMap {
  return withDefault({
    ...call('axios', 'axios-config'),
    request: call('axios', 'axios-request'),
    ...methods(AXIOS_NO_DATA, 'axios', 'axios-nodata'),
    ...methods(AXIOS_DATA, 'axios', 'axios-data'),
    create: { [CALL]: { kind: 'client', library: 'axios' } } as unknown as TraceMap,
    interceptors: { response: { use: { [CALL]: { kind: 'interceptors' } } } } as unknown as TraceMap,
  } as TraceMap);
}

function gotLikeMap(library: 'got' | 'ky', factories: readonly string[]): TraceMap {
  return withDefault({
    ...call(library, 'got'),
    ...methods(GOT_METHODS, library, 'got-method'),
    ...Object.fromEntries(factories.map((name) => [name, { [CALL]: { kind: 'client', library } }])),
  } as TraceMap);
}

function nodeHttpMap(protocol: string): TraceMap {
  return {
    request: call('node-http', 'node-http', undefined, protocol),
    get: call('node-http', 'node-http', 'GET', protocol),
    default: {
      request: call('node-http', 'node-http', undefined, protocol),
      get: call('node-http', 'node-http', 'GET', protocol),
    },
  } as TraceMap;
}

function requestMap(): TraceMap {
  return withDefault({
    ...call('request', 'request'),
    ...methods(SUPERAGENT_METHODS, 'request', 'request-method'),
  } as TraceMap);
}

function jqueryMap(): TraceMap {
  return {
    ajax: call('jquery', 'jquery-ajax'),
    get: call('jquery', 'jquery-method', 'GET'),
    getJSON: call('jquery', 'jquery-method', 'GET'),
    post: call('jquery', 'jquery-method', 'POST'),
  } as TraceMap;
}

function jsforceMap(): TraceMap {
  const map = {
    Connection: { [CONSTRUCT]: { kind: 'jsforce-connection' } },
    OAuth2: { [CONSTRUCT]: { kind: 'jsforce-oauth2' } },
  } as unknown as TraceMap;
  return { ...map, default: map } as TraceMap;
}

const fetchCall = call('fetch', 'fetch');

const GLOBAL_MAP: TraceMap = {
  fetch: fetchCall,
  XMLHttpRequest: { [CONSTRUCT]: { kind: 'xhr' } } as unknown as TraceMap,
  $: jqueryMap(),
  jQuery: jqueryMap(),
  jsforce: jsforceMap(),
  axios: axiosMap(),
};

const MODULE_MAP: TraceMap = {
  'node-fetch': withDefault(fetchCall),
  'cross-fetch': withDefault({ ...fetchCall, fetch: fetchCall } as TraceMap),
  'isomorphic-fetch': withDefault(fetchCall),
  undici: { fetch: fetchCall, request: call('undici', 'undici-request') } as TraceMap,
  axios: axiosMap(),
  got: gotLikeMap('got', ['extend']),
  ky: gotLikeMap('ky', ['create', 'extend']),
  superagent: withDefault({ ...call('superagent', 'superagent'), ...methods(SUPERAGENT_METHODS, 'superagent', 'superagent-method') } as TraceMap),
  request: requestMap(),
  'request-promise': requestMap(),
  'request-promise-native': requestMap(),
  http: nodeHttpMap('http:'),
  'node:http': nodeHttpMap('http:'),
  https: nodeHttpMap('https:'),
  'node:https': nodeHttpMap('https:'),
  jquery: { ...jqueryMap(), default: jqueryMap() } as TraceMap,
  jsforce: jsforceMap(),
  '@jsforce/jsforce-node': jsforceMap(),
  soap: withDefault({
    createClient: { [CALL]: { kind: 'soap-client' } },
    createClientAsync: { [CALL]: { kind: 'soap-client' } },
  } as unknown as TraceMap),
};

const ANGULAR_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'jsonp']);

// ---------------------------------------------------------------------------------------------------

function argument(node: TSESTree.CallExpression | TSESTree.NewExpression, index: number): TSESTree.Expression | null {
  const value = node.arguments[index];
  return value && value.type !== AST_NODE_TYPES.SpreadElement ? value : null;
}

function staticString(sourceCode: SourceCode, node: TSESTree.Node | null): string | null {
  if (!node) return null;
  const values = stringValues(sourceCode, node);
  if (values.length !== 1) return null;
  const [value] = values;
  return value?.segments.length === 1 && typeof value.segments[0] === 'string' ? value.segments[0] : null;
}

interface Pieces {
  url?: TSESTree.Node | null;
  base?: TSESTree.Node | null;
  method?: string | null;
  body?: TSESTree.Node | null;
  headers?: TSESTree.Node | null;
  options?: TSESTree.ObjectExpression | null;
  parts?: HttpCall['parts'];
}

/** Reads url, method, body and headers from a request options object (axios/got/ky/fetch/request style). */
function fromOptions(sourceCode: SourceCode, options: TSESTree.ObjectExpression | null, bodyKeys: readonly string[]): Pieces {
  if (!options) return {};
  const method = staticString(sourceCode, propertyValue(options, 'method') ?? propertyValue(options, 'type'));
  let body: TSESTree.Node | null = null;
  for (const key of bodyKeys) body ??= propertyValue(options, key);
  return {
    options,
    method: method?.toUpperCase() ?? null,
    body,
    headers: propertyValue(options, 'headers'),
  };
}

function objectArgument(sourceCode: SourceCode, node: TSESTree.CallExpression, index: number): TSESTree.ObjectExpression | null {
  const value = argument(node, index);
  return value ? objectLiteralOf(sourceCode, value) : null;
}

const AXIOS_BODY = ['data'];
const GOT_BODY = ['json', 'body', 'form'];
const FETCH_BODY = ['body'];
const REQUEST_BODY = ['body', 'json', 'form', 'formData'];
const JQUERY_BODY = ['data'];

function readPieces(sourceCode: SourceCode, node: TSESTree.CallExpression, shape: Shape, presetMethod: string | undefined, protocol: string | undefined): Pieces {
  switch (shape) {
    case 'fetch':
    case 'undici-request': {
      const pieces = fromOptions(sourceCode, objectArgument(sourceCode, node, 1), FETCH_BODY);
      return { ...pieces, url: argument(node, 0), method: pieces.method ?? 'GET' };
    }
    case 'axios-config':
    case 'axios-request': {
      const first = objectArgument(sourceCode, node, 0);
      if (first || shape === 'axios-request') {
        const pieces = fromOptions(sourceCode, first, AXIOS_BODY);
        return { ...pieces, url: propertyValue(first, 'url'), base: propertyValue(first, 'baseURL'), method: pieces.method ?? 'GET' };
      }
      const options = objectArgument(sourceCode, node, 1);
      const pieces = fromOptions(sourceCode, options, AXIOS_BODY);
      return { ...pieces, url: argument(node, 0), base: propertyValue(options, 'baseURL'), method: pieces.method ?? 'GET' };
    }
    case 'axios-nodata':
    case 'axios-data': {
      const options = objectArgument(sourceCode, node, shape === 'axios-data' ? 2 : 1);
      const pieces = fromOptions(sourceCode, options, AXIOS_BODY);
      return {
        ...pieces,
        url: argument(node, 0),
        base: propertyValue(options, 'baseURL'),
        method: presetMethod ?? null,
        body: shape === 'axios-data' ? argument(node, 1) : null,
      };
    }
    case 'got':
    case 'got-method': {
      const first = objectArgument(sourceCode, node, 0);
      const options = first ?? objectArgument(sourceCode, node, 1);
      const pieces = fromOptions(sourceCode, options, GOT_BODY);
      return {
        ...pieces,
        url: first ? propertyValue(first, 'url') : argument(node, 0),
        base: propertyValue(options, 'prefixUrl'),
        method: presetMethod ?? pieces.method ?? 'GET',
      };
    }
    case 'request':
    case 'request-method': {
      const first = objectArgument(sourceCode, node, 0);
      const options = first ?? objectArgument(sourceCode, node, 1);
      const pieces = fromOptions(sourceCode, options, REQUEST_BODY);
      return {
        ...pieces,
        url: first ? (propertyValue(first, 'url') ?? propertyValue(first, 'uri')) : argument(node, 0),
        base: propertyValue(options, 'baseUrl'),
        method: presetMethod ?? pieces.method ?? 'GET',
      };
    }
    case 'superagent':
      return { url: argument(node, 1), method: staticString(sourceCode, argument(node, 0))?.toUpperCase() ?? null };
    case 'superagent-method':
      return { url: argument(node, 0), method: presetMethod ?? null };
    case 'node-http': {
      const first = argument(node, 0);
      const firstObject = objectArgument(sourceCode, node, 0);
      if (firstObject) {
        const pieces = fromOptions(sourceCode, firstObject, []);
        const host = propertyValue(firstObject, 'hostname') ?? propertyValue(firstObject, 'host');
        const explicitProtocol = staticString(sourceCode, propertyValue(firstObject, 'protocol'));
        return {
          ...pieces,
          method: presetMethod ?? pieces.method ?? 'GET',
          parts: host ? { protocol: explicitProtocol ?? protocol ?? 'https:', host, path: propertyValue(firstObject, 'path') } : null,
        };
      }
      const pieces = fromOptions(sourceCode, objectArgument(sourceCode, node, 1), []);
      return { ...pieces, url: first, method: presetMethod ?? pieces.method ?? 'GET' };
    }
    case 'jquery-ajax': {
      const first = objectArgument(sourceCode, node, 0);
      const settings = first ?? objectArgument(sourceCode, node, 1);
      const pieces = fromOptions(sourceCode, settings, JQUERY_BODY);
      return { ...pieces, url: first ? propertyValue(first, 'url') : argument(node, 0), method: pieces.method ?? 'GET' };
    }
    case 'jquery-method':
      return { url: argument(node, 0), method: presetMethod ?? null, body: argument(node, 1) };
    case 'angular': {
      if (presetMethod === 'REQUEST') {
        const options = objectArgument(sourceCode, node, 2);
        return { ...fromOptions(sourceCode, options, ['body']), url: argument(node, 1), method: staticString(sourceCode, argument(node, 0))?.toUpperCase() ?? null };
      }
      const withBody = presetMethod === 'POST' || presetMethod === 'PUT' || presetMethod === 'PATCH';
      const options = objectArgument(sourceCode, node, withBody ? 2 : 1);
      return {
        ...fromOptions(sourceCode, options, []),
        url: argument(node, 0),
        method: presetMethod ?? null,
        body: withBody ? argument(node, 1) : null,
      };
    }
    default:
      return {};
  }
}

function makeCall(
  sourceCode: SourceCode,
  node: TSESTree.CallExpression,
  library: HttpLibrary,
  shape: Shape,
  method: string | undefined,
  protocol: string | undefined,
  client: HttpClient | null,
): HttpCall {
  const pieces = readPieces(sourceCode, node, shape, method, protocol);
  return {
    node,
    library,
    url: pieces.url ?? null,
    base: pieces.base ?? null,
    client,
    method: pieces.method ?? null,
    body: pieces.body ?? null,
    headers: pieces.headers ?? null,
    options: pieces.options ?? null,
    parts: pieces.parts ?? null,
  };
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

function isInterceptorUse(read: TSESTree.Node): TSESTree.CallExpression | null {
  // api.interceptors.response.use(…)
  const interceptors = read.parent;
  if (interceptors?.type !== AST_NODE_TYPES.MemberExpression || memberName(interceptors) !== 'interceptors') return null;
  const response = interceptors.parent;
  if (response.type !== AST_NODE_TYPES.MemberExpression || memberName(response) !== 'response') return null;
  const use = response.parent;
  if (use.type !== AST_NODE_TYPES.MemberExpression || memberName(use) !== 'use') return null;
  return use.parent.type === AST_NODE_TYPES.CallExpression && use.parent.callee === use ? use.parent : null;
}

function clientCall(sourceCode: SourceCode, client: HttpClient, call: TSESTree.CallExpression, name: string | null): HttpCall | null {
  if (client.library === 'axios') {
    if (name === null) return makeCall(sourceCode, call, 'axios', 'axios-config', undefined, undefined, client);
    if (name === 'request') return makeCall(sourceCode, call, 'axios', 'axios-request', undefined, undefined, client);
    if (AXIOS_NO_DATA.includes(name)) return makeCall(sourceCode, call, 'axios', 'axios-nodata', name.toUpperCase(), undefined, client);
    if (AXIOS_DATA.includes(name)) return makeCall(sourceCode, call, 'axios', 'axios-data', name.replace(/Form$/u, '').toUpperCase(), undefined, client);
    return null;
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

/** The global object names `ReferenceTracker` follows by default (`window.fetch`, `globalThis.axios`). */
const GLOBAL_OBJECT_NAMES = ['global', 'globalThis', 'self', 'window'];
/** Every global name the tracker looks up: the tracked globals, `require`, and the global objects. */
const TRACKED_GLOBAL_NAMES = new Set([...Object.keys(GLOBAL_MAP), 'require', ...GLOBAL_OBJECT_NAMES]);

/**
 * Could this `require` reference load a module the tracker follows? A `require('name')` call with a
 * literal name outside MODULE_MAP cannot, nor can `require.resolve(…)`; anything else may.
 */
function mayRequireTracked(reference: TSESLint.Scope.Reference): boolean {
  const identifier = reference.identifier as TSESTree.Identifier;
  const parent = identifier.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) return false;
  if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== identifier) return true;
  const [first] = parent.arguments;
  return first?.type !== AST_NODE_TYPES.Literal || typeof first.value !== 'string' || Object.hasOwn(MODULE_MAP, first.value);
}

/** The global scope for `ReferenceTracker`, and which of its passes can find anything in this file. */
interface TrackedGlobals {
  readonly scope: TSESLint.Scope.Scope;
  /** A tracked global (`fetch`, `axios`, `$`…) or a global object (`window`…) is read. */
  readonly globals: boolean;
  /** A `require` call may load a tracked module, or a global object is read (`window.require`). */
  readonly modules: boolean;
}

/**
 * The global scope as `ReferenceTracker` should see it, holding only `names`. The tracker follows only
 * globals the config declares, but most flat configs declare none, so `fetch`, `require` or `$` used
 * without a `globals` setting would be missed. Undeclared names are added as variables holding their
 * unresolved references; a local binding of the same name resolves to that binding and never reaches
 * this list. Only the names asked for are copied: configs often declare a thousand globals.
 */
export function globalScopeFor(globalScope: TSESLint.Scope.Scope, names: ReadonlySet<string>): TSESLint.Scope.Scope {
  const set = new Map<string, TSESLint.Scope.Variable>();
  for (const name of names) {
    const variable = globalScope.set.get(name);
    if (variable) set.set(name, variable);
  }
  for (const reference of globalScope.through) {
    const { name } = reference.identifier as TSESTree.Identifier;
    if (!names.has(name) || globalScope.set.has(name)) continue;
    const variable = set.get(name);
    if (variable) variable.references.push(reference);
    else set.set(name, { name, defs: [], references: [reference], identifiers: [] } as unknown as TSESLint.Scope.Variable);
  }
  return Object.create(globalScope, { set: { value: set } }) as TSESLint.Scope.Scope;
}

/**
 * The tracker's global scope for the HTTP libraries, and which of its passes can find anything in this
 * file: most files send no HTTP, and for them this is the whole cost of the model.
 */
function trackedGlobals(globalScope: TSESLint.Scope.Scope): TrackedGlobals {
  const scope = globalScopeFor(globalScope, TRACKED_GLOBAL_NAMES);
  let globals = false;
  let modules = false;
  for (const [name, variable] of scope.set) {
    if (variable.references.length === 0) continue;
    if (name === 'require') modules ||= variable.references.some(mayRequireTracked);
    else {
      globals = true;
      if (GLOBAL_OBJECT_NAMES.includes(name)) modules = true;
    }
  }
  return { scope, globals, modules };
}

/** Which top-level imports and re-exports the file has, from one pass over its statements. */
function importedModules(program: TSESTree.Program): { readonly tracked: boolean; readonly angular: boolean } {
  let tracked = false;
  let angular = false;
  for (const statement of program.body) {
    if (
      statement.type !== AST_NODE_TYPES.ImportDeclaration &&
      statement.type !== AST_NODE_TYPES.ExportNamedDeclaration &&
      statement.type !== AST_NODE_TYPES.ExportAllDeclaration
    ) {
      continue;
    }
    const source = statement.source?.value;
    if (typeof source !== 'string') continue;
    if (Object.hasOwn(MODULE_MAP, source)) tracked = true;
    if (source === '@angular/common/http') angular = true;
  }
  return { tracked, angular };
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
  const oauth2Calls = new Map<TSESTree.NewExpression, TSESTree.CallExpression[]>();
  const seen = new Set<TSESTree.Node>();

  const add = (httpCall: HttpCall): void => {
    if (callByNode.has(httpCall.node)) return;
    calls.push(httpCall);
    callByNode.set(httpCall.node, httpCall);
    httpCall.client?.calls.push(httpCall);
  };

  const globalScope = sourceCode.scopeManager?.globalScope;
  const tracked = globalScope ? trackedGlobals(globalScope) : null;
  const tracker = tracked ? new ReferenceTracker(tracked.scope, { mode: 'legacy', globalObjectNames: GLOBAL_OBJECT_NAMES }) : null;
  const imports = importedModules(sourceCode.ast);
  // Each pass runs only when the file reads something it follows: most files send no HTTP at all.
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
        }
        break;
      case 'client': {
        if (node.type !== AST_NODE_TYPES.CallExpression) break;
        const options = objectArgument(sourceCode, node, 0);
        const client: HttpClient = {
          node,
          library: info.library,
          options,
          base: propertyValue(options, info.library === 'axios' ? 'baseURL' : 'prefixUrl'),
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
          const connection: JsforceConnection = { node, options: options ? objectLiteralOf(sourceCode, options) : null, calls: [] };
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

  const model: HttpModel = { calls, clients, connections, soapClients, responseInterceptors, oauth2Clients, oauth2Calls, callByNode };
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
