/**
 * SOAP `login()` calls: the ones whose session nothing refreshes by itself. The one place that decides
 * which call is a SOAP login, for every rule that asks (`soap-login-results` follows it).
 *
 * - `http`: an HTTP POST, through any client `http-calls` knows, to the SOAP login endpoint
 *   `/services/Soap/u|c/NN.0` (on any host, or after a base nothing in the file tells) whose body is a
 *   login envelope (a `login` element in the partner or enterprise namespace) or whose `SOAPAction`
 *   header is `login`. A login envelope sent to a URL nothing in the file tells counts too.
 * - `node-soap`: `client.login(…)` / `client.loginAsync(…)` on a node-soap client.
 * - `jsforce`: `conn.loginBySoap(…)` on a jsforce `Connection`. `conn.login(…)` is not one: it installs a
 *   re-login of its own (salesforce-facts.md §A.4). It is still a login with a username and password
 *   (SOAP `login()`, or the OAuth username-password flow when the connection has client credentials),
 *   whose session is the connection's: `loginsOn` lists it, marked `renewsItself`.
 *
 * Logins of one *group* re-run the same login: the same jsforce connection, the same node-soap client,
 * or (for raw HTTP) every HTTP SOAP login of the file. Computed once per file.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { Region } from '../http/regions';
import type { HttpCall, JsforceConnection, SoapClient } from '../http/http-calls';
import type { StringValue } from '../http/url-value';

import { calledMethodName, staticKeyName, unwrap, walk } from '../core/ast';
import { calledFunction, isFunctionNode } from '../core/call-targets';
import { regionOf, regionsReaching } from '../http/regions';
import { httpModel, requestUrlValues } from '../http/http-calls';
import { isSoapLoginAction, isSoapLoginEnvelope } from '../http/salesforce';
import { stringValues } from '../http/url-value';
import { objectLiteralOf } from '../core/object-literals';
import { addToList } from '../../util/collections';
import { connectionSession } from '../oauth/jsforce-sessions';

type SourceCode = Readonly<TSESLint.SourceCode>;

export type SoapLoginKind = 'http' | 'jsforce' | 'node-soap';

export interface SoapLogin {
  readonly kind: SoapLoginKind;
  /** The call that logs in. */
  readonly node: TSESTree.CallExpression;
  /** The object the login is called on (`conn`, `this.client`), for jsforce and node-soap. */
  readonly receiver: TSESTree.Expression | null;
  /** What identifies the same login elsewhere: the connection, the node-soap client, or the file. */
  readonly group: TSESTree.Node;
  /** The jsforce connection, for `loginBySoap`. */
  readonly connection: JsforceConnection | null;
  /** The HTTP call, for a raw SOAP login request. */
  readonly httpCall: HttpCall | null;
  /** The method called (`login`, `loginAsync`, `loginBySoap`), for jsforce and node-soap. */
  readonly method: string | null;
  /**
   * Does the library log in again by itself when the session expires (jsforce `conn.login(…)`)? Such a
   * login is never one of `soapLogins`; only `loginsOn` lists it.
   */
  readonly renewsItself: boolean;
}

const NODE_SOAP_LOGINS = new Set(['login', 'loginAsync']);
/** The jsforce `Connection` methods that log in with a username and password, and whether jsforce renews their session by itself. */
const JSFORCE_LOGINS = new Map([
  ['loginBySoap', false],
  ['login', true],
]);

/** `/services/Soap/u/59.0` (optionally followed by a query), judged from the text the URL ends with. */
const LOGIN_PATH_END = /\/services\/soap\/[uc]\/\d+(?:\.\d+)?\/?(?:[?#][^/]*)?$/iu;
/** `/services/Soap/u/${version}`: the version is the only unknown part. */
const LOGIN_PATH_BEFORE_VERSION = /\/services\/soap\/[uc]\/v?$/iu;

/** Is this possible request URL the SOAP login endpoint? */
export function isSoapLoginUrl(value: StringValue): boolean {
  const { segments } = value;
  const last = segments.at(-1);
  if (typeof last === 'string') return LOGIN_PATH_END.test(last);
  const beforeLast = segments.at(-2);
  return last === null && typeof beforeLast === 'string' && LOGIN_PATH_BEFORE_VERSION.test(beforeLast);
}

function isUnknownUrl(values: readonly StringValue[]): boolean {
  return values.every((value) => value.segments.every((segment) => segment === null));
}

/** The text a body can hold, with unknown parts as a space. Follows one call to a local function's return. */
function bodyTexts(sourceCode: SourceCode, body: TSESTree.Node): string[] {
  const target = unwrap(body);
  const expressions: TSESTree.Node[] = [target];
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const fn = calledFunction(sourceCode, target);
    if (fn) {
      expressions.length = 0;
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) expressions.push(fn.body);
      else {
        walk(sourceCode, fn.body, (node) => {
          if (node !== fn.body && isFunctionNode(node)) return false;
          if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) expressions.push(node.argument);
          return undefined;
        });
      }
    }
  }
  return expressions.flatMap((expression) =>
    stringValues(sourceCode, expression).map((value) => value.segments.map((segment) => segment ?? ' ').join('')),
  );
}

