// A seeded random walk over the whole UI, as a careless or curious user would do it: clicking any
// enabled button or link, typing (Chinese, ASCII, digits, emptying) into any field, picking
// options, answering every confirm and prompt either way, picking files of every kind, navigating
// by hash, by the navigation and by Back, pressing keys, reloading now and then. It fails on any
// panic, page error or crash notice, naming the seed and the step so the walk can be replayed;
// afterwards the stored draft must equal what the form shows.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openBrowser, openAppAt, waitUntilSaved, builtinFramework, sampleValue, pasteText } from './harness.mjs';

/** mulberry32: small, fast and good enough to drive a walk; the same seed gives the same walk. */
export function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n) => Math.floor(next() * n);
  return { next, below, pick: (list) => list[below(list.length)], chance: (p) => next() < p };
}

const TEXTS = [
  '', ' ', '加强党对教育工作的全面领导', '全市一般公共预算教育经费{教育经费}亿元，比上年增长{教育经费增幅}%。',
  'xx市', '20xx年', 'x', 'abc', 'ABC def', '12', '3.73', '-5', '0', '1:13', '12.5亿', '3.2%', '3名', '１２．５',
  '（一）', '“引号', '《教育法》', '川教督委〔2023〕2号', '川教督委[2023]2号', '2023年3月20日', '资阳市', '资阳市人民政府',
  '全县', '全市', '市委、市政府', '{地区}', '{不存在的名称}', '{', '}', '😀教育', 'a\nb', '\t', '0x', '1e9', 'NaN',
  '=SUM(A1)', '+1', '@x', '\u202e反向', '\ufeff', '\uffff', '很长'.repeat(300),
];

