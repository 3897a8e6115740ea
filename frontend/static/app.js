/* Kurskatalog: small enhancements over server-rendered pages. Everything
   works without this script; with it, search results update as you type
   and choose filters, the search box suggests words (when the server has
   /api/v1/suggest), and courses can be saved to a list in this browser. */
(function () {
  'use strict';

  var root = document.documentElement;
  root.classList.remove('no-js');
  root.classList.add('js');
  var lang = root.lang || 'sv';

  function msg(name) {
    return document.body.getAttribute('data-msg-' + name) || '';
  }

  // ---- The shortlist, kept in localStorage as [{id, note}] ----

  var KEY = 'kurskatalog.list';

  function loadList() {
    try {
      var v = JSON.parse(localStorage.getItem(KEY) || '[]');
      if (!Array.isArray(v)) return [];
      return v.filter(function (x) { return x && typeof x.id === 'string' && x.id; })
        .map(function (x) { return { id: x.id, note: typeof x.note === 'string' ? x.note : '' }; });
    } catch (e) {
      return [];
    }
  }

  function saveList(items) {
    try {
      localStorage.setItem(KEY, JSON.stringify(items));
    } catch (e) { /* private mode or full: the page still works */ }
    showCount(items);
  }

  function showCount(items) {
    document.querySelectorAll('[data-list-count]').forEach(function (el) {
      el.textContent = items.length ? String(items.length) : '';
    });
  }

  function indexOf(items, id) {
    for (var i = 0; i < items.length; i++) if (items[i].id === id) return i;
    return -1;
  }

  // listQuery is the shortlist as a query string: ids and notes in pairs.
  function listQuery(items) {
    var p = new URLSearchParams();
    items.forEach(function (it) {
      p.append('id', it.id);
      p.append('note', it.note || '');
    });
    return p;
  }

  function listPath(items) {
    var p = listQuery(items);
    if (lang !== 'sv') p.set('lang', lang);
    return '/lista?' + p.toString();
  }

  function shareURL(items) {
    return location.origin + '/lista?' + listQuery(items).toString();
  }

  function initSaveButtons(scope) {
    var items = loadList();
    scope.querySelectorAll('[data-save-id]').forEach(function (btn) {
      if (btn.closest('#list-root')) return; // the list page has its own controls
      var id = btn.getAttribute('data-save-id');
      btn.hidden = false;
      btn.setAttribute('aria-pressed', indexOf(items, id) >= 0 ? 'true' : 'false');
      if (btn.hasAttribute('data-bound')) return;
      btn.setAttribute('data-bound', '');
      btn.addEventListener('click', function () {
        var list = loadList();
        var i = indexOf(list, id);
        if (i >= 0) list.splice(i, 1); else list.push({ id: id, note: '' });
        saveList(list);
        btn.setAttribute('aria-pressed', i >= 0 ? 'false' : 'true');
      });
    });
  }

  // ---- Search: instant results and suggestions ----

  function initSearch(form) {
    var q = document.getElementById('q');
    var status = document.getElementById('status');
    var pending = null;
    var typing = null;

    function query() {
      var p = new URLSearchParams();
      new FormData(form).forEach(function (v, k) {
        if (typeof v === 'string' && v.trim() !== '') p.append(k, v.trim());
      });
      var s = p.toString();
      return s ? '/?' + s : '/';
    }

    function swap(doc) {
      var focused = document.activeElement && document.activeElement.id;
      ['filters-body', 'results', 'follow'].forEach(function (id) {
        var now = document.getElementById(id);
        var next = doc.getElementById(id);
        if (now && next) now.replaceWith(document.importNode(next, true));
      });
      document.title = doc.title;
      var sw = document.querySelector('[data-lang-switch]');
      var nsw = doc.querySelector('[data-lang-switch]');
      if (sw && nsw) sw.setAttribute('href', nsw.getAttribute('href'));
      var feed = document.querySelector('link[rel="alternate"][type="application/atom+xml"]');
      var nfeed = doc.querySelector('link[rel="alternate"][type="application/atom+xml"]');
      if (feed && nfeed) feed.setAttribute('href', nfeed.getAttribute('href'));
      if (focused && focused !== 'q') {
        var el = document.getElementById(focused);
        if (el) el.focus();
      }
      initSaveButtons(document);
      var results = document.getElementById('results');
      if (status && results) {
        // Announce after the swap, so screen readers hear the new count.
        status.textContent = '';
        setTimeout(function () { status.textContent = results.getAttribute('data-count-text'); }, 50);
      }
    }

    function update(push) {
      var url = query();
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(url, { signal: pending.signal, headers: { Accept: 'text/html' }, credentials: 'same-origin' })
        .then(function (r) {
          if (!r.ok) throw new Error('status ' + r.status);
          return r.text();
        })
        .then(function (html) {
          swap(new DOMParser().parseFromString(html, 'text/html'));
          history[push ? 'pushState' : 'replaceState'](null, '', url);
        })
        .catch(function (err) {
          if (err.name !== 'AbortError') location.href = url; // let the server show what went wrong
        });
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(typing);
      update(true);
    });
    q.addEventListener('input', function () {
      clearTimeout(typing);
      typing = setTimeout(function () { update(false); }, 350);
    });
    // Filters and sort belong to the form through form="sok" but sit outside
    // it in the page, so listen on the document.
    document.addEventListener('change', function (e) {
      var t = e.target;
      if (t && t.form === form && t !== q) update(true);
    });
    window.addEventListener('popstate', function () { location.reload(); });

    initSuggestions(q, function () { clearTimeout(typing); update(true); });

    // On a narrow screen the filters start folded away, unless some are on.
    var panel = document.querySelector('[data-filter-panel]');
    if (panel && window.matchMedia) {
      var narrow = window.matchMedia('(max-width: 55.99em)');
      if (narrow.matches) panel.open = false; // the chips above the results show what is on
      var widen = function (m) { if (!m.matches) panel.open = true; };
      if (narrow.addEventListener) narrow.addEventListener('change', widen);
    }
  }

  // Suggestions follow the ARIA combobox pattern. The endpoint comes from
  // another part of the service; when it is missing or fails, the box stays
  // a plain search box.
  function initSuggestions(q, picked) {
    var list = document.getElementById('q-suggestions');
    if (!list || !window.fetch) return;
    var off = false, timer = null, pending = null, active = -1, options = [];

    // The endpoint answers a list of suggestions (catalog.Suggestion:
    // text, kind, value, count) or of strings, bare or under a key.
    function parse(data) {
      var arr = Array.isArray(data) ? data : (data && (data.suggestions || data.items || data.hits || data.results)) || [];
      return arr.map(function (x) {
        if (typeof x === 'string') return { text: x };
        return x && { text: x.text || x.label || x.title || x.value, kind: x.kind || '', value: x.value || '' };
      }).filter(function (s) { return s && typeof s.text === 'string' && s.text.trim() !== ''; }).slice(0, 8);
    }

    // A suggestion that stands for a filter value ticks that filter.
    function filterBox(s) {
      if (!s.kind || !s.value) return null;
      return document.querySelector('input[type="checkbox"][name="' + CSS.escape(s.kind) + '"][value="' + CSS.escape(s.value) + '"]');
    }

    function combobox() {
      q.setAttribute('role', 'combobox');
      q.setAttribute('aria-autocomplete', 'list');
      q.setAttribute('aria-controls', list.id);
      q.setAttribute('aria-expanded', 'false');
    }

    function close() {
      list.hidden = true;
      list.textContent = '';
      options = [];
      active = -1;
      if (q.hasAttribute('role')) q.setAttribute('aria-expanded', 'false');
      q.removeAttribute('aria-activedescendant');
    }

    function disable() {
      off = true;
      close();
      ['role', 'aria-autocomplete', 'aria-controls', 'aria-expanded'].forEach(function (a) { q.removeAttribute(a); });
    }

    function choose(i) {
      var s = options[i];
      var box = filterBox(s);
      if (box) {
        q.value = '';
        box.checked = true;
      } else {
        q.value = s.text;
      }
      close();
      picked();
    }

    function mark(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, j) {
        li.setAttribute('aria-selected', j === i ? 'true' : 'false');
      });
      if (i >= 0) q.setAttribute('aria-activedescendant', list.children[i].id);
      else q.removeAttribute('aria-activedescendant');
    }

    function show(words) {
      close();
      if (!words.length) return;
      combobox();
      options = words;
      words.forEach(function (w, i) {
        var li = document.createElement('li');
        li.id = 'q-suggestion-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = w.text;
        var kind = w.kind && msg('kind-' + w.kind);
        if (kind) {
          var k = document.createElement('span');
          li.appendChild(document.createTextNode(' '));
          k.className = 'kind';
          k.textContent = kind;
          li.appendChild(k);
        }
        li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      q.setAttribute('aria-expanded', 'true');
    }

    function fetchWords() {
      var text = q.value.trim();
      if (off || text.length < 2) { close(); return; }
      if (pending) pending.abort();
      pending = new AbortController();
      fetch('/api/v1/suggest?q=' + encodeURIComponent(text),
        { signal: pending.signal, headers: { Accept: 'application/json' } })
        .then(function (r) {
          if (!r.ok) throw new Error('status ' + r.status);
          return r.json();
        })
        .then(function (data) {
          if (document.activeElement === q && q.value.trim() === text) show(parse(data));
        })
        .catch(function (err) {
          if (err.name !== 'AbortError') disable();
        });
    }

    q.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(fetchWords, 150);
    });
    q.addEventListener('keydown', function (e) {
      if (list.hidden || !options.length) return;
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        mark(active + 1 >= options.length ? 0 : active + 1);
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        mark(active <= 0 ? options.length - 1 : active - 1);
      } else if (e.key === 'Enter' && active >= 0) {
        e.preventDefault();
        choose(active);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        close();
      }
    });
    q.addEventListener('blur', function () { setTimeout(close, 150); });
  }

  // ---- The list page ----

  function initList(root) {
    var mine = loadList();
    var shared = root.getAttribute('data-shared-ids');
    if (!shared) {
      // Nothing in the address: show what this browser has saved, through
      // the server, which renders a list from its address.
      if (mine.length) location.replace(listPath(mine));
      return;
    }
    var ids = shared.split(' ');
    var own = mine.length === ids.length && ids.every(function (id, i) { return mine[i].id === id; });
    if (own) editable(root, mine); else importable(root);
  }

  function say(text) {
    var s = document.getElementById('list-status');
    if (!s) return;
    s.textContent = '';
    setTimeout(function () { s.textContent = text; }, 50);
  }

  function itemTitle(li) {
    var a = li.querySelector('.result-title a');
    return a ? a.textContent : '';
  }

  function editable(root, items) {
    root.classList.add('own');
    var tpl = document.getElementById('note-editor-template');
    var share = document.getElementById('share-url');

    function persist() {
      saveList(items);
      history.replaceState(null, '', listPath(items));
      if (share) share.value = shareURL(items);
    }

    root.querySelectorAll('li[data-item-id]').forEach(function (li) {
      var id = li.getAttribute('data-item-id');
      var block = li.querySelector('.note-block');
      var editor = tpl.content.cloneNode(true);
      editor.querySelectorAll('[data-editor-title]').forEach(function (s) { s.textContent = ': ' + itemTitle(li); });
      var area = editor.querySelector('[data-note-edit]');
      var text = block.querySelector('[data-note-text]');
      area.id = 'note-' + indexOf(items, id);
      area.value = items[indexOf(items, id)].note;
      area.addEventListener('input', function () {
        var i = indexOf(items, id);
        if (i < 0) return;
        items[i].note = area.value;
        text.textContent = area.value;
        text.hidden = area.value === '';
        persist();
      });
      editor.querySelector('[data-remove]').addEventListener('click', function () {
        var i = indexOf(items, id);
        if (i >= 0) items.splice(i, 1);
        persist();
        if (!items.length) {
          location.replace(lang !== 'sv' ? '/lista?lang=' + lang : '/lista');
          return;
        }
        var next = li.nextElementSibling || li.previousElementSibling;
        li.remove();
        say(msg('removed'));
        var link = next && next.querySelector('.result-title a');
        if (link) link.focus();
      });
      block.appendChild(editor);
    });
  }

  function importable(root) {
    var hint = root.querySelector('[data-import-hint]');
    if (!hint) return;
    hint.hidden = false;
    hint.querySelector('[data-import]').addEventListener('click', function () {
      var list = loadList();
      root.querySelectorAll('li[data-item-id]').forEach(function (li) {
        var id = li.getAttribute('data-item-id');
        var note = (li.querySelector('[data-note-text]') || {}).textContent || '';
        var i = indexOf(list, id);
        if (i < 0) list.push({ id: id, note: note });
        else if (!list[i].note) list[i].note = note;
      });
      saveList(list);
      location.href = listPath(list);
    });
  }

  function initShareButtons() {
    var copy = document.querySelector('[data-copy]');
    var input = document.getElementById('share-url');
    if (copy && input) {
      copy.hidden = false;
      copy.addEventListener('click', function () {
        var done = function () {
          var s = document.querySelector('[data-copy-status]');
          if (s) s.textContent = msg('copied');
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
        } else {
          input.select();
        }
      });
    }
    var print = document.querySelector('[data-print]');
    if (print) {
      print.hidden = false;
      print.addEventListener('click', function () { window.print(); });
    }
  }

  // The skip link moves focus, not just the view, in every browser.
  document.querySelectorAll('.skip-link').forEach(function (a) {
    a.addEventListener('click', function (e) {
      var target = document.getElementById(a.getAttribute('href').slice(1));
      if (!target) return;
      // Following the fragment would move focus back to the body.
      e.preventDefault();
      target.focus();
    });
  });

  showCount(loadList());
  initSaveButtons(document);
  var form = document.getElementById('sok');
  if (form) initSearch(form);
  var listRoot = document.getElementById('list-root');
  if (listRoot) {
    initList(listRoot);
    initShareButtons();
  }
})();
