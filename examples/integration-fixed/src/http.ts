/** Authenticated requests to the org's own instance; on 401, one new token and one retry. */
import { forgetSession, getSession } from './auth';

export async function salesforceFetch(path: string, init: RequestInit = {}, retries = 1): Promise<Response> {
  const { accessToken, instanceUrl } = await getSession();
  const response = await fetch(`${instanceUrl}${path}`, {
    ...init,
    headers: { ...init.headers, Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
  });
  if (response.status === 401 && retries > 0) {
    forgetSession();
    return salesforceFetch(path, init, retries - 1);
  }
  return response; // a second 401 reaches the caller
}
