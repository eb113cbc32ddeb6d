import type { MessageIds, Options } from '../../src/rules/require-instance-url';

import rule from '../../src/rules/require-instance-url';
import { fixedOutputs, invalid, ruleTester, valid } from './utils';

const invalidCases = invalid<MessageIds, Options>([
  {
    code: `async function connect(body) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
  const { access_token } = await res.json();
  return fetch('https://acme.my.salesforce.com/services/data/v59.0/limits', { headers: { Authorization: \`Bearer \${access_token}\` } });
}`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 3, column: 11, endLine: 3, endColumn: 23, suggestions: [
        { messageId: 'addInstanceUrl', output: `async function connect(body) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
  const { access_token, instance_url } = await res.json();
  return fetch('https://acme.my.salesforce.com/services/data/v59.0/limits', { headers: { Authorization: \`Bearer \${access_token}\` } });
}` },
      ] },
    ],
  },
  {
    code: `async function token(body) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
  const data = await res.json();
  return data.access_token;
}`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 4, column: 10, endLine: 4, endColumn: 27 },
    ],
  },
  {
    code: `class SalesforceAuth {
  async login(params) {
    const { data } = await axios.post('https://test.salesforce.com/services/oauth2/token', params);
    this.token = data.access_token;
  }
}`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 4, column: 18, endLine: 4, endColumn: 35 },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
const conn = new Connection({ accessToken: process.env.SF_TOKEN });`,
    output: null,
    errors: [
      { messageId: 'connectionWithoutInstanceUrl', line: 2, column: 31, endLine: 2, endColumn: 64 },
    ],
  },
  {
    // A page script: jsforce is a global, and no string names a Salesforce API.
    code: `const conn = new jsforce.Connection({ sessionId, version: '59.0' });`,
    output: null,
    errors: [{ messageId: 'connectionWithoutInstanceUrl', line: 1, column: 39, endLine: 1, endColumn: 48 }],
  },
  {
    code: `const jsforce = require('jsforce');
