import { describe, expect, it } from 'vitest'
import {
  formatBinary,
  formatMilli,
  isQuantity,
  milliValue,
  QuantityError,
  value,
} from '../../../core/api/quantity'

describe('api: resource quantities', () => {
  it('scheduler: quantity: CPU parses to exact millicores, rounding up', () => {
    expect(['100m', '0.5', '2', '1.5', '0.1', '1.5m', '250m', '1e3', '1k'].map(milliValue)).toEqual(
      [100, 500, 2000, 1500, 100, 2, 250, 1_000_000, 1_000_000],
    )
  })

  it('scheduler: quantity: memory parses binary and decimal suffixes to bytes', () => {
    expect(['128Mi', '1Gi', '8Gi', '1G', '500M', '1Ki', '100', '0.5Gi', '1E'].map(value)).toEqual([
      134_217_728, 1_073_741_824, 8_589_934_592, 1e9, 5e8, 1024, 100, 536_870_912, 1e18,
    ])
    expect(value('100m')).toBe(1)
  })

  it('scheduler: quantity: malformed quantities are refused with the API message', () => {
    for (const bad of ['', 'abc', '1.5.5', '10 Mi', 'Mi', '1mi', '--1'])
      expect(isQuantity(bad)).toBe(false)
    expect(() => milliValue('two')).toThrow(QuantityError)
    expect(() => value('two')).toThrow(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    )
  })

  it('scheduler: quantity: canonical forms for display', () => {
    expect([2000, 850, 1500].map(formatMilli)).toEqual(['2', '850m', '1500m'])
    expect([134_217_728, 1_073_741_824, 1500, 0].map(formatBinary)).toEqual([
      '128Mi',
      '1Gi',
      '1500',
      '0',
    ])
  })
})
