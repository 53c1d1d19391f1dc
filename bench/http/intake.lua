-- wrk script: public intake (POST /api/v1/intake), each request a different matter text so the
-- duplicate index and search index see realistic, varied rows.
-- Usage: wrk -t2 -c16 -d20s --latency -s bench/http/intake.lua http://127.0.0.1:PORT
local places = {"荷塘区月塘街道", "芦淞区建设街道", "天元区嵩山路街道", "石峰区清水塘街道", "渌口区渌口镇"}
local problems = {
  "小区门口的路灯已经坏了一个星期,晚上出行很不方便,请尽快修复。",
  "楼下餐馆油烟直排,每天晚上气味很大,窗户都不敢开。",
  "道路井盖缺失,行人和电动车经过很危险,希望尽快处理。",
  "老旧小区雨后积水严重,地下车库进水,请有关部门排查排水管网。",
  "公交站台的遮雨棚破损漏雨,等车的老人孩子淋雨,请维修。",
}
local counter = 0
request = function()
  counter = counter + 1
  local p = places[(counter % #places) + 1]
  local t = problems[(counter * 7 % #problems) + 1]
  local body = string.format(
    '{"title":"%s反映问题%d","content":"%s第%d号楼附近%s","location":{"address":"%s某小区","district":"430202"},"contact":{"name":"张三","phone":"138%08d"}}',
    p, counter, p, counter % 97, t, p, counter % 100000000)
  return wrk.format("POST", "/api/v1/intake", {["Content-Type"] = "application/json"}, body)
end
