// Unit tests of the display rules people see on every page (run: npm test).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { deadlineText, formatCount, formatExact, formatRate, formatTime, isMobile, isPhone, normalizePhone, rateChange, toTree } from './format.js'

test('times are shown in Beijing time as YYYY-MM-DD HH:mm', () => {
  assert.equal(formatTime('2026-11-22T01:30:00Z'), '2026-11-22 09:30')
  assert.equal(formatTime('2026-11-22T09:30:00+08:00'), '2026-11-22 09:30')
  assert.equal(formatTime('2026-12-31T16:05:00Z'), '2027-01-01 00:05')
  assert.equal(formatTime(null), '')
})

test('rates have two decimals; no denominator shows a dash', () => {
  assert.equal(formatRate(0.95833), '95.83%')
  assert.equal(formatRate(1), '100.00%')
  assert.equal(formatRate(null), '—')
  assert.equal(rateChange(0.9583, 0.9383), '+2.00个百分点')
  assert.equal(rateChange(0.90, 0.9125), '−1.25个百分点')
  assert.equal(rateChange(0.9, null), '')
})

test('large counts read as 万/亿 with the exact figure available', () => {
  assert.equal(formatCount(14235), '1.4万')
  assert.equal(formatCount(9999), '9999')
  assert.equal(formatCount(123456789), '1.2亿')
  assert.equal(formatExact(14235), '14,235')
})

test('deadlines: the server text wins, else days left or overdue', () => {
  assert.equal(deadlineText({ deadline_text: '剩余3个工作日', deadline: '2020-01-01' }), '剩余3个工作日')
  assert.match(deadlineText({ deadline: '2000-01-01', overdue: true }), /^超期\d+天$/)
  assert.match(deadlineText({ deadline: '2999-01-01' }), /^剩余\d+天$/)
  assert.equal(deadlineText({}), '')
})

// Bug (issue 9): after 办结 the deadline text switched to 剩余N天 and kept counting down.
test('deadlines: no countdown once a matter is resolved or closed', () => {
  assert.equal(deadlineText({ status: 'closed', deadline: '2999-01-01', deadline_text: null }), '')
  assert.equal(deadlineText({ status: 'resolved', deadline: '2999-01-01' }), '')
  assert.equal(deadlineText({ status: 'closed', deadline: '2000-01-01', deadline_text: '超期2个工作日办结' }), '超期2个工作日办结')
})

test('mainland mobile numbers', () => {
  for (const ok of ['13800138000', '19912345678', ' 15012345678 ']) assert.ok(isMobile(ok), ok)
  for (const bad of ['12345678901', '1380013800', '138001380001', '10086', '', null]) assert.ok(!isMobile(bad), String(bad))
})

test('flat org lists become trees, whatever form parent takes', () => {
  const t = toTree([
    { code: 'c', name: '市' },
    { code: 'd', name: '区', parent: 'c' },
    { code: 'x', name: '局', parent: { code: 'c' } },
    { code: 's', name: '街道', parent: 'd' },
  ])
  assert.equal(t.length, 1)
  assert.deepEqual(t[0].children.map((n) => n.label), ['区', '局'])
  assert.equal(t[0].children[0].children[0].value, 's')
  assert.equal(t[0].children[1].children, undefined)
})

// Issue 9: a pasted "138 1234 5678" or "+86 138…" was cut by the form and then refused. The same
// table as the server's stored_phone test (src/domain/phone_test.cpp).
test('pasted phone numbers are normalised as the server stores them', () => {
  const rows = [
    ['13812345678', '13812345678'], ['138 1234 5678', '13812345678'], [' 138-1234-5678 ', '13812345678'],
    ['(138) 1234.5678', '13812345678'], ['+86 138 1234 5678', '13812345678'], ['+86-13812345678', '13812345678'],
    ['0086 138 1234 5678', '13812345678'], ['8613812345678', '13812345678'], ['＋８６ 13812345678', '13812345678'],
    ['１３８\u300012345678', '13812345678'], ['138\u00A01234\u00A05678', '13812345678'],
    ['0731-12345678', '073112345678'], ['073112345678', '073112345678'], ['0731 1234 5678', '073112345678'],
    ['(0731) 12345678', '073112345678'], ['  12345 ', '12345'], ['+86 12912345678', '+86 12912345678'],
    ['86138123456789', '86138123456789'], ['138-1234-567x', '138-1234-567x'], ['', ''], ['   ', ''], [null, ''],
  ]
  for (const [typed, stored] of rows) assert.equal(normalizePhone(typed), stored, String(typed))
  assert.ok(isPhone('0731-12345678') && isPhone('13812345678') && !isPhone('731-22334455') && !isPhone('12345'))
})
