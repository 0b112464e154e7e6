// The import-graph check itself, on small crates written here: it must find a circle, name the
// lines that make it, ignore a module's own submodules, and catch helpers taken from a sibling
// component file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkCrate, expandUse } from '../../scripts/check-imports.mjs';

async function crate(files) {
  const root = await mkdtemp(path.join(tmpdir(), 'lvzhi-imports-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
  return root;
}

test('grouped uses are expanded into full paths, aliases named by what they alias', () => {
  assert.deepEqual(expandUse('crate::{a::{b, c}, d::e as f, g::self}'), ['crate::a::b', 'crate::a::c', 'crate::d::e', 'crate::g']);
  assert.deepEqual(expandUse('super::x'), ['super::x']);
});

test('a circle between two modules is found, with the lines that make it', async () => {
  const root = await crate({
    'lib.rs': 'mod a;\nmod b;\n',
    'a.rs': '// a\nuse crate::b::Thing;\npub struct Other;\n',
    'b.rs': 'pub struct Thing;\nfn f() -> crate::a::Other { todo!() }\n',
  });
  const problems = checkCrate(root);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /import circle between a\.rs, b\.rs/);
  assert.match(problems[0], /a\.rs:2 → b\.rs/);
  assert.match(problems[0], /b\.rs:2 → a\.rs/);
});

test('a folder module and its own files are one unit; comments and strings are not imports', async () => {
  const root = await crate({
    'lib.rs': 'mod v;\nmod d;\n',
    'v/mod.rs': 'mod rules;\nuse crate::d::Draft;\npub struct Rule;\nstatic ALL: [Rule; 0] = rules::ALL;\n',
    'v/rules.rs': 'use super::Rule;\nuse crate::d::Draft;\n',
    'd.rs': '// use crate::v::Rule;\npub struct Draft;\nconst S: &str = "crate::v::Rule";\n',
  });
  assert.deepEqual(checkCrate(root), []);
});

test('a component importing a helper from a sibling component file is reported, a component is not', async () => {
  const root = await crate({
    'main.rs': 'mod components;\n',
    'components/mod.rs': 'pub mod nav;\npub mod page;\n',
    'components/nav.rs': 'pub fn area_numeral() {}\npub fn Nav() {}\n',
    'components/page.rs': 'use crate::components::nav::{area_numeral, Nav};\n',
  });
  const problems = checkCrate(root, { components: 'form,components' });
  assert.equal(problems.length, 1);
  assert.match(problems[0], /page\.rs:1: a component file imports the helper `area_numeral`/);
});

test('an import against the layers is reported: a feature importing one above it, or a widget a feature', async () => {
  const root = await crate({
    'main.rs': 'mod app;\nmod form;\nmod drafts;\nmod widgets;\n',
    'app.rs': 'use crate::form::page::Page;\nuse crate::widgets::modal::Modal;\n',
    'form/mod.rs': 'pub mod page;\n',
    'form/page.rs': 'use crate::drafts::list::List;\npub fn Page() {}\n',
    'drafts/mod.rs': 'pub mod list;\n',
    'drafts/list.rs': 'pub fn List() {}\n',
    'widgets/mod.rs': 'pub mod modal;\n',
    'widgets/modal.rs': 'pub fn Modal() {}\nfn f() { crate::drafts::list::List() }\n',
  });
  const layers = ['app', 'form', 'drafts', 'widgets'];
  const problems = checkCrate(root, { layers });
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], /widgets\/modal\.rs:2: widgets imports from drafts\/list\.rs, a layer above it \(app > form > drafts > widgets\)/);
});