/** A file for a file input: every kind the app reads, well-formed or not. */
function filePool(rng, storedDraftText) {
  const choices = [
    () => ({ name: 'empty.json', mimeType: 'application/json', buffer: Buffer.alloc(0) }),
    () => ({ name: 'garbage.json', mimeType: 'application/json', buffer: Buffer.from([0, 1, 2, 250, 251, 252, 0xff]) }),
    () => ({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "lvzhi-draft", ') }),
    () => ({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "something-else"}') }),
    () => ({ name: 'report.txt', mimeType: 'text/plain', buffer: Buffer.from('2023年资阳市人民政府履行教育职责自评报告\n一、工作开展情况及成效\n（一）全面加强党对教育工作的领导\n建立领导小组。\n二、存在的问题\n（一）学前资源不足。\n三、下一步措施\n（一）加大投入。\n') }),
    () => ({ name: 'sheet.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff编号,数据,数值\neducation_budget_total,教育经费,abc\nnot_a_figure,x,1\n') }),
    () => ({ name: 'fake.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004 not really a zip') }),
    () => ({ name: 'backup.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\u0005\u0006' + '\0'.repeat(18)) }),
  ];
  if (storedDraftText) {
    choices.push(() => ({ name: 'draft.json', mimeType: 'application/json', buffer: Buffer.from(storedDraftText) }));
    choices.push(() => {
      const draft = JSON.parse(storedDraftText);
      draft.meta.region = rng.pick(['资阳市', '', '宜宾市']);
      draft.problems = [...(draft.problems ?? []), { id: 'p99', title: '同事加的问题', text: '' }];
      return { name: 'colleague.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(draft)) };
    });
  }
  return rng.pick(choices)();
}

/** Marks every element the walk may act on with `data-fuzz`, and describes each. */
async function candidates(page) {
  return page.evaluate(() => {
    const visible = (element) => {
      if (element.closest('[inert]')) return false;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0;
    };
    // With a modal dialog open, only its contents can be reached, as for a user.
    const modal = document.querySelector('dialog:modal');
    const scope = modal ?? document;
    for (const old of document.querySelectorAll('[data-fuzz]')) old.removeAttribute('data-fuzz');
    const found = [];
    let index = 0;
    for (const element of scope.querySelectorAll('button, a[href], input, textarea, select, label.button')) {
      if (element.disabled) continue;
      const fileInput = element.matches('input[type="file"]');
      if (!fileInput && !visible(element)) continue;
      element.setAttribute('data-fuzz', String(index));
      let kind = 'click';
      if (element.matches('textarea, input[type="text"], input:not([type])')) kind = 'text';
      else if (element.matches('select')) kind = 'select';
      else if (fileInput) kind = element.hasAttribute('webkitdirectory') ? 'folder' : 'file';
      else if (element.matches('label.button')) kind = 'skip';
      found.push({ index, kind, tag: element.tagName.toLowerCase(), label: (element.id || element.textContent || '').trim().slice(0, 30) });
      index += 1;
    }
    return found.filter((candidate) => candidate.kind !== 'skip');
  });
}

const HASHES = ['#/', '#/start', '#/meta', '#/figures', '#/problems', '#/measures', '#/print', '#/import', '#/drafts',
  '#/item/A1.1', '#/item/A2.1', '#/item/A9.3', '#/item/NOPE', '#main', '#/item/', '#'];

/**
 * Walks `steps` random actions from `seed` on a fresh browser at `url` (after `prepare(page)`, if
 * given; a list it returns is the hashes the walk navigates to). Returns the log. Throws on any page error, panic or crash notice.
 */
export async function walk({ url, seed, steps, prepare, log: print = () => {} }) {
  const rng = random(seed);
  const browser = await openBrowser({
    onDialog: (dialog) => {
      if (dialog.type() === 'prompt') {
        if (rng.chance(0.7)) dialog.accept(rng.pick(TEXTS)).catch(() => {}); else dialog.dismiss().catch(() => {});
      } else if (dialog.type() === 'beforeunload' || rng.chance(0.6)) {
        dialog.accept().catch(() => {});
      } else {
        dialog.dismiss().catch(() => {});
      }
    },
  });
  const { page, errors } = browser;
  const actions = [];
  let storedText = null;
  try {
    // Printing is the browser's own dialog: recorded, not shown.
    await page.addInitScript(() => { window.print = () => { window.__printed = (window.__printed ?? 0) + 1; }; });
    page.on('filechooser', (chooser) => {
      if (rng.chance(0.2)) return;
      chooser.setFiles(filePool(rng, storedText)).catch(() => {});
    });
    await openAppAt(page, url);
    // A start may keep the walk's navigation near it (the hashes it returns).
    const prepared = prepare ? await prepare(page) : undefined;
    const hashes = Array.isArray(prepared) ? prepared : HASHES;

    const fail = (why) => {
      const recent = actions.slice(-25).map((action, i) => `  ${actions.length - 25 + i}: ${action}`).join('\n');
      throw new Error(`UI fuzz, seed ${seed}, step ${actions.length}: ${why}\nlast actions:\n${recent}`);
    };
    const check = async () => {
      if (errors.length) fail(`page error:\n${errors.map(String).join('\n').slice(0, 3000)}`);
      const notice = page.getByTestId('crash-notice');
      if (await notice.count()) {
        // The notice holds the panic text for a bug report: print it, so a CI failure says why.
        const details = await notice.evaluate((box) => box.textContent).catch(() => '(unreadable)');
        fail(`the crash notice is shown:\n${details.slice(0, 3000)}\n${errors.map(String).join('\n').slice(0, 3000)}`);
      }
    };

    for (let step = 0; step < steps; step++) {
      const roll = rng.next();
      let action;
      try {
        if (roll < 0.02) {
          action = 'reload';
          await page.reload({ timeout: 10_000 });
          await page.locator('main h1').first().waitFor({ timeout: 10_000 });
        } else if (roll < 0.10) {
          const hash = rng.pick(hashes);
          action = `hash ${hash}`;
          await page.evaluate((target) => { location.hash = target; }, hash);
        } else if (roll < 0.12) {
          action = 'back';
          await page.goBack({ timeout: 2_000 }).catch(() => {});
        } else if (roll < 0.19) {
          const key = rng.pick(['Escape', 'Tab', 'Shift+Tab', 'Enter', 'Space', 'Control+s', 'Control+p', 'Backspace', 'ArrowDown']);
          action = `key ${key}`;
          await page.keyboard.press(key);
        } else {
          const found = await candidates(page);
          if (!found.length) { action = 'nothing to act on'; continue; }
          const target = rng.pick(found);
          const locator = page.locator(`[data-fuzz="${target.index}"]`);
          action = `${target.kind} ${target.tag} ${target.label}`;
          if (target.kind === 'text') {
            const text = rng.pick(TEXTS);
            if (rng.chance(0.25) && text.length < 20) {
              action += ` ← press "${text}"`;
              await locator.click({ timeout: 1_000 });
              await page.keyboard.type(text, { delay: 0 });
            } else {
              action += ` ← fill "${text.slice(0, 20)}"`;
              await locator.fill(text, { timeout: 1_000 });
            }
          } else if (target.kind === 'select') {
            const values = await locator.evaluate((select) => [...select.options].map((option) => option.value));
            const value = rng.pick(values);
            action += ` ← ${value}`;
            await locator.selectOption(value, { timeout: 1_000 });
          } else if (target.kind === 'file') {
            const file = filePool(rng, storedText);
            action += ` ← ${file.name}`;
            await locator.setInputFiles(file, { timeout: 1_000 });
          } else if (target.kind === 'folder') {
            // A folder picker takes a directory: one holding a file of the pool.
            const file = filePool(rng, storedText);
            const folder = mkdtempSync(path.join(tmpdir(), 'lvzhi-fuzz-folder-'));
            writeFileSync(path.join(folder, file.name), file.buffer);
            action += ` ← folder with ${file.name}`;
            await locator.setInputFiles(folder, { timeout: 1_000 });
          } else {
            await locator.click({ timeout: 1_000 });
          }
        }
      } catch (error) {
        // The element went away, was covered, or the action timed out: a user's click can miss too.
        if (!/Timeout|detached|not attached|intercepts pointer|not visible|Target closed|not an <input>|Execution context was destroyed|navigation/i.test(String(error))) {
          actions.push(`${action} (threw ${String(error).split('\n')[0]})`);
          throw error;
        }
      }
      actions.push(action);
      print(`${step}: ${action}`);
      if (rng.chance(0.1)) await page.waitForTimeout(rng.below(450));
      if (step % 50 === 0) {
        storedText = await page.evaluate(() => {
          try { return localStorage.getItem(`lvzhi/draft/${localStorage.getItem('lvzhi/last-draft')}`); } catch { return null; }
        }).catch(() => null);
      }
      await check();
    }
    await closeDialogs(page);
    await check();
    await assertStoredEqualsForm(page);
    await check();
    return actions;
  } finally {
    await browser.close();
  }
}

/** Escape out of any open dialog, as a user would before looking at the form. */
async function closeDialogs(page) {
  for (let i = 0; i < 5 && await page.locator('dialog[open]').count(); i++) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(50);
  }
}

