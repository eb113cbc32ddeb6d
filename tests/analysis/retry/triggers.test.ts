import type { TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { expiryWordSelector, REFRESH_REQUEST_WORDS } from '../../../src/analysis/core/mentions';
import { REFRESH_NAMED_CALL_SELECTOR } from '../../../src/analysis/retry/session-refresh';
import { mayTriggerRetry, provideTriggerCandidates, testsAround } from '../../../src/analysis/retry/triggers';
import { withSource } from '../helpers';

const WORDS = expiryWordSelector();

/** The answer with nothing provided: the text is searched and every test of the file read. */
function mayTrigger(code: string): boolean {
  return withSource(code, (sourceCode) => mayTriggerRetry(sourceCode));
}

/** The answer as the rule gets it: from the expiry words and the refresh-named calls its traversal collected. */
function mayTriggerFromWords(code: string): boolean {
  return withSource(
    code,
    (sourceCode, selected) => {
      // Words are literals, template parts and names; the refresh-named nodes are calls.
      const calls = selected.filter((node): node is TSESTree.CallExpression => node.type === AST_NODE_TYPES.CallExpression);
      const words = selected.filter((node) => node.type !== AST_NODE_TYPES.CallExpression);
      provideTriggerCandidates(sourceCode, { calls, words, requestWords: REFRESH_REQUEST_WORDS.test(code) });
      return mayTriggerRetry(sourceCode);
    },
    { select: `${WORDS}, ${REFRESH_NAMED_CALL_SELECTOR}` },
  );
}

/** The source text of the tests the expiry words reach, or null when every test must be read. */
function reached(code: string): string[] | null {
  return withSource(
    code,
    (sourceCode, words) => {
      const found = testsAround(sourceCode, words);
      return found && [...found.tests, ...found.switchCases].map((node) => sourceCode.getText(node));
    },
    { select: WORDS, ts: true },
  );
}

const TRUE_CASES: [string, string][] = [
  ['an inline 401 test', 'async function get(url) { const res = await fetch(url); if (res.status === 401) return get(url); return res; }'],
  ['a 401 in one conjunct of a test', 'function f(res, tries) { if (tries < 3 && res.status === 401) return 1; }'],
  ['a 401 under a negation and a disjunction', 'function f(res, x) { return !(x || res.statusCode !== 401) ? 1 : 2; }'],
  ['a predicate written in the file', "const expired = (e) => e.errorCode === 'INVALID_SESSION_ID'; function f(e) { if (expired(e)) return 1; }"],
  ['a predicate declared as a function', "function isExpired(e) { return e.errorCode === 'INVALID_SESSION_ID'; } function f(e) { if (isExpired(e)) return 1; }"],
  ['a predicate in an object of predicates', 'const checks = { expired(r) { return r.status === 401; } }; function f(r) { return checks.expired(r) ? 1 : 2; }'],
  ['a predicate in a class', 'class Api { expired(r) { return r.status === 401; } get(r) { if (this.expired(r)) return 1; } }'],
  ['a status held by a constant', 'const CODE = 401; function f(res) { if (res.status === CODE) return 1; }'],
  ['a test held by a variable', 'function f(res) { const expired = res.status === 401; if (expired) return 1; }'],
  ['a code held by a constant held by a constant', "const CODE = 'INVALID_SESSION_ID'; const EXPIRED = CODE; function f(e) { if (e.errorCode === EXPIRED) return 1; }"],
  ['a named status constant', 'function f(res) { while (res.status === HttpStatus.UNAUTHORIZED) res = next(); }'],
  ['a rejected OAuth token code', "function f(err) { return err.message.includes('Bad_OAuth_Token') && retry(); }"],
  ['a switch case on the status', 'function f(res) { switch (res.status) { case 401: return retry(); default: return res; } }'],
  ['a switch case on a constant', 'const CODE = 401; function f(res) { switch (res.status) { case CODE: return retry(); default: return res; } }'],
  [
    'a refresh with no expired test (a catch-all handler can refresh)',
    "async function f() { try { return await call(); } catch { await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: 'grant_type=refresh_token' }); return f(); } }",
  ],
];

const FALSE_CASES: [string, string][] = [
  ['a file with no session word', 'function get(url) { return fetch(url).then((res) => (res.ok ? res : get(url))); }'],
  ['a 401 only in a comment and a log line', "// a 401 is handled upstream\nfunction f(res) { console.log('got 401', res.status); return res.ok; }"],
  ['a 401 compared with something that is not a status', 'function f(list) { if (list.length === 401) return list; }'],
  ['a 401 in a list of messages searched for in a text', "const patterns = ['denied', '401']; function isAuthError(e) { return patterns.some((p) => e.message.includes(p)); } function f(e) { if (isAuthError(e)) return 1; }"],
  ['an expired code only in a thrown error', "function f() { throw new Error('INVALID_SESSION_ID'); }"],
  ['session words with no test and no refresh', "import jsforce from 'jsforce'; export const conn = new jsforce.Connection({ instanceUrl: url, accessToken: token });"],
];

describe('mayTriggerRetry', () => {
  it.each(TRUE_CASES)('is true for %s', (_, code) => {
    expect(mayTrigger(code)).toBe(true);
  });

  it.each(FALSE_CASES)('is false for %s', (_, code) => {
    expect(mayTrigger(code)).toBe(false);
  });

  it.each([...TRUE_CASES.map(([name, code]) => [name, code, true] as const), ...FALSE_CASES.map(([name, code]) => [name, code, false] as const)])(
    'gives the same answer from the words a traversal collected, for %s',
    (_, code, answer) => {
      expect(mayTriggerFromWords(code)).toBe(answer);
    },
  );
});

describe('testsAround', () => {
  it.each([
    ['a word in a test', 'function f(res) { if (res.status === 401) return 1; }', ['res.status === 401']],
    ['a constant read in a test', 'const CODE = 401; function f(res) { if (res.status === CODE) return 1; }', ['res.status === CODE']],
    ['a variable read in a test', 'function f(res) { const expired = res.status === 401; return expired ? 1 : 2; }', ['expired']],
    ['an assigned variable', 'function f(res) { let expired = false; expired = res.status === 401; if (expired) return 1; }', ['expired']],
    ['a predicate declared as a function', 'function isExpired(r) { return r.status === 401; } function f(r) { if (isExpired(r)) return 1; }', ['isExpired(r)']],
    ['an arrow predicate', 'const isExpired = (r: Response) => r.status === 401; function f(r) { while (isExpired(r)) r = next(); }', ['isExpired(r)']],
    ['a predicate in an object', 'const checks = { expired: (r) => r.status === 401 }; const f = (r) => checks.expired(r) && retry();', ['checks.expired(r)']],
    ['a bound predicate', 'function isExpired(r) { return r.status === 401; } const check = isExpired.bind(null); function f(r) { if (check(r)) return 1; }', ['check(r)']],
    ['a constant in a case', 'const CODE = 401; function f(res) { switch (res.status) { case CODE: return 1; } }', ['case CODE: return 1;']],
    ['names that hand the value round in a cycle', 'let a = 401; let b = a; a = b; function f(res) { if (res.status === b) return 1; }', ['res.status === b']],
    ['words with nowhere to go', "function f() { console.log('401'); throw new Error('INVALID_SESSION_ID'); }", []],
    ['a word as a computed key', 'function f(codes, res) { const text = codes[401]; if (text === res.body) return 1; }', []],
    ['a word in a type', 'type Expired = { status: 401 }; function f(res: Expired) { return res; }', []],
    ['a predicate method, through every member read of its name', 'class Api { expired(r) { return r.status === 401; } f(r) { if (this.expired(r)) return 1; return other.expired ? 2 : 3; } }', ['this.expired(r)', 'other.expired']],
    ['a private predicate method', 'class Api { #expired(r) { return r.status === 401; } f(r) { if (this.#expired(r)) return 1; } }', ['this.#expired(r)']],
    ['a predicate field and a getter', 'class Api { isAuth = (r) => r.status === 401; get expired() { return this.isAuth(this.last); } f() { while (this.expired) this.refresh(); } }', ['this.expired']],
    ['a method whose value no test reads', 'class Server { reject(socket) { return abort(socket, 401); } handle(socket) { if (!this.ok) this.reject(socket); } }', []],
    ['a class field', 'class Api { static CODE = 401; f(res) { return res.status === Api.CODE ? 1 : 2; } }', ['res.status === Api.CODE']],
    ['a name that is its own word', 'const UNAUTHORIZED = 401; function f(res) { return res.status === UNAUTHORIZED ? 1 : 2; }', ['res.status === UNAUTHORIZED', 'res.status === UNAUTHORIZED']],
  ])('follows %s', (_, code, tests) => {
    expect(reached(code)?.sort()).toEqual([...tests].sort());
  });

  it.each([
    ['a predicate method read by a computed key', "class Api { expired(r) { return r.status === 401; } f(r) { if (this['expired'](r)) return 1; } }"],
    ['a predicate method destructured', 'class Api { expired(r) { return r.status === 401; } f(r) { const { expired } = this; if (expired(r)) return 1; } }'],
    ['a setter', 'class Api { set code(value) { return 401; } }'],
    ['a field of an object', 'function f(api) { api.code = 401; }'],
    ['a default value', 'function f(res, code = 401) { return res.status === code; }'],
    ['an export default', 'export default 401;'],
  ])('reads every test for %s', (_, code) => {
    expect(reached(code)).toBeNull();
  });
});
