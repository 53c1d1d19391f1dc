// Prepares a photo from the camera or album for upload: large pictures are redrawn on a canvas
// to at most 1600 px on the long side as JPEG, so a phone on a slow line sends ~300 KB instead
// of 5 MB. Small JPEG/PNG/WebP files go as they are. Browser-only; no state.
const MAX_SIDE = 1600
const KEEP_BELOW = 600 * 1024
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp']

async function decode(file) {
  if (typeof createImageBitmap === 'function') {
    try {
      return await createImageBitmap(file)
    } catch {
      /* fall through to <img> */
    }
  }
  const url = URL.createObjectURL(file)
  try {
    const img = new Image()
    img.src = url
    await img.decode()
    return img
  } finally {
    URL.revokeObjectURL(url)
  }
}

// Returns a Blob ready for POST /api/v1/attachments, or throws Error with a Chinese message.
export async function preparePhoto(file) {
  const typeOk = ACCEPTED.includes(file.type) || /\.(jpe?g|png|webp|heic|heif)$/i.test(file.name || '')
  if (!typeOk) throw new Error('只能上传照片(JPG、PNG、WebP)')
  let img
  try {
    img = await decode(file)
  } catch {
    throw new Error('无法读取该照片,请换一张')
  }
  const w = img.width
  const h = img.height
  if (ACCEPTED.includes(file.type) && file.size <= KEEP_BELOW && Math.max(w, h) <= MAX_SIDE) return file
  const scale = Math.min(1, MAX_SIDE / Math.max(w, h))
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(w * scale)
  canvas.height = Math.round(h * scale)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85))
  if (!blob) throw new Error('照片处理失败,请换一张')
  return blob
}
