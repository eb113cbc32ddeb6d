import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils, AST_NODE_TYPES } from '@typescript-eslint/utils';

import type { FieldRead } from '../analysis/object-flow';
import type { TokenResponseFlow } from '../analysis/token-flow';

import { findProperty, hasProperty, memberName, staticKeyName, unwrap, variableOf } from '../analysis/ast';
import { identifierSources } from '../analysis/bindings';
import { httpModel, instanceReads } from '../analysis/http-calls';
import { loginHostSet } from '../analysis/salesforce';
import { dropsServerUrl, loginSessions } from '../analysis/soap-login-results';
import { escapesWhole, readsInstanceUrl, tokenFlows, tokenReads, usedOnlyForAuth } from '../analysis/token-flow';
import { stringValues } from '../analysis/url-value';
import { createRule } from '../util/create-rule';
import { insertPropertyAfter } from '../util/object-literal-fix';
import { loginHostsSchema } from '../util/options';

export type Options = [{ loginHosts?: string[]; browser?: boolean }];
export type MessageIds =
  | 'addInstanceUrl'
  | 'connectionWithoutInstanceUrl'
  | 'loginSessionWithoutInstanceUrl'
  | 'passInstanceUrl'
  | 'soapSessionWithoutServerUrl'
  | 'tokenWithoutInstanceUrl';

const SESSION_OPTIONS = ['accessToken', 'sessionId'];
const INSTANCE_OPTIONS = ['instanceUrl', 'serverUrl'];
/** Connection methods that set the instance URL themselves. */
const ESTABLISHING_METHODS = new Set(['login', 'loginBySoap', 'loginByOAuth2', 'authorize', 'initialize', '_establish']);
/** Visualforce session merge fields: `{!$Api.Session_ID}`, `{!GETSESSIONID()}` (any case). */
const VISUALFORCE_SESSION = /\{!\s*(?:\$api\.session_id|getsessionid\(\s*\))\s*\}/iu;
/** Globals that hold the session in Visualforce and Salesforce Classic pages. */
const PAGE_SESSION_GLOBALS = new Set(['sforce', '__sfdcSessionId']);
const INSTANCE_URL = 'instance_url';

