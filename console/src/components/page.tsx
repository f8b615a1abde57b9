import { type ReactNode, useEffect, useRef } from 'react';
import { errorText } from '../lib/api.ts';
import { takeFocusRequest } from '../lib/router.tsx';

/** The page's h1; sets the document title and takes focus after an in-app navigation. */
export function PageHeader({
  title,
  lead,
  children,
}: {
  title: string;
  lead?: ReactNode;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title}｜窓口 Madoguchi`;
  }, [title]);
  useEffect(() => {
    if (takeFocusRequest()) ref.current?.focus();
  }, []);
  return (
    <div className="page-header">
      <div>
        <h1 ref={ref} tabIndex={-1} className="page-header__title">
          {title}
        </h1>
        {lead && <p className="page-header__lead">{lead}</p>}
      </div>
      {children && <div className="page-header__actions">{children}</div>}
    </div>
  );
}

export function Loading({ label = '読み込み中です…' }: { label?: string }) {
  return (
    <p className="loading" role="status">
      <span className="loading__spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

/** A failed load, announced, with a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="alert alert--error" role="alert">
      <p>{errorText(error)}</p>
      {onRetry && (
        <button type="button" className="button button--secondary button--small" onClick={onRetry}>
          再読み込み
        </button>
      )}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A titled block inside a page. */
export function Section({
  title,
  id,
  description,
  actions,
  children,
}: {
  title: string;
  id?: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = `${id ?? title}-heading`;
  return (
    <section className="section" id={id} aria-labelledby={headingId}>
      <div className="section__header">
        <h2 id={headingId} className="section__title">
          {title}
        </h2>
        {actions && <div className="section__actions">{actions}</div>}
      </div>
      {description && <p className="section__description">{description}</p>}
      {children}
    </section>
  );
}
