// `madoguchi faq export|import` as child processes against the test engine (PGlite in a temporary data
// directory, or a fresh PostgreSQL database).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllCli, runCli } from '../../../testing/cli-process.ts';
import { createTestDatabase, type TestDatabase, testEngine } from '../../../testing/test-database.ts';

let env: Record<string, string>;
let pgDatabase: TestDatabase | null = null;
let dataDir: string | null = null;
let work: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-faq-cli-'));
  if (testEngine === 'postgres') {
    pgDatabase = await createTestDatabase();
    if (!pgDatabase.url) throw new Error('the PostgreSQL test database has no URL');
    env = { DATABASE_URL: pgDatabase.url };
  } else {
    dataDir = path.join(work, 'data');
    env = { MADOGUCHI_DATA_DIR: dataDir };
  }
});
afterAll(async () => {
  await killAllCli();
  await pgDatabase?.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(args, env, 80_000);
const T = 120_000;
const file = (name: string, content: string | Buffer) => {
  const target = path.join(work, name);
  fs.writeFileSync(target, content);
  return target;
};

describe(`madoguchi faq on ${testEngine}`, () => {
  it(
    'imports a file, exports it, and previews the export as unchanged',
    async () => {
      expect((await cli(['center', 'add', '--slug', 'cli-faq', '--name', 'CLI試験センター'])).code).toBe(0);
      const source = file(
        'source.csv',
        '\uFEFFFAQ-ID,質問,回答,公開\r\nC-1,住民票の写し,<p>市民課で</p>,公開\r\nC-2,-1から始まる質問,〜まで,非公開\r\n',
      );
      const preview = await cli(['faq', 'import', '--center', 'cli-faq', source]);
      expect(preview, preview.stderr).toMatchObject({ code: 0 });
      expect(preview.stdout).toContain('追加 2 / 変更 0 / 削除 0 / 変更なし 0 / エラー 0');
      expect(preview.stdout).toContain('--apply');

      const applied = await cli(['faq', 'import', '--center', 'cli-faq', source, '--apply']);
      expect(applied, applied.stderr).toMatchObject({ code: 0 });
      expect(applied.stdout).toMatch(/3\tC-2\t追加\t/);
      expect(applied.stdout).toContain('登録しました。');

      const out = path.join(work, 'export.csv');
      const exported = await cli([
        'faq',
        'export',
        '--center',
        'cli-faq',
        '--format',
        'csv',
        '--encoding',
        'cp932',
        '--out',
        out,
      ]);
      expect(exported, exported.stderr).toMatchObject({ code: 0, stdout: `exported 2 FAQs to ${out}\n` });
      expect(iconv.decode(fs.readFileSync(out), 'cp932')).toContain("C-2,'-1から始まる質問,<p>～まで</p>");

      const again = await cli(['faq', 'import', '--center', 'cli-faq', out, '--apply']);
      expect(again, again.stderr).toMatchObject({ code: 0 });
      expect(again.stdout).toContain('追加 0 / 変更 0 / 削除 0 / 変更なし 2 / エラー 0');
    },
    T,
  );

  it(
    'prints every problem and exits with 1 when the preview has errors, writing nothing',
    async () => {
      const broken = file(
        'broken.csv',
        'faq_id,question,answer,related_faqs\nC-1,住民票,回答,C-404\nC-9,,回答,\n',
      );
      for (const args of [[], ['--apply']]) {
        const result = await cli(['faq', 'import', '--center', 'cli-faq', broken, ...args]);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain(
          '2\tC-1\tエラー\trelated_faqs: 関連FAQ「C-404」というFAQ-IDのFAQはありません。',
        );
        expect(result.stdout).toContain('3\tC-9\tエラー\tquestion: 質問を入力してください');
        expect(result.stderr).toMatch(/^madoguchi: /);
      }
      const exported = await cli(['faq', 'export', '--center', 'cli-faq', '--out', '-']);
      expect(exported.stdout).toContain('C-1,住民票の写し,');
    },
    T,
  );

  it(
    'refuses a CP932 export that would lose characters, listing them',
    async () => {
      const add = file('ougai.csv', 'faq_id,question,answer\nC-3,森鷗外の記念館,𠮷野家の隣\n');
      expect((await cli(['faq', 'import', '--center', 'cli-faq', add, '--apply'])).code).toBe(0);
      const result = await cli([
        'faq',
        'export',
        '--center',
        'cli-faq',
        '--encoding',
        'cp932',
        '--out',
        path.join(work, 'never.csv'),
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('4行目\tC-3\t質問\t鷗');
      expect(result.stderr).toContain('4行目\tC-3\t回答\t𠮷');
      expect(result.stderr).toMatch(/madoguchi: Shift_JIS（CP932）では書き出せない文字が2か所/);
      expect(fs.existsSync(path.join(work, 'never.csv'))).toBe(false);
    },
    T,
  );
});
