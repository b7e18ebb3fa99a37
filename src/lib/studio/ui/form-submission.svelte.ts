import type { SubmitFunction } from '@sveltejs/kit';

/**
 * Tracks a progressively enhanced form's submission so its button can show progress, and keeps
 * what the person typed when the server answers with field errors (`reset: false`).
 */
export class FormSubmission {
	busy = $state(false);

	readonly enhance: SubmitFunction = () => {
		this.busy = true;
		return async ({ update }) => {
			await update({ reset: false });
			this.busy = false;
		};
	};
}
