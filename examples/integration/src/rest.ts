/** The REST API calls the integration makes. */
import { config } from './config';
import { salesforceFetch } from './http';

// The org's URL, defaulting to the host that the token came from.
const SALESFORCE_URL = process.env.SF_URL ?? 'https://login.salesforce.com';
const API = `${SALESFORCE_URL}/services/data/v${config.apiVersion}`;

export interface Account {
  Id: string;
  Name: string;
}

export async function findAccounts(name: string): Promise<Account[]> {
  const soql = `SELECT Id, Name FROM Account WHERE Name LIKE '${name.replace(/'/g, "\\'")}%'`;
  const response = await salesforceFetch(`${API}/query?q=${encodeURIComponent(soql)}`);
  const body = (await response.json()) as { records: Account[] };
  return body.records;
}

export async function updateAccount(id: string, fields: Partial<Account>): Promise<void> {
  const response = await salesforceFetch(`${API}/sobjects/Account/${id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fields),
  });
  if (!response.ok) throw new Error(`Update of ${id} failed: ${response.status}`);
}
