/**
 * The object literal an expression always evaluates to, and the expression stored at a property path of
 * it, following constant bindings, properties, class fields (`this.options`) and what the file's own
 * functions and getters return (`config()`). Every wing reads
 * options objects this way: request options, jsforce and node-soap options, retry-library settings.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import { memberName, propertyValue, unwrap } from './ast';
import { identifierSources, thisMemberSources } from './bindings';
import { resultExpressions } from './returns';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** How deep values are followed through bindings and properties. */
export const MAX_DEPTH = 24;

/**
 * The expression stored at `object.path…` when `object` is (or always holds) an object literal with
 * those properties written out.
 */
export function propertyTarget(
  sourceCode: SourceCode,
  object: TSESTree.Node,
  path: readonly string[],
  depth = 0,
): TSESTree.Expression | null {
  let current: TSESTree.Node | null = object;
  for (const key of path) {
    const literal: TSESTree.ObjectExpression | null = current ? objectLiteralOf(sourceCode, current, depth) : null;
    current = propertyValue(literal, key);
    if (!current) return null;
  }
  return current as TSESTree.Expression | null;
}

/** `null`, `undefined` or `void …`. */
function isNullish(node: TSESTree.Node): boolean {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.Literal) return target.value === null && !('regex' in target && target.regex);
  if (target.type === AST_NODE_TYPES.Identifier) return target.name === 'undefined';
  return target.type === AST_NODE_TYPES.UnaryExpression && target.operator === 'void';
}

/** The object literal an expression always evaluates to, following constant bindings and properties. */
export function objectLiteralOf(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  depth = 0,
): TSESTree.ObjectExpression | null {
  if (depth > MAX_DEPTH) return null;
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.ObjectExpression) return target;
  if (target.type === AST_NODE_TYPES.Identifier) {
    const sources = identifierSources(sourceCode, target);
    if (sources.length !== 1) return null;
    const [source] = sources;
    if (source?.kind === 'expression') return objectLiteralOf(sourceCode, source.node, depth + 1);
    if (source?.kind === 'property') {
      const inner = propertyTarget(sourceCode, source.object, source.path, depth + 1);
      return inner ? objectLiteralOf(sourceCode, inner, depth + 1) : null;
    }
    return null;
  }
  // `client()`, `await load()`, a getter: the object its function always returns. A `null` or
  // `undefined` it may return instead has no properties to read, so it is left out.
  const returned = resultExpressions(sourceCode, target)?.filter((expression) => !isNullish(expression));
  if (returned?.length === 1) return objectLiteralOf(sourceCode, returned[0]!, depth + 1);
  if (target.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(target);
    if (name === null) return null;
    const inner = propertyTarget(sourceCode, target.object, [name], depth + 1);
    if (inner) return objectLiteralOf(sourceCode, inner, depth + 1);
    const fields = thisMemberSources(sourceCode, target);
    if (fields?.length === 1 && fields[0]?.kind === 'expression') {
      return objectLiteralOf(sourceCode, fields[0].node, depth + 1);
    }
  }
  return null;
}
