/**
 * What a Salesforce OAuth token request sends: the form fields of its body and query (`grant_type`,
 * `username`, `assertion`…), and the jsforce calls that run the username-password flow.
 *
 * A field is read from wherever code writes it: an object literal (axios `data`, got `form`, request
 * `form`, `qs.stringify({...})`, `querystring.stringify({...})`, `JSON.stringify({...})`), a
 * `URLSearchParams` or `FormData` (the constructor's object, pairs or string, then every
 * `.append(field, value)` / `.set(field, value)` on the binding that holds it), a query string literal
 * or template (`'grant_type=password&username=' + user`), query options (axios `params`, got and ky
 * `searchParams`, request `qs`, superagent `.query()`), and the request URL's own query string. Values
 * follow the URL-value resolver (`stringValues`): unknown parts stay unknown and are never guessed.
 *
 * jsforce (salesforce-facts.md §A.2, §A.4): `OAuth2#authenticate(username, password)` always posts
 * `grant_type=password`; `Connection#loginByOAuth2` does too; `Connection#login(username, password)`
 * does when the connection has OAuth client credentials (`oauth2: { clientId, clientSecret }`, an
 * `OAuth2` built with them, or v1's top-level `clientId` / `clientSecret`), and calls SOAP `login()`
 * otherwise; `Connection#authorize({ grant_type, … })` sends the grant type it is given.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { StringNode } from '../core/string-usage';
import type { HttpCall, JsforceConnection } from '../http/http-calls';
import type { StringValue } from '../http/url-value';

import { calledMethodName, hasProperty, importedName, memberName, propertyValue, unwrap, variableOf } from '../core/ast';
import { identifierSources } from '../core/bindings';
import { httpModel, instanceReads, requestUrlValues, useOf } from '../http/http-calls';
import { isSalesforceHost, isTokenPath } from '../http/salesforce';
import { parseUrl, stringValues } from '../http/url-value';
import { objectLiteralOf } from '../core/object-literals';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The OAuth grant type of the username-password flow. */
export const PASSWORD_GRANT = 'password';

/**
 * Without a string that holds `password` (the grant's value, `grant_type=password` in a URL or a body),
 * no request or token URL of the file asks for the username-password flow: `writesValue` compares
 * static values.
 */
export const PASSWORD_GRANT_WORDS = /password/u;

/**
 * The library methods that run the username-password flow with no grant written in the file
 * (`jsforcePasswordCalls`): jsforce `OAuth2#authenticate`, `Connection#login` with an OAuth client,
 * `Connection#loginByOAuth2`, nforce `authenticate`. A file naming none of them, as a member or a string
 * key, makes no such call; `Connection#authorize` needs the grant written (`PASSWORD_GRANT_WORDS`).
 */
export const PASSWORD_FLOW_METHODS: readonly string[] = ['authenticate', 'login', 'loginByOAuth2'];

/** PASSWORD_FLOW_METHODS as the words of a string key (`conn['login'](…)`). */
export const PASSWORD_FLOW_METHOD_WORDS = new RegExp(`^(?:${PASSWORD_FLOW_METHODS.join('|')})$`, 'u');

/** One place a request field is written, with the values it can hold. */
export interface FieldWrite {
  /** The expression that writes the value: a property value, an `append` argument, a query string. */
  readonly node: TSESTree.Node;
  readonly values: readonly StringValue[];
}

/** The most expressions read for one body: past it, the rest counts as unknown. */
const MAX_EXPRESSIONS = 64;
const FORM_CLASSES = new Set(['URLSearchParams', 'FormData']);
const FORM_MUTATORS = new Set(['append', 'set']);
/** Modules whose `stringify` / `encode` turn an object into a query string, and the exports that do. */
const QUERY_STRING_MODULES = new Map<string, ReadonlySet<string>>([
  ['qs', new Set(['stringify'])],
  ['querystring', new Set(['stringify', 'encode'])],
  ['node:querystring', new Set(['stringify', 'encode'])],
]);
/** Request options that hold the query, per library. */
const QUERY_OPTIONS: Partial<Record<HttpCall['library'], string>> = {
  axios: 'params',
  got: 'searchParams',
  ky: 'searchParams',
  request: 'qs',
};

// ---------------------------------------------------------------------------------------------------
// Where a name comes from

