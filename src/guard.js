// 履职自评: the page's last line of defence, in plain JavaScript that needs no WebAssembly.
//
// Loaded as a classic script before the app, so it runs where the app cannot: when the Rust code
// has panicked (the wasm instance is dead after its trap), or when the app never started. It shows
// a blocking notice in Chinese, offers the drafts as they were last saved in localStorage as files,
// and the error text for a bug report. Written in ES5 on purpose: it must parse in any browser.
(function () {
  'use strict';

  var DRAFT_PREFIX = 'lvzhi/draft/';
  // The oldest browsers that run the app (README, 浏览器): set by what the build uses, checked by
  // tools/wasm-features in the test command.
  var MINIMUM = { chromium: 96, firefox: 98, safari: '16' };
  var LAST_DRAFT_KEY = 'lvzhi/last-draft';
  // Kept from the start: whatever later breaks `window.localStorage`, the saved drafts stay readable.
  var storage = null;
  try { storage = window.localStorage; } catch (ignored) { storage = null; }
  var shown = false;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(text, onClick, primary) {
    var node = element('button', primary ? 'primary' : '', text);
    node.type = 'button';
    node.onclick = onClick;
    return node;
  }

  function pad(number) { return number < 10 ? '0' + number : String(number); }

  function localTime(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return String(iso || '');
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' ' +
      pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
  }

  // Named as the app names draft files (lvzhi_core::file_names): the draft's own name, or its
  // region and year — 资阳市2023年自评报告草稿.json.
  function fileName(draft) {
    var own = String(draft.name || '').trim();
    var region = String((draft.meta && draft.meta.region) || '').trim() || '未命名地区';
    var year = String((draft.meta && draft.meta.year) || '').trim();
    var stem = own || (region + year + '年自评报告草稿');
    var safe = stem.replace(/[\/\\:*?"<>|\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g, '')
      .replace(/[. ]+$/, '').trim();
    if (/^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.|$)/i.test(safe)) safe = '_' + safe;
    return (safe || '自评报告') + '.json';
  }

  function displayName(draft) {
    var name = String(draft.name || '').trim();
    if (name) return name;
    var region = String((draft.meta && draft.meta.region) || '').trim() || '（未填地区）';
    return region + String((draft.meta && draft.meta.year) || '').trim() + '年自评报告';
  }

  // Every draft stored in this browser, the one open last first: {id, text, draft|null}.
  function storedDrafts() {
    var found = [];
    var last = null;
    if (!storage) return { drafts: found, last: last };
    try { last = storage.getItem(LAST_DRAFT_KEY); } catch (ignored) { last = null; }
    try {
      for (var index = 0; index < storage.length; index++) {
        var key = storage.key(index);
        if (!key || key.indexOf(DRAFT_PREFIX) !== 0) continue;
        var text = storage.getItem(key);
        var draft = null;
        try { draft = JSON.parse(text); } catch (ignored) { draft = null; }
        found.push({ id: key.slice(DRAFT_PREFIX.length), text: text, draft: draft });
      }
    } catch (ignored) { /* what was found so far is offered */ }
    found.sort(function (a, b) {
      if (a.id === last) return -1;
      if (b.id === last) return 1;
      var at = a.draft ? String(a.draft.updated_at) : '';
      var bt = b.draft ? String(b.draft.updated_at) : '';
      return at < bt ? 1 : at > bt ? -1 : 0;
    });
    return { drafts: found, last: last };
  }

  function download(text, name) {
    var blob = new Blob([text], { type: 'application/json' });
    var url = URL.createObjectURL(blob);
    var anchor = element('a');
    anchor.href = url;
    anchor.download = name;
    anchor.hidden = true;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.parentNode.removeChild(anchor);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // Pretty JSON with a final newline, as the app's own draft files.
  function draftFileText(entry) {
    if (!entry.draft) return entry.text;
    return JSON.stringify(entry.draft, null, 2) + '\n';
  }

  function makeInert() {
    var children = document.body.children;
    for (var index = 0; index < children.length; index++) {
      var child = children[index];
      if (child.id === 'lvzhi-stopped') continue;
      child.setAttribute('inert', '');
      child.setAttribute('aria-hidden', 'true');
    }
  }

  // The header must not keep saying 已保存 for edits made after the last save.
  function markSaveStatusStopped() {
    var status = document.querySelector('[data-testid="save-status"]');
    if (status) {
      status.textContent = '已停止：之后的修改不会保存';
      status.className = 'save-status save-failed';
    }
  }

  function savedList(found, box) {
    var drafts = found.drafts || [];
    if (!drafts.length) {
      box.appendChild(element('p', '', storage ? '本浏览器中没有已保存的草稿。' : '浏览器的本地存储不可用，没有已保存的草稿可以下载。'));
      return;
    }
    box.appendChild(element('p', '', '以下是本浏览器中最后保存的草稿，建议先下载备份：'));
    var list = element('ul', 'stopped-drafts');
    for (var index = 0; index < drafts.length; index++) {
      (function (entry) {
        var item = element('li');
        var label = entry.draft
          ? displayName(entry.draft) + (entry.id === found.last ? '（当前草稿）' : '') + '，最后保存于 ' + localTime(entry.draft.updated_at)
          : '无法读取的草稿（' + entry.id + '）';
        item.appendChild(element('span', '', label + ' '));
        item.appendChild(button('下载草稿文件', function () {
          download(draftFileText(entry), entry.draft ? fileName(entry.draft) : '无法读取的草稿-' + entry.id + '.txt');
        }));
        list.appendChild(item);
      })(drafts[index]);
    }
    box.appendChild(list);
  }

  // Shows the blocking notice once. `kind` is 'crash' (the app stopped) or 'start' (it never started).
  function showStopped(kind, title, lead, details, advice) {
    // The app reads this before every write: nothing is saved from a stopped instance.
    window.lvzhiStopped = true;
    if (shown) return;
    if (!document.body) {
      // Too early (a file in <head> failed): shown once the page has a body.
      document.addEventListener('DOMContentLoaded', function () { showStopped(kind, title, lead, details, advice); });
      return;
    }
    shown = true;
    var unsaved = window.lvzhiUnsavedEdits === true;
    var dialogSupported = typeof document.createElement('dialog').showModal === 'function';
    var box = element(dialogSupported ? 'dialog' : 'div', 'stopped');
    box.id = 'lvzhi-stopped';
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-modal', 'true');
    box.setAttribute('aria-labelledby', 'lvzhi-stopped-title');
    box.setAttribute('data-testid', kind === 'crash' ? 'crash-notice' : 'start-failure');
    var heading = element('h2', '', title);
    heading.id = 'lvzhi-stopped-title';
    box.appendChild(heading);
    box.appendChild(element('p', '', lead));
    if (advice) box.appendChild(element('p', 'stopped-advice', advice));
    if (kind === 'crash') {
      box.appendChild(element('p', 'stopped-warning', unsaved
        ? '出错前最后几秒的修改尚未保存，已无法保存；其余内容都已保存在本浏览器中。'
        : '出错前的修改都已保存在本浏览器中。'));
    }
    savedList(storedDrafts(), box);
    box.appendChild(element('p', '', kind === 'crash'
      ? '点“重新加载”后，程序将打开最后保存的内容，可以继续编辑。'
      : '可以点“重新加载”再试一次。'));
    var actions = element('div', 'dialog-actions');
    actions.appendChild(button('重新加载', function () { window.location.reload(); }, true));
    box.appendChild(actions);
    if (details) {
      var more = element('details', 'stopped-details');
      more.appendChild(element('summary', '', '错误详情（向开发者报告问题时请附上）'));
      var pre = element('pre', '', details);
      pre.setAttribute('data-testid', 'crash-details');
      more.appendChild(pre);
      box.appendChild(more);
    }
    document.body.appendChild(box);
    markSaveStatusStopped();
    if (dialogSupported) {
      // Escape must not close it: nothing behind it works any more.
      box.addEventListener('cancel', function (event) { event.preventDefault(); });
      try { box.showModal(); } catch (ignored) { box.setAttribute('open', ''); }
    } else {
      makeInert();
    }
  }

  // Called by the app's panic hook (src/crash.rs) before the WebAssembly traps.
  window.lvzhiCrash = function (details) {
    showStopped('crash', '程序出错，已停止运行',
      '履职自评遇到一个内部错误，已停止响应：此后在页面上的操作和修改都不会生效，也不会保存。', String(details || ''));
  };

  // A trap (after a panic, or one the panic hook did not announce), or an exception thrown out of
  // the app's WebAssembly midway through its work: either way the app's state can no longer be
  // trusted, so it stops as after a panic.
  function isFromTheApp(error) {
    if (!error) return false;
    if (typeof WebAssembly === 'object' && WebAssembly.RuntimeError && error instanceof WebAssembly.RuntimeError) return true;
    return /wasm-function|\.wasm:/.test(String(error.stack || ''));
  }

  function describe(error) {
    return String(error && error.stack ? (String(error.stack).indexOf(String(error.message)) >= 0 ? error.stack : error + '\n' + error.stack) : error);
  }

  // --- When the app cannot start at all. -------------------------------------------------------

  var BROWSERS = '请使用较新版本的 Chrome、Edge（' + MINIMUM.chromium + ' 及以上）、Firefox（' + MINIMUM.firefox +
    ' 及以上）或 Safari（' + MINIMUM.safari + ' 及以上）。360 安全浏览器、QQ 浏览器等请切换到“极速模式”' +
    '（地址栏右侧的闪电或“e”图标），不要使用“兼容模式”。';

  function startFailure(reason, details) {
    if (window.lvzhiStarted) return;
    var lead, advice;
    if (reason === 'unsupported') {
      lead = '这个浏览器（或其当前的浏览模式）不支持 WebAssembly，或单位策略禁用了它，履职自评无法在其中运行。';
      advice = BROWSERS + '如单位电脑统一禁用了 WebAssembly，请联系信息化部门。';
    } else {
      lead = '程序文件没有下载完整或无法启动：可能是网络中断，或服务器没有正确提供 .wasm 文件。';
      advice = '请点“重新加载”再试。如仍不行，请管理员按使用说明检查服务器配置（.wasm 文件的类型应为 application/wasm）；' +
        '也可以改用单文件版（lvzhi-offline.html，下载后双击即可打开）。' + BROWSERS;
    }
    showStopped('start', '履职自评无法启动', lead, details, advice);
  }

  function supportsTheApp() {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') return false;
    // The app is an ES module: a browser that ignores <script type="module"> would never run it.
    var script = document.createElement('script');
    return 'noModule' in script;
  }

  // Errors before the app is up (a failed download, a module that does not compile): the app
  // will not start. Errors from browser extensions are not ours.
  function isOurs(event) {
    var file = String(event.filename || (event.target && (event.target.src || event.target.href)) || '');
    return !/^(chrome|moz|safari)-extension:/.test(file);
  }

  window.addEventListener('error', function (event) {
    if (window.lvzhiStarted) {
      if (isFromTheApp(event.error)) window.lvzhiCrash(describe(event.error));
      return;
    }
    var target = event.target;
    var resource = target && target !== window && (target.tagName === 'SCRIPT' || target.tagName === 'LINK');
    if (resource) {
      // A file of the app did not load (the preload of the wasm, the module, its glue).
      startFailure('download', '未能下载：' + (target.src || target.href));
    } else if (isOurs(event)) {
      startFailure(supportsTheApp() ? 'download' : 'unsupported', describe(event.error || event.message));
    }
  }, true);
  window.addEventListener('unhandledrejection', function (event) {
    if (window.lvzhiStarted) {
      if (isFromTheApp(event.reason)) window.lvzhiCrash(describe(event.reason));
      return;
    }
    startFailure(supportsTheApp() ? 'download' : 'unsupported', describe(event.reason));
  });

  function checkSupport() {
    if (!supportsTheApp()) startFailure('unsupported', '');
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', checkSupport);
  else checkSupport();
})();
