// The inquiry form's routes (問合せWEBサイト, seed 004 第2-8(2)): GET the form, POST to the confirmation, POST
// to send, then 303 to the receipt page (POST/redirect/GET: a reload shows the receipt again and sends
// nothing; personal data never goes into a URL). Every step posts multipart/form-data so that the attachment
// goes along; the values travel in hidden fields, nothing is stored before the citizen presses 送信する.
//
// Spam without a CAPTCHA (which shuts out people with disabilities): a honeypot field, a signed timestamp
// (a minimum fill time), a per-address rate limit and size limits. The receipt number never depends on the
// mail server: the auto-reply is written with the inquiry and sent later by a job.
import fastifyMultipart from '@fastify/multipart';
import { INQUIRY_ATTACHMENT_MAX_BYTES } from '@madoguchi/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sharedRateLimit } from '../../platform/http/rate-limit-store.ts';
import type { Api } from '../../platform/http/types.ts';
import type { JobRunner } from '../../platform/jobs/index.ts';
import { checkFormToken, inquiryFormKey, issueFormToken, type TokenCheck } from '../inquiries/form-token.ts';
import { findReceipt, submitInquiry } from '../inquiries/inquiries.service.ts';
import {
  type CheckedAttachment,
  checkInquiryForm,
  type InquiryUpload,
  inquiryFormLabels,
  normalizeText,
  OTHER_CATEGORY,
} from '../inquiries/inquiry-form.ts';
import { queueMail } from '../inquiries/mail-delivery.ts';
import {
  type CarriedFile,
  confirmMain,
  disabledMain,
  type FormState,
  formCategories,
  formMain,
  formScript,
  inquiryStyles,
  receiptGoneMain,
  receiptMain,
  refusedMain,
  sizeText,
} from './inquiry-pages.ts';
import { type PageOptions, renderBarePage, renderPage, sendHtml, sendPage } from './layout.ts';
import { errorMain } from './pages.ts';
import { type PublicSite, resolvePublicSite } from './site.ts';

/** The text fields the form has; anything else posted is ignored (and not kept). */
const TEXT_FIELDS = [
  'name',
  'nameKana',
  'email',
  'emailConfirm',
  'phone',
  'address',
  'categoryId',
  'body',
  'consent',
] as const;
/** All text of one post together: the fields plus an attachment carried as base64 (4/3 of its size). */
const MAX_TEXT_BYTES = Math.ceil((INQUIRY_ATTACHMENT_MAX_BYTES * 4) / 3) + 256 * 1024;
/** Confirmation steps per address in ten minutes (sends have their own, configurable, hourly limit). */
const CONFIRM_LIMIT = { max: 60, timeWindow: 10 * 60 * 1000 };
/** How long after sending the receipt page can be shown again (a reload, the back button). */
const RECEIPT_PAGE_MS = 24 * 60 * 60 * 1000;

const html404 = { hide: true } as const;
const publicConfig = { access: 'public' as const };
const slugParams = z.object({ slug: z.string() });

interface PostedForm {
  fields: Record<string, string>;
  upload: InquiryUpload | null;
  problem: 'too_large' | 'malformed' | null;
}

/** Reads a multipart post: the text fields (first of each name), the file, and whether limits were hit. */
async function readPostedForm(request: FastifyRequest): Promise<PostedForm> {
  const fields: Record<string, string> = {};
  let upload: InquiryUpload | null = null;
  if (!request.isMultipart()) return { fields, upload, problem: 'malformed' };
  let textBytes = 0;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'attachment' || !part.filename || upload) {
          part.file.resume();
          continue;
        }
        const data = await part.toBuffer();
        upload = {
          filename: part.filename,
          declaredType: part.mimetype,
          data,
          tooLarge: part.file.truncated,
        };
        continue;
      }
      const value = typeof part.value === 'string' ? part.value : String(part.value ?? '');
      textBytes += Buffer.byteLength(value) + part.fieldname.length;
      if (part.valueTruncated || textBytes > MAX_TEXT_BYTES) return { fields, upload, problem: 'too_large' };
      if (!Object.hasOwn(fields, part.fieldname)) fields[part.fieldname] = value;
    }
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    return { fields, upload, problem: status === 413 ? 'too_large' : 'malformed' };
  }
  return { fields, upload, problem: null };
}

/** The file to check: a new upload, else the one carried from the previous step unless the citizen removed it. */
function uploadOf(form: PostedForm): InquiryUpload | null {
  if (form.upload) return form.upload;
  const { carriedData, carriedName, carriedType, removeAttachment } = form.fields;
  if (removeAttachment === 'yes' || !carriedData || !carriedName) return null;
  return { filename: carriedName, declaredType: carriedType ?? '', data: Buffer.from(carriedData, 'base64') };
}

