import { sharedConnection, type WebSocketConnection } from '../client/connection.ts';
import { emulatorOrigin, emulatorStatus } from '../client/endpoint.ts';
import { costMeterText, type CostMeterText } from './cost-meter-text.ts';
import {
  addUsage,
  connectionIdIn,
  countMessage,
  formatMinutes,
  formatSmallUsd,
  NO_USAGE,
  REGIONS,
  subtractUsage,
  usageCost,
  type Usage,
} from './cost-meter-usage.ts';
import { fetchFrom } from '../client/network.ts';

/** How often the emulator's metering is read while the meter is on screen. */
const POLL_MS = 2000;
/** How soon after a message the metering is read again, so the numbers follow what the reader just did. */
const SOON_MS = 300;

/** One socket of one shared connection, from `open` to `close`. */
interface Segment {
  connection: WebSocketConnection;
  /** 1 for the connection's first socket, 2 after a reconnect… */
  n: number;
  openedAt: number;
  closedAt: number | null;
  /** What the page saw, without connection-minutes (those come from the times). */
  client: Usage;
  connectionId: string | null;
  /** The emulator's origin when the socket is on the emulator; null on any other endpoint. */
  origin: string | null;
  /** The emulator's last report for this connection. */
  emulator: Usage | null;
  emulatorFailed: boolean;
  /** Set after the report that includes the close: nothing will change any more. */
  final: boolean;
  /** Set by reset: what to subtract. `pending` takes the next report as the emulator's baseline. */
  baseline: { at: number; client: Usage; emulator: Usage | null | 'pending' } | null;
}

interface UsageReportConnection extends Usage {
  connectionId: string;
  disconnectedAt?: number;
}

function part<T extends Element>(root: ParentNode, name: string, type: { new (): T; prototype: T }): T {
  const element = root.querySelector(`[data-part="${name}"]`);
  if (!(element instanceof type)) throw new Error(`<apigw-cost-meter> has no ${type.name} [data-part="${name}"]`);
  return element;
}

/** The browser half of CostMeter.astro: watches the page's shared connections and prices what they used. */
class ApigwCostMeter extends HTMLElement {
  #lifetime: AbortController | null = null;
  #text: CostMeterText = costMeterText.ja;
  #segments: Segment[] = [];
  #opened = new Map<WebSocketConnection, number>();
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #renderTimer: ReturnType<typeof setInterval> | undefined;
  #shownSource = '';
  /** Set by reset, so that the next status line says the meter starts again. */
  #resetPending = false;

