import { currentEndpoint, ENDPOINT_CHANGED_EVENT, saveEndpoint } from '../client/endpoint.ts';
import { isInPageEndpoint } from '../client/in-page-emulator.ts';
import { endpointKind, endpointNoteText } from './endpoint-note-text.ts';

/** <apigw-endpoint-note>: see EndpointNote.astro. */
class EndpointNote extends HTMLElement {
  #abort: AbortController | null = null;

  connectedCallback(): void {
    this.#abort = new AbortController();
    const { signal } = this.#abort;
    const defaultEndpoint = this.dataset.defaultEndpoint ?? '';
    const switchable = this.dataset.switchable === 'true';
    for (const name of ['use-in-page', 'use-local']) {
      this.querySelector<HTMLButtonElement>(`[data-part="${name}"]`)?.addEventListener(
        'click',
        (event) => saveEndpoint((event.currentTarget as HTMLButtonElement).dataset.endpoint ?? defaultEndpoint, defaultEndpoint),
        { signal },
      );
    }
    window.addEventListener(ENDPOINT_CHANGED_EVENT, (event) => this.#show((event as CustomEvent<string>).detail), { signal });
    this.#show(switchable ? currentEndpoint(defaultEndpoint) : defaultEndpoint);
  }

  disconnectedCallback(): void {
    this.#abort?.abort();
  }

  #show(endpoint: string): void {
    const lang = this.dataset.lang === 'en' ? 'en' : 'ja';
    const kind = endpointKind(endpoint, isInPageEndpoint);
    const note = this.querySelector<HTMLElement>('[data-part="note"]');
    if (note) {
      note.textContent = endpointNoteText[lang].kinds[kind];
      note.dataset.kind = kind;
    }
    const useInPage = this.querySelector<HTMLButtonElement>('[data-part="use-in-page"]');
    const useLocal = this.querySelector<HTMLButtonElement>('[data-part="use-local"]');
    if (useInPage) useInPage.hidden = kind === 'in-page';
    if (useLocal) useLocal.hidden = kind === 'local';
  }
}

customElements.define('apigw-endpoint-note', EndpointNote);
