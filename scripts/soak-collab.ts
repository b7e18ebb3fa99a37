/**
 * Soak test of co-editing: many seeded randomized sessions through real server processes, with
 * more clients, operations and disconnections than CI runs (tests/collab-convergence.test.ts
 * runs the same sessions, fewer of them). Exits 1 on the first seed that does not converge to a
 * stored, valid definition, printing the seed to replay.
 *
 *   npm run build && npx tsx scripts/soak-collab.ts [--seeds 50] [--first-seed 1000]
 *     [--operations 400] [--max-clients 8] [--instances 2] [--churn 0.05]
 *
 * With `--instances 2` the clients are spread over two server processes on one PostgreSQL schema
 * and Redis (REDIS_URL, default redis://127.0.0.1:6379); with 1, one process on PostgreSQL.
 */
import { runSession, storedDraft, seededRandom } from '../tests/support/convergence';
import { definitionOf } from '../tests/support/definition-ops';
import { freshSchema, REDIS_URL } from '../tests/support/postgres';
import {
	signUp,
	startServer,
	trpc,
	uniqueEmail,
	type RunningServer
} from '../tests/support/server';

const args = process.argv.slice(2);
function option(name: string, fallback: number): number {
	const i = args.indexOf(`--${name}`);
	if (i < 0) return fallback;
	const n = Number(args[i + 1]);
	if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: expected a non-negative number`);
	return n;
}
const seeds = option('seeds', 50);
const firstSeed = option('first-seed', 1000);
const operations = option('operations', 400);
const maxClients = Math.max(2, option('max-clients', 8));
const instances = Math.min(2, Math.max(1, option('instances', 2)));
const churn = option('churn', 0.05);

async function main(): Promise<void> {
	// y-websocket adds a process 'exit' listener per provider.
	process.setMaxListeners(0);
	const schema = await freshSchema('soak');
	const env = {
		...schema.env,
		REDIS_URL,
		ATELIER_AUTH_SECRET: 'soak-secret-0123456789abcdefghijklmn'
	};
	const servers: RunningServer[] = [];
	try {
		for (let i = 0; i < instances; i++) servers.push(await startServer({ env }));
		const cookie = await signUp(servers[0].url, {
			email: uniqueEmail('soak'),
			password: 'correct-horse-battery',
			name: 'Soak'
		});
		let totalOperations = 0;
		const started = performance.now();
		for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
			const clients = 2 + Math.floor(seededRandom(seed)() * (maxClients - 1));
			const created = await trpc(servers[0].url, cookie, 'product.create', {
				name: `soak ${seed}`,
				handle: `soak-${seed}`
			});
			const productId = (created.body.result?.data as { id: string }).id;
			const session = await runSession({
				urls: servers.map((s) => s.url),
				cookie,
				productId,
				clients,
				operations,
				seed,
				churn,
				settleMs: 60_000
			});
			try {
				const stored = definitionOf(await storedDraft(schema.query, productId));
				if (stored !== definitionOf(session.editors[0].doc)) {
					throw new Error(`seed ${seed}: the stored draft differs from the clients'`);
				}
			} finally {
				for (const editor of session.editors) editor.destroy();
			}
			totalOperations += operations;
			console.log(
				`seed ${seed}: ${clients} clients, ${operations} operations, ` +
					`${session.disconnections} disconnections — converged, stored, valid`
			);
		}
		const seconds = (performance.now() - started) / 1000;
		console.log(
			`\n${seeds} seeds, ${totalOperations} operations on ${instances} instance(s) in ${seconds.toFixed(0)} s: all converged`
		);
	} finally {
		await Promise.all(servers.map((s) => s.stop()));
		await schema.drop();
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
);
