import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploymentFacts } from '../../site/lib/sample-deployment.ts';

// The deploy lesson's figures come from the serverless.yml files that deploy the sample.
const read = (file: string) => readFileSync(join('sample-backend', file), 'utf8');

describe('deploymentFacts', () => {
  it('reads the runtime, per-route throttling, log retention, memory and function count of both services', () => {
    expect(deploymentFacts(read('serverless.yml'))).toEqual({
      runtime: 'nodejs24.x', runtimeName: 'Node.js 24', throttle: { ratePerSecond: 50, burst: 100 }, logRetentionDays: 14, memoryMb: 256, functionCount: 9,
    });
    expect(deploymentFacts(read('serverless.auth.yml'))).toMatchObject({ throttle: { ratePerSecond: 20, burst: 40 }, memoryMb: 128, functionCount: 3 });
  });

  it('refuses a runtime that is not Node.js', () => {
    expect(() => deploymentFacts('provider:\n  runtime: python3.12\n')).toThrow('provider.runtime "python3.12" is not a Node.js runtime');
  });
});

describe('the lessons', () => {
  it('put no {expression} inside `inline code`, where MDX shows it as typed instead of computing it', () => {
    const lessons = ['en', 'ja'].flatMap((lang) => readdirSync(join('site/content/lessons', lang)).map((file) => join('site/content/lessons', lang, file)));
    const typed = lessons.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/`\{[A-Za-z_][\w.]*\}`/g)].map((match) => `${file}: ${match[0]}`));
    expect(typed).toEqual([]);
  });
});
