import { describe, expect, it } from 'vitest';

import { loginHostSet } from '../../../src/analysis/http/salesforce';
import {
  escapesWhole,
  fieldValueUses,
  readsInstanceUrl,
  tokenFieldSource,
  tokenFlows,
  tokenReads,
  tokenResponseHeldBy,
  usedOnlyForAuth,
} from '../../../src/analysis/oauth/token-flow';
import { probeArgument, withSource } from '../helpers';

const hosts = loginHostSet();
const TOKEN_URL = `'https://login.salesforce.com/services/oauth2/token'`;

interface Summary {
  fields: string[];
  escapes: string[];
}

/** The fields read and the escapes of every token response in the file. */
function summaries(code: string, ts = false): Summary[] {
  return withSource(
    code,
    (sourceCode) =>
      tokenFlows(sourceCode, hosts).responses.map((flow) => ({
        fields: [...flow.fields].sort(),
        escapes: flow.escapes.map((escape) => escape.how),
      })),
    { ts },
  );
}

function only(code: string, ts = false): Summary {
  const all = summaries(code, ts);
  expect(all).toHaveLength(1);
  return all[0]!;
}

describe('tokenFlows: reaching the parsed body', () => {
  it.each([
    ['fetch, await res.json()', `const res = await fetch(${TOKEN_URL}, { method: 'POST', body }); const t = await res.json(); use(t.access_token);`],
    ['fetch, nested await', `const t = await (await fetch(${TOKEN_URL})).json(); use(t.access_token);`],
    ['fetch, then chain', `fetch(${TOKEN_URL}).then((r) => r.json()).then((t) => use(t.access_token));`],
    ['fetch, then with a block body', `fetch(${TOKEN_URL}).then(function (r) { return r.json(); }).then(({ access_token }) => use(access_token));`],
    ['fetch, text then JSON.parse', `const res = await fetch(${TOKEN_URL}); const t = JSON.parse(await res.text()); use(t.access_token);`],
    ['axios { data }', `import axios from 'axios'; const { data } = await axios.post(${TOKEN_URL}, p); use(data.access_token);`],
    ['axios nested destructuring', `import axios from 'axios'; const { data: { access_token } } = await axios.post(${TOKEN_URL}, p); use(access_token);`],
    ['axios res.data', `import axios from 'axios'; const res = await axios.post(${TOKEN_URL}, p); use(res.data.access_token);`],
    ['axios then', `import axios from 'axios'; axios.post(${TOKEN_URL}, p).then((res) => use(res.data.access_token));`],
    ['got .json()', `import got from 'got'; const t = await got.post(${TOKEN_URL}, { form }).json(); use(t.access_token);`],
    ['got body', `import got from 'got'; const { body } = await got.post(${TOKEN_URL}, { form, responseType: 'json' }); use(body.access_token);`],
    ['ky .json()', `import ky from 'ky'; const t = await ky.post(${TOKEN_URL}, { body }).json(); use(t.access_token);`],
    ['undici request body.json()', `import { request } from 'undici'; const { body } = await request(${TOKEN_URL}, { method: 'POST' }); const t = await body.json(); use(t.access_token);`],
    ['superagent chain and body', `import superagent from 'superagent'; const res = await superagent.post(${TOKEN_URL}).type('form').send(form); use(res.body.access_token);`],
    ['request-promise json: true', `import rp from 'request-promise'; const t = await rp({ method: 'POST', uri: ${TOKEN_URL}, form, json: true }); use(t.access_token);`],
    ['request callback body', `const request = require('request'); request.post({ url: ${TOKEN_URL}, form }, (err, res, body) => { const t = JSON.parse(body); use(t.access_token); });`],
    ['jsforce OAuth2#requestToken', `import { OAuth2 } from 'jsforce'; const oauth2 = new OAuth2({ clientId }); const t = await oauth2.requestToken(code); use(t.access_token);`],
    ['jsforce OAuth2 callback', `const jsforce = require('jsforce'); const oauth2 = new jsforce.OAuth2({ clientId }); oauth2.refreshToken(rt, (err, t) => use(t.access_token));`],
    ['unknown base with the token path', 'async function f(base) { const t = await (await fetch(`${base}/services/oauth2/token`)).json(); use(t.access_token); }'],
    ['let assigned later', `let t; const res = await fetch(${TOKEN_URL}); t = await res.json(); use(t.access_token);`],
    ['fallback and conditional', `const t = (await (await fetch(${TOKEN_URL})).json()) || {}; const u = ok ? t : null; use(u.access_token);`],
  ])('%s', (_name, code) => {
    expect(only(code)).toEqual({ fields: ['access_token'], escapes: [] });
  });

  it('follows a local helper that returns the body to its callers', () => {
    const code = `async function getToken() {
  const res = await fetch(${TOKEN_URL}, { method: 'POST', body });
  return res.json();
}
const getAgain = async () => (await fetch(${TOKEN_URL})).json();
const { access_token } = await getToken();
const again = await getAgain();
use(access_token, again.refresh_token);`;
    expect(summaries(code)).toEqual([
      { fields: ['access_token'], escapes: [] },
      { fields: ['refresh_token'], escapes: [] },
    ]);
  });

  it.each([
    ['another provider', `const t = await (await fetch('https://oauth2.googleapis.com/token')).json(); use(t.access_token);`],
    ['GitHub', `const t = await (await fetch('https://github.com/login/oauth/access_token', { method: 'POST' })).json(); use(t.access_token);`],
    ['Microsoft', `const t = await (await fetch('https://login.microsoftonline.com/common/oauth2/v2.0/token')).json(); use(t.access_token);`],
    ['a data call', `const t = await (await fetch('https://acme.my.salesforce.com/services/data/v59.0')).json(); use(t.access_token);`],
    ['jsforce Connection#authorize', `import { Connection } from 'jsforce'; const conn = new Connection({ oauth2 }); const info = await conn.authorize(code); use(conn.accessToken);`],
  ])('finds no token response for %s', (_name, code) => {
    expect(summaries(code)).toEqual([]);
  });
});

