import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginAs, type TestApp } from '../../../testing/test-app.ts';
import { multipartFile } from '../faq-test-helpers.ts';
import { fingerprint } from './transfer-test-helpers.ts';

let t: TestApp;
let editor: Client;
let supervisor: Client;
let operator: Client;
let manager: Client;
const base = '/api/v1/centers/iwaki/faqs';

beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t.app, 'faq01');
  supervisor = await loginAs(t.app, 'sv01');
  operator = await loginAs(t.app, 'op02');
  manager = await loginAs(t.app, 'manager');
});
afterAll(async () => {
  await t?.close();
});

async function auditOf(action: string) {
  const response = await manager.get(`/api/v1/centers/iwaki/audit?action=${action}&limit=5`);
  expect(response.statusCode).toBe(200);
  return response.json().events as {
    action: string;
    category: string;
    actorLoginId: string;
    detail: Record<string, unknown>;
  }[];
}

describe('export', () => {
  it('sends UTF-8 CSV with BOM under a Japanese file name in RFC 5987 form, and audits the row count', async () => {
    const response = await supervisor.get(`${base}/export?format=csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const disposition = String(response.headers['content-disposition']);
    expect(disposition).toMatch(
      /^attachment; filename="faq-iwaki-\d{8}-\d{4}\.csv"; filename\*=UTF-8''[\w%.-]+$/,
    );
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toMatch(/^FAQ_いわき市総合コールセンター（デモ）_\d{8}-\d{4}\.csv$/);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = Number(response.headers['x-faq-rows']);
    expect(rows).toBeGreaterThan(100);
    const [event] = await auditOf('faq.export');
    expect(event).toMatchObject({
      category: 'export',
      actorLoginId: 'sv01',
      detail: { format: 'csv', encoding: 'utf8bom', rows },
    });
  });

  it('exports a filtered part as Shift_JIS CSV or as XLSX', async () => {
    const center = (await editor.get('/api/v1/centers/iwaki')).json();
    const departmentId = center.departments[0].id;
    const sjis = await editor.get(
      `${base}/export?format=csv&encoding=cp932&departmentId=${departmentId}&state=published`,
    );
    expect(sjis.statusCode).toBe(200);
    expect(sjis.headers['content-type']).toBe('text/csv; charset=shift_jis');
    const xlsx = await editor.get(`${base}/export?format=xlsx`);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(Number(sjis.headers['x-faq-rows'])).toBeLessThan(Number(xlsx.headers['x-faq-rows']));
    const [event] = await auditOf('faq.export');
    expect(event?.detail).toMatchObject({ format: 'xlsx', rows: Number(xlsx.headers['x-faq-rows']) });
  });

  it('refuses the export to operators and a bad format', async () => {
    expect((await operator.get(`${base}/export`)).statusCode).toBe(403);
    const bad = await editor.get(`${base}/export?format=pdf`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
  });
});

describe('import', () => {
  const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);

  it('previews a multipart upload and a raw text/csv body alike, writing nothing', async () => {
    const before = await fingerprint(t.database, 'iwaki');
    const file = csv(['faq_id,question,answer', 'NEW-1,新しい質問,新しい回答']);
    const upload = multipartFile('faq.csv', 'text/csv', file);
    const viaForm = await editor.request('POST', `${base}/import`, upload.body, upload.headers);
    expect(viaForm.statusCode, viaForm.body).toBe(200);
    const viaBody = await editor.request('POST', `${base}/import?apply=false`, file, {
      'content-type': 'text/csv',
    });
    expect(viaBody.json()).toEqual(viaForm.json());
    expect(viaForm.json()).toMatchObject({
      rows: [{ row: 2, faqId: 'NEW-1', action: 'add', changedFields: [], errors: [] }],
      counts: { add: 1 },
      canApply: true,
    });
    expect(await fingerprint(t.database, 'iwaki')).toEqual(before);
  });

  it('answers a refused apply with 400 and the preview, writing nothing', async () => {
    const before = await fingerprint(t.database, 'iwaki');
    const file = csv(['faq_id,question,answer,related_faqs', 'NEW-2,質問,回答,NO-SUCH-FAQ']);
    const response = await editor.request('POST', `${base}/import?apply=true`, file, {
      'content-type': 'text/csv',
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.preview.rows[0]).toMatchObject({
      row: 2,
      action: 'error',
      errors: [{ column: 'related_faqs', message: '関連FAQ「NO-SUCH-FAQ」というFAQ-IDのFAQはありません。' }],
    });
    expect(body.preview.canApply).toBe(false);
    expect(await fingerprint(t.database, 'iwaki')).toEqual(before);
  });

  it('applies a file and audits its SHA-256 and preview, not its content', async () => {
    const file = csv(['FAQ-ID,質問,回答', 'NEW-3,取り込みの質問,取り込みの回答']);
    const upload = multipartFile('追加分.csv', 'text/csv', file);
    const response = await editor.request('POST', `${base}/import?apply=true`, upload.body, upload.headers);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().counts).toMatchObject({ add: 1 });
    expect((await editor.get(`${base}/NEW-3`)).json().question).toBe('取り込みの質問');
    const [event] = await auditOf('faq.import_file');
    expect(event).toMatchObject({
      category: 'change',
      actorLoginId: 'faq01',
      detail: {
        sha256: createHash('sha256').update(file).digest('hex'),
        filename: '追加分.csv',
        format: 'csv',
        encoding: 'utf8bom',
        counts: { add: 1, change: 0, delete: 0, unchanged: 0, error: 0 },
        rows: [{ row: 2, faqId: 'NEW-3', action: 'add', changedFields: [] }],
      },
    });
    expect(JSON.stringify(event?.detail)).not.toContain('取り込みの回答');
  });

  it('accepts an XLSX body', async () => {
    const xlsx = (await editor.get(`${base}/export?format=xlsx`)).rawPayload;
    const response = await editor.request('POST', `${base}/import`, xlsx, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      counts: { add: 0, change: 0, delete: 0, error: 0 },
      canApply: true,
    });
  });

  it('refuses importers without the editor role, JSON bodies and files over 20 MB', async () => {
    const file = csv(['faq_id,question,answer', 'X,q,a']);
    for (const client of [supervisor, operator, manager])
      expect(
        (await client.request('POST', `${base}/import`, file, { 'content-type': 'text/csv' })).statusCode,
      ).toBe(403);
    const json = await editor.post(`${base}/import`, { rows: [] });
    expect(json.statusCode).toBe(415);
    const huge = Buffer.concat([file, Buffer.alloc(21 * 1024 * 1024, 0x61)]);
    const tooLarge = await editor.request('POST', `${base}/import`, huge, { 'content-type': 'text/csv' });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.code).toBe('payload_too_large');
  });
});
