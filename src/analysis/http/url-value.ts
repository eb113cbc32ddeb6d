/**
 * What string (and so what URL) an expression builds.
 *
 * A value is a list of segments: known text, and `null` for a part nothing in the file tells (a
 * parameter, an environment variable, a function's result). Unknown parts stay unknown: they are never
 * guessed. An expression can have several possible values (`env || 'https://…'`, `c ? a : b`), each
 * one a `StringValue`. Values are followed through string and template literals, `+`, `const` and
 * never-reassigned bindings (module level too), destructuring and its defaults, properties of object
 * literals, class fields, `new URL(path, base)` and URL objects, and what the file's own functions and
 * getters return (`client().base`, `this.baseUrl`, `await base()`), and the arguments a local function's
 * parameters are given by its calls. Results are cached per node, so asking twice is free.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { ValueSource } from '../core/bindings';

import { memberName, unwrap, variableOf } from '../core/ast';
import { identifierSources, thisMemberSources } from '../core/bindings';
import { MAX_DEPTH, propertyTarget } from '../core/object-literals';
import { argumentExpressions, resultExpressions } from '../core/returns';
import { jsforceHostProperty } from './jsforce-instances';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Known text, or `null` for an unknown part. */
export type Segment = string | null;

export interface StringValue {
  /** Adjacent texts are merged and adjacent unknowns collapsed, so segments alternate. */
  readonly segments: readonly Segment[];
  /**
   * The string literal or template literal that wrote this value's first characters, when the value
   * starts with known text. Fixes use it to tell whether that text is written inside a given expression.
   */
  readonly head: TSESTree.StringLiteral | TSESTree.TemplateLiteral | null;
}

/** The most possible values kept for one expression; past it, the expression counts as unknown. */
export const MAX_VALUES = 8;

export const UNKNOWN_VALUE: StringValue = { segments: [null], head: null };

function text(value: string, head: StringValue['head']): StringValue {
  return { segments: value === '' ? [] : [value], head: value === '' ? null : head };
}

/** Joins values left to right, merging neighbouring segments. */
export function concatValues(...values: readonly StringValue[]): StringValue {
  const segments: Segment[] = [];
  let head: StringValue['head'] = null;
  let first = true;
  for (const value of values) {
    for (const segment of value.segments) {
      if (first) {
        head = segment === null ? null : value.head;
        first = false;
      }
      const last = segments.length - 1;
      if (segments.length > 0 && segment === null && segments[last] === null) continue;
      if (segments.length > 0 && segment !== null && typeof segments[last] === 'string') {
        segments[last] = `${segments[last]}${segment}`;
      } else {
        segments.push(segment);
      }
    }
  }
  return { segments, head };
}

/** Every combination of one value from each list, capped at MAX_VALUES (the rest collapse to unknown). */
function combine(lists: readonly (readonly StringValue[])[]): StringValue[] {
  let results: StringValue[][] = [[]];
  for (const list of lists) {
    const choices = list.length === 0 ? [UNKNOWN_VALUE] : list;
    if (results.length * choices.length > MAX_VALUES) {
      results = results.map((result) => [...result, UNKNOWN_VALUE]);
      continue;
    }
    results = results.flatMap((result) => choices.map((choice) => [...result, choice]));
  }
  return results.map((parts) => concatValues(...parts));
}

function dedupe(values: readonly StringValue[]): StringValue[] {
  const seen = new Map<string, StringValue>();
  for (const value of values) {
    const key = JSON.stringify(value.segments);
    if (!seen.has(key)) seen.set(key, value);
  }
  const list = [...seen.values()];
  return list.length > MAX_VALUES ? [UNKNOWN_VALUE] : list;
}

/** The render of a value for messages and tests: unknown parts print as `${…}`. */
export function renderValue(value: StringValue): string {
  return value.segments.map((segment) => segment ?? '${…}').join('');
}

/** Does the known text hold whitespace? Then it is prose that mentions a URL (a message), not a URL. */
export function holdsWhitespace(value: StringValue): boolean {
  return value.segments.some((segment) => segment !== null && /\s/u.test(segment));
}

/** Is the whole value known text? */
export function isFullyKnown(value: StringValue): boolean {
  return value.segments.every((segment) => segment !== null);
}

// ---------------------------------------------------------------------------------------------------
// URL parsing of partially known values