  connectedCallback(): void {
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    this.#text = costMeterText[this.dataset.lang === 'en' ? 'en' : 'ja'];
    const names = (this.dataset.connections ?? 'A').split(',').filter(Boolean);
    for (const name of names) this.#watch(sharedConnection(name), signal);

    part(this, 'reset', HTMLButtonElement).addEventListener('click', () => this.#reset(), { signal });
    part(this, 'reset', HTMLButtonElement).disabled = false;
    part(this, 'whoami', HTMLButtonElement).addEventListener('click', () => this.#askForId(), { signal });
    // Polling pauses while the page is hidden (another tab, a minimised window) and resumes when it is shown.
    document.addEventListener('visibilitychange', () => this.#schedulePoll(0), { signal });
    this.#render();
  }

  disconnectedCallback(): void {
    this.#lifetime?.abort();
    this.#lifetime = null;
    clearTimeout(this.#pollTimer);
    clearInterval(this.#renderTimer);
    this.#renderTimer = undefined;
  }

  #watch(connection: WebSocketConnection, signal: AbortSignal): void {
    const current = () => {
      const segment = this.#segments.findLast((s) => s.connection === connection);
      return segment && segment.closedAt === null ? segment : undefined;
    };
    const open = (at: number, url: string | null) => {
      const n = (this.#opened.get(connection) ?? 0) + 1;
      this.#opened.set(connection, n);
      const segment: Segment = {
        connection, n, openedAt: at, closedAt: null, client: { ...NO_USAGE }, connectionId: null,
        origin: null, emulator: null, emulatorFailed: false, final: false, baseline: null,
      };
      this.#segments.push(segment);
      if (url) void this.#findEmulator(segment, url, signal);
      this.#render();
    };
    // A connection that opened before this element did is counted from now on.
    if (connection.readyState === WebSocket.OPEN) open(connection.openedAt?.getTime() ?? Date.now(), connection.url);

    connection.addEventListener('open', (event) => open(event.detail.at.getTime(), event.detail.url), { signal });
    connection.addEventListener(
      'sent',
      (event) => {
        const segment = current();
        if (!segment) return;
        segment.client = countMessage(segment.client, 'sent', event.detail.data);
        this.#changed();
      },
      { signal },
    );
    connection.addEventListener(
      'message',
      (event) => {
        const segment = current();
        if (!segment) return;
        segment.client = countMessage(segment.client, 'received', event.detail.data);
        segment.connectionId ??= connectionIdIn(event.detail.data);
        this.#changed();
      },
      { signal },
    );
    connection.addEventListener(
      'close',
      (event) => {
        const segment = current();
        if (!segment) return;
        segment.closedAt = event.detail.at.getTime();
        this.#changed();
      },
      { signal },
    );
    connection.addEventListener('statechange', () => this.#showButtons(), { signal });
  }

  /** Whether the socket's endpoint is the emulator, whose metering can then be read. */
  async #findEmulator(segment: Segment, url: string, signal: AbortSignal): Promise<void> {
    const status = await emulatorStatus(url, signal);
    if (signal.aborted || !status) return;
    segment.origin = emulatorOrigin(url);
    this.#changed();
  }

  #changed(): void {
    this.#render();
    this.#schedulePoll(SOON_MS);
  }

  // ---- the emulator's metering ----

  #schedulePoll(delay: number): void {
    clearTimeout(this.#pollTimer);
    this.#pollTimer = setTimeout(() => void this.#poll(), delay);
  }

  #due(): Segment[] {
    return this.#segments.filter((s) => s.origin !== null && s.connectionId !== null && !s.final);
  }

  async #poll(): Promise<void> {
    const signal = this.#lifetime?.signal;
    if (!signal || signal.aborted) return;
    if (document.visibilityState !== 'visible') return;
    const due = this.#due();
    if (due.length === 0) return;
    await Promise.all(due.map((segment) => this.#read(segment, signal)));
    if (signal.aborted) return;
    this.#render();
    if (this.#due().length > 0) this.#schedulePoll(POLL_MS);
  }

  async #read(segment: Segment, signal: AbortSignal): Promise<void> {
    const { origin, connectionId } = segment;
    if (origin === null || connectionId === null) return;
    try {
      const response = await fetchFrom(`${origin}/_emulator/metering?connectionId=${encodeURIComponent(connectionId)}`, { cache: 'no-store', signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const report = (await response.json()) as { connections?: UsageReportConnection[] };
      const found = report.connections?.find((c) => c.connectionId === connectionId);
      // A restarted emulator no longer knows the connection: the page's own count is all there is.
      if (!found) {
        segment.origin = null;
        return;
      }
      const usage: Usage = {
        messagesIn: found.messagesIn,
        messagesOut: found.messagesOut,
        unitsIn: found.unitsIn,
        unitsOut: found.unitsOut,
        errorFrames: found.errorFrames,
        connectionMinutes: found.connectionMinutes,
      };
      segment.emulator = usage;
      segment.emulatorFailed = false;
      if (segment.baseline?.emulator === 'pending') segment.baseline.emulator = usage;
      if (segment.closedAt !== null && typeof found.disconnectedAt === 'number') segment.final = true;
    } catch {
      if (signal.aborted) return;
      // The emulator went away: keep the last counts and say so; stop asking once the socket is closed.
      segment.emulatorFailed = true;
      if (segment.closedAt !== null) segment.final = true;
    }
  }

  // ---- what a segment used ----

  /** The segment's usage and where it came from: the emulator's report when there is one, else the page's count. */
  #usage(segment: Segment, now: number): { usage: Usage; source: 'emulator' | 'client' } {
    const baseline = segment.baseline;
    const end = segment.closedAt ?? now;
    const clientMinutes = Math.max(0, end - Math.max(segment.openedAt, baseline?.at ?? 0)) / 60_000;
    const client = { ...subtractUsage(segment.client, baseline?.client ?? NO_USAGE), connectionMinutes: clientMinutes };
    const emulatorBaseline = baseline === null ? NO_USAGE : baseline.emulator;
    if (segment.emulator === null || emulatorBaseline === null) return { usage: client, source: 'client' };
    // Just after a reset, until the next report: the page's count, which starts from the same moment.
    if (emulatorBaseline === 'pending') return { usage: client, source: 'emulator' };
    return { usage: subtractUsage(segment.emulator, emulatorBaseline), source: 'emulator' };
  }

  #reset(): void {
    const now = Date.now();
    this.#segments = this.#segments.filter((segment) => segment.closedAt === null);
    for (const segment of this.#segments) {
      segment.baseline = { at: now, client: { ...segment.client }, emulator: segment.emulator === null ? null : 'pending' };
    }
    this.#resetPending = true;
    this.#render();
    this.#schedulePoll(0);
  }

  #askForId(): void {
    const segment = this.#segments.find((s) => s.closedAt === null && s.origin !== null && s.connectionId === null);
    if (segment?.connection.readyState === WebSocket.OPEN) segment.connection.send('{"action":"whoami"}');
  }

  // ---- showing ----

  #render(): void {
    const text = this.#text;
    const now = Date.now();
    const measured = this.#segments.map((segment) => ({ segment, ...this.#usage(segment, now) }));
    const total = measured.reduce((sum, { usage }) => addUsage(sum, usage), NO_USAGE);

    part(this, 'sent', HTMLElement).textContent = String(total.messagesIn);
    part(this, 'received', HTMLElement).textContent = String(total.messagesOut);
    part(this, 'units', HTMLElement).textContent = String(total.unitsIn + total.unitsOut);
    part(this, 'error-frames', HTMLElement).textContent = String(total.errorFrames);
    part(this, 'minutes', HTMLElement).textContent = formatMinutes(total.connectionMinutes);
    for (const region of REGIONS) {
      const cost = usageCost(total, region);
      const million = usageCost(total, region, 1e6);
      part(this, `cost-messages-${region}`, HTMLElement).textContent = formatSmallUsd(cost.messagesUsd);
      part(this, `cost-minutes-${region}`, HTMLElement).textContent = formatSmallUsd(cost.connectionMinutesUsd);
      part(this, `cost-total-${region}`, HTMLElement).textContent = formatSmallUsd(cost.totalUsd);
      part(this, `cost-million-${region}`, HTMLElement).textContent =
        formatSmallUsd(million.totalUsd) + (million.usesUnconfirmedPrice ? text.unconfirmedTier : '');
    }

    const list = part(this, 'connections', HTMLUListElement);
    list.replaceChildren(
      ...measured.map(({ segment, source }) => {
        const item = document.createElement('li');
        const how =
          source === 'emulator' && segment.connectionId !== null
            ? text.byEmulator(segment.connectionId)
            : segment.origin === null
              ? text.byPageDeployed
              : text.byPage;
        // The connectionId came from the network: textContent only.
        item.textContent = `${text.connectionLabel(segment.connection.name, segment.n)} — ${segment.closedAt === null ? text.open : text.closed} — ${how}`;
        return item;
      }),
    );
    part(this, 'connections-title', HTMLElement).hidden = measured.length === 0;
    part(this, 'example', HTMLElement).hidden = measured.length > 0;

    const sources = new Set(measured.map((m) => m.source));
    const kind = measured.length === 0 ? 'idle' : sources.size > 1 ? 'mixed' : sources.has('emulator') ? 'emulator' : 'client';
    const gone = this.#segments.some((s) => s.emulatorFailed);
    const source = part(this, 'source', HTMLElement);
    source.dataset.source = kind;
    source.dataset.gone = String(gone);
    // The status line changes only when the source does, so screen readers are not told every second.
    const key = `${kind}:${gone}`;
    if (key !== this.#shownSource || this.#resetPending) {
      const says = gone ? text.emulatorGone : { idle: text.idle, mixed: text.sourceMixed, emulator: text.sourceEmulator, client: text.sourceClient }[kind];
      source.textContent = this.#resetPending ? `${text.resetDone} ${says}` : says;
      this.#shownSource = key;
      this.#resetPending = false;
    }

    this.#showButtons();
    // Connection-minutes grow while a socket is open.
    const anyOpen = this.#segments.some((s) => s.closedAt === null);
    if (anyOpen && this.#renderTimer === undefined) this.#renderTimer = setInterval(() => this.#render(), 1000);
    if (!anyOpen && this.#renderTimer !== undefined) {
      clearInterval(this.#renderTimer);
      this.#renderTimer = undefined;
    }
  }

  #showButtons(): void {
    const canAsk = this.#segments.some(
      (s) => s.closedAt === null && s.origin !== null && s.connectionId === null && s.connection.readyState === WebSocket.OPEN,
    );
    part(this, 'whoami', HTMLButtonElement).disabled = !canAsk;
  }
}

customElements.define('apigw-cost-meter', ApigwCostMeter);
