import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { walk } from '../../../src/analysis/core/ast';
import { isLoop } from '../../../src/analysis/retry/expired-branches';
import { interceptorRetries, libraryRetries, loopRetries, recursiveRetry } from '../../../src/analysis/retry/retry-paths';
import { withSource } from '../helpers';

/** Every retry path in a file, as `kind:verdict:trigger`. */
function retries(code: string, ts = false): string[] {
  return withSource(
    code,
    (sourceCode) => {
      const found: string[] = [];
      walk(sourceCode, sourceCode.ast, (node) => {
        if (node.type === AST_NODE_TYPES.CallExpression) {
          const path = recursiveRetry(sourceCode, node);
          if (path) found.push(`${path.kind}:${path.verdict}:${path.trigger.kind}`);
        }
        if (isLoop(node)) {
          for (const path of loopRetries(sourceCode, node)) found.push(`${path.kind}:${path.verdict}:${path.trigger.kind}`);
        }
      });
      for (const path of [...interceptorRetries(sourceCode), ...libraryRetries(sourceCode)]) found.push(`${path.kind}:${path.verdict}:${path.trigger.kind}`);
      return [...new Set(found)];
    },
    { ts },
  );
}

describe('recursion', () => {
  it.each([
    ['no bound', 'async function request(url) { const res = await fetch(url); if (res.status === 401) { await refresh(); return request(url); } return res; }'],
    ['counter passed unchanged', 'async function request(url, retries = 1) { const res = await fetch(url); if (res.status === 401 && retries > 0) { await refresh(); return request(url, retries); } return res; }'],
    ['counter changed but never checked', 'async function request(url, attempt = 0) { const res = await fetch(url); if (res.status === 401) { await refresh(); return request(url, attempt + 1); } return res; }'],
    ['counter moved away from its limit', 'async function request(url, retries = 1) { const res = await fetch(url); if (res.status === 401 && retries > 0) return request(url, retries + 1); return res; }'],
    ['counter left out: reset to its default', 'async function request(url, retries = 1) { const res = await fetch(url); if (res.status === 401 && retries > 0) return request(url); return res; }'],
    ['post-decrement passes the old value', 'async function request(url, retries = 1) { const res = await fetch(url); if (res.status === 401 && retries > 0) return request(url, retries--); return res; }'],
    ['local counter, reset on every call', 'async function request(url) { let tries = 0; const res = await fetch(url); if (res.status === 401 && tries < 3) { tries++; return request(url); } return res; }'],
    ['flag passed as false', 'async function request(url, isRetry = false) { const res = await fetch(url); if (res.status === 401 && !isRetry) return request(url, false); return res; }'],
    ['check on an option the retry never changes', 'async function request(url, options) { const res = await fetch(url); if (res.status === 401 && options.autoRefresh) return request(url, options); return res; }'],
    ['check on a constant', 'const AUTO_REFRESH = true; async function request(url) { const res = await fetch(url); if (res.status === 401 && AUTO_REFRESH) return request(url); return res; }'],
    ['check on the URL', `async function request(url) { const res = await fetch(url); if (res.status === 401 && !url.includes('/oauth2/token')) return request(url); return res; }`],
    ['early exit on a live session', 'async function request(url) { const res = await fetch(url); if (res.status !== 401) return res; await refresh(); return request(url); }'],
    ['switch case', `async function call(body) { const res = await post(body); switch (res.errorCode) { case 'INVALID_SESSION_ID': await login(); return call(body); default: return res; } }`],
    ['.then callback', 'function request(url) { return fetch(url).then((res) => { if (res.status === 401) return refresh().then(() => request(url)); return res.json(); }); }'],
    ['.catch callback', `function query(soql) { return conn.query(soql).catch((err) => { if (err.errorCode === 'INVALID_SESSION_ID') return refresh().then(() => query(soql)); throw err; }); }`],
    ['callback handed to the refresh', 'function request(url, cb) { get(url, (err, res) => { if (res.statusCode === 401) return refresh(() => request(url, cb)); cb(err, res); }); }'],
    ['const arrow', 'const request = async (url) => { const res = await fetch(url); return res.status === 401 ? refresh().then(() => request(url)) : res; };'],
    ['named function expression', 'export const request = async function go(url) { const res = await fetch(url); if (res.status === 401) return go(url); return res; };'],
    ['named function expression called through its const', 'const request = async function go(url) { const res = await fetch(url); if (res.status === 401) return request(url); return res; };'],
    ['const function with a type assertion', 'const request = (async (url: string) => { const res = await fetch(url); if (res.status === 401) return request(url); return res; }) as Fetcher;'],
    ['class method through this, in a catch', 'class Api { async query(q) { try { return await this.http.get(q); } catch (err) { if (err.response?.status === 401) { await this.refresh(); return this.query(q); } throw err; } } }'],
    ['class field arrow', 'class Api { query = async (q) => { const res = await fetch(q); if (res.status === 401) return this.query(q); return res; }; }'],
    ['object method through this', 'const api = { async get(url) { const res = await fetch(url); if (res.status === 401) return this.get(url); return res; } };'],
    ['object method through its const', 'const api = { async get(url) { const res = await fetch(url); if (res.status === 401) return api.get(url); return res; } };'],
    ['a helper that tests expiry', 'const isExpired = (res) => res.status === 401; async function request(url) { const res = await fetch(url); if (isExpired(res)) return request(url); return res; }'],
    ['a field of what a helper returns', `function kind(e) { if (e.errorCode === 'INVALID_SESSION_ID') return { renew: true }; return { renew: false }; } async function run(q) { try { return await conn.query(q); } catch (e) { const k = kind(e); if (k.renew) return run(q); throw e; } }`],
    ['a function on module.exports', 'module.exports.get = async (url) => { const res = await fetch(url); if (res.status === 401) return module.exports.get(url); return res; };'],
    [
      'a counter another call resets while re-sending the same request',
      `const HOST = { A: 'a', B: 'b' }; async function get(path, tries = 0, host = HOST.A) { const res = await fetch(host + path); if (res.status === 401) { if (tries > 0) return res; await refresh(); return get(path, 1); } if (host === HOST.A) return get(path, 0, HOST.B); return res; }`,
    ],
  ])('unbounded: %s', (_name, code) => {
    expect(retries(code, code.includes(': string'))).toEqual(['recursion:unbounded:expired']);
  });

  it('RxJS catchError → switchMap back to the same method', () => {
    expect(
      retries(
        `import { catchError, switchMap } from 'rxjs';
class S { get(): Observable<A> { return this.http.get<A>(u).pipe(catchError((err: HttpErrorResponse) => err.status === 401 ? this.auth.refresh().pipe(switchMap(() => this.get())) : throwError(() => err))); } }`,
        true,
      ),
    ).toEqual(['recursion:unbounded:expired']);
  });

  it.each([
    ['counter checked and decremented', 'async function request(url, retries = 1) { const res = await fetch(url); if (res.status === 401 && retries > 0) return request(url, retries - 1); return res; }'],
    ['attempt checked and incremented', 'const MAX = 3; async function request(url, attempt = 0) { const res = await fetch(url); if (res.status === 401 && attempt < MAX) return request(url, attempt + 1); return res; }'],
    ['attempt checked by an early throw first', 'async function request(url, attempt = 0) { if (attempt > 2) throw new Error(); const res = await fetch(url); if (res.status === 401) return request(url, attempt + 1); return res; }'],
    ['limit checked inside the branch', 'async function request(url, attempt = 1) { const res = await fetch(url); if (res.status === 401) { if (attempt >= 2) throw new Error(); return request(url, attempt + 1); } return res; }'],
    ['pre-decrement', 'async function request(url, retries = 2) { const res = await fetch(url); if (res.status === 401 && retries > 0) return request(url, --retries); return res; }'],
    ['decrement on the path, then passed', 'async function request(url, retries = 2) { const res = await fetch(url); if (res.status === 401 && retries > 0) { retries -= 1; return request(url, retries); } return res; }'],
    ['flag: isRetry = false, then true', 'async function request(url, isRetry = false) { const res = await fetch(url); if (res.status === 401 && !isRetry) return request(url, true); return res; }'],
    ['flag in an options object', 'async function request(url, opts = {}) { const res = await fetch(url); if (res.status === 401 && !opts.retried) return request(url, { ...opts, retried: true }); return res; }'],
    ['flag set on the options object itself', 'async function request(url, opts) { const res = await fetch(url); if (res.status === 401 && !opts.retried) { opts.retried = true; return request(url, opts); } return res; }'],
    ['destructured counter', 'async function request(url, { retries = 2 } = {}) { const res = await fetch(url); if (res.status === 401 && retries > 0) return request(url, { retries: retries - 1 }); return res; }'],
    ['module-level flag set on the path', 'let refreshed = false; async function request(url) { const res = await fetch(url); if (res.status === 401 && !refreshed) { refreshed = true; return request(url); } return res; }'],
    ['class counter on this', 'class Api { tries = 0; async get(u) { const res = await fetch(u); if (res.status === 401 && this.tries < 1) { this.tries++; return this.get(u); } return res; } }'],
    ['named bound', 'async function request(url, retries = 1) { const canRetry = retries > 0; const res = await fetch(url); if (res.status === 401 && canRetry) return request(url, retries - 1); return res; }'],
    ['literal that fails the guard', 'async function request(url, attempt = 0) { const res = await fetch(url); if (res.status === 401 && attempt < 1) return request(url, 1); return res; }'],
    [
      'another call that hands the counter on while re-sending the same request',
      `const HOST = { A: 'a', B: 'b' }; async function get(path, tries = 0, host = HOST.A) { const res = await fetch(host + path); if (res.status === 401) { if (tries > 0) return res; await refresh(); return get(path, 1); } if (host === HOST.A) return get(path, tries, HOST.B); return res; }`,
    ],
    [
      'another call that resets the counter for the next page',
      `async function get(url, tries = 0) { const res = await fetch(url); if (res.status === 401) { if (tries > 0) return res; await refresh(); return get(url, 1); } const page = await res.json(); if (page.next) return get(page.next); return page; }`,
    ],
  ])('bounded: %s', (_name, code) => {
    expect(retries(code)).toEqual(['recursion:bounded:expired']);
  });

  it.each([
    ['guard calls an unknown function', 'async function request(url) { const res = await fetch(url); if (res.status === 401 && shouldRetry(res)) return request(url); return res; }'],
    ['flag written elsewhere too', 'let busy = false; async function request(url) { const res = await fetch(url); if (res.status === 401 && !busy) { return request(url); } busy = true; return res; }'],
    ['option object handed to a function', 'async function request(url, opts) { const res = await fetch(url); if (res.status === 401 && !opts.retried) { mark(opts); return request(url, opts); } return res; }'],
    ['limit that moves', 'async function request(url, n, max) { const res = await fetch(url); if (res.status === 401 && n < max) return request(url, n + 1, max + 1); return res; }'],
    ['!== with a step', 'async function request(url, n = 0) { const res = await fetch(url); if (res.status === 401 && n !== 3) return request(url, n + 1); return res; }'],
  ])('unknown (silent): %s', (_name, code) => {
    expect(retries(code)).toEqual(['recursion:unknown:expired']);
  });

  it.each([
    ['pagination', 'async function all(url, out = []) { const res = await fetch(url); if (res.status === 401) throw new Error(); const body = await res.json(); return body.done ? out : all(body.nextRecordsUrl, out.concat(body.records)); }'],
    ['backoff on 429', 'async function request(url) { const res = await fetch(url); if (res.status === 429) { await sleep(1000); return request(url); } return res; }'],
    ['recursion in the live-session branch', 'async function all(url) { const res = await fetch(url); if (res.status !== 401) return all(next(res)); throw new Error(); }'],
    ['network retry in a catch with no refresh', 'async function query(q) { try { return await get(q); } catch (err) { await sleep(100); return query(q); } }'],
    ['expired check on a value passed in, not on a new response', 'function handle(res) { if (res.status === 401) return handle(res); return res; }'],
    ['expired check on stored state', 'async function request(url) { if (this.lastStatus === 401) return request(url); return fetch(url); }'],
    ['single re-issue', 'async function request(url) { const res = await fetch(url); if (res.status === 401) { await refresh(); return fetch(url); } return res; }'],
  ])('not a session retry: %s', (_name, code) => {
    expect(retries(code)).toEqual([]);
  });

  it('catch-all handler that refreshes through a token request in the file', () => {
    const code = `async function getToken() { const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body }); return res.json(); }
async function refreshSession() { token = (await getToken()).access_token; }
async function query(q) { try { return await get(q); } catch (err) { await refreshSession(); return query(q); } }`;
    expect(retries(code)).toEqual(['recursion:unbounded:refresh']);
  });

  it('catch-all handler that logs in again with jsforce', () => {
    const code = `import jsforce from 'jsforce';
const conn = new jsforce.Connection({ loginUrl });
function query(q) { return conn.query(q).catch(() => conn.login(user, pass).then(() => query(q))); }`;
    expect(retries(code)).toEqual(['recursion:unbounded:refresh']);
  });

  it('catch-all handler whose refresh is not known to refresh: silent', () => {
    expect(retries('async function query(q) { try { return await get(q); } catch (err) { await refresh(); return query(q); } }')).toEqual([]);
  });
});

