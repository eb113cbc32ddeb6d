/**
 * jsforce Connections that carry a session but no instance: `new Connection({ accessToken })` or
 * `{ sessionId }` with neither `instanceUrl` nor `serverUrl`. jsforce then sends relative URLs, which fail
 * in Node (`Only absolute URLs are supported`, `Invalid URI "/services/data/…"`) and work only in a web
 * page, against the page's own origin (salesforce-facts §A.3). Computed once per file.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { JsforceConnection } from '../http/http-calls';

import { findProperty, hasProperty, memberName, staticKeyName, unwrap, variableOf } from '../core/ast';
import { httpModel, instanceReads } from '../http/http-calls';
import { stringValues } from '../http/url-value';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Connection options that carry the session. */
export const SESSION_OPTIONS = ['accessToken', 'sessionId'] as const;
/** Connection options that name the instance. */
export const INSTANCE_OPTIONS = ['instanceUrl', 'serverUrl'] as const;
/** Connection methods that set the instance URL themselves. */
const ESTABLISHING_METHODS = new Set(['login', 'loginBySoap', 'loginByOAuth2', 'authorize', 'initialize', '_establish']);
/** Visualforce session merge fields: `{!$Api.Session_ID}`, `{!GETSESSIONID()}` (any case, inner spaces allowed). */
const VISUALFORCE_SESSION = /\{!\s*(?:\$api\.session_id|getsessionid\(\s*\))\s*\}/iu;
/** Globals that hold the session in Visualforce and Salesforce Classic pages. */
const PAGE_SESSION_GLOBALS = new Set(['sforce', '__sfdcSessionId']);

/** A Connection with a session and no instance. */
export interface SessionWithoutInstance {
  readonly connection: JsforceConnection;
  /** The `accessToken` / `sessionId` property. */
  readonly session: TSESTree.Property;
  readonly option: string;
}

/**
 * Does the value hold a session that only a web page has: a Visualforce merge field (written or held by a
 * constant), `sforce.connection.sessionId`, or the `__sfdcSessionId` page global?
 */
export function isPageSession(sourceCode: SourceCode, node: TSESTree.Node): boolean {
  if (stringValues(sourceCode, node).some((value) => value.segments.some((segment) => segment !== null && VISUALFORCE_SESSION.test(segment)))) {
    return true;
  }
  let target = unwrap(node);
  while (target.type === AST_NODE_TYPES.MemberExpression) {
    if (memberName(target) === '__sfdcSessionId') return true;
    target = unwrap(target.object);
  }
  if (target.type !== AST_NODE_TYPES.Identifier || !PAGE_SESSION_GLOBALS.has(target.name)) return false;
  const variable = variableOf(sourceCode, target);
  return !variable || variable.defs.length === 0;
}

/** Is the instance set on the connection after it is built: `conn.instanceUrl = …`, `conn.login(…)`, `conn.authorize(…)`? */
export function isEstablishedLater(sourceCode: SourceCode, connection: TSESTree.NewExpression): boolean {
  return instanceReads(sourceCode, connection).some((read) => {
    const member = read.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== read) return false;
    const name = memberName(member) ?? '';
    const parent = member.parent;
    if ((INSTANCE_OPTIONS as readonly string[]).includes(name)) return parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member;
    return ESTABLISHING_METHODS.has(name) && parent.type === AST_NODE_TYPES.CallExpression && parent.callee === member;
  });
}

const cache = new WeakMap<SourceCode, readonly SessionWithoutInstance[]>();

/**
 * The Connections of the file built with a session and no instance, from options the file shows (a
 * literal, or a constant holding one, without spreads), leaving out page sessions and connections whose
 * instance is set later. Each options literal is listed once.
 */
export function connectionsWithoutInstance(sourceCode: SourceCode): readonly SessionWithoutInstance[] {
  const cached = cache.get(sourceCode);
  if (cached) return cached;
  const found: SessionWithoutInstance[] = [];
  const seen = new Set<TSESTree.Node>();
  for (const connection of httpModel(sourceCode).connections) {
    const { options } = connection;
    if (!options || seen.has(options) || options.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) continue;
    if (INSTANCE_OPTIONS.some((name) => hasProperty(options, name))) continue;
    const session = options.properties.find(
      (property): property is TSESTree.Property =>
        property.type === AST_NODE_TYPES.Property && SESSION_OPTIONS.some((name) => findProperty(options, name) === property),
    );
    if (!session || isPageSession(sourceCode, session.value) || isEstablishedLater(sourceCode, connection.node)) continue;
    seen.add(options);
    found.push({ connection, session, option: staticKeyName(session.key, session.computed) ?? '' });
  }
  cache.set(sourceCode, found);
  return found;
}