/** The module and export a name was imported or required from (`default` and `*` for whole modules). */
export function importedFrom(
  sourceCode: SourceCode,
  identifier: TSESTree.Identifier,
): { readonly module: string; readonly name: string } | null {
  const variable = variableOf(sourceCode, identifier);
  if (!variable || variable.defs.length !== 1) return null;
  const [definition] = variable.defs;
  if (definition?.type === 'ImportBinding') {
    const declaration = definition.parent;
    if (declaration.type !== AST_NODE_TYPES.ImportDeclaration) return null;
    return { module: declaration.source.value, name: importedName(definition.node as TSESTree.ImportClause) };
  }
  if (definition?.type !== 'Variable') return null;
  const [source] = identifierSources(sourceCode, identifier);
  if (source?.kind === 'expression') {
    const module = requiredModule(source.node);
    return module === null ? null : { module, name: '*' };
  }
  if (source?.kind === 'property' && source.path.length === 1) {
    const module = requiredModule(source.object);
    return module === null ? null : { module, name: source.path[0]! };
  }
  return null;
}

/** `require('x')` → `'x'`. */
function requiredModule(node: TSESTree.Node): string | null {
  const target = unwrap(node);
  if (target.type !== AST_NODE_TYPES.CallExpression || target.arguments.length !== 1) return null;
  const callee = unwrap(target.callee);
  const [argument] = target.arguments;
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'require') return null;
  return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value : null;
}

/** Is an identifier a global (not declared anywhere in the file)? */
function isGlobal(sourceCode: SourceCode, identifier: TSESTree.Identifier): boolean {
  const variable = variableOf(sourceCode, identifier);
  return !variable || variable.defs.length === 0;
}

/** `new URLSearchParams(…)` / `new FormData()`: the global classes, or imported from `url` / `form-data`. */
function isFormConstructor(sourceCode: SourceCode, node: TSESTree.Node): node is TSESTree.NewExpression {
  if (node.type !== AST_NODE_TYPES.NewExpression) return false;
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  if (FORM_CLASSES.has(callee.name) && isGlobal(sourceCode, callee)) return true;
  const origin = importedFrom(sourceCode, callee);
  if (!origin) return false;
  if (/^(?:node:)?url$/u.test(origin.module)) return origin.name === 'URLSearchParams';
  return origin.module === 'form-data' && (origin.name === 'default' || origin.name === '*');
}

/** `qs.stringify(x)`, `querystring.encode(x)`, `stringify(x)` imported from them, `JSON.stringify(x)`. */
function isObjectEncoder(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const origin = importedFrom(sourceCode, callee);
    return origin !== null && (QUERY_STRING_MODULES.get(origin.module)?.has(origin.name) ?? false);
  }
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const name = memberName(callee);
  const object = unwrap(callee.object);
  if (name === null || object.type !== AST_NODE_TYPES.Identifier) return false;
  if (object.name === 'JSON' && name === 'stringify') return isGlobal(sourceCode, object);
  const origin = importedFrom(sourceCode, object);
  return (
    origin !== null &&
    (origin.name === 'default' || origin.name === '*') &&
    (QUERY_STRING_MODULES.get(origin.module)?.has(name) ?? false)
  );
}

// ---------------------------------------------------------------------------------------------------
// Query strings

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/gu, ' '));
  } catch {
    return text;
  }
}

/**
 * The values of `field` in a query string (`a=1&grant_type=password`), one per occurrence. A key
 * counts only at the start of the whole value or after `&`, never after an unknown part (which might
 * end in other letters of a longer key). A value that runs into an unknown part is unknown from there.
 */
export function queryFieldValues(query: StringValue, field: string): StringValue[] {
  const found: StringValue[] = [];
  const key = `${field}=`;
  query.segments.forEach((segment, index) => {
    if (typeof segment !== 'string') return;
    for (let at = segment.indexOf(key); at >= 0; at = segment.indexOf(key, at + 1)) {
      const boundary = at === 0 ? index === 0 : segment[at - 1] === '&';
      if (!boundary) continue;
      const start = at + key.length;
      const end = segment.indexOf('&', start);
      const text = decode(end >= 0 ? segment.slice(start, end) : segment.slice(start));
      const continues = end < 0 && index < query.segments.length - 1;
      const segments = [...(text === '' ? [] : [text]), ...(continues ? [null] : [])];
      found.push({ segments, head: null });
    }
  });
  return found;
}

