import fs from 'node:fs';
import path from 'node:path';
import { type FaqImportPreview, publicationStateSchema } from '@madoguchi/contracts';
import { type Command, Option } from 'commander';
import { type Config, loadConfig } from '../config/config.ts';
import type { ServiceContext } from '../modules/auth/actor.ts';
import {
  Cp932ExportRefused,
  exportFaqs,
  FaqImportRefused,
  importFaqs,
  type TransferProgress,
} from '../modules/faq/transfer/faq-transfer.service.ts';
import { AppError } from '../platform/http/errors.ts';

/** What main.ts lends the FAQ commands: its database wrapper and progress bar. */
export interface FaqCommandHelpers {
  withDatabase<T>(config: Config, fn: (ctx: ServiceContext) => Promise<T>): Promise<T>;
  progressBar(): TransferProgress;
}

const actionLabels: Record<FaqImportPreview['rows'][number]['action'], string> = {
  add: '追加',
  change: '変更',
  delete: '削除',
  unchanged: '変更なし',
  error: 'エラー',
};

// Enough rows to see what a file does; errors are always listed in full.
const LISTED_ROWS = 200;

/** The preview as a summary line and a table of the rows that do something (or fail). */
export function formatPreview(preview: FaqImportPreview): string {
  const lines: string[] = [];
  const c = preview.counts;
  lines.push(
    `追加 ${c.add} / 変更 ${c.change} / 削除 ${c.delete} / 変更なし ${c.unchanged} / エラー ${c.error + preview.fileErrors.length}`,
  );
  for (const message of preview.fileErrors) lines.push(`ファイル: ${message}`);
  const errors = preview.rows.filter((r) => r.action === 'error');
  const others = preview.rows.filter((r) => r.action !== 'error' && r.action !== 'unchanged');
  const shown = [...errors, ...others.slice(0, LISTED_ROWS)].sort((a, b) => a.row - b.row);
  if (shown.length) lines.push(['行', 'FAQ-ID', '結果', '内容'].join('\t'));
  for (const r of shown) {
    const detail =
      r.action === 'error'
        ? r.errors.map((e) => (e.column ? `${e.column}: ${e.message}` : e.message)).join(' / ')
        : r.changedFields.join(', ');
    lines.push([r.row, r.faqId ?? '（新規採番）', actionLabels[r.action], detail].join('\t'));
  }
  if (others.length > LISTED_ROWS) lines.push(`…ほか${others.length - LISTED_ROWS}行`);
  return `${lines.join('\n')}\n`;
}

/** `madoguchi faq export|import`: the CSV / Excel round trip of issue 3 from the command line. */
export function registerFaqCommands(program: Command, helpers: FaqCommandHelpers): void {
  const faq = program.command('faq').description('FAQを書き出す・取り込む（CSV／Excel）');

  faq
    .command('export')
    .description('FAQをCSVまたはExcelに書き出す（docs/formats/faq-csv.md）')
    .requiredOption('--center <slug>', 'センターのスラッグ')
    .addOption(new Option('--format <format>', '形式').choices(['csv', 'xlsx']).default('csv'))
    .addOption(
      new Option('--encoding <encoding>', 'CSVの文字コード').choices(['utf8bom', 'cp932']).default('utf8bom'),
    )
    .option('--category <id>', 'このカテゴリ（uuid）のFAQだけ')
    .option('--department <id>', 'この所管課（uuid）のFAQだけ')
    .addOption(new Option('--state <state>', 'この公開状態のFAQだけ').choices(publicationStateSchema.options))
    .requiredOption('--out <file>', '書き出すファイル（- で標準出力）')
    .action(
      async (opts: {
        center: string;
        format: 'csv' | 'xlsx';
        encoding: 'utf8bom' | 'cp932';
        category?: string;
        department?: string;
        state?: (typeof publicationStateSchema.options)[number];
        out: string;
      }) => {
        const config = loadConfig();
        let file: Awaited<ReturnType<typeof exportFaqs>>;
        try {
          file = await helpers.withDatabase(config, (ctx) =>
            exportFaqs(ctx, opts.center, {
              format: opts.format,
              encoding: opts.encoding,
              categoryId: opts.category,
              departmentId: opts.department,
              state: opts.state,
            }),
          );
        } catch (error) {
          if (!(error instanceof Cp932ExportRefused)) throw error;
          for (const p of error.problems)
            process.stderr.write(`${p.row}行目\t${p.faqId}\t${p.column}\t${p.characters.join(' ')}\n`);
          throw new AppError(
            'validation_failed',
            `Shift_JIS（CP932）では書き出せない文字が${error.problems.length}か所にあります（上の一覧）。` +
              '--encoding utf8bom で書き出すか、文字を置き換えてください。',
          );
        }
        if (opts.out === '-') process.stdout.write(file.body);
        else {
          fs.writeFileSync(opts.out, file.body);
          process.stdout.write(`exported ${file.rows} FAQs to ${opts.out}\n`);
        }
      },
    );

  faq
    .command('import')
    .description('CSVまたはExcelのFAQを取り込む（--apply なしはプレビューのみ。エラーがあれば終了コード1）')
    .requiredOption('--center <slug>', 'センターのスラッグ')
    .argument('<file>', '取り込むファイル（書き出しと同じ形式のCSVまたは.xlsx）')
    .option('--apply', 'プレビューに問題がなければ全件を1つのトランザクションで登録する')
    .action(async (file: string, opts: { center: string; apply?: boolean }) => {
      const config = loadConfig();
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch (error) {
        throw new AppError('not_found', `ファイル ${file} を読めません（${(error as Error).message}）。`);
      }
      let preview: FaqImportPreview;
      let applied = false;
      try {
        preview = await helpers.withDatabase(config, (ctx) =>
          importFaqs(ctx, opts.center, bytes, {
            apply: opts.apply ?? false,
            filename: path.basename(file),
            progress: opts.apply ? helpers.progressBar() : undefined,
          }),
        );
        applied = opts.apply ?? false;
      } catch (error) {
        if (!(error instanceof FaqImportRefused)) throw error;
        preview = error.preview;
      }
      process.stdout.write(formatPreview(preview));
      if (applied) process.stdout.write('登録しました。\n');
      else if (!preview.canApply) {
        process.stderr.write(
          `madoguchi: ${opts.apply ? '問題があるため、何も登録していません。' : '問題があります。'}上の一覧を直してください。\n`,
        );
        process.exitCode = 1;
      } else process.stdout.write('プレビューのみです。登録するには --apply を付けてください。\n');
    });
}
