// A real nginx on loopback, configured with deploy/nginx.conf as a user would: the app's files in
// a folder named by its sub-path, brotli_static and gzip_static. Started and stopped by whoever
// needs it (the deployment test, the start-up benchmark); needs Debian's nginx and
// libnginx-mod-http-brotli-static (scripts/lib.sh ensure_nginx).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { cp, mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((file) => existsSync(file)) ?? 'nginx';
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Serves `app` (a built dist folder) at /<subPath>/ through deploy/nginx.conf, and each of
 * `others` ({ name: folder }) at /<name>/ with the same compression. Returns { url, origin, stop }.
 */
export async function startNginx({ app, subPath = 'lvzhi', others = {} }) {
  const work = await mkdtemp(path.join(tmpdir(), 'lvzhi-nginx-'));
  // Workers run as an unprivileged user: everything they read must be readable by all.
  await chmod(work, 0o755);
  const www = path.join(work, 'www');
  await cp(app, path.join(www, subPath), { recursive: true });
  for (const [name, folder] of Object.entries(others)) await cp(folder, path.join(www, name), { recursive: true });
  await chmod(www, 0o755);
  const snippet = (await readFile(path.join(root, 'deploy/nginx.conf'), 'utf8'))
    .replaceAll('/lvzhi/', `/${subPath}/`)
    .replace('root /srv/www;', `root ${www};`);
  if (!snippet.includes(`root ${www};`)) throw new Error('deploy/nginx.conf has no "root /srv/www;" to point at the test folder');
  const extra = Object.keys(others).map((name) => `location /${name}/ { root ${www}; brotli_static on; gzip_static on; add_header Cache-Control "no-cache"; }`);
  const port = await freePort();
  const config = `
${existsSync(BROTLI_MODULE) ? `load_module ${BROTLI_MODULE};` : ''}
worker_processes 1;
daemon off;
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log ${work}/access.log;
    client_body_temp_path ${work}/body;
    proxy_temp_path ${work}/proxy;
    fastcgi_temp_path ${work}/fastcgi;
    uwsgi_temp_path ${work}/uwsgi;
    scgi_temp_path ${work}/scgi;
    sendfile on;
    server {
        listen 127.0.0.1:${port};
        server_name localhost;
${snippet}
${extra.join('\n')}
    }
}
`;
  const configFile = path.join(work, 'nginx.conf');
  await writeFile(configFile, config);
  for (const file of await import('node:fs/promises').then((fs) => fs.readdir(work))) await chmod(path.join(work, file), 0o755).catch(() => {});
  const nginx = spawn(NGINX, ['-p', work, '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  nginx.stderr.on('data', (chunk) => { stderr += chunk; });
  const origin = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (nginx.exitCode !== null) throw new Error(`nginx stopped: ${stderr}${await readFile(path.join(work, 'error.log'), 'utf8').catch(() => '')}`);
    try {
      await fetch(`${origin}/${subPath}/`);
      break;
    } catch {
      if (attempt > 100) throw new Error(`nginx did not answer: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    url: `${origin}/${subPath}/`,
    origin,
    accessLog: () => readFile(path.join(work, 'access.log'), 'utf8'),
    async stop() {
      nginx.kill('SIGQUIT');
      await new Promise((resolve) => (nginx.exitCode !== null ? resolve() : nginx.once('exit', resolve)));
      await rm(work, { recursive: true, force: true });
    },
  };
}
