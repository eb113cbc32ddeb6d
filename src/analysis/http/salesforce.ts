/**
 * The Salesforce catalogue: which hosts are login hosts, which endpoints belong on them, which never
 * do, and what a SOAP login envelope looks like. Sources: shared/reference/salesforce-facts.md (§C,
 * "Legitimate uses of login/test hosts"; design implication 1).
 */
import type { StringNode } from '../core/string-usage';
import type { UrlParts } from './url-value';

import { AST_NODE_TYPES } from '../../util/node-types';

/** Production and sandbox login hosts (sfdx-core `SfdcUrl.PRODUCTION` / `SfdcUrl.SANDBOX`). */
export const DEFAULT_LOGIN_HOSTS: readonly string[] = ['login.salesforce.com', 'test.salesforce.com'];

const hostSets = new WeakMap<readonly string[], ReadonlySet<string>>();
const DEFAULT_HOST_SET: ReadonlySet<string> = new Set(DEFAULT_LOGIN_HOSTS);

/**
 * A set of login hosts: the defaults plus the user's extra ones, compared exactly and without case.
 * Made once per frozen list (rule options are frozen and shared by every file they apply to).
 */
export function loginHostSet(extra: readonly string[] = []): ReadonlySet<string> {
  // No extra hosts (the default, often a new empty list for each file): one set for every file.
  if (extra.length === 0) return DEFAULT_HOST_SET;
  const cached = hostSets.get(extra);
  if (cached) return cached;
  const hosts = new Set([...DEFAULT_LOGIN_HOSTS, ...extra.map((host) => host.toLowerCase().replace(/\.$/u, ''))]);
  if (Object.isFrozen(extra)) hostSets.set(extra, hosts);
  return hosts;
}

/** Is `host` (already lower-case, as `parseUrl` gives it) one of the login hosts? Exact match only. */
export function isLoginHost(host: string | null, loginHosts: ReadonlySet<string>): boolean {
  return host !== null && loginHosts.has(host);
}

/**
 * What an endpoint is, from its path:
 * - `oauth`: `/services/oauth2/*` (authorize, token, revoke, userinfo…): belongs on the login host;
 * - `identity`: `/id/…` identity URLs: on the login host;
 * - `openid`: `/.well-known/…`: on the login host;
 * - `soap`: `/services/Soap/u|c/NN.0` with nothing after the version: the SOAP `login()` endpoint,
 *   and the partner/enterprise API once the org id is appended; the envelope decides;
 * - `data`: REST, Tooling, Bulk 2.0 (`/services/data`), Apex REST (`/services/apexrest`), Bulk 1.0
 *   (`/services/async`), Metadata, Tooling, Apex SOAP and org-specific SOAP endpoints: never on a login host;
 * - `unknown`: anything else, or not enough of the path is known.
 */
export type EndpointKind = 'oauth' | 'identity' | 'openid' | 'soap' | 'data' | 'unknown';

const DATA_PREFIXES = ['/services/data', '/services/apexrest', '/services/async'];
const DATA_SOAP = /^\/services\/soap\/(?:m|t|class|metadata)(?:\/|$)/u;
const LOGIN_SOAP = /^\/services\/soap\/[uc]\/\d+(?:\.\d+)?\/?$/u;
const ORG_SOAP = /^\/services\/soap\/[uc]\/\d+(?:\.\d+)?\/[^/]+/u;

