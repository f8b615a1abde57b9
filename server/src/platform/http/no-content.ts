// The ending of every route that answers nothing: wait for the service, then 204 No Content.

/** Awaits `work` (a service call), then answers 204 with an empty body. */
export async function noContent<R extends { code(statusCode: number): { send(): unknown } }>(
  reply: R,
  work: Promise<unknown>,
): Promise<unknown> {
  await work;
  return reply.code(204).send();
}
