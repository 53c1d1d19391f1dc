// Entry of the public H5 app (served at /): 我要反映, 进度查询, 评价, 回音壁. Plain Vue and
// hand-styled components only, so a phone downloads little.
import { createApp } from 'vue'
import App from './App.vue'
import { loadCodes } from '../shared/codes.js'
import { router } from './router.js'
import './public.css'

loadCodes().then(() => createApp(App).use(router).mount('#app'))
