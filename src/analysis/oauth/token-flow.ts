/**
 * Where each Salesforce token response goes: which of its fields are read, and whether it escapes
 * whole. Built once per file, forward from every token request: the HTTP calls to a Salesforce token
 * endpoint (`isTokenRequest`) and the jsforce `OAuth2#requestToken` / `refreshToken` / `authenticate`
 * calls. The parsed body is reached through the library's own steps: fetch, got and ky `.json()` (or
 * `.text()` then `JSON.parse`), axios `.data` and `{ data }`, got and superagent `.body`, undici
 * `request` `body.json()`, request-promise with `json: true`, and callbacks (`request(…, (err, res,
 * body) => …)`, `oauth2.requestToken(code, (err, tokens) => …)`). From there `object-flow` follows it.
 *
 * This answers forward what `token-responses` answers backward: `isTokenResponse` asks "is this
 * expression a token response?", `tokenResponseFlows` lists every token response with all its uses.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../util/node-types';

import type { HostsCache } from '../core/file-cache';
import type { HttpCall } from '../http/http-calls';
import type { FieldRead, FlowOutcome, FlowSpec, FlowStart, ObjectFlow } from '../core/object-flow';

import { isGlobalMethodCall, memberName, propertyValue, unwrap, variableOf } from '../core/ast';
import { calledFunction, returnedExpressions } from '../core/call-targets';
import { perFileAndHosts } from '../core/file-cache';
import { httpModel, instanceReads, requestUrlValues } from '../http/http-calls';
import { globalScopeFor, loadsModule, REQUIRE_NAMES } from '../http/libraries';
import { trackObject } from '../core/object-flow';
import { isSalesforceHost, isTokenPathText, urlEndpointKind } from '../http/salesforce';
import { INSTANCE_URL_FIELDS, isTokenRequest, TOKEN_FIELDS } from './token-responses';
import { parseUrl, stringValues } from '../http/url-value';
import { propertyTarget } from '../core/object-literals';
import { isAssertionValue, isTestCode, isTestStateVariable } from '../core/test-code';

const { ReferenceTracker } = ASTUtils;

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * What a tracked value is on its way to the token response: an HTTP response, an undici body stream,
 * the response text, or the parsed token response itself.
 */
export type TokenValueKind = 'access-token' | 'observable' | 'response' | 'undici-body' | 'text' | 'tokens' | 'xhr';

/** One Salesforce token response and everything the file does with it. */
export interface TokenResponseFlow extends ObjectFlow {
  /** The call that requests the token. */
  readonly origin: TSESTree.CallExpression;
  /** The names of the fields read. */
  readonly fields: ReadonlySet<string>;
}

export interface TokenFlows {
  readonly responses: readonly TokenResponseFlow[];
  /** The token response held by each expression that holds one. */
  readonly byHolder: ReadonlyMap<TSESTree.Node, TokenResponseFlow>;
  /** Each field read (by its node: member expression, destructuring property, `in` test) and its response. */
  readonly byRead: ReadonlyMap<TSESTree.Node, { readonly flow: TokenResponseFlow; readonly read: FieldRead }>;
}

const JSFORCE_TOKEN_METHODS = new Set(['requestToken', 'refreshToken', 'authenticate']);
/** superagent request builder methods: they return the same request. */
const SUPERAGENT_CHAIN = new Set(['send', 'type', 'set', 'query', 'field', 'accept', 'auth', 'timeout', 'retry', 'ok', 'attach', 'redirects']);

function isCallOf(member: TSESTree.MemberExpression | null, argumentCount: number): TSESTree.CallExpression | null {
  const parent = member?.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === member && parent.arguments.length === argumentCount ? parent : null;
}

/** `JSON.parse(x)` with the global `JSON`. */
function isJsonParse(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  return isGlobalMethodCall(sourceCode, call, 'JSON', 'parse');
}

/** `null`, `undefined` or `false`: what a parsing helper returns when the text does not parse. */
function isFailureValue(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && (node.value === null || node.value === false)) || (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined');
}

/**
 * A helper the file declares that parses the body it is given: every value it returns is `JSON.parse(…)`
 * or a `.json()` call (`const decode = async (res) => JSON.parse(await readAll(res))`), or a failure value
 * (`catch { return null; }`), and at least one parses.
 */
