import {
  type CalendarDay,
  type Center,
  calendarDaySchema,
  centerSchema,
  type OpenStatus,
  openStatusSchema,
  type Role,
  roleLabels,
  type SessionCenter,
} from '@madoguchi/contracts';
import { useEffect } from 'react';
import { EmptyState, LoadError, Loading, PageHeader, Section } from '../../components/page.tsx';
import { api, centerPath } from '../../lib/api.ts';
import { addDays, formatDateJa, formatHours, summarizeWeek, todayJst } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';

const DAYS = 14;
const calendarListSchema = calendarDaySchema.array();

export function HomePage({ center, roles }: { center: SessionCenter; roles: Set<Role> }) {
  const slug = center.slug;
  const today = todayJst();
  const detail = useApi<Center>(`center:${slug}`, (signal) =>
    api.get<Center>(centerPath(slug), { signal, schema: centerSchema }),
  );
  const status = useApi<OpenStatus>(`status:${slug}`, (signal) =>
    api.get<OpenStatus>(centerPath(slug, '/status'), { signal, schema: openStatusSchema }),
  );
  const calendar = useApi<CalendarDay[]>(`calendar:${slug}:${today}`, (signal) =>
    api.get<CalendarDay[]>(centerPath(slug, '/calendar'), {
      signal,
      query: { from: today, to: addDays(today, DAYS - 1) },
      schema: calendarListSchema,
    }),
  );

  // The open/closed state changes with the clock: refresh it every minute.
  const reloadStatus = status.reload;
  useEffect(() => {
    const timer = window.setInterval(reloadStatus, 60_000);
    return () => window.clearInterval(timer);
  }, [reloadStatus]);

  const myRoles = [...roles].map((r) => roleLabels[r]).join('、');

  return (
    <>
      <PageHeader title={center.name} lead={detail.data?.description || undefined} />
      <p className="muted">
        {center.kind === 'general' ? '総合コールセンター' : '特定コールセンター'}
        {myRoles && <>／あなたの役割：{myRoles}</>}
      </p>

      <Section title="現在の受付状況">
        {status.error !== undefined && !status.data ? (
          <LoadError error={status.error} onRetry={status.reload} />
        ) : !status.data ? (
          <Loading />
        ) : (
          <StatusCard status={status.data} today={calendar.data?.[0]} />
        )}
      </Section>

      <Section title={`今後${DAYS}日間の受付予定`} id="calendar">
        {calendar.error !== undefined && !calendar.data ? (
          <LoadError error={calendar.error} onRetry={calendar.reload} />
        ) : !calendar.data ? (
          <Loading />
        ) : (
          <CalendarTable days={calendar.data} today={today} />
        )}
      </Section>

      {detail.error !== undefined && !detail.data ? (
        <LoadError error={detail.error} onRetry={detail.reload} />
      ) : !detail.data ? (
        <Loading />
      ) : (
        <>
          <Section title="回線（代表電話）" id="lines">
            {detail.data.lines.length === 0 ? (
              <EmptyState>回線は登録されていません。</EmptyState>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">回線の一覧</caption>
                  <thead>
                    <tr>
                      <th scope="col">回線名</th>
                      <th scope="col">電話番号</th>
                    </tr>
                  </thead>
                  <tbody>
                    {detail.data.lines.map((line) => (
                      <tr key={line.id}>
                        <th scope="row">{line.label}</th>
                        <td className="nowrap">{line.number}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Section>
          <Section
            title="所管課"
            id="departments"
            description="所管課への転送・取次ぎは各課の受付時間内に限ります。時間外は電話番号と受付時間を案内してください。"
          >
            {detail.data.departments.length === 0 ? (
              <EmptyState>所管課は登録されていません。</EmptyState>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">所管課の一覧</caption>
                  <thead>
                    <tr>
                      <th scope="col">コード</th>
                      <th scope="col">所管課</th>
                      <th scope="col">電話番号</th>
                      <th scope="col">受付時間</th>
                    </tr>
                  </thead>
                  <tbody>
                    {detail.data.departments.map((d) => (
                      <tr key={d.id}>
                        <td>{d.code || '—'}</td>
                        <th scope="row">{d.name}</th>
                        <td className="nowrap">{d.phone || '—'}</td>
                        <td>{summarizeWeek(d.officeHours)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Section>
        </>
      )}
    </>
  );
}

function StatusCard({ status, today }: { status: OpenStatus; today: CalendarDay | undefined }) {
  const hours = status.hours ?? today?.hours ?? null;
  let headline: string;
  let note: string | null = null;
  switch (status.reason) {
    case 'open':
      headline = '受付中';
      break;
    case 'closure':
      headline = '休業中';
      note = status.closure ? `休業期間（${status.closure}）です。` : '休業期間です。';
      break;
    case 'closed_day':
      headline = '本日は休業日';
      break;
    case 'outside_hours':
      headline = '受付時間外';
      break;
  }
  return (
    <div className={`status-card${status.open ? ' status-card--open' : ' status-card--closed'}`}>
      <p className="status-card__headline">
        <span className="status-card__dot" aria-hidden="true" />
        {headline}
      </p>
      <dl className="details details--inline">
        <div>
          <dt>本日の受付時間</dt>
          <dd>
            {status.reason === 'closure' || status.reason === 'closed_day' ? '休業' : formatHours(hours)}
          </dd>
        </div>
        {status.holidayName && (
          <div>
            <dt>祝日</dt>
            <dd>{status.holidayName}</dd>
          </div>
        )}
      </dl>
      {note && <p className="status-card__note">{note}</p>}
    </div>
  );
}

function CalendarTable({ days, today }: { days: CalendarDay[]; today: string }) {
  if (days.length === 0) return <EmptyState>予定はありません。</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="table table--compact">
        <caption className="visually-hidden">今後の受付予定</caption>
        <thead>
          <tr>
            <th scope="col">日付</th>
            <th scope="col">受付時間</th>
            <th scope="col">備考</th>
          </tr>
        </thead>
        <tbody>
          {days.map((day) => {
            const closed = day.closure !== null || day.hours === null;
            const notes = [day.holidayName, day.closure ? `休業：${day.closure}` : null].filter(Boolean);
            return (
              <tr key={day.date} className={closed ? 'row--closed' : undefined}>
                <th scope="row" className="nowrap">
                  {formatDateJa(day.date)}
                  {day.date === today && <span className="badge badge--info">今日</span>}
                </th>
                <td className="nowrap">{day.closure ? '休業' : formatHours(day.hours)}</td>
                <td>{notes.join('／') || '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
