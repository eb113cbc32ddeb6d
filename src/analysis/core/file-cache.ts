/**
 * Per-file caches for facts that depend on the login hosts a rule is configured with: computed once per
 * `sourceCode` and set of hosts, and dropped with the file.
 */
import type { TSESLint } from '@typescript-eslint/utils';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A cache of one fact per file and login-host set. */
export type HostsCache<T> = WeakMap<SourceCode, Map<string, T>>;

const keys = new WeakMap<ReadonlySet<string>, string>();

/** A set of hosts as a key: the same for sets with the same hosts; made once per set. */
function hostsKey(loginHosts: ReadonlySet<string>): string {
  let key = keys.get(loginHosts);
  if (key === undefined) {
    key = [...loginHosts].sort().join(',');
    keys.set(loginHosts, key);
  }
  return key;
}

/** The cached fact for this file and these hosts, computed on first use. */
export function perFileAndHosts<T>(cache: HostsCache<T>, sourceCode: SourceCode, loginHosts: ReadonlySet<string>, compute: () => T): T {
  let byHosts = cache.get(sourceCode);
  if (!byHosts) {
    byHosts = new Map();
    cache.set(sourceCode, byHosts);
  }
  const key = hostsKey(loginHosts);
  if (byHosts.has(key)) return byHosts.get(key) as T;
  const value = compute();
  byHosts.set(key, value);
  return value;
}
