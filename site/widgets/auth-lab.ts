import { detectBackend, type BackendKind } from '../client/backend-kind.ts';
import { urlWithQuery, wscatCommand } from '../client/connect-options.ts';
import { requestTarget, type ConnectAttempt } from '../client/connection-matcher.ts';
import { emulatorOrigin, validateEndpoint } from '../client/endpoint.ts';
import { handshakeOutcome, policyEffect, type HandshakeOutcome } from '../client/handshake-outcome.ts';
import { InspectorEntries } from '../client/inspector-entries.ts';
import { jsonSegments } from '../client/json-view.ts';
import { jsonViewElement } from '../client/json-view-dom.ts';
import { authLabText, IDENTITY_QUESTION, wscatLine, type AttemptKind, type AuthLabText } from './auth-lab-text.ts';
import { openWebSocket } from '../client/network.ts';

/** The feed records a refusal before the socket is aborted, but the two travel separately: wait this long for it. */
const OUTCOME_WAIT_MS = 3000;

function part<T extends Element>(root: ParentNode, name: string, type: { new (): T; prototype: T }): T {
  const element = root.querySelector(`[data-part="${name}"]`);
  if (!(element instanceof type)) throw new Error(`<apigw-auth-lab> has no ${type.name} [data-part="${name}"]`);
  return element;
}

/** The URL an attempt connects to: the endpoint, with `?token=` unless the attempt sends none. */
function attemptUrl(endpoint: string, token: string | null): string {
  return urlWithQuery(endpoint, token === null ? '' : `token=${encodeURIComponent(token)}`);
}

/** One attempt's record in the list: a row per thing the reader can compare. */
class AttemptRecord {
  readonly item = document.createElement('li');
  readonly #list = document.createElement('dl');
  readonly #text: AuthLabText;
  readonly #rows = new Map<string, HTMLElement>();

