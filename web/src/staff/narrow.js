// Whether the window is narrow (phone or small tablet, < 900 px), as one reactive flag shared by
// the layout and pages that switch to a single column; and whether it is a phone (< 600 px), where
// a table is too narrow to pin a column. Browser-only.
import { ref } from 'vue'

export const narrow = ref(window.innerWidth < 900)
export const phone = ref(window.innerWidth < 600)
window.addEventListener('resize', () => {
  narrow.value = window.innerWidth < 900
  phone.value = window.innerWidth < 600
})
