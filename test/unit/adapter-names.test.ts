import { describe, expect, it } from 'vitest';
import { CMP_NAMES } from '../../src/config';
import { ADAPTERS } from '../../src/adapters/index';
// @ts-expect-error: the build config is plain ESM without types
import { ADAPTER_NAMES } from '../../rollup.config.mjs';

describe('consent-tool adapter names', () => {
  it('are the same in data-cmp validation, the adapter map and the build', () => {
    expect(Object.keys(ADAPTERS).sort()).toEqual([...CMP_NAMES].sort());
    expect([...ADAPTER_NAMES].sort()).toEqual([...CMP_NAMES].sort());
  });
});
