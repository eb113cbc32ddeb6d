import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../util/node-types';

import type { FieldRead } from '../analysis/core/object-flow';
import type { SessionWithoutInstance } from '../analysis/oauth/jsforce-connections';

import { staticKeyName, unwrap, variableOf } from '../analysis/core/ast';
import { connectionsWithoutInstance } from '../analysis/oauth/jsforce-connections';
import { salesforceApiMentions } from '../analysis/core/mentions';
import { loginHostSet } from '../analysis/http/salesforce';
import { dropsServerUrl, loginSessions, tokenLeavesWithoutInstance } from '../analysis/soap/soap-login-results';
import { connectionSession } from '../analysis/oauth/jsforce-sessions';
import { httpModel } from '../analysis/http/http-calls';
import { escapesWhole, fieldValueUses, readsInstanceUrl, tokenFieldSource, tokenFlows, tokenReads, usedOnlyForAuth } from '../analysis/oauth/token-flow';
import { isAssertionValue } from '../analysis/core/test-code';
import { createRule } from '../util/create-rule';
import { insertPropertyAfter } from '../util/object-literal-fix';
import { loginHostsSchema } from '../util/options';

export type Options = [{ loginHosts?: string[]; browser?: boolean }];
export type MessageIds =
  | 'addInstanceUrl'
  | 'connectionWithoutInstanceUrl'
  | 'loginSessionWithoutInstanceUrl'
  | 'loginTokenLeavesWithoutInstanceUrl'
  | 'passInstanceUrl'
  | 'refreshWithoutInstanceUrl'
  | 'soapSessionWithoutServerUrl'
  | 'tokenWithoutInstanceUrl';

const INSTANCE_URL = 'instance_url';
/** Keys under which an object literal already carries an instance (or its own idea of one). */
const INSTANCE_KEYS = new Set(['instance_url', 'instanceUrl', 'instanceURL', 'api_instance_url', 'serverUrl', 'baseUrl', 'baseURL', 'host', 'url']);

/** The outermost expression that still is `node` once TypeScript wrappers are stripped. */
function climbWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (current.parent && (current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.TSNonNullExpression || current.parent.type === AST_NODE_TYPES.TSSatisfiesExpression)) current = current.parent;
  return current;
}

export default createRule<Options, MessageIds>({
  name: 'require-instance-url',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the `instance_url` returned with a Salesforce token to be kept with the token',
      recommended: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          loginHosts: loginHostsSchema(
            'Extra hostnames that serve Salesforce logins (custom login domains), so that token requests sent to them are recognised.',
          ),
          browser: {
            type: 'boolean',
            description:
              'The linted files run in a web page (Visualforce, a same-origin proxy), where jsforce resolves a Connection without `instanceUrl` against the page origin: do not report such Connections.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ loginHosts: [], browser: false }],
    messages: {
      tokenWithoutInstanceUrl:
        'This keeps the `{{field}}` of a Salesforce token response but drops its `instance_url`; keep the `instance_url` returned with the token and send API calls there.',
      addInstanceUrl: 'Destructure `instance_url` as well, and build API URLs (or the jsforce `instanceUrl`) from it.',
      connectionWithoutInstanceUrl:
        'This jsforce Connection gets `{{option}}` but neither `instanceUrl` nor `serverUrl`, so its requests go to a relative URL; pass the `instance_url` returned with the token.',
      passInstanceUrl: 'Destructure `instance_url` from the token response and pass it as `instanceUrl`.',
      soapSessionWithoutServerUrl:
        'The `sessionId` of this SOAP login is used but its `serverUrl` is never read, and later calls go to a fixed endpoint; send them to the `serverUrl` returned by `login()` (`client.setEndpoint(result.serverUrl)`).',
      loginSessionWithoutInstanceUrl:
        'The session of this jsforce login is used without `conn.instanceUrl`, and later calls go to a fixed host; build their URLs from `conn.instanceUrl`, the server the session belongs to.',
      loginTokenLeavesWithoutInstanceUrl:
        'This copy of the jsforce session leaves the code without `conn.instanceUrl`, so whoever receives it has to guess the host; hand on `conn.instanceUrl` with it, or the connection itself.',
      refreshWithoutInstanceUrl:
        'This `refresh` handler keeps the new access token but not the instance it belongs to; store `res.instance_url` (the handler\'s second argument) or `conn.instanceUrl` with it.',
    },
  },
  defaultOptions: [{ loginHosts: [], browser: false }],
  listen(file, [options]) {
    // Token responses, jsforce Connections and SOAP logins all start from a Salesforce API word.
    const namesApi = salesforceApiMentions(file);
    file.listeners['Program:exit'] = () => {
      if (namesApi()) check(file.context, options);
    };
  },
});

