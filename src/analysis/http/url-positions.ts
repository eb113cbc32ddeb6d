/**
 * Where a file gives a URL to something that sends requests: the URL and base of each HTTP call, the
 * `hostname` / `path` options of `node:http(s)`, the base of each configured client, the host options
 * of jsforce `Connection`, its `oauth2` object and `OAuth2`, the `instanceUrl` access-token option of
 * `@salesforce/core` `AuthInfo.create`, and node-soap `setEndpoint`. Rules judge
 * the URLs at these positions with the request in view, and judge other strings (constants, config) on
 * their own; the positions tell them which strings were judged already. Built once per file.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { HttpCall } from './http-calls';

import { memberName, propertyValue } from '../core/ast';
import { httpModel } from './http-calls';
import { objectLiteralOf } from '../core/object-literals';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** jsforce options that name a Salesforce host, on `Connection`, its `oauth2` object and `OAuth2`. */
export const JSFORCE_HOST_OPTIONS = ['instanceUrl', 'serverUrl', 'loginUrl', 'authzServiceUrl', 'tokenServiceUrl', 'revokeServiceUrl'] as const;

/**
 * One URL position:
 * - `request`: the URL of an HTTP call (may be relative to a base);
 * - `host`: the `hostname` option of a `node:http(s)` call (its path is the call's `path` option);
 * - `base`: a base every request of a client or call starts from (`baseURL`, `prefixUrl`, jsforce host
 *   options, node-soap `setEndpoint`).
 */
export interface UrlPosition {
  readonly node: TSESTree.Node;
  readonly role: 'base' | 'host' | 'request';
  /** The HTTP call, for `request` and `host` positions and a call's own base. */
  readonly httpCall: HttpCall | null;
}

export interface UrlPositions {
  readonly list: readonly UrlPosition[];
  /** Every position node, and the `path` options of `node:http(s)` calls. */
  readonly nodes: ReadonlySet<TSESTree.Node>;
}

const cache = new WeakMap<SourceCode, UrlPositions>();

function jsforceOptions(options: TSESTree.ObjectExpression | null, add: (node: TSESTree.Node | null) => void): void {
  for (const option of JSFORCE_HOST_OPTIONS) add(propertyValue(options, option));
}

/** The URL positions of a file. */
export function urlPositions(sourceCode: SourceCode): UrlPositions {
  const cached = cache.get(sourceCode);
  if (cached) return cached;
  const model = httpModel(sourceCode);
  const list: UrlPosition[] = [];
  const nodes = new Set<TSESTree.Node>();
  const add = (node: TSESTree.Node | null | undefined, role: UrlPosition['role'], httpCall: HttpCall | null = null): void => {
    if (!node) return;
    list.push({ node, role, httpCall });
    nodes.add(node);
  };
  for (const client of model.clients) add(client.base, 'base');
  for (const httpCall of model.calls) {
    add(httpCall.url, 'request', httpCall);
    add(httpCall.base, 'base', httpCall);
    add(httpCall.parts?.host, 'host', httpCall);
    if (httpCall.parts?.path) nodes.add(httpCall.parts.path);
  }
  const addBase = (node: TSESTree.Node | null): void => add(node, 'base');
  for (const connection of model.connections) {
    jsforceOptions(connection.options, addBase);
    const oauth2 = propertyValue(connection.options, 'oauth2');
    jsforceOptions(oauth2 ? objectLiteralOf(sourceCode, oauth2) : null, addBase);
  }
  for (const client of model.oauth2Clients) {
    const [argument] = client.arguments;
    jsforceOptions(argument && argument.type !== AST_NODE_TYPES.SpreadElement ? objectLiteralOf(sourceCode, argument) : null, addBase);
  }
  for (const creation of model.authInfoCreations) {
    // `AuthInfo.create({ accessTokenOptions: { accessToken, instanceUrl, loginUrl } })`: instanceUrl is the data host.
    const [argument] = creation.arguments;
    const options = argument && argument.type !== AST_NODE_TYPES.SpreadElement ? objectLiteralOf(sourceCode, argument) : null;
    const tokenOptions = propertyValue(options, 'accessTokenOptions');
    addBase(propertyValue(tokenOptions ? objectLiteralOf(sourceCode, tokenOptions) : null, 'instanceUrl'));
  }
  for (const soapClient of model.soapClients) {
    for (const call of soapClient.calls) {
      const [argument] = call.arguments;
      if (call.callee.type !== AST_NODE_TYPES.MemberExpression || memberName(call.callee) !== 'setEndpoint') continue;
      if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) addBase(argument);
    }
  }
  const positions: UrlPositions = { list, nodes };
  cache.set(sourceCode, positions);
  return positions;
}

/** Is `node` written inside one of the positions (within the same statement)? */
export function isInUrlPosition(node: TSESTree.Node, positions: UrlPositions): boolean {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    if (positions.nodes.has(current)) return true;
    if (current.type.endsWith('Statement') || current.type.endsWith('Declaration')) return false;
  }
  return false;
}
