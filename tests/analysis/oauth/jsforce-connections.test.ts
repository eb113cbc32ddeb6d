import { describe, expect, it } from 'vitest';

import { connectionsWithoutInstance, isPageSession } from '../../../src/analysis/oauth/jsforce-connections';
import { probeArgument, withSource } from '../helpers';

function missing(code: string, ts = false): string[] {
  return withSource(code, (sourceCode) => connectionsWithoutInstance(sourceCode).map((found) => `${found.option}: ${sourceCode.getText(found.session.value)}`), { ts });
}

describe('connectionsWithoutInstance', () => {
  it.each([
    ['accessToken', `import { Connection } from 'jsforce'; new Connection({ accessToken: token });`, ['accessToken: token']],
    ['sessionId, shorthand', `const jsforce = require('jsforce'); new jsforce.Connection({ sessionId, version: '59.0' });`, ['sessionId: sessionId']],
    ['jsforce-node', `import { Connection } from '@jsforce/jsforce-node'; new Connection({ accessToken: t, loginUrl: 'https://test.salesforce.com' });`, ['accessToken: t']],
    ['options held by a constant, listed once', `import { Connection } from 'jsforce'; const o = { accessToken: t }; new Connection(o); new Connection(o);`, ['accessToken: t']],
    ['the browser global', `new jsforce.Connection({ accessToken: token });`, ['accessToken: token']],
  ])('%s', (_name, code, expected) => {
    expect(missing(code)).toEqual(expected);
  });

  it.each([
    ['instanceUrl', `import { Connection } from 'jsforce'; new Connection({ accessToken, instanceUrl });`],
    ['serverUrl', `import { Connection } from 'jsforce'; new Connection({ sessionId, serverUrl });`],
    ['no session', `import { Connection } from 'jsforce'; new Connection({ loginUrl: 'https://test.salesforce.com' });`],
    ['a spread', `import { Connection } from 'jsforce'; new Connection({ ...session, accessToken });`],
    ['options the file does not show', `import { Connection } from 'jsforce'; new Connection(options);`],
    ['a Visualforce merge field', `new jsforce.Connection({ accessToken: '{!$Api.Session_ID}' });`],
    ['instanceUrl set afterwards', `import { Connection } from 'jsforce'; const conn = new Connection({ accessToken }); conn.instanceUrl = url;`],
    ['login afterwards', `import { Connection } from 'jsforce'; const conn = new Connection({ accessToken }); await conn.login(u, p);`],
    ['a class field set up later', `import { Connection } from 'jsforce'; class S { conn = new Connection({ accessToken }); init(code) { return this.conn.authorize(code); } }`],
    ['a local class named Connection', `class Connection {} new Connection({ accessToken });`],
  ])('not: %s', (_name, code) => {
    expect(missing(code)).toEqual([]);
  });

  it('works on TypeScript', () => {
    expect(missing(`import { Connection } from 'jsforce'; new Connection({ accessToken: token as string } satisfies Options);`, true)).toEqual(['accessToken: token as string']);
  });
});

describe('isPageSession', () => {
  function page(code: string): boolean {
    return withSource(code, (sourceCode) => isPageSession(sourceCode, probeArgument(sourceCode)));
  }

  it.each([
    ['merge field', `probe('{!$Api.Session_ID}')`],
    ['any case, inner spaces', `probe('{! $API.Session_Id }')`],
    ['GETSESSIONID()', `probe('{!GETSESSIONID()}')`],
    ['through a constant', `const SID = '{!$Api.Session_ID}'; probe(SID)`],
    ['sforce.connection.sessionId', 'probe(sforce.connection.sessionId)'],
    ['__sfdcSessionId', 'probe(__sfdcSessionId)'],
    ['window.__sfdcSessionId', 'probe(window.__sfdcSessionId)'],
  ])('%s', (_name, code) => {
    expect(page(code)).toBe(true);
  });

  it.each([
    ['a token', 'probe(token)'],
    ['a local named sforce', 'const sforce = load(); probe(sforce.connection.sessionId)'],
    ['other merge fields', `probe('{!$User.Id}')`],
  ])('not %s', (_name, code) => {
    expect(page(code)).toBe(false);
  });
});
