import type { TSESLint } from '@typescript-eslint/utils';

/**
 * A rule's listeners, made once for a rule and its options and handed to ESLint for every file (see
 * create-rule.ts), and the way the listeners forget what they kept of one file before the next.
 *
 * Rules are created once per file, and a rule built afresh for each file spends more on making its
 * closures and listener object than on the whole of its traversal in most files: ESLint calls back
 * only for the few nodes the selectors match. So state a listener keeps for a file lives in a `let`
 * made once, and the first time a listener keeps something in a file it tells `kept` how to forget
 * it. A file in which no listener kept anything, most files, costs nothing to forget.
 */
export interface FileListeners {
  /** The listeners ESLint is given. Add to them with `addListener`. */
  readonly listeners: TSESLint.RuleListener;
  /**
   * Says that a listener kept something of the file being linted: call it the first time it does in a
   * file. `forget`, run once the file's `Program:exit` is done, puts the listener's state back as it was
   * before the file. Replace a collection rather than empty it: an analysis may have kept it.
   */
  kept(forget: () => void): void;
}

/**
 * Adds `listener` for `selector` to a rule's listeners, after any listener already there. By
 * assignment: an object literal with computed keys, or spread from another, costs several times more.
 */
export function addListener(listeners: TSESLint.RuleListener, selector: string, listener: (node: never) => void): void {
  const existing = listeners[selector] as ((node: never) => void) | undefined;
  listeners[selector] = existing
    ? (node: never) => {
        existing(node);
        listener(node);
      }
    : listener;
}

/**
 * Adds a listener that keeps, for each file, the nodes `selector` matches; returns the list of the
 * file being linted (read it from `Program:exit`).
 */
export function collectNodes<Node>(file: FileListeners, selector: string): () => readonly Node[] {
  const nodes = fileList<Node>(file);
  addListener(file.listeners, selector, nodes.push);
  return nodes.items;
}

/** What listeners keep of the file being linted, in the order they add it, forgotten once the file is done. */
export interface FileList<Item> {
  readonly push: (item: Item) => void;
  /** The file's items, or none. */
  readonly items: () => readonly Item[];
}

const NONE: readonly never[] = Object.freeze([]);

export function fileList<Item>(file: FileListeners): FileList<Item> {
  let items: Item[] | null = null;
  const forget = (): void => {
    items = null;
  };
  return {
    push(item: Item): void {
      if (items === null) {
        items = [];
        file.kept(forget);
      }
      items.push(item);
    },
    items: () => items ?? NONE,
  };
}
