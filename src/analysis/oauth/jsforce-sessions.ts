/**
 * Where the session of a jsforce `Connection` goes. The connection is followed forward (`core/value-flow`:
 * variables, `this` fields, returns into the file's callers, arguments into the file's functions) to
 * every expression that holds it, and from there to what is read on it:
 *
 * - its session (`conn.accessToken`, `conn.sessionId`, also destructured), and whether that copy is
 *   followed to a place that outlives the code around it: returned to callers the file does not show,
 *   exported, stored in module state, a global or another object (`copies`);
 * - its instance (`conn.instanceUrl`), read anywhere;
 * - its Streaming API client (`conn.streaming`), which takes the session once, when it connects, and keeps
 *   it for as long as the subscription runs;
 * - its `'refresh'` handlers (`conn.on('refresh', (accessToken, res) => …)`): jsforce passes the new token
 *   and the token response, whose `instance_url` names the instance the token belongs to;
 * - whether the connection itself leaves what the file shows (`escapes`).
 *
 * Both `require-instance-url` (does the instance follow the token?) and `require-soap-relogin` (does a
 * copy of the session outlive the login that made it?) ask these facts. Computed once per connection.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { FlowEnd } from '../core/value-flow';
import type { FunctionNode } from '../core/call-targets';
import type { JsforceConnection } from '../http/http-calls';

import { calledMethodName, memberName, staticKeyName, unwrap, variableOf } from '../core/ast';
import { isFunctionNode } from '../core/call-targets';
import { followValue } from '../core/value-flow';
import { identifierSources } from '../core/bindings';
import { stringValues } from '../http/url-value';
import { INSTANCE_OPTIONS, SESSION_OPTIONS } from './jsforce-connections';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A read of the connection's session and where the copy goes. */
export interface SessionCopy {
  /** The read: `conn.accessToken`, or the property of `const { accessToken } = conn`. */
  readonly read: TSESTree.Node;
  /** The first place the copy leaves to and outlives the code around it, if any. */
  readonly leaves: FlowEnd | null;
  /**
   * Is the copy handed to a Streaming API (CometD) client: set as a header of a client built for a
   * `/cometd/` URL (`client.setHeader('Authorization', …)`), or passed in the same options as such a URL
   * (`cometd.configure({ url, requestHeaders })`)? That client keeps it for as long as it runs.
   */
  readonly intoStreamingClient: boolean;
}

/** A `conn.on('refresh', handler)` registration. */
export interface RefreshHandler {
  readonly call: TSESTree.CallExpression;
  readonly handler: FunctionNode;
  /** Where the new token is stored, if it is (`credentials.accessToken = accessToken`, `save({ accessToken })`). */
  readonly stored: FlowEnd | null;
  /** Does the handler read an instance URL (the response's `instance_url`, or `conn.instanceUrl`)? */
  readonly readsInstance: boolean;
}

export interface ConnectionSession {
  readonly connection: JsforceConnection;
  /** Every expression that holds the connection. */
  readonly holders: readonly TSESTree.Node[];
  readonly copies: readonly SessionCopy[];
  /** Is `conn.instanceUrl` (or `serverUrl`) read anywhere? */
  readonly instanceRead: boolean;
  /** The `conn.streaming` reads. */
  readonly streaming: readonly TSESTree.MemberExpression[];
  readonly refreshHandlers: readonly RefreshHandler[];
  /** Does the connection itself leave what the file shows (returned, exported, stored, passed on)? */
  readonly escapes: boolean;
}

const LEAVING_ENDS = new Set<FlowEnd['kind']>(['exported', 'returned', 'stored']);
const INSTANCE_FIELDS = new Set(['instance_url', 'instanceUrl', 'api_instance_url', 'serverUrl']);

function isWrite(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  return parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member;
}

/** Is an instance URL field read anywhere inside `node` (`res.instance_url`, `conn.instanceUrl`, `{ instance_url }`)? */
function readsInstanceField(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  const tokens = sourceCode.getTokens(node);
  return tokens.some((token) => token.type === 'Identifier' && INSTANCE_FIELDS.has(token.value)) || tokens.some((token) => token.type === 'String' && INSTANCE_FIELDS.has(token.value.slice(1, -1)));
}

/**
 * The first end of a value's flow that outlives the code around it. `value` is an expression, or a name
 * that receives the value (a parameter, a destructured name): then the flow starts at its reads.
 */
function leavingEnd(sourceCode: SourceCode, value: TSESTree.Node, containers: boolean): FlowEnd | null {
  const starts = value.type === AST_NODE_TYPES.Identifier && value.parent.type !== AST_NODE_TYPES.MemberExpression ? bindingReads(sourceCode, value) : [value];
  return followValue(sourceCode, starts, { containers }).ends.find((end) => LEAVING_ENDS.has(end.kind) && !isLocalStore(sourceCode, end)) ?? null;
}

/**
 * A store into a variable of an enclosing function (`let seen; conn.on('refresh', (at) => { seen = at; })`
 * in a test): it lives as long as that function's closures, not beyond the process's run like module
 * state, a global or another object.
 */
function isLocalStore(sourceCode: SourceCode, end: FlowEnd): boolean {
  const { at } = end;
  if (end.kind !== 'stored' || at.type !== AST_NODE_TYPES.AssignmentExpression || at.left.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, at.left);
  const scope = variable?.scope.variableScope;
  // CommonJS files have a function scope around the module: its block is the Program.
  return scope !== undefined && scope.block.type !== AST_NODE_TYPES.Program;
}

