// The widget's own words (the product's labels come from the definition and its translations).

/** Every text the widget writes itself. */
export interface UiMessages {
	preview: string;
	views: string;
	quantity: string;
	production: string;
	price: string;
	breakdown: string;
	total: string;
	perUnit: string;
	leadTime: (days: number) => string;
	shipsFaster: (days: number) => string;
	addToCart: string;
	adding: string;
	added: string;
	cannotAddYet: (reason: string) => string;
	cartFailed: (reason: string) => string;
	unavailable: string;
	outOfStock: string;
	chooseFile: string;
	removeUpload: string;
	uploadReading: string;
	uploadUnreadable: string;
	uploaded: (name: string, width?: number, height?: number) => string;
	font: string;
	color: string;
	none: string;
	/** The clear button's words when a choice is itself called like {@link none}. */
	clear: string;
	optional: string;
	charactersLeft: (n: number) => string;
	loading: string;
	dependsOnOthers: string;
	reloadHint: string;
}

const en: UiMessages = {
	preview: 'Product preview',
	views: 'Views',
	quantity: 'Quantity',
	production: 'Production speed',
	price: 'Price',
	breakdown: 'Price details',
	total: 'Total',
	perUnit: 'each',
	leadTime: (d) => `Made in ${d} business day${d === 1 ? '' : 's'}`,
	shipsFaster: (d) => `${d} day${d === 1 ? '' : 's'}`,
	addToCart: 'Add to cart',
	adding: 'Adding…',
	added: 'Added to cart',
	cannotAddYet: (r) => `Not ready yet: ${r}`,
	cartFailed: (r) => `Could not add to cart: ${r}. Please try again.`,
	unavailable: 'Unavailable',
	outOfStock: 'out of stock',
	chooseFile: 'Choose an image',
	removeUpload: 'Remove',
	uploadReading: 'Reading the image…',
	uploadUnreadable: 'This file could not be read as an image; choose a PNG, JPEG or SVG file.',
	uploaded: (n, w, h) => (w && h ? `${n} (${w} × ${h} px)` : n),
	font: 'Font',
	color: 'Color',
	none: 'None',
	clear: 'Clear',
	optional: 'optional',
	charactersLeft: (n) => `${n} character${n === 1 ? '' : 's'} left`,
	loading: 'Loading the product…',
	dependsOnOthers: 'Choose the options above first.',
	reloadHint: 'Please reload the page. If this keeps happening, let the shop know.'
};

const fr: UiMessages = {
	preview: 'Aperçu du produit',
	views: 'Vues',
	quantity: 'Quantité',
	production: 'Délai de fabrication',
	price: 'Prix',
	breakdown: 'Détail du prix',
	total: 'Total',
	perUnit: 'l’unité',
	leadTime: (d) => `Fabriqué en ${d} jour${d > 1 ? 's' : ''} ouvré${d > 1 ? 's' : ''}`,
	shipsFaster: (d) => `${d} jour${d > 1 ? 's' : ''}`,
	addToCart: 'Ajouter au panier',
	adding: 'Ajout…',
	added: 'Ajouté au panier',
	cannotAddYet: (r) => `Pas encore prêt : ${r}`,
	cartFailed: (r) => `Impossible d’ajouter au panier : ${r}. Réessayez.`,
	unavailable: 'Indisponible',
	outOfStock: 'épuisé',
	chooseFile: 'Choisir une image',
	removeUpload: 'Retirer',
	uploadReading: 'Lecture de l’image…',
	uploadUnreadable: 'Ce fichier n’est pas une image lisible ; choisissez un PNG, JPEG ou SVG.',
	uploaded: (n, w, h) => (w && h ? `${n} (${w} × ${h} px)` : n),
	font: 'Police',
	color: 'Couleur',
	none: 'Aucun',
	clear: 'Effacer',
	optional: 'facultatif',
	charactersLeft: (n) => `${n} caractère${n > 1 ? 's' : ''} restant${n > 1 ? 's' : ''}`,
	loading: 'Chargement du produit…',
	dependsOnOthers: 'Choisissez d’abord les options ci-dessus.',
	reloadHint: 'Rechargez la page. Si cela se reproduit, prévenez la boutique.'
};

const de: UiMessages = {
	...en,
	preview: 'Produktvorschau',
	views: 'Ansichten',
	quantity: 'Menge',
	production: 'Produktionszeit',
	price: 'Preis',
	breakdown: 'Preisdetails',
	total: 'Gesamt',
	perUnit: 'pro Stück',
	leadTime: (d) => `Gefertigt in ${d} Werktag${d === 1 ? '' : 'en'}`,
	shipsFaster: (d) => `${d} Tag${d === 1 ? '' : 'e'}`,
	addToCart: 'In den Warenkorb',
	adding: 'Wird hinzugefügt…',
	added: 'Im Warenkorb',
	cannotAddYet: (r) => `Noch nicht fertig: ${r}`,
	cartFailed: (r) => `Konnte nicht in den Warenkorb legen: ${r}. Bitte erneut versuchen.`,
	unavailable: 'Nicht verfügbar',
	outOfStock: 'ausverkauft',
	chooseFile: 'Bild auswählen',
	removeUpload: 'Entfernen',
	font: 'Schrift',
	color: 'Farbe',
	none: 'Keine',
	clear: 'Zurücksetzen',
	optional: 'optional',
	loading: 'Produkt wird geladen…',
	dependsOnOthers: 'Wählen Sie zuerst die Optionen oben.',
	reloadHint:
		'Bitte laden Sie die Seite neu. Wenn das wieder passiert, sagen Sie dem Shop Bescheid.'
};

const tables: Record<string, UiMessages> = { en, fr, de };

/** The widget's words for a locale (its language, else English). */
export function messagesFor(locale: string | undefined): UiMessages {
	const language = (locale ?? 'en').toLowerCase().split('-')[0] ?? 'en';
	return tables[language] ?? en;
}
