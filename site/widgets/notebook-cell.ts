import { currentEndpoint } from '../client/endpoint.ts';
import { formatTime } from '../client/format-time.ts';
import { notebookKernel, type NotebookKernel, type OutputDetail } from '../client/notebook-kernel.ts';
import { readyStateName } from '../client/ready-state.ts';
import { highlight, toneColours } from './notebook-highlight.ts';
import { notebookText, outputMarkers, type NotebookText } from './notebook-text.ts';
import { formatOffset, readyStateOf, readyStateTimeline, type ReadyStateSample } from './notebook-timeline.ts';

type LineKind = OutputDetail['kind'] | 'note';

/** Old lines are dropped past this, so an interval left running does not grow the page without bound. */
const maxOutputLines = 500;
const svgNamespace = 'http://www.w3.org/2000/svg';

function part<T extends Element>(root: ParentNode, name: string, type: { new (): T; prototype: T }): T {
  const element = root.querySelector(`[data-part="${name}"]`);
  if (!(element instanceof type)) throw new Error(`<apigw-notebook-cell> has no ${type.name} [data-part="${name}"]`);
  return element;
}

// The reader's edits, per cell. Blocked storage only costs the edits on reload.
const storageKey = (cellId: string) => `apigw-tutorial:notebook:${cellId}`;
function loadCode(cellId: string): string | null {
  try {
    return localStorage.getItem(storageKey(cellId));
  } catch {
    return null;
  }
}
function saveCode(cellId: string, code: string, original: string): void {
  try {
    if (code === original) localStorage.removeItem(storageKey(cellId));
    else localStorage.setItem(storageKey(cellId), code);
  } catch {
    // Nothing to do: the edit stays on the page.
  }
}

/** The browser half of NotebookCell.astro: the editor over the highlighted code, Run/Stop/Reset, the output and the timeline. */
export class ApigwNotebookCell extends HTMLElement {
  #lifetime: AbortController | null = null;
  #text: NotebookText = notebookText.ja;
  #kernel: NotebookKernel | null = null;
  /** The code the server rendered, which Reset brings back. */
  #original = '';
  /** Shiki's rendering of the original code, put back by Reset (exact colours, no client re-highlighting). */
  #serverHighlight: Node[] = [];
  #runs = 0;
  #runStartedAt = 0;
  /** Whether the last run's code reads readyState, so its 0–3 lines are drawn as a timeline. */
  #watchesReadyState = false;
  #samples: ReadyStateSample[] = [];
  #live = { timers: 0, sockets: 0 };
  /** True from Run until the cell's code returns; a cell stuck in a loop can still be stopped. */
  #running = false;

  get cellId(): string {
    return this.dataset.cellId ?? '';
  }

