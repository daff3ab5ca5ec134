/**
 * <apigw-knowledge-check>: checks the reader's choice in place and, when it is right, tells the
 * progress store that this lesson's check was passed.
 */
import { ui, type Lang } from '../lib/i18n.ts';
import { CHECK_PASSED_EVENT } from '../client/progress.ts';

class ApigwKnowledgeCheck extends HTMLElement {
  connectedCallback(): void {
    const submit = this.querySelector<HTMLButtonElement>('[data-part="submit"]');
    if (submit) submit.hidden = false;
    this.querySelector('[data-part="form"]')?.addEventListener('submit', this.check);
  }

  disconnectedCallback(): void {
    this.querySelector('[data-part="form"]')?.removeEventListener('submit', this.check);
  }

  private check = (event: Event): void => {
    event.preventDefault();
    const text = ui[(this.dataset.lang as Lang) ?? 'ja'].check;
    const result = this.querySelector<HTMLElement>('[data-part="result"]');
    const choices = [...this.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    const chosen = choices.find((choice) => choice.checked);
    if (!result) return;
    if (!chosen) {
      result.textContent = text.chooseFirst;
      result.dataset.outcome = 'none';
      return;
    }
    const why = this.querySelectorAll<HTMLElement>('[data-part="why"]')[Number(chosen.value)]?.textContent ?? '';
    const correct = chosen.dataset.correct === 'true';
    result.textContent = `${correct ? text.correct : text.incorrect} ${why}`;
    result.dataset.outcome = correct ? 'correct' : 'incorrect';
    if (correct) this.dispatchEvent(new CustomEvent(CHECK_PASSED_EVENT, { bubbles: true }));
  };
}

customElements.define('apigw-knowledge-check', ApigwKnowledgeCheck);
