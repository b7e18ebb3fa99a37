import { error } from '@sveltejs/kit';
import { getOrder, nextStatuses } from '$lib/server/orders';
import { viewsOfVersions } from '$lib/server/production';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	const { activeWorkspace } = await parent();
	if (!activeWorkspace) error(404, 'No workspace: create or join one first.');
	const order = /^[a-z0-9]{1,64}$/.test(params.orderId)
		? await getOrder(locals.services.database.db, activeWorkspace.id, params.orderId)
		: null;
	if (!order)
		error(404, 'This order does not exist in this workspace. Go back to the orders list.');
	const views = await viewsOfVersions(
		locals.services.database.db,
		order.items.map((item) => ({ productId: item.product.id, version: item.version }))
	);
	return {
		order,
		nextStatuses: nextStatuses(order.status),
		// The views of each item's pinned version, for one picture per view.
		itemViews: Object.fromEntries(
			order.items.map((item) => [
				item.position,
				views.get(`${item.product.id}@${item.version}`) ?? []
			])
		)
	};
};
