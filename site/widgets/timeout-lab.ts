import { detectBackend, type BackendKind } from '../client/backend-kind.ts';
import { inPageTimerStatus, isInPageEndpoint } from '../client/in-page-emulator.ts';
import { sharedConnection, type WebSocketConnection } from '../client/connection.ts';
import { currentEndpoint, ENDPOINT_CHANGED_EVENT, type EmulatorStatus } from '../client/endpoint.ts';
import {
  AWS_IDLE_TIMEOUT_MS,
  AWS_MAX_CONNECTION_MS,
  classifyClose,
  clampKeepAliveSeconds,
  KEEP_ALIVE_MESSAGE,
  keepAliveRealMs,
  MAX_RECORDS,
  parseLabState,
  serializeLabState,
  STORAGE_KEY,
  withTimeScale,
  type DisconnectRecord,
  type LabState,
} from './timeout-lab-model.ts';
import { clock, timeoutLabText, type TimeoutLabText } from './timeout-lab-text.ts';

type Mode = 'checking' | 'emulator' | 'deployed' | 'none' | 'unchecked';

/** One connection of the lab's, from Connect to its close. */
interface Run {
  url: string;
  speed: number;
  target: DisconnectRecord['target'];
  openedAt: number | null;
  /** Last data message in either direction, the start of the idle countdown. */
  lastActivity: number;
  keepAlivesSent: number;
  keepAliveTimer: ReturnType<typeof setInterval> | undefined;
}

/** How often the countdowns are redrawn. */
const TICK_MS = 200;

function part<T extends Element>(root: ParentNode, name: string, type: { new (): T; prototype: T }): T {
  const element = root.querySelector(`[data-part="${name}"]`);
  if (!(element instanceof type)) throw new Error(`<apigw-timeout-lab> has no ${type.name} [data-part="${name}"]`);
  return element;
}

/** The browser half of TimeoutLab.astro: drives its own shared connection, "timeout-lab", so the lesson's panel is left alone. */
class ApigwTimeoutLab extends HTMLElement {
  #lifetime: AbortController | null = null;
  #text: TimeoutLabText = timeoutLabText.ja;
  #connection: WebSocketConnection | null = null;
  #state: LabState = parseLabState(null);
  #mode: Mode = 'checking';
  #status: EmulatorStatus | null = null;
  /** The endpoint #mode and #status describe. */
  #checkedEndpoint: string | null = null;
  #run: Run | null = null;
  #tick: ReturnType<typeof setInterval> | undefined;
  /** Set when the lab closes its connection for a reason that is not an experiment (reset, leaving the page). */
  #skipRecord = false;
  /** Counts endpoint checks, so the answer to an older check cannot overwrite a newer one. */
  #checkCount = 0;
  #focusPending = false;
  /** The state the status line last showed, so that it changes only when the state does. */
  #shownState: string | undefined;

