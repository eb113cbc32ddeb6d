import type { TSESTree } from '@typescript-eslint/utils';

import { describe, expect, it } from 'vitest';

import { loginHostSet } from '../../../src/analysis/http/salesforce';
import { instanceUrlBindings, isTokenResponse, tokenFieldRead } from '../../../src/analysis/oauth/token-responses';
import { probeArgument, withSource } from '../helpers';

const hosts = loginHostSet();

function holdsToken(code: string): boolean {
  return withSource(code, (sourceCode) => isTokenResponse(sourceCode, hosts, probeArgument(sourceCode)));
}

describe('isTokenResponse', () => {
  it.each([
    ['await res.json()', `const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST' }); const t = await res.json(); probe(t)`],
    ['nested await', `const t = await (await fetch('https://test.salesforce.com/services/oauth2/token')).json(); probe(t)`],
    ['My Domain host', `const t = await (await fetch('https://acme.my.salesforce.com/services/oauth2/token')).json(); probe(t)`],
    ['unknown base with the token path', 'async function f(base) { const t = await (await fetch(`${base}/services/oauth2/token`)).json(); probe(t) }'],
    ['then chain', `fetch('https://login.salesforce.com/services/oauth2/token').then((r) => r.json()).then((t) => probe(t))`],
    ['axios { data }', `import axios from 'axios'; const { data } = await axios.post('https://login.salesforce.com/services/oauth2/token', p); probe(data)`],
    ['axios res.data', `import axios from 'axios'; const res = await axios.post('https://login.salesforce.com/services/oauth2/token', p); probe(res.data)`],
    ['got .json()', `import got from 'got'; const t = await got.post('https://login.salesforce.com/services/oauth2/token', { form }).json(); probe(t)`],
    ['ky .json()', `import ky from 'ky'; const t = await ky.post('https://login.salesforce.com/services/oauth2/token', { body }).json(); probe(t)`],
    ['jsforce OAuth2#requestToken', `import { OAuth2 } from 'jsforce'; const oauth2 = new OAuth2({ clientId }); const t = await oauth2.requestToken(code); probe(t)`],
  ])('%s', (_name, code) => {
    expect(holdsToken(code)).toBe(true);
  });

  it.each([
    ['another provider', `const t = await (await fetch('https://oauth2.googleapis.com/token')).json(); probe(t)`],
    ['a data call', `const t = await (await fetch('https://acme.my.salesforce.com/services/data/v59.0')).json(); probe(t)`],
    ['a response, not its body', `const res = await fetch('https://login.salesforce.com/services/oauth2/token'); probe(res)`],
    ['an unrelated value', 'probe(tokens)'],
  ])('not %s', (_name, code) => {
    expect(holdsToken(code)).toBe(false);
  });
});

describe('tokenFieldRead', () => {
  it('reads member access and destructuring', () => {
    const code = `const res = await fetch('https://login.salesforce.com/services/oauth2/token');
const t = await res.json();
const { access_token: token, instance_url } = await (await fetch('https://login.salesforce.com/services/oauth2/token')).json();
probe(t.access_token, token);`;
    const reads = withSource(code, (sourceCode) => {
      const call = probeArgument(sourceCode).parent as TSESTree.CallExpression;
      return call.arguments.map((argument) => {
        const read = tokenFieldRead(sourceCode, hosts, argument);
        return read && { field: read.field, response: read.response && sourceCode.getText(read.response), pattern: read.pattern !== null };
      });
    });
    expect(reads).toEqual([
      { field: 'access_token', response: 't', pattern: false },
      { field: 'access_token', response: null, pattern: true },
    ]);
  });
});

describe('instanceUrlBindings', () => {
  it('finds bindings that hold an instance URL, declared before the use', () => {
    const code = `function f(instanceUrl) {
  const { instance_url: host } = tokens;
  const other = session.instanceUrl;
  const unrelated = 'x';
  probe(1);
  const later = tokens.instance_url;
}`;
    const names = withSource(code, (sourceCode) => instanceUrlBindings(sourceCode, probeArgument(sourceCode)).map((variable) => variable.name));
    expect(names.sort()).toEqual(['host', 'instanceUrl', 'other']);
  });
});
