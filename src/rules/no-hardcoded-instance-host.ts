import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../util/node-types';

import type { UnstableHostKind } from '../analysis/http/salesforce';
import type { UrlPositions } from '../analysis/http/url-positions';
import type { StringValue, UrlParts } from '../analysis/http/url-value';

import { contains } from '../analysis/core/ast';
import { requestUrlValues } from '../analysis/http/http-calls';
import { isServicesPath, stringMayWriteHost, UNSTABLE_HOST_QUESTION, unstableHostKind } from '../analysis/http/salesforce';
import type { StringNode } from '../analysis/core/string-usage';

import { collectStrings, isMessageOrComparison } from '../analysis/core/string-usage';
import { isAssertionValue, isTestCode } from '../analysis/core/test-code';
import { instanceUrlBindings } from '../analysis/oauth/token-responses';
import { isInUrlPosition, urlPositions } from '../analysis/http/url-positions';
import { holdsWhitespace, isFullyKnown, parseUrl, stringValues } from '../analysis/http/url-value';
import { createRule } from '../util/create-rule';
import { HOSTNAME_PATTERN } from '../util/options';
import { replaceLeadingOrigin } from '../util/fix';

export type Options = [{ allowedHosts?: string[]; checkTestCode?: boolean }];
export type MessageIds = 'instanceHost' | 'lightningHost' | 'useInstanceUrl' | 'visualforceHost';

/** Cheap pre-filter for string literals: only text naming one of these domains can hold such a host. */
const MAY_NAME_HOST = /salesforce\.com|force\.com|crmforce\.mil|sfcrmapps\.cn/iu;
/** A bare hostname (`na42.salesforce.com`), written without scheme or path. */
const BARE_HOST = /^[a-z\d](?:[a-z\d.-]*[a-z\d])?$/iu;
const HOST_PATTERN = `^(?:\\*\\.)?${HOSTNAME_PATTERN.slice(1)}`;

const MESSAGE_IDS: Record<UnstableHostKind, Exclude<MessageIds, 'useInstanceUrl'>> = {
  instance: 'instanceHost',
  lightning: 'lightningHost',
  visualforce: 'visualforceHost',
};

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-instance-host',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow hard-coded Salesforce instance, Lightning and Visualforce hosts as API hosts',
      recommended: false,
      strict: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          allowedHosts: {
            type: 'array',
            description:
              'Hostnames never reported, compared without case; `*.example.com` allows every subdomain of example.com (for test doubles and proxies that mimic an instance host).',
            items: { type: 'string', pattern: HOST_PATTERN },
            uniqueItems: true,
          },
          checkTestCode: {
            type: 'boolean',
            description:
              'Also report hosts in test code (files that load a test framework or test double library) that reach no real HTTP call, and hosts that are only expected or input values of assertions.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowedHosts: [], checkTestCode: false }],
    messages: {
      instanceHost:
        'The host `{{host}}` is a Salesforce instance host, which changes when the org moves and whose redirects are being switched off; use the `instance_url` returned with the token, or the org\'s My Domain host.',
      lightningHost:
        'The host `{{host}}` is a Lightning Experience host, which serves the UI and not the APIs; send API calls to the `instance_url` returned with the token, or to the org\'s My Domain host.',
      visualforceHost:
        'The host `{{host}}` is a Visualforce page host, which serves pages and not the APIs; send API calls to the `instance_url` returned with the token, or to the org\'s My Domain host.',
      useInstanceUrl: 'Start the URL from `{{binding}}`, the instance URL in scope.',
    },
  },
  defaultOptions: [{ allowedHosts: [], checkTestCode: false }],
  listen(file, [options]) {
    const strings = collectStrings(MAY_NAME_HOST, file);
    file.listeners['Program:exit'] = () => {
      // Every host this rule reports is written in one of these strings: when none can write an
      // unstable host, there is nothing to do.
      const literals = strings();
      if (literals.some((literal) => stringMayWriteHost(literal, UNSTABLE_HOST_QUESTION))) check(file.context, options, literals);
    };
  },
});

