// Routes of the public app (history mode, base '/'; the server falls back to index.html).
import { createRouter, createWebHistory } from 'vue-router'
import ReportPage from './pages/ReportPage.vue'

export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/', name: 'report', component: ReportPage, meta: { title: '我要反映' } },
    { path: '/done', name: 'done', component: () => import('./pages/ReportDonePage.vue'), meta: { title: '反映成功' } },
    { path: '/track', name: 'track-search', component: () => import('./pages/TrackSearchPage.vue'), meta: { title: '进度查询' } },
    { path: '/track/:code', name: 'track', component: () => import('./pages/TrackPage.vue'), meta: { title: '办理进度' } },
    { path: '/wall', name: 'wall', component: () => import('./pages/WallPage.vue'), meta: { title: '回音壁' } },
    { path: '/:rest(.*)*', name: 'missing', component: () => import('./pages/NotFoundPage.vue'), meta: { title: '页面不存在' } },
  ],
  scrollBehavior: () => ({ top: 0 }),
})

router.afterEach((to) => {
  document.title = `${to.meta.title || '回音'} · 回音`
})