function parsesBody(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const fn = call.type === AST_NODE_TYPES.CallExpression ? calledFunction(sourceCode, call) : null;
  const returned = (fn ? returnedExpressions(sourceCode, fn) : []).map(unwrap).filter((value) => !isFailureValue(value));
  return (
    returned.length > 0 &&
    returned.every((value) => {
      if (value.type !== AST_NODE_TYPES.CallExpression) return false;
      if (isJsonParse(sourceCode, value)) return true;
      const callee = unwrap(value.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'json' && value.arguments.length === 0;
    })
  );
}

function specFor(sourceCode: SourceCode, library: HttpCall['library'] | 'jsforce'): FlowSpec<TokenValueKind> {
  return {
    object: 'tokens',
    carries: (kind) => kind === 'tokens' || kind === 'text',
    callback: (kind, name) => (kind === 'observable' && name === 'subscribe' ? 'tokens' : null),
    member(kind, name, member): FlowOutcome<TokenValueKind> {
      if (kind === 'observable') {
        // Angular HttpClient parses JSON bodies itself; `toPromise()` gives the body.
        const call = isCallOf(member, 0);
        if (call && name === 'toPromise') return { kind: 'tokens', node: call };
        return 'ignore';
      }
      if (kind === 'xhr') {
        if (name === 'responseText') return { kind: 'text' };
        if (name === 'response') return { kind: 'tokens' };
        return 'ignore';
      }
      // simple-oauth2's AccessToken: the token response is its `token`.
      if (kind === 'access-token') {
        if (name === 'token') return { kind: 'tokens' };
        const call = member?.parent;
        if (name === 'refresh' && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) return { kind: 'access-token', node: call };
        return 'ignore';
      }
      if (kind === 'undici-body') {
        const call = isCallOf(member, 0);
        if (call && name === 'json') return { kind: 'tokens', node: call };
        if (call && name === 'text') return { kind: 'text', node: call };
        return 'ignore';
      }
      if (kind !== 'response') return 'ignore';
      switch (library) {
        case 'fetch':
        case 'got':
        case 'ky': {
          const call = isCallOf(member, 0);
          if (call && name === 'json') return { kind: 'tokens', node: call };
          if (call && name === 'text') return { kind: 'text', node: call };
          if (library === 'got' && name === 'body') return { kind: 'tokens' };
          return 'ignore';
        }
        case 'axios':
          return name === 'data' ? { kind: 'tokens' } : 'ignore';
        case 'ofetch':
          // `ofetch.raw(…)`: the response, its parsed body in `_data`
          return name === '_data' ? { kind: 'tokens' } : 'ignore';
        case 'undici':
          return name === 'body' ? { kind: 'undici-body' } : 'ignore';
        case 'superagent': {
          if (name === 'body') return { kind: 'tokens' };
          if (name === 'text') return { kind: 'text' };
          const call = member?.parent;
          if (SUPERAGENT_CHAIN.has(name) && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
            return { kind: 'response', node: call };
          }
          return 'ignore';
        }
        default:
          return 'ignore';
      }
    },
    argument(kind, call, index): FlowOutcome<TokenValueKind> {
      if (kind === 'text' && index === 0 && isJsonParse(sourceCode, call)) return { kind: 'tokens', node: call };
      if (kind === 'observable' && index === 0 && isRxjsValueOf(sourceCode, call)) return { kind: 'tokens', node: call };
      if ((kind === 'response' || kind === 'text') && parsesBody(sourceCode, call)) return { kind: 'tokens', node: call };
      return 'escape';
    },
  };
}

function callbackOf(call: TSESTree.CallExpression): TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | null {
  const last = call.arguments.at(-1);
  return last?.type === AST_NODE_TYPES.ArrowFunctionExpression || last?.type === AST_NODE_TYPES.FunctionExpression ? last : null;
}

/** `firstValueFrom(observable)` / `lastValueFrom(observable)` imported from `rxjs`. */
function isRxjsValueOf(sourceCode: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = unwrap(call.callee);
  if (call.type !== AST_NODE_TYPES.CallExpression || callee.type !== AST_NODE_TYPES.Identifier) return false;
  const definition = variableOf(sourceCode, callee)?.defs[0];
  if (definition?.type !== 'ImportBinding' || definition.parent.type !== AST_NODE_TYPES.ImportDeclaration || definition.parent.source.value !== 'rxjs') return false;
  const imported = definition.node.type === AST_NODE_TYPES.ImportSpecifier ? definition.node.imported : null;
  const name = imported?.type === AST_NODE_TYPES.Identifier ? imported.name : null;
  return name === 'firstValueFrom' || name === 'lastValueFrom';
}

/** Where tracking starts for a token request sent with an HTTP library. */
function httpStarts(sourceCode: SourceCode, httpCall: HttpCall): FlowStart<TokenValueKind>[] {
  switch (httpCall.library) {
    case 'fetch':
    case 'axios':
    case 'got':
    case 'ky':
    case 'undici':
    case 'superagent':
      return [{ value: httpCall.node, kind: 'response' }];
    case 'jquery':
      return [{ value: httpCall.node, kind: 'tokens' }];
    case 'ofetch': {
      // `ofetch(…)` resolves to the parsed body, `ofetch.raw(…)` to the response.
      const callee = unwrap(httpCall.node.callee);
      const raw = callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'raw';
      return [{ value: httpCall.node, kind: raw ? 'response' : 'tokens' }];
    }
    case 'angular':
      return [{ value: httpCall.node, kind: 'observable' }];
    case 'xhr': {
      // `xhr.open(method, url)`: the response is read on the request object (`xhr.responseText`).
      const callee = unwrap(httpCall.node.callee);
      const request = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : null;
      const variable = request?.type === AST_NODE_TYPES.Identifier ? variableOf(sourceCode, request) : null;
      const name = variable?.defs.length === 1 ? variable.defs[0]?.name : undefined;
      return name ? [{ binding: name, kind: 'xhr' }] : [];
    }
    case 'request': {
      // request / request-promise parse the body only with `json: true`.
      const json = propertyValue(httpCall.options, 'json');
      const kind: TokenValueKind = json?.type === AST_NODE_TYPES.Literal && json.value === true ? 'tokens' : 'text';
      const callback = callbackOf(httpCall.node);
      if (!callback) return [{ value: httpCall.node, kind }];
      const body = callback.params[2];
      return body ? [{ binding: body, kind }] : [];
    }
    default:
      return [];
  }
}

/** The jsforce `OAuth2` token calls of the file. */
function jsforceTokenCalls(sourceCode: SourceCode): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  for (const client of httpModel(sourceCode).oauth2Clients) {
    for (const read of [client, ...instanceReads(sourceCode, client)]) {
      const member = read.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== read) continue;
      const name = memberName(member);
      const call = member.parent;
      if (name !== null && JSFORCE_TOKEN_METHODS.has(name) && call.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
        calls.push(call);
      }
    }
  }
  return calls;
}

