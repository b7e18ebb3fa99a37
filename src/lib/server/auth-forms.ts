import type { Cookies } from '@sveltejs/kit';
import { parseSetCookieHeader, toCookieOptions } from 'better-auth/cookies';
import { z } from 'zod';

/**
 * Copies the session cookies that the auth library set on its response onto SvelteKit's cookies,
 * so form actions (which work without JavaScript) can sign people in and out.
 */
export function forwardAuthCookies(headers: Headers, cookies: Cookies): void {
	const raw = headers.get('set-cookie');
	if (!raw) return;
	for (const [name, attributes] of parseSetCookieHeader(raw)) {
		const options = toCookieOptions(attributes);
		cookies.set(name, attributes.value, {
			...options,
			path: options.path ?? '/',
			httpOnly: options.httpOnly ?? true,
			// The value arrives already encoded as the auth library wants it read back.
			encode: (value) => value
		});
	}
}

export const emailField = z
	.string()
	.trim()
	.min(1, 'Enter your email address.')
	.pipe(z.email('Enter a valid email address, like name@example.com.'));

export const newPasswordField = z
	.string()
	.min(8, 'Use at least 8 characters.')
	.max(128, 'Use at most 128 characters.');

export const nameField = z
	.string()
	.trim()
	.min(1, 'Enter your name.')
	.max(80, 'Use at most 80 characters.');

/** One field's error, typed like `fieldErrors` so every failure of a form has one shape. */
export function fieldError(field: string, message: string): Record<string, string> {
	return { [field]: message };
}

/** Field errors of a failed parse, one message per field, keyed by the field's name. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return errors;
}

/** The auth library's error code, when the thrown value carries one. */
export function authErrorCode(error: unknown): string | undefined {
	if (typeof error === 'object' && error && 'body' in error) {
		const body = (error as { body?: { code?: string } }).body;
		return body?.code;
	}
	return undefined;
}
