import { describe, expect, it } from 'vitest';

import { expiredTest, hasRelogin } from '../../../src/analysis/soap/relogin';
import { soapLogins } from '../../../src/analysis/soap/soap-logins';
import { probeArgument, withSource } from '../helpers';

const JSFORCE = `import { Connection } from 'jsforce';
const conn = new Connection();
export async function init() { await conn.loginBySoap(u, p); }`;

/** Whether each SOAP login of `code` is renewed on expiry. */
function renewed(code: string, ts = false): boolean[] {
  return withSource(code, (sourceCode) => soapLogins(sourceCode).map((login) => hasRelogin(sourceCode, login)), { ts });
}

describe('hasRelogin', () => {
  it.each([
    ['if on errorCode, through the login function', `${JSFORCE}
export async function query(q) {
  try { return await conn.query(q); } catch (err) {
    if (err.errorCode === 'INVALID_SESSION_ID') { await init(); return conn.query(q); }
    throw err;
  }
}`],
    ['the same login written in the branch', `${JSFORCE}
export async function query(q) {
  try { return await conn.query(q); } catch (err) {
    if (err.name === 'INVALID_SESSION_ID') { await conn.loginBySoap(u, p); return conn.query(q); }
    throw err;
  }
}`],
    ['if (!expired) throw; then re-login', `${JSFORCE}
export async function query(q) {
  try { return await conn.query(q); } catch (err) {
    if (!/INVALID_SESSION_ID/.test(err.message)) throw err;
    await init();
    return conn.query(q);
  }
}`],
    ['a local predicate', `${JSFORCE}
const isExpired = (err) => err.errorCode === 'INVALID_SESSION_ID';
export const query = (q) => conn.query(q).catch((err) => (isExpired(err) ? init().then(() => conn.query(q)) : Promise.reject(err)));`],
    ['&& re-login', `${JSFORCE}
export async function query(q) { try { return await conn.query(q); } catch (e) { e.errorCode === 'INVALID_SESSION_ID' && (await init()); throw e; } }`],
    ['a switch on the fault code', `${JSFORCE}
export async function query(q) {
  try { return await conn.query(q); } catch (e) {
    switch (e.errorCode) { case 'INVALID_SESSION_ID': await init(); return conn.query(q); default: throw e; }
  }
}`],
    ['HTTP 500 with the SOAP fault in the body', `let sid;
async function login() { const r = await fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', headers: { SOAPAction: 'login' }, body }); sid = await r.text(); }
export async function call(body) {
  const res = await fetch(server, { method: 'POST', body: body.replace('SID', sid) });
  const text = await res.text();
  if (res.status === 500 && text.includes('<faultcode>sf:INVALID_SESSION_ID</faultcode>')) { await login(); return call(body); }
  return text;
}`],
    ['a node-soap fault on err.root', `import soap from 'soap';
class Partner {
  async connect() {
    this.client = await soap.createClientAsync(wsdl);
    const [r] = await this.client.loginAsync(creds);
    this.client.addSoapHeader({ SessionHeader: { sessionId: r.result.sessionId } });
  }
  async query(q) {
    try { return await this.client.queryAsync({ queryString: q }); } catch (err) {
      if (err.root?.Envelope?.Body?.Fault?.faultcode === 'sf:INVALID_SESSION_ID') { await this.connect(); return this.query(q); }
      throw err;
    }
  }
}`],
    ['a node-soap soapError handler', `import soap from 'soap';
let client;
async function connect() {
  client = await soap.createClientAsync(wsdl);
  const [r] = await client.loginAsync(creds);
  client.addSoapHeader({ SessionHeader: { sessionId: r.result.sessionId } });
  client.on('soapError', (err) => { if (String(err.body).includes('INVALID_SESSION_ID')) connect(); });
}`],
    ['a 401 check on the REST calls made with the session', `let sid;
async function login() { const r = await fetch(base + '/services/Soap/u/59.0', { method: 'POST', headers: { SOAPAction: 'login' }, body }); sid = await r.text(); }
export async function api(path) {
  const res = await fetch(path, { headers: { Authorization: 'Bearer ' + sid } });
  if (res.status === 401) { await login(); return api(path); }
  return res;
}`],
    ['a loop on the expired check', `${JSFORCE}
export async function query(q) {
  let res = await send(q);
  for (let tries = 0; res.status === 401 && tries < 2; tries += 1) { await init(); res = await send(q); }
  return res;
}`],
    ['jsforce refreshFn on the connection', `import { Connection } from 'jsforce';
const conn = new Connection({ refreshFn: (c, done) => relogin(done) });
export async function init() { await conn.loginBySoap(u, p); }`],
    ['a refreshFn on another connection that runs the login', `import { Connection } from 'jsforce';
let sid;
async function login() { const r = await fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', headers: { SOAPAction: 'login' }, body }); sid = await r.text(); }
export const conn = new Connection({ sessionId: sid, refreshFn: async (c, done) => { await login(); done(null, sid); } });`],
    ['through a method of an instance that runs the login', `${JSFORCE}
class Auth { renew() { return init(); } }
const auth = new Auth();
export async function query(q) {
  try { return await conn.query(q); } catch (err) {
    if (err.errorCode === 'INVALID_SESSION_ID') { await auth.renew(); return conn.query(q); }
    throw err;
  }
}`],
    ['through this in an object literal method', `${JSFORCE}
export const api = {
  renew() { return init(); },
  async query(q) {
    try { return await conn.query(q); } catch (err) {
      if (err.errorCode === 'INVALID_SESSION_ID') { await this.renew(); return conn.query(q); }
      throw err;
    }
  },
};`],
    ['a refreshFn on another connection that is the login function bound', `import { Connection } from 'jsforce';
let sid;
async function login() { const r = await fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', headers: { SOAPAction: 'login' }, body }); sid = await r.text(); }
export const conn = new Connection({ sessionId: sid, refreshFn: login.bind(null) });`],
  ])('%s', (_name, code) => {
    expect(renewed(code).every(Boolean)).toBe(true);
  });

  it.each([
    ['no expired check at all', `${JSFORCE}
export const query = (q) => conn.query(q);`],
    ['a catch-all re-login', `${JSFORCE}
export async function query(q) { try { return await conn.query(q); } catch (e) { await init(); return conn.query(q); } }`],
    ['an expired check that does not log in', `${JSFORCE}
export async function query(q) { try { return await conn.query(q); } catch (e) { if (e.errorCode === 'INVALID_SESSION_ID') notify(e); throw e; } }`],
    ['a re-login on another status', `${JSFORCE}
export async function query(q) { try { return await conn.query(q); } catch (e) { if (e.status === 403) await init(); throw e; } }`],
    ['a timer that logs in again', `${JSFORCE}
setInterval(init, 60 * 60 * 1000);`],
    ['the live branch logs in', `${JSFORCE}
export async function query(q) { try { return await conn.query(q); } catch (e) { if (e.errorCode !== 'INVALID_SESSION_ID') { await init(); } throw e; } }`],
    ['a re-login of another connection', `import { Connection } from 'jsforce';
const a = new Connection();
const b = new Connection();
export async function init() { await a.loginBySoap(u, p); }
export async function other(e) { if (e.errorCode === 'INVALID_SESSION_ID') await b.loginBySoap(u, p); }`],
  ])('not: %s', (_name, code) => {
    expect(renewed(code)[0]).toBe(false);
  });

  it('works on TypeScript', () => {
    expect(
      renewed(
        `${JSFORCE}
export async function query<T>(q: string): Promise<T[]> {
  try { return (await conn.query<T>(q)).records; } catch (err) {
    if ((err as { errorCode?: string }).errorCode === 'INVALID_SESSION_ID') { await init(); return (await conn.query<T>(q)).records; }
    throw err;
  }
}`,
        true,
      ),
    ).toEqual([true]);
  });
});

