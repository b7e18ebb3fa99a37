import {
	Calculator,
	Group,
	Image,
	ImageUp,
	ListChecks,
	ListTodo,
	Monitor,
	ToggleRight,
	Type,
	Workflow
} from '@lucide/svelte';

/** One icon per option kind and node type, shared by the nodes, the palette and the minimap legend. */
export const OPTION_ICONS = {
	choice: ListChecks,
	multi: ListTodo,
	text: Type,
	image: ImageUp,
	number: Calculator,
	toggle: ToggleRight
} as const;

export const LAYER_ICONS = { image: Image, text: Type, upload: ImageUp, group: Group } as const;

export const VIEW_ICON = Monitor;
export const RULE_ICON = Workflow;

/** Class of the node frame; the selected one gets the accent ring. */
export function frame(selected: boolean | undefined): string {
	return `rounded-lg border bg-surface text-ink shadow-sm ${selected ? 'border-accent ring-2 ring-accent/30' : 'border-line-strong'}`;
}
