/** Class strings shared by the bits-ui based menus, popovers and dialogs, so they look alike. */

export const menuContent =
	'z-50 min-w-48 rounded-lg border border-line bg-surface p-1 text-[13px] text-ink shadow-lg outline-none';

export const menuItem =
	'flex h-8 cursor-default items-center gap-2 rounded-md px-2 text-[13px] text-ink outline-none select-none data-disabled:cursor-not-allowed data-disabled:opacity-50 data-highlighted:bg-raised data-highlighted:text-ink [&_svg]:text-muted';

export const menuItemDanger =
	'flex h-8 cursor-default items-center gap-2 rounded-md px-2 text-[13px] text-danger outline-none select-none data-highlighted:bg-danger-soft';

export const menuLabel = 'px-2 pt-1.5 pb-1 text-[12px] font-medium text-faint';

export const menuSeparator = 'my-1 h-px bg-line';

export const tooltipContent =
	'z-50 max-w-64 rounded-md bg-ink px-2 py-1 text-[12px] leading-4 text-canvas shadow-md';

/** A quiet square button for icons (menus triggers, close buttons). */
export const iconButton =
	'inline-flex size-8 items-center justify-center rounded-md text-muted transition hover:bg-line/60 hover:text-ink disabled:opacity-50';