const META_KEYS = { region: 'region', province: 'province', year: 'year', 'notice-title': 'notice_title',
  'notice-number': 'notice_number', unit: 'unit', date: 'date', 'data-year': 'data_year' };

async function visit(page, hash, selector) {
  await page.evaluate((target) => { location.hash = target; }, hash);
  await page.locator(selector).first().waitFor({ timeout: 5_000 });
}

/**
 * The open draft as stored (found through 草稿管理's current row) equals what every page of the
 * form shows: meta, every figure, every item, the problems and measures.
 */
export async function assertStoredEqualsForm(page) {
  // Let pending typing be written, as the status says.
  await page.keyboard.press('Control+s');
  await waitUntilSaved(page).catch(async () => {
    const status = await page.getByTestId('save-status').textContent();
    if (!/已打开/.test(status)) throw new Error(`the draft is not saved after the walk: ${status}`);
  });
  await visit(page, '#/drafts', 'h1#drafts-title');
  const id = await page.locator('tr.current').getAttribute('data-draft');
  const stored = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), `lvzhi/draft/${id}`));

  await visit(page, '#/meta', 'h1#meta-title');
  for (const [key, field] of Object.entries(META_KEYS)) {
    // An empty field may be left out of the file.
    assert.equal(await page.locator(`#meta-${key}`).inputValue(), stored.meta[field] ?? '', `meta ${field}`);
  }
  await visit(page, '#/figures', 'input[data-figure]');
  const figures = await page.locator('input[data-figure]').evaluateAll((inputs) =>
    inputs.map((input) => [input.dataset.figure, input.value]));
  for (const [figure, value] of figures) assert.equal(value, stored.figures[figure] ?? '', `figure ${figure}`);

  const codes = await page.locator('nav.sidebar .nav-item a').evaluateAll((links) =>
    links.map((link) => decodeURIComponent(link.getAttribute('href').replace('#/item/', ''))));
  for (const code of codes) {
    await visit(page, `#/item/${code}`, `[id="title-${code}"]`);
    const entry = stored.items[code] ?? {};
    const shown = await page.evaluate((code) => {
      const byId = (id) => document.getElementById(id);
      const rating = document.querySelector(`input[name="rating-${code}"]:checked`);
      return {
        narrative: byId(`narrative-${code}`).value,
        not_applicable: byId(`na-${code}`)?.checked ?? false,
        reason: byId(`na-reason-${code}`)?.value,
        rating: rating ? rating.id.replace(`rating-${code}-`, '') : null,
        score: byId(`score-${code}`)?.value,
      };
    }, code);
    assert.equal(shown.narrative, entry.narrative ?? '', `narrative of ${code}`);
    assert.equal(shown.not_applicable, entry.not_applicable ?? false, `无此项 of ${code}`);
    if (shown.reason !== undefined) assert.equal(shown.reason, entry.not_applicable_reason ?? '', `reason of ${code}`);
    if (shown.score !== undefined) assert.equal(shown.score, entry.score ?? '', `score of ${code}`);
    assert.equal(shown.rating !== null, entry.rating != null, `rating of ${code}`);
  }
  for (const [list, hash, prefix] of [['problems', '#/problems', 'problem'], ['measures', '#/measures', 'measure']]) {
    await visit(page, hash, `h1#${list}-title`);
    const rows = await page.locator('li.entry').evaluateAll((items, prefix) => items.map((item) => ({
      id: item.dataset.entry,
      title: item.querySelector(`#${prefix}-${item.dataset.entry}-title`).value,
      text: item.querySelector(`#${prefix}-${item.dataset.entry}-text`).value,
      answers: [...item.querySelectorAll('.answers input:checked')].map((box) => box.id.split('-answers-')[1]),
    })), prefix);
    assert.deepEqual(rows.map(({ id, title, text }) => ({ id, title, text })),
      stored[list].map(({ id, title, text }) => ({ id, title, text })), list);
    if (list === 'measures') {
      for (const [index, row] of rows.entries()) {
        assert.deepEqual([...row.answers].sort(), [...stored.measures[index].answers].sort(), `answers of ${row.id}`);
      }
    }
  }
}

