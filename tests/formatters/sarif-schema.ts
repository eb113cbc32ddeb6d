/**
 * Offline validation against the SARIF 2.1.0 JSON schema that `@microsoft/jest-sarif` ships
 * (`sarif-2.1.0-rtm.5.json`, JSON Schema draft-04). Ajv 8 reads draft-04 through `ajv-draft-04`; the schema's
 * patterns are not valid with the `u` flag, hence `unicodeRegExp: false`.
 */
import { readFileSync } from 'node:fs';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

const ajv = new Ajv04({ strict: false, unicodeRegExp: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);

/** The schema's complaints about `log`, as `<path> <message>` lines; none when it is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}
