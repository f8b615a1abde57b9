import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceContext } from '../../modules/auth/actor.ts';
import type { ResolvedSession } from '../../modules/auth/auth.service.ts';

/** A Fastify instance whose route schemas are zod schemas. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The service context of this request: database, configuration, signed-in actor, origin. */
    ctx: ServiceContext;
    /** The staff session behind the cookie, or null. */
    staffSession: ResolvedSession | null;
  }
  interface FastifyInstance {
    /** Every route registered (method, URL pattern, access), in order. */
    routeList: { method: string; url: string; access: 'public' | 'session' }[];
  }
  interface FastifyContextConfig {
    /** `public`: no session needed (login, health). Every other /api route requires a signed-in user. */
    access?: 'public' | 'session';
  }
}
