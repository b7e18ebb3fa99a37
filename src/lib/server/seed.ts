import type { Logger } from 'pino';
import { draftStateFromDefinition } from '../collab/definition-doc';
import type { Auth } from './auth';
import type { AppDatabase } from './db';
import { nowIso } from './ids';
import { createProduct } from './products';
import { publishDraft } from './publish';
import { setCartMapping } from './store-settings';
import { defaultSamplesDir, readSample } from './templates';

export const DEMO_EMAIL = 'demo@atelier.dev';
export const DEMO_PASSWORD = 'atelier-demo';

/**
 * The demo products: name, handle and the made-up Shopify variant each adds to the cart (their
 * cart mapping, as a merchant sets it under Settings → Store). Definitions come from
 * static/samples/.
 */
export const DEMO_PRODUCTS = [
	{ name: 'Team jersey', handle: 'team-jersey', shopifyVariantId: '44012345678901' },
	{ name: 'Engraved pendant', handle: 'engraved-pendant', shopifyVariantId: '44012345678902' },
	{ name: 'Modular sofa', handle: 'modular-sofa', shopifyVariantId: '44012345678903' }
] as const;

/**
 * Seeds the "Demo Store" workspace (slug `demo`) with the demo user and products — only on an
 * empty database, so it never touches a studio that is in use. Returns the credentials, or null
 * when nothing was seeded.
 */
export async function seedDemo({
	database,
	auth,
	log,
	samplesDir = defaultSamplesDir()
}: {
	database: AppDatabase;
	auth: Auth;
	log?: Logger;
	/** Folder holding `<handle>/definition.json` for each demo product. */
	samplesDir?: string;
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
		const productId = await createProduct(db, {
			workspaceId,
			name: product.name,
			handle: product.handle
		});
		await setCartMapping(db, {
			productId,
			shopifyVariantId: product.shopifyVariantId,
			wooCommerceProductId: null
		});
		const definition = readSample(samplesDir, product.handle);
		if (!definition) {
			log?.warn(
				{ handle: product.handle, samplesDir },
				'no sample definition; the demo product starts empty'
			);
			continue;
		}
		const state = draftStateFromDefinition({
			...definition,
			name: product.name,
			handle: product.handle
		});
		await db
			.insertInto('draft_snapshot')
			.values({ product_id: productId, state, up_to_update_id: 0, updated_at: nowIso() })
			.execute();
		// Version 1 goes live through the same gate as any publish, so the demo storefront API
		// answers from the first start.
		const published = await publishDraft(db, {
			productId,
			workspaceId,
			authorId: user.id,
			note: 'Demo product',
			// The samples are ours: their warnings (if any) were read when they were written.
			acknowledgeWarnings: true,
			draftState: state
		});
		if (!published.ok) {
			log?.warn({ handle: product.handle, errors: published.errors }, 'demo product not published');
		}
	}
	return { email: DEMO_EMAIL, password: DEMO_PASSWORD };
}