  connectedCallback(): void {
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    this.#text = timeoutLabText[this.dataset.lang === 'en' ? 'en' : 'ja'];
    const connection = sharedConnection('timeout-lab');
    this.#connection = connection;
    this.#state = this.#load();

    connection.addEventListener('statechange', () => this.#showState(), { signal });
    connection.addEventListener('open', (event) => this.#opened(event.detail.at.getTime()), { signal });
    connection.addEventListener('sent', (event) => this.#active(event.detail.at.getTime()), { signal });
    connection.addEventListener('message', (event) => this.#active(event.detail.at.getTime()), { signal });
    connection.addEventListener(
      'close',
      (event) => {
        const { code, reason, everOpened, closeRequested, at } = event.detail;
        this.#closed(code, reason, closeRequested, at.getTime());
        // Closed before it ever opened, and not by the reader: find out whether anything is listening.
        if (!everOpened && !closeRequested) void this.#detect(signal, 'failed');
      },
      { signal },
    );

    part(this, 'connect', HTMLButtonElement).addEventListener('click', () => void this.#connect(signal), { signal });
    part(this, 'disconnect', HTMLButtonElement).addEventListener('click', () => connection.close(1000), { signal });
    part(this, 'reset', HTMLButtonElement).addEventListener('click', () => this.#reset(), { signal });
    for (const radio of this.#speedRadios()) {
      radio.addEventListener(
        'change',
        () => {
          if (radio.checked) this.#state.settings.speed = Number(radio.value);
          this.#save();
          this.#showIntervalHint();
        },
        { signal },
      );
    }
    const keepAlive = part(this, 'keep-alive', HTMLInputElement);
    keepAlive.addEventListener(
      'change',
      () => {
        this.#state.settings.keepAlive = keepAlive.checked;
        this.#save();
        this.#restartKeepAlive();
      },
      { signal },
    );
    const interval = part(this, 'interval', HTMLInputElement);
    interval.addEventListener('input', () => this.#showIntervalHint(), { signal });
    interval.addEventListener(
      'change',
      () => {
        this.#state.settings.keepAliveSeconds = clampKeepAliveSeconds(interval.valueAsNumber);
        interval.value = String(this.#state.settings.keepAliveSeconds);
        this.#save();
        this.#showIntervalHint();
        this.#restartKeepAlive();
      },
      { signal },
    );
    window.addEventListener(
      ENDPOINT_CHANGED_EVENT,
      () => {
        // The next connection uses the new endpoint; an open one keeps going until it closes.
        if (connection.readyState === WebSocket.CLOSED) void this.#detect(signal, 'asked');
      },
      { signal },
    );

    this.#showSettings();
    this.#showRecords();
    part(this, 'reset', HTMLButtonElement).disabled = false;
    keepAlive.disabled = false;
    interval.disabled = false;
    this.#showState();
    void this.#detect(signal, 'load');
  }

  disconnectedCallback(): void {
    // Leaving the page is not an experiment: close without recording.
    this.#skipRecord = true;
    this.#connection?.close(1000);
    this.#stopTimers();
    this.#connection = null;
    this.#lifetime?.abort();
    this.#lifetime = null;
  }

  // ---- the endpoint ----

  #endpoint(): string {
    return currentEndpoint(this.dataset.defaultEndpoint ?? '');
  }

  /**
   * Finds out whether the endpoint is the emulator (time can be warped), another server, or
   * nothing. As the page starts (`load`) it looks only where a backend is expected; `failed`
   * follows a connection attempt that never opened.
   */
  async #detect(signal: AbortSignal, when: 'load' | 'asked' | 'failed'): Promise<void> {
    const check = ++this.#checkCount;
    const endpoint = this.#endpoint();
    part(this, 'endpoint', HTMLElement).textContent = endpoint;
    this.#showMode('checking');
    // The in-page emulator's timers are known before it starts, so time-warp is offered at once.
    const backend: BackendKind =
      when === 'load' && isInPageEndpoint(endpoint) ? { kind: 'emulator', status: inPageTimerStatus(endpoint) } : await detectBackend(endpoint, signal, when === 'load' ? 'load' : 'asked');
    if (signal.aborted || check !== this.#checkCount) return;
    this.#status = backend.kind === 'emulator' ? backend.status : null;
    this.#checkedEndpoint = endpoint;
    this.#showMode(backend.kind);
    if (when === 'failed' && backend.kind !== 'none') this.#announce(this.#text.refused);
  }

  #showMode(mode: Mode): void {
    this.#mode = mode;
    const text = this.#text;
    const element = part(this, 'mode', HTMLElement);
    element.dataset.mode = mode;
    const parameter = this.#status?.connectionTimeScaleParameter;
    element.textContent =
      mode === 'checking'
        ? text.checking
        : mode === 'emulator'
          ? parameter
            ? text.modeEmulator
            : text.modeEmulatorFixed(this.#status?.timeScale ?? 1)
          : mode === 'deployed'
            ? text.modeDeployed
            : mode === 'unchecked'
              ? text.modeUnchecked
              : text.modeNone;
    part(this, 'no-backend', HTMLElement).hidden = mode !== 'none';
    part(this, 'speed-hint', HTMLElement).textContent = this.#canWarp() || mode === 'checking' || mode === 'unchecked' ? text.speedHint : text.speedDeployed;
    this.#showState();
    this.#showIntervalHint();
  }

  /** Whether the next connection can ask for its own time scale: only the emulator understands the parameter. */
  #canWarp(): boolean {
    return this.#mode === 'emulator' && Boolean(this.#status?.connectionTimeScaleParameter);
  }

  /** The time scale the next connection will run at. */
  #nextSpeed(): number {
    if (this.#canWarp()) return this.#state.settings.speed;
    if (this.#mode === 'emulator') return this.#status?.timeScale ?? 1;
    return 1;
  }

  // ---- one connection ----

  async #connect(signal: AbortSignal): Promise<void> {
    const connection = this.#connection;
    if (!connection || connection.readyState !== WebSocket.CLOSED) return;
    // Started the backend since the page loaded, or picked another endpoint? Look again: the
    // time-scale parameter must reach only the emulator, and time-warp must not be silently lost.
    if (this.#mode === 'checking' || this.#mode === 'none' || this.#mode === 'unchecked' || this.#checkedEndpoint !== this.#endpoint()) {
      await this.#detect(signal, 'asked');
    }
    if (signal.aborted || connection.readyState !== WebSocket.CLOSED) return;
    const endpoint = this.#endpoint();
    const speed = this.#nextSpeed();
    const parameter = this.#status?.connectionTimeScaleParameter;
    // Always named on the emulator, even at ×1, so that an emulator started with --time-scale cannot change what the lab measures.
    const url = this.#canWarp() && parameter ? withTimeScale(endpoint, parameter, speed) : endpoint;
    this.#skipRecord = false;
    this.#run = {
      url,
      speed,
      target: this.#mode === 'emulator' ? 'emulator' : 'deployed',
      openedAt: null,
      lastActivity: 0,
      keepAlivesSent: 0,
      keepAliveTimer: undefined,
    };
    try {
      connection.connect(url);
    } catch (error) {
      this.#run = null;
      this.#announce(this.#text.cannotConnect(error instanceof Error ? error.message : String(error)));
    }
  }

  #opened(at: number): void {
    const run = this.#run;
    if (!run) return;
    run.openedAt = at;
    run.lastActivity = at;
    this.#restartKeepAlive();
    clearInterval(this.#tick);
    this.#tick = setInterval(() => this.#showClocks(), TICK_MS);
    this.#showClocks();
  }

  #active(at: number): void {
    if (this.#run) this.#run.lastActivity = at;
  }

  #closed(code: number, reason: string, closeRequested: boolean, at: number): void {
    const run = this.#run;
    this.#stopTimers();
    this.#run = null;
    this.#showClocks();
    const skip = this.#skipRecord;
    this.#skipRecord = false;
    if (!run || run.openedAt === null || skip) {
      this.#showState();
      return;
    }
    const lastedMs = at - run.openedAt;
    const sinceActivityMs = at - run.lastActivity;
    const { keepAlive, keepAliveSeconds } = this.#state.settings;
    const record: DisconnectRecord = {
      at: new Date(at).toISOString(),
      lastedMs,
      sinceActivityMs,
      speed: run.speed,
      keepAlive: run.keepAlivesSent > 0 || keepAlive,
      keepAliveSeconds,
      keepAlivesSent: run.keepAlivesSent,
      code,
      reason,
      cause: classifyClose({ lastedMs, sinceActivityMs, speed: run.speed, code, closeRequested }),
      target: run.target,
    };
    this.#state.records = [record, ...this.#state.records].slice(0, MAX_RECORDS);
    this.#save();
    this.#showRecords();
    const text = this.#text;
    this.#showState(text.announceClosed(text.lasted(lastedMs, run.speed), code, reason, text.causes[record.cause]));
  }

  /** (Re)starts the keep-alive timer for the open connection, at its own speed. */
  #restartKeepAlive(): void {
    const run = this.#run;
    if (!run) return;
    clearInterval(run.keepAliveTimer);
    run.keepAliveTimer = undefined;
    if (!this.#state.settings.keepAlive || run.openedAt === null) return;
    run.keepAliveTimer = setInterval(() => {
      const connection = this.#connection;
      if (connection?.readyState !== WebSocket.OPEN) return;
      connection.send(KEEP_ALIVE_MESSAGE);
      run.keepAlivesSent++;
      this.#showClocks();
    }, keepAliveRealMs(this.#state.settings, run.speed));
  }

  #stopTimers(): void {
    clearInterval(this.#tick);
    this.#tick = undefined;
    if (this.#run) clearInterval(this.#run.keepAliveTimer);
  }

  #reset(): void {
    const connection = this.#connection;
    if (connection && connection.readyState !== WebSocket.CLOSED) {
      this.#skipRecord = true;
      connection.close(1000);
    }
    this.#state = parseLabState(null);
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Blocked storage: nothing was saved either.
    }
    this.#showSettings();
    this.#showRecords();
    this.#showIntervalHint();
    this.#announce(this.#text.resetDone);
  }

  // ---- storage ----

  #load(): LabState {
    try {
      return parseLabState(localStorage.getItem(STORAGE_KEY));
    } catch {
      return parseLabState(null);
    }
  }

  #save(): void {
    try {
      localStorage.setItem(STORAGE_KEY, serializeLabState(this.#state));
    } catch {
      // Blocked storage only costs the reader their settings on reload.
    }
  }

  // ---- showing ----

  #speedRadios(): HTMLInputElement[] {
    return [...part(this, 'speeds', HTMLFieldSetElement).querySelectorAll<HTMLInputElement>('input[type="radio"]')];
  }

  #showSettings(): void {
    const { speed, keepAlive, keepAliveSeconds } = this.#state.settings;
    for (const radio of this.#speedRadios()) radio.checked = Number(radio.value) === speed;
    part(this, 'keep-alive', HTMLInputElement).checked = keepAlive;
    part(this, 'interval', HTMLInputElement).value = String(keepAliveSeconds);
    this.#showIntervalHint();
  }

  #showIntervalHint(): void {
    const speed = this.#run?.speed ?? this.#nextSpeed();
    const seconds = clampKeepAliveSeconds(part(this, 'interval', HTMLInputElement).valueAsNumber);
    part(this, 'interval-hint', HTMLElement).textContent = this.#text.intervalHint(keepAliveRealMs({ keepAliveSeconds: seconds }, speed), speed);
  }

  /** Shows the connection's state (or `message`, e.g. how it closed) and enables only the controls that work now. */
  #showState(message?: string): void {
    const text = this.#text;
    const readyState = this.#connection?.readyState ?? WebSocket.CLOSED;
    const name = readyState === WebSocket.CONNECTING ? 'connecting' : readyState === WebSocket.OPEN ? 'open' : readyState === WebSocket.CLOSING ? 'closing' : 'none';
    const state = part(this, 'state', HTMLElement);
    state.dataset.state = name;
    if (message !== undefined) state.textContent = message;
    else if (name !== this.#shownState) {
      state.textContent =
        name === 'connecting' ? text.connecting(this.#run?.url ?? '') : name === 'open' ? text.open : name === 'closing' ? text.closing : text.notConnected;
    }
    this.#shownState = name;

    const closed = readyState === WebSocket.CLOSED;
    const connect = part(this, 'connect', HTMLButtonElement);
    const disconnect = part(this, 'disconnect', HTMLButtonElement);
    const wasFocused = document.activeElement;
    connect.disabled = !closed;
    disconnect.disabled = !(readyState === WebSocket.OPEN || readyState === WebSocket.CONNECTING);
    // The speed is asked for at connect time; changing it mid-connection would suggest otherwise.
    for (const radio of this.#speedRadios()) radio.disabled = !closed || !this.#canWarp();
    this.#keepFocus(wasFocused, closed ? connect : disconnect.disabled ? null : disconnect);
  }

  /** Writes a one-off message (reset, refused) into the status line, where it stays until the state changes. */
  #announce(message: string): void {
    part(this, 'state', HTMLElement).textContent = message;
  }

  /** A disabled button drops keyboard focus to <body>; put it on the control that makes sense next. */
  #keepFocus(wasFocused: Element | null, next: HTMLElement | null): void {
    if (wasFocused instanceof HTMLButtonElement && this.contains(wasFocused) && wasFocused.disabled) this.#focusPending = true;
    else if (wasFocused !== null && wasFocused !== document.body) this.#focusPending = false;
    if (this.#focusPending && next !== null) {
      next.focus();
      this.#focusPending = false;
    }
  }

  #showClocks(): void {
    const run = this.#run;
    const connectedFor = part(this, 'connected-for', HTMLElement);
    const idleIn = part(this, 'idle-in', HTMLElement);
    const maxIn = part(this, 'max-in', HTMLElement);
    part(this, 'keep-alives-sent', HTMLElement).textContent = String(run?.keepAlivesSent ?? 0);
    if (!run || run.openedAt === null) {
      for (const element of [connectedFor, idleIn, maxIn]) element.textContent = '–';
      return;
    }
    const { speed } = run;
    const now = Date.now();
    const show = (awsMs: number) => this.#text.awsClock(clock(awsMs), speed === 1 ? null : Math.max(0, awsMs / speed));
    const elapsed = now - run.openedAt;
    connectedFor.textContent = show(elapsed * speed);
    idleIn.textContent = show(Math.max(0, AWS_IDLE_TIMEOUT_MS - (now - run.lastActivity) * speed));
    maxIn.textContent = show(Math.max(0, AWS_MAX_CONNECTION_MS - elapsed * speed));
  }

  #showRecords(): void {
    const text = this.#text;
    const list = part(this, 'records', HTMLOListElement);
    list.replaceChildren(...this.#state.records.map((record) => recordItem(record, text)));
    part(this, 'records-empty', HTMLElement).hidden = this.#state.records.length > 0;
    // The recorded example explains the lab until the reader has measurements of their own.
    part(this, 'transcript', HTMLElement).hidden = this.#state.records.length > 0;
  }
}

/** One measured disconnect, built with textContent only: the close reason comes from the network. */
function recordItem(record: DisconnectRecord, text: TimeoutLabText): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'record';
  item.dataset.cause = record.cause;
  const head = document.createElement('p');
  head.className = 'record-head';
  const code = document.createElement('strong');
  code.textContent = text.closeCode(record.code, record.reason);
  head.append(code, ` — ${text.causes[record.cause]}`);
  const matches = record.code === 1001 && record.reason === 'Going away';
  const aws = record.cause === 'idle' ? text.awsSays.idle(matches) : text.awsSays[record.cause];
  const rows: [string, string][] = [
    [text.columns.lasted, text.lasted(record.lastedMs, record.speed)],
    [text.columns.sinceActivity, text.sinceActivity(record.sinceActivityMs, record.speed)],
    [text.columns.keepAlive, record.keepAlive ? text.keepAliveOn(record.keepAliveSeconds, record.keepAlivesSent) : text.keepAliveOff],
    [text.columns.aws, aws],
  ];
  const list = document.createElement('dl');
  for (const [term, value] of rows) {
    const row = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    row.append(dt, dd);
    list.append(row);
  }
  const time = document.createElement('time');
  time.dateTime = record.at;
  time.className = 'visually-hidden';
  time.textContent = record.at;
  item.append(head, list, time);
  return item;
}

customElements.define('apigw-timeout-lab', ApigwTimeoutLab);
