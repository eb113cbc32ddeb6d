/**
 * Which HTTP libraries a file uses, and how each library's calls are laid out: the `ReferenceTracker`
 * maps of globals and modules (fetch, node-fetch, undici, axios, got, ky, ofetch, superagent, request,
 * node:http(s), XMLHttpRequest, jQuery, jsforce, node-soap), the Angular `HttpClient` methods, and the
 * cheap first look that tells whether a file can reach any of them at all.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../util/node-types';
import { importedName, valueSpecifiers } from '../core/ast';

const { ReferenceTracker } = ASTUtils;
const { CALL, CONSTRUCT } = ReferenceTracker;

export type HttpLibrary =
  | 'angular'
  | 'axios'
  | 'fetch'
  | 'got'
  | 'jquery'
  | 'ky'
  | 'node-http'
  | 'ofetch'
  | 'request'
  | 'superagent'
  | 'undici'
  | 'xhr';

/** How a call's arguments are laid out. */
export type Shape =
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
  | 'ofetch'
  | 'request'
  | 'request-method'
  | 'superagent'
  | 'superagent-method'
  | 'undici-request';

export type Info =
  | { readonly kind: 'call'; readonly library: HttpLibrary; readonly shape: Shape; readonly method?: string; readonly protocol?: string }
  | { readonly kind: 'client'; readonly library: ClientLibrary }
  | { readonly kind: 'interceptors' }
  | { readonly kind: 'jsforce-connection'; readonly legacy?: boolean }
  | { readonly kind: 'jsforce-oauth2' }
  | { readonly kind: 'sfcore-auth-info' }
  | { readonly kind: 'nforce-connection' }
  | { readonly kind: 'soap-client' }
  | { readonly kind: 'xhr' };

/** The libraries whose clients carry their own base and hooks: `axios.create`, `got.extend`, `ky.create`, `ofetch.create`. */
export type ClientLibrary = 'axios' | 'got' | 'ky' | 'ofetch';

export const AXIOS_NO_DATA = ['get', 'delete', 'head', 'options'];
export const AXIOS_DATA = ['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm'];
export const GOT_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'];
const SUPERAGENT_METHODS = ['get', 'post', 'put', 'patch', 'del', 'delete', 'head', 'options'];

export type TraceMap = Record<string, unknown>;

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

/**
 * ofetch (and Nuxt's global `$fetch`, the same function): `ofetch(url, options)` resolves to the parsed
 * body, `ofetch.raw` to the response, `ofetch.native` is the platform's fetch, `ofetch.create(defaults)`
 * makes a client.
 */
function ofetchMap(): TraceMap {
  return {
    ...call('ofetch', 'ofetch'),
    raw: call('ofetch', 'ofetch'),
    native: call('fetch', 'fetch'),
    create: { [CALL]: { kind: 'client', library: 'ofetch' } },
  } as unknown as TraceMap;
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

function jsforceMap(legacy = false): TraceMap {
  const map = {
    Connection: { [CONSTRUCT]: legacy ? { kind: 'jsforce-connection', legacy } : { kind: 'jsforce-connection' } },
    OAuth2: { [CONSTRUCT]: { kind: 'jsforce-oauth2' } },
  } as unknown as TraceMap;
  return { ...map, default: map } as TraceMap;
}

/** `@salesforce/core`: `AuthInfo.create(options)`, whose `accessTokenOptions` name the org's hosts. */
function sfcoreMap(): TraceMap {
  const map = { AuthInfo: { create: { [CALL]: { kind: 'sfcore-auth-info' } } } } as unknown as TraceMap;
  return { ...map, default: map } as TraceMap;
}

/** nforce (and its fork nforce8): `nforce.createConnection(options)` makes the org connection. */
function nforceMap(): TraceMap {
  const map = { createConnection: { [CALL]: { kind: 'nforce-connection' } } } as unknown as TraceMap;
  return { ...map, default: map } as TraceMap;
}

const fetchCall = call('fetch', 'fetch');

export const GLOBAL_MAP: TraceMap = {
  fetch: fetchCall,
  XMLHttpRequest: { [CONSTRUCT]: { kind: 'xhr' } } as unknown as TraceMap,
  $: jqueryMap(),
  jQuery: jqueryMap(),
  jsforce: jsforceMap(),
  axios: axiosMap(),
  $fetch: ofetchMap(),
};

export const MODULE_MAP: TraceMap = {
  'node-fetch': withDefault(fetchCall),
  'cross-fetch': withDefault({ ...fetchCall, fetch: fetchCall } as TraceMap),
  'isomorphic-fetch': withDefault(fetchCall),
  undici: { fetch: fetchCall, request: call('undici', 'undici-request') } as TraceMap,
  axios: axiosMap(),
  got: gotLikeMap('got', ['extend']),
  ky: gotLikeMap('ky', ['create', 'extend']),
  ofetch: { ofetch: ofetchMap(), $fetch: ofetchMap() } as TraceMap,
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
  '@salesforce/core': sfcoreMap(),
  nforce: nforceMap(),
  nforce8: nforceMap(),
  // jsforce's predecessor: the same Connection, but `login()` installs no re-login of its own.
  'node-salesforce': jsforceMap(true),
  soap: withDefault({
    createClient: { [CALL]: { kind: 'soap-client' } },
    createClientAsync: { [CALL]: { kind: 'soap-client' } },
  } as unknown as TraceMap),
};

export const ANGULAR_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'jsonp']);

