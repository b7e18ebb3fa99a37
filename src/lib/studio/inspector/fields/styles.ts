/** Shared classes of the inspector's compact fields (13 px, 32 px tall, the app's tokens). */
export const inputClass =
	'h-8 w-full min-w-0 rounded-md border bg-surface px-2 text-[13px] text-ink shadow-xs outline-none transition placeholder:text-faint focus:border-accent focus:ring-3 focus:ring-accent/15 disabled:cursor-default disabled:bg-raised disabled:text-muted disabled:shadow-none';

/** Border of a field: red when it has an error. */
export function borderClass(error: string | null | undefined): string {
	return error ? 'border-danger' : 'border-line-strong';
}