function carriedOf(attachment: CheckedAttachment | null): CarriedFile | null {
  return attachment
    ? {
        filename: attachment.filename,
        contentType: attachment.contentType,
        size: attachment.data.length,
        base64: attachment.data.toString('base64'),
      }
    : null;
}

function typedValues(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of TEXT_FIELDS) if (fields[name] !== undefined) out[name] = fields[name];
  return out;
}

/** A POST past the common checks (see `receive`). */
interface Received {
  site: PublicSite;
  form: PostedForm;
  key: Buffer;
  token: TokenCheck;
}

const tokenNotices: Record<Exclude<TokenCheck, { ok: true }>['reason'], string> = {
  too_fast:
    '送信の確認のため、入力内容をご確認のうえ、もう一度ボタンを押してください（入力内容はそのまま残っています）。',
  expired:
    'フォームを開いてから時間がたったため、確認をやり直します。入力内容をご確認のうえ、もう一度ボタンを押してください。',
  invalid: 'フォームの情報を確認できませんでした。入力内容をご確認のうえ、もう一度ボタンを押してください。',
};

/** The web inquiry form's public routes (under /c/:slug/ and, with the host mapping, /inquiry at a host's root). */
export function inquiryFormRoutes(app: Api, deps: { jobs: JobRunner | null }) {
  app.register(async (scope: Api) => {
    await scope.register(fastifyMultipart, {
      limits: {
        fileSize: INQUIRY_ATTACHMENT_MAX_BYTES,
        files: 1,
        fields: 24,
        parts: 25,
        fieldSize: MAX_TEXT_BYTES,
      },
      throwFileSizeLimit: false,
    });

    const sendLimit = scope.createRateLimit(
      sharedRateLimit('inquiry-send', {
        max: (request: FastifyRequest) => request.ctx.config.INQUIRY_RATE_LIMIT_PER_HOUR,
        timeWindow: 60 * 60 * 1000,
        keyGenerator: (request: FastifyRequest) => request.ip,
        allowList: () => false,
      }),
    );
    const confirmLimit = scope.createRateLimit(
      sharedRateLimit('inquiry-confirm', {
        ...CONFIRM_LIMIT,
        keyGenerator: (request: FastifyRequest) => request.ip,
        allowList: () => false,
      }),
    );

    // Failures here are pages (Japanese, with the way back), never the API's JSON.
    scope.setErrorHandler(async (error: FastifyError, request, reply) => {
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
      if (status >= 500) request.log.error({ err: error }, 'inquiry page failed');
      const site = await resolvePublicSite(request).catch(() => null);
      const shown = status === 429 || status === 413 || status >= 500 ? status : 400;
      const main = errorMain(site, shown);
      const title = shown >= 500 ? 'ただいま表示できません' : 'エラー';
      const document = site
        ? renderPage(site, { title, main, noindex: true })
        : renderBarePage({ title: `${title} | 窓口`, main, noindex: true });
      return sendHtml(request, reply, document, { status: shown, cache: 'no-store' });
    });

    function page(
      request: FastifyRequest,
      reply: FastifyReply,
      site: PublicSite,
      options: Omit<PageOptions, 'head' | 'noindex' | 'current'>,
    ) {
      return sendPage(request, reply, site, {
        ...options,
        breadcrumbs: options.breadcrumbs ?? [{ label: 'お問い合わせ' }],
        current: 'inquiry',
        noindex: true,
        head: inquiryStyles,
        cache: 'no-store',
      });
    }

    async function siteOf(request: FastifyRequest, reply: FastifyReply): Promise<PublicSite | null> {
      const site = await resolvePublicSite(request);
      if (!site) {
        await reply.callNotFound();
        return null;
      }
      if (!site.settings.inquiryEnabled) {
        await page(request, reply, site, { title: 'お問い合わせ', main: disabledMain(site) });
        return null;
      }
      return site;
    }

    function showForm(
      request: FastifyRequest,
      reply: FastifyReply,
      site: PublicSite,
      state: FormState,
      status = 200,
    ) {
      const hasErrors = state.errors.length > 0;
      return page(request, reply, site, {
        title: hasErrors ? 'エラー：お問い合わせ' : 'お問い合わせ',
        main: formMain(site, state, site.settings.inquiryFields, formCategories(site)),
        status,
      });
    }

    function refuse(
      request: FastifyRequest,
      reply: FastifyReply,
      site: PublicSite,
      status: number,
      reason: string,
    ) {
      return page(request, reply, site, {
        title: '送信できませんでした',
        main: refusedMain(site, reason),
        status,
      });
    }

    const refusals = {
      honeypot: '送信内容に、自動送信と判断される入力がありました。',
      tooLarge: `送信された内容が大きすぎます。添付ファイルは${INQUIRY_ATTACHMENT_MAX_BYTES / 1024 / 1024}MBまでです。`,
      malformed: '送信された内容を読み取れませんでした。フォームからもう一度お試しください。',
      rateLimited: '短い時間に多くの送信がありました。しばらく待ってから、もう一度お試しください。',
    };

    /**
     * The common start of every POST: the site, the rate limit, the body, the honeypot and the token. Returns
     * null when a page was already sent.
     */
    async function receive(
      request: FastifyRequest,
      reply: FastifyReply,
      limiter: typeof sendLimit,
    ): Promise<Received | null> {
      const site = await siteOf(request, reply);
      if (!site) return null;
      const limit = await limiter(request);
      if (!limit.isAllowed && limit.isExceeded) {
        await refuse(request, reply, site, 429, refusals.rateLimited);
        return null;
      }
      const form = await readPostedForm(request);
      if (form.problem) {
        await refuse(
          request,
          reply,
          site,
          form.problem === 'too_large' ? 413 : 400,
          refusals[form.problem === 'too_large' ? 'tooLarge' : 'malformed'],
        );
        return null;
      }
      // People never see the honeypot (off screen, hidden from screen readers, out of the tab order).
      if ((form.fields.homepage ?? '').trim() !== '') {
        request.log.info('inquiry refused: honeypot filled');
        await refuse(request, reply, site, 400, refusals.honeypot);
        return null;
      }
      const key = await inquiryFormKey(request.ctx.database);
      const token = checkFormToken(key, site.center.id, form.fields.token ?? '', request.ctx.now());
      return { site, form, key, token };
    }

    /** A fresh token, keeping the submission id when the old one was genuine (so a resend stays one inquiry). */
    function renewToken(key: Buffer, site: PublicSite, token: TokenCheck, now: Date): string {
      return issueFormToken(key, site.center.id, now, token.submissionId ?? undefined);
    }

    function check(site: PublicSite, form: PostedForm) {
      return checkInquiryForm(form.fields, site.settings.inquiryFields, formCategories(site), uploadOf(form));
    }

    /**
     * The form again, nothing typed lost: the field errors, or why the token failed (expired, too fast, forged)
     * with a fresh one. Confirmation and send answer a failed check the same way.
     */
    function showAgain(
      request: FastifyRequest,
      reply: FastifyReply,
      { site, form, key, token }: Received,
      checked: ReturnType<typeof check>,
    ) {
      return showForm(
        request,
        reply,
        site,
        {
          values: typedValues(form.fields),
          errors: checked.ok ? [] : checked.errors,
          notice: token.ok ? null : tokenNotices[token.reason],
          token: token.ok ? (form.fields.token as string) : renewToken(key, site, token, request.ctx.now()),
          carried: carriedOf(checked.attachment),
        },
        checked.ok ? 200 : 400,
      );
    }

    // ── GET: the empty form ─────────────────────────────────────────────────────────────────────────────
    scope.get('/c/:slug/inquiry', { config: publicConfig, schema: html404 }, async (request, reply) => {
      const site = await siteOf(request, reply);
      if (!site) return reply;
      const key = await inquiryFormKey(request.ctx.database);
      return showForm(request, reply, site, {
        values: {},
        errors: [],
        notice: null,
        token: issueFormToken(key, site.center.id, request.ctx.now()),
        carried: null,
      });
    });

    scope.get('/c/:slug/inquiry/form.js', { config: publicConfig, schema: html404 }, (_request, reply) =>
      reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(formScript),
    );

    // ── POST: back from the confirmation to the form, with everything as it was ───────────────────────────
    scope.post('/c/:slug/inquiry', { config: publicConfig, schema: html404 }, async (request, reply) => {
      const received = await receive(request, reply, confirmLimit);
      if (!received) return reply;
      const { site, form, key, token } = received;
      const checked = check(site, form);
      return showForm(request, reply, site, {
        values: typedValues(form.fields),
        errors: [],
        notice: null,
        token: token.ok ? (form.fields.token as string) : renewToken(key, site, token, request.ctx.now()),
        carried: carriedOf(checked.attachment),
      });
    });

    // ── POST: the confirmation ─────────────────────────────────────────────────────────────────────────
    scope.post(
      '/c/:slug/inquiry/confirm',
      { config: publicConfig, schema: html404 },
      async (request, reply) => {
        const received = await receive(request, reply, confirmLimit);
        if (!received) return reply;
        const { site, form, token } = received;
        const checked = check(site, form);
        if (!token.ok || !checked.ok) return showAgain(request, reply, received, checked);
        const values = typedValues(form.fields);
        const carried = carriedOf(checked.attachment);
        const modes = site.settings.inquiryFields;
        const categories = formCategories(site);
        const review: { label: string; value: string }[] = [];
        const show = (field: keyof typeof modes, value: string | null) => {
          if (modes[field] !== 'hidden') review.push({ label: inquiryFormLabels[field], value: value ?? '' });
        };
        show('name', checked.values.name);
        show('nameKana', checked.values.nameKana);
        show('email', checked.values.email);
        show('phone', checked.values.phone);
        show('address', checked.values.address);
        if (categories.length > 0) {
          const category = categories.find((c) => c.id === checked.values.categoryId);
          review.push({
            label: inquiryFormLabels.categoryId,
            value: category?.name ?? (values.categoryId === OTHER_CATEGORY ? '分からない・その他' : ''),
          });
        }
        review.push({ label: inquiryFormLabels.body, value: checked.values.body });
        if (modes.attachment !== 'hidden')
          review.push({
            label: inquiryFormLabels.attachment,
            value: checked.attachment
              ? `${checked.attachment.filename}（${sizeText(checked.attachment.data.length)}）`
              : '',
          });
        review.push({ label: inquiryFormLabels.consent, value: '同意する' });
        return page(request, reply, site, {
          title: '入力内容の確認',
          main: confirmMain(
            site,
            { values, errors: [], notice: null, token: form.fields.token as string, carried },
            review,
          ),
        });
      },
    );

    // ── POST: send ─────────────────────────────────────────────────────────────────────────────────────
    scope.post('/c/:slug/inquiry/send', { config: publicConfig, schema: html404 }, async (request, reply) => {
      const received = await receive(request, reply, sendLimit);
      if (!received) return reply;
      const { site, form, token } = received;
      const receiptPath = (id: string) => `${site.basePath}/inquiry/receipt/${encodeURIComponent(id)}`;
      // Sent before (a reload of this POST, the back button, a double tap): the same receipt, nothing new.
      if (token.submissionId) {
        const existing = await findReceipt(request.ctx, site.center.id, token.submissionId);
        if (existing) return reply.code(303).header('location', receiptPath(token.submissionId)).send();
      }
      const checked = check(site, form);
      if (!token.ok || !checked.ok) return showAgain(request, reply, received, checked);
      const values = typedValues(form.fields);
      const attachmentMeta = checked.attachment
        ? {
            filename: checked.attachment.filename,
            size: checked.attachment.data.length,
            contentType: checked.attachment.contentType,
          }
        : null;
      const saved = await submitInquiry(request.ctx, {
        centerId: site.center.id,
        values: checked.values,
        attachment: checked.attachment,
        // What was typed, as typed (line ends aside), and the file's description; not its bytes.
        raw: {
          ...Object.fromEntries(
            Object.entries(values).map(([k, v]) => [k, k === 'body' ? normalizeText(v) : v]),
          ),
          ...(attachmentMeta ? { attachment: attachmentMeta } : {}),
        },
        submissionToken: token.submissionId,
      });
      if (saved.mailId && !saved.duplicate && deps.jobs) {
        const jobs = deps.jobs;
        const mailId = saved.mailId;
        // After the commit; if queueing fails the mail stays pending and the mail.sweep job queues it.
        await queueMail(jobs, mailId).catch((err: unknown) =>
          request.log.warn({ err }, 'auto-reply not queued; the sweep will queue it'),
        );
      }
      return reply.code(303).header('location', receiptPath(token.submissionId)).send();
    });

    // ── GET: the receipt ───────────────────────────────────────────────────────────────────────────────
    scope.get(
      '/c/:slug/inquiry/receipt/:id',
      {
        config: publicConfig,
        schema: { hide: true, params: slugParams.extend({ id: z.string().max(100) }) },
      },
      async (request, reply) => {
        const site = await resolvePublicSite(request);
        if (!site) return reply.callNotFound();
        const receipt = /^[A-Za-z0-9_-]{16,64}$/.test(request.params.id)
          ? await findReceipt(request.ctx, site.center.id, request.params.id)
          : null;
        if (!receipt || request.ctx.now().getTime() - receipt.receivedAt.getTime() > RECEIPT_PAGE_MS) {
          return page(request, reply, site, {
            title: '受付完了の画面は表示できません',
            main: receiptGoneMain(site),
            status: 404,
          });
        }
        return page(request, reply, site, {
          title: 'お問い合わせを受け付けました',
          main: receiptMain(site, receipt),
        });
      },
    );
  });
}