/** A draft as full as the seed's report (1): every item and figure, meta, problems and measures. */
export async function seedLikeDraft() {
  const framework = await builtinFramework();
  const figures = {};
  let index = 0;
  const items = {};
  for (const area of framework.areas) {
    for (const item of area.items) {
      for (const figure of item.figures ?? []) figures[figure.id] = sampleValue(figure, index++);
      items[item.code] = { narrative: item.starter ?? item.title, not_applicable: false, not_applicable_reason: '', rating: 'met', score: '' };
    }
  }
  for (const figure of framework.measures.figures ?? []) figures[figure.id] = sampleValue(figure, index++);
  const now = new Date().toISOString();
  return {
    format: 'lvzhi-draft', schema_version: 2, id: 'd-fuzz-seed-like', name: '',
    framework: { id: framework.id, version: framework.version },
    meta: { region: '资阳市', level: 'city', province: '四川省', year: '2023', notice_title: framework.notice.title,
      notice_number: framework.notice.number, unit: '资阳市人民政府', date: '2023年3月20日' },
    items, figures,
    problems: framework.problems.starters.map((starter, i) => ({ id: `p${i + 1}`, title: starter.title, text: starter.text })),
    measures: framework.measures.starters.map((starter, i) => ({
      id: `m${i + 1}`, title: starter.title, text: starter.text, answers: (starter.answers ?? []).map((a) => `p${a + 1}`) })),
    created_at: now, updated_at: now,
  };
}

/** Puts `draft` into the browser's storage as the draft to open, and reloads into it. */
export async function startFrom(page, draft) {
  await page.evaluate((draft) => {
    localStorage.setItem(`lvzhi/draft/${draft.id}`, JSON.stringify(draft));
    localStorage.setItem('lvzhi/last-draft', draft.id);
  }, draft);
  await page.reload();
  await page.locator('nav.sidebar').waitFor();
}

export { openAppAt };

/**
 * Starts a walk inside the framework editor of a scored framework with rules: table 08 of the
 * corpus (a 加分项 block, a 扣分项, a veto row) pasted and made into a framework, its deductions
 * accepted. Returns the hashes such a walk keeps to: the editor and the pages its changes reach.
 */
export async function startInEditor(page) {
  const table = await readFile(new URL('../../crates/core/tests/tables/08-bonus-block-at-end.tsv', import.meta.url), 'utf8');
  await visit(page, '#/from-table', 'h1#table-import-title');
  await pasteText(page, '#table-paste', table);
  await page.locator('#deduct-accept-all').click();
  await page.fill('#table-title', '示例市2025年县级政府履行教育职责评价指标');
  await page.fill('#table-year', '2025');
  await page.locator('#table-create').click();
  await page.getByTestId('notice').filter({ hasText: '已按指标表建立指标体系' }).waitFor();
  await visit(page, '#/drafts', 'h1#drafts-title');
  const edit = page.locator('a[aria-label^="编辑指标体系：示例市"]').first();
  const editorHash = new URL(await edit.getAttribute('href'), 'http://x/').hash;
  await visit(page, editorHash, 'h1');
  return [editorHash, editorHash, editorHash, '#/scoring', '#/score-sheet', '#/drafts'];
}
