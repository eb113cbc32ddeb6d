// @ts-check
/**
 * A generated Salesforce-heavy ES module of `units` repeated units, each with its own names, for the
 * benchmark's growth measure (scripts/bench.mjs): the plugin's cost on 2N units over N units.
 */

/**
 * One generated unit: module-level constants, an axios instance, a token request, a query with a 401
 * retry, a login-host data call the rules report (with an access token in reach, so it is fixable), a
 * try/catch on `INVALID_SESSION_ID`, a class with a client in a field, and a loop.
 * @param {number} index
 */
function salesforceUnit(index) {
  const previous = index > 0 ? `query${index - 1}` : 'Promise.resolve';
  return `
const LOGIN_${index} = 'https://login.salesforce.com';
const API_VERSION_${index} = 'v59.0';
const client${index} = axios.create({ baseURL: \`\${process.env.SF_INSTANCE_URL}/services/data/\${API_VERSION_${index}}\` });

async function token${index}(form) {
  const response = await fetch(\`\${LOGIN_${index}}/services/oauth2/token\`, { method: 'POST', body: form });
  if (!response.ok) throw new Error(\`token request failed: \${response.status}\`);
  return response.json();
}

async function query${index}(soql, attempt = 0) {
  const { access_token, instance_url } = await token${index}(new URLSearchParams({ grant_type: 'client_credentials' }));
  const response = await fetch(\`\${instance_url}/services/data/\${API_VERSION_${index}}/query?q=\${encodeURIComponent(soql)}\`, {
    headers: { Authorization: \`Bearer \${access_token}\` },
  });
  if (response.status === 401 && attempt < 2) return query${index}(soql, attempt + 1);
  const tokenResponse = await fetch(LOGIN_${index} + '/services/oauth2/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token' }) });
  const tokens = await tokenResponse.json();
  const legacy = await fetch(\`https://login.salesforce.com/services/data/v59.0/sobjects/Account/${index}\`, {
    headers: { Authorization: \`Bearer \${tokens.access_token}\` },
  });
  try {
    const { data } = await client${index}.get('/limits');
    return [await response.json(), await legacy.json(), data, await ${previous}(soql)];
  } catch (error) {
    if (error.response?.status === 401 || String(error.message).includes('INVALID_SESSION_ID')) {
      throw new Error('Salesforce session expired');
    }
    throw error;
  }
}

class Sync${index} {
  constructor(instanceUrl) {
    this.base = \`\${instanceUrl}/services/data/\${API_VERSION_${index}}\`;
    this.http = axios.create({ baseURL: this.base, headers: { 'Content-Type': 'application/json' } });
  }

  async accounts() {
    const records = [];
    for (let page = 0; page < 3; page += 1) {
      const res = await this.http.get(\`/query?q=SELECT+Id+FROM+Account+OFFSET+\${page * 200}\`);
      if (res.status === 401) break;
      records.push(...res.data.records);
    }
    return records;
  }
}
`;
}

/** @param {number} units */
export function salesforceProgram(units) {
  const parts = ["import axios from 'axios';\n"];
  for (let index = 0; index < units; index += 1) parts.push(salesforceUnit(index));
  parts.push(`export { ${Array.from({ length: units }, (_, index) => `query${index}, Sync${index}`).join(', ')} };\n`);
  return parts.join('');
}

