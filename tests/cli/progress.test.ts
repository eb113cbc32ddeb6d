import { describe, expect, it } from 'vitest';
import { batches, PROGRESS_MIN_FILES, progressLine, showsProgress } from '../../src/cli/progress';

describe('progress', () => {
  it('shows only on a terminal, for a large tree, outside CI', () => {
    const tty = { isTTY: true, write: () => true };
    const pipe = { write: () => true };
    expect(showsProgress(tty, PROGRESS_MIN_FILES, {})).toBe(true);
    expect(showsProgress(tty, PROGRESS_MIN_FILES - 1, {})).toBe(false);
    expect(showsProgress(pipe, 10_000, {})).toBe(false);
    expect(showsProgress(tty, 10_000, { CI: 'true' })).toBe(false);
    expect(showsProgress(tty, 10_000, { TERM: 'dumb' })).toBe(false);
  });

  it('says how many files are done of how many, in a line of constant width', () => {
    expect(progressLine(0, 1000)).toBe('Linting:    0 of 1000 files (  0 %)');
    expect(progressLine(250, 1000)).toBe('Linting:  250 of 1000 files ( 25 %)');
    expect(progressLine(1000, 1000)).toBe('Linting: 1000 of 1000 files (100 %)');
  });

  it('splits the files into batches', () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([], 2)).toEqual([]);
  });
});
