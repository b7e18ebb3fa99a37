import { api, describeError, type ApiOutputs } from '../trpc';

/** One uploaded asset as the library lists it (sizes in bytes and pixels, URLs to show it). */
export type LibraryAsset = ApiOutputs['asset']['list'][number];

/**
 * The largest file the server accepts (its `MAX_ASSET_BYTES`, 20 MiB; a unit test keeps the two
 * equal). Checked here only to spare a doomed upload; the server decides.
 */
export const UPLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

const UPLOAD_ORDER: Record<UploadItem['status'], number> = {
	error: 0,
	uploading: 1,
	waiting: 2,
	done: 3
};

/** Files sent at once; the rest wait, so one big file does not starve the others' progress. */
const PARALLEL_UPLOADS = 2;

/** One file being uploaded, or done, or refused. */
export interface UploadItem {
	id: number;
	name: string;
	size: number;
	/** Bytes sent so far (the progress bar). */
	loaded: number;
	status: 'waiting' | 'uploading' | 'done' | 'error';
	/** What went wrong and what to do, for `error`. */
	error?: string;
	/** What the SVG sanitizer left out, for `done`. */
	removed?: string[];
	/** True when the workspace already had these bytes. */
	existing?: boolean;
}

/** What an upload transport answers: the HTTP status (0: no answer) and the parsed JSON body. */
export interface UploadAnswer {
	status: number;
	body: unknown;
}

/** Sends one file; reports progress. Injected so the state can be tested without a browser. */
export type Uploader = (
	url: string,
	file: File,
	onProgress: (loaded: number, total: number) => void
) => Promise<UploadAnswer>;

/** The browser's uploader: XMLHttpRequest, because fetch has no upload progress events. */
export const xhrUploader: Uploader = (url, file, onProgress) =>
	new Promise((resolve) => {
		const request = new XMLHttpRequest();
		request.open('POST', url);
		request.setRequestHeader('x-file-name', encodeURIComponent(file.name));
		// The server reads the type from the bytes; this only keeps the body out of form parsing.
		request.setRequestHeader('content-type', 'application/octet-stream');
		request.upload.onprogress = (event) => {
			if (event.lengthComputable) onProgress(event.loaded, event.total);
		};
		request.onload = () => {
			let body: unknown = null;
			try {
				body = JSON.parse(request.responseText);
			} catch {
				// Not JSON (a proxy's error page): the status alone explains it.
			}
			resolve({ status: request.status, body });
		};
		request.onerror = () => resolve({ status: 0, body: null });
		request.send(file);
	});

/** The words for a refused upload: the server's message, or what the status means. */
export function uploadProblem(answer: UploadAnswer): string {
	const error = (answer.body as { error?: { message?: unknown } } | null)?.error;
	const message = typeof error?.message === 'string' ? error.message : null;
	if (message) return sentence(message);
	if (answer.status === 0)
		return 'The server could not be reached. Check the connection and try again.';
	if (answer.status === 401) return 'Your session ended. Sign in again, then upload the file.';
	if (answer.status === 413) return 'The file is too large: the limit is 20 MiB.';
	return `The upload failed (HTTP ${answer.status}). Try again; if it keeps failing, reload the page.`;
}

