// Requests per second of the live-version endpoint (`GET /api/v1/stores/demo/products/<handle>`,
// the 200 and the 304 paths) under autocannon with 50 connections, side by side with nginx
// serving a static file of the same bytes on this machine. A figure to read, not a test:
// `npm run build && npm run bench:api` (needs nginx: `apt-get install nginx-light`).
//
// Fairness: Atelier serves from one Node process (one event loop; several instances need
// PostgreSQL + Redis, see the README), so the compared nginx runs one worker process too. nginx
// with one worker per core (`worker_processes auto`, its default way to run) is measured as well
// and printed for reference. autocannon runs in this process and needs a core of its own, so on a
// small machine every figure is partly autocannon's. Atelier runs as deployed (NODE_ENV=production,
// LOG_LEVEL=info; the store endpoints log nothing per request). Runs alternate Atelier and nginx
// so that load from other programs on the machine falls on both; BENCH_ROUNDS=3 repeats them and
// prints the median of each. The load average is printed: the machine may be shared.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startServer } from '../tests/support/server.js';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const HANDLE = process.env.BENCH_PRODUCT ?? 'team-jersey';
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1));

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

async function startNginx(
	body: string,
	workers: number | 'auto'
): Promise<{ url: string; stop(): Promise<void> } | null> {
	const binary = nginxBinary();
	if (!binary) return null;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-nginx-'));
	fs.mkdirSync(path.join(dir, 'root'));
	fs.writeFileSync(path.join(dir, 'root', 'definition.json'), body);
	const port = 20000 + Math.floor(Math.random() * 20000);
	// A static file with nginx's own ETag and the live endpoint's Cache-Control.
	fs.writeFileSync(
		path.join(dir, 'nginx.conf'),
		`worker_processes ${workers};
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
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	return {
		url: `http://127.0.0.1:${port}/definition.json`,
		async stop() {
			child.kill('SIGTERM');
			await exited;
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function load(): string {
	return os
		.loadavg()
		.map((n) => n.toFixed(2))
		.join(' ');
}

const server = await startServer({
	env: { ATELIER_SEED: '1', NODE_ENV: 'production', LOG_LEVEL: 'info' }
});
try {
	const url = `${server.url}/api/v1/stores/demo/products/${HANDLE}`;
	const first = await fetch(url);
	const body = await first.text();
	const etag = first.headers.get('etag') ?? '';
	if (first.status !== 200 || !etag) throw new Error(`the live endpoint answered ${first.status}`);
	const nginxOne = await startNginx(body, 1);
	const nginxAuto = await startNginx(body, 'auto');
	if (!nginxOne || !nginxAuto) {
		console.log('nginx is not installed: only Atelier is measured (apt-get install nginx-light)');
	}
	// Each nginx has its own ETag (it is made from the file's modification time).
	const etagOf = async (target: string) => (await fetch(target)).headers.get('etag') ?? '';
	const nginxOneEtag = nginxOne ? await etagOf(nginxOne.url) : '';
	const nginxAutoEtag = nginxAuto ? await etagOf(nginxAuto.url) : '';
	const loadBefore = load();
	const rounds: Result[][] = [];
	try {
		for (let round = 0; round < ROUNDS; round++) {
			const results: Result[] = [];
			results.push(await run('atelier live 200', url));
			if (nginxOne) results.push(await run('nginx 1 worker 200', nginxOne.url));
			results.push(await run('atelier live 304', url, { 'if-none-match': etag }));
			if (nginxOne)
				results.push(
					await run('nginx 1 worker 304', nginxOne.url, { 'if-none-match': nginxOneEtag })
				);
			if (nginxAuto) {
				results.push(await run('nginx auto 200', nginxAuto.url));
				results.push(
					await run('nginx auto 304', nginxAuto.url, { 'if-none-match': nginxAutoEtag })
				);
			}
			rounds.push(results);
		}
	} finally {
		await nginxOne?.stop();
		await nginxAuto?.stop();
	}
	console.log(
		`\n${HANDLE}: ${Buffer.byteLength(body)} bytes, ${CONNECTIONS} connections, ${SECONDS} s each, ` +
			`${ROUNDS} round(s), ${os.cpus().length} cores; load average before ${loadBefore}, after ${load()}`
	);
	console.log(
		'nginx "1 worker": worker_processes 1 (Atelier is one process); "auto": one per core\n'
	);
	console.log('what                  req/s     p50 ms   p99 ms   non-2xx   req/s of each round');
	const labels = rounds[0].map((r) => r.label);
	const rate = new Map<string, number>();
	for (const label of labels) {
		const runs = rounds.map((results) => results.find((r) => r.label === label)!);
		const requests = median(runs.map((r) => r.requests));
		rate.set(label, requests);
		const last = runs[runs.length - 1];
		console.log(
			`${label.padEnd(20)} ${requests.toFixed(0).padStart(7)} ${String(last.p50).padStart(9)} ${String(last.p99).padStart(8)} ${String(last.non2xx).padStart(9)}   ${runs.map((r) => r.requests.toFixed(0)).join(' ')}`
		);
	}
	const ratio = (ours: string, theirs: string) =>
		`${((rate.get(ours)! / rate.get(theirs)!) * 100).toFixed(0)} %`;
	if (nginxOne && nginxAuto) {
		console.log(
			`\nAtelier / nginx (1 worker): 200 path ${ratio('atelier live 200', 'nginx 1 worker 200')}, ` +
				`304 path ${ratio('atelier live 304', 'nginx 1 worker 304')} (target: at least 50 %)`
		);
		console.log(
			`Atelier / nginx (auto, one worker per core): 200 path ${ratio('atelier live 200', 'nginx auto 200')}, ` +
				`304 path ${ratio('atelier live 304', 'nginx auto 304')}`
		);
	}
} finally {
	await server.stop();
}