function hasLoginAction(sourceCode: SourceCode, headers: TSESTree.Node | null): boolean {
  const literal = headers ? objectLiteralOf(sourceCode, headers) : null;
  if (!literal) return false;
  return literal.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.Property &&
      staticKeyName(property.key, property.computed)?.toLowerCase() === 'soapaction' &&
      stringValues(sourceCode, property.value).some(
        (value) => value.segments.length === 1 && typeof value.segments[0] === 'string' && isSoapLoginAction(value.segments[0]),
      ),
  );
}

/** Is this HTTP call a SOAP `login()` request? */
export function isSoapLoginRequest(sourceCode: SourceCode, httpCall: HttpCall): boolean {
  if (httpCall.method !== 'POST') return false;
  const urls = requestUrlValues(sourceCode, httpCall);
  const envelope = httpCall.body !== null && bodyTexts(sourceCode, httpCall.body).some(isSoapLoginEnvelope);
  if (urls.some(isSoapLoginUrl)) return envelope || hasLoginAction(sourceCode, httpCall.headers);
  return envelope && isUnknownUrl(urls);
}

function receiverOf(call: TSESTree.CallExpression): TSESTree.Expression | null {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : null;
}

/** The logins made through jsforce and node-soap: cheap to find, and all that `loginsOn` needs. */
interface LibraryLogins {
  /** Every jsforce and node-soap login (including those the library renews), by connection or client, in source order. */
  readonly byReceiver: ReadonlyMap<TSESTree.Node, readonly SoapLogin[]>;
  /** Those of them that are SOAP logins (not renewed by the library). */
  readonly soap: readonly SoapLogin[];
}

interface LoginFacts {
  /** The SOAP logins: raw HTTP, node-soap and jsforce, in source order. */
  readonly logins: readonly SoapLogin[];
  readonly byNode: ReadonlyMap<TSESTree.Node, SoapLogin>;
  readonly performers: Map<TSESTree.Node, ReadonlySet<Region>>;
}

const libraryCache = new WeakMap<SourceCode, LibraryLogins>();
const cache = new WeakMap<SourceCode, LoginFacts>();

function bySource(a: SoapLogin, b: SoapLogin): number {
  return a.node.range[0] - b.node.range[0];
}

/**
 * The member calls on a jsforce connection: those the HTTP model lists, and those made where the
 * connection's forward flow reaches (a parameter of a function it is passed to, a caller it is returned to).
 */
function connectionCalls(sourceCode: SourceCode, connection: JsforceConnection): TSESTree.CallExpression[] {
  const calls = new Set(connection.calls);
  for (const holder of connectionSession(sourceCode, connection).holders) {
    const member = holder.parent;
    const call = member?.parent;
    if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === holder && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
      calls.add(call);
    }
  }
  return [...calls];
}

