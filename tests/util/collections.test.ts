import { describe, expect, it } from 'vitest';

import { addToList } from '../../src/util/collections';

describe('addToList', () => {
  it('starts a list for a new key and appends to an existing one, in order', () => {
    const map = new Map<string, number[]>();
    addToList(map, 'a', 1);
    addToList(map, 'b', 2);
    addToList(map, 'a', 3);
    expect([...map]).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
  });
});
