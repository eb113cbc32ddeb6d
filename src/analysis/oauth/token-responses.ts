/**
 * Salesforce OAuth token requests and the values that hold their responses.
 *
 * A token request is an HTTP call to `/services/oauth2/token` on a Salesforce host (a login host, a My
 * Domain host), or on a base nothing in the file tells, but never on another provider's host. A token
 * response is the parsed body of such a call, found by reading an expression backwards: `await
 * res.json()`, `.then(r => r.json())`, axios `res.data` and `{ data }`, got and ky `.json()`, got
 * `body`; and jsforce `OAuth2#requestToken` / `refreshToken` / `authenticate` results. Every question is
 * answered from the expression itself and cached, so asking at each use costs no walk of the file.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { HttpCall } from '../http/http-calls';
import type { ValueSource } from '../core/bindings';

import { memberName, unwrap, variableOf } from '../core/ast';
import { identifierSources } from '../core/bindings';
import { httpCallAt, httpModel, requestUrlValues } from '../http/http-calls';
import { isSalesforceHost, isTokenPath, isTokenPathText } from '../http/salesforce';
import { parseUrl } from '../http/url-value';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Token response fields that carry the org's API host. */
export const INSTANCE_URL_FIELDS = ['instance_url', 'api_instance_url'] as const;
/** Token response fields that carry credentials. */
export const TOKEN_FIELDS = ['access_token', 'refresh_token'] as const;

const MAX_DEPTH = 16;

/** Is this HTTP call a request to a Salesforce token endpoint? */
export function isTokenRequest(sourceCode: SourceCode, loginHosts: ReadonlySet<string>, httpCall: HttpCall): boolean {
  let token = false;
  for (const value of requestUrlValues(sourceCode, httpCall)) {
    const url = parseUrl(value);
    if (!url) {
      // `${base}/services/oauth2/token`: a base nothing in the file tells, with the token path.
      if (value.segments[0] === null && isTokenPathText(value.segments[1])) token = true;
      continue;
    }
    if (url.host !== null && !isSalesforceHost(url.host, loginHosts)) return false;
    if (isTokenPath(url)) token = true;
  }
  return token;
}

const JSFORCE_TOKEN_METHODS = new Set(['requestToken', 'refreshToken', 'authenticate']);

interface State {
  readonly loginHosts: ReadonlySet<string>;
  readonly bodies: WeakMap<TSESTree.Node, boolean>;
  readonly responses: WeakMap<TSESTree.Node, HttpCall | null>;
}

const states = new WeakMap<SourceCode, Map<string, State>>();

function stateFor(sourceCode: SourceCode, loginHosts: ReadonlySet<string>): State {
  let byHosts = states.get(sourceCode);
  if (!byHosts) {
    byHosts = new Map();
    states.set(sourceCode, byHosts);
  }
  const key = [...loginHosts].sort().join(',');
  let state = byHosts.get(key);
  if (!state) {
    state = { loginHosts, bodies: new WeakMap(), responses: new WeakMap() };
    byHosts.set(key, state);
  }
  return state;
}

