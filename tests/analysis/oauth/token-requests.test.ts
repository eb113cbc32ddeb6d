import { describe, expect, it } from 'vitest';

import { httpModel } from '../../../src/analysis/http/http-calls';
import { loginHostSet } from '../../../src/analysis/http/salesforce';
import {
  bodyFieldWrites,
  grantTypeWrites,
  importedFrom,
  jsforcePasswordCalls,
  queryFieldValues,
  requestFieldWrites,
} from '../../../src/analysis/oauth/token-requests';
import { isTokenRequest } from '../../../src/analysis/oauth/token-responses';
import { renderValue } from '../../../src/analysis/http/url-value';
import { callsNamed, probeArgument, withSource } from '../helpers';

/** The values of `field` written in the body passed to `probe(…)`, rendered, one list per write. */
function bodyField(code: string, field = 'grant_type', ts = false): string[][] {
  return withSource(
    code,
    (sourceCode) => bodyFieldWrites(sourceCode, probeArgument(sourceCode), field).map((write) => write.values.map(renderValue)),
    { ts },
  );
}

/** The grant types of the file's first HTTP call, with the source text of the node that writes each. */
function grants(code: string): { text: string; values: string[] }[] {
  return withSource(code, (sourceCode) => {
    const [call] = httpModel(sourceCode).calls;
    if (!call) throw new Error('no HTTP call');
    return grantTypeWrites(sourceCode, call).map((write) => ({ text: sourceCode.getText(write.node), values: write.values.map(renderValue) }));
  });
}

describe('queryFieldValues', () => {
  const value = (...segments: (string | null)[]) => ({ segments, head: null });
  it.each([
    ['at the start', value('grant_type=password&username=u'), ['password']],
    ['after &', value('client_id=1&grant_type=password'), ['password']],
    ['percent-encoded', value('grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer'), ['urn:ietf:params:oauth:grant-type:jwt-bearer']],
    ['running into an unknown part', value('grant_type=pass', null), ['pass${…}']],
    ['value wholly unknown', value('grant_type=', null, '&x=1'), ['${…}']],
    ['a longer key is another field', value('x_grant_type=password'), []],
    ['after an unknown part the key may be longer', value(null, 'grant_type=password'), []],
    ['after an unknown part and &', value(null, '&grant_type=password'), ['password']],
    ['every occurrence', value('grant_type=a&grant_type=b'), ['a', 'b']],
  ])('%s', (_name, query, expected) => {
    expect(queryFieldValues(query, 'grant_type').map(renderValue)).toEqual(expected);
  });
});

describe('bodyFieldWrites', () => {
  it.each([
    ['object literal', `probe({ grant_type: 'password', username })`, [['password']]],
    ['object through a constant', `const form = { grant_type: 'password' }; probe(form)`, [['password']]],
    ['URLSearchParams from an object', `probe(new URLSearchParams({ grant_type: 'password' }))`, [['password']]],
    ['URLSearchParams from pairs', `probe(new URLSearchParams([['username', u], ['grant_type', 'password']]))`, [['password']]],
    ['URLSearchParams from a string', `probe(new URLSearchParams('grant_type=password&username=' + u))`, [['password']]],
    ['URLSearchParams append and set', `const p = new URLSearchParams(); p.append('grant_type', 'password'); p.set('grant_type', 'refresh_token'); probe(p)`, [['password'], ['refresh_token']]],
    ['URLSearchParams toString', `const p = new URLSearchParams({ grant_type: 'password' }); probe(p.toString())`, [['password']]],
    ['URLSearchParams from node:url', `import { URLSearchParams as Q } from 'node:url'; probe(new Q({ grant_type: 'password' }))`, [['password']]],
    ['FormData append', `const f = new FormData(); f.append('grant_type', 'password'); probe(f)`, [['password']]],
    ['qs.stringify', `import qs from 'qs'; probe(qs.stringify({ grant_type: 'password' }))`, [['password']]],
    ['querystring.encode (require)', `const querystring = require('querystring'); probe(querystring.encode({ grant_type: 'password' }))`, [['password']]],
    ['stringify imported by name', `import { stringify } from 'node:querystring'; probe(stringify({ grant_type: 'password' }))`, [['password']]],
    ['JSON.stringify', `probe(JSON.stringify({ grant_type: 'password' }))`, [['password']]],
    ['query string literal', `probe('client_id=1&grant_type=password')`, [['password']]],
    ['query string template', 'probe(`grant_type=password&username=${u}`)', [['password']]],
    ['query string joined', `probe(['grant_type=password', 'username=' + u].join('&'))`, [['password']]],
    ['conditional grant', `probe({ grant_type: jwt ? 'urn:ietf:params:oauth:grant-type:jwt-bearer' : 'password' })`, [['urn:ietf:params:oauth:grant-type:jwt-bearer', 'password']]],
    ['reassigned body: every write', `let b = 'grant_type=authorization_code'; if (x) b = 'grant_type=password'; probe(b)`, [['authorization_code'], ['password']]],
    ['bindings that refer to each other end', `let a = 'grant_type=password'; let b = a; a = b; probe(b)`, [['password']]],
    ['unknown body', `probe(params)`, []],
    ['unknown grant', `probe({ grant_type: grant })`, [['${…}']]],
    ['no such field', `probe({ username: 'password' })`, []],
    ['append of another field', `const p = new URLSearchParams(); p.append('username', 'password'); probe(p)`, []],
    ['a local class named URLSearchParams', `class URLSearchParams { constructor(x) {} } probe(new URLSearchParams({ grant_type: 'password' }))`, []],
    ['a local stringify', `const qs = { stringify: (x) => '' }; probe(qs.stringify({ grant_type: 'password' }))`, []],
    ['spread arguments', `probe(new URLSearchParams(...init))`, []],
  ])('%s', (_name, code, expected) => {
    expect(bodyField(code)).toEqual(expected);
  });

  it('follows TypeScript wrappers', () => {
    expect(bodyField(`probe(new URLSearchParams({ grant_type: 'password' as const }) as unknown as string)`, 'grant_type', true)).toEqual([['password']]);
  });
});

