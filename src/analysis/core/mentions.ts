/**
 * A rule's first look at a file: does the file write any of the words without which the rule can find
 * nothing? Most files that a project lints never talk to Salesforce, and for them this look is the
 * rule's whole cost: the words are looked for by esquery selectors on string literals and template
 * parts, so ESLint calls back only for matching strings during the traversal it makes anyway, and the
 * analysis (HTTP model, URL values, token flows, SOAP logins) is never built.
 *
 * The words are necessary conditions, not guesses: each list below says which analysis needs which
 * word written in the file. A word split across pieces (`'sales' + 'force.com'`) is not seen; the
 * analysis could not have told such a host anyway in most cases. An escaped word (`'force\x2Ecom'`) is
 * seen where a selector reads a string's value, which is the text after escapes; not where it reads the
 * raw text (the expiry words below) or a name.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { FileListeners } from '../../util/file-listeners';
import type { StringNode } from './string-usage';

import { addListener } from '../../util/file-listeners';
import { valueSpecifiers } from './ast';
import { stringSelectors } from './string-usage';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * The Salesforce API words that token, login-session and SOAP analyses start from:
 * - `oauth2`: a token request goes to `/services/oauth2/token` (token-responses `isTokenRequest`);
 * - `jsforce`: the `jsforce` and `@jsforce/jsforce-node` modules, and the `jsforce` browser global
 *   (http-calls); jsforce Connections, OAuth2 clients, `login`, `loginBySoap`;
 * - `node-salesforce`: jsforce's predecessor (its Connection, whose `login` renews nothing);
 * - `soap`: the `soap` package, the SOAP login endpoint `/services/Soap/u|c/…` and the login envelope's
 *   `urn:partner.soap.sforce.com` namespace (soap-logins);
 * - `nforce`: the `nforce` and `nforce8` modules (http-calls).
 */
export const SALESFORCE_API_WORDS = /oauth2|jsforce|soap|nforce|node-salesforce/iu;

/** Globals that the HTTP model follows with no string naming them: `new jsforce.Connection(…)` in a page. */
export const JSFORCE_GLOBALS: readonly string[] = ['jsforce'];

/**
 * Words without which no test of a file can mean "the session expired" (retry/session-checks.ts): a 401,
 * written out or named (`HttpStatus.UNAUTHORIZED`, `HTTP_UNAUTHORIZED`: the names session-checks.ts
 * reads as 401, not `rejectUnauthorized`), or an expired-session code. A 401 or a code that only
 * arithmetic or concatenation makes (`400 + 1`, `'INVALID_' + 'SESSION_ID'`) is not seen.
 */
const EXPIRY_WORDS = /\b401\b|INVALID_SESSION_ID|InvalidSessionId|Bad_OAuth_Token|\b(?:HTTP_)?(?:UNAUTHORI[SZ]ED|Unauthori[sz]ed)\b/u;

/**
 * Words without which no HTTP call of the file can be a token request or a SOAP login (retry/session-refresh.ts):
 * the token path's `oauth2` (`/services/oauth2/token`, compared without case) or the login envelope's
 * `soap.sforce.com` namespace.
 */
export const REFRESH_REQUEST_WORDS = /oauth2|soap\.sforce\.com/iu;

/** "Does the file's text match?", asked once per file and remembered. */
function textGate(matches: (text: string) => boolean): (sourceCode: SourceCode) => boolean {
  const answers = new WeakMap<SourceCode, boolean>();
  return (sourceCode: SourceCode): boolean => {
    let answer = answers.get(sourceCode);
    if (answer === undefined) {
      answer = matches(sourceCode.text);
      answers.set(sourceCode, answer);
    }
    return answer;
  };
}

/**
 * The esquery selector for the nodes that write an expiry word (EXPIRY_WORDS): literals (by their raw
 * text: `401`, `'INVALID_SESSION_ID'`, `/InvalidSessionId/`), template parts, and names
 * (`HttpStatus.UNAUTHORIZED`). Outside these, a word can only sit in a comment, which tests nothing.
 */
export function expiryWordSelector(): string {
  const pattern = stringSelectors(EXPIRY_WORDS).literal.slice('Literal[value='.length, -1);
  return `Literal[raw=${pattern}], TemplateElement[value.raw=${pattern}], Identifier[name=${pattern}]`;
}

/** Can a test of this file mean "the session expired" (see EXPIRY_WORDS)? One search of its text, cached. */
export const mayTestExpiry = textGate((text) => EXPIRY_WORDS.test(text));

/** Can an HTTP call of this file refresh the session (see REFRESH_REQUEST_WORDS)? One search of its text, cached. */
export const mayRequestRefresh = textGate((text) => REFRESH_REQUEST_WORDS.test(text));

