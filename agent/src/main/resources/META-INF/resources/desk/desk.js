// Mailtune review desk: keyboard shortcuts, the CSRF header on htmx requests, small conveniences.
// No inline script anywhere (the pages' Content-Security-Policy forbids it); everything hooks onto data- attributes.
(function () {
  'use strict';

  if (window.htmx) {
    htmx.config.includeIndicatorStyles = false;
    htmx.config.allowEval = false;
    htmx.config.allowScriptTags = false;
    htmx.config.historyCacheSize = 0;
  }

  var token = document.querySelector('meta[name="csrf-token"]');
  document.addEventListener('htmx:configRequest', function (e) {
    if (token) { e.detail.headers['X-CSRF-TOKEN'] = token.content; }
  });
  // A session that expired answers with the sign-in page: go there instead of swapping it into a corner.
  document.addEventListener('htmx:beforeSwap', function (e) {
    var url = e.detail.xhr && e.detail.xhr.responseURL;
    if (url && url.indexOf('/login') >= 0) { e.detail.shouldSwap = false; window.location.href = '/login'; }
  });

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  // Filters apply as soon as they change.
  $all('form[data-autosubmit] select').forEach(function (s) {
    s.addEventListener('change', function () { s.form.submit(); });
  });

  // Buttons cannot be pressed twice while a form is being sent.
  $all('form').forEach(function (f) {
    f.addEventListener('submit', function () {
      setTimeout(function () { $all('button[type=submit]', f).forEach(function (b) { b.disabled = true; }); }, 0);
    });
  });

  // ---- The queue: a selected row that J/K or the arrows move, Enter or O opens.
  var selectedHref = sessionStorage.getItem('mailtune.selected');
  function rows() { return $all('[data-queue] tr.row'); }
  function select(index) {
    var all = rows();
    if (!all.length) { return; }
    index = Math.max(0, Math.min(all.length - 1, index));
    all.forEach(function (r) { r.classList.remove('selected'); r.removeAttribute('aria-selected'); });
    all[index].classList.add('selected');
    all[index].setAttribute('aria-selected', 'true');
    all[index].scrollIntoView({ block: 'nearest' });
    selectedHref = all[index].getAttribute('data-href');
    sessionStorage.setItem('mailtune.selected', selectedHref);
  }
  function selectedIndex() {
    var all = rows();
    for (var i = 0; i < all.length; i++) { if (all[i].classList.contains('selected')) { return i; } }
    return -1;
  }
  function restoreSelection() {
    var all = rows();
    if (!all.length) { return; }
    var found = 0;
    for (var i = 0; i < all.length; i++) { if (all[i].getAttribute('data-href') === selectedHref) { found = i; } }
    select(found);
  }
  document.addEventListener('click', function (e) {
    var row = e.target.closest && e.target.closest('tr.row');
    if (row && !e.target.closest('a')) { window.location.href = row.getAttribute('data-href'); }
  });
  document.addEventListener('htmx:afterSwap', function () { if (rows().length) { restoreSelection(); } });
  if (rows().length) { restoreSelection(); }

  // ---- The draft: editor state, reject dialog, the formatted mail frame.
  var editor = $('[data-editor]');
  var approveForm = $('form[data-approve]');
  var rejectDialog = $('#reject-dialog');
  var shortcuts = $('#shortcuts');
  function editedState() {
    if (!editor || !approveForm) { return; }
    var edited = editor.value !== editor.getAttribute('data-original');
    approveForm.classList.toggle('edited', edited);
    var state = $('[data-edit-state]');
    if (state) { state.textContent = edited ? 'edited — you will send your version' : 'as drafted'; }
    var button = $('[data-approve-button]');
    if (button) { button.firstChild.textContent = edited ? 'Send edited reply ' : 'Approve & send '; }
  }
  if (editor) { editor.addEventListener('input', editedState); editedState(); }
  window.addEventListener('beforeunload', function (e) {
    if (editor && editor.value !== editor.getAttribute('data-original') && !(approveForm && approveForm.dataset.sending)) {
      e.preventDefault(); e.returnValue = '';
    }
  });
  if (approveForm) { approveForm.addEventListener('submit', function () { approveForm.dataset.sending = '1'; }); }

  function openReject() {
    if (!rejectDialog) { return; }
    var copy = $('[data-reject-text]', rejectDialog);
    if (copy && editor) { copy.value = editor.value; }
    rejectDialog.showModal();
    var first = $('[data-first-reason]', rejectDialog);
    if (first) { first.focus(); }
  }
  var rejectOpen = $('[data-reject-open]');
  if (rejectOpen) { rejectOpen.addEventListener('click', openReject); }
  $all('[data-dialog-close]').forEach(function (b) { b.addEventListener('click', function () { b.closest('dialog').close(); }); });
  var rejectForm = $('form[data-reject]');
  if (rejectForm && approveForm) { rejectForm.addEventListener('submit', function () { approveForm.dataset.sending = '1'; }); }

  $all('details[data-formatted]').forEach(function (d) {
    d.addEventListener('toggle', function () {
      var frame = $('iframe[data-mail-frame]', d);
      if (d.open && frame && !frame.getAttribute('src')) { frame.setAttribute('src', frame.getAttribute('data-src')); }
    });
  });

  var shortcutsOpen = $('[data-shortcuts-open]');
  if (shortcutsOpen && shortcuts) { shortcutsOpen.addEventListener('click', function () { shortcuts.showModal(); }); }

  // ---- Keys. Nothing fires while typing (editor, note, fields) except Ctrl+Enter and Esc.
  var pendingG = false;
  function typing(el) {
    if (!el) { return false; }
    var tag = el.tagName;
    return tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable
      || (tag === 'INPUT' && !/^(radio|checkbox|button|submit)$/i.test(el.type));
  }
  function go(attr) {
    var link = $('[' + attr + ']');
    if (link) { window.location.href = link.getAttribute('href'); return true; }
    return false;
  }
  document.addEventListener('keydown', function (e) {
    var target = e.target;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      var form = target && target.form ? target.form : (rejectDialog && rejectDialog.open ? $('form', rejectDialog) : approveForm);
      if (form) { e.preventDefault(); form.requestSubmit(); }
      return;
    }
    if (e.key === 'Escape') {
      if (typing(target)) { target.blur(); }
      return;
    }
    if (typing(target) || e.ctrlKey || e.metaKey || e.altKey) { return; }
    var dialogOpen = (rejectDialog && rejectDialog.open) || (shortcuts && shortcuts.open);
    if (rejectDialog && rejectDialog.open && /^[1-9]$/.test(e.key)) {
      var radio = $all('input[name=reason]', rejectDialog)[parseInt(e.key, 10) - 1];
      if (radio) { radio.checked = true; radio.focus(); e.preventDefault(); }
      if (radio && radio.value === 'other') { $('[data-note]', rejectDialog).focus(); }
      return;
    }
    if (e.key === '?') { e.preventDefault(); if (shortcuts.open) { shortcuts.close(); } else { shortcuts.showModal(); } return; }
    if (dialogOpen) { return; }
    var key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (pendingG) {
      pendingG = false;
      if (key === 'q') { e.preventDefault(); go('data-queue-link') || (window.location.href = '/'); }
      return;
    }
    var inQueue = rows().length > 0;
    switch (key) {
      case 'j': case 'ArrowDown':
        if (inQueue) { e.preventDefault(); select(selectedIndex() + 1); }
        else if (key === 'j') { e.preventDefault(); go('data-next'); }
        break;
      case 'k': case 'ArrowUp':
        if (inQueue) { e.preventDefault(); select(selectedIndex() - 1); }
        else if (key === 'k') { e.preventDefault(); go('data-prev'); }
        break;
      case 'Enter': case 'o':
        if (inQueue && selectedIndex() >= 0) { e.preventDefault(); window.location.href = rows()[selectedIndex()].getAttribute('data-href'); }
        break;
      case 'a':
        if (approveForm) { e.preventDefault(); approveForm.requestSubmit(); }
        break;
      case 'e':
        if (editor) { e.preventDefault(); editor.focus(); editor.setSelectionRange(editor.value.length, editor.value.length); }
        break;
      case 'r':
        if (rejectDialog) { e.preventDefault(); openReject(); }
        break;
      case 'g':
        pendingG = true;
        setTimeout(function () { pendingG = false; }, 1200);
        break;
      default:
    }
  });
})();
