import { api, describeError, type Member, type Role } from './trpc';

/** A created invite link, ready to copy. */
export interface InviteLink {
	url: string;
	role: Role;
	expiresAt: string;
}

/** The members page's state: the member list, role changes, removals and invite links. */
export class MembersState {
	items = $state.raw<Member[]>([]);
	status = $state<'loading' | 'ready' | 'error'>('loading');
	error = $state<string | null>(null);
	/** Links created on this page, newest first (the server keeps no list of them yet). */
	invites = $state.raw<InviteLink[]>([]);
	#request = 0;

	async load(): Promise<void> {
		const request = ++this.#request;
		if (this.items.length === 0) this.status = 'loading';
		try {
			const items = await api.workspace.members.query();
			if (request !== this.#request) return;
			this.items = items;
			this.status = 'ready';
			this.error = null;
		} catch (error) {
			if (request !== this.#request) return;
			this.error = describeError(error).message;
			this.status = 'error';
		}
	}

	/** Changes a member's role; returns a message on failure. */
	async setRole(userId: string, role: Role): Promise<string | null> {
		const previous = this.items;
		// Show the new role at once; put the old one back if the server says no.
		this.items = this.items.map((m) => (m.userId === userId ? { ...m, role } : m));
		try {
			await api.workspace.setRole.mutate({ userId, role });
			return null;
		} catch (error) {
			this.items = previous;
			return describeError(error).message || describeError(error, ['role']).fields.role;
		}
	}

	/** Gives an editor the publish right or takes it back (shown at once, undone on refusal). */
	async setPublishRight(userId: string, allowed: boolean): Promise<string | null> {
		const previous = this.items;
		this.items = this.items.map((m) => (m.userId === userId ? { ...m, canPublish: allowed } : m));
		try {
			await api.workspace.setPublishRight.mutate({ userId, allowed });
			return null;
		} catch (error) {
			this.items = previous;
			const problem = describeError(error, ['userId']);
			return problem.fields.userId ?? problem.message;
		}
	}

	async remove(userId: string): Promise<string | null> {
		try {
			await api.workspace.removeMember.mutate({ userId });
			this.items = this.items.filter((m) => m.userId !== userId);
			return null;
		} catch (error) {
			const problem = describeError(error, ['userId']);
			return problem.message || problem.fields.userId;
		}
	}

	async invite(role: Role): Promise<string | null> {
		try {
			const created = await api.workspace.invite.mutate({ role });
			this.invites = [{ url: created.url, role, expiresAt: created.expiresAt }, ...this.invites];
			return null;
		} catch (error) {
			return describeError(error).message;
		}
	}
}