/** For a name that reads the parameter of `promise.then(callback)`, the promise whose value it receives. */
function thenPromiseOf(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESTree.Expression | null {
  const variable = variableOf(sourceCode, identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type !== 'Parameter' || definition.name.type !== AST_NODE_TYPES.Identifier) return null;
  const parameter = definition.name;
  const callback = parameter.parent;
  if (
    !callback ||
    (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback.type !== AST_NODE_TYPES.FunctionExpression) ||
    callback.params[0] !== parameter
  ) {
    return null;
  }
  const then = callback.parent;
  if (then.type !== AST_NODE_TYPES.CallExpression || then.arguments[0] !== callback) return null;
  const callee = unwrap(then.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'then') return null;
  return callee.object;
}

/** The value a `.then` callback returns, for chains such as `fetch(u).then(r => r.json()).then(b => …)`. */
function promiseValue(node: TSESTree.Node): TSESTree.Node | null {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = unwrap(target.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'then') return null;
  const callback = target.arguments[0];
  if (callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression || callback.body.type === AST_NODE_TYPES.BlockStatement) return null;
  return callback.body;
}

/** The token request whose HTTP response an expression holds (a Response, not yet its body). */
function responseOf(sourceCode: SourceCode, state: State, node: TSESTree.Node, depth: number): HttpCall | null {
  if (depth > MAX_DEPTH) return null;
  const target = unwrap(node);
  if (state.responses.has(target)) return state.responses.get(target) ?? null;
  state.responses.set(target, null);
  let result: HttpCall | null = null;
  if (target.type === AST_NODE_TYPES.AwaitExpression) result = responseOf(sourceCode, state, target.argument, depth + 1);
  else if (target.type === AST_NODE_TYPES.CallExpression) {
    const httpCall = httpCallAt(sourceCode, target);
    if (httpCall && isTokenRequest(sourceCode, state.loginHosts, httpCall)) result = httpCall;
  } else if (target.type === AST_NODE_TYPES.Identifier) {
    result = fromSources(identifierSources(sourceCode, target), (source) => responseOf(sourceCode, state, source, depth + 1));
    if (!result) {
      const promise = thenPromiseOf(sourceCode, target);
      if (promise) result = responseOf(sourceCode, state, promise, depth + 1);
    }
  }
  state.responses.set(target, result);
  return result;
}

/** All expression sources agree on one answer (and there is at least one). */
function fromSources<T>(sources: readonly ValueSource[], answer: (node: TSESTree.Expression) => T | null): T | null {
  let result: T | null = null;
  for (const source of sources) {
    if (source.kind !== 'expression') return null;
    const value = answer(source.node);
    if (value === null) return null;
    result ??= value;
  }
  return result;
}

/** Does the expression evaluate to the parsed body of a response from this token request? */
function bodyOf(sourceCode: SourceCode, state: State, node: TSESTree.Node, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const target = unwrap(node);
  const cached = state.bodies.get(target);
  if (cached !== undefined) return cached;
  state.bodies.set(target, false);
  let result = false;
  switch (target.type) {
    case AST_NODE_TYPES.AwaitExpression:
      result = bodyOf(sourceCode, state, target.argument, depth + 1);
      break;
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(target.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(callee);
        // fetch / undici / got / ky: `res.json()`, `got.post(…).json()`, `ky.post(…).json()`
        if (name === 'json' && target.arguments.length === 0) {
          result = responseOf(sourceCode, state, callee.object, depth + 1) !== null;
        } else if (name !== null && JSFORCE_TOKEN_METHODS.has(name)) {
          result = isJsforceOAuth2(sourceCode, callee.object);
        }
      }
      const chained = promiseValue(target);
      if (!result && chained) result = bodyOf(sourceCode, state, chained, depth + 1);
      break;
    }
    case AST_NODE_TYPES.MemberExpression: {
      // axios `res.data`, got `res.body` (with responseType: 'json')
      const name = memberName(target);
      if (name === 'data' || name === 'body') {
        const request = responseOf(sourceCode, state, target.object, depth + 1);
        result = request !== null && (request.library === 'axios' ? name === 'data' : request.library === 'got' && name === 'body');
      }
      break;
    }
    case AST_NODE_TYPES.Identifier: {
      const sources = identifierSources(sourceCode, target);
      result =
        sources.length > 0 &&
        sources.every((source) => {
          if (source.kind === 'expression') return bodyOf(sourceCode, state, source.node, depth + 1);
          if (source.kind === 'property' && source.path.length === 1) {
            const [name] = source.path;
            const request = responseOf(sourceCode, state, source.object, depth + 1);
            return request !== null && ((request.library === 'axios' && name === 'data') || (request.library === 'got' && name === 'body'));
          }
          return false;
        });
      if (!result) {
        const promise = thenPromiseOf(sourceCode, target);
        if (promise) result = bodyOf(sourceCode, state, promise, depth + 1);
      }
      break;
    }
    default:
      break;
  }
  state.bodies.set(target, result);
  return result;
}

