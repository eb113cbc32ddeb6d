/**
 * Does the session from a SOAP login outlive the call that made it?
 *
 * The session is followed from the login through the function that logged in (its *region*, see
 * `http/regions.ts`): the login's result (`await res.text()`, `result.sessionId`, `parse(xml)`, destructured
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
 * - `exported`: exported, or captured by an exported function;
 * - `persisted`: held by an object that is saved (`authInfo.save()` of a `@salesforce/core` `AuthInfo`
 *   built with it), where later runs pick it up;
 * - `streaming`: for a jsforce `conn.login(…)`, which jsforce renews on the connection: the connection's
 *   Streaming API client (`conn.streaming`), which takes the session once when it connects and keeps it.
 *   For such a login only copies of the session taken out of a connection that stays behind
 *   (`conn.accessToken` read in the function that logged in) count, and the Streaming client.
 *
 * Reads in functions that run only while a fresh login of the same group is in progress do not count:
 * functions that log in every time they run (a login, or a call to a function that logs in, on no
 * condition), and local functions that only those call. Each variable, field and expression is visited
 * once per login.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { SoapLogin } from './soap-logins';

import { isFunctionNode } from '../core/call-targets';
import { regionOf } from '../http/regions';
import { connectionSession } from '../oauth/jsforce-sessions';
import { Tracker } from './lifetime-tracker';

type SourceCode = Readonly<TSESLint.SourceCode>;

export type LifetimeKind = 'deferred' | 'exported' | 'module-state' | 'outer-object' | 'persisted' | 'returned' | 'streaming' | 'this';

export interface SessionLifetime {
  readonly kind: LifetimeKind;
  /** Where the session escapes: the store, the return, the callback registration, the outside read. */
  readonly node: TSESTree.Node;
  /** The name it is kept under, when it has a short one (`session`, `this.client`, `state.sessionId`). */
  readonly name: string | null;
  /** Did it get there attached to a client (`addSoapHeader`, `setEndpoint`, `setSecurity`)? */
  readonly viaClient: boolean;
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
  if (login.renewsItself && login.connection) {
    // jsforce renews the session on the connection: only copies taken out of it outlive the renewal.
    const found = connectionSession(sourceCode, login.connection);
    const owner = regionOf(sourceCode, login.node);
    const later = found.copies.filter((copy) => copy.read.range[0] > login.node.range[0]);
    const [streaming] = found.streaming;
    const intoStreaming = later.find((copy) => copy.intoStreamingClient);
    if (streaming) tracker.outlive('streaming', streaming, null, false);
    else if (intoStreaming) tracker.outlive('streaming', intoStreaming.read, null, false);
    // When the connection goes along (returned, stored, passed on), whoever keeps the copy can use it
    // instead. A copy returned to callers is the per-call login helper: what they do with it the file
    // does not show.
    for (const copy of found.escapes ? [] : later) {
      if (tracker.result || regionOf(sourceCode, copy.read) !== owner) continue;
      const own = new Tracker(sourceCode, login);
      own.expression(copy.read, 'value', false);
      if (own.result && own.result.kind !== 'returned') tracker.outlive(own.result.kind, own.result.node, own.result.name, own.result.viaClient);
    }
  } else if (login.kind === 'jsforce') {
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
