// Routes and menu entries of the supervision feature (meta as in matters/routes.js).
import { Bell, Finished, Tickets } from '@element-plus/icons-vue'

export default [
  { path: '/supervision', name: 'supervision', component: () => import('./SupervisionPage.vue'), meta: { title: '督办台账', group: '问题台账', icon: Bell, roles: ['supervisor', 'leader', 'dispatcher', 'unit_leader'] } },
  { path: '/circulars', name: 'circulars', component: () => import('./CircularsPage.vue'), meta: { title: '通报', group: '问题台账', icon: Tickets, roles: ['supervisor', 'leader', 'admin'] } },
  { path: '/spot-checks', name: 'spot-checks', component: () => import('./SpotChecksPage.vue'), meta: { title: '回头看', group: '问题台账', icon: Finished, roles: ['supervisor'] } },
]
