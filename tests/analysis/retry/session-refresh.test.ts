import { describe, expect, it } from 'vitest';

import { isRefreshCall } from '../../../src/analysis/retry/session-refresh';
import { probeArgument, withSource } from '../helpers';

/** Is the call passed to `probe(…)` a session refresh or login? */
function refreshes(code: string, ts = false): boolean {
  return withSource(code, (sourceCode) => {
    const call = probeArgument(sourceCode);
    if (call.type !== 'CallExpression' && call.type !== 'AwaitExpression') throw new Error('probe a call');
    const target = call.type === 'AwaitExpression' ? call.argument : call;
    if (target.type !== 'CallExpression') throw new Error('probe a call');
    return isRefreshCall(sourceCode, target);
  }, { ts });
}

describe('isRefreshCall', () => {
  it.each([
    ['a POST to the token endpoint', `probe(fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body }))`],
    ['a token POST on a My Domain host through axios', `import axios from 'axios'; probe(axios.post('https://acme.my.salesforce.com/services/oauth2/token', form))`],
    ['a function that posts to the token endpoint', `async function refreshAccessToken() { const res = await fetch(TOKEN_URL, { method: 'POST', body }); return res.json(); }
const TOKEN_URL = 'https://test.salesforce.com/services/oauth2/token';
probe(refreshAccessToken())`],
    ['a function that calls such a function', `const getToken = () => fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST' });
async function renew() { token = await (await getToken()).json(); }
probe(renew())`],
    ['a class method through this', `class Auth { async refresh() { await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST' }); } async go() { probe(this.refresh()); } }`],
    ['a method of an instance held in a field', `class Auth { refresh() { return fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST' }); } }
class Api { auth = new Auth(); go() { probe(this.auth.refresh()); } }`],
    ['a method reached through a nested object path', `const auth = { session: { refresh: () => fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST' }) } };
probe(auth.session.refresh())`],
    ['a method of an object reached through a destructured name', `const services = { auth: { refresh: () => fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST' }) } };
const { auth } = services;
probe(auth.refresh())`],
    ['a method of an object reached through an alias', `const auth = { refresh: () => fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST' }) };
const tokens = auth;
probe(tokens.refresh())`],
    ['jsforce Connection#login on a field that is also cleared to null', `import jsforce from 'jsforce';
class Svc { conn = null; reset() { this.conn = null; } async connect() { this.conn = new jsforce.Connection({}); probe(this.conn.login(user, pass)); } }`],
    ['jsforce Connection#login', `import jsforce from 'jsforce'; const conn = new jsforce.Connection({ loginUrl }); probe(conn.login(user, pass))`],
    ['jsforce OAuth2#refreshToken', `import { OAuth2 } from 'jsforce'; const oauth2 = new OAuth2({ clientId }); probe(oauth2.refreshToken(token))`],
    ['jsforce conn.oauth2.refreshToken', `import { Connection } from 'jsforce'; const conn = new Connection({}); probe(conn.oauth2.refreshToken(token))`],
    ['node-soap login', `import soap from 'soap'; const client = await soap.createClientAsync(wsdl); probe(client.loginAsync({ username, password }))`],
    ['a SOAP login envelope', `const envelope = '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com"><n1:username>u</n1:username></n1:login></env:Body></env:Envelope>';
probe(fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', body: envelope }))`],
  ])('%s', (_name, code) => {
    expect(refreshes(code)).toBe(true);
  });

  it.each([
    ['an imported refresh() nothing in the file explains', `import { refresh } from '../auth'; probe(refresh())`],
    ['a data call', `probe(fetch('https://acme.my.salesforce.com/services/data/v59.0/limits'))`],
    ["another provider's token endpoint", `probe(fetch('https://oauth2.googleapis.com/services/oauth2/token', { method: 'POST' }))`],
    ['login() on something that is not a jsforce Connection', `const auth = { login() {} }; probe(auth.login(user, pass))`],
    ['a function that only logs', `function refresh() { console.log('refreshing'); } probe(refresh())`],
    ['login() on a field that only ever holds null', `class Svc { conn = null; reset() { this.conn = null; } go() { probe(this.conn.login(user, pass)); } }`],
    ['login() on a field that also holds something else', `import jsforce from 'jsforce';
class Svc { conn = null; use(other) { this.conn = other; } go() { this.conn = new jsforce.Connection({}); probe(this.conn.login(user, pass)); } }`],
  ])('not: %s', (_name, code) => {
    expect(refreshes(code)).toBe(false);
  });
});
