import { describe, expect, it } from 'vitest';

import { sessionLifetime } from '../../../src/analysis/soap/session-lifetime';
import { soapLogins } from '../../../src/analysis/soap/soap-logins';
import { withSource } from '../helpers';

const LOGIN = `fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', headers: { SOAPAction: 'login' }, body })`;

/** How the session of the first SOAP login in `code` outlives its call: `kind name (via client)`, or null. */
function lifetime(code: string, ts = false): string | null {
  return withSource(
    code,
    (sourceCode) => {
      const [login] = soapLogins(sourceCode);
      if (!login) throw new Error('no SOAP login in the sample');
      const found = sessionLifetime(sourceCode, login);
      if (!found) return null;
      return [found.kind, found.name, found.viaClient ? 'via client' : null].filter(Boolean).join(' ');
    },
    { ts },
  );
}

describe('sessionLifetime: the session outlives the call', () => {
  it.each([
    ['module variable read by another function', `let sessionId;
async function login() { const res = await ${LOGIN}; sessionId = (await res.text()).match(/<sessionId>(.*)</)[1]; }
export function headers() { return { Authorization: 'Bearer ' + sessionId }; }`, 'module-state sessionId'],
    ['module object property', `const state = {};
async function login() { const res = await ${LOGIN}; state.sessionId = parse(await res.text()); }
export const sid = () => state.sessionId;`, 'module-state state.sessionId'],
    ['a global', `async function login() { const res = await ${LOGIN}; process.env.SF_SESSION = await res.text(); }`, 'module-state process.env.SF_SESSION'],
    ['a module Map', `const sessions = new Map();
async function login(user) { const res = await ${LOGIN}; sessions.set(user, extract(await res.text())); }
export const sessionOf = (user) => sessions.get(user);`, 'module-state sessions'],
    ['Object.assign to module state', `const state = {};
async function login() { const { data } = await axios.post(url, body); Object.assign(state, { sid: data }); }
function get() { return state.sid; }
import axios from 'axios';
const url = 'https://login.salesforce.com/services/Soap/u/59.0';
const body = '<login xmlns="urn:partner.soap.sforce.com"/>';`, 'module-state state'],
    ['this, read by another method', `class Sf {
  async login() { const res = await ${LOGIN}; this.session = await res.text(); }
  headers() { return { Cookie: this.session }; }
}`, 'this this.session'],
    ['an object the caller passed', `async function login(req) { const res = await ${LOGIN}; req.session.sf = await res.text(); }`, 'outer-object req.session.sf'],
    ['returned', `export async function login() { const res = await ${LOGIN}; return parse(await res.text()); }`, 'returned'],
    ['returned down a promise chain', `export function login() { return ${LOGIN}.then((res) => res.text()); }`, 'returned'],
    ['an arrow returning the login', `export const login = () => ${LOGIN};`, 'returned'],
    ['handed to the caller\'s callback', `const request = require('request');
function login(done) {
  request.post({ url: 'https://login.salesforce.com/services/Soap/u/59.0', headers: { SOAPAction: 'login' }, body }, (err, res, body) => done(null, parse(body)));
}`, 'returned'],
    ['exported variable', `export let session;
export async function login() { const res = await ${LOGIN}; session = await res.text(); }`, 'exported session'],
    ['module.exports', `async function login() { const res = await ${LOGIN}; module.exports.session = await res.text(); }`, 'exported module.exports.session'],
    ['captured by setInterval', `async function main() {
  const res = await ${LOGIN};
  const sid = await res.text();
  setInterval(() => poll(sid), 60000);
}`, 'deferred'],
    ['captured by an event handler', `async function main() {
  const sid = await (await ${LOGIN}).text();
  queue.on('message', (m) => send(m, sid));
}`, 'deferred'],
    ['captured by a route', `async function main() {
  const sid = await (await ${LOGIN}).text();
  app.get('/accounts', (req, res) => proxy(res, sid));
}`, 'deferred'],
    ['captured by an exported function', `const res = await ${LOGIN};
const sid = await res.text();
export function headers() { return { Cookie: sid }; }`, 'exported headers'],
    ['captured by a function passed to setTimeout', `const sid = await (await ${LOGIN}).text();
function refresh() { return call(sid); }
setTimeout(refresh, 1000);`, 'deferred'],
    ['captured by a returned closure', `export async function api() { const sid = await (await ${LOGIN}).text(); return { get: (p) => call(p, sid) }; }`, 'returned'],
    ['a jsforce Connection built from it', `import jsforce from 'jsforce';
let conn;
async function connect() {
  const { sessionId, serverUrl } = parseLogin(await (await ${LOGIN}).text());
  conn = new jsforce.Connection({ sessionId, serverUrl });
}
export const query = (q) => conn.query(q);`, 'module-state conn'],
    ['an axios client configured with it', `import axios from 'axios';
let api;
async function connect() {
  const sid = await (await ${LOGIN}).text();
  api = axios.create({ headers: { Authorization: \`Bearer \${sid}\` } });
}
export const get = (p) => api.get(p);`, 'module-state api'],
  ])('%s', (_name, code, expected) => {
    expect(lifetime(code)).toBe(expected);
  });

  it.each([
    ['module connection read elsewhere', `import { Connection } from 'jsforce';
const conn = new Connection();
async function init() { await conn.loginBySoap(u, p); }
export const query = (q) => conn.query(q);`, 'module-state conn'],
    ['connection on this', `import { Connection } from 'jsforce';
class Sf {
  constructor() { this.conn = new Connection(); }
  connect() { return this.conn.loginBySoap(u, p); }
  query(q) { return this.conn.query(q); }
}`, 'this this.conn'],
    ['returned connection', `import { Connection } from 'jsforce';
export async function connect() { const conn = new Connection(); await conn.loginBySoap(u, p); return conn; }`, 'returned'],
    ['exported connection', `import { Connection } from 'jsforce';
export const conn = new Connection();
await conn.loginBySoap(u, p);`, 'exported conn'],
    ['session field copied out', `import { Connection } from 'jsforce';
let token;
async function connect() { const conn = new Connection(); await conn.loginBySoap(u, p); token = conn.accessToken; }
export const get = () => token;`, 'module-state token'],
    ['a login only on failure does not make a function log in afresh', `import { Connection } from 'jsforce';
const conn = new Connection();
async function init() { await conn.loginBySoap(u, p); }
export async function query(q) { return conn.query(q).catch(() => init()); }`, 'module-state conn'],
    ['lazy login then later use', `import { Connection } from 'jsforce';
const conn = new Connection();
async function ensure() { if (!conn.accessToken) await conn.loginBySoap(u, p); }
export async function query(q) { await ensure(); return conn.query(q); }`, 'module-state conn'],
  ])('jsforce: %s', (_name, code, expected) => {
    expect(lifetime(code)).toBe(expected);
  });

  it.each([
    ['client on this', `import soap from 'soap';
class Partner {
  async connect() {
    this.client = await soap.createClientAsync(wsdl);
    const [result] = await this.client.loginAsync(creds);
    this.client.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId } });
  }
  query(q) { return this.client.queryAsync({ queryString: q }); }
}`, 'this this.client via client'],
    ['client in a module variable', `import soap from 'soap';
let client;
export async function init() {
  client = await soap.createClientAsync(wsdl);
  const [r] = await client.loginAsync(creds);
  client.setEndpoint(r.result.serverUrl);
}
export const query = (q) => client.queryAsync({ queryString: q });`, 'module-state client via client'],
    ['callback client polled later', `const soap = require('soap');
soap.createClient(wsdl, (err, client) => {
  client.login(creds, (err, result) => {
    client.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId } });
    setInterval(() => client.query(q, done), 60000);
  });
});`, 'deferred via client'],
    ['result stored from a .then chain', `import soap from 'soap';
soap.createClientAsync(wsdl).then((c) => c.loginAsync(creds)).then(([r]) => { session = r.result.sessionId; });`, 'module-state session'],
  ])('node-soap: %s', (_name, code, expected) => {
    expect(lifetime(code)).toBe(expected);
  });

  it('works on TypeScript', () => {
    expect(
      lifetime(
        `import { Connection } from 'jsforce';
export class Sf {
  private readonly conn = new Connection({});
  async connect(): Promise<void> { await this.conn!.loginBySoap(u as string, p); }
  async query(q: string) { return (this.conn as Connection).query(q); }
}`,
        true,
      ),
    ).toBe('this this.conn');
  });
});

