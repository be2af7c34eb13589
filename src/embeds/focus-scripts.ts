import type { EmbedContext } from './context.js';

/** One focus script to run, and whether it is Mautic's tracking layer. */
interface FocusScript {
  readonly path: string;
  readonly code: string;
  readonly tracking: boolean;
}

/** The script at `path`, or an error when the server does not serve one there. */
async function script(ctx: EmbedContext, path: string, params: Record<string, string>, essential: boolean) {
  const response = await ctx.transport.get(path, params, essential);
  if (!response.ok || !/javascript/i.test(response.headers.get('Content-Type') ?? '')) throw new Error(`no script at ${path}`);
  return response.text();
}

/**
 * The scripts that show focus item `id`, in the order to run them, fetched without credentials.
 * Where Mautic serves the split focus scripts (README "Mautic versions"): `display.js`, which shows
 * the item with no statistics, identity or personalisation, then, with consent and outside kiosk
 * mode, `tracking.js` with the device id: Mautic's own way to add tracking to a displayed item.
 * Elsewhere the combined `/focus/{id}.js`, as every Mautic version serves it. With `focusScripts:
 * 'auto'` the first item's combined script tells: on a server with the split it carries their
 * runtime (`window.MauticFocusItems`) and would load `tracking.js` by itself, with Mautic-host
 * cookies, so there it is never run.
 */
export async function fetchFocusScripts(ctx: EmbedContext, id: string, kiosk: boolean): Promise<FocusScript[]> {
  const device = kiosk ? undefined : ctx.identity(null);
  let known = ctx.focusScripts === 'split' || ctx.focusSplit;
  if (!known) {
    const path = `/focus/${id}.js`;
    const response = await ctx.transport.get(path, device ? { mautic_device_id: device } : {}, kiosk);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const code = await response.text();
    known = ctx.focusSplit ??= code.includes('MauticFocusItems');
    if (!known) {
      ctx.debug(`focus-path:${id}`, `focus ${id}: combined script ${path} (no split focus scripts on the server).`);
      return [{ path, code, tracking: false }];
    }
  }
  const scripts: FocusScript[] = [{ path: `/focus/${id}/display.js`, code: '', tracking: false }];
  if (!kiosk && ctx.granted()) scripts.push({ path: `/focus/${id}/tracking.js`, code: '', tracking: true });
  const out = await Promise.all(
    scripts.map(async (s) => ({ ...s, code: await script(ctx, s.path, s.tracking && device ? { mautic_device_id: device } : {}, !s.tracking) })),
  );
  ctx.debug(`focus-path:${id}`, `focus ${id}: split scripts, ${scripts.map((s) => s.path).join(' + ')}${kiosk ? ' (kiosk: never tracked)' : ''}.`);
  return out;
}
