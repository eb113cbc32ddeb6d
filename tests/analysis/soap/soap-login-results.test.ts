import { describe, expect, it } from 'vitest';

import { loginHostSet } from '../../../src/analysis/http/salesforce';
import { dropsServerUrl, loginSessions } from '../../../src/analysis/soap/soap-login-results';
import { withSource } from '../helpers';

const hosts = loginHostSet();

interface Summary {
  library: string;
  sessionReads: string[];
  serverUrlRead: boolean;
  escapes: boolean;
  fixedEndpointCall: string | null;
  drops: boolean;
}

function sessions(code: string, ts = false): Summary[] {
  return withSource(
    code,
    (sourceCode) =>
      loginSessions(sourceCode, hosts).map((session) => ({
        library: session.library,
        sessionReads: session.sessionReads.map((node) => sourceCode.getText(node)),
        serverUrlRead: session.serverUrlRead,
        escapes: session.escapes,
        fixedEndpointCall: session.fixedEndpointCall && sourceCode.getText(session.fixedEndpointCall.callee),
        drops: dropsServerUrl(session),
      })),
    { ts },
  );
}

const SOAP_ASYNC = `import soap from 'soap';
const client = await soap.createClientAsync('./partner.wsdl');
const [result] = await client.loginAsync({ username, password });`;

describe('loginSessions: node-soap', () => {
  it('reads the session, ignores serverUrl, and queries the WSDL endpoint', () => {
    const code = `${SOAP_ASYNC}
client.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId } }, '', 'tns', 'urn:partner.soap.sforce.com');
const [accounts] = await client.queryAsync({ queryString: 'SELECT Id FROM Account' });`;
    expect(sessions(code)).toEqual([
      { library: 'soap', sessionReads: ['result.result.sessionId'], serverUrlRead: false, escapes: false, fixedEndpointCall: 'client.queryAsync', drops: true },
    ]);
  });

  it('callback style, destructured result', () => {
    const code = `const soap = require('soap');
soap.createClient(wsdl, (err, client) => {
  client.login({ username, password }, (err, { result: { sessionId } }) => {
    client.addSoapHeader({ SessionHeader: { sessionId } });
    client.query({ queryString: q }, done);
  });
});`;
    expect(sessions(code)).toEqual([
      { library: 'soap', sessionReads: ['sessionId'], serverUrlRead: false, escapes: false, fixedEndpointCall: 'client.query', drops: true },
    ]);
  });

  it('a literal setEndpoint is a fixed endpoint', () => {
    const code = `${SOAP_ASYNC}
client.setEndpoint('https://na42.salesforce.com/services/Soap/u/59.0');
client.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId } });
await client.queryAsync({ queryString: q });`;
    expect(sessions(code)[0]?.drops).toBe(true);
  });

  it('an HTTP call to a literal Salesforce host after the login is a fixed endpoint', () => {
    const code = `${SOAP_ASYNC}
const sid = result.result.sessionId;
await fetch('https://na42.salesforce.com/services/data/v59.0/limits', { headers: { Authorization: 'Bearer ' + sid } });`;
    expect(sessions(code)[0]).toMatchObject({ sessionReads: ['result.result.sessionId'], fixedEndpointCall: 'fetch', drops: true });
  });

  it.each([
    ['setEndpoint(serverUrl)', `${SOAP_ASYNC}
client.setEndpoint(result.result.serverUrl);
client.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId } });
await client.queryAsync({ queryString: q });`, { serverUrlRead: true }],
    ['the whole result returned', `import soap from 'soap';
export async function login() {
  const client = await soap.createClientAsync('./partner.wsdl');
  const [result] = await client.loginAsync({ username, password });
  client.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId } });
  await client.queryAsync({ queryString: q });
  return result;
}`, { escapes: true }],
    ['setEndpoint with a value the file does not tell', `${SOAP_ASYNC}
client.setEndpoint(process.env.SF_ENDPOINT);
client.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId } });
await client.queryAsync({ queryString: q });`, { fixedEndpointCall: null }],
    ['no later call', `${SOAP_ASYNC}
console.log(result.result.sessionId);`, { fixedEndpointCall: null }],
  ])('not dropped: %s', (_name, code, expected) => {
    const [session] = sessions(code);
    expect(session).toMatchObject({ ...expected, drops: false });
  });

  it('one session per login of the client, in source order; another login is no API call', () => {
    const code = `${SOAP_ASYNC}
client.addSoapHeader({ SessionHeader: { sessionId: result.result.sessionId } });
client.login(other, (err, second) => { use(second.result.sessionId); });`;
    expect(sessions(code)).toEqual([
      { library: 'soap', sessionReads: ['result.result.sessionId'], serverUrlRead: false, escapes: false, fixedEndpointCall: null, drops: false },
      { library: 'soap', sessionReads: ['second.result.sessionId'], serverUrlRead: false, escapes: false, fixedEndpointCall: null, drops: false },
    ]);
  });

  it('finds no session on a client that does not log in', () => {
    expect(sessions(`import soap from 'soap';
const client = await soap.createClientAsync(wsdl);
client.setEndpoint('https://na42.salesforce.com/services/Soap/u/59.0');
await client.queryAsync({ queryString: q });`)).toEqual([]);
  });
});

