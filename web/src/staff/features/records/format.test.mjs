import { test } from 'node:test'
import assert from 'node:assert/strict'
import { answerState, fieldText, minutesText, peopleText, placeText, rateText } from './format.js'

test('a place reads as its area and address', () => {
  assert.equal(placeText({ name: '响石广场社区', address: '石峰区响石广场社区' }), '石峰区响石广场社区')
  assert.equal(placeText({ name: '天元区', address: '政务服务中心' }), '天元区 政务服务中心')
  assert.equal(placeText(null), '—')
})

test('people read with their posts', () => {
  assert.equal(peopleText([{ name: '社区书记', post: '社区党委书记' }, { name: '周明' }]), '社区书记(社区党委书记)、周明')
  assert.equal(peopleText([]), '—')
})

test('the resolution rate shows two decimals, none as a dash', () => {
  assert.equal(rateText(0.53234), '53.23%')
  assert.equal(rateText(null), '—')
})

test('a night talk item past its deadline without an answer is flagged', () => {
  assert.equal(answerState({ answered: true, overdue: false }).text, '已回音')
  assert.equal(answerState({ answered: false, overdue: true }).text, '超期无回音')
  assert.equal(answerState({ answered: false, overdue: false }).text, '待回音')
})

test('a kind field shows choices by label and steps with their minutes', () => {
  assert.equal(fieldText('enterprise', { choices: [{ code: 'enterprise', label: '企业' }] }), '企业')
  assert.equal(fieldText([{ name: '网上申报', minutes: 25 }]), '网上申报 25分钟')
  assert.equal(fieldText({ code: '430211', name: '天元区' }), '天元区')
  assert.equal(fieldText(''), '—')
})

test('a walk step’s time reads in days, hours and minutes', () => {
  assert.equal(minutesText(25), '25分钟')
  assert.equal(minutesText(65), '1小时5分钟')
  assert.equal(minutesText(1440), '1天')
  assert.equal(minutesText(1480), '1天40分钟')
})
