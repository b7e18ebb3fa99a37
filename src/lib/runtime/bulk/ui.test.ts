// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDefinition } from '../../core/definition/index.js';
import { createEngine } from '../../core/engine/index.js';
import { mountBulkOrderUI, type BulkSubmission, type MountedBulkOrderUI } from './ui.js';

const jersey = (() => {
	const parsed = parseDefinition(
		JSON.parse(readFileSync('static/samples/team-jersey/definition.json', 'utf8'))
	);
	if (!parsed.ok) throw new Error('the team jersey sample does not parse');
	return parsed.definition;
})();

let mounted: MountedBulkOrderUI | undefined;
afterEach(() => {
	mounted?.destroy();
	mounted = undefined;
	document.body.replaceChildren();
});

const csv = (text: string) => new TextEncoder().encode(text);

function mount(onSubmit?: (submission: BulkSubmission) => void) {
	const container = document.createElement('div');
	document.body.append(container);
	mounted = mountBulkOrderUI(container, {
		definition: jersey,
		engine: createEngine(jersey),
		base: () => ({ selections: { color: 'navy', name: 'NOT A ROW VALUE' } }),
		onSubmit
	});
	return mounted;
}

const submitButton = (ui: MountedBulkOrderUI) =>
	ui.root.querySelector<HTMLButtonElement>('button.atelier-bulk-submit')!;

describe('bulk-order mode', () => {
	it('offers templates with one column per personal option', () => {
		const ui = mount();
		const links = [...ui.root.querySelectorAll('a[download]')].map((a) =>
			a.getAttribute('download')
		);
		expect(links).toEqual(['team-jersey-roster.csv', 'team-jersey-roster.xlsx']);
	});

	it('lists every row, marks the bad cell with its reason and refuses to order until it is fixed', async () => {
		const submitted: BulkSubmission[] = [];
		const ui = mount((submission) => {
			submitted.push(submission);
		});
		ui.load(csv('Player name,Number,Size\nOKAFOR,9,M\nLEE,7,XXXXL\nSILVA,10,L\n'), 'team.csv');
		const rows = ui.root.querySelectorAll('tbody tr');
		expect(rows).toHaveLength(3);
		const bad = ui.root.querySelectorAll('tbody tr[data-bad]');
		expect([...bad].map((row) => row.getAttribute('data-line'))).toEqual(['3']);
		const sizeCell = bad[0].querySelector<HTMLInputElement>('input[aria-label="Size, line 3"]')!;
		expect(sizeCell.getAttribute('aria-invalid')).toBe('true');
		expect(sizeCell.parentElement?.querySelector('.atelier-bulk-cell-error')?.textContent).toMatch(
			/XXXXL/
		);
		expect(submitButton(ui).getAttribute('aria-disabled')).toBe('true');
		expect(ui.root.textContent).toContain('Fix or remove the 1 row with problems');

		// Fix it inline.
		sizeCell.value = 'XL';
		sizeCell.dispatchEvent(new Event('change'));
		expect(ui.order?.badRows).toBe(0);
		expect(submitButton(ui).getAttribute('aria-disabled')).toBe('false');
		expect(ui.root.querySelector('[data-testid="bulk-total"]')?.textContent).toMatch(/\d/);
		// Team-wide answers come from the configurator; personal ones only from the rows.
		expect(ui.order?.rows[0].configuration?.selections.color).toBe('navy');
		expect(ui.order?.rows[0].configuration?.selections.name).toBe('OKAFOR');

		submitButton(ui).click();
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(submitted).toHaveLength(1);
		expect(submitted[0].items.map((item) => item.line)).toEqual([2, 3, 4]);
	});

	it('drops a row only when the customer removes it', () => {
		const ui = mount();
		ui.load(csv('Player name,Number,Size\nOKAFOR,9,M\nLEE,7,XXXXL\n'), 'team.csv');
		ui.root.querySelector<HTMLButtonElement>('button[aria-label="Remove line 3"]')!.click();
		expect(ui.order?.rows).toHaveLength(1);
		expect(ui.order?.badRows).toBe(0);
	});

	it('shows why a file cannot be read and keeps nothing from it', () => {
		const ui = mount();
		ui.load(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), 'old.xls');
		expect(ui.root.querySelector('[role="alert"]')?.textContent).toMatch(/old\.xls: .*old Excel/);
		expect(ui.order).toBeNull();
	});
});