const conn = new jsforce.Connection({
  sessionId,
  version: '59.0',
});`,
    output: null,
    errors: [
      { messageId: 'connectionWithoutInstanceUrl', line: 3, column: 3, endLine: 3, endColumn: 12 },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
async function connect(body) {
  const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
  return new Connection({ accessToken: tokens.access_token });
}`,
    output: `import { Connection } from 'jsforce';
async function connect(body) {
  const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
  return new Connection({ accessToken: tokens.access_token, instanceUrl: tokens.instance_url });
}`,
    errors: [
      { messageId: 'connectionWithoutInstanceUrl', line: 4, column: 27, endLine: 4, endColumn: 59 },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
async function connect(body) {
  const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
  return new Connection({
    accessToken: tokens.access_token,
    version: '59.0'
  });
}`,
    output: `import { Connection } from 'jsforce';
async function connect(body) {
  const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
  return new Connection({
    accessToken: tokens.access_token,
    instanceUrl: tokens.instance_url,
    version: '59.0'
  });
}`,
    errors: [
      { messageId: 'connectionWithoutInstanceUrl', line: 5, column: 5, endLine: 5, endColumn: 37 },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
async function connect(body) {
  const { access_token } = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
  return new Connection({ accessToken: access_token });
}`,
    output: null,
    errors: [
      { messageId: 'connectionWithoutInstanceUrl', line: 4, column: 27, endLine: 4, endColumn: 52, suggestions: [
        { messageId: 'passInstanceUrl', output: `import { Connection } from 'jsforce';
async function connect(body) {
  const { access_token, instance_url } = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
  return new Connection({ accessToken: access_token, instanceUrl: instance_url });
}` },
      ] },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
async function connect(body) {
  const { access_token: accessToken, instance_url: host } = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
  log(host);
  return new Connection({ accessToken });
}`,
    output: `import { Connection } from 'jsforce';
async function connect(body) {
  const { access_token: accessToken, instance_url: host } = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
  log(host);
  return new Connection({ accessToken, instanceUrl: host });
}`,
    errors: [
      { messageId: 'connectionWithoutInstanceUrl', line: 5, column: 27, endLine: 5, endColumn: 38 },
    ],
  },
  {
    code: `import soap from 'soap';
const client = await soap.createClientAsync('./partner.wsdl');
const [result] = await client.loginAsync({ username, password });
client.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId } }, '', 'tns', 'urn:partner.soap.sforce.com');
const [accounts] = await client.queryAsync({ queryString: 'SELECT Id FROM Account' });`,
    output: null,
    errors: [
      { messageId: 'soapSessionWithoutServerUrl', line: 4, column: 52, endLine: 4, endColumn: 75 },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
const conn = new Connection({ loginUrl: 'https://test.salesforce.com' });
await conn.loginBySoap(username, password);
await fetch('https://acme.my.salesforce.com/services/apexrest/orders', { headers: { Authorization: \`Bearer \${conn.accessToken}\` } });`,
    output: null,
    errors: [
      { messageId: 'loginSessionWithoutInstanceUrl', line: 4, column: 110, endLine: 4, endColumn: 126 },
    ],
  },
  {
    code: `import got from 'got';
const tokens = await got.post('https://login.salesforce.com/services/oauth2/token', { form }).json();
await db.save({ refreshToken: tokens.refresh_token });`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 3, column: 31, endLine: 3, endColumn: 51 },
    ],
  },
  {
    code: `import { ofetch } from 'ofetch';
const tokens = await ofetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
await db.save({ refreshToken: tokens.refresh_token });`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 3, column: 31, endLine: 3, endColumn: 51 },
    ],
  },
  {
    code: `import { ofetch } from 'ofetch';
const response = await ofetch.raw('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
await db.save({ refreshToken: response._data.refresh_token });`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 3, column: 31, endLine: 3, endColumn: 59 },
    ],
  },
  {
    code: `fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })
  .then((res) => res.json())
  .then(({ access_token }) => store.set('token', access_token));`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 3, column: 12, endLine: 3, endColumn: 24, suggestions: [
        { messageId: 'addInstanceUrl', output: `fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })
  .then((res) => res.json())
  .then(({ access_token, instance_url }) => store.set('token', access_token));` },
      ] },
    ],
  },
  {
    code: `import { OAuth2 } from 'jsforce';
const oauth2 = new OAuth2({ clientId, clientSecret, redirectUri });
export async function callback(req) {
  const { access_token, refresh_token } = await oauth2.requestToken(req.query.code);
  req.session.token = access_token;
  req.session.refresh = refresh_token;
}`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 4, column: 11, endLine: 4, endColumn: 23, suggestions: [
        { messageId: 'addInstanceUrl', output: `import { OAuth2 } from 'jsforce';
const oauth2 = new OAuth2({ clientId, clientSecret, redirectUri });
export async function callback(req) {
  const { access_token, refresh_token, instance_url } = await oauth2.requestToken(req.query.code);
  req.session.token = access_token;
  req.session.refresh = refresh_token;
}` },
      ] },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
async function connect(body) {
  const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
  const token = tokens.access_token;
  return new Connection({ accessToken: token });
}`,
    output: `import { Connection } from 'jsforce';
async function connect(body) {
  const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
  const token = tokens.access_token;
  return new Connection({ accessToken: token, instanceUrl: tokens.instance_url });
}`,
    errors: [
      { messageId: 'connectionWithoutInstanceUrl', line: 5, column: 27, endLine: 5, endColumn: 45 },
    ],
  },
  {
    code: `const soap = require('soap');
soap.createClient(wsdl, (err, client) => {
  client.login({ username, password }, (err, { result: { sessionId } }) => {
    client.addSoapHeader({ SessionHeader: { sessionId } });
    client.query({ queryString: q }, done);
  });
});`,
    output: null,
    errors: [
      { messageId: 'soapSessionWithoutServerUrl', line: 3, column: 58, endLine: 3, endColumn: 67 },
    ],
  },
  {
    code: `const res = await fetch('https://sso.acme-corp.com/services/oauth2/token', { method: 'POST', body });
const { access_token } = await res.json();`,
    options: [{ loginHosts: ['sso.acme-corp.com'] }],
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 2, column: 9, endLine: 2, endColumn: 21, suggestions: [
        { messageId: 'addInstanceUrl', output: `const res = await fetch('https://sso.acme-corp.com/services/oauth2/token', { method: 'POST', body });
const { access_token, instance_url } = await res.json();` },
      ] },
    ],
  },
  {
    code: `const response = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