describe('loginSessions: jsforce', () => {
  it('conn.accessToken after loginBySoap, with a call to a literal instance', () => {
    const code = `import { Connection } from 'jsforce';
const conn = new Connection({ loginUrl: 'https://test.salesforce.com' });
await conn.loginBySoap(username, password);
const token = conn.accessToken;
await fetch('https://acme.my.salesforce.com/services/apexrest/orders', { headers: { Authorization: \`Bearer \${token}\` } });`;
    expect(sessions(code)).toEqual([
      { library: 'jsforce', sessionReads: ['conn.accessToken'], serverUrlRead: false, escapes: false, fixedEndpointCall: 'fetch', drops: true },
    ]);
  });

  it.each([
    ['conn.instanceUrl read', `import { Connection } from 'jsforce';
const conn = new Connection();
await conn.login(username, password);
await fetch(\`\${conn.instanceUrl}/services/apexrest/orders\`, { headers: { Authorization: \`Bearer \${conn.accessToken}\` } });
await fetch('https://acme.my.salesforce.com/services/apexrest/x');`, { serverUrlRead: true, drops: false }],
    ['the connection handed on', `import { Connection } from 'jsforce';
const conn = new Connection();
await conn.login(username, password);
save(conn, conn.accessToken);
await fetch('https://acme.my.salesforce.com/services/apexrest/x');`, { escapes: true, drops: false }],
    ['accessToken written, not read', `import { Connection } from 'jsforce';
const conn = new Connection();
await conn.login(username, password);
conn.accessToken = other;
await fetch('https://acme.my.salesforce.com/services/apexrest/x');`, { sessionReads: [], drops: false }],
  ])('%s', (_name, code, expected) => {
    expect(sessions(code)[0]).toMatchObject(expected);
  });

  it('a connection held in a class field, from a required jsforce', () => {
    const code = `const jsforce = require('jsforce');
class Sf {
  conn = new jsforce.Connection();
  async go() {
    await this.conn.login(username, password);
    return fetch('https://acme.my.salesforce.com/services/apexrest/x', { headers: { Authorization: 'Bearer ' + this.conn.accessToken } });
  }
}`;
    expect(sessions(code)).toEqual([
      { library: 'jsforce', sessionReads: ['this.conn.accessToken'], serverUrlRead: false, escapes: false, fixedEndpointCall: 'fetch', drops: true },
    ]);
  });

  it('one session per login, each with the reads after it', () => {
    const code = `import { Connection } from 'jsforce';
const conn = new Connection();
await conn.login(username, password);
const first = conn.accessToken;
await conn.loginBySoap(username, password);
await fetch('https://acme.my.salesforce.com/services/apexrest/x', { headers: { Authorization: 'Bearer ' + conn.accessToken } });`;
    expect(sessions(code).map((session) => session.sessionReads)).toEqual([['conn.accessToken', 'conn.accessToken'], ['conn.accessToken']]);
  });

  it('finds no login on a connection that only authorizes', () => {
    expect(sessions(`import { Connection } from 'jsforce'; const conn = new Connection({ oauth2 }); await conn.authorize(code); use(conn.accessToken);`)).toEqual([]);
  });

  it('works on TypeScript', () => {
    const code = `import soap from 'soap';
const client: soap.Client = await soap.createClientAsync(wsdl);
const [result] = (await client.loginAsync({ username, password })) as [LoginResponse];
client.addSoapHeader({ SessionHeader: { sessionId: result!.result.sessionId as string } });
await client.queryAsync({ queryString: q });`;
    expect(sessions(code, true)[0]?.drops).toBe(true);
  });
});
