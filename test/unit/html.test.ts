import { describe, expect, it } from 'vitest';
import { inertFragment } from '../../src/embeds/html';

const clean = (html: string) => {
  const holder = document.createElement('div');
  holder.append(inertFragment(document, html));
  return holder.innerHTML;
};

describe('inertFragment', () => {
  it.each([
    ['<img src="x" onerror="alert(1)">', '<img src="x">'],
    ['<div ONCLICK = "x" id="a">t</div>', '<div id="a">t</div>'],
    // A ">" inside a quoted value hides the handler from the text pre-pass; the DOM pass still removes it.
    ['<div title="a>b" onclick="x">t</div>', '<div title="a>b">t</div>'],
    ['<a href=" javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<form action="javascript:x"><button formaction="javascript:y">b</button></form>', '<form><button>b</button></form>'],
    ['<p>ok</p><script>alert(1)</script>', '<p>ok</p>'],
    ['<iframe srcdoc="<script>alert(1)</script>"></iframe><object data="x"></object><embed src="x">', ''],
    ['<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=x"><link rel="import" href="x">', ''],
  ])('%s', (input, output) => {
    expect(clean(input)).toBe(output);
  });

  it('removes scripts and javascript: links inside SVG', () => {
    expect(clean('<svg><script>alert(1)</script><a xlink:href="javascript:x">s</a></svg>')).not.toMatch(/script|javascript:/i);
  });

  it('adds a <style> block to the document as a stylesheet, once, not as markup', () => {
    const before = document.adoptedStyleSheets.length + document.querySelectorAll('style').length;
    expect(clean('<style>.a-unit{color:red}</style><p>t</p>')).toBe('<p>t</p>');
    expect(clean('<style type="text/css" scoped>.a-unit{color:red}</style><p>u</p>')).toBe('<p>u</p>');
    expect(document.adoptedStyleSheets.length + document.querySelectorAll('style').length).toBe(before + 1);
  });

  it('applies style attributes through the CSSOM, wherever the text pass finds them', () => {
    expect(clean('<span style="display:none">a</span>')).toBe('<span style="display: none;">a</span>');
    expect(clean('<span title="a>b" style="display:none">a</span>')).toBe('<span title="a>b" style="display: none;">a</span>');
  });

  it('leaves attribute values that merely contain a handler or style alone', () => {
    expect(clean('<p title="x onclick=y style=z">t</p>')).toBe('<p title="x onclick=y style=z">t</p>');
  });

  it('leaves text that merely looks like a handler alone', () => {
    expect(clean('<p>the onboarding = simple</p>')).toBe('<p>the onboarding = simple</p>');
  });
});
