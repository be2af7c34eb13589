import { describe, expect, it } from 'vitest';
import { addCss } from '../../src/page/style';

/** A fresh document of the test window, with or without constructable stylesheets. */
function freshDocument(adopt: boolean) {
  const doc = document.implementation.createHTMLDocument('t');
  Object.defineProperty(doc, 'defaultView', { value: window });
  if (!adopt) Object.defineProperty(doc, 'adoptedStyleSheets', { value: undefined });
  return doc;
}

describe('addCss', () => {
  it('adopts a stylesheet where the browser can, once per text', () => {
    const doc = freshDocument(true);
    expect(Array.isArray(doc.adoptedStyleSheets)).toBe(true);
    addCss(doc, '.a{color:red}', 'n0nce');
    addCss(doc, '.a{color:red}', 'n0nce');
    expect(doc.adoptedStyleSheets).toHaveLength(1);
    expect(doc.querySelectorAll('style')).toHaveLength(0);
  });

  it('falls back to a <style> with the nonce and id, once per text', () => {
    const doc = freshDocument(false);
    addCss(doc, '.b{color:blue}', 'n0nce', 'my-id');
    addCss(doc, '.b{color:blue}', 'n0nce', 'my-id');
    addCss(doc, '.c{color:green}');
    const styles = [...doc.querySelectorAll('style')];
    expect(styles).toHaveLength(2);
    expect(styles[0].id).toBe('my-id');
    expect(styles[0].nonce).toBe('n0nce');
    expect(styles[0].textContent).toBe('.b{color:blue}');
    expect(styles[1].nonce || '').toBe('');
  });
});