function isJsforceOAuth2(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const clients = httpModel(sourceCode).oauth2Clients;
  const target = unwrap(node);
  if (clients.includes(target as TSESTree.NewExpression)) return true;
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const sources = identifierSources(sourceCode, target);
  return sources.length > 0 && sources.every((source) => source.kind === 'expression' && clients.includes(unwrap(source.node) as TSESTree.NewExpression));
}

/** Does `node` hold a Salesforce token response (the parsed body)? */
export function isTokenResponse(sourceCode: SourceCode, loginHosts: ReadonlySet<string>, node: TSESTree.Node): boolean {
  return bodyOf(sourceCode, stateFor(sourceCode, loginHosts), node, 0);
}

/**
 * A read of a token response field: `tokens.access_token`, or a name destructured from a token
 * response (`const { access_token } = await res.json()`).
 */
export interface TokenFieldRead {
  readonly field: string;
  /** The expression holding the whole response, for `tokens.access_token`. */
  readonly response: TSESTree.Node | null;
  /** The destructuring pattern the name came from, for `{ access_token }`. */
  readonly pattern: TSESTree.ObjectPattern | null;
}

/** What token field an expression reads, if any. */
export function tokenFieldRead(
  sourceCode: SourceCode,
  loginHosts: ReadonlySet<string>,
  node: TSESTree.Node,
): TokenFieldRead | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const field = memberName(target);
    if (field !== null && isTokenResponse(sourceCode, loginHosts, target.object)) {
      return { field, response: target.object, pattern: null };
    }
    return null;
  }
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const sources = identifierSources(sourceCode, target);
  const [source] = sources;
  if (sources.length !== 1 || source?.kind !== 'property' || source.path.length !== 1) return null;
  if (!isTokenResponse(sourceCode, loginHosts, source.object)) return null;
  const declarator = source.object.parent;
  const pattern = declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.id.type === AST_NODE_TYPES.ObjectPattern ? declarator.id : null;
  return { field: source.path[0]!, response: null, pattern };
}

const INSTANCE_URL_NAMES = new Set(['instance_url', 'instanceUrl', 'api_instance_url']);

/**
 * Bindings in scope at `node` that hold an instance URL: a name destructured from an `instance_url` /
 * `instanceUrl` field, a name initialised from `x.instance_url` / `x.instanceUrl`, or a parameter called
 * `instanceUrl` / `instance_url`. Only bindings declared before `node` count.
 */
export function instanceUrlBindings(sourceCode: SourceCode, node: TSESTree.Node): TSESLint.Scope.Variable[] {
  const found: TSESLint.Scope.Variable[] = [];
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(node); scope; scope = scope.upper) {
    for (const variable of scope.variables) {
      const [definition] = variable.defs;
      if (variable.defs.length !== 1 || !definition || definition.name.range[1] > node.range[0]) continue;
      if (definition.type === 'Parameter') {
        if (INSTANCE_URL_NAMES.has(variable.name)) found.push(variable);
        continue;
      }
      if (definition.type !== 'Variable') continue;
      const [source] = identifierSources(sourceCode, definition.name as TSESTree.Identifier);
      const isInstanceUrl =
        (source?.kind === 'property' && INSTANCE_URL_NAMES.has(source.path.at(-1) ?? '')) ||
        (source?.kind === 'expression' &&
          source.node.type === AST_NODE_TYPES.MemberExpression &&
          INSTANCE_URL_NAMES.has(memberName(source.node) ?? ''));
      if (isInstanceUrl) found.push(variable);
    }
  }
  return found;
}
