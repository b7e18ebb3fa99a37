// The widget's stylesheet. Every color, font and radius is a CSS custom property with a neutral
// fallback, so the widget takes the store's look (`--atelier-font`, `--atelier-accent`, …) and
// never looks like a foreign frame. Class names are prefixed to stay out of the theme's way.

export const STYLE_ID = 'atelier-configurator-styles';

export const styles = `
.atelier{--_accent:var(--atelier-accent,#1f6feb);--_text:var(--atelier-text,inherit);--_muted:var(--atelier-muted,#6b7280);--_line:var(--atelier-border,#d1d5db);--_bg:var(--atelier-background,transparent);--_surface:var(--atelier-surface,#fff);--_danger:var(--atelier-danger,#b42318);--_radius:var(--atelier-radius,8px);--_on-accent:var(--atelier-on-accent,#fff);font-family:var(--atelier-font,inherit);font-size:var(--atelier-font-size,15px);color:var(--_text);background:var(--_bg);container-type:inline-size;line-height:1.4;box-sizing:border-box}
.atelier *,.atelier *::before,.atelier *::after{box-sizing:inherit}
.atelier-layout{display:grid;gap:16px;grid-template-columns:minmax(0,1fr)}
@container (min-width:720px){.atelier-layout{grid-template-columns:minmax(0,1.1fr) minmax(0,1fr);align-items:start}.atelier-stage{position:sticky;top:16px}}
.atelier-stage{display:flex;flex-direction:column;gap:8px;min-width:0}
.atelier-preview{width:100%;min-height:120px;border:1px solid var(--_line);border-radius:var(--_radius);overflow:hidden;background:var(--_surface)}
.atelier-views{display:flex;gap:4px;flex-wrap:wrap}
.atelier-form{display:flex;flex-direction:column;gap:16px;min-width:0}
.atelier-group{border:0;margin:0;padding:0;display:flex;flex-direction:column;gap:14px;min-width:0}
.atelier-group>legend{font-weight:600;font-size:1.05em;padding:0;margin-bottom:6px}
.atelier-option{display:flex;flex-direction:column;gap:6px;min-width:0}
.atelier-option[hidden]{display:none}
.atelier-label{font-weight:600;font-size:.93em}
.atelier-label small{font-weight:400;color:var(--_muted)}
.atelier-desc,.atelier-hint{color:var(--_muted);font-size:.85em;margin:0}
.atelier-error{color:var(--_danger);font-size:.85em;margin:0}
.atelier-error:empty,.atelier-hint:empty{display:none}
.atelier-choices{display:flex;flex-wrap:wrap;gap:6px}
.atelier-choice{position:relative;font:inherit;color:inherit;background:var(--_surface);border:1px solid var(--_line);border-radius:var(--_radius);padding:7px 12px;min-height:36px;cursor:pointer;display:inline-flex;align-items:center;gap:6px}
.atelier-choice[aria-checked=true]{border-color:var(--_accent);box-shadow:inset 0 0 0 1px var(--_accent)}
.atelier-choice[aria-disabled=true]{opacity:.45;cursor:not-allowed;text-decoration:line-through}
.atelier-choice[hidden]{display:none}
.atelier-swatch{width:36px;height:36px;padding:3px;border-radius:50%}
.atelier-swatch>span:not(.atelier-sr){display:block;width:100%;height:100%;border-radius:50%;border:1px solid rgba(0,0,0,.15);background-size:cover;background-position:center}
.atelier-tile{flex-direction:column;padding:6px;min-width:72px}
.atelier-tile img{width:56px;height:56px;object-fit:contain}
.atelier-price-delta{color:var(--_muted);font-size:.85em}
.atelier :focus-visible{outline:2px solid var(--_accent);outline-offset:2px}
.atelier-input,.atelier-select{font:inherit;color:inherit;background:var(--_surface);border:1px solid var(--_line);border-radius:var(--_radius);padding:8px 10px;min-height:38px;width:100%;max-width:100%}
.atelier-input[aria-invalid=true]{border-color:var(--_danger)}
.atelier-row{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
.atelier-row>*{flex:1 1 120px}
.atelier-reasons{margin:0;padding-left:18px;color:var(--_muted);font-size:.85em}
.atelier-reasons:empty{display:none}
.atelier-upload{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.atelier-upload input[type=file]{font:inherit;max-width:100%}
.atelier-link{font:inherit;background:none;border:0;color:var(--_accent);text-decoration:underline;cursor:pointer;padding:0}
.atelier-summary{border-top:1px solid var(--_line);padding-top:12px;display:flex;flex-direction:column;gap:8px}
.atelier-total{display:flex;justify-content:space-between;align-items:baseline;gap:8px;font-size:1.15em;font-weight:700}
.atelier-total small{font-weight:400;font-size:.75em;color:var(--_muted)}
.atelier-breakdown summary{cursor:pointer;color:var(--_muted);font-size:.9em}
.atelier-breakdown table{width:100%;border-collapse:collapse;font-size:.88em;margin-top:6px}
.atelier-breakdown td{padding:2px 0;vertical-align:top}
.atelier-breakdown td:last-child{text-align:right;white-space:nowrap;padding-left:8px}
.atelier-lead{color:var(--_muted);font-size:.9em;margin:0}
.atelier-cart{font:inherit;font-weight:600;border:0;border-radius:var(--_radius);padding:12px 16px;min-height:44px;background:var(--_accent);color:var(--_on-accent);cursor:pointer;width:100%}
.atelier-cart[aria-disabled=true]{opacity:.5;cursor:not-allowed}
.atelier-status{font-size:.88em;margin:0;color:var(--_muted)}
.atelier-message{border:1px solid var(--_line);border-radius:var(--_radius);padding:12px 14px;background:var(--_surface)}
.atelier-message strong{display:block;margin-bottom:4px}
.atelier .atelier-sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;opacity:0}
.atelier-choice:has(input:focus-visible){outline:2px solid var(--_accent);outline-offset:2px}
`;

/** Adds the stylesheet once to the document (or the shadow root) that holds `node`. */
export function ensureStyles(node: Node): void {
	const root = node.getRootNode();
	const target: ParentNode =
		typeof ShadowRoot !== 'undefined' && root instanceof ShadowRoot ? root : document.head;
	if (target.querySelector(`#${STYLE_ID}`)) return;
	const style = document.createElement('style');
	style.id = STYLE_ID;
	style.textContent = styles;
	target.append(style);
}
