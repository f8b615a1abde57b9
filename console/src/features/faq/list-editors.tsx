import { type KeyboardEvent, type ReactNode, useId, useRef, useState } from 'react';

/**
 * A list of short texts (言い換え, キーワード, 関連FAQ): an input with 「追加」 (Enter adds too) and the items,
 * each with its own 「削除」 button. Changes are announced politely.
 */
export function StringListEditor({
  label,
  name,
  hint,
  items,
  onChange,
  error,
  validate,
  maxItems,
  maxLength,
  placeholder,
  renderItem,
}: {
  label: string;
  name: string;
  hint?: ReactNode;
  items: string[];
  onChange: (items: string[]) => void;
  error?: string | undefined;
  /** A message when the text cannot be added. */
  validate?: (text: string) => string | undefined;
  maxItems: number;
  maxLength: number;
  placeholder?: string;
  renderItem?: (item: string) => ReactNode;
}) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const [localError, setLocalError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const shownError = localError ?? error;

  const add = () => {
    const text = draft.trim();
    if (text === '') {
      setLocalError(`${label}を入力してから追加してください`);
      inputRef.current?.focus();
      return;
    }
    const problem =
      text.length > maxLength
        ? `${maxLength}文字以内で入力してください`
        : items.includes(text)
          ? 'すでに追加されています'
          : items.length >= maxItems
            ? `${maxItems}件まで登録できます`
            : validate?.(text);
    if (problem) {
      setLocalError(problem);
      inputRef.current?.focus();
      return;
    }
    setLocalError(undefined);
    onChange([...items, text]);
    setDraft('');
    setAnnouncement(`「${text}」を追加しました。${items.length + 1}件です。`);
    inputRef.current?.focus();
  };

  const remove = (index: number) => {
    const removed = items[index];
    onChange(items.filter((_, i) => i !== index));
    setAnnouncement(`「${removed}」を削除しました。`);
    inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      add();
    }
  };

  const describedBy = [hint ? `${id}-hint` : null, shownError ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={`field string-list${shownError ? ' field--invalid' : ''}`}>
      <div className="field__label-row">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
      </div>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="string-list__entry">
        <input
          ref={inputRef}
          id={id}
          name={name}
          className="input"
          value={draft}
          placeholder={placeholder}
          autoComplete="off"
          aria-invalid={shownError ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            if (localError) setLocalError(undefined);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="button button--secondary" onClick={add}>
          追加<span className="visually-hidden">（{label}）</span>
        </button>
      </div>
      {shownError && (
        // A problem found on 「追加」 is announced; the form announces its own errors on submit.
        <p className="field__error" id={`${id}-error`} role={localError ? 'alert' : undefined}>
          <span aria-hidden="true">⚠ </span>
          {shownError}
        </p>
      )}
      {items.length > 0 ? (
        <ul className="string-list__items" aria-label={`登録済みの${label}`}>
          {items.map((item, index) => (
            <li key={item} className="string-list__item">
              <span className="string-list__text">{renderItem ? renderItem(item) : item}</span>
              <button
                type="button"
                className="string-list__remove"
                onClick={() => remove(index)}
                aria-label={`「${item}」を削除`}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted string-list__empty">登録されていません。</p>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}
