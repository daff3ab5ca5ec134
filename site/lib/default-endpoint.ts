/**
 * The WebSocket endpoint every widget starts with: the local emulator on its default port and
 * stage, unless the site was built for another one with PUBLIC_WS_ENDPOINT.
 */
export const DEFAULT_ENDPOINT: string = import.meta.env.PUBLIC_WS_ENDPOINT || 'ws://localhost:3001/local';

/**
 * The endpoint of the authentication lesson's API (sample-backend/serverless.auth.yml): on `npm start`
 * the emulator runs it on the port after the sample's, unless the site was built with PUBLIC_AUTH_WS_ENDPOINT.
 */
export const DEFAULT_AUTH_ENDPOINT: string = import.meta.env.PUBLIC_AUTH_WS_ENDPOINT || 'ws://localhost:3002/local';