describe('tokenFlows: fields read', () => {
  it.each([
    ['destructuring', `const { access_token, instance_url } = await (await fetch(${TOKEN_URL})).json();`, ['access_token', 'instance_url']],
    ['renamed destructuring', `const { access_token: token, instance_url: host } = await (await fetch(${TOKEN_URL})).json();`, ['access_token', 'instance_url']],
    ['destructuring with a default', `const { access_token, api_instance_url = fallback } = await (await fetch(${TOKEN_URL})).json();`, ['access_token', 'api_instance_url']],
    ['member access and optional chaining', `const t = await (await fetch(${TOKEN_URL})).json(); use(t?.access_token, t['instance_url']);`, ['access_token', 'instance_url']],
    ['in', `const t = await (await fetch(${TOKEN_URL})).json(); if ('instance_url' in t) use(t.access_token);`, ['access_token', 'instance_url']],
    ['writes are not reads', `const t = await (await fetch(${TOKEN_URL})).json(); t.instance_url = x; use(t.access_token);`, ['access_token']],
    ['tests and comparisons are no escape', `const t = await (await fetch(${TOKEN_URL})).json(); if (!t || t === cached) throw new Error('no token'); use(t.access_token);`, ['access_token']],
  ])('%s', (_name, code, fields) => {
    expect(only(code)).toEqual({ fields, escapes: [] });
  });

  it('follows TypeScript wrappers', () => {
    const code = `const res = await fetch(${TOKEN_URL});
const t = (await res.json()) as TokenResponse;
const { access_token }: TokenResponse = (await res.json())!;
use(t!.instance_url, access_token satisfies string);`;
    expect(only(code, true)).toEqual({ fields: ['access_token', 'instance_url'], escapes: [] });
  });
});

describe('tokenFlows: whole-object escape', () => {
  it.each([
    ['returned from an exported function', `export async function token() { const res = await fetch(${TOKEN_URL}); return res.json(); }`, 'returned'],
    ['returned from a method', `class A { async token() { const t = await (await fetch(${TOKEN_URL})).json(); return t; } }`, 'returned'],
    ['stored on this', `class A { async login() { this.session = await (await fetch(${TOKEN_URL})).json(); use(this.session.access_token); } }`, 'stored'],
    ['stored in an object', `const t = await (await fetch(${TOKEN_URL})).json(); cache.set(key, { tokens: t });`, 'stored'],
    ['passed to a function', `const t = await (await fetch(${TOKEN_URL})).json(); saveSession(t);`, 'argument'],
    ['passed to then', `fetch(${TOKEN_URL}).then((r) => r.json()).then(saveSession);`, 'argument'],
    ['spread', `const t = await (await fetch(${TOKEN_URL})).json(); const session = { ...t, at: Date.now() };`, 'spread'],
    ['rest element', `const { access_token, ...rest } = await (await fetch(${TOKEN_URL})).json();`, 'spread'],
    ['dynamic key', `const t = await (await fetch(${TOKEN_URL})).json(); use(t[field]);`, 'dynamic'],
    ['text passed on', `const text = await (await fetch(${TOKEN_URL})).text(); store(text);`, 'argument'],
    ['assigned to an undeclared global', `session = await (await fetch(${TOKEN_URL})).json(); use(session.access_token);`, 'stored'],
  ])('%s', (_name, code, how) => {
    const summary = only(code);
    expect(summary.escapes).toContain(how);
  });

  it('does not count a Response handed on before its body is read', () => {
    expect(only(`const res = await fetch(${TOKEN_URL}); check(res); const { access_token } = await res.json();`)).toEqual({ fields: ['access_token'], escapes: [] });
  });

  it('gives the helpers that rules use', () => {
    const code = `const t = await (await fetch(${TOKEN_URL})).json(); use(t.refresh_token, t.access_token); probe(t);`;
    const result = withSource(code, (sourceCode) => {
      const flow = tokenResponseHeldBy(sourceCode, hosts, probeArgument(sourceCode));
      return flow && { instance: readsInstanceUrl(flow), escapes: escapesWhole(flow), reads: tokenReads(flow).map((read) => read.field) };
    });
    expect(result).toEqual({ instance: false, escapes: true, reads: ['refresh_token', 'access_token'] });
  });
});

