// A forward proxy that sends every host name to the Mautic double, so the engines can load real
// registrable names (www.shop.example.com, m.shop.example.com) without DNS. Names under a
// top-level domain outside the Public Suffix List (.localhost, .test) are not enough: WebKitGTK
// then treats a frame on a sibling subdomain as third-party and ignores its cookie writes, which
// no real site sees. Plain http arrives in absolute form and is forwarded to the http listener;
// https arrives as CONNECT and is tunnelled to the https listener. Nothing leaves the machine.
import { createServer, request, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface Proxy {
  port: number;
  close(): Promise<void>;
}

export async function startProxy(target: { port: number; httpsPort: number }): Promise<Proxy> {
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://unused');
    const upstream = request(
      { host: '127.0.0.1', port: target.port, method: req.method, path: url.pathname + url.search, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  };
  const tunnels = new Set<Socket>();
  const tunnel = (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.add(client);
    client.on('close', () => tunnels.delete(client));
    const upstream = connect(target.httpsPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const end = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
  };
  const server: HttpServer = createServer(forward);
  server.on('connect', tunnel);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        for (const socket of tunnels) socket.destroy();
        server.close(() => done());
      }),
  };
}
