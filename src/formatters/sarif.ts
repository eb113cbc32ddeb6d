/**
 * An ESLint formatter that prints a SARIF 2.1.0 log, for GitHub code scanning (`github/codeql-action/upload-sarif`)
 * and other SARIF consumers.
 *
 * - `$schema` is the final 2.1.0 schema; `version` is `2.1.0`.
 * - Each reported rule is described from its `meta`: `shortDescription` and `fullDescription` from
 *   `docs.description`, `help` (text and Markdown) and `helpUri` from `docs.url`.
 * - Paths are relative to `%SRCROOT%`, the repository root on GitHub Actions (`GITHUB_WORKSPACE`), else ESLint's
 *   working directory; `originalUriBaseIds` says where that is. Files outside it get absolute `file:` URIs.
 * - Each result has a `partialFingerprints` entry that depends on the rule, the file and the text of the
 *   reported line, not on its line number: an alert survives code moving up or down.
 * - Problems without a rule (parsing errors, unused disable directives) are tool notifications, not results.
 *
 * Pure: reads the linted files only when ESLint did not pass their text along, and writes nothing.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  allMessages,
  type Formatter,
  type FormatterContext,
  type LintMessage,
  type LintResult,
  position,
  relativeTo,
  reportRoot,
  type RuleMeta,
} from './lint-results';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** The `partialFingerprints` key: versioned, so that a change of the hash never matches old values. */
const FINGERPRINT = 'eslintLineHash/v1';

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface Location {
  physicalLocation: {
    artifactLocation: ArtifactLocation;
    region?: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number };
  };
}

interface Text {
  text: string;
}

interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: Text;
  fullDescription: Text;
  help: Text & { markdown: string };
  helpUri?: string;
  properties: { tags: string[] };
}

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning';
  message: Text;
  locations: Location[];
  partialFingerprints: Record<string, string>;
}

interface Notification {
  level: 'error' | 'warning';
  message: Text;
  locations: Location[];
}

/** `no-login-host-api-calls` → `NoLoginHostApiCalls`: SARIF's conventional form of a rule's friendly name. */
function pascalCase(ruleId: string): string {
  const name = ruleId.slice(ruleId.lastIndexOf('/') + 1);
  const words = name.split(/[^A-Za-z0-9]+/u).filter(Boolean);
  return words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('') || 'Rule';
}

function sentence(text: string): string {
  return /[.!?]$/u.test(text) ? text : `${text}.`;
}

function describeRule(ruleId: string, meta: RuleMeta | undefined): ReportingDescriptor {
  const description = meta?.docs?.description?.trim() || `ESLint rule ${ruleId}`;
  const url = meta?.docs?.url;
  return {
    id: ruleId,
    name: pascalCase(ruleId),
    shortDescription: { text: description },
    fullDescription: { text: sentence(description) },
    help: {
      text: url ? `${sentence(description)} Documentation: ${url}` : sentence(description),
      markdown: url ? `${sentence(description)}\n\n[Documentation for ${ruleId}](${encodeURI(url)})` : sentence(description),
    },
    ...(url ? { helpUri: url } : {}),
    properties: { tags: ['eslint', ...(meta?.type ? [meta.type] : [])] },
  };
}

function artifactLocation(root: string, filePath: string): ArtifactLocation {
  const path = relativeTo(root, filePath);
  if (path === null) return { uri: pathToFileURL(filePath).href };
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function locationOf(artifact: ArtifactLocation, message: LintMessage): Location {
  const startLine = position(message.line);
  if (startLine === undefined) return { physicalLocation: { artifactLocation: artifact } };
  const region: NonNullable<Location['physicalLocation']['region']> = { startLine };
  const startColumn = position(message.column);
  if (startColumn !== undefined) region.startColumn = startColumn;
  const endLine = position(message.endLine);
  const endColumn = position(message.endColumn);
  if (endLine !== undefined && endLine >= startLine) {
    region.endLine = endLine;
    const backwards = endLine === startLine && startColumn !== undefined && endColumn !== undefined && endColumn < startColumn;
    if (endColumn !== undefined && !backwards) region.endColumn = endColumn;
  }
  return { physicalLocation: { artifactLocation: artifact, region } };
}

/** The lines of a result's file: from ESLint when it passed them, else read from disk, else none. */
function sourceLines(result: LintResult): string[] {
  let text = result.source ?? result.output;
  if (text === undefined) {
    try {
      text = readFileSync(result.filePath, 'utf8');
    } catch {
      return [];
    }
  }
  return text.split(/\r\n|\r|\n/u);
}

function toolVersion(): string | undefined {
  try {
    // The ESLint next to this plugin: the one running it, as a peer dependency.
    return (require('eslint/package.json') as { version?: string }).version;
  } catch {
    return undefined;
  }
}

const formatSarif: Formatter = (results, context?: FormatterContext) => {
  const root = reportRoot(context);
  const rulesMeta = context?.rulesMeta ?? {};
  const entries = allMessages(results).filter(({ message }) => message.severity === 1 || message.severity === 2);

  const ruleIds = [...new Set(entries.flatMap(({ message }) => (message.ruleId ? [message.ruleId] : [])))].sort();
  const rules = ruleIds.map((ruleId) => describeRule(ruleId, rulesMeta[ruleId]));

  const sarifResults: Result[] = [];
  const notifications: Notification[] = [];
  const linesOf = new Map<LintResult, string[]>();
  const seen = new Map<string, number>();
  for (const { result, message } of entries) {
    const level = message.severity === 2 ? 'error' : 'warning';
    const artifact = artifactLocation(root, result.filePath);
    const location = locationOf(artifact, message);
    if (!message.ruleId) {
      notifications.push({ level, message: { text: message.message }, locations: [location] });
      continue;
    }
    if (!linesOf.has(result)) linesOf.set(result, sourceLines(result));
    const lineText = (linesOf.get(result)![(position(message.line) ?? 0) - 1] ?? '').replace(/\s+/gu, ' ').trim();
    const key = [message.ruleId, artifact.uri, lineText].join('\0');
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    sarifResults.push({
      ruleId: message.ruleId,
      ruleIndex: ruleIds.indexOf(message.ruleId),
      level,
      message: { text: message.message },
      locations: [location],
      partialFingerprints: {
        [FINGERPRINT]: `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${occurrence}`,
      },
    });
  }

  const version = toolVersion();
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ESLint',
            informationUri: 'https://eslint.org',
            ...(version ? { version, semanticVersion: version } : {}),
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(root.endsWith(sep) ? root : `${root}${sep}`).href } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
};

export = formatSarif;
