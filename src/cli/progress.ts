/**
 * Progress on stderr while a large tree is linted, on a terminal only: one line, `files done of total`,
 * rewritten in place and erased at the end.
 */

/** Trees smaller than this lint too fast for progress to help. */
export const PROGRESS_MIN_FILES = 200;
/** Files linted per ESLint call when progress is shown. */
export const PROGRESS_BATCH = 50;

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Whether to show progress for `total` files on `stream`. */
export function showsProgress(stream: ProgressStream, total: number, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && total >= PROGRESS_MIN_FILES && !env.CI && env.TERM !== 'dumb';
}

/** The progress line for `done` of `total` files. */
export function progressLine(done: number, total: number): string {
  const width = String(total).length;
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  return `Linting: ${String(done).padStart(width)} of ${total} files (${String(percent).padStart(3)} %)`;
}

/** `\r` back to the start of the line, then erase it (ANSI EL). */
export const ERASE_LINE = '\r\u001B[K';

/** Split `items` into batches of `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