function sentence(text: string): string {
	const capital = text[0].toUpperCase() + text.slice(1);
	return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

export interface AssetLibraryOptions {
	/** Uploads and listing go to this product's workspace. */
	productId: string;
	/** Editors and owners upload; viewers only browse. */
	canUpload: boolean;
	uploader?: Uploader;
	list?: (productId: string) => Promise<LibraryAsset[]>;
}

/**
 * The asset library of one product's workspace: the list, the uploads in flight with their
 * progress, and which assets are selected (for the bulk assignment). One instance per panel.
 */
export class AssetLibraryState {
	assets = $state.raw<LibraryAsset[]>([]);
	status = $state<'loading' | 'ready' | 'error'>('loading');
	loadError = $state<string | null>(null);
	uploads = $state<UploadItem[]>([]);
	/** Selected assets, by sha256. */
	selected = $state.raw<string[]>([]);

	readonly productId: string;
	readonly canUpload: boolean;
	readonly #uploader: Uploader;
	readonly #list: (productId: string) => Promise<LibraryAsset[]>;
	#nextId = 1;
	#queue: { item: UploadItem; file: File; done: () => void }[] = [];
	#running = 0;
	#request = 0;

	readonly uploading = $derived(
		this.uploads.some((u) => u.status === 'uploading' || u.status === 'waiting')
	);
	/** Uploads as listed: refused ones first (they need attention), then in flight, then done. */
	readonly orderedUploads = $derived(
		[...this.uploads].sort((a, b) => UPLOAD_ORDER[a.status] - UPLOAD_ORDER[b.status] || a.id - b.id)
	);
	readonly refusedCount = $derived(this.uploads.filter((u) => u.status === 'error').length);
	readonly selectedAssets = $derived(this.assets.filter((a) => this.selected.includes(a.sha256)));

	constructor(options: AssetLibraryOptions) {
		this.productId = options.productId;
		this.canUpload = options.canUpload;
		this.#uploader = options.uploader ?? xhrUploader;
		this.#list = options.list ?? ((productId) => api.asset.list.query({ productId }));
	}

	/** (Re)loads the list, keeping what is on screen while it runs. */
	async load(): Promise<void> {
		const request = ++this.#request;
		if (this.assets.length === 0) this.status = 'loading';
		try {
			const assets = await this.#list(this.productId);
			if (request !== this.#request) return;
			this.assets = assets;
			this.status = 'ready';
			this.loadError = null;
		} catch (error) {
			if (request !== this.#request) return;
			this.loadError = describeError(error).message;
			this.status = 'error';
		}
	}

	/**
	 * Queues files for upload. Empty and too large files are refused at once, without sending
	 * them; the rest go PARALLEL_UPLOADS at a time. Resolves when this batch is finished.
	 */
	async upload(files: Iterable<File>): Promise<void> {
		const batch: Promise<void>[] = [];
		for (const file of files) {
			const item: UploadItem = {
				id: this.#nextId++,
				name: file.name,
				size: file.size,
				loaded: 0,
				status: 'waiting'
			};
			this.uploads.push(item);
			const tracked = this.uploads[this.uploads.length - 1];
			if (!this.canUpload) {
				this.#fail(tracked, 'Uploading needs the editor role. Ask an owner of the workspace.');
			} else if (file.size === 0) {
				this.#fail(tracked, 'The file is empty (0 bytes): choose a PNG, JPEG, WebP or SVG image.');
			} else if (file.size > UPLOAD_LIMIT_BYTES) {
				this.#fail(
					tracked,
					`The file is ${formatBytes(file.size)}: the limit is 20 MiB. Make it smaller and try again.`
				);
			} else {
				batch.push(new Promise((done) => this.#queue.push({ item: tracked, file, done })));
			}
		}
		this.#pump();
		await Promise.all(batch);
	}

	#fail(item: UploadItem, message: string) {
		item.status = 'error';
		item.error = message;
	}

	#pump() {
		while (this.#running < PARALLEL_UPLOADS && this.#queue.length > 0) {
			const next = this.#queue.shift()!;
			this.#running++;
			void this.#send(next.item, next.file).finally(() => {
				this.#running--;
				next.done();
				this.#pump();
			});
		}
	}

	async #send(item: UploadItem, file: File): Promise<void> {
		item.status = 'uploading';
		const url = `/api/studio/assets?product=${encodeURIComponent(this.productId)}`;
		let answer: UploadAnswer;
		try {
			answer = await this.#uploader(url, file, (loaded) => (item.loaded = loaded));
		} catch {
			answer = { status: 0, body: null };
		}
		if (answer.status === 200 || answer.status === 201) {
			const body = answer.body as { asset: LibraryAsset; created: boolean; removed: string[] };
			item.status = 'done';
			item.loaded = item.size;
			item.removed = body.removed ?? [];
			item.existing = !body.created;
			this.assets = [body.asset, ...this.assets.filter((a) => a.sha256 !== body.asset.sha256)];
			this.status = 'ready';
		} else {
			this.#fail(item, uploadProblem(answer));
		}
	}

	/** Removes finished and refused uploads from the list (those in flight stay). */
	clearFinished(): void {
		this.uploads = this.uploads.filter((u) => u.status === 'uploading' || u.status === 'waiting');
	}

	dismiss(id: number): void {
		this.uploads = this.uploads.filter((u) => u.id !== id);
	}

	toggle(sha256: string): void {
		this.selected = this.selected.includes(sha256)
			? this.selected.filter((s) => s !== sha256)
			: [...this.selected, sha256];
	}

	clearSelection(): void {
		this.selected = [];
	}
}

/** Human size: `512 B`, `3.4 KB`, `12 MB` (binary units, as the server's limit). */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	const units = ['KiB', 'MiB', 'GiB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value >= 10 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}
