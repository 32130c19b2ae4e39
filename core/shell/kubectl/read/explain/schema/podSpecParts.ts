import type { TypeSchema } from './types'

/** Generated from k8s.io/api and k8s.io/apimachinery v0.32 doc comments (see ./index.ts). */
export const POD_SPEC_PARTS: Record<string, TypeSchema> = {
  PodOS: {
    description: 'PodOS defines the OS parameters of a pod.',
    fields: {
      name: {
        type: 'string',
        required: true,
        description:
          'Name is the name of the operating system. The currently supported values are linux and windows. Additional value may be defined in future and can be one of: https://github.com/opencontainers/runtime-spec/blob/master/config.md#platform-specific-configuration Clients should expect to handle additional values and treat unrecognized values in this field as os: null',
      },
    },
  },
  PodSchedulingGate: {
    description: 'PodSchedulingGate is associated to a Pod to guard its scheduling.',
    fields: {
      name: {
        type: 'string',
        required: true,
        description:
          'Name of the scheduling gate. Each scheduling gate must have a unique name field.',
      },
    },
  },
  PodReadinessGate: {
    description: 'PodReadinessGate contains the reference to a pod condition',
    fields: {
      conditionType: {
        type: 'string',
        required: true,
        description:
          "ConditionType refers to a condition in the pod's condition list with matching type.",
      },
    },
  },
  HostAlias: {
    description:
      "HostAlias holds the mapping between IP and hostnames that will be injected as an entry in the pod's hosts file.",
    fields: {
      hostnames: {
        type: '[]string',
        description: 'Hostnames for the above IP address.',
      },
      ip: {
        type: 'string',
        required: true,
        description: 'IP address of the host file entry.',
      },
    },
  },
  PodDNSConfig: {
    description:
      'PodDNSConfig defines the DNS parameters of a pod in addition to those generated from DNSPolicy.',
    fields: {
      nameservers: {
        type: '[]string',
        description:
          'A list of DNS name server IP addresses. This will be appended to the base nameservers generated from DNSPolicy. Duplicated nameservers will be removed.',
      },
      options: {
        type: '[]PodDNSConfigOption',
        ref: 'PodDNSConfigOption',
        description:
          'A list of DNS resolver options. This will be merged with the base options generated from DNSPolicy. Duplicated entries will be removed. Resolution options given in Options will override those that appear in the base DNSPolicy.',
      },
      searches: {
        type: '[]string',
        description:
          'A list of DNS search domains for host-name lookup. This will be appended to the base search paths generated from DNSPolicy. Duplicated search paths will be removed.',
      },
    },
  },
  PodDNSConfigOption: {
    description: 'PodDNSConfigOption defines DNS resolver options of a pod.',
    fields: {
      name: {
        type: 'string',
        description: "Name is this DNS resolver option's name. Required.",
      },
      value: {
        type: 'string',
        description: "Value is this DNS resolver option's value.",
      },
    },
  },
  PodResourceClaim: {
    description:
      'PodResourceClaim references exactly one ResourceClaim, either directly or by naming a ResourceClaimTemplate which is then turned into a ResourceClaim for the pod.\n\nIt adds a name to it that uniquely identifies the ResourceClaim inside the Pod. Containers that need access to the ResourceClaim reference it with this name.',
  },
  TopologySpreadConstraint: {
    description:
      'TopologySpreadConstraint specifies how to spread matching pods among the given topology.',
  },
  EphemeralContainer: {
    description:
      'An EphemeralContainer is a temporary container that you may add to an existing Pod for user-initiated activities such as debugging. Ephemeral containers have no resource or scheduling guarantees, and they will not be restarted when they exit or when a Pod is removed or restarted. The kubelet may evict a Pod if an ephemeral container causes the Pod to exceed its resource allocation.\n\nTo add an ephemeral container, use the ephemeralcontainers subresource of an existing Pod. Ephemeral containers may not be removed or restarted.',
  },
}
