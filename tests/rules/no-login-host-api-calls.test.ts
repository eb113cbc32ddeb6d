import type { MessageIds, Options } from '../../src/rules/no-login-host-api-calls';

import rule from '../../src/rules/no-login-host-api-calls';
import { fixedOutputs, invalid, ruleTester, valid } from './utils';

const invalidCases = invalid<MessageIds, Options>([
  // The login host put together from pieces: no string writes it whole, and a help link beside it
  {
    code: `const sub = process.env.SANDBOX ? 'test' : 'login';
const base = \`https://\${sub}.salesforce.com\`;
fetch(\`\${base}/services/data/v60.0/query?q=SELECT+Id+FROM+Account\`);`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 3, column: 7, endLine: 3, endColumn: 67 }],
  },
  {
    code: `const base = 'https://' + (process.env.SANDBOX ? 'test' : 'login') + '.salesforce.com';
// See https://help.salesforce.com/s/articleView?id=sf.remoteaccess.htm
fetch(base + '/services/data/v60.0/query?q=SELECT+Id+FROM+Account');`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 3, column: 7, endLine: 3, endColumn: 67 }],
  },
  {
    code: `fetch('https://login.salesforce.com/services/data/v59.0/query?q=SELECT+Id+FROM+Account');`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 1, column: 7, endLine: 1, endColumn: 88 }],
  },
  {
    code: `const version = '59.0';
fetch(\`https://login.salesforce.com/services/data/v\${version}/sobjects/Account\`);`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 7, endLine: 2, endColumn: 80 }],
  },
  {
    code: `const SF = 'https://login.salesforce.com';
fetch(SF + '/services/data/v59.0/limits');`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 7, endLine: 2, endColumn: 41 }],
  },
  {
    code: `const SF = 'https://login.salesforce.com';
await fetch(\`\${SF}/services/oauth2/token\`, { method: 'POST', body: form });
await fetch(\`\${SF}/services/data/v59.0/query?q=\${q}\`);`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 3, column: 13, endLine: 3, endColumn: 53 }],
  },
  {
    code: `fetch(new URL('/services/data/v59.0/query', 'https://login.salesforce.com'));`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 1, column: 7, endLine: 1, endColumn: 76 }],
  },
  {
    code: `const base = new URL('https://test.salesforce.com');
const url = new URL('/services/apexrest/orders', base);
fetch(url.href);`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 3, column: 7, endLine: 3, endColumn: 15 }],
  },
  {
    code: `const config = { salesforce: { apiBase: 'https://login.salesforce.com/services/data/v59.0' } };
axios.get(config.salesforce.apiBase + '/query', { params: { q } });`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 11, endLine: 2, endColumn: 47 }],
  },
  {
    code: `const { SF_API = 'https://test.salesforce.com' } = process.env;
fetch(\`\${SF_API}/services/apexrest/orders\`);`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 7, endLine: 2, endColumn: 43 }],
  },
  {
    code: `const base = process.env.SF_URL || 'https://login.salesforce.com';
fetch(base + '/services/async/59.0/job', { method: 'POST' });`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 7, endLine: 2, endColumn: 40 }],
  },
  {
    code: `const host = sandbox ? 'https://test.salesforce.com' : 'https://acme.my.salesforce.com';
fetch(\`\${host}/services/data/v59.0/limits\`);`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 7, endLine: 2, endColumn: 43 }],
  },
  {
    code: `import axios from 'axios';
const api = axios.create({ baseURL: 'https://login.salesforce.com/services/data/v59.0' });
api.get('/query', { params: { q } });`,
    output: null,
    errors: [{ messageId: 'dataBase', line: 2, column: 37, endLine: 2, endColumn: 87 }],
  },
  {
    code: `import axios from 'axios';
const auth = axios.create({ baseURL: 'https://login.salesforce.com' });
await auth.post('/services/oauth2/token', form);
await auth.get('/services/data/v59.0/sobjects');`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 4, column: 16, endLine: 4, endColumn: 47 }],
  },
  {
    code: `const axios = require('axios');
axios({ method: 'get', url: '/services/data/v59.0/limits', baseURL: 'https://login.salesforce.com' });`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 29, endLine: 2, endColumn: 58 }],
  },
  {
    code: `import got from 'got';
const client = got.extend({ prefixUrl: 'https://login.salesforce.com' });
await client.get('services/data/v59.0/query').json();`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 3, column: 18, endLine: 3, endColumn: 45 }],
  },
  {
    code: `import ky from 'ky';
const client = ky.create({ prefixUrl: 'https://login.salesforce.com/services/apexrest' });
await client.get('orders').json();`,
    output: null,
    errors: [{ messageId: 'dataBase', line: 2, column: 39, endLine: 2, endColumn: 87 }],
  },
  {
    code: `import { ofetch } from 'ofetch';
const client = ofetch.create({ baseURL: 'https://login.salesforce.com' });
const result = await client('/services/data/v59.0/query', { query: { q: soql } });`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 3, column: 29, endLine: 3, endColumn: 57 }],
  },
  {
    code: `const records = await $fetch('https://test.salesforce.com/services/data/v59.0/sobjects/Account', { method: 'POST', body: account });`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 1, column: 30, endLine: 1, endColumn: 96 }],
  },
  {
    code: `import https from 'node:https';
https.request({ hostname: 'login.salesforce.com', path: '/services/data/v59.0/query', method: 'GET' });`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 27, endLine: 2, endColumn: 49 }],
  },
  {
    code: `const http = require('https');
http.get('https://test.salesforce.com/services/data/v59.0/limits', (res) => {});`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 10, endLine: 2, endColumn: 66 }],
  },
  {
    code: `import { Connection } from 'jsforce';
const conn = new Connection({ instanceUrl: 'https://login.salesforce.com', accessToken: token });`,
    output: null,
    errors: [{ messageId: 'instanceUrlOption', line: 2, column: 44, endLine: 2, endColumn: 74 }],
  },
  {
    code: `import jsforce from 'jsforce';
const conn = new jsforce.Connection({ instanceUrl: 'https://test.salesforce.com' });
await conn.login(user, pass);`,
    output: null,
    errors: [{ messageId: 'instanceUrlOption', line: 2, column: 52, endLine: 2, endColumn: 81, suggestions: [{ messageId: 'renameToLoginUrl', output: `import jsforce from 'jsforce';
const conn = new jsforce.Connection({ loginUrl: 'https://test.salesforce.com' });
await conn.login(user, pass);` }] }],
  },
  {
    code: `const { Connection } = require('@jsforce/jsforce-node');
const instanceUrl = 'https://login.salesforce.com';
new Connection({ instanceUrl, version: '59.0' });`,
    output: null,
    errors: [{ messageId: 'instanceUrlOption', line: 3, column: 18, endLine: 3, endColumn: 29, suggestions: [{ messageId: 'renameToLoginUrl', output: `const { Connection } = require('@jsforce/jsforce-node');
const instanceUrl = 'https://login.salesforce.com';
new Connection({ loginUrl: instanceUrl, version: '59.0' });` }] }],
  },
  {
    code: `const jsforce = require('jsforce');
new jsforce.Connection({ serverUrl: 'https://login.salesforce.com/services/Soap/u/59.0', sessionId });`,
    output: null,
    errors: [{ messageId: 'instanceUrlOption', line: 2, column: 37, endLine: 2, endColumn: 88 }],
  },
  {
    code: `module.exports = { salesforceApi: 'https://login.salesforce.com/services/data/v59.0' };`,
    output: null,
    errors: [{ messageId: 'dataUrl', line: 1, column: 35, endLine: 1, endColumn: 85 }],
  },
  {
    code: `client.setBaseUrl('https://login.salesforce.com/services/apexrest/v1');`,
    output: null,
    errors: [{ messageId: 'dataUrl', line: 1, column: 19, endLine: 1, endColumn: 70 }],
  },
  {
    code: `async function load(body) {
  const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
  return fetch('https://login.salesforce.com/services/data/v59.0/query', { headers: { Authorization: \`Bearer \${tokens.access_token}\` } });
}`,
    output: `async function load(body) {
  const tokens = await (await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body })).json();
  return fetch(\`\${tokens.instance_url}/services/data/v59.0/query\`, { headers: { Authorization: \`Bearer \${tokens.access_token}\` } });
}`,
    errors: [{ messageId: 'dataCall', line: 3, column: 16, endLine: 3, endColumn: 72 }],
  },
  {
    code: `async function load(body) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
  const { access_token, instance_url } = await res.json();
  return fetch(\`https://login.salesforce.com/services/data/v59.0/sobjects/\${type}\`, { headers: { Authorization: 'Bearer ' + access_token } });
}`,
    output: `async function load(body) {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body });
  const { access_token, instance_url } = await res.json();
  return fetch(\`\${instance_url}/services/data/v59.0/sobjects/\${type}\`, { headers: { Authorization: 'Bearer ' + access_token } });
}`,
    errors: [{ messageId: 'dataCall', line: 4, column: 16, endLine: 4, endColumn: 83 }],
  },
  {
    code: `import axios from 'axios';
async function load(params) {
  const { data } = await axios.post('https://login.salesforce.com/services/oauth2/token', params);
  return axios.get('https://login.salesforce.com/services/data/v59.0/limits', { headers: { Authorization: \`Bearer \${data.access_token}\` } });
}`,
    output: `import axios from 'axios';
async function load(params) {
  const { data } = await axios.post('https://login.salesforce.com/services/oauth2/token', params);
  return axios.get(\`\${data.instance_url}/services/data/v59.0/limits\`, { headers: { Authorization: \`Bearer \${data.access_token}\` } });
}`,
    errors: [{ messageId: 'dataCall', line: 4, column: 20, endLine: 4, endColumn: 77 }],
  },
  {
    code: `function query(instanceUrl, token, soql) {
  return fetch('https://login.salesforce.com/services/data/v59.0/query?q=' + soql, { headers: { Authorization: \`Bearer \${token}\` } });
}`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 16, endLine: 2, endColumn: 82, suggestions: [{ messageId: 'useInstanceUrl', output: `function query(instanceUrl, token, soql) {
  return fetch(\`\${instanceUrl}/services/data/v59.0/query?q=\` + soql, { headers: { Authorization: \`Bearer \${token}\` } });
}` }] }],
  },
  {
    code: `const body = '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:partner.soap.sforce.com"><soapenv:Body><urn:query><urn:queryString>SELECT Id FROM Account</urn:queryString></urn:query></soapenv:Body></soapenv:Envelope>';
fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', body, headers: { SOAPAction: 'query' } });`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 7, endLine: 2, endColumn: 58 }],
  },
  {
    code: `axios.post('https://login.salesforce.com/services/Soap/m/59.0', envelope);`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 1, column: 12, endLine: 1, endColumn: 63 }],
  },
  {
    code: `const xhr = new XMLHttpRequest();
xhr.open('GET', 'https://login.salesforce.com/services/data/v59.0/limits');`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 17, endLine: 2, endColumn: 74 }],
  },
  {
    code: `$.ajax({ url: 'https://login.salesforce.com/services/data/v59.0/query', type: 'GET' });`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 1, column: 15, endLine: 1, endColumn: 71 }],
  },
  {
    code: `import request from 'superagent';
request.get('https://login.salesforce.com/services/data/v59.0/limits');`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 13, endLine: 2, endColumn: 70 }],
  },
  {
    code: `const rp = require('request-promise');
rp({ uri: 'https://login.salesforce.com/services/apexrest/orders', json: true });`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 11, endLine: 2, endColumn: 66 }],
  },
  {
    code: `import { request } from 'undici';
await request('https://login.salesforce.com/services/data/v59.0/limits');`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 15, endLine: 2, endColumn: 72 }],
  },
  {
    code: `import nodeFetch from 'node-fetch';
const go = nodeFetch;
go('https://login.salesforce.com/services/data/v59.0/limits');`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 3, column: 4, endLine: 3, endColumn: 61 }],
  },
  {
    code: `fetch('https://login.acme-corp.com/services/data/v59.0/limits');`,
    options: [{"loginHosts":["login.acme-corp.com"]}],
    output: null,
    errors: [{ messageId: 'dataCall', line: 1, column: 7, endLine: 1, endColumn: 63 }],
  },
  {
    code: `fetch('HTTPS://LOGIN.SALESFORCE.COM/services/data/v59.0/limits');`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 1, column: 7, endLine: 1, endColumn: 64 }],
  },
  {
    code: `class Client {
  base = 'https://login.salesforce.com';
  limits() {
    return fetch(\`\${this.base}/services/data/v59.0/limits\`);
  }
}`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 4, column: 18, endLine: 4, endColumn: 59 }],
  },
  {
    code: `import { HttpClient } from '@angular/common/http';
export class SalesforceService {
  constructor(private http: HttpClient) {}
  limits() {
    return this.http.get<Limits>('https://login.salesforce.com/services/data/v59.0/limits');
  }
}`,
    filename: 'file.ts',
    output: null,
    errors: [{ messageId: 'dataCall', line: 5, column: 34, endLine: 5, endColumn: 91 }],
  },
  {
    code: `const url: string = 'https://login.salesforce.com/services/data/v59.0/limits' as const;
await fetch(url as string);`,
    filename: 'file.ts',
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 13, endLine: 2, endColumn: 26 }],
  },
  {
    code: `const SALESFORCE_API = 'https://test.salesforce.com/services/data/v59.0/';
export const endpoints = { query: SALESFORCE_API + 'query' };`,
    output: null,
    errors: [{ messageId: 'dataUrl', line: 1, column: 24, endLine: 1, endColumn: 74 }],
  },
  // Values through the file's own functions, getters and jsforce objects.
  {
    code: `function client() {
  return { base: process.env.SF_URL ?? 'https://login.salesforce.com', token };
}
fetch(client().base + '/services/data/v61.0/query?q=' + q);`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 4, column: 7, endLine: 4, endColumn: 58 }],
  },
  {
    code: `function client() {
  return { base: 'https://login.salesforce.com', token };
}
const sf = client();
axios.get(\`\${sf.base}/services/data/v61.0/sobjects/Account\`);`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 5, column: 11, endLine: 5, endColumn: 60 }],
  },
  {
    code: `const apiBase = () => 'https://test.salesforce.com/services/data/v61.0';
fetch(\`\${apiBase()}/limits\`);`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 7, endLine: 2, endColumn: 28 }],
  },
  {
    code: `class SalesforceApi {
  get baseUrl() {
    return process.env.SF_URL || 'https://login.salesforce.com';
  }
  query(soql) {
    return fetch(\`\${this.baseUrl}/services/data/v61.0/query?q=\${soql}\`);
  }
}`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 6, column: 18, endLine: 6, endColumn: 71 }],
  },
  {
    code: `class SalesforceApi {
  host() {
    return 'https://login.salesforce.com';
  }
  limits() {
    return fetch(this.host() + '/services/data/v61.0/limits');
  }
}`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 6, column: 18, endLine: 6, endColumn: 61 }],
  },
  {
    code: `const settings = {
  get apiHost() {
    return 'https://login.salesforce.com';
  },
};
fetch(settings.apiHost + '/services/apexrest/orders');`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 6, column: 7, endLine: 6, endColumn: 53 }],
  },
  {
    code: `async function loadBase() {
  return 'https://login.salesforce.com';
}
const base = await loadBase();
fetch(base + '/services/data/v61.0/limits');`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 5, column: 7, endLine: 5, endColumn: 43 }],
  },
  {
    code: `function base(env) {
  if (env === 'sandbox') return 'https://test.salesforce.com';
  return 'https://login.salesforce.com';
}
fetch(base(process.env.SF_ENV) + '/services/data/v61.0/limits');`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 5, column: 7, endLine: 5, endColumn: 63 }],
  },
  // A parameter's property: the argument of every call, through an async loader that may return null, and a trailing-slash strip.
  {
    code: `async function loadCredentials(id) {
  const saved = await store.get(id);
  if (!saved) return null;
  return { token: saved.token, instanceUrl: saved.instanceUrl || 'https://login.salesforce.com' };
}
async function query(creds, soql) {
  const base = creds.instanceUrl.replace(/\\/$/, '');
  return fetch(\`\${base}/services/data/v61.0/query?q=\${soql}\`, { headers: { Authorization: \`Bearer \${creds.token}\` } });
}
export async function contacts(id) {
  const creds = await loadCredentials(id);
  return query(creds, 'SELECT+Id+FROM+Contact');
}`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 8, column: 16, endLine: 8, endColumn: 61 }],
  },
  // A private method's parameter: every `this.fetchAll(…)` call of its class gives it the login host.
  {
    code: `export class CrmAdapter {
  async sync(token: string) {
    return this.fetchAll(token, this.fallbackBase());
  }
  private fallbackBase(): string {
    return 'https://login.salesforce.com';
  }
  private async fetchAll(token: string, base: string) {
    return fetch(\`\${base}/services/data/v61.0/query?q=SELECT+Id+FROM+Lead\`, { headers: { Authorization: \`Bearer \${token}\` } });
  }
}`,
    filename: 'file.ts',
    output: null,
    errors: [{ messageId: 'dataCall', line: 9, column: 18, endLine: 9, endColumn: 75 }],
  },
  // `replace(/\/+$/, '')` strips the trailing slash and keeps the host.
  {
    code: `const base = (process.env.SF_URL || 'https://test.salesforce.com/').replace(/\\/+$/, '');
fetch(base + '/services/data/v61.0/limits');`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 7, endLine: 2, endColumn: 43 }],
  },
  {
    code: `import { Connection, OAuth2 } from 'jsforce';
const oauth2 = new OAuth2({ loginUrl: 'https://test.salesforce.com', clientId, clientSecret, redirectUri });
const conn = new Connection({ oauth2, instanceUrl: oauth2.loginUrl, accessToken });`,
    output: null,
    errors: [{ messageId: 'instanceUrlOption', line: 3, column: 52, endLine: 3, endColumn: 67 }],
  },
  // A jsforce OAuth2 built without loginUrl: its loginUrl is the production login host.
  {
    code: `const jsforce = require('jsforce');
const oauth2 = new jsforce.OAuth2({ clientId, clientSecret, redirectUri });
const conn = new jsforce.Connection({ oauth2, instanceUrl: oauth2.loginUrl, accessToken });`,
    output: null,
    errors: [{ messageId: 'instanceUrlOption', line: 3, column: 60, endLine: 3, endColumn: 75 }],
  },
  {
    code: `import jwt from 'jsonwebtoken';
const audience = 'https://login.salesforce.com';
const assertion = jwt.sign({ iss: clientId, sub: username, aud: audience, exp }, privateKey, { algorithm: 'RS256' });
const { data } = await axios.post(\`\${audience}/services/oauth2/token\`, new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }));
const api = axios.create({ baseURL: audience, headers: { Authorization: \`Bearer \${data.access_token}\` } });
await api.get('/services/data/v61.0/query', { params: { q } });`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 6, column: 15, endLine: 6, endColumn: 43 }],
  },
  {
    code: `import jsforce from 'jsforce';
const oauth2 = new jsforce.OAuth2({ clientId });
const conn = new jsforce.Connection({ oauth2, instanceUrl: oauth2.loginUrl, accessToken });`,
    output: null,
    errors: [{ messageId: 'instanceUrlOption', line: 3, column: 60, endLine: 3, endColumn: 75 }],
  },
  // A parameter of a local function holds the arguments its calls give it (or its default).
  {
    code: `async function getClient() {
  const instanceUrl = process.env.SF_INSTANCE_URL ?? 'https://login.salesforce.com';
  return { headers: { Authorization: \`Bearer \${token}\` }, instanceUrl };
}
async function sfQuery(headers, instanceUrl, soql) {
  const response = await fetch(\`\${instanceUrl}/services/data/v59.0/query?q=\${soql}\`, { headers });
  return response.json();
}
export async function opportunities() {
  const { headers, instanceUrl } = await getClient();
  return sfQuery(headers, instanceUrl, 'SELECT Id FROM Opportunity');
}`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 6, column: 32, endLine: 6, endColumn: 84 }],
  },
  {
    code: `function query(soql, base = 'https://login.salesforce.com') {
  return fetch(\`\${base}/services/data/v59.0/query?q=\${soql}\`);
}
query('SELECT Id FROM Account');`,
    output: null,
    errors: [{ messageId: 'dataCall', line: 2, column: 16, endLine: 2, endColumn: 61 }],
  },
  // @salesforce/core AuthInfo.create: accessTokenOptions.instanceUrl names the data host.
  {
    code: `import * as salesforce from '@salesforce/core';
const defaultLoginUrl = 'https://test.salesforce.com';
export async function login(options) {
  const loginUrl = options.instanceUrl ?? defaultLoginUrl;
  const res = await fetch(\`\${loginUrl}/services/oauth2/token\`, { method: 'POST', body });
  const payload = await res.json();
  return salesforce.AuthInfo.create({
    accessTokenOptions: { accessToken: payload.access_token, instanceUrl: typeof payload.instance_url === 'string' ? payload.instance_url : loginUrl, loginUrl },
  });
}`,
    output: null,
    errors: [{ messageId: 'authInfoInstanceUrl', line: 8, column: 75, endLine: 8, endColumn: 149 }],
  },
  {
    code: `const { AuthInfo } = require('@salesforce/core');
AuthInfo.create({ accessTokenOptions: { accessToken, instanceUrl: 'https://login.salesforce.com', loginUrl: 'https://login.salesforce.com' } });`,
    output: null,
    errors: [{ messageId: 'authInfoInstanceUrl', line: 2, column: 67, endLine: 2, endColumn: 97 }],
  },
]);

