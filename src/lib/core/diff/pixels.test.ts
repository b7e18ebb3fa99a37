import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffPixels } from './pixels.js';

function image(width: number, height: number, rgba: [number, number, number, number]) {
	const data = new Uint8ClampedArray(width * height * 4);
	for (let i = 0; i < data.length; i += 4) data.set(rgba, i);
	return data;
}

describe('diffPixels', () => {
	it('counts the pixels that moved beyond the threshold and paints them', () => {
		const before = image(4, 2, [10, 10, 10, 255]);
		const after = image(4, 2, [10, 10, 10, 255]);
		after.set([200, 10, 10, 255], 4 * 3); // pixel 3 changes color
		after.set([20, 10, 10, 255], 4 * 5); // pixel 5 moves within the threshold
		const diff = diffPixels(before, after, 4, 2);
		expect(diff.changed).toBe(1);
		expect(diff.total).toBe(8);
		expect([...diff.overlay.slice(12, 16)]).toEqual([230, 30, 60, 255]);
		expect(diff.overlay[0]).toBeGreaterThan(190); // unchanged pixels are faded
	});

	it('finds no change between an image and itself', () => {
		fc.assert(
			fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (bytes) => {
				const data = new Uint8ClampedArray(bytes);
				expect(diffPixels(data, data, 4, 4).changed).toBe(0);
			})
		);
	});

	it('refuses images of different sizes', () => {
		expect(() => diffPixels(image(2, 2, [0, 0, 0, 0]), image(2, 3, [0, 0, 0, 0]), 2, 2)).toThrow(
			RangeError
		);
	});
});
