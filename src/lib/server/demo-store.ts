import type { Kysely } from 'kysely';
import type { Database } from './db';

/**
 * The demo storefront (`/demo-store`): plain HTML shop pages, styled like a small independent
 * shop rather than the studio, that embed the configurator exactly as a merchant pastes it —
 * `<script type="module" src="/embed.js">` and one `<atelier-configurator>` tag — plus a small
 * cart that lists what would be sent to Shopify's `/cart/add.js`. The shop's font and accent
 * reach the widget through `--atelier-*` custom properties only.
 */

const STORE = 'demo';
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const escapeHtml = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string
	);

interface LiveProduct {
	handle: string;
	name: string;
	description: string;
	version: number;
	/** The Shopify variant the product adds to the cart (its cart mapping), if one is saved. */
	shopifyVariantId: string | null;
}

/** The demo store's products that have a live version (name and description from it). */
export async function liveDemoProducts(db: Kysely<Database>): Promise<LiveProduct[]> {
	const rows = await db
		.selectFrom('product')
		.innerJoin('organization', 'organization.id', 'product.workspace_id')
		.innerJoin('channel', 'channel.product_id', 'product.id')
		.innerJoin('product_version', (join) =>
			join
				.onRef('product_version.product_id', '=', 'product.id')
				.onRef('product_version.number', '=', 'channel.version_number')
		)
		.leftJoin('cart_mapping', 'cart_mapping.product_id', 'product.id')
		.select([
			'cart_mapping.shopify_variant_id',
			'product.handle',
			'product.name',
			'channel.version_number',
			'product_version.definition'
		])
		.where('organization.slug', '=', STORE)
		.where('channel.name', '=', 'live')
		.where('product.archived_at', 'is', null)
		.orderBy('product.created_at')
		.execute();
	return rows.map((r) => {
		let name = r.name;
		let description = '';
		try {
			const d = JSON.parse(r.definition) as { name?: unknown; description?: unknown };
			if (typeof d.name === 'string') name = d.name;
			if (typeof d.description === 'string') description = d.description;
		} catch {
			// A stored version is valid JSON; the product row's name is the fallback anyway.
		}
		return {
			handle: r.handle,
			name,
			description,
			version: Number(r.version_number),
			shopifyVariantId: r.shopify_variant_id
		};
	});
}

const STYLE = `
:root{--shop-ink:#2b2622;--shop-paper:#fbf8f3;--shop-accent:#8a3b12;--shop-line:#e4dccf;
--atelier-font:Georgia,'Iowan Old Style','Times New Roman',serif;--atelier-accent:var(--shop-accent);
--atelier-border:var(--shop-line);--atelier-surface:#fff;--atelier-radius:4px;--atelier-muted:#7a6f64}
*{box-sizing:border-box}
body{margin:0;background:var(--shop-paper);color:var(--shop-ink);font:16px/1.5 Georgia,'Iowan Old Style','Times New Roman',serif}
header{border-bottom:1px solid var(--shop-line);padding:14px 20px;display:flex;justify-content:space-between;align-items:center;gap:12px}
header a{color:inherit;text-decoration:none}
.brand{font-size:20px;letter-spacing:.04em;font-variant:small-caps}
.cart-count{font-size:14px}
main{max-width:1160px;margin:0 auto;padding:20px}
h1{font-weight:400;font-size:28px;margin:8px 0 4px}
.lede{color:#6d6258;margin:0 0 20px;max-width:60ch}
.products{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:16px}
.products a{display:block;background:#fff;border:1px solid var(--shop-line);border-radius:4px;padding:16px;color:inherit;text-decoration:none;height:100%}
.products a:hover,.products a:focus-visible{border-color:var(--shop-accent)}
.products strong{display:block;font-size:18px;font-weight:400}
.products span{color:#6d6258;font-size:14px}
.empty{border:1px dashed var(--shop-line);padding:20px;border-radius:4px}
.cart{margin-top:32px;border-top:1px solid var(--shop-line);padding-top:16px}
.cart h2{font-weight:400;font-size:20px;margin:0 0 8px}
.cart ol{padding-left:20px}
.cart li{margin-bottom:12px}
.cart pre{background:#fff;border:1px solid var(--shop-line);padding:10px;overflow:auto;font-size:12px;max-height:320px}
.cart button{font:inherit;background:none;border:1px solid var(--shop-line);border-radius:4px;padding:4px 10px;cursor:pointer}
footer{color:#8b8076;font-size:13px;padding:24px 20px;text-align:center}
`;

