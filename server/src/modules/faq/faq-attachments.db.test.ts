import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, loginAs, type TestApp } from '../../testing/test-app.ts';
import { MAX_ATTACHMENT_BYTES } from './attachment-types.ts';
import { multipartFile, pngBytes } from './faq-test-helpers.ts';

let t: TestApp;
let editor: Client;
let operator: Client;
const base = '/api/v1/centers/iwaki/faqs';

beforeAll(async () => {
  t = await createTestApp();
  editor = await loginAs(t.app, 'faq01');
  operator = await loginAs(t.app, 'op02');
  for (const faqId of ['AT-0001', 'AT-0002']) {
    const made = await editor.post(base, {
      faqId,
      question: '申請書の様式はありますか',
      answer: '添付をご覧ください。',
    });
    expect(made.statusCode).toBe(201);
  }
});
afterAll(async () => {
  await t?.close();
});

const upload = (client: Client, faqId: string, filename: string, type: string, content: Buffer | string) => {
  const file = multipartFile(filename, type, content);
  return client.request('POST', `${base}/${faqId}/attachments`, file.body, file.headers);
};

// The smallest bytes that pass for each kind.
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1');
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32, 7)]);
const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(32, 0)]);
const officeZip = (part: string) =>
  Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
    Buffer.alloc(26, 0),
    Buffer.from(`[Content_Types].xml....${part}document.xml....`, 'latin1'),
  ]);
// 「住民票,手数料」 in Shift_JIS, as Excel on Windows saves a CSV.
const sjisCsv = Buffer.from([
  0x8f, 0x5a, 0x96, 0xaf, 0x95, 0x5b, 0x2c, 0x8e, 0xe8, 0x90, 0x94, 0x97, 0xbf, 0x0d, 0x0a,
]);

describe('attachments', () => {
  it('accepts each allowed kind, proven by its bytes, and lists it on the FAQ', async () => {
    const accepted: [string, string, Buffer | string, string][] = [
      ['案内図.png', 'image/png', pngBytes, 'image/png'],
      ['申請書.pdf', 'application/pdf', pdf, 'application/pdf'],
      ['写真.jpg', 'image/jpeg', jpeg, 'image/jpeg'],
      ['地図.gif', 'image/gif', gif, 'image/gif'],
      [
        '様式.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        officeZip('word/'),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      [
        '料金表.xlsx',
        'application/octet-stream',
        officeZip('xl/'),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ],
      ['手数料.csv', 'application/vnd.ms-excel', sjisCsv, 'text/csv'],
      ['注意事項.txt', 'text/plain', '窓口は8時30分から開いています。\n', 'text/plain; charset=utf-8'],
    ];
    for (const [name, declared, content, stored] of accepted) {
      const response = await upload(editor, 'AT-0001', name, declared, content);
      expect(response.statusCode, `${name}: ${response.body}`).toBe(201);
      expect(response.json()).toMatchObject({ filename: name, contentType: stored });
    }
    const faq = (await editor.get(`${base}/AT-0001`)).json();
    // Listed in upload order; the test clock stands still, so compare as sets.
    expect(faq.attachments.map((a: { filename: string }) => a.filename).sort()).toEqual(
      accepted.map((a) => a[0]).sort(),
    );
  });

  it('refuses other kinds, and files whose bytes or declared type do not match the name', async () => {
    const refused: [string, string, Buffer | string][] = [
      ['setup.exe', 'application/octet-stream', Buffer.from('MZ\x90\x00', 'latin1')],
      ['page.html', 'text/html', '<script>alert(1)</script>'],
      ['申請書.pdf', 'application/pdf', '<html><script>alert(1)</script></html>'],
      ['写真.png', 'image/png', jpeg],
      ['様式.docx', 'application/octet-stream', officeZip('xl/')],
      ['archive.zip', 'application/zip', officeZip('word/')],
      ['data.csv', 'text/csv', pngBytes],
      ['image.png', 'text/html', pngBytes],
    ];
    for (const [name, declared, content] of refused) {
      const response = await upload(editor, 'AT-0002', name, declared, content);
      expect(response.statusCode, name).toBe(415);
      expect(response.json().error.code).toBe('unsupported_media_type');
    }
    expect((await editor.get(`${base}/AT-0002`)).json().attachments).toEqual([]);
  });

  it('limits a file to 10 MB and an FAQ to 10 files; only editors upload, before the file is read', async () => {
    const big = Buffer.concat([pngBytes, Buffer.alloc(MAX_ATTACHMENT_BYTES - pngBytes.length + 1, 0)]);
    const tooBig = await upload(editor, 'AT-0002', 'big.png', 'image/png', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.message).toContain('10MB');
    const justFits = big.subarray(0, MAX_ATTACHMENT_BYTES);
    expect((await upload(editor, 'AT-0002', 'fits.png', 'image/png', justFits)).statusCode).toBe(201);
    for (let i = 2; i <= 10; i++)
      expect((await upload(editor, 'AT-0002', `p${i}.png`, 'image/png', pngBytes)).statusCode).toBe(201);
    const eleventh = await upload(editor, 'AT-0002', 'p11.png', 'image/png', pngBytes);
    expect(eleventh.statusCode).toBe(409);
    expect(eleventh.json().error.message).toContain('10件まで');
    expect((await upload(operator, 'AT-0001', 'x.png', 'image/png', pngBytes)).statusCode).toBe(403);
    const notMultipart = await editor.post(`${base}/AT-0001/attachments`, { file: 'x' });
    expect(notMultipart.statusCode).toBe(415);
  });

  it('downloads with the stored type and an RFC 5987 file name, and logs the download as a view', async () => {
    const added = await upload(editor, 'AT-0001', '地図 本庁舎.png', 'image/png', pngBytes);
    expect(added.statusCode).toBe(201);
    const { id, filename } = added.json();
    expect(filename).toBe('地図 本庁舎.png');
    const response = await operator.get(`${base}/AT-0001/attachments/${id}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="__ ___.png"; filename*=UTF-8''${encodeURIComponent('地図 本庁舎.png')}`,
    );
    expect(response.rawPayload.equals(pngBytes)).toBe(true);
    const audit = await t.database.query<{ category: string; actor_login_id: string }>(
      "select category, actor_login_id from audit_events where action = 'faq.attachment.download' and target_id = $1",
      [id],
    );
    expect(audit).toEqual([{ category: 'view', actor_login_id: 'op02' }]);

    expect((await operator.delete(`${base}/AT-0001/attachments/${id}`)).statusCode).toBe(403);
    expect((await editor.delete(`${base}/AT-0001/attachments/${id}`)).statusCode).toBe(204);
    expect((await operator.get(`${base}/AT-0001/attachments/${id}`)).statusCode).toBe(404);
    const changes = await t.database.query<{ action: string }>(
      "select action from audit_events where action like 'faq.attachment.%' and detail->>'attachmentId' = $1 order by id",
      [id],
    );
    expect(changes.map((c) => c.action)).toEqual(['faq.attachment.create', 'faq.attachment.delete']);
  });

  it('keeps attachments of another FAQ or centre out of reach', async () => {
    const added = (await upload(editor, 'AT-0001', 'a.png', 'image/png', pngBytes)).json();
    expect((await operator.get(`${base}/AT-0002/attachments/${added.id}`)).statusCode).toBe(404);
    const admin = await loginAs(t.app, 'admin');
    expect((await admin.get(`/api/v1/centers/alkoo/faqs/AT-0001/attachments/${added.id}`)).statusCode).toBe(
      404,
    );
  });
});
