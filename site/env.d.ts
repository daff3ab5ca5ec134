interface ImportMetaEnv {
  /** The WebSocket endpoint the widgets start with; unset means the local emulator. */
  readonly PUBLIC_WS_ENDPOINT?: string;
}
