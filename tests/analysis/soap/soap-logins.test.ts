import { describe, expect, it } from 'vitest';

import { httpModel } from '../../../src/analysis/http/http-calls';
import { isSoapLoginUrl, loginPerformers, loginsOn, soapLoginAt, soapLogins } from '../../../src/analysis/soap/soap-logins';
import { withSource } from '../helpers';

const ENVELOPE =
  `'<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com"><n1:username>u</n1:username><n1:password>p</n1:password></n1:login></se:Body></se:Envelope>'`;

/** The kind and line of every SOAP login in `code`. */
function logins(code: string, ts = false): string[] {
  return withSource(code, (sourceCode) => soapLogins(sourceCode).map((login) => `${login.kind}@${login.node.loc.start.line}`), { ts });
}

describe('soapLogins: raw HTTP', () => {
  it.each([
    ['fetch with a login envelope', `fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', body: ${ENVELOPE} });`],
    ['fetch with SOAPAction login', `fetch('https://test.salesforce.com/services/Soap/c/58.0', { method: 'POST', headers: { SOAPAction: '"login"' }, body: xml });`],
    ['lower-case soapaction header', `fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', headers: { soapaction: 'login' }, body: xml });`],
    ['a base nothing tells', `fetch(\`\${process.env.SF_LOGIN_URL}/services/Soap/u/59.0\`, { method: 'POST', body: ${ENVELOPE} });`],
    ['an unknown version', `fetch(\`https://login.salesforce.com/services/Soap/u/\${API_VERSION}\`, { method: 'POST', headers: { SOAPAction: 'login' }, body });`],
    ['a My Domain host', `fetch('https://acme.my.salesforce.com/services/Soap/u/59.0', { method: 'POST', body: ${ENVELOPE} });`],
    ['the envelope built by a local function', `function envelope(u, p) { return \`<Envelope><Body><login xmlns="urn:enterprise.soap.sforce.com"><username>\${u}</username></login></Body></Envelope>\`; }
fetch('https://login.salesforce.com/services/Soap/c/59.0', { method: 'POST', body: envelope(user, pass) });`],
    ['an envelope to a URL nothing tells', `fetch(process.env.SOAP_URL, { method: 'POST', body: ${ENVELOPE} });`],
    ['axios.post', `import axios from 'axios';
axios.post('https://login.salesforce.com/services/Soap/u/59.0', ${ENVELOPE}, { headers: { 'Content-Type': 'text/xml' } });`],
    ['request with a callback', `const request = require('request');
request.post({ url: 'https://login.salesforce.com/services/Soap/u/59.0', body: xml, headers: { SOAPAction: 'login' } }, (err, res, body) => {});`],
    ['jQuery', `$.ajax({ url: '/services/Soap/u/59.0', type: 'POST', data: ${ENVELOPE} });`],
  ])('%s', (_name, code) => {
    const lines = code.split('\n').length;
    expect(logins(code)).toEqual([`http@${lines}`]);
  });

  it.each([
    ['a GET', `fetch('https://login.salesforce.com/services/Soap/u/59.0', { headers: { SOAPAction: 'login' } });`],
    ['a query envelope', `fetch('https://na1.salesforce.com/services/Soap/u/59.0', { method: 'POST', headers: { SOAPAction: 'query' }, body: '<Envelope xmlns:urn="urn:partner.soap.sforce.com"><urn:query/></Envelope>' });`],
    ['an org-specific SOAP endpoint', `fetch('https://na1.salesforce.com/services/Soap/u/59.0/00D000000000001', { method: 'POST', headers: { SOAPAction: 'login' }, body });`],
    ['an OAuth token request', `fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: 'grant_type=password' });`],
    ['a body nothing tells', `fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', body: xml });`],
    ['a metadata endpoint', `fetch('https://login.salesforce.com/services/Soap/m/59.0', { method: 'POST', headers: { SOAPAction: 'login' }, body });`],
    ['an unknown URL without an envelope', `fetch(url, { method: 'POST', headers: { SOAPAction: 'login' }, body });`],
    ['a local fetch', `function fetch(u, o) {}
fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', body: ${ENVELOPE} });`],
  ])('not %s', (_name, code) => {
    expect(logins(code)).toEqual([]);
  });
});

