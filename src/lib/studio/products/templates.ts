/** What a new product can start from (the server's `PRODUCT_TEMPLATES`, described for people). */
export type ProductTemplate = 'blank' | 'team-jersey' | 'engraved-pendant' | 'modular-sofa';

export const PRODUCT_TEMPLATE_CHOICES: {
	id: ProductTemplate;
	label: string;
	description: string;
}[] = [
	{ id: 'blank', label: 'Blank', description: 'No options yet' },
	{ id: 'team-jersey', label: 'Team jersey', description: 'Colors, sizes, name and number' },
	{ id: 'engraved-pendant', label: 'Engraved pendant', description: 'Shapes, metals, engraving' },
	{ id: 'modular-sofa', label: 'Modular sofa', description: 'Modules, fabrics, legs' }
];
