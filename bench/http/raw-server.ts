// The baseline of the HTTP benchmark: plain node:http serving, from memory, the exact bytes and headers the
// product answered for each page. Started as a child process by http-bench.ts with the path of a JSON file
// of captured responses; prints `listening <port>` once ready.
import fs from 'node:fs';
import http from 'node:http';

export interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}

const file = process.argv[2];
if (!file) throw new Error('usage: node bench/http/raw-server.ts <captured.json>');
const captured = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, CapturedResponse>;
const routes = new Map(
  Object.entries(captured).map(([url, r]) => {
    const body = Buffer.from(r.bodyBase64, 'base64');
    return [
      url,
      { status: r.status, headers: { ...r.headers, 'content-length': String(body.length) }, body },
    ];
  }),
);

const server = http.createServer((request, response) => {
  const route = routes.get(request.url ?? '');
  if (!route) {
    response.writeHead(404, { 'content-length': '0' });
    response.end();
    return;
  }
  response.writeHead(route.status, route.headers);
  response.end(route.body);
});
// Fastify's default, so that both servers keep idle connections alike.
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
