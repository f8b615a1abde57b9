// The inquiry form's pages (問合せWEBサイト, seed 004 第2-8(2)ア・エ): form → confirmation → receipt, plus the
// pages for a switched-off form and a refused submission. Server-rendered and complete without JavaScript;
// phone first. Errors follow the usual pattern for accessible forms: a summary at the top that takes focus
// and links to each field, and each message next to its field (aria-describedby, aria-invalid).
import { INQUIRY_ATTACHMENT_MAX_BYTES, INQUIRY_BODY_MAX, type InquiryFieldModes } from '@madoguchi/contracts';
import {
  charCount,
  type FieldError,
  type InquiryCategoryOption,
  type InquiryFormField,
  inquiryFormLabels,
  normalizeText,
  OTHER_CATEGORY,
} from '../inquiries/inquiry-form.ts';
import { formatReceivedAt } from '../inquiries/receipt.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { paragraphs, phoneLink, weeklyHoursRows } from './layout.ts';
import { type PublicSite, sitePath } from './site.ts';

/** A file kept between the steps (the browser cannot refill a file input): its bytes as base64. */
export interface CarriedFile {
  filename: string;
  contentType: string;
  size: number;
  base64: string;
}

export interface FormState {
  /** The fields as typed. */
  values: Record<string, string>;
  errors: FieldError[];
  /** A message about the whole form (an expired form, a too-quick submission), shown above it. */
  notice: string | null;
  token: string;
  carried: CarriedFile | null;
}

const fieldId = (field: InquiryFormField) => `inq-${field}`;

/** The categories offered: the first category axis (行政分野 in the demo), in its order. */
export function formCategories(site: PublicSite): InquiryCategoryOption[] {
  const axis = site.detail.categoryAxes[0];
  return axis ? axis.categories.map((c) => ({ id: c.id, name: c.name })) : [];
}

/** Short text for a byte count: 「120KB」「1.5MB」. */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes}バイト`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)}KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)}MB`;
}

/** Styles of these pages only (the site stylesheet has the common ones); CSP allows inline styles. */
export const inquiryStyles = html`<style>
.inq-steps{display:flex;gap:var(--space-2);list-style:none;padding:0;margin:0 0 var(--space-5);counter-reset:step}
.inq-steps li{flex:1;padding:var(--space-2);text-align:center;border-bottom:4px solid var(--c-divider);color:var(--c-text-muted);font-size:.875rem}
.inq-steps li[aria-current="step"]{border-bottom-color:var(--c-primary);color:var(--c-text);font-weight:bold}
.inq-form{max-width:40rem}
.inq-field{margin:0 0 var(--space-5)}
.inq-field>label,.inq-label{display:block;font-weight:bold;margin-bottom:var(--space-1)}
.inq-badge{display:inline-block;margin-left:var(--space-2);padding:0 var(--space-2);border-radius:var(--radius);font-size:.8125rem;font-weight:bold;line-height:1.6;vertical-align:.1em;background:var(--c-bg-subtle);color:var(--c-text);border:1px solid var(--c-border)}
.inq-badge--required{background:var(--color-red-1000);border-color:var(--color-red-1000);color:var(--color-white)}
.inq-form input[type="email"],.inq-form input[type="tel"],.inq-form select{width:100%;min-height:48px;padding:var(--space-2) var(--space-3);font:inherit;color:var(--c-text);background:var(--c-bg);border:1px solid var(--c-border);border-radius:var(--radius)}
.inq-form input[type="file"]{display:block;max-width:100%;min-height:48px;padding:var(--space-2) 0;font:inherit}
.inq-field--error input,.inq-field--error select,.inq-field--error textarea{border:2px solid var(--color-red-900)}
.inq-field--error{padding-left:var(--space-3);border-left:4px solid var(--color-red-900)}
.inq-error{color:var(--color-red-1000);font-weight:bold;margin:var(--space-1) 0}
.inq-counter{font-size:.875rem;color:var(--c-text-muted);margin:var(--space-1) 0 0}
.inq-counter--over{color:var(--color-red-1000);font-weight:bold}
.inq-check{display:flex;align-items:flex-start;gap:var(--space-3);min-height:44px}
.inq-check input{flex:none;width:1.5rem;height:1.5rem;margin:.2rem 0 0}
.inq-consent{border:1px solid var(--c-divider);border-radius:var(--radius);padding:var(--space-4);margin:0 0 var(--space-5)}
.inq-consent legend{font-weight:bold;padding:0 var(--space-2)}
.inq-consent__text{font-size:.9375rem;background:var(--c-bg-subtle);padding:var(--space-3);border-radius:var(--radius)}
.inq-error-summary{border:3px solid var(--color-red-900);border-radius:var(--radius);padding:var(--space-4);margin:0 0 var(--space-5)}
.inq-error-summary h2{margin-top:0;font-size:1.25rem}
.inq-error-summary a{color:var(--color-red-1000);font-weight:bold}
.inq-actions{display:flex;flex-wrap:wrap;gap:var(--space-3);margin:var(--space-5) 0}
.inq-actions .button{flex:1 1 12rem}
.inq-review{margin:0 0 var(--space-5)}
.inq-review div{padding:var(--space-3) 0;border-bottom:1px solid var(--c-divider)}
.inq-review dt{font-weight:bold}
.inq-review dd{margin:0;white-space:pre-wrap}
.inq-receipt{text-align:center;border:2px solid var(--c-primary);border-radius:var(--radius);padding:var(--space-4);margin:var(--space-4) 0}
.inq-receipt__number{font-size:1.75rem;font-weight:bold;letter-spacing:.05em;margin:0;font-variant-numeric:tabular-nums}
</style>`;

