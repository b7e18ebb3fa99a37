import { createTRPCClient, httpBatchLink, TRPCClientError, type TRPCClient } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
// Type-only: the router itself never reaches the browser bundle.
import type { AppRouter } from '$lib/server/trpc/routers';

export type ApiInputs = inferRouterInputs<AppRouter>;
export type ApiOutputs = inferRouterOutputs<AppRouter>;
/** One product as the product list shows it (dates are ISO strings). */
export type ProductSummary = ApiOutputs['product']['list'][number];
/** One member of the active workspace. */
export type Member = ApiOutputs['workspace']['members'][number];
export type Role = ApiInputs['workspace']['setRole']['role'];

/**
 * Creates the studio's tRPC client. It holds no state of its own (the session cookie travels with
 * every request), so pages share one through {@link api}.
 */
export function createApi(fetchImpl?: typeof fetch): TRPCClient<AppRouter> {
	return createTRPCClient<AppRouter>({
		links: [httpBatchLink({ url: '/api/trpc', fetch: fetchImpl })]
	});
}

/** The browser's tRPC client. Only call it from event handlers and effects (not during SSR). */
export const api = createApi();

/** What went wrong with an API call, in words for the user, split by form field where possible. */
export interface ApiProblem {
	/** A sentence for the form or page as a whole; empty when every issue belongs to a field. */
	message: string;
	/** Messages keyed by field name (`handle`, `name`, ...), shown next to those fields. */
	fields: Record<string, string>;
	/** The tRPC error code, e.g. `FORBIDDEN`, `NOT_FOUND`, `CONFLICT`. */
	code?: string;
}

/** "enter a name" → "Enter a name." */
export function sentence(text: string): string {
	const trimmed = text.trim();
	if (!trimmed) return trimmed;
	const capital = trimmed[0].toUpperCase() + trimmed.slice(1);
	return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

interface ErrorData {
	code?: string;
	httpStatus?: number;
	issues?: { path: string; message: string }[];
}

/**
 * Turns anything an API call threw into an {@link ApiProblem}. Input errors carry
 * `data.issues[]` with a path per bad field; other errors from the server follow the
 * `field: message` convention when they concern one field (a taken handle).
 */
export function describeError(error: unknown, fieldNames: readonly string[] = []): ApiProblem {
	if (!(error instanceof TRPCClientError)) {
		return {
			message: 'Something unexpected went wrong. Reload the page and try again.',
			fields: {}
		};
	}
	const data = (error.data ?? undefined) as ErrorData | undefined;
	if (!data) {
		return {
			message: 'Could not reach the Atelier server. Check your connection and try again.',
			fields: {},
			code: 'NETWORK'
		};
	}
	const fields: Record<string, string> = {};
	const general: string[] = [];
	const add = (path: string, message: string) => {
		const field = path.split(/[.[]/)[0];
		if (fieldNames.includes(field) && !fields[field]) fields[field] = sentence(message);
		else if (!fieldNames.includes(field)) general.push(sentence(message));
	};
	if (data.issues?.length) {
		for (const issue of data.issues) add(issue.path, issue.message);
	} else {
		const match = /^([a-zA-Z]+): (.+)$/s.exec(error.message);
		if (match && fieldNames.includes(match[1])) add(match[1], match[2]);
		else general.push(messageFor(data.code, error.message));
	}
	return { message: general.join(' '), fields, code: data.code };
}

function messageFor(code: string | undefined, serverMessage: string): string {
	switch (code) {
		case 'UNAUTHORIZED':
			return 'Your session has ended. Sign in again to continue.';
		case 'INTERNAL_SERVER_ERROR':
			return 'Something went wrong on our side. Try again in a moment.';
		case 'TOO_MANY_REQUESTS':
			return 'Too many requests. Wait a moment and try again.';
		default:
			return sentence(serverMessage);
	}
}