  connectedCallback(): void {
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    const text = notebookText[this.dataset.lang === 'en' ? 'en' : 'ja'];
    this.#text = text;
    const kernel = notebookKernel();
    this.#kernel = kernel;
    const editor = part(this, 'editor', HTMLTextAreaElement);
    const pre = part(this, 'editor-box', HTMLElement).querySelector('pre');
    const code = pre?.querySelector('code');
    if (!pre || !code) throw new Error('<apigw-notebook-cell> has no highlighted code');

    this.#original = editor.defaultValue;
    this.#serverHighlight = [...code.childNodes].map((node) => node.cloneNode(true));
    // The textarea takes over: the <pre> under it is only the colouring now.
    editor.hidden = false;
    pre.setAttribute('aria-hidden', 'true');
    pre.removeAttribute('tabindex');

    const saved = loadCode(this.cellId);
    if (saved !== null && saved !== this.#original) {
      editor.value = saved;
      this.#paint(saved);
    }
    this.#showEdited();

    editor.addEventListener(
      'input',
      () => {
        saveCode(this.cellId, editor.value, this.#original);
        this.#paint(editor.value);
        this.#showEdited();
      },
      { signal },
    );
    editor.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Enter' && event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
          event.preventDefault();
          part(this, 'form', HTMLFormElement).requestSubmit();
        } else if (event.key === 'Escape') {
          // The way out of the code box for keyboard users, as in other in-page code editors.
          event.preventDefault();
          part(this, 'run', HTMLButtonElement).focus();
        }
      },
      { signal },
    );
    part(this, 'form', HTMLFormElement).addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        void this.run();
      },
      { signal },
    );
    part(this, 'stop', HTMLButtonElement).addEventListener('click', () => kernel.stop(this.cellId), { signal });
    part(this, 'reset', HTMLButtonElement).addEventListener(
      'click',
      () => {
        editor.value = this.#original;
        saveCode(this.cellId, this.#original, this.#original);
        code.replaceChildren(...this.#serverHighlight.map((node) => node.cloneNode(true)));
        this.#showEdited();
        editor.focus();
      },
      { signal },
    );

    const mine = (cellId: string) => cellId === this.cellId;
    kernel.addEventListener(
      'output',
      (event) => {
        if (!mine(event.detail.cellId)) return;
        const { kind, text: line, at, hint } = event.detail;
        this.#line(kind, line, at);
        if (hint === 'top-level-await') this.#line('note', text.topLevelAwait, at);
        const state = kind === 'log' && this.#watchesReadyState ? readyStateOf(line) : null;
        if (state !== null) {
          this.#samples.push({ at: at.getTime() - this.#runStartedAt, state });
          this.#drawTimeline();
        }
      },
      { signal },
    );
    kernel.addEventListener(
      'resources',
      (event) => {
        if (!mine(event.detail.cellId)) return;
        this.#live = { timers: event.detail.timers, sockets: event.detail.sockets };
        this.#showControls();
      },
      { signal },
    );
    kernel.addEventListener(
      'stopped',
      (event) => {
        const { cellId, timers, sockets, reason } = event.detail;
        if (!mine(cellId)) return;
        if (reason === 'stop') this.#line('note', text.stopped(timers, sockets));
        else if (timers + sockets > 0) this.#line('note', text.stoppedForRerun(timers, sockets));
      },
      { signal },
    );
    kernel.addEventListener(
      'socket-failed',
      (event) => {
        if (mine(event.detail.cellId))
          this.#line('error', text.socketFailed(event.detail.url, event.detail.code), event.detail.at);
      },
      { signal },
    );
    kernel.addEventListener(
      'restart',
      (event) => {
        this.#live = { timers: 0, sockets: 0 };
        this.#showControls();
        if (this.#runs > 0) this.#line('note', event.detail.interrupted ? text.interrupted : text.restarted);
      },
      { signal },
    );
    kernel.addEventListener(
      'failure',
      (event) => {
        this.#live = { timers: 0, sockets: 0 };
        this.#showControls();
        if (this.#runs > 0) this.#line('error', text.failure(event.detail.message));
      },
      { signal },
    );

    part(this, 'run', HTMLButtonElement).disabled = false;
    this.#showControls();
  }

  disconnectedCallback(): void {
    // Removes every listener added in connectedCallback, including those on the shared kernel.
    this.#lifetime?.abort();
    this.#lifetime = null;
    this.#kernel = null;
  }

  /** Runs the cell's code in the page's kernel; resolves when its synchronous part is done. */
  async run(): Promise<boolean> {
    const kernel = this.#kernel;
    if (kernel === null) return false;
    const code = part(this, 'editor', HTMLTextAreaElement).value;
    // Running a cell again starts afresh: what its previous run left going would only muddle the output.
    if (this.#live.timers + this.#live.sockets > 0) kernel.stop(this.cellId, 'rerun');
    this.querySelector('[data-part="recorded"]')?.remove();
    part(this, 'lines', HTMLOListElement).replaceChildren();
    this.#samples = [];
    this.#watchesReadyState = /\breadyState\b/.test(code);
    part(this, 'timeline', HTMLElement).hidden = true;
    this.#runs += 1;
    this.#runStartedAt = Date.now();
    const count = part(this, 'count', HTMLElement);
    count.textContent = '[*]';
    this.#running = true;
    this.#showControls();
    const ok = await kernel.run(this.cellId, code, currentEndpoint(this.dataset.defaultEndpoint ?? ''));
    this.#running = false;
    this.#showControls();
    count.textContent = `[${this.#runs}]`;
    return ok;
  }

  /** Stop is useful only while the cell runs or has timers or sockets going. */
  #showControls(): void {
    const stop = part(this, 'stop', HTMLButtonElement);
    const wasFocused = document.activeElement === stop;
    stop.disabled = !this.#running && this.#live.timers + this.#live.sockets === 0;
    // A disabled button drops keyboard focus to <body>; keep the reader in the cell.
    if (wasFocused && stop.disabled) part(this, 'run', HTMLButtonElement).focus();
  }

  #showEdited(): void {
    const edited = part(this, 'editor', HTMLTextAreaElement).value !== this.#original;
    part(this, 'edited', HTMLElement).hidden = !edited;
    const reset = part(this, 'reset', HTMLButtonElement);
    if (document.activeElement === reset && !edited) part(this, 'editor', HTMLTextAreaElement).focus();
    reset.disabled = !edited;
  }

  /** Re-colours the code under the textarea. Spans carry the same inline colours Shiki writes, so the site's dark-mode rule applies. */
  #paint(source: string): void {
    const code = part(this, 'editor-box', HTMLElement).querySelector('pre code');
    if (!code) return;
    const nodes: Node[] = highlight(source).map(({ text, tone }) => {
      if (tone === null) return document.createTextNode(text);
      const span = document.createElement('span');
      span.style.color = toneColours[tone].light;
      span.style.setProperty('--shiki-dark', toneColours[tone].dark);
      span.textContent = text;
      return span;
    });
    // A final line break needs something after it, or the <pre> is a line shorter than the textarea.
    if (source.endsWith('\n') || source === '') nodes.push(document.createTextNode(' '));
    code.replaceChildren(...nodes);
  }

  /** Appends one output line. Everything the code printed goes in through textContent only. */
  #line(kind: LineKind, message: string, at = new Date()): void {
    const text = this.#text;
    const output = part(this, 'output', HTMLElement);
    const lines = part(this, 'lines', HTMLOListElement);
    const stickToBottom = output.scrollTop + output.clientHeight >= output.scrollHeight - 4;

    const entry = document.createElement('li');
    entry.dataset.kind = kind;
    const time = document.createElement('time');
    time.className = 'line-time';
    time.dateTime = at.toISOString();
    time.textContent = formatTime(at);
    const marker = document.createElement('span');
    marker.className = 'line-kind';
    const symbol = document.createElement('span');
    symbol.setAttribute('aria-hidden', 'true');
    symbol.textContent = outputMarkers[kind];
    // The symbol alone would leave screen-reader users guessing; say the kind in words.
    const name = document.createElement('span');
    name.className = 'visually-hidden';
    name.textContent = text.markers[kind];
    marker.append(symbol, name);
    const body = document.createElement('span');
    body.className = 'line-text';
    body.textContent = message;
    entry.append(time, marker, body);
    lines.append(entry);

    while (lines.childElementCount > maxOutputLines) lines.firstElementChild?.remove();
    // Follow new lines unless the reader scrolled up to read older ones.
    if (stickToBottom) output.scrollTop = output.scrollHeight;
  }

  /** Draws the readyState values the cell logged since its last run, and lists the changes as text. */
  #drawTimeline(): void {
    const text = this.#text;
    const figure = part(this, 'timeline', HTMLElement);
    const { segments, transitions } = readyStateTimeline(this.#samples);
    figure.hidden = segments.length === 0;
    if (segments.length === 0) return;

    const width = 600;
    const height = 52;
    const left = 4;
    const right = width - 4;
    const barTop = 6;
    const barHeight = 24;
    const end = Math.max(segments.at(-1)!.to, 1000);
    const x = (ms: number) => left + ((right - left) * ms) / end;

    const svg = document.createElementNS(svgNamespace, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    // The list below says the same in words; the drawing is for the eye only.
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const add = (name: string, attributes: Record<string, string | number>, content?: string) => {
      const element = document.createElementNS(svgNamespace, name);
      for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
      if (content !== undefined) element.textContent = content;
      svg.append(element);
    };

    // Before the first value: the cell ran, but had not logged anything yet.
    add('line', {
      class: 'waiting',
      x1: x(0),
      x2: x(segments[0]!.from),
      y1: barTop + barHeight / 2,
      y2: barTop + barHeight / 2,
    });
    for (const [index, segment] of segments.entries()) {
      // The last run of a state reaches the latest sample; give a single sample a visible width.
      const from = x(segment.from);
      const to = Math.max(x(index === segments.length - 1 ? segment.to : segments[index + 1]!.from), from + 6);
      add('rect', {
        class: `segment-${segment.state}`,
        x: from,
        y: barTop,
        width: to - from,
        height: barHeight,
        rx: 3,
      });
      const label = to - from > 90 ? `${segment.state} ${readyStateName(segment.state)}` : String(segment.state);
      if (to - from > 14) add('text', { x: from + 4, y: barTop + 16 }, label);
    }
    add('text', { class: 'axis', x: left, y: height - 4 }, `0 s (${text.timelineStart})`);
    add('text', { class: 'axis', x: right, y: height - 4, 'text-anchor': 'end' }, formatOffset(end));
    part(figure, 'timeline-drawing', HTMLElement).replaceChildren(svg);

    const stateLabel = (state: number) => `${state} ${readyStateName(state)}`;
    part(figure, 'transitions', HTMLOListElement).replaceChildren(
      ...transitions.map((change) => {
        const item = document.createElement('li');
        item.textContent = text.transition(
          formatOffset(change.at),
          change.from === null ? null : stateLabel(change.from),
          stateLabel(change.to),
        );
        return item;
      }),
    );
  }
}

customElements.define('apigw-notebook-cell', ApigwNotebookCell);
