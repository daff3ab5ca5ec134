import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start Lambda workers and a local DynamoDB; a cold start takes a moment.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
