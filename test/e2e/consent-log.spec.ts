// Each decision reaches the example consent log, and the log proves it from its database, also
// after a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, enableGpc } from './fixtures';
import { sdkPage } from './support/pages';
// @ts-expect-error: plain ESM example without types
import { startReceiver } from '../../examples/consent-log/receiver.mjs';

test('decisions are logged as receipts without personal data, and the log proves them', async ({ page, context, server }) => {
  const dir = mkdtempSync(join(tmpdir(), 'consent-log-'));
  const file = join(dir, 'log.sqlite');
  let receiver = await startReceiver({ port: 0, file });
  try {
    await enableGpc(context);
    const logUrl = `http://127.0.0.1:${receiver.port}/receipts`;
    server.addPage('/shop.html', sdkPage('iife', { attrs: { 'data-consent-log-url': logUrl } }));
    await page.goto(server.url('www.shop.localhost', '/shop.html?email=ann%40example.com#x'));
    await page.waitForFunction(() => !!(window as any).MauticConsent?.state);
    await page.click('#grant');
    const { record } = await page.evaluate(() => (window as any).MauticConsent.state());
    const proof = async () => (await fetch(`${logUrl}/${record.id}`)).json();
    await expect.poll(async () => (await proof()).receipts?.length).toBe(1);
    await page.click('#deny');
    await expect.poll(async () => (await proof()).receipts?.length).toBe(2);

    await receiver.close();
    receiver = await startReceiver({ port: 0, file });
    const again = await (await fetch(`http://127.0.0.1:${receiver.port}/receipts/${record.id}`)).json();
    expect(again).toMatchObject({
      recordId: record.id,
      receipts: [
        { decision: 'granted', source: 'user', decidedAt: record.decidedAt, revision: 0, signals: { gpc: true, dnt: false }, page: server.url('www.shop.localhost', '/shop.html') },
        { decision: 'denied', source: 'user', decidedAt: record.decidedAt },
      ],
    });
    // Nothing personal: the query string (here an email address) never reaches the log.
    expect(JSON.stringify(again)).not.toContain('example.com');
    const bad = await fetch(`http://127.0.0.1:${receiver.port}/receipts`, { method: 'POST', body: '{"recordId":"x"}' });
    expect(bad.status).toBe(400);
  } finally {
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
