import { describe, expect, it } from 'vitest';
import { acceptOf, uploadFormatOf } from './upload.js';

describe('uploadFormatOf', () => {
	it('reads the format from the file type, then from the extension', () => {
		expect(uploadFormatOf({ type: 'image/png', name: 'x' })).toBe('png');
		expect(uploadFormatOf({ type: '', name: 'Logo.JPG' })).toBe('jpeg');
		expect(uploadFormatOf({ type: 'application/zip', name: 'a.zip' })).toBeUndefined();
	});
});

describe('acceptOf', () => {
	it('lists the types and extensions of the offered formats only', () => {
		expect(acceptOf(['png', 'svg'])).toBe('image/png,image/svg+xml,.png,.svg');
	});
});
