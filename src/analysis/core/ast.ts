/**
 * Small AST helpers shared by the analysis modules: unwrapping TypeScript-only wrappers, reading static
 * property names, and finding what a name refers to through scope.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Strips parentheses' TypeScript cousins: `x as T`, `x!`, `<T>x`, `x satisfies T`, and `a?.b` chains. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSInstantiationExpression:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The parent of `node`, skipping the wrappers that `unwrap` strips. */
export function parentOf(node: TSESTree.Node): TSESTree.Node | undefined {
  let parent = node.parent;
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.TSTypeAssertion ||
      parent.type === AST_NODE_TYPES.ChainExpression)
  ) {
    parent = parent.parent;
  }
  return parent;
}

/** The name of a non-computed key, or of a computed key whose value is a string literal. */
export function staticKeyName(
  key: TSESTree.Expression | TSESTree.PrivateIdentifier,
  computed: boolean,
): string | null {
  if (!computed) {
    if (key.type === AST_NODE_TYPES.Identifier) return key.name;
    if (key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${key.name}`;
  }
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) {
    return String(key.value);
  }
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) {
    return key.quasis[0]?.value.cooked ?? null;
  }
  return null;
}

/** The property name a member expression reads, if it is static (`a.b`, `a['b']`). */
export function memberName(node: TSESTree.MemberExpression): string | null {
  return staticKeyName(node.property, node.computed);
}

/** The name an import specifier takes from its module: `default` for a default import, `*` for a namespace. */
export function importedName(specifier: TSESTree.ImportClause): string {
  if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) return 'default';
  if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return '*';
  const { imported } = specifier;
  return imported.type === AST_NODE_TYPES.Identifier ? imported.name : String(imported.value);
}

/** The specifiers of an import that bring in a value: none of an `import type`, and no `type X` one. */
export function valueSpecifiers(declaration: TSESTree.ImportDeclaration): TSESTree.ImportClause[] {
  if (declaration.importKind === 'type') return [];
  return declaration.specifiers.filter((specifier) => specifier.type !== AST_NODE_TYPES.ImportSpecifier || specifier.importKind !== 'type');
}

/** The method a call calls on an object, if its name is static (`conn.login(…)` → `login`). */
export function calledMethodName(call: TSESTree.CallExpression): string | null {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
}

/** The property named `name` written directly in an object literal (the last one wins, as at run time). */
export function findProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | null {
  let found: TSESTree.Property | null = null;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      // A spread after the property may override it: the value is no longer certain.
      if (found) found = null;
      continue;
    }
    if (staticKeyName(property.key, property.computed) === name) found = property;
  }
  return found;
}

/** The value expression of `object[name]`, when written directly in the literal. */
export function propertyValue(
  object: TSESTree.ObjectExpression | null | undefined,
  name: string,
): TSESTree.Expression | null {
  if (!object) return null;
  const property = findProperty(object, name);
  if (!property || property.value.type === AST_NODE_TYPES.AssignmentPattern) return null;
  if (property.value.type === AST_NODE_TYPES.TSEmptyBodyFunctionExpression) return null;
  return property.value as TSESTree.Expression;
}

/** Does `object` mention the key `name` at all (as a written key; spreads are not looked into)? */
export function hasProperty(object: TSESTree.ObjectExpression, name: string): boolean {
  return object.properties.some(
    (property) =>
      property.type === AST_NODE_TYPES.Property && staticKeyName(property.key, property.computed) === name,
  );
}

/**
 * The variable an identifier refers to, found through scope: the nearest scope, from the identifier's
 * own outwards, that declares its name. (`ASTUtils.findVariable` would first search the children of
 * that scope for a narrower one, a scan of every top-level function and class for an identifier at
 * module level: quadratic over a file. `getScope` already gives the innermost scope.)
 */
export function variableOf(
  sourceCode: SourceCode,
  identifier: TSESTree.Identifier,
): TSESLint.Scope.Variable | null {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier); scope; scope = scope.upper) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable;
  }
  return null;
}

/**
 * The single expression a variable always holds: a `const` (or a `let`/`var` never written again)
 * with a plain initializer. `null` for parameters, imports, destructured names and reassigned variables.
 */
export function constantInitializer(variable: TSESLint.Scope.Variable): TSESTree.Expression | null {
  if (variable.defs.length !== 1) return null;
  const [definition] = variable.defs;
  if (definition?.type !== 'Variable') return null;
  const declarator = definition.node;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
  const writes = variable.references.filter((reference) => reference.isWrite());
  if (writes.length !== 1 || writes[0]?.writeExpr !== declarator.init) return null;
  return declarator.init;
}

/** Is `inner` inside `outer` (or the same node)? */
export function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** The nearest enclosing function of a node, or null at module level. */
export function enclosingFunction(
  node: TSESTree.Node,
): TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | null {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.FunctionDeclaration ||
      current.type === AST_NODE_TYPES.FunctionExpression ||
      current.type === AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      return current;
    }
  }
  return null;
}

/** The class a node is written in, if any. */
export function enclosingClass(node: TSESTree.Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) {
      return current;
    }
  }
  return null;
}

/**
 * The function whose `this` a node sees: the nearest ordinary function around it (an arrow's `this` is
 * its outer function's); null at module level or in a class body outside any method.
 */
export function thisFunction(node: TSESTree.Node): TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.FunctionDeclaration || current.type === AST_NODE_TYPES.FunctionExpression) return current;
    if (current.type === AST_NODE_TYPES.ClassBody) return null;
  }
  return null;
}

/**
 * For `this.name`, the class whose `this` it reads: the enclosing class, provided no ordinary function
 * (which has its own `this`) stands between them.
 */
export function thisClass(node: TSESTree.ThisExpression): TSESTree.ClassDeclaration | TSESTree.ClassExpression | null {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    switch (current.type) {
      case AST_NODE_TYPES.FunctionDeclaration:
        return null;
      case AST_NODE_TYPES.FunctionExpression:
        if (current.parent.type !== AST_NODE_TYPES.MethodDefinition) return null;
        break;
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.ClassExpression:
        return current;
      default:
        break;
    }
  }
  return null;
}

/** Lightweight recursive walk over a subtree using the parser's visitor keys. */
export function walk(
  sourceCode: SourceCode,
  root: TSESTree.Node,
  visit: (node: TSESTree.Node) => boolean | void,
): void {
  const keys = sourceCode.visitorKeys;
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const nodeKeys = keys[node.type];
    if (nodeKeys === undefined) continue;
    for (let index = nodeKeys.length - 1; index >= 0; index -= 1) {
      const child = (node as unknown as Record<string, unknown>)[nodeKeys[index]!];
      if (child === null || child === undefined) continue;
      if (Array.isArray(child)) {
        for (let item = child.length - 1; item >= 0; item -= 1) {
          const element = child[item] as TSESTree.Node | null;
          if (element && typeof element.type === 'string') stack.push(element);
        }
      } else if (typeof (child as TSESTree.Node).type === 'string') {
        stack.push(child as TSESTree.Node);
      }
    }
  }
}

/** A step of ESLint's traversal (`SourceCode#traverse()`): a node entered (phase 1) or left (phase 2), or an event. */
interface TraversalStep {
  readonly kind: number;
  readonly target: unknown;
  readonly phase?: number;
}

/**
 * Visits every node of the file in the order of a walk; `visit` returning false skips the node's
 * children. Where ESLint keeps the steps of its own traversal (`SourceCode#traverse()`, ESLint 9 and
 * later, made once per file), reading them costs a fraction of a walk's lookups; else a walk.
 */
export function walkFile(sourceCode: SourceCode, visit: (node: TSESTree.Node) => boolean | void): void {
  const { traverse } = sourceCode as { traverse?: () => unknown };
  const steps = typeof traverse === 'function' ? traverse.call(sourceCode) : null;
  if (!Array.isArray(steps)) {
    walk(sourceCode, sourceCode.ast, visit);
    return;
  }
  let skipped: unknown = null;
  // An indexed loop over the array: a file has two steps per node, and this costs half of `for … of`
  // in a lint.
  for (let index = 0; index < steps.length; index += 1) {
    const step = steps[index] as TraversalStep;
    if (step.kind !== 1) continue;
    if (skipped !== null) {
      if (step.target === skipped && step.phase === 2) skipped = null;
      continue;
    }
    if (step.phase === 1 && visit(step.target as TSESTree.Node) === false) skipped = step.target;
  }
}

/** Type-only wrappers and optional chains: the value of the node inside is the value of the node. */
export const TYPE_WRAPPERS: ReadonlySet<string> = new Set<string>([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.ChainExpression,
]);

/** The type wrappers, and `await`: the value (once settled) of the node inside is the value of the node. */
export const VALUE_WRAPPERS: ReadonlySet<string> = new Set<string>([AST_NODE_TYPES.AwaitExpression, ...TYPE_WRAPPERS]);

/** Is the node an `export` declaration (named or default)? */
export function isExportDeclaration(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.ExportNamedDeclaration || node?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
}

/** Is the variable declared in an `export` declaration (`export const`, `export function`, `export default class`)? */
export function isExported(variable: TSESLint.Scope.Variable): boolean {
  return variable.defs.some((definition) => {
    if (definition.type === 'Variable') return isExportDeclaration(definition.parent?.parent);
    if (definition.type === 'FunctionName' || definition.type === 'ClassName') return isExportDeclaration(definition.node.parent);
    return false;
  });
}

/** `object.method(…)` on a global nothing in the file declares: `JSON.parse(text)`, `process.exit(1)`. */
export function isGlobalMethodCall(
  sourceCode: Readonly<TSESLint.SourceCode>,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  object: string,
  method: string,
): boolean {
  if (call.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== method) return false;
  const target = unwrap(callee.object);
  if (target.type !== AST_NODE_TYPES.Identifier || target.name !== object) return false;
  const variable = variableOf(sourceCode, target);
  return !variable || variable.defs.length === 0;
}
