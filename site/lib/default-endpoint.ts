/**
 * The WebSocket endpoint every widget starts with, first found of:
 * 1. the one the site was built for with PUBLIC_WS_ENDPOINT (`npm start` sets it to the local
 *    emulator it started, and offers the deployed endpoint beside it with a button);
 * 2. the reader's deployed endpoint, PUBLIC_DEPLOYED_WS_ENDPOINT, which `npm run deploy:sample`
 *    leaves in `.env.local` for the next build;
 * 3. the in-page emulator, which needs nothing installed.
 * A reader's own choice (saved by the widgets) comes before any of them.
 */
import { IN_PAGE_AUTH_ENDPOINT, IN_PAGE_ENDPOINT } from '../client/in-page-emulator.ts';

const env = import.meta.env;

export const DEFAULT_ENDPOINT: string = env.PUBLIC_WS_ENDPOINT || env.PUBLIC_DEPLOYED_WS_ENDPOINT || IN_PAGE_ENDPOINT;

/** The same for the authentication lesson's API (sample-backend/serverless.auth.yml); `npm start` runs it on the port after the sample's. */
export const DEFAULT_AUTH_ENDPOINT: string = env.PUBLIC_AUTH_WS_ENDPOINT || env.PUBLIC_DEPLOYED_AUTH_WS_ENDPOINT || IN_PAGE_AUTH_ENDPOINT;

/**
 * Where `npm start` runs the local emulator, for a reader who asks to use it: the endpoint the site
 * was built for when that is a local one (`npm start -- --port 3101`), else the default port.
 */
export const LOCAL_EMULATOR_ENDPOINT: string = /^ws:\/\/(localhost|127\.0\.0\.1):\d+\//.test(env.PUBLIC_WS_ENDPOINT ?? '') ? (env.PUBLIC_WS_ENDPOINT as string) : 'ws://localhost:3001/local';
