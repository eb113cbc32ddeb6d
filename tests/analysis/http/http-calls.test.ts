import { describe, expect, it } from 'vitest';

import { httpModel, requestUrlValues } from '../../../src/analysis/http/http-calls';
import { renderValue } from '../../../src/analysis/http/url-value';
import { withSource } from '../helpers';

interface Seen {
  library: string;
  method: string | null;
  urls: string[];
  body: string | null;
}

function calls(code: string, ts = false, sourceType: 'module' | 'commonjs' = 'module'): Seen[] {
  return withSource(
    code,
    (sourceCode) =>
      httpModel(sourceCode).calls.map((call) => ({
        library: call.library,
        method: call.method,
        urls: requestUrlValues(sourceCode, call).map(renderValue),
        body: call.body ? sourceCode.getText(call.body) : null,
      })),
    { ts, sourceType },
  );
}

describe('httpModel', () => {
  it.each<[string, string, Seen[]]>([
    ['global fetch', `fetch('https://h/a', { method: 'post', body: b })`, [{ library: 'fetch', method: 'POST', urls: ['https://h/a'], body: 'b' }]],
    ['window.fetch', `window.fetch('https://h/a')`, [{ library: 'fetch', method: 'GET', urls: ['https://h/a'], body: null }]],
    ['node-fetch default import, aliased', `import f from 'node-fetch'; const g = f; g('https://h/a')`, [{ library: 'fetch', method: 'GET', urls: ['https://h/a'], body: null }]],
    ['undici fetch and request', `import { fetch as u, request } from 'undici'; u('https://h/a'); request('https://h/b', { method: 'PUT', body: x })`, [
      { library: 'fetch', method: 'GET', urls: ['https://h/a'], body: null },
      { library: 'undici', method: 'PUT', urls: ['https://h/b'], body: 'x' },
    ]],
    ['axios methods and config', `const axios = require('axios'); axios.post('https://h/p', data); axios({ url: '/q', baseURL: 'https://h', method: 'patch', data: d })`, [
      { library: 'axios', method: 'POST', urls: ['https://h/p'], body: 'data' },
      { library: 'axios', method: 'PATCH', urls: ['https://h/q'], body: 'd' },
    ]],
    ['axios instance stored in a class field', `import axios from 'axios'; class C { api = axios.create({ baseURL: 'https://h/base/' }); go() { return this.api.get('/x'); } }`, [
      { library: 'axios', method: 'GET', urls: ['https://h/base/x'], body: null },
    ]],
    ['axios instance assigned in a constructor', `import axios from 'axios'; class C { constructor() { this.http = axios.create({ baseURL: 'https://h' }); } go() { return this.http.request({ url: '/r', method: 'DELETE' }); } }`, [
      { library: 'axios', method: 'DELETE', urls: ['https://h/r'], body: null },
    ]],
    ['got prefixUrl and extend', `import got from 'got'; const c = got.extend({ prefixUrl: 'https://h/api' }); c.post('items', { json: body })`, [
      { library: 'got', method: 'POST', urls: ['https://h/api/items'], body: 'body' },
    ]],
    ['ky create', `import ky from 'ky'; const c = ky.create({ prefixUrl: 'https://h' }); c('x', { method: 'post' })`, [
      { library: 'ky', method: 'POST', urls: ['https://h/x'], body: null },
    ]],
    ['superagent', `import sa from 'superagent'; sa.get('https://h/a'); sa('DELETE', 'https://h/b')`, [
      { library: 'superagent', method: 'GET', urls: ['https://h/a'], body: null },
      { library: 'superagent', method: 'DELETE', urls: ['https://h/b'], body: null },
    ]],
    ['request-promise options', `const rp = require('request-promise'); rp({ uri: 'https://h/a', method: 'POST', form: f })`, [
      { library: 'request', method: 'POST', urls: ['https://h/a'], body: 'f' },
    ]],
    ['node:https options', `import https from 'node:https'; https.request({ hostname: 'h.example', path: '/p?q', method: 'POST' })`, [
      { library: 'node-http', method: 'POST', urls: ['https://h.example/p?q'], body: null },
    ]],
    ['http.get with a URL', `const http = require('http'); http.get('http://h/a', cb)`, [{ library: 'node-http', method: 'GET', urls: ['http://h/a'], body: null }]],
    ['XMLHttpRequest', `const xhr = new XMLHttpRequest(); xhr.open('GET', '/services/data')`, [{ library: 'xhr', method: 'GET', urls: ['/services/data'], body: null }]],
    ['jQuery', `$.ajax({ url: '/a', type: 'POST', data: d }); jQuery.get('/b')`, [
      { library: 'jquery', method: 'POST', urls: ['/a'], body: 'd' },
      { library: 'jquery', method: 'GET', urls: ['/b'], body: null },
    ]],
  ])('%s', (_name, code, expected) => {
    expect(calls(code)).toEqual(expected);
  });

  it('recognises Angular HttpClient injected through the constructor', () => {
    const code = `import { HttpClient } from '@angular/common/http';
class S { constructor(private readonly http: HttpClient) {} go() { return this.http.post<T>('https://h/a', body); } }`;
    expect(calls(code, true)).toEqual([{ library: 'angular', method: 'POST', urls: ['https://h/a'], body: 'body' }]);
  });

  it.each([
    ['a local function named fetch', `function fetch(u) {} fetch('https://h/a')`],
    ['a parameter named axios', `function f(axios) { axios.get('https://h/a') }`],
    ['an unrelated module', `import axios from '../my-axios'; axios.get('https://h/a')`],
    ['a method that happens to be called get', `map.get('https://h/a')`],
  ])('ignores %s', (_name, code) => {
    expect(calls(code)).toEqual([]);
  });

  it('records jsforce connections, OAuth2 clients and node-soap clients', () => {
    const code = `import { Connection, OAuth2 } from 'jsforce'; import soap from 'soap';
const conn = new Connection({ instanceUrl: i, accessToken: t });
const oauth2 = new OAuth2({ clientId });
soap.createClient(wsdl, (err, client) => { client.login(args, cb); });
const c2 = await soap.createClientAsync(wsdl); c2.setEndpoint(url);`;
    const model = withSource(code, (sourceCode) => {
      const result = httpModel(sourceCode);
      return {
        connections: result.connections.map((connection) => connection.options?.properties.length),
        oauth2: result.oauth2Clients.length,
        soap: result.soapClients.map((client) => client.calls.map((call) => sourceCode.getText(call.callee))),
      };
    });
    expect(model).toEqual({ connections: [2], oauth2: 1, soap: [['client.login'], ['c2.setEndpoint']] });
  });

  it.each<[string, string, number]>([
    ['a named import', `import { Connection } from 'jsforce';\nnew Connection({ accessToken: t });`, 1],
    ['a default import', `import jsforce from 'jsforce';\nnew jsforce.Connection({ accessToken: t });`, 1],
    ['a namespace import', `import * as jsforce from 'jsforce';\nnew jsforce.Connection({ accessToken: t });`, 1],
    ['`default` imported by name', `import { default as sf } from 'jsforce';\nnew sf.Connection({ accessToken: t });`, 1],
    ['a re-export next to an import of untraced names', `import { Record } from 'jsforce';\nexport { Connection } from 'jsforce';`, 0],
    ['only untraced names', `import { Record, SfDate } from 'jsforce';\nconst Connection = makeConnection;\nnew Connection({ accessToken: t });`, 0],
    ['a type-only import', `import type { Connection } from 'jsforce';\nlet conn: Connection;`, 0],
  ])('follows jsforce connections through %s', (_name, code, count) => {
    expect(withSource(code, (sourceCode) => httpModel(sourceCode).connections.length, { ts: true })).toBe(count);
  });

  it('records the member calls on jsforce OAuth2 clients, in variables and class fields', () => {
    const code = `const jsforce = require('jsforce');
const oauth2 = new jsforce.OAuth2({ clientId });
oauth2.authenticate(u, p);
oauth2.getAuthorizationUrl({ scope });
use(oauth2);
class Auth { client = new jsforce.OAuth2({ clientId }); go() { return this.client.refreshToken(t); } }
const unused = new jsforce.OAuth2({ clientId });`;
    const calls = withSource(code, (sourceCode) => {
      const model = httpModel(sourceCode);
      return model.oauth2Clients.map((client) => model.oauth2Calls.get(client)?.map((call) => sourceCode.getText(call.callee)));
    }, { sourceType: 'commonjs' });
    expect(calls).toEqual([['oauth2.authenticate', 'oauth2.getAuthorizationUrl'], ['this.client.refreshToken'], []]);
  });

  it('records response interceptors on axios and its instances', () => {
    const code = `import axios from 'axios'; const api = axios.create(); api.interceptors.response.use(ok, fail); axios.interceptors.response.use(null, fail);`;
    const counts = withSource(code, (sourceCode) => {
      const model = httpModel(sourceCode);
      return [model.clients[0]?.responseInterceptors.length, model.responseInterceptors.length];
    });
    expect(counts).toEqual([1, 1]);
  });

  // The model skips a tracking pass only when the file reads nothing it could find: these must still be found.
  it.each<[string, string, 'module' | 'commonjs', Seen[]]>([
    ['require aliased before the call', `const r = require; r('node-fetch')('https://h/a')`, 'commonjs', [{ library: 'fetch', method: 'GET', urls: ['https://h/a'], body: null }]],
    ['require.resolve next to a require call', `require.resolve('axios'); const got = require('got'); got('https://h/a')`, 'commonjs', [
      { library: 'got', method: 'GET', urls: ['https://h/a'], body: null },
    ]],
    ['require of an untracked module next to global fetch', `const _ = require('lodash'); fetch('https://h/a')`, 'commonjs', [{ library: 'fetch', method: 'GET', urls: ['https://h/a'], body: null }]],
    ['require in a module, undeclared', `const axios = require('axios'); axios.get('https://h/a')`, 'module', [{ library: 'axios', method: 'GET', urls: ['https://h/a'], body: null }]],
    ['require through a global object', `const axios = global.require('axios'); axios.get('https://h/a')`, 'commonjs', [{ library: 'axios', method: 'GET', urls: ['https://h/a'], body: null }]],
    ['a global object alias', `const w = self; w.fetch('https://h/a')`, 'module', [{ library: 'fetch', method: 'GET', urls: ['https://h/a'], body: null }]],
    ['globalThis.axios', `globalThis.axios.get('https://h/a')`, 'module', [{ library: 'axios', method: 'GET', urls: ['https://h/a'], body: null }]],
    ['an import after other statements', `const x = 1; export { x }; import ky from 'ky'; ky('https://h/a')`, 'module', [{ library: 'ky', method: 'GET', urls: ['https://h/a'], body: null }]],
  ])('finds calls with %s', (_name, code, sourceType, expected) => {
    expect(calls(code, false, sourceType)).toEqual(expected);
  });

  it.each<[string, string, 'module' | 'commonjs']>([
    ['only require.resolve and untracked modules', `require.resolve('axios'); require('lodash').get(o, 'https://h/a')`, 'commonjs'],
    ['a local module named like a client', `const axios = require('./axios'); axios.get('https://h/a')`, 'commonjs'],
    ['imports of untracked modules', `import get from 'lodash/get'; export * from '../local'; get('https://h/a')`, 'module'],
  ])('finds nothing with %s', (_name, code, sourceType) => {
    expect(calls(code, false, sourceType)).toEqual([]);
  });
});