describe('soapLogins: node-soap and jsforce', () => {
  it.each([
    ['awaited client', `import soap from 'soap';
const client = await soap.createClientAsync(wsdl);
await client.loginAsync({ username, password });`, ['node-soap@3']],
    ['callback client and login', `const soap = require('soap');
soap.createClient(wsdl, (err, client) => {
  client.login({ username, password }, (err, result) => {});
});`, ['node-soap@3']],
    ['client from .then', `import * as soap from 'soap';
soap.createClientAsync(wsdl).then((client) => client.loginAsync({ username, password }));`, ['node-soap@2']],
    ['client in an outer variable', `import soap from 'soap';
let client;
async function init() { client = await soap.createClientAsync(wsdl); }
async function login() { return client.loginAsync({ username, password }); }`, ['node-soap@4']],
    ['client on this', `import soap from 'soap';
class Partner {
  async init() { this.client = await soap.createClientAsync(wsdl); }
  async login() { return this.client.loginAsync(creds); }
}`, ['node-soap@4']],
    ['jsforce loginBySoap', `import jsforce from 'jsforce';
const conn = new jsforce.Connection({ loginUrl });
await conn.loginBySoap(user, pass);`, ['jsforce@3']],
    ['jsforce-node, destructured', `const { Connection } = require('@jsforce/jsforce-node');
const conn = new Connection();
conn.loginBySoap(user, pass, (err, info) => {});`, ['jsforce@3']],
    ['jsforce connection on this', `import { Connection } from 'jsforce';
class Sf {
  conn = new Connection();
  connect() { return this.conn.loginBySoap(user, pass); }
}`, ['jsforce@4']],
  ])('%s', (_name, code, expected) => {
    expect(logins(code)).toEqual(expected);
  });

  it.each([
    ['jsforce login()', `import { Connection } from 'jsforce';
const conn = new Connection();
await conn.login(user, pass);`],
    ['jsforce loginByOAuth2', `import { Connection } from 'jsforce';
const conn = new Connection({ oauth2 });
await conn.loginByOAuth2(user, pass);`],
    ['loginBySoap on something else', `const conn = makeConnection();
await conn.loginBySoap(user, pass);`],
    ['node-soap query', `import soap from 'soap';
const client = await soap.createClientAsync(wsdl);
await client.queryAsync({ queryString: q });`],
    ['login on another client', `const client = createClient();
client.login({ username, password });`],
  ])('not %s', (_name, code) => {
    expect(logins(code)).toEqual([]);
  });

  it('reads the connection through TypeScript wrappers', () => {
    expect(
      logins(
        `import { Connection } from 'jsforce';
let conn: Connection | undefined;
conn = new Connection();
await conn!.loginBySoap(user, pass);`,
        true,
      ),
    ).toEqual(['jsforce@4']);
    expect(withSource(`import { Connection } from 'jsforce';
const conn = new Connection();
(conn as Connection).query('x');`, (sourceCode) => httpModel(sourceCode).connections[0]?.calls.length, { ts: true })).toBe(1);
  });
});

