import { getContext, mount, setContext, unmount, type Component } from 'svelte';
import type { Attachment } from 'svelte/attachments';

/**
 * Lucide icons drawn as copies of one drawn instance, for icons repeated hundreds of times (the
 * graph's nodes, the product outline): a Lucide component per copy costs about 0.3 ms of script
 * (props, attribute spreads, an `{#each}` over its shapes), a copy of the finished `<svg>` a few
 * microseconds. Same markup, same classes.
 *
 * One instance per editor page (context), not per module: nothing is kept between pages or
 * shared with the server. The copies are made by an attachment, so only in the browser.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any icon component's props
type AnyProps = Record<string, any>;

export class IconStamps {
	#drawn = new Map<Component<AnyProps>, Map<string, SVGElement>>();

	/** An attachment that puts a copy of `icon` drawn with `props` (plain values) into its element. */
	stamp<Props extends AnyProps>(icon: Component<Props>, props: Props): Attachment<Element> {
		return (host) => {
			const svg = this.#svgOf(icon as Component<AnyProps>, props, host.ownerDocument);
			if (!svg) return;
			const copy = svg.cloneNode(true) as SVGElement;
			host.append(copy);
			return () => copy.remove();
		};
	}

	#svgOf(icon: Component<AnyProps>, props: AnyProps, document: Document): SVGElement | null {
		const key = JSON.stringify(props);
		let byProps = this.#drawn.get(icon);
		if (!byProps) this.#drawn.set(icon, (byProps = new Map()));
		const known = byProps.get(key);
		if (known) return known;
		const scratch = document.createElement('div');
		const drawn = mount(icon, { target: scratch, props });
		const svg = scratch.querySelector('svg');
		const stamp = svg ? (svg.cloneNode(true) as SVGElement) : null;
		void unmount(drawn);
		if (stamp) byProps.set(key, stamp);
		return stamp;
	}
}

const ICON_STAMPS_KEY = Symbol('atelier.iconStamps');

/** Shares one {@link IconStamps} with the components below the caller. */
export function provideIconStamps(): IconStamps {
	return setContext(ICON_STAMPS_KEY, new IconStamps());
}

/** The page's {@link IconStamps}, or a fresh one where none was provided (a lone component). */
export function useIconStamps(): IconStamps {
	return getContext<IconStamps | undefined>(ICON_STAMPS_KEY) ?? new IconStamps();
}