function steps(current: 1 | 2 | 3): SafeHtml {
  const names = ['入力', '確認', '完了'];
  return html`<ol class="inq-steps" aria-label="お問い合わせの流れ">${names.map(
    (name, i) =>
      html`<li${i + 1 === current ? raw(' aria-current="step"') : ''}><span class="visually-hidden">手順${i + 1}：</span>${name}</li>`,
  )}</ol>`;
}

function badge(required: boolean): SafeHtml {
  return required
    ? html`<span class="inq-badge inq-badge--required">必須</span>`
    : html`<span class="inq-badge">任意</span>`;
}

interface FieldSpec {
  field: InquiryFormField;
  required: boolean;
  hint?: string;
  control: (attrs: SafeHtml) => SafeHtml;
  after?: SafeHtml;
}

function fieldBlock(state: FormState, spec: FieldSpec): SafeHtml {
  const id = fieldId(spec.field);
  const error = state.errors.find((e) => e.field === spec.field);
  const described = [
    spec.hint ? `${id}-hint` : null,
    error ? `${id}-error` : null,
    spec.after ? `${id}-count` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const attrs = html`id="${id}" name="${spec.field}"${described ? html` aria-describedby="${described}"` : ''}${
    error ? raw(' aria-invalid="true"') : ''
  }${spec.required ? raw(' required aria-required="true"') : ''}`;
  return html`<div class="inq-field${error ? ' inq-field--error' : ''}">
<label for="${id}">${inquiryFormLabels[spec.field]}${badge(spec.required)}</label>
${spec.hint ? html`<p class="hint" id="${id}-hint">${spec.hint}</p>` : ''}
${error ? html`<p class="inq-error" id="${id}-error"><span class="visually-hidden">エラー：</span>${error.message}</p>` : ''}
${spec.control(attrs)}
${spec.after ?? ''}
</div>`;
}

/** The notice on the handling of personal data the citizen agrees to (seed 004 第3-12). */
export const consentText = [
  'ご入力いただいた個人情報は、お問い合わせへの回答と、そのための確認・連絡にのみ利用します。',
  '回答に必要な範囲で、市の担当課に内容をお伝えすることがあります。法令に基づく場合を除き、それ以外の第三者に提供することはありません。',
  'マイナンバー（個人番号）、クレジットカード番号、病歴などの特に配慮を要する情報は書かないでください。',
];

function errorSummary(state: FormState): SafeHtml {
  if (state.errors.length === 0) {
    if (!state.notice) return html``;
    // autofocus: after the page loads, the reader starts at the message (no script needed).
    return html`<div class="message message--error" id="inq-notice" tabindex="-1" autofocus><p>${state.notice}</p></div>`;
  }
  return html`<section class="inq-error-summary" aria-labelledby="inq-errors-title" tabindex="-1" autofocus>
<h2 id="inq-errors-title">入力内容に${state.errors.length}件の誤りがあります</h2>
${state.notice ? html`<p>${state.notice}</p>` : ''}
<ul>${state.errors.map((e) => html`<li><a href="#${fieldId(e.field)}">${e.message}</a></li>`)}</ul>
</section>`;
}

function bodyCounter(value: string): SafeHtml {
  const n = charCount(normalizeText(value));
  const text =
    n === 0
      ? `${INQUIRY_BODY_MAX.toLocaleString('ja-JP')}文字まで入力できます。`
      : `現在 ${n.toLocaleString('ja-JP')}文字（${INQUIRY_BODY_MAX.toLocaleString('ja-JP')}文字まで）`;
  return html`<p class="inq-counter${n > INQUIRY_BODY_MAX ? ' inq-counter--over' : ''}" id="inq-body-count" data-count-for="inq-body" data-max="${INQUIRY_BODY_MAX}">${text}</p>`;
}

/** Hidden fields that carry an attachment to the next step. */
function carriedFields(carried: CarriedFile | null): SafeHtml {
  if (!carried) return html``;
  return html`<input type="hidden" name="carriedName" value="${carried.filename}">
<input type="hidden" name="carriedType" value="${carried.contentType}">
<input type="hidden" name="carriedData" value="${carried.base64}">`;
}

/** The form (step 1), empty or with what was typed and the errors. */
export function formMain(
  site: PublicSite,
  state: FormState,
  modes: InquiryFieldModes,
  categories: readonly InquiryCategoryOption[],
): SafeHtml {
  const v = (field: string) => state.values[field] ?? '';
  const shown = (field: keyof InquiryFieldModes) => modes[field] !== 'hidden';
  const required = (field: keyof InquiryFieldModes) => modes[field] === 'required';
  const text = (field: InquiryFormField, type: string, extra: SafeHtml) => (attrs: SafeHtml) =>
    html`<input type="${type}" ${attrs} value="${v(field)}" ${extra}>`;
  const blocks: SafeHtml[] = [];
  if (shown('name'))
    blocks.push(
      fieldBlock(state, {
        field: 'name',
        required: required('name'),
        hint: '例：山田 太郎',
        control: text('name', 'text', raw('autocomplete="name" maxlength="100"')),
      }),
    );
  if (shown('nameKana'))
    blocks.push(
      fieldBlock(state, {
        field: 'nameKana',
        required: required('nameKana'),
        hint: 'ひらがなまたはカタカナで入力してください。例：やまだ たろう',
        control: text('nameKana', 'text', raw('maxlength="100"')),
      }),
    );
  if (shown('email')) {
    blocks.push(
      fieldBlock(state, {
        field: 'email',
        required: required('email'),
        hint: '受付確認のメールをお送りします。回答をメールでお送りすることもあります。例：yamada@example.jp',
        control: text(
          'email',
          'email',
          raw('autocomplete="email" inputmode="email" maxlength="254" spellcheck="false"'),
        ),
      }),
    );
    blocks.push(
      fieldBlock(state, {
        field: 'emailConfirm',
        required: required('email'),
        hint: '確認のため、同じメールアドレスをもう一度入力してください。',
        control: text(
          'emailConfirm',
          'email',
          raw('autocomplete="email" inputmode="email" maxlength="254" spellcheck="false"'),
        ),
      }),
    );
  }
  if (shown('phone'))
    blocks.push(
      fieldBlock(state, {
        field: 'phone',
        required: required('phone'),
        hint: '日中に連絡のつく番号を入力してください。例：0246-00-1234',
        control: text('phone', 'tel', raw('autocomplete="tel" inputmode="tel" maxlength="30"')),
      }),
    );
  if (shown('address'))
    blocks.push(
      fieldBlock(state, {
        field: 'address',
        required: required('address'),
        hint: '例：いわき市平字梅本21',
        control: text('address', 'text', raw('autocomplete="street-address" maxlength="200"')),
      }),
    );
  if (categories.length > 0)
    blocks.push(
      fieldBlock(state, {
        field: 'categoryId',
        required: true,
        hint: 'いちばん近いものを選んでください。',
        control: (attrs) => html`<select ${attrs}>
<option value="">選択してください</option>
${categories.map((c) => html`<option value="${c.id}"${v('categoryId') === c.id ? raw(' selected') : ''}>${c.name}</option>`)}
<option value="${OTHER_CATEGORY}"${v('categoryId') === OTHER_CATEGORY ? raw(' selected') : ''}>分からない・その他</option>
</select>`,
      }),
    );
  blocks.push(
    fieldBlock(state, {
      field: 'body',
      required: true,
      hint: `お問い合わせの内容を、${INQUIRY_BODY_MAX.toLocaleString('ja-JP')}文字以内で具体的にお書きください。`,
      // No maxlength: a browser would cut a longer paste silently; the server says how much is too much.
      control: (attrs) => html`<textarea ${attrs} rows="10">${v('body')}</textarea>`,
      after: bodyCounter(v('body')),
    }),
  );
  if (shown('attachment')) {
    const carried = state.carried;
    blocks.push(
      fieldBlock(state, {
        field: 'attachment',
        required: required('attachment') && !carried,
        hint: `写真や書類があれば1件添付できます（PDF、画像（PNG・JPEG・GIF）、Word、Excel、テキスト、CSV。${
          INQUIRY_ATTACHMENT_MAX_BYTES / 1024 / 1024
        }MBまで）。`,
        control: (attrs) =>
          html`${
            carried
              ? html`<p>添付済み：${carried.filename}（${sizeText(carried.size)}）。別のファイルを選ぶと差し替えます。</p>
<div class="inq-check"><input type="checkbox" id="inq-removeAttachment" name="removeAttachment" value="yes"><label for="inq-removeAttachment">この添付ファイルを取り消す</label></div>`
              : ''
          }<input type="file" ${attrs} accept=".pdf,.png,.jpg,.jpeg,.gif,.docx,.xlsx,.txt,.csv">`,
      }),
    );
  }
  const consentError = state.errors.find((e) => e.field === 'consent');
  const intro = site.settings.inquiryIntro.trim();
  return html`<h1>お問い合わせ</h1>
${steps(1)}
${errorSummary(state)}
${
  intro
    ? paragraphs(intro)
    : html`<p>市政に関するお問い合わせ、ご意見・ご要望を受け付けています。内容を確認のうえ、担当者から回答します。</p>`
}
<p>お急ぎの場合や、このフォームで送りにくい内容は、お電話でお問い合わせください。<a href="${sitePath(site, '/faq/')}">よくある質問</a>で答えが見つかることもあります。</p>
<p><span class="inq-badge inq-badge--required">必須</span> の項目は必ず入力してください。</p>
<form class="inq-form" method="post" action="${sitePath(site, '/inquiry/confirm')}" enctype="multipart/form-data" novalidate>
<input type="hidden" name="token" value="${state.token}">
<div class="hp-field" aria-hidden="true"><label for="inq-homepage">この欄には何も入力しないでください</label><input type="text" id="inq-homepage" name="homepage" value="" tabindex="-1" autocomplete="off"></div>
${blocks}
<fieldset class="inq-consent${consentError ? ' inq-field--error' : ''}">
<legend>個人情報の取扱い${badge(true)}</legend>
<div class="inq-consent__text" id="inq-consent-text">${consentText.map((t) => html`<p>${t}</p>`)}</div>
${consentError ? html`<p class="inq-error" id="inq-consent-error"><span class="visually-hidden">エラー：</span>${consentError.message}</p>` : ''}
<div class="inq-check"><input type="checkbox" id="inq-consent" name="consent" value="yes"${v('consent') === 'yes' ? raw(' checked') : ''} required aria-required="true" aria-describedby="inq-consent-text${consentError ? ' inq-consent-error' : ''}"${consentError ? raw(' aria-invalid="true"') : ''}><label for="inq-consent">上記の個人情報の取扱いに同意する</label></div>
</fieldset>
${carriedFields(state.carried)}
<div class="inq-actions"><button type="submit" class="button button--primary">入力内容を確認する</button></div>
</form>
<script src="${sitePath(site, '/inquiry/form.js')}" defer></script>`;
}

/** The confirmation (step 2): the values to read over, and the same values in hidden fields to send. */
export function confirmMain(
  site: PublicSite,
  state: FormState,
  review: { label: string; value: string }[],
): SafeHtml {
  const hidden = Object.entries(state.values).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  );
  return html`<h1>入力内容の確認</h1>
${steps(2)}
<p>まだ送信していません。内容をご確認のうえ、よろしければ「送信する」を押してください。直す場合は「入力画面に戻る」を押してください。</p>
<dl class="inq-review">${review.map((r) => html`<div><dt>${r.label}</dt><dd>${r.value || '（入力なし）'}</dd></div>`)}</dl>
<form class="inq-form" method="post" action="${sitePath(site, '/inquiry/send')}" enctype="multipart/form-data">
<input type="hidden" name="token" value="${state.token}">
${hidden}
${carriedFields(state.carried)}
<div class="inq-actions">
<button type="submit" class="button button--primary">送信する</button>
<button type="submit" class="button" formaction="${sitePath(site, '/inquiry')}">入力画面に戻る</button>
</div>
</form>`;
}

