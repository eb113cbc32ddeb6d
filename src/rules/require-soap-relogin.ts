import type { TSESLint } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../util/node-types';

import type { SessionLifetime } from '../analysis/soap/session-lifetime';
import type { SoapLogin } from '../analysis/soap/soap-logins';

import { unwrap } from '../analysis/core/ast';
import { salesforceApiMentions } from '../analysis/core/mentions';
import { hasRelogin } from '../analysis/soap/relogin';
import { sessionLifetime } from '../analysis/soap/session-lifetime';
import { selfRenewingLogins, soapLogins } from '../analysis/soap/soap-logins';
import { loginUsesOAuth } from '../analysis/oauth/token-requests';
import { createRule } from '../util/create-rule';

export type Options = [];
export type MessageIds = 'noRelogin' | 'useJsforceLogin';

function lifetimeText(lifetime: SessionLifetime): string {
  const name = lifetime.name === null ? '' : ` \`${lifetime.name}\``;
  let where: string;
  switch (lifetime.kind) {
    case 'module-state':
      where = lifetime.name === null ? 'kept in module state' : `kept in${name}, outside the function that logged in`;
      break;
    case 'this':
      where = lifetime.name === null ? 'stored on `this`' : `stored on${name}`;
      break;
    case 'outer-object':
      where = lifetime.name === null ? 'stored on an object the caller passed in' : `stored in${name}, on an object the caller passed in`;
      break;
    case 'returned':
      where = 'returned to callers';
      break;
    case 'deferred':
      where = 'used by a callback that runs later';
      break;
    case 'exported':
      where = lifetime.name === null ? 'exported' : `exported through${name}`;
      break;
    case 'persisted':
      where = lifetime.name === null ? 'saved for later runs' : `saved for later runs through${name}`;
      break;
    case 'streaming':
      where = 'held by the Streaming API client, which keeps the session it connected with';
      break;
  }
  return lifetime.viaClient ? `attached to a client that is ${where}` : where;
}

export default createRule<Options, MessageIds>({
  name: 'require-soap-relogin',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require SOAP login sessions that outlive their login call to be renewed on INVALID_SESSION_ID',
      recommended: true,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      noRelogin:
        "The session from this SOAP login outlives the call ({{lifetime}}) but nothing logs in again when it expires (after 2 hours idle by default, or at once when an admin tightens session settings), so calls start failing with `sf:INVALID_SESSION_ID`; log in again once on `INVALID_SESSION_ID`, or move to the OAuth 2.0 JWT bearer flow, since SOAP `login()` retires in Summer '27 and is not available from API 65.0.",
      useJsforceLogin:
        'Call `login()` instead: jsforce then logs in again by itself when the session expires.',
    },
  },
  defaultOptions: [],
  listen(file) {
    function suggestions(sourceCode: Readonly<TSESLint.SourceCode>, login: SoapLogin, lifetime: SessionLifetime): TSESLint.ReportSuggestionArray<MessageIds> {
      // A session saved for later runs stays the old one whatever logs in on the connection.
      if (lifetime.kind === 'persisted') return [];
      // With OAuth client credentials, `login()` would run the OAuth username-password flow instead.
      if (login.kind !== 'jsforce' || login.method !== 'loginBySoap' || !login.connection || loginUsesOAuth(sourceCode, login.connection)) return [];
      const callee = unwrap(login.node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return [];
      const { property } = callee;
      return [{ messageId: 'useJsforceLogin', fix: (fixer) => fixer.replaceText(property, 'login') }];
    }

    // Every SOAP login (raw XML, node-soap, jsforce) starts from a Salesforce API word.
    const namesApi = salesforceApiMentions(file);

    file.listeners['Program:exit'] = () => {
      if (!namesApi()) return;
      const { context } = file;
      const { sourceCode } = context;
      for (const login of [...soapLogins(sourceCode), ...selfRenewingLogins(sourceCode)]) {
        const lifetime = sessionLifetime(sourceCode, login);
        if (!lifetime || hasRelogin(sourceCode, login)) continue;
        context.report({
          // The callee (`conn.loginBySoap`, `fetch`), not the whole call with its envelope or callback.
          node: login.node.callee,
          messageId: 'noRelogin',
          data: { lifetime: lifetimeText(lifetime) },
          suggest: suggestions(sourceCode, login, lifetime),
        });
      }
    };
  },
});
