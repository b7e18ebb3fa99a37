// Requests per second of the live-version endpoint (`GET /api/v1/stores/demo/products/<handle>`,
// the 200 and the 304 paths) under autocannon with 50 connections, side by side with nginx
// serving a static file of the same bytes on this machine. A figure to read, not a test:
// `npm run build && npm run bench:api` (needs nginx: `apt-get install nginx-light`).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startServer } from '../tests/support/server.js';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const HANDLE = process.env.BENCH_PRODUCT ?? 'team-jersey';

interface Result {
	label: string;
	requests: number;
	p50: number;
	p99: number;
	non2xx: number;
}

async function run(
	label: string,
	url: string,
	headers: Record<string, string> = {}
): Promise<Result> {
	const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
	return {
		label,
		requests: result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		non2xx: result.non2xx
	};
}

function nginxBinary(): string | null {
	for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx'])
		if (fs.existsSync(candidate)) return candidate;
	return null;
}

async function startNginx(body: string): Promise<{ url: string; stop(): void } | null> {
	const binary = nginxBinary();
	if (!binary) return null;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-nginx-'));
	fs.mkdirSync(path.join(dir, 'root'));
	fs.writeFileSync(path.join(dir, 'root', 'definition.json'), body);
	const port = 20000 + Math.floor(Math.random() * 20000);
	// One worker per core, as a production nginx would run here; static file with its own ETag.
	fs.writeFileSync(
		path.join(dir, 'nginx.conf'),
		`worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/json json; }
  client_body_temp_path ${dir}; proxy_temp_path ${dir}; fastcgi_temp_path ${dir}; uwsgi_temp_path ${dir}; scgi_temp_path ${dir};
  server {
    listen 127.0.0.1:${port};
    root ${dir}/root;
    location / { add_header Cache-Control "public, max-age=60, stale-while-revalidate=600"; }
  }
}
`
	);
	const child: ChildProcess = spawn(
		binary,
		['-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'],
		{
			stdio: 'ignore'
		}
	);
	await new Promise((resolve) => setTimeout(resolve, 500));
	return {
		url: `http://127.0.0.1:${port}/definition.json`,
		stop: () => child.kill('SIGTERM')
	};
}

const server = await startServer({ env: { ATELIER_SEED: '1' } });
try {
	const url = `${server.url}/api/v1/stores/demo/products/${HANDLE}`;
	const first = await fetch(url);
	const body = await first.text();
	const etag = first.headers.get('etag') ?? '';
	if (first.status !== 200 || !etag) throw new Error(`the live endpoint answered ${first.status}`);
	const results: Result[] = [];
	results.push(await run('atelier live 200', url));
	results.push(await run('atelier live 304', url, { 'if-none-match': etag }));
	const nginx = await startNginx(body);
	if (nginx) {
		try {
			const head = await fetch(nginx.url);
			const nginxEtag = head.headers.get('etag') ?? '';
			results.push(await run('nginx static 200', nginx.url));
			results.push(await run('nginx static 304', nginx.url, { 'if-none-match': nginxEtag }));
		} finally {
			nginx.stop();
		}
	} else {
		console.log('nginx is not installed: only Atelier is measured (apt-get install nginx-light)');
	}
	console.log(
		`\n${HANDLE}: ${body.length} bytes, ${CONNECTIONS} connections, ${SECONDS} s each, ${os.cpus().length} cores\n`
	);
	console.log('what                  req/s     p50 ms   p99 ms   non-2xx');
	for (const r of results) {
		console.log(
			`${r.label.padEnd(20)} ${r.requests.toFixed(0).padStart(7)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${String(r.non2xx).padStart(9)}`
		);
	}
	const ours = results.find((r) => r.label === 'atelier live 200');
	const theirs = results.find((r) => r.label === 'nginx static 200');
	const ours304 = results.find((r) => r.label === 'atelier live 304');
	const theirs304 = results.find((r) => r.label === 'nginx static 304');
	if (ours && theirs && ours304 && theirs304) {
		console.log(
			`\nAtelier / nginx: 200 path ${((ours.requests / theirs.requests) * 100).toFixed(0)} %, 304 path ${((ours304.requests / theirs304.requests) * 100).toFixed(0)} % (target: at least 50 %)`
		);
	}
} finally {
	await server.stop();
}
