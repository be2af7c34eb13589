import type { EmbedContext } from './context.js';

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf', 'application/zip': '.zip', 'text/plain': '.txt', 'text/csv': '.csv',
  'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif', 'video/mp4': '.mp4', 'audio/mpeg': '.mp3',
};

/**
 * Downloads a Mautic asset (`/asset/{id}:{alias}`) with `fetch` and credentials
 * omitted, so Mautic records the download without setting its cookie, and hands the file to the
 * browser from a blob URL. Mautic does not expose Content-Disposition through CORS, so the file is
 * named from the link's `download` attribute, else from the alias and the MIME type. When Mautic's
 * CORS allow-list does not include the site, the link opens as a plain link (README, "Assets").
 */
export async function downloadAsset(ctx: EmbedContext, link: Element, url: URL) {
  const device = ctx.identity(link);
  const params = Object.fromEntries(url.searchParams);
  if (device) params.mautic_device_id = device;
  try {
    const response = await ctx.transport.get(url.pathname.slice(ctx.basePath.length), params, true);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const blob = await response.blob();
    const { URL } = ctx.win;
    const save = ctx.doc.createElement('a');
    save.href = URL.createObjectURL(blob);
    save.download = link.getAttribute('download') || decodeURIComponent(url.pathname.split(':').pop()!) + (EXTENSIONS[blob.type.split(';')[0]] ?? '');
    save.hidden = true;
    ctx.doc.body.append(save);
    save.click();
    save.remove();
    ctx.win.setTimeout(() => URL.revokeObjectURL(save.href), 60_000);
  } catch (error) {
    ctx.warn('asset', `${url.href} could not be fetched without cookies (${error}); add this site to Mautic's CORS allow-list. Opening it as a plain link.`);
    ctx.win.location.assign(url.href);
  }
}

/** The Mautic asset a click on `link` asks for, or null when it is not one of the configured Mautic's. */
export function assetUrl(ctx: EmbedContext, link: HTMLAnchorElement): URL | null {
  try {
    const url = new URL(link.href, ctx.win.location.href);
    if (url.origin === ctx.origin && url.pathname.startsWith(`${ctx.basePath}/asset/`)) return url;
  } catch {
    // falls through to the warning
  }
  ctx.warn(`asset:${link.href}`, `data-mautic-asset link ${link.getAttribute('href')} is not an asset of ${ctx.mauticUrl}; it stays a plain link.`);
  return null;
}
