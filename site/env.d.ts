interface ImportMetaEnv {
  /** The WebSocket endpoint the widgets start with (`npm start` sets it to its local emulator); unset: the deployed endpoint, else the in-page emulator. */
  readonly PUBLIC_WS_ENDPOINT?: string;
  /** The reader's own deployed API, written to .env.local by `npm run deploy:sample`. */
  readonly PUBLIC_DEPLOYED_WS_ENDPOINT?: string;
  /** The authentication lesson's API (`npm start` sets it); unset: its deployed endpoint, else the in-page emulator's. */
  readonly PUBLIC_AUTH_WS_ENDPOINT?: string;
  /** The reader's own deployment of that API, written to .env.local by `npm run deploy:sample`. */
  readonly PUBLIC_DEPLOYED_AUTH_WS_ENDPOINT?: string;
}

/** The in-page emulator's worker files in `/_in-page/`, by service (site/integrations/in-page-emulator.ts). */
declare const __IN_PAGE_FILES__: Record<string, string> | undefined;
