/**
 * What a name holds: the expressions that can be stored in a variable, a destructured name or a class
 * field (`this.x`). Found through scope and cached per file, so any analysis can follow values without
 * matching identifier text.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { AST_NODE_TYPES } from '../../util/node-types';

import { staticKeyName, thisClass, unwrap, variableOf, walk } from './ast';
import { addToList } from '../../util/collections';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** One way a binding gets its value. */
export type ValueSource =
  /** The binding holds the value of this expression. */
  | { readonly kind: 'expression'; readonly node: TSESTree.Expression }
  /**
   * The binding was destructured: it holds `object[path[0]][path[1]]…`, or `fallback` when that is
   * `undefined`.
   */
  | {
      readonly kind: 'property';
      readonly object: TSESTree.Expression;
      readonly path: readonly string[];
      readonly fallback: TSESTree.Expression | null;
    }
  /** A value nothing in the file tells (a parameter, an import, a loop variable…). */
  | { readonly kind: 'unknown' };

const UNKNOWN_SOURCE: ValueSource = { kind: 'unknown' };

/**
 * Walks from a name inside a destructuring pattern up to the declarator: the property path it reads
 * and its default, or null when the pattern is not a plain object pattern (arrays, rest elements).
 */
function patternPath(
  name: TSESTree.Identifier,
): { root: TSESTree.Node; path: string[]; fallback: TSESTree.Expression | null } | null {
  const path: string[] = [];
  let fallback: TSESTree.Expression | null = null;
  let current: TSESTree.Node = name;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) return null;
    if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === current) {
      if (path.length === 0) fallback = parent.right;
      current = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current) {
      const key = staticKeyName(parent.key, parent.computed);
      if (key === null || parent.parent.type !== AST_NODE_TYPES.ObjectPattern) return null;
      path.unshift(key);
      current = parent.parent;
      continue;
    }
    return { root: current, path, fallback };
  }
}

function definitionSources(definition: TSESLint.Scope.Definition): ValueSource[] {
  const name = definition.name as TSESTree.Identifier;
  if (definition.type === 'Variable') {
    const declarator = definition.node;
    if (declarator.id === name) {
      // `let x;` starts undefined: that is no URL, so only later writes count.
      return declarator.init ? [{ kind: 'expression', node: declarator.init }] : [];
    }
    const pattern = patternPath(name);
    if (!pattern || pattern.root !== declarator.id || !declarator.init || pattern.path.length === 0) {
      return [UNKNOWN_SOURCE];
    }
    return [{ kind: 'property', object: declarator.init, path: pattern.path, fallback: pattern.fallback }];
  }
  if (definition.type === 'Parameter') {
    const parent = name.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentPattern && parent.left === name) {
      return [UNKNOWN_SOURCE, { kind: 'expression', node: parent.right }];
    }
  }
  return [UNKNOWN_SOURCE];
}

const variableCache = new WeakMap<TSESLint.Scope.Variable, readonly ValueSource[]>();

/** Every source of a variable's value: its definition and each later write. */
export function variableSources(variable: TSESLint.Scope.Variable): readonly ValueSource[] {
  const cached = variableCache.get(variable);
  if (cached) return cached;
  const sources: ValueSource[] = [];
  for (const definition of variable.defs) sources.push(...definitionSources(definition));
  for (const reference of variable.references) {
    if (!reference.isWrite() || reference.init) continue;
    const assignment = reference.identifier.parent;
    if (
      assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
      assignment.operator === '=' &&
      assignment.left === reference.identifier
    ) {
      sources.push({ kind: 'expression', node: assignment.right });
    } else {
      sources.push(UNKNOWN_SOURCE);
    }
  }
  variableCache.set(variable, sources);
  return sources;
}

/** The sources of the value an identifier reads, through scope. Unknown for globals. */
export function identifierSources(sourceCode: SourceCode, identifier: TSESTree.Identifier): readonly ValueSource[] {
  const variable = variableOf(sourceCode, identifier);
  if (!variable || variable.defs.length === 0) return [UNKNOWN_SOURCE];
  return variableSources(variable);
}

type ClassLike = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

const classFieldCache = new WeakMap<ClassLike, Map<string, ValueSource[]>>();
const providedAssignments = new WeakMap<SourceCode, readonly TSESTree.Node[]>();
const thisAssignments = new WeakMap<SourceCode, readonly TSESTree.AssignmentExpression[]>();

/** Is this an assignment to `this.<member>`? */
function isThisAssignment(node: TSESTree.Node): node is TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression } {
  return node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && node.left.object.type === AST_NODE_TYPES.ThisExpression;
}

