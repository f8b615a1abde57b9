// The public pages' bodies (seed 004 第2-8(1)イ FAQ site, 第2-8(3) centre homepage). Pure functions from data to
// SafeHtml / documents: routes load the data, these escape every value (html.ts) and renderPage frames them.
import type { RelatedContact } from '@madoguchi/contracts';
import { jstDate } from '../centers/calendar.ts';
import type { RankingItem } from '../faq/faq-stats.service.ts';
import { html, raw, type SafeHtml } from './html.ts';
import { type Breadcrumb, canonicalUrl, jaDate, paragraphs, phoneLink, weeklyHoursRows } from './layout.ts';
import type { PublicFaqDetail, PublicFaqItem } from './public-faq.repository.ts';
import { type PublicSite, sitePath } from './site.ts';
import { VOTE_COMMENT_MAX } from './votes.ts';

export const PAGE_SIZE = 20;

function faqHref(site: PublicSite, faqCode: string, query = ''): string {
  return sitePath(site, `/faq/${encodeURIComponent(faqCode)}${query}`);
}

/** Only http(s) URLs become links (a stored javascript: URL must never be clickable). */
function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes}バイト`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)}KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)}MB`;
}

function fileKind(contentType: string, filename: string): string {
  const ext = filename.includes('.') ? filename.split('.').pop()?.toUpperCase() : '';
  if (contentType === 'application/pdf') return 'PDF';
  if (contentType.startsWith('image/')) return `画像${ext ? `・${ext}` : ''}`;
  return ext || 'ファイル';
}

// ── shared parts ─────────────────────────────────────────────────────────────────────────────────────
export function faqList(site: PublicSite, items: readonly PublicFaqItem[]): SafeHtml {
  return html`<ul class="link-list">${items.map(
    (item) => html`<li><a href="${faqHref(site, item.faqCode)}">${item.question}</a></li>`,
  )}</ul>`;
}

/** Page links: ‹前へ 1 2 3 次へ›; `href(n)` builds a page's URL. */
export function pager(page: number, totalPages: number, href: (n: number) => string): SafeHtml {
  if (totalPages <= 1) return html``;
  const numbers: number[] = [];
  for (let n = Math.max(1, page - 2); n <= Math.min(totalPages, page + 2); n += 1) numbers.push(n);
  if (!numbers.includes(1)) numbers.unshift(1);
  if (!numbers.includes(totalPages)) numbers.push(totalPages);
  const parts: SafeHtml[] = [];
  if (page > 1) parts.push(html`<li><a href="${href(page - 1)}" rel="prev">前へ</a></li>`);
  let previous = 0;
  for (const n of numbers) {
    if (n - previous > 1) parts.push(html`<li aria-hidden="true">…</li>`);
    parts.push(
      n === page
        ? html`<li><span aria-current="page"><span class="visually-hidden">ページ</span>${n}</span></li>`
        : html`<li><a href="${href(n)}"><span class="visually-hidden">ページ</span>${n}</a></li>`,
    );
    previous = n;
  }
  if (page < totalPages) parts.push(html`<li><a href="${href(page + 1)}" rel="next">次へ</a></li>`);
  return html`<nav class="pager" aria-label="ページ送り"><ul>${parts}</ul></nav>`;
}

function hoursTable(site: PublicSite): SafeHtml {
  return html`<dl class="hours">${weeklyHoursRows(site.center.businessHours).map(
    (r) => html`<div><dt>${r.days}</dt><dd>${r.hours}</dd></div>`,
  )}</dl>`;
}

function relatedContactCard(contact: RelatedContact): SafeHtml {
  const url = contact.url ? safeUrl(contact.url) : null;
  return html`<li><div class="card"><h3>${contact.name}</h3>
${contact.phone ? html`<p>電話：${phoneLink(contact.phone)}</p>` : ''}
${contact.hours ? html`<p>受付時間：${contact.hours}</p>` : ''}
${contact.note ? html`<p>${contact.note}</p>` : ''}
${url ? html`<p><a href="${url}">${contact.name}のページ<span class="visually-hidden">（外部サイト）</span></a></p>` : ''}
</div></li>`;
}