/** The global object names `ReferenceTracker` follows by default (`window.fetch`, `globalThis.axios`). */
export const GLOBAL_OBJECT_NAMES = ['global', 'globalThis', 'self', 'window'];
/** The global name a tracker of modules loaded with `require` looks up. */
export const REQUIRE_NAMES: ReadonlySet<string> = new Set(['require']);

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
export interface TrackedGlobals {
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
  const unresolved = unresolvedByName(globalScope, names);
  for (const name of names) {
    const variable = globalScope.set.get(name);
    const references = unresolved.get(name);
    // A name the config declares has its references already (`through` holds only undeclared ones).
    if (variable) {
      set.set(name, variable);
    } else if (references) {
      set.set(name, { name, defs: [], references, identifiers: [] } as unknown as TSESLint.Scope.Variable);
    }
  }
  // What ReferenceTracker and eslint-utils' findVariable read of a scope. A plain object: one made with
  // `Object.create(globalScope)` turns the file's global scope into a prototype, which costs V8 more than
  // the rest of this function together.
  return { set, block: globalScope.block, childScopes: globalScope.childScopes, upper: null, type: globalScope.type } as unknown as TSESLint.Scope.Scope;
}

const unresolvedCache = new WeakMap<TSESLint.Scope.Scope, Map<ReadonlySet<string>, Map<string, TSESLint.Scope.Reference[]>>>();

/**
 * The global scope's unresolved references (`through`) to `names` that the config does not declare, by
 * name: read once per file and list of names (the analyses ask with a few fixed lists). Only the names
 * asked for are kept: a file reads dozens of other globals (`console`, `Promise`, `JSON`…).
 */
function unresolvedByName(globalScope: TSESLint.Scope.Scope, names: ReadonlySet<string>): ReadonlyMap<string, TSESLint.Scope.Reference[]> {
  let byNames = unresolvedCache.get(globalScope);
  if (!byNames) {
    byNames = new Map();
    unresolvedCache.set(globalScope, byNames);
  }
  let byName = byNames.get(names);
  if (byName) return byName;
  byName = new Map();
  // Indexed loops here and over the top-level statements below: they run once per file, mostly before
  // V8 has optimised them, where `for … of` pays for the iterator protocol on every item.
  const { through } = globalScope;
  for (let index = 0; index < through.length; index += 1) {
    const reference = through[index]!;
    const { name } = reference.identifier as TSESTree.Identifier;
    if (!names.has(name) || globalScope.set.has(name)) continue;
    const list = byName.get(name);
    if (list) list.push(reference);
    else byName.set(name, [reference]);
  }
  byNames.set(names, byName);
  return byName;
}

/**
 * The tracker's global scope for the HTTP libraries, and which of its passes can find anything in this
 * file: most files send no HTTP, and for them this is the whole cost of the model.
 */
export function trackedGlobals(globalScope: TSESLint.Scope.Scope): TrackedGlobals {
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

/**
 * Does the file import, re-export or `require('…')` the module `name`? From its top-level statements
 * and the references of `require`: a look that touches no text and no other node.
 */
export function loadsModule(sourceCode: Readonly<TSESLint.SourceCode>, name: string): boolean {
  const { body } = sourceCode.ast;
  for (let index = 0; index < body.length; index += 1) {
    const statement = body[index]!;
    if (
      (statement.type === AST_NODE_TYPES.ImportDeclaration || statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportAllDeclaration) &&
      statement.source?.value === name
    ) {
      return true;
    }
  }
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return false;
  const requires = globalScope.set.get('require')?.references ?? unresolvedByName(globalScope, REQUIRE_NAMES).get('require') ?? [];
  return requires.some((reference) => {
    const identifier = reference.identifier as TSESTree.Identifier;
    const call = identifier.parent;
    const [first] = call?.type === AST_NODE_TYPES.CallExpression && call.callee === identifier ? call.arguments : [];
    return first?.type === AST_NODE_TYPES.Literal && first.value === name;
  });
}

/**
 * Could an import of a tracked module bring in something the tracker follows? A type-only import cannot;
 * a named import only when its name is in the module's trace map (`import { Connection } from 'jsforce'`,
 * not `import { Record } from 'jsforce'`); a default or namespace import always can.
 */
function importsTracked(statement: TSESTree.ImportDeclaration, map: TraceMap): boolean {
  return valueSpecifiers(statement).some((specifier) => {
    const name = importedName(specifier);
    // The tracker (legacy mode) reads a module's `default` as the whole module.
    return name === '*' || name === 'default' || Object.hasOwn(map, name);
  });
}

/**
 * Which top-level imports and re-exports the file has, from one pass over its statements: `tracked` when
 * one may bring in what MODULE_MAP follows (the tracker's ES module pass can find something).
 */
export function importedModules(program: TSESTree.Program): { readonly tracked: boolean; readonly angular: boolean } {
  let tracked = false;
  let angular = false;
  const { body } = program;
  for (let index = 0; index < body.length; index += 1) {
    const statement = body[index]!;
    if (
      statement.type !== AST_NODE_TYPES.ImportDeclaration &&
      statement.type !== AST_NODE_TYPES.ExportNamedDeclaration &&
      statement.type !== AST_NODE_TYPES.ExportAllDeclaration
    ) {
      continue;
    }
    const source = statement.source?.value;
    if (typeof source !== 'string') continue;
    if (source === '@angular/common/http') angular = true;
    if (tracked || !Object.hasOwn(MODULE_MAP, source)) continue;
    tracked = statement.type !== AST_NODE_TYPES.ImportDeclaration || importsTracked(statement, MODULE_MAP[source] as TraceMap);
  }
  return { tracked, angular };
}
