#!/usr/bin/env node
// `npm start`: the demo shop and a local stand-in for a Mautic server, on loopback only.
//   website  http://www.shop.localhost:PORT/   (the SDK, consent buttons, live cookies/storage)
//   Mautic   http://m.shop.localhost:PORT/     (the test double: /mtc/event, /mtracking.gif, …)
// Browsers resolve *.localhost to 127.0.0.1 by themselves; no hosts file is needed.
import { readFileSync } from 'node:fs';
import { startServer } from '../test/mautic-double/server.mjs';

const port = Number(process.env.PORT ?? 8080);
let server;
try {
  server = await startServer({ port });
} catch (error) {
  console.error(`Could not listen on 127.0.0.1:${port} (${error.code ?? error.message}). Try PORT=8081 npm start.`);
  process.exit(1);
}
const demo = readFileSync(new URL('./demo.html', import.meta.url), 'utf8');
server.addPage('/', demo);
server.addPage('/demo.html', demo);
// The same demo with the purge page that an admin uploads to Mautic (the double serves it at
// /media/files/mautic-purge.html): a purge then also deletes the cookies Mautic set on its own host.
server.addPage(
  '/demo-purge-page.html',
  demo.replace('data-mautic-url="{{MAUTIC}}"', 'data-mautic-url="{{MAUTIC}}" data-purge-page="{{MAUTIC}}/media/files/mautic-purge.html"'),
);

console.log(`mautic-consent demo
  shop:   ${server.url('www.shop.localhost', '/')}
  Mautic: ${server.url('m.shop.localhost', '/')} (test double; its request log is shown on the page)
Press Ctrl+C to stop.`);
process.on('SIGINT', async () => {
  await server.close();
  process.exit(0);
});
