/** Schema pieces shared by rule options. */
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** A hostname: labels of letters, digits and inner hyphens, at least two of them, an optional final dot. */
export const HOSTNAME_PATTERN = '^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+\\.?$';

/** The `loginHosts` option: extra login hostnames, each a valid hostname, no duplicates. */
export function loginHostsSchema(description: string): JSONSchema4 {
  return {
    type: 'array',
    description,
    items: { type: 'string', pattern: HOSTNAME_PATTERN },
    uniqueItems: true,
  };
}
