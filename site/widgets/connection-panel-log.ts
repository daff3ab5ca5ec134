/**
 * The connection panel's log: one entry per event and per message, each with a direction marker
 * named in words, a timestamp, the gap since the previous frame and the size against the limit
 * that applies; a filter, a JSON view, Clear, and auto-scroll that pauses while the reader reads
 * older entries. Network text is set with textContent only, never parsed as HTML.
 */
import { formatGap } from '../client/format-duration.ts';
import { formatTime } from '../client/format-time.ts';
import { checkSize, formatBytes, utf8Bytes } from '../client/message-size.ts';
import { part } from './connection-panel-part.ts';
import type { ConnectionPanelText } from './connection-panel-text.ts';

export type LogKind = 'sent' | 'received' | 'event';
type Filter = LogKind | 'all';

/** A message in the log: what it said, and whether the reader opened all of it. */
interface Frame {
  kind: 'sent' | 'received';
  data: string;
  /** Words shown before the message, such as "(binary)". */
  prefix: string;
  expanded: boolean;
}

/** Old entries are dropped past this, so a long session does not grow the page without bound. */
const maxLogEntries = 500;
/** Longer messages are cut (a 31 KB preset would fill the screen) until the reader asks for all; their size counts every byte. */
const maxShownChars = 4000;

const markers: Record<LogKind, string> = { sent: '→', received: '←', event: '•' };

/** The message pretty-printed if it is a JSON object or array; otherwise null. */
function prettyJson(data: string): string | null {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null ? JSON.stringify(value, null, 2) : null;
  } catch {
    return null;
  }
}

export class ConnectionPanelLog {
  readonly #root: HTMLElement;
  readonly #text: ConnectionPanelText;
  readonly #list: HTMLOListElement;
  readonly #pretty: HTMLInputElement;
  readonly #jump: HTMLButtonElement;
  #filter: Filter = 'all';
  #lastFrameAt: Date | null = null;
  /** The message behind each frame entry, so the JSON view and "show all" can redraw it. */
  readonly #frames = new WeakMap<Element, Frame>();

