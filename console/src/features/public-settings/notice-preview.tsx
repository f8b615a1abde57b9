import { type NoticeLevel, noticeLevelLabels } from '@madoguchi/contracts';
import './public-settings.css';

/**
 * How the banner looks at the top of every public page (public-site/layout.ts renders the same heading and
 * paragraphs; the colours follow the site's stylesheet).
 */
export function NoticePreview({ text, level }: { text: string; level: NoticeLevel }) {
  const paragraphs = text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (paragraphs.length === 0)
    return <p className="notice-preview notice-preview--empty">お知らせバナーは表示されません。</p>;
  return (
    <div className={`notice-preview notice-preview--${level}`}>
      <p className="notice-preview__title">{noticeLevelLabels[level]}</p>
      {paragraphs.map((p, i) => (
        // Paragraph order is all there is to key on; the text is re-split on every keystroke.
        // biome-ignore lint/suspicious/noArrayIndexKey: no identity beyond position
        <p key={i} className="notice-preview__text">
          {p}
        </p>
      ))}
    </div>
  );
}
