/**
 * Where a string ends up: used as a URL, or only shown to people (an error, a log line) or compared.
 * Rules that look at URL text use it to stay silent on messages that merely mention a URL.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import type { FileListeners } from '../../util/file-listeners';

import { addListener, fileList } from '../../util/file-listeners';
import { AST_NODE_TYPES } from '../../util/node-types';

import { memberName, unwrap } from './ast';

const LOG_METHODS = new Set(['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'notice', 'assert']);
const LOGGER_OBJECTS = /^(?:console|logger|log|_?logger|this\.logger|this\.log)$/iu;
const COMPARE_METHODS = new Set(['includes', 'startsWith', 'endsWith', 'indexOf', 'lastIndexOf', 'test', 'match', 'matchAll', 'search', 'localeCompare']);
const COMPARISONS = new Set(['===', '!==', '==', '!=']);
/** Test assertions and tables: expected values there are data about URLs, not URLs in use. */
const ASSERTION_METHODS = /^(?:to[A-Z]\w*|each|equal|deepEqual|strictEqual|deepStrictEqual|notEqual|match|is|eql)$/u;
const ASSERTION_FUNCTIONS = new Set(['expect', 'assert']);

function isErrorConstructor(callee: TSESTree.Node): boolean {
  const target = unwrap(callee);
  const name = target.type === AST_NODE_TYPES.Identifier ? target.name : target.type === AST_NODE_TYPES.MemberExpression ? memberName(target) : null;
  return name !== null && /(?:Error|Exception)$/u.test(name);
}

function calleeText(callee: TSESTree.Node): string | null {
  const target = unwrap(callee);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name;
  if (target.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const object = calleeText(target.object);
    const name = memberName(target);
    return object !== null && name !== null ? `${object}.${name}` : null;
  }
  return null;
}

function isLogCall(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(callee);
  const object = calleeText(callee.object);
  return method !== null && LOG_METHODS.has(method) && object !== null && LOGGER_OBJECTS.test(object.replace(/^this\./u, 'this.'));
}

/**
 * Is a string (literal or template) only text for people or a comparison operand: thrown, passed to an
 * Error constructor or a logger, compared, searched for, an expected value in a test assertion or test
 * table (`expect(…)`, `.toBe(…)`, `it.each([…])`, `assert.equal`), or a type? Follows the string up
 * through the concatenations, templates and arrays it is part of.
 */
export function isMessageOrComparison(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.BinaryExpression:
        if (COMPARISONS.has(parent.operator)) return true;
        if (parent.operator !== '+') return false;
        continue;
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.ArrayExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
        continue;
      case AST_NODE_TYPES.ThrowStatement:
      case AST_NODE_TYPES.TSLiteralType:
      case AST_NODE_TYPES.ImportDeclaration:
      case AST_NODE_TYPES.ExportAllDeclaration:
      case AST_NODE_TYPES.ExportNamedDeclaration:
      case AST_NODE_TYPES.JSXAttribute:
      case AST_NODE_TYPES.SwitchCase:
        return true;
      case AST_NODE_TYPES.NewExpression:
        return parent.callee !== current && isErrorConstructor(parent.callee);
      case AST_NODE_TYPES.CallExpression: {
        if (parent.callee === current) return false;
        if (isErrorConstructor(parent.callee) || isLogCall(parent)) return true;
        const callee = unwrap(parent.callee);
        if (callee.type === AST_NODE_TYPES.Identifier) return ASSERTION_FUNCTIONS.has(callee.name);
        if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
        const method = memberName(callee) ?? '';
        return COMPARE_METHODS.has(method) || ASSERTION_METHODS.test(method);
      }
      case AST_NODE_TYPES.MemberExpression:
        // 'https://…'.includes(x), 'https://…'.startsWith(x)
        if (parent.object !== current) return false;
        return COMPARE_METHODS.has(memberName(parent) ?? '');
      case AST_NODE_TYPES.Property:
        // an object key, or a `message:` / `description:` field
        if (parent.key === current) return true;
        return /^(?:message|msg|description|detail|details|hint|help|reason|text|title|error)$/iu.test(
          parent.key.type === AST_NODE_TYPES.Identifier ? parent.key.name : String((parent.key as TSESTree.Literal).value ?? ''),
        );
      default:
        return false;
    }
  }
  return false;
}

/** A string or template literal, as collected by `collectStrings`. */
export type StringNode = TSESTree.StringLiteral | TSESTree.TemplateLiteral;

/** The esquery selectors for strings whose text matches a filter, made once per filter. */
const selectorsByFilter = new WeakMap<RegExp, { readonly literal: string; readonly template: string }>();

export function stringSelectors(filter: RegExp): { readonly literal: string; readonly template: string } {
  let selectors = selectorsByFilter.get(filter);
  if (!selectors) {
    // As an esquery regular expression: `/` written as `\x2F`, so that it cannot end the expression.
    const pattern = `/${filter.source.replace(/\\?\//gu, '\\x2F')}/${filter.flags.replace(/[^imsu]/gu, '')}`;
    selectors = { literal: `Literal[value=${pattern}]`, template: `TemplateElement[value.raw=${pattern}]` };
    selectorsByFilter.set(filter, selectors);
  }
  return selectors;
}

/**
 * Adds to a rule's listeners the ones that collect the file's string and (untagged) template literals
 * whose text passes a cheap pre-filter, for rules that judge free-standing URL text once the whole file
 * has been seen; returns the list of the file being linted. The filter is part of the selectors, so
 * ESLint calls back only for matching strings, not for every literal.
 */
export function collectStrings(filter: RegExp, file: FileListeners): () => readonly StringNode[] {
  const strings = fileList<StringNode>(file);
  const selectors = stringSelectors(filter);
  addListener(file.listeners, selectors.literal, strings.push);
  addListener(file.listeners, selectors.template, (node: TSESTree.TemplateElement) => {
    // The parent may also be a template literal type (`type U = \`https://…/${string}\``): no URL.
    const template = node.parent;
    if (
      template.type === AST_NODE_TYPES.TemplateLiteral &&
      template.parent.type !== AST_NODE_TYPES.TaggedTemplateExpression &&
      strings.items().at(-1) !== template
    ) {
      strings.push(template);
    }
  });
  return strings.items;
}