/** The query part of a URL value: what follows the first `?` (known text only up to it). */
function queryOf(url: StringValue): StringValue | null {
  for (const [index, segment] of url.segments.entries()) {
    if (segment === null) continue;
    const mark = segment.indexOf('?');
    if (mark < 0) continue;
    const rest = segment.slice(mark + 1).replace(/#.*$/su, '');
    return { segments: [...(rest === '' ? [] : [rest]), ...url.segments.slice(index + 1)], head: null };
  }
  return null;
}

/** The text a string literal or template writes itself (a template's expressions left out). */
function writtenText(node: StringNode): string {
  return node.type === AST_NODE_TYPES.Literal ? node.value : node.quasis.map((quasi) => quasi.value.cooked ?? '').join('');
}

/** The literal that writes `field=` itself, when it is the value's first literal; else `fallback`. */
function queryWriter(value: StringValue, field: string, fallback: TSESTree.Node): TSESTree.Node {
  const { head } = value;
  if (!head) return fallback;
  return writtenText(head).includes(`${field}=`) ? head : fallback;
}

// ---------------------------------------------------------------------------------------------------
// Bodies

/** The writes of `field` in a `URLSearchParams` / `FormData` constructor call and its later mutations. */
function formWrites(sourceCode: SourceCode, creation: TSESTree.NewExpression, field: string, seen: Set<TSESTree.Node>): FieldWrite[] {
  const writes: FieldWrite[] = [];
  const [init] = creation.arguments;
  if (init && init.type !== AST_NODE_TYPES.SpreadElement) {
    const pairs = unwrap(init);
    if (pairs.type === AST_NODE_TYPES.ArrayExpression) {
      for (const pair of pairs.elements) {
        const entry = pair && unwrap(pair);
        if (entry?.type !== AST_NODE_TYPES.ArrayExpression) continue;
        const [name, value] = entry.elements;
        if (name && value && name.type !== AST_NODE_TYPES.SpreadElement && value.type !== AST_NODE_TYPES.SpreadElement && isFieldName(sourceCode, name, field)) {
          writes.push({ node: value, values: stringValues(sourceCode, value) });
        }
      }
    } else {
      writes.push(...fieldWrites(sourceCode, init, field, seen));
    }
  }
  for (const read of instanceReads(sourceCode, creation)) {
    const use = useOf(read);
    if (!use?.name || !FORM_MUTATORS.has(use.name)) continue;
    const [name, value] = use.call.arguments;
    if (name && value && name.type !== AST_NODE_TYPES.SpreadElement && value.type !== AST_NODE_TYPES.SpreadElement && isFieldName(sourceCode, name, field)) {
      writes.push({ node: value, values: stringValues(sourceCode, value) });
    }
  }
  return writes;
}

function isFieldName(sourceCode: SourceCode, node: TSESTree.Node, field: string): boolean {
  const values = stringValues(sourceCode, node);
  return values.length === 1 && values[0]?.segments.length === 1 && values[0].segments[0] === field;
}

/** `seen` holds the expressions already read on this path, so bindings that refer to each other end. */
function fieldWrites(sourceCode: SourceCode, node: TSESTree.Node, field: string, seen: Set<TSESTree.Node>): FieldWrite[] {
  const target = unwrap(node);
  if (seen.has(target) || seen.size > MAX_EXPRESSIONS) return [];
  seen.add(target);
  if (isFormConstructor(sourceCode, target)) return formWrites(sourceCode, target, field, seen);
  const object = objectLiteralOf(sourceCode, target);
  if (object) {
    const value = propertyValue(object, field);
    return value ? [{ node: value, values: stringValues(sourceCode, value) }] : [];
  }
  if (target.type === AST_NODE_TYPES.Identifier) {
    const writes: FieldWrite[] = [];
    const sources = identifierSources(sourceCode, target);
    if (sources.every((source) => source.kind === 'expression')) {
      for (const source of sources) if (source.kind === 'expression') writes.push(...fieldWrites(sourceCode, source.node, field, seen));
      return writes;
    }
  }
  if (target.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(target.callee);
    const [first] = target.arguments;
    // `params.toString()`
    if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'toString' && target.arguments.length === 0) {
      return fieldWrites(sourceCode, callee.object, field, seen);
    }
    if (first && first.type !== AST_NODE_TYPES.SpreadElement && isObjectEncoder(sourceCode, target)) {
      return fieldWrites(sourceCode, first, field, seen);
    }
  }
  // A query string, written out or built.
  const writes: FieldWrite[] = [];
  for (const value of stringValues(sourceCode, target)) {
    for (const found of queryFieldValues(value, field)) {
      writes.push({ node: queryWriter(value, field, node), values: [found] });
    }
  }
  return writes;
}

