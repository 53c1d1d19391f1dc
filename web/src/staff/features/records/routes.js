// Routes and menu entries of the 四下基层 feature (meta as in matters/routes.js).
import { Calendar, DocumentAdd, Histogram, Notebook } from '@element-plus/icons-vue'

const FIGURES = ['leader', 'supervisor', 'dispatcher', 'unit_leader']

export default [
  { path: '/grassroots', name: 'grassroots', component: () => import('./GrassrootsPage.vue'), meta: { title: '四下基层统计', group: '四下基层', icon: Histogram, roles: FIGURES } },
  { path: '/records', name: 'records', component: () => import('./RecordsPage.vue'), meta: { title: '工作记录', group: '四下基层', icon: Notebook } },
  { path: '/rotas', name: 'rotas', component: () => import('./RotasPage.vue'), meta: { title: '轮值表', group: '四下基层', icon: Calendar } },
  { path: '/records/new', name: 'record-new', component: () => import('./RecordFormPage.vue'), meta: { title: '新建记录', group: '四下基层', icon: DocumentAdd } },
  { path: '/records/:code', name: 'field-record', component: () => import('./RecordDetailPage.vue'), meta: { title: '记录详情', group: '四下基层', parent: 'records' } },
  { path: '/dossier/:username', name: 'dossier', component: () => import('./DossierPage.vue'), meta: { title: '干部纪实', group: '四下基层', parent: 'records' } },
]
