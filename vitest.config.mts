import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // @typescript-eslint/rule-tester looks for global `describe` / `it` / `afterAll`.
    globals: true,
    include: ['tests/**/*.test.ts'],
  },
});
