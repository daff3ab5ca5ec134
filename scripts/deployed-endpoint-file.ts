/**
 * Where `npm run deploy:sample` leaves the reader's `wss://` URLs for the site: lines in `.env.local`
 * (git-ignored), which Astro reads as `PUBLIC_DEPLOYED_WS_ENDPOINT` (the sample) and
 * `PUBLIC_DEPLOYED_AUTH_WS_ENDPOINT` (the authentication lesson's API) on the next `npm start` or build.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

export const DEPLOYED_ENDPOINT_VARIABLES = {
  sample: 'PUBLIC_DEPLOYED_WS_ENDPOINT',
  auth: 'PUBLIC_DEPLOYED_AUTH_WS_ENDPOINT',
} as const;

export type DeployedEndpoints = Partial<Record<keyof typeof DEPLOYED_ENDPOINT_VARIABLES, string>>;

/** `.env.local` at the project root, unless DEPLOYED_ENDPOINT_FILE names another (the tests do). */
export function endpointFile(): string {
  return process.env.DEPLOYED_ENDPOINT_FILE ?? '.env.local';
}

/** Returns `text` with both variables set to `endpoints`, each removed when its endpoint is undefined; other lines stay. */
export function withEndpoints(text: string, endpoints: DeployedEndpoints): string {
  const ours = Object.values(DEPLOYED_ENDPOINT_VARIABLES).map((variable) => `${variable}=`);
  const lines = text.split('\n').filter((line) => line !== '' && !ours.some((prefix) => line.startsWith(prefix)));
  for (const [api, variable] of Object.entries(DEPLOYED_ENDPOINT_VARIABLES)) {
    const endpoint = endpoints[api as keyof DeployedEndpoints];
    if (endpoint !== undefined) lines.push(`${variable}=${endpoint}`);
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The endpoints `text` holds. */
export function endpointsIn(text: string): DeployedEndpoints {
  const endpoints: DeployedEndpoints = {};
  for (const line of text.split('\n')) {
    for (const [api, variable] of Object.entries(DEPLOYED_ENDPOINT_VARIABLES)) {
      if (line.startsWith(`${variable}=`)) endpoints[api as keyof DeployedEndpoints] = line.slice(variable.length + 1).trim();
    }
  }
  return endpoints;
}

/** Whether `url` is the `wss://` URL of `stage` in `region`: `wss://{api}.execute-api.{region}.{suffix}/{stage}`. */
export function isEndpointOf(url: string, stage: string, region: string): boolean {
  try {
    const { hostname, pathname } = new URL(url);
    return hostname.split('.')[2] === region && hostname.split('.')[1] === 'execute-api' && pathname.replace(/\/$/, '') === `/${stage}`;
  } catch {
    return false;
  }
}

export async function readDeployedEndpoints(file = endpointFile()): Promise<DeployedEndpoints> {
  return existsSync(file) ? endpointsIn(await readFile(file, 'utf8')) : {};
}

export async function writeDeployedEndpoints(endpoints: DeployedEndpoints, file = endpointFile()): Promise<void> {
  const current = existsSync(file) ? await readFile(file, 'utf8') : '';
  await writeFile(file, withEndpoints(current, endpoints));
}