/** The analysis, for files that write a Salesforce API word. */
function check(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, { loginHosts = [], browser = false }: Options[0]): void {
  const { sourceCode } = context;
  const hosts = loginHostSet(loginHosts);
  const throughNames = new WeakMap<TSESLint.Scope.Scope, Set<string>>();

  /** Is `name` unused where a new binding would go, and free of shadowing down to `use`? */
  function isFreeName(name: string, declarationAt: TSESTree.Node, use: TSESTree.Node | null): boolean {
    const scope = sourceCode.getScope(declarationAt);
    let through = throughNames.get(scope);
    if (!through) {
      through = new Set(scope.through.map((reference) => reference.identifier.name));
      throughNames.set(scope, through);
    }
    if (ASTUtils.findVariable(scope, name) || through.has(name)) return false;
    if (!use) return true;
    for (let current: TSESLint.Scope.Scope | null = sourceCode.getScope(use); current; current = current.upper) {
      if (current === scope) return !ASTUtils.findVariable(sourceCode.getScope(use), name);
    }
    return false;
  }

  /** A reference the fix can repeat without changing what it reads: `tokens`, `res.data`. */
  function isSimpleReference(node: TSESTree.Node): boolean {
    if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression) return true;
    return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && !node.optional && isSimpleReference(node.object);
  }

  /** Does `reference` (a name, or a member chain on one) still read the same, never reassigned binding at `at`? */
  function sameBindingAt(reference: TSESTree.Node, at: TSESTree.Node): boolean {
    let root = unwrap(reference);
    while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
    if (root.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = variableOf(sourceCode, root);
    if (!variable || variable.references.filter((candidate) => candidate.isWrite()).length > 1) return false;
    return ASTUtils.findVariable(sourceCode.getScope(at), root.name) === variable;
  }

  /** The binding a destructured field is stored in (`{ access_token: token = '' }` gives `token`). */
  function boundName(property: TSESTree.Property): TSESTree.Identifier | null {
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    return value.type === AST_NODE_TYPES.Identifier ? value : null;
  }

  /** The autofix, or the suggestion, that gives a Connection the instance URL of the token response it gets its token from. */
  function connectionRepairs(found: SessionWithoutInstance): { fix: TSESLint.ReportFixFunction | null; suggest: TSESLint.ReportSuggestionArray<MessageIds> } {
    const { session, connection } = found;
    const source = tokenFieldSource(sourceCode, hosts, session.value);
    if (source?.read.field !== 'access_token') return { fix: null, suggest: [] };
    const { member, read } = source;
    if (member) {
      const inPlace = member === unwrap(session.value);
      if (!isSimpleReference(member.object) || (!inPlace && !sameBindingAt(member.object, connection.node))) return { fix: null, suggest: [] };
      const text = `instanceUrl: ${sourceCode.getText(member.object)}.${INSTANCE_URL}`;
      return { fix: (fixer) => insertPropertyAfter(sourceCode, fixer, session, text), suggest: [] };
    }
    const { pattern } = read;
    if (!pattern) return { fix: null, suggest: [] };
    const instance = pattern.properties.find(
      (property): property is TSESTree.Property =>
        property.type === AST_NODE_TYPES.Property && staticKeyName(property.key, property.computed) === INSTANCE_URL,
    );
    if (instance) {
      const binding = boundName(instance);
      return binding && sameBindingAt(binding, connection.node)
        ? { fix: (fixer) => insertPropertyAfter(sourceCode, fixer, session, `instanceUrl: ${binding.name}`), suggest: [] }
        : { fix: null, suggest: [] };
    }
    const last = pattern.properties.at(-1);
    if (last?.type !== AST_NODE_TYPES.Property || !isFreeName(INSTANCE_URL, pattern, connection.node)) return { fix: null, suggest: [] };
    return {
      fix: null,
      suggest: [
        {
          messageId: 'passInstanceUrl',
          fix: (fixer) => [
            insertPropertyAfter(sourceCode, fixer, last, INSTANCE_URL),
            insertPropertyAfter(sourceCode, fixer, session, `instanceUrl: ${INSTANCE_URL}`),
          ],
        },
      ],
    };
  }

  /** Reports Connections with a session and no instance; returns the session values reported. */
  function checkConnections(): Set<TSESTree.Node> {
    const reported = new Set<TSESTree.Node>();
    if (browser) return reported;
    for (const found of connectionsWithoutInstance(sourceCode)) {
      reported.add(unwrap(found.session.value));
      const { fix, suggest } = connectionRepairs(found);
      context.report({ node: found.session, messageId: 'connectionWithoutInstanceUrl', data: { option: found.option }, fix, suggest });
    }
    return reported;
  }

  /** Does this token read only feed Connections reported above (which say the same, where it can be fixed)? */
  function feedsReportedConnection(read: FieldRead, reported: ReadonlySet<TSESTree.Node>): boolean {
    const uses = fieldValueUses(sourceCode, read);
    return uses !== null && uses.length > 0 && uses.every((use) => reported.has(use));
  }

  /**
   * The autofix for a token copied into an object literal straight from the response
   * (`{ access_token: tokens.access_token, expires_at }`): the instance URL read from the same response,
   * next to it, under the key style the literal uses (`instance_url`, else `instanceUrl`).
   */
  function literalCopyFix(read: FieldRead): TSESLint.ReportFixFunction | null {
    const member = read.node;
    if (read.field !== 'access_token' || member.type !== AST_NODE_TYPES.MemberExpression || member.optional || !isSimpleReference(member.object)) return null;
    const property = climbWrappers(member).parent;
    if (property?.type !== AST_NODE_TYPES.Property || property.value !== climbWrappers(member) || property.parent.type !== AST_NODE_TYPES.ObjectExpression) return null;
    const literal = property.parent;
    // A jsforce Connection's options: the Connection report repairs those (and `browser` leaves them be).
    if (httpModel(sourceCode).connections.some((connection) => connection.options === literal)) return null;
    const key = staticKeyName(property.key, property.computed);
    if (key === null || property.kind !== 'init') return null;
    const name = key.includes('_') ? INSTANCE_URL : 'instanceUrl';
    const taken = literal.properties.some(
      (other) => other.type === AST_NODE_TYPES.SpreadElement || INSTANCE_KEYS.has(staticKeyName(other.key, other.computed) ?? ''),
    );
    if (taken) return null;
    const text = `${name}: ${sourceCode.getText(member.object)}.${INSTANCE_URL}`;
    return (fixer) => insertPropertyAfter(sourceCode, fixer, property, text);
  }

  function checkTokenResponses(reported: ReadonlySet<TSESTree.Node>): void {
    for (const flow of tokenFlows(sourceCode, hosts).responses) {
      if (readsInstanceUrl(flow) || escapesWhole(flow)) continue;
      // A read inside an assertion (`assert.ok(isString(res.access_token))`) only inspects the token.
      const [first] = tokenReads(flow).filter((read) => !isAssertionValue(sourceCode, read.node)).filter((read) => !feedsReportedConnection(read, reported) && !usedOnlyForAuth(sourceCode, flow, read));
      if (!first) continue;
      const { pattern } = first;
      const last = pattern?.properties.at(-1);
      const suggest: TSESLint.ReportSuggestionArray<MessageIds> =
        pattern && last?.type === AST_NODE_TYPES.Property && isFreeName(INSTANCE_URL, pattern, null)
          ? [{ messageId: 'addInstanceUrl', fix: (fixer) => insertPropertyAfter(sourceCode, fixer, last, INSTANCE_URL) }]
          : [];
      context.report({ node: first.node, messageId: 'tokenWithoutInstanceUrl', data: { field: first.field }, fix: literalCopyFix(first), suggest });
    }
  }

  function checkLoginSessions(): void {
    for (const session of loginSessions(sourceCode, hosts)) {
      const [first] = session.sessionReads;
      if (first && dropsServerUrl(session)) {
        context.report({ node: first, messageId: session.library === 'soap' ? 'soapSessionWithoutServerUrl' : 'loginSessionWithoutInstanceUrl' });
        continue;
      }
      const leaving = tokenLeavesWithoutInstance(session);
      if (leaving) context.report({ node: leaving, messageId: 'loginTokenLeavesWithoutInstanceUrl' });
    }
  }

  /** jsforce `conn.on('refresh', (accessToken, res) => …)` handlers that store the token without the instance. */
  function checkRefreshHandlers(): void {
    const seen = new Set<TSESTree.Node>();
    for (const connection of httpModel(sourceCode).connections) {
      for (const handler of connectionSession(sourceCode, connection).refreshHandlers) {
        if (seen.has(handler.call) || !handler.stored || handler.readsInstance) continue;
        seen.add(handler.call);
        context.report({ node: handler.stored.node, messageId: 'refreshWithoutInstanceUrl' });
      }
    }
  }

  checkTokenResponses(checkConnections());
  checkLoginSessions();
  checkRefreshHandlers();
}