function page(title: string, body: string, cartCount = true): string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Atelier demo shop</title>
<link rel="icon" href="/favicon.svg">
<style>${STYLE}</style>
</head>
<body>
<header><a class="brand" href="/demo-store">The Demo Shop</a>${cartCount ? '<a class="cart-count" href="#cart" id="cart-count">Cart (0)</a>' : ''}</header>
<main>
${body}
</main>
<footer>A demo storefront for Atelier. Nothing here is sold; the cart shows what would be sent to Shopify.</footer>
</body>
</html>`;
}

/** The demo cart: what each add-to-cart would POST to Shopify's /cart/add.js, kept in the tab. */
/** Demo products sold to teams, shown with the bulk-order mode. */
const BULK_ORDER_PRODUCTS = new Set(['team-jersey']);

const CART_SCRIPT = `
const key = 'atelier-demo-cart';
const read = () => { try { return JSON.parse(sessionStorage.getItem(key) || '[]'); } catch { return []; } };
const list = document.getElementById('cart-items');
const count = document.getElementById('cart-count');
function render() {
  const items = read();
  if (count) count.textContent = 'Cart (' + items.length + ')';
  if (!list) return;
  list.replaceChildren();
  if (items.length === 0) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = 'Your cart is empty. Configure the product above and press “Add to cart”.';
    list.append(p);
    return;
  }
  const ol = document.createElement('ol');
  for (const item of items) {
    const li = document.createElement('li');
    const lines = item.body.items;
    const line = lines[0];
    const visible = Object.entries(line.properties).filter(([k]) => !k.startsWith('_'));
    const title = document.createElement('strong');
    const pieces = lines.reduce((sum, l) => sum + l.quantity, 0);
    title.textContent = item.name + ' × ' + pieces + (lines.length > 1 ? ' (' + lines.length + ' personalized items, a team order)' : '');
    li.append(title, document.createElement('br'));
    li.append(visible.map(([k, v]) => k + ': ' + v).join(' · ') + (lines.length > 1 ? ' …' : ''));
    if (lines.length === 1) {
      const edit = document.createElement('a');
      edit.href = '/demo-store/' + item.handle + '?atelier-design=' + encodeURIComponent(line.properties._atelier_design);
      edit.textContent = 'Edit';
      li.append(' ', edit);
    }
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = 'POST /cart/add.js';
    const pre = document.createElement('pre');
    pre.dataset.cartBody = '';
    pre.textContent = JSON.stringify(item.body, null, 2);
    details.append(summary, pre);
    li.append(details);
    ol.append(li);
  }
  const clear = document.createElement('button');
  clear.type = 'button';
  clear.textContent = 'Empty the cart';
  clear.addEventListener('click', () => { sessionStorage.removeItem(key); render(); });
  list.append(ol, clear);
}
document.addEventListener('atelier:add-to-cart', (event) => {
  const el = event.target;
  const items = read();
  items.push({ handle: el.getAttribute('product'), name: document.title.split(' · ')[0], body: event.detail });
  sessionStorage.setItem(key, JSON.stringify(items));
  render();
  document.getElementById('cart')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
});
render();
`;

/** GET /demo-store: the index of the demo products. */
export async function demoStoreIndexResponse(db: Kysely<Database>): Promise<Response> {
	const products = await liveDemoProducts(db);
	const list =
		products.length === 0
			? `<p class="empty">No demo products are published yet. Publish a product of the “Demo Store” workspace from the studio, and it appears here.</p>`
			: `<ul class="products">${products
					.map(
						(p) =>
							`<li><a href="/demo-store/${p.handle}"><strong>${escapeHtml(p.name)}</strong><span>${escapeHtml(p.description)}</span></a></li>`
					)
					.join('')}</ul>`;
	return html(
		200,
		page(
			'Shop',
			`<h1>Made to order</h1><p class="lede">Every piece is made for you. Choose one to configure it.</p>${list}`,
			false
		)
	);
}

/** GET /demo-store/<handle>: one product page with the merchant's snippet. */
export async function demoProductResponse(db: Kysely<Database>, handle: string): Promise<Response> {
	const products = SLUG.test(handle) ? await liveDemoProducts(db) : [];
	const product = products.find((p) => p.handle === handle);
	if (!product)
		return html(
			404,
			page(
				'Not found',
				`<h1>We could not find that product</h1><p class="lede">It may not be published yet. <a href="/demo-store">See all products</a>.</p>`,
				false
			)
		);
	// Team products get the bulk-order mode (a roster spreadsheet) under the configurator.
	const bulk = BULK_ORDER_PRODUCTS.has(handle) ? ' bulk' : '';
	// The snippet, exactly as a merchant pastes it into a Shopify product template, with the
	// variant of the product's cart mapping (Settings → Store); without one the element is
	// headless: it fires its add-to-cart event and the page's cart shows the item.
	const cart = product.shopifyVariantId
		? ` cart="shopify" variant-id="${escapeHtml(product.shopifyVariantId)}"`
		: '';
	const snippet = `<script type="module" src="/embed.js"></script>
<atelier-configurator store="${STORE}" product="${handle}"${cart} locale="en"${bulk}></atelier-configurator>`;
	return html(
		200,
		page(
			product.name,
			`<p><a href="/demo-store">← All products</a></p>
<h1>${escapeHtml(product.name)}</h1>
<p class="lede">${escapeHtml(product.description)}</p>
${snippet}
<section class="cart" id="cart" aria-labelledby="cart-title">
<h2 id="cart-title">Cart</h2>
<div id="cart-items" aria-live="polite"></div>
</section>
<script type="module">${CART_SCRIPT}</script>`
		)
	);
}

function html(status: number, body: string): Response {
	return new Response(body, {
		status,
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
}
