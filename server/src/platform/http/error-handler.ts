import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, errorBody, httpStatusOf } from './errors.ts';

/** One place turning every failure into `{ error: { code, message } }`; bad input is never a 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send(errorBody('not_found', `${request.method} ${request.url.split('?')[0]} はありません。`));
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.code(httpStatusOf[error.code]).send(errorBody(error.code, error.message, error.field));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0];
      const where = error.validationContext === 'body' ? '' : `${error.validationContext}.`;
      const path = issue?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
      const field = `${where}${path}`.replace(/\.$/, '') || undefined;
      const message = `${field ? `${field}: ` : ''}${issue?.message ?? '入力内容に誤りがあります。'}`;
      return reply.code(400).send(errorBody('validation_failed', message, field));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return reply.code(500).send(errorBody('internal', 'システムエラーが発生しました。'));
    }
    const status = error.statusCode ?? 500;
    if (status === 429)
      return reply
        .code(429)
        .send(errorBody('rate_limited', 'リクエストが多すぎます。しばらく待ってから再度お試しください。'));
    if (status === 413) return reply.code(413).send(errorBody('payload_too_large', 'データが大きすぎます。'));
    if (status === 415)
      return reply
        .code(415)
        .send(errorBody('unsupported_media_type', `対応していない形式です（${error.message}）。`));
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, empty body with a JSON content type, bad headers.
      return reply
        .code(400)
        .send(errorBody('bad_request', `リクエストの内容が正しくありません: ${error.message}`));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorBody('internal', 'システムエラーが発生しました。'));
  });
}