function flowOf(sourceCode: SourceCode, origin: TSESTree.CallExpression, spec: FlowSpec<TokenValueKind>, starts: FlowStart<TokenValueKind>[]): TokenResponseFlow {
  const flow = trackObject(sourceCode, spec, starts);
  return { ...flow, origin, fields: new Set(flow.reads.map((read) => read.field)) };
}

const SIMPLE_OAUTH2_GRANTS = ['AuthorizationCode', 'ClientCredentials', 'ResourceOwnerPassword'];

/** Does a simple-oauth2 client config send its token requests to Salesforce (`auth.tokenHost`, `auth.tokenPath`)? */
function isSalesforceConfig(sourceCode: SourceCode, loginHosts: ReadonlySet<string>, config: TSESTree.Node | undefined): boolean {
  if (!config || config.type === AST_NODE_TYPES.SpreadElement) return false;
  const host = propertyTarget(sourceCode, config, ['auth', 'tokenHost']);
  const path = propertyTarget(sourceCode, config, ['auth', 'tokenPath']);
  if (!host) return false;
  const hosts = stringValues(sourceCode, host).map((value) => parseUrl(value)?.host ?? null);
  if (hosts.some((name) => name !== null && !isSalesforceHost(name, loginHosts))) return false;
  if (hosts.some((name) => name !== null)) return true;
  // A host the file does not tell: the Salesforce token path says whose it is.
  return path !== null && stringValues(sourceCode, path).some((value) => value.segments.length === 1 && isTokenPathText(value.segments[0]));
}

/** The `getToken` calls of simple-oauth2 grant clients configured for Salesforce. */
function simpleOAuth2TokenCalls(sourceCode: SourceCode, loginHosts: ReadonlySet<string>): TSESTree.CallExpression[] {
  const calls: TSESTree.CallExpression[] = [];
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (!globalScope) return calls;
  // `require` is a global nothing declares: the tracker needs it in the global scope's set.
  const tracker = new ReferenceTracker(globalScopeFor(globalScope, REQUIRE_NAMES), { mode: 'legacy' });
  const map = Object.fromEntries(SIMPLE_OAUTH2_GRANTS.map((name) => [name, { [ReferenceTracker.CONSTRUCT]: true }]));
  const references = [...tracker.iterateCjsReferences({ 'simple-oauth2': map }), ...tracker.iterateEsmReferences({ 'simple-oauth2': map })];
  for (const { node } of references) {
    if (node.type !== AST_NODE_TYPES.NewExpression || !isSalesforceConfig(sourceCode, loginHosts, node.arguments[0])) continue;
    for (const read of [node, ...instanceReads(sourceCode, node)]) {
      const member = read.parent;
      const call = member?.parent;
      if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === read && memberName(member) === 'getToken' && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
        calls.push(call);
      }
    }
  }
  return calls;
}