function contactBlock(site: PublicSite, heading: string): SafeHtml {
  const lines = site.detail.lines;
  const contacts = site.settings.relatedContacts.filter((c) => c.phone);
  return html`<h2>${heading}</h2>
${
  lines.length > 0
    ? html`<ul class="plain-list">${lines.map((l) => html`<li>${l.label ? html`${l.label}：` : ''}${phoneLink(l.number)}</li>`)}</ul>`
    : ''
}
<p>受付時間：${weeklyHoursRows(site.center.businessHours)
    .map((r) => `${r.days} ${r.hours}`)
    .join('／')}</p>
${
  contacts.length > 0
    ? html`<h3>そのほかの窓口</h3><ul class="plain-list">${contacts.map(
        (c) => html`<li>${c.name}：${phoneLink(c.phone)}${c.hours ? html`（${c.hours}）` : ''}</li>`,
      )}</ul>`
    : ''
}`;
}

/** The receipt (step 3): the number to quote, nothing of what was written. */
export function receiptMain(
  site: PublicSite,
  receipt: { receiptNumber: string; receivedAt: Date; autoReply: boolean },
): SafeHtml {
  return html`<h1>お問い合わせを受け付けました</h1>
${steps(3)}
<div class="inq-receipt"><p>受付番号</p><p class="inq-receipt__number">${receipt.receiptNumber}</p><p>受付日時：${formatReceivedAt(receipt.receivedAt)}</p></div>
<p>お問い合わせいただき、ありがとうございます。内容を確認のうえ、担当者から回答します。回答までお時間をいただく場合があります。</p>
<p>お問い合わせの際は、この受付番号をお知らせください。控えとして、受付番号を書き留めるか、この画面を保存してください。</p>
${
  receipt.autoReply
    ? html`<p>ご入力のメールアドレスに、受付確認のメールを自動でお送りします。しばらくしても届かない場合は、迷惑メールのフォルダをご確認いただくか、お電話でお問い合わせください。</p>`
    : ''
}
${contactBlock(site, 'お急ぎの場合')}
<p><a href="${sitePath(site, '/')}">${site.center.name}のホームへ戻る</a></p>`;
}

