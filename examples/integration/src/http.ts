/** Authenticated requests, refreshing the token when Salesforce answers 401. */
import { forgetToken, getToken } from './auth';

export async function salesforceFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const token = await getToken();
  const response = await fetch(url, {
    ...init,
    headers: { ...init.headers, Authorization: `Bearer ${token}`, Accept: 'application/json' },
  });
  if (response.status === 401) {
    forgetToken();
    return salesforceFetch(url, init);
  }
  return response;
}