describe('loops', () => {
  it.each([
    ['while (true) with continue', 'continue', 'async function q(u) { while (true) { const res = await fetch(u); if (res.status === 401) { await refresh(); continue; } return res; } }'],
    ['for (;;) falling through', 'loop', 'async function q(u) { for (;;) { const res = await fetch(u); if (res.status !== 401) return res; await refresh(); } }'],
    ['do … while (expired)', 'loop', 'async function q(u) { let res; do { res = await fetch(u); if (res.status === 401) await refresh(); } while (res.status === 401); return res; }'],
    ['while (expired) re-fetching', 'loop', 'async function q(u) { let res = await fetch(u); while (res.status === 401) { await refresh(); res = await fetch(u); } return res; }'],
    ['case 401 with break', 'loop', 'async function q(u) { while (true) { const res = await fetch(u); switch (res.status) { case 401: await refresh(); break; default: return res; } } }'],
    ['counter never moved', 'continue', 'async function q(u) { for (let i = 0; i < 3;) { const res = await fetch(u); if (res.status === 401) { await refresh(); continue; } return res; } }'],
    ['counter moved the wrong way', 'continue', 'async function q(u) { for (let i = 0; i < 3; i--) { const res = await fetch(u); if (res.status === 401) continue; return res; } }'],
    ['catch-all in a loop with a known refresh', 'loop', `import jsforce from 'jsforce'; const conn = new jsforce.Connection({}); async function q(s) { while (true) { try { return await conn.query(s); } catch (e) { await conn.login(u, p); } } }`],
  ])('unbounded: %s', (_name, kind, code) => {
    expect(retries(code).filter((entry) => entry.startsWith(kind))).toEqual([`${kind}:unbounded:${code.includes('conn.login') ? 'refresh' : 'expired'}`]);
  });

  it.each([
    ['for with a numeric bound', 'async function q(u) { for (let i = 0; i < 3; i++) { const res = await fetch(u); if (res.status === 401) { await refresh(); continue; } return res; } }'],
    ['while (tries++ < 3)', 'async function q(u) { let tries = 0; while (tries++ < 3) { const res = await fetch(u); if (res.status === 401) { await refresh(); continue; } return res; } }'],
    ['attempt checked in the branch', 'async function q(u) { let attempt = 0; while (true) { const res = await fetch(u); if (res.status === 401 && attempt < 1) { attempt++; continue; } return res; } }'],
    ['check after the branch', 'async function q(u) { let n = 0; while (true) { const res = await fetch(u); if (res.ok) return res; if (res.status === 401) await refresh(); n += 1; if (n > 3) throw new Error(); } }'],
    ['do … while with a counter', 'async function q(u) { let res; let n = 0; do { res = await fetch(u); if (res.status === 401) await refresh(); } while (res.status === 401 && n++ < 1); return res; }'],
  ])('bounded: %s', (_name, code) => {
    expect(retries(code).every((entry) => entry.includes(':bounded:'))).toBe(true);
    expect(retries(code).length).toBeGreaterThan(0);
  });

  it.each([
    ['polling loop that throws on 401', 'async function poll(u) { while (true) { const res = await fetch(u); if (res.status === 401) throw new Error(); const job = await res.json(); if (job.done) return job; await sleep(1000); } }'],
    ['backoff on 503', 'async function q(u) { while (true) { const res = await fetch(u); if (res.status === 503) { await sleep(1000); continue; } return res; } }'],
    ['for-of over items', 'async function all(ids) { for (const id of ids) { const res = await fetch(id); if (res.status === 401) { await refresh(); continue; } } }'],
    ['expired check on a response from before the loop, never re-read', 'async function q(res) { while (true) { if (res.status === 401) { await refresh(); continue; } return res; } }'],
  ])('no session retry: %s', (_name, code) => {
    expect(retries(code)).toEqual([]);
  });
});