function startsWithSegment(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** Classifies an endpoint from the known part of its path. */
export function endpointKind(path: string, pathComplete: boolean): EndpointKind {
  const lower = path.toLowerCase();
  if (DATA_PREFIXES.some((prefix) => startsWithSegment(lower, prefix) || (!pathComplete && lower === `${prefix}/`))) {
    return 'data';
  }
  // `/services/data/v${version}/…` reads as `/services/data/v` + unknown: still a data path.
  if (!pathComplete && DATA_PREFIXES.some((prefix) => lower.startsWith(`${prefix}/`))) return 'data';
  if (startsWithSegment(lower, '/services/oauth2')) return 'oauth';
  if (lower.startsWith('/id/')) return 'identity';
  if (lower.startsWith('/.well-known/')) return 'openid';
  if (DATA_SOAP.test(lower)) return 'data';
  if (ORG_SOAP.test(lower)) return 'data';
  if (pathComplete && LOGIN_SOAP.test(lower)) return 'soap';
  return 'unknown';
}

/** The endpoint kind of a parsed URL. */
export function urlEndpointKind(url: UrlParts): EndpointKind {
  return endpointKind(url.path, url.pathComplete);
}

/** A data endpoint on a login host: the mistake `no-login-host-api-calls` reports. */
export function isLoginHostDataUrl(url: UrlParts | null, loginHosts: ReadonlySet<string>): boolean {
  return url !== null && isLoginHost(url.host, loginHosts) && urlEndpointKind(url) === 'data';
}

/** The Salesforce OAuth token endpoint path. */
export const TOKEN_PATH = '/services/oauth2/token';

/** Is this the token endpoint (any host)? */
export function isTokenPath(url: UrlParts): boolean {
  return url.path.toLowerCase().replace(/\/$/u, '') === TOKEN_PATH && url.pathComplete;
}

/** Does a known piece of URL text (after an unknown base) start with the token path, and end there? */
export function isTokenPathText(text: string | null | undefined): boolean {
  if (typeof text !== 'string') return false;
  const lower = text.toLowerCase();
  return lower.startsWith(TOKEN_PATH) && /^\/?(?:[?#]|$)/u.test(lower.slice(TOKEN_PATH.length));
}

/**
 * Hosts that belong to Salesforce (seeded from sfdx-core `isSalesforceDomain()`): token endpoints on
 * them are Salesforce's, any other host is another OAuth provider.
 */
const SALESFORCE_DOMAINS = [
  'salesforce.com',
  'force.com',
  'cloudforce.com',
  'salesforce.mil',
  'crmforce.mil',
  'sfcrmproducts.cn',
  'sfcrmapps.cn',
  'salesforce-hyperforce.com',
  'database.com',
  // Experience Cloud (community) domains, whose token endpoints are Salesforce's too.
  'my.site.com',
  'my.salesforce-sites.com',
];

export function isSalesforceHost(host: string | null, loginHosts: ReadonlySet<string>): boolean {
  if (host === null) return false;
  if (loginHosts.has(host)) return true;
  return SALESFORCE_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/**
 * Does a request body look like a SOAP `login()` envelope? A `login` element (any prefix) in the
 * partner or enterprise namespace, or a literal `login` element next to one of those namespaces.
 * `null` when the body's text is not known well enough to tell.
 */
export function isSoapLoginEnvelope(body: string): boolean {
  return (
    /<(?:[\w-]+:)?login[\s>]/u.test(body) && /urn:(?:partner|enterprise)\.soap\.sforce\.com/u.test(body)
  );
}

/** Is a `SOAPAction` header value the login action? */
export function isSoapLoginAction(value: string): boolean {
  return value.replace(/["']/gu, '').trim().toLowerCase() === 'login';
}

/** The first of several possible values that is a data endpoint on a login host, parsed. */
export function findLoginHostDataUrl<T extends { readonly segments: readonly (string | null)[] }>(
  values: readonly T[],
  loginHosts: ReadonlySet<string>,
  parse: (value: T) => UrlParts | null,
): { value: T; url: UrlParts } | null {
  for (const value of values) {
    const url = parse(value);
    if (url && isLoginHostDataUrl(url, loginHosts)) return { value, url };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Hosts that do not belong in code (no-hardcoded-instance-host). Sources: salesforce-facts.md §C
// ("Hard-coding hosts"), §A.3 (jsforce rejects Lightning hosts as `instanceUrl`), design implication 1.

/**
 * A Salesforce host that code must not hard-code as an API host:
 * - `instance`: a legacy instance host (`na42.salesforce.com`, `cs17`, `eu5`, `ap4`, `um1`, `gs0`,
 *   `usa3`, also the old `-api` variants): it changes when the org moves, and the redirects from it
 *   are being switched off;
 * - `lightning`: a Lightning Experience host (`*.lightning.force.com`, `*.lightning.crmforce.mil`,
 *   `*.lightning.sfcrmapps.cn`): it serves the UI, not the APIs;
 * - `visualforce`: a Visualforce page host (`*.visual.force.com`, `*.vf.force.com`, `*.visualforce.com`).
 */
export type UnstableHostKind = 'instance' | 'lightning' | 'visualforce';

const LEGACY_INSTANCE_HOST = /^(?:na|cs|eu|ap|um|gs|usa)\d+[a-z]?(?:-api)?\.salesforce\.com$/u;
/** The domains' subdomain suffixes (`.lightning.force.com`), made once: the check runs for every host a string may write. */
const LIGHTNING_SUFFIXES = ['lightning.force.com', 'lightning.crmforce.mil', 'lightning.sfcrmapps.cn'].map((domain) => `.${domain}`);
const VISUALFORCE_SUFFIXES = ['visual.force.com', 'vf.force.com', 'visualforce.com'].map((domain) => `.${domain}`);

function endsWithOne(host: string, suffixes: readonly string[]): boolean {
  for (const suffix of suffixes) if (host.endsWith(suffix)) return true;
  return false;
}

/**
 * What kind of unstable or non-API host `host` (lower-case, as `parseUrl` gives it) is; `null` for
 * every other host: login hosts, My Domain hosts (`*.my.salesforce.com`, stable by design), other
 * Salesforce hosts and non-Salesforce hosts.
 */
export function unstableHostKind(host: string | null): UnstableHostKind | null {
  if (host === null) return null;
  if (LEGACY_INSTANCE_HOST.test(host)) return 'instance';
  if (endsWithOne(host, LIGHTNING_SUFFIXES)) return 'lightning';
  if (endsWithOne(host, VISUALFORCE_SUFFIXES)) return 'visualforce';
  return null;
}

const UI_HOST_SUFFIXES = [...LIGHTNING_SUFFIXES, ...VISUALFORCE_SUFFIXES];
const SALESFORCE_COM = 'salesforce.com';

/** The Salesforce domains a host in code is on (`visualforce.com` ends with `force.com`). */
const SALESFORCE_HOST_DOMAINS = ['salesforce.com', 'force.com', 'crmforce.mil', 'sfcrmapps.cn'];

/** Can a character code be part of a hostname (`a-z`, `0-9`, `-`, `.`; the text is lower-case)? */
function isHostChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 45 || code === 46;
}

/**
 * Which hosts a cheap look before the URL analysis asks about: `is` for a whole host, `mayEnd` for
 * the end of one whose start may come from elsewhere (`${pod}.salesforce.com`): can a host that ends
 * with it (the text itself included) be one the rule wants?
 */
export interface HostQuestion {
  is(host: string): boolean;
  mayEnd(tail: string): boolean;
}

/**
 * Can a piece of string text (a literal, or one part of a template) write a Salesforce host that the
 * question accepts (lower-case), alone or joined to what comes before it? Each Salesforce hostname in
 * it, taken as far left as its characters go, is tried. One that starts the piece when something may
 * come before it (`continued`: a template part after a `${…}`, the right side of a `+`), or that starts
 * with a `.`, is the end of a host whose start is not known: it may when a wanted host can end with
 * it. Text that only names help pages or My Domain hosts (`${org}.my.salesforce.com` included) writes
 * neither a login host nor an unstable one.
 */
export function mayWriteHost(text: string, continued: boolean, question: HostQuestion): boolean {
  const lower = text.toLowerCase();
  for (const domain of SALESFORCE_HOST_DOMAINS) {
    for (let at = lower.indexOf(domain); at >= 0; at = lower.indexOf(domain, at + 1)) {
      let start = at;
      while (start > 0 && isHostChar(lower.charCodeAt(start - 1))) start -= 1;
      const host = lower.slice(start, at + domain.length);
      const open = (start === 0 && continued) || lower.charCodeAt(start) === 46;
      if (open ? question.mayEnd(host) : question.is(host)) return true;
    }
  }
  return false;
}

/** `mayWriteHost` for a string or template literal, each part with what may come before it. */
export function stringMayWriteHost(node: StringNode, question: HostQuestion): boolean {
  if (node.type === AST_NODE_TYPES.Literal) {
    const { parent } = node;
    const continued = (parent.type === AST_NODE_TYPES.BinaryExpression || parent.type === AST_NODE_TYPES.AssignmentExpression) && parent.right === node;
    return mayWriteHost(node.value, continued, question);
  }
  return node.quasis.some((quasi, index) => mayWriteHost(quasi.value.cooked ?? quasi.value.raw, index > 0, question));
}

const hostQuestions = new WeakMap<ReadonlySet<string>, HostQuestion>();

/**
 * The question for a set of exact hosts (the login hosts): a tail may end one when one ends with it.
 * Made once per set.
 */
export function exactHostQuestion(hosts: ReadonlySet<string>): HostQuestion {
  let question = hostQuestions.get(hosts);
  if (!question) {
    question = {
      is: (host) => hosts.has(host),
      mayEnd: (tail) => {
        for (const host of hosts) if (host.endsWith(tail)) return true;
        return false;
      },
    };
    hostQuestions.set(hosts, question);
  }
  return question;
}

/**
 * The question for the hosts `unstableHostKind` names. A legacy instance host is one label before
 * `.salesforce.com`, so a tail with a dotted part before it (`.my.salesforce.com`) ends none; a
 * Lightning or Visualforce host ends with its suffix, so a tail ends one when it ends with a suffix
 * or is the end of one (`.force.com`).
 */
export const UNSTABLE_HOST_QUESTION: HostQuestion = {
  is: isUnstableHost,
  mayEnd(tail) {
    if (tail.endsWith(SALESFORCE_COM)) {
      // What comes before the domain: '' or '.' (any label may come first), 'na42.' (one label), or
      // '.my.' / 'acme.my.' (a second label: no instance host).
      const before = tail.slice(0, -SALESFORCE_COM.length);
      if (!before.slice(0, -1).includes('.')) return true;
    }
    return UI_HOST_SUFFIXES.some((suffix) => tail.endsWith(suffix) || suffix.endsWith(tail));
  },
};

/** Is a host one `unstableHostKind` names? */
export function isUnstableHost(host: string): boolean {
  return unstableHostKind(host) !== null;
}

/** Is the path under `/services/`, where every Salesforce API lives (data, OAuth, SOAP)? */
export function isServicesPath(url: UrlParts): boolean {
  return url.path.toLowerCase().startsWith('/services/');
}
