import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/config.ts';
import { resolveSession, SESSION_COOKIE } from '../../modules/auth/auth.service.ts';
import type { Database } from '../db/database.ts';
import { AppError } from './errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Builds each request's service context and enforces the session rules for /api: a signed-in user on every
 * route not marked public, and the CSRF token (synchroniser token in the `x-csrf-token` header) on every
 * state-changing request made with a session cookie.
 */
export function installSessionHook(
  app: FastifyInstance,
  deps: { database: Database; config: Config; now: () => Date },
) {
  app.decorateRequest('ctx', null as never);
  app.decorateRequest('staffSession', null);
  app.addHook('onRequest', async (request) => {
    request.ctx = {
      database: deps.database,
      config: deps.config,
      actor: null,
      meta: { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null },
      now: deps.now,
    };
    // Unknown paths fall through to the 404 handler, whoever asks.
    if (!request.url.startsWith('/api/') || request.routeOptions.url === undefined) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const resolved = await resolveSession(request.ctx, token);
      if (resolved) {
        request.staffSession = resolved;
        request.ctx.actor = resolved.actor;
      }
    }
    const access = request.routeOptions.config.access ?? 'session';
    if (access === 'public') return;
    if (!request.staffSession) throw new AppError('unauthenticated');
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, request.staffSession.csrfToken)) {
        throw new AppError('csrf_failed');
      }
    }
  });
}
