/**
 * What a connection panel remembers across reloads: the message being edited, the connect
 * options and the display settings. All panels share the widget key
 * `apigw-tutorial:connection-panel`, one entry per panel (a page can hold several).
 */
import { loadWidgetState, saveWidgetState } from '../client/widget-storage.ts';

export interface PanelState {
  message?: string;
  query?: string;
  subprotocol?: string;
  autoReconnect?: boolean;
  prettyJson?: boolean;
}

const widget = 'connection-panel';

/** The saved state of panel `panelId`, keeping only fields of the right type (storage is reader-editable). */
export function loadPanelState(panelId: string): PanelState {
  const saved = loadWidgetState(widget)[panelId];
  if (typeof saved !== 'object' || saved === null) return {};
  const entry = saved as Record<string, unknown>;
  const state: PanelState = {};
  for (const key of ['message', 'query', 'subprotocol'] as const) {
    const value = entry[key];
    if (typeof value === 'string') state[key] = value;
  }
  for (const key of ['autoReconnect', 'prettyJson'] as const) {
    const value = entry[key];
    if (typeof value === 'boolean') state[key] = value;
  }
  return state;
}

/** Merges `change` into panel `panelId`'s saved state. */
export function savePanelState(panelId: string, change: PanelState): void {
  saveWidgetState(widget, { [panelId]: { ...loadPanelState(panelId), ...change } });
}

/** Forgets everything panel `panelId` saved, leaving the page's other panels alone. */
export function forgetPanelState(panelId: string): void {
  saveWidgetState(widget, { [panelId]: undefined });
}
