/** Light or dark. The choice is saved in localStorage; app.html applies it before first paint. */
export type ThemeName = 'light' | 'dark';

const STORAGE_KEY = 'atelier-theme';

/** The studio's theme: one instance per app shell (no module-level state: the server renders too). */
export class ThemeManager {
	current = $state<ThemeName>('light');

	constructor() {
		if (typeof document !== 'undefined') {
			this.current = document.documentElement.classList.contains('dark') ? 'dark' : 'light';
		}
	}

	set(theme: ThemeName): void {
		this.current = theme;
		document.documentElement.classList.toggle('dark', theme === 'dark');
		try {
			localStorage.setItem(STORAGE_KEY, theme);
		} catch {
			// Private windows may refuse storage; the theme still applies for this page.
		}
	}

	toggle(): void {
		this.set(this.current === 'dark' ? 'light' : 'dark');
	}
}
