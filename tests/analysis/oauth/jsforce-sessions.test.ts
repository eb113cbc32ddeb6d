import { describe, expect, it } from 'vitest';

import { httpModel } from '../../../src/analysis/http/http-calls';
import { connectionSession } from '../../../src/analysis/oauth/jsforce-sessions';
import { withSource } from '../helpers';

interface Summary {
  copies: { read: string; leaves: string | null }[];
  instanceRead: boolean;
  streaming: number;
  refresh: { stored: string | null; readsInstance: boolean }[];
  escapes: boolean;
}

/** What the file does with the session of its one jsforce connection. */
function summary(code: string): Summary {
  return withSource(code, (sourceCode) => {
    const [connection] = httpModel(sourceCode).connections;
    if (!connection) throw new Error('no connection');
    const found = connectionSession(sourceCode, connection);
    return {
      copies: found.copies.map((copy) => ({ read: sourceCode.getText(copy.read), leaves: copy.leaves && copy.leaves.kind })),
      instanceRead: found.instanceRead,
      streaming: found.streaming.length,
      refresh: found.refreshHandlers.map((handler) => ({ stored: handler.stored && sourceCode.getText(handler.stored.node), readsInstance: handler.readsInstance })),
      escapes: found.escapes,
    };
  });
}

describe('connectionSession', () => {
  it('a copy of the session returned without the connection', () => {
    expect(
      summary(`import jsforce from 'jsforce';
export async function token(user, pass) {
  const conn = new jsforce.Connection();
  await conn.login(user, pass);
  return conn.accessToken;
}`),
    ).toEqual({ copies: [{ read: 'conn.accessToken', leaves: 'returned' }], instanceRead: false, streaming: 0, refresh: [], escapes: false });
  });

  it('a copy destructured and kept in module state, with the instance', () => {
    expect(
      summary(`import jsforce from 'jsforce';
let session;
export async function open() {
  const conn = new jsforce.Connection();
  await conn.login(user, pass);
  const { accessToken, instanceUrl } = conn;
  session = { accessToken, instanceUrl };
}`),
    ).toMatchObject({ copies: [{ read: 'accessToken', leaves: 'stored' }], instanceRead: true, escapes: false });
  });

  it('follows the connection through a helper and a returned value to the Streaming client', () => {
    expect(
      summary(`const jsforce = require('jsforce');
async function connect() { const conn = new jsforce.Connection(); await conn.login(u, p); return conn; }
function stream(connection) { return connection.streaming.topic('/event/X__e'); }
stream(await connect()).subscribe(console.log);`),
    ).toMatchObject({ copies: [], streaming: 1, escapes: false });
  });

  it("'refresh' handlers: what they store and whether they read the instance", () => {
    expect(
      summary(`import { Connection } from 'jsforce';
const conn = new Connection({ oauth2, instanceUrl, accessToken, refreshToken });
conn.on('refresh', (accessToken) => { db.token = accessToken; });
conn.on('refresh', (accessToken, res) => { db.session = { accessToken, host: res.instance_url }; });
conn.on('refresh', (accessToken) => console.log(accessToken.length));`).refresh,
    ).toEqual([
      { stored: 'accessToken', readsInstance: false },
      { stored: 'accessToken', readsInstance: true },
      { stored: null, readsInstance: false },
    ]);
  });

  it('the connection handed on escapes', () => {
    expect(summary(`import { Connection } from 'jsforce'; export const conn = new Connection();`).escapes).toBe(true);
    expect(summary(`import { Connection } from 'jsforce'; const conn = new Connection(); register(conn);`).escapes).toBe(true);
  });
});
