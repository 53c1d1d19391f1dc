// Routes and menu entries of the reports feature (meta as in matters/routes.js).
import { Connection, DataAnalysis } from '@element-plus/icons-vue'

const STATS = ['leader', 'supervisor', 'dispatcher', 'unit_leader']

export default [
  { path: '/dashboard', name: 'dashboard', component: () => import('./DashboardPage.vue'), meta: { title: '领导驾驶舱', group: '统计分析', icon: DataAnalysis, roles: STATS } },
  { path: '/common-problems', name: 'common-problems', component: () => import('./CommonProblemsPage.vue'), meta: { title: '共性问题', group: '统计分析', icon: Connection, roles: ['supervisor', 'leader', 'admin'] } },
]