function rankingList(site: PublicSite, items: readonly RankingItem[]): SafeHtml {
  return html`<ol class="ranking">${items.map(
    (item) =>
      html`<li><span class="rank">${item.rank}位</span><a href="${faqHref(site, item.faqId)}">${item.question}</a></li>`,
  )}</ol>`;
}

// ── homepage (seed 004 第2-8(3)) ─────────────────────────────────────────────────────────────────────
export function homeMain(site: PublicSite, data: { ranking: RankingItem[]; weekStart: string }): SafeHtml {
  const intro = site.settings.introduction.trim() || site.center.description.trim();
  const phoneLines = site.detail.lines.filter((l) => !/fax/i.test(l.label));
  const fax = site.detail.lines.filter((l) => /fax/i.test(l.label));
  const closures = site.detail.closures.filter((c) => c.kind === 'annual');
  return html`<h1>${site.center.name}</h1>
${intro ? paragraphs(intro) : ''}
<h2>お電話でのお問い合わせ</h2>
${
  phoneLines.length > 0
    ? html`<ul class="plain-list phone-list">${phoneLines.map(
        (l) =>
          html`<li>${l.label ? html`<span class="phone-label">${l.label}</span>` : ''}<span class="tel">${phoneLink(l.number)}</span></li>`,
      )}</ul>`
    : ''
}
${fax.length > 0 ? html`<p>${fax.map((l) => html`${l.label}：${l.number} `)}</p>` : ''}
<h3>受付時間</h3>
${hoursTable(site)}
${closures.length > 0 ? html`<p>休業日：${closures.map((c) => c.label).join('、')}</p>` : ''}
<h2>よくある質問</h2>
<p>手続きや制度についての質問と回答をまとめています。分野やキーワードから探すこともできます。</p>
<p><a class="button button--primary" href="${sitePath(site, '/faq/')}">よくある質問を見る</a></p>
${
  site.settings.inquiryEnabled
    ? html`<h2>メールでのお問い合わせ</h2>
<p>よくある質問で解決しない場合は、お問い合わせフォームからお送りください。受付番号をお知らせします。</p>
<p><a class="button" href="${sitePath(site, '/inquiry')}">お問い合わせフォームへ</a></p>`
    : ''
}
<h2>よく見られている質問</h2>
${
  data.ranking.length > 0
    ? html`<p class="hint">${jaDate(data.weekStart)}からの1週間の閲覧数による順位です。</p>${rankingList(site, data.ranking)}
<p><a href="${sitePath(site, '/ranking')}">ランキングをもっと見る</a></p>`
    : html`<p>集計中です。<a href="${sitePath(site, '/ranking')}">ランキングのページ</a>をご覧ください。</p>`
}
${
  site.settings.relatedContacts.length > 0
    ? html`<h2>専門の窓口</h2><p>内容によっては、次の窓口に直接お問い合わせいただくと早く解決します。</p>
<ul class="cards">${site.settings.relatedContacts.map(relatedContactCard)}</ul>`
    : ''
}`;
}

// ── FAQ site top ──────────────────────────────────────────────────────────────────────────────────────
export interface FaqTopData {
  categoryCounts: Map<string, number>;
  departmentCounts: Map<string, number>;
  keywords: string[];
  total: number;
}

