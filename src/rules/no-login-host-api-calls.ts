import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../util/node-types';

import type { HttpCall, HttpClient } from '../analysis/http/http-calls';
import type { StringValue, UrlParts } from '../analysis/http/url-value';

import { contains, findProperty, hasProperty, propertyValue, staticKeyName, walk } from '../analysis/core/ast';
import { httpModel, requestUrlValues } from '../analysis/http/http-calls';
import {
  endpointKind,
  exactHostQuestion,
  findLoginHostDataUrl,
  isLoginHost,
  isSoapLoginAction,
  isSoapLoginEnvelope,
  loginHostSet,
  stringMayWriteHost,
} from '../analysis/http/salesforce';
import { JSFORCE_GLOBALS, loginHostWords, mentions } from '../analysis/core/mentions';
import type { StringNode } from '../analysis/core/string-usage';

import { collectStrings, isMessageOrComparison } from '../analysis/core/string-usage';
import { isInUrlPosition, urlPositions } from '../analysis/http/url-positions';
import { instanceUrlBindings, tokenFieldRead } from '../analysis/oauth/token-responses';
import { objectLiteralOf } from '../analysis/core/object-literals';
import { holdsWhitespace, isFullyKnown, parseUrl, renderValue, stringValues } from '../analysis/http/url-value';
import { createRule } from '../util/create-rule';
import { replaceLeadingOrigin } from '../util/fix';
import { loginHostsSchema } from '../util/options';

export type Options = [{ loginHosts?: string[] }];
export type MessageIds =
  | 'authInfoInstanceUrl'
  | 'dataBase'
  | 'dataCall'
  | 'dataUrl'
  | 'instanceUrlOption'
  | 'renameToLoginUrl'
  | 'useInstanceUrl';

const JSFORCE_INSTANCE_OPTIONS = ['instanceUrl', 'serverUrl'] as const;
const JSFORCE_SESSION_OPTIONS = ['accessToken', 'sessionId', 'refreshToken'];
/** Cheap pre-filter for string literals and template parts: only text that mentions a `/services/` path can be a data URL. */
const MAY_BE_DATA_URL = /\/services\//iu;

interface Finding {
  readonly node: TSESTree.Node;
  readonly messageId: 'dataBase' | 'dataCall' | 'dataUrl';
  readonly value: StringValue;
  readonly url: UrlParts;
  readonly httpCall: HttpCall | null;
}

export default createRule<Options, MessageIds>({
  name: 'no-login-host-api-calls',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow data API calls sent to the Salesforce login host instead of the org instance',
      recommended: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          loginHosts: loginHostsSchema(
            'Extra hostnames that serve only logins (custom login domains), in addition to login.salesforce.com and test.salesforce.com.',
          ),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ loginHosts: [] }],
    messages: {
      dataCall:
        'This data API request goes to the login host `{{host}}`, which only serves logins and tokens; send it to the `instance_url` returned with the access token.',
      dataBase:
        'This API base puts data API calls on the login host `{{host}}`; build it from the `instance_url` returned with the access token.',
      dataUrl:
        'The URL `{{url}}` points a data API call at the login host `{{host}}`; use the `instance_url` returned with the access token.',
      instanceUrlOption:
        'The jsforce option `{{option}}` must be the org instance, not the login host `{{host}}`; pass the `instance_url` returned with the token, or use `loginUrl` for the login host.',
      authInfoInstanceUrl:
        'The `@salesforce/core` access-token option `instanceUrl` must be the org instance, not the login host `{{host}}`; pass the `instance_url` returned with the token.',
      useInstanceUrl: 'Start the URL from `{{binding}}`, the instance URL in scope.',
      renameToLoginUrl: 'Rename `{{option}}` to `loginUrl`, the option meant for the login host.',
    },
  },
  defaultOptions: [{ loginHosts: [] }],
  listen(file, [options]) {
    // The selectors let ESLint pass over every string that cannot be a data URL: no call for them.
    const literals = collectStrings(MAY_BE_DATA_URL, file);
    // Every finding names a login host, so one is written in the file, or it is jsforce's default
    // login host (`instanceUrl: oauth2.loginUrl` of an `OAuth2` built without a `loginUrl`).
    // Only a string that may write one counts: not help pages or My Domain hosts.
    const hosts = loginHostSet(options.loginHosts);
    const question = exactHostQuestion(hosts);
    const accept = options.loginHosts?.length ? null : (node: StringNode) => stringMayWriteHost(node, question);
    const namesLoginHost = mentions(file, loginHostWords(hosts), JSFORCE_GLOBALS, accept);
    file.listeners['Program:exit'] = () => {
      if (namesLoginHost()) check(file.context, options, literals());
    };
  },
});

