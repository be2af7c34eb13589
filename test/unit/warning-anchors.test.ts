import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every `.ts` file under src/, with its text. */
const SOURCES = (readdirSync('src', { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(join('src', file), 'utf8') }));
const README = readFileSync('README.md', 'utf8');

/** The README anchors (`w-…`) the sources name: the minified core ends a warning with `see README#w-…`. */
const anchorsIn = (text: string) => [...text.matchAll(/(?:['"`]|README#)(w-[a-z-]+)['"`]/g)].map((m) => m[1]);
/** Anchors that README does not define as `<a id="…"></a>`. */
const missing = (anchors: string[], readme: string) => anchors.filter((anchor) => !readme.includes(`<a id="${anchor}"></a>`));

describe('warning anchors', () => {
  it('every anchor a warning prints is in README', () => {
    const anchors = SOURCES.flatMap(({ text }) => anchorsIn(text));
    // Positive control: the extraction finds the anchors (one per kind of warning of the core).
    expect(new Set(anchors).size).toBeGreaterThanOrEqual(17);
    expect(anchors).toContain('w-option');
    expect(missing(anchors, README)).toEqual([]);
    // Positive control: an anchor README lacks is found.
    expect(missing(['w-option', 'w-no-such-warning'], README)).toEqual(['w-no-such-warning']);
  });

  it('every warning with a short form names its anchor', () => {
    // A short form without an anchor would leave a site owner with a fragment and nowhere to read on.
    const bare = SOURCES.flatMap(({ file, text }) =>
      text
        .split('\n')
        .filter((line) => /warn\(.*FULL_TEXT \?/.test(line) && !anchorsIn(line).length)
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(bare).toEqual([]);
    // Positive control: such a line is found.
    expect(anchorsIn("warn('x', FULL_TEXT ? 'sentence' : 'facts', 'w-x');")).toEqual(['w-x']);
    expect(anchorsIn("warn('x', FULL_TEXT ? 'sentence' : 'facts');")).toEqual([]);
  });
});
