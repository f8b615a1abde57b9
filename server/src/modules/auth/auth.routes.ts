import {
  loginRequestSchema,
  passwordChangeSchema,
  passwordConfirmSchema,
  sessionSchema,
  totpCodeSchema,
  totpSetupSchema,
} from '@madoguchi/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.ts';
import { noContent } from '../../platform/http/no-content.ts';
import { sharedRateLimit } from '../../platform/http/rate-limit-store.ts';
import type { Api } from '../../platform/http/types.ts';
import {
  changePassword,
  describeSession,
  disableTotp,
  enableTotp,
  login,
  logout,
  type ResolvedSession,
  SESSION_COOKIE,
  setupTotp,
} from './auth.service.ts';

const tags = ['auth'];

function sessionOf(request: FastifyRequest): ResolvedSession {
  if (!request.staffSession) throw new AppError('unauthenticated');
  return request.staffSession;
}

function cookieOptions(request: FastifyRequest) {
  const publicUrl = request.ctx.config.PUBLIC_URL;
  const secure = request.protocol === 'https' || Boolean(publicUrl?.startsWith('https:'));
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
}

function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

export function authRoutes(app: Api) {
  app.post(
    '/api/v1/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: sharedRateLimit('login', {
          max: (request) => request.ctx.config.LOGIN_RATE_LIMIT_PER_MINUTE,
          timeWindow: '1 minute',
        }),
      },
      schema: { tags, summary: 'ログイン', body: loginRequestSchema, response: { 200: sessionSchema } },
    },
    async (request, reply) => {
      const result = await login(request.ctx, request.body);
      reply.setCookie(SESSION_COOKIE, result.token, {
        ...cookieOptions(request),
        maxAge: result.maxAgeSeconds,
      });
      return result.session;
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags, summary: 'ログアウト' } }, async (request, reply) => {
    await logout(request.ctx, sessionOf(request));
    clearSessionCookie(request, reply);
    return reply.code(204).send();
  });

  app.get(
    '/api/v1/auth/session',
    { schema: { tags, summary: 'ログイン中のセッション', response: { 200: sessionSchema } } },
    async (request) => {
      const s = sessionOf(request);
      return describeSession(request.ctx, s.user, s.actor, s.csrfToken);
    },
  );

  app.post(
    '/api/v1/auth/password',
    { schema: { tags, summary: 'パスワード変更', body: passwordChangeSchema } },
    (request, reply) => noContent(reply, changePassword(request.ctx, sessionOf(request), request.body)),
  );

  app.post(
    '/api/v1/auth/totp/setup',
    { schema: { tags, summary: '二要素認証の設定開始', response: { 200: totpSetupSchema } } },
    async (request) => setupTotp(request.ctx, sessionOf(request)),
  );

  app.post(
    '/api/v1/auth/totp/enable',
    { schema: { tags, summary: '二要素認証を有効にする', body: totpCodeSchema } },
    (request, reply) => noContent(reply, enableTotp(request.ctx, sessionOf(request), request.body.code)),
  );

  app.post(
    '/api/v1/auth/totp/disable',
    { schema: { tags, summary: '二要素認証を無効にする', body: passwordConfirmSchema } },
    (request, reply) => noContent(reply, disableTotp(request.ctx, sessionOf(request), request.body.password)),
  );
}
