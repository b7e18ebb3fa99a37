import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const root = path.resolve(import.meta.dirname, '../..');

/** A real Atelier server process started from the production build. */
export interface RunningServer {
	url: string;
	port: number;
	dataDir: string;
	process: ChildProcess;
	/** Every JSON log line the process has printed so far. */
	logs: Record<string, unknown>[];
	/** SIGTERM and wait; resolves with the exit code. */
	stop(): Promise<number | null>;
	/** SIGKILL and wait: a crash, nothing flushed. */
	kill(): Promise<void>;
}

export interface StartOptions {
	env?: Record<string, string>;
	/** Reuse a data folder (a restart); a fresh temporary one otherwise. */
	dataDir?: string;
	/** Seconds to wait for the "listening" line. */
	timeoutSeconds?: number;
}

/** A fresh temporary folder that is removed when the process exits. */
export function tempDir(prefix = 'atelier-test-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Starts `node build/server.js` on a free port (PORT=0) with its own data folder and no demo
 * seed unless asked. Needs `npm run build` first (npm test builds before running tests).
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
	const entry = path.join(root, 'build', 'server.js');
	if (!fs.existsSync(entry))
		throw new Error('build/server.js is missing: run `npm run build` first');
	const dataDir = options.dataDir ?? tempDir();
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: '0',
		DATA_DIR: dataDir,
		ATELIER_SEED: '0',
		LOG_LEVEL: 'info',
		...options.env
	};
	// The server derives its origin from the port it binds unless ORIGIN is given.
	if (!options.env?.ORIGIN) delete env.ORIGIN;
	const child = spawn(process.execPath, [entry], {
		cwd: root,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const logs: Record<string, unknown>[] = [];
	let stderr = '';
	child.stderr?.on('data', (chunk) => (stderr += chunk));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`server did not start in time; stderr: ${stderr}`)),
			(options.timeoutSeconds ?? 60) * 1000
		);
		const lines = readline.createInterface({ input: child.stdout! });
		lines.on('line', (line) => {
			let entry: Record<string, unknown>;
			try {
				entry = JSON.parse(line);
			} catch {
				return;
			}
			logs.push(entry);
			if (typeof entry.msg === 'string' && entry.msg.includes('listening') && entry.url) {
				clearTimeout(timer);
				resolve(String(entry.url));
			}
		});
		exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code} before listening; stderr: ${stderr}`));
		});
	});
	return {
		url,
		port: Number(new URL(url).port),
		dataDir,
		process: child,
		logs,
		async stop() {
			if (child.exitCode !== null) return child.exitCode;
			child.kill('SIGTERM');
			return exited;
		},
		async kill() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGKILL');
			await exited;
		}
	};
}

/** Signs up through the real auth endpoint and returns the session cookie header. */
export async function signUp(
	baseUrl: string,
	user: { email: string; password: string; name: string }
): Promise<string> {
	const response = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: baseUrl },
		body: JSON.stringify(user)
	});
	if (!response.ok) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
	return cookieHeader(response);
}

/** Signs in and returns the session cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
	const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: baseUrl },
		body: JSON.stringify({ email, password })
	});
	if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
	return cookieHeader(response);
}

function cookieHeader(response: Response): string {
	return response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0])
		.join('; ');
}

/** Calls a tRPC procedure over HTTP as the studio does (no batching). */
export async function trpc(
	baseUrl: string,
	cookie: string,
	procedure: string,
	input?: unknown,
	kind: 'query' | 'mutation' = 'mutation'
): Promise<{
	status: number;
	body: {
		result?: { data: unknown };
		error?: {
			message: string;
			data?: { code?: string; issues?: { path: string; message: string }[] };
		};
	};
}> {
	const url = new URL(`${baseUrl}/api/trpc/${procedure}`);
	const init: RequestInit = {
		headers: { cookie, 'content-type': 'application/json', origin: baseUrl }
	};
	if (kind === 'query') {
		if (input !== undefined) url.searchParams.set('input', JSON.stringify(input));
	} else {
		init.method = 'POST';
		init.body = JSON.stringify(input ?? null);
	}
	const response = await fetch(url, init);
	return { status: response.status, body: await response.json() };
}

/** A unique email for one test run. */
export function uniqueEmail(tag: string): string {
	return `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.com`;
}
