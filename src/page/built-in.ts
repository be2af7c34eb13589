/**
 * `doc`'s own `key`, read from its prototype chain: an `<img>`, `<form>`, `<iframe>`, `<embed>` or
 * `<object>` whose name is a member of `document` (`<img name="createElement">`, `<img name="body">`
 * in a comment on the page) replaces that member on the document itself (HTML: Document is
 * [LegacyOverrideBuiltIns]). What a refusal or a purge needs must not depend on what the page holds.
 */
export function builtIn<K extends keyof Document>(doc: Document, key: K): Document[K] {
  let proto = Object.getPrototypeOf(doc);
  let d: PropertyDescriptor | undefined;
  while (proto && !(d = Object.getOwnPropertyDescriptor(proto, key))) proto = Object.getPrototypeOf(proto);
  if (!d) return doc[key];
  return d.get ? d.get.call(doc) : typeof d.value === 'function' ? d.value.bind(doc) : d.value;
}
