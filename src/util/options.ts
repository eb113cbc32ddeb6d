/** Option schemas shared by several rules. */
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** A hostname: labels of letters, digits and inner hyphens, at least two of them, optionally ending with a dot. */
const HOSTNAME_PATTERN = '^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+\\.?$';

/** The `loginHosts` option: extra login hostnames, described for the rule that takes it. */
export function loginHostsSchema(description: string): JSONSchema4 {
  return { type: 'array', description, items: { type: 'string', pattern: HOSTNAME_PATTERN }, uniqueItems: true };
}