  /** Wires the log's server-rendered controls inside `root`; `signal` removes the listeners. */
  constructor(root: HTMLElement, text: ConnectionPanelText, signal: AbortSignal) {
    this.#root = root;
    this.#text = text;
    this.#list = part(root, 'log', HTMLOListElement);
    this.#pretty = part(root, 'pretty-json', HTMLInputElement);
    this.#jump = part(root, 'jump', HTMLButtonElement);

    for (const radio of root.querySelectorAll<HTMLInputElement>('[data-part="filter"]')) {
      radio.addEventListener(
        'change',
        () => {
          if (radio.checked) this.#showOnly(radio.value as Filter);
        },
        { signal },
      );
    }
    this.#pretty.addEventListener('change', () => this.#redrawReceived(), { signal });
    part(root, 'clear', HTMLButtonElement).addEventListener(
      'click',
      () => {
        this.#list.replaceChildren();
        this.#showJump(false);
      },
      { signal },
    );
    this.#list.addEventListener('scroll', () => this.#showJump(!this.#atBottom()), { signal, passive: true });
    this.#jump.addEventListener(
      'click',
      () => {
        this.#scrollToLatest();
        this.#list.focus();
      },
      { signal },
    );
  }

  /** Shows every entry and raw JSON again. */
  reset(): void {
    const all = this.#root.querySelector<HTMLInputElement>('[data-part="filter"][value="all"]');
    if (all) all.checked = true;
    this.#showOnly('all');
    this.#pretty.checked = false;
    this.#redrawReceived();
  }

  /** A new connection: its first frame has no previous one to measure from. */
  startConnection(): void {
    this.#lastFrameAt = null;
  }

  /** Logs something that happened (connecting, a close and why): words of the panel's own. */
  event(message: string, at = new Date()): void {
    this.#append('event', message, at, []);
  }

  /** Logs a message sent or received, with its size against the limit that applies and the gap since the previous frame. */
  frame(kind: 'sent' | 'received', data: string, at: Date, prefix = ''): void {
    const text = this.#text;
    const gap = this.#lastFrameAt === null ? null : at.getTime() - this.#lastFrameAt.getTime();
    this.#lastFrameAt = at;
    const size = checkSize(utf8Bytes(data), kind);

    const meta: Node[] = [];
    if (gap !== null) {
      const gapText = formatGap(gap);
      const element = document.createElement('span');
      element.className = 'log-gap';
      const visible = document.createElement('span');
      visible.setAttribute('aria-hidden', 'true');
      visible.textContent = `+${gapText}`;
      const words = document.createElement('span');
      words.className = 'visually-hidden';
      words.textContent = text.afterPrevious(gapText);
      element.append(visible, words);
      meta.push(element);
    }
    const sizeElement = document.createElement('span');
    sizeElement.className = 'log-size';
    sizeElement.textContent = text.sizeOf(formatBytes(size.bytes), formatBytes(size.limitBytes));
    meta.push(sizeElement);
    if (size.over !== null) {
      // The sign is decoration; the words carry the warning for everyone.
      const warning = document.createElement('span');
      warning.className = 'log-warn';
      const sign = document.createElement('span');
      sign.setAttribute('aria-hidden', 'true');
      sign.textContent = '⚠ ';
      warning.append(sign, size.over === 'message' ? text.overMessageShort : text.overFrameShort);
      meta.push(warning);
    }
    this.#append(kind, '', at, meta, { kind, data, prefix, expanded: false });
  }

  #append(kind: LogKind, message: string, at: Date, meta: Node[], frame?: Frame): void {
    const text = this.#text;
    const list = this.#list;
    const stickToBottom = this.#atBottom();

    const entry = document.createElement('li');
    entry.dataset.kind = kind;
    const head = document.createElement('span');
    head.className = 'log-meta';
    const time = document.createElement('time');
    time.dateTime = at.toISOString();
    time.textContent = formatTime(at);
    const direction = document.createElement('span');
    direction.className = 'log-dir';
    const marker = document.createElement('span');
    marker.setAttribute('aria-hidden', 'true');
    marker.textContent = markers[kind];
    // The arrow alone would leave screen-reader users guessing; say the direction in words.
    const markerName = document.createElement('span');
    markerName.className = 'visually-hidden';
    markerName.textContent = { sent: text.sentMarker, received: text.receivedMarker, event: text.eventMarker }[kind];
    direction.append(marker, markerName);
    head.append(time, direction, ...meta);
    const body = document.createElement('span');
    body.className = 'log-text';
    body.textContent = message;
    entry.append(head, body);
    if (frame) {
      this.#frames.set(entry, frame);
      // Written before the entry is placed, so that following the log scrolls to its real end.
      this.#showFrame(entry);
    }
    this.#applyFilter(entry);
    list.append(entry);

    while (list.childElementCount > maxLogEntries) list.firstElementChild?.remove();
    // Follow new entries unless the reader scrolled up to read older ones; then offer a way back.
    if (stickToBottom) this.#scrollToLatest();
    else if (!entry.hidden) this.#showJump(true);
  }

  /**
   * Writes a frame entry's message: pretty JSON if the reader asked for it, and at most
   * maxShownChars with a button for the rest.
   */
  #showFrame(entry: Element): void {
    const frame = this.#frames.get(entry);
    const body = entry.querySelector('.log-text');
    if (frame === undefined || body === null) return;
    const text = this.#text;
    const pretty = frame.kind === 'received' && this.#pretty.checked ? prettyJson(frame.data) : null;
    const full = pretty ?? frame.data;
    const cut = !frame.expanded && full.length > maxShownChars;
    body.textContent = frame.prefix + (cut ? full.slice(0, maxShownChars) + text.truncated(full.length - maxShownChars) : full);
    entry.querySelector('.log-more')?.remove();
    if (!cut) return;
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'log-more';
    more.textContent = text.showWhole(full.length);
    more.addEventListener('click', () => {
      frame.expanded = true;
      this.#showFrame(entry);
      // The button is gone; keep keyboard focus in the log rather than dropping it to <body>.
      this.#list.focus();
    });
    entry.append(more);
  }

  #redrawReceived(): void {
    // Pretty JSON is longer: a reader who was following the log keeps following it.
    const stickToBottom = this.#atBottom();
    for (const entry of this.#list.querySelectorAll('li[data-kind="received"]')) this.#showFrame(entry);
    if (stickToBottom) this.#scrollToLatest();
  }

  #showOnly(filter: Filter): void {
    this.#filter = filter;
    for (const entry of this.#list.children) this.#applyFilter(entry as HTMLElement);
    this.#scrollToLatest();
  }

  #applyFilter(entry: HTMLElement): void {
    entry.hidden = this.#filter !== 'all' && entry.dataset.kind !== this.#filter;
  }

  #atBottom(): boolean {
    const list = this.#list;
    return list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
  }

  #scrollToLatest(): void {
    this.#list.scrollTop = this.#list.scrollHeight;
    this.#showJump(false);
  }

  #showJump(show: boolean): void {
    const jump = this.#jump;
    if (jump.hidden === !show) return;
    // Hiding the focused button would drop focus to <body>; keep the reader in the log instead.
    if (!show && document.activeElement === jump) this.#list.focus();
    jump.hidden = !show;
  }
}