/** A copy of the session: where it leaves to, and whether a Streaming client takes it (through a name it is kept in). */
function copyOf(sourceCode: SourceCode, read: TSESTree.Node, value: TSESTree.Node): SessionCopy {
  const uses = value.type === AST_NODE_TYPES.Identifier && value.parent.type !== AST_NODE_TYPES.MemberExpression ? bindingReads(sourceCode, value) : [value];
  return { read, leaves: leavingEnd(sourceCode, value, true), intoStreamingClient: uses.some((use) => intoStreamingClient(sourceCode, use)) };
}

/** The reads of the name a value is bound to (a parameter, a destructured name). */
function bindingReads(sourceCode: SourceCode, name: TSESTree.Identifier): TSESTree.Node[] {
  const variable = variableOf(sourceCode, name);
  if (!variable?.defs.some((definition) => definition.name === name)) return [name];
  return variable.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier as TSESTree.Node);
}

function refreshHandler(sourceCode: SourceCode, call: TSESTree.CallExpression): RefreshHandler | null {
  const [event, callback] = call.arguments;
  if (event?.type !== AST_NODE_TYPES.Literal || event.value !== 'refresh' || !callback) return null;
  const handler = unwrap(callback);
  if (!isFunctionNode(handler)) return null;
  const [token] = handler.params;
  const stored = token?.type === AST_NODE_TYPES.Identifier ? leavingEnd(sourceCode, token, false) : null;
  return { call, handler, stored, readsInstance: readsInstanceField(sourceCode, handler.body) };
}

/** Expressions through which a copy of the session still is (part of) the value: `OAuth ${token}`, `{ Authorization }`. */
const CARRYING = new Set<string>([AST_NODE_TYPES.TemplateLiteral, AST_NODE_TYPES.BinaryExpression, AST_NODE_TYPES.Property, AST_NODE_TYPES.ObjectExpression]);

/** Does a string the value can be name the Streaming API endpoint (`…/cometd/59.0`)? */
function isCometdUrl(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  return stringValues(sourceCode, node).some((value) => value.segments.some((segment) => segment !== null && /\/cometd(?:\/|$)/iu.test(segment)));
}

/** The object an options literal or a `client.setHeader(…)` is for, and whether it talks to `/cometd/`. */
function intoStreamingClient(sourceCode: SourceCode, read: TSESTree.Node): boolean {
  let current: TSESTree.Node = read;
  for (let depth = 0; depth < 8 && current.parent; depth += 1) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
      if (parent.callee === current) return false;
      // `cometd.configure({ url: `${host}/cometd/59.0`, requestHeaders: { Authorization } })`
      const options = parent.arguments.some(
        (argument) => argument.type === AST_NODE_TYPES.ObjectExpression && argument.properties.some((property) => property.type === AST_NODE_TYPES.Property && isCometdUrl(sourceCode, property.value)),
      );
      if (options) return true;
      // `client.setHeader('Authorization', …)` on `new faye.Client(`${host}/cometd/59.0`)`
      const callee = unwrap(parent.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const client = unwrap(callee.object);
      const sources = client.type === AST_NODE_TYPES.Identifier ? identifierSources(sourceCode, client) : [];
      return sources.some((source) => {
        const created = source.kind === 'expression' ? unwrap(source.node) : null;
        return created?.type === AST_NODE_TYPES.NewExpression && created.arguments.some((argument) => isCometdUrl(sourceCode, argument));
      });
    }
    if (!CARRYING.has(parent.type)) return false;
    current = parent;
  }
  return false;
}

const cache = new WeakMap<JsforceConnection, ConnectionSession>();

/** Where the session of one jsforce connection goes (computed once per connection). */
export function connectionSession(sourceCode: SourceCode, connection: JsforceConnection): ConnectionSession {
  const cached = cache.get(connection);
  if (cached) return cached;
  const flow = followValue(sourceCode, [connection.node]);
  const copies: SessionCopy[] = [];
  const streaming: TSESTree.MemberExpression[] = [];
  const refreshHandlers: RefreshHandler[] = [];
  let instanceRead = false;
  const session = new Set<string>(SESSION_OPTIONS);
  const instance = new Set<string>(INSTANCE_OPTIONS);
  for (const holder of flow.holders) {
    const member = holder.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== holder) continue;
    const name = memberName(member) ?? '';
    if (session.has(name) && !isWrite(member)) copies.push(copyOf(sourceCode, member, member));
    else if (instance.has(name) && !isWrite(member)) instanceRead = true;
    else if (name === 'streaming') streaming.push(member);
    else if (name === 'on' || name === 'once') {
      const call = member.parent;
      const found = call.type === AST_NODE_TYPES.CallExpression && calledMethodName(call) === name ? refreshHandler(sourceCode, call) : null;
      if (found) refreshHandlers.push(found);
    }
  }
  for (const pattern of flow.patterns) {
    for (const property of pattern.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = staticKeyName(property.key, property.computed) ?? '';
      if (instance.has(key)) instanceRead = true;
      if (!session.has(key)) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value.type === AST_NODE_TYPES.Identifier) copies.push(copyOf(sourceCode, property, value));
    }
  }
  const found: ConnectionSession = {
    connection,
    holders: flow.holders,
    copies: copies.toSorted((a, b) => a.read.range[0] - b.read.range[0]),
    instanceRead,
    streaming,
    refreshHandlers,
    escapes: flow.ends.length > 0,
  };
  cache.set(connection, found);
  return found;
}
