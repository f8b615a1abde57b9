import { type Suggestion, suggestionSchema } from '@madoguchi/contracts';
import { type KeyboardEvent, type Ref, useEffect, useId, useRef, useState } from 'react';
import { api, centerPath } from '../../lib/api.ts';

const DEBOUNCE_MS = 150;
const suggestionListSchema = suggestionSchema.array();

/**
 * The search box with suggestions while typing: a WAI-ARIA combobox (list autocomplete). ↓/↑ move through
 * the suggestions (aria-activedescendant; focus stays in the box), Enter takes the highlighted one (a FAQ
 * opens it, a query searches it) or searches the text, Escape closes the list and then clears the box.
 */
export function SearchCombobox({
  slug,
  value,
  onChange,
  onSearch,
  onOpenFaq,
  scope,
  error,
  inputRef,
}: {
  slug: string;
  value: string;
  onChange: (value: string) => void;
  /** Search for the text (Enter without a highlighted suggestion, or a query suggestion). */
  onSearch: (text: string) => void;
  /** A FAQ suggestion was chosen; `typed` is what the box held. */
  onOpenFaq: (faqId: string, typed: string) => void;
  scope: 'all' | 'published';
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const id = useId();
  const listboxId = `${id}-listbox`;
  const labelId = `${id}-label`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const [options, setOptions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState('');
  /** The text suggestions were asked for; typing resets it, choosing does not. */
  const [fetchFor, setFetchFor] = useState<string | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const text = fetchFor?.trim() ?? '';
    if (text === '') {
      setOptions([]);
      setOpen(false);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      api
        .get<Suggestion[]>(centerPath(slug, '/search/suggest'), {
          query: { q: text.slice(0, 100), limit: 8, scope },
          signal: controller.signal,
          schema: suggestionListSchema,
        })
        .then(
          (list) => {
            if (controller.signal.aborted) return;
            const items = Array.isArray(list) ? list : [];
            setOptions(items);
            setActive(-1);
            setOpen(items.length > 0);
            setAnnouncement(
              items.length > 0 ? `候補が${items.length}件あります。上下の矢印キーで選べます。` : '',
            );
          },
          () => {
            // Suggestions are a convenience: a failure leaves the box working as a plain search field.
            if (!controller.signal.aborted) {
              setOptions([]);
              setOpen(false);
            }
          },
        );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [fetchFor, slug, scope]);

  // Close when the pointer goes down elsewhere.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const choose = (option: Suggestion) => {
    close();
    setAnnouncement('');
    if (option.kind === 'faq' && option.faqId) {
      onOpenFaq(option.faqId, value);
    } else {
      onChange(option.text);
      onSearch(option.text);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    const count = options.length;
    switch (event.key) {
      case 'ArrowDown':
        if (count === 0) return;
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(event.altKey ? -1 : 0);
        } else {
          setActive((i) => (i + 1 >= count ? 0 : i + 1));
        }
        break;
      case 'ArrowUp':
        if (count === 0) return;
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(count - 1);
        } else {
          setActive((i) => (i <= 0 ? count - 1 : i - 1));
        }
        break;
      case 'Enter': {
        const option = open && active >= 0 ? options[active] : undefined;
        if (option) {
          event.preventDefault();
          choose(option);
        } else {
          close();
          // The form submits: a search for the text.
        }
        break;
      }
      case 'Escape':
        if (open) {
          event.preventDefault();
          close();
        } else if (value !== '') {
          event.preventDefault();
          onChange('');
          setFetchFor(null);
        }
        break;
      case 'Tab':
        close();
        break;
    }
  };

  const activeOption = open && active >= 0 ? `${id}-option-${active}` : undefined;
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(' ');

  return (
    <div className={`field combobox${error ? ' field--invalid' : ''}`} ref={rootRef}>
      <label className="field__label" id={labelId} htmlFor={`${id}-input`}>
        検索語
      </label>
      <p className="field__hint" id={hintId}>
        市民の言葉のまま入力できます（例：粗大ごみ 出し方）。入力中に候補を表示します。
      </p>
      <div className="combobox__box">
        <input
          ref={inputRef}
          id={`${id}-input`}
          name="q"
          type="text"
          role="combobox"
          className="input combobox__input"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          enterKeyHint="search"
          maxLength={200}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listboxId}
          aria-activedescendant={activeOption}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          value={value}
          onChange={(e) => {
            onChange(e.target.value);
            setFetchFor(e.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => close()}
        />
        <div
          id={listboxId}
          role="listbox"
          aria-labelledby={labelId}
          className="combobox__listbox"
          hidden={!open || options.length === 0}
        >
          {options.map((option, index) => (
            // Options of a combobox are not focusable: focus stays in the box (aria-activedescendant) and the
            // keys are handled there.
            // biome-ignore lint/a11y/useFocusableInteractive: see above
            // biome-ignore lint/a11y/useKeyWithClickEvents: see above
            <div
              // biome-ignore lint/suspicious/noArrayIndexKey: suggestions are replaced as a whole
              key={index}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={index === active}
              className={`combobox__option${index === active ? ' combobox__option--active' : ''}`}
              // Keep focus in the box: the click chooses, blur must not close first.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(option)}
              onMouseMove={() => setActive(index)}
            >
              <span className={`combobox__kind combobox__kind--${option.kind}`}>
                {option.kind === 'faq' ? 'FAQ' : '検索語'}
              </span>
              <span className="combobox__text">{option.text}</span>
              {option.kind === 'faq' && option.faqId && (
                <code className="combobox__faq-id">{option.faqId}</code>
              )}
            </div>
          ))}
        </div>
      </div>
      {error && (
        <p className="field__error" id={errorId} role="alert">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}
