import type { Condition } from '../definition/condition.js';
import type { Definition } from '../definition/definition.js';

/** A cycle among show/hide/auto-select/default rules: options whose visibility or value depend on each other. */
export interface RuleCycle {
	/** The options on the cycle, in definition order. */
	options: string[];
	/** The rules that make the dependencies, in definition order. */
	rules: string[];
}

/** Option ids a condition reads. */
export function conditionOptions(c: Condition | undefined, out = new Set<string>()): Set<string> {
	if (!c) return out;
	if (c.type === 'and' || c.type === 'or') c.conditions.forEach((x) => conditionOptions(x, out));
	else if (c.type === 'not') conditionOptions(c.condition, out);
	else if (c.type !== 'quantity') out.add(c.option);
	return out;
}

/** Dependency edges: condition option → target option, for show/hide/autoSelect/setDefault effects. */
export function ruleDependencies(def: Definition): { from: string; to: string; rule: string }[] {
	const edges: { from: string; to: string; rule: string }[] = [];
	for (const r of def.rules) {
		if (!r.enabled) continue;
		const reads = conditionOptions(r.when);
		for (const e of r.then) {
			if (
				e.type === 'showOption' ||
				e.type === 'hideOption' ||
				e.type === 'showChoice' ||
				e.type === 'hideChoice' ||
				e.type === 'autoSelect' ||
				e.type === 'setDefault'
			)
				for (const from of reads) edges.push({ from, to: e.option, rule: r.id });
		}
	}
	return edges;
}

/**
 * Finds cycles among show/hide/auto-select/default rules (strongly connected components of the
 * "condition reads option A → effect targets option B" graph, and self-loops). The engine never
 * loops on them: it evaluates such options once in a fixed order and reports the cycle.
 */
export function findRuleCycles(def: Definition): RuleCycle[] {
	const ids = def.options.map((o) => o.id);
	const position = new Map(ids.map((id, i) => [id, i]));
	const edges = ruleDependencies(def).filter((e) => position.has(e.from) && position.has(e.to));
	const succ = new Map<string, string[]>(ids.map((id) => [id, []]));
	for (const e of edges) succ.get(e.from)?.push(e.to);

	// Tarjan's strongly connected components, iterative.
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const onStack = new Set<string>();
	const stack: string[] = [];
	const components: string[][] = [];
	for (const root of ids) {
		if (index.has(root)) continue;
		const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
		index.set(root, counter);
		low.set(root, counter++);
		stack.push(root);
		onStack.add(root);
		while (work.length > 0) {
			const frame = work[work.length - 1] as { node: string; next: number };
			const out = succ.get(frame.node) ?? [];
			if (frame.next < out.length) {
				const w = out[frame.next++] as string;
				if (!index.has(w)) {
					index.set(w, counter);
					low.set(w, counter++);
					stack.push(w);
					onStack.add(w);
					work.push({ node: w, next: 0 });
				} else if (onStack.has(w))
					low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(w) as number));
			} else {
				work.pop();
				const parent = work[work.length - 1];
				if (parent)
					low.set(
						parent.node,
						Math.min(low.get(parent.node) as number, low.get(frame.node) as number)
					);
				if (low.get(frame.node) === index.get(frame.node)) {
					const comp: string[] = [];
					let w: string;
					do {
						w = stack.pop() as string;
						onStack.delete(w);
						comp.push(w);
					} while (w !== frame.node);
					components.push(comp);
				}
			}
		}
	}

	const cycles: RuleCycle[] = [];
	for (const comp of components) {
		const members = new Set(comp);
		const inner = edges.filter((e) => members.has(e.from) && members.has(e.to));
		if (comp.length === 1 && inner.length === 0) continue;
		const ruleIds = new Set(inner.map((e) => e.rule));
		cycles.push({
			options: [...members].sort(
				(a, b) => (position.get(a) as number) - (position.get(b) as number)
			),
			rules: def.rules.filter((r) => ruleIds.has(r.id)).map((r) => r.id)
		});
	}
	return cycles.sort(
		(a, b) =>
			(position.get(a.options[0] as string) as number) -
			(position.get(b.options[0] as string) as number)
	);
}

/**
 * Options in an order where every option comes after the options its visibility/auto-select
 * conditions read (a topological order; options on a cycle keep definition order among
 * themselves, after their outside dependencies).
 */
export function dependencyOrder(def: Definition): string[] {
	const ids = def.options.map((o) => o.id);
	const cycles = findRuleCycles(def);
	const groupOf = new Map<string, number>();
	cycles.forEach((c, i) => c.options.forEach((o) => groupOf.set(o, i)));
	const preds = new Map<string, Set<string>>(ids.map((id) => [id, new Set()]));
	for (const e of ruleDependencies(def)) {
		if (!preds.has(e.to) || !preds.has(e.from)) continue;
		const g = groupOf.get(e.to);
		if (g !== undefined && groupOf.get(e.from) === g) continue; // inside a cycle: ignored
		preds.get(e.to)?.add(e.from);
	}
	const order: string[] = [];
	const done = new Set<string>();
	// Repeatedly take, in definition order, the first option whose predecessors are done; a cycle
	// group is taken as a whole once every outside predecessor of its members is done.
	while (order.length < ids.length) {
		let progressed = false;
		for (const id of ids) {
			if (done.has(id)) continue;
			const g = groupOf.get(id);
			const members = g === undefined ? [id] : (cycles[g] as RuleCycle).options;
			if (
				members.every((m) =>
					[...(preds.get(m) ?? [])].every((p) => done.has(p) || members.includes(p))
				)
			) {
				for (const m of members) {
					done.add(m);
					order.push(m);
				}
				progressed = true;
				break;
			}
		}
		if (!progressed) {
			// Cannot happen (the condensation is acyclic); keep definition order as a safe fallback.
			for (const id of ids) if (!done.has(id)) order.push(id);
			break;
		}
	}
	return order;
}
