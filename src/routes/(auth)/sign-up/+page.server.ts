import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import {
	authErrorCode,
	emailField,
	fieldError,
	fieldErrors,
	forwardAuthCookies,
	nameField,
	newPasswordField
} from '$lib/server/auth-forms';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, '/products');
	return { next: url.searchParams.get('next') ?? '' };
};

const signUpForm = z.object({ name: nameField, email: emailField, password: newPasswordField });

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		const form = await request.formData();
		const values = {
			name: String(form.get('name') ?? ''),
			email: String(form.get('email') ?? ''),
			password: String(form.get('password') ?? '')
		};
		const keep = { name: values.name, email: values.email };
		const parsed = signUpForm.safeParse(values);
		if (!parsed.success) return fail(400, { ...keep, errors: fieldErrors(parsed.error) });
		try {
			const { headers } = await locals.services.auth.api.signUpEmail({
				body: parsed.data,
				headers: request.headers,
				returnHeaders: true
			});
			forwardAuthCookies(headers, cookies);
		} catch (error) {
			const code = authErrorCode(error);
			if (code === 'USER_ALREADY_EXISTS' || code === 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL') {
				return fail(400, {
					...keep,
					errors: fieldError('email', 'An account with this email already exists. Sign in instead.')
				});
			}
			if (code === 'PASSWORD_TOO_SHORT') {
				return fail(400, { ...keep, errors: fieldError('password', 'Use at least 8 characters.') });
			}
			if (code === 'INVALID_EMAIL') {
				return fail(400, { ...keep, errors: fieldError('email', 'Enter a valid email address.') });
			}
			throw error;
		}
		const next = String(form.get('next') ?? '');
		redirect(303, next.startsWith('/') && !next.startsWith('//') ? next : '/products');
	}
};