const data = (await response.json()) as TokenResponse;
export const token: string = data.access_token!;`,
    filename: 'file.ts',
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 3, column: 30, endLine: 3, endColumn: 47 },
    ],
  },
  {
    code: `async function getToken() {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
  return res.json();
}
export async function query(soql) {
  const { access_token } = await getToken();
  return fetch(\`\${process.env.SF_INSTANCE}/services/data/v59.0/query?q=\${soql}\`, { headers: { Authorization: \`Bearer \${access_token}\` } });
}`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 6, column: 11, endLine: 6, endColumn: 23, suggestions: [
        { messageId: 'addInstanceUrl', output: `async function getToken() {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
  return res.json();
}
export async function query(soql) {
  const { access_token, instance_url } = await getToken();
  return fetch(\`\${process.env.SF_INSTANCE}/services/data/v59.0/query?q=\${soql}\`, { headers: { Authorization: \`Bearer \${access_token}\` } });
}` },
      ] },
    ],
  },
  {
    code: `const jsforce = require('jsforce');
const options = { accessToken: token, version: '59.0' };
const conn = new jsforce.Connection(options);`,
    output: null,
    errors: [
      { messageId: 'connectionWithoutInstanceUrl', line: 2, column: 19, endLine: 2, endColumn: 37 },
    ],
  },
  {
    code: `import axios from 'axios';
const { data: { access_token } } = await axios.post('https://login.salesforce.com/services/oauth2/token', params);
axios.defaults.headers.common.Authorization = \`Bearer \${access_token}\`;`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 2, column: 17, endLine: 2, endColumn: 29, suggestions: [
        { messageId: 'addInstanceUrl', output: `import axios from 'axios';
const { data: { access_token, instance_url } } = await axios.post('https://login.salesforce.com/services/oauth2/token', params);
axios.defaults.headers.common.Authorization = \`Bearer \${access_token}\`;` },
      ] },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
async function connect(body) {
  const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
  const conn = new Connection({ accessToken: tokens.access_token, instanceUrl: process.env.SF_URL });
}`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 4, column: 46, endLine: 4, endColumn: 65 },
    ],
  },
  {
    code: `const { access_token } = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
const user = await fetch('https://login.salesforce.com/services/oauth2/userinfo', { headers: { Authorization: \`Bearer \${access_token}\` } });
const data = await fetch('https://acme.my.salesforce.com/services/data/v59.0/limits', { headers: { Authorization: \`Bearer \${access_token}\` } });`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 1, column: 9, endLine: 1, endColumn: 21, suggestions: [
        { messageId: 'addInstanceUrl', output: `const { access_token, instance_url } = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
const user = await fetch('https://login.salesforce.com/services/oauth2/userinfo', { headers: { Authorization: \`Bearer \${access_token}\` } });
const data = await fetch('https://acme.my.salesforce.com/services/data/v59.0/limits', { headers: { Authorization: \`Bearer \${access_token}\` } });` },
      ] },
    ],
  },
  {
    code: `async function refresh(loginUrl, form) {
  const { access_token } = await (await fetch(\`\${loginUrl}/services/oauth2/token\`, { method: 'POST', body: form })).json();
  return access_token;
}`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 2, column: 11, endLine: 2, endColumn: 23, suggestions: [
        { messageId: 'addInstanceUrl', output: `async function refresh(loginUrl, form) {
  const { access_token, instance_url } = await (await fetch(\`\${loginUrl}/services/oauth2/token\`, { method: 'POST', body: form })).json();
  return access_token;
}` },
      ] },
    ],
  },
  {
    code: `const tokens = await (await fetch('/services/oauth2/token', { method: 'POST', body })).json();
const conn = new jsforce.Connection({ accessToken: tokens.access_token });`,
    options: [{ browser: true }],
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 2, column: 52, endLine: 2, endColumn: 71 },
    ],
  },
  {
    code: `const instance_url = process.env.SF_URL;
const { access_token } = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
await fetch(\`\${instance_url}/services/data/v59.0/limits\`, { headers: { Authorization: \`Bearer \${access_token}\` } });`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 2, column: 9, endLine: 2, endColumn: 21 },
    ],
  },
  {
    code: `const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
const {
  access_token,
  refresh_token,
} = await res.json();
await save(access_token, refresh_token);`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 3, column: 3, endLine: 3, endColumn: 15, suggestions: [
        { messageId: 'addInstanceUrl', output: `const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
const {
  access_token,
  refresh_token,
  instance_url,
} = await res.json();
await save(access_token, refresh_token);` },
      ] },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
const tokens = (await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json()) as TokenResponse;
export const conn = new Connection({ accessToken: tokens.access_token as string });`,
    filename: 'file.ts',
    output: `import { Connection } from 'jsforce';