const cache: HostsCache<TokenFlows> = new WeakMap();

/** Every Salesforce token response in the file, with its field reads and escapes (computed once per file). */
export function tokenFlows(sourceCode: SourceCode, loginHosts: ReadonlySet<string>): TokenFlows {
  return perFileAndHosts(cache, sourceCode, loginHosts, () => {
    const responses: TokenResponseFlow[] = [];
    for (const httpCall of httpModel(sourceCode).calls) {
      if (!isTokenRequest(sourceCode, loginHosts, httpCall)) continue;
      const starts = httpStarts(sourceCode, httpCall);
      if (starts.length > 0) responses.push(flowOf(sourceCode, httpCall.node, specFor(sourceCode, httpCall.library), starts));
    }
    const jsforceSpec = specFor(sourceCode, 'jsforce');
    for (const call of jsforceTokenCalls(sourceCode)) {
      const callback = callbackOf(call);
      const result = callback?.params[1];
      const starts: FlowStart<TokenValueKind>[] = callback ? (result ? [{ binding: result, kind: 'tokens' }] : []) : [{ value: call, kind: 'tokens' }];
      responses.push(flowOf(sourceCode, call, jsforceSpec, starts));
    }
    if (loadsModule(sourceCode, 'simple-oauth2')) {
      for (const call of simpleOAuth2TokenCalls(sourceCode, loginHosts)) responses.push(flowOf(sourceCode, call, jsforceSpec, [{ value: call, kind: 'access-token' }]));
    }
    const byHolder = new Map<TSESTree.Node, TokenResponseFlow>();
    const byRead = new Map<TSESTree.Node, { flow: TokenResponseFlow; read: FieldRead }>();
    for (const flow of responses) {
      for (const holder of flow.holders) if (!byHolder.has(holder)) byHolder.set(holder, flow);
      for (const read of flow.reads) if (!byRead.has(read.node)) byRead.set(read.node, { flow, read });
    }
    return { responses, byHolder, byRead };
  });
}

/** The token response an expression holds, if it holds one. */
export function tokenResponseHeldBy(sourceCode: SourceCode, loginHosts: ReadonlySet<string>, node: TSESTree.Node): TokenResponseFlow | null {
  return tokenFlows(sourceCode, loginHosts).byHolder.get(node) ?? null;
}

/** Does the code read the instance URL (`instance_url` or `api_instance_url`) of this response? */
export function readsInstanceUrl(flow: TokenResponseFlow): boolean {
  return INSTANCE_URL_FIELDS.some((field) => flow.fields.has(field));
}

/** The reads of its credentials (`access_token`, `refresh_token`), in source order. */
export function tokenReads(flow: TokenResponseFlow): TokenResponseFlow['reads'] {
  return flow.reads
    .filter((read) => (TOKEN_FIELDS as readonly string[]).includes(read.field))
    .toSorted((a, b) => a.node.range[0] - b.node.range[0]);
}

/** Does the whole response leave what the file shows (returned, stored, passed on, spread)? */
export function escapesWhole(flow: TokenResponseFlow): boolean {
  return flow.escapes.length > 0;
}

/**
 * Where the value of a field read ends up: the member expression itself, or every read of the name it
 * is stored in (`const { access_token } = …`, `const token = tokens.access_token`). Null when the name is
 * not a plain identifier.
 */
export function fieldValueUses(sourceCode: SourceCode, read: FieldRead): TSESTree.Node[] | null {
  let binding: TSESTree.Node | null = null;
  if (read.node.type === AST_NODE_TYPES.Property) {
    binding = read.node.value.type === AST_NODE_TYPES.AssignmentPattern ? read.node.value.left : read.node.value;
  } else if (read.node.type === AST_NODE_TYPES.MemberExpression) {
    const parent = read.node.parent;
    if (parent.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== read.node) return [read.node];
    binding = parent.id;
  }
  if (binding?.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, binding);
  return variable ? variable.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier as TSESTree.Node) : null;
}

