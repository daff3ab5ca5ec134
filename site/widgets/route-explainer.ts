import type { StampedEntry } from '../../emulator/inspector.ts';
import { detectBackend } from '../client/backend-kind.ts';
import { sharedConnection, type WebSocketConnection } from '../client/connection.ts';
import { currentEndpoint, emulatorOrigin, ENDPOINT_CHANGED_EVENT } from '../client/endpoint.ts';
import { formatTime } from '../client/format-time.ts';
import { ConnectionInspectorFeed } from '../client/inspector-feed.ts';
import { jsonSegments } from '../client/json-view.ts';
import { jsonViewElement } from '../client/json-view-dom.ts';
import { appendRich, richToString } from '../client/rich-text.ts';
import { explainRoute, type RouteExplanation } from '../client/route-explanation.ts';
import { forgetWidgetState, loadWidgetState, saveWidgetState, savedText } from '../client/widget-storage.ts';
import { routeExplainerText, type RouteExplainerText } from './route-explainer-text.ts';

const WIDGET = 'route-explainer';
/** Older explanations are dropped past this. */
const MAX_SENT = 20;

interface SentItem {
  body: string;
  predicted: string | null;
  actual: HTMLElement;
  resolved: boolean;
}

function part<T extends Element>(root: ParentNode, name: string, type: { new (): T; prototype: T }): T {
  const element = root.querySelector(`[data-part="${name}"]`);
  if (!(element instanceof type)) throw new Error(`<apigw-route-explainer> has no ${type.name} [data-part="${name}"]`);
  return element;
}

/** The browser half of RouteExplainer.astro: predicts the route of each message and, on the emulator, shows the route it chose. */
class ApigwRouteExplainer extends HTMLElement {
  #lifetime: AbortController | null = null;
  #text: RouteExplainerText = routeExplainerText.ja;
  #connection: WebSocketConnection | null = null;
  #routes: string[] = [];
  #expression = '';
  #sampleRoutes: string[] = [];
  #sampleExpression = '';
  #feed: ConnectionInspectorFeed | null = null;
  #feedOrigin: string | null = null;
  #checkCount = 0;
  #items: SentItem[] = [];
  /** The last message each of the reader's connections received: the feed's `route` entry follows its `message-in`. */
  #lastMessageIn = new Map<string, string>();

