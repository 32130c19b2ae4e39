/** Objects tests and benchmarks create, written once. */
import type { Deployment, ResourceList } from '../../core/api/types'

/** A Deployment of `replicas` pods labelled app=<name>, one container named "web". */
export function deployment(
  name: string,
  replicas: number,
  image = 'nginx:1.27',
  requests?: ResourceList,
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            { name: 'web', image, ...(requests === undefined ? {} : { resources: { requests } }) },
          ],
        },
      },
    },
  }
}
