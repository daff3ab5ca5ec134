/**
 * A small log list a widget appends to: the time, a direction marker named in words for screen
 * readers, and the text. Network text is set with textContent only, never parsed as HTML.
 */
import { formatTime } from './format-time.ts';

export interface LogLine {
  /** Styles the entry (`sent`, `received`, `event`, ...). */
  kind: string;
  /** A short symbol such as `←`; hidden from screen readers, which hear `markerName` instead. */
  marker: string;
  markerName: string;
  text: string;
  /** A second, quieter line: the raw message beneath a summary. */
  detail?: string;
  at?: Date;
}

/** Appends one entry, drops the oldest past `maxEntries`, and follows new entries unless the reader scrolled up. */
export function appendLogLine(list: HTMLElement, line: LogLine, maxEntries = 200): HTMLLIElement {
  const stickToBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
  const at = line.at ?? new Date();
  const entry = document.createElement('li');
  entry.dataset.kind = line.kind;
  const time = document.createElement('time');
  time.dateTime = at.toISOString();
  time.textContent = formatTime(at);
  const direction = document.createElement('span');
  direction.className = 'log-dir';
  const marker = document.createElement('span');
  marker.setAttribute('aria-hidden', 'true');
  marker.textContent = line.marker;
  const markerName = document.createElement('span');
  markerName.className = 'visually-hidden';
  markerName.textContent = line.markerName;
  direction.append(marker, markerName);
  const body = document.createElement('span');
  body.className = 'log-text';
  body.textContent = line.text;
  if (line.detail !== undefined && line.detail !== line.text) {
    const detail = document.createElement('span');
    detail.className = 'log-detail';
    detail.textContent = line.detail;
    body.append(document.createElement('br'), detail);
  }
  entry.append(time, direction, body);
  list.append(entry);
  while (list.childElementCount > maxEntries) list.firstElementChild?.remove();
  if (stickToBottom) list.scrollTop = list.scrollHeight;
  return entry;
}
