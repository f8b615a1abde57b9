import { type FormEvent, type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Dialog } from '../../components/dialog.tsx';
import { TextField } from '../../components/fields.tsx';
import { AnswerHtml, escapeHtml } from './html.tsx';

type Action = 'paragraph' | 'bold' | 'bullets' | 'numbers' | 'link';

const tools: { action: Action; label: string; tag: string; shortcut?: string }[] = [
  { action: 'paragraph', label: '段落', tag: '<p>' },
  { action: 'bold', label: '太字', tag: '<strong>', shortcut: 'Control+B' },
  { action: 'bullets', label: '箇条書き', tag: '<ul>' },
  { action: 'numbers', label: '番号付き', tag: '<ol>' },
  { action: 'link', label: 'リンク', tag: '<a>', shortcut: 'Control+K' },
];

interface Edit {
  start: number;
  end: number;
  text: string;
  /** Selection after the edit, relative to `start`. */
  select: [number, number];
}

/** Lines of a selection without list marks typed by hand (・, -, *, 1.). */
function listItems(selection: string): string[] {
  return selection
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[・\-*•]|\d+[.)．]|[０-９]+[．.])\s*/, '').trim())
    .filter((l) => l !== '');
}

function buildEdit(action: Exclude<Action, 'link'>, value: string, start: number, end: number): Edit {
  const selected = value.slice(start, end);
  const wrap = (open: string, close: string, placeholder: string): Edit => {
    const inner = selected === '' ? placeholder : selected;
    return { start, end, text: `${open}${inner}${close}`, select: [open.length, open.length + inner.length] };
  };
  switch (action) {
    case 'bold':
      return wrap('<strong>', '</strong>', '強調する語句');
    case 'paragraph': {
      const chunks = selected
        .split(/\r?\n\s*\r?\n/)
        .map((c) => c.trim())
        .filter((c) => c !== '');
      if (chunks.length <= 1) return wrap('<p>', '</p>', '段落の文章');
      const text = chunks.map((c) => `<p>${c}</p>`).join('\n');
      return { start, end, text, select: [0, text.length] };
    }
    case 'bullets':
    case 'numbers': {
      const tag = action === 'bullets' ? 'ul' : 'ol';
      const items = listItems(selected);
      if (items.length === 0) {
        const open = `<${tag}>\n  <li>`;
        return { start, end, text: `${open}項目</li>\n</${tag}>`, select: [open.length, open.length + 2] };
      }
      const text = `<${tag}>\n${items.map((i) => `  <li>${i}</li>`).join('\n')}\n</${tag}>`;
      return { start, end, text, select: [0, text.length] };
    }
  }
}

/**
 * The FAQ answer: a textarea of HTML with buttons that wrap the selection in the allowed tags (段落, 太字,
 * 箇条書き, 番号付き, リンク) and a preview of what the server keeps. Edits go through the browser's undo
 * history where it allows (execCommand insertText), so Ctrl+Z undoes a button too.
 */