describe('requestFieldWrites and grantTypeWrites', () => {
  it('reads the body of fetch, axios, got, ky, request and superagent', () => {
    expect(grants(`fetch(u, { method: 'POST', body: new URLSearchParams({ grant_type: 'password' }) })`)).toEqual([{ text: `'password'`, values: ['password'] }]);
    expect(grants(`import axios from 'axios'; axios.post(u, { grant_type: 'password' })`)).toEqual([{ text: `'password'`, values: ['password'] }]);
    expect(grants(`import got from 'got'; got.post(u, { form: { grant_type: 'password' } })`)).toEqual([{ text: `'password'`, values: ['password'] }]);
    expect(grants(`import ky from 'ky'; ky.post(u, { body: 'grant_type=password' })`)).toEqual([{ text: `'grant_type=password'`, values: ['password'] }]);
    expect(grants(`const request = require('request'); request.post({ url: u, form: { grant_type: 'password' } })`)).toEqual([{ text: `'password'`, values: ['password'] }]);
    expect(grants(`import superagent from 'superagent'; superagent.post(u).type('form').send({ grant_type: 'password' })`)).toEqual([{ text: `'password'`, values: ['password'] }]);
  });

  it('reads query options: axios params, got searchParams, request qs, superagent query', () => {
    expect(grants(`import axios from 'axios'; axios.post(u, null, { params: { grant_type: 'password' } })`)).toEqual([{ text: `'password'`, values: ['password'] }]);
    expect(grants(`import got from 'got'; got.post(u, { searchParams: { grant_type: 'password' } })`)).toEqual([{ text: `'password'`, values: ['password'] }]);
    expect(grants(`const rp = require('request-promise'); rp({ method: 'POST', uri: u, qs: { grant_type: 'password' } })`)).toEqual([{ text: `'password'`, values: ['password'] }]);
    expect(grants(`import superagent from 'superagent'; superagent.post(u).query('grant_type=password')`)).toEqual([{ text: `'grant_type=password'`, values: ['password'] }]);
  });

  it("reads the URL's own query string", () => {
    expect(grants(`fetch('https://login.salesforce.com/services/oauth2/token?grant_type=password', { method: 'POST' })`)).toEqual([
      { text: `'https://login.salesforce.com/services/oauth2/token?grant_type=password'`, values: ['password'] },
    ]);
    expect(grants('const T = `https://login.salesforce.com/services/oauth2/token`; fetch(`${T}?grant_type=password&u=${u}`)')).toEqual([
      { text: '`${T}?grant_type=password&u=${u}`', values: ['password'] },
    ]);
  });

  it('reads any field', () => {
    expect(withSource(`fetch(u, { method: 'POST', body: { assertion: jwt, grant_type: g } })`, (sourceCode) => requestFieldWrites(sourceCode, httpModel(sourceCode).calls[0]!, 'assertion').map((write) => sourceCode.getText(write.node)))).toEqual(['jwt']);
  });
});

describe('isTokenRequest', () => {
  const hosts = loginHostSet();
  const isToken = (code: string) => withSource(code, (sourceCode) => isTokenRequest(sourceCode, hosts, httpModel(sourceCode).calls[0]!));
  it.each([
    ['login host', `fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST' })`, true],
    ['My Domain', `fetch('https://acme.my.salesforce.com/services/oauth2/token', { method: 'POST' })`, true],
    ['unknown origin', 'fetch(`${loginUrl}/services/oauth2/token`, { method: "POST" })', true],
    ['unknown origin with a query', 'fetch(`${loginUrl}/services/oauth2/token?grant_type=password`)', true],
    ['another provider', `fetch('https://auth.example.com/services/oauth2/token', { method: 'POST' })`, false],
    ['another provider or unknown', 'fetch(x ? `${a}/services/oauth2/token` : "https://auth.example.com/services/oauth2/token")', false],
    ['another path', 'fetch(`${loginUrl}/services/oauth2/revoke`, { method: "POST" })', false],
    ['unknown URL', `fetch(tokenUrl, { method: 'POST' })`, false],
    ['data endpoint', `fetch('https://login.salesforce.com/services/data/v59.0/limits')`, false],
  ])('%s', (_name, code, expected) => {
    expect(isToken(code)).toBe(expected);
  });
});

