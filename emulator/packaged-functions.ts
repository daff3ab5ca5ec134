/**
 * Runs a service's functions from the zips `serverless package` made, instead of from its sources.
 * Each zip is unpacked into a folder of its own outside the project, as Lambda unpacks it into
 * /var/task, so a handler can reach only what its zip holds and what the runtime provides: a
 * package the bundler left out, or a file the zip lacks, fails here as it would on AWS.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import JSZip from 'jszip';
import { findHandlerModule, ServerlessConfigError, type ServiceConfig } from './serverless-config.ts';

export interface UnpackedService {
  service: ServiceConfig;
  /** Deletes the unpacked folders. */
  remove(): Promise<void>;
}

/** `service` with each function's handler in its unpacked zip from `packageFolder`. */
export async function runFromPackage(service: ServiceConfig, packageFolder: string): Promise<UnpackedService> {
  const serviceFolder = dirname(service.file);
  const unpackRoot = await mkdtemp(join(tmpdir(), 'emulator-package-'));
  try {
    const functions = [];
    for (const fn of service.functions) {
      const zip = zipOf(packageFolder, service.service, fn.key);
      const taskFolder = join(unpackRoot, fn.key);
      await unzip(zip, taskFolder);
      // The handler's path inside the zip is its path in the service folder, without the extension the bundler changed.
      const inService = relative(serviceFolder, fn.handlerModule).replace(/\.[^./\\]+$/, '');
      const handlerModule = findHandlerModule(join(taskFolder, inService), `functions.${fn.key}.handler (in ${zip})`, service.file);
      // What the zip holds is already bundled: it runs as it is.
      const { bundle: _bundled, ...asPackaged } = fn;
      functions.push({ ...asPackaged, handlerModule });
    }
    return { service: { ...service, functions }, remove: () => rm(unpackRoot, { recursive: true, force: true }) };
  } catch (error) {
    await rm(unpackRoot, { recursive: true, force: true });
    throw error;
  }
}

/** `<key>.zip` when functions are packaged individually, else the service's one `<service>.zip`. */
function zipOf(packageFolder: string, serviceName: string, key: string): string {
  for (const name of [`${key}.zip`, `${serviceName}.zip`]) {
    const path = resolve(packageFolder, name);
    if (existsSync(path)) return path;
  }
  throw new ServerlessConfigError(
    `No ${key}.zip or ${serviceName}.zip in ${packageFolder}: make the package first, e.g. npx serverless package --package ${packageFolder}`,
  );
}

async function unzip(zipFile: string, into: string): Promise<void> {
  let archive: JSZip;
  try {
    archive = await JSZip.loadAsync(await readFile(zipFile));
  } catch (error) {
    throw new ServerlessConfigError(`${zipFile} is not a zip file that can be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const entry of Object.values(archive.files)) {
    const target = resolve(into, entry.name);
    // A zip may name "../" paths; Lambda would not write outside /var/task, and neither does this.
    if (target !== into && !target.startsWith(into + sep)) throw new ServerlessConfigError(`${zipFile} holds ${entry.name}, outside the folder it unpacks into`);
    if (entry.dir) {
      await mkdir(target, { recursive: true });
    } else {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await entry.async('nodebuffer'));
    }
  }
}