describe('axios interceptors', () => {
  const instance = (handler: string) => `import axios from 'axios';\nconst api = axios.create({ baseURL });\napi.interceptors.response.use((response) => response, ${handler});`;

  it.each([
    ['replay of error.config', instance('async (error) => { if (error.response?.status === 401) { await refresh(); return api(error.config); } return Promise.reject(error); }')],
    ['replay of an alias through .request', instance('async (error) => { const original = error.config; if (error.response?.status !== 401) throw error; await refresh(); return api.request(original); }')],
    ['flag checked but never set', instance('async (error) => { const original = error.config; if (error.response?.status === 401 && !original._retry) { await refresh(); return api(original); } throw error; }')],
    ['new config without the flag', instance('async (error) => { if (error.response?.status === 401 && !error.config._retry) { return api({ url: error.config.url, method: error.config.method }); } throw error; }')],
    ['global axios replaying through axios()', `import axios from 'axios';\naxios.interceptors.response.use(undefined, (error) => error.response.status === 401 ? refresh().then(() => axios(error.config)) : Promise.reject(error));`],
    ['handler written as a function declaration', `import axios from 'axios';\nconst api = axios.create({});\nasync function onError(error) { if (error.response && error.response.status === 401) { await refresh(); return api.request(error.config); } throw error; }\napi.interceptors.response.use((r) => r, onError);`],
  ])('unbounded: %s', (_name, code) => {
    expect(retries(code)).toEqual(['replay:unbounded:expired']);
  });

  it.each([
    ['_retry set before the replay', instance('async (error) => { const original = error.config; if (error.response?.status === 401 && !original._retry) { original._retry = true; await refresh(); return api(original); } throw error; }')],
    ['_retry in the replayed object', instance('(error) => error.response?.status === 401 && !error.config._retry ? refresh().then(() => api({ ...error.config, _retry: true })) : Promise.reject(error)')],
    ['retry counter', instance('async (error) => { const config = error.config; config.__retryCount = config.__retryCount || 0; if (error.response?.status !== 401 || config.__retryCount >= 1) return Promise.reject(error); config.__retryCount += 1; await refresh(); return api(config); }')],
  ])('bounded: %s', (_name, code) => {
    expect(retries(code)).toEqual(['replay:bounded:expired']);
  });

  it('the queue pattern: the queued replay is unknown, the first is bounded', () => {
    const code = instance(`async (error) => {
      const original = error.config;
      if (error.response?.status === 401 && !original._retry) {
        if (isRefreshing) return queue.wait().then(() => api(original));
        original._retry = true;
        isRefreshing = true;
        try { await refresh(); return api(original); } finally { isRefreshing = false; }
      }
      throw error;
    }`).replace('import axios', 'let isRefreshing = false;\nimport axios');
    expect(retries(code)).toEqual(['replay:unknown:expired', 'replay:bounded:expired']);
  });

  it.each([
    ['an instance interceptor replaying through the global axios', instance('async (error) => { if (error.response?.status === 401) { await refresh(); return axios(error.config); } throw error; }')],
    ['a request interceptor-less client call that is not a replay', instance('async (error) => { if (error.response?.status === 401) { await refresh(); return api.get(error.config.url); } throw error; }')],
    ['retry on 503 only', instance('async (error) => { if (error.response?.status === 503) { await sleep(1000); return api(error.config); } throw error; }')],
  ])('no session retry: %s', (_name, code) => {
    expect(retries(code)).toEqual([]);
  });
});