/** The HTTP call whose arguments (URL, headers, body, options) an expression is written in. */
function enclosingHttpCall(sourceCode: SourceCode, node: TSESTree.Node): HttpCall | null {
  const { callByNode } = httpModel(sourceCode);
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression && current.callee !== child) {
      const httpCall = callByNode.get(current);
      if (httpCall) return httpCall;
    }
    if (/(?:Statement|Declaration|Declarator|Function(?:Expression)?)$/u.test(current.type)) return null;
  }
  return null;
}

const AUTH_ENDPOINTS = new Set(['oauth', 'identity', 'openid']);

/**
 * Is every use of this credential read a request to an OAuth or identity endpoint (userinfo, revoke,
 * introspect, `/id/…`, or the response's own `id` URL)? Such code signs a user in; it calls no data API
 * and has no use for `instance_url`.
 */
export function usedOnlyForAuth(sourceCode: SourceCode, flow: TokenResponseFlow, read: FieldRead): boolean {
  const uses = testStateUses(sourceCode, read) ?? fieldValueUses(sourceCode, read);
  if (!uses || uses.length === 0) return false;
  const idReads = new Set(flow.reads.filter((candidate) => candidate.field === 'id').flatMap((candidate) => fieldValueUses(sourceCode, candidate) ?? []));
  const oauth2Calls = new Set([...httpModel(sourceCode).oauth2Calls.values()].flat());
  return uses.every((use) => {
    // `oauth2.refreshToken(token)`: the refresh gives a new token response, checked on its own.
    const parent = use.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee !== use && oauth2Calls.has(parent)) return true;
    const httpCall = enclosingHttpCall(sourceCode, use);
    // A test that only checks the token it was given.
    if (!httpCall) return isTestCode(sourceCode) && isAssertionValue(sourceCode, use);
    if (httpCall.url && idReads.has(unwrap(httpCall.url))) return true;
    const urls = requestUrlValues(sourceCode, httpCall).map(parseUrl);
    return urls.length > 0 && urls.every((url) => url !== null && AUTH_ENDPOINTS.has(urlEndpointKind(url)));
  });
}

/**
 * A credential read copied into a test's own state (`refreshToken = res.refresh_token` in a test, with
 * `let refreshToken` declared in the suite): the reads of that variable. Null otherwise.
 */
function testStateUses(sourceCode: SourceCode, read: FieldRead): TSESTree.Node[] | null {
  if (read.node.type !== AST_NODE_TYPES.MemberExpression) return null;
  let value: TSESTree.Node = read.node;
  while (value.parent && (value.parent.type === AST_NODE_TYPES.TSNonNullExpression || value.parent.type === AST_NODE_TYPES.TSAsExpression)) value = value.parent;
  const assignment = value.parent;
  if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.right !== value || assignment.left.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, assignment.left);
  if (!variable || !isTestStateVariable(sourceCode, variable)) return null;
  return variable.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier as TSESTree.Node);
}

/** A value that is a token response field: which read it comes from, and the member expression when it is one. */
export interface TokenFieldSource {
  readonly flow: TokenResponseFlow;
  readonly read: FieldRead;
  /** `tokens.access_token`, written at the value or in the initializer of the constant holding it. */
  readonly member: TSESTree.MemberExpression | null;
}

/**
 * Which token response field a value holds: `tokens.access_token`, a name destructured from a token
 * response (`{ access_token }`, `{ access_token: token }`), or a constant initialised from a field read.
 */
export function tokenFieldSource(sourceCode: SourceCode, loginHosts: ReadonlySet<string>, value: TSESTree.Node): TokenFieldSource | null {
  const { byRead } = tokenFlows(sourceCode, loginHosts);
  const target = unwrap(value);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const found = byRead.get(target);
    return found ? { ...found, member: target } : null;
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = variableOf(sourceCode, target);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Variable') return null;
  const name = definition.name as TSESTree.Node;
  const property = name.parent?.type === AST_NODE_TYPES.AssignmentPattern ? name.parent.parent : name.parent;
  if (property?.type === AST_NODE_TYPES.Property) {
    const found = byRead.get(property);
    return found ? { ...found, member: null } : null;
  }
  const declarator = definition.node;
  const init = declarator.id === name && declarator.init ? unwrap(declarator.init) : null;
  const writes = variable?.references.filter((reference) => reference.isWrite()).length ?? 0;
  if (init?.type !== AST_NODE_TYPES.MemberExpression || writes !== 1) return null;
  const found = byRead.get(init);
  return found ? { ...found, member: init } : null;
}
