// After `trunk build --release`: the start-up script moved out of the page (so the
// Content-Security-Policy, in the page and in the server's headers, is one fixed text), the
// service worker with its precache list, the one-file build, .br and .gz beside every file a
// server sends compressed, and the size report checked against the budget.
// Usage: node scripts/postbuild.mjs <dist> [--no-budget]
import { createHash } from 'node:crypto';
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import path from 'node:path';

const dist = process.argv[2];
const checkBudget = !process.argv.includes('--no-budget');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const sha256 = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

const files = await readdir(dist);
const pick = (pattern) => {
  const found = files.filter((name) => pattern.test(name));
  if (found.length !== 1) throw new Error(`expected one file matching ${pattern} in ${dist}, found ${found}`);
  return found[0];
};
const wasmName = pick(/_bg\.wasm$/);
const jsName = pick(/^lvzhi-[0-9a-f]+\.js$/);
const cssName = pick(/\.css$/);
const guardName = pick(/^guard-[0-9a-f]+\.js$/);
let html = await readFile(path.join(dist, 'index.html'), 'utf8');

// Every rewrite of Trunk's HTML must find what it rewrites: a silent no-op would ship a page
// without its CSP or a one-file build that still references separate files.
const replaceOnce = (text, pattern, replacement) => {
  const matches = text.match(new RegExp(pattern.source, pattern.flags.replace('g', '') + 'g')) ?? [];
  if (matches.length !== 1) throw new Error(`expected one match of ${pattern} in index.html, found ${matches.length}`);
  return text.replace(pattern, replacement);
};

// 1. Trunk's inline start-up script becomes a file of its own, named by its content: no inline
// script, so the CSP (deploy/content-security-policy.txt, also sent as a header by the server
// configurations in deploy/) needs no hash that changes with every build.
const inline = html.match(/<script type="module">([\s\S]*?)<\/script>/);
if (!inline) throw new Error('no inline start-up script in index.html');
const startCode = inline[1];
const startName = `start-${createHash('sha256').update(startCode).digest('hex').slice(0, 16)}.js`;
await writeFile(path.join(dist, startName), startCode);
html = replaceOnce(html, /<script type="module">[\s\S]*?<\/script>/, () => `<script type="module" src="./${startName}"></script>`);
const csp = (await readFile(path.join(root, 'deploy/content-security-policy.txt'), 'utf8')).trim();
html = replaceOnce(html, /<meta charset="utf-8">/, `<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="${csp}">`);
await writeFile(path.join(dist, 'index.html'), html);

// 2. Service worker: the app shell under a version derived from its content.
const shell = ['./', './index.html', `./${cssName}`, `./${guardName}`, `./${startName}`, `./${jsName}`, `./${wasmName}`];
const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 16);
const worker = (await readFile(path.join(root, 'scripts/sw-template.js'), 'utf8'))
  .replace('__VERSION__', version)
  .replace('__SHELL__', JSON.stringify(shell));
await writeFile(path.join(dist, 'sw.js'), worker);

// 3. One self-contained file: CSS, JS and wasm inlined; runs from file:// or as an attachment.
const css = await readFile(path.join(dist, cssName), 'utf8');
const guard = await readFile(path.join(dist, guardName), 'utf8');
const glue = await readFile(path.join(dist, jsName), 'utf8');
const wasm = await readFile(path.join(dist, wasmName));
const start = `${glue}
const bytes = Uint8Array.from(atob("${wasm.toString('base64')}"), (c) => c.charCodeAt(0));
initSync({ module: bytes });
`;
const singleCsp = [
  "default-src 'none'",
  `script-src 'wasm-unsafe-eval' ${sha256(guard)} ${sha256(start)}`,
  `style-src ${sha256(css)}`,
  'img-src data: blob:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
let single = html;
single = replaceOnce(single, /<meta http-equiv="Content-Security-Policy"[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="${singleCsp}">`);
single = replaceOnce(single, /<link rel="stylesheet"[^>]*>/, () => `<style>${css}</style>`);
single = replaceOnce(single, /<script src="\.\/guard-[0-9a-f]+\.js"[^>]*><\/script>/, () => `<script>${guard}</script>`);
single = replaceOnce(single, /<script type="module" src="[^"]*"><\/script>/, () => `<script type="module">${start}</script>`);
single = replaceOnce(single, /<link rel="modulepreload"[^>]*>/, '');
single = replaceOnce(single, /<link rel="preload"[^>]*>/, '');
await writeFile(path.join(dist, 'lvzhi-offline.html'), single);

// 4. IIS: deploy/web.config with a year's caching for each file named by its content.
const hashed = [wasmName, jsName, startName, guardName, cssName];
const webConfig = (await readFile(path.join(root, 'deploy/web.config'), 'utf8')).replace('<!-- HASHED-FILES -->', hashed.map((name) =>
  `<location path="${name}"><system.webServer><staticContent>`
  + '<clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="365.00:00:00" cacheControlCustom="public, immutable" />'
  + '</staticContent></system.webServer></location>').join('\n  '));
if (!hashed.every((name) => webConfig.includes(`path="${name}"`))) throw new Error('deploy/web.config has no <!-- HASHED-FILES --> to fill');
await writeFile(path.join(dist, 'web.config'), webConfig);

// 5. Compressed copies for servers that send them as they are (nginx brotli_static and
// gzip_static; IIS serves its own, see deploy/web.config): brotli at quality 11, gzip at level 9.
const compressible = (await readdir(dist)).filter((name) => /\.(wasm|js|css|html)$/.test(name));
const compressed = new Map();
for (const name of compressible) {
  const bytes = await readFile(path.join(dist, name));
  const br = brotliCompressSync(bytes, {
    params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  const gz = gzipSync(bytes, { level: 9 });
  await writeFile(path.join(dist, `${name}.br`), br);
  await writeFile(path.join(dist, `${name}.gz`), gz);
  compressed.set(name, { raw: bytes.length, br: br.length, gz: gz.length });
}

// 6. Size report and budget: the bytes a browser downloads on a first visit, as served.
const appFiles = [wasmName, jsName, startName, guardName, cssName, 'index.html'];
const budget = JSON.parse(await readFile(path.join(root, 'size-budget.json'), 'utf8'));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (key) => appFiles.reduce((total, name) => total + compressed.get(name)[key], 0);
console.log('size report (raw / gzip -9 / brotli 11):');
for (const name of appFiles) {
  const file = compressed.get(name);
  console.log(`  ${name.padEnd(40)} ${kb(file.raw).padStart(10)} ${kb(file.gz).padStart(10)} ${kb(file.br).padStart(10)}`);
}
const totals = { raw: sum('raw'), gz: sum('gz'), br: sum('br') };
console.log(`  ${'first visit, in total'.padEnd(40)} ${kb(totals.raw).padStart(10)} ${kb(totals.gz).padStart(10)} ${kb(totals.br).padStart(10)}`
  + `   budget: gzip ${kb(budget.gzip_total_bytes)}, brotli ${kb(budget.brotli_total_bytes)}`);
console.log(`  ${'one-file build lvzhi-offline.html'.padEnd(40)} ${kb(single.length).padStart(10)}`);
const over = [['gzip', totals.gz, budget.gzip_total_bytes], ['brotli', totals.br, budget.brotli_total_bytes]]
  .filter(([, total, limit]) => total > limit);
if (checkBudget && over.length) {
  for (const [kind, total, limit] of over) console.error(`size budget exceeded: ${kind} ${kb(total)} > ${kb(limit)} (size-budget.json)`);
  process.exit(1);
}
