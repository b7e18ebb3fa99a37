// The /embed.js entry: defines <atelier-configurator>, talking to the server it was loaded from.
import { defineAtelierConfigurator } from './element.js';

defineAtelierConfigurator(new URL('/', import.meta.url).href);
