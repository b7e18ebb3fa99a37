import type { Logger } from 'pino';
import type { Auth } from './auth';
import type { AppDatabase } from './db';
import { createProduct } from './products';

export const DEMO_EMAIL = 'demo@atelier.dev';
export const DEMO_PASSWORD = 'atelier-demo';

/** The demo products: name and handle. Their definitions come from static/samples/. */
export const DEMO_PRODUCTS = [
	{ name: 'Team jersey', handle: 'team-jersey' },
	{ name: 'Engraved pendant', handle: 'engraved-pendant' },
	{ name: 'Modular sofa', handle: 'modular-sofa' }
] as const;

/**
 * Seeds the "Demo Store" workspace (slug `demo`) with the demo user and products — only on an
 * empty database, so it never touches a studio that is in use. Returns the credentials, or null
 * when nothing was seeded.
 */
export async function seedDemo({
	database,
	auth
}: {
	database: AppDatabase;
	auth: Auth;
	log?: Logger;
}): Promise<{ email: string; password: string } | null> {
	const { db } = database;
	const anyUser = await db.selectFrom('user').select('id').limit(1).executeTakeFirst();
	if (anyUser) return null;
	const { user } = await auth.api.signUpEmail({
		body: { email: DEMO_EMAIL, password: DEMO_PASSWORD, name: 'Demo Merchant' }
	});
	const membership = await db
		.selectFrom('member')
		.select('organizationId')
		.where('userId', '=', user.id)
		.executeTakeFirstOrThrow();
	const workspaceId = membership.organizationId;
	await db
		.updateTable('organization')
		.set({ name: 'Demo Store', slug: 'demo' })
		.where('id', '=', workspaceId)
		.execute();
	for (const product of DEMO_PRODUCTS) {
		await createProduct(db, { workspaceId, ...product });
	}
	return { email: DEMO_EMAIL, password: DEMO_PASSWORD };
}
