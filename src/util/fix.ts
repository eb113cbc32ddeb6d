/** Fix builders shared by rules. */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from './node-types';

/** Escapes text for use inside a template literal. */
export function escapeTemplateText(text: string): string {
  return text.replace(/[`\\]|\$\{/gu, (match) => `\\${match}`);
}

/**
 * Replaces the leading `origin` text written in a string or template literal with an expression:
 * `'https://login.salesforce.com/x'` becomes `` `${expr}/x` ``, and a literal holding only the origin
 * becomes `expr`. Null when the literal does not start with that exact text.
 */
export function replaceLeadingOrigin(
  fixer: TSESLint.RuleFixer,
  head: TSESTree.StringLiteral | TSESTree.TemplateLiteral,
  origin: string,
  expression: string,
): TSESLint.RuleFix | null {
  if (head.type === AST_NODE_TYPES.Literal) {
    if (!head.value.startsWith(origin)) return null;
    const rest = head.value.slice(origin.length);
    return fixer.replaceText(head, rest === '' ? expression : `\`\${${expression}}${escapeTemplateText(rest)}\``);
  }
  const [first] = head.quasis;
  if (!first?.value.raw.startsWith(origin)) return null;
  const start = first.range[0] + 1;
  return fixer.replaceTextRange([start, start + origin.length], `\${${expression}}`);
}
