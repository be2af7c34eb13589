// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('ESM entry without a DOM (server-side rendering)', () => {
  it('imports and creates an instance that does nothing and throws nothing', async () => {
    const { createConsent } = await import('../../src/index');
    const consent = createConsent({ mauticUrl: 'https://m.example.com' });
    expect(consent.state()).toMatchObject({ tracking: 'unset', source: 'default', signals: { gpc: false, dnt: false } });
    consent.track();
    consent.grant();
    expect(consent.state().tracking).toBe('granted');
    await expect(consent.revokeAndPurge()).resolves.toMatchObject({ deleted: [] });
    // The first import transforms the whole source, DOMPurify included: seconds on a busy machine.
  }, 30_000);
});
