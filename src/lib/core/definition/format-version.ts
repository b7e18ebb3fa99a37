// A leaf module: code that needs only the version number (migrations, the runtime's trusted
// loader) imports it from here, so it does not pull in the zod schemas of `definition.ts`.

/** The latest definition format version. */
export const FORMAT_VERSION = 1;
