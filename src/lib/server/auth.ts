import { betterAuth } from 'better-auth';
import { organization } from 'better-auth/plugins';
import type { AppDatabase } from './db';
import { createWorkspaceFor } from './workspaces';

export interface AuthOptions {
	database: AppDatabase;
	origin: string;
	secret: string;
	/** Extra origins allowed to post to the auth endpoints (e.g. the dev server's). */
	trustedOrigins?: string[];
}

/**
 * Email + password accounts, sessions in the database, and workspaces (the auth library's
 * organizations). Cookies are httpOnly and sameSite=lax; they are `secure` when the origin is https.
 * Roles are Atelier's: owner, editor, viewer — the checks themselves live in `access.ts`.
 */
export function createAuth({ database, origin, secret, trustedOrigins = [] }: AuthOptions) {
	const { db } = database;
	return betterAuth({
		appName: 'Atelier',
		baseURL: origin,
		secret,
		trustedOrigins: [origin, ...trustedOrigins],
		database: { db, type: database.dialect },
		emailAndPassword: {
			enabled: true,
			minPasswordLength: 8,
			maxPasswordLength: 128,
			autoSignIn: true
		},
		session: {
			expiresIn: 60 * 60 * 24 * 30,
			updateAge: 60 * 60 * 24
		},
		advanced: {
			useSecureCookies: origin.startsWith('https://'),
			defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' }
		},
		telemetry: { enabled: false },
		plugins: [
			organization({
				creatorRole: 'owner',
				// Members are added through invite links (see workspaces.ts), not by email.
				allowUserToCreateOrganization: true
			})
		],
		databaseHooks: {
			user: {
				create: {
					// Every new account starts with a workspace of its own, where it is the owner.
					after: async (user) => {
						await createWorkspaceFor(db, { userId: user.id, name: `${user.name}'s workspace` });
					}
				}
			},
			session: {
				create: {
					// A new session opens the user's first workspace.
					before: async (session) => {
						const first = await db
							.selectFrom('member')
							.select('organizationId')
							.where('userId', '=', session.userId)
							.orderBy('createdAt')
							.limit(1)
							.executeTakeFirst();
						return { data: { ...session, activeOrganizationId: first?.organizationId ?? null } };
					}
				}
			}
		}
	});
}

export type Auth = ReturnType<typeof createAuth>;