export function faqTopMain(site: PublicSite, data: FaqTopData): SafeHtml {
  const axes = site.detail.categoryAxes
    .map((axis) => ({
      ...axis,
      categories: axis.categories.filter((c) => (data.categoryCounts.get(c.id) ?? 0) > 0),
    }))
    .filter((axis) => axis.categories.length > 0);
  const departments = site.detail.departments.filter((d) => (data.departmentCounts.get(d.id) ?? 0) > 0);
  const axisNames = new Set(axes.map((a) => a.name));
  const keywordHeading = axisNames.has('よく見られているキーワード')
    ? '最近よく見られているキーワード'
    : 'よく見られているキーワード';
  return html`<h1>よくある質問</h1>
<p>${data.total}件の質問と回答を掲載しています。上の検索欄から探すか、分野・所管課・キーワードからお選びください。</p>
${axes.map(
  (
    axis,
  ) => html`<section aria-labelledby="axis-${axis.key}"><h2 id="axis-${axis.key}">${axis.name}から探す</h2>
<ul class="grid-list">${axis.categories.map(
    (c) =>
      html`<li><a href="${sitePath(site, `/faq/category/${c.id}`)}">${c.name}<span class="visually-hidden">（${data.categoryCounts.get(c.id) ?? 0}件）</span></a></li>`,
  )}</ul></section>`,
)}
${
  departments.length > 0
    ? html`<section aria-labelledby="axis-departments"><h2 id="axis-departments">所管課から探す</h2>
<ul class="grid-list">${departments.map(
        (d) =>
          html`<li><a href="${sitePath(site, `/faq/department/${d.id}`)}">${d.name}<span class="visually-hidden">（${data.departmentCounts.get(d.id) ?? 0}件）</span></a></li>`,
      )}</ul></section>`
    : ''
}
${
  data.keywords.length > 0
    ? html`<section aria-labelledby="axis-keywords"><h2 id="axis-keywords">${keywordHeading}</h2>
<ul class="chips">${data.keywords.map(
        (k) => html`<li><a href="${sitePath(site, `/faq/keyword/${encodeURIComponent(k)}`)}">${k}</a></li>`,
      )}</ul></section>`
    : ''
}`;
}

/** A category, department or keyword page: its FAQs with paging. */
export function faqListMain(
  site: PublicSite,
  data: {
    heading: string;
    lead?: SafeHtml;
    items: PublicFaqItem[];
    total: number;
    page: number;
    path: string;
  },
): SafeHtml {
  const totalPages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const first = (data.page - 1) * PAGE_SIZE + 1;
  const last = first + data.items.length - 1;
  return html`<h1>${data.heading}</h1>
${data.lead ?? ''}
<p>${data.total}件${totalPages > 1 ? html`のうち ${first}〜${last}件目を表示しています` : ''}。</p>
${faqList(site, data.items)}
${pager(data.page, totalPages, (n) => sitePath(site, n === 1 ? data.path : `${data.path}?page=${n}`))}
<p><a href="${sitePath(site, '/faq/')}">よくある質問のトップへ戻る</a></p>`;
}

// ── FAQ page ──────────────────────────────────────────────────────────────────────────────────────────
export interface VoteState {
  /** The thank-you message after a vote (PRG). */
  thanks?: boolean;
  /** A form error: the message and what was typed (nothing typed is lost). */
  error?: { message: string; field: 'helpful' | 'comment'; helpful: string; comment: string };
}

function voteForm(site: PublicSite, faqCode: string, state: VoteState): SafeHtml {
  if (state.thanks) {
    return html`<section class="vote" id="vote" aria-labelledby="vote-title"><h2 id="vote-title" class="visually-hidden">アンケート</h2>
<div class="message" role="status"><p>ご回答ありがとうございました。いただいたご意見は、よくある質問の改善に役立てます。</p></div></section>`;
  }
  const error = state.error;
  const helpfulError = error?.field === 'helpful' ? error.message : null;
  const commentError = error?.field === 'comment' ? error.message : null;
  const checked = (value: string) => (error?.helpful === value ? raw(' checked') : '');
  return html`<section class="vote" id="vote" aria-labelledby="vote-title">
<h2 id="vote-title" class="visually-hidden">アンケート</h2>
${
  error
    ? html`<div class="message message--error" role="alert"><p>入力内容を確認してください：${error.message}</p></div>`
    : ''
}
<form method="post" action="${faqHref(site, faqCode, '/vote')}" novalidate>
<fieldset${helpfulError ? raw(' aria-describedby="vote-helpful-error"') : ''}>
<legend>この情報は役に立ちましたか？</legend>
${helpfulError ? html`<p id="vote-helpful-error" class="field-error">${helpfulError}</p>` : ''}
<div class="choices">
<label><input type="radio" name="helpful" value="yes" required${checked('yes')}>はい</label>
<label><input type="radio" name="helpful" value="no" required${checked('no')}>いいえ</label>
</div>
</fieldset>
<label class="block" for="vote-comment">ご意見（任意）</label>
<p id="vote-comment-hint" class="hint">${VOTE_COMMENT_MAX}文字以内。個人情報（お名前・住所・電話番号など）は書かないでください。このフォームへの返信はしていません。</p>
${commentError ? html`<p id="vote-comment-error" class="field-error">${commentError}</p>` : ''}
<textarea id="vote-comment" name="comment" rows="4" maxlength="${VOTE_COMMENT_MAX}" aria-describedby="vote-comment-hint${
    commentError ? ' vote-comment-error' : ''
  }"${commentError ? raw(' aria-invalid="true"') : ''}>${error?.comment ?? ''}</textarea>
<div class="hp-field" aria-hidden="true"><label for="vote-website">この欄には何も入力しないでください</label><input id="vote-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<p><button type="submit" class="button button--primary">送信する</button></p>
</form></section>`;
}