const tokens = (await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json()) as TokenResponse;
export const conn = new Connection({ accessToken: tokens.access_token as string, instanceUrl: tokens.instance_url });`,
    errors: [
      { messageId: 'connectionWithoutInstanceUrl', line: 3, column: 38, endLine: 3, endColumn: 80 },
    ],
  },
  // Where a login result goes: re-shaped copies, callbacks, stores, helpers, jsforce sessions and refresh handlers, library token responses.
  {
    code: `export async function getToken(form) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
  const { access_token, expires_in } = await res.json();
  return { success: true, access_token, expires_at: Date.now() + expires_in * 1000 };
}`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 3, column: 11, endLine: 3, endColumn: 23, suggestions: [
        { messageId: 'addInstanceUrl', output: `export async function getToken(form) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
  const { access_token, expires_in, instance_url } = await res.json();
  return { success: true, access_token, expires_at: Date.now() + expires_in * 1000 };
}` },
      ] },
    ],
  },
  {
    code: `export async function refresh(form) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
  const tokens = await res.json();
  return {
    access_token: tokens.access_token,
    expires_at: Date.now() + tokens.expires_in * 1000,
  };
}`,
    output: `export async function refresh(form) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
  const tokens = await res.json();
  return {
    access_token: tokens.access_token,
    instance_url: tokens.instance_url,
    expires_at: Date.now() + tokens.expires_in * 1000,
  };
}`,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 5, column: 19, endLine: 5, endColumn: 38 },
    ],
  },
  {
    code: `export async function refresh(form) {
  const { data } = await axios.post('https://login.salesforce.com/services/oauth2/token', form);
  return { accessToken: data.access_token, issuedAt: data.issued_at };
}`,
    output: `export async function refresh(form) {
  const { data } = await axios.post('https://login.salesforce.com/services/oauth2/token', form);
  return { accessToken: data.access_token, instanceUrl: data.instance_url, issuedAt: data.issued_at };
}`,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 3, column: 25, endLine: 3, endColumn: 42 },
    ],
  },
  {
    code: `import axios from 'axios';
export async function salesforceToken(req, res, next) {
  const { data: body } = await axios.post('https://test.salesforce.com/services/oauth2/token', req.app.locals.form);
  req.access_token = body.access_token;
  next();
}`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 4, column: 22, endLine: 4, endColumn: 39 },
    ],
  },
  {
    code: `const request = require('request');
module.exports = function jwtToken(assertion, done) {
  request.post({ url: 'https://login.salesforce.com/services/oauth2/token', form: { assertion }, json: true }, (err, res, reply) => {
    if (err) return done(err);
    done(null, reply.access_token);
  });
};`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 5, column: 16, endLine: 5, endColumn: 34 },
    ],
  },
  {
    code: `const cache = new Map();
export const warm = (form) =>
  fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form })
    .then((r) => r.json())
    .then((j) => cache.set('sf', j.access_token));`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 5, column: 34, endLine: 5, endColumn: 48 },
    ],
  },
  {
    code: `const TOKEN_URL = 'https://login.salesforce.com/services/oauth2/token';
