import type { MessageIds, Options } from '../../src/rules/no-hardcoded-instance-host';

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule from '../../src/rules/no-hardcoded-instance-host';
import { fixedOutputs, invalid, ruleTester, valid } from './utils';

const invalidCases = invalid<MessageIds, Options>([
  {
    code: `fetch('https://na42.salesforce.com/services/data/v59.0/limits');`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 1, column: 7, endLine: 1, endColumn: 63 }],
  },
  {
    code: `const BASE = 'https://cs17.salesforce.com';
fetch(BASE + '/services/data/v59.0/query');
fetch(\`\${BASE}/services/data/v59.0/limits\`);`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 1, column: 14, endLine: 1, endColumn: 43 }],
  },
  {
    code: `import axios from 'axios';
const api = axios.create({ baseURL: 'https://eu5.salesforce.com/services/data/v59.0' });
api.get('/limits');`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 37, endLine: 2, endColumn: 85 }],
  },
  {
    code: `import axios from 'axios';
axios({ url: '/services/data/v59.0/limits', baseURL: 'https://cs17.salesforce.com' });`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 54, endLine: 2, endColumn: 83 }],
  },
  {
    code: `import axios from 'axios';
const api = axios.create({ baseURL: 'https://acme.lightning.force.com' });`,
    output: null,
    errors: [{ messageId: 'lightningHost', line: 2, column: 37, endLine: 2, endColumn: 71 }],
  },
  {
    code: `fetch('https://acme.lightning.force.com/services/data/v59.0/query');`,
    output: null,
    errors: [{ messageId: 'lightningHost', line: 1, column: 7, endLine: 1, endColumn: 67 }],
  },
  {
    code: `fetch('https://acme.lightning.crmforce.mil/services/data/v59.0/limits');`,
    output: null,
    errors: [{ messageId: 'lightningHost', line: 1, column: 7, endLine: 1, endColumn: 71 }],
  },
  {
    code: `fetch('https://acme.lightning.sfcrmapps.cn/services/data/v59.0/limits');`,
    output: null,
    errors: [{ messageId: 'lightningHost', line: 1, column: 7, endLine: 1, endColumn: 71 }],
  },
  {
    code: `import ky from 'ky';
const api = ky.create({ prefixUrl: 'https://acme.lightning.force.com/services/data/v59.0' });`,
    output: null,
    errors: [{ messageId: 'lightningHost', line: 2, column: 36, endLine: 2, endColumn: 90 }],
  },
  {
    code: `const xhr = new XMLHttpRequest();
xhr.open('GET', 'https://acme.lightning.force.com/services/data/v59.0/limits');`,
    output: null,
    errors: [{ messageId: 'lightningHost', line: 2, column: 17, endLine: 2, endColumn: 78 }],
  },
  {
    code: `fetch('https://c.na42.visual.force.com/services/data/v59.0/limits');`,
    output: null,
    errors: [{ messageId: 'visualforceHost', line: 1, column: 7, endLine: 1, endColumn: 67 }],
  },
  {
    code: `module.exports = { apiBase: 'https://acme--c.vf.force.com/services/apexrest/orders' };`,
    output: null,
    errors: [{ messageId: 'visualforceHost', line: 1, column: 29, endLine: 1, endColumn: 84 }],
  },
  {
    code: `import got from 'got';
const api = got.extend({ prefixUrl: 'https://acme--c.vf.force.com/services/apexrest' });`,
    output: null,
    errors: [{ messageId: 'visualforceHost', line: 2, column: 37, endLine: 2, endColumn: 85 }],
  },
  {
    code: `import https from 'node:https';
const HOST = 'na42.salesforce.com';
https.request({ hostname: HOST, path: '/services/data/v59.0/limits' });`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 14, endLine: 2, endColumn: 35 }],
  },
  {
    code: `import https from 'node:https';
https.request({ hostname: 'ap4.salesforce.com', path: '/services/data/v59.0/limits' });`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 27, endLine: 2, endColumn: 47 }],
  },
  {
    code: `const pod = 'na42';
fetch(\`https://\${pod}.salesforce.com/services/data\`);`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 7, endLine: 2, endColumn: 52 }],
  },
  {
    code: `const pod = 'na42';
const u = \`https://\${pod}.salesforce.com\`;`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 11, endLine: 2, endColumn: 42 }],
  },
  {
    // The text writes only the end of the host: the look before the analysis must let it through.
    code: `const org = 'acme.lightning';
fetch(\`https://\${org}.force.com/services/data/v59.0/limits\`);`,
    output: null,
    errors: [{ messageId: 'lightningHost', line: 2 }],
  },
  {
    code: `const SF_HOST = 'na42.salesforce.com';`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 1, column: 17, endLine: 1, endColumn: 38 }],
  },
  {
    code: `function link(id) {
  return 'https://na42.salesforce.com/' + id;
}`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 10, endLine: 2, endColumn: 40 }],
  },
  {
    code: `import { Connection } from 'jsforce';
new Connection({ instanceUrl: 'https://na42.salesforce.com', accessToken });`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 31, endLine: 2, endColumn: 60 }],
  },
  {
    code: `import { Connection } from 'jsforce';
new Connection({ loginUrl: 'https://um1.salesforce.com' });`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 28, endLine: 2, endColumn: 56 }],
  },
  {
    code: `import { Connection } from 'jsforce';
new Connection({ instanceUrl: 'https://acme.lightning.force.com', accessToken });`,
    output: null,
    errors: [{ messageId: 'lightningHost', line: 2, column: 31, endLine: 2, endColumn: 65 }],
  },
  {
    code: `import jsforce from 'jsforce';
const conn = new jsforce.Connection({ serverUrl: 'https://na42.salesforce.com/services/Soap/u/59.0/00D', sessionId });`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 50, endLine: 2, endColumn: 104 }],
  },
  {
    code: `import jsforce from 'jsforce';
new jsforce.OAuth2({ loginUrl: 'https://gs0.salesforce.com', clientId, clientSecret });`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 32, endLine: 2, endColumn: 60 }],
  },
  {
    code: `import { Connection } from 'jsforce';
new Connection({ oauth2: { loginUrl: 'https://cs17.salesforce.com', clientId } });`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 38, endLine: 2, endColumn: 67 }],
  },
  {
    code: `import soap from 'soap';
const client = await soap.createClientAsync(wsdl);
client.setEndpoint('https://na42.salesforce.com/services/Soap/u/59.0/00D000000000001');`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 3, column: 20, endLine: 3, endColumn: 86 }],
  },
  {
    code: `fetch('https://na42-api.salesforce.com/services/Soap/u/59.0');`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 1, column: 7, endLine: 1, endColumn: 61 }],
  },
  {
    code: `fetch('HTTPS://NA42.SALESFORCE.COM/services/data/v59.0/limits');`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 1, column: 7, endLine: 1, endColumn: 63 }],
  },
  {
    code: `class Client {
  base = 'https://na42.salesforce.com';
  limits() {
    return fetch(\`\${this.base}/services/data/v59.0/limits\`);
  }
}`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 10, endLine: 2, endColumn: 39 }],
  },
  {
    code: `const { SF_URL = 'https://na42.salesforce.com' } = process.env;
fetch(SF_URL + '/services/data/v59.0/limits');`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 1, column: 18, endLine: 1, endColumn: 47 }],
  },
  {
    code: `fetch('https://na42.salesforce.com/services/data/v59.0/limits');
fetch('https://cs17.salesforce.com/services/data/v59.0/limits');`,
    options: [{ allowedHosts: ['cs17.salesforce.com'] }],
    output: null,
    errors: [{ messageId: 'instanceHost', line: 1, column: 7, endLine: 1, endColumn: 63 }],
  },
  {
    code: `function query(instanceUrl, soql) {
  return fetch('https://na42.salesforce.com/services/data/v59.0/query?q=' + soql);
}`,
    output: null,
    errors: [
      {
        messageId: 'instanceHost',
        line: 2,
        column: 16,
        endLine: 2,
        endColumn: 74,
        suggestions: [
          {
            messageId: 'useInstanceUrl',
            output: `function query(instanceUrl, soql) {
  return fetch(\`\${instanceUrl}/services/data/v59.0/query?q=\` + soql);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `async function load(instanceUrl) {
  const base = 'https://na42.salesforce.com';
  return fetch(\`\${base}/services/data/v59.0/limits\`);
}`,
    output: null,
    errors: [
      {
        messageId: 'instanceHost',
        line: 2,
        column: 16,
        endLine: 2,
        endColumn: 45,
        suggestions: [
          {
            messageId: 'useInstanceUrl',
            output: `async function load(instanceUrl) {
  const base = instanceUrl;
  return fetch(\`\${base}/services/data/v59.0/limits\`);
}`,
          },
        ],
      },
    ],
  },
  {
    code: `const url: string = 'https://na42.salesforce.com' as const;
await fetch((url as string) + '/services/data/v59.0/limits');`,
    filename: 'file.ts',
    output: null,
    errors: [{ messageId: 'instanceHost', line: 1, column: 21, endLine: 1, endColumn: 50 }],
  },
  // Test code: a host reaching a real request is still reported; a test framework named locally is not one.
  {
    code: `import { test } from 'node:test';
test('live', async () => {
  await fetch('https://na42.salesforce.com/services/data/v61.0/limits');
});`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 3, column: 15, endLine: 3, endColumn: 71 }],
  },
  {
    code: `const assert = require('assert');
const host = 'https://na1.salesforce.com';
assert.ok(host);
export default { host };`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 14, endLine: 2, endColumn: 42 }],
  },
  {
    code: `function describe(name, fn) { fn(); }
describe('x', () => { const c = { instanceUrl: 'https://na1.salesforce.com' }; use(c); });`,
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 48, endLine: 2, endColumn: 76 }],
  },
  // checkTestCode: the old behaviour, hosts in test doubles and assertions reported too.
  {
    code: `import sinon from 'sinon';
sinon.stub(conn, 'instanceUrl').value('https://na1.salesforce.com');`,
    options: [{ checkTestCode: true }],
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 39, endLine: 2, endColumn: 67 }],
  },
  {
    code: `import assert from 'node:assert';
export function selfCheck() {
  assert.equal(normalise('https://na1.salesforce.com/'), 'https://na1.salesforce.com');
}`,
    options: [{ checkTestCode: true }],
    output: null,
    errors: [{ messageId: 'instanceHost', line: 3, column: 26, endLine: 3, endColumn: 55 }],
  },
  {
    code: `import { expect } from 'chai';
const result = { instanceUrl: 'https://na123.salesforce.com', accessToken: 'x' };
stub.resolves(result);`,
    options: [{ checkTestCode: true }],
    output: null,
    errors: [{ messageId: 'instanceHost', line: 2, column: 31, endLine: 2, endColumn: 61 }],
  },
]);

