import { randomBytes } from 'node:crypto';
import { roles as allRoles, type Role } from '@madoguchi/contracts';
import cliProgress from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type Config, ConfigError, loadConfig } from '../config/config.ts';
import { type SeedProgress, seedDemo } from '../demo/seed-demo.ts';
import { commandLineContext, demoBanner, openConfiguredDatabase, serve } from '../main.ts';
import { createCenter, getCenter, listCenters } from '../modules/centers/centers.service.ts';
import { createStaff } from '../modules/staff/staff.service.ts';
import { DataDirLockedError } from '../platform/db/data-dir-lock.ts';
import { AppError } from '../platform/http/errors.ts';
import { registerFaqCommands } from './faq-commands.ts';
import { registerSearchCommand } from './search-command.ts';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('1以上の整数を指定してください。');
  return n;
}

function progressBar(): SeedProgress {
  const bar = new cliProgress.SingleBar(
    {
      format: '{label} [{bar}] {value}/{total} ({percentage}%)',
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 1000,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (total, label) => bar.start(total, 0, { label }),
    tick: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}

/** Runs `fn` with an open, migrated database and closes it whatever happens. */
async function withDatabase<T>(
  config: Config,
  fn: (ctx: ReturnType<typeof commandLineContext>) => Promise<T>,
): Promise<T> {
  const database = await openConfiguredDatabase(config, 'madoguchi-cli');
  try {
    await database.migrate();
    return await fn(commandLineContext(database, config));
  } finally {
    await database.close();
  }
}

export function buildCli(): Command {
  const program = new Command('madoguchi')
    .description('窓口 Madoguchi — 自治体コールセンター基盤')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(text) });

  program
    .command('serve')
    .description('HTTPサーバーとジョブを起動する（PROCESS_ROLE に従う）')
    .option('--demo', 'デモデータがなければ投入し、デモ用ログインを表示する')
    .action(async (opts: { demo?: boolean }) => {
      const config = loadConfig();
      await serve(config, {
        demo: opts.demo ?? false,
        onListening: (url) => process.stdout.write(opts.demo ? demoBanner(url) : `listening on ${url}\n`),
      });
    });

  program
    .command('migrate')
    .description('データベースのマイグレーションを実行する')
    .action(async () => {
      const config = loadConfig();
      await withDatabase(config, async () => {});
      process.stdout.write(`migrated (${config.databaseKind})\n`);
    });

  program
    .command('seed')
    .description('データを投入する')
    .requiredOption('--demo', 'デモ用の2センター（いわき市総合コールセンター、アプリヘルプデスク）')
    .option('--extra-staff <n>', '負荷試験用のオペレーターを n 人追加する', positiveInt)
    .action(async (opts: { extraStaff?: number }) => {
      const config = loadConfig();
      const result = await withDatabase(config, (ctx) =>
        seedDemo(ctx, {
          ...(opts.extraStaff ? { extraStaff: opts.extraStaff, progress: progressBar() } : {}),
        }),
      );
      process.stdout.write(
        `seeded: ${result.seeded.join(', ') || '-'}; already present: ${result.skipped.join(', ') || '-'}` +
          (result.extraStaff ? `; extra staff: ${result.extraStaff}` : '') +
          '\n',
      );
    });

  const center = program.command('center').alias('centre').description('センターを管理する');
  center
    .command('add')
    .description('センターを追加する')
    .requiredOption('--slug <slug>', 'URLに使う識別子（半角英小文字・数字・ハイフン）')
    .requiredOption('--name <name>', 'センター名')
    .addOption(new Option('--kind <kind>', '種別').choices(['general', 'specific']).default('general'))
    .option('--description <text>', '説明', '')
    .action(
      async (opts: { slug: string; name: string; kind: 'general' | 'specific'; description: string }) => {
        const config = loadConfig();
        const created = await withDatabase(config, (ctx) => createCenter(ctx, opts));
        process.stdout.write(`added centre ${created.slug} (${created.name}) id=${created.id}\n`);
      },
    );
  center
    .command('list')
    .description('センターの一覧')
    .action(async () => {
      const config = loadConfig();
      const list = await withDatabase(config, (ctx) => listCenters(ctx));
      for (const c of list) process.stdout.write(`${c.slug}\t${c.kind}\t${c.name}\n`);
    });

  const user = program.command('user').description('職員アカウントを管理する');
  user
    .command('add')
    .description('職員アカウントを追加する（パスワードは MADOGUCHI_PASSWORD、なければ生成して表示）')
    .requiredOption('--center <slug>', 'センターのスラッグ')
    .requiredOption('--login <loginId>', 'ログインID')
    .requiredOption('--name <name>', '氏名')
    .addOption(new Option('--role <role...>', '役割（複数可）').choices([...allRoles]).makeOptionMandatory())
    .option('--department <name>', '所管課職員の所管課名')
    .option('--system-admin', 'システム管理者（全センターの管理）')
    .action(
      async (opts: {
        center: string;
        login: string;
        name: string;
        role: Role[];
        department?: string;
        systemAdmin?: boolean;
      }) => {
        const config = loadConfig();
        const given = process.env.MADOGUCHI_PASSWORD;
        const password = given || `${randomBytes(9).toString('base64url')}-Aa1`;
        const created = await withDatabase(config, async (ctx) => {
          let departmentId: string | null = null;
          if (opts.department) {
            const found = (await getCenter(ctx, opts.center)).departments.find(
              (d) => d.name === opts.department,
            );
            if (!found)
              throw new AppError(
                'validation_failed',
                `所管課「${opts.department}」はセンター ${opts.center} にありません。`,
                'department',
              );
            departmentId = found.id;
          }
          return createStaff(
            ctx,
            opts.center,
            {
              loginId: opts.login,
              displayName: opts.name,
              password,
              roles: opts.role.map((role) => ({
                role,
                departmentId: role === 'department_staff' ? departmentId : null,
              })),
            },
            { systemAdmin: opts.systemAdmin ?? false, mustChangePassword: !given },
          );
        });
        process.stdout.write(`added user ${created.loginId} id=${created.id}\n`);
        if (!given) process.stdout.write(`initial password (must be changed at first login): ${password}\n`);
      },
    );
  registerFaqCommands(program, { withDatabase, progressBar });
  registerSearchCommand(program, { withDatabase });
  return program;
}

/** Turns known failures into one clear line and exit code 1; anything else keeps its stack. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof AppError) {
      process.stderr.write(`madoguchi: ${error.message}\n`);
      process.exit(error instanceof DataDirLockedError ? 3 : 1);
    }
    throw error;
  }
}

if (import.meta.main) await runCli(process.argv);
