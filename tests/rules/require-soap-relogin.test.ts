import type { MessageIds, Options } from '../../src/rules/require-soap-relogin';

import rule from '../../src/rules/require-soap-relogin';
import { fixedOutputs, invalid, ruleTester, valid } from './utils';

const invalidCases = invalid<MessageIds, Options>([
  // The session handed to a helper of the file, which keeps it in module state
  {
    code: `const ENVELOPE = \`<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com"><n1:username>\${user}</n1:username><n1:password>\${pass}</n1:password></n1:login></env:Body></env:Envelope>\`;
let current = null;
function remember(session) {
  current = { id: session, at: Date.now() };
}
export async function connect() {
  const res = await fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', headers: { 'Content-Type': 'text/xml', SOAPAction: 'login' }, body: ENVELOPE });
  const xml = await res.text();
  remember(/<sessionId>([^<]+)<\\/sessionId>/.exec(xml)[1]);
}
export function session() {
  return current;
}`,
    output: null,
    errors: [{ messageId: 'noRelogin', data: { lifetime: 'kept in `current`, outside the function that logged in' }, line: 7, column: 21 }],
  },
  {
    // A page script: jsforce is a global, and no string names a Salesforce API.
    code: `const conn = new jsforce.Connection();
conn.loginBySoap(user, pass, (err) => {
  if (err) throw err;
});
module.exports = conn;`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'exported through `module.exports`' }, line: 2, column: 1, endLine: 2, endColumn: 17, suggestions: [{ messageId: 'useJsforceLogin', output: `const conn = new jsforce.Connection();
conn.login(user, pass, (err) => {
  if (err) throw err;
});
module.exports = conn;` }] },
    ],
  },
  {
    code: `import jsforce from 'jsforce';
const conn = new jsforce.Connection({ loginUrl: 'https://login.salesforce.com' });
export async function connect() {
  await conn.loginBySoap(process.env.SF_USERNAME, process.env.SF_PASSWORD);
}
export async function accounts() {
  return (await conn.query('SELECT Id FROM Account')).records;
}`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'kept in `conn`, outside the function that logged in' }, line: 4, column: 9, endLine: 4, endColumn: 25, suggestions: [{ messageId: 'useJsforceLogin', output: `import jsforce from 'jsforce';
const conn = new jsforce.Connection({ loginUrl: 'https://login.salesforce.com' });
export async function connect() {
  await conn.login(process.env.SF_USERNAME, process.env.SF_PASSWORD);
}
export async function accounts() {
  return (await conn.query('SELECT Id FROM Account')).records;
}` }] },
    ],
  },
  {
    code: `const { Connection } = require('jsforce');
class Salesforce {
  constructor() { this.conn = new Connection({ loginUrl }); }
  async connect() { await this.conn.loginBySoap(user, pass); }
  query(soql) { return this.conn.query(soql); }
}
module.exports = Salesforce;`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'stored on `this.conn`' }, line: 4, column: 27, endLine: 4, endColumn: 48, suggestions: [{ messageId: 'useJsforceLogin', output: `const { Connection } = require('jsforce');
class Salesforce {
  constructor() { this.conn = new Connection({ loginUrl }); }
  async connect() { await this.conn.login(user, pass); }
  query(soql) { return this.conn.query(soql); }
}
module.exports = Salesforce;` }] },
    ],
  },
  {
    code: `import { Connection } from '@jsforce/jsforce-node';
export async function connect(user, pass) {
  const conn = new Connection({ loginUrl });
  await conn.loginBySoap(user, pass);
  return conn;
}`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'returned to callers' }, line: 4, column: 9, endLine: 4, endColumn: 25, suggestions: [{ messageId: 'useJsforceLogin', output: `import { Connection } from '@jsforce/jsforce-node';
export async function connect(user, pass) {
  const conn = new Connection({ loginUrl });
  await conn.login(user, pass);
  return conn;
}` }] },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
const conn = new Connection();
await conn.loginBySoap(user, pass);
setInterval(async () => {
  const { records } = await conn.query('SELECT Id FROM Case WHERE IsClosed = false');
  await notify(records);
}, 60_000);`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'used by a callback that runs later' }, line: 3, column: 7, endLine: 3, endColumn: 23, suggestions: [{ messageId: 'useJsforceLogin', output: `import { Connection } from 'jsforce';
const conn = new Connection();
await conn.login(user, pass);
setInterval(async () => {
  const { records } = await conn.query('SELECT Id FROM Case WHERE IsClosed = false');
  await notify(records);
}, 60_000);` }] },
    ],
  },
  {
    code: `const jsforce = require('jsforce');
