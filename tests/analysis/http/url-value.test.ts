import { describe, expect, it } from 'vitest';

import { holdsWhitespace, parseUrl, renderValue, stringValues } from '../../../src/analysis/http/url-value';
import { probeArgument, withSource } from '../helpers';

function values(code: string, ts = false): string[] {
  return withSource(code, (sourceCode) => stringValues(sourceCode, probeArgument(sourceCode)).map(renderValue), { ts });
}

describe('stringValues', () => {
  it.each([
    ['literal', `probe('https://login.salesforce.com/services/data')`, ['https://login.salesforce.com/services/data']],
    ['template with unknown part', 'probe(`https://login.salesforce.com/services/data/v${v}/query`)', ['https://login.salesforce.com/services/data/v${…}/query']],
    ['concatenation through const', `const base = 'https://login.salesforce.com'; probe(base + '/services/data')`, ['https://login.salesforce.com/services/data']],
    ['module const used in a function', `const B = 'https://a.b'; function f() { return probe(\`\${B}/x\`); }`, ['https://a.b/x']],
    ['object property', `const config = { sf: { apiBase: 'https://login.salesforce.com' } }; probe(config.sf.apiBase + '/p')`, ['https://login.salesforce.com/p']],
    ['destructuring default', `const { SF_API = 'https://login.salesforce.com' } = process.env; probe(SF_API)`, ['${…}', 'https://login.salesforce.com']],
    ['fallback', `probe(process.env.URL || 'https://x.y')`, ['${…}', 'https://x.y']],
    ['conditional', `probe(sandbox ? 'https://test.salesforce.com' : 'https://login.salesforce.com')`, ['https://test.salesforce.com', 'https://login.salesforce.com']],
    ['new URL(path, base)', `probe(new URL('/services/data/v59.0', 'https://login.salesforce.com/x/y'))`, ['https://login.salesforce.com/services/data/v59.0']],
    ['new URL relative path', `probe(new URL('data', 'https://h.example/a/b'))`, ['https://h.example/a/data']],
    ['URL object href', `const u = new URL('https://h.example/p'); probe(u.href)`, ['https://h.example/p']],
    ['URL object origin', `const u = new URL('https://h.example/p'); probe(u.origin + '/q')`, ['https://h.example/q']],
    ['reassigned let collects every write', `let b = 'https://a'; if (x) b = 'https://b'; probe(b)`, ['https://a', 'https://b']],
    ['parameter default', `function f(base = 'https://a') { probe(base) }`, ['${…}', 'https://a']],
    ['unknown global', `probe(someGlobal)`, ['${…}']],
    ['class field', `class C { base = 'https://login.salesforce.com'; go() { probe(this.base + '/p') } }`, ['https://login.salesforce.com/p']],
    ['constructor assignment', `class C { constructor() { this.base = 'https://h' } go() { probe(\`\${this.base}/p\`) } }`, ['https://h/p']],
    ['what a helper the file declares returns', `function tokenUrl(base) { const url = new URL(\`\${base}/services/oauth2/token\`); return url; } probe(tokenUrl(host))`, ['${…}/services/oauth2/token']],
    ['an async helper gives a promise, not a URL', `async function tokenUrl() { return 'https://h/p'; } probe(tokenUrl())`, ['${…}']],
    ['join of array', `probe(['https://h', 'services', 'data'].join('/'))`, ['https://h/services/data']],
    ['String() and toString()', `const u = new URL('https://h/p'); probe(String(u) + u.toString())`, ['https://h/phttps://h/p']],
    ['self reference does not loop', `let a = 'x'; a = a + 'y'; probe(a)`, ['x', 'xy', '${…}y']],
    ['URL imported from node:url', `import { URL } from 'node:url'; probe(new URL('/p', 'https://h'))`, ['https://h/p']],
    ['shadowed URL class is not the URL constructor', `class URL { constructor(a) {} } probe(new URL('https://h'))`, ['${…}']],
  ])('%s', (_name, code, expected) => {
    expect(values(code)).toEqual(expected);
  });

  it('follows TypeScript wrappers', () => {
    expect(values(`const base = 'https://h' as const; probe((base as string)! + '/p')`, true)).toEqual(['https://h/p']);
  });
});

describe('parseUrl', () => {
  const parse = (code: string) =>
    withSource(code, (sourceCode) => stringValues(sourceCode, probeArgument(sourceCode)).map((value) => parseUrl(value)));
  it('reads host and path, case-insensitive host', () => {
    expect(parse(`probe('HTTPS://Login.Salesforce.com:443/services/data?q=1')`)).toEqual([
      { scheme: 'https', host: 'login.salesforce.com', origin: 'HTTPS://Login.Salesforce.com:443', path: '/services/data', pathComplete: true, relative: false },
    ]);
  });
  it('keeps the host unknown when an unknown part may continue it', () => {
    expect(parse('probe(`https://login.salesforce.com${rest}`)')[0]?.host).toBeNull();
  });
  it('sees a lookalike host as that host', () => {
    expect(parse(`probe('https://login.salesforce.com.example.org/services/data')`)[0]?.host).toBe('login.salesforce.com.example.org');
  });
  it('reads relative paths', () => {
    expect(parse('probe(`/services/data/v${v}/sobjects`)')[0]).toMatchObject({ host: null, path: '/services/data/v', pathComplete: false, relative: true });
  });
  it('returns null for text that is not a URL', () => {
    expect(parse(`probe('Do not call https://login.salesforce.com/services/data')`)).toEqual([null]);
  });
});

describe('holdsWhitespace', () => {
  it('tells prose that mentions a URL from a URL', () => {
    expect(holdsWhitespace({ segments: ['see https://login.salesforce.com/services/data'], head: null })).toBe(true);
    expect(holdsWhitespace({ segments: ['https://login.salesforce.com/services/data/v', null, '/query'], head: null })).toBe(false);
    expect(holdsWhitespace({ segments: [null, ' failed'], head: null })).toBe(true);
  });
});
