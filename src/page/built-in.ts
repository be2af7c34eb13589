/**
 * `doc`'s own `key`, read from its prototype chain: an `<img>`, `<form>`, `<iframe>`, `<embed>` or
 * `<object>` whose name is a member of `document` (`<img name="createElement">`, `<img name="body">`
 * in a comment on the page) replaces that member on the document itself (HTML: Document is
 * [LegacyOverrideBuiltIns]). What a refusal or a purge needs must not depend on what the page holds.
 */
export function builtIn<K extends keyof Document>(doc: Document, key: K): Document[K] {
  // Looked up from the prototype with the document as receiver: a getter runs on the document, and
  // an own property the page put on `document` is never reached.
  const proto = Object.getPrototypeOf(doc);
  const value = proto ? Reflect.get(proto, key, doc) : doc[key];
  return typeof value === 'function' ? value.bind(doc) : value;
}