/** The analysis, for files that write a Salesforce domain in a string. */
function check(context: Readonly<TSESLint.RuleContext<MessageIds, Options>>, { allowedHosts = [], checkTestCode = false }: Options[0], literals: readonly StringNode[]): void {
  const { sourceCode } = context;
  // In test code a host is a fixture, a stub or an expected value unless a real request sends it.
  const testCode = !checkTestCode && isTestCode(sourceCode);
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const host of allowedHosts) {
    const normal = host.toLowerCase().replace(/\.$/u, '');
    if (normal.startsWith('*.')) suffixes.push(normal.slice(1));
    else exact.add(normal);
  }
  const reported = new Set<TSESTree.Node>();
  /** Literals whose value was judged where it is used. */
  const explained = new Set<TSESTree.Node>();

  function kindOf(host: string | null): UnstableHostKind | null {
    if (host === null || exact.has(host) || suffixes.some((suffix) => host.endsWith(suffix))) return null;
    return unstableHostKind(host);
  }

  /** A request URL uses its host as an API host when the path is an API path, or it is a bare base. */
  function isApiRequest(url: UrlParts): boolean {
    return isServicesPath(url) || url.path === '/';
  }

  /** A value read as a URL, or as a bare hostname (`na42.salesforce.com`) when it is one. */
  function urlOf(value: StringValue): UrlParts | null {
    const url = parseUrl(value);
    if (url || !isFullyKnown(value)) return url;
    const text = value.segments.join('');
    return BARE_HOST.test(text) ? parseUrl({ segments: [`https://${text}`], head: null }) : null;
  }

  /** The literal that writes the host itself, when it is the value's first literal. */
  function hostWriter(value: StringValue, host: string): TSESTree.Node | null {
    const { head } = value;
    if (!head) return null;
    return stringValues(sourceCode, head).some((own) => urlOf(own)?.host === host) ? head : null;
  }

  function suggestions(node: TSESTree.Node, value: StringValue, url: UrlParts): TSESLint.ReportSuggestionArray<MessageIds> {
    const { head } = value;
    const { origin } = url;
    if (!head || !origin || !contains(node, head)) return [];
    const written = head.type === AST_NODE_TYPES.Literal ? head.value : (head.quasis[0]?.value.raw ?? '');
    if (!written.startsWith(origin)) return [];
    const bindings = instanceUrlBindings(sourceCode, node);
    if (bindings.length !== 1) return [];
    const name = bindings[0]!.name;
    return [{ messageId: 'useInstanceUrl', data: { binding: name }, fix: (fixer) => replaceLeadingOrigin(fixer, head, origin, name) }];
  }

  function report(node: TSESTree.Node, kind: UnstableHostKind, value: StringValue, url: UrlParts): void {
    if (reported.has(node)) return;
    reported.add(node);
    context.report({ node, messageId: MESSAGE_IDS[kind], data: { host: url.host ?? '' }, suggest: suggestions(node, value, url) });
  }

  /**
   * Judges the values used at an API position: instance hosts always; Lightning and Visualforce hosts
   * when the position is an API base (`base`), or the request's path is an API path.
   */
  function checkValues(values: readonly StringValue[], position: TSESTree.Node, base: boolean): void {
    for (const value of values) {
      if (value.head) explained.add(value.head);
      const url = parseUrl(value);
      const kind = url ? kindOf(url.host) : null;
      if (!url?.host || !kind) continue;
      if (kind !== 'instance' && !base && !isApiRequest(url)) continue;
      report(hostWriter(value, url.host) ?? position, kind, value, url);
    }
  }

  function checkNode(node: TSESTree.Node | null, base: boolean): void {
    if (node) checkValues(stringValues(sourceCode, node), node, base);
  }

  /** URL positions: request URLs and bases, client bases, jsforce host options, SOAP endpoints. */
  function checkPositions(positions: UrlPositions): void {
    for (const position of positions.list) {
      const { node, role, httpCall } = position;
      if (testCode && !httpCall) continue;
      if (role !== 'host' || !httpCall) {
        // The host of a request is its URL's when absolute, else its base's: each is judged on its own.
        checkNode(node, role === 'base');
        continue;
      }
      // `hostname: HOST`: report where the hostname is written, when one literal writes it.
      const hosts = stringValues(sourceCode, node);
      for (const value of hosts) if (value.head) explained.add(value.head);
      const [only] = hosts;
      const writer = hosts.length === 1 && only?.head && urlOf(only) ? only.head : null;
      checkValues(requestUrlValues(sourceCode, httpCall), writer ?? node, false);
    }
  }

  /**
   * Strings used elsewhere (config, constants, arguments): an instance host is reported wherever it
   * is written as a URL or a bare hostname; a Lightning or Visualforce host only with an API path.
   */
  function checkLiterals(positions: UrlPositions): void {
    if (testCode) return;
    for (const literal of literals) {
      if (explained.has(literal) || reported.has(literal) || isInUrlPosition(literal, positions) || isMessageOrComparison(literal)) continue;
      if (!checkTestCode && isAssertionValue(sourceCode, literal)) continue;
      for (const value of stringValues(sourceCode, literal)) {
        if (holdsWhitespace(value)) continue;
        const url = urlOf(value);
        const kind = url ? kindOf(url.host) : null;
        if (!url?.host || !kind || (kind !== 'instance' && !isServicesPath(url))) continue;
        report(literal, kind, value, url);
        break;
      }
    }
  }

  const positions = urlPositions(sourceCode);
  checkPositions(positions);
  checkLiterals(positions);
}
