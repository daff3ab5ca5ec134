import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LambdaFunction } from '../../emulator/lambda-function.ts';

const functions: LambdaFunction[] = [];
afterEach(async () => {
  await Promise.all(functions.splice(0).map((fn) => fn.stop()));
});

function sleeper(spareEnvironmentIdleMs: number, lastEnvironmentIdleMs = Infinity): LambdaFunction {
  const fn = new LambdaFunction(
    {
      name: 'sleeper',
      handlerModule: resolve('test/fixtures/handler-styles/handlers/behaviours.mjs'),
      handlerExport: 'sleep',
      environment: {},
      runtime: 'nodejs22.x',
      timeoutSeconds: 5,
      memorySize: 128,
    },
    { localEndpoints: () => ({ emulatorPort: 0, apiId: 'a1b2c3d4e5', region: 'us-east-1' }), onLog: () => {}, spareEnvironmentIdleMs, lastEnvironmentIdleMs },
  );
  functions.push(fn);
  return fn;
}

const sleep = (ms: number) => ({ body: JSON.stringify({ ms }) });

describe('LambdaFunction environments', () => {
  it('starts an environment per concurrent invocation, then stops the spare ones once idle, keeping one warm', async () => {
    const fn = sleeper(1000);
    // Long enough that no environment frees up while the others start, one cold start at a time.
    await Promise.all([1, 2, 3].map((i) => fn.invoke(sleep(1500), `r${i}`)));
    // Usually 3; fewer when a cold start took longer than a sleep, which a busy machine may do.
    expect(fn.environmentCount).toBeGreaterThan(1);
    await expect.poll(() => fn.environmentCount, { timeout: 5000 }).toBe(1);
    expect(await fn.invoke(sleep(1), 'r4')).toEqual({ statusCode: 200, body: 'slept 1' });
  });

  it('stops the last environment too once it has been idle for lastEnvironmentIdleMs, and cold-starts the next invocation', async () => {
    const fn = sleeper(200, 1200);
    await Promise.all([1, 2].map((i) => fn.invoke(sleep(800), `r${i}`)));
    // The spare goes first; the last one outlives it, then goes as well.
    await expect.poll(() => fn.environmentCount, { timeout: 3000, interval: 50 }).toBe(1);
    await expect.poll(() => fn.environmentCount, { timeout: 3000, interval: 50 }).toBe(0);
    expect(await fn.invoke(sleep(1), 'r3')).toEqual({ statusCode: 200, body: 'slept 1' });
    expect(fn.environmentCount).toBe(1);
  });

  it('keeps the last environment while it is invoked more often than lastEnvironmentIdleMs', async () => {
    const fn = sleeper(100, 600);
    for (let i = 0; i < 6; i++) {
      await fn.invoke(sleep(1), `r${i}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(fn.environmentCount).toBe(1);
    }
  });

  it('keeps an environment that is invoked again before it has been idle long enough', async () => {
    const fn = sleeper(400);
    await Promise.all([1, 2].map((i) => fn.invoke(sleep(200), `r${i}`)));
    for (let i = 0; i < 4; i++) await Promise.all([fn.invoke(sleep(150), `a${i}`), fn.invoke(sleep(150), `b${i}`)]);
    expect(fn.environmentCount).toBe(2);
  });
});
