/**
 * Runs async tasks one after another, in the order they were added. A failing task does not stop
 * the queue; its error goes to whoever awaits that task.
 */
export class SerialQueue {
	#tail: Promise<void> = Promise.resolve();

	run<T>(task: () => Promise<T>): Promise<T> {
		const result = this.#tail.then(task);
		this.#tail = result.then(
			() => undefined,
			() => undefined
		);
		return result;
	}

	/** Resolves once every task added so far — and any added while waiting — has settled. */
	async idle(): Promise<void> {
		let tail: Promise<void>;
		do {
			tail = this.#tail;
			await tail;
		} while (tail !== this.#tail);
	}
}
