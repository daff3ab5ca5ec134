import { detectBackend } from '../client/backend-kind.ts';
import { currentEndpoint, ENDPOINT_CHANGED_EVENT } from '../client/endpoint.ts';
import { notebookKernel, type NotebookKernel } from '../client/notebook-kernel.ts';
import { ApigwNotebookCell } from './notebook-cell.ts';
import { notebookText, type NotebookText } from './notebook-text.ts';

function part<T extends Element>(root: ParentNode, name: string, type: { new (): T; prototype: T }): T {
  const element = root.querySelector(`[data-part="${name}"]`);
  if (!(element instanceof type)) throw new Error(`<apigw-notebook> has no ${type.name} [data-part="${name}"]`);
  return element;
}

/** The browser half of Notebook.astro: the toolbar over the page's kernel (Run all, Stop all, Restart) and the ENDPOINT the cells see. */
class ApigwNotebook extends HTMLElement {
  #lifetime: AbortController | null = null;
  #text: NotebookText = notebookText.ja;
  #kernel: NotebookKernel | null = null;
  /** Timers plus sockets still going, per cell, so Stop all is enabled only when there is something to stop. */
  #live = new Map<string, number>();
  #running = false;
  /** Counts endpoint probes, so an answer to an older probe cannot overwrite a newer one. */
  #probeCount = 0;

  connectedCallback(): void {
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    this.#text = notebookText[this.dataset.lang === 'en' ? 'en' : 'ja'];
    const kernel = notebookKernel();
    this.#kernel = kernel;
    const runAll = part(this, 'run-all', HTMLButtonElement);
    const stopAll = part(this, 'stop-all', HTMLButtonElement);
    const restart = part(this, 'restart', HTMLButtonElement);

    runAll.addEventListener('click', () => void this.#runAll(), { signal });
    stopAll.addEventListener('click', () => kernel.stop(null), { signal });
    restart.addEventListener('click', () => kernel.restart(), { signal });

    kernel.addEventListener('status', () => this.#showStatus(), { signal });
    kernel.addEventListener(
      'resources',
      (event) => {
        this.#live.set(event.detail.cellId, event.detail.timers + event.detail.sockets);
        this.#showStatus();
      },
      { signal },
    );
    kernel.addEventListener(
      'restart',
      () => {
        this.#live.clear();
        this.#showStatus();
      },
      { signal },
    );
    kernel.addEventListener(
      'failure',
      () => {
        this.#live.clear();
        this.#showStatus();
      },
      { signal },
    );
    // A cell's socket that never opened: find out whether anything is listening at all.
    kernel.addEventListener('socket-failed', () => void this.#checkBackend(signal), { signal });
    window.addEventListener(
      ENDPOINT_CHANGED_EVENT,
      () => {
        this.#showEndpoint();
        void this.#checkBackend(signal);
      },
      { signal },
    );

    this.#showEndpoint();
    runAll.disabled = false;
    restart.disabled = false;
    this.#showStatus();
    void this.#checkBackend(signal, 'load');
  }

  disconnectedCallback(): void {
    this.#lifetime?.abort();
    this.#lifetime = null;
    // The notebook's cells are gone with it: end the worker and the sockets it holds.
    this.#kernel?.shutdown();
    this.#kernel = null;
  }

  /**
   * Runs every cell in order, each after the previous one's code has returned (its timers and
   * sockets keep going). An error does not stop the run, so every cell shows what it did.
   */
  async #runAll(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    part(this, 'run-all', HTMLButtonElement).disabled = true;
    try {
      for (const cell of this.querySelectorAll('apigw-notebook-cell')) {
        if (cell instanceof ApigwNotebookCell) await cell.run();
      }
    } finally {
      this.#running = false;
      const runAll = part(this, 'run-all', HTMLButtonElement);
      runAll.disabled = false;
    }
  }

  #showStatus(): void {
    const kernel = this.#kernel;
    if (kernel === null) return;
    const status = part(this, 'status', HTMLElement);
    status.textContent = this.#text.kernelStatus[kernel.status];
    status.dataset.status = kernel.status;
    const stopAll = part(this, 'stop-all', HTMLButtonElement);
    const anythingLive = [...this.#live.values()].some((count) => count > 0) || kernel.status === 'busy';
    if (document.activeElement === stopAll && !anythingLive) part(this, 'run-all', HTMLButtonElement).focus();
    stopAll.disabled = !anythingLive;
  }

  #showEndpoint(): void {
    part(this, 'endpoint', HTMLElement).textContent = currentEndpoint(this.dataset.defaultEndpoint ?? '');
  }

  /** Probes the endpoint over HTTP and shows the no-backend notice when nothing answers. As the page starts, only where a backend is expected. */
  async #checkBackend(signal: AbortSignal, when: 'load' | 'asked' = 'asked'): Promise<void> {
    const probe = ++this.#probeCount;
    const endpoint = currentEndpoint(this.dataset.defaultEndpoint ?? '');
    const answered = (await detectBackend(endpoint, signal, when)).kind !== 'none';
    if (signal.aborted || probe !== this.#probeCount) return;
    const notice = part(this, 'no-backend', HTMLElement);
    part(notice, 'no-backend-endpoint', HTMLElement).textContent = endpoint;
    notice.hidden = answered;
  }
}

customElements.define('apigw-notebook', ApigwNotebook);