function libraryLogins(sourceCode: SourceCode): LibraryLogins {
  const cached = libraryCache.get(sourceCode);
  if (cached) return cached;
  const model = httpModel(sourceCode);
  const byReceiver = new Map<TSESTree.Node, SoapLogin[]>();
  const soap: SoapLogin[] = [];
  const add = (login: SoapLogin): void => {
    if (!login.renewsItself) soap.push(login);
    addToList(byReceiver, login.group, login);
  };
  for (const client of model.soapClients) {
    for (const call of client.calls) {
      const method = calledMethodName(call);
      if (method !== null && NODE_SOAP_LOGINS.has(method)) {
        add({ kind: 'node-soap', node: call, receiver: receiverOf(call), group: client.node, connection: null, httpCall: null, method, renewsItself: false });
      }
    }
  }
  for (const connection of model.connections) {
    for (const call of connectionCalls(sourceCode, connection)) {
      const method = calledMethodName(call);
      // node-salesforce's `login()` is a SOAP login (or the password flow) with no re-login of its own.
      const renewsItself = method === null ? undefined : JSFORCE_LOGINS.get(method) && !connection.legacy;
      if (method !== null && renewsItself !== undefined) {
        add({ kind: 'jsforce', node: call, receiver: receiverOf(call), group: connection.node, connection, httpCall: null, method, renewsItself });
      }
    }
  }
  for (const list of byReceiver.values()) list.sort(bySource);
  const found: LibraryLogins = { byReceiver, soap };
  libraryCache.set(sourceCode, found);
  return found;
}

function loginFacts(sourceCode: SourceCode): LoginFacts {
  const cached = cache.get(sourceCode);
  if (cached) return cached;
  const logins: SoapLogin[] = [];
  for (const httpCall of httpModel(sourceCode).calls) {
    if (isSoapLoginRequest(sourceCode, httpCall)) {
      logins.push({ kind: 'http', node: httpCall.node, receiver: null, group: sourceCode.ast, connection: null, httpCall, method: null, renewsItself: false });
    }
  }
  logins.push(...libraryLogins(sourceCode).soap);
  logins.sort(bySource);
  const found: LoginFacts = { logins, byNode: new Map(logins.map((login) => [login.node, login])), performers: new Map() };
  cache.set(sourceCode, found);
  return found;
}

/** Every SOAP login call of the file, in source order. */
export function soapLogins(sourceCode: SourceCode): readonly SoapLogin[] {
  return loginFacts(sourceCode).logins;
}

/** The SOAP login a call makes, if it is one. */
export function soapLoginAt(sourceCode: SourceCode, node: TSESTree.Node): SoapLogin | null {
  return loginFacts(sourceCode).byNode.get(node) ?? null;
}

/**
 * The logins made on one jsforce connection or node-soap client, in source order: its SOAP logins, and
 * for jsforce also `conn.login(…)`, which jsforce renews by itself (`renewsItself`).
 */
export function loginsOn(sourceCode: SourceCode, receiver: JsforceConnection | SoapClient): readonly SoapLogin[] {
  return libraryLogins(sourceCode).byReceiver.get(receiver.node) ?? [];
}

/** The SOAP logins of the same group as `login` (itself included). */
export function sameLogins(sourceCode: SourceCode, login: SoapLogin): SoapLogin[] {
  return loginFacts(sourceCode).logins.filter((other) => other.group === login.group);
}

/**
 * The jsforce `conn.login(…)` calls of the file, which jsforce renews by itself as long as the session
 * stays on the connection (`renewsItself`), in source order.
 */
export function selfRenewingLogins(sourceCode: SourceCode): SoapLogin[] {
  return [...libraryLogins(sourceCode).byReceiver.values()].flat().filter((login) => login.renewsItself).toSorted(bySource);
}

/** Every login of `login`'s group, SOAP or renewed by the library (itself included). */
function groupLogins(sourceCode: SourceCode, login: SoapLogin): SoapLogin[] {
  const renewing = (libraryLogins(sourceCode).byReceiver.get(login.group) ?? []).filter((other) => other.renewsItself);
  return [...sameLogins(sourceCode, login), ...renewing];
}

/** Does `call` log in again the way `login` did: a login of the same group, SOAP or renewed by the library? */
export function isLoginOfGroup(sourceCode: SourceCode, call: TSESTree.Node, login: SoapLogin): boolean {
  if (soapLoginAt(sourceCode, call)?.group === login.group) return true;
  return (libraryLogins(sourceCode).byReceiver.get(login.group) ?? []).some((other) => other.node === call);
}

/**
 * The regions (functions, or the module) that perform a login of `login`'s group when they run:
 * those that contain one, and the local functions that call them.
 */
export function loginPerformers(sourceCode: SourceCode, login: SoapLogin): ReadonlySet<Region> {
  const { performers } = loginFacts(sourceCode);
  let found = performers.get(login.group);
  if (!found) {
    found = regionsReaching(sourceCode, groupLogins(sourceCode, login).map((other) => regionOf(sourceCode, other.node)));
    performers.set(login.group, found);
  }
  return found;
}