const conn = new jsforce.Connection();
conn.loginBySoap(user, pass, (err) => {
  if (err) throw err;
});
module.exports = conn;`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'exported through `module.exports`' }, line: 3, column: 1, endLine: 3, endColumn: 17, suggestions: [{ messageId: 'useJsforceLogin', output: `const jsforce = require('jsforce');
const conn = new jsforce.Connection();
conn.login(user, pass, (err) => {
  if (err) throw err;
});
module.exports = conn;` }] },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
const conn = new Connection();
async function ensureLogin() {
  if (!conn.accessToken) await conn.loginBySoap(user, pass);
}
export async function query(soql) {
  await ensureLogin();
  return conn.query(soql);
}`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'kept in `conn`, outside the function that logged in' }, line: 4, column: 32, endLine: 4, endColumn: 48, suggestions: [{ messageId: 'useJsforceLogin', output: `import { Connection } from 'jsforce';
const conn = new Connection();
async function ensureLogin() {
  if (!conn.accessToken) await conn.login(user, pass);
}
export async function query(soql) {
  await ensureLogin();
  return conn.query(soql);
}` }] },
    ],
  },
  {
    code: `let sessionId;
let serverUrl;
export async function login() {
  const res = await fetch('https://login.salesforce.com/services/Soap/u/59.0', {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml', SOAPAction: 'login' },
    body: '<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Body><login xmlns="urn:partner.soap.sforce.com"><username>u</username><password>p</password></login></se:Body></se:Envelope>',
  });
  const xml = await res.text();
  sessionId = /<sessionId>([^<]+)/.exec(xml)[1];
  serverUrl = /<serverUrl>([^<]+)/.exec(xml)[1];
}
export function query(soql) {
  return fetch(\`\${serverUrl}/query?q=\${soql}\`, { headers: { Authorization: \`Bearer \${sessionId}\` } });
}`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'kept in `sessionId`, outside the function that logged in' }, line: 4, column: 21, endLine: 4, endColumn: 26 },
    ],
  },
  {
    code: `import axios from 'axios';
function envelope(username, password) {
  return \`<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><n1:login xmlns:n1="urn:enterprise.soap.sforce.com"><n1:username>\${username}</n1:username><n1:password>\${password}</n1:password></n1:login></env:Body></env:Envelope>\`;
}
export async function login(username, password) {
  const { data } = await axios.post('https://test.salesforce.com/services/Soap/c/59.0', envelope(username, password), { headers: { 'Content-Type': 'text/xml' } });
  return { sessionId: /<sessionId>(.*?)</.exec(data)[1], serverUrl: /<serverUrl>(.*?)</.exec(data)[1] };
}`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'returned to callers' }, line: 6, column: 26, endLine: 6, endColumn: 36 },
    ],
  },
  {
    code: `const request = require('request');
function login(req, done) {
  request.post({ url: process.env.SF_LOGIN_URL + '/services/Soap/u/59.0', headers: { SOAPAction: 'login' }, body: loginXml }, (err, res, body) => {
    if (err) return done(err);
    req.session.salesforce = parseLoginResult(body);
    done();
  });
}
module.exports = login;`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'stored in `req.session.salesforce`, on an object the caller passed in' }, line: 3, column: 3, endLine: 3, endColumn: 15 },
    ],
  },
  {
    code: `const sessions = new Map();
export async function login(user, password) {
  const res = await fetch(\`\${LOGIN_URL}/services/Soap/u/59.0\`, { method: 'POST', headers: { SOAPAction: 'login' }, body: envelopeFor(user, password) });
  sessions.set(user, extractSession(await res.text()));
}
export const sessionOf = (user) => sessions.get(user);`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'kept in `sessions`, outside the function that logged in' }, line: 3, column: 21, endLine: 3, endColumn: 26 },
    ],
  },
  {
    code: `import jsforce from 'jsforce';
let conn;
export async function connect() {
  const res = await fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', headers: { SOAPAction: 'login' }, body: loginXml });
  const { sessionId, serverUrl } = parseLoginResult(await res.text());
  conn = new jsforce.Connection({ sessionId, serverUrl });
}
export const query = (soql) => conn.query(soql);`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'kept in `conn`, outside the function that logged in' }, line: 4, column: 21, endLine: 4, endColumn: 26 },
    ],
  },
  {
    code: `import soap from 'soap';
export class PartnerClient {
  async connect() {
    this.client = await soap.createClientAsync('./partner.wsdl');
    const [result] = await this.client.loginAsync({ username, password });
    this.client.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId } });
    this.client.setEndpoint(result.result.serverUrl);
  }
  async query(queryString) {
    const [result] = await this.client.queryAsync({ queryString });
    return result.result.records;
  }
}`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'attached to a client that is stored on `this.client`' }, line: 5, column: 28, endLine: 5, endColumn: 50 },
    ],
  },
  {
    code: `const soap = require('soap');
soap.createClient('./partner.wsdl', (err, client) => {
  client.login({ username, password }, (err, result) => {
    client.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId } });
    client.setEndpoint(result.result.serverUrl);
    setInterval(() => client.query({ queryString: 'SELECT Id FROM Case' }, onCases), 60000);
  });
});`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'attached to a client that is used by a callback that runs later' }, line: 3, column: 3, endLine: 3, endColumn: 15 },
    ],
  },
  {
    code: `import * as soap from 'soap';
let client;
export async function init() {
  client = await soap.createClientAsync(WSDL);
  const [login] = await client.loginAsync({ username, password });
  client.addSoapHeader({ SessionHeader: { sessionId: login.result.sessionId } });
}
export async function describeGlobal() {
  const [result] = await client.describeGlobalAsync({});
  return result;
}`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'attached to a client that is kept in `client`, outside the function that logged in' }, line: 5, column: 25, endLine: 5, endColumn: 42 },
    ],
  },
  {
    code: `import soap from 'soap';
export async function sessionFor(username, password) {
  const client = await soap.createClientAsync(WSDL);
  return client.loginAsync({ username, password }).then(([result]) => result.result.sessionId);
}`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'returned to callers' }, line: 4, column: 10, endLine: 4, endColumn: 27 },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
const conn = new Connection({ loginUrl: process.env.SF_LOGIN_URL });
await conn.loginBySoap(process.env.SF_USERNAME, process.env.SF_PASSWORD);
export async function findAccount(id) {
  return conn.sobject('Account').retrieve(id);
}`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'exported through `findAccount`' }, line: 3, column: 7, endLine: 3, endColumn: 23, suggestions: [{ messageId: 'useJsforceLogin', output: `import { Connection } from 'jsforce';
const conn = new Connection({ loginUrl: process.env.SF_LOGIN_URL });
await conn.login(process.env.SF_USERNAME, process.env.SF_PASSWORD);
export async function findAccount(id) {
  return conn.sobject('Account').retrieve(id);
}` }] },
    ],
  },
  {
    code: `import express from 'express';