describe('usedOnlyForAuth', () => {
  function authOnly(code: string): boolean[] {
    return withSource(code, (sourceCode) => {
      const [flow] = tokenFlows(sourceCode, hosts).responses;
      return flow ? tokenReads(flow).map((read) => usedOnlyForAuth(sourceCode, flow, read)) : [];
    });
  }

  it.each([
    ['userinfo', `const t = await (await fetch(${TOKEN_URL})).json(); await fetch('https://login.salesforce.com/services/oauth2/userinfo', { headers: { Authorization: \`Bearer \${t.access_token}\` } });`],
    ['revoke through URLSearchParams', `const { access_token } = await (await fetch(${TOKEN_URL})).json(); await fetch('https://login.salesforce.com/services/oauth2/revoke', { method: 'POST', body: new URLSearchParams({ token: access_token }) });`],
    ['the identity URL of the same response', `const { access_token, id } = await (await fetch(${TOKEN_URL})).json(); await fetch(id, { headers: { Authorization: 'Bearer ' + access_token } });`],
    ['a name assigned from the field', `const t = await (await fetch(${TOKEN_URL})).json(); const token = t.access_token; await fetch('https://test.salesforce.com/services/oauth2/userinfo', { headers: { Authorization: 'Bearer ' + token } });`],
  ])('%s', (_name, code) => {
    expect(authOnly(code)).toEqual([true]);
  });

  it.each([
    ['a data call', `const t = await (await fetch(${TOKEN_URL})).json(); await fetch('https://acme.my.salesforce.com/services/data/v59.0/limits', { headers: { Authorization: 'Bearer ' + t.access_token } });`],
    ['auth and data calls', `const { access_token } = await (await fetch(${TOKEN_URL})).json(); await fetch('https://login.salesforce.com/services/oauth2/userinfo', { headers: { Authorization: access_token } }); await fetch(\`\${base}/services/data\`, { headers: { Authorization: access_token } });`],
    ['stored', `const t = await (await fetch(${TOKEN_URL})).json(); this.token = t.access_token;`],
    ['headers built apart from the call', `const t = await (await fetch(${TOKEN_URL})).json(); const headers = { Authorization: 'Bearer ' + t.access_token }; await fetch('https://login.salesforce.com/services/oauth2/userinfo', { headers });`],
  ])('not %s', (_name, code) => {
    expect(authOnly(code)).toEqual([false]);
  });
});

describe('tokenFieldSource', () => {
  function source(code: string): { field: string; member: string | null; pattern: boolean } | null {
    return withSource(code, (sourceCode) => {
      const found = tokenFieldSource(sourceCode, hosts, probeArgument(sourceCode));
      return found && { field: found.read.field, member: found.member && sourceCode.getText(found.member), pattern: found.read.pattern !== null };
    });
  }

  it.each([
    ['a member read', `const t = await (await fetch(${TOKEN_URL})).json(); probe(t.access_token);`, { field: 'access_token', member: 't.access_token', pattern: false }],
    ['a destructured name', `const { access_token } = await (await fetch(${TOKEN_URL})).json(); probe(access_token);`, { field: 'access_token', member: null, pattern: true }],
    ['a renamed one with a default', `const { refresh_token: rt = '' } = await (await fetch(${TOKEN_URL})).json(); probe(rt);`, { field: 'refresh_token', member: null, pattern: true }],
    ['a constant from a member read', `const t = await (await fetch(${TOKEN_URL})).json(); const token = t.access_token; probe(token);`, { field: 'access_token', member: 't.access_token', pattern: false }],
  ])('%s', (_name, code, expected) => {
    expect(source(code)).toEqual(expected);
  });

  it.each([
    ['a reassigned variable', `const t = await (await fetch(${TOKEN_URL})).json(); let token = t.access_token; token = other; probe(token);`],
    ['an unrelated value', 'probe(session.access_token);'],
  ])('not %s', (_name, code) => {
    expect(source(code)).toBeNull();
  });

  it('lists where a field value is used', () => {
    const code = `const t = await (await fetch(${TOKEN_URL})).json();
const token = t.access_token;
use(token, token);
const { refresh_token } = t;
keep(refresh_token);`;
    const uses = withSource(code, (sourceCode) => {
      const [flow] = tokenFlows(sourceCode, hosts).responses;
      return flow!.reads.map((read) => `${read.field}: ${(fieldValueUses(sourceCode, read) ?? []).map((use) => use.range[0]).length}`);
    });
    expect(uses).toEqual(['access_token: 2', 'refresh_token: 1']);
  });
});
