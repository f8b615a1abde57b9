import fastifyMultipart from '@fastify/multipart';
import {
  errorBodySchema,
  faqImportPreviewSchema,
  publicationStateSchema,
  slugSchema,
} from '@madoguchi/contracts';
import { z } from 'zod';
import { AppError, errorBody } from '../../../platform/http/errors.ts';
import type { Api } from '../../../platform/http/types.ts';
import { authorizeFaqImport, exportFaqs, FaqImportRefused, importFaqs } from './faq-transfer.service.ts';
import { XLSX_CONTENT_TYPE } from './sheet.ts';

/** The largest file an import accepts (seed 004's FAQ database is a few thousand rows: a few MB). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const tags = ['faq'];
const center = z.object({ center: slugSchema });
const base = '/api/v1/centers/:center/faqs';

const exportQuery = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  encoding: z.enum(['utf8bom', 'cp932']).default('utf8bom'),
  categoryId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  state: publicationStateSchema.optional(),
});
const importQuery = z.object({ apply: z.enum(['true', 'false']).default('false') });
/** A refused apply: the error, and the preview that says which rows and columns stopped it. */
const refusedSchema = errorBodySchema.extend({ preview: faqImportPreviewSchema.optional() });

/** `attachment` with an ASCII fallback and the real (Japanese) name in RFC 5987 form. */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

/** FAQ export and import as CSV or Excel (seed 004 第2-8(1)ア(ｴ)); see docs/formats/faq-csv.md. */
export function faqTransferRoutes(app: Api) {
  app.get(
    `${base}/export`,
    {
      schema: {
        tags,
        summary: 'FAQの書き出し（CSV: UTF-8 BOM付き／Shift_JIS、またはExcel）',
        params: center,
        querystring: exportQuery,
        produces: ['text/csv', XLSX_CONTENT_TYPE],
      },
    },
    async (r, reply) => {
      const file = await exportFaqs(r.ctx, r.params.center, r.query);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentDisposition(file.filename, file.asciiFilename))
        .header('cache-control', 'private, no-store')
        .header('x-faq-rows', String(file.rows))
        .send(file.body);
    },
  );

  // The upload may be 20 MB, as multipart or as the raw file; the rest of the API keeps its 1 MB limit.
  app.register(async (scope: Api) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, parts: 6 },
    });
    for (const type of ['text/csv', 'application/csv', XLSX_CONTENT_TYPE, 'application/octet-stream'])
      scope.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
        (_request, body, done) => done(null, body),
      );
    scope.post(
      `${base}/import`,
      {
        bodyLimit: MAX_IMPORT_BYTES,
        schema: {
          tags,
          summary:
            'FAQの取り込み（apply=false: プレビュー、apply=true: 全件を1つのトランザクションで登録。問題があれば何も登録せず 400／409 とプレビュー）',
          consumes: ['multipart/form-data', 'text/csv', XLSX_CONTENT_TYPE],
          params: center,
          querystring: importQuery,
          response: { 200: faqImportPreviewSchema, 400: refusedSchema, 409: refusedSchema },
        },
      },
      async (r, reply) => {
        // The right to import is checked before a byte of the file is read.
        await authorizeFaqImport(r.ctx, r.params.center);
        let bytes: Buffer;
        let filename: string | undefined;
        if (r.isMultipart()) {
          const part = await r.file();
          if (part?.fieldname !== 'file')
            throw new AppError('validation_failed', 'file: ファイルを「file」として送ってください。', 'file');
          try {
            bytes = await part.toBuffer();
          } catch (error) {
            if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
              throw new AppError('payload_too_large', '取り込めるファイルは20MBまでです。');
            throw error;
          }
          filename = part.filename;
        } else if (Buffer.isBuffer(r.body)) bytes = r.body;
        else
          throw new AppError(
            'unsupported_media_type',
            'ファイルは multipart/form-data の file か、text/csv・xlsx の本文で送ってください。',
          );
        try {
          return await importFaqs(r.ctx, r.params.center, bytes, {
            apply: r.query.apply === 'true',
            filename,
          });
        } catch (error) {
          if (!(error instanceof FaqImportRefused)) throw error;
          // The preview travels with the error, so the console can show every row that stopped the import.
          return reply
            .code(error.code === 'conflict' ? 409 : 400)
            .send({ ...errorBody(error.code, error.message), preview: error.preview });
        }
      },
    );
  });
}
