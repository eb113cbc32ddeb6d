import type { TSESLint } from '@typescript-eslint/utils';
import type { SalesforceSessionDocs } from '../util/create-rule';
import noLoginHostApiCalls from './no-login-host-api-calls';
import noUnboundedSessionRetry from './no-unbounded-session-retry';

/**
 * What every rule of this plugin is, as far as the configs and the meta-tests care: a rule made by
 * `createRule`, whose `meta.docs` may say `recommended` / `strict`.
 */
export type SalesforceSessionRule = TSESLint.RuleModule<string, readonly unknown[], SalesforceSessionDocs>;

/** The one registry of rules, keyed by rule name (without the `salesforce-session/` prefix). */
export const rules = {
  'no-login-host-api-calls': noLoginHostApiCalls,
  'no-unbounded-session-retry': noUnboundedSessionRetry,
} satisfies Record<string, SalesforceSessionRule>;
