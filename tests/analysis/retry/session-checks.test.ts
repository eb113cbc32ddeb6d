import { describe, expect, it } from 'vitest';

import { sessionExpiredTest } from '../../../src/analysis/retry/session-checks';
import { probeArgument, withSource } from '../helpers';

function test(code: string, ts = false) {
  return withSource(code, (sourceCode) => sessionExpiredTest(sourceCode, probeArgument(sourceCode)), { ts });
}

describe('sessionExpiredTest', () => {
  it.each([
    ['res.status === 401', 'probe(res.status === 401)'],
    ['401 == response.statusCode', 'probe(401 == response.statusCode)'],
    ['optional chain', 'probe(err.response?.status === 401)'],
    ['constant', 'const HTTP_UNAUTHORIZED = 401; probe(e.status === HTTP_UNAUTHORIZED)'],
    ['StatusCodes enum', `import { StatusCodes } from 'http-status-codes'; probe(res.status === StatusCodes.UNAUTHORIZED)`],
    ['HttpStatus enum', 'probe(error.status === HttpStatus.UNAUTHORIZED)'],
    ['destructured status', 'const { status } = res; probe(status === 401)'],
    ['string status', `probe(res.status === '401')`],
    ['conjunction with a flag', 'probe(res.status === 401 && !retried)'],
  ])('%s is an HTTP 401 test', (_name, code) => {
    expect(test(code)).toEqual({ signal: 'http-401', negated: false });
  });

  it.each([
    ['errorCode ===', `probe(body[0].errorCode === 'INVALID_SESSION_ID')`],
    ['name ===', `probe(err.name === 'INVALID_SESSION_ID')`],
    ['includes', `probe(err.message.includes('INVALID_SESSION_ID'))`],
    ['indexOf >= 0', `probe(text.indexOf('INVALID_SESSION_ID') >= 0)`],
    ['indexOf !== -1', `probe(text.indexOf('INVALID_SESSION_ID') !== -1)`],
    ['RegExp#test', 'probe(/sf:INVALID_SESSION_ID/.test(fault.faultcode))'],
    ['match', 'probe(body.match(/INVALID_SESSION_ID/))'],
    ['Bulk API 1.0 exception code', `probe(result.exceptionCode === 'InvalidSessionId')`],
    ['some() over errors', `probe(errors.some((e) => e.errorCode === 'INVALID_SESSION_ID'))`],
    ['constant code', `const EXPIRED = 'INVALID_SESSION_ID'; probe(code === EXPIRED)`],
  ])('%s is an INVALID_SESSION_ID test', (_name, code) => {
    expect(test(code)).toEqual({ signal: 'invalid-session-id', negated: false });
  });

  it.each([
    ['!==', 'probe(res.status !== 401)'],
    ['!', 'probe(!(res.status === 401))'],
    ['indexOf === -1', `probe(text.indexOf('INVALID_SESSION_ID') === -1)`],
    ['|| with a negated side', 'probe(res.status !== 401 || retried)'],
  ])('%s is negated', (_name, code) => {
    expect(test(code)?.negated).toBe(true);
  });

  it('follows a named test', () => {
    expect(test('const expired = res.status === 401; probe(expired)')).toEqual({ signal: 'http-401', negated: false });
  });

  it.each([
    ['403', 'probe(res.status === 403)'],
    ['429', 'probe(res.status === 429)'],
    ['401 compared with a non-status', 'probe(count === 401)'],
    ['other error code', `probe(body.errorCode === 'REQUEST_LIMIT_EXCEEDED')`],
    ['plain identifier', 'probe(ok)'],
    ['includes of another text', `probe(message.includes('timeout'))`],
  ])('%s is not a session test', (_name, code) => {
    expect(test(code)).toBeNull();
  });

  it.each([
    ['an arrow helper', 'const isExpired = (r) => r.status === 401; probe(isExpired(res))'],
    ['a function helper with one return', `function sessionExpired(e) { return e.errorCode === 'INVALID_SESSION_ID'; } probe(sessionExpired(err))`],
    ['a negated helper', 'const isExpired = (r) => r.status === 401; probe(!isExpired(res))'],
  ])('follows %s written in the file', (_name, code) => {
    expect(test(code)?.negated).toBe(code.includes('!isExpired'));
  });

  it.each([
    ['a helper with several statements', 'function isExpired(r) { log(r); return r.status === 401; } probe(isExpired(res))'],
    [
      'a method read through this, with early returns and a list of excluded messages',
      `class Api {
        isSessionExpired(response) {
          if (response.statusCode === 401) {
            const skip = ['not attached', 'not valid for use with the REST API'];
            for (const text of skip) {
              if (response.body.includes(text)) return false;
            }
            return true;
          }
          return false;
        }
        run(res) { probe(this.isSessionExpired(res)); }
      }`,
    ],
    ['an early exit on a live session', 'function isAuthError(err) { if (err.status !== 401) return false; return true; } probe(isAuthError(e))'],
    ['an object method', `const auth = { expired(e) { return e.errorCode === 'INVALID_SESSION_ID'; } }; probe(auth.expired(err))`],
    ['a block-bodied arrow', 'const expired = (r) => { if (r.status === 401) { return true; } return null; }; probe(expired(res))'],
  ])('follows %s as an expired test', (_name, code) => {
    expect(test(code)?.negated).toBe(false);
  });

  it.each([
    ['an imported helper', `import { isExpired } from '../x'; probe(isExpired(res))`],
    ['a helper that changes state', 'function isExpired(r) { this.last = r; return r.status === 401; } probe(isExpired(res))'],
    ['a helper returning true on another test', 'function isExpired(r) { if (r.status === 403) return true; return false; } probe(isExpired(res))'],
    ['a helper returning true on every path', 'function isExpired(r) { if (r.status === 401) log(r); return true; } probe(isExpired(res))'],
    ['a helper returning something else as well', 'function isExpired(r) { if (r.status === 401) return true; return r.retry; } probe(isExpired(res))'],
    ['an async helper', 'async function isExpired(r) { return r.status === 401; } probe(isExpired(res))'],
    ['a recursive helper', 'function isExpired(r) { return isExpired(r); } probe(isExpired(res))'],
  ])('does not follow %s', (_name, code) => {
    expect(test(code)).toBeNull();
  });

  it.each([
    [
      'a field of the object a method returns, read through a name',
      `class Svc {
        describe(err) {
          const text = String(err);
          if (text.includes('converted')) return { code: 'C', again: false };
          if (text.includes('INVALID_SESSION_ID')) return { code: 'S', again: true };
          return { code: 'U', again: false };
        }
        run(e) { const info = this.describe(e); probe(info.again); }
      }`,
    ],
    ['a field of a call result read in place', `const kind = (e) => ({ expired: e.errorCode === 'INVALID_SESSION_ID' }); probe(kind(err).expired)`],
  ])('follows %s as an expired test', (_name, code) => {
    expect(test(code)).toEqual({ signal: 'invalid-session-id', negated: false });
  });

  it.each([
    ['a field true under another test', `function describe(e) { if (e.status === 429) return { again: true }; return { again: false }; } probe(describe(err).again)`],
    ['a field missing from one returned object', `function describe(e) { if (e.status === 401) return { again: true }; return other; } probe(describe(err).again)`],
    ['another field of the object', `function describe(e) { if (e.status === 401) return { again: true, code: e.code }; return { again: false, code: 'X' }; } probe(describe(err).code)`],
    ['a field of an awaited result', `async function describe(e) { return { again: e.status === 401 }; } async function go() { const info = await describe(err); probe(info.again); }`],
  ])('does not follow %s', (_name, code) => {
    expect(test(code)).toBeNull();
  });

  it('follows names that hold each other without looping', () => {
    const assignments = Array.from({ length: 12 }, (_, index) => `v${index} = v${(index + 1) % 12}; v${index} = v${(index + 5) % 12};`).join('\n');
    const code = `let ${Array.from({ length: 12 }, (_, index) => `v${index}`).join(', ')};\n${assignments}\nprobe(v0 === 401)`;
    expect(test(code)).toBeNull();
    expect(test('const x = !x; probe(x)')).toBeNull();
  });

  it('works on TypeScript', () => {
    expect(test('probe((res as Response).status === (401 as const))', true)).toEqual({ signal: 'http-401', negated: false });
  });
});
