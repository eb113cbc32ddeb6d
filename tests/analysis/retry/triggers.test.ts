import { describe, expect, it } from 'vitest';

import { mayTriggerRetry } from '../../../src/analysis/retry/triggers';
import { withSource } from '../helpers';

function mayTrigger(code: string): boolean {
  return withSource(code, (sourceCode) => mayTriggerRetry(sourceCode));
}

describe('mayTriggerRetry', () => {
  it.each([
    ['an inline 401 test', 'async function get(url) { const res = await fetch(url); if (res.status === 401) return get(url); return res; }'],
    ['a 401 in one conjunct of a test', 'function f(res, tries) { if (tries < 3 && res.status === 401) return 1; }'],
    ['a 401 under a negation and a disjunction', 'function f(res, x) { return !(x || res.statusCode !== 401) ? 1 : 2; }'],
    ['a predicate written in the file', "const expired = (e) => e.errorCode === 'INVALID_SESSION_ID'; function f(e) { if (expired(e)) return 1; }"],
    ['a named status constant', 'function f(res) { while (res.status === HttpStatus.UNAUTHORIZED) res = next(); }'],
    ['a rejected OAuth token code', "function f(err) { return err.message.includes('Bad_OAuth_Token') && retry(); }"],
    ['a switch case on the status', 'function f(res) { switch (res.status) { case 401: return retry(); default: return res; } }'],
    [
      'a refresh with no expired test (a catch-all handler can refresh)',
      "async function f() { try { return await call(); } catch { await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: 'grant_type=refresh_token' }); return f(); } }",
    ],
  ])('is true for %s', (_, code) => {
    expect(mayTrigger(code)).toBe(true);
  });

  it.each([
    ['a file with no session word', 'function get(url) { return fetch(url).then((res) => (res.ok ? res : get(url))); }'],
    ['a 401 only in a comment and a log line', "// a 401 is handled upstream\nfunction f(res) { console.log('got', res.status); return res.ok; }"],
    ['a 401 compared with something that is not a status', 'function f(list) { if (list.length === 401) return list; }'],
    ['session words with no test and no refresh', "import jsforce from 'jsforce'; export const conn = new jsforce.Connection({ instanceUrl: url, accessToken: token });"],
  ])('is false for %s', (_, code) => {
    expect(mayTrigger(code)).toBe(false);
  });
});