export interface UrlParts {
  /** Lower-case scheme without `:` (`https`), or null for a relative or protocol-relative value. */
  readonly scheme: string | null;
  /** Lower-case host without port, user info or trailing dot; null when not fully known or relative. */
  readonly host: string | null;
  /** Origin text as written (`https://login.salesforce.com`) when the host is known. */
  readonly origin: string | null;
  /** The known beginning of the path (starts with `/` when the host or a leading slash is known). */
  readonly path: string;
  /** Is the whole path known (nothing unknown before the query, fragment or end)? */
  readonly pathComplete: boolean;
  /** Does the value start with a path (`/services/…`) rather than a scheme or host? */
  readonly relative: boolean;
}

const SCHEME = /^([a-z][a-z\d+.-]*):\/\//iu;

function pathInfo(segments: readonly Segment[], start: string): { path: string; complete: boolean } {
  // `start` is the known text from the path's first character; later segments may be unknown.
  let path = start;
  let complete = segments.length <= 1;
  const cut = path.search(/[?#]/u);
  if (cut >= 0) {
    path = path.slice(0, cut);
    complete = true;
  }
  return { path, complete };
}

/** Reads scheme, host and path from a value whose first characters are known. */
export function parseUrl(value: StringValue): UrlParts | null {
  const [first] = value.segments;
  if (typeof first !== 'string') return null;
  const leading = first.trimStart();
  const scheme = SCHEME.exec(leading);
  let rest: string;
  if (scheme) rest = leading.slice(scheme[0].length);
  else if (leading.startsWith('//')) rest = leading.slice(2);
  else if (leading.startsWith('/')) {
    const { path, complete } = pathInfo(value.segments, leading);
    return { scheme: null, host: null, origin: null, path, pathComplete: complete, relative: true };
  } else return null;

  const end = rest.search(/[/?#]/u);
  if (end < 0 && value.segments.length > 1) {
    // `https://login.salesforce.com${x}`: `x` may still continue the host.
    return { scheme: scheme?.[1]?.toLowerCase() ?? null, host: null, origin: null, path: '', pathComplete: false, relative: false };
  }
  const authority = end < 0 ? rest : rest.slice(0, end);
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const host = hostPort.replace(/:\d*$/u, '').replace(/\.$/u, '').toLowerCase();
  if (host === '' || /\s/u.test(host)) return null;
  const origin = leading.slice(0, leading.length - rest.length + authority.length);
  const after = end < 0 ? '' : rest.slice(end);
  const { path, complete } = pathInfo(value.segments, after.startsWith('/') ? after : after === '' ? '' : after);
  return {
    scheme: scheme?.[1]?.toLowerCase() ?? null,
    host,
    origin,
    path: path === '' ? '/' : path,
    pathComplete: complete,
    relative: false,
  };
}

// ---------------------------------------------------------------------------------------------------
// Joining a base and a path the way HTTP clients do

function isAbsoluteStart(value: StringValue): boolean | null {
  const [first] = value.segments;
  if (first === undefined) return false;
  if (first === null) return null;
  return SCHEME.test(first) || first.startsWith('//') || (value.segments.length === 1 && /^[a-z][a-z\d+.-]*:/iu.test(first));
}

function trimEnd(value: StringValue, pattern: RegExp): StringValue {
  const segments = [...value.segments];
  const last = segments.length - 1;
  if (typeof segments[last] === 'string') segments[last] = segments[last].replace(pattern, '');
  return { segments: segments.filter((segment) => segment !== ''), head: value.head };
}

function trimStart(value: StringValue, pattern: RegExp): StringValue {
  const segments = [...value.segments];
  if (typeof segments[0] === 'string') segments[0] = segments[0].replace(pattern, '');
  return { segments: segments.filter((segment) => segment !== ''), head: segments[0] === '' ? null : value.head };
}

/**
 * The URL a client sends when given `path` with a configured base: axios `baseURL` (joined with one
 * `/`, ignored for absolute URLs), got and ky `prefixUrl` (same joining).
 */
export function joinBase(base: StringValue, path: StringValue | null): StringValue {
  if (path === null || path.segments.length === 0) return base;
  const absolute = isAbsoluteStart(path);
  if (absolute === true) return path;
  return concatValues(trimEnd(base, /\/+$/u), text('/', null), trimStart(path, /^\/+/u));
}

/** WHATWG resolution of `new URL(path, base)`, as far as the known parts allow. */
export function resolveAgainst(path: StringValue, base: StringValue): StringValue {
  const absolute = isAbsoluteStart(path);
  if (absolute === true) return path;
  if (absolute === null) return UNKNOWN_VALUE;
  const baseUrl = parseUrl(base);
  const [first = ''] = path.segments;
  if (!baseUrl?.origin) return UNKNOWN_VALUE;
  if (typeof first === 'string' && first.startsWith('/')) {
    return concatValues(text(baseUrl.origin, base.head), path);
  }
  if (!baseUrl.pathComplete) return UNKNOWN_VALUE;
  const directory = baseUrl.path.slice(0, baseUrl.path.lastIndexOf('/') + 1) || '/';
  if (path.segments.length === 0) return concatValues(text(baseUrl.origin, base.head), text(baseUrl.path, null));
  return concatValues(text(`${baseUrl.origin}${directory}`, base.head), path);
}

/** The origin (`scheme://host`) of a value, as `URL#origin` gives it. */
/** `value` with the slashes at its end removed, when its end is known text (`base.replace(/\/+$/, '')`). */
function withoutTrailingSlashes(value: StringValue): StringValue {
  const last = value.segments.at(-1);
  // An unknown end stays unknown; an empty value stays empty.
  if (typeof last !== 'string') return value;
  const trimmed = last.replace(/\/+$/u, '');
  const segments = trimmed === '' ? value.segments.slice(0, -1) : [...value.segments.slice(0, -1), trimmed];
  return { segments, head: segments.length === 0 ? null : value.head };
}

/** A pattern that matches only slashes at the end of a string: `/\/$/`, `/\/+$/`, `/\/*$/`. */
const TRAILING_SLASH_PATTERNS = new Set(['\\/$', '\\/+$', '\\/*$', '/$', '/+$', '/*$']);

/** Is `call` `x.replace(/\/+$/, '')` (or `replaceAll`), which only strips the slashes at the end of `x`? */
function stripsTrailingSlashes(call: TSESTree.CallExpression, name: string | null): boolean {
  if ((name !== 'replace' && name !== 'replaceAll') || call.arguments.length !== 2) return false;
  const [pattern, replacement] = call.arguments;
  return (
    pattern?.type === AST_NODE_TYPES.Literal &&
    'regex' in pattern &&
    TRAILING_SLASH_PATTERNS.has(pattern.regex.pattern) &&
    !pattern.regex.flags.includes('m') &&
    replacement?.type === AST_NODE_TYPES.Literal &&
    replacement.value === ''
  );
}

function originOf(value: StringValue): StringValue {
  const url = parseUrl(value);
  return url?.origin ? text(url.origin, value.head) : UNKNOWN_VALUE;
}

// ---------------------------------------------------------------------------------------------------
// The resolver

const URL_STRING_MEMBERS = new Set(['href', 'toString', 'toJSON']);

interface ResolverState {
  readonly cache: WeakMap<TSESTree.Node, StringValue[]>;
  readonly active: Set<TSESTree.Node>;
}

const states = new WeakMap<SourceCode, ResolverState>();

function stateFor(sourceCode: SourceCode): ResolverState {
  let state = states.get(sourceCode);
  if (!state) {
    state = { cache: new WeakMap(), active: new Set() };
    states.set(sourceCode, state);
  }
  return state;
}

function isUrlConstructor(sourceCode: SourceCode, node: TSESTree.Node): node is TSESTree.NewExpression {
  if (node.type !== AST_NODE_TYPES.NewExpression) return false;
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'URL') return false;
  // A local class named URL is not the global URL; an `import { URL } from 'node:url'` is the same class.
  const variable = variableOf(sourceCode, callee);
  if (!variable || variable.defs.length === 0) return true;
  const [definition] = variable.defs;
  return (
    variable.defs.length === 1 &&
    definition?.type === 'ImportBinding' &&
    definition.parent.type === AST_NODE_TYPES.ImportDeclaration &&
    /^(?:node:)?url$/u.test(definition.parent.source.value)
  );
}

/**
 * The possible string values of an expression. Always at least one value; `[UNKNOWN_VALUE]` when
 * nothing is known.
 */
export function stringValues(sourceCode: SourceCode, node: TSESTree.Node): readonly StringValue[] {
  return valuesOf(sourceCode, stateFor(sourceCode), node, 0);
}

function valuesOf(sourceCode: SourceCode, state: ResolverState, node: TSESTree.Node, depth: number): StringValue[] {
  const cached = state.cache.get(node);
  if (cached) return cached;
  if (depth > MAX_DEPTH || state.active.has(node)) return [UNKNOWN_VALUE];
  state.active.add(node);
  let result: StringValue[];
  try {
    result = dedupe(compute(sourceCode, state, node, depth + 1));
    if (result.length === 0) result = [UNKNOWN_VALUE];
  } finally {
    state.active.delete(node);
  }
  state.cache.set(node, result);
  return result;
}

function sourceValues(sourceCode: SourceCode, state: ResolverState, sources: readonly ValueSource[], depth: number): StringValue[] {
  const values: StringValue[] = [];
  for (const source of sources) {
    if (source.kind === 'expression') values.push(...valuesOf(sourceCode, state, source.node, depth));
    else if (source.kind === 'property') {
      const target = propertyTarget(sourceCode, source.object, source.path, depth);
      if (target) values.push(...valuesOf(sourceCode, state, target, depth));
      else {
        values.push(UNKNOWN_VALUE);
        if (source.fallback) values.push(...valuesOf(sourceCode, state, source.fallback, depth));
      }
    } else values.push(UNKNOWN_VALUE);
  }
  return values;
}

function compute(sourceCode: SourceCode, state: ResolverState, raw: TSESTree.Node, depth: number): StringValue[] {
  const node = unwrap(raw);
  const of = (child: TSESTree.Node): StringValue[] => valuesOf(sourceCode, state, child, depth);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      if (typeof node.value === 'string') return [text(node.value, node as TSESTree.StringLiteral)];
      if (typeof node.value === 'number' || typeof node.value === 'boolean') return [text(String(node.value), null)];
      return [UNKNOWN_VALUE];
    case AST_NODE_TYPES.TemplateLiteral: {
      const lists: StringValue[][] = [];
      node.quasis.forEach((quasi, index) => {
        lists.push([text(quasi.value.cooked ?? '', index === 0 ? node : null)]);
        const expression = node.expressions[index];
        if (expression) lists.push(of(expression));
      });
      return combine(lists);
    }
    case AST_NODE_TYPES.BinaryExpression:
      if (node.operator !== '+') return [UNKNOWN_VALUE];
      return combine([of(node.left), of(node.right)]);
    case AST_NODE_TYPES.LogicalExpression:
      // `a || b`, `a ?? b`: either side may be the value.
      if (node.operator === '&&') return of(node.right);
      return [...of(node.left), ...of(node.right)];
    case AST_NODE_TYPES.ConditionalExpression:
      return [...of(node.consequent), ...of(node.alternate)];
    case AST_NODE_TYPES.SequenceExpression:
      return of(node.expressions[node.expressions.length - 1]!);
    case AST_NODE_TYPES.AssignmentExpression:
      return node.operator === '=' ? of(node.right) : [UNKNOWN_VALUE];
    case AST_NODE_TYPES.AwaitExpression:
      // `await base()` of an async function written in the file: what it returns.
      return resultValues(sourceCode, node, of) ?? [UNKNOWN_VALUE];
    case AST_NODE_TYPES.Identifier: {
      if (node.name === 'undefined') return [UNKNOWN_VALUE];
      // A parameter of a function the file calls itself: the arguments it is given.
      const variable = variableOf(sourceCode, node);
      const given = variable ? argumentExpressions(sourceCode, variable) : null;
      if (given) return given.flatMap(of);
      return sourceValues(sourceCode, state, identifierSources(sourceCode, node), depth);
    }
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberName(node);
      if (name === null) return [UNKNOWN_VALUE];
      const object = unwrap(node.object);
      const getter = resultValues(sourceCode, node, of);
      if (getter) return getter;
      const jsforce = jsforceHostProperty(sourceCode, object, name);
      if (jsforce) return 'option' in jsforce ? of(jsforce.option) : [jsforce.text === null ? UNKNOWN_VALUE : text(jsforce.text, null)];
      if (URL_STRING_MEMBERS.has(name) && isUrlValued(sourceCode, object)) return of(object);
      if (name === 'origin' && isUrlValued(sourceCode, object)) return of(object).map(originOf);
      const target = propertyTarget(sourceCode, object, [name], depth);
      if (target) return of(target);
      // `creds.instance_url` where `creds` is a parameter of a function the file calls itself: the
      // property of each argument it is given.
      const parameter = object.type === AST_NODE_TYPES.Identifier ? variableOf(sourceCode, object) : null;
      const given = parameter ? argumentExpressions(sourceCode, parameter) : null;
      if (given) return given.flatMap((argument) => {
        const property = propertyTarget(sourceCode, argument, [name], depth);
        return property ? of(property) : [UNKNOWN_VALUE];
      });
      const returned = resultExpressions(sourceCode, object);
      // `client().base` where `client` returns one of several objects: the property of each.
      if (returned) return returned.flatMap((result) => {
        const property = propertyTarget(sourceCode, result, [name], depth);
        return property ? of(property) : [UNKNOWN_VALUE];
      });
      const fields = thisMemberSources(sourceCode, node);
      if (fields) return sourceValues(sourceCode, state, fields, depth);
      return [UNKNOWN_VALUE];
    }
    case AST_NODE_TYPES.NewExpression:
      if (isUrlConstructor(sourceCode, node)) return urlConstructorValues(node, of);
      return [UNKNOWN_VALUE];
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(node.callee);
      // `String(x)`, `x.toString()`, `url.toString()`.
      if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String' && node.arguments.length === 1) {
        const [argument] = node.arguments;
        if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) return of(argument);
      }
      if (callee.type === AST_NODE_TYPES.MemberExpression && node.arguments.length === 0) {
        const name = memberName(callee);
        if (name === 'toString' || name === 'toJSON' || name === 'trim') return of(callee.object);
      }
      // `base.replace(/\/$/, '')`: the base without its trailing slashes.
      if (callee.type === AST_NODE_TYPES.MemberExpression && stripsTrailingSlashes(node, memberName(callee))) return of(callee.object).map(withoutTrailingSlashes);
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'concat') {
        const lists = [of(callee.object)];
        for (const argument of node.arguments) {
          if (argument.type === AST_NODE_TYPES.SpreadElement) return [UNKNOWN_VALUE];
          lists.push(of(argument));
        }
        return combine(lists);
      }
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'join') {
        const array = unwrap(callee.object);
        const separatorNode = node.arguments[0];
        const separator = separatorNode && separatorNode.type !== AST_NODE_TYPES.SpreadElement ? of(separatorNode) : [text(',', null)];
        if (array.type === AST_NODE_TYPES.ArrayExpression && separator.length === 1) {
          const lists: StringValue[][] = [];
          for (const [index, element] of array.elements.entries()) {
            if (!element || element.type === AST_NODE_TYPES.SpreadElement) return [UNKNOWN_VALUE];
            if (index > 0) lists.push(separator);
            lists.push(of(element));
          }
          return combine(lists);
        }
      }
      // A call of a function written in the file: what it returns.
      return resultValues(sourceCode, node, of) ?? [UNKNOWN_VALUE];
    }
    default:
      return [UNKNOWN_VALUE];
  }
}