ruleTester.run('no-login-host-api-calls', rule, {
  valid: [
    ...valid<Options>([
    `fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });`,
    `import { ofetch } from 'ofetch';
const tokens = await ofetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
const api = ofetch.create({ baseURL: tokens.instance_url });
await api('/services/data/v59.0/limits');`,
    `const url = \`https://test.salesforce.com/services/oauth2/authorize?response_type=code&client_id=\${id}\`;
res.redirect(url);`,
    `await fetch('https://login.salesforce.com/services/oauth2/revoke', { method: 'POST', body });
await fetch('https://login.salesforce.com/services/oauth2/userinfo', { headers });`,
    `fetch(\`https://login.salesforce.com/id/\${orgId}/\${userId}\`, { headers: { Authorization: \`Bearer \${token}\` } });`,
    `fetch('https://login.salesforce.com/.well-known/openid-configuration');`,
    `const envelope = '<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body><n1:login xmlns:n1="urn:partner.soap.sforce.com"><n1:username>u</n1:username><n1:password>p</n1:password></n1:login></env:Body></env:Envelope>';
fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', body: envelope, headers: { 'Content-Type': 'text/xml', SOAPAction: 'login' } });`,
    `axios.post('https://test.salesforce.com/services/Soap/c/59.0', loginEnvelope(user, pass), { headers: { SOAPAction: '"login"' } });`,
    `const assertion = jwt.sign({ iss: clientId, sub: user, aud: 'https://login.salesforce.com', exp }, key, { algorithm: 'RS256' });`,
    `import { Connection } from 'jsforce';
const conn = new Connection({ loginUrl: 'https://test.salesforce.com' });
await conn.login(user, pass);`,
    `import jsforce from 'jsforce';
const oauth2 = new jsforce.OAuth2({ loginUrl: 'https://login.salesforce.com', clientId, clientSecret, redirectUri });`,
    `fetch('https://login.salesforce.com.example.org/services/data/v59.0/limits');`,
    `fetch('https://evil-login.salesforce.com.attacker.example/services/data/v59.0');`,
    `fetch('https://acme.my.salesforce.com/services/data/v59.0/query?q=SELECT+Id+FROM+Account');`,
    `fetch('https://na42.salesforce.com/services/data/v59.0/limits');`,
    `// Never call https://login.salesforce.com/services/data/v59.0 directly.
fetch(\`\${instanceUrl}/services/data/v59.0/limits\`);`,
    `/* e.g. https://login.salesforce.com/services/apexrest/orders */
const x = 1;`,
    `throw new Error('Do not call https://login.salesforce.com/services/data/v59.0: use instance_url');`,
    `throw new Error('https://login.salesforce.com/services/data/v59.0');`,
    `console.log(\`calling https://login.salesforce.com/services/data/v\${version}\`);`,
    `logger.warn('https://login.salesforce.com/services/data/v59.0/query');`,
    `if (url === 'https://login.salesforce.com/services/data/v59.0') { fail(); }`,
    `if (url.startsWith('https://login.salesforce.com/services/data')) { fail(); }`,
    `expect(buildUrl()).toBe('https://login.salesforce.com/services/data/v59.0/limits');`,
    `it.each([['prod', 'https://login.salesforce.com/services/data/v59.0']])('%s', check);`,
    `const hints = { message: 'https://login.salesforce.com/services/data/v59.0' };`,
    `const base = 'https://login.salesforce.com';
function fetch(url) { return url; }
fetch(base + '/services/data/v59.0/limits');`,
    `import axios from 'axios';
const auth = axios.create({ baseURL: 'https://login.salesforce.com' });
await auth.post('/services/oauth2/token', form);`,
    `import got from 'got';
const auth = got.extend({ prefixUrl: 'https://test.salesforce.com' });
await auth.post('services/oauth2/token', { form }).json();`,
    `import https from 'node:https';
https.request({ hostname: 'login.salesforce.com', path: '/services/oauth2/token', method: 'POST' });`,
    `fetch(\`\${process.env.SF_INSTANCE_URL}/services/data/v59.0/query\`);`,
    `import axios from 'axios';
const api = axios.create({ baseURL: tokens.instance_url });
api.get('/services/data/v59.0/limits');`,
    `fetch(\`https://login.salesforce.com\${suffix}\`);`,
    `fetch('https://login.salesforce.com/services/Soap/u/59.0', { method: 'POST', body: envelope });`,
    `import soap from 'soap';
const client = await soap.createClientAsync(wsdl);
const [result] = await client.loginAsync({ username, password });
client.setEndpoint(result.result.serverUrl);`,
    `const AUTH = { tokenUrl: 'https://login.salesforce.com/services/oauth2/token' };
axios.post(AUTH.tokenUrl, params);`,
    `const loginHost = 'login.salesforce.com';
const dataPath = '/services/data/v59.0';`,
    `fetch('https://login.salesforce.com/services/dataset/v1');`,
    `fetch('/services/data/v59.0/limits');`,
    `fetch('https://login.acme-corp.com/services/data/v59.0/limits');`,
    { code: `type Endpoint = 'https://login.salesforce.com/services/data/v59.0';
const e: Endpoint = value;`, filename: 'file.ts' },
    { code: `type DataUrl = \`https://login.salesforce.com/services/data/\${string}\`;
const u: DataUrl = value;`, filename: 'file.ts' },
    { code: `import { HttpClient } from '@angular/common/http';
export class AuthService {
  constructor(private http: HttpClient) {}
  token(body: string) {
    return this.http.post<Token>('https://login.salesforce.com/services/oauth2/token', body);
  }
}`, filename: 'file.ts' },
    { code: `enum Hosts { Login = 'https://login.salesforce.com' }
fetch(\`\${Hosts.Login}/services/oauth2/token\`, { method: 'POST' });`, filename: 'file.ts' },
    `function tokenUrl() {
  return 'https://login.salesforce.com/services/oauth2/token';
}
fetch(tokenUrl(), { method: 'POST', body });`,
    `function base(instanceUrl) {
  return instanceUrl;
}
fetch(base(token.instance_url) + '/services/data/v61.0/limits');`,
    `async function loadBase() {
  return 'https://login.salesforce.com';
}
fetch(loadBase() + '/services/data/v61.0/limits');`,
    `function* hosts() {
  return 'https://login.salesforce.com';
}
fetch(hosts() + '/services/data/v61.0/limits');`,
    `let base = () => 'https://login.salesforce.com';
base = () => session.instanceUrl;
fetch(base() + '/services/data/v61.0/limits');`,
    `class SalesforceApi {
  get loginUrl() {
    return 'https://login.salesforce.com';
  }
  token(body) {
    return fetch(\`\${this.loginUrl}/services/oauth2/token\`, { method: 'POST', body });
  }
}`,
    `import { Connection, OAuth2 } from 'jsforce';
const oauth2 = new OAuth2({ loginUrl: 'https://login.salesforce.com', clientId, clientSecret, redirectUri });
const conn = new Connection({ oauth2 });
await conn.authorize(code);`,
    `class OAuth2 { constructor(o) { this.loginUrl = o.instance; } }
const oauth2 = new OAuth2({ loginUrl: 'https://login.salesforce.com' });
fetch(oauth2.loginUrl + '/services/data/v61.0/limits');`,
    `function client() {
  return { login: 'https://login.salesforce.com', base: session.instance_url };
}
fetch(client().base + '/services/data/v61.0/query');`,
    // The loader's object keeps the login host apart from the instance URL that the calls use.
    `async function loadCredentials(id) {
  const saved = await store.get(id);
  if (!saved) return null;
  return { token: saved.token, instanceUrl: saved.instanceUrl, loginUrl: 'https://login.salesforce.com' };
}
async function query(creds, soql) {
  const base = creds.instanceUrl.replace(/\\/$/, '');
  return fetch(\`\${base}/services/data/v61.0/query?q=\${soql}\`);
}
export async function contacts(id) {
  return query(await loadCredentials(id), 'SELECT+Id+FROM+Contact');
}`,
    // A private method that sends the token request to the login host and the data call to the instance.
    { code: `export class CrmAdapter {
  async connect(code: string) {
    const token = await this.post('https://login.salesforce.com/services/oauth2/token', code);
    return this.post(\`\${token.instance_url}/services/data/v61.0/sobjects/Lead\`, '{}');
  }
  private async post(url: string, body: string) {
    return fetch(url, { method: 'POST', body });
  }
}`, filename: 'file.ts' },
    // A method others may call, or a private one read other than as a callee: not every argument is known.
    { code: `export class CrmAdapter {
  async sync(token: string) {
    return this.fetchAll(token, 'https://login.salesforce.com');
  }
  fetchAll(token: string, base: string) {
    return fetch(\`\${base}/services/data/v61.0/query\`);
  }
}`, filename: 'file.ts' },
    { code: `export class CrmAdapter {
  async sync(token: string) {
    return this.fetchAll(token, 'https://login.salesforce.com');
  }
  private fetchAll(token: string, base: string) {
    return fetch(\`\${base}/services/data/v61.0/query\`);
  }
  other() {
    return [1].map(this.fetchAll);
  }
}`, filename: 'file.ts' },
    // Parameters whose calls the file does not all make, that are reassigned, or that are given the instance URL.
    `export function query(base, soql) {
  return fetch(\`\${base}/services/data/v59.0/query?q=\${soql}\`);
}
query('https://login.salesforce.com', 'x');`,
    `function query(base) {
  return fetch(\`\${base}/services/data/v59.0/limits\`);
}
query('https://login.salesforce.com');
router.get('/x', query);`,
    `function query(base) {
  return fetch(\`\${base}/services/data/v59.0/limits\`);
}
query(tokens.instance_url);
query(session.instanceUrl);`,
    `function query(base) {
  base = base || session.instanceUrl;
  return fetch(\`\${base}/services/data/v59.0/limits\`);
}
query('https://login.salesforce.com');`,
    `function walk(u, n) {
  if (n > 3) return null;
  return fetch(u + '/services/data').then(() => walk(u + '/v59.0', n + 1));
}
walk(tokens.instance_url, 0);`,
    // AuthInfo built with the instance_url of the token response, and loginUrl on the login host.
    `import { AuthInfo } from '@salesforce/core';
AuthInfo.create({ accessTokenOptions: { accessToken, instanceUrl: payload.instance_url, loginUrl: 'https://login.salesforce.com' } });`,
    ]),
    ...fixedOutputs(invalidCases),
  ],
  invalid: invalidCases,
});
