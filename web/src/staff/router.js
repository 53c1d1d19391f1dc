// The staff app's router (history mode under /staff/; the server falls back to staff.html). It
// gathers the routes each feature declares in features/<name>/routes.js, in menu order, and
// sends a visitor to 登录 or to their home page when a route is not for them.
// meta: title (breadcrumb and tab title), group (menu group), icon, roles (who sees it; none = all
// who work on matters), parent (no menu entry of its own), bare (no frame: 登录).
import { createRouter, createWebHistory } from 'vue-router'
import { homeRoute, loadSession, mayOpen, session } from './session.js'
import sessionRoutes from './features/session/routes.js'
import matterRoutes from './features/matters/routes.js'
import reportRoutes from './features/reports/routes.js'
import recordRoutes from './features/records/routes.js'
import supervisionRoutes from './features/supervision/routes.js'
import adminRoutes from './features/admin/routes.js'
import auditRoutes from './features/audit/routes.js'
import notificationRoutes from './features/notifications/routes.js'

export const routes = [
  ...sessionRoutes,
  { path: '/', redirect: '/workbench' },
  ...matterRoutes,
  ...supervisionRoutes,
  ...recordRoutes,
  ...reportRoutes,
  ...adminRoutes,
  ...auditRoutes,
  ...notificationRoutes,
  { path: '/:rest(.*)*', name: 'missing', component: () => import('./NotFoundPage.vue'), meta: { title: '页面不存在' } },
]

export const router = createRouter({ history: createWebHistory('/staff/'), routes })

router.beforeEach(async (to) => {
  await loadSession()
  if (to.name === 'login') return session.user ? { name: homeRoute() } : true
  if (!session.user) return { name: 'login', query: { next: to.fullPath } }
  if (!mayOpen(to)) return to.name === homeRoute() ? true : { name: homeRoute() }
  return true
})

router.afterEach((to) => {
  document.title = `${to.meta.title || '工作平台'} · 回音工作平台`
})
