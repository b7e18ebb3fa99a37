import type { AppServices } from '$lib/server/app';

declare global {
	namespace App {
		interface Error {
			message: string;
			requestId?: string;
		}
		interface Locals {
			services: AppServices;
			requestId: string;
			user: { id: string; name: string; email: string } | null;
			session: { id: string; activeWorkspaceId: string | null } | null;
		}
	}
}

export {};
