// Madoguchi public site: suggestions while typing in the FAQ search (seed 004 第2-8(1)イ). The page works
// without this script (the search is a plain GET form); with it, the search box becomes an editable
// combobox with list autocomplete and manual selection (WAI-ARIA 1.2 combobox pattern, APG):
//   ↓ / ↑        open the list, move through the suggestions (aria-activedescendant; focus stays in the box)
//   Alt+↓        open the list without moving
//   Enter        take the highlighted suggestion (an FAQ opens it; a query searches for it); else search
//   Esc          close the list; pressing it again clears the box
//   Tab          leave (the list closes)
// The number of suggestions is announced through a polite live region. Served as a file: the CSP allows
// scripts from 'self' only.
(() => {
  const DEBOUNCE_MS = 150;

  function setup(container) {
    const input = container.querySelector('input');
    const url = container.getAttribute('data-suggest');
    if (!input || !url) return;
    const form = input.form;
    const listId = `${input.id}-listbox`;
    const list = document.createElement('ul');
    list.id = listId;
    list.className = 'listbox';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', '検索候補');
    list.hidden = true;
    container.appendChild(list);
    const status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    container.appendChild(status);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);

    let items = [];
    let active = -1;
    let timer = 0;
    let seq = 0;
    let lastQuery = '';

    function open() {
      if (items.length === 0) return;
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      setActive(-1);
    }
    function setActive(index) {
      active = index;
      const options = list.querySelectorAll('[role="option"]');
      options.forEach((option, i) => {
        option.setAttribute('aria-selected', i === index ? 'true' : 'false');
      });
      if (index >= 0 && options[index]) {
        input.setAttribute('aria-activedescendant', options[index].id);
        options[index].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }
    function render() {
      list.textContent = '';
      items.forEach((item, i) => {
        const li = document.createElement('li');
        li.id = `${listId}-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = item.text;
        if (item.kind === 'faq') {
          const hint = document.createElement('span');
          hint.className = 'visually-hidden';
          hint.textContent = '（よくある質問を開く）';
          li.appendChild(hint);
        }
        // mousedown, not click: the box keeps focus, so the list does not close before the choice counts.
        li.addEventListener('mousedown', (event) => {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(li);
      });
      active = -1;
      input.removeAttribute('aria-activedescendant');
      if (items.length > 0) {
        open();
        status.textContent = `候補が${items.length}件あります。上下の矢印キーで選べます。`;
      } else {
        close();
        status.textContent = '';
      }
    }
    function choose(index) {
      const item = items[index];
      if (!item) return;
      close();
      if (item.url) {
        window.location.assign(item.url);
        return;
      }
      input.value = item.text;
      if (form) form.requestSubmit ? form.requestSubmit() : form.submit();
    }
    async function fetchSuggestions(query) {
      const mine = ++seq;
      try {
        const response = await fetch(`${url}?q=${encodeURIComponent(query)}`, {
          headers: { accept: 'application/json' },
          credentials: 'omit',
        });
        if (!response.ok || mine !== seq) return;
        const body = await response.json();
        if (mine !== seq || input.value.trim() !== query) return;
        items = Array.isArray(body.suggestions) ? body.suggestions : [];
        render();
      } catch {
        // Offline or the server is busy: the plain search still works.
      }
    }

    input.addEventListener('input', () => {
      const query = input.value.trim();
      window.clearTimeout(timer);
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length === 0) {
        seq++;
        items = [];
        render();
        return;
      }
      timer = window.setTimeout(() => fetchSuggestions(query), DEBOUNCE_MS);
    });

    input.addEventListener('keydown', (event) => {
      if (event.isComposing || event.keyCode === 229) return; // the IME is still converting
      const expanded = !list.hidden;
      switch (event.key) {
        case 'ArrowDown':
          event.preventDefault();
          if (!expanded) {
            open();
            if (!event.altKey && items.length > 0) setActive(0);
          } else {
            setActive(active + 1 >= items.length ? 0 : active + 1);
          }
          break;
        case 'ArrowUp':
          event.preventDefault();
          if (!expanded) {
            open();
            if (items.length > 0) setActive(items.length - 1);
          } else {
            setActive(active <= 0 ? items.length - 1 : active - 1);
          }
          break;
        case 'Enter':
          if (expanded && active >= 0) {
            event.preventDefault();
            choose(active);
          }
          break;
        case 'Escape':
          if (expanded) {
            event.preventDefault();
            close();
          } else if (input.value !== '') {
            event.preventDefault();
            input.value = '';
            lastQuery = '';
            items = [];
          }
          break;
        case 'Tab':
          close();
          break;
        default:
          break;
      }
    });
    input.addEventListener('blur', () => {
      close();
    });
  }

  function init() {
    document.querySelectorAll('.combobox[data-suggest]').forEach(setup);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