describe('jsforcePasswordCalls', () => {
  const calls = (code: string) => withSource(code, (sourceCode) => jsforcePasswordCalls(sourceCode).map((call) => `${call.method}@${call.node.loc.start.line}`));
  it.each([
    ['OAuth2#authenticate', `import { OAuth2 } from 'jsforce'; const o = new OAuth2({ clientId });\no.authenticate(u, p);`, ['authenticate@2']],
    ['OAuth2#authenticate on a class field, from the jsforce namespace', `import * as jsforce from 'jsforce'; class A { o = new jsforce.OAuth2({ clientId }); go() {\nreturn this.o.authenticate(u, p); } }`, ['authenticate@2']],
    ['OAuth2#authenticate from @jsforce/jsforce-node, assigned after its declaration', `const { OAuth2 } = require('@jsforce/jsforce-node'); let o; o = new OAuth2({ clientId });\no.authenticate(u, p);`, ['authenticate@2']],
    ['other OAuth2 calls', `import { OAuth2 } from 'jsforce'; const o = new OAuth2({ clientId });\no.getAuthorizationUrl({}); o.refreshToken(t); o.authenticate;`, []],
    ['login and authorize on a connection from the jsforce default export, in a class field', `import jsforce from 'jsforce'; class S { c = new jsforce.Connection({});\ngo() { this.c.loginByOAuth2(u, p); this.c.authorize({ grant_type: 'password' }); this.c.query(q); } }`, ['loginByOAuth2@2', 'authorize@2']],
    ['the browser global jsforce', `const c = new jsforce.Connection({ oauth2: { clientId, clientSecret } });\nc.login(u, p);`, ['login@2']],
    ['login with oauth2 client options', `import { Connection } from 'jsforce'; const c = new Connection({ oauth2: { clientId, clientSecret } });\nc.login(u, p);`, ['login@2']],
    ['login with an OAuth2 instance', `import { Connection, OAuth2 } from 'jsforce'; const oauth2 = new OAuth2({ clientId, clientSecret }); const c = new Connection({ oauth2 });\nc.login(u, p);`, ['login@2']],
    ['login with v1 top-level client options', `const jsforce = require('jsforce'); const c = new jsforce.Connection({ clientId: a, clientSecret: b });\nc.login(u, p, cb);`, ['login@2']],
    ['login on a class field', `import { Connection } from 'jsforce'; class S { conn = new Connection({ oauth2: { clientId, clientSecret } }); go() {\nreturn this.conn.login(u, p); } }`, ['login@2']],
    ['loginByOAuth2', `import { Connection } from 'jsforce'; const c = new Connection({});\nc.loginByOAuth2(u, p);`, ['loginByOAuth2@2']],
    ['authorize with a password grant', `import { Connection } from 'jsforce'; const c = new Connection({});\nc.authorize({ grant_type: 'password', username: u, password: p });`, ['authorize@2']],
    ['login without a client: SOAP', `import { Connection } from 'jsforce'; const c = new Connection({ loginUrl });\nc.login(u, p);`, []],
    ['login with a client id only: SOAP', `import { Connection } from 'jsforce'; const c = new Connection({ oauth2: { clientId } });\nc.login(u, p);`, []],
    ['login with unknown options', `import { Connection } from 'jsforce'; const c = new Connection(options);\nc.login(u, p);`, []],
    ['authorize with a code', `import { Connection } from 'jsforce'; const c = new Connection({ oauth2: { clientId, clientSecret } });\nc.authorize(code);`, []],
    ['authorize with a JWT grant', `import { Connection } from 'jsforce'; const c = new Connection({});\nc.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });`, []],
    ['a local class named Connection', `class Connection { login() {} } const c = new Connection({ oauth2: { clientId, clientSecret } });\nc.login(u, p);`, []],
  ])('%s', (_name, code, expected) => {
    expect(calls(code)).toEqual(expected);
  });
});

describe('importedFrom', () => {
  const origin = (code: string) => withSource(code, (sourceCode) => {
    const [call] = callsNamed(sourceCode, 'probe');
    const argument = call?.arguments[0];
    if (argument?.type !== 'Identifier') throw new Error('probe an identifier');
    return importedFrom(sourceCode, argument);
  });
  it.each([
    ['default import', `import qs from 'qs'; probe(qs)`, { module: 'qs', name: 'default' }],
    ['namespace import', `import * as qs from 'qs'; probe(qs)`, { module: 'qs', name: '*' }],
    ['named import', `import { stringify as s } from 'qs'; probe(s)`, { module: 'qs', name: 'stringify' }],
    ['require', `const qs = require('qs'); probe(qs)`, { module: 'qs', name: '*' }],
    ['destructured require', `const { stringify } = require('qs'); probe(stringify)`, { module: 'qs', name: 'stringify' }],
    ['local', `const qs = {}; probe(qs)`, null],
    ['global', `probe(qs)`, null],
  ])('%s', (_name, code, expected) => {
    expect(origin(code)).toEqual(expected);
  });
});
