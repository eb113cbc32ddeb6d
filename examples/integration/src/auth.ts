/** OAuth: exchanges the integration user's credentials for an access token. */
import { config } from './config';

interface TokenResponse {
  access_token: string;
  instance_url: string;
  issued_at: string;
}

let accessToken: string | undefined;

export async function requestToken(): Promise<string> {
  const response = await fetch(`${config.loginUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: config.clientId,
      client_secret: config.clientSecret,
      username: config.username,
      password: config.password,
    }),
  });
  if (!response.ok) throw new Error(`Token request failed: ${response.status}`);
  const { access_token } = (await response.json()) as TokenResponse;
  accessToken = access_token;
  return access_token;
}

export async function getToken(): Promise<string> {
  return accessToken ?? requestToken();
}

export function forgetToken(): void {
  accessToken = undefined;
}