describe('retry libraries', () => {
  it.each([
    ['p-retry, retries: Infinity, onFailedAttempt refreshes', `import pRetry from 'p-retry';\nawait pRetry(() => api.get('/x'), { retries: Infinity, onFailedAttempt: async (error) => { if (error.response?.status === 401) await refresh(); } });`],
    ['p-retry, Number.POSITIVE_INFINITY', `import pRetry from 'p-retry';\nawait pRetry(run, { retries: Number.POSITIVE_INFINITY, onFailedAttempt: async (e) => { if (e.status === 401) await refresh(); } });`],
    ['async-retry forever, the attempt refreshes and throws', `const retry = require('async-retry');\nawait retry(async (bail) => { const res = await fetch(url); if (res.status === 401) { await refresh(); throw new Error('expired'); } return res; }, { forever: true });`],
    ['retry.operation forever', `const retry = require('retry');\nconst operation = retry.operation({ forever: true });\noperation.attempt(async () => { try { await call(); } catch (err) { if (err.statusCode === 401) await refresh(); if (operation.retry(err)) return; } });`],
  ])('unbounded: %s', (_name, code) => {
    expect(retries(code)).toEqual(['library:unbounded:refresh']);
  });

  it.each([
    ['finite retries', `import pRetry from 'p-retry';\nawait pRetry(run, { retries: 3, onFailedAttempt: async (e) => { if (e.status === 401) await refresh(); } });`],
    ['forever, but aborts on 401', `import pRetry, { AbortError } from 'p-retry';\nawait pRetry(async () => { const res = await fetch(url); if (res.status === 401) throw new AbortError('expired'); return res; }, { forever: true });`],
    ['forever, bail on 401', `const retry = require('async-retry');\nawait retry(async (bail) => { const res = await fetch(url); if (res.status === 401) { bail(new Error('expired')); return; } return res; }, { forever: true });`],
    ['forever, onFailedAttempt gives up after a few attempts', `import pRetry from 'p-retry';\nawait pRetry(run, { retries: Infinity, onFailedAttempt: async (e) => { if (e.attemptNumber > 2) throw e; if (e.status === 401) await refresh(); } });`],
    ['forever with maxRetryTime', `import pRetry from 'p-retry';\nawait pRetry(run, { forever: true, maxRetryTime: 60000, onFailedAttempt: async (e) => { if (e.status === 401) await refresh(); } });`],
    ['forever, no session handling (network retries)', `import pRetry from 'p-retry';\nawait pRetry(run, { forever: true });`],
    ['a function named pRetry that is not the library', `function pRetry(fn, o) { return fn(); }\nawait pRetry(run, { retries: Infinity, onFailedAttempt: async (e) => { if (e.status === 401) await refresh(); } });`],
  ])('silent: %s', (_name, code) => {
    expect(retries(code)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Property: generated retry shapes with random bounds are judged bounded exactly when they are.

type Guard =
  | { readonly kind: 'compare'; readonly op: '<' | '<=' | '>' | '>=' | '==='; readonly limit: number; readonly cellLeft: boolean; readonly earlyExit: boolean }
  | { readonly kind: 'truthy' | 'falsy' }
  | { readonly kind: 'none' };
type Step =
  | { readonly kind: 'delta'; readonly amount: number; readonly form: 'argument' | 'statement' | 'prefix' }
  | { readonly kind: 'postfix'; readonly amount: 1 | -1 }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'literal'; readonly value: number };

const NEGATE = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '===': '!==' } as const;

function holds(guard: Guard, value: number): boolean {
  switch (guard.kind) {
    case 'none':
      return true;
    case 'truthy':
      return Boolean(value);
    case 'falsy':
      return !value;
    case 'compare':
      switch (guard.op) {
        case '<':
          return value < guard.limit;
        case '<=':
          return value <= guard.limit;
        case '>':
          return value > guard.limit;
        case '>=':
          return value >= guard.limit;
        case '===':
          return value === guard.limit;
      }
  }
}

function next(step: Step, value: number, fallback: number): number {
  switch (step.kind) {
    case 'delta':
      return value + step.amount;
    case 'postfix':
    case 'unchanged':
      return value;
    case 'missing':
      return fallback;
    case 'literal':
      return step.value;
  }
}

/** Runs the retry for every start the analysis reasons about; bounded when every run stops. */
function oracle(guard: Guard, step: Step, fallback: number): boolean {
  // Counters tested for truthiness count down to zero; comparisons hold for any whole start.
  const starts = Array.from({ length: 21 }, (_, index) => index - 10).filter((start) => guard.kind !== 'truthy' || start >= 0);
  return starts.every((start) => {
    let value = start;
    for (let round = 0; round < 60; round += 1) {
      if (!holds(guard, value)) return true;
      value = next(step, value, fallback);
    }
    return false;
  });
}

function guardText(guard: Guard, name: string): { condition: string; early: string } {
  switch (guard.kind) {
    case 'none':
      return { condition: '', early: '' };
    case 'truthy':
      return { condition: ` && ${name}`, early: '' };
    case 'falsy':
      return { condition: ` && !${name}`, early: '' };
    case 'compare': {
      const comparison = guard.cellLeft ? `${name} ${guard.op} ${guard.limit}` : `${guard.limit} ${{ '<': '>', '<=': '>=', '>': '<', '>=': '<=', '===': '===' }[guard.op]} ${name}`;
      if (guard.earlyExit) return { condition: '', early: `if (${guard.cellLeft ? `${name} ${NEGATE[guard.op]} ${guard.limit}` : `!(${comparison})`}) throw new Error('no more');\n` };
      return { condition: ` && ${comparison}`, early: '' };
    }
  }
}

function stepText(step: Step, name: string): { argument: string | null; statement: string } {
  switch (step.kind) {
    case 'delta':
      if (step.form === 'statement') return { argument: name, statement: `${name} ${step.amount > 0 ? '+=' : '-='} ${Math.abs(step.amount)};\n` };
      if (step.form === 'prefix') return { argument: `${step.amount > 0 ? '++' : '--'}${name}`, statement: '' };
      return { argument: `${name} ${step.amount > 0 ? '+' : '-'} ${Math.abs(step.amount)}`, statement: '' };
    case 'postfix':
      return { argument: `${name}${step.amount > 0 ? '++' : '--'}`, statement: '' };
    case 'unchanged':
      return { argument: name, statement: '' };
    case 'missing':
      return { argument: null, statement: '' };
    case 'literal':
      return { argument: String(step.value), statement: '' };
  }
}

const guardArbitrary: fc.Arbitrary<Guard> = fc.oneof(
  fc.record({
    kind: fc.constant('compare' as const),
    op: fc.constantFrom('<' as const, '<=' as const, '>' as const, '>=' as const, '===' as const),
    limit: fc.integer({ min: 0, max: 5 }),
    cellLeft: fc.boolean(),
    earlyExit: fc.boolean(),
  }),
  fc.constantFrom<Guard>({ kind: 'truthy' }, { kind: 'falsy' }, { kind: 'none' }),
);

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('delta' as const), amount: fc.constantFrom(-2, -1, 1, 2), form: fc.constantFrom('argument' as const, 'statement' as const) }),
  fc.record({ kind: fc.constant('delta' as const), amount: fc.constantFrom(-1, 1), form: fc.constant('prefix' as const) }),
  fc.record({ kind: fc.constant('postfix' as const), amount: fc.constantFrom(1 as const, -1 as const) }),
  fc.constantFrom<Step>({ kind: 'unchanged' }, { kind: 'missing' }),
  fc.record({ kind: fc.constant('literal' as const), value: fc.integer({ min: 0, max: 5 }) }),
);

