import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../core/api/types'
import { sim } from '../../support/sim'

describe('apiserver: pod updates', () => {
  it('refuse to drop a toleration, with the real field error', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run web --image=nginx')
    const pod = t.api('GET', '/api/v1/namespaces/default/pods/web').body as Pod
    expect(pod.spec.tolerations).toHaveLength(2)
    const fewer = { ...pod, spec: { ...pod.spec, tolerations: pod.spec.tolerations!.slice(1) } }
    const response = t.api('PUT', '/api/v1/namespaces/default/pods/web', fewer)
    expect(response.status).toBe(422)
    expect((response.body as { message: string }).message).toBe(
      'Pod "web" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds',
    )
  })

  it('accept an added toleration', () => {
    const t = sim({ seed: 1 })
    t.sh('kubectl run web --image=nginx')
    const pod = t.api('GET', '/api/v1/namespaces/default/pods/web').body as Pod
    const more = {
      ...pod,
      spec: {
        ...pod.spec,
        tolerations: [...pod.spec.tolerations!, { key: 'dedicated', operator: 'Exists' as const }],
      },
    }
    expect(t.api('PUT', '/api/v1/namespaces/default/pods/web', more).status).toBe(200)
  })
})
