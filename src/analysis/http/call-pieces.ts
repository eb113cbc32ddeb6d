/**
 * Where a recognised HTTP call keeps its URL, base URL, method, body, headers and options, read from its
 * arguments by the call's layout (`Shape`, libraries.ts): `fetch(url, init)`, `axios(config)`,
 * `axios.post(url, data, config)`, `got(url, options)`, `request(options, cb)`, `http.request(options)`,
 * `$.ajax(settings)`, Angular `http.post(url, body, options)` and the rest.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import type { HttpCall, HttpClient } from './http-calls';
import type { HttpLibrary, Shape } from './libraries';

import { propertyValue } from '../core/ast';
import { objectLiteralOf } from '../core/object-literals';
import { stringValues } from './url-value';

type SourceCode = Readonly<TSESLint.SourceCode>;

export function argument(node: TSESTree.CallExpression | TSESTree.NewExpression, index: number): TSESTree.Expression | null {
  const value = node.arguments[index];
  return value && value.type !== AST_NODE_TYPES.SpreadElement ? value : null;
}

export function staticString(sourceCode: SourceCode, node: TSESTree.Node | null): string | null {
  if (!node) return null;
  const values = stringValues(sourceCode, node);
  if (values.length !== 1) return null;
  const [value] = values;
  return value?.segments.length === 1 && typeof value.segments[0] === 'string' ? value.segments[0] : null;
}

interface Pieces {
  url?: TSESTree.Node | null;
  base?: TSESTree.Node | null;
  method?: string | null;
  body?: TSESTree.Node | null;
  headers?: TSESTree.Node | null;
  options?: TSESTree.ObjectExpression | null;
  parts?: HttpCall['parts'];
}

/** Reads url, method, body and headers from a request options object (axios/got/ky/fetch/request style). */
function fromOptions(sourceCode: SourceCode, options: TSESTree.ObjectExpression | null, bodyKeys: readonly string[]): Pieces {
  if (!options) return {};
  const method = staticString(sourceCode, propertyValue(options, 'method') ?? propertyValue(options, 'type'));
  let body: TSESTree.Node | null = null;
  for (const key of bodyKeys) body ??= propertyValue(options, key);
  return {
    options,
    method: method?.toUpperCase() ?? null,
    body,
    headers: propertyValue(options, 'headers'),
  };
}

export function objectArgument(sourceCode: SourceCode, node: TSESTree.CallExpression, index: number): TSESTree.ObjectExpression | null {
  const value = argument(node, index);
  return value ? objectLiteralOf(sourceCode, value) : null;
}

const AXIOS_BODY = ['data'];
const GOT_BODY = ['json', 'body', 'form'];
const FETCH_BODY = ['body'];
const REQUEST_BODY = ['body', 'json', 'form', 'formData'];
const JQUERY_BODY = ['data'];

