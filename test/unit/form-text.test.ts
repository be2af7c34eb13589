import { describe, expect, it } from 'vitest';
import { showText } from '../../src/embeds/form-kit';
import { prefill } from '../../src/embeds/form-prefill';

describe('showText (Mautic messages as text)', () => {
  const shown = (message: string) => {
    const el = document.createElement('span');
    el.innerHTML = '<b>old</b>';
    showText(el, message);
    return { text: el.textContent, html: el.innerHTML, tags: [...el.children].map((c) => c.tagName) };
  };

  it.each([
    ['That is not the answer to &quot;What is 2 + 3?&quot;', 'That is not the answer to "What is 2 + 3?"'],
    ['O&#039;Brien &amp; co &#x263A; &nbsp;!', "O'Brien & co \u263a \u00a0!"],
    ['&lt;img src=x onerror=alert(1)&gt;', '<img src=x onerror=alert(1)>'],
    ['unknown &bogus; &#0; stays', 'unknown &bogus; &#0; stays'],
    ['<img src=x onerror="alert(1)">gone <i>tags</i>', 'gone tags'],
  ])('%s', (message, text) => {
    const out = shown(message);
    expect(out.text).toBe(text);
    expect(out.tags).toEqual([]);
  });

  it("keeps Mautic's <br /> line breaks as <br> elements and nothing else", () => {
    expect(shown('one<br />two<BR>three')).toEqual({ text: 'onetwothree', html: 'one<br>two<br>three', tags: ['BR', 'BR'] });
  });
});

describe('prefill (as Mautic does from the query string)', () => {
  it('fills empty, non-hidden fields with tags removed; leaves filled and hidden ones', () => {
    const form = document.createElement('form');
    form.innerHTML = `<input name="mauticform[email]"><input name="mauticform[name]" value="kept">
      <input type="hidden" name="mauticform[source]" value=""><textarea name="mauticform[note]"></textarea><input name="other">`;
    prefill(form, '?email=a%40b.co&name=x&source=evil&note=%3Cb%3Ehi%3C%2Fb%3E&other=y');
    const value = (name: string) => (form.querySelector(`[name="${name}"]`) as HTMLInputElement).value;
    expect([value('mauticform[email]'), value('mauticform[name]'), value('mauticform[source]'), value('mauticform[note]'), value('other')]).toEqual(['a@b.co', 'kept', '', 'hi', '']);
  });
});
