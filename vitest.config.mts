import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import type { Reporter } from 'vitest/reporters';

/** Ends the output with a plain `N passed, N failed` line, which CI reads to know that tests ran. */
const summaryLine: Reporter = {
  onTestRunEnd(testModules, unhandledErrors) {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const testModule of testModules) {
      if (testModule.state() === 'failed' && testModule.children.size === 0) failed += 1;
      for (const test of testModule.children.allTests()) {
        const { state } = test.result();
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  },
};

export default defineConfig({
  test: {
    // @typescript-eslint/rule-tester looks for global `describe` / `it` / `afterAll`.
    globals: true,
    include: ['tests/**/*.test.ts'],
    reporters: ['default', summaryLine],
    // The integration tests spend their time waiting for child processes (npm, eslint, git, pre-commit), whose
    // work then runs on the other cores: one worker per core, where vitest's default leaves one core idle.
    maxWorkers: availableParallelism(),
  },
});
