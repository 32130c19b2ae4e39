import { describe, expect, it } from 'vitest'
import {
  DESCRIBE_TABS,
  GET_TABS,
  TabWriter,
  tabbed,
} from '../../../core/shell/kubectl/print/tabWriter'
import { JsonPath, relaxedJsonPath } from '../../../core/shell/kubectl/print/jsonpath'
import { naturalCompare } from '../../../core/shell/kubectl/read/sort'
import { rfc1123z } from '../../../core/shell/kubectl/read/describe/writer'
import { smartLabel } from '../../../core/shell/kubectl/read/describe/misc'

describe('kubectl printers: tabwriter', () => {
  it('aligns a column only within a block of consecutive lines that have it (Go text/tabwriter)', () => {
    const text = 'Name:\tweb\nLabels:\ta=b\n\tc=d\nContainers:\n  web:\n    Image:\tnginx\n'
    expect(tabbed(text, DESCRIBE_TABS)).toBe(
      'Name:    web\nLabels:  a=b\n         c=d\nContainers:\n  web:\n    Image:  nginx\n',
    )
  })

  it('pads every column but the last, to at least the minimum width', () => {
    expect(tabbed('A\tB\tC\nlonger\tx\ty\n', GET_TABS)).toBe('A        B     C\nlonger   x     y\n')
  })

  it('remembers widths across flushes so later watch rows keep their columns', () => {
    const writer = new TabWriter(GET_TABS)
    writer.write('NAME\tSTATUS\tAGE\nweb\tPending\t0s\n')
    expect(writer.flush()).toBe('NAME   STATUS    AGE\nweb    Pending   0s\n')
    writer.write('w\tRunning\t5s\n')
    expect(writer.flush()).toBe('w      Running   5s\n')
  })
})

describe('kubectl printers: jsonpath', () => {
  const data = {
    items: [
      { metadata: { name: 'a' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
      { metadata: { name: 'b' }, status: { conditions: [{ type: 'Ready', status: 'False' }] } },
    ],
  }

  it('joins the results of one action with spaces and prints maps as JSON', () => {
    expect(new JsonPath('{.items[*].metadata.name}').execute(data)).toBe('a b')
    expect(new JsonPath('{.items[0].metadata}').execute(data)).toBe('{"name":"a"}')
    expect(new JsonPath('{.items[-1].metadata.name}').execute(data)).toBe('b')
    expect(new JsonPath('{.missing}').execute(data)).toBe('')
  })

  it('supports range, filters and quoted strings', () => {
    const template =
      '{range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}'
    expect(new JsonPath(template).execute(data)).toBe('a=True\nb=False\n')
    expect(new JsonPath('{..name}').execute(data)).toBe('a b')
  })

  it('relaxes sort-by and custom-columns paths as kubectl does', () => {
    expect(relaxedJsonPath('.metadata.name')).toBe('{.metadata.name}')
    expect(relaxedJsonPath('metadata.name')).toBe('{.metadata.name}')
    expect(relaxedJsonPath('{.a}')).toBe('{.a}')
  })
})

describe('kubectl printers: helpers', () => {
  it('sorts names naturally, times as Go RFC1123Z, field labels as describe does', () => {
    expect(['pod-10', 'pod-2', 'pod-1'].sort(naturalCompare)).toEqual(['pod-1', 'pod-2', 'pod-10'])
    expect(rfc1123z('2026-01-05T09:00:00Z')).toBe('Mon, 05 Jan 2026 09:00:00 +0000')
    expect(rfc1123z('2026-03-01T23:59:59Z')).toBe('Sun, 01 Mar 2026 23:59:59 +0000')
    expect(smartLabel('holderIdentity')).toBe('Holder Identity')
    expect(smartLabel('apiVersion')).toBe('API Version')
    expect(smartLabel('uid')).toBe('UID')
  })
})
