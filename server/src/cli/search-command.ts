// `madoguchi search`: the staff search from the command line, for evaluation runs and scripts. One query per
// line in, one JSON line per query out. It reads the index the way the server builds it, but logs nothing:
// evaluation queries must not show up in the centre's search analytics.
import readline from 'node:readline';
import { type Command, InvalidArgumentError } from 'commander';
import { type Config, loadConfig } from '../config/config.ts';
import type { ServiceContext } from '../modules/auth/actor.ts';
import { findCenterBySlug } from '../modules/centers/centers.repository.ts';
import { createSearchService } from '../modules/search/index.ts';
import { AppError } from '../platform/http/errors.ts';

function limitOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new InvalidArgumentError('1から1000までの整数を指定してください。');
  return n;
}

interface SearchCommandOptions {
  center: string;
  limit: number;
  jsonl: true;
  publishedOnly?: boolean;
}

/** Opens the configured database, migrated, for the length of `fn` (the CLI's own helper). */
type WithDatabase = <T>(config: Config, fn: (ctx: ServiceContext) => Promise<T>) => Promise<T>;

/** Adds `madoguchi search` to the program. */
export function registerSearchCommand(program: Command, helpers: { withDatabase: WithDatabase }): void {
  program
    .command('search')
    .description('FAQを検索する（標準入力の1行を1件の検索語とし、1件ごとに結果を1行のJSONで出力する）')
    .requiredOption('--center <slug>', 'センターのスラッグ')
    .option('--limit <n>', '1件の検索で返す結果の数', limitOption, 10)
    .requiredOption(
      '--jsonl',
      '出力形式 JSON Lines: {"query": "...", "results": [{"faqId": "...", "score": 1.23}]}',
    )
    .option(
      '--published-only',
      '今公開中のFAQだけを検索する（既定では非公開・公開予約・公開終了のFAQも検索する）',
    )
    .addHelpText(
      'after',
      [
        '',
        '空行（空白だけの行を含む）は読み飛ばし、出力しません。faqId はインポートした FAQ-ID です。',
        '検索語は検索分析に記録しません。データベースは serve と同じ設定（MADOGUCHI_DATA_DIR または DATABASE_URL）で開きます。',
        '',
        '例: printf "住民票ほしい\\nごみの日いつ\\n" | madoguchi search --center iwaki --jsonl',
      ].join('\n'),
    )
    .action((opts: SearchCommandOptions) =>
      helpers.withDatabase(loadConfig(), (ctx) => runSearch(ctx, opts)),
    );
}

async function runSearch(ctx: ServiceContext, opts: SearchCommandOptions): Promise<void> {
  const center = await findCenterBySlug(ctx.database.db, opts.center);
  if (!center) throw new AppError('not_found', `センター「${opts.center}」が見つかりません。`);
  const search = createSearchService({ database: ctx.database, listen: false });
  try {
    const lines = readline.createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const { hits } = await search.search(center, line, {
        limit: opts.limit,
        ...(opts.publishedOnly ? { publishedAt: new Date() } : {}),
      });
      const out = { query: line, results: hits.map((hit) => ({ faqId: hit.faqId, score: hit.score })) };
      await write(`${JSON.stringify(out)}\n`);
    }
  } finally {
    await search.stop();
  }
}

// Respects back-pressure: a consumer reading slowly (a pipe to a slow script) does not make output pile up.
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.stdout.write(text, (error) => (error ? reject(error) : undefined))) resolve();
    else process.stdout.once('drain', resolve);
  });
}