describe('expiredTest', () => {
  const test = (code: string) => withSource(code, (sourceCode) => expiredTest(sourceCode, probeArgument(sourceCode)));

  it.each([
    ['a direct check', `probe(err.errorCode === 'INVALID_SESSION_ID')`, false],
    ['an arrow predicate', `const expired = (e) => e.faultcode === 'sf:INVALID_SESSION_ID'; probe(expired(err))`, false],
    ['a function predicate', `function isExpired(e) { return /INVALID_SESSION_ID/.test(e.body); } probe(isExpired(err))`, false],
    ['an awaited predicate', `async function isExpired(res) { return res.status === 401; } probe(await isExpired(res))`, false],
    ['a negated predicate', `const expired = (e) => e.errorCode === 'INVALID_SESSION_ID'; probe(!expired(err))`, true],
    ['a predicate and a flag', `const expired = (e) => e.errorCode === 'INVALID_SESSION_ID'; probe(expired(err) && !retried)`, false],
  ])('%s', (_name, code, negated) => {
    expect(test(code)?.negated).toBe(negated);
  });

  it.each([
    ['another predicate', `const failed = (e) => e.status === 500; probe(failed(err))`],
    ['a predicate that changes state', `function isExpired(e) { this.last = e; return e.status === 401; } probe(isExpired(err))`],
    ['an unknown function', `probe(isExpired(err))`],
  ])('not %s', (_name, code) => {
    expect(test(code)).toBeNull();
  });
});
