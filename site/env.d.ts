interface ImportMetaEnv {
  /** The WebSocket endpoint the widgets start with; unset means the local emulator. */
  readonly PUBLIC_WS_ENDPOINT?: string;
  /** The reader's own deployed API, written to .env.local by `npm run deploy:sample`. */
  readonly PUBLIC_DEPLOYED_WS_ENDPOINT?: string;
  /** The authentication lesson's API; unset means the local emulator's (`npm start` sets it). */
  readonly PUBLIC_AUTH_WS_ENDPOINT?: string;
  /** The reader's own deployment of that API, written to .env.local by `npm run deploy:sample`. */
  readonly PUBLIC_DEPLOYED_AUTH_WS_ENDPOINT?: string;
}