import jsforce from 'jsforce';
const app = express();
async function main() {
  const conn = new jsforce.Connection();
  await conn.loginBySoap(user, pass);
  app.get('/accounts', async (req, res) => res.json(await conn.query('SELECT Id FROM Account')));
  app.listen(3000);
}
main();`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'used by a callback that runs later' }, line: 6, column: 9, endLine: 6, endColumn: 25, suggestions: [{ messageId: 'useJsforceLogin', output: `import express from 'express';
import jsforce from 'jsforce';
const app = express();
async function main() {
  const conn = new jsforce.Connection();
  await conn.login(user, pass);
  app.get('/accounts', async (req, res) => res.json(await conn.query('SELECT Id FROM Account')));
  app.listen(3000);
}
main();` }] },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
const conn = new Connection();
const login = () => conn.loginBySoap(user, pass);
await login();
setInterval(login, 60 * 60 * 1000);
export const query = (soql) => conn.query(soql);`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'kept in `conn`, outside the function that logged in' }, line: 3, column: 21, endLine: 3, endColumn: 37, suggestions: [{ messageId: 'useJsforceLogin', output: `import { Connection } from 'jsforce';
const conn = new Connection();
const login = () => conn.login(user, pass);
await login();
setInterval(login, 60 * 60 * 1000);
export const query = (soql) => conn.query(soql);` }] },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
const conn = new Connection();
export async function init() { await conn.loginBySoap(user, pass); }
export async function query(soql) {
  try {
    return await conn.query(soql);
  } catch (err) {
    await init();
    return conn.query(soql);
  }
}`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'kept in `conn`, outside the function that logged in' }, line: 3, column: 38, endLine: 3, endColumn: 54, suggestions: [{ messageId: 'useJsforceLogin', output: `import { Connection } from 'jsforce';
const conn = new Connection();
export async function init() { await conn.login(user, pass); }
export async function query(soql) {
  try {
    return await conn.query(soql);
  } catch (err) {
    await init();
    return conn.query(soql);
  }
}` }] },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
const conn = new Connection();
export async function init() { await conn.loginBySoap(user, pass); }
export async function query(soql) {
  try {
    return await conn.query(soql);
  } catch (err) {
    if (err.errorCode === 'INVALID_SESSION_ID') logger.warn('session expired');
    throw err;
  }
}`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'kept in `conn`, outside the function that logged in' }, line: 3, column: 38, endLine: 3, endColumn: 54, suggestions: [{ messageId: 'useJsforceLogin', output: `import { Connection } from 'jsforce';
const conn = new Connection();
export async function init() { await conn.login(user, pass); }
export async function query(soql) {
  try {
    return await conn.query(soql);
  } catch (err) {
    if (err.errorCode === 'INVALID_SESSION_ID') logger.warn('session expired');
    throw err;
  }
}` }] },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
export class Salesforce {
  private readonly conn = new Connection({ loginUrl: 'https://test.salesforce.com' });
  async connect(user: string, pass: string): Promise<void> {
    await this.conn!.loginBySoap(user, pass);
  }
  async query<T>(soql: string): Promise<T[]> {
    return (await this.conn.query<T>(soql)).records;
  }
}`,
    filename: 'file.ts',
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'stored on `this.conn`' }, line: 5, column: 11, endLine: 5, endColumn: 33, suggestions: [{ messageId: 'useJsforceLogin', output: `import { Connection } from 'jsforce';
export class Salesforce {
  private readonly conn = new Connection({ loginUrl: 'https://test.salesforce.com' });
  async connect(user: string, pass: string): Promise<void> {
    await this.conn!.login(user, pass);
  }
  async query<T>(soql: string): Promise<T[]> {
    return (await this.conn.query<T>(soql)).records;
  }
}` }] },
    ],
  },
  {
    code: `import axios from 'axios';
