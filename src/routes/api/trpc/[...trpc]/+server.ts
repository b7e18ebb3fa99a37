import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { RequestHandler } from './$types';
import { appRouter } from '$lib/server/trpc';

const handler: RequestHandler = (event) =>
	fetchRequestHandler({
		endpoint: '/api/trpc',
		req: event.request,
		router: appRouter,
		createContext: () => ({
			services: event.locals.services,
			user: event.locals.user,
			sessionId: event.locals.session?.id ?? null,
			activeWorkspaceId: event.locals.session?.activeWorkspaceId ?? null
		}),
		onError: ({ error, path }) => {
			if (error.code === 'INTERNAL_SERVER_ERROR') {
				event.locals.services.log.error(
					{ requestId: event.locals.requestId, path, err: error.cause ?? error },
					'trpc error'
				);
			}
		}
	});

export const GET = handler;
export const POST = handler;