const decode = async (res) => {
  const chunk = await res.body.getReader().read();
  return JSON.parse(new TextDecoder().decode(chunk.value));
};
export async function accessToken(form) {
  const res = await fetch(TOKEN_URL, { method: 'POST', body: form });
  const data = await decode(res);
  return data['access_token'];
}`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 9, column: 10, endLine: 9, endColumn: 30 },
    ],
  },
  {
    code: `function tokenUrl(config) {
  const url = new URL(\`\${config.authServer}/services/oauth2/token\`);
  url.search = new URLSearchParams({ grant_type: 'password', username: config.user }).toString();
  return url;
}
export async function authenticate(config) {
  const response = await fetch(tokenUrl(config), { method: 'POST' });
  const body = await response.json();
  const token = body.access_token;
  return token;
}`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 9, column: 17, endLine: 9, endColumn: 34 },
    ],
  },
  {
    code: `let session = null;
function remember(tokens) {
  session = { token: tokens.access_token, at: Date.now() };
}
export async function login(form) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
  remember(await res.json());
}`,
    output: `let session = null;
function remember(tokens) {
  session = { token: tokens.access_token, instanceUrl: tokens.instance_url, at: Date.now() };
}
export async function login(form) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
  remember(await res.json());
}`,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 3, column: 22, endLine: 3, endColumn: 41 },
    ],
  },
  {
    code: `const jsforce = require('jsforce');
module.exports = async function sessionToken(user, pass) {
  const conn = new jsforce.Connection();
  await conn.login(user, pass);
  return conn.accessToken;
};`,
    output: null,
    errors: [
      { messageId: 'loginTokenLeavesWithoutInstanceUrl', line: 5, column: 10, endLine: 5, endColumn: 26 },
    ],
  },
  {
    code: `const jsforce = require('jsforce');
let token;
async function open(conn) {
  await conn.login(process.env.SF_USER, process.env.SF_PASS);
  token = conn.accessToken;
}
open(new jsforce.Connection());
export const current = () => token;`,
    output: null,
    errors: [
      { messageId: 'loginTokenLeavesWithoutInstanceUrl', line: 5, column: 11, endLine: 5, endColumn: 27 },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
class Store {
  setConnection(connection) {
    this.connection = connection;
    this.connection.on('refresh', async (accessToken) => {
      const saved = await db.load();
      saved.accessToken = accessToken;
      await db.save(saved);
    });
  }
  start(credentials) {
    this.setConnection(new Connection({ oauth2: { clientId }, ...credentials }));
  }
}`,
    output: null,
    errors: [
      { messageId: 'refreshWithoutInstanceUrl', line: 7, column: 27, endLine: 7, endColumn: 38 },
    ],
  },
  {
    code: `export function login(form) {
  const xhr = new XMLHttpRequest();
  xhr.open('POST', 'https://login.salesforce.com/services/oauth2/token');
  xhr.onload = () => {
    const reply = JSON.parse(xhr.responseText);
    sessionStorage.setItem('sf-token', reply.access_token);
  };
  xhr.send(form);
}`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 6, column: 40, endLine: 6, endColumn: 58 },
    ],
  },
  {
    code: `const { ClientCredentials } = require('simple-oauth2');
const client = new ClientCredentials({
  client: { id: process.env.SF_CLIENT_ID, secret: process.env.SF_CLIENT_SECRET },
  auth: { tokenHost: 'https://login.salesforce.com', tokenPath: '/services/oauth2/token' },
});
exports.token = async () => {
  const token = await client.getToken({});
  return token.token.access_token;
};`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 8, column: 10, endLine: 8, endColumn: 34 },
    ],
  },
  {
    code: `const request = require('request');
function tryParse(text) {
  try {
    return JSON.parse(text);
  } catch (e) {
    return null;
  }
}
module.exports = function bearer(assertion, cb) {
  request({ method: 'post', uri: 'https://login.salesforce.com/services/oauth2/token', form: { assertion } }, (err, res, body) => {
    if (err) return cb(err);
    const reply = tryParse(body);
    if (!reply) return cb(new Error('no reply'));
    cb(null, reply.access_token);
  });
};`,
    output: null,
    errors: [
      { messageId: 'tokenWithoutInstanceUrl', line: 14, column: 14, endLine: 14, endColumn: 32 },
    ],
  },
  {
    code: `import { Connection } from 'jsforce';
let latest;
const conn = new Connection({ oauth2, instanceUrl, accessToken, refreshToken });
conn.on('refresh', (at) => { latest = at; });
export const token = () => latest;`,
    output: null,
    errors: [
      { messageId: 'refreshWithoutInstanceUrl', line: 4, column: 39, endLine: 4, endColumn: 41 },
    ],
  },
  // An assertion on the token does not count as keeping it, but a later use does.
  {
    code: `import assert from 'node:assert';
export async function token(body) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
  const data = await res.json();
  assert.ok(data.access_token, 'no token');
  return data.access_token;
}`,
    output: null,
    errors: [{ messageId: 'tokenWithoutInstanceUrl', line: 6, column: 10, endLine: 6, endColumn: 27 }],
  },
  // Test state that feeds a data request to a fixed host still drops the instance.
  {
    code: `import assert from 'node:assert';
import { OAuth2 } from 'jsforce';
const oauth2 = new OAuth2({ clientId, clientSecret, redirectUri });
describe('web server flow', () => {
  let token;
  it('exchanges the code', async () => {
    const res = await oauth2.requestToken(code);
    token = res.access_token;
  });
  it('reads limits', async () => {
    const limits = await fetch('https://acme.my.salesforce.com/services/data/v59.0/limits', { headers: { Authorization: \`Bearer \${token}\` } });
    assert.ok(limits.ok);
  });
});`,
    output: null,
    errors: [{ messageId: 'tokenWithoutInstanceUrl', line: 8, column: 13, endLine: 8, endColumn: 29 }],
  },
  // A token request sent through a local function that hands out the global fetch.
  {
    code: `const getFetch = async () => globalThis.fetch ?? (await import('node-fetch')).default;
export async function refresh(refreshToken) {
  const send = await getFetch();
  const res = await send('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }) });
  const tokens = await res.json();
  return { access_token: tokens.access_token, expires_at: Date.now() + 7200000 };
}`,
    output: `const getFetch = async () => globalThis.fetch ?? (await import('node-fetch')).default;
export async function refresh(refreshToken) {
  const send = await getFetch();
  const res = await send('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }) });
  const tokens = await res.json();
  return { access_token: tokens.access_token, instance_url: tokens.instance_url, expires_at: Date.now() + 7200000 };
}`,
    errors: [{ messageId: 'tokenWithoutInstanceUrl', line: 6, column: 26, endLine: 6, endColumn: 45 }],
  },
  // A refresh token used for a refresh and also cached: the cache holds it without the instance.
  {
    code: `import { OAuth2 } from 'jsforce';
const oauth2 = new OAuth2({ clientId, clientSecret, redirectUri });
export async function rotate(code) {
  const first = await oauth2.requestToken(code);
  const { refresh_token } = first;
  await oauth2.refreshToken(refresh_token);
  cache.set('refresh', refresh_token);
}`,
    output: null,
    errors: [{ messageId: 'tokenWithoutInstanceUrl', line: 5, column: 11, endLine: 5, endColumn: 24, suggestions: [{ messageId: 'addInstanceUrl', output: `import { OAuth2 } from 'jsforce';
const oauth2 = new OAuth2({ clientId, clientSecret, redirectUri });
export async function rotate(code) {
  const first = await oauth2.requestToken(code);
  const { refresh_token, instance_url } = first;
  await oauth2.refreshToken(refresh_token);
  cache.set('refresh', refresh_token);
}` }] }],
  },
]);

ruleTester.run('require-instance-url', rule, {
  valid: [
    ...valid<Options>([
      // ofetch resolves to the parsed body; the instance URL is kept with the token.
      `import { ofetch } from 'ofetch';
const tokens = await ofetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
await db.save({ accessToken: tokens.access_token, instanceUrl: tokens.instance_url });`,
      // A test that only inspects the token response in assertions.
      `import assert from 'node:assert';
it('exchanges the code for a token', async () => {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
  const data = await res.json();
  assert.ok(typeof data.access_token === 'string');
  assert.equal(data.token_type, 'Bearer');
});`,
    `const { access_token } = await (await fetch('https://oauth2.googleapis.com/token', { method: 'POST', body })).json();
gmail.setCredentials(access_token);`,
    `import axios from 'axios';
const { data } = await axios.post('https://github.com/login/oauth/access_token', params, { headers: { Accept: 'application/json' } });
octokit.auth(data.access_token);`,
    `const res = await fetch(\`https://login.microsoftonline.com/\${tenant}/oauth2/v2.0/token\`, { method: 'POST', body });
const { access_token } = await res.json();`,
    `export async function requestToken(body) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
  return res.json();
}`,
    `const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
const tokens = await res.json();
await saveSession(tokens);
log(tokens.access_token);`,
    `class SalesforceAuth {
  async login(params) {
    const { data } = await axios.post('https://test.salesforce.com/services/oauth2/token', params);
    this.session = data;
    return data.access_token;
  }
}`,
    `const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
const session = { ...tokens, issuedAt: Date.now() };
use(tokens.access_token);`,
    `const { access_token: token, instance_url: host } = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
await fetch(\`\${host}/services/data/v59.0/limits\`, { headers: { Authorization: \`Bearer \${token}\` } });`,
    `const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
api.defaults.baseURL = tokens.api_instance_url;
api.defaults.headers.common.Authorization = \`Bearer \${tokens.access_token}\`;`,
    `const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
if (!('instance_url' in tokens)) throw new Error('no instance');
use(tokens.access_token);`,
    `const { access_token, ...rest } = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
store(rest);`,
    `import { Connection } from 'jsforce';
const session = JSON.parse(await redis.get('sf-session'));
const conn = new Connection({ instanceUrl: session.instanceUrl, accessToken: session.accessToken });`,
    `import { Connection } from 'jsforce';
const conn = new Connection({ ...storedSession, version: '59.0' });`,
    `import { Connection } from 'jsforce';
const conn = new Connection({ oauth2 });
const userInfo = await conn.authorize(req.query.code);
req.session.accessToken = conn.accessToken;`,
    `const conn = new jsforce.Connection({ accessToken: '{!$Api.Session_ID}' });`,
    `const SESSION = '{!$API.Session_Id}';
const conn = new jsforce.Connection({ accessToken: SESSION });`,
    `const conn = new jsforce.Connection({ sessionId: '{! GETSESSIONID() }' });`,
    `const conn = new jsforce.Connection({ accessToken: sforce.connection.sessionId });`,
    `const conn = new jsforce.Connection({ accessToken: window.__sfdcSessionId });`,
    { code: `import { Connection } from 'jsforce';
const conn = new Connection({ accessToken: token });`, options: [{ browser: true }] },
    `import { Connection } from 'jsforce';
const conn = new Connection({ accessToken });
conn.instanceUrl = instanceUrl;`,
    `import { Connection } from 'jsforce';
const conn = new Connection({ serverUrl: result.serverUrl, sessionId: result.sessionId });`,
    `import { Connection } from 'jsforce';
const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
const conn = new Connection({ accessToken: tokens.access_token, instanceUrl: tokens.instance_url });`,
    `import { Connection } from 'jsforce';
const conn = new Connection({ accessToken, instanceUrl });`,
    `import { Connection } from 'jsforce';
const conn = new Connection(options);`,
    `import { OAuth2, Connection } from 'jsforce';
const oauth2 = new OAuth2({ clientId, clientSecret, redirectUri });
const conn = new Connection({
  oauth2,
  refreshFn: (c, callback) => oauth2.refreshToken(refreshToken).then((res) => callback(null, res.access_token, res)),
});`,
    `import soap from 'soap';
const client = await soap.createClientAsync('./partner.wsdl');
const [result] = await client.loginAsync({ username, password });
client.setEndpoint(result.result.serverUrl);
client.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId } });
const [accounts] = await client.queryAsync({ queryString: 'SELECT Id FROM Account' });`,
    `import soap from 'soap';
export async function login() {
  const client = await soap.createClientAsync('./partner.wsdl');
  const [result] = await client.loginAsync({ username, password });
  client.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId } });
  return { client, login: result };
}`,
    `import { Connection } from 'jsforce';
const conn = new Connection();
await conn.login(username, password);
await fetch(\`\${conn.instanceUrl}/services/apexrest/orders\`, { headers: { Authorization: \`Bearer \${conn.accessToken}\` } });`,
    `const res = await fetch('https://sso.acme-corp.com/services/oauth2/token', { method: 'POST', body });
const { access_token } = await res.json();`,
    `const { refresh_token, instance_url } = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
await db.save({ refresh_token, instance_url });`,
    `const tokens = JSON.parse(await cache.get('tokens'));
use(tokens.access_token);`,
    `async function getToken() {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
  return res.json();
}
export async function query(soql) {
  const { access_token, instance_url } = await getToken();
  return fetch(\`\${instance_url}/services/data/v59.0/query?q=\${soql}\`, { headers: { Authorization: \`Bearer \${access_token}\` } });
}`,
    `fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })
  .then((res) => res.json())
  .then(saveTokens);`,
    { code: `interface TokenResponse { access_token: string; instance_url: string }
const response = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
const { access_token, instance_url }: TokenResponse = await response.json();
export const session = { token: access_token, host: instance_url };`, filename: 'file.ts' },
    { code: `async function token(res: Response): Promise<string> {
  const data = (await res.json()) as TokenResponse;
  return data.access_token;
}`, filename: 'file.ts' },
    `const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
const user = await (await fetch('https://login.salesforce.com/services/oauth2/userinfo', { headers: { Authorization: \`Bearer \${tokens.access_token}\` } })).json();`,
    `const { access_token, id } = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
const identity = await (await fetch(id, { headers: { Authorization: 'Bearer ' + access_token } })).json();
await fetch('https://login.salesforce.com/services/oauth2/revoke', { method: 'POST', body: new URLSearchParams({ token: access_token }) });`,
    // Where a login result goes: re-shaped copies, callbacks, stores, helpers, jsforce sessions and refresh handlers, library token responses.
    `export async function refresh(form) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
  const tokens = await res.json();
  return { access_token: tokens.access_token, instance_url: tokens.instance_url ?? process.env.SF_URL };
}`,
    `const request = require('request');
module.exports = function jwtToken(assertion, done) {
  request.post({ url: 'https://login.salesforce.com/services/oauth2/token', form: { assertion }, json: true }, (err, res, reply) => {
    if (err) return done(err);
    done(null, reply);
  });
};`,
    `const cache = new Map();
export const warm = (form) =>
  fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form })
    .then((r) => r.json())
    .then((j) => cache.set('sf', j));`,
    `function tokenUrl() {
  return new URL('https://oauth2.googleapis.com/token');
}
export async function authenticate(form) {
  const body = await (await fetch(tokenUrl(), { method: 'POST', body: form })).json();
  return body.access_token;
}`,
    `let session = null;
function remember(tokens) {
  session = { token: tokens.access_token, host: tokens.instance_url };
}
export async function login(form) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
  remember(await res.json());
}`,
    `const jsforce = require('jsforce');
module.exports = async function session(user, pass) {
  const conn = new jsforce.Connection();
  await conn.login(user, pass);
  return { token: conn.accessToken, host: conn.instanceUrl };
};`,
    `const jsforce = require('jsforce');
module.exports = async function connect(user, pass) {
  const conn = new jsforce.Connection();
  await conn.login(user, pass);
  console.log('logged in with', conn.accessToken);
  return conn;
};`,
    `import { Connection } from 'jsforce';
const conn = new Connection({ oauth2: { clientId }, instanceUrl, accessToken, refreshToken });
conn.on('refresh', (accessToken, res) => {
  store.credentials = { accessToken, instanceUrl: res.instance_url };
});`,
    `import { Connection } from 'jsforce';
const conn = new Connection({ oauth2: { clientId }, instanceUrl, accessToken, refreshToken });
conn.on('refresh', (accessToken) => {
  console.log('token refreshed', accessToken.length);
});`,
    `export function login(form) {
  const xhr = new XMLHttpRequest();
  xhr.open('POST', 'https://login.salesforce.com/services/oauth2/token');
  xhr.onload = () => {
    const reply = JSON.parse(xhr.responseText);
    sessionStorage.setItem('sf', JSON.stringify({ token: reply.access_token, host: reply.instance_url }));
  };
  xhr.send(form);
}`,
    `const { ClientCredentials } = require('simple-oauth2');
const client = new ClientCredentials({
  client: { id: 'a', secret: 'b' },
  auth: { tokenHost: 'https://github.com', tokenPath: '/login/oauth2/access_token' },
});
exports.token = async () => (await client.getToken({})).token.access_token;`,
    `import { Connection } from 'jsforce';
describe('refresh', () => {
  it('refreshes', async () => {
    const conn = new Connection({ oauth2, instanceUrl, accessToken, refreshToken });
    let seen;
    conn.on('refresh', (at) => { seen = at; });
    await conn.query('SELECT Id FROM User');
    expect(typeof seen).toBe('string');
  });
});`,
    // A test keeps the refresh token in its suite only for the next test's refresh, and asserts on the rest.
    `import assert from 'node:assert';
import { OAuth2 } from 'jsforce';
const oauth2 = new OAuth2({ clientId, clientSecret, redirectUri });
describe('web server flow', () => {
  let refresh;
  it('exchanges the code', async () => {
    const res = await oauth2.requestToken(code);
    assert.ok(typeof res.access_token === 'string');
    refresh = res.refresh_token;
  });
  it('refreshes', async () => {
    const res = await oauth2.refreshToken(refresh);
    assert.ok(typeof res.access_token === 'string');
  });
});`,
    // A getter that hands out some other sender: the file does not tell what it sends.
    `const getSender = () => transport.send;
export async function refresh(body) {
  const send = getSender();
  const tokens = await send('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
  return { access_token: tokens.access_token };
}`,
    // A refresh token handed only to the OAuth2 client's refresh, whose response is checked on its own.
    `import { OAuth2 } from 'jsforce';
const oauth2 = new OAuth2({ clientId, clientSecret, redirectUri });
export async function rotate(code) {
  const first = await oauth2.requestToken(code);
  const { refresh_token } = first;
  return oauth2.refreshToken(refresh_token);
}`,
    ]),
    ...fixedOutputs(invalidCases),
  ],
  invalid: invalidCases,
});
