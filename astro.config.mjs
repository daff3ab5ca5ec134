// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

// Japanese is the default language at `/`; English lives under `/en/`.
export default defineConfig({
  srcDir: './site',
  integrations: [mdx()],
  i18n: {
    locales: ['ja', 'en'],
    defaultLocale: 'ja',
    routing: { prefixDefaultLocale: false },
  },
  markdown: {
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } },
  },
});