/** The analysis, for files that write a login host in a string, or name jsforce. */
function check(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, { loginHosts = [] }: Options[0], literals: readonly StringNode[]): void {
  const { sourceCode } = context;
  const hosts = loginHostSet(loginHosts);

  function loginHostData(values: readonly StringValue[]): { value: StringValue; url: UrlParts } | null {
    return findLoginHostDataUrl(values, hosts, parseUrl);
  }

  /** A SOAP call on the login host is a mistake only when its envelope is known and is not `login()`. */
  function isNonLoginSoapCall(httpCall: HttpCall, values: readonly StringValue[]): { value: StringValue; url: UrlParts } | null {
    for (const value of values) {
      const url = parseUrl(value);
      if (!url || !isLoginHost(url.host, hosts) || endpointKind(url.path, url.pathComplete) !== 'soap') continue;
      const headers = httpCall.headers ? objectLiteralOf(sourceCode, httpCall.headers) : null;
      const action = headers ? (propertyValue(headers, 'SOAPAction') ?? propertyValue(headers, 'soapaction')) : null;
      if (action && stringValues(sourceCode, action).some((candidate) => isFullyKnown(candidate) && isSoapLoginAction(candidate.segments.join('')))) {
        continue;
      }
      if (!httpCall.body) continue;
      const bodies = stringValues(sourceCode, httpCall.body);
      const known = bodies.every(isFullyKnown);
      const text = bodies.map((body) => body.segments.join(''));
      if (known && text.every((body) => /Envelope/u.test(body) && !isSoapLoginEnvelope(body))) return { value, url };
    }
    return null;
  }

  /** The `instance_url` that came with the access token this call sends, as source text. */
  function linkedInstanceUrl(httpCall: HttpCall): string | null {
    const headers = httpCall.headers ? objectLiteralOf(sourceCode, httpCall.headers) : null;
    const authorization = headers?.properties.find(
      (property): property is TSESTree.Property =>
        property.type === AST_NODE_TYPES.Property && staticKeyName(property.key, property.computed)?.toLowerCase() === 'authorization',
    );
    if (!authorization) return null;
    let result: string | null = null;
    walk(sourceCode, authorization.value, (child) => {
      if (result !== null) return false;
      const read = tokenFieldRead(sourceCode, hosts, child);
      if (read?.field !== 'access_token') return undefined;
      if (read.response && (read.response.type === AST_NODE_TYPES.Identifier || read.response.type === AST_NODE_TYPES.MemberExpression)) {
        result = `${sourceCode.getText(read.response)}.instance_url`;
      } else if (read.pattern) {
        const property = read.pattern.properties.find(
          (candidate): candidate is TSESTree.Property =>
            candidate.type === AST_NODE_TYPES.Property && staticKeyName(candidate.key, candidate.computed) === 'instance_url',
        );
        if (property?.value.type === AST_NODE_TYPES.Identifier) result = property.value.name;
      }
      return false;
    });
    return result;
  }

  function suggestions(finding: Finding): TSESLint.ReportSuggestionArray<MessageIds> {
    const { head } = finding.value;
    const { origin } = finding.url;
    if (!head || !origin || finding.messageId === 'dataBase' || !contains(finding.node, head)) return [];
    const bindings = instanceUrlBindings(sourceCode, finding.node);
    if (bindings.length !== 1) return [];
    const [binding] = bindings;
    const name = binding!.name;
    if (replaceLeadingOriginCheck(head, origin)) {
      return [{ messageId: 'useInstanceUrl', data: { binding: name }, fix: (fixer) => replaceLeadingOrigin(fixer, head, origin, name) }];
    }
    return [];
  }

  function replaceLeadingOriginCheck(head: NonNullable<StringValue['head']>, origin: string): boolean {
    return head.type === AST_NODE_TYPES.Literal ? head.value.startsWith(origin) : (head.quasis[0]?.value.raw.startsWith(origin) ?? false);
  }

  function report(finding: Finding): void {
    const { head } = finding.value;
    const { origin, host } = finding.url;
    const linked = finding.httpCall && head && origin && contains(finding.node, head) && replaceLeadingOriginCheck(head, origin)
      ? linkedInstanceUrl(finding.httpCall)
      : null;
    context.report({
      node: finding.node,
      messageId: finding.messageId,
      data: { host: host ?? '', url: renderValue(finding.value) },
      fix: linked && head && origin ? (fixer) => replaceLeadingOrigin(fixer, head, origin, linked) : null,
      suggest: linked ? [] : suggestions(finding),
    });
  }

  /** The login-host URL among the values of an option that must name the org's instance, or undefined. */
  function loginHostOption(value: TSESTree.Node): UrlParts | undefined {
    return stringValues(sourceCode, value)
      .map((candidate) => parseUrl(candidate))
      .find((url): url is UrlParts => url !== null && isLoginHost(url.host, hosts));
  }

  function checkJsforce(): void {
    const model = httpModel(sourceCode);
    for (const creation of model.authInfoCreations) {
      const [argument] = creation.arguments;
      const options = argument && argument.type !== AST_NODE_TYPES.SpreadElement ? objectLiteralOf(sourceCode, argument) : null;
      const tokenOptions = propertyValue(options, 'accessTokenOptions');
      const value = propertyValue(tokenOptions ? objectLiteralOf(sourceCode, tokenOptions) : null, 'instanceUrl');
      const bad = value ? loginHostOption(value) : undefined;
      if (value && bad) context.report({ node: value, messageId: 'authInfoInstanceUrl', data: { host: bad.host ?? '' } });
    }
    for (const connection of model.connections) {
      const { options } = connection;
      if (!options) continue;
      for (const option of JSFORCE_INSTANCE_OPTIONS) {
        const property = findProperty(options, option);
        if (!property) continue;
        const value = property.value;
        const bad = loginHostOption(value);
        if (!bad) continue;
        const hasSession = JSFORCE_SESSION_OPTIONS.some((name) => hasProperty(options, name));
        const canRename = !hasSession && !hasProperty(options, 'loginUrl') && options.properties.every((other) => other.type === AST_NODE_TYPES.Property);
        context.report({
          node: value,
          messageId: 'instanceUrlOption',
          data: { option, host: bad.host ?? '' },
          suggest: canRename
            ? [
                {
                  messageId: 'renameToLoginUrl',
                  data: { option },
                  fix: (fixer) =>
                    property.shorthand
                      ? fixer.replaceText(property, `loginUrl: ${sourceCode.getText(property.value)}`)
                      : fixer.replaceText(property.key, 'loginUrl'),
                },
              ]
            : [],
        });
      }
    }
  }

  function checkHttp(): Set<TSESTree.Node> {
    const model = httpModel(sourceCode);
    const explained = new Set<TSESTree.Node>();
    const reportedClients = new Set<HttpClient>();
    for (const client of model.clients) {
      if (!client.base) continue;
      const bad = loginHostData(stringValues(sourceCode, client.base));
      if (!bad) continue;
      reportedClients.add(client);
      if (bad.value.head) explained.add(bad.value.head);
      report({ node: client.base, messageId: 'dataBase', value: bad.value, url: bad.url, httpCall: null });
    }
    for (const httpCall of model.calls) {
      const values = requestUrlValues(sourceCode, httpCall);
      const bad = loginHostData(values) ?? isNonLoginSoapCall(httpCall, values);
      if (!bad) continue;
      if (bad.value.head) explained.add(bad.value.head);
      // The client's base was reported already; a relative path sent through it adds nothing.
      if (httpCall.client && reportedClients.has(httpCall.client) && !httpCall.base && bad.value.head && comesFromClientBase(httpCall.client, bad.value.head)) {
        continue;
      }
      const node = httpCall.url ?? httpCall.parts?.host ?? httpCall.base ?? httpCall.node;
      report({ node, messageId: 'dataCall', value: bad.value, url: bad.url, httpCall });
    }
    for (const soapClient of model.soapClients) {
      for (const call of soapClient.calls) {
        const callee = call.callee;
        if (callee.type !== AST_NODE_TYPES.MemberExpression || staticKeyName(callee.property, callee.computed) !== 'setEndpoint') continue;
        const [argument] = call.arguments;
        if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) continue;
        const bad = loginHostData(stringValues(sourceCode, argument));
        if (!bad) continue;
        if (bad.value.head) explained.add(bad.value.head);
        report({ node: argument, messageId: 'dataCall', value: bad.value, url: bad.url, httpCall: null });
      }
    }
    return explained;
  }

  function comesFromClientBase(client: HttpClient, head: TSESTree.Node): boolean {
    return client.base !== null && stringValues(sourceCode, client.base).some((value) => value.head === head);
  }

  function checkLiterals(explained: ReadonlySet<TSESTree.Node>): void {
    if (literals.length === 0) return;
    const positions = urlPositions(sourceCode);
    for (const literal of literals) {
      if (explained.has(literal) || isInUrlPosition(literal, positions) || isMessageOrComparison(literal)) continue;
      const values = stringValues(sourceCode, literal);
      if (values.some(holdsWhitespace)) continue;
      const bad = loginHostData(values);
      if (bad) report({ node: literal, messageId: 'dataUrl', value: bad.value, url: bad.url, httpCall: null });
    }
  }

  checkJsforce();
  checkLiterals(checkHttp());
}
