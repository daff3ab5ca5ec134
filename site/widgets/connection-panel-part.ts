/** The element a connection panel marks `data-part="name"`, of the expected type; a missing part is a markup bug, so it throws. */
export function part<T extends Element>(root: ParentNode, name: string, type: { new (): T; prototype: T }): T {
  const element = root.querySelector(`[data-part="${name}"]`);
  if (!(element instanceof type)) throw new Error(`<apigw-connection-panel> has no ${type.name} [data-part="${name}"]`);
  return element;
}