function readPieces(sourceCode: SourceCode, node: TSESTree.CallExpression, shape: Shape, presetMethod: string | undefined, protocol: string | undefined): Pieces {
  switch (shape) {
    case 'fetch':
    case 'undici-request': {
      const pieces = fromOptions(sourceCode, objectArgument(sourceCode, node, 1), FETCH_BODY);
      return { ...pieces, url: argument(node, 0), method: pieces.method ?? 'GET' };
    }
    case 'axios-config':
    case 'axios-request': {
      const first = objectArgument(sourceCode, node, 0);
      if (first || shape === 'axios-request') {
        const pieces = fromOptions(sourceCode, first, AXIOS_BODY);
        return { ...pieces, url: propertyValue(first, 'url'), base: propertyValue(first, 'baseURL'), method: pieces.method ?? 'GET' };
      }
      const options = objectArgument(sourceCode, node, 1);
      const pieces = fromOptions(sourceCode, options, AXIOS_BODY);
      return { ...pieces, url: argument(node, 0), base: propertyValue(options, 'baseURL'), method: pieces.method ?? 'GET' };
    }
    case 'axios-nodata':
    case 'axios-data': {
      const options = objectArgument(sourceCode, node, shape === 'axios-data' ? 2 : 1);
      const pieces = fromOptions(sourceCode, options, AXIOS_BODY);
      return {
        ...pieces,
        url: argument(node, 0),
        base: propertyValue(options, 'baseURL'),
        method: presetMethod ?? null,
        body: shape === 'axios-data' ? argument(node, 1) : null,
      };
    }
    case 'ofetch': {
      const options = objectArgument(sourceCode, node, 1);
      const pieces = fromOptions(sourceCode, options, FETCH_BODY);
      return { ...pieces, url: argument(node, 0), base: propertyValue(options, 'baseURL'), method: pieces.method ?? 'GET' };
    }
    case 'got':
    case 'got-method': {
      const first = objectArgument(sourceCode, node, 0);
      const options = first ?? objectArgument(sourceCode, node, 1);
      const pieces = fromOptions(sourceCode, options, GOT_BODY);
      return {
        ...pieces,
        url: first ? propertyValue(first, 'url') : argument(node, 0),
        base: propertyValue(options, 'prefixUrl'),
        method: presetMethod ?? pieces.method ?? 'GET',
      };
    }
    case 'request':
    case 'request-method': {
      const first = objectArgument(sourceCode, node, 0);
      const options = first ?? objectArgument(sourceCode, node, 1);
      const pieces = fromOptions(sourceCode, options, REQUEST_BODY);
      return {
        ...pieces,
        url: first ? (propertyValue(first, 'url') ?? propertyValue(first, 'uri')) : argument(node, 0),
        base: propertyValue(options, 'baseUrl'),
        method: presetMethod ?? pieces.method ?? 'GET',
      };
    }
    case 'superagent':
      return { url: argument(node, 1), method: staticString(sourceCode, argument(node, 0))?.toUpperCase() ?? null };
    case 'superagent-method':
      return { url: argument(node, 0), method: presetMethod ?? null };
    case 'node-http': {
      const first = argument(node, 0);
      const firstObject = objectArgument(sourceCode, node, 0);
      if (firstObject) {
        const pieces = fromOptions(sourceCode, firstObject, []);
        const host = propertyValue(firstObject, 'hostname') ?? propertyValue(firstObject, 'host');
        const explicitProtocol = staticString(sourceCode, propertyValue(firstObject, 'protocol'));
        return {
          ...pieces,
          method: presetMethod ?? pieces.method ?? 'GET',
          parts: host ? { protocol: explicitProtocol ?? protocol ?? 'https:', host, path: propertyValue(firstObject, 'path') } : null,
        };
      }
      const pieces = fromOptions(sourceCode, objectArgument(sourceCode, node, 1), []);
      return { ...pieces, url: first, method: presetMethod ?? pieces.method ?? 'GET' };
    }
    case 'jquery-ajax': {
      const first = objectArgument(sourceCode, node, 0);
      const settings = first ?? objectArgument(sourceCode, node, 1);
      const pieces = fromOptions(sourceCode, settings, JQUERY_BODY);
      return { ...pieces, url: first ? propertyValue(first, 'url') : argument(node, 0), method: pieces.method ?? 'GET' };
    }
    case 'jquery-method':
      return { url: argument(node, 0), method: presetMethod ?? null, body: argument(node, 1) };
    case 'angular': {
      if (presetMethod === 'REQUEST') {
        const options = objectArgument(sourceCode, node, 2);
        return { ...fromOptions(sourceCode, options, ['body']), url: argument(node, 1), method: staticString(sourceCode, argument(node, 0))?.toUpperCase() ?? null };
      }
      const withBody = presetMethod === 'POST' || presetMethod === 'PUT' || presetMethod === 'PATCH';
      const options = objectArgument(sourceCode, node, withBody ? 2 : 1);
      return {
        ...fromOptions(sourceCode, options, []),
        url: argument(node, 0),
        method: presetMethod ?? null,
        body: withBody ? argument(node, 1) : null,
      };
    }
    default:
      return {};
  }
}

export function makeCall(
  sourceCode: SourceCode,
  node: TSESTree.CallExpression,
  library: HttpLibrary,
  shape: Shape,
  method: string | undefined,
  protocol: string | undefined,
  client: HttpClient | null,
): HttpCall {
  const pieces = readPieces(sourceCode, node, shape, method, protocol);
  return {
    node,
    library,
    url: pieces.url ?? null,
    base: pieces.base ?? null,
    client,
    method: pieces.method ?? null,
    body: pieces.body ?? null,
    headers: pieces.headers ?? null,
    options: pieces.options ?? null,
    parts: pieces.parts ?? null,
  };
}
