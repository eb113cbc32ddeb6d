import type { TSESTree } from '@typescript-eslint/utils';

import type { FieldWrite } from '../analysis/oauth/token-requests';

import { httpModel } from '../analysis/http/http-calls';
import { mentions, SALESFORCE_API_WORDS, salesforceApiMentions } from '../analysis/core/mentions';
import { collectStrings } from '../analysis/core/string-usage';
import { loginHostSet } from '../analysis/http/salesforce';
import {
  grantTypeWrites,
  jsforcePasswordCalls,
  PASSWORD_FLOW_METHOD_WORDS,
  PASSWORD_FLOW_METHODS,
  PASSWORD_GRANT,
  PASSWORD_GRANT_WORDS,
  tokenUrlGrantWrites,
  writesValue,
} from '../analysis/oauth/token-requests';
import { isTokenRequest } from '../analysis/oauth/token-responses';
import { createRule } from '../util/create-rule';
import { loginHostsSchema } from '../util/options';

export type Options = [{ loginHosts?: string[] }];
export type MessageIds = 'jsforcePasswordFlow' | 'nforcePasswordFlow' | 'passwordGrant' | 'passwordGrantUrl';

export default createRule<Options, MessageIds>({
  name: 'no-username-password-flow',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow the OAuth username-password flow against Salesforce',
      recommended: true,
    },
    schema: [
      {
        type: 'object',
        properties: {
          loginHosts: loginHostsSchema(
            'Extra hostnames whose `/services/oauth2/token` endpoint is Salesforce\'s (custom login or Experience Cloud domains), in addition to the Salesforce domains.',
          ),
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ loginHosts: [] }],
    messages: {
      passwordGrant:
        "This token request uses the OAuth username-password flow (`grant_type=password`), blocked by default in orgs created since Summer '23 and being retired for Connected Apps (enforcement 2027-02-20); use the JWT bearer flow for server-to-server access, or the client credentials flow.",
      passwordGrantUrl:
        "This token URL asks for the OAuth username-password flow (`grant_type=password`), blocked by default in orgs created since Summer '23 and being retired for Connected Apps (enforcement 2027-02-20); use the JWT bearer flow for server-to-server access, or the client credentials flow.",
      nforcePasswordFlow:
        "The nforce call `authenticate()` with a password runs the OAuth username-password flow, blocked by default in orgs created since Summer '23 and being retired for Connected Apps (enforcement 2027-02-20); authorize with the JWT bearer flow for server-to-server access, or with client credentials.",
      jsforcePasswordFlow:
        "The jsforce call `{{method}}()` runs the OAuth username-password flow here, blocked by default in orgs created since Summer '23 and being retired for Connected Apps (enforcement 2027-02-20); authorize with the JWT bearer flow for server-to-server access, or with client credentials.",
    },
  },
  defaultOptions: [{ loginHosts: [] }],
  listen(file, [{ loginHosts = [] }]) {
    const hosts = loginHostSet(loginHosts);

    // Token requests and jsforce logins both start from a Salesforce API word.
    const namesApi = salesforceApiMentions(file);
    // The strings that write one (the same selectors: ESLint matches them once): a token URL among them
    // may write the grant into its own query.
    const apiStrings = collectStrings(SALESFORCE_API_WORDS, file);
    const writesPassword = mentions(file, PASSWORD_GRANT_WORDS);
    const namesPasswordMethod = mentions(file, PASSWORD_FLOW_METHOD_WORDS, PASSWORD_FLOW_METHODS);

    file.listeners['Program:exit'] = () => {
      if (!namesApi()) return;
      // The grant written as a string, or a library method that runs the flow: without either, the
      // file holds no username-password flow, and the HTTP model is not built for this rule.
      const grantWritten = writesPassword();
      if (!grantWritten && !namesPasswordMethod()) return;
      const { context } = file;
      const { sourceCode } = context;
      const reported = new Set<TSESTree.Node>();
      /** Reports each write of the password grant once, however many requests or URLs it reaches. */
      const reportGrants = (writes: readonly FieldWrite[], messageId: 'passwordGrant' | 'passwordGrantUrl'): void => {
        for (const write of writes) {
          if (!writesValue(write, PASSWORD_GRANT) || reported.has(write.node)) continue;
          reported.add(write.node);
          context.report({ node: write.node, messageId });
        }
      };
      if (grantWritten) {
        for (const httpCall of httpModel(sourceCode).calls) {
          if (isTokenRequest(sourceCode, hosts, httpCall)) reportGrants(grantTypeWrites(sourceCode, httpCall), 'passwordGrant');
        }
        // A token URL that asks for the password grant itself, wherever it is sent from (often a config
        // constant that another file's request reads).
        for (const node of apiStrings()) reportGrants(tokenUrlGrantWrites(sourceCode, node, hosts), 'passwordGrantUrl');
      }
      for (const call of jsforcePasswordCalls(sourceCode)) {
        if (call.library === 'nforce') context.report({ node: call.node, messageId: 'nforcePasswordFlow' });
        else context.report({ node: call.node, messageId: 'jsforcePasswordFlow', data: { method: call.method } });
      }
    };
  },
});
