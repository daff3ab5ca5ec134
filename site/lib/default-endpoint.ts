/**
 * The WebSocket endpoint every widget starts with: the one the site was built for with
 * PUBLIC_WS_ENDPOINT (`npm start` sets it to its local emulator), else the in-page emulator, which
 * needs nothing installed. A reader's own choice (saved by the widgets) comes before either.
 */
import { IN_PAGE_AUTH_ENDPOINT, IN_PAGE_ENDPOINT } from '../client/in-page-emulator.ts';

export const DEFAULT_ENDPOINT: string = import.meta.env.PUBLIC_WS_ENDPOINT || IN_PAGE_ENDPOINT;

/**
 * The endpoint of the authentication lesson's API (sample-backend/serverless.auth.yml): on `npm start`
 * the emulator runs it on the port after the sample's, and the site is built with PUBLIC_AUTH_WS_ENDPOINT.
 */
export const DEFAULT_AUTH_ENDPOINT: string = import.meta.env.PUBLIC_AUTH_WS_ENDPOINT || IN_PAGE_AUTH_ENDPOINT;

/** Where `npm start` runs the local emulator, for a reader of a published copy who asks to use it. */
export const LOCAL_EMULATOR_ENDPOINT = 'ws://localhost:3001/local';
