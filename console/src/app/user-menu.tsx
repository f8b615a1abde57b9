import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { errorText } from '../lib/api.ts';
import { navigate } from '../lib/router.tsx';
import { useSession, useSessionContext } from '../lib/session.tsx';

/** The signed-in user's name opening a menu: アカウント設定, ログアウト (WAI-ARIA menu button). */
export function UserMenu() {
  const session = useSession();
  const { signOut } = useSessionContext();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const focusIndex = useRef(0);
  const buttonId = useId();
  const menuId = useId();

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  const focusItem = (index: number) => {
    const list = items();
    if (list.length === 0) return;
    const i = (index + list.length) % list.length;
    focusIndex.current = i;
    list[i]?.focus();
  };

  const openMenu = (index: number) => {
    focusIndex.current = index;
    setOpen(true);
  };

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const list = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const first = focusIndex.current < 0 ? list.length - 1 : focusIndex.current;
    focusIndex.current = first;
    list[first]?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onButtonKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      openMenu(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openMenu(-1);
    }
  };

  const onMenuKeyDown = (event: KeyboardEvent) => {
    const count = items().length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusItem(focusIndex.current + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusItem(focusIndex.current - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusItem(0);
        break;
      case 'End':
        event.preventDefault();
        focusItem(count - 1);
        break;
      case 'Escape':
        event.preventDefault();
        close(true);
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  };

  const logout = async () => {
    setOpen(false);
    setError(null);
    try {
      await signOut();
      navigate('/', { replace: true });
    } catch (e) {
      setError(`ログアウトできませんでした。${errorText(e)}`);
    }
  };

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className="user-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openMenu(0))}
        onKeyDown={onButtonKeyDown}
      >
        <span className="user-menu__avatar" aria-hidden="true">
          {session.user.displayName.slice(0, 1)}
        </span>
        <span className="user-menu__name">{session.user.displayName}</span>
        <span className="visually-hidden">（アカウント）</span>
        <span className="user-menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-labelledby={buttonId}
          className="user-menu__list"
          onKeyDown={onMenuKeyDown}
        >
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="user-menu__item"
            onClick={() => {
              close(false);
              navigate('/account');
            }}
          >
            アカウント設定
          </button>
          <button type="button" role="menuitem" tabIndex={-1} className="user-menu__item" onClick={logout}>
            ログアウト
          </button>
        </div>
      )}
      {error && (
        <p className="user-menu__error alert alert--error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