/**
 * The writes of form field `field` in a request body (or query option) expression: object literals,
 * `URLSearchParams` / `FormData` and their mutations, `qs` / `querystring` / `JSON` encodings, and
 * query strings. Empty when the body is not known.
 */
export function bodyFieldWrites(sourceCode: SourceCode, body: TSESTree.Node, field: string): readonly FieldWrite[] {
  return fieldWrites(sourceCode, body, field, new Set());
}

/** superagent's chained `.send(body)` and `.query(query)` after `superagent.post(url)`. */
function chainedArguments(call: TSESTree.CallExpression, names: ReadonlySet<string>): TSESTree.Node[] {
  const found: TSESTree.Node[] = [];
  let current: TSESTree.Node = call;
  for (;;) {
    const member: TSESTree.Node | undefined = current.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) break;
    const next: TSESTree.Node = member.parent;
    if (next.type !== AST_NODE_TYPES.CallExpression || next.callee !== member) break;
    const name = memberName(member);
    const [argument] = next.arguments;
    if (name !== null && names.has(name) && argument && argument.type !== AST_NODE_TYPES.SpreadElement) found.push(argument);
    current = next;
  }
  return found;
}

const SUPERAGENT_FIELDS = new Set(['send', 'query']);

/**
 * The writes of field `field` in an HTTP request: its body, its query options, superagent's `.send()`
 * and `.query()`, and the query string of its URL.
 */
export function requestFieldWrites(sourceCode: SourceCode, httpCall: HttpCall, field: string): readonly FieldWrite[] {
  const writes: FieldWrite[] = [];
  const sources: TSESTree.Node[] = [];
  if (httpCall.body) sources.push(httpCall.body);
  const queryOption = QUERY_OPTIONS[httpCall.library];
  const query = queryOption ? propertyValue(httpCall.options, queryOption) : null;
  if (query) sources.push(query);
  if (httpCall.library === 'superagent') sources.push(...chainedArguments(httpCall.node, SUPERAGENT_FIELDS));
  for (const source of sources) writes.push(...bodyFieldWrites(sourceCode, source, field));
  const fallback = httpCall.url ?? httpCall.node;
  for (const url of requestUrlValues(sourceCode, httpCall)) writes.push(...urlQueryWrites(url, field, fallback));
  return writes;
}

/** The writes of field `field` in the query string of a URL value; each on the literal that writes `field=`, else on `fallback`. */
function urlQueryWrites(url: StringValue, field: string, fallback: TSESTree.Node): FieldWrite[] {
  const query = queryOf(url);
  if (!query) return [];
  return queryFieldValues(query, field).map((found) => ({ node: queryWriter(url, field, fallback), values: [found] }));
}

/** The grant types a request sends (`grant_type`). */
export function grantTypeWrites(sourceCode: SourceCode, httpCall: HttpCall): readonly FieldWrite[] {
  return requestFieldWrites(sourceCode, httpCall, 'grant_type');
}

/**
 * The grant types a string writes into the query of a Salesforce token URL of its own
 * (`'https://login.salesforce.com/services/oauth2/token?grant_type=password&…'`): such a URL is a
 * token request wherever it is sent from, a call in this file or in another. Only a URL whose host is
 * known and a Salesforce host counts.
 */
export function tokenUrlGrantWrites(sourceCode: SourceCode, node: StringNode, loginHosts: ReadonlySet<string>): readonly FieldWrite[] {
  // The URL writes the grant itself: a look at its own text before its values are resolved.
  if (!writtenText(node).includes('grant_type=')) return [];
  const writes: FieldWrite[] = [];
  for (const value of stringValues(sourceCode, node)) {
    const url = parseUrl(value);
    if (url && url.host !== null && isSalesforceHost(url.host, loginHosts) && isTokenPath(url)) writes.push(...urlQueryWrites(value, 'grant_type', node));
  }
  return writes;
}

/** Can this write hold exactly `expected` (one of its possible values is that known text)? */
export function writesValue(write: FieldWrite, expected: string): boolean {
  return write.values.some((value) => value.segments.length === 1 && value.segments[0] === expected);
}