/**
 * Adds to a rule's listeners a watch for strings matching `words` (and, when given, that `accept`
 * takes) during ESLint's traversal; `globals` are names whose use as an identifier counts too. Returns
 * the answer to ask once the traversal is done (`Program:exit`): did the file write one of them?
 */
export function mentions(
  file: FileListeners,
  words: RegExp,
  globals: readonly string[] = [],
  accept: ((node: StringNode) => boolean) | null = null,
  acceptName: ((node: TSESTree.Identifier) => boolean) | null = null,
): () => boolean {
  const selectors = stringSelectors(words);
  let seen = false;
  const forget = (): void => {
    seen = false;
  };
  const see = (): void => {
    seen = true;
    file.kept(forget);
  };
  const { listeners } = file;
  addListener(listeners, selectors.literal, (node: TSESTree.StringLiteral) => {
    if (!seen && (accept === null || accept(node))) see();
  });
  addListener(listeners, selectors.template, (node: TSESTree.TemplateElement) => {
    if (!seen && node.parent.type === 'TemplateLiteral' && (accept === null || accept(node.parent))) see();
  });
  if (globals.length > 0) {
    addListener(listeners, nameSelector(globals), (node: TSESTree.Identifier) => {
      if (!seen && (acceptName === null || acceptName(node))) see();
    });
  }
  return () => seen;
}

const nameSelectors = new WeakMap<readonly string[], string>();

/** The esquery selector for identifiers with one of `names` (only `$` of a name's characters needs escaping), made once per list. */
function nameSelector(names: readonly string[]): string {
  let selector = nameSelectors.get(names);
  if (!selector) {
    selector = `Identifier[name=/^(?:${names.map((name) => name.replace(/\$/gu, '\\$&')).join('|')})$/u]`;
    nameSelectors.set(names, selector);
  }
  return selector;
}

/** A rule's listeners and the file they are at (create-rule.ts `RuleFile`). */
interface FileWithSource extends FileListeners {
  readonly context: { readonly sourceCode: SourceCode };
}

/** Is a reference one to the value (not only to the type) of its variable? Plain JavaScript has value references only. */
function isValueReference(reference: TSESLint.Scope.Reference): boolean {
  return (reference as { isValueReference?: boolean }).isValueReference !== false;
}

/**
 * Does an import bring in nothing an analysis can follow: `import type`, a side-effect import, or
 * bindings read only as types or not at all (`import { Connection } from 'jsforce'` for `conn:
 * Connection`)? Every analysis the API words gate reaches jsforce, nforce, node-soap or simple-oauth2
 * through a value the file reads (the HTTP model's tracker, core/call-targets), or through another
 * string that writes a word (a token path, a SOAP envelope, a `require`).
 */
function isInertImport(sourceCode: SourceCode, declaration: TSESTree.ImportDeclaration): boolean {
  return valueSpecifiers(declaration).every((specifier) =>
    sourceCode.getDeclaredVariables(specifier).every((variable) => !variable.references.some(isValueReference)),
  );
}

/** Is an identifier a read of a name an import binds (whose import decides, see `isInertImport`)? */
function readsImportBinding(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  return variable !== null && variable.defs.length > 0 && variable.defs.every((definition) => definition.type === 'ImportBinding');
}

/**
 * Watches for the Salesforce API words (`SALESFORCE_API_WORDS`, and the `jsforce` global). A word that
 * is only the source of an import bringing in nothing to follow (`isInertImport`: TypeScript files
 * often import jsforce's classes for their types alone) does not count, nor does a `jsforce` name
 * bound by an import.
 */
export function salesforceApiMentions(file: FileWithSource): () => boolean {
  return mentions(
    file,
    SALESFORCE_API_WORDS,
    JSFORCE_GLOBALS,
    (node) => {
      const { parent } = node;
      return !(parent?.type === AST_NODE_TYPES.ImportDeclaration && parent.source === node && isInertImport(file.context.sourceCode, parent));
    },
    (identifier) => !readsImportBinding(file.context.sourceCode, identifier),
  );
}

const hostWords = new Map<string, RegExp>();
const wordsBySet = new WeakMap<ReadonlySet<string>, RegExp>();

/**
 * The words a login host is written with: `salesforce.com` (login.salesforce.com, test.salesforce.com)
 * and each extra login host as it is configured, compared without case. One regular expression per
 * distinct set of hosts.
 */
export function loginHostWords(loginHosts: ReadonlySet<string>): RegExp {
  const known = wordsBySet.get(loginHosts);
  if (known) return known;
  const extra = [...loginHosts].filter((host) => !host.endsWith('.salesforce.com')).sort();
  const key = extra.join(',');
  let words = hostWords.get(key);
  if (!words) {
    words = new RegExp(['salesforce\\.com', ...extra.map((host) => host.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'))].join('|'), 'iu');
    hostWords.set(key, words);
  }
  wordsBySet.set(loginHosts, words);
  return words;
}
