import { describe, expect, it } from 'vitest';

import { isInUrlPosition, urlPositions } from '../../../src/analysis/http/url-positions';
import { probeArgument, withSource } from '../helpers';

/** Each URL position of a file as `role text`. */
function positions(code: string): string[] {
  return withSource(code, (sourceCode) => urlPositions(sourceCode).list.map((position) => `${position.role} ${sourceCode.getText(position.node)}`));
}

describe('urlPositions', () => {
  it.each([
    ['fetch URL', `fetch(url, { method: 'POST' })`, ['request url']],
    ['axios call with its own base', `import axios from 'axios'; axios({ url: '/p', baseURL: base })`, ['request \'/p\'', 'base base']],
    ['client base, then its calls', `import axios from 'axios'; const api = axios.create({ baseURL: b }); api.get('/p')`, ['base b', 'request \'/p\'']],
    ['node:http hostname', `import https from 'node:https'; https.request({ hostname: h, path: p })`, ['host h']],
    [
      'jsforce Connection, its oauth2 object and OAuth2',
      `import { Connection, OAuth2 } from 'jsforce'; new Connection({ instanceUrl: i, loginUrl: l, oauth2: { tokenServiceUrl: t } }); new OAuth2({ loginUrl: o, redirectUri: r })`,
      ['base i', 'base l', 'base t', 'base o'],
    ],
    ['node-soap setEndpoint', `import soap from 'soap'; const c = await soap.createClientAsync(w); c.setEndpoint(e); c.login(x)`, ['base e']],
    ['nothing', `const u = 'https://h'; go(u)`, []],
  ])('%s', (_name, code, expected) => {
    expect(positions(code)).toEqual(expected);
  });

  it('is computed once per file', () => {
    expect(withSource(`fetch(u)`, (sourceCode) => urlPositions(sourceCode) === urlPositions(sourceCode))).toBe(true);
  });
});

describe('isInUrlPosition', () => {
  const inside = (code: string) => withSource(code, (sourceCode) => isInUrlPosition(probeArgument(sourceCode), urlPositions(sourceCode)));
  it('is true for a string written inside a position, false elsewhere', () => {
    expect(inside(`fetch(cond ? probe('https://a') : b)`)).toBe(true);
    expect(inside(`import https from 'node:https'; https.request({ hostname: h, path: probe('/p') })`)).toBe(true);
    expect(inside(`const u = probe('https://a'); fetch(u)`)).toBe(false);
  });
});