let session: { id: string; url: string } | undefined;
export async function login(envelope: string): Promise<void> {
  const { data } = await axios.post<string>('https://login.salesforce.com/services/Soap/u/60.0', envelope, { headers: { SOAPAction: 'login' } satisfies Record<string, string> });
  session = { id: data.split('<sessionId>')[1]!.split('<')[0]!, url: data.split('<serverUrl>')[1]!.split('<')[0]! };
}
export const currentSession = () => session!;`,
    filename: 'file.ts',
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'kept in `session`, outside the function that logged in' }, line: 4, column: 26, endLine: 4, endColumn: 36 },
    ],
  },
  {
    code: `import soap from 'soap';
export async function client(): Promise<soap.Client> {
  const c = await soap.createClientAsync(WSDL);
  const [result] = await c.loginAsync({ username, password });
  c.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId as string } });
  return c;
}`,
    filename: 'file.ts',
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'attached to a client that is returned to callers' }, line: 4, column: 26, endLine: 4, endColumn: 38 },
    ],
  },

  {
    code: `import { Connection } from 'jsforce';
const conn = new Connection({ oauth2: { clientId, clientSecret, redirectUri } });
export async function connect() { await conn.loginBySoap(user, pass); }
export const query = (soql) => conn.query(soql);`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'kept in `conn`, outside the function that logged in' }, line: 3, column: 41, endLine: 3, endColumn: 57, suggestions: [] },
    ],
  },
  // Where a login result goes: copies out of a jsforce connection, the Streaming client, node-salesforce, an OAuth-only 401 handler, a login per call.
  {
    code: `import jsforce from 'jsforce';
