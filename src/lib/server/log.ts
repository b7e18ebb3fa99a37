import { pino, type Logger } from 'pino';

/** Creates the structured logger (JSON lines on stdout). */
export function createLogger(level: string): Logger {
	return pino({ level, base: { service: 'atelier' } });
}

export type { Logger };
