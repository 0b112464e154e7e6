// Checks the `use` graph of a Rust crate's sources: no import circle between modules, and (for
// the app) no component file importing a helper from another component file of its feature, and
// no import against the layers (a feature folder importing one listed above it).
//
// A module is a file (`draft/field.rs` is `crate::draft::field`). Edges come from `crate::` and
// `super::` paths, in `use` statements (braces expanded) and inline. A folder module and the files
// inside it are one unit: edges between a module and its own ancestors or descendants are not
// counted, only edges between siblings and across folders.
//
// Usage: node scripts/check-imports.mjs <crate src dir> [--components <dir>,<dir>…]
//        [--layers <top>,…,<bottom>] [<another crate src dir> …]
// A layer is a top-level module (`app` for app.rs, `form` for form/): a module may import from its
// own layer and those below it, never from one above. Exits 1 and lists every circle (with the
// lines that make it), every helper import and every upward import found.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every .rs file under `dir`, as paths relative to it. */
function rustFiles(dir, prefix = '') {
  const found = [];
  for (const name of readdirSync(path.join(dir, prefix))) {
    const relative = path.join(prefix, name);
    if (statSync(path.join(dir, relative)).isDirectory()) found.push(...rustFiles(dir, relative));
    else if (name.endsWith('.rs')) found.push(relative);
  }
  return found;
}

/** `draft/field.rs` → `draft::field`; `lib.rs`, `main.rs` → `` (the crate root); `x/mod.rs` → `x`. */
export function modulePath(file) {
  const parts = file.replace(/\.rs$/, '').split(path.sep);
  if (parts.length === 1 && (parts[0] === 'lib' || parts[0] === 'main')) return '';
  if (parts[parts.length - 1] === 'mod') parts.pop();
  return parts.join('::');
}

/** Removes comments and string/char literals, keeping line numbers. */
function stripNoise(source) {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/\/\/[^\n]*/g, '')
    .replace(/r#*"[\s\S]*?"#*/g, (text) => text.replace(/[^\n]/g, ' '))
    .replace(/"(?:[^"\\]|\\[\s\S])*"/g, (text) => text.replace(/[^\n]/g, ' '))
    .replace(/'(?:[^'\\\n]|\\.){1,4}'/g, "' '");
}

/** Expands `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`. */
export function expandUse(tree) {
  // `x as y` names x: the alias goes before the spaces do.
  const text = tree.replace(/\s+as\s+\w+/g, '').replace(/\s+/g, '');
  const open = text.indexOf('{');
  if (open < 0) return [text.replace(/::self$/, '')];
  const prefix = text.slice(0, open);
  let depth = 0;
  let start = open + 1;
  const parts = [];
  for (let at = open; at < text.length; at++) {
    if (text[at] === '{') depth++;
    else if (text[at] === '}') {
      depth--;
      if (depth === 0) { parts.push(text.slice(start, at)); break; }
    } else if (text[at] === ',' && depth === 1) { parts.push(text.slice(start, at)); start = at + 1; }
  }
  return parts.filter(Boolean).flatMap((part) => (part === 'self' ? [prefix.replace(/::$/, '')] : expandUse(prefix + part)));
}

/** Every module path a file refers to: `[{ target, line }]`, `crate::`/`super::` resolved. */
function references(source, module) {
  const clean = stripNoise(source);
  const lineOf = (index) => clean.slice(0, index).split('\n').length;
  const found = [];
  const resolve = (raw) => {
    let parts = raw.split('::').filter(Boolean);
    let base;
    if (parts[0] === 'crate') { base = []; parts = parts.slice(1); }
    else if (parts[0] === 'super' || parts[0] === 'self') {
      base = module ? module.split('::') : [];
      while (parts[0] === 'super' || parts[0] === 'self') {
        if (parts[0] === 'super') base = base.slice(0, -1);
        parts = parts.slice(1);
      }
    } else return null;
    return [...base, ...parts].join('::');
  };
  for (const match of clean.matchAll(/\buse\s+((?:crate|super|self)\b[^;]*);/g)) {
    for (const used of expandUse(match[1])) {
      const target = resolve(used);
      if (target !== null) found.push({ target, line: lineOf(match.index), name: used.split('::').pop() });
    }
  }
  const withoutUses = clean.replace(/\buse\s+[^;]*;/g, (statement) => statement.replace(/[^\n]/g, ' '));
  for (const match of withoutUses.matchAll(/\b(?:crate|super)(?:::\w+)+/g)) {
    const target = resolve(match[0]);
    if (target !== null) found.push({ target, line: lineOf(match.index), name: match[0].split('::').pop() });
  }
  return found;
}

