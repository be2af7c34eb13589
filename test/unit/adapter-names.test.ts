import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CMP_NAMES } from '../../src/adapters/names';
import * as esm from '../../src/index';

describe('consent-tool adapter names', () => {
  it('are one list: data-cmp validation, the script-tag entries the build finds, and the ESM follow functions', () => {
    const entries = readdirSync('src/entries/cmp').map((f) => f.replace(/\.ts$/, ''));
    expect(entries.sort()).toEqual([...CMP_NAMES].sort());
    expect(Object.keys(esm).filter((name) => name.startsWith('follow'))).toHaveLength(CMP_NAMES.length);
  });
});
