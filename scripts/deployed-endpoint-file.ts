/**
 * Where `npm run deploy:sample` leaves the reader's `wss://` URL for the site: a line in `.env.local`
 * (git-ignored), which Astro reads as `PUBLIC_DEPLOYED_WS_ENDPOINT` on the next `npm start` or build.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

export const DEPLOYED_ENDPOINT_VARIABLE = 'PUBLIC_DEPLOYED_WS_ENDPOINT';

/** `.env.local` at the project root, unless DEPLOYED_ENDPOINT_FILE names another (the tests do). */
export function endpointFile(): string {
  return process.env.DEPLOYED_ENDPOINT_FILE ?? '.env.local';
}

/** Returns `text` with the variable set to `endpoint`, or removed when `endpoint` is undefined; other lines stay. */
export function withEndpoint(text: string, endpoint: string | undefined): string {
  const lines = text.split('\n').filter((line) => line !== '' && !line.startsWith(`${DEPLOYED_ENDPOINT_VARIABLE}=`));
  if (endpoint !== undefined) lines.push(`${DEPLOYED_ENDPOINT_VARIABLE}=${endpoint}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export async function writeDeployedEndpoint(endpoint: string | undefined, file = endpointFile()): Promise<void> {
  const current = existsSync(file) ? await readFile(file, 'utf8') : '';
  await writeFile(file, withEndpoint(current, endpoint));
}
