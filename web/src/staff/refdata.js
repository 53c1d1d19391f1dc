// Reference lists the staff pages share (org tree, categories, campaigns), fetched once per page
// load and cached as promises; `refresh` drops the cache after an administrator edits them.
import { getCampaigns, getCategories, getOrgs } from '../shared/api.js'
import { toTree } from '../shared/format.js'

const cache = new Map()
function once(key, load) {
  if (!cache.has(key)) cache.set(key, load().catch((e) => (cache.delete(key), Promise.reject(e))))
  return cache.get(key)
}

export const orgs = () => once('orgs', getOrgs)
export const categories = () => once('categories', getCategories)
export const campaigns = () => once('campaigns', getCampaigns)
export const orgTree = async () => toTree(await orgs())
export const categoryTree = async () => toTree(await categories())
export function refresh(key) {
  cache.delete(key)
}
