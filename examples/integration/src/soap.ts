/** The SOAP API: a partner login, then metadata calls with its session. */
import { config } from './config';

let session: { sessionId: string; serverUrl: string } | undefined;

function loginEnvelope(username: string, password: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:partner.soap.sforce.com">
  <env:Body>
    <urn:login><urn:username>${username}</urn:username><urn:password>${password}</urn:password></urn:login>
  </env:Body>
</env:Envelope>`;
}

function tag(xml: string, name: string): string {
  const value = new RegExp(`<${name}>([^<]+)</${name}>`).exec(xml)?.[1];
  if (!value) throw new Error(`No <${name}> in the SOAP response`);
  return value;
}

export async function soapLogin(): Promise<void> {
  const response = await fetch(`${config.loginUrl}/services/Soap/u/${config.apiVersion}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: 'login' },
    body: loginEnvelope(config.username, config.password),
  });
  const xml = await response.text();
  session = { sessionId: tag(xml, 'sessionId'), serverUrl: tag(xml, 'serverUrl') };
}

export async function getServerTimestamp(): Promise<string> {
  if (!session) throw new Error('Call soapLogin() first');
  const response = await fetch(session.serverUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: 'getServerTimestamp' },
    body: `<?xml version="1.0" encoding="utf-8"?>
<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:partner.soap.sforce.com">
  <env:Header><urn:SessionHeader><urn:sessionId>${session.sessionId}</urn:sessionId></urn:SessionHeader></env:Header>
  <env:Body><urn:getServerTimestamp/></env:Body>
</env:Envelope>`,
  });
  return tag(await response.text(), 'timestamp');
}