/** `truthy` with a step below -1 skips zero from odd starts: the analysis says unknown there, on purpose. */
const judged = ([guard, step]: [Guard, Step, ...unknown[]]): boolean =>
  !(guard.kind === 'truthy' && step.kind === 'delta' && step.amount < -1) && !(guard.kind === 'compare' && guard.earlyExit && guard.op === '===');

/** Each run parses and analyses a file; a few hundred runs need more than vitest's default five seconds. */
const PROPERTY_TIMEOUT_MS = 60_000;

describe('bound analysis (property)', () => {
  it('judges a recursive retry bounded exactly when every run stops', () => {
    fc.assert(
      fc.property(
        guardArbitrary,
        stepArbitrary,
        fc.integer({ min: 0, max: 5 }),
        fc.constantFrom('retries', 'attempt', 'tries', 'n'),
        (guard, step, fallback, name) => {
          fc.pre(judged([guard, step]));
          const { condition, early } = guardText(guard, name);
          const { argument, statement } = stepText(step, name);
          const code = `async function request(url, ${name} = ${fallback}) {
${early}const res = await fetch(url);
if (res.status === 401${condition}) {
await refresh();
${statement}return request(url${argument === null ? '' : `, ${argument}`});
}
return res;
}`;
          const verdict = retries(code);
          expect(verdict, `${JSON.stringify([guard, step, fallback])}\n${code}`).toEqual([`recursion:${oracle(guard, step, fallback) ? 'bounded' : 'unbounded'}:expired`]);
        },
      ),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('judges a retry loop bounded exactly when every run stops', () => {
    fc.assert(
      fc.property(
        guardArbitrary,
        stepArbitrary.filter((step) => step.kind !== 'missing' && step.kind !== 'postfix' && !(step.kind === 'delta' && step.form === 'prefix')),
        fc.constantFrom('attempt', 'tries', 'n'),
        fc.constantFrom('while', 'for-update', 'for-test'),
        (guard, step, name, shape) => {
          fc.pre(judged([guard, step]));
          const { condition, early } = guardText(guard, name);
          const write = step.kind === 'delta' ? `${name} ${step.amount > 0 ? '+=' : '-='} ${Math.abs(step.amount)}` : step.kind === 'literal' ? `${name} = ${step.value}` : '';
          let head: string;
          let inside = '';
          if (shape === 'while') {
            head = 'while (true)';
            inside = write ? `${write};\n` : '';
          } else if (shape === 'for-update') {
            head = `for (; ; ${write})`;
          } else {
            // The guard becomes the loop's own test; the write is the update.
            const test = guard.kind === 'compare' ? (guard.cellLeft ? `${name} ${guard.op} ${guard.limit}` : `${guard.limit} ${{ '<': '>', '<=': '>=', '>': '<', '>=': '<=', '===': '===' }[guard.op]} ${name}`) : guard.kind === 'truthy' ? name : guard.kind === 'falsy' ? `!${name}` : '';
            head = `for (; ${test}; ${write})`;
          }
          const inBody = shape === 'for-test' ? { condition: '', early: '' } : { condition, early };
          const code = `async function q(url) {
let ${name} = 0;
${head} {
${inBody.early}const res = await fetch(url);
if (res.status === 401${inBody.condition}) {
await refresh();
${inside}continue;
}
return res;
}
}`;
          const verdict = retries(code);
          const expected = oracle(guard, step, 0) ? 'bounded' : 'unbounded';
          expect(verdict, `${JSON.stringify([guard, step, shape])}\n${code}`).toEqual([`continue:${expected}:expired`]);
        },
      ),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT_MS);

  it('judges a flag bounded exactly when the retry sets it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('!isRetry', 'isRetry === false', 'isRetry !== true', 'isRetry == null', ''),
        fc.constantFrom('true', 'false', 'isRetry', null, 'null', '1', '0'),
        fc.constantFrom('false', 'undefined', 'null'),
        (check, argument, fallback) => {
          const value = (text: string | null): unknown => (text === null ? undefined : ({ true: true, false: false, null: null, undefined, '1': 1, '0': 0 } as Record<string, unknown>)[text]);
          const test = (flag: unknown): boolean => {
            switch (check) {
              case '!isRetry':
                return !flag;
              case 'isRetry === false':
                return flag === false;
              case 'isRetry !== true':
                return flag !== true;
              case 'isRetry == null':
                return flag == null;
              default:
                return true;
            }
          };
          // Every start: true, false, null, undefined.
          const bounded = [true, false, null, undefined].every((start) => {
            let flag: unknown = start;
            for (let round = 0; round < 5; round += 1) {
              if (!test(flag)) return true;
              flag = argument === 'isRetry' ? flag : argument === null ? value(fallback) : value(argument);
            }
            return false;
          });
          const code = `async function request(url, isRetry = ${fallback}) {
const res = await fetch(url);
if (res.status === 401${check ? ` && ${check}` : ''}) return request(url${argument === null ? '' : `, ${argument}`});
return res;
}`;
          expect(retries(code), code).toEqual([`recursion:${bounded ? 'bounded' : 'unbounded'}:expired`]);
        },
      ),
      { numRuns: 150 },
    );
  }, PROPERTY_TIMEOUT_MS);
});
