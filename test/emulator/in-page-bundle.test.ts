import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The gateway core and the in-page transport must run in a browser: bundling them for one fails on
// any import of Node's modules (`node:http`, `ws`, `Buffer`…).
describe('the in-page emulator for a browser', () => {
  it('bundles for the browser with no Node module and no Node global', async () => {
    const result = await build({
      entryPoints: ['emulator/in-page-transport.ts', 'emulator/in-page-sdk-handler.ts', 'emulator/in-page-websocket.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      outdir: 'in-page-bundle',
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const code = result.outputFiles.map((file) => file.text).join('\n');
    expect(code).not.toMatch(/\bBuffer\.|\bprocess\.|setImmediate\(|require\(/);
  });
});