/** The values of a call, `await` or getter read whose function the file shows (returns.ts), or null. */
function resultValues(sourceCode: SourceCode, node: TSESTree.Node, of: (child: TSESTree.Node) => StringValue[]): StringValue[] | null {
  const returned = resultExpressions(sourceCode, node);
  return returned ? returned.flatMap(of) : null;
}

function urlConstructorValues(
  node: TSESTree.NewExpression,
  of: (child: TSESTree.Node) => StringValue[],
): StringValue[] {
  const [pathNode, baseNode] = node.arguments;
  if (!pathNode || pathNode.type === AST_NODE_TYPES.SpreadElement) return [UNKNOWN_VALUE];
  const paths = of(pathNode);
  if (!baseNode) return paths;
  if (baseNode.type === AST_NODE_TYPES.SpreadElement) return [UNKNOWN_VALUE];
  const bases = of(baseNode);
  const results: StringValue[] = [];
  for (const path of paths) for (const base of bases) results.push(resolveAgainst(path, base));
  return results;
}

/** Does an expression hold a `URL` object (`new URL(…)`, or a binding that always holds one)? */
export function isUrlValued(sourceCode: SourceCode, node: TSESTree.Node, depth = 0): boolean {
  const target = unwrap(node);
  if (depth > MAX_DEPTH) return false;
  if (isUrlConstructor(sourceCode, target)) return true;
  if (target.type !== AST_NODE_TYPES.Identifier) return false;
  const sources = identifierSources(sourceCode, target);
  return (
    sources.length > 0 &&
    sources.every((source) => source.kind === 'expression' && isUrlValued(sourceCode, source.node, depth + 1))
  );
}
