// Whether the window is narrow (phone or small tablet, < 900 px), as one reactive flag shared by
// the layout and pages that switch to a single column. Browser-only.
import { ref } from 'vue'

export const narrow = ref(window.innerWidth < 900)
window.addEventListener('resize', () => (narrow.value = window.innerWidth < 900))
