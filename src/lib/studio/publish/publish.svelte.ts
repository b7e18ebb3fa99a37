import { api, describeError, type ApiOutputs } from '../trpc';

/** What publishing the draft now would do, as the server judged it. */
export type PublishPreview = ApiOutputs['product']['publishPreview'];
/** The answer to a publish: the new version, or the reasons it was refused. */
export type PublishOutcome = ApiOutputs['product']['publish'];
export type DefinitionChange = PublishPreview['changes'][number];

/** The subjects of the semantic diff in the order the dialog lists them, with their headings. */
export const SUBJECT_HEADINGS: [DefinitionChange['subject'], string][] = [
	['product', 'Product'],
	['option', 'Options'],
	['choice', 'Choices'],
	['group', 'Steps'],
	['pricing', 'Pricing'],
	['leadTime', 'Lead time'],
	['rule', 'Rules'],
	['view', 'Views'],
	['layer', 'Layers'],
	['asset', 'Assets'],
	['font', 'Fonts'],
	['color', 'Palette'],
	['scenario', 'Scenario tests'],
	['translation', 'Translations']
];

/** The changes grouped by subject, in {@link SUBJECT_HEADINGS} order, empty groups left out. */
export function groupChanges(
	changes: readonly DefinitionChange[]
): { subject: DefinitionChange['subject']; heading: string; changes: DefinitionChange[] }[] {
	return SUBJECT_HEADINGS.map(([subject, heading]) => ({
		subject,
		heading,
		changes: changes.filter((c) => c.subject === subject)
	})).filter((group) => group.changes.length > 0);
}

/** "1,204 → 1,180 (−24)" for two bigint counts sent as decimal strings. */
export function describeVariantChange(before: string | null, after: string | null): string {
	const format = (n: string) => BigInt(n).toLocaleString('en');
	if (after === null) return 'not counted';
	if (before === null) return format(after);
	const delta = BigInt(after) - BigInt(before);
	if (delta === 0n) return `${format(after)} (unchanged)`;
	const sign = delta > 0n ? '+' : '−';
	const magnitude = delta > 0n ? delta : -delta;
	return `${format(before)} → ${format(after)} (${sign}${magnitude.toLocaleString('en')})`;
}

/**
 * The publish dialog's state: the preview (loaded when the dialog opens), the author's choices
 * (note, channel, warnings confirmed) and the outcome of the publish.
 */
export class PublishDialogState {
	status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
	preview = $state.raw<PublishPreview | null>(null);
	loadError = $state<string | null>(null);

	note = $state('');
	channel = $state<'live' | 'staging'>('live');
	warningsConfirmed = $state(false);

	publishing = $state(false);
	outcome = $state.raw<PublishOutcome | null>(null);
	publishError = $state<string | null>(null);

	constructor(private readonly productId: string) {}

	/** Why the publish button is disabled, or null when it may be pressed. */
	get blocker(): string | null {
		const preview = this.preview;
		if (!preview) return 'The preview is not loaded yet.';
		if (!preview.canPublish) return preview.refusal;
		if (preview.gate.errors.length > 0) return 'Fix the errors above first.';
		if (preview.gate.warnings.length > 0 && !this.warningsConfirmed) {
			return 'Confirm that you have read the warnings.';
		}
		return null;
	}

	/** Loads (or reloads) the preview and forgets an earlier outcome. */
	async load(): Promise<void> {
		this.status = 'loading';
		this.loadError = null;
		this.outcome = null;
		this.publishError = null;
		this.warningsConfirmed = false;
		try {
			this.preview = await api.product.publishPreview.query({ productId: this.productId });
			this.status = 'ready';
		} catch (error) {
			this.loadError = describeError(error).message;
			this.status = 'error';
		}
	}

	async publish(): Promise<void> {
		if (this.blocker) return;
		this.publishing = true;
		this.publishError = null;
		try {
			this.outcome = await api.product.publish.mutate({
				productId: this.productId,
				note: this.note.trim() || undefined,
				channel: this.channel,
				acknowledgeWarnings: this.warningsConfirmed
			});
		} catch (error) {
			const problem = describeError(error, ['note', 'channel']);
			this.publishError =
				problem.message || Object.values(problem.fields).join(' ') || 'The publish failed.';
		} finally {
			this.publishing = false;
		}
	}
}
