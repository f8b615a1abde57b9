// Helpers for FAQ tests (and the route × role table): a multipart upload body as a browser would send it.

/** A multipart/form-data body with one file part named `file`, and the content type header that goes with it. */
export function multipartFile(
  filename: string,
  contentType: string,
  content: Buffer | string,
): { body: Buffer; headers: Record<string, string> } {
  const boundary = '----madoguchi-test-boundary-7d1f';
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
    `Content-Type: ${contentType}\r\n\r\n`;
  const body = Buffer.concat([
    Buffer.from(head, 'utf8'),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The smallest valid PNG signature plus padding: enough for the magic-byte check. */
export const pngBytes = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
