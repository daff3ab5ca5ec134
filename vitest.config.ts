import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest's default on this 2-core machine is a single worker, and most of these tests wait on
    // sockets, Lambda workers and timers rather than compute: two workers halve the run.
    maxWorkers: 2,
    // Integration tests start Lambda workers and a local DynamoDB; a cold start takes a moment.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Tests wait for a state with expect.poll. Its default of 1 s is shorter than a Lambda cold start
    // on a busy 2-core machine (a fresh clone's third CI rehearsal failed on a $disconnect that came
    // later); a state that is really wrong still fails, and well inside the test's timeout.
    expect: { poll: { timeout: 10_000 } },
    projects: [
      { extends: true, test: { name: 'node', include: ['test/**/*.test.ts'] } },
      // The conformance suite again, on the in-page transport (the gateway core with no network),
      // so that the two transports cannot drift apart.
      { extends: true, test: { name: 'in-page', include: ['test/emulator/conformance/**/*.test.ts'], env: { EMULATOR_TRANSPORT: 'in-page' } } },
    ],
  },
});