/** The module a path names: the longest prefix that is a module. */
function owningModule(target, modules) {
  const parts = target.split('::');
  for (let length = parts.length; length >= 0; length--) {
    const candidate = parts.slice(0, length).join('::');
    if (modules.has(candidate)) return candidate;
  }
  return '';
}

const related = (a, b) => a === b || a.startsWith(`${b}::`) || b.startsWith(`${a}::`) || a === '' || b === '';

/** Strongly connected components with more than one module (Tarjan). */
function circles(graph) {
  let index = 0;
  const stack = [];
  const data = new Map();
  const found = [];
  const visit = (node) => {
    data.set(node, { index, low: index, onStack: true });
    index++;
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!data.has(next)) { visit(next); data.get(node).low = Math.min(data.get(node).low, data.get(next).low); }
      else if (data.get(next).onStack) data.get(node).low = Math.min(data.get(node).low, data.get(next).index);
    }
    if (data.get(node).low === data.get(node).index) {
      const component = [];
      let member;
      do { member = stack.pop(); data.get(member).onStack = false; component.push(member); } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!data.has(node)) visit(node);
  return found;
}

/** Checks one crate; returns a list of problems (empty when clean). */
export function checkCrate(srcDir, { components, layers } = {}) {
  const componentDirs = (components ?? '').split(',').filter(Boolean).map((dir) => dir.replace(/\//g, '::'));
  const layerOf = (module) => (layers ?? []).indexOf(module.split('::')[0]);
  const files = rustFiles(srcDir);
  const fileOf = new Map(files.map((file) => [modulePath(file), file]));
  const modules = new Set(fileOf.keys());
  const graph = new Map();
  const problems = [];
  for (const [module, file] of fileOf) {
    const edges = new Map();
    for (const reference of references(readFileSync(path.join(srcDir, file), 'utf8'), module)) {
      const target = owningModule(reference.target, modules);
      if (related(module, target)) continue;
      if (!edges.has(target)) edges.set(target, []);
      edges.get(target).push(reference.line);
      // A feature's state modules (`editor_state`) are where its components' helpers belong.
      const componentDir = componentDirs.find((dir) => module.startsWith(`${dir}::`) && target.startsWith(`${dir}::`)
        && !target.endsWith('_state'));
      if (componentDir && /^[a-z_][a-z0-9_]*$/.test(reference.name) && reference.name !== target.split('::').pop()) {
        problems.push(`${file}:${reference.line}: a component file imports the helper \`${reference.name}\` from ${fileOf.get(target)}; helpers belong in a state module`);
      }
      const [from, to] = [layerOf(module), layerOf(target)];
      if (from >= 0 && to >= 0 && to < from) {
        problems.push(`${file}:${reference.line}: ${module.split('::')[0]} imports from ${fileOf.get(target)}, a layer above it (${layers.join(' > ')})`);
      }
    }
    graph.set(module, edges);
  }
  for (const component of circles(graph)) {
    const lines = component.flatMap((from) => [...graph.get(from)].filter(([to]) => component.includes(to))
      .map(([to, at]) => `    ${fileOf.get(from)}:${at.join(',')} → ${fileOf.get(to)}`));
    problems.push(`import circle between ${component.map((module) => fileOf.get(module)).join(', ')}:\n${lines.join('\n')}`);
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  let failed = false;
  for (let at = 0; at < args.length; at++) {
    const options = {};
    while (args[at + 1]?.startsWith('--')) {
      const [flag, value] = [args[at + 1], args[at + 2]];
      if (flag === '--components') options.components = value;
      else if (flag === '--layers') options.layers = value.split(',');
      else throw new Error(`unknown option ${flag}`);
      args.splice(at + 1, 2);
    }
    const problems = checkCrate(args[at], options);
    for (const problem of problems) console.error(`${args[at]}: ${problem}`);
    if (problems.length) failed = true;
    else {
      const also = [options.components && 'no helper imported between component files', options.layers && `layers ${options.layers.join(' > ')} kept`];
      console.log(`${args[at]}: no import circle${also.filter(Boolean).map((text) => `, ${text}`).join('')}`);
    }
  }
  process.exit(failed ? 1 : 0);
}
