/**
 * Explanations: why is a value unavailable? Minimal assigned variables come from the compiled
 * diagram (deletion, one linear satisfiability pass each). Minimal constraint sets need
 * satisfiability of *subsets* of constraints, which the global diagram cannot answer: each
 * constraint gets its own small diagram, and a budgeted backtracking search with generalised
 * arc consistency (support passes on those diagrams) answers sat / unsat / unknown.
 * QuickXplain (Junker 2004) keeps the number of checks low; an `unknown` answer is treated as
 * "satisfiable" (the constraint is kept), so results always exclude the value and are minimal
 * whenever no check ran out of budget.
 */
import type { Diagram, LevelLayout } from './diagram';

type Verdict = 'sat' | 'unsat' | 'unknown';

class BudgetExceeded extends Error {}

/** Per-constraint diagrams plus the subset-satisfiability search. */
export class ConstraintSearch {
	private readonly layout: LevelLayout;
	private readonly diagrams: Diagram[];
	/** Constraint indexes touching each level. */
	private readonly byLevel: number[][];
	private readonly out: Uint8Array;
	private work = 0;
	private workLimit = 0;
	private deadline = 0;

	/**
	 * `diagrams`: one per constraint, in model order (`constraintDiagrams` builds them; a
	 * serialized compiled model may carry them, so a loader needs no diagram builder).
	 */
	constructor(diagrams: Diagram[], layout: LevelLayout) {
		this.layout = layout;
		this.diagrams = diagrams;
		this.byLevel = Array.from({ length: layout.levels }, () => []);
		this.diagrams.forEach((d, i) => {
			for (const l of d.scopeLevels) this.byLevel[l].push(i);
		});
		this.out = new Uint8Array(layout.valueOffset[layout.levels]);
	}

	/** Sets the wall-clock deadline (ms timestamp) after which every check answers `unknown`. */
	setDeadline(deadline: number): void {
		this.deadline = deadline;
	}

	/**
	 * Is the conjunction of the constraints `subset` satisfiable within the allowed values of
	 * `mask`? `workLimit` bounds the number of diagram nodes visited.
	 */
	check(subset: readonly number[], mask: Uint8Array, workLimit = 2_000_000): Verdict {
		if (performance.now() > this.deadline) return 'unknown';
		this.work = 0;
		this.workLimit = workLimit;
		const member = new Uint8Array(this.diagrams.length);
		for (const c of subset) member[c] = 1;
		const off = this.layout.valueOffset;
		for (let l = 0; l < this.layout.levels; l++) {
			let any = 0;
			for (let j = off[l]; j < off[l + 1]; j++) any |= mask[j];
			if (!any) return 'unsat';
		}
		const domains = mask.slice();
		try {
			if (!this.propagate(domains, subset, member)) return 'unsat';
			const levels = new Set<number>();
			for (const c of subset) for (const l of this.diagrams[c].scopeLevels) levels.add(l);
			return this.dfs(domains, [...levels], member) ? 'sat' : 'unsat';
		} catch (e) {
			if (e instanceof BudgetExceeded) return 'unknown';
			throw e;
		}
	}

	private propagate(domains: Uint8Array, initial: readonly number[], member: Uint8Array): boolean {
		const { valueOffset: off } = this.layout;
		const queue: number[] = [...initial];
		const queued = new Uint8Array(this.diagrams.length);
		for (const c of initial) queued[c] = 1;
		const out = this.out;
		while (queue.length > 0) {
			const c = queue.pop() as number;
			queued[c] = 0;
			const d = this.diagrams[c];
			this.work += d.nodes + 1;
			if (this.work > this.workLimit) throw new BudgetExceeded();
			for (const l of d.scopeLevels) out.fill(0, off[l], off[l + 1]);
			if (!d.support(domains, out)) return false;
			for (const l of d.scopeLevels) {
				let changed = false;
				let any = false;
				for (let j = off[l]; j < off[l + 1]; j++) {
					if (domains[j] && !out[j]) {
						domains[j] = 0;
						changed = true;
					}
					if (domains[j]) any = true;
				}
				if (!any) return false;
				if (changed)
					for (const other of this.byLevel[l])
						if (other !== c && member[other] && !queued[other]) {
							queued[other] = 1;
							queue.push(other);
						}
			}
		}
		return true;
	}

	private dfs(domains: Uint8Array, levels: number[], member: Uint8Array): boolean {
		if (performance.now() > this.deadline) throw new BudgetExceeded();
		const { valueOffset: off } = this.layout;
		let best = -1;
		let bestSize = Infinity;
		for (const l of levels) {
			let size = 0;
			for (let j = off[l]; j < off[l + 1]; j++) size += domains[j];
			if (size > 1 && size < bestSize) {
				best = l;
				bestSize = size;
			}
		}
		if (best < 0) return true;
		for (let j = off[best]; j < off[best + 1]; j++) {
			if (!domains[j]) continue;
			const copy = domains.slice();
			copy.fill(0, off[best], off[best + 1]);
			copy[j] = 1;
			const touched = this.byLevel[best].filter((c) => member[c]);
			if (this.propagate(copy, touched, member) && this.dfs(copy, levels, member)) return true;
		}
		return false;
	}

	/**
	 * A subset of `candidates` that is unsatisfiable with `mask` (given that all of them
	 * together are), minimal unless some check hit the budget. QuickXplain.
	 */
	minimalCore(candidates: readonly number[], mask: Uint8Array): number[] {
		const qx = (background: number[], hasDelta: boolean, items: number[]): number[] => {
			if (hasDelta && this.check(background, mask) === 'unsat') return [];
			if (items.length === 1) return items;
			const half = items.length >> 1;
			const c1 = items.slice(0, half);
			const c2 = items.slice(half);
			const d2 = qx([...background, ...c1], c1.length > 0, c2);
			const d1 = qx([...background, ...d2], d2.length > 0, c1);
			return [...d1, ...d2];
		};
		if (candidates.length === 0) return [];
		if (this.check([], mask) === 'unsat') return [];
		return qx([], false, [...candidates]);
	}
}
