import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // @typescript-eslint/rule-tester looks for global `describe` / `it` / `afterAll`.
    globals: true,
    include: ['tests/**/*.test.ts'],
    // The integration tests spend their time waiting for child processes (npm, eslint, git, pre-commit), whose
    // work then runs on the other cores: one worker per core, where vitest's default leaves one core idle.
    maxWorkers: availableParallelism(),
  },
});
