/**
 * Cross-site form protection, done here instead of by SvelteKit (`csrf.checkOrigin: false` in
 * svelte.config.js) for one reason: store webhooks are server-to-server POSTs without an Origin
 * header, and WooCommerce sends its first "ping" as a form body (`webhook_id=…`), which
 * SvelteKit's built-in check would refuse with 403. The rule is SvelteKit's: a form-encoded
 * POST/PUT/PATCH/DELETE from another origin (or none) is refused — except on the webhook paths,
 * which authenticate every call with an HMAC signature instead of cookies.
 */

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Paths that never read cookies and verify a signature on every request. */
const SIGNED_PATHS = ['/api/v1/webhooks/'];

/** True when the request is a form submission from another site, which must be refused. */
export function isCrossSiteForm(request: Request, url: URL): boolean {
	if (!UNSAFE_METHODS.has(request.method)) return false;
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return false;
	if (SIGNED_PATHS.some((prefix) => url.pathname.startsWith(prefix))) return false;
	return request.headers.get('origin') !== url.origin;
}
