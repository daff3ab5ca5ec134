/**
 * Adds a Copy button to every highlighted code block. The code stays plain, selectable text
 * without JavaScript; the button only saves a reader the selecting.
 */

export interface CopyWords {
  copy: string;
  copied: string;
  copyFailed: string;
}

export function addCopyButtons(words: CopyWords): void {
  for (const block of document.querySelectorAll<HTMLPreElement>('pre.astro-code')) {
    if (block.parentElement?.classList.contains('code-block')) continue;
    const wrapper = document.createElement('div');
    wrapper.className = 'code-block';
    block.replaceWith(wrapper);
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = words.copy;
    // Announces the result without moving focus.
    const status = document.createElement('span');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(block.innerText.trimEnd());
        button.textContent = words.copied;
        status.textContent = words.copied;
      } catch {
        button.textContent = words.copyFailed;
        status.textContent = words.copyFailed;
      }
      setTimeout(() => {
        button.textContent = words.copy;
        status.textContent = '';
      }, 2000);
    });
    wrapper.append(block, button, status);
  }
}