type TokenProperty = TSESTree.Property;

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
    },
  },
  defaultOptions: [{ loginHosts: [], browser: false }],
  create(context, [{ loginHosts = [], browser = false }]) {
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

    /** A reference the fix can repeat without changing what it reads: `tokens`, `res.data`, `this.tokens`. */
    function isSimpleReference(node: TSESTree.Node): boolean {
      if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression) return true;
      return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && !node.optional && isSimpleReference(node.object);
    }

    /** Does the value hold a session that only a web page has (a Visualforce merge field, `sforce.connection.sessionId`)? */
    function isPageSession(node: TSESTree.Node): boolean {
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

    /** Is the instance URL set on the connection after it is built (`conn.instanceUrl = …`, `conn.login(…)`)? */
    function isEstablishedLater(connection: TSESTree.NewExpression): boolean {
      return instanceReads(sourceCode, connection).some((read) => {
        const member = read.parent;
        if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== read) return false;
        const name = memberName(member) ?? '';
        const parent = member.parent;
        if (INSTANCE_OPTIONS.includes(name)) return parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member;
        return ESTABLISHING_METHODS.has(name) && parent.type === AST_NODE_TYPES.CallExpression && parent.callee === member;
      });
    }

    /** Every read of a variable is one of `uses`. */
    function onlyUsedIn(identifier: TSESTree.Identifier, uses: ReadonlySet<TSESTree.Node>): boolean {
      const variable = variableOf(sourceCode, identifier);
      const reads = variable?.references.filter((reference) => reference.isRead()) ?? [];
      return reads.length > 0 && reads.every((reference) => uses.has(reference.identifier as TSESTree.Node));
    }

    /** The binding a destructured field is stored in (`{ access_token: token = '' }` gives `token`). */
    function boundName(property: TSESTree.Property): TSESTree.Identifier | null {
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      return value.type === AST_NODE_TYPES.Identifier ? value : null;
    }

    /** Where the token passed to a Connection was read from its token response. */
    function tokenSource(
      value: TSESTree.Node,
      reads: ReadonlyMap<TSESTree.Node, { flow: TokenResponseFlow; read: FieldRead }>,
    ): { flow: TokenResponseFlow; read: FieldRead; member: TSESTree.MemberExpression | null } | null {
      const target = unwrap(value);
      if (target.type === AST_NODE_TYPES.MemberExpression) {
        const found = reads.get(target);
        return found ? { ...found, member: target } : null;
      }
      if (target.type !== AST_NODE_TYPES.Identifier) return null;
      const variable = variableOf(sourceCode, target);
      const [definition] = variable?.defs ?? [];
      if (variable?.defs.length !== 1 || definition?.type !== 'Variable') return null;
      const name = definition.name as TSESTree.Identifier;
      // `const { access_token } = …` / `{ access_token: token }`
      const property = name.parent?.type === AST_NODE_TYPES.AssignmentPattern ? name.parent.parent : name.parent;
      if (property?.type === AST_NODE_TYPES.Property) {
        const found = reads.get(property);
        return found ? { ...found, member: null } : null;
      }
      // `const token = tokens.access_token`
      const sources = identifierSources(sourceCode, target);
      const [source] = sources;
      if (sources.length !== 1 || source?.kind !== 'expression') return null;
      const member = unwrap(source.node);
      const found = member.type === AST_NODE_TYPES.MemberExpression ? reads.get(member) : undefined;
      return found && member.type === AST_NODE_TYPES.MemberExpression ? { ...found, member } : null;
    }

    /** Is this reference, written at `from`, still the same binding at `to`? */
    function sameBindingAt(reference: TSESTree.Node, to: TSESTree.Node): boolean {
      let root = unwrap(reference);
      while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
      if (root.type === AST_NODE_TYPES.ThisExpression) return false;
      if (root.type !== AST_NODE_TYPES.Identifier) return false;
      const variable = variableOf(sourceCode, root);
      if (!variable || variable.references.filter((candidate) => candidate.isWrite()).length > 1) return false;
      return ASTUtils.findVariable(sourceCode.getScope(to), root.name) === variable;
    }

    function checkConnections(reads: ReadonlyMap<TSESTree.Node, { flow: TokenResponseFlow; read: FieldRead }>): Set<TSESTree.Node> {
      const reportedValues = new Set<TSESTree.Node>();
      if (browser) return reportedValues;
      const seen = new Set<TSESTree.Node>();
      for (const connection of httpModel(sourceCode).connections) {
        const { options } = connection;
        if (!options || options.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) continue;
        const tokenProperty = options.properties.find(
          (property): property is TokenProperty =>
            property.type === AST_NODE_TYPES.Property && SESSION_OPTIONS.some((name) => findProperty(options, name) === property),
        );
        if (!tokenProperty || seen.has(tokenProperty)) continue;
        if (INSTANCE_OPTIONS.some((name) => hasProperty(options, name))) continue;
        if (isPageSession(tokenProperty.value) || isEstablishedLater(connection.node)) continue;
        seen.add(tokenProperty);
        reportedValues.add(unwrap(tokenProperty.value));
        const option = staticKeyName(tokenProperty.key, tokenProperty.computed) ?? '';
        const source = tokenSource(tokenProperty.value, reads);
        let fix: TSESLint.ReportFixFunction | null = null;
        const suggest: TSESLint.ReportSuggestionArray<MessageIds> = [];
        if (source?.member && source.read.field === 'access_token' && isSimpleReference(source.member.object) && (source.member === unwrap(tokenProperty.value) || sameBindingAt(source.member.object, connection.node))) {
          const text = `instanceUrl: ${sourceCode.getText(source.member.object)}.${INSTANCE_URL}`;
          fix = (fixer) => insertPropertyAfter(sourceCode, fixer, tokenProperty, text);
        } else if (source?.read.pattern && source.read.field === 'access_token') {
          const { pattern } = source.read;
          const instance = pattern.properties.find(
            (property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === INSTANCE_URL,
          );
          const binding = instance ? boundName(instance) : null;
          if (binding && sameBindingAt(binding, connection.node)) {
            fix = (fixer) => insertPropertyAfter(sourceCode, fixer, tokenProperty, `instanceUrl: ${binding.name}`);
          } else if (!instance) {
            const last = pattern.properties.at(-1);
            if (last?.type === AST_NODE_TYPES.Property && isFreeName(INSTANCE_URL, pattern, connection.node)) {
              suggest.push({
                messageId: 'passInstanceUrl',
                fix: (fixer) => [
                  insertPropertyAfter(sourceCode, fixer, last, INSTANCE_URL),
                  insertPropertyAfter(sourceCode, fixer, tokenProperty, `instanceUrl: ${INSTANCE_URL}`),
                ],
              });
            }
          }
        }
        context.report({ node: tokenProperty, messageId: 'connectionWithoutInstanceUrl', data: { option }, fix, suggest });
      }
      return reportedValues;
    }

    /** Does this token read only feed Connections reported above (which say the same thing, at the Connection)? */
    function feedsReportedConnection(read: FieldRead, reportedValues: ReadonlySet<TSESTree.Node>): boolean {
      if (read.node.type === AST_NODE_TYPES.MemberExpression) {
        if (reportedValues.has(read.node)) return true;
        const declarator = read.node.parent;
        return declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === read.node && declarator.id.type === AST_NODE_TYPES.Identifier && onlyUsedIn(declarator.id, reportedValues);
      }
      if (read.node.type === AST_NODE_TYPES.Property) {
        const binding = boundName(read.node);
        return binding !== null && onlyUsedIn(binding, reportedValues);
      }
      return false;
    }

    function checkTokenResponses(responses: readonly TokenResponseFlow[], reportedValues: ReadonlySet<TSESTree.Node>): void {
      for (const flow of responses) {
        if (readsInstanceUrl(flow) || escapesWhole(flow)) continue;
        const reads = tokenReads(flow).filter((read) => !feedsReportedConnection(read, reportedValues) && !usedOnlyForAuth(sourceCode, flow, read));
        const [first] = reads;
        if (!first) continue;
        const { pattern } = first;
        const last = pattern?.properties.at(-1);
        const suggest: TSESLint.ReportSuggestionArray<MessageIds> =
          pattern && last?.type === AST_NODE_TYPES.Property && isFreeName(INSTANCE_URL, pattern, null)
            ? [{ messageId: 'addInstanceUrl', fix: (fixer) => insertPropertyAfter(sourceCode, fixer, last, INSTANCE_URL) }]
            : [];
        context.report({ node: first.node, messageId: 'tokenWithoutInstanceUrl', data: { field: first.field }, suggest });
      }
    }

    function checkLoginSessions(): void {
      for (const session of loginSessions(sourceCode, hosts)) {
        const [first] = session.sessionReads;
        if (!first || !dropsServerUrl(session)) continue;
        context.report({ node: first, messageId: session.library === 'soap' ? 'soapSessionWithoutServerUrl' : 'loginSessionWithoutInstanceUrl' });
      }
    }

    return {
      'Program:exit'() {
        const { responses } = tokenFlows(sourceCode, hosts);
        const reads = new Map<TSESTree.Node, { flow: TokenResponseFlow; read: FieldRead }>();
        for (const flow of responses) for (const read of flow.reads) reads.set(read.node, { flow, read });
        const reportedValues = checkConnections(reads);
        checkTokenResponses(responses, reportedValues);
        checkLoginSessions();
      },
    };
  },
});
