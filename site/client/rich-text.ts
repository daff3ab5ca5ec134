/**
 * Sentences with code in them (`route `whoami``), kept as data so that the server render and the
 * browser build the same markup, and so that text from the network can only ever become a text node.
 */

/** Plain strings and `{ code }` parts, rendered in order. */
export type Rich = readonly (string | { code: string })[];

/** Appends `rich` to `parent` as text nodes and <code> elements. */
export function appendRich(parent: Node, rich: Rich): void {
  for (const part of rich) {
    if (typeof part === 'string') {
      parent.appendChild(document.createTextNode(part));
    } else {
      const code = document.createElement('code');
      code.textContent = part.code;
      parent.appendChild(code);
    }
  }
}

/** `rich` as plain text, for accessible names and tests. */
export function richToString(rich: Rich): string {
  return rich.map((part) => (typeof part === 'string' ? part : part.code)).join('');
}