ruleTester.run('no-hardcoded-instance-host', rule, {
  valid: [
    ...valid<Options>([
      // Test code (recognised by what the file loads or calls): fixtures, stubs and mocked results.
      `import sinon from 'sinon';
sinon.stub(conn, 'instanceUrl').value('https://na1.salesforce.com');`,
      `import { expect } from 'chai';
const result = { instanceUrl: 'https://na123.salesforce.com', accessToken: 'x' };
stub.resolves(result);`,
      `describe('url helper', () => {
  it('strips', () => {
    const input = 'https://cs17.salesforce.com/services/data';
    helper(input);
  });
});`,
      `import { TestContext } from '@salesforce/core/testSetup';
const $$ = new TestContext();
const conn = new Connection({ instanceUrl: 'https://na1.salesforce.com' });`,
      `const nock = require('nock');
nock('https://na1.salesforce.com').get('/services/data/v61.0/limits').reply(200, {});`,
      // Expected and input values of assertions, in any file.
      `import assert from 'node:assert';
export function selfCheck() {
  assert.equal(normalise('https://na1.salesforce.com/'), 'https://na1.salesforce.com');
}`,
      `const assert = require('assert');
const expected = 'https://na1.salesforce.com';
assert.strictEqual(hostOf(conn), expected);`,
      `import { expect } from 'vitest';
expect(instanceOf('https://cs17.salesforce.com/services/data')).toBe('cs17');`,
      // My Domain hosts are stable by design.
      `fetch('https://acme.my.salesforce.com/services/data/v59.0/limits');`,
      `fetch('https://acme--dev.sandbox.my.salesforce.com/services/data/v59.0/limits');`,
      `import axios from 'axios';
const api = axios.create({ baseURL: 'https://acme.my.salesforce.com/services/data/v59.0' });`,
      // Login hosts are another rule's business.
      `fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token }) });`,
      `fetch('https://login.salesforce.com/services/data/v59.0/limits');`,
      `import { Connection } from 'jsforce';
new Connection({ loginUrl: 'https://test.salesforce.com' });`,
      // The instance comes from the token response.
      `const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
fetch(\`\${tokens.instance_url}/services/data/v59.0/limits\`);`,
      `import { Connection } from 'jsforce';
new Connection({ instanceUrl: tokens.instance_url, accessToken: tokens.access_token });`,
      `fetch(\`\${instanceUrl}/services/data/v59.0/limits\`);`,
      // Non-Salesforce hosts, lookalikes, and `na42` where it is not a host.
      `fetch('https://na42.salesforce.com.example.org/services/data');`,
      `const url = 'https://na42.example.com/services/data';`,
      `fetch('https://api.example.com/na42/services/data');`,
      `const org = { instance: 'NA42', pod: 'na42' };`,
      `fetch('https://status.salesforce.com/instances/NA42');`,
      `const username = 'integration@na42.salesforce.com';`,
      // Lightning and Visualforce hosts outside API use: UI links.
      `fetch('https://acme.lightning.force.com/lightning/r/Account/001/view');`,
      `res.redirect('https://acme.lightning.force.com/lightning/r/Account/' + id + '/view');`,
      `const UI = 'https://acme.lightning.force.com';`,
      `const VF_PAGE = 'https://acme--c.vf.force.com/apex/InvoicePage';`,
      // Text for people, comparisons, keys, comments.
      `throw new Error('Org moved off https://na42.salesforce.com');`,
      `// was https://na42.salesforce.com
const x = 1;`,
      `console.warn(\`Redirecting from https://\${pod}.salesforce.com\`);`,
      `if (host === 'na42.salesforce.com') {}`,
      `if (new URL(u).host.endsWith('.salesforce.com')) {}`,
      `const known = { 'https://na42.salesforce.com': 'legacy' };`,
      `const doc = { description: 'Instance hosts like https://na42.salesforce.com change' };`,
      `const LOGIN = 'https://login.salesforce.com';`,
      `import https from 'node:https';
https.request({ hostname: 'acme.my.salesforce.com', path: '/services/data/v59.0/limits' });`,
      `import { Connection } from 'jsforce';
new Connection({ instanceUrl: process.env.SF_INSTANCE_URL, accessToken });`,
      `fetch(\`https://\${org.myDomain}.my.salesforce.com/services/data/v59.0/limits\`);`,
      `const pod = 'na42';
const statusPage = \`https://status.salesforce.com/instances/\${pod}\`;`,
      `const LEGACY = /^na\\d+\\.salesforce\\.com$/;`,
      `fetch('https://acme--c.vf.force.com/apex/InvoicePage?id=' + id);`,
      // Options.
      {
        code: `fetch('https://na42.salesforce.com/services/data/v59.0/limits');`,
        options: [{ allowedHosts: ['na42.salesforce.com'] }],
      },
      {
        code: `fetch('https://acme.lightning.force.com/services/data/v59.0/limits');`,
        options: [{ allowedHosts: ['ACME.lightning.force.com'] }],
      },
      {
        code: `fetch('https://acme.lightning.force.com/services/data/v59.0/limits');
const BASE = 'https://cs17.salesforce.com';`,
        options: [{ allowedHosts: ['*.lightning.force.com', '*.salesforce.com'] }],
      },
      {
        code: `type Host = 'https://na42.salesforce.com';
const h: Host = value;`,
        filename: 'file.ts',
      },
    ]),
    ...fixedOutputs(invalidCases),
  ],
  invalid: invalidCases,
});

describe('allowedHosts schema', () => {
  const lint = (allowedHosts: unknown) =>
    new Linter({ configType: 'flat' }).verify('const x = 1;', [
      { plugins: { s: { rules: { rule } } }, rules: { 's/rule': ['error', { allowedHosts }] } },
    ] as unknown as Linter.Config[]);

  it('accepts hostnames and *.domain wildcards', () => {
    expect(lint(['na42.salesforce.com', '*.lightning.force.com', 'MOCK.example.org.'])).toEqual([]);
  });

  it.each([[['https://na42.salesforce.com']], [['na42.salesforce.com/services']], [['*']], [['a.b', 'a.b']], ['a.b']])('rejects %j', (allowedHosts) => {
    expect(() => lint(allowedHosts)).toThrow(/allowedHosts|should|must/u);
  });
});
