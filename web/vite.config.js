// Vite build of the two apps: the public H5 pages (index.html → /) and the staff app
// (staff.html → /staff/). `huiyin serve --web web/dist` hands out the result; during
// development `npm run dev` proxies /api to a running server (HUIYIN_API, default :8080).
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'

const api = process.env.HUIYIN_API || 'http://127.0.0.1:8080'

export default defineConfig({
  base: '/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        staff: fileURLToPath(new URL('./staff.html', import.meta.url)),
      },
      // Vue and the router are shared by both apps: one cacheable chunk with a clear name.
      output: {
        manualChunks: (id) => (/node_modules\/(@vue|vue|vue-router)\//.test(id) ? 'vue' : undefined),
      },
    },
  },
  server: { proxy: { '/api': api, '/healthz': api } },
  preview: { proxy: { '/api': api, '/healthz': api } },
})