describe('loginsOn', () => {
  /** For each node-soap client and jsforce connection, its logins: method, line, and `renews` when the library renews it. */
  function receiverLogins(code: string, ts = false): string[][] {
    return withSource(
      code,
      (sourceCode) => {
        const model = httpModel(sourceCode);
        return [...model.soapClients, ...model.connections].map((receiver) =>
          loginsOn(sourceCode, receiver).map((login) => `${login.kind}.${login.method}@${login.node.loc.start.line}${login.renewsItself ? ' renews' : ''}`),
        );
      },
      { ts },
    );
  }

  it('lists jsforce login() with loginBySoap, in source order; soapLogins keeps only loginBySoap', () => {
    const code = `import { Connection } from 'jsforce';
const conn = new Connection();
await conn.login(user, pass);
await conn.loginBySoap(user, pass);
await conn.query('x');`;
    expect(receiverLogins(code)).toEqual([['jsforce.login@3 renews', 'jsforce.loginBySoap@4']]);
    expect(logins(code)).toEqual(['jsforce@4']);
    expect(
      withSource(code, (sourceCode) => {
        const [login, bySoap] = loginsOn(sourceCode, httpModel(sourceCode).connections[0]!);
        return [soapLoginAt(sourceCode, login!.node), soapLoginAt(sourceCode, bySoap!.node) === bySoap];
      }),
    ).toEqual([null, true]);
  });

  it('groups the logins by client and by connection', () => {
    const code = `import soap from 'soap';
const jsforce = require('jsforce');
const a = await soap.createClientAsync(wsdl);
const b = await soap.createClientAsync(wsdl);
await b.loginAsync(creds);
a.login(creds, (err, result) => {});
await a.loginAsync(creds);
class Sf { conn = new jsforce.Connection(); go() { return this.conn.login(u, p); } }`;
    expect(receiverLogins(code)).toEqual([['node-soap.login@6', 'node-soap.loginAsync@7'], ['node-soap.loginAsync@5'], ['jsforce.login@8 renews']]);
  });

  it('reads logins through TypeScript wrappers, and lists nothing for a connection that does not log in', () => {
    const code = `import { Connection } from 'jsforce';
const conn = new Connection();
await conn!.login(user, pass);
const other = new Connection({ instanceUrl, accessToken });
await other.query('x');`;
    expect(receiverLogins(code, true)).toEqual([['jsforce.login@3 renews'], []]);
  });

  it('lists loginByOAuth2, authorize and node-soap calls that do not log in as nothing', () => {
    const code = `import soap from 'soap';
import { Connection } from 'jsforce';
const client = await soap.createClientAsync(wsdl);
await client.queryAsync({ queryString: q });
const conn = new Connection({ oauth2 });
await conn.loginByOAuth2(user, pass);
await conn.authorize(code);`;
    expect(receiverLogins(code)).toEqual([[], []]);
  });
});

describe('isSoapLoginUrl', () => {
  it.each([
    [['https://login.salesforce.com/services/Soap/u/59.0'], true],
    [['https://login.salesforce.com/services/Soap/c/59.0/'], true],
    [[null, '/services/Soap/u/59.0'], true],
    [['https://login.salesforce.com/services/Soap/u/', null], true],
    [['https://login.salesforce.com/services/Soap/u/59.0/00D'], false],
    [['https://login.salesforce.com/services/Soap/u/59.0/', null], false],
    [['https://login.salesforce.com/services/Soap/m/59.0'], false],
    [[null], false],
  ] as const)('%j → %s', (segments, expected) => {
    expect(isSoapLoginUrl({ segments, head: null })).toBe(expected);
  });
});

describe('loginPerformers', () => {
  it('finds the functions that perform a login, directly or through local calls', () => {
    const names = withSource(
      `import { Connection } from 'jsforce';
const conn = new Connection();
async function login() { await conn.loginBySoap(u, p); }
const ensure = async () => { await login(); };
class Client { async connect() { await ensure(); } async query() { return conn.query('x'); } }
async function unrelated() { return conn.query('y'); }`,
      (sourceCode) => {
        const [login] = soapLogins(sourceCode);
        return [...loginPerformers(sourceCode, login!)].map((region) => sourceCode.getText(region).slice(0, 20));
      },
    );
    expect(names.toSorted()).toEqual(['async () => { await ', 'async function login', '() { await ensure();'].toSorted());
  });
});
