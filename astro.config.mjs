// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { CODE_THEMES } from './site/lib/code-themes.ts';
import { inPageEmulator } from './site/integrations/in-page-emulator.ts';
import { localPortsInLessons } from './site/integrations/local-ports.ts';

// Japanese is the default language at `/`; English lives under `/en/`.
export default defineConfig({
  // Where the built site is served; hreflang links must be absolute. Set SITE_URL when you host it.
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  srcDir: './site',
  // inPageEmulator(): the sample backend, running in the reader's browser (site/client/in-page-emulator.ts).
  integrations: [mdx(), inPageEmulator()],
  // `localhost:3001` in the lessons becomes the port the site is built for (npm start -- --port 3101).
  vite: { plugins: [localPortsInLessons(process.env)] },
  // The tutorial is what readers look at while `npm start` runs; Astro's toolbar would only get in the way.
  devToolbar: { enabled: false },
  i18n: {
    locales: ['ja', 'en'],
    defaultLocale: 'ja',
    routing: { prefixDefaultLocale: false },
  },
  markdown: {
    shikiConfig: { themes: CODE_THEMES },
  },
});
