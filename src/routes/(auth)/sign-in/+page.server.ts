import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import {
	authErrorCode,
	emailField,
	fieldError,
	fieldErrors,
	forwardAuthCookies
} from '$lib/server/auth-forms';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return { next: url.searchParams.get('next') ?? '' };
};

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') ? next : '/products';
}

const signInForm = z.object({
	email: emailField,
	password: z.string().min(1, 'Enter your password.')
});

export const actions: Actions = {
	default: async ({ request, cookies, locals, url }) => {
		const form = await request.formData();
		const values = {
			email: String(form.get('email') ?? ''),
			password: String(form.get('password') ?? '')
		};
		const parsed = signInForm.safeParse(values);
		if (!parsed.success) {
			return fail(400, { email: values.email, errors: fieldErrors(parsed.error) });
		}
		try {
			const { headers } = await locals.services.auth.api.signInEmail({
				body: parsed.data,
				headers: request.headers,
				returnHeaders: true
			});
			forwardAuthCookies(headers, cookies);
		} catch (error) {
			const code = authErrorCode(error);
			if (
				code === 'INVALID_EMAIL_OR_PASSWORD' ||
				code === 'INVALID_EMAIL' ||
				code === 'INVALID_PASSWORD'
			) {
				return fail(400, {
					email: values.email,
					errors: fieldError('password', 'That email and password do not match an account.')
				});
			}
			throw error;
		}
		redirect(303, safeNext(url.searchParams.get('next') ?? String(form.get('next') ?? '')));
	}
};
