// Routes and menu entries of the administration feature (meta as in matters/routes.js).
// 三员分立: users are for the system and the security administrator; the rest for the system administrator.
import { Calendar, Collection, Message, OfficeBuilding, Timer, User } from '@element-plus/icons-vue'

const ADMIN = ['admin']

export default [
  { path: '/admin/orgs', name: 'orgs', component: () => import('./OrgsPage.vue'), meta: { title: '组织机构', group: '系统管理', icon: OfficeBuilding, roles: ADMIN } },
  { path: '/admin/users', name: 'users', component: () => import('./UsersPage.vue'), meta: { title: '用户与角色', group: '系统管理', icon: User, roles: ['admin', 'security_admin'] } },
  { path: '/admin/categories', name: 'categories', component: () => import('./CategoriesPage.vue'), meta: { title: '问题类别', group: '系统管理', icon: Collection, roles: ADMIN } },
  { path: '/admin/calendar', name: 'calendar', component: () => import('./CalendarPage.vue'), meta: { title: '工作日历', group: '系统管理', icon: Calendar, roles: ADMIN } },
  { path: '/admin/deadline-rules', name: 'deadline-rules', component: () => import('./DeadlineRulesPage.vue'), meta: { title: '办理时限规则', group: '系统管理', icon: Timer, roles: ADMIN } },
  { path: '/admin/webhooks', name: 'webhooks', component: () => import('./WebhooksPage.vue'), meta: { title: '消息推送', group: '系统管理', icon: Message, roles: ADMIN } },
]
