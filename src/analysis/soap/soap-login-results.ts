/**
 * Sessions from a username-password login, and whether the code keeps the server they belong to.
 *
 * The logins are those `soap-logins` finds on node-soap clients and jsforce connections (`loginsOn`):
 *
 * - node-soap: `client.login(args, (err, result) => …)` and `const [result] = await client.loginAsync(args)`
 *   on a client from `soap.createClient(Async)`. The `LoginResult` is `result.result` (node-soap wraps the
 *   response element); its `sessionId` is bound to `serverUrl` (and `metadataServerUrl`).
 * - jsforce: `conn.login(…)` / `conn.loginBySoap(…)` on a `new Connection(…)`. Their result is user info;
 *   the session is `conn.accessToken` and its server `conn.instanceUrl`.
 *
 * For each login: where the session id is read, whether the server URL is ever read, whether the result
 * (or the connection) escapes whole, and a later call that goes to a fixed endpoint: a call on the same
 * node-soap client whose endpoint is the WSDL's or a literal `setEndpoint(…)`, or an HTTP call to a
 * literal Salesforce host.
 *
 * Raw-XML SOAP login requests (soap-logins' `http` kind) are not covered: their result is XML text.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { HostsCache } from '../core/file-cache';
import type { JsforceConnection, SoapClient } from '../http/http-calls';
import type { FlowSpec, FlowStart } from '../core/object-flow';
import type { StringValue } from '../http/url-value';

import { calledMethodName } from '../core/ast';
import { perFileAndHosts } from '../core/file-cache';
import { httpModel, requestUrlValues } from '../http/http-calls';
import { trackObject } from '../core/object-flow';
import { isSalesforceHost, urlEndpointKind } from '../http/salesforce';
import { loginsOn } from './soap-logins';
import { connectionSession } from '../oauth/jsforce-sessions';
import { parseUrl, stringValues } from '../http/url-value';

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface LoginSession {
  /** The login call. */
  readonly login: TSESTree.CallExpression;
  readonly library: 'jsforce' | 'soap';
  /** Reads of the session: `result.result.sessionId` (node-soap), `conn.accessToken` (jsforce), in source order. */
  readonly sessionReads: readonly TSESTree.Node[];
  /** Is the server URL read anywhere: `serverUrl` / `metadataServerUrl`, or `conn.instanceUrl`? */
  readonly serverUrlRead: boolean;
  /** Does the login result (or the jsforce connection) leave what the file shows, whole? */
  readonly escapes: boolean;
  /** A call after the login that goes to a fixed endpoint, if any. */
  readonly fixedEndpointCall: TSESTree.CallExpression | null;
  /**
   * jsforce: a read of the session after the login whose copy leaves what the file shows (returned,
   * exported, stored outside) without the connection, if any.
   */
  readonly leavingCopy: TSESTree.Node | null;
}

const SERVER_URL_FIELDS = new Set(['serverUrl', 'metadataServerUrl']);
const AUTH_ENDPOINTS = new Set(['oauth', 'identity', 'openid']);
/** node-soap client methods that configure the client rather than call the API (logins aside). */
const SOAP_SETUP = new Set([
  'setEndpoint',
  'addSoapHeader',
  'changeSoapHeader',
  'clearSoapHeaders',
  'getSoapHeaders',
  'addHttpHeader',
  'clearHttpHeaders',
  'getHttpHeaders',
  'addBodyAttribute',
  'clearBodyAttributes',
  'setSecurity',
  'setSOAPAction',
  'describe',
  'on',
  'once',
  'off',
]);

type SoapKind = 'array' | 'wrapper' | 'result';

const SOAP_SPEC: FlowSpec<SoapKind> = {
  object: 'result',
  member(kind, name) {
    if (kind === 'array') return name === '0' ? { kind: 'wrapper' } : 'ignore';
    // `result.result.sessionId`; a flattened `result.sessionId` reads the same field.
    if (kind === 'wrapper') return name === 'result' ? { kind: 'result' } : { field: name };
    return 'ignore';
  },
  element: (kind, index) => (kind === 'array' && index === 0 ? 'wrapper' : null),
};

function lastCallback(call: TSESTree.CallExpression): TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | null {
  const last = call.arguments.at(-1);
  return last?.type === AST_NODE_TYPES.ArrowFunctionExpression || last?.type === AST_NODE_TYPES.FunctionExpression ? last : null;
}

function after(call: TSESTree.Node, login: TSESTree.CallExpression): boolean {
  return call !== login && call.range[0] > login.range[0];
}

/** Is every possible URL of the value on a literal host? */
function isFixedUrl(values: readonly StringValue[]): boolean {
  return values.length > 0 && values.every((value) => parseUrl(value)?.host != null);
}

/** The first of `calls` (sorted by position) that starts after `login` does. */
function firstAfter(calls: readonly TSESTree.CallExpression[], login: TSESTree.CallExpression): TSESTree.CallExpression | null {
  let low = 0;
  let high = calls.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (calls[middle]!.range[0] > login.range[0]) high = middle;
    else low = middle + 1;
  }
  const found = calls[low];
  return found === login ? (calls[low + 1] ?? null) : (found ?? null);
}

