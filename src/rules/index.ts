import type { TSESLint } from '@typescript-eslint/utils';
import type { SalesforceSessionDocs } from '../util/create-rule';
import noHardcodedInstanceHost from './no-hardcoded-instance-host';
import noLoginHostApiCalls from './no-login-host-api-calls';
import noUnboundedSessionRetry from './no-unbounded-session-retry';
import noUsernamePasswordFlow from './no-username-password-flow';
import requireInstanceUrl from './require-instance-url';
import requireSoapRelogin from './require-soap-relogin';

/**
 * What every rule of this plugin is, as far as the configs and the meta-tests care: a rule made by
 * `createRule`, whose `meta.docs` may say `recommended` / `strict`.
 */
export type SalesforceSessionRule = TSESLint.RuleModule<string, readonly unknown[], SalesforceSessionDocs>;

/** The one registry of rules, keyed by rule name (without the `salesforce-session/` prefix). */
export const rules = {
  'no-hardcoded-instance-host': noHardcodedInstanceHost,
  'no-login-host-api-calls': noLoginHostApiCalls,
  'no-unbounded-session-retry': noUnboundedSessionRetry,
  'no-username-password-flow': noUsernamePasswordFlow,
  'require-instance-url': requireInstanceUrl,
  'require-soap-relogin': requireSoapRelogin,
} satisfies Record<string, SalesforceSessionRule>;