export function AnswerEditor({
  value,
  onChange,
  error,
  readOnly,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  readOnly?: boolean;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const previewHeadingId = `${id}-preview`;
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const pendingSelection = useRef<[number, number] | null>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const [linkDialog, setLinkDialog] = useState<{ start: number; end: number; text: string } | null>(null);

  useLayoutEffect(() => {
    void value;
    const sel = pendingSelection.current;
    const ta = textareaRef.current;
    if (sel && ta) {
      pendingSelection.current = null;
      ta.focus();
      ta.setSelectionRange(sel[0], sel[1]);
    }
  }, [value]);

  const apply = (edit: Edit) => {
    const ta = textareaRef.current;
    if (!ta) return;
    const expected = value.slice(0, edit.start) + edit.text + value.slice(edit.end);
    const selStart = edit.start + edit.select[0];
    const selEnd = edit.start + edit.select[1];
    ta.focus();
    ta.setSelectionRange(edit.start, edit.end);
    let done = false;
    try {
      done = document.execCommand('insertText', false, edit.text) && ta.value === expected;
    } catch {
      done = false;
    }
    if (done) {
      ta.setSelectionRange(selStart, selEnd);
      if (value !== expected) onChange(expected);
    } else {
      pendingSelection.current = [selStart, selEnd];
      onChange(expected);
    }
  };

  const run = (action: Action) => {
    const ta = textareaRef.current;
    if (!ta || readOnly) return;
    const { selectionStart: start, selectionEnd: end } = ta;
    if (action === 'link') {
      setLinkDialog({ start, end, text: value.slice(start, end) });
      return;
    }
    apply(buildEdit(action, value, start, end));
  };

  const insertLink = (url: string, text: string) => {
    if (!linkDialog) return;
    const open = `<a href="${escapeHtml(url)}">`;
    const label = text === '' ? url : text;
    const { start, end } = linkDialog;
    setLinkDialog(null);
    // After the dialog has closed and given focus back.
    requestAnimationFrame(() =>
      apply({ start, end, text: `${open}${label}</a>`, select: [open.length, open.length + label.length] }),
    );
  };

  const onToolbarKeyDown = (event: KeyboardEvent) => {
    const buttons = Array.from(toolbarRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    let next = focusIndex;
    if (event.key === 'ArrowRight') next = (focusIndex + 1) % buttons.length;
    else if (event.key === 'ArrowLeft') next = (focusIndex - 1 + buttons.length) % buttons.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = buttons.length - 1;
    else return;
    event.preventDefault();
    setFocusIndex(next);
    buttons[next]?.focus();
  };

  const onTextareaKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const key = event.key.toLowerCase();
    if (key === 'b') {
      event.preventDefault();
      run('bold');
    } else if (key === 'k') {
      event.preventDefault();
      run('link');
    }
  };

  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(' ');

  return (
    <div className={`field answer-editor${error ? ' field--invalid' : ''}`}>
      <div className="field__label-row">
        <label className="field__label" htmlFor={id}>
          回答
        </label>
        <span className="field__required" aria-hidden="true">
          ※必須
        </span>
      </div>
      <p className="field__hint" id={hintId}>
        HTML で入力します。ボタンは選択した文字をタグで囲みます（太字は Ctrl+B、リンクは
        Ctrl+K）。使えるタグは段落・改行・箇条書き・番号付き・太字・強調・下線・リンク・見出し（h3,
        h4）・引用・表で、ほかのタグは保存時に取り除かれます。タグを使わない場合は、空行で段落が分かれます。
      </p>
      {!readOnly && (
        <div
          ref={toolbarRef}
          role="toolbar"
          aria-label="回答の書式"
          aria-controls={id}
          className="answer-editor__toolbar"
          onKeyDown={onToolbarKeyDown}
        >
          {tools.map((tool, index) => (
            <button
              key={tool.action}
              type="button"
              className="button button--secondary button--small"
              tabIndex={index === focusIndex ? 0 : -1}
              aria-keyshortcuts={tool.shortcut}
              onFocus={() => setFocusIndex(index)}
              onClick={() => run(tool.action)}
            >
              {tool.label}
              <span className="answer-editor__tag" aria-hidden="true">
                {tool.tag}
              </span>
            </button>
          ))}
        </div>
      )}
      <div className="answer-editor__panes">
        <textarea
          ref={textareaRef}
          id={id}
          name="answer"
          className="input textarea answer-editor__textarea"
          spellCheck={false}
          rows={14}
          value={value}
          readOnly={readOnly}
          aria-required
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onTextareaKeyDown}
        />
        <section className="answer-editor__preview" aria-labelledby={previewHeadingId}>
          <h3 id={previewHeadingId} className="answer-editor__preview-title">
            プレビュー
          </h3>
          {value.trim() === '' ? (
            <p className="muted">回答を入力すると、ここに表示されます。</p>
          ) : (
            <AnswerHtml html={value} />
          )}
        </section>
      </div>
      {error && (
        <p className="field__error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {linkDialog &&
        // Outside the FAQ form in the DOM: forms do not nest.
        createPortal(
          <Dialog title="リンクの挿入" onClose={() => setLinkDialog(null)}>
            <LinkForm
              initialText={linkDialog.text}
              onInsert={insertLink}
              onCancel={() => setLinkDialog(null)}
            />
          </Dialog>,
          document.body,
        )}
    </div>
  );
}

function LinkForm({
  initialText,
  onInsert,
  onCancel,
}: {
  initialText: string;
  onInsert: (url: string, text: string) => void;
  onCancel: () => void;
}) {
  const [url, setUrl] = useState('https://');
  const [text, setText] = useState(initialText);
  const [urlError, setUrlError] = useState<string | undefined>();
  const urlRef = useRef<HTMLInputElement>(null);

  useLayoutEffect(() => {
    urlRef.current?.focus();
    urlRef.current?.select();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A nested form's submit must not reach the FAQ form around the editor.
    event.stopPropagation();
    const value = url.trim();
    if (!/^(https?:\/\/[^\s]+|mailto:[^\s]+|tel:[0-9+\-()]+)$/i.test(value)) {
      setUrlError('URLは http:// または https:// で始めてください（mailto: と tel: も使えます）');
      urlRef.current?.focus();
      return;
    }
    onInsert(value, text.trim());
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {urlError && (
        <p className="alert alert--error" role="alert">
          入力内容を確認してください。
        </p>
      )}
      <TextField
        ref={urlRef}
        label="URL"
        name="url"
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        required
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={urlError}
      />
      <TextField
        label="リンクの文字"
        name="text"
        hint="空欄のときは URL をそのまま表示します。"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary">
          挿入
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          キャンセル
        </button>
      </div>
    </form>
  );
}