export function faqMain(site: PublicSite, faq: PublicFaqDetail, vote: VoteState): SafeHtml {
  const department = faq.departmentId ? site.detail.departments.find((d) => d.id === faq.departmentId) : null;
  const categoryLinks = site.detail.categoryAxes.flatMap((axis) =>
    axis.categories.filter((c) => faq.categoryIds.includes(c.id)).map((c) => ({ axis: axis.name, ...c })),
  );
  const urls = faq.relatedUrls.flatMap((u) => {
    const url = safeUrl(u.url);
    return url ? [{ title: u.title || u.url, url }] : [];
  });
  return html`<article>
<h1 class="faq-question"><span class="faq-label" aria-hidden="true">Q</span><span><span class="visually-hidden">質問：</span>${faq.question}</span></h1>
<div class="faq-answer"><span class="faq-label faq-label--a" aria-hidden="true">A</span><div class="faq-answer__body"><h2 class="visually-hidden">回答</h2>${raw(faq.answerHtml)}</div></div>
${
  faq.attachments.length > 0
    ? html`<section class="section" aria-labelledby="faq-attachments"><h2 id="faq-attachments">添付ファイル</h2>
<ul class="link-list">${faq.attachments.map(
        (a) =>
          html`<li><a href="${faqHref(site, faq.faqCode, `/attachments/${a.id}`)}" download>${a.filename}（${fileKind(a.contentType, a.filename)}、${fileSize(a.size)}）</a></li>`,
      )}</ul></section>`
    : ''
}
<dl class="meta-list">
<dt>FAQ番号</dt><dd>${faq.faqCode}</dd>
<dt>最終更新日</dt><dd><time datetime="${jstDate(faq.updatedAt)}">${jaDate(faq.updatedAt)}</time></dd>
${
  department
    ? html`<dt>所管課</dt><dd><a href="${sitePath(site, `/faq/department/${department.id}`)}">${department.name}</a>${
        department.phone ? html`（電話：${phoneLink(department.phone)}）` : ''
      }</dd>`
    : ''
}
${
  categoryLinks.length > 0
    ? html`<dt>分類</dt><dd>${categoryLinks.map(
        (c, i) =>
          html`${i > 0 ? '、' : ''}<a href="${sitePath(site, `/faq/category/${c.id}`)}">${c.name}</a>`,
      )}</dd>`
    : ''
}
</dl>
${voteForm(site, faq.faqCode, vote)}
${
  faq.related.length > 0
    ? html`<section class="section" aria-labelledby="faq-related"><h2 id="faq-related">関連する質問</h2>
<ul class="link-list">${faq.related.map(
        (r) => html`<li><a href="${faqHref(site, r.faqCode)}">${r.question}</a></li>`,
      )}</ul></section>`
    : ''
}
${
  urls.length > 0
    ? html`<section class="section" aria-labelledby="faq-urls"><h2 id="faq-urls">関連リンク</h2>
<ul class="link-list">${urls.map((u) => html`<li><a href="${u.url}">${u.title}</a></li>`)}</ul></section>`
    : ''
}
${
  site.settings.inquiryEnabled
    ? html`<section class="section" aria-labelledby="faq-more"><h2 id="faq-more">解決しない場合</h2>
<p><a href="${sitePath(site, '/inquiry')}">お問い合わせフォーム</a>からお送りいただくか、${site.center.name}へお電話ください。</p></section>`
    : ''
}
</article>`;
}

