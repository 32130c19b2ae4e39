import { describe, expect, it } from 'vitest'
import { wrap } from '../../../core/shell/kubectl/read/explain/wrap'
import { sim } from '../../support/sim'

const explain = (args: string) => sim({ seed: 1 }).sh(`kubectl explain ${args}`)

describe('kubectl explain', () => {
  it('explain: pod.spec.containers shows the field, both descriptions, then every Container field', () => {
    const out = explain('pod.spec.containers').stdout
    expect(
      out.startsWith(
        'KIND:       Pod\n' +
          'VERSION:    v1\n' +
          '\n' +
          'FIELD: containers <[]Container>\n' +
          '\n' +
          '\n' +
          'DESCRIPTION:\n' +
          '    List of containers belonging to the pod. Containers cannot currently be\n' +
          '    added or removed. There must be at least one container in a Pod. Cannot be\n' +
          '    updated.\n' +
          '    A single application container that you want to run within a pod.\n' +
          '    \n' +
          'FIELDS:\n' +
          '  args\t<[]string>\n' +
          "    Arguments to the entrypoint. The container image's CMD is used if this is\n",
      ),
    ).toBe(true)
    expect(out).toContain(
      '  name\t<string> -required-\n' +
        '    Name of the container specified as a DNS_LABEL. Each container in a pod must\n' +
        '    have a unique name (DNS_LABEL). Cannot be updated.\n\n',
    )
    expect(out).toContain(
      '  imagePullPolicy\t<string>\n' +
        '  enum: Always, IfNotPresent, Never\n' +
        '    Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if\n',
    )
    expect(out).toContain('  resources\t<ResourceRequirements>\n')
    expect(out).toContain('  volumeMounts\t<[]VolumeMount>\n')
    expect(out.endsWith('    Cannot be updated.\n\n\n')).toBe(true)
  })

  it('explain: a leaf field prints its FIELD line and description, and no FIELDS', () => {
    expect(explain('pods.spec.containers.image').stdout).toBe(
      'KIND:       Pod\n' +
        'VERSION:    v1\n' +
        '\n' +
        'FIELD: image <string>\n' +
        '\n' +
        '\n' +
        'DESCRIPTION:\n' +
        '    Container image name. More info:\n' +
        '    https://kubernetes.io/docs/concepts/containers/images This field is optional\n' +
        '    to allow higher level config management to default or override container\n' +
        '    images in workload controllers like Deployments and StatefulSets.\n' +
        '    \n' +
        '\n',
    )
  })

  it('explain: an IntOrString field adds the IntOrString description after its own', () => {
    expect(explain('deploy.spec.strategy.rollingUpdate.maxSurge').stdout).toBe(
      'GROUP:      apps\n' +
        'KIND:       Deployment\n' +
        'VERSION:    v1\n' +
        '\n' +
        'FIELD: maxSurge <IntOrString>\n' +
        '\n' +
        '\n' +
        'DESCRIPTION:\n' +
        '    The maximum number of pods that can be scheduled above the desired number of\n' +
        '    pods. Value can be an absolute number (ex: 5) or a percentage of desired\n' +
        '    pods (ex: 10%). This can not be 0 if MaxUnavailable is 0. Absolute number is\n' +
        '    calculated from percentage by rounding up. Defaults to 25%. Example: when\n' +
        '    this is set to 30%, the new ReplicaSet can be scaled up immediately when the\n' +
        '    rolling update starts, such that the total number of old and new pods do not\n' +
        '    exceed 130% of desired pods. Once old pods have been killed, new ReplicaSet\n' +
        '    can be scaled up further, ensuring that total number of pods running at any\n' +
        '    time during the update is at most 130% of desired pods.\n' +
        '    IntOrString is a type that can hold an int32 or a string.  When used in JSON\n' +
        '    or YAML marshalling and unmarshalling, it produces or consumes the inner\n' +
        '    type.  This allows you to have, for example, a JSON field that can accept a\n' +
        '    name or number.\n' +
        '    \n' +
        '\n',
    )
  })

  it('explain: an enum field lists its values under ENUM: and explains each of them', () => {
    expect(explain('svc.spec.type').stdout).toBe(
      'KIND:       Service\n' +
        'VERSION:    v1\n' +
        '\n' +
        'FIELD: type <string>\n' +
        'ENUM:\n' +
        '    ClusterIP\n' +
        '    ExternalName\n' +
        '    LoadBalancer\n' +
        '    NodePort\n' +
        '\n' +
        'DESCRIPTION:\n' +
        '    type determines how the Service is exposed. Defaults to ClusterIP. Valid\n' +
        '    options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP"\n' +
        '    allocates a cluster-internal IP address for load-balancing to endpoints.\n' +
        '    Endpoints are determined by the selector or if that is not specified, by\n' +
        '    manual construction of an Endpoints object or EndpointSlice objects. If\n' +
        '    clusterIP is "None", no virtual IP is allocated and the endpoints are\n' +
        '    published as a set of endpoints rather than a virtual IP. "NodePort" builds\n' +
        '    on ClusterIP and allocates a port on every node which routes to the same\n' +
        '    endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an\n' +
        '    external load-balancer (if supported in the current cloud) which routes to\n' +
        '    the same endpoints as the clusterIP. "ExternalName" aliases this service to\n' +
        '    the specified externalName. Several other fields do not apply to\n' +
        '    ExternalName services. More info:\n' +
        '    https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types\n' +
        '    \n' +
        '    Possible enum values:\n' +
        '     - `"ClusterIP"` means a service will only be accessible inside the cluster,\n' +
        '    via the cluster IP.\n' +
        '     - `"ExternalName"` means a service consists of only a reference to an\n' +
        '    external name that kubedns or equivalent will return as a CNAME record, with\n' +
        '    no exposing or proxying of any pods involved.\n' +
        '     - `"LoadBalancer"` means a service will be exposed via an external load\n' +
        "    balancer (if the cloud provider supports it), in addition to 'NodePort'\n" +
        '    type.\n' +
        '     - `"NodePort"` means a service will be exposed on one port of every node,\n' +
        "    in addition to 'ClusterIP' type.\n" +
        '    \n' +
        '\n',
    )
  })

  it('explain: an unknown field is an error naming the last field of the path', () => {
    const missing = explain('pod.spec.nosuch')
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toBe('error: field "nosuch" does not exist\n')
    expect(missing.exitCode).toBe(1)
    expect(explain('pod.spec.nosuch.deeper').stderr).toBe('error: field "deeper" does not exist\n')
    expect(explain('pod.spec.hostname.x').stderr).toBe('error: field "x" does not exist\n')
  })

  it('explain: a field of a type KubeLab only describes says so instead of "does not exist"', () => {
    const out = explain('pod.spec.topologySpreadConstraints')
    expect(out.stdout).toContain('FIELD: topologySpreadConstraints <[]TopologySpreadConstraint>\n')
    expect(out.stdout).toContain(
      '    TopologySpreadConstraint specifies how to spread matching pods among the\n',
    )
    expect(out.stdout).not.toContain('FIELDS:')
    expect(explain('pod.spec.topologySpreadConstraints.maxSkew').stderr).toBe(
      'error: the fields of TopologySpreadConstraint are not explained in KubeLab\n',
    )
  })

  it('explain: --recursive prints the field tree, two spaces a level, with types and no descriptions', () => {
    expect(explain('deploy.spec.strategy --recursive').stdout).toBe(
      'GROUP:      apps\n' +
        'KIND:       Deployment\n' +
        'VERSION:    v1\n' +
        '\n' +
        'FIELD: strategy <DeploymentStrategy>\n' +
        '\n' +
        '\n' +
        'DESCRIPTION:\n' +
        '    The deployment strategy to use to replace existing pods with new ones.\n' +
        '    DeploymentStrategy describes how to replace existing pods with new ones.\n' +
        '    \n' +
        'FIELDS:\n' +
        '  rollingUpdate\t<RollingUpdateDeployment>\n' +
        '    maxSurge\t<IntOrString>\n' +
        '    maxUnavailable\t<IntOrString>\n' +
        '  type\t<string>\n' +
        '  enum: Recreate, RollingUpdate\n' +
        '\n',
    )
  })

  it('explain: descriptions wrap as go-wordwrap does, a line filling the 76 columns', () => {
    expect(wrap(`${'a'.repeat(70)} bcdef ghi`, 76)).toBe(`${'a'.repeat(70)} bcdef\nghi`)
    expect(wrap(`x ${'y'.repeat(80)} z`, 76)).toBe(`x\n${'y'.repeat(80)}\nz`)
    expect(wrap('one\n\ntwo', 76)).toBe('one\n\ntwo')
  })
})
