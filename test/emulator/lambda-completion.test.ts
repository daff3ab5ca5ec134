import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LambdaFunction } from '../../emulator/lambda-function.ts';

// How an invocation ends, as Lambda's Node.js runtime ends it: a callback's result waits for the
// event loop unless callbackWaitsForEmptyEventLoop is false, and work left running after an async
// handler returns is frozen with the environment until the next invocation.
const functions: LambdaFunction[] = [];
afterEach(async () => {
  await Promise.all(functions.splice(0).map((fn) => fn.stop()));
});

function completion(handlerExport: string): LambdaFunction {
  const fn = new LambdaFunction(
    {
      name: handlerExport,
      handlerModule: resolve('test/fixtures/lambda-completion/handlers.cjs'),
      handlerExport,
      environment: {},
      runtime: 'nodejs24.x',
      timeoutSeconds: 5,
      memorySize: 128,
    },
    { localEndpoints: () => ({ emulatorPort: 0, apiId: 'a1b2c3d4e5', region: 'us-east-1' }), onLog: () => {} },
  );
  functions.push(fn);
  return fn;
}

async function timed(fn: LambdaFunction, requestId: string): Promise<{ ms: number; result: unknown }> {
  const startedAt = Date.now();
  const result = await fn.invoke({}, requestId);
  return { ms: Date.now() - startedAt, result };
}

describe('a callback handler', () => {
  it('answers once its event loop is empty: the pending 300 ms timer first', async () => {
    const fn = completion('waits');
    await fn.invoke({}, 'warm-up');
    const { ms, result } = await timed(fn, 'r1');
    expect(result).toEqual({ statusCode: 200, body: 'answered' });
    expect(ms).toBeGreaterThanOrEqual(290);
  });

  it('answers at once with context.callbackWaitsForEmptyEventLoop = false', async () => {
    const fn = completion('doesNotWait');
    await fn.invoke({}, 'warm-up');
    const { ms, result } = await timed(fn, 'r1');
    expect(result).toEqual({ statusCode: 200, body: 'answered' });
    expect(ms).toBeLessThan(250);
  });
});

describe('an async handler that forgets to await', () => {
  it('has its leftover work frozen until the next invocation thaws the environment', async () => {
    const fn = completion('forgetsToAwait');
    expect(await fn.invoke({}, 'r1')).toMatchObject({ body: JSON.stringify({ firedBefore: 0 }) });
    // Not frozen, its 20 ms timer would have fired long before this.
    await new Promise((wake) => setTimeout(wake, 400));
    const secondSentAt = Date.now();
    const second = (await fn.invoke({}, 'r2')) as { body: string };
    const { firedBefore } = JSON.parse(second.body) as { firedBefore: number };
    // It ran, but only once thawed for the second invocation.
    expect(firedBefore).toBeGreaterThanOrEqual(secondSentAt);
  });
});

describe('a TypeScript handler that Node cannot strip', () => {
  it('is bundled with esbuild instead, and the invocation that found out still gets its answer', async () => {
    const logs: string[] = [];
    const fn = new LambdaFunction(
      {
        name: 'typescript-as-written',
        handlerModule: resolve('test/fixtures/typescript-as-written/handler.ts'),
        handlerExport: 'handler',
        environment: {},
        runtime: 'nodejs24.x',
        timeoutSeconds: 5,
        memorySize: 128,
      },
      { localEndpoints: () => ({ emulatorPort: 0, apiId: 'a1b2c3d4e5', region: 'us-east-1' }), onLog: (log) => logs.push(log.text) },
    );
    functions.push(fn);
    expect(await fn.invoke({}, 'r1')).toEqual({ statusCode: 200, body: 'hello, happy' });
    expect(logs.join('\n')).toContain("Node's type stripping could not load");
    expect(await fn.invoke({}, 'r2')).toEqual({ statusCode: 200, body: 'hello, happy' });
  });
});