// ---------------------------------------------------------------------------------------------------
// jsforce

/** A jsforce call that runs the OAuth username-password flow. */
export type PasswordCallLibrary = 'jsforce' | 'nforce';

export interface JsforcePasswordCall {
  readonly node: TSESTree.CallExpression;
  /** `authenticate`, `login`, `loginByOAuth2` or `authorize`. */
  readonly method: string;
  readonly library: PasswordCallLibrary;
}

/** The options object of an OAuth client: an object literal, or the options of a `new OAuth2({...})`. */
function oauthClientOptions(sourceCode: SourceCode, node: TSESTree.Node, clients: readonly TSESTree.NewExpression[]): TSESTree.ObjectExpression | null {
  let target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Identifier) {
    const sources = identifierSources(sourceCode, target);
    const [source] = sources;
    if (sources.length === 1 && source?.kind === 'expression') target = unwrap(source.node);
  }
  if (target.type === AST_NODE_TYPES.NewExpression && clients.includes(target)) {
    const [options] = target.arguments;
    return options && options.type !== AST_NODE_TYPES.SpreadElement ? objectLiteralOf(sourceCode, options) : null;
  }
  return objectLiteralOf(sourceCode, target);
}

function hasClientCredentials(options: TSESTree.ObjectExpression | null): boolean {
  return options !== null && hasProperty(options, 'clientId') && hasProperty(options, 'clientSecret');
}

/** Does `authorize(params)` / `requestToken(params)` send `grant_type=password`? */
function sendsPasswordGrant(sourceCode: SourceCode, call: TSESTree.CallExpression): boolean {
  const [params] = call.arguments;
  if (!params || params.type === AST_NODE_TYPES.SpreadElement) return false;
  const options = objectLiteralOf(sourceCode, params);
  const grant = propertyValue(options, 'grant_type');
  return grant !== null && writesValue({ node: grant, values: stringValues(sourceCode, grant) }, PASSWORD_GRANT);
}

/**
 * Does `conn.login(username, password)` on this jsforce connection run the OAuth username-password flow
 * (the connection has OAuth client credentials) rather than SOAP `login()`?
 */
export function loginUsesOAuth(sourceCode: SourceCode, connection: JsforceConnection): boolean {
  const { options } = connection;
  const oauth2 = propertyValue(options, 'oauth2');
  return hasClientCredentials(options) || (oauth2 !== null && hasClientCredentials(oauthClientOptions(sourceCode, oauth2, httpModel(sourceCode).oauth2Clients)));
}

const passwordCallCache = new WeakMap<SourceCode, readonly JsforcePasswordCall[]>();

/**
 * The library calls in a file that run the username-password flow (computed once per file), from the
 * calls the HTTP model collects on each jsforce `OAuth2` and `Connection` and each nforce connection.
 */
export function jsforcePasswordCalls(sourceCode: SourceCode): readonly JsforcePasswordCall[] {
  const cached = passwordCallCache.get(sourceCode);
  if (cached) return cached;
  const model = httpModel(sourceCode);
  const found: JsforcePasswordCall[] = [];
  const add = (node: TSESTree.CallExpression, method: string, library: PasswordCallLibrary = 'jsforce'): void => {
    if (!found.some((entry) => entry.node === node)) found.push({ node, method, library });
  };
  for (const calls of model.oauth2Calls.values()) {
    for (const call of calls) if (calledMethodName(call) === 'authenticate') add(call, 'authenticate');
  }
  for (const calls of model.nforceConnections.values()) {
    // nforce's `authenticate({ username, password })` posts `grant_type=password`.
    for (const call of calls) {
      const [argument] = call.arguments;
      const options = argument && argument.type !== AST_NODE_TYPES.SpreadElement ? objectLiteralOf(sourceCode, argument) : null;
      if (calledMethodName(call) === 'authenticate' && options && hasProperty(options, 'password')) add(call, 'authenticate', 'nforce');
    }
  }
  for (const connection of model.connections) {
    const hasOAuthClient = loginUsesOAuth(sourceCode, connection);
    for (const call of connection.calls) {
      const method = calledMethodName(call);
      if (method === 'loginByOAuth2' || (method === 'login' && hasOAuthClient && call.arguments.length >= 2)) add(call, method);
      if (method === 'authorize' && sendsPasswordGrant(sourceCode, call)) add(call, method);
    }
  }
  passwordCallCache.set(sourceCode, found);
  return found;
}
