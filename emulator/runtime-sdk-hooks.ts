/**
 * Gives ES modules the v3 SDK of runtimes from `nodejs18.x` on: an `import` of `@aws-sdk/...` that the
 * project's own node_modules cannot satisfy is resolved from the emulator's node_modules instead.
 * `import` ignores `NODE_PATH`, which serves `require()`; see `runtime-sdk.ts`.
 *
 * Node 22.15 and later have `module.registerHooks`, whose hooks run in the worker's own thread at no
 * measurable cost. Node 22.12 to 22.14 have only `module.register`, whose hooks run in a thread of
 * their own (about 65 ms more per cold start and 2 MB per environment, measured here), so it is used
 * only there. The same file is that thread's hooks module: `initialize` and `resolve` below.
 */
import module, { type InitializeHook, type ResolveHook, type ResolveHookSync } from 'node:module';
import { isProvidedSpecifier, type RuntimeSdk } from './runtime-sdk.ts';

/** Installs the fallback in this thread. */
export function provideSdkToImports(sdk: RuntimeSdk): void {
  if (typeof module.registerHooks === 'function') {
    const resolveSync: ResolveHookSync = (specifier, context, nextResolve) => {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        if (!fallsBack(error, specifier, sdk)) throw error;
        return nextResolve(specifier, { ...context, parentURL: sdk.resolveFrom });
      }
    };
    module.registerHooks({ resolve: resolveSync });
    return;
  }
  module.register(import.meta.url, { data: sdk });
}

/** Only after the project's own resolution failed, and only for the packages the runtime provides. */
function fallsBack(error: unknown, specifier: string, sdk: RuntimeSdk): boolean {
  return (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && isProvidedSpecifier(specifier, sdk.packageName);
}

let registered: RuntimeSdk | undefined;

export const initialize: InitializeHook<RuntimeSdk> = (data) => {
  registered = data;
};

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (!registered || !fallsBack(error, specifier, registered)) throw error;
    return nextResolve(specifier, { ...context, parentURL: registered.resolveFrom });
  }
};