/** schema.org FAQPage as JSON-LD; `<`, `>`, `&` and the JS line separators are escaped for the script element. */
export function faqJsonLd(site: PublicSite, faq: PublicFaqDetail): SafeHtml {
  const url = canonicalUrl(site, `/faq/${encodeURIComponent(faq.faqCode)}`);
  const data = {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    // Only an absolute URL (PUBLIC_URL or the own host name configured) says something.
    ...(/^https?:/.test(url) ? { url } : {}),
    dateModified: faq.updatedAt.toISOString(),
    mainEntity: [
      {
        '@type': 'Question',
        name: faq.question,
        acceptedAnswer: { '@type': 'Answer', text: faq.answerHtml },
      },
    ],
  };
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return raw(`<script type="application/ld+json">${json}</script>`);
}

export function faqBreadcrumbs(site: PublicSite, faq: PublicFaqDetail): Breadcrumb[] {
  // The first category of the first axis gives the trail a place to go back to.
  const firstCategory = site.detail.categoryAxes
    .flatMap((axis) => axis.categories)
    .find((c) => faq.categoryIds.includes(c.id));
  return [
    { label: 'よくある質問', path: '/faq/' },
    ...(firstCategory ? [{ label: firstCategory.name, path: `/faq/category/${firstCategory.id}` }] : []),
    { label: faq.question.length > 40 ? `${faq.question.slice(0, 40)}…` : faq.question },
  ];
}

// ── search ────────────────────────────────────────────────────────────────────────────────────────────
export interface SearchHitView {
  faqCode: string;
  question: string;
  /** Escaped text with <mark>, from the search engine (engine/snippet.ts). */
  snippetHtml: string;
}

export function searchMain(
  site: PublicSite,
  data: {
    q: string;
    hits: SearchHitView[];
    page: number;
    totalPages: number;
    total: number;
    didYouMean: string | null;
    searchId: string | null;
  },
): SafeHtml {
  const sid = data.searchId ? `?sid=${encodeURIComponent(data.searchId)}` : '';
  const searchHref = (q: string, page = 1) =>
    sitePath(
      site,
      `/faq/search?q=${encodeURIComponent(q)}${page > 1 ? `&page=${page}` : ''}${
        data.searchId ? `&sid=${encodeURIComponent(data.searchId)}` : ''
      }`,
    );
  const didYouMean = data.didYouMean
    ? html`<p class="message">もしかして：<a href="${sitePath(site, `/faq/search?q=${encodeURIComponent(data.didYouMean)}`)}">${data.didYouMean}</a></p>`
    : '';
  if (data.q === '') {
    return html`<h1>よくある質問の検索</h1>
<p>ページ上部の検索欄に、知りたいことを入力してください。文章で入力しても探せます（例：「住民票をコンビニで取りたい」）。</p>
<p><a href="${sitePath(site, '/faq/')}">分野やキーワードから探す</a></p>`;
  }
  if (data.hits.length === 0) return noResultsMain(site, data.q, didYouMean);
  const first = (data.page - 1) * SEARCH_PAGE_SIZE + 1;
  return html`<h1>「${data.q}」の検索結果</h1>
${didYouMean}
<p role="status">${data.total}件見つかりました${data.totalPages > 1 ? html`（${first}〜${first + data.hits.length - 1}件目）` : ''}。</p>
<ol class="results" start="${first}">${data.hits.map(
    (hit) => html`<li><h2><a href="${faqHref(site, hit.faqCode, sid)}">${hit.question}</a></h2>
<p>${raw(hit.snippetHtml)}</p></li>`,
  )}</ol>
${pager(data.page, data.totalPages, (n) => searchHref(data.q, n))}
<p>お探しの情報が見つからないときは、<a href="${sitePath(site, '/faq/')}">分野やキーワードから探す</a>${
    site.settings.inquiryEnabled
      ? html`か、<a href="${sitePath(site, '/inquiry')}">お問い合わせフォーム</a>をご利用ください`
      : html`ことができます`
  }。</p>`;
}

