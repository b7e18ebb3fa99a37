import { error } from '@sveltejs/kit';
import { listOrders, ORDER_STATUSES, type OrderStatus } from '$lib/server/orders';
import { listProducts } from '$lib/server/products';
import type { PageServerLoad } from './$types';

/** The filters of the orders list live in the URL, so a filtered list can be shared and reloaded. */
export const load: PageServerLoad = async ({ locals, url, parent }) => {
	const { activeWorkspace } = await parent();
	if (!activeWorkspace) error(404, 'No workspace: create or join one first.');
	const { db } = locals.services.database;
	const query = (url.searchParams.get('q') ?? '').slice(0, 100);
	const statusParam = url.searchParams.get('status') ?? '';
	const status = (ORDER_STATUSES as readonly string[]).includes(statusParam)
		? (statusParam as OrderStatus)
		: undefined;
	const productParam = url.searchParams.get('product') ?? '';
	const products = await listProducts(db, activeWorkspace.id, { includeArchived: true });
	const productId = products.some((p) => p.id === productParam) ? productParam : undefined;
	const orders = await listOrders(db, activeWorkspace.id, { query, status, productId });
	return {
		orders,
		products: products.map((p) => ({ id: p.id, name: p.name })),
		filter: { query, status: status ?? '', productId: productId ?? '' }
	};
};