/**
 * For a rule whose traversal has seen every assignment of the file (among other nodes): the ones to
 * `this.<member>`, so that a class's fields are read from them rather than from a walk of the class.
 * Call before asking about the file.
 */
export function provideAssignmentNodes(sourceCode: SourceCode, nodes: readonly TSESTree.Node[]): void {
  if (!thisAssignments.has(sourceCode)) providedAssignments.set(sourceCode, nodes);
}

/** The file's assignments to `this.<member>`, when a rule provided its nodes (filtered on first use); else null. */
function providedThisAssignments(sourceCode: SourceCode): readonly TSESTree.AssignmentExpression[] | null {
  const known = thisAssignments.get(sourceCode);
  if (known) return known;
  const nodes = providedAssignments.get(sourceCode);
  if (!nodes) return null;
  const found = nodes.filter(isThisAssignment);
  thisAssignments.set(sourceCode, found);
  providedAssignments.delete(sourceCode);
  return found;
}

/**
 * The values a class stores in `this.<name>`: field initialisers, constructor parameter properties
 * (unknown values) and every `this.<name> = …` written in the class's own methods. Built once per class.
 */
function classFields(sourceCode: SourceCode, node: ClassLike): Map<string, ValueSource[]> {
  const cached = classFieldCache.get(node);
  if (cached) return cached;
  const fields = new Map<string, ValueSource[]>();
  const add = (name: string | null, source: ValueSource): void => {
    if (name === null) return;
    addToList(fields, name, source);
  };
  for (const member of node.body.body) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static) {
      add(
        staticKeyName(member.key, member.computed),
        member.value ? { kind: 'expression', node: member.value } : UNKNOWN_SOURCE,
      );
    }
    if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
      for (const parameter of member.value.params) {
        if (parameter.type === AST_NODE_TYPES.TSParameterProperty) {
          const inner = parameter.parameter;
          const id = inner.type === AST_NODE_TYPES.AssignmentPattern ? inner.left : inner;
          if (id.type === AST_NODE_TYPES.Identifier) add(id.name, UNKNOWN_SOURCE);
        }
      }
    }
  }
  const write = (child: TSESTree.Node): void => {
    if (isThisAssignment(child) && thisClass(child.left.object as TSESTree.ThisExpression) === node) {
      const name = staticKeyName(child.left.property, child.left.computed);
      add(name, child.operator === '=' ? { kind: 'expression', node: child.right } : UNKNOWN_SOURCE);
    }
  };
  const provided = providedThisAssignments(sourceCode);
  if (provided) {
    const [start, end] = node.body.range;
    for (const other of provided) if (other.range[0] >= start && other.range[1] <= end) write(other);
  } else {
    walk(sourceCode, node.body, (child) => {
      if (child !== node.body && child.type === AST_NODE_TYPES.ClassBody) return false;
      write(child);
      return undefined;
    });
  }
  classFieldCache.set(node, fields);
  return fields;
}

/** The sources of `this.<name>` read inside a class; null when `this` is not a class instance here. */
export function thisMemberSources(
  sourceCode: SourceCode,
  member: TSESTree.MemberExpression,
): readonly ValueSource[] | null {
  const object = unwrap(member.object);
  if (object.type !== AST_NODE_TYPES.ThisExpression) return null;
  const owner = thisClass(object);
  if (!owner) return null;
  const name = staticKeyName(member.property, member.computed);
  if (name === null) return [UNKNOWN_SOURCE];
  return classFields(sourceCode, owner).get(name) ?? [UNKNOWN_SOURCE];
}

const thisReadCache = new WeakMap<ClassLike, Map<string, TSESTree.MemberExpression[]>>();

/** Every `this.<name>` read in a class's own methods (built once per class). */
export function thisMemberReads(
  sourceCode: SourceCode,
  owner: ClassLike,
  name: string,
): readonly TSESTree.MemberExpression[] {
  let reads = thisReadCache.get(owner);
  if (!reads) {
    const found = new Map<string, TSESTree.MemberExpression[]>();
    walk(sourceCode, owner.body, (child) => {
      if (
        child.type === AST_NODE_TYPES.MemberExpression &&
        child.object.type === AST_NODE_TYPES.ThisExpression &&
        thisClass(child.object) === owner
      ) {
        const key = staticKeyName(child.property, child.computed);
        const isWrite =
          child.parent.type === AST_NODE_TYPES.AssignmentExpression && child.parent.left === child;
        if (key !== null && !isWrite) {
          addToList(found, key, child);
        }
      }
      return undefined;
    });
    reads = found;
    thisReadCache.set(owner, reads);
  }
  return reads.get(name) ?? [];
}
