/**
 * What a jsforce `OAuth2` or `Connection` object reports as its own hosts: `oauth2.loginUrl` is the
 * `loginUrl` it was built with, or jsforce's default, the production login host; `conn.instanceUrl` and
 * `conn.loginUrl` are the options the connection was built with. Instances are found through scope with
 * `ReferenceTracker` (the `jsforce` and `@jsforce/jsforce-node` modules, and the `jsforce` page global),
 * once per file and only when a URL value reads such a property.
 *
 * This module stands apart from the HTTP model (http-calls.ts) because URL values are asked while that
 * model is built: it must not need the model.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { ASTUtils } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../../util/node-types';

import { propertyValue, unwrap } from '../core/ast';
import { identifierSources, thisMemberSources } from '../core/bindings';
import { objectLiteralOf } from '../core/object-literals';
import { globalScopeFor } from './libraries';
import { DEFAULT_LOGIN_HOSTS } from './salesforce';

const { ReferenceTracker } = ASTUtils;
const { CONSTRUCT } = ReferenceTracker;

type SourceCode = Readonly<TSESLint.SourceCode>;
type JsforceClass = 'Connection' | 'OAuth2';

/** The properties each class copies from its options, and what it holds when the option is missing. */
const HOST_PROPERTIES: Record<JsforceClass, ReadonlyMap<string, string | null>> = {
  Connection: new Map([['instanceUrl', null], ['loginUrl', `https://${DEFAULT_LOGIN_HOSTS[0]}`]]),
  OAuth2: new Map([['loginUrl', `https://${DEFAULT_LOGIN_HOSTS[0]}`]]),
};

function classMap(): Record<string, unknown> {
  const map = { Connection: { [CONSTRUCT]: 'Connection' }, OAuth2: { [CONSTRUCT]: 'OAuth2' } };
  return { ...map, default: map };
}

const MODULES = { jsforce: classMap(), '@jsforce/jsforce-node': classMap() };
const GLOBALS = { jsforce: classMap() };
const NAMES: ReadonlySet<string> = new Set(['jsforce', 'require']);
/** How many aliases (`const a = b`) are followed to the `new` expression. */
const MAX_ALIASES = 4;

const instances = new WeakMap<SourceCode, ReadonlyMap<TSESTree.Node, JsforceClass>>();

function jsforceInstances(sourceCode: SourceCode): ReadonlyMap<TSESTree.Node, JsforceClass> {
  let found = instances.get(sourceCode);
  if (found) return found;
  const map = new Map<TSESTree.Node, JsforceClass>();
  const globalScope = sourceCode.scopeManager?.globalScope;
  if (globalScope) {
    const tracker = new ReferenceTracker(globalScopeFor(globalScope, NAMES), { mode: 'legacy' });
    for (const { node, info } of [
      ...tracker.iterateGlobalReferences<JsforceClass>(GLOBALS as never),
      ...tracker.iterateCjsReferences<JsforceClass>(MODULES as never),
      ...tracker.iterateEsmReferences<JsforceClass>(MODULES as never),
    ]) {
      map.set(node, info);
    }
  }
  found = map;
  instances.set(sourceCode, found);
  return found;
}

/** The `new` expression a name or `this.field` always holds (one source), or the expression itself. */
function constructed(sourceCode: SourceCode, node: TSESTree.Node, depth: number): TSESTree.NewExpression | null {
  const target = unwrap(node);
  if (target.type === AST_NODE_TYPES.NewExpression) return target;
  if (depth > MAX_ALIASES) return null;
  let sources = null;
  if (target.type === AST_NODE_TYPES.Identifier) sources = identifierSources(sourceCode, target);
  else if (target.type === AST_NODE_TYPES.MemberExpression) sources = thisMemberSources(sourceCode, target);
  const [only] = sources?.length === 1 ? sources : [];
  return only?.kind === 'expression' ? constructed(sourceCode, only.node, depth + 1) : null;
}

/**
 * For `object.name` where `object` is a `new OAuth2(…)` or `new Connection(…)` of jsforce: the expression
 * the property holds (its option), or the default text when the option is not written. Null when `name`
 * is not a host property of that class, or `object` is no such instance.
 */
export function jsforceHostProperty(
  sourceCode: SourceCode,
  node: TSESTree.Node,
  name: string,
): { readonly option: TSESTree.Expression } | { readonly text: string | null } | null {
  if (name !== 'loginUrl' && name !== 'instanceUrl') return null;
  const object = constructed(sourceCode, node, 0);
  if (!object) return null;
  const kind = jsforceInstances(sourceCode).get(object);
  const defaults = kind ? HOST_PROPERTIES[kind] : null;
  if (!defaults?.has(name)) return null;
  const [argument] = object.arguments;
  if (argument?.type === AST_NODE_TYPES.SpreadElement) return null;
  const options = argument ? objectLiteralOf(sourceCode, argument) : null;
  if (argument && !options) return null;
  const option = propertyValue(options, name);
  if (option) return { option };
  // A key the literal spreads in or writes in another form (`[key]: …`) may still set it.
  if (options?.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement || property.computed)) return null;
  return { text: defaults.get(name) ?? null };
}
