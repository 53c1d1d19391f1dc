// Routes of the staff app (history mode under /staff/; the server falls back to staff.html).
// meta: title (breadcrumb and tab title), group (menu group), roles (who sees it; none = all).
import { createRouter, createWebHistory } from 'vue-router'
import { homeRoute, loadSession, mayOpen, session } from './session.js'

const STATS = ['leader', 'supervisor', 'dispatcher', 'unit_leader']
const ADMIN = ['admin']

export const routes = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { title: '登录', bare: true } },
  { path: '/', redirect: '/workbench' },
  { path: '/workbench', name: 'workbench', component: () => import('./pages/WorkbenchPage.vue'), meta: { title: '我的工作台', group: '工作台' } },
  { path: '/record', name: 'record', component: () => import('./pages/RecordPage.vue'), meta: { title: '问题录入', group: '工作台', roles: ['collector', 'dispatcher'] } },
  { path: '/ledger', name: 'ledger', component: () => import('./pages/LedgerPage.vue'), meta: { title: '问题台账', group: '问题台账' } },
  { path: '/matters/:code', name: 'matter', component: () => import('./pages/MatterDetailPage.vue'), meta: { title: '问题详情', group: '问题台账', parent: 'ledger' } },
  { path: '/dashboard', name: 'dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { title: '领导驾驶舱', group: '统计分析', roles: STATS } },
  { path: '/common-problems', name: 'common-problems', component: () => import('./pages/CommonProblemsPage.vue'), meta: { title: '共性问题', group: '统计分析', roles: ['supervisor', 'leader', 'admin'] } },
  { path: '/admin/orgs', name: 'orgs', component: () => import('./admin/OrgsPage.vue'), meta: { title: '组织机构', group: '系统管理', roles: ADMIN } },
  { path: '/admin/users', name: 'users', component: () => import('./admin/UsersPage.vue'), meta: { title: '用户与角色', group: '系统管理', roles: ['admin', 'security_admin'] } },
  { path: '/admin/categories', name: 'categories', component: () => import('./admin/CategoriesPage.vue'), meta: { title: '问题类别', group: '系统管理', roles: ADMIN } },
  { path: '/admin/calendar', name: 'calendar', component: () => import('./admin/CalendarPage.vue'), meta: { title: '工作日历', group: '系统管理', roles: ADMIN } },
  { path: '/admin/deadline-rules', name: 'deadline-rules', component: () => import('./admin/DeadlineRulesPage.vue'), meta: { title: '办理时限规则', group: '系统管理', roles: ADMIN } },
  { path: '/audit', name: 'audit', component: () => import('./admin/AuditLogPage.vue'), meta: { title: '审计日志', group: '安全审计', roles: ['audit_admin'] } },
  { path: '/:rest(.*)*', name: 'missing', component: () => import('./pages/NotFoundPage.vue'), meta: { title: '页面不存在' } },
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