const fixedCallCache: HostsCache<TSESTree.CallExpression[]> = new WeakMap();

/** The HTTP calls of the file to a literal Salesforce host, other than OAuth and identity endpoints, in source order. */
function fixedHttpCalls(sourceCode: SourceCode, loginHosts: ReadonlySet<string>): TSESTree.CallExpression[] {
  return perFileAndHosts(fixedCallCache, sourceCode, loginHosts, () =>
    httpModel(sourceCode)
      .calls.filter((httpCall) => {
        const urls = requestUrlValues(sourceCode, httpCall).map(parseUrl);
        return (
          urls.length > 0 &&
          urls.every((url) => url !== null && url.host !== null && isSalesforceHost(url.host, loginHosts) && !AUTH_ENDPOINTS.has(urlEndpointKind(url)))
        );
      })
      .map((httpCall) => httpCall.node)
      .toSorted((a, b) => a.range[0] - b.range[0]),
  );
}

function soapSessions(sourceCode: SourceCode, loginHosts: ReadonlySet<string>, client: SoapClient): LoginSession[] {
  const logins = loginsOn(sourceCode, client);
  if (logins.length === 0) return [];
  const loginCalls = new Set<TSESTree.Node>(logins.map((login) => login.node));
  const endpoints = client.calls.filter((call) => calledMethodName(call) === 'setEndpoint');
  const fixedEndpoint = endpoints.every((call) => {
    const [argument] = call.arguments;
    return argument !== undefined && argument.type !== AST_NODE_TYPES.SpreadElement && isFixedUrl(stringValues(sourceCode, argument));
  });
  const apiCalls = fixedEndpoint
    ? client.calls
        .filter((call) => !SOAP_SETUP.has(calledMethodName(call) ?? '') && !loginCalls.has(call))
        .toSorted((a, b) => a.range[0] - b.range[0])
    : [];
  const httpCalls = fixedHttpCalls(sourceCode, loginHosts);
  return logins.map(({ node: login, method }) => {
    const callback = lastCallback(login);
    let starts: FlowStart<SoapKind>[];
    if (method === 'loginAsync') starts = [{ value: login, kind: 'array' }];
    else if (callback) starts = callback.params[1] ? [{ binding: callback.params[1], kind: 'wrapper' }] : [];
    else starts = [{ value: login, kind: 'wrapper' }];
    const flow = trackObject(sourceCode, SOAP_SPEC, starts);
    return {
      login,
      library: 'soap' as const,
      sessionReads: flow.reads.filter((read) => read.field === 'sessionId').map((read) => read.node).toSorted((a, b) => a.range[0] - b.range[0]),
      serverUrlRead: flow.reads.some((read) => SERVER_URL_FIELDS.has(read.field)),
      escapes: flow.escapes.length > 0,
      fixedEndpointCall: firstAfter(apiCalls, login) ?? firstAfter(httpCalls, login),
      leavingCopy: null,
    };
  });
}

function jsforceSessions(sourceCode: SourceCode, loginHosts: ReadonlySet<string>, connection: JsforceConnection): LoginSession[] {
  const logins = loginsOn(sourceCode, connection);
  if (logins.length === 0) return [];
  const { copies, instanceRead, escapes } = connectionSession(sourceCode, connection);
  const httpCalls = fixedHttpCalls(sourceCode, loginHosts);
  return logins.map(({ node: login }) => {
    const later = copies.filter((copy) => after(copy.read, login));
    return {
      login,
      library: 'jsforce' as const,
      sessionReads: later.map((copy) => copy.read),
      serverUrlRead: instanceRead,
      escapes,
      fixedEndpointCall: firstAfter(httpCalls, login),
      leavingCopy: later.find((copy) => copy.leaves !== null)?.read ?? null,
    };
  });
}

const cache: HostsCache<readonly LoginSession[]> = new WeakMap();

/** Every node-soap and jsforce login of the file, with what is done with its session (computed once per file). */
export function loginSessions(sourceCode: SourceCode, loginHosts: ReadonlySet<string>): readonly LoginSession[] {
  return perFileAndHosts(cache, sourceCode, loginHosts, () => {
    const model = httpModel(sourceCode);
    return [
      ...model.soapClients.flatMap((client) => soapSessions(sourceCode, loginHosts, client)),
      ...model.connections.flatMap((connection) => jsforceSessions(sourceCode, loginHosts, connection)),
    ];
  });
}

/**
 * The mistake `require-instance-url` reports: the session is used, its server URL never read, the
 * result does not escape, and a later call goes to a fixed endpoint.
 */
export function dropsServerUrl(session: LoginSession): boolean {
  return session.sessionReads.length > 0 && !session.serverUrlRead && !session.escapes && session.fixedEndpointCall !== null;
}

/**
 * The other form of it for jsforce: a copy of the session leaves the code (returned, exported, stored)
 * while the connection stays behind and its `instanceUrl` is never read. The copy, or null.
 */
export function tokenLeavesWithoutInstance(session: LoginSession): TSESTree.Node | null {
  return session.library === 'jsforce' && !session.serverUrlRead && !session.escapes ? session.leavingCopy : null;
}