export default class Auth {
  async authenticate() {
    const conn = new jsforce.Connection({ loginUrl: this.loginUrl });
    await conn.login(this.username, this.password);
    this.metadata = { accessToken: conn.accessToken, instanceUrl: conn.instanceUrl };
  }
  headers() {
    return { Authorization: \`Bearer \${this.metadata.accessToken}\` };
  }
}`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'stored on `this.metadata`' }, line: 5, column: 11, endLine: 5, endColumn: 21, suggestions: [] },
    ],
  },
  {
    code: `const jsforce = require('jsforce');
const faye = require('faye');
const conn = new jsforce.Connection({});
conn.login(process.env.SF_USER, process.env.SF_PASS, (err) => {
  if (err) return console.error(err);
  const client = new faye.Client(\`\${conn.instanceUrl}/cometd/59.0/\`);
  client.setHeader('Authorization', 'OAuth ' + conn.accessToken);
  client.subscribe('/event/Order_Placed__e', (message) => console.log(message));
});`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'held by the Streaming API client, which keeps the session it connected with' }, line: 4, column: 1, endLine: 4, endColumn: 11, suggestions: [] },
    ],
  },
  {
    code: `const jsforce = require('jsforce');
const conn = new jsforce.Connection({});
conn.login(process.env.SF_USER, process.env.SF_PASS, (err) => {
  if (err) return console.error(err);
  conn.streaming.topic('/event/Order_Placed__e').subscribe((message) => console.log(message));
});`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'held by the Streaming API client, which keeps the session it connected with' }, line: 3, column: 1, endLine: 3, endColumn: 11, suggestions: [] },
    ],
  },
  {
    code: `const jsforce = require('jsforce');
async function connect(loginUrl, user, pass) {
  const conn = new jsforce.Connection({ loginUrl });
  await conn.login(user, pass);
  return conn;
}
function streamingClient(conn, channel) {
  return conn.streaming.createClient([new jsforce.StreamingExtension.AuthFailure(() => { throw new Error('auth failed'); })]);
}
module.exports.listen = async (config, onEvent) => {
  const conn = await connect(config.loginUrl, config.user, config.pass);
  streamingClient(conn, config.channel).subscribe(config.channel, onEvent);
};`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'held by the Streaming API client, which keeps the session it connected with' }, line: 4, column: 9, endLine: 4, endColumn: 19, suggestions: [] },
    ],
  },
  {
    code: `const sf = require('node-salesforce');
const conn = new sf.Connection({});
conn.login(process.env.SF_USER, process.env.SF_PASS, (err) => {
  if (err) console.error(err);
});
exports.accounts = () => conn.query('SELECT Id FROM Account');`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'exported through `exports.accounts`' }, line: 3, column: 1, endLine: 3, endColumn: 11, suggestions: [] },
    ],
  },
  {
    code: `let sessionId;
export async function login() {
  const res = await fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', headers: { SOAPAction: 'login' }, body: loginXml });
  sessionId = parseSessionId(await res.text());
}
async function refreshOAuth() {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: refreshForm });
  sessionId = (await res.json()).access_token;
}
export async function api(path) {
  const res = await fetch(path, { headers: { Authorization: \`Bearer \${sessionId}\` } });
  if (res.status === 401) {
    await refreshOAuth();
    return fetch(path, { headers: { Authorization: \`Bearer \${sessionId}\` } });
  }
  return res.json();
}`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'kept in `sessionId`, outside the function that logged in' }, line: 3, column: 21, endLine: 3, endColumn: 26 },
    ],
  },
  {
    code: `let cached = null;
async function sessionId() {
  if (cached && Date.now() < cached.until) return cached.id;
  const res = await fetch(\`\${process.env.SF_URL}/services/Soap/u/59.0\`, { method: 'POST', headers: { SOAPAction: 'login' }, body: envelope });
  const xml = await res.text();
  cached = { id: xml.match(/<sessionId>([^<]+)</)[1], until: Date.now() + 55 * 60 * 1000 };
  return cached.id;
}
export async function query(soql) {
  const res = await fetch(\`\${process.env.SF_URL}/services/data/v59.0/query?q=\${soql}\`, { headers: { Authorization: \`Bearer \${await sessionId()}\` } });
  if (!res.ok) throw new Error(\`query failed: \${res.status}\`);
  return res.json();
}`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'kept in `cached`, outside the function that logged in' }, line: 4, column: 21, endLine: 4, endColumn: 26 },
    ],
  },
  // \`describe\` here is the file's own function, not a test framework's: the session outlives the login.
  {
    code: `import { Connection } from 'jsforce';
function describe(label, body) { jobs.push({ label, body }); }
describe('nightly sync', () => {
  let saved;
  setup.push(async () => {
    const conn = new Connection({ loginUrl: 'https://login.salesforce.com' });
    await conn.loginBySoap(process.env.SF_USER, process.env.SF_PASS);
    saved = conn;
  });
  later.push(() => saved.query('SELECT Id FROM Account'));
});`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'kept in `saved`, outside the function that logged in' }, line: 7, column: 11, endLine: 7, endColumn: 27, suggestions: [{ messageId: 'useJsforceLogin', output: `import { Connection } from 'jsforce';
function describe(label, body) { jobs.push({ label, body }); }
describe('nightly sync', () => {
  let saved;
  setup.push(async () => {
    const conn = new Connection({ loginUrl: 'https://login.salesforce.com' });
    await conn.login(process.env.SF_USER, process.env.SF_PASS);
    saved = conn;
  });
  later.push(() => saved.query('SELECT Id FROM Account'));
});` }] },
    ],
  },
  // A login envelope sent through the class's own request method, which forwards its options to request-promise.
  {
    code: `const rp = require('request-promise');
const send = (opts) => rp(opts).then((res) => { trace(res); return res; });
class Bulk {
  post(opts) { return send(opts); }
  login() {
    const body = \`<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com"><n1:username>\${this.user}</n1:username><n1:password>\${this.pass}</n1:password></n1:login></env:Body></env:Envelope>\`;
    return this.post({ url: \`\${this.host}/services/Soap/u/59.0\`, method: 'POST', headers: { SOAPAction: 'login' }, body })
      .then((xml) => { this.session = parseSession(xml); });
  }
  createJob() {
    return this.post({ url: \`\${this.host}/services/async/59.0/job\`, method: 'POST', headers: { 'X-SFDC-Session': this.session.id }, body: jobXml });
  }
}
module.exports = Bulk;`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'stored on `this.session`' }, line: 7, column: 12, endLine: 7, endColumn: 21 },
    ],
  },
  // node-salesforce logs in once at load; the voice app's intent handlers use the session for the life of the server.
  {
    code: `const sf = require('node-salesforce');
const voice = require('alexa-app');
const app = new voice.app('accounts');
const conn = new sf.Connection({});
conn.login(process.env.SF_USER, process.env.SF_PASS, (err) => { if (err) console.error(err); });
app.intent('countAccounts', { utterances: ['how many accounts'] }, (request, response) => {
  conn.query('SELECT COUNT() FROM Account', (err, result) => response.say(String(result.totalSize)).send());
  return false;
});
module.exports = app;`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'used by a callback that runs later' }, line: 5, column: 1, endLine: 5, endColumn: 11 },
    ],
  },
  // A CLI command saves the SOAP session as the user's stored auth: every later run reuses it.
  {
    code: `import { AuthInfo } from '@salesforce/core';
import * as jsforce from 'jsforce';
export default class Login {
  async run(flags) {
    const conn = new jsforce.Connection({ loginUrl: flags.server });
    await conn.loginBySoap(flags.username, flags.password);
    const authInfo = await AuthInfo.create({ username: flags.username, accessTokenOptions: { accessToken: conn.accessToken, instanceUrl: conn.instanceUrl } });
    await authInfo.save();
  }
}`,
    output: null,
    errors: [
      { messageId: 'noRelogin', data: { lifetime: 'saved for later runs through `authInfo`' }, line: 6, column: 11, endLine: 6, endColumn: 27 },
    ],
  },
]);

