import { ESLintUtils } from '@typescript-eslint/utils';

/** Where every rule's documentation lives; `docs.url` is derived from the rule name. */
export const DOCS_BASE_URL =
  'https://github.com/salesforce-session/eslint-plugin-salesforce-session/blob/main/docs/rules';

export interface SalesforceSessionDocs {
  /** Part of the `recommended` config (and so of `strict` and `all`). */
  recommended?: boolean;
  /** Part of the `strict` config (and so of `all`) even if not recommended. */
  strict?: boolean;
}

/** The plugin's one RuleCreator. */
export const createRule = ESLintUtils.RuleCreator<SalesforceSessionDocs>(
  (name) => `${DOCS_BASE_URL}/${name}.md`,
);