describe('sessionLifetime: the session stays inside the call', () => {
  it.each([
    ['used only in the function that logged in', `export async function count() {
  const res = await ${LOGIN};
  const sid = /<sessionId>(.*?)</.exec(await res.text())[1];
  const q = await fetch(url, { headers: { Authorization: 'Bearer ' + sid } });
  return (await q.json()).totalSize;
}`],
    ['data fetched with it is stored, not the session', `let records;
export async function load() {
  const sid = await (await ${LOGIN}).text();
  const q = await fetch(url, { headers: { Cookie: sid } });
  records = await q.json();
}
export const all = () => records;`],
    ['a module variable only the login function reads', `let sid;
async function main() { sid = await (await ${LOGIN}).text(); await send(sid); }
main();`],
    ['a local jsforce connection', `import { Connection } from 'jsforce';
export async function count() { const conn = new Connection(); await conn.loginBySoap(u, p); return (await conn.query('x')).totalSize; }`],
    ['a script: module-level login and use', `import { Connection } from 'jsforce';
const conn = new Connection();
await conn.loginBySoap(u, p);
console.log(await conn.query('x'));`],
    ['a script: a helper called from the login function', `import { Connection } from 'jsforce';
const conn = new Connection();
async function report() { return conn.query('x'); }
async function main() { await conn.loginBySoap(u, p); console.log(await report()); }
main();`],
    ['a script: init, then query, from main', `import { Connection } from 'jsforce';
const conn = new Connection();
async function init() { await conn.loginBySoap(u, p); }
async function query() { return conn.query('x'); }
async function main() { await init(); await query(); }
main();`],
    ['every user logs in first', `import { Connection } from 'jsforce';
const conn = new Connection();
export async function a() { await conn.loginBySoap(u, p); return conn.query('a'); }
export async function b() { await conn.loginBySoap(u, p); return conn.query('b'); }`],
    ['a local node-soap client', `import soap from 'soap';
export async function run() {
  const client = await soap.createClientAsync(wsdl);
  const [res] = await client.loginAsync(creds);
  client.addSoapHeader({ SessionHeader: { sessionId: res.result.sessionId } });
  const [q] = await client.queryAsync({ queryString: 'x' });
  return q.result.records;
}`],
    ['a module function only called at top level', `const sid = await (await ${LOGIN}).text();
function go() { return call(sid); }
await go();`],
    ['logged but not kept', `async function check() { const res = await ${LOGIN}; console.log(res.status); }`],
  ])('%s', (_name, code) => {
    expect(lifetime(code)).toBeNull();
  });
});
