/**
 * Which calls refresh the Salesforce session or log in again, as far as the file shows it:
 * - an HTTP call to the OAuth token endpoint (token-responses.ts `isTokenRequest`);
 * - an HTTP call that posts a SOAP `login()` envelope;
 * - jsforce `login` / `loginBySoap` / `loginByOAuth2` / `authorize` on a `Connection`, and
 *   `refreshToken` / `requestToken` / `authenticate` on an `OAuth2` (or `conn.oauth2`);
 * - node-soap `client.login(…)` / `loginAsync(…)`;
 * - a call to a function written in the file that does one of these, directly or through other such
 *   functions (`refreshAccessToken()` that posts to `/services/oauth2/token`).
 * Names alone never count: `refresh()` imported from elsewhere is not known to refresh anything.
 * Built lazily, once per file, from the file's call graph (call-cycles.ts), only when a rule asks.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { FunctionNode } from '../core/call-targets';

import { enclosingFunction, memberName, unwrap } from '../core/ast';
import { mayRequestRefresh } from '../core/mentions';
import { identifierSources, thisMemberSources } from '../core/bindings';
import { calledFunction } from '../core/call-targets';
import { fileGraph } from './call-cycles';
import { addToList } from '../../util/collections';
import { httpCallAt, httpModel } from '../http/http-calls';
import { isSoapLoginEnvelope, loginHostSet } from '../http/salesforce';
import { isTokenRequest } from '../oauth/token-responses';
import { stringValues } from '../http/url-value';

type SourceCode = Readonly<TSESLint.SourceCode>;

const CONNECTION_LOGINS = new Set(['login', 'loginBySoap', 'loginByOAuth2', 'authorize']);
const OAUTH2_TOKENS = new Set(['refreshToken', 'requestToken', 'authenticate']);
const SOAP_LOGINS = new Set(['login', 'loginAsync']);

/**
 * The esquery selector for the calls whose method has a login or token name: the only calls other than
 * HTTP requests that refresh by themselves (`holdsDirectRefresh`), for a rule to collect as it goes.
 */
const REFRESH_NAMES = `/^(?:${[...new Set([...CONNECTION_LOGINS, ...OAUTH2_TOKENS, ...SOAP_LOGINS])].join('|')})$/u`;
export const REFRESH_NAMED_CALL_SELECTOR = `CallExpression[callee.type='MemberExpression'][callee.property.name=${REFRESH_NAMES}], CallExpression[callee.type='MemberExpression'][callee.property.value=${REFRESH_NAMES}]`;

interface RefreshModel {
  readonly functions: ReadonlySet<FunctionNode>;
}

const models = new WeakMap<SourceCode, RefreshModel>();
const DEFAULT_HOSTS = loginHostSet();

/** Do all the values an object expression may hold come from one of `creations`? */
function heldBy(sourceCode: SourceCode, node: TSESTree.Node, creations: ReadonlySet<TSESTree.Node>, depth = 0): boolean {
  if (depth > 4) return false;
  const target = unwrap(node);
  if (creations.has(target)) return true;
  let sources: readonly { kind: string; node?: TSESTree.Expression }[] | null = null;
  if (target.type === AST_NODE_TYPES.Identifier) sources = identifierSources(sourceCode, target);
  else if (target.type === AST_NODE_TYPES.MemberExpression) sources = thisMemberSources(sourceCode, target);
  if (!sources || sources.length === 0) return false;
  // `this.conn = null` (set-up, log-out, a reset before logging in again) holds no other client: a call
  // of `.login` on it cannot run, so it does not stand in the way.
  const held = sources.filter((source) => !(source.kind === 'expression' && source.node !== undefined && isNothing(source.node)));
  return held.length > 0 && held.every((source) => source.kind === 'expression' && source.node !== undefined && heldBy(sourceCode, source.node, creations, depth + 1));
}

/** `null`, `undefined` or `void 0`, written out. */
function isNothing(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal) return target.value === null && !('regex' in target && target.regex);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name === 'undefined';
  return target.type === AST_NODE_TYPES.UnaryExpression && target.operator === 'void';
}

function isSoapLoginBody(sourceCode: SourceCode, body: TSESTree.Node | null): boolean {
  if (!body) return false;
  return stringValues(sourceCode, body).some((value) => isSoapLoginEnvelope(value.segments.map((segment) => segment ?? '').join('')));
}

