import { OBJECT_FIELDS, type TypeSchema } from './types'

/** Generated from k8s.io/api and k8s.io/apimachinery v0.32 doc comments (see ./index.ts). */
export const NODE: Record<string, TypeSchema> = {
  Node: {
    description:
      'Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).',
    fields: {
      ...OBJECT_FIELDS,
      spec: {
        type: 'NodeSpec',
        ref: 'NodeSpec',
        description:
          'Spec defines the behavior of a node. https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
      },
      status: {
        type: 'NodeStatus',
        ref: 'NodeStatus',
        description:
          'Most recently observed status of the node. Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status',
      },
    },
  },
  NodeSpec: {
    description: 'NodeSpec describes the attributes that a node is created with.',
    fields: {
      configSource: {
        type: 'NodeConfigSource',
        ref: 'NodeConfigSource',
        description:
          "Deprecated: Previously used to specify the source of the node's configuration for the DynamicKubeletConfig feature. This feature is removed.",
      },
      externalID: {
        type: 'string',
        description:
          'Deprecated. Not all kubelets will set this field. Remove field after 1.13. see: https://issues.k8s.io/61966',
      },
      podCIDR: {
        type: 'string',
        description: 'PodCIDR represents the pod IP range assigned to the node.',
      },
      podCIDRs: {
        type: '[]string',
        description:
          'podCIDRs represents the IP ranges assigned to the node for usage by Pods on that node. If this field is specified, the 0th entry must match the podCIDR field. It may contain at most 1 value for each of IPv4 and IPv6.',
      },
      providerID: {
        type: 'string',
        description:
          'ID of the node assigned by the cloud provider in the format: <ProviderName>://<ProviderSpecificNodeID>',
      },
      taints: {
        type: '[]Taint',
        ref: 'Taint',
        description: "If specified, the node's taints.",
      },
      unschedulable: {
        type: 'boolean',
        description:
          'Unschedulable controls node schedulability of new pods. By default, node is schedulable. More info: https://kubernetes.io/docs/concepts/nodes/node/#manual-node-administration',
      },
    },
  },
  NodeStatus: {
    description: 'NodeStatus is information about the current status of a node.',
    fields: {
      addresses: {
        type: '[]NodeAddress',
        ref: 'NodeAddress',
        description:
          "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).",
      },
      allocatable: {
        type: 'map[string]Quantity',
        ref: 'Quantity',
        description:
          'Allocatable represents the resources of a node that are available for scheduling. Defaults to Capacity.',
      },
      capacity: {
        type: 'map[string]Quantity',
        ref: 'Quantity',
        description:
          'Capacity represents the total resources of a node. More info: https://kubernetes.io/docs/reference/node/node-status/#capacity',
      },
      conditions: {
        type: '[]NodeCondition',
        ref: 'NodeCondition',
        description:
          'Conditions is an array of current observed node conditions. More info: https://kubernetes.io/docs/reference/node/node-status/#condition',
      },
      config: {
        type: 'NodeConfigStatus',
        ref: 'NodeConfigStatus',
        description:
          'Status of the config assigned to the node via the dynamic Kubelet config feature.',
      },
      daemonEndpoints: {
        type: 'NodeDaemonEndpoints',
        ref: 'NodeDaemonEndpoints',
        description: 'Endpoints of daemons running on the Node.',
      },
      features: {
        type: 'NodeFeatures',
        ref: 'NodeFeatures',
        description:
          'Features describes the set of features implemented by the CRI implementation.',
      },
      images: {
        type: '[]ContainerImage',
        ref: 'ContainerImage',
        description: 'List of container images on this node',
      },
      nodeInfo: {
        type: 'NodeSystemInfo',
        ref: 'NodeSystemInfo',
        description:
          'Set of ids/uuids to uniquely identify the node. More info: https://kubernetes.io/docs/reference/node/node-status/#info',
      },
      phase: {
        type: 'string',
        enum: ['Pending', 'Running', 'Terminated'],
        description:
          'NodePhase is the recently observed lifecycle phase of the node. More info: https://kubernetes.io/docs/concepts/nodes/node/#phase The field is never populated, and now is deprecated.\n\nPossible enum values:\n - `"Pending"` means the node has been created/added by the system, but not configured.\n - `"Running"` means the node has been configured and has Kubernetes components running.\n - `"Terminated"` means the node has been removed from the cluster.',
      },
      runtimeHandlers: {
        type: '[]NodeRuntimeHandler',
        ref: 'NodeRuntimeHandler',
        description: 'The available runtime handlers.',
      },
      volumesAttached: {
        type: '[]AttachedVolume',
        ref: 'AttachedVolume',
        description: 'List of volumes that are attached to the node.',
      },
      volumesInUse: {
        type: '[]string',
        description: 'List of attachable volumes in use (mounted) by the node.',
      },
    },
  },
  NodeCondition: {
    description: 'NodeCondition contains condition information for a node.',
    fields: {
      lastHeartbeatTime: {
        type: 'string',
        ref: 'Time',
        description: 'Last time we got an update on a given condition.',
      },
      lastTransitionTime: {
        type: 'string',
        ref: 'Time',
        description: 'Last time the condition transit from one status to another.',
      },
      message: {
        type: 'string',
        description: 'Human readable message indicating details about last transition.',
      },
      reason: {
        type: 'string',
        description: "(brief) reason for the condition's last transition.",
      },
      status: {
        type: 'string',
        required: true,
        description: 'Status of the condition, one of True, False, Unknown.',
      },
      type: {
        type: 'string',
        required: true,
        description: 'Type of node condition.',
      },
    },
  },
  NodeAddress: {
    description: "NodeAddress contains information for the node's address.",
    fields: {
      address: {
        type: 'string',
        required: true,
        description: 'The node address.',
      },
      type: {
        type: 'string',
        required: true,
        description: 'Node address type, one of Hostname, ExternalIP or InternalIP.',
      },
    },
  },
  NodeSystemInfo: {
    description: 'NodeSystemInfo is a set of ids/uuids to uniquely identify the node.',
    fields: {
      architecture: {
        type: 'string',
        required: true,
        description: 'The Architecture reported by the node',
      },
      bootID: {
        type: 'string',
        required: true,
        description: 'Boot ID reported by the node.',
      },
      containerRuntimeVersion: {
        type: 'string',
        required: true,
        description:
          'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
      },
      kernelVersion: {
        type: 'string',
        required: true,
        description:
          "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
      },
      kubeProxyVersion: {
        type: 'string',
        required: true,
        description: 'Deprecated: KubeProxy Version reported by the node.',
      },
      kubeletVersion: {
        type: 'string',
        required: true,
        description: 'Kubelet Version reported by the node.',
      },
      machineID: {
        type: 'string',
        required: true,
        description:
          'MachineID reported by the node. For unique machine identification in the cluster this field is preferred. Learn more from man(5) machine-id: http://man7.org/linux/man-pages/man5/machine-id.5.html',
      },
      operatingSystem: {
        type: 'string',
        required: true,
        description: 'The Operating System reported by the node',
      },
      osImage: {
        type: 'string',
        required: true,
        description:
          'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
      },
      systemUUID: {
        type: 'string',
        required: true,
        description:
          'SystemUUID reported by the node. For unique machine identification MachineID is preferred. This field is specific to Red Hat hosts https://access.redhat.com/documentation/en-us/red_hat_subscription_management/1/html/rhsm/uuid',
      },
    },
  },
  ContainerImage: {
    description: 'Describe a container image',
    fields: {
      names: {
        type: '[]string',
        description:
          'Names by which this image is known. e.g. ["kubernetes.example/hyperkube:v1.0.7", "cloud-vendor.registry.example/cloud-vendor/hyperkube:v1.0.7"]',
      },
      sizeBytes: {
        type: 'integer',
        description: 'The size of the image in bytes.',
      },
    },
  },
  NodeDaemonEndpoints: {
    description: 'NodeDaemonEndpoints lists ports opened by daemons running on the Node.',
  },
  NodeConfigSource: {
    description:
      'NodeConfigSource specifies a source of node configuration. Exactly one subfield (excluding metadata) must be non-nil. This API is deprecated since 1.22',
  },
  NodeConfigStatus: {
    description:
      'NodeConfigStatus describes the status of the config assigned by Node.Spec.ConfigSource.',
  },
  NodeRuntimeHandler: {
    description: 'NodeRuntimeHandler is a set of runtime handler information.',
  },
  NodeFeatures: {
    description:
      'NodeFeatures describes the set of features implemented by the CRI implementation. The features contained in the NodeFeatures should depend only on the cri implementation independent of runtime handlers.',
  },
  AttachedVolume: {
    description: 'AttachedVolume describes a volume attached to a node',
  },
}
