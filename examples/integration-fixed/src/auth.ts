/** OAuth: the JWT bearer flow, keeping the instance that the token belongs to. */
import { createSign } from 'node:crypto';
import { config } from './config';

interface TokenResponse {
  access_token: string;
  instance_url: string;
  issued_at: string;
}

export interface Session {
  accessToken: string;
  instanceUrl: string;
}

let session: Session | undefined;

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

/** A signed JWT assertion for the integration user, valid for three minutes. */
function assertion(): string {
  const header = base64url(JSON.stringify({ alg: 'RS256' }));
  const claims = base64url(
    JSON.stringify({ iss: config.clientId, sub: config.username, aud: config.loginUrl, exp: Math.floor(Date.now() / 1000) + 180 }),
  );
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(config.privateKey);
  return `${header}.${claims}.${base64url(signature)}`;
}

export async function requestToken(): Promise<Session> {
  const response = await fetch(`${config.loginUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: assertion() }),
  });
  if (!response.ok) throw new Error(`Token request failed: ${response.status}`);
  const { access_token, instance_url } = (await response.json()) as TokenResponse;
  session = { accessToken: access_token, instanceUrl: instance_url };
  return session;
}

export async function getSession(): Promise<Session> {
  return session ?? requestToken();
}

export function forgetSession(): void {
  session = undefined;
}
