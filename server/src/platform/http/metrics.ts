import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * Set on the raw request of a reply the public site's fast path wrote from memory (cached public pages):
 * such requests are counted, not timed — the histogram cost a few per cent of an FAQ page's CPU time under
 * the benchmark, and a Map lookup plus one write has no duration worth a bucket.
 */
export const servedFromMemory = Symbol('madoguchi.servedFromMemory');

/** Prometheus metrics at /metrics: process defaults plus request counts and durations by route. */
export function installMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'madoguchi_' });
  const requests = new Counter({
    name: 'madoguchi_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'madoguchi_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL, so that ids do not explode the label set.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    if ((request.raw as unknown as Record<symbol, unknown>)[servedFromMemory]) return;
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
