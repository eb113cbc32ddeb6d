/** Schema pieces shared by rule options. */
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** A hostname: labels of letters, digits and inner hyphens, at least two of them, an optional final dot. */
export const HOSTNAME_PATTERN = '^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+\\.?$';

/**
 * The `loginHosts` option: extra login hostnames, each a valid hostname, no duplicates. The `hostname`
 * format (rather than a pattern) makes ESLint's error say what is wrong in words:
 * `Value "not a host!" should match format "hostname".`
 */
export function loginHostsSchema(description: string): JSONSchema4 {
  return {
    type: 'array',
    description,
    items: { type: 'string', format: 'hostname' },
    uniqueItems: true,
  };
}
