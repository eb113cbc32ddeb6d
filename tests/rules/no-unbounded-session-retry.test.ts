import type { InvalidTestCase, ValidTestCase } from '@typescript-eslint/rule-tester';

import type { MessageIds, Options } from '../../src/rules/no-unbounded-session-retry';

import rule from '../../src/rules/no-unbounded-session-retry';
import { fixedOutputs, invalid, ruleTester, valid } from './utils';

type Invalid = InvalidTestCase<MessageIds, Options>;
type Valid = string | ValidTestCase<Options>;

/** Each unbounded retry next to its valid twin: the same shape, bounded (or not a session retry). */
const twins: [Invalid, Valid][] = [
  // Self-recursion after a 401 ↔ a `retries` counter checked and decremented
  [
    {
      code: `async function request(url) {
  const res = await fetch(url);
  if (res.status === 401) {
    await refreshToken();
    return request(url);
  }
  return res;
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 5, column: 12, endLine: 5, endColumn: 24, suggestions: [{ messageId: 'addRetryCounter', output: `async function request(url, retries = 1) {
  const res = await fetch(url);
  if (res.status === 401 && retries > 0) {
    await refreshToken();
    return request(url, retries - 1);
  }
  return res;
}` }] }],
    },
    `async function request(url, retries = 1) {
  const res = await fetch(url);
  if (res.status === 401 && retries > 0) {
    await refreshToken();
    return request(url, retries - 1);
  }
  return res;
}`,
  ],
  // A rejected OAuth token is an expired session too, with no other session word in the file ↔ a counter
  [
    {
      code: `async function load(url) {
  const res = await fetch(url);
  const body = await res.text();
  if (body.includes('Bad_OAuth_Token')) {
    await renew();
    return load(url);
  }
  return body;
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 6, column: 12, endLine: 6, endColumn: 21, suggestions: [{ messageId: 'addRetryCounter', output: `async function load(url, retries = 1) {
  const res = await fetch(url);
  const body = await res.text();
  if (body.includes('Bad_OAuth_Token') && retries > 0) {
    await renew();
    return load(url, retries - 1);
  }
  return body;
}` }] }],
    },
    `async function load(url, retries = 1) {
  const res = await fetch(url);
  const body = await res.text();
  if (body.includes('Bad_OAuth_Token') && retries > 0) {
    await renew();
    return load(url, retries - 1);
  }
  return body;
}`,
  ],
  // Early exit on a live session, then recursion ↔ an attempt counter checked by an early throw
  [
    {
      code: `async function request(url, options) {
  const res = await fetch(url, options);
  if (res.status !== 401) return res;
  await refreshToken();
  return request(url, options);
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 5, column: 10, endLine: 5, endColumn: 31, suggestions: [{ messageId: 'addRetryCounter', output: `async function request(url, options, retries = 1) {
  const res = await fetch(url, options);
  if (res.status !== 401 || retries <= 0) return res;
  await refreshToken();
  return request(url, options, retries - 1);
}` }] }],
    },
    `async function request(url, options, attempt = 0) {
  if (attempt >= 1) throw new Error('Session still invalid after a refresh');
  const res = await fetch(url, options);
  if (res.status !== 401) return res;
  await refreshToken();
  return request(url, options, attempt + 1);
}`,
  ],
  // Class method through `this`, in a catch ↔ `isRetry = false`, then passing `true`
  [
    {
      code: `class SalesforceClient {
  async query(soql) {
    try {
      return await this.http.get('/query', { params: { q: soql } });
    } catch (err) {
      if (err.response?.status === 401) {
        await this.refresh();
        return this.query(soql);
      }
      throw err;
    }
  }
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 8, column: 16, endLine: 8, endColumn: 32, suggestions: [{ messageId: 'addRetryCounter', output: `class SalesforceClient {
  async query(soql, retries = 1) {
    try {
      return await this.http.get('/query', { params: { q: soql } });
    } catch (err) {
      if (err.response?.status === 401 && retries > 0) {
        await this.refresh();
        return this.query(soql, retries - 1);
      }
      throw err;
    }
  }
}` }] }],
    },
    `class SalesforceClient {
  async query(soql, isRetry = false) {
    try {
      return await this.http.get('/query', { params: { q: soql } });
    } catch (err) {
      if (err.response?.status === 401 && !isRetry) {
        await this.refresh();
        return this.query(soql, true);
      }
      throw err;
    }
  }
}`,
  ],
  // Recursion from a `.then` callback ↔ a single re-issue
  [
    {
      code: `function request(url) {
  return fetch(url).then((res) => {
    if (res.status === 401) return refreshToken().then(() => request(url));
    return res.json();
  });
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 3, column: 62, endLine: 3, endColumn: 74, suggestions: [{ messageId: 'addRetryCounter', output: `function request(url, retries = 1) {
  return fetch(url).then((res) => {
    if (res.status === 401 && retries > 0) return refreshToken().then(() => request(url, retries - 1));
    return res.json();
  });
}` }] }],
    },
    `function request(url) {
  return fetch(url).then((res) => {
    if (res.status === 401) return refreshToken().then(() => fetch(url));
    return res.json();
  });
}`,
  ],
  // `.catch` on INVALID_SESSION_ID ↔ a `retried` flag passed as `true`
  [
    {
      code: `function query(conn, soql) {
  return conn.query(soql).catch((err) => {
    if (err.errorCode === 'INVALID_SESSION_ID') return reauthenticate(conn).then(() => query(conn, soql));
    throw err;
  });
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 3, column: 88, endLine: 3, endColumn: 105, suggestions: [{ messageId: 'addRetryCounter', output: `function query(conn, soql, retries = 1) {
  return conn.query(soql).catch((err) => {
    if (err.errorCode === 'INVALID_SESSION_ID' && retries > 0) return reauthenticate(conn).then(() => query(conn, soql, retries - 1));
    throw err;
  });
}` }] }],
    },
    `function query(conn, soql, retried = false) {
  return conn.query(soql).catch((err) => {
    if (err.errorCode === 'INVALID_SESSION_ID' && !retried) return reauthenticate(conn).then(() => query(conn, soql, true));
    throw err;
  });
}`,
  ],
  // Recursion from a callback handed to the refresh ↔ a `tries` counter
  [
    {
      code: `function request(url, callback) {
  https.get(url, (res) => {
    if (res.statusCode === 401) return refreshSession(() => request(url, callback));
    callback(null, res);
  });
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 3, column: 61, endLine: 3, endColumn: 83, suggestions: [{ messageId: 'addRetryCounter', output: `function request(url, callback, retries = 1) {
  https.get(url, (res) => {
    if (res.statusCode === 401 && retries > 0) return refreshSession(() => request(url, callback, retries - 1));
    callback(null, res);
  });
}` }] }],
    },
    `function request(url, callback, tries = 0) {
  https.get(url, (res) => {
    if (res.statusCode === 401 && tries < 1) return refreshSession(() => request(url, callback, tries + 1));
    callback(null, res);
  });
}`,
  ],
  // Const arrow, conditional expression ↔ pagination recursion that throws on 401
  [
    {
      code: `const request = async (url) => {
  const res = await fetch(url);
  return res.status === 401 ? refreshToken().then(() => request(url)) : res;
};`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 3, column: 57, endLine: 3, endColumn: 69, suggestions: [{ messageId: 'addRetryCounter', output: `const request = async (url, retries = 1) => {
  const res = await fetch(url);
  return res.status === 401 && retries > 0 ? refreshToken().then(() => request(url, retries - 1)) : res;
};` }] }],
    },
    `const fetchAll = async (url, records = []) => {
  const res = await fetch(url);
  if (res.status === 401) throw new Error('Session expired');
  const body = await res.json();
  return body.done ? [...records, ...body.records] : fetchAll(body.nextRecordsUrl, [...records, ...body.records]);
};`,
  ],
  // `case 'INVALID_SESSION_ID':` recursion ↔ the case throws; backoff only on REQUEST_LIMIT_EXCEEDED
  [
    {
      code: `async function call(body) {
  const result = await send(body);
  switch (result.errorCode) {
    case 'INVALID_SESSION_ID':
      await login();
      return call(body);
    default:
      return result;
  }
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 6, column: 14, endLine: 6, endColumn: 24, suggestions: [] }],
    },
    `async function call(body) {
  const result = await send(body);
  switch (result.errorCode) {
    case 'INVALID_SESSION_ID':
      throw new SessionExpiredError(result);
    case 'REQUEST_LIMIT_EXCEEDED':
      await sleep(60000);
      return call(body);
    default:
      return result;
  }
}`,
  ],
  // Counter checked but passed on unchanged ↔ passed incremented
  [
    {
      code: `const MAX_ATTEMPTS = 2;
async function request(url, attempt = 1) {
  const res = await fetch(url);
  if (res.status === 401 && attempt < MAX_ATTEMPTS) {
    await refreshToken();
    return request(url, attempt);
  }
  return res;
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 6, column: 12, endLine: 6, endColumn: 33, suggestions: [{ messageId: 'addRetryCounter', output: `const MAX_ATTEMPTS = 2;
async function request(url, attempt = 1, retries = 1) {
  const res = await fetch(url);
  if (res.status === 401 && attempt < MAX_ATTEMPTS && retries > 0) {
    await refreshToken();
    return request(url, attempt, retries - 1);
  }
  return res;
}` }] }],
    },
    `const MAX_ATTEMPTS = 2;
async function request(url, attempt = 1) {
  const res = await fetch(url);
  if (res.status === 401 && attempt < MAX_ATTEMPTS) {
    await refreshToken();
    return request(url, attempt + 1);
  }
  return res;
}`,
  ],
  // Counter changed but never checked ↔ checked by an early throw
  [
    {
      code: `async function request(url, attempt = 0) {
  const res = await fetch(url);
  if (res.status === 401) {
    await refreshToken();
    return request(url, attempt + 1);
  }
  return res;
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 5, column: 12, endLine: 5, endColumn: 37, suggestions: [{ messageId: 'addRetryCounter', output: `async function request(url, attempt = 0, retries = 1) {
  const res = await fetch(url);
  if (res.status === 401 && retries > 0) {
    await refreshToken();
    return request(url, attempt + 1, retries - 1);
  }
  return res;
}` }] }],
    },
    `async function request(url, attempt = 0) {
  if (attempt > 1) throw new Error('Session still invalid after a refresh');
  const res = await fetch(url);
  if (res.status === 401) {
    await refreshToken();
    return request(url, attempt + 1);
  }
  return res;
}`,
  ],
  // Check on something the retry never changes ↔ a flag the retry sets
  [
    {
      code: `async function request(url, options) {
  const res = await fetch(url, options);
  if (res.status === 401 && options.autoRefresh) {
    await refreshToken();
    return request(url, options);
  }
  return res;
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 5, column: 12, endLine: 5, endColumn: 33, suggestions: [{ messageId: 'addRetryCounter', output: `async function request(url, options, retries = 1) {
  const res = await fetch(url, options);
  if (res.status === 401 && options.autoRefresh && retries > 0) {
    await refreshToken();
    return request(url, options, retries - 1);
  }
  return res;
}` }] }],
    },
    `async function request(url, options) {
  const res = await fetch(url, options);
  if (res.status === 401 && !options.retried) {
    await refreshToken();
    return request(url, { ...options, retried: true });
  }
  return res;
}`,
  ],
  // `while (true)` with `continue` ↔ a numeric `for` bound
  [
    {
      code: `async function query(url) {
  while (true) {
    const res = await fetch(url);
    if (res.status === 401) {
      await refreshToken();
      continue;
    }
    return res.json();
  }
}`,
      output: null,
      errors: [{ messageId: 'unboundedContinue', line: 6, column: 7, endLine: 6, endColumn: 16, suggestions: [{ messageId: 'boundLoop', output: `async function query(url) {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const res = await fetch(url);
    if (res.status === 401 && attempt < 1) {
      await refreshToken();
      continue;
    }
    return res.json();
  }
}` }] }],
    },
    `async function query(url) {
  for (let attempt = 0; attempt < 2; attempt++) {
    const res = await fetch(url);
    if (res.status === 401) {
      await refreshToken();
      continue;
    }
    return res.json();
  }
  throw new Error('Session still invalid after a refresh');
}`,
  ],
  // A labeled `continue` out of a nested loop ↔ the nested loop's own `continue`, under a bound
  [
    {
      code: `async function sync(items) {
  outer: while (true) {
    for (const item of items) {
      const res = await fetch(item.url, { headers: { Authorization: \`Bearer \${token}\` } });
      if (res.status === 401) {
        token = await refreshToken();
        continue outer;
      }
    }
    break;
  }
}`,
      output: null,
      errors: [{ messageId: 'unboundedContinue', line: 7, column: 9, endLine: 7, endColumn: 24, suggestions: [{ messageId: 'boundLoop', output: `async function sync(items) {
  outer: for (let attempt = 0; attempt < 2; attempt += 1) {
    for (const item of items) {
      const res = await fetch(item.url, { headers: { Authorization: \`Bearer \${token}\` } });
      if (res.status === 401 && attempt < 1) {
        token = await refreshToken();
        continue outer;
      }
    }
    break;
  }
}` }] }],
    },
    `async function sync(items) {
  while (true) {
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await fetch(items.url, { headers: { Authorization: \`Bearer \${token}\` } });
      if (res.status === 401) {
        token = await refreshToken();
        continue;
      }
      return res;
    }
    throw new Error('Session still invalid after a refresh');
  }
}`,
  ],
  // `for (;;)` falling through to the next iteration ↔ `while (tries++ < 2)`
  [
    {
      code: `async function query(url) {
  for (;;) {
    const res = await fetch(url);
    if (res.status !== 401) return res.json();
    await refreshToken();
  }
}`,
      output: null,
      errors: [{ messageId: 'unboundedLoop', line: 2, column: 3, endLine: 2, endColumn: 11, suggestions: [{ messageId: 'boundLoop', output: `async function query(url) {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const res = await fetch(url);
    if (res.status !== 401 || attempt >= 1) return res.json();
    await refreshToken();
  }
}` }] }],
    },
    `async function query(url) {
  let tries = 0;
  while (tries++ < 2) {
    const res = await fetch(url);
    if (res.status !== 401) return res.json();
    await refreshToken();
  }
  throw new Error('Session still invalid after a refresh');
}`,
  ],
  // `do … while (res.status === 401)` ↔ a counter in the loop condition
  [
    {
      code: `async function query(url) {
  let res;
  do {
    res = await fetch(url);
    if (res.status === 401) await refreshToken();
  } while (res.status === 401);
  return res;
}`,
      output: null,
      errors: [{ messageId: 'unboundedLoop', line: 6, column: 5, endLine: 6, endColumn: 31, suggestions: [] }],
    },
    `async function query(url) {
  let res;
  let attempts = 0;
  do {
    res = await fetch(url);
    if (res.status === 401) await refreshToken();
  } while (res.status === 401 && attempts++ < 1);
  return res;
}`,
  ],
  // `while (res.status === 401)` re-fetching ↔ a polling loop that throws on 401
  [
    {
      code: `async function query(url) {
  let res = await fetch(url);
  while (res.status === 401) {
    await refreshToken();
    res = await fetch(url);
  }
  return res;
}`,
      output: null,
      errors: [{ messageId: 'unboundedLoop', line: 3, column: 3, endLine: 3, endColumn: 29, suggestions: [] }],
    },
    `async function poll(url) {
  while (true) {
    const res = await fetch(url);
    if (res.status === 401) throw new Error('Session expired');
    const job = await res.json();
    if (job.state === 'JobComplete') return job;
    await sleep(5000);
  }
}`,
  ],
  // `case 401:` … `break` in `while (true)` ↔ the same loop backing off on 503
  [
    {
      code: `async function query(url) {
  while (true) {
    const res = await fetch(url);
    switch (res.status) {
      case 401:
        await refreshToken();
        break;
      default:
        return res;
    }
  }
}`,
      output: null,
      errors: [{ messageId: 'unboundedLoop', line: 2, column: 3, endLine: 2, endColumn: 15, suggestions: [] }],
    },
    `async function query(url) {
  while (true) {
    const res = await fetch(url);
    switch (res.status) {
      case 503:
        await sleep(1000);
        break;
      default:
        return res;
    }
  }
}`,
  ],
  // axios instance interceptor replaying `error.config` ↔ the `_retry` flag
  [
    {
      code: `import axios from 'axios';

const api = axios.create({ baseURL: instanceUrl });
api.interceptors.response.use(
  (response) => response,
  async (error) => {
    if (error.response?.status === 401) {
      await refreshToken();
      return api(error.config);
    }
    return Promise.reject(error);
  },
);`,
      output: null,
      errors: [{ messageId: 'unboundedReplay', line: 9, column: 14, endLine: 9, endColumn: 31, suggestions: [{ messageId: 'addRetryFlag', output: `import axios from 'axios';

const api = axios.create({ baseURL: instanceUrl });
api.interceptors.response.use(
  (response) => response,
  async (error) => {
    if (error.response?.status === 401 && !error.config._retry) {
      error.config._retry = true;
      await refreshToken();
      return api(error.config);
    }
    return Promise.reject(error);
  },
);` }] }],
    },
    `import axios from 'axios';

const api = axios.create({ baseURL: instanceUrl });
api.interceptors.response.use(
  (response) => response,
  async (error) => {
    const originalRequest = error.config;
    if (error.response?.status === 401 && !originalRequest._retry) {
      originalRequest._retry = true;
      await refreshToken();
      return api(originalRequest);
    }
    return Promise.reject(error);
  },
);`,
  ],
  // Global axios interceptor, expression body ↔ `_retry` in the replayed config
  [
    {
      code: `import axios from 'axios';

axios.interceptors.response.use(undefined, (error) =>
  error.response?.status === 401 ? refreshToken().then(() => axios(error.config)) : Promise.reject(error),
);`,
      output: null,
      errors: [{ messageId: 'unboundedReplay', line: 4, column: 62, endLine: 4, endColumn: 81, suggestions: [{ messageId: 'addRetryFlag', output: `import axios from 'axios';

axios.interceptors.response.use(undefined, (error) =>
  error.response?.status === 401 && !error.config._retry ? refreshToken().then(() => axios({ ...error.config, _retry: true })) : Promise.reject(error),
);` }] }],
    },
    `import axios from 'axios';

axios.interceptors.response.use(undefined, (error) =>
  error.response?.status === 401 && !error.config._retry
    ? refreshToken().then(() => axios({ ...error.config, _retry: true }))
    : Promise.reject(error),
);`,
  ],
  // Interceptor early exit, `.request(alias)` ↔ a retry counter on the config
  [
    {
      code: `import axios from 'axios';

const api = axios.create({ baseURL: instanceUrl });
api.interceptors.response.use(null, async (error) => {
  const original = error.config;
  if (error.response?.status !== 401) throw error;
  await refreshToken();
  return api.request(original);
});`,
      output: null,
      errors: [{ messageId: 'unboundedReplay', line: 8, column: 10, endLine: 8, endColumn: 31, suggestions: [{ messageId: 'addRetryFlag', output: `import axios from 'axios';

const api = axios.create({ baseURL: instanceUrl });
api.interceptors.response.use(null, async (error) => {
  const original = error.config;
  if (error.response?.status !== 401 || original._retry) throw error;
  original._retry = true;
  await refreshToken();
  return api.request(original);
});` }] }],
    },
    `import axios from 'axios';

const api = axios.create({ baseURL: instanceUrl });
api.interceptors.response.use(null, async (error) => {
  const original = error.config;
  original.retryCount = original.retryCount || 0;
  if (error.response?.status !== 401 || original.retryCount >= 1) throw error;
  original.retryCount += 1;
  await refreshToken();
  return api.request(original);
});`,
  ],
  // Interceptor handler declared as a function ↔ replaying through another client (no loop)
  [
    {
      code: `import axios from 'axios';

const api = axios.create({ baseURL: instanceUrl });
async function onRejected(error) {
  if (error.response && error.response.status === 401) {
    await refreshToken();
    return api(error.config);
  }
  throw error;
}
api.interceptors.response.use((response) => response, onRejected);`,
      output: null,
      errors: [{ messageId: 'unboundedReplay', line: 7, column: 12, endLine: 7, endColumn: 29, suggestions: [{ messageId: 'addRetryFlag', output: `import axios from 'axios';

const api = axios.create({ baseURL: instanceUrl });
async function onRejected(error) {
  if (error.response && error.response.status === 401 && !error.config._retry) {
    error.config._retry = true;
    await refreshToken();
    return api(error.config);
  }
  throw error;
}
api.interceptors.response.use((response) => response, onRejected);` }] }],
    },
    `import axios from 'axios';

const api = axios.create({ baseURL: instanceUrl });
async function onRejected(error) {
  if (error.response && error.response.status === 401) {
    await refreshToken();
    return axios(error.config);
  }
  throw error;
}
api.interceptors.response.use((response) => response, onRejected);`,
  ],
  // p-retry `retries: Infinity` refreshing on 401 ↔ a finite `retries`
  [
    {
      code: `import pRetry from 'p-retry';

await pRetry(() => api.get('/limits'), {
  retries: Infinity,
  onFailedAttempt: async (error) => {
    if (error.response?.status === 401) await refreshToken();
  },
});`,
      output: null,
      errors: [{ messageId: 'unboundedLibrary', line: 4, column: 3, endLine: 4, endColumn: 20, suggestions: [] }],
    },
    `import pRetry from 'p-retry';

await pRetry(() => api.get('/limits'), {
  retries: 3,
  onFailedAttempt: async (error) => {
    if (error.response?.status === 401) await refreshToken();
  },
});`,
  ],
  // async-retry `forever: true`, the attempt refreshes and throws ↔ `bail` on 401
  [
    {
      code: `const retry = require('async-retry');

await retry(async () => {
  const res = await fetch(url);
  if (res.status === 401) {
    await refreshToken();
    throw new Error('Session expired');
  }
  return res;
}, { forever: true });`,
      output: null,
      errors: [{ messageId: 'unboundedLibrary', line: 10, column: 6, endLine: 10, endColumn: 19, suggestions: [] }],
    },
    `const retry = require('async-retry');

await retry(async (bail) => {
  const res = await fetch(url);
  if (res.status === 401) {
    bail(new Error('Session expired'));
    return;
  }
  return res;
}, { forever: true });`,
  ],
  // retry `operation({ forever: true })` ↔ a finite `retries`
  [
    {
      code: `const retry = require('retry');

const operation = retry.operation({ forever: true });
operation.attempt(async () => {
  try {
    await callSalesforce();
  } catch (err) {
    if (err.statusCode === 401) await refreshToken();
    if (operation.retry(err)) return;
  }
});`,
      output: null,
      errors: [{ messageId: 'unboundedLibrary', line: 3, column: 37, endLine: 3, endColumn: 50, suggestions: [] }],
    },
    `const retry = require('retry');

const operation = retry.operation({ retries: 2 });
operation.attempt(async () => {
  try {
    await callSalesforce();
  } catch (err) {
    if (err.statusCode === 401) await refreshToken();
    if (operation.retry(err)) return;
  }
});`,
  ],
  // Catch-all handler refreshing through a token request in the file ↔ a `retried` flag
  [
    {
      code: `async function refreshAccessToken() {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
  accessToken = (await res.json()).access_token;
}

async function query(soql) {
  try {
    return await get(soql);
  } catch (err) {
    await refreshAccessToken();
    return query(soql);
  }
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 11, column: 12, endLine: 11, endColumn: 23, suggestions: [] }],
    },
    `async function refreshAccessToken() {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
  accessToken = (await res.json()).access_token;
}

async function query(soql, retried = false) {
  try {
    return await get(soql);
  } catch (err) {
    if (retried) throw err;
    await refreshAccessToken();
    return query(soql, true);
  }
}`,
  ],
  // Catch-all jsforce `login()` in `while (true)` ↔ an attempt check in the catch
  [
    {
      code: `import jsforce from 'jsforce';

const conn = new jsforce.Connection({ loginUrl: 'https://login.salesforce.com' });
async function query(soql) {
  while (true) {
    try {
      return await conn.query(soql);
    } catch (err) {
      await conn.login(username, password);
    }
  }
}`,
      output: null,
      errors: [{ messageId: 'unboundedLoop', line: 5, column: 3, endLine: 5, endColumn: 15, suggestions: [] }],
    },
    `import jsforce from 'jsforce';

const conn = new jsforce.Connection({ loginUrl: 'https://login.salesforce.com' });
async function query(soql) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await conn.query(soql);
    } catch (err) {
      if (attempt >= 1) throw err;
      await conn.login(username, password);
    }
  }
}`,
  ],
  // Object literal method through `this` ↔ a `retries` counter
  [
    {
      code: `const salesforce = {
  async get(path) {
    const res = await fetch(this.base + path);
    if (res.status === 401) {
      await this.refresh();
      return this.get(path);
    }
    return res;
  },
};`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 6, column: 14, endLine: 6, endColumn: 28, suggestions: [{ messageId: 'addRetryCounter', output: `const salesforce = {
  async get(path, retries = 1) {
    const res = await fetch(this.base + path);
    if (res.status === 401 && retries > 0) {
      await this.refresh();
      return this.get(path, retries - 1);
    }
    return res;
  },
};` }] }],
    },
    `const salesforce = {
  async get(path, retries = 1) {
    const res = await fetch(this.base + path);
    if (res.status === 401 && retries > 0) {
      await this.refresh();
      return this.get(path, retries - 1);
    }
    return res;
  },
};`,
  ],
  // Helper that tests expiry (`isSessionExpired(res)`) ↔ backoff on 429
  [
    {
      code: `const isSessionExpired = (res) => res.status === 401;
async function request(url) {
  const res = await fetch(url);
  if (isSessionExpired(res)) {
    await refreshToken();
    return request(url);
  }
  return res;
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 6, column: 12, endLine: 6, endColumn: 24, suggestions: [{ messageId: 'addRetryCounter', output: `const isSessionExpired = (res) => res.status === 401;
async function request(url, retries = 1) {
  const res = await fetch(url);
  if (isSessionExpired(res) && retries > 0) {
    await refreshToken();
    return request(url, retries - 1);
  }
  return res;
}` }] }],
    },
    `const isRateLimited = (res) => res.status === 429;
async function request(url) {
  const res = await fetch(url);
  if (isRateLimited(res)) {
    await sleep(1000);
    return request(url);
  }
  return res;
}`,
  ],
  // RxJS `catchError` → `switchMap` back to the same method (TypeScript) ↔ a single re-issue
  [
    {
      code: `import { catchError, switchMap } from 'rxjs/operators';

export class AccountService {
  getAccounts(): Observable<Account[]> {
    return this.http.get<Account[]>(this.url).pipe(
      catchError((err: HttpErrorResponse) => {
        if (err.status === 401) {
          return this.auth.refresh().pipe(switchMap(() => this.getAccounts()));
        }
        return throwError(() => err);
      }),
    );
  }
}`,
      filename: 'file.ts',
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 8, column: 59, endLine: 8, endColumn: 77, suggestions: [{ messageId: 'addRetryCounter', output: `import { catchError, switchMap } from 'rxjs/operators';

export class AccountService {
  getAccounts(retries = 1): Observable<Account[]> {
    return this.http.get<Account[]>(this.url).pipe(
      catchError((err: HttpErrorResponse) => {
        if (err.status === 401 && retries > 0) {
          return this.auth.refresh().pipe(switchMap(() => this.getAccounts(retries - 1)));
        }
        return throwError(() => err);
      }),
    );
  }
}` }] }],
    },
    { code: `import { catchError, switchMap } from 'rxjs/operators';

export class AccountService {
  getAccounts(): Observable<Account[]> {
    return this.http.get<Account[]>(this.url).pipe(
      catchError((err: HttpErrorResponse) => {
        if (err.status === 401) {
          return this.auth.refresh().pipe(switchMap(() => this.http.get<Account[]>(this.url)));
        }
        return throwError(() => err);
      }),
    );
  }
}`, filename: 'file.ts' },
  ],
  // Typed generic arrow with `as` and `HttpStatus.UNAUTHORIZED` (TypeScript) ↔ a `retries` counter
  [
    {
      code: `export const request = async <T>(url: string, init?: RequestInit): Promise<T> => {
  const res = await fetch(url, init);
  if ((res as Response).status === HttpStatus.UNAUTHORIZED) {
    await refreshToken();
    return request<T>(url, init);
  }
  return (await res.json()) as T;
};`,
      filename: 'file.ts',
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 5, column: 12, endLine: 5, endColumn: 33, suggestions: [{ messageId: 'addRetryCounter', output: `export const request = async <T>(url: string, init?: RequestInit, retries = 1): Promise<T> => {
  const res = await fetch(url, init);
  if ((res as Response).status === HttpStatus.UNAUTHORIZED && retries > 0) {
    await refreshToken();
    return request<T>(url, init, retries - 1);
  }
  return (await res.json()) as T;
};` }] }],
    },
    { code: `export const request = async <T>(url: string, init?: RequestInit, retries = 1): Promise<T> => {
  const res = await fetch(url, init);
  if ((res as Response).status === HttpStatus.UNAUTHORIZED && retries > 0) {
    await refreshToken();
    return request<T>(url, init, retries - 1);
  }
  return (await res.json()) as T;
};`, filename: 'file.ts' },
  ],
  // A presence guard on a token the refresh writes from the response ↔ a refresh that clears it when it fails
  [
    {
      code: `class SalesforceApi {
  async request(path) {
    if (!this.accessToken) throw new Error('Not authenticated');
    const res = await fetch(\`\${this.instanceUrl}\${path}\`, { headers: { Authorization: \`Bearer \${this.accessToken}\` } });
    if (res.status === 401) {
      await this.refresh();
      return this.request(path);
    }
    return res.json();
    }
  async refresh() {
    const res = await fetch(\`\${this.loginUrl}/services/oauth2/token\`, { method: 'POST', body: this.refreshBody() });
    const data = await res.json();
    this.accessToken = data.access_token;
    }
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 7, column: 14, endLine: 7, endColumn: 32, suggestions: [{ messageId: 'addRetryCounter', output: `class SalesforceApi {
  async request(path, retries = 1) {
    if (!this.accessToken) throw new Error('Not authenticated');
    const res = await fetch(\`\${this.instanceUrl}\${path}\`, { headers: { Authorization: \`Bearer \${this.accessToken}\` } });
    if (res.status === 401 && retries > 0) {
      await this.refresh();
      return this.request(path, retries - 1);
    }
    return res.json();
    }
  async refresh() {
    const res = await fetch(\`\${this.loginUrl}/services/oauth2/token\`, { method: 'POST', body: this.refreshBody() });
    const data = await res.json();
    this.accessToken = data.access_token;
    }
}` }] }],
    },
    `class SalesforceApi {
  async request(path) {
    if (!this.accessToken) throw new Error('Not authenticated');
    const res = await fetch(\`\${this.instanceUrl}\${path}\`, { headers: { Authorization: \`Bearer \${this.accessToken}\` } });
    if (res.status === 401) {
      await this.refresh();
      return this.request(path);
    }
    return res.json();
  }
  async refresh() {
    this.accessToken = null;
    const res = await fetch(\`\${this.loginUrl}/services/oauth2/token\`, { method: 'POST', body: this.refreshBody() });
    if (res.ok) this.accessToken = (await res.json()).access_token;
  }
}`,
  ],
  // A method's returned object says whether the failure is the expired session; the catch logs in again
  // through a method that clears the connection first ↔ a `retried` flag
  [
    {
      code: `import jsforce from 'jsforce';

class LeadSync {
  conn = null;
  async open() {
    this.conn = new jsforce.Connection({ loginUrl: 'https://login.salesforce.com' });
    await this.conn.login(user, pass);
  }
  classify(error) {
    const text = String(error);
    if (text.includes('converted')) return { code: 'CONVERTED', again: false };
    if (text.includes('INVALID_SESSION_ID')) return { code: 'SESSION', again: true };
    return { code: 'OTHER', again: false };
  }
  async push(id, fields) {
    try {
      return await this.conn.sobject('Lead').update({ Id: id, ...fields });
    } catch (error) {
      const info = this.classify(error);
      if (info.again) {
        this.conn = null;
        await this.open();
        return this.push(id, fields);
      }
      return { ok: false, error: info };
    }
  }
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 23, column: 16, endLine: 23, endColumn: 37, suggestions: [{ messageId: 'addRetryCounter', output: `import jsforce from 'jsforce';

class LeadSync {
  conn = null;
  async open() {
    this.conn = new jsforce.Connection({ loginUrl: 'https://login.salesforce.com' });
    await this.conn.login(user, pass);
  }
  classify(error) {
    const text = String(error);
    if (text.includes('converted')) return { code: 'CONVERTED', again: false };
    if (text.includes('INVALID_SESSION_ID')) return { code: 'SESSION', again: true };
    return { code: 'OTHER', again: false };
  }
  async push(id, fields, retries = 1) {
    try {
      return await this.conn.sobject('Lead').update({ Id: id, ...fields });
    } catch (error) {
      const info = this.classify(error);
      if (info.again && retries > 0) {
        this.conn = null;
        await this.open();
        return this.push(id, fields, retries - 1);
      }
      return { ok: false, error: info };
    }
  }
}` }] }],
    },
    `import jsforce from 'jsforce';

class LeadSync {
  conn = null;
  async open() {
    this.conn = new jsforce.Connection({ loginUrl: 'https://login.salesforce.com' });
    await this.conn.login(user, pass);
  }
  classify(error) {
    const text = String(error);
    if (text.includes('converted')) return { code: 'CONVERTED', again: false };
    if (text.includes('INVALID_SESSION_ID')) return { code: 'SESSION', again: true };
    return { code: 'OTHER', again: false };
  }
  async push(id, fields, retried = false) {
    try {
      return await this.conn.sobject('Lead').update({ Id: id, ...fields });
    } catch (error) {
      const info = this.classify(error);
      if (info.again && !retried) {
        this.conn = null;
        await this.open();
        return this.push(id, fields, true);
      }
      return { ok: false, error: info };
    }
  }
}`,
  ],
  // The counter bounds the retry's own call, but another call re-sends the same request with the counter
  // reset, and the retry goes back to the host that call tests ↔ the other call hands the counter on
  [
    {
      code: `import axios from 'axios';

const HOSTS = { PUBLIC: 'https://api.example.com', INTERNAL: 'https://internal.example.com' };
async function callApi(req, path, tries = 0, host = HOSTS.PUBLIC) {
  try {
    return await axios.get(host + path, { headers: { Authorization: \`Bearer \${req.token}\` } });
  } catch (err) {
    if (err.response?.status !== 401) {
      if (host === HOSTS.PUBLIC) return callApi(req, path, 0, HOSTS.INTERNAL);
      throw err;
    }
    if (tries > 0) throw err;
    await renewToken(req);
    return callApi(req, path, 1);
  }
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 14, column: 12, endLine: 14, endColumn: 33, suggestions: [] }],
    },
    `import axios from 'axios';

const HOSTS = { PUBLIC: 'https://api.example.com', INTERNAL: 'https://internal.example.com' };
async function callApi(req, path, tries = 0, host = HOSTS.PUBLIC) {
  try {
    return await axios.get(host + path, { headers: { Authorization: \`Bearer \${req.token}\` } });
  } catch (err) {
    if (err.response?.status !== 401) {
      if (host === HOSTS.PUBLIC) return callApi(req, path, tries, HOSTS.INTERNAL);
      throw err;
    }
    if (tries > 0) throw err;
    await renewToken(req);
    return callApi(req, path, 1);
  }
}`,
  ],
];

/** More unbounded retries: where suggestions are offered, shaped, or withheld. */
const more: Invalid[] = [
  // ofetch: a flag checked on the options but never set on the ones the replay carries
  {
    code: `import { ofetch } from 'ofetch';

export const api = ofetch.create({
  baseURL: instanceUrl,
  async onResponseError({ request, options, response }) {
    if (response.status === 401 && !options._retry) {
      await refreshToken();
      await api(request, options);
    }
  },
});`,
    output: null,
    errors: [{ messageId: 'unboundedReplay', line: 8, column: 13, endLine: 8, endColumn: 34 }],
  },
  // `retries` is taken: no suggestion
  {
    code: `async function request(url, retries) {
  const res = await fetch(url);
  if (res.status === 401) return request(url, retries);
  return res;
}`,
    output: null,
    errors: [{ messageId: 'unboundedRecursion', line: 3, column: 34, endLine: 3, endColumn: 55, suggestions: [] }],
  },
  // A recursive call leaves out a parameter: no suggestion (the new one would land in its place)
  {
    code: `async function request(url, options) {
  const res = await fetch(url, options);
  if (res.status === 401) return request(url);
  return res;
}`,
    output: null,
    errors: [{ messageId: 'unboundedRecursion', line: 3, column: 34, endLine: 3, endColumn: 46, suggestions: [] }],
  },
  // Rest parameter: no suggestion
  {
    code: `async function request(url, ...rest) {
  const res = await fetch(url, ...rest);
  if (res.status === 401) return request(url, ...rest);
  return res;
}`,
    output: null,
    errors: [{ messageId: 'unboundedRecursion', line: 3, column: 34, endLine: 3, endColumn: 55, suggestions: [] }],
  },
  // Two retries in one function: one suggestion bounds both
  {
    code: `async function request(url) {
  const res = await fetch(url);
  if (res.status === 401) return refreshToken().then(() => request(url));
  const body = await res.json();
  if (body[0]?.errorCode === 'INVALID_SESSION_ID') return refreshToken().then(() => request(url));
  return body;
}`,
    output: null,
    errors: [{ messageId: 'unboundedRecursion', line: 3, column: 60, endLine: 3, endColumn: 72, suggestions: [{ messageId: 'addRetryCounter', output: `async function request(url, retries = 1) {
  const res = await fetch(url);
  if (res.status === 401 && retries > 0) return refreshToken().then(() => request(url, retries - 1));
  const body = await res.json();
  if (body[0]?.errorCode === 'INVALID_SESSION_ID' && retries > 0) return refreshToken().then(() => request(url, retries - 1));
  return body;
}` }] }, { messageId: 'unboundedRecursion', line: 5, column: 85, endLine: 5, endColumn: 97, suggestions: [{ messageId: 'addRetryCounter', output: `async function request(url, retries = 1) {
  const res = await fetch(url);
  if (res.status === 401 && retries > 0) return refreshToken().then(() => request(url, retries - 1));
  const body = await res.json();
  if (body[0]?.errorCode === 'INVALID_SESSION_ID' && retries > 0) return refreshToken().then(() => request(url, retries - 1));
  return body;
}` }] }],
  },
  // Single parameter arrow without parentheses
  {
    code: `const request = async url => {
  const res = await fetch(url);
  if (res.status === 401) return refreshToken().then(() => request(url));
  return res;
};`,
    output: null,
    errors: [{ messageId: 'unboundedRecursion', line: 3, column: 60, endLine: 3, endColumn: 72, suggestions: [{ messageId: 'addRetryCounter', output: `const request = async (url, retries = 1) => {
  const res = await fetch(url);
  if (res.status === 401 && retries > 0) return refreshToken().then(() => request(url, retries - 1));
  return res;
};` }] }],
  },
  // No parameters; a `||` test gets parentheses
  {
    code: `async function limits() {
  const res = await fetch(LIMITS_URL);
  if (res.status === 401 || res.status === 403) { await refreshToken(); return limits(); }
  return res;
}`,
    output: null,
    errors: [{ messageId: 'unboundedRecursion', line: 3, column: 80, endLine: 3, endColumn: 88, suggestions: [{ messageId: 'addRetryCounter', output: `async function limits(retries = 1) {
  const res = await fetch(LIMITS_URL);
  if ((res.status === 401 || res.status === 403) && retries > 0) { await refreshToken(); return limits(retries - 1); }
  return res;
}` }] }],
  },
  // `attempt` is visible at the loop: no suggestion
  {
    code: `async function query(url, attempt) {
  while (true) {
    const res = await fetch(url);
    if (res.status === 401) { await refreshToken(); continue; }
    return res;
  }
}`,
    output: null,
    errors: [{ messageId: 'unboundedContinue', line: 4, column: 53, endLine: 4, endColumn: 62, suggestions: [] }],
  },
  // Interceptor with a destructured error: no suggestion
  {
    code: `import axios from 'axios';
axios.interceptors.response.use(undefined, async ({ config, response }) => {
  if (response?.status === 401) { await refreshToken(); return axios(config); }
  throw new Error('failed');
});`,
    output: null,
    errors: [{ messageId: 'unboundedReplay', line: 3, column: 64, endLine: 3, endColumn: 77, suggestions: [] }],
  },
  // Interceptor early exit: the flag is set right after it
  {
    code: `import axios from 'axios';
const api = axios.create({});
api.interceptors.response.use((r) => r, async (error) => {
  if (error.response?.status !== 401) return Promise.reject(error);
  await refreshToken();
  return api(error.config);
});`,
    output: null,
    errors: [{ messageId: 'unboundedReplay', line: 6, column: 10, endLine: 6, endColumn: 27, suggestions: [{ messageId: 'addRetryFlag', output: `import axios from 'axios';
const api = axios.create({});
api.interceptors.response.use((r) => r, async (error) => {
  if (error.response?.status !== 401 || error.config._retry) return Promise.reject(error);
  error.config._retry = true;
  await refreshToken();
  return api(error.config);
});` }] }],
  },
  // Interceptor that checks `_retry` but never sets it: only the set is added
  {
    code: `import axios from 'axios';
const api = axios.create({});
api.interceptors.response.use((r) => r, async (error) => {
  const original = error.config;
  if (error.response?.status === 401 && !original._retry) {
    await refreshToken();
    return api(original);
  }
  return Promise.reject(error);
});`,
    output: null,
    errors: [{ messageId: 'unboundedReplay', line: 7, column: 12, endLine: 7, endColumn: 25, suggestions: [{ messageId: 'addRetryFlag', output: `import axios from 'axios';
const api = axios.create({});
api.interceptors.response.use((r) => r, async (error) => {
  const original = error.config;
  if (error.response?.status === 401 && !original._retry) {
    original._retry = true;
    await refreshToken();
    return api(original);
  }
  return Promise.reject(error);
});` }] }],
  },
  // p-retry with `Number.POSITIVE_INFINITY`
  {
    code: `import pRetry from 'p-retry';
await pRetry(run, { retries: Number.POSITIVE_INFINITY, onFailedAttempt: async (e) => { if (e.status === 401) await refreshToken(); } });`,
    output: null,
    errors: [{ messageId: 'unboundedLibrary', line: 2, column: 21, endLine: 2, endColumn: 54, suggestions: [] }],
  },
  // Labeled `while (true)` falling through
  {
    code: `async function query(url) {
  retrying: while (true) {
    const res = await fetch(url);
    if (res.status === 401) { await refreshToken(); } else { return res; }
  }
}`,
    output: null,
    errors: [{ messageId: 'unboundedLoop', line: 2, column: 13, endLine: 2, endColumn: 25, suggestions: [{ messageId: 'boundLoop', output: `async function query(url) {
  retrying: for (let attempt = 0; attempt < 2; attempt += 1) {
    const res = await fetch(url);
    if (res.status === 401 && attempt < 1) { await refreshToken(); } else { return res; }
  }
}` }] }],
  },
  // A `??` status read
  {
    code: `async function request(url, opts) {
  const res = await fetch(url, opts);
  if ((res.status ?? res.statusCode) === 401) { await refreshToken(); return request(url, opts); }
  return res;
}`,
    output: null,
    errors: [{ messageId: 'unboundedRecursion', line: 3, column: 78, endLine: 3, endColumn: 96, suggestions: [{ messageId: 'addRetryCounter', output: `async function request(url, opts, retries = 1) {
  const res = await fetch(url, opts);
  if ((res.status ?? res.statusCode) === 401 && retries > 0) { await refreshToken(); return request(url, opts, retries - 1); }
  return res;
}` }] }],
  },
  // A `||` test gets parentheses before `&&`
  {
    code: `async function request(url) {
  const res = await fetch(url);
  if (res.status === 401 || res.headers.get('x-sfdc-session') === 'expired') return refreshToken().then(() => request(url));
  return res;
}`,
    output: null,
    errors: [{ messageId: 'unboundedRecursion', line: 3, column: 111, endLine: 3, endColumn: 123, suggestions: [{ messageId: 'addRetryCounter', output: `async function request(url, retries = 1) {
  const res = await fetch(url);
  if ((res.status === 401 || res.headers.get('x-sfdc-session') === 'expired') && retries > 0) return refreshToken().then(() => request(url, retries - 1));
  return res;
}` }] }],
  },
];

/** Correct code that looks like the mistake. */
const traps: Valid[] = [
  // Another call resets the flag, but for the next page read from the response: a new request, not the same one
  `async function list(url, retried = false) {
  const res = await fetch(url, { headers: { Authorization: \`Bearer \${token}\` } });
  if (res.status === 401) {
    if (retried) throw new Error('session expired');
    await refreshToken();
    return list(url, true);
  }
  const page = await res.json();
  if (page.nextRecordsUrl) return list(page.nextRecordsUrl);
  return page;
}`,
  // The returned object's field is true on a rate limit only, and the catch waits and calls again
  // without logging in: not a session retry
  `class LeadSync {
  classify(error) {
    if (error.errorCode === 'REQUEST_LIMIT_EXCEEDED') return { again: true };
    if (error.errorCode === 'INVALID_SESSION_ID') return { again: false };
    return { again: false };
  }
  async push(id, fields) {
    try {
      return await this.conn.sobject('Lead').update({ Id: id, ...fields });
    } catch (error) {
      if (this.classify(error).again) {
        await sleep(1000);
        return this.push(id, fields);
      }
      throw error;
    }
  }
}`,
  // Backoff on 429 (out of scope)
  `async function request(url) {
  const res = await fetch(url);
  if (res.status === 429) {
    await sleep(Number(res.headers.get('retry-after')) * 1000);
    return request(url);
  }
  return res;
}`,
  // Catch-all retry with no known refresh (network errors)
  `async function query(soql) {
  try {
    return await get(soql);
  } catch (err) {
    await sleep(1000);
    return query(soql);
  }
}`,
  // Expired check on a value passed in, not on a new response
  `function handle(res) {
  if (res.status === 401) return handle(res.retryResponse);
  return res;
}`,
  // `for…of` over records (finite)
  `async function all(ids) {
  for (const id of ids) {
    const res = await fetch(\`/sobjects/Account/\${id}\`);
    if (res.status === 401) { await refreshToken(); continue; }
    out.push(await res.json());
  }
}`,
  // The queue pattern: the queued replay waits for a refresh guarded by `_retry`
  `import axios from 'axios';
const api = axios.create({});
let isRefreshing = false;
api.interceptors.response.use((r) => r, async (error) => {
  const originalRequest = error.config;
  if (error.response?.status === 401 && !originalRequest._retry) {
    if (isRefreshing) {
      return new Promise((resolve) => queue.push(resolve)).then(() => api(originalRequest));
    }
    originalRequest._retry = true;
    isRefreshing = true;
    try {
      await refreshToken();
      return api(originalRequest);
    } finally {
      isRefreshing = false;
    }
  }
  return Promise.reject(error);
});`,
  // p-retry forever, aborting on 401
  `import pRetry, { AbortError } from 'p-retry';
await pRetry(async () => {
  const res = await fetch(url);
  if (res.status === 401) throw new AbortError('Session expired');
  if (!res.ok) throw new Error(res.statusText);
  return res;
}, { forever: true });`,
  // p-retry forever but bounded by `maxRetryTime`
  `import pRetry from 'p-retry';
await pRetry(run, { retries: Infinity, maxRetryTime: 60000, onFailedAttempt: async (e) => { if (e.status === 401) await refreshToken(); } });`,
  // A guard the file cannot judge (`shouldRetry(res)`)
  `async function request(url) {
  const res = await fetch(url);
  if (res.status === 401 && shouldRetry(res)) {
    await refreshToken();
    return request(url);
  }
  return res;
}`,
  // A module-level flag set before the retry
  `let refreshed = false;
async function request(url) {
  const res = await fetch(url);
  if (res.status === 401 && !refreshed) {
    refreshed = true;
    await refreshToken();
    return request(url);
  }
  return res;
}`,
  // A class counter on `this`
  `class Api {
  attempts = 0;
  async get(url) {
    const res = await fetch(url);
    if (res.status === 401 && this.attempts < 1) {
      this.attempts++;
      await this.refresh();
      return this.get(url);
    }
    this.attempts = 0;
    return res;
  }
}`,
  // A destructured counter
  `async function request(url, { retries = 2 } = {}) {
  const res = await fetch(url);
  if (res.status === 401 && retries > 0) {
    await refreshToken();
    return request(url, { retries: retries - 1 });
  }
  return res;
}`,
  // A loop bounded by a deadline
  `async function query(url) {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    const res = await fetch(url);
    if (res.status === 401) {
      await refreshToken();
      continue;
    }
    return res;
  }
}`,
  // A loop whose exit flag the file sets elsewhere
  `async function drain(url) {
  let done = false;
  while (!done) {
    const res = await fetch(url);
    if (res.status === 401) {
      await refreshToken();
      continue;
    }
    done = true;
  }
}`,
  // Falling back to another grant once: the flag is a literal that fails the check
  `async function getToken(grant = 'refresh_token') {
  const res = await fetch(TOKEN_URL, { method: 'POST', body: new URLSearchParams({ grant_type: grant }) });
  if (res.status === 401 && grant === 'refresh_token') return getToken('password');
  return res.json();
}`,
  // A loop over a queue the retry refills (the file cannot tell)
  `async function drain(queue) {
  while (queue.length > 0) {
    const url = queue.shift();
    const res = await fetch(url);
    if (res.status === 401) {
      await refreshToken();
      queue.push(url);
      continue;
    }
  }
}`,
  // Text that only mentions a loop
  `// A comment about retrying on 401 forever is not a retry.
const message = 'while (true) { if (res.status === 401) continue; }';`,
];
/** Retries that go round through several functions, and the forms the expired test and bounds take there. */
const cycles: [Invalid, Valid | null][] = [
  // A prototype method queues its own replay on an event the refresh emits, either at once (the token
  // was renewed since the request left) or after starting the refresh; the pause flag is reset by the
  // refresh before it emits, and the time check only picks the way round ↔ an attempt counter the replay
  // closure hands on
  [
    {
      code: `var events = require('events');
var util = require('util');

var Client = module.exports = function (opts) {
  this.oauth2 = opts.oauth2;
  this.setup(opts);
};
util.inherits(Client, events.EventEmitter);

Client.prototype.setup = function (opts) {
  this.token = opts.token || this.token;
  this.refreshToken = opts.refreshToken || this.refreshToken;
  this.readyAt = Date.now();
};

Client.prototype.send = function (req, done) {
  var self = this;
  var replay = function (err) {
    if (err) return done(err);
    self.send(req, done);
  };
  if (self.paused) {
    self.once('ready', replay);
    return;
  }
  var sentAt = Date.now();
  transport(req, function (err, res) {
    if (err) return done(err);
    if (res.statusCode === 401 && self.oauth2 && self.refreshToken) {
      if (self.readyAt > sentAt) {
        replay();
      } else {
        self.once('ready', replay);
        if (!self.paused) {
          self.paused = true;
          self.renew();
        }
      }
      return;
    }
    done(null, res);
  });
};

Client.prototype.renew = function () {
  var self = this;
  this.oauth2.refreshToken(this.refreshToken, function (err, res) {
    if (!err) self.setup({ token: res.access_token });
    self.paused = false;
    self.emit('ready', err);
  });
};`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 20, column: 5, endLine: 20, endColumn: 25, suggestions: [] }],
    },
    `var events = require('events');
var util = require('util');

var Client = module.exports = function (opts) {
  this.oauth2 = opts.oauth2;
  this.setup(opts);
};
util.inherits(Client, events.EventEmitter);

Client.prototype.setup = function (opts) {
  this.token = opts.token || this.token;
  this.refreshToken = opts.refreshToken || this.refreshToken;
  this.readyAt = Date.now();
};

Client.prototype.send = function (req, done, tries = 0) {
  var self = this;
  var replay = function (err) {
    if (err) return done(err);
    self.send(req, done, tries + 1);
  };
  if (self.paused) {
    self.once('ready', replay);
    return;
  }
  var sentAt = Date.now();
  transport(req, function (err, res) {
    if (err) return done(err);
    if (res.statusCode === 401 && self.oauth2 && self.refreshToken && tries < 1) {
      if (self.readyAt > sentAt) {
        replay();
      } else {
        self.once('ready', replay);
        if (!self.paused) {
          self.paused = true;
          self.renew();
        }
      }
      return;
    }
    done(null, res);
  });
};

Client.prototype.renew = function () {
  var self = this;
  this.oauth2.refreshToken(this.refreshToken, function (err, res) {
    if (!err) self.setup({ token: res.access_token });
    self.paused = false;
    self.emit('ready', err);
  });
};`,
  ],
  // A predicate method read through `this`, with an early return and excluded messages, then `this.request(req)` after the refresh ↔ an attempt counter
  [
    {
      code: `class Api {
  isSessionExpired(response) {
    if (response.statusCode === 401) {
      for (const text of ['not valid for use with the REST API']) {
        if (response.body.includes(text)) return false;
      }
      return true;
    }
    return false;
  }

  async request(req) {
    const response = await this.transport.send(req);
    if (this.isSessionExpired(response)) {
      await this.refresher.refresh();
      return this.request(req);
    }
    return response;
  }
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 16, column: 14, endLine: 16, endColumn: 31, suggestions: [{ messageId: 'addRetryCounter', output: `class Api {
  isSessionExpired(response) {
    if (response.statusCode === 401) {
      for (const text of ['not valid for use with the REST API']) {
        if (response.body.includes(text)) return false;
      }
      return true;
    }
    return false;
  }

  async request(req, retries = 1) {
    const response = await this.transport.send(req);
    if (this.isSessionExpired(response) && retries > 0) {
      await this.refresher.refresh();
      return this.request(req, retries - 1);
    }
    return response;
  }
}` }] }],
    },
    `class Api {
  isSessionExpired(response) {
    if (response.statusCode === 401) {
      for (const text of ['not valid for use with the REST API']) {
        if (response.body.includes(text)) return false;
      }
      return true;
    }
    return false;
  }

  async request(req, attempt = 0) {
    const response = await this.transport.send(req);
    if (this.isSessionExpired(response) && attempt < 1) {
      await this.refresher.refresh();
      return this.request(req, attempt + 1);
    }
    return response;
  }
}`,
  ],
  // A calls B on a 401, B refreshes and calls A ↔ an attempt counter handed through both and moved on the way round
  [
    {
      code: `async function request(url) {
  const res = await fetch(url, { headers: { Authorization: \`Bearer \${token}\` } });
  if (res.status === 401) return refreshAndRetry(url);
  return res;
}

async function refreshAndRetry(url) {
  await refreshToken();
  return request(url);
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 3, column: 34, endLine: 3, endColumn: 54, suggestions: [] }],
    },
    `async function request(url, attempt = 0) {
  const res = await fetch(url, { headers: { Authorization: \`Bearer \${token}\` } });
  if (res.status === 401 && attempt < 1) return refreshAndRetry(url, attempt);
  return res;
}

async function refreshAndRetry(url, attempt) {
  await refreshToken();
  return request(url, attempt + 1);
}`,
  ],
  // A counter handed through both functions but never moved does not bound the cycle
  [
    {
      code: `async function request(url, attempt = 0) {
  const res = await fetch(url, { headers: { Authorization: \`Bearer \${token}\` } });
  if (res.status === 401 && attempt < 1) return refreshAndRetry(url, attempt);
  return res;
}

async function refreshAndRetry(url, attempt) {
  await refreshToken();
  return request(url, attempt);
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 3, column: 49, endLine: 3, endColumn: 78, suggestions: [] }],
    },
    null,
  ],
  // A node-style callback handed to a refresh helper of the file, which calls it ↔ a flag passed on the retry
  [
    {
      code: `function refresh(done) {
  fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form }).then(() => done());
}

function request(obj, callback) {
  fetch(obj.url).then((res) => {
    if (res.status === 401) {
      refresh(function () {
        request(obj, callback);
      });
      return;
    }
    callback(null, res);
  });
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 9, column: 9, endLine: 9, endColumn: 31, suggestions: [{ messageId: 'addRetryCounter', output: `function refresh(done) {
  fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form }).then(() => done());
}

function request(obj, callback, retries = 1) {
  fetch(obj.url).then((res) => {
    if (res.status === 401 && retries > 0) {
      refresh(function () {
        request(obj, callback, retries - 1);
      });
      return;
    }
    callback(null, res);
  });
}` }] }],
    },
    `function refresh(done) {
  fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form }).then(() => done());
}

function request(obj, callback, retried = false) {
  fetch(obj.url).then((res) => {
    if (res.status === 401 && !retried) {
      refresh(function () {
        request(obj, callback, true);
      });
      return;
    }
    callback(null, res);
  });
}`,
  ],
  // XHR onreadystatechange: on a 401 with a refresh token held, the refresh helper runs a callback that goes back through another function to the request
  [
    {
      code: `let oauth = {};

function refreshToken(success) {
  if (!oauth.refresh_token) return;
  const xhr = new XMLHttpRequest();
  xhr.onload = () => {
    oauth.access_token = JSON.parse(xhr.responseText).access_token;
    if (typeof success === 'function') success();
  };
  xhr.open('POST', 'https://login.salesforce.com/services/oauth2/token');
  xhr.send(form);
}

function send(obj, onDone) {
  const xhr = new XMLHttpRequest();
  xhr.onreadystatechange = () => {
    if (xhr.readyState !== 4) return;
    if (xhr.status === 401 && oauth.refresh_token) {
      refreshToken(() => request(obj, onDone));
    } else {
      onDone(xhr.responseText);
    }
  };
  xhr.open(obj.method, obj.url);
  xhr.send();
}

function request(obj, onDone) {
  return send(obj, onDone);
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 19, column: 26, endLine: 19, endColumn: 46, suggestions: [] }],
    },
    null,
  ],
  // A bound reference handed to `.then` after the refresh ↔ the bound call carries a moved counter
  [
    {
      code: `function run(conn, soql) {
  return conn.query(soql).catch((err) => {
    if (err.errorCode === 'INVALID_SESSION_ID') return refreshSession().then(run.bind(null, conn, soql));
    throw err;
  });
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 3, column: 78, endLine: 3, endColumn: 104, suggestions: [] }],
    },
    `function run(conn, soql, attempt = 0) {
  return conn.query(soql).catch((err) => {
    if (err.errorCode === 'INVALID_SESSION_ID' && attempt < 1) return refreshSession().then(run.bind(null, conn, soql, attempt + 1));
    throw err;
  });
}`,
  ],
  // A guard on state nothing in the retry changes (`canRefresh()`) does not bound it
  [
    {
      code: `const session = { token: null, refreshToken: null };
const hasRefreshToken = () => Boolean(session.refreshToken) && session.refreshToken.length > 0;
const canRefresh = () => !!session.refreshToken;

async function load(path) {
  const res = await fetch(path, { headers: { Authorization: \`Bearer \${session.token}\` } });
  if (res.status === 401 && canRefresh()) {
    await renew();
    return load(path);
  }
  return res.json();
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 9, column: 12, endLine: 9, endColumn: 22, suggestions: [{ messageId: 'addRetryCounter', output: `const session = { token: null, refreshToken: null };
const hasRefreshToken = () => Boolean(session.refreshToken) && session.refreshToken.length > 0;
const canRefresh = () => !!session.refreshToken;

async function load(path, retries = 1) {
  const res = await fetch(path, { headers: { Authorization: \`Bearer \${session.token}\` } });
  if (res.status === 401 && canRefresh() && retries > 0) {
    await renew();
    return load(path, retries - 1);
  }
  return res.json();
}` }] }],
    },
    null,
  ],
  // A catch-all handler that refreshes the session, then calls the function again
  [
    {
      code: `function query(soql) {
  return post(soql).catch(() => refreshAccessToken().then(() => query(soql)));
}

function refreshAccessToken() {
  return fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 2, column: 65, endLine: 2, endColumn: 76, suggestions: [] }],
    },
    null,
  ],
  // A catch-all handler that logs a jsforce connection in again; the same shape on a client the file
  // does not show to be a Salesforce one refreshes nothing the rule knows of
  [
    {
      code: `const jsforce = require('jsforce');
const conn = new jsforce.Connection({ loginUrl });
function load(soql) {
  return conn.query(soql).catch(() => conn.login(user, pass).then(() => load(soql)));
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 4, column: 73, endLine: 4, endColumn: 83, suggestions: [] }],
    },
    {
      code: `const client = require('./client');
function load(path) {
  return client.get(path).catch(() => client.login(user, pass).then(() => load(path)));
}`,
    },
  ],
  // A catch-all handler that refreshes, then hands a bound reference of the function to `.then`
  [
    {
      code: `function query(soql) {
  return post(soql).catch(() => refreshAccessToken().then(query.bind(null, soql)));
}

function refreshAccessToken() {
  return fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form });
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 2, column: 59, endLine: 2, endColumn: 81, suggestions: [] }],
    },
    null,
  ],
  // An early exit on a live session, then a refresh and a retry of the same wrapper
  [
    {
      code: `let refreshing = false;
function retryOnce(fn) {
  return fn().catch((err) => {
    if (err.status !== 401) throw err;
    return refresh().then(() => retryOnce(fn));
  });
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 5, column: 33, endLine: 5, endColumn: 46, suggestions: [{ messageId: 'addRetryCounter', output: `let refreshing = false;
function retryOnce(fn, retries = 1) {
  return fn().catch((err) => {
    if (err.status !== 401 || retries <= 0) throw err;
    return refresh().then(() => retryOnce(fn, retries - 1));
  });
}` }] }],
    },
    null,
  ],
  // RxJS `catchError` with a second condition on state (`&& this.hasRefreshToken()`), `from(promise)` and `exhaustMap` ↔ a flag passed on the retry
  [
    {
      code: `import { from, throwError } from 'rxjs';
import { catchError, exhaustMap } from 'rxjs/operators';

export class AccountService {
  private tokens = { refresh: '' };

  private hasRefreshToken(): boolean {
    return !!this.tokens.refresh;
  }

  load(): Observable<Account[]> {
    return this.http.get<Account[]>('/services/data/v60.0/query').pipe(
      catchError((e: HttpErrorResponse) =>
        e.status === 401 && this.hasRefreshToken() ? from(this.auth.refresh()).pipe(exhaustMap(() => this.load())) : throwError(() => e),
      ),
    );
  }
}`,
      filename: 'file.ts',
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 14, column: 102, endLine: 14, endColumn: 113, suggestions: [{ messageId: 'addRetryCounter', output: `import { from, throwError } from 'rxjs';
import { catchError, exhaustMap } from 'rxjs/operators';

export class AccountService {
  private tokens = { refresh: '' };

  private hasRefreshToken(): boolean {
    return !!this.tokens.refresh;
  }

  load(retries = 1): Observable<Account[]> {
    return this.http.get<Account[]>('/services/data/v60.0/query').pipe(
      catchError((e: HttpErrorResponse) =>
        e.status === 401 && this.hasRefreshToken() && retries > 0 ? from(this.auth.refresh()).pipe(exhaustMap(() => this.load(retries - 1))) : throwError(() => e),
      ),
    );
  }
}` }] }],
    },
    { code: `import { from, throwError } from 'rxjs';
import { catchError, exhaustMap } from 'rxjs/operators';

export class AccountService {
  private tokens = { refresh: '' };

  private hasRefreshToken(): boolean {
    return !!this.tokens.refresh;
  }

  load(retried = false): Observable<Account[]> {
    return this.http.get<Account[]>('/services/data/v60.0/query').pipe(
      catchError((e: HttpErrorResponse) =>
        e.status === 401 && !retried && this.hasRefreshToken() ? from(this.auth.refresh()).pipe(exhaustMap(() => this.load(true))) : throwError(() => e),
      ),
    );
  }
}`, filename: 'file.ts' },
  ],
  // `for (;;)` whose catch logs in again with jsforce after an early exit on other errors
  [
    {
      code: `export async function fetchAll(conn, soql) {
  for (;;) {
    try {
      return await conn.query(soql);
    } catch (err) {
      if (err.errorCode !== 'INVALID_SESSION_ID') throw err;
      await conn.login(user, pass);
    }
  }
}`,
      output: null,
      errors: [{ messageId: 'unboundedLoop', line: 2, column: 3, endLine: 2, endColumn: 11, suggestions: [{ messageId: 'boundLoop', output: `export async function fetchAll(conn, soql) {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      return await conn.query(soql);
    } catch (err) {
      if (err.errorCode !== 'INVALID_SESSION_ID' || attempt >= 1) throw err;
      await conn.login(user, pass);
    }
  }
}` }] }],
    },
    null,
  ],
  // `do … while` whose own condition is the expired check
  [
    {
      code: `export async function send(req) {
  let res;
  do {
    res = await fetch(req.url, { headers: { Authorization: \`Bearer \${token}\` } });
    if (res.status === 401) await refreshToken();
  } while (res.status === 401);
  return res;
}`,
      output: null,
      errors: [{ messageId: 'unboundedLoop', line: 6, column: 5, endLine: 6, endColumn: 31, suggestions: [] }],
    },
    null,
  ],
  // A helper of the file runs the callback it is handed on a 401 (through a node-style callback of the request)
  [
    {
      code: `function request(obj, callback) {
  send(obj, (err, res) => check(err, res, callback, () => request(obj, callback)));
}

function check(err, res, done, again) {
  if (res && res.statusCode === 401) {
    renew(again);
    return;
  }
  done(err, res);
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 2, column: 59, endLine: 2, endColumn: 81, suggestions: [] }],
    },
    null,
  ],
  // A prototype method calls itself through `var self = this` after the refresh, with the expired
  // test behind another prototype method ↔ an attempt parameter
  [
    {
      code: `function Api(conn) {
  this.conn = conn;
}

Api.prototype.isExpired = function (res) {
  return res.statusCode === 401;
};

Api.prototype.call = function (req) {
  var self = this;
  return this.conn.transport.send(req).then(function (res) {
    if (self.isExpired(res)) {
      return self.conn.renew().then(function () {
        return self.call(req);
      });
    }
    return res.body;
  });
};`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 14, column: 16, endLine: 14, endColumn: 30, suggestions: [{ messageId: 'addRetryCounter', output: `function Api(conn) {
  this.conn = conn;
}

Api.prototype.isExpired = function (res) {
  return res.statusCode === 401;
};

Api.prototype.call = function (req, retries = 1) {
  var self = this;
  return this.conn.transport.send(req).then(function (res) {
    if (self.isExpired(res) && retries > 0) {
      return self.conn.renew().then(function () {
        return self.call(req, retries - 1);
      });
    }
    return res.body;
  });
};` }] }],
    },
    `function Api(conn) {
  this.conn = conn;
}

Api.prototype.isExpired = function (res) {
  return res.statusCode === 401;
};

Api.prototype.call = function (req, attempt = 0) {
  var self = this;
  return this.conn.transport.send(req).then(function (res) {
    if (self.isExpired(res) && attempt < 1) {
      return self.conn.renew().then(function () {
        return self.call(req, attempt + 1);
      });
    }
    return res.body;
  });
};`,
  ],
  // The callback handed to a refresher the file does not show replays the request; its test of the
  // refresh's error stops nothing when the refresh succeeds and the session stays rejected ↔ a flag the
  // replay hands on
  [
    {
      code: `function Gateway(session) {
  this.session = session;
}

Gateway.prototype.send = function (req) {
  var self = this;
  var renewer = this.session.renewer;
  var startedAt = Date.now();
  var pending = defer();
  var resume = function (err) {
    if (err) {
      pending.reject(err);
      return;
    }
    self.send(req).then(pending.resolve, pending.reject);
  };
  return this.session.transport(req).then(function (res) {
    if (self.expired(res) && renewer) {
      renewer.renew(startedAt, resume);
      return pending.promise;
    }
    return res.body;
  });
};

Gateway.prototype.expired = function (res) {
  return res.statusCode === 401;
};`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 15, column: 5, endLine: 15, endColumn: 19 }],
    },
    `function Gateway(session) {
  this.session = session;
}

Gateway.prototype.send = function (req, replayed) {
  var self = this;
  var renewer = this.session.renewer;
  var startedAt = Date.now();
  var pending = defer();
  var resume = function (err) {
    if (err) {
      pending.reject(err);
      return;
    }
    self.send(req, true).then(pending.resolve, pending.reject);
  };
  return this.session.transport(req).then(function (res) {
    if (self.expired(res) && renewer && !replayed) {
      renewer.renew(startedAt, resume);
      return pending.promise;
    }
    return res.body;
  });
};

Gateway.prototype.expired = function (res) {
  return res.statusCode === 401;
};`,
  ],
  // A class method calls itself through \`const self = this\` after the refresh ↔ a retried flag
  [
    {
      code: `class Client {
  async query(soql) {
    const self = this;
    const res = await fetch(self.url + '/query?q=' + encodeURIComponent(soql), { headers: self.headers() });
    if (res.status === 401) {
      await self.refresh();
      return self.query(soql);
    }
    return res.json();
  }
}`,
      output: null,
      errors: [{ messageId: 'unboundedRecursion', line: 7, column: 14, endLine: 7, endColumn: 30, suggestions: [{ messageId: 'addRetryCounter', output: `class Client {
  async query(soql, retries = 1) {
    const self = this;
    const res = await fetch(self.url + '/query?q=' + encodeURIComponent(soql), { headers: self.headers() });
    if (res.status === 401 && retries > 0) {
      await self.refresh();
      return self.query(soql, retries - 1);
    }
    return res.json();
  }
}` }] }],
    },
    `class Client {
  async query(soql, retried = false) {
    const self = this;
    const res = await fetch(self.url + '/query?q=' + encodeURIComponent(soql), { headers: self.headers() });
    if (res.status === 401 && !retried) {
      await self.refresh();
      return self.query(soql, true);
    }
    return res.json();
  }
}`,
  ],

  // A ky afterResponse hook replays the request through the client that owns it, which runs the same
  // hook again ↔ a flag in the replay's context
  [
    {
      code: `import ky from 'ky';

export const api = ky.create({
  prefixUrl: instanceUrl,
  hooks: {
    afterResponse: [
      async (request, options, response) => {
        if (response.status === 401) {
          const token = await refreshToken();
          request.headers.set('Authorization', \`Bearer \${token}\`);
          return api(request, options);
        }
        return response;
      },
    ],
  },
});`,
      output: null,
      errors: [{ messageId: 'unboundedReplay', line: 11, column: 18, endLine: 11, endColumn: 39 }],
    },
    `import ky from 'ky';

export const api = ky.create({
  prefixUrl: instanceUrl,
  hooks: {
    afterResponse: [
      async (request, options, response) => {
        if (response.status === 401 && !options.context.retried) {
          const token = await refreshToken();
          request.headers.set('Authorization', \`Bearer \${token}\`);
          return api(request, { ...options, context: { ...options.context, retried: true } });
        }
        return response;
      },
    ],
  },
});`,
  ],
  // The same hook written as a function declaration and handed by name, with an early return for live sessions
  [
    {
      code: `import ky from 'ky';

const api = ky.create({ prefixUrl: instanceUrl, hooks: { afterResponse: [replayOnExpiry] } });

async function replayOnExpiry(request, options, response) {
  if (response.status !== 401) return response;
  await refreshToken();
  return api(request, options);
}
export default api;`,
      output: null,
      errors: [{ messageId: 'unboundedReplay', line: 8, column: 10, endLine: 8, endColumn: 31 }],
    },
    null,
  ],
  // An ofetch onResponseError hook replays the request through the client that owns it, which runs the
  // same hook again ↔ a flag on the options the replay carries
  [
    {
      code: `import { ofetch } from 'ofetch';

export const api = ofetch.create({
  baseURL: instanceUrl,
  async onResponseError({ request, options, response }) {
    if (response.status === 401) {
      await refreshToken();
      await api(request, options);
    }
  },
});`,
      output: null,
      errors: [{ messageId: 'unboundedReplay', line: 8, column: 13, endLine: 8, endColumn: 34, suggestions: [] }],
    },
    `import { ofetch } from 'ofetch';

export const api = ofetch.create({
  baseURL: instanceUrl,
  async onResponseError({ request, options, response }) {
    if (response.status === 401 && !options._retry) {
      await refreshToken();
      await api(request, { ...options, _retry: true });
    }
  },
});`,
  ],
  // The same with one context parameter, a hook list handed by name, and Nuxt's global \`$fetch\` given
  // the context's options (ofetch resolves the client's hooks into them) ↔ the flag set on those options
  [
    {
      code: `const api = $fetch.create({ baseURL: instanceUrl, onResponseError: [replayOnExpiry] });

async function replayOnExpiry(context) {
  if (context.response?.status !== 401) return;
  await session.refresh();
  await $fetch(context.request, context.options);
}
export default api;`,
      output: null,
      errors: [{ messageId: 'unboundedReplay', line: 6, column: 9, endLine: 6, endColumn: 49 }],
    },
    `const api = $fetch.create({ baseURL: instanceUrl, onResponseError: [replayOnExpiry] });

async function replayOnExpiry(context) {
  if (context.response?.status !== 401 || context.options.retried) return;
  context.options.retried = true;
  await session.refresh();
  await $fetch(context.request, context.options);
}
export default api;`,
  ],
  // An interceptor module registers on the client it is handed and replays through it ↔ the `_retry` flag
  [
    {
      code: `import axios from 'axios';

export function install(client) {
  client.interceptors.response.use(undefined, async (error) => {
    if (error.response?.status === 401) {
      await refreshSession();
      return client(error.config);
    }
    throw error;
  });
}`,
      output: null,
      errors: [{ messageId: 'unboundedReplay', line: 7, column: 14, endLine: 7, endColumn: 34, suggestions: [{ messageId: 'addRetryFlag', data: { flag: 'error.config._retry' }, output: `import axios from 'axios';

export function install(client) {
  client.interceptors.response.use(undefined, async (error) => {
    if (error.response?.status === 401 && !error.config._retry) {
      error.config._retry = true;
      await refreshSession();
      return client(error.config);
    }
    throw error;
  });
}` }] }],
    },
    `import axios from 'axios';

export function install(client) {
  client.interceptors.response.use(undefined, async (error) => {
    if (error.response?.status === 401 && !error.config._retry) {
      error.config._retry = true;
      await refreshSession();
      return client(error.config);
    }
    throw error;
  });
}`,
  ],
  // A client made by a factory of the file, its interceptor replaying through `api.request`
  [
    {
      code: `import axios from 'axios';

function makeClient(instanceUrl) {
  return axios.create({ baseURL: instanceUrl });
}

const api = makeClient(process.env.SF_INSTANCE_URL);
api.interceptors.response.use((r) => r, async (error) => {
  if (error.response && error.response.status === 401) {
    await refreshSession();
    return api.request(error.config);
  }
  return Promise.reject(error);
});`,
      output: null,
      errors: [{ messageId: 'unboundedReplay', line: 11, column: 12, endLine: 11, endColumn: 37, suggestions: [{ messageId: 'addRetryFlag', data: { flag: 'error.config._retry' }, output: `import axios from 'axios';

function makeClient(instanceUrl) {
  return axios.create({ baseURL: instanceUrl });
}

const api = makeClient(process.env.SF_INSTANCE_URL);
api.interceptors.response.use((r) => r, async (error) => {
  if (error.response && error.response.status === 401 && !error.config._retry) {
    error.config._retry = true;
    await refreshSession();
    return api.request(error.config);
  }
  return Promise.reject(error);
});` }] }],
    },
    null,
  ],
];

/** Look-alikes of retries through several functions that must stay silent. */
const cycleTraps: Valid[] = [
  // An interceptor registered on a client handed in, replaying through another, new client: no way back
  `import axios from 'axios';

export function install(client) {
  client.interceptors.response.use(undefined, async (error) => {
    if (error.response?.status === 401) {
      await refreshSession();
      return axios.create()(error.config);
    }
    throw error;
  });
}`,
  // A refresher the file does not show is handed the request's own state along with the replay: it may
  // count the tries and call back with an error, so its error test is not known to stop nothing
  `function Gateway(session) {
  this.session = session;
}

Gateway.prototype.send = function (req) {
  var self = this;
  var resume = function (err) {
    if (err) return;
    self.send(req);
  };
  return this.session.transport(req).then(function (res) {
    if (res.statusCode === 401) {
      self.session.renewer.renew(req, resume);
      return null;
    }
    return res.body;
  });
};`,
  // A prototype method of another constructor with the same name is not the method that recurses
  `function Api(conn) {
  this.conn = conn;
}
function Other() {}
Other.prototype.call = function () {};

Api.prototype.call = function (req) {
  var self = this;
  var other = new Other();
  return this.conn.transport.send(req).then(function (res) {
    if (res.statusCode === 401) {
      return self.conn.renew().then(function () {
        return other.call(req);
      });
    }
    return res.body;
  });
};`,
  // A replay at once only when the token was renewed since the request left, else the error: the time
  // check is not known to stop it, but nothing else goes round
  `var Client = module.exports = function (opts) {};

Client.prototype.setup = function (opts) {
  this.token = opts.token;
  this.readyAt = Date.now();
};

Client.prototype.send = function (req, done) {
  var self = this;
  var sentAt = Date.now();
  transport(req, function (err, res) {
    if (err) return done(err);
    if (res.statusCode === 401) {
      if (self.readyAt > sentAt) self.send(req, done);
      else done(new Error('session expired'));
      return;
    }
    done(null, res);
  });
};`,
  // A replay queued on an event once only: the flag set before the refresh is never cleared
  `var Client = module.exports = function (opts) {
  this.oauth2 = opts.oauth2;
};

Client.prototype.send = function (req, done) {
  var self = this;
  var replay = function () {
    self.send(req, done);
  };
  transport(req, function (err, res) {
    if (err) return done(err);
    if (res.statusCode === 401) {
      if (self.renewed) return done(new Error('session expired'));
      self.renewed = true;
      self.once('ready', replay);
      self.renew();
      return;
    }
    done(null, res);
  });
};

Client.prototype.renew = function () {
  var self = this;
  this.oauth2.refreshToken(this.refreshToken, function (err) {
    self.emit('ready', err);
  });
};`,
  // The same with a function declaration handed by name
  `import helpers from './helpers';

function get(options, done, again = true) {
  request(options, (err, res, body) => {
    if (!err && body.includes('INVALID_SESSION_ID') && again) {
      helpers.reauthorize(options, get, done);
      return;
    }
    done(err, res, body);
  });
}`,
  // A function handed by name to a helper the file does not show, which may call it back with the flag
  // turned off: its parameters are not known to be filled anew
  `import helpers from './helpers';

module.exports.get = function (options, done, again = true) {
  request(options, (err, res, body) => {
    if (!err && body.includes('INVALID_SESSION_ID') && again) {
      helpers.reauthorize(options, module.exports.get, done);
      return;
    }
    done(err, res, body);
  });
};`,
  // ky's documented `return ky(request)`: the bare `ky` has no hooks, so the replay cannot come back
  `import ky from 'ky';

export const api = ky.create({
  prefixUrl: instanceUrl,
  hooks: {
    afterResponse: [
      async (request, options, response) => {
        if (response.status === 401) {
          const token = await refreshToken();
          request.headers.set('Authorization', \`Bearer \${token}\`);
          return ky(request);
        }
        return response;
      },
    ],
  },
});`,
  // ofetch: a replay through the bare function without the context's options runs no hooks, and ofetch's
  // own \`retry\` with \`retryStatusCodes\` is a count
  `import { ofetch } from 'ofetch';

export const api = ofetch.create({
  baseURL: instanceUrl,
  async onResponseError({ request, response }) {
    if (response.status === 401) {
      await refreshToken();
      await ofetch(request);
    }
  },
});`,
  `import { ofetch } from 'ofetch';

export const api = ofetch.create({
  baseURL: instanceUrl,
  retry: 1,
  retryStatusCodes: [401],
  async onResponseError({ response }) {
    if (response.status === 401) await refreshToken();
  },
});`,
  // ofetch: an onRequest hook runs before the response, so a 401 test there cannot be about it, and a
  // call of another request from the hook is not a replay
  `import { ofetch } from 'ofetch';

export const api = ofetch.create({
  baseURL: instanceUrl,
  async onResponseError({ response }) {
    if (response.status === 401) await api('/services/oauth2/revoke', { method: 'POST' });
  },
});`,
  // got's `retryWithMergedOptions` skips the hooks that already ran
  `import got from 'got';

export const client = got.extend({
  hooks: {
    afterResponse: [
      async (response, retryWithMergedOptions) => {
        if (response.statusCode === 401) {
          const token = await refreshToken();
          return retryWithMergedOptions({ headers: { authorization: \`Bearer \${token}\` } });
        }
        return response;
      },
    ],
  },
});`,
  // A cycle through another function that is pagination, with a 401 that throws
  `async function fetchPage(url, records = []) {
  const res = await fetch(url, { headers: { Authorization: \`Bearer \${token}\` } });
  if (res.status === 401) throw new Error('Session expired');
  const body = await res.json();
  return collect(body, records);
}

function collect(body, records) {
  records.push(...body.records);
  return body.done ? records : fetchPage(body.nextRecordsUrl, records);
}`,
  // A presence guard the refresh clears when it fails (`session.refreshToken = null`)
  `const session = { accessToken: null, refreshToken: null };

async function renew() {
  const res = await fetch('https://login.salesforce.com/services/oauth2/token', { method: 'POST', body: form(session.refreshToken) });
  if (!res.ok) session.refreshToken = null;
  else session.accessToken = (await res.json()).access_token;
}

async function load(path) {
  const res = await fetch(path, { headers: { Authorization: \`Bearer \${session.accessToken}\` } });
  if (res.status === 401 && session.refreshToken) {
    await renew();
    return load(path);
  }
  return res.json();
}`,
  // A→B where B refreshes and re-sends once, not back through A
  `async function request(url) {
  const res = await fetch(url, { headers: { Authorization: \`Bearer \${token}\` } });
  if (res.status === 401) return refreshAndRetry(url);
  return res;
}

async function refreshAndRetry(url) {
  await refreshToken();
  return fetch(url, { headers: { Authorization: \`Bearer \${token}\` } });
}`,
  // A flag handed round through a helper's callback (the file cannot follow it back: silent)
  `function request(obj, callback, retried) {
  send(obj, (err, res) => check(err, res, callback, () => request(obj, callback, true), retried));
}

function check(err, res, done, again, retried) {
  if (res && res.statusCode === 401 && !retried) {
    renew(again);
    return;
  }
  done(err, res);
}`,
];

const invalidCases = invalid<MessageIds, Options>([...twins.map(([bad]) => bad), ...more, ...cycles.map(([bad]) => bad)]);

/** A suggestion's output can be a twin written out: run each valid code once. */
function once(cases: ValidTestCase<Options>[]): ValidTestCase<Options>[] {
  const seen = new Set<string>();
  return cases.filter((testCase) => {
    const key = `${testCase.filename ?? ''}\0${testCase.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

ruleTester.run('no-unbounded-session-retry', rule, {
  valid: once([
    ...valid<Options>([...twins.map(([, good]) => good), ...traps, ...cycles.flatMap(([, good]) => (good ? [good] : [])), ...cycleTraps]),
    ...fixedOutputs(invalidCases),
  ]),
  invalid: invalidCases,
});