  constructor(text: AuthLabText, kind: AttemptKind, url: string) {
    this.#text = text;
    this.item.dataset.kind = kind;
    const title = document.createElement('p');
    title.className = 'attempt-title';
    title.textContent = text.attempt[kind];
    this.item.append(title, this.#list);
    this.set('url', text.url, url, true);
    this.set('browser', text.browserSaw, text.connecting);
  }

  /** Writes (or rewrites) a row; every value goes in as text. */
  set(key: string, label: string, value: string, code = false): HTMLElement {
    let cell = this.#rows.get(key);
    if (!cell) {
      const term = document.createElement('dt');
      term.dataset.row = key;
      term.textContent = label;
      cell = document.createElement('dd');
      cell.dataset.row = key;
      this.#list.append(term, cell);
      this.#rows.set(key, cell);
    }
    if (code) {
      const element = document.createElement('code');
      element.textContent = value;
      cell.replaceChildren(element);
    } else {
      cell.textContent = value;
    }
    return cell;
  }

  showOutcome(outcome: HandshakeOutcome): void {
    const text = this.#text;
    this.set('server', text.serverAnswered, text.status(outcome.status, outcome.reason));
    this.set('authorizer', text.authorizerLabel, describeAuthorizer(text, outcome));
  }

  showReply(body: string): void {
    let shown: unknown = body;
    try {
      const parsed = JSON.parse(body) as { authorizer?: unknown };
      shown = parsed.authorizer ?? parsed;
    } catch {
      // Not JSON: show the text as it came.
    }
    const row = this.set('reply', this.#text.replyLabel, '');
    row.append(jsonViewElement(jsonSegments(shown, [['principalId']])));
  }
}

function describeAuthorizer(text: AuthLabText, outcome: HandshakeOutcome): string {
  const run = outcome.authorizer;
  if (!run.ran) return text.authorizerNotRun;
  if (run.error) return text.authorizerThrew(run.error.message);
  const effect = policyEffect(run.result);
  if (effect === null) return text.authorizerOther;
  const principalId = (run.result as { principalId?: unknown }).principalId;
  return text.authorizerPolicy(effect, String(principalId ?? ''));
}

/** The browser half of AuthLab.astro. */
class ApigwAuthLab extends HTMLElement {
  #lifetime: AbortController | null = null;
  #text: AuthLabText = authLabText.ja;
  #socket: WebSocket | null = null;
  #feed: { origin: string; entries: InspectorEntries } | null = null;

  connectedCallback(): void {
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    this.#text = authLabText[this.dataset.lang === 'en' ? 'en' : 'ja'];
    const endpoint = part(this, 'endpoint', HTMLInputElement);
    const problem = part(this, 'endpoint-problem', HTMLElement);
    const attempts = part(this, 'attempts', HTMLOListElement);
    const defaultEndpoint = this.dataset.defaultEndpoint ?? endpoint.value;

    const showCommands = () => {
      const checked = validateEndpoint(endpoint.value);
      problem.textContent = checked.ok || endpoint.value.trim() === '' ? '' : this.#text.invalidEndpoint;
      if (!checked.ok) return;
      for (const code of this.querySelectorAll<HTMLElement>('[data-part="wscat"]')) {
        code.textContent = wscatCommand(attemptUrl(checked.url, code.dataset.token || null), []);
      }
    };
    endpoint.addEventListener('input', showCommands, { signal });
    // The field may already differ from the server-rendered commands: a reader typed before this script ran,
    // or the browser restored the field on Back.
    showCommands();
    this.querySelector('[data-part="use-deployed"]')?.addEventListener('click', () => {
      endpoint.value = this.dataset.deployedEndpoint ?? endpoint.value;
      showCommands();
    }, { signal });
    this.querySelector('[data-part="use-local"]')?.addEventListener('click', () => {
      endpoint.value = defaultEndpoint;
      showCommands();
    }, { signal });

    for (const button of this.querySelectorAll<HTMLButtonElement>('[data-part="attempt"]')) {
      button.addEventListener('click', () => {
        const checked = validateEndpoint(endpoint.value);
        if (!checked.ok) {
          problem.textContent = this.#text.invalidEndpoint;
          endpoint.focus();
          return;
        }
        void this.#attempt(button.dataset.kind as AttemptKind, button.dataset.token || null, checked.url, attempts, signal);
      }, { signal });
    }
    part(this, 'clear', HTMLButtonElement).addEventListener('click', () => attempts.replaceChildren(), { signal });
  }

  disconnectedCallback(): void {
    this.#lifetime?.abort();
    this.#socket?.close(1000);
    this.#feed?.entries.close();
    this.#feed = null;
  }

  /** One connection attempt, recorded as the browser sees it and, on the emulator, as the server answered it. */
  async #attempt(kind: AttemptKind, token: string | null, endpoint: string, attempts: HTMLOListElement, signal: AbortSignal): Promise<void> {
    const text = this.#text;
    const url = attemptUrl(endpoint, token);
    const record = new AttemptRecord(text, kind, url);
    attempts.prepend(record.item);
    this.#socket?.close(1000);

    const backend = await detectBackend(endpoint, signal, 'asked');
    const feed = backend.kind === 'emulator' ? this.#feedFor(endpoint) : null;
    const startedAt = Date.now();
    const socket = openWebSocket(url);
    this.#socket = socket;
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      record.item.dataset.outcome = 'connected';
      record.set('browser', text.browserSaw, text.opened);
      socket.send(IDENTITY_QUESTION);
      record.set('reply', text.replyLabel, text.waitingReply);
    });
    socket.addEventListener('message', (event: MessageEvent<unknown>) => {
      record.showReply(typeof event.data === 'string' ? event.data : String(event.data));
      socket.close(1000);
      record.set('browser', text.browserSaw, `${text.opened} → ${text.closedAfterReply}`);
    });
    const ended = new Promise<void>((resolve) => {
      socket.addEventListener('open', () => resolve());
      socket.addEventListener('close', (event) => {
        if (!opened) {
          record.item.dataset.outcome = 'refused';
          record.set('browser', text.browserSaw, text.failed(event.code, event.wasClean));
        }
        resolve();
      });
    });
    await ended;
    await this.#showServerSide(record, backend, feed, { path: requestTarget(url), origin: location.origin, userAgent: navigator.userAgent, startedAt }, endpoint);
  }

  async #showServerSide(
    record: AttemptRecord,
    backend: BackendKind,
    feed: InspectorEntries | null,
    attempt: Omit<ConnectAttempt, 'trackedSince'>,
    endpoint: string,
  ): Promise<void> {
    const text = this.#text;
    if (backend.kind === 'none') {
      record.set('server', text.serverAnswered, text.noBackend(endpoint));
      return;
    }
    if (!feed) {
      record.set('server', text.serverAnswered, text.statusUnknownDeployed);
      record.set('authorizer', text.authorizerLabel, text.authorizerUnknownDeployed);
      return;
    }
    const outcome = await feed.waitFor((entries) => handshakeOutcome(entries, attempt), OUTCOME_WAIT_MS);
    if (!outcome) {
      record.set('server', text.serverAnswered, text.statusUnknownFeed);
      return;
    }
    record.showOutcome(outcome);
    record.set('wscat', text.wscatLabel, text.wscatPrints(wscatLine(outcome.status)));
  }

  /** The emulator's feed for `endpoint`, opened on first use and kept while the endpoint stays the same. */
  #feedFor(endpoint: string): InspectorEntries | null {
    const origin = emulatorOrigin(endpoint);
    if (!origin) return null;
    if (this.#feed?.origin !== origin) {
      this.#feed?.entries.close();
      this.#feed = { origin, entries: new InspectorEntries(origin) };
    }
    return this.#feed.entries;
  }
}

customElements.define('apigw-auth-lab', ApigwAuthLab);