describe('httpModel: calls through the file\'s own functions', () => {
  it.each<[string, string, Seen[]]>([
    ['a getter that hands out the global fetch', `const getFetch = async () => globalThis.fetch ?? fallback;
async function go() { const send = await getFetch(); return send('https://h/a', { method: 'POST', body: b }); }`, [
      { library: 'fetch', method: 'POST', urls: ['https://h/a'], body: 'b' },
    ]],
    ['a wrapper that forwards its options, logging the response on the way', `const rp = require('request-promise');
const send = (opts) => rp(opts).then((res) => { log(res); return res; });
class C { post(opts) { return send(opts); } go() { return this.post({ uri: 'https://h/b', method: 'POST', body: x }); } }`, [
      { library: 'request', method: 'GET', urls: ['${…}'], body: null },
      { library: 'request', method: 'GET', urls: ['${…}'], body: null },
      { library: 'request', method: 'POST', urls: ['https://h/b'], body: 'x' },
    ]],
  ])('finds %s', (_name, code, expected) => {
    expect(calls(code)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['a getter that hands out something else', `const getClient = () => client;
async function go() { const send = await getClient(); return send('https://h/a'); }`],
    ['a wrapper that reshapes the response', `const rp = require('request-promise');
const send = (opts) => rp(opts).then((res) => res.items);
send({ uri: 'https://h/b' });`],
    ['a wrapper that changes what it forwards', `const rp = require('request-promise');
const send = (opts, extra) => rp(extra, opts);
send({ uri: 'https://h/b' }, {});`],
  ])('takes no call of the function for a request with %s', (_name, code) => {
    expect(calls(code).filter((call) => call.urls.some((url) => url.includes('h/')))).toEqual([]);
  });
});
