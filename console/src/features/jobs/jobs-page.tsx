import { type JobQueueStatus, jobQueueStatusSchema } from '@madoguchi/contracts';
import { EmptyState, LoadError, Loading, PageHeader } from '../../components/page.tsx';
import { api } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.ts';

const jobListSchema = jobQueueStatusSchema.array();

/** pg-boss job states in Japanese. */
const stateLabels: Record<string, string> = {
  created: '待機中',
  retry: '再試行待ち',
  active: '実行中',
  completed: '完了',
  cancelled: '取消',
  failed: '失敗',
};

export function JobsPage() {
  const jobs = useApi<JobQueueStatus[]>('jobs', (signal) =>
    api.get<JobQueueStatus[]>('/jobs', { signal, schema: jobListSchema }),
  );

  return (
    <>
      <PageHeader title="ジョブ状況" lead="定期処理（集計、データの削除、メール受信など）の実行状況です。">
        <button
          type="button"
          className="button button--secondary"
          onClick={jobs.reload}
          aria-busy={jobs.loading}
        >
          最新の状態に更新
        </button>
      </PageHeader>
      {jobs.error !== undefined && <LoadError error={jobs.error} onRetry={jobs.reload} />}
      {!jobs.data ? (
        jobs.loading && <Loading />
      ) : jobs.data.length === 0 ? (
        <EmptyState>登録されているジョブはありません。</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table table--compact">
            <caption className="table__caption">ジョブの状況</caption>
            <thead>
              <tr>
                <th scope="col">ジョブ</th>
                <th scope="col">実行予定</th>
                <th scope="col" className="num">
                  待機
                </th>
                <th scope="col" className="num">
                  実行中
                </th>
                <th scope="col" className="num">
                  失敗
                </th>
                <th scope="col" className="num">
                  完了
                </th>
                <th scope="col">前回の実行</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.map((job) => (
                <tr key={job.name}>
                  <th scope="row">
                    <span className="job__description">{job.description || job.name}</span>
                    <code className="job__name">{job.name}</code>
                  </th>
                  <td>{job.schedule ? <code>{job.schedule}</code> : <span className="muted">随時</span>}</td>
                  <td className="num">{job.queued}</td>
                  <td className="num">{job.active}</td>
                  <td className={`num${job.failed > 0 ? ' text-error' : ''}`}>{job.failed}</td>
                  <td className="num">{job.completed}</td>
                  <td>
                    {job.lastRun ? (
                      <>
                        <span
                          className={`badge ${job.lastRun.state === 'failed' ? 'badge--error' : job.lastRun.state === 'completed' ? 'badge--success' : 'badge--info'}`}
                        >
                          {stateLabels[job.lastRun.state] ?? job.lastRun.state}
                        </span>
                        <span className="job__time">開始 {formatDateTime(job.lastRun.startedAt)}</span>
                        <span className="job__time">終了 {formatDateTime(job.lastRun.completedAt)}</span>
                        {job.lastRun.output != null && (
                          <details className="disclosure disclosure--compact">
                            <summary>出力</summary>
                            <pre className="json">{JSON.stringify(job.lastRun.output, null, 2)}</pre>
                          </details>
                        )}
                      </>
                    ) : (
                      <span className="muted">未実行</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
