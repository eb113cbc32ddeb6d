/** The SOAP API: a partner login, logged in again once when Salesforce answers INVALID_SESSION_ID. */
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
  try {
    return await serverTimestamp();
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('INVALID_SESSION_ID')) throw error;
    await soapLogin(); // log in again once, then retry once
    return serverTimestamp();
  }
}

async function serverTimestamp(): Promise<string> {
  if (!session) await soapLogin();
  const { sessionId, serverUrl } = session!;
  const response = await fetch(serverUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: 'getServerTimestamp' },
    body: `<?xml version="1.0" encoding="utf-8"?>
<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:partner.soap.sforce.com">
  <env:Header><urn:SessionHeader><urn:sessionId>${sessionId}</urn:sessionId></urn:SessionHeader></env:Header>
  <env:Body><urn:getServerTimestamp/></env:Body>
</env:Envelope>`,
  });
  const xml = await response.text();
  if (xml.includes('<faultcode>')) throw new Error(tag(xml, 'faultstring'));
  return tag(xml, 'timestamp');
}