/** The form switched off: how else to reach the centre (phone numbers, hours, FAQ). */
export function disabledMain(site: PublicSite): SafeHtml {
  return html`<h1>お問い合わせ</h1>
<p>現在、このページからのお問い合わせは受け付けていません。お手数ですが、お電話でお問い合わせください。</p>
<p><a href="${sitePath(site, '/faq/')}">よくある質問</a>で答えが見つかることもあります。</p>
${contactBlock(site, '電話でのお問い合わせ')}`;
}

/** A submission turned away (honeypot, too many, too large): what happened and what to do instead. */
export function refusedMain(site: PublicSite, reason: string): SafeHtml {
  return html`<h1>送信できませんでした</h1>
<div class="message message--error" tabindex="-1" autofocus><p>${reason}</p></div>
<p>お手数ですが、時間をおいてもう一度お試しいただくか、お電話でお問い合わせください。</p>
<p><a href="${sitePath(site, '/inquiry')}">お問い合わせフォームへ戻る</a></p>
${contactBlock(site, '電話でのお問い合わせ')}`;
}

/** The receipt page asked for too late, or for a submission that does not exist. */
export function receiptGoneMain(site: PublicSite): SafeHtml {
  return html`<h1>受付完了の画面は表示できません</h1>
<p>この画面の表示期限が過ぎたか、アドレスが正しくありません。お問い合わせは受付番号でお確かめください。受付番号が分からない場合は、お電話でお問い合わせください。</p>
<p><a href="${sitePath(site, '/inquiry')}">お問い合わせフォームへ</a></p>
${contactBlock(site, '電話でのお問い合わせ')}`;
}

/**
 * The live character counter (the server-rendered text is the same hint without JavaScript). Served as a
 * file because the site's CSP allows scripts from the site itself only.
 */
export const formScript = `'use strict';
document.querySelectorAll('[data-count-for]').forEach(function (out) {
  var field = document.getElementById(out.getAttribute('data-count-for'));
  var max = Number(out.getAttribute('data-max'));
  if (!field) return;
  var update = function () {
    var n = Array.from(field.value.replace(/\\r\\n?/g, '\\n').trim()).length;
    out.textContent = '現在 ' + n.toLocaleString('ja-JP') + '文字（' + max.toLocaleString('ja-JP') + '文字まで）' +
      (n > max ? '　' + (n - max).toLocaleString('ja-JP') + '文字多すぎます' : '');
    out.classList.toggle('inq-counter--over', n > max);
  };
  field.addEventListener('input', update);
});
`;