/** Is this call itself a token request or a login (not through a function of the file)? */
export function isDirectRefresh(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const model = httpModel(sourceCode);
  const httpCall = httpCallAt(sourceCode, call);
  if (httpCall) return isTokenRequest(sourceCode, DEFAULT_HOSTS, httpCall) || isSoapLoginBody(sourceCode, httpCall.body);
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(callee);
  if (name === null) return false;
  if (model.soapClients.some((client) => client.calls.includes(call))) return SOAP_LOGINS.has(name);
  if (CONNECTION_LOGINS.has(name) && model.connections.length > 0) {
    return heldBy(sourceCode, callee.object, new Set(model.connections.map((connection) => connection.node)));
  }
  if (OAUTH2_TOKENS.has(name)) {
    const object = unwrap(callee.object);
    // conn.oauth2.refreshToken(…)
    if (object.type === AST_NODE_TYPES.MemberExpression && memberName(object) === 'oauth2' && model.connections.length > 0) {
      return heldBy(sourceCode, object.object, new Set(model.connections.map((connection) => connection.node)));
    }
    return model.oauth2Clients.length > 0 && heldBy(sourceCode, object, new Set(model.oauth2Clients));
  }
  return false;
}

/**
 * Does any of `calls` (all the file's calls, or those `REFRESH_NAMED_CALL_SELECTOR` picks) refresh the
 * session by itself (`isDirectRefresh`)? HTTP calls are read from the
 * HTTP model's list (only when the text writes what a token request or a SOAP login needs) and the
 * others only when their method has a login or token name, so the question costs little in a file of
 * many calls.
 */
export function holdsDirectRefresh(sourceCode: SourceCode, calls: readonly TSESTree.CallExpression[], requestWords = mayRequestRefresh(sourceCode)): boolean {
  if (requestWords && httpModel(sourceCode).calls.some((httpCall) => isTokenRequest(sourceCode, DEFAULT_HOSTS, httpCall) || isSoapLoginBody(sourceCode, httpCall.body))) {
    return true;
  }
  return calls.some((call) => {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = memberName(callee);
    return name !== null && (CONNECTION_LOGINS.has(name) || OAUTH2_TOKENS.has(name) || SOAP_LOGINS.has(name)) && isDirectRefresh(sourceCode, call);
  });
}

function build(sourceCode: SourceCode): RefreshModel {
  const refreshing = new Set<FunctionNode>();
  /** callee function → the functions that call it */
  const callers = new Map<FunctionNode, Set<FunctionNode>>();
  // The file's graph (call-cycles.ts) has every call and the function each one runs, resolved once.
  const graph = fileGraph(sourceCode);
  const targets = new Map<TSESTree.CallExpression, FunctionNode[]>();
  for (const edges of graph.edges.values()) {
    for (const edge of edges) if (edge.binding === 'call') addToList(targets, edge.site, edge.to);
  }
  for (const call of graph.calls) {
    const owner = enclosingFunction(call);
    if (!owner) continue;
    if (isDirectRefresh(sourceCode, call)) {
      refreshing.add(owner);
      continue;
    }
    for (const target of targets.get(call) ?? []) {
      if (target === owner) continue;
      let set = callers.get(target);
      if (!set) {
        set = new Set();
        callers.set(target, set);
      }
      set.add(owner);
    }
  }
  const work = [...refreshing];
  while (work.length > 0) {
    const done = work.pop()!;
    for (const caller of callers.get(done) ?? []) {
      if (!refreshing.has(caller)) {
        refreshing.add(caller);
        work.push(caller);
      }
    }
  }
  return { functions: refreshing };
}

function refreshModel(sourceCode: SourceCode): RefreshModel {
  let model = models.get(sourceCode);
  if (!model) {
    model = build(sourceCode);
    models.set(sourceCode, model);
  }
  return model;
}

/** Does this call refresh the session or log in again (itself, or through a function written in the file)? */
export function isRefreshCall(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  if (isDirectRefresh(sourceCode, call)) return true;
  const target = calledFunction(sourceCode, call);
  return target !== null && refreshModel(sourceCode).functions.has(target);
}

/** Does a function written in the file refresh the session or log in again? */
export function isRefreshFunction(sourceCode: SourceCode, fn: FunctionNode): boolean {
  return refreshModel(sourceCode).functions.has(fn);
}