export const SEARCH_PAGE_SIZE = 10;

function noResultsMain(site: PublicSite, q: string, didYouMean: SafeHtml | string): SafeHtml {
  const axis = site.detail.categoryAxes[0];
  return html`<h1>「${q}」の検索結果</h1>
${didYouMean}
<p role="status">「${q}」に一致するよくある質問は見つかりませんでした。</p>
<h2>探し方のヒント</h2>
<ul>
<li>言葉を短くするか、別の言い方で検索してください（例：「ごみ 出し方」「保育園 申込み」）。</li>
<li>ひらがなで入力しても探せます。</li>
<li>分野や所管課から探すこともできます。</li>
</ul>
${
  axis && axis.categories.length > 0
    ? html`<h2>${axis.name}から探す</h2><ul class="grid-list">${axis.categories.map(
        (c) => html`<li><a href="${sitePath(site, `/faq/category/${c.id}`)}">${c.name}</a></li>`,
      )}</ul>`
    : ''
}
<p><a href="${sitePath(site, '/faq/')}">よくある質問のトップへ</a></p>
<h2>お問い合わせ</h2>
${
  site.settings.inquiryEnabled
    ? html`<p>解決しない場合は<a href="${sitePath(site, '/inquiry')}">お問い合わせフォーム</a>からお送りください。</p>`
    : ''
}
${
  site.detail.lines.length > 0
    ? html`<p>お電話でのお問い合わせ：${site.detail.lines
        .filter((l) => !/fax/i.test(l.label))
        .slice(0, 1)
        .map((l) => phoneLink(l.number))}</p>`
    : ''
}`;
}

// ── ranking ───────────────────────────────────────────────────────────────────────────────────────────
export function rankingMain(
  site: PublicSite,
  data: {
    weekStart: string;
    weekEnd: string;
    items: RankingItem[];
    previous: string | null;
    next: string | null;
  },
): SafeHtml {
  const weekHref = (w: string) => sitePath(site, `/ranking?week=${w}`);
  return html`<h1>よく見られている質問ランキング</h1>
<p>${jaDate(data.weekStart)}（月）から${jaDate(data.weekEnd)}（日）までの1週間に、よく見られた質問の順位です。</p>
${data.items.length > 0 ? rankingList(site, data.items) : html`<p>この週の集計結果はありません。</p>`}
<nav class="pager" aria-label="集計週の切り替え"><ul>
${data.previous ? html`<li><a href="${weekHref(data.previous)}">前の週</a></li>` : ''}
${data.next ? html`<li><a href="${weekHref(data.next)}">次の週</a></li>` : ''}
</ul></nav>`;
}

// ── errors ────────────────────────────────────────────────────────────────────────────────────────────
export function notFoundMain(site: PublicSite | null): SafeHtml {
  return html`<h1>ページが見つかりません</h1>
<p>お探しのページは、削除されたか、公開が終了したか、アドレスが変わった可能性があります。</p>
${
  site
    ? html`<ul>
<li><a href="${sitePath(site, '/faq/')}">よくある質問のトップへ</a></li>
<li><a href="${sitePath(site, '/')}">${site.center.name}のホームへ</a></li>
</ul>`
    : html`<p><a href="/">トップページへ</a></p>`
}`;
}

export function errorMain(site: PublicSite | null, status: number): SafeHtml {
  const message =
    status === 429
      ? '短い時間に多くの送信がありました。しばらく待ってから、もう一度お試しください。'
      : status === 413
        ? '送信された内容が大きすぎます。'
        : status >= 500
          ? 'ただいま表示できません。しばらく待ってから、もう一度お試しください。'
          : 'リクエストの内容が正しくありません。';
  return html`<h1>${status === 429 ? '送信が多すぎます' : status >= 500 ? 'ただいま表示できません' : 'エラー'}</h1>
<p>${message}</p>
${site ? html`<p><a href="${sitePath(site, '/')}">${site.center.name}のホームへ</a></p>` : html`<p><a href="/">トップページへ</a></p>`}`;
}
