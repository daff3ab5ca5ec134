import type { Segment } from './json-view.ts';

/**
 * The browser's twin of components/JsonView.astro: `<pre class="json-view"><code>` with marked
 * fields in <mark>. Every segment goes in as a text node, so nothing in the JSON is ever parsed as HTML.
 */
export function jsonViewElement(segments: readonly Segment[]): HTMLPreElement {
  const pre = document.createElement('pre');
  pre.className = 'json-view';
  const code = document.createElement('code');
  for (const segment of segments) {
    if (segment.mark === undefined) {
      code.appendChild(document.createTextNode(segment.text));
    } else {
      const mark = document.createElement('mark');
      mark.dataset.field = segment.mark;
      mark.textContent = segment.text;
      code.appendChild(mark);
    }
  }
  pre.appendChild(code);
  return pre;
}