  connectedCallback(): void {
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    const text = routeExplainerText[this.dataset.lang === 'en' ? 'en' : 'ja'];
    this.#text = text;
    const defaultEndpoint = this.dataset.defaultEndpoint ?? '';
    const initialMessage = this.dataset.initialMessage ?? '';
    const connection = sharedConnection(this.dataset.connection ?? 'A');
    this.#connection = connection;
    this.#sampleRoutes = parseRoutes(this.dataset.routes);
    this.#sampleExpression = this.dataset.expression ?? '$request.body.action';
    this.#routes = this.#sampleRoutes;
    this.#expression = this.#sampleExpression;

    const message = part(this, 'message', HTMLTextAreaElement);
    message.value = savedText(loadWidgetState(WIDGET), 'message', initialMessage);
    message.addEventListener(
      'input',
      () => {
        saveWidgetState(WIDGET, { message: message.value });
        this.#showPrediction();
      },
      { signal },
    );
    message.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          part(this, 'form', HTMLFormElement).requestSubmit();
        }
      },
      { signal },
    );
    for (const preset of this.querySelectorAll<HTMLButtonElement>('[data-part="preset"]')) {
      preset.addEventListener(
        'click',
        () => {
          message.value = preset.dataset.message ?? '';
          saveWidgetState(WIDGET, { message: message.value });
          this.#showPrediction();
        },
        { signal },
      );
    }
    part(this, 'form', HTMLFormElement).addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        if (connection.readyState === WebSocket.OPEN) connection.send(message.value);
      },
      { signal },
    );
    part(this, 'reset', HTMLButtonElement).addEventListener(
      'click',
      () => {
        forgetWidgetState(WIDGET);
        message.value = initialMessage;
        this.#items = [];
        part(this, 'sent', HTMLOListElement).replaceChildren();
        this.#showPrediction();
      },
      { signal },
    );

    connection.addEventListener(
      'statechange',
      (event) => {
        this.#updateSendButton();
        const url = connection.url;
        // The reader may have picked another endpoint since the last check.
        if (event.detail === WebSocket.CONNECTING && url !== null && emulatorOrigin(url) !== this.#feedOrigin) void this.#checkBackend(url);
      },
      { signal },
    );
    connection.addEventListener('sent', (event) => this.#explainSent(event.detail.data, event.detail.at), { signal });
    window.addEventListener(
      ENDPOINT_CHANGED_EVENT,
      (event) => {
        if (event instanceof CustomEvent && typeof event.detail === 'string') void this.#checkBackend(event.detail);
      },
      { signal },
    );

    this.#updateSendButton();
    this.#showPrediction();
    void this.#checkBackend(connection.url ?? currentEndpoint(defaultEndpoint), 'load');
  }

  disconnectedCallback(): void {
    this.#lifetime?.abort();
    this.#lifetime = null;
    this.#stopFeed();
    this.#connection = null;
  }

  /** On the emulator: its own routes and expression, and its feed for the actual choice. Elsewhere: the sample's. */
  async #checkBackend(endpoint: string, when: 'load' | 'asked' = 'asked'): Promise<void> {
    const signal = this.#lifetime?.signal;
    if (!signal) return;
    const check = ++this.#checkCount;
    const backend = await detectBackend(endpoint, signal, when);
    if (signal.aborted || check !== this.#checkCount) return;
    const text = this.#text;
    if (backend.kind === 'emulator') {
      this.#routes = backend.status.routes;
      this.#expression = backend.status.routeSelectionExpression;
      const origin = emulatorOrigin(endpoint);
      if (origin !== this.#feedOrigin || this.#feed === null) this.#startFeed(endpoint, origin);
    } else {
      this.#routes = this.#sampleRoutes;
      this.#expression = this.#sampleExpression;
      this.#stopFeed();
    }
    const routes = part(this, 'routes', HTMLElement);
    // Spaces between the keys, so that a screen reader does not run them together.
    routes.replaceChildren(
      ...this.#routes.flatMap((route) => {
        const code = document.createElement('code');
        code.textContent = route;
        return [code, ' '];
      }),
    );
    part(this, 'expression', HTMLElement).textContent = this.#expression;
    part(this, 'routes-source', HTMLElement).textContent = backend.kind === 'emulator' ? text.routesFromEmulator : text.routesFromSample;
    this.#showStatus();
    this.#showPrediction();
  }

  #startFeed(endpoint: string, origin: string | null): void {
    const connection = this.#connection;
    if (!connection) return;
    this.#stopFeed();
    const feed = new ConnectionInspectorFeed(connection, endpoint);
    this.#feed = feed;
    this.#feedOrigin = origin;
    feed.addEventListener('entry', (event) => this.#readEntry(event.detail));
    let wasDown = false;
    feed.addEventListener('feedstate', (event) => {
      this.#showStatus();
      // A restarted emulator may serve an edited serverless.yml: read its routes again.
      if (event.detail === 'open' && wasDown) void this.#checkBackend(endpoint);
      wasDown = event.detail === 'down' || (wasDown && event.detail === 'connecting');
    });
    feed.start();
  }

  #stopFeed(): void {
    this.#feed?.stop();
    this.#feed = null;
    this.#feedOrigin = null;
  }

  #showStatus(): void {
    const status = this.#text.status;
    const words = this.#feed === null ? status.remote : this.#feed.state === 'down' ? status.localDown : status.local;
    const element = part(this, 'status', HTMLElement);
    if (element.textContent !== words) element.textContent = words;
  }

  /** The emulator's `route` entry for one of the reader's messages, shown beside the prediction made when it was sent. */
  #readEntry(entry: StampedEntry): void {
    if (entry.type === 'message-in') {
      this.#lastMessageIn.set(entry.connectionId, entry.body);
      return;
    }
    if (entry.type !== 'route') return;
    const body = this.#lastMessageIn.get(entry.connectionId);
    // Oldest first: the emulator routes one connection's messages in the order they arrive.
    const item = [...this.#items].reverse().find((candidate) => !candidate.resolved && candidate.body === body);
    if (!item) return;
    item.resolved = true;
    item.actual.dataset.agrees = String(item.predicted === entry.routeKey);
    item.actual.replaceChildren();
    appendRich(item.actual, this.#text.actual(entry.routeKey, item.predicted === entry.routeKey));
  }

  #updateSendButton(): void {
    const open = this.#connection?.readyState === WebSocket.OPEN;
    part(this, 'send', HTMLButtonElement).disabled = !open;
    part(this, 'send-hint', HTMLElement).hidden = open;
  }

  #showPrediction(): void {
    const body = part(this, 'message', HTMLTextAreaElement).value;
    const explanation = explainRoute(this.#expression, body, this.#routes);
    fillCard(part(this, 'prediction', HTMLElement), explanation, this.#text, this.#expression);
  }

  /** Adds the explanation of a message the reader just sent, newest first. */
  #explainSent(body: string, at: Date): void {
    const text = this.#text;
    const explanation = explainRoute(this.#expression, body, this.#routes);
    const item = document.createElement('li');
    item.className = 'sent-item';

    const heading = document.createElement('p');
    heading.className = 'sent-message';
    const time = document.createElement('time');
    time.dateTime = at.toISOString();
    time.textContent = formatTime(at);
    const code = document.createElement('code');
    code.textContent = body;
    heading.append(time, `${text.messageLabel} `, code);

    const card = document.createElement('div');
    card.className = 'card';
    fillCard(card, explanation, text, this.#expression);

    const actual = document.createElement('p');
    actual.className = 'actual';
    if (this.#feed !== null) actual.textContent = text.actualWaiting;
    else actual.hidden = true;
    card.append(actual);
    item.append(heading, card);

    const list = part(this, 'sent', HTMLOListElement);
    list.prepend(item);
    this.#items.unshift({ body, predicted: explanation.routeKey, actual, resolved: false });
    while (this.#items.length > MAX_SENT) {
      this.#items.pop();
      list.lastElementChild?.remove();
    }
  }
}

/** Writes the three steps and the verdict into `card`; the verdict is only rewritten when its words change. */
function fillCard(card: HTMLElement, explanation: RouteExplanation, text: RouteExplainerText, expression: string): void {
  const words = text.explain(explanation, expression);
  card.dataset.outcome = explanation.outcome;
  card.toggleAttribute('data-forbidden', explanation.routeKey === null);

  const steps = document.createElement('ol');
  steps.className = 'steps';
  steps.setAttribute('aria-label', text.stepsLabel);
  for (const [index, step] of [words.json, words.value, words.route].entries()) {
    const item = document.createElement('li');
    appendRich(item, step);
    if (index === 1 && explanation.parsed !== undefined) item.append(jsonViewElement(jsonSegments(explanation.parsed, explanation.paths)));
    steps.append(item);
  }
  const oldSteps = card.querySelector(':scope > .steps');
  if (oldSteps) oldSteps.replaceWith(steps);
  else card.prepend(steps);

  let verdict = card.querySelector<HTMLElement>(':scope > .verdict');
  if (!verdict) {
    verdict = document.createElement('p');
    verdict.className = 'verdict';
    steps.after(verdict);
  }
  if (verdict.textContent !== richToString(words.verdict)) {
    verdict.replaceChildren();
    appendRich(verdict, words.verdict);
  }
}

function parseRoutes(json: string | undefined): string[] {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? value.filter((route): route is string => typeof route === 'string') : [];
  } catch {
    return [];
  }
}

customElements.define('apigw-route-explainer', ApigwRouteExplainer);
