import {
  type FaqRanking,
  faqRankingSchema,
  type Role,
  type SearchResult,
  type SessionCenter,
  searchResultSchema,
} from '@madoguchi/contracts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Checkbox } from '../../components/fields.tsx';
import { EmptyState, LoadError, Loading, PageHeader } from '../../components/page.tsx';
import { api, centerPath } from '../../lib/api.ts';
import { can } from '../../lib/permissions.ts';
import { Link, navigate } from '../../lib/router.tsx';
import { useApi } from '../../lib/use-api.ts';
import { departmentName, type SearchHit, useCenterDetail } from '../faq/api.ts';
import { lastCompleteMondayJst } from '../faq/dates.ts';
import { CategoryDepartmentFilters } from '../faq/faq-filters.tsx';
import { Snippet } from '../faq/html.tsx';
import { StateBadge } from '../faq/parts.tsx';
import { faqHref, faqItemHref, setQueryParams, useQueryParams } from '../faq/routes.ts';
import { SearchCombobox } from './search-combobox.tsx';

const LIMIT = 20;

/** FAQ検索: the operator's main tool. The words, filters and results live in the URL (戻る returns here). */
export function FaqSearchPage({ center, roles }: { center: SessionCenter; roles: Set<Role> }) {
  const slug = center.slug;
  const params = useQueryParams();
  const q = (params.get('q') ?? '').trim();
  const categoryId = params.get('categoryId') ?? '';
  const departmentId = params.get('departmentId') ?? '';
  const scope = params.get('scope') === 'published' ? 'published' : 'all';
  const [text, setText] = useState(q);
  const [filters, setFilters] = useState({ categoryId, departmentId, published: scope === 'published' });
  const [error, setError] = useState<string | undefined>();
  const detail = useCenterDetail(slug);
  const inputRef = useRef<HTMLInputElement>(null);
  const resultsHeadingId = useId();

  // Back / forward: the box and the filters follow the URL.
  useEffect(() => {
    setText(q);
    setFilters({ categoryId, departmentId, published: scope === 'published' });
  }, [q, categoryId, departmentId, scope]);

  const results = useApi<SearchResult>(
    q ? `search:${slug}:${q}:${categoryId}:${departmentId}:${scope}` : null,
    (signal) =>
      api.get<SearchResult>(centerPath(slug, '/search'), {
        signal,
        query: {
          q,
          limit: LIMIT,
          categoryId: categoryId || undefined,
          departmentId: departmentId || undefined,
          scope,
        },
        schema: searchResultSchema,
      }),
  );

  const search = (words: string, f = filters) => {
    const value = words.trim();
    if (value === '') {
      setError('検索語を入力してください');
      inputRef.current?.focus();
      return;
    }
    setError(undefined);
    setQueryParams({
      q: value.slice(0, 200),
      categoryId: f.categoryId || undefined,
      departmentId: f.departmentId || undefined,
      scope: f.published ? 'published' : undefined,
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    search(text);
  };

  const data = q ? results.data : undefined;
  const searchId = data?.searchId ?? null;

  const open = (hit: SearchHit) => {
    if (searchId) {
      api
        .post(centerPath(slug, `/search/${encodeURIComponent(searchId)}/click`), { faqId: hit.faqId })
        .catch(() => {
          // Counting the click must never get in the way of opening the FAQ.
        });
    }
  };

  return (
    <>
      <PageHeader
        title="FAQ検索"
        lead="問い合わせの言葉で FAQ を探します。回答に使った FAQ では「この FAQ で回答した」を押してください。"
      />
      <search aria-label="FAQ検索">
        <form className="filters faq-search" onSubmit={submit} noValidate>
          <div className="faq-search__row">
            <SearchCombobox
              slug={slug}
              value={text}
              onChange={(v) => {
                setText(v);
                if (error) setError(undefined);
              }}
              onSearch={(v) => search(v)}
              onOpenFaq={(faqId, typed) =>
                navigate(faqItemHref(slug, faqId, { q: typed.trim() || undefined }))
              }
              scope={filters.published ? 'published' : 'all'}
              error={error}
              inputRef={inputRef}
            />
            <button type="submit" className="button button--primary faq-search__submit">
              検索
            </button>
          </div>
          <div className="filters__grid">
            <CategoryDepartmentFilters
              center={detail.data}
              value={filters}
              onChange={(change) => setFilters((f) => ({ ...f, ...change }))}
            />
            <Checkbox
              className="filters__checkbox"
              label="公開中の FAQ だけ"
              name="published"
              checked={filters.published}
              onChange={(e) => setFilters((f) => ({ ...f, published: e.target.checked }))}
            />
          </div>
        </form>
      </search>

      {!q ? (
        <PopularFaqs slug={slug} />
      ) : (
        <section className="search-results" aria-labelledby={resultsHeadingId}>
          <h2 id={resultsHeadingId} className="section__title search-results__title">
            検索結果
          </h2>
          {results.error !== undefined && <LoadError error={results.error} onRetry={results.reload} />}
          <p className="result-count" role="status">
            {data && !results.loading
              ? `「${data.query || q}」の検索結果：${data.hits.length}件${data.hits.length >= LIMIT ? '（上位のみ表示）' : ''}`
              : ''}
          </p>
          {data?.suggestion && (
            <p className="did-you-mean">
              もしかして：
              <Link
                to={faqHref(slug, 'search', {
                  q: data.suggestion,
                  categoryId: categoryId || undefined,
                  departmentId: departmentId || undefined,
                  scope: scope === 'published' ? scope : undefined,
                })}
                onClick={() => setText(data.suggestion ?? '')}
              >
                {data.suggestion}
              </Link>
            </p>
          )}
          {!data ? (
            results.loading && <Loading label="検索しています…" />
          ) : data.hits.length === 0 ? (
            <EmptyState>
              該当する FAQ
              は見つかりませんでした。言葉を短くする、別の言い方にする、絞り込みを外すなどを試してください。
            </EmptyState>
          ) : (
            <ol className="search-hits" aria-busy={results.loading}>
              {data.hits.map((hit) => (
                <li key={hit.id} className="search-hit">
                  <h3 className="search-hit__title">
                    <Link to={faqItemHref(slug, hit.faqId, { q })} onClick={() => open(hit)}>
                      {hit.question}
                    </Link>
                  </h3>
                  <p className="search-hit__meta">
                    <code>{hit.faqId}</code>
                    <StateBadge state={hit.publicationState} />
                    <span>{departmentName(detail.data, hit.departmentId)}</span>
                  </p>
                  {hit.snippet && (
                    <p className="search-hit__snippet">
                      <Snippet text={hit.snippet} />
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
          {can.editFaq(roles) && data && data.hits.length === 0 && (
            <p>
              <Link to={faqHref(slug, 'new', { question: q })}>この質問の FAQ を作成する</Link>
            </p>
          )}
        </section>
      )}
    </>
  );
}

/** Before the first search: last week's most viewed FAQs (left out when the ranking is unavailable). */
function PopularFaqs({ slug }: { slug: string }) {
  const week = lastCompleteMondayJst();
  const ranking = useApi<FaqRanking>(`faq-ranking:${slug}:${week}:all`, (signal) =>
    api.get<FaqRanking>(centerPath(slug, '/faq-ranking'), {
      signal,
      query: { week, channel: 'all', limit: 10 },
      schema: faqRankingSchema,
    }),
  );
  const items = (ranking.data?.items ?? []).slice(0, 10);
  if (items.length === 0) return null;
  return (
    <section className="section popular" aria-labelledby="popular-heading">
      <div className="section__header">
        <h2 id="popular-heading" className="section__title">
          先週よく見られた FAQ
        </h2>
        <Link to={faqHref(slug, 'ranking')}>ランキングを見る</Link>
      </div>
      <ol className="popular__list">
        {items.map((item) => (
          <li key={item.faqId}>
            <Link to={faqItemHref(slug, item.faqId)}>{item.question}</Link>{' '}
            <code className="muted">{item.faqId}</code>
          </li>
        ))}
      </ol>
    </section>
  );
}
