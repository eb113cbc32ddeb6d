/** Fix builders for object literals and object patterns. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '@typescript-eslint/utils';

/**
 * Inserts `text` as a new property right after `property`, in the layout the object already uses: on
 * the same line (`{ a, text }`) when `property` shares its line with the opening brace or another
 * property, else on a line of its own with the same indentation, keeping the trailing-comma style.
 */
export function insertPropertyAfter(
  sourceCode: Readonly<TSESLint.SourceCode>,
  fixer: TSESLint.RuleFixer,
  property: TSESTree.Node,
  text: string,
): TSESLint.RuleFix {
  const line = sourceCode.lines[property.loc.start.line - 1] ?? '';
  const indent = line.slice(0, property.loc.start.column);
  const ownLine = /^\s*$/u.test(indent) && property.parent !== undefined && property.loc.start.line > property.parent.loc.start.line;
  if (!ownLine) return fixer.insertTextAfter(property, `, ${text}`);
  const next = sourceCode.getTokenAfter(property);
  if (next && ASTUtils.isCommaToken(next)) return fixer.insertTextAfter(next, `\n${indent}${text},`);
  return fixer.insertTextAfter(property, `,\n${indent}${text}`);
}
