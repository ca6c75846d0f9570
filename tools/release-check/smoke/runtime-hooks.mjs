// Module resolve hook (runs on Node's loader thread): reports where each package's `#runtime` import
// resolved, so the smoke can say which backend file Node picked, not only which entry it loaded.
let port

export function initialize(data) {
  port = data.port
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context)
  if (specifier === '#runtime') port.postMessage(resolved.url)
  return resolved
}
