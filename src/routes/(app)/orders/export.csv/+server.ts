import { error } from '@sveltejs/kit';
import { workspaceRole } from '$lib/server/access';
import { toCsv } from '$lib/server/csv';
import { listOrders, ORDER_STATUSES, STATUS_LABELS, type OrderStatus } from '$lib/server/orders';
import type { RequestHandler } from './$types';

/** The orders list (same filters as the page) as CSV, every cell safe from formula injection. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const workspaceId = locals.session?.activeWorkspaceId;
	if (!locals.user || !workspaceId) error(401, 'Sign in to export orders.');
	const { db } = locals.services.database;
	if (!(await workspaceRole(db, locals.user.id, workspaceId))) error(404, 'Workspace not found.');
	const statusParam = url.searchParams.get('status') ?? '';
	const orders = await listOrders(db, workspaceId, {
		query: (url.searchParams.get('q') ?? '').slice(0, 100),
		status: (ORDER_STATUSES as readonly string[]).includes(statusParam)
			? (statusParam as OrderStatus)
			: undefined,
		productId: url.searchParams.get('product') || undefined,
		limit: 2000
	});
	const rows = [
		[
			'number',
			'created_at',
			'status',
			'source',
			'reference',
			'customer',
			'email',
			'products',
			'items',
			'quantity',
			'total_minor_units',
			'currency',
			'ship_by'
		],
		...orders.map((o) => [
			o.number,
			o.createdAt,
			STATUS_LABELS[o.status],
			o.source,
			o.reference,
			o.customer?.name,
			o.customer?.email,
			o.products.join('; '),
			o.itemCount,
			o.quantity,
			o.total.amount,
			o.total.currency,
			o.shipBy
		])
	];
	return new Response(toCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="orders-${new Date().toISOString().slice(0, 10)}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