ruleTester.run('require-soap-relogin', rule, {
  valid: [
    ...valid<Options>([
    // The session handed to a helper of the file that only sends it, for the one call
    `const ENVELOPE = \`<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com"><n1:username>\${user}</n1:username><n1:password>\${pass}</n1:password></n1:login></env:Body></env:Envelope>\`;
async function describe(host, session) {
  const res = await fetch(\`\${host}/services/data/v59.0/sobjects\`, { headers: { Authorization: \`Bearer \${session}\` } });
  return res.ok;
}
export async function check(host) {
  const res = await fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', headers: { 'Content-Type': 'text/xml', SOAPAction: 'login' }, body: ENVELOPE });
  const xml = await res.text();
  await describe(host, /<sessionId>([^<]+)<\\/sessionId>/.exec(xml)[1]);
  return null;
}`,
    // jsforce `login()` installs its own re-login.
    `import { Connection } from 'jsforce';
const conn = new Connection({ loginUrl: 'https://login.salesforce.com' });
export async function connect() { await conn.login(process.env.SF_USERNAME, process.env.SF_PASSWORD); }
export const query = (soql) => conn.query(soql);`,
    // OAuth: JWT bearer through jsforce, and a raw token request.
    `import { Connection } from 'jsforce';
const conn = new Connection({ loginUrl: 'https://login.salesforce.com' });
export async function connect(assertion) {
  await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
}
export const query = (soql) => conn.query(soql);`,
    `let token;
export async function authenticate(body) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
  token = (await res.json()).access_token;
}
export const headers = () => ({ Authorization: \`Bearer \${token}\` });`,
    `import { Connection } from 'jsforce';
const conn = new Connection({ oauth2: { clientId, clientSecret } });
export async function connect() { await conn.loginByOAuth2(user, pass); }
export const query = (soql) => conn.query(soql);`,
    // A SOAP call that is not login().
    `let lastResult;
export async function describe(sessionId) {
  const res = await fetch(\`\${serverUrl}/services/Soap/u/59.0\`, { method: 'POST', headers: { SOAPAction: 'describeGlobal' }, body: describeXml(sessionId) });
  lastResult = await res.text();
}
export const last = () => lastResult;`,
    // The session is used only inside the function that logged in.
    `import { Connection } from 'jsforce';
export async function countAccounts(user, pass) {
  const conn = new Connection();
  await conn.loginBySoap(user, pass);
  const { totalSize } = await conn.query('SELECT COUNT() FROM Account');
  return totalSize;
}`,
    `export async function countAccounts() {
  const res = await fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', headers: { SOAPAction: 'login' }, body: loginXml });
  const xml = await res.text();
  const sid = /<sessionId>(.*?)</.exec(xml)[1];
  const q = await fetch(\`\${serverUrlOf(xml)}/services/data/v59.0/query?q=SELECT+COUNT()+FROM+Account\`, { headers: { Authorization: \`Bearer \${sid}\` } });
  return (await q.json()).totalSize;
}`,
    `import soap from 'soap';
export async function openCases() {
  const client = await soap.createClientAsync(WSDL);
  const [login] = await client.loginAsync({ username, password });
  client.addSoapHeader({ SessionHeader: { sessionId: login.result.sessionId } });
  client.setEndpoint(login.result.serverUrl);
  const [result] = await client.queryAsync({ queryString: 'SELECT Id FROM Case' });
  return result.result.records;
}`,
    // Data fetched with the session is kept, not the session.
    `let accounts = [];
export async function refresh() {
  const res = await fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', headers: { SOAPAction: 'login' }, body: loginXml });
  const sid = extractSessionId(await res.text());
  const q = await fetch(queryUrl, { headers: { Authorization: \`Bearer \${sid}\` } });
  accounts = (await q.json()).records;
}
export const cached = () => accounts;`,
    // Scripts: the session lives as long as one run.
    `import { Connection } from 'jsforce';
const conn = new Connection();
await conn.loginBySoap(process.env.SF_USERNAME, process.env.SF_PASSWORD);
const { records } = await conn.query('SELECT Id, Name FROM Account');
console.table(records);`,
    `const { Connection } = require('jsforce');
const conn = new Connection();
async function login() { await conn.loginBySoap(user, pass); }
async function exportAccounts() { return (await conn.query('SELECT Id FROM Account')).records; }
async function main() {
  await login();
  await writeCsv(await exportAccounts());
}
main().catch((err) => { console.error(err); process.exit(1); });`,
    // Every function that uses the connection logs in first.
    `import { Connection } from 'jsforce';
const conn = new Connection();
export async function accounts() { await conn.loginBySoap(user, pass); return (await conn.query('SELECT Id FROM Account')).records; }
export async function contacts() { await conn.loginBySoap(user, pass); return (await conn.query('SELECT Id FROM Contact')).records; }`,
    // Re-login on INVALID_SESSION_ID, in its many shapes.
    `import { Connection } from 'jsforce';
const conn = new Connection();
export async function connect() { await conn.loginBySoap(user, pass); }
export async function query(soql) {
  try {
    return await conn.query(soql);
  } catch (err) {
    if (err.errorCode === 'INVALID_SESSION_ID') {
      await connect();
      return conn.query(soql);
    }
    throw err;
  }
}`,
    `import { Connection } from 'jsforce';
const conn = new Connection();
export async function connect() { await conn.loginBySoap(user, pass); }
export async function query(soql) {
  try {
    return await conn.query(soql);
  } catch (err) {
    if (!String(err.message).includes('INVALID_SESSION_ID')) throw err;
    await conn.loginBySoap(user, pass);
    return conn.query(soql);
  }
}`,
    `import { Connection } from 'jsforce';
const conn = new Connection();
const isSessionExpired = (err) => err.name === 'INVALID_SESSION_ID';
const connect = () => conn.loginBySoap(user, pass);
export const query = (soql) =>
  conn.query(soql).catch((err) => (isSessionExpired(err) ? connect().then(() => conn.query(soql)) : Promise.reject(err)));`,
    `import { Connection } from 'jsforce';
const conn = new Connection({ refreshFn: (c, callback) => relogin(callback) });
export async function connect() { await conn.loginBySoap(user, pass); }
export const query = (soql) => conn.query(soql);`,
    `let sessionId;
async function login() {
  const res = await fetch(\`\${LOGIN_URL}/services/Soap/u/59.0\`, { method: 'POST', headers: { SOAPAction: 'login' }, body: loginXml });
  sessionId = parseSessionId(await res.text());
}
export async function call(envelope) {
  const res = await fetch(serverUrl, { method: 'POST', body: envelope(sessionId) });
  const text = await res.text();
  if (res.status === 500 && text.includes('<faultcode>sf:INVALID_SESSION_ID</faultcode>')) {
    await login();
    return call(envelope);
  }
  return text;
}`,
    `let sessionId;
async function login() {
  const res = await fetch(\`\${LOGIN_URL}/services/Soap/u/59.0\`, { method: 'POST', headers: { SOAPAction: 'login' }, body: loginXml });
  sessionId = parseSessionId(await res.text());
}
export async function api(path) {
  const res = await fetch(path, { headers: { Authorization: \`Bearer \${sessionId}\` } });
  if (res.status === 401) {
    await login();
    return fetch(path, { headers: { Authorization: \`Bearer \${sessionId}\` } });
  }
  return res;
}`,
    `import soap from 'soap';
export class PartnerClient {
  async connect() {
    this.client = await soap.createClientAsync('./partner.wsdl');
    const [result] = await this.client.loginAsync({ username, password });
    this.client.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId } });
  }
  async query(queryString) {
    try {
      return await this.client.queryAsync({ queryString });
    } catch (err) {
      if (err.root?.Envelope?.Body?.Fault?.faultcode === 'sf:INVALID_SESSION_ID') {
        await this.connect();
        return this.client.queryAsync({ queryString });
      }
      throw err;
    }
  }
}`,
    `const soap = require('soap');
let client;
async function connect() {
  client = await soap.createClientAsync(WSDL);
  const [result] = await client.loginAsync({ username, password });
  client.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId } });
  client.on('soapError', (err) => {
    if (/INVALID_SESSION_ID/.test(err.body)) connect();
  });
}
module.exports = { connect, query: (queryString) => client.queryAsync({ queryString }) };`,
    `import { Connection } from 'jsforce';
const conn = new Connection();
export async function connect() { await conn.loginBySoap(user, pass); }
export async function query(soql) {
  try {
    return await conn.query(soql);
  } catch (err) {
    switch (err.errorCode) {
      case 'INVALID_SESSION_ID':
        await connect();
        return conn.query(soql);
      default:
        throw err;
    }
  }
}`,
    // Not a jsforce connection, not the global fetch.
    `const conn = createConnection();
export async function connect() { await conn.loginBySoap(user, pass); }
export const query = (soql) => conn.query(soql);`,
    `let sessionId;
function fetch(url, options) { return mock(url, options); }
export async function login() {
  const res = await fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', headers: { SOAPAction: 'login' }, body: loginXml });
  sessionId = await res.text();
}
export const current = () => sessionId;`,
    { code: `import { Connection } from 'jsforce';
export class Salesforce {
  private readonly conn = new Connection({ loginUrl: 'https://test.salesforce.com' });
  async connect(): Promise<void> {
    await this.conn.loginBySoap(process.env.SF_USERNAME!, process.env.SF_PASSWORD!);
  }
  async query<T>(soql: string): Promise<T[]> {
    try {
      return (await this.conn.query<T>(soql)).records;
    } catch (err: unknown) {
      if ((err as { errorCode?: string }).errorCode !== 'INVALID_SESSION_ID') throw err;
      await this.connect();
      return (await this.conn.query<T>(soql)).records;
    }
  }
}`, filename: 'file.ts' },
    { code: `import soap from 'soap';
export async function openCases(): Promise<unknown[]> {
  const client: soap.Client = await soap.createClientAsync(WSDL);
  const [login] = await client.loginAsync({ username, password });
  client.addSoapHeader({ SessionHeader: { sessionId: login.result.sessionId as string } });
  const [result] = await client.queryAsync({ queryString: 'SELECT Id FROM Case' });
  return result.result.records as unknown[];
}`, filename: 'file.ts' },
    // Where a login result goes: copies out of a jsforce connection, the Streaming client, node-salesforce, an OAuth-only 401 handler, a login per call.
    `import jsforce from 'jsforce';
export default class Auth {
  async authenticate() {
    const conn = new jsforce.Connection({ loginUrl: this.loginUrl });
    await conn.login(this.username, this.password);
    return { accessToken: conn.accessToken, instanceUrl: conn.instanceUrl };
  }
}`,
    `const jsforce = require('jsforce');
let cache = null;
async function session() {
  if (cache) return cache;
  const conn = new jsforce.Connection();
  await conn.login(user, pass);
  cache = conn;
  return cache;
}
export const query = async (soql) => (await session()).query(soql);`,
    `import jsforce from 'jsforce';
export default class Auth {
  async authenticate() {
    const conn = new jsforce.Connection({ loginUrl: this.loginUrl });
    await conn.login(this.username, this.password);
    return { conn, accessToken: conn.accessToken };
  }
}`,
    `const jsforce = require('jsforce');
const conn = new jsforce.Connection({});
function start() {
  conn.login(process.env.SF_USER, process.env.SF_PASS, (err) => {
    if (err) return console.error(err);
    const client = conn.streaming.createClient([new jsforce.StreamingExtension.AuthFailure(() => start())]);
    client.subscribe('/event/Order_Placed__e', (message) => console.log(message));
  });
}
start();`,
    `const jsforce = require('jsforce');
const conn = new jsforce.Connection({});
conn.login(process.env.SF_USER, process.env.SF_PASS, (err) => {
  if (err) return console.error(err);
  const client = conn.streaming.createClient([
    new jsforce.StreamingExtension.AuthFailure(() => process.exit(1)),
  ]);
  client.subscribe('/data/AccountChangeEvent', (message) => console.log(message));
});`,
    `const sf = require('node-salesforce');
exports.accounts = async (req, res) => {
  const conn = new sf.Connection({});
  await conn.login(process.env.SF_USER, process.env.SF_PASS);
  res.json(await conn.query('SELECT Id FROM Account'));
};`,
    `async function login() {
  const res = await fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', headers: { SOAPAction: 'login' }, body: loginXml });
  return parseSessionId(await res.text());
}
export async function query(soql) {
  const sid = await login();
  const res = await fetch(\`\${instance}/services/data/v59.0/query?q=\${soql}\`, { headers: { Authorization: \`Bearer \${sid}\` } });
  return res.json();
}`,
    // A test keeps the session in its suite for the next test, which checks that the server refuses it after logout.
    `import assert from 'node:assert';
import { Connection } from 'jsforce';
describe('logout', () => {
  let saved;
  it('logs out', async () => {
    const conn = new Connection({ loginUrl: 'https://login.salesforce.com' });
    await conn.loginBySoap(process.env.SF_USER, process.env.SF_PASS);
    saved = { sid: conn.accessToken, url: conn.instanceUrl };
    await conn.logout();
  });
  it('refuses the old session', async () => {
    const stale = new Connection({ sessionId: saved.sid, serverUrl: saved.url });
    await assert.rejects(stale.query('SELECT Id FROM User'));
  });
});`,
    // The same wrapper, logging in afresh for each job.
    `const rp = require('request-promise');
const send = (opts) => rp(opts).then((res) => { trace(res); return res; });
class Bulk {
  post(opts) { return send(opts); }
  async createJob() {
    const body = \`<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com"><n1:username>\${this.user}</n1:username><n1:password>\${this.pass}</n1:password></n1:login></env:Body></env:Envelope>\`;
    const xml = await this.post({ url: \`\${this.host}/services/Soap/u/59.0\`, method: 'POST', headers: { SOAPAction: 'login' }, body });
    const session = parseSession(xml);
    return this.post({ url: \`\${this.host}/services/async/59.0/job\`, method: 'POST', headers: { 'X-SFDC-Session': session.id }, body: jobXml });
  }
}
module.exports = Bulk;`,
    // An intent handler that logs in afresh each time it runs.
    `const sf = require('node-salesforce');
const voice = require('alexa-app');
const app = new voice.app('accounts');
app.intent('countAccounts', { utterances: ['how many accounts'] }, async (request, response) => {
  const conn = new sf.Connection({});
  await conn.login(process.env.SF_USER, process.env.SF_PASS);
  conn.query('SELECT COUNT() FROM Account', (err, result) => response.say(String(result.totalSize)).send());
  return false;
});
module.exports = app;`,
    // The same AuthInfo used for this run only, never saved.
    `import { AuthInfo } from '@salesforce/core';
import * as jsforce from 'jsforce';
export default class Login {
  async run(flags) {
    const conn = new jsforce.Connection({ loginUrl: flags.server });
    await conn.loginBySoap(flags.username, flags.password);
    const authInfo = await AuthInfo.create({ username: flags.username, accessTokenOptions: { accessToken: conn.accessToken, instanceUrl: conn.instanceUrl } });
    return (await Org.create({ aliasOrUsername: authInfo.getUsername() })).getOrgId();
  }
}`,
    ]),
    ...fixedOutputs(invalidCases),
  ],
  invalid: invalidCases,
});
